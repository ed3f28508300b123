"""Checkpoints from the window: File > Open (its weights answer, its run is shown, and Start can
resume it), File > Save As (a copy of the run's latest checkpoint), Classify with best.pt, and the
run reopened at the next launch.

Files are read on the pool by core.runs.checkpoint, which checks every field; what comes back is a
core Checkpoint and the Predictor made from it, which the app's state takes: state.weights answers
with it, state.run shows its run, state.activity knows it is open and what Start would continue.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from ...state import AppState
from ...state.activity import ResumeTarget
from ...state.run import SAVED, shown_checkpoint
from ..jobs import run_job
from ..words import describe_weights, failure, say

LAST_RUN_KEY = "runs/last_checkpoint"


def checkpoint_filter() -> str:
    """The open dialogs' filter for checkpoints, in the language installed now."""
    return QCoreApplication.translate("CheckpointController", "Checkpoints (*.pt *.pth);;All files (*)")


@dataclass
class OpenedCheckpoint:
    path: Path
    checkpoint: Any  # core.runs.checkpoint.Checkpoint
    resume: bool  # opened to continue it (File > Open), not only to classify with it


class CheckpointController(QObject):
    opened = Signal(object)  # OpenedCheckpoint, once the state shows it

    def __init__(self, state: AppState, status: QStatusBar, runs_dir: Path, dialog_parent: QWidget,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.state, self.status, self.runs_dir, self.dialog_parent = state, status, runs_dir, dialog_parent
        self._remembered: Path | None = None
        state.activity.changed.connect(self._remember_last_run)

    # ------------------------------------------------------------ open

    def core_ready(self) -> None:
        """PyTorch has loaded: the run of the last session opens again, unless the window trains already."""
        if not self.state.activity.busy:
            self.reopen_last()

    def reopen_last(self) -> bool:
        """On a new launch: open the run that was open or training when the app last closed
        (its curves, its weights for classifying, and Start resumes it). False if there is none."""
        last = QSettings().value(LAST_RUN_KEY)
        if not isinstance(last, str) or not last or not Path(last).is_file():
            return False
        self.open(Path(last), resume=True, reopened=True)
        return True

    @Slot()
    def open_dialog(self) -> None:
        start = str(self.runs_dir) if self.runs_dir.is_dir() else str(Path.home())  # among the runs
        path, _ = QFileDialog.getOpenFileName(self.dialog_parent, self.tr("Open checkpoint"), start,
                                              self.tr("Checkpoints (*.pt *.pth);;All files (*)"))
        if path:
            self.open(Path(path), resume=True)

    def open(self, path: Path, resume: bool, reopened: bool = False) -> None:
        """Read a checkpoint on the pool: its weights classify, and with `resume` Start continues it."""
        def work(report: Any) -> tuple[Any, Any]:
            from ...core.runs.checkpoint import load_checkpoint
            from ...core.inference.predict import Predictor
            from ...core.common.text import display_name

            checkpoint = load_checkpoint(path)
            return checkpoint, Predictor.from_checkpoint(checkpoint, display_name(path))

        self.status.showMessage(self.tr("Opening {0}…").format(path.name))
        run_job(work, on_result=lambda value: self._opened(path, resume, reopened, *value),
                on_error=lambda message: self.status.showMessage(say(failure(
                    message, lambda m: self.tr("Cannot open {0}: {1}").format(path.name, m))), 10_000))

    def _opened(self, path: Path, resume: bool, reopened: bool, checkpoint: Any, predictor: Any) -> None:
        state = self.state
        state.weights.use_file(path, predictor)
        if reopened:
            self.status.showMessage(self.tr("Your last run is open again: {0}. Start resumes it; Train > New Run "
                                            "starts afresh.").format(describe_weights(predictor)), 15_000)
        else:
            self.status.showMessage(self.tr("Opened {0}").format(describe_weights(predictor)), 5000)
        if resume and state.activity.busy:
            self.status.showMessage(self.tr("Its weights classify now; stop training to resume it"), 8000)
        elif resume:
            state.run.show(shown_checkpoint(path, checkpoint), SAVED)  # its curves and where it stopped
            target = None
            if checkpoint.train_config is None or checkpoint.resume is None:
                self.status.showMessage(self.tr("{0} holds weights only: it classifies, but cannot be resumed").format(
                    path.name), 8000)
            else:
                target = ResumeTarget(path, checkpoint.train_config, checkpoint.position)
            state.activity.set_resume(target)
            self._remembered = path  # offered again at the next launch
        state.activity.set_opened(path)
        self.opened.emit(OpenedCheckpoint(path, checkpoint, resume))

    def _remember_last_run(self) -> None:
        """The run reopened at the next launch: the current run's last.pt, else the checkpoint opened to
        continue it; none once New Run has forgotten them."""
        activity = self.state.activity
        if activity.opened is None and activity.resume is None:
            self._remembered = None
        remembered = activity.run_checkpoint or self._remembered
        if remembered is None:
            QSettings().remove(LAST_RUN_KEY)
        else:
            QSettings().setValue(LAST_RUN_KEY, str(remembered))

    # ------------------------------------------------------------ save

    def to_save(self) -> str | None:
        """What Save copies: the current run's last.pt, else the opened checkpoint."""
        path = self.state.activity.to_save()
        return str(path) if path is not None else None

    @Slot()
    def save_dialog(self) -> None:
        source = self.to_save()
        if source is None:
            self.status.showMessage(self.tr("Nothing to save yet: a checkpoint is written after each epoch"), 5000)
            return
        start = QSettings().value("paths/checkpoints", str(Path.home()))
        target, _ = QFileDialog.getSaveFileName(self.dialog_parent, self.tr("Save checkpoint"),
                                                str(Path(start) / Path(source).name), self.tr("Checkpoints (*.pt)"))
        if target:
            self.save_to(target)

    def save_to(self, target: str) -> None:
        source = self.to_save()
        if source is None:
            return

        def work(report: Any) -> str:
            from ...core.runs.checkpoint import copy_checkpoint

            return str(copy_checkpoint(source, target))

        run_job(work, on_result=lambda saved: self.status.showMessage(self.tr("Saved {0}").format(saved), 5000),
                on_error=lambda message: self.status.showMessage(say(failure(
                    message, lambda m: self.tr("Cannot save {0}: {1}").format(Path(target).name, m))), 10_000))
