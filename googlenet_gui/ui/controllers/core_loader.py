"""Loading PyTorch and the core on a pool thread, so the window paints (and its settings and
the Shapes tab answer) while it loads, saying so with the seconds it has taken; `ready` brings
the devices found."""
from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from ..jobs import run_job
from ..plain import show_error
from ..words import say


class CoreLoader(QObject):
    ready = Signal(list)  # core.common.devices.DeviceInfo, CPU first
    settled = Signal()  # loading ended, well or not

    def __init__(self, status: QStatusBar, dialog_parent: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.status, self.dialog_parent = status, dialog_parent
        self.loaded = False
        self.loading = False
        self._started = 0.0
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._say_loading)

    def load(self) -> None:
        if self.loaded or self.loading:
            return

        def work(report: Any) -> list:
            from ...core.common.preload import preload_torch_libraries

            preload_torch_libraries()  # mapped with the interpreter lock released: the window keeps painting
            from ...core.common import devices
            from ...core.training import engine  # noqa: F401 (engine: what Start needs, loaded now, not then)

            return devices.list_devices()

        self.loading = True
        self._started = time.monotonic()
        self._say_loading()
        self._clock.start()
        run_job(work, on_result=self._loaded, on_error=self._failed)

    def _say_loading(self) -> None:
        seconds = time.monotonic() - self._started
        self.status.showMessage(self.tr("Loading PyTorch ({0:.0f} s; the first start after installing takes "
                                        "longest). Settings and the Shapes tab work meanwhile.").format(seconds))

    def _loaded(self, devices: list) -> None:
        self._clock.stop()
        self.loading, self.loaded = False, True
        self.ready.emit(devices)
        self.status.showMessage(self.tr("Ready"), 3000)
        self.settled.emit()

    def _failed(self, message: str) -> None:
        self._clock.stop()
        self.loading = False
        self.settled.emit()
        show_error(self.dialog_parent, self.tr("GoogLeNet Studio"), self.tr("PyTorch could not be loaded: {0}").format(say(message)))
