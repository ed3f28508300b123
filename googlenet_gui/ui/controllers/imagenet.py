"""GoogLeNet's ImageNet weights in the window (File > Use ImageNet Weights, and the Classify tab's
button): they answer at once when torchvision's cache holds them (checked against torchvision's hash);
otherwise the user downloads them (27 MB, with progress and Cancel) or picks the file
(googlenet-1378be20.pth) on a computer without the internet. Whether they are here is looked up once
PyTorch has loaded (`ready`), so "Train on This Dataset" can start from them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QStatusBar, QWidget

from ...core.common.messages import Message
from ...state.weights import AnsweringWeights
from ..jobs import JobSlot
from ..words import failure, say


DOWNLOAD, CHOOSE_FILE = "download", "choose_file"  # how to get the weights that are not here


class ImageNetController(QObject):
    readiness_changed = Signal(bool)  # the weights are (or are no longer) in torchvision's cache

    def __init__(self, weights: AnsweringWeights, status: QStatusBar, dialog_parent: QWidget,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.weights, self.status, self.dialog_parent = weights, status, dialog_parent
        self.ready = False
        self.look_job, self.download_job = JobSlot(), JobSlot()
        self.progress: QProgressDialog | None = None

    def core_ready(self) -> None:
        """Look in torchvision's cache (the hash check reads the file once: on the pool)."""
        def look(report: Any, cancel: Any) -> bool:
            from ...core.inference.imagenet import cached_weights

            return cached_weights().ready

        self.look_job.start(look, on_result=self._set_ready, on_error=lambda message: self._set_ready(False))

    def _set_ready(self, ready: bool) -> None:
        self.ready = ready
        self.readiness_changed.emit(ready)

    # ------------------------------------------------------------ using them

    @Slot()
    def use(self) -> None:
        """They answer now when they are here; else ask whether to download them or pick the file."""
        if self.ready:
            self.weights.use_imagenet()
            self.status.showMessage(self.tr("GoogLeNet's ImageNet weights answer now: 1000 classes of photos"), 8000)
            return
        how = self.ask_how()
        if how == DOWNLOAD:
            self.download()
        elif how == CHOOSE_FILE:
            self.choose_file()

    def ask_how(self) -> str | None:
        """Download them, or choose the file? None: neither."""
        box = QMessageBox(QMessageBox.Question, self.tr("GoogLeNet's ImageNet weights"), self.tr(
            "GoogLeNet's ImageNet weights (torchvision's, 27 MB) are not on this computer yet. Download them from "
            "PyTorch's server into torchvision's cache, or choose the file googlenet-1378be20.pth if you have it."),
            QMessageBox.Cancel, self.dialog_parent)
        download = box.addButton(self.tr("Download"), QMessageBox.AcceptRole)
        choose = box.addButton(self.tr("Choose File…"), QMessageBox.ActionRole)
        box.exec()
        return {download: DOWNLOAD, choose: CHOOSE_FILE}.get(box.clickedButton())

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.dialog_parent, self.tr("Choose torchvision's GoogLeNet weights"),
                                              str(Path.home()), self.tr("PyTorch weights (*.pth *.pt);;All files (*)"))
        if path:
            self.weights.use_file(Path(path))  # read (and checked) on the pool when it first answers

    def download(self) -> None:
        if self.download_job.running:
            return
        self.progress = progress = QProgressDialog(self.tr("Downloading GoogLeNet's ImageNet weights…"), self.tr("Cancel"),
                                                   0, 0, self.dialog_parent)
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(0)
        progress.canceled.connect(lambda: self.download_job.cancel(drop=False))

        def work(report: Any, cancel: Any) -> str:
            from ...core.inference.imagenet import download_weights

            return str(download_weights(report, cancel))

        def advance(done: int, total: int, message: str) -> None:
            if total > 0:
                progress.setRange(0, total)
                progress.setValue(done)
            progress.setLabelText(self.tr("{0}: {1:.1f} / {2:.1f} MiB").format(say(message), done / 2**20, total / 2**20)
                                  if total > 0 else say(message))

        self.download_job.start(work, on_result=self._downloaded, on_error=self._download_failed, on_progress=advance)

    def _downloaded(self, path: str) -> None:
        self._close_progress()
        self._set_ready(True)
        self.use()

    def _download_failed(self, message: str) -> None:
        self._close_progress()
        if message == "cancelled":
            self.status.showMessage(self.tr("Download cancelled: nothing was kept"), 8000)
            return
        said = failure(message, lambda m: self.tr("Cannot download the ImageNet weights: {0}").format(m))
        self.status.showMessage(say(said), 15_000)
        QMessageBox.warning(self.dialog_parent, self.tr("GoogLeNet's ImageNet weights"), say(said))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def cancel(self) -> None:
        self.download_job.cancel()
        self._close_progress()


def imagenet_name() -> str:
    """The ImageNet weights' name, in the language installed now."""
    from ...core.inference.imagenet import NAME

    return say(Message(NAME))
