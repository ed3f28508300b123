"""The learning-rate finder from the window: core.training.lr_find.find_learning_rate for the training
panel's settings, on a pool thread (it trains on the settings' device, as the run would), with
progress, the loss drawn as it comes, and Cancel. Not while a run trains: both would want the device.
"Use this rate" is the dialog's `rate_chosen` signal, which the window hands to the training panel."""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Slot

from ...core.common.messages import Message
from ..jobs import JobSlot
from ..panels.lr_find_dialog import LRFindDialog
from ..words import failure


class LRFindController(QObject):
    def __init__(self, dialog: LRFindDialog, config: Callable[[], Any], training: Callable[[], bool] = lambda: False,
                 parent: QObject | None = None):
        """`config()`: the training settings now (a core.runs.config.TrainConfig); `training()`: whether a run trains."""
        super().__init__(parent)
        self.dialog, self.config, self.training = dialog, config, training
        self.job = JobSlot()  # one search at a time
        self._rates: list[float] = []
        self._losses: list[float] = []
        self.finding: Any = None  # the last core.training.lr_find.LRFinding
        self.steps: int | None = None  # None: the finder's own number (about 100)
        dialog.start_requested.connect(self.start)
        dialog.cancel_requested.connect(self.cancel)
        dialog.finished.connect(lambda _: self.cancel())

    def open(self) -> None:
        """Show the dialog (the button beside the learning rate)."""
        self.dialog.show()
        self.dialog.raise_()

    @Slot()
    def start(self) -> None:
        if self.training():
            self.dialog.show_result(lambda: self.tr("A run is training: stop it first (the finder trains on the same "
                                                    "device)."), error=True)
            return
        self.cancel()
        config, steps = self.config(), self.steps
        self._rates, self._losses = [], []
        self.dialog.show_curve([], [], [])
        self.dialog.show_suggestion(None)
        self.dialog.show_result("")
        self.dialog.set_busy(lambda: self.tr("Finding a learning rate…"))

        def work(report: Any, cancel: threading.Event) -> Any:
            from ...core.training.lr_find import STEPS, find_learning_rate

            return find_learning_rate(config, steps=steps or STEPS, progress=report, cancel=cancel)

        def progress(done: int, total: int, message: str) -> None:
            self.dialog.set_progress(done, total, message)
            values = getattr(message, "values", {}) if isinstance(message, Message) else {}
            if "rate" in values and "loss" in values:
                self._rates.append(values["rate"])
                self._losses.append(values["loss"])
                self.dialog.show_curve(self._rates, self._losses, self._losses)

        def finished(finding: Any) -> None:
            self.finding = finding
            self.dialog.set_idle()
            self.dialog.show_curve(finding.rates, finding.losses, finding.smoothed)
            self.dialog.show_suggestion(finding.suggestion)
            if finding.suggestion is None:
                self.dialog.show_result(lambda: self.tr("No suggestion: the loss never fell. Try other settings (a "
                                                        "larger batch, another optimizer)."), error=True)
            else:
                suggestion, lowest = finding.suggestion, finding.lowest
                self.dialog.show_result(lambda: self.tr("Suggested learning rate: {0:.2e} (the loss falls fastest there; "
                                                        "it is lowest at {1:.2e}).").format(suggestion, lowest))

        def failed(message: str) -> None:
            self.dialog.set_idle()
            self.dialog.show_result(failure(message, lambda m: self.tr("The finder failed: {0}").format(m)), error=True)

        self.job.start(work, on_result=finished, on_error=failed, on_progress=progress)

    @Slot()
    def cancel(self) -> None:
        if self.job.cancel():
            self.dialog.set_idle()
            self.dialog.show_result(lambda: self.tr("Cancelled: the weights are as they were."))

    def busy(self) -> bool:
        return self.job.running
