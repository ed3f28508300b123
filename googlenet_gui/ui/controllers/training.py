"""Training from the window: Start, Pause, Stop, resuming a checkpoint, and the run's events
shown in the progress, plots and run panels and the status bar.

The walk of a setting (docs/ARCHITECTURE.md): the training panel's widgets -> config() ->
TrainConfig -> core.training.engine.Trainer on the training thread -> BatchEnd events -> _on_events ->
the panels.
"""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QStatusBar

from ..words import describe_position, position_where, say
from ...core.runs.runlog import METRICS_FILE
from ...core.runs.events import (BatchEnd, CheckpointSaved, EpochEnd, EpochPredictions, Failed, Finished, Paused, RunStarted,
                            Status, Stopped)
from ...core.inference.weights import WeightsSource
from ..panels.plots_panel import PlotsPanel
from ..panels.progress_panel import ProgressPanel
from ..panels.run_panel import RunPanel
from ..panels.training_panel import TORCHRUN, TrainingPanel
from ..training_worker import TrainingThread, updates_per_second

# While training, the live weights are copied this often, so a dropped image is classified at
# once with weights at most this old (the copy costs ~10 ms on a CPU: well under 1%).
SNAPSHOT_INTERVAL = 3.0


class TrainingController(QObject):
    run_started = Signal(object)  # RunStarted
    run_ended = Signal(object)  # Finished, Stopped or Failed, once the thread has ended
    checkpoint_saved = Signal(object)  # CheckpointSaved
    epoch_ended = Signal(object)  # EpochEnd
    epoch_predictions = Signal(object)  # EpochPredictions: each validation image's answer
    state_changed = Signal()  # running, paused or the resume target changed: menus follow
    progressed = Signal(int)  # the global step of the newest batch shown (once per batch of events)
    launch_requested = Signal(object, object, object)  # TrainConfig, run folder, checkpoint to resume: torchrun

    def __init__(self, panel: TrainingPanel, progress: ProgressPanel, plots: PlotsPanel, run_panel: RunPanel,
                 status: QStatusBar, weights: WeightsSource, runs_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.progress, self.plots, self.run_panel = panel, progress, plots, run_panel
        self.status, self.weights, self.runs_dir = status, weights, runs_dir
        self.thread = TrainingThread(self)
        self.resume_path: Path | None = None  # the checkpoint Start continues
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

    @property
    def running(self) -> bool:
        return self.thread.running

    @property
    def paused(self) -> bool:
        return self.thread.paused

    @property
    def trainer(self) -> Any:
        return self.thread.trainer

    def core_ready(self) -> None:
        self._core_ready = True
        if self._start_when_ready:
            self._start_when_ready = False
            self.start()

    # ------------------------------------------------------------ commands

    @Slot()
    def start(self) -> None:
        if self.running or not self.panel.start_button.isEnabled():
            return
        if not self._core_ready:  # pressed during the first seconds: start as soon as PyTorch is in
            self._start_when_ready = True
            self.status.showMessage(self.tr("Starting as soon as PyTorch has loaded…"))
            return
        from ...core.training.engine import Trainer

        config = self.panel.config()
        run_dir = self._run_folder()
        if config.device == TORCHRUN:  # "All N GPUs": other processes train, the launch controller starts them
            resume, self.resume_path = self.resume_path, None
            self.launch_requested.emit(config, run_dir, resume)
            self.panel.set_resume(None)  # continued (or not) in the run folder: Start next begins a new run
            self.state_changed.emit()
            return
        self.plots.reset(1)
        self.progress.reset()
        self.run_panel.reset(str(run_dir))
        self.last_checkpoint = None
        self.step_seconds = None
        trainer = Trainer(config, run_dir=run_dir, resume_from=self.resume_path, snapshot_interval=SNAPSHOT_INTERVAL)
        self.tensorboard = None
        if self.panel.tensorboard_logs():
            from ...core.training.tensorboard_log import TensorBoardLog

            self.tensorboard = TensorBoardLog(run_dir)
        consumers = (self.tensorboard,) if self.tensorboard is not None else ()
        self.thread.start(trainer, updates_per_second(config.device, config.num_threads), consumers)
        self.weights.use_live(trainer)
        self.panel.show_error("")
        self.panel.set_running(True)
        self.status.showMessage(self.tr("Starting: loading data…"))
        self.state_changed.emit()

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
        paused = self.paused
        self.progress.set_paused(paused)
        self.panel.set_running(True, paused)
        self.state_changed.emit()

    @Slot()
    def stop(self) -> None:
        if self.running:
            self.thread.stop()
            self.status.showMessage(self.stopping_text())

    def stopping_text(self) -> str:
        if self.step_seconds is not None and self.step_seconds >= 2:
            return self.tr("Stopping after this step (about {0:.0f} s) and saving last.pt…").format(self.step_seconds)
        return self.tr("Stopping after this step and saving last.pt…")

    def prepare_resume(self, path: Path, checkpoint: Any) -> None:
        """Start will continue `checkpoint` (a core Checkpoint read from `path`): show its settings,
        curves and epochs."""
        config = checkpoint.train_config
        if config is None or checkpoint.resume is None:
            self.status.showMessage(self.tr("{0} holds weights only: it classifies, but cannot be resumed").format(path.name), 8000)
            return
        self.resume_path = path
        shown = dataclasses.replace(config)
        shown.epochs = max(config.epochs, checkpoint.position.epochs_done + 1)
        position = checkpoint.position
        self.panel.set_resume(shown, lambda: f"{path.name} {position_where(position)}")
        self.plots.load_history(checkpoint.position.steps_per_epoch, checkpoint.batch_history, checkpoint.history)
        self.run_panel.reset(str(path.parent))
        self.run_panel.add_epochs(checkpoint.history)
        for kind in ("last", "best"):  # the run folder's checkpoints, as the Run tab shows them during a run
            saved = path.parent / f"{kind}.pt"
            if saved == path:
                self.run_panel.checkpoint_saved(kind, str(saved), lambda: describe_position(position))
            elif saved.is_file():
                stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(saved.stat().st_mtime))
                self.run_panel.checkpoint_saved(kind, str(saved), lambda stamp=stamp: self.tr("saved {0}").format(stamp))
        self.state_changed.emit()

    def new_run(self) -> None:
        """Forget the checkpoint Start would resume: every setting is editable again."""
        if self.running:
            return
        self.resume_path = None
        self.panel.set_resume(None)
        self.state_changed.emit()

    # ------------------------------------------------------------ events from the training thread

    @Slot(list)
    def _on_events(self, events: list) -> None:
        batches: list[BatchEnd] = []

        def flush_batches() -> None:
            if batches:
                self.plots.add_batches([e.step for e in batches], [e.loss for e in batches],
                                       [e.accuracy for e in batches])
                batches.clear()

        last_batch = None
        for event in events:
            if isinstance(event, BatchEnd):
                batches.append(event)
                last_batch = event
                continue
            flush_batches()
            if isinstance(event, RunStarted):
                self._run_started(event)
            elif isinstance(event, EpochEnd):
                self.plots.add_epochs([event])
                self.run_panel.add_epochs([event])
                self.progress.epoch_done(event.epoch)
                text = self.tr("Epoch {0} done: train accuracy {1:.1%}").format(event.epoch, event.train_accuracy)
                if event.val_accuracy is not None:
                    text = self.tr("{0}, validation accuracy {1:.1%}").format(text, event.val_accuracy)
                self.status.showMessage(text, 10_000)
                self.epoch_ended.emit(event)
            elif isinstance(event, EpochPredictions):
                self.epoch_predictions.emit(event)
            elif isinstance(event, CheckpointSaved):
                if event.kind == "last":
                    self.last_checkpoint = event.path
                self.run_panel.checkpoint_saved(event.kind, event.path,
                                                lambda position=event.position: describe_position(position))
                self.checkpoint_saved.emit(event)
            elif isinstance(event, Paused):
                self.status.showMessage(self.tr("Paused {0}; Resume continues").format(position_where(event.position)))
            elif isinstance(event, Status):  # the core's Message ("loading data"), said as news: "Loading data…"
                said = say(event.message)
                self.status.showMessage(said[:1].upper() + said[1:] + "…", 15_000)
        flush_batches()
        if last_batch is not None:  # the progress panel shows where the run is; the status bar keeps its news
            e = last_batch
            self.step_seconds = self.trainer.config.batch_size / max(e.images_per_sec, 1e-9)
            self.progress.update_batch(e)
            self.progressed.emit(e.step)

    def _run_started(self, event: RunStarted) -> None:
        self.plots.load_history(event.steps_per_epoch, event.batch_history, event.history)
        self.run_panel.reset(event.run_dir)
        self.run_panel.add_epochs(event.history)
        self.progress.start_run(event)
        notes = "; ".join(say(note) for note in event.notes)
        text = self.tr("Training on {0}: {1}, {2}").format(
            event.device, self.tr("%n image(s)", "", event.train_size), self.tr("%n class(es)", "", len(event.class_names)))
        self.status.showMessage(self.tr("{0} ({1})").format(text, notes) if notes else text)
        self.run_started.emit(event)

    @Slot(object)
    def _on_finished(self, terminal: Any) -> None:
        self.progress.finish()
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
        if self.resume_path is not None and isinstance(terminal, (Finished, Stopped)):
            self.resume_path = None  # it has been continued: Start now begins a new run
            self.panel.set_resume(None)
        self.panel.set_running(False)
        self.run_ended.emit(terminal)
        self.state_changed.emit()
