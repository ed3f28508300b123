"""The chosen data (state.data): whether it is on this computer, downloading it, and what it means
for the network's input (the Shapes tab follows it, and so does the untrained network that answers
before any training)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStatusBar

from ...core.data.catalog import SOURCES
from ...core.common.messages import Message, as_clause
from ...state import AppState
from ...state.weights import UntrainedSpec
from ..jobs import JobSlot
from ..panels.shapes_panel import ShapesPanel
from ..panels.training_panel import TrainingPanel
from ..words import say


class DatasetController(QObject):
    def __init__(self, panel: TrainingPanel, shapes: ShapesPanel, state: AppState, status: QStatusBar,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.shapes, self.state, self.status = panel, shapes, state, status
        self.data = state.data
        self._core_ready = False
        self.download_job = JobSlot()
        self.data.changed.connect(self.settings_changed)
        panel.download_clicked.connect(self.download)
        panel.cancel_download_clicked.connect(self.cancel_download)
        self.settings_changed()

    def core_ready(self) -> None:
        self._core_ready = True
        self.settings_changed()

    @Slot()
    def settings_changed(self) -> None:
        spec = self.data.spec
        # a folder's classes are not known before it is read: the Shapes tab keeps its own count
        classes = None if spec.dataset == "folder" else 10
        self.shapes.set_input(SOURCES[spec.dataset].channels, spec.input_size, spec.input_size, classes)
        self.state.weights.set_untrained_spec(UntrainedSpec(spec.dataset, spec.data_dir, spec.input_size, spec.seed))
        if not self._core_ready:
            return
        from ...core.data import sources as data

        folder = Path(spec.data_dir) if spec.data_dir else None
        if spec.dataset == "folder":
            available = folder is not None and folder.is_dir()
            self.data.set_available(available, "" if available else
                                    lambda: self.tr("Choose a folder with one sub-folder per class"))
        elif spec.dataset == "sample":
            self.data.set_available(True)
        else:
            found = data.found_in(spec.dataset, folder)
            looked_in = folder or data.default_data_dir()
            self.data.set_available(found is not None, (lambda: self.tr("Found in {0}").format(found)) if found
                                    else lambda: self.tr("Not on this computer (looked in {0}): download it, "
                                                         "or choose the folder that holds it").format(looked_in))

    @Slot(str, str)
    def download(self, name: str, folder: str) -> None:
        if self.download_job.running:
            return

        def work(report: Any, cancel: Any) -> str:
            from ...core.data import sources as data

            data.download(name, Path(folder) if folder else None, progress=report, cancel=cancel)
            return name

        self.data.set_downloading(True)
        self.download_job.start(work, on_result=self._downloaded, on_error=self._download_failed,
                                on_progress=self.panel.set_download_progress)

    def _downloaded(self, name: str) -> None:
        self.data.set_downloading(False)
        self.settings_changed()
        self.status.showMessage(self.tr("Downloaded {0}").format(name), 5000)

    def _download_failed(self, message: str) -> None:
        from ...core.data import sources as data

        self.data.set_downloading(False)
        self.settings_changed()
        where = self.data.spec.data_dir or str(data.default_data_dir())
        if message == "cancelled":
            self.data.set_available(False, lambda: self.tr("Download cancelled."))
            return
        reason = _reason(message)
        # said where the download was started: the data section
        self.data.set_available(False, lambda: self.tr(
            "Download failed: {0}. Put the dataset's files in {1} yourself, or choose another dataset.").format(
                say(reason), where), error=True)

    @Slot()
    def cancel_download(self) -> None:
        """Stop the download at its next chunk; the outcome ("cancelled") still comes, once its files are closed."""
        self.download_job.cancel(drop=False)


def _reason(message: str) -> str:
    """'train-images-idx3-ubyte.gz: download failed: no internet connection (...)' -> its reason: the
    core's Message names it (its other messages say the file and what went wrong, as a whole)."""
    from ...core.data.download import DOWNLOAD_FAILED

    if isinstance(message, Message):
        return as_clause(message.values["reason"] if message.template == DOWNLOAD_FAILED else message)
    return message.split("download failed: ", 1)[-1].rstrip(".")
