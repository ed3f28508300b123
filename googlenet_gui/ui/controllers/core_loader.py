"""Loading PyTorch and the core on a pool thread, so the window paints (and its settings and
Shapes spin boxes answer) while it loads; `ready` brings the devices found."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from ..jobs import run_job
from ..plain import show_error


class CoreLoader(QObject):
    ready = Signal(list)  # core.devices.DeviceInfo, CPU first
    settled = Signal()  # loading ended, well or not

    def __init__(self, status: QStatusBar, dialog_parent: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.status, self.dialog_parent = status, dialog_parent
        self.loaded = False
        self.loading = False

    def load(self) -> None:
        if self.loaded or self.loading:
            return

        def work(report: Any) -> list:
            from ...core import devices, shapes

            shapes.inspect_shapes(3, 96, 96, 10)  # warms the meta-device path: the shapes table is then instant
            return devices.list_devices()

        self.loading = True
        self.status.showMessage(self.tr("Loading PyTorch…"))
        run_job(work, on_result=self._loaded, on_error=self._failed)

    def _loaded(self, devices: list) -> None:
        self.loading, self.loaded = False, True
        self.ready.emit(devices)
        self.status.showMessage(self.tr("Ready"), 3000)
        self.settled.emit()

    def _failed(self, message: str) -> None:
        self.loading = False
        self.settled.emit()
        show_error(self.dialog_parent, "GoogLeNet Studio", self.tr("PyTorch could not be loaded: {0}").format(message))
