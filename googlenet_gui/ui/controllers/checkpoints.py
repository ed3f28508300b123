"""Checkpoints from the window: File > Open (its weights classify, and Start can resume it),
File > Save As (a copy of the run's latest checkpoint), and Classify with best.pt.

Files are read on the pool by core.checkpoint, which checks every field; what comes back is a
core Checkpoint and the Predictor made from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from ...core.weights import WeightsSource
from ..jobs import run_job

CHECKPOINT_FILTER = "Checkpoints (*.pt *.pth);;All files (*)"


@dataclass
class OpenedCheckpoint:
    path: Path
    checkpoint: Any  # core.checkpoint.Checkpoint
    resume: bool  # opened to continue it (File > Open), not only to classify with it


class CheckpointController(QObject):
    opened = Signal(object)  # OpenedCheckpoint
    state_changed = Signal()  # what Save would copy changed

    def __init__(self, weights: WeightsSource, status: QStatusBar, runs_dir: Path, dialog_parent: QWidget,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.weights, self.status, self.runs_dir, self.dialog_parent = weights, status, runs_dir, dialog_parent
        self.opened_path: Path | None = None
        self.run_checkpoint: str | None = None  # the current run's last.pt, once saved

    # ------------------------------------------------------------ open

    @Slot()
    def open_dialog(self) -> None:
        start = QSettings().value("paths/checkpoints", str(self.runs_dir))
        path, _ = QFileDialog.getOpenFileName(self.dialog_parent, "Open checkpoint", start, CHECKPOINT_FILTER)
        if path:
            QSettings().setValue("paths/checkpoints", str(Path(path).parent))
            self.open(Path(path), resume=True)

    def open(self, path: Path, resume: bool) -> None:
        """Read a checkpoint on the pool: its weights classify, and with `resume` Start continues it."""
        def work(report: Any) -> tuple[Any, Any]:
            from ...core.checkpoint import load_checkpoint
            from ...core.predict import Predictor
            from ...core.text import display_name

            checkpoint = load_checkpoint(path)
            return checkpoint, Predictor.from_checkpoint(checkpoint, display_name(path))

        self.status.showMessage(f"Opening {path.name}…")
        run_job(work, on_result=lambda value: self._opened(path, resume, *value),
                on_error=lambda message: self.status.showMessage(message, 10_000))

    def _opened(self, path: Path, resume: bool, checkpoint: Any, predictor: Any) -> None:
        self.opened_path = path
        self.weights.use_file(path, predictor)
        self.status.showMessage(f"Opened {predictor.description}", 5000)
        self.opened.emit(OpenedCheckpoint(path, checkpoint, resume))
        self.state_changed.emit()

    def forget(self) -> None:
        """New Run: the opened checkpoint is no longer what Save copies."""
        self.opened_path = None
        self.state_changed.emit()

    # ------------------------------------------------------------ save

    def run_saved(self, path: str | None) -> None:
        """The current run wrote its last.pt (None: a new run has started, nothing saved yet)."""
        self.run_checkpoint = path
        self.state_changed.emit()

    def to_save(self) -> str | None:
        """What Save copies: the current run's last.pt, else the opened checkpoint."""
        return self.run_checkpoint or (str(self.opened_path) if self.opened_path else None)

    @Slot()
    def save_dialog(self) -> None:
        source = self.to_save()
        if source is None:
            self.status.showMessage("Nothing to save yet: a checkpoint is written after each epoch", 5000)
            return
        start = QSettings().value("paths/checkpoints", str(Path.home()))
        target, _ = QFileDialog.getSaveFileName(self.dialog_parent, "Save checkpoint",
                                                str(Path(start) / Path(source).name), "Checkpoints (*.pt)")
        if target:
            self.save_to(target)

    def save_to(self, target: str) -> None:
        source = self.to_save()
        if source is None:
            return

        def work(report: Any) -> str:
            from ...core.checkpoint import copy_checkpoint

            return str(copy_checkpoint(source, target))

        run_job(work, on_result=lambda saved: self.status.showMessage(f"Saved {saved}", 5000),
                on_error=lambda message: self.status.showMessage(message, 10_000))
