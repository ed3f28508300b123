"""Training from the window: Start, Pause, Stop, New Run, and the run's events fed to the app's state.

The walk of a setting (docs/ARCHITECTURE.md): the training panel's widgets -> config() ->
TrainConfig -> core.training.engine.Trainer on the training thread -> the engine's events ->
_on_events -> state.run (the plots, progress and Run tab follow it), state.weights (every view that
answers follows it) and the status bar.
"""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QStatusBar

from ...core.runs.events import (BatchEnd, CheckpointSaved, EpochEnd, EpochPredictions, Failed, Finished, Note, Paused,
                                 RunStarted, Status, Stopped)
from ...core.runs.branchlog import BranchSample
from ...core.runs.runlog import METRICS_FILE
from ...state import AppState
from ...state.activity import ResumeTarget
from ...state.run import FAILED, FINISHED, PAUSED, RUNNING, STOPPED, TRAINING, Shown
from ..panels.training_panel import TrainingPanel
from ..training_worker import TrainingThread, updates_per_second
from ..words import position_where, say

# While training, the live weights are copied this often, so a dropped image is classified at
# once with weights at most this old (the copy costs ~10 ms on a CPU: well under 1%).
SNAPSHOT_INTERVAL = 3.0


class TrainingController(QObject):
    run_started = Signal(object, object)  # RunStarted, the Trainer that runs it
    run_ended = Signal(object)  # Finished, Stopped or Failed, once the thread has ended
    checkpoint_saved = Signal(object)  # CheckpointSaved
    epoch_ended = Signal(object)  # EpochEnd
    epoch_predictions = Signal(object)  # EpochPredictions: each validation image's answer
    progressed = Signal(int)  # the global step of the newest batch shown (once per batch of events)
    branches_sampled = Signal(list)  # BranchSample: how each part learns, at the steps sampled
    launch_requested = Signal(object, object, object, int)  # TrainConfig, run folder, checkpoint to resume, processes

    def __init__(self, panel: TrainingPanel, state: AppState, status: QStatusBar, runs_dir: Path,
                 imagenet_ready: Callable[[], bool] = lambda: False, parent: QObject | None = None):
        """`imagenet_ready()`: whether GoogLeNet's ImageNet weights are on this computer (a dataset made in the
        app trains from them)."""
        super().__init__(parent)
        self.panel, self.state, self.status, self.runs_dir = panel, state, status, runs_dir
        self.imagenet_ready = imagenet_ready
        self.thread = TrainingThread(self)
        self.last_checkpoint: str | None = None  # the current run's last.pt
        self.step_seconds: float | None = None  # the last measured time of one training step
        self.tensorboard: Any = None  # the run's core.training.tensorboard_log.TensorBoardLog, when asked for
        self._core_ready = False
        self._start_when_ready = False

        from ...core.training.tensorboard_log import missing_package  # no torch: only looks for the package

        panel.set_tensorboard_problem(missing_package())
        panel.start_clicked.connect(self.start)
        panel.pause_clicked.connect(self.toggle_pause)
        panel.stop_clicked.connect(self.stop)
        self.thread.events.connect(self._on_events)
        self.thread.finished.connect(self._on_finished)
        state.activity.changed.connect(self._show_resume)

    @property
    def running(self) -> bool:
        return self.thread.running

    @property
    def paused(self) -> bool:
        return self.thread.paused

    @property
    def trainer(self) -> Any:
        return self.thread.trainer

    @property
    def resume_path(self) -> Path | None:
        resume = self.state.activity.resume
        return resume.path if resume is not None else None

    def core_ready(self) -> None:
        self._core_ready = True
        if self._start_when_ready:
            self._start_when_ready = False
            self.start()

    # ------------------------------------------------------------ commands

    @Slot()
    def start(self) -> None:
        activity, data = self.state.activity, self.state.data
        if not activity.can_start() or not data.ready:
            return
        if not self._core_ready:  # pressed during the first seconds: start as soon as PyTorch is in
            self._start_when_ready = True
            self.status.showMessage(self.tr("Starting as soon as PyTorch has loaded…"))
            return
        from ...core.training.engine import Trainer

        config = self.panel.config()
        run_dir = self._run_folder()
        resume = self.resume_path
        processes = self.panel.processes()
        if processes > 1:  # "All N GPUs": other processes train, the launch controller starts them
            activity.set_resume(None)  # continued (or not) in the run folder: Start next begins a new run
            self.launch_requested.emit(config, run_dir, resume, processes)
            return
        self.state.run.clear()
        self.last_checkpoint = None
        self.step_seconds = None
        trainer = Trainer(config, run_dir=run_dir, resume_from=resume, snapshot_interval=SNAPSHOT_INTERVAL)
        self.tensorboard = None
        if self.panel.tensorboard_logs():
            from ...core.training.tensorboard_log import TensorBoardLog

            self.tensorboard = TensorBoardLog(run_dir)
        consumers = (self.tensorboard,) if self.tensorboard is not None else ()
        self.thread.start(trainer, updates_per_second(config.device, config.num_threads), consumers)
        self.state.weights.use_live(trainer)
        self.state.weights.set_training(True)
        activity.set_run_checkpoint(None)
        activity.set_training(True)
        self.panel.show_error("")
        self.status.showMessage(self.tr("Starting: loading data…"))

    def _run_folder(self) -> Path:
        """Resuming a run folder's last.pt continues in that folder; anything else (a new run, or
        going back to an earlier best.pt, which must not overwrite the later last.pt) gets a new,
        time-stamped folder."""
        resume = self.resume_path
        if resume is not None and resume.name == "last.pt" and (resume.parent / METRICS_FILE).is_file():
            return resume.parent
        stamp = time.strftime("%Y%m%d-%H%M%S")
        run_dir, suffix = self.runs_dir / stamp, 1
        while run_dir.exists():
            suffix += 1
            run_dir = self.runs_dir / f"{stamp}-{suffix}"
        return run_dir

    @Slot()
    def toggle_pause(self) -> None:
        if not self.running:
            return
        if self.paused:
            self.thread.unpause()
            self.status.showMessage(self.tr("Training"))
        else:
            self.thread.pause()
            self.status.showMessage(self.tr("Pausing after the current batch…"))
        self.state.activity.set_training(True, self.paused)
        self.state.run.set_status(PAUSED if self.paused else RUNNING)

    @Slot()
    def stop(self, hurry: bool = False) -> None:
        """Stop after this step and save last.pt; `hurry`: the window closes, save without settling first."""
        if self.running:
            self.thread.stop(hurry)
            self.status.showMessage(self.stopping_text())

    def stopping_text(self) -> str:
        if self.step_seconds is not None and self.step_seconds >= 2:
            return self.tr("Stopping after this step (about {0:.0f} s) and saving last.pt…").format(self.step_seconds)
        return self.tr("Stopping after this step and saving last.pt…")

    @Slot()
    def new_run(self) -> None:
        """Train > New Run: forget the checkpoint Start would continue and the one opened; every
        setting is editable again, the plots are empty, and the last run's weights (or, without
        one, the untrained network) answer."""
        activity, weights = self.state.activity, self.state.weights
        if not activity.can_new_run():
            return
        activity.set_resume(None)
        activity.set_opened(None)
        activity.set_run_checkpoint(None)
        self.state.run.clear()
        if weights.kind != "live":
            if self.trainer is not None:
                weights.use_live(self.trainer, self._class_names())
            else:
                weights.use_untrained()

    @Slot(str)
    def train_on_folder(self, folder: str) -> None:
        """The dataset editor's "Train on This Dataset": a new run on the folder, with the other settings
        as the training panel has them; from GoogLeNet's ImageNet weights, training the last layer only
        (seconds an epoch, the way to learn from a few dozen pictures), when they are here and the panel
        starts from random weights."""
        if self.state.activity.busy:
            self.status.showMessage(self.tr("Training is running: stop it first"), 8000)
            return
        if self.state.activity.resume is not None:
            self.new_run()
        self.panel.use_folder(folder)
        if self.imagenet_ready() and self.panel.config().init is None:
            from ...core.runs.config import INIT_IMAGENET

            self.panel.start_from(INIT_IMAGENET, "head")
        self.start()

    def _class_names(self) -> list[str] | None:
        snapshot = self.trainer.latest_snapshot() if self.trainer is not None else None
        return snapshot.class_names if snapshot is not None else None

    def _show_resume(self) -> None:
        """The training panel shows what Start continues: its settings, locked but for those a resume may change."""
        target = self.state.activity.resume
        if target is None:
            if self.panel.resuming():
                self.panel.set_resume(None)
            return
        shown = dataclasses.replace(target.config)
        shown.epochs = max(target.config.epochs, target.position.epochs_done + 1)
        path, position = target.path, target.position
        self.panel.set_resume(shown, lambda: f"{path.name} {position_where(position)}")

    def resume_target(self, path: Path, checkpoint: Any) -> ResumeTarget | None:
        """What Start would continue of `checkpoint` (read from `path`); None, saying so, when it cannot be resumed."""
        if checkpoint.train_config is None or checkpoint.resume is None:
            self.status.showMessage(self.tr("{0} holds weights only: it classifies, but cannot be resumed").format(path.name), 8000)
            return None
        return ResumeTarget(path, checkpoint.train_config, checkpoint.position)

    # ------------------------------------------------------------ events from the training thread

    @Slot(list)
    def _on_events(self, events: list) -> None:
        run = self.state.run
        shown: list = []  # the run's events for the run view, in order
        last_batch: BatchEnd | None = None
        sampled = [event for event in events if isinstance(event, BranchSample)]
        if sampled:
            self.branches_sampled.emit(sampled)

        def flush() -> None:
            if shown:
                run.add(list(shown))
                shown.clear()

        for event in events:
            if isinstance(event, RunStarted):
                flush()
                self._run_started(event)
            elif isinstance(event, EpochEnd):
                shown.append(event)
                flush()
                text = self.tr("Epoch {0} done: train accuracy {1:.1%}").format(event.epoch, event.train_accuracy)
                if event.val_accuracy is not None:
                    text = self.tr("{0}, validation accuracy {1:.1%}").format(text, event.val_accuracy)
                self.status.showMessage(text, 10_000)
                self.epoch_ended.emit(event)
            elif isinstance(event, EpochPredictions):
                self.epoch_predictions.emit(event)
            elif isinstance(event, CheckpointSaved):
                shown.append(event)
                flush()
                if event.kind == "last":
                    self.last_checkpoint = event.path
                    self.state.activity.set_run_checkpoint(Path(event.path))
                self.checkpoint_saved.emit(event)
            elif isinstance(event, Paused):
                self.status.showMessage(self.tr("Paused {0}; Continue goes on").format(position_where(event.position)))
            elif isinstance(event, Status):  # the core's Message ("loading data"), said as work under way: "Loading data…"
                said = say(event.message)
                self.status.showMessage(said[:1].upper() + said[1:] + "…", 15_000)
            elif isinstance(event, Note):  # news, said as it is
                said = say(event.message)
                self.status.showMessage(said[:1].upper() + said[1:], 30_000)
            elif isinstance(event, BatchEnd):
                shown.append(event)
                last_batch = event
        flush()
        if last_batch is not None:  # the progress shows where the run is; the status bar keeps its news
            self.step_seconds = self.trainer.config.batch_size / max(last_batch.images_per_sec, 1e-9)
            self.progressed.emit(last_batch.step)

    def _run_started(self, event: RunStarted) -> None:
        self.state.run.show(Shown(TRAINING, event))
        self.state.weights.use_live(self.trainer, event.class_names)
        self.state.weights.set_training(True)
        notes = "; ".join(say(note) for note in event.notes)
        text = self.tr("Training on {0}: {1}, {2}").format(
            event.device, self.tr("%n image(s)", "", event.train_size), self.tr("%n class(es)", "", len(event.class_names)))
        self.status.showMessage(self.tr("{0} ({1})").format(text, notes) if notes else text)
        self.run_started.emit(event, self.trainer)

    @Slot(object)
    def _on_finished(self, terminal: Any) -> None:
        trained = getattr(terminal, "elapsed", None)
        if isinstance(terminal, Finished):
            best = self.tr("n/a") if terminal.best_val_accuracy is None else f"{terminal.best_val_accuracy:.1%}"
            self.status.showMessage(self.tr("Finished %n epoch(s) in {0:.0f} s; best validation accuracy {1}", "",
                                            terminal.epochs).format(terminal.elapsed, best))
        elif isinstance(terminal, Stopped):
            kept = self.tr("; saved {0}").format(Path(terminal.checkpoint).name) if terminal.checkpoint else ""
            self.status.showMessage(self.tr("Stopped {0}{1}").format(position_where(terminal.position), kept))
        elif isinstance(terminal, Failed):
            self.status.showMessage(self.tr("Training failed: {0}").format(say(terminal.message)))
            self.panel.show_error(lambda: self.tr("Training failed: {0}").format(say(terminal.message)))
        if self.tensorboard is not None and self.tensorboard.problem:
            self.status.showMessage(self.status.currentMessage() + "; " + say(self.tensorboard.problem))
        if self.state.run.source == TRAINING:
            ended = FINISHED if isinstance(terminal, Finished) else STOPPED if isinstance(terminal, Stopped) else FAILED
            self.state.run.set_status(ended, trained)
        activity = self.state.activity
        if activity.resume is not None and isinstance(terminal, (Finished, Stopped)):
            activity.set_resume(None)  # it has been continued: Start now begins a new run
        self.state.weights.set_training(False)
        activity.set_training(False)
        self.run_ended.emit(terminal)
