"""File > Follow Run Folder: a run that another process writes (the CLI, torchrun, a machine whose
run folder is mounted) is the run the app shows (state.run), live.

A QTimer polls a core.runs.follow.RunFollower on the pool (one poll in flight at a time), which reads
and parses only the bytes metrics.jsonl gained since the last poll; its events are the engine's own
(RunStarted, BatchEnd, EpochEnd), and each poll's are handed to the run view at once, so a long log
costs the GUI thread one redraw, not one per epoch. The state comes from the files: finished and
stopped runs say so, a run that stopped writing says how long ago it wrote. Once the run has a
last.pt, its weights answer (state.weights reads it again whenever the run rewrites it). Following
stops when anything else is shown (the window's own training, an opened checkpoint, a new run).
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from ...core.common.text import display_name
from ...core.runs.events import BatchEnd, RunStarted
from ...core.runs.follow import FollowUpdate, RunFollower
from ...core.runs.runlog import FAILED as FAILED_STATE
from ...core.runs.runlog import FINISHED_STATE, RUNNING, STOPPED_STATE
from ...state import AppState
from ...state.run import FAILED, FINISHED, FOLLOWING, STOPPED, Shown
from ..jobs import JobSlot
from ..panels.runs_panel import RunsPanel, state_text
from ..words import failure, say

POLL_MS = 1000
ENDED = {FINISHED_STATE: FINISHED, STOPPED_STATE: STOPPED, FAILED_STATE: FAILED}


class FollowController(QObject):
    started = Signal()  # following a folder began
    polled = Signal()  # an update has been shown (tests and scripts)

    def __init__(self, state: AppState, runs_panel: RunsPanel, status: QStatusBar, dialog_parent: QWidget,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.state, self.runs_panel, self.status, self.dialog_parent = state, runs_panel, status, dialog_parent
        self.folder: Path | None = None
        self.follower: RunFollower | None = None
        self.run_state: str | None = None  # the followed run's state, as its files say
        self.poll_job = JobSlot()  # one poll in flight; stopping drops its result
        self._session_started: float | None = None  # when the newest session started (seconds since 1970)
        self._ended = False
        self._checkpoint_used = False
        self._clearing = False  # the view is cleared by this follow itself (a rewritten log)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        runs_panel.stop_following_requested.connect(self.stop)
        # the run view has one source: anything else shown ends following
        state.run.cleared.connect(self._another_run_shown)
        state.run.shown.connect(lambda shown: shown.source != FOLLOWING and self._another_run_shown())

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
        if self.state.activity.training:
            self.status.showMessage(self.tr("Stop training first: the plots show the run in progress"), 8000)
            return False
        self.stop()
        self.state.run.clear()
        self.folder, self.follower = Path(folder), RunFollower(folder)
        self._session_started, self._ended, self._checkpoint_used = None, False, False
        name = display_name(folder)
        self.runs_panel.set_following(lambda: self.tr("Following {}: reading…").format(name))
        self.timer.start()
        self._poll()
        self.state.activity.set_following(self.folder)
        self.started.emit()
        return True

    @Slot()
    def stop(self) -> None:
        was_following = self.following
        self.timer.stop()
        self.follower = None
        self.poll_job.cancel()
        self.runs_panel.set_following(None)
        if was_following:
            if not self._ended and self.state.run.source == FOLLOWING:
                self.state.run.set_status(STOPPED)
            self.state.activity.set_following(None)

    def _another_run_shown(self) -> None:
        if self.following and not self._clearing and self.state.run.source != FOLLOWING:
            self.stop()

    # ------------------------------------------------------------ polling

    @Slot()
    def _poll(self) -> None:
        if self.follower is None or self.poll_job.running:
            return
        follower = self.follower
        self.poll_job.start(lambda report, cancel: follower.poll(), on_result=self._show,
                            on_error=lambda message: self._show(FollowUpdate(problem=failure(
                                message, lambda m: self.tr("Cannot follow the run: {0}").format(m)))))

    def _show(self, update: FollowUpdate) -> None:
        if update.problem:
            self._lost(update.problem)
            return
        run = self.state.run
        if update.restarted:
            self._clearing = True
            run.clear()
            self._clearing = False
        self._show_events(update)
        self.run_state = update.state
        self._show_state(update)
        if update.last_checkpoint is not None and not self._checkpoint_used:
            self._checkpoint_used = True
            self.state.weights.use_file(update.last_checkpoint)  # read again by the weights source when rewritten
        self.polled.emit()
        if update.more:
            QTimer.singleShot(0, self._poll)  # the rest of a long log, without waiting a second

    def _show_events(self, update: FollowUpdate) -> None:
        """The poll's events to the run view: each session's start, and everything between at once."""
        run, pending = self.state.run, []
        for event in update.events:
            if not isinstance(event, RunStarted):
                pending.append(event)
                continue
            run.add(pending)
            pending = []
            elapsed = time.time() - update.session_started if update.session_started else 0.0
            self._session_started, self._ended = update.session_started, False
            if run.source != FOLLOWING:
                run.show(Shown(FOLLOWING, event, elapsed))
            else:
                run.show_session(event, elapsed)
        run.add(pending)

    def _show_state(self, update: FollowUpdate) -> None:
        name = display_name(self.folder) if self.folder else ""
        if update.state is None:
            self.runs_panel.set_following(
                lambda: self.tr("Following {}: waiting for the run to write metrics.jsonl").format(name))
            return
        run = self.state.run
        state, last_write, now = update.state, update.last_write, time.time()
        batch: BatchEnd | None = run.last_batch if update.state == RUNNING else None
        epochs = run.started.epochs if run.started is not None else "?"

        def following() -> str:
            where = "" if batch is None else self.tr(", epoch {} of {}, batch {} of {}").format(
                batch.epoch, epochs, batch.batch, batch.batches)
            return self.tr("Following {}: {}").format(name, state_text(state, last_write, now)) + where

        self.runs_panel.set_following(following)
        if update.state != RUNNING and not self._ended:
            self._ended = True
            trained = None
            if self._session_started is not None and update.last_write is not None:
                trained = max(0.0, update.last_write - self._session_started)
            if run.source == FOLLOWING:
                run.set_status(ENDED.get(update.state, STOPPED), trained)
        elif update.state == RUNNING and self._ended and run.started is not None:
            self._ended = False  # written again (resumed): the clock goes on
            run.show_session(run.started, time.time() - (self._session_started or time.time()))

    def _lost(self, problem: str) -> None:
        """Following cannot go on (the folder was deleted): say why; what is shown stays."""
        self.timer.stop()
        self.follower = None
        if not self._ended and self.state.run.source == FOLLOWING:
            self._ended = True
            self.state.run.set_status(STOPPED)
        self.runs_panel.set_following(problem)
        self.status.showMessage(say(problem), 10_000)
        self.state.activity.set_following(None)
