"""The chosen dataset: whether it is on this computer, downloading it, and what it means for
the network's input (the Shapes tab follows it, and so does the untrained network that answers
before any training)."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStatusBar

from ...core.data.catalog import SOURCES
from ...core.common.messages import Message, as_clause
from ...core.inference.weights import UntrainedSpec, WeightsSource
from ..jobs import run_job
from ..panels.shapes_panel import ShapesPanel
from ..panels.training_panel import TrainingPanel
from ..words import say


class DatasetController(QObject):
    def __init__(self, panel: TrainingPanel, shapes: ShapesPanel, weights: WeightsSource, status: QStatusBar,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.shapes, self.weights, self.status = panel, shapes, weights, status
        self._core_ready = False
        self._cancel: threading.Event | None = None
        panel.settings_changed.connect(self.settings_changed)
        panel.download_clicked.connect(self.download)
        panel.cancel_download_clicked.connect(self.cancel_download)

    def core_ready(self) -> None:
        self._core_ready = True
        self.settings_changed()

    @Slot()
    def settings_changed(self) -> None:
        config = self.panel.config()
        # a folder's classes are not known before it is read: the Shapes tab keeps its own count
        classes = None if config.dataset == "folder" else 10
        self.shapes.set_input(SOURCES[config.dataset].channels, config.input_size, config.input_size, classes)
        self.weights.untrained_spec = UntrainedSpec(config.dataset, config.data_dir, config.input_size, config.seed)
        if not self._core_ready:
            return
        from ...core.data import sources as data

        folder = Path(config.data_dir) if config.data_dir else None
        if config.dataset == "folder":
            available = folder is not None and folder.is_dir()
            self.panel.set_dataset_available(available, "" if available else
                                             lambda: self.tr("Choose a folder with one sub-folder per class"))
        elif config.dataset == "sample":
            self.panel.set_dataset_available(True)
        else:
            found = data.found_in(config.dataset, folder)
            looked_in = folder or data.default_data_dir()
            self.panel.set_dataset_available(found is not None, (lambda: self.tr("Found in {0}").format(found)) if found
                                             else lambda: self.tr("Not on this computer (looked in {0}): download it, "
                                                                  "or choose the folder that holds it").format(looked_in))

    @Slot(str, str)
    def download(self, name: str, folder: str) -> None:
        cancel = threading.Event()
        self._cancel = cancel

        def work(report: Any) -> str:
            from ...core.data import sources as data

            data.download(name, Path(folder) if folder else None, progress=report, cancel=cancel)
            return name

        self.panel.set_downloading(True)
        run_job(work, on_result=self._downloaded, on_error=self._download_failed,
                on_progress=self.panel.set_download_progress)

    def _downloaded(self, name: str) -> None:
        self._cancel = None
        self.panel.set_downloading(False)
        self.settings_changed()
        self.status.showMessage(self.tr("Downloaded {0}").format(name), 5000)

    def _download_failed(self, message: str) -> None:
        from ...core.data import sources as data

        self._cancel = None
        self.panel.set_downloading(False)
        self.settings_changed()
        config = self.panel.config()
        where = config.data_dir or str(data.default_data_dir())
        if message == "cancelled":
            self.panel.set_dataset_available(False, lambda: self.tr("Download cancelled."))
            return
        reason = _reason(message)
        # said where the download was started: the data section
        self.panel.set_dataset_available(False, lambda: self.tr(
            "Download failed: {0}. Put the dataset's files in {1} yourself, or choose another dataset.").format(
                say(reason), where), error=True)

    @Slot()
    def cancel_download(self) -> None:
        if self._cancel is not None:
            self._cancel.set()


def _reason(message: str) -> str:
    """'train-images-idx3-ubyte.gz: download failed: no internet connection (...)' -> its reason: the
    core's Message names it (its other messages say the file and what went wrong, as a whole)."""
    from ...core.data.download import DOWNLOAD_FAILED

    if isinstance(message, Message):
        return as_clause(message.values["reason"] if message.template == DOWNLOAD_FAILED else message)
    return message.split("download failed: ", 1)[-1].rstrip(".")
