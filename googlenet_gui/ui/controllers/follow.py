"""File > Follow Run Folder: a run that another process writes (the CLI, torchrun, a machine whose
run folder is mounted) appears in the plots and the progress panel and updates live.

A QTimer polls a core.runs.follow.RunFollower on the pool (one poll in flight at a time), which reads
only the bytes metrics.jsonl gained since the last poll; its events are the engine's own
(RunStarted, BatchEnd, EpochEnd), shown as a training in the window is. The state comes from the
files: finished and stopped runs say so, a run that stopped writing says how long ago it wrote.
Once the run has a last.pt, classification uses it (the weights source reads it again whenever
the run rewrites it). Following stops when the window starts training of its own.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from ...core.runs.events import BatchEnd, EpochEnd, RunStarted
from ...core.runs.follow import FollowUpdate, RunFollower
from ...core.runs.runlog import RUNNING
from ...core.common.text import display_name
from ...core.inference.weights import WeightsSource
from ..words import failure, say
from ..jobs import run_job
from ..panels.plots_panel import PlotsPanel
from ..panels.progress_panel import ProgressPanel
from ..panels.runs_panel import RunsPanel, state_text

POLL_MS = 1000


class FollowController(QObject):
    weights_changed = Signal()  # the followed run's last.pt classifies now
    state_changed = Signal()  # following started or stopped: menus follow
    polled = Signal()  # an update has been shown (tests and scripts)

    def __init__(self, plots: PlotsPanel, progress: ProgressPanel, runs_panel: RunsPanel, status: QStatusBar,
                 weights: WeightsSource, training_running: Callable[[], bool], dialog_parent: QWidget,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.plots, self.progress, self.runs_panel, self.status = plots, progress, runs_panel, status
        self.weights, self.training_running, self.dialog_parent = weights, training_running, dialog_parent
        self.folder: Path | None = None
        self.follower: RunFollower | None = None
        self.state: str | None = None  # the followed run's state, as its files say
        self._generation = 0  # a poll's result for an earlier follow is dropped
        self._in_flight = False
        self._started: RunStarted | None = None  # the newest session's start
        self._session_started: float | None = None  # when it started (seconds since 1970)
        self._last_batch: BatchEnd | None = None
        self._ended = False
        self._checkpoint_used = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        runs_panel.stop_following_requested.connect(self.stop)

    @property
    def following(self) -> bool:
        return self.follower is not None

    # ------------------------------------------------------------ commands

    @Slot()
    def follow_dialog(self) -> None:
        start = QSettings().value("paths/follow", "")
        folder = QFileDialog.getExistingDirectory(self.dialog_parent, self.tr("Follow a run folder"),
                                                  start if isinstance(start, str) else "")
        if folder:
            QSettings().setValue("paths/follow", str(Path(folder).parent))
            self.follow(Path(folder))

    def follow(self, folder: Path) -> bool:
        """Show `folder`'s run from its first record on, then as it grows."""
        if self.training_running():
            self.status.showMessage(self.tr("Stop training first: the plots show the run in progress"), 8000)
            return False
        self.stop()
        self.folder, self.follower = Path(folder), RunFollower(folder)
        self._generation += 1
        self._reset_view()
        self._checkpoint_used = False
        name = display_name(folder)
        self.runs_panel.set_following(lambda: self.tr("Following {}: reading…").format(name))
        self.timer.start()
        self._poll()
        self.state_changed.emit()
        return True

    @Slot()
    def stop(self) -> None:
        was_following = self.following
        self.timer.stop()
        self.follower = None
        self._generation += 1
        self._in_flight = False
        self.runs_panel.set_following(None)
        if was_following:
            if not self._ended:
                self.progress.finish()
            self.state_changed.emit()

    # ------------------------------------------------------------ polling

    @Slot()
    def _poll(self) -> None:
        if self.follower is None or self._in_flight:
            return
        if self.training_running():  # the plots belong to the window's own run now
            self.stop()
            return
        self._in_flight = True
        follower, generation = self.follower, self._generation
        run_job(lambda report: follower.poll(), on_result=lambda update: self._show(generation, update),
                on_error=lambda message: self._show(generation, FollowUpdate(problem=failure(
                    message, lambda m: self.tr("Cannot follow the run: {0}").format(m)))))

    def _show(self, generation: int, update: FollowUpdate) -> None:
        if generation != self._generation:
            return  # an earlier follow's poll
        self._in_flight = False
        if self.training_running():
            self.stop()
            return
        if update.problem:
            self._lost(update.problem)
            return
        if update.restarted:
            self._reset_view()
        self._show_events(update)
        self.state = update.state
        self._show_state(update)
        if update.last_checkpoint is not None and not self._checkpoint_used:
            self._checkpoint_used = True
            self.weights.use_file(update.last_checkpoint)  # read again by the weights source when rewritten
            self.weights_changed.emit()
        self.polled.emit()
        if update.more:
            QTimer.singleShot(0, self._poll)  # the rest of a long log, without waiting a second

    def _show_events(self, update: FollowUpdate) -> None:
        batches: list[BatchEnd] = []

        def flush() -> None:
            if batches:
                self.plots.add_batches([e.step for e in batches], [e.loss for e in batches],
                                       [e.accuracy for e in batches])
                self._last_batch = batches[-1]
                self.progress.update_batch(batches[-1])  # before a later epoch end, as it happened
                batches.clear()

        for event in update.events:
            if isinstance(event, BatchEnd):
                batches.append(event)
                continue
            flush()
            if isinstance(event, RunStarted):
                if self._started is None and not self.plots.has_data():
                    self.plots.reset(event.steps_per_epoch)
                self._started, self._session_started, self._ended = event, update.session_started, False
                elapsed = time.time() - update.session_started if update.session_started else 0.0
                self.progress.start_run(event, elapsed)
            elif isinstance(event, EpochEnd):
                self.plots.add_epochs([event])
                self.progress.epoch_done(event.epoch)
        flush()

    def _show_state(self, update: FollowUpdate) -> None:
        name = display_name(self.folder) if self.folder else ""
        if update.state is None:
            self.runs_panel.set_following(
                lambda: self.tr("Following {}: waiting for the run to write metrics.jsonl").format(name))
            return
        state, last_write, now = update.state, update.last_write, time.time()
        batch = self._last_batch if update.state == RUNNING else None
        epochs = self._started.epochs if self._started else "?"

        def following() -> str:
            where = "" if batch is None else self.tr(", epoch {} of {}, batch {} of {}").format(
                batch.epoch, epochs, batch.batch, batch.batches)
            return self.tr("Following {}: {}").format(name, state_text(state, last_write, now)) + where

        self.runs_panel.set_following(following)
        if update.state != RUNNING and not self._ended:
            self._ended = True
            run_time = None
            if self._session_started is not None and update.last_write is not None:
                run_time = max(0.0, update.last_write - self._session_started)
            self.progress.finish(run_time)
        elif update.state == RUNNING and self._ended and self._started is not None:
            self._ended = False  # written again (resumed): the clock goes on
            self.progress.start_run(self._started, time.time() - (self._session_started or time.time()))

    def _lost(self, problem: str) -> None:
        """Following cannot go on (the folder was deleted): say why; what is shown stays."""
        self.timer.stop()
        self.follower = None
        if not self._ended:
            self._ended = True
            self.progress.finish()
        self.runs_panel.set_following(problem)
        self.status.showMessage(say(problem), 10_000)
        self.state_changed.emit()

    def _reset_view(self) -> None:
        self.plots.reset(1)
        self.progress.reset()
        self._started = self._session_started = self._last_batch = None
        self._ended = False
