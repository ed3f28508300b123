"""File > Export Model: the weights that answer now (their checkpoint, or GoogLeNet's ImageNet weights),
else the run's latest checkpoint, else one the user picks, written as ONNX or TorchScript by
core.inference.export, on the pool. A missing optional package is named in one line with the extra
that installs it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from ...core.common.text import display_name
from ...state import AppState
from ..jobs import run_job
from ..words import say
from .checkpoints import checkpoint_filter

class ExportController(QObject):
    exported = Signal(str)  # the file written
    failed = Signal(object)  # why not, in one line (the core's Message, or an error's English)

    def __init__(self, state: AppState, status: QStatusBar, dialog_parent: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.state, self.status, self.dialog_parent = state, status, dialog_parent

    def current_checkpoint(self) -> str | None:
        """The weights that answer, when they are a file (or ImageNet's), else the current run's latest checkpoint."""
        saved = self.state.activity.to_save()
        return self.state.weights.export_source() or (str(saved) if saved is not None else None)

    @Slot()
    def export_dialog(self) -> None:
        """Ask where (and so which format), then export the checkpoint that classifies now; with none,
        ask which checkpoint first."""
        source = self.current_checkpoint()
        folder = QSettings().value("paths/export", str(Path.home()))
        folder = folder if isinstance(folder, str) else str(Path.home())
        if source is None:
            source, _ = QFileDialog.getOpenFileName(self.dialog_parent, self.tr("Export which checkpoint?"), folder,
                                                    checkpoint_filter())
            if not source:
                return
        stem = f"{Path(source).parent.name}-{Path(source).stem}" if Path(source).parent.name else Path(source).stem
        onnx_filter, torchscript_filter = self.tr("ONNX model (*.onnx)"), self.tr("TorchScript module (*.pt)")
        target, chosen = QFileDialog.getSaveFileName(
            self.dialog_parent, self.tr("Export {} as").format(display_name(source)), str(Path(folder) / f"{stem}.onnx"),
            f"{onnx_filter};;{torchscript_filter}")
        if not target:
            return
        out = Path(target)
        QSettings().setValue("paths/export", str(out.parent))
        suffix = out.suffix.lower()
        fmt = "onnx" if suffix == ".onnx" else "torchscript" if suffix in (".pt", ".ts") else \
            "onnx" if chosen == onnx_filter else "torchscript"
        if not suffix:
            out = out.with_suffix(".onnx" if fmt == "onnx" else ".pt")
        self.export(Path(source), fmt, out)

    def export(self, source: Path, fmt: str, out: Path) -> None:
        """Write `source`'s network as `fmt` ("onnx" or "torchscript") to `out`, on the pool."""
        from ...core.inference.export import missing_packages

        problem = missing_packages(fmt)
        if problem:
            self._failed(problem)
            return

        def work(report: Any) -> str:
            from ...core.inference.export import export_checkpoint

            return str(export_checkpoint(source, fmt, out))

        self.status.showMessage(self.tr("Exporting {} as {}…").format(display_name(source), fmt))
        run_job(work, on_result=self._exported, on_error=self._failed)

    def _exported(self, path: str) -> None:
        self.status.showMessage(self.tr("Exported {}").format(path), 8000)
        self.exported.emit(path)

    def _failed(self, message: str) -> None:
        self.status.showMessage(self.tr("Export failed: {}").format(say(message)), 15_000)
        self.failed.emit(message)
