"""Closing the window: training is stopped and given the time it needs to save last.pt, however long
its step takes, with the window painting and saying what it waits for; a second close offers to
quit at once. Closing while PyTorch still loads waits for it. Then every background job is cancelled
and waited for: the app never leaves a thread running at exit.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from ..jobs import wait_for_jobs
from .core_loader import CoreLoader
from .training import TrainingController


class ClosingController(QObject):
    def __init__(self, window: QWidget, training: TrainingController, core: CoreLoader, status: QStatusBar,
                 cleanups: list[Callable[[], None]], parent: QObject | None = None):
        """`cleanups`: what stops the other work once training has (torchrun's child, downloads, jobs)."""
        super().__init__(parent)
        self.window, self.training, self.core, self.status, self.cleanups = window, training, core, status, cleanups
        self.since: float | None = None  # when a close began waiting for training to stop
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._say_waiting)
        training.run_ended.connect(self._training_ended)

    def close_event(self, event: QCloseEvent) -> None:
        """Accept the close once nothing would be lost; otherwise ignore it and see to that first."""
        if self.training.running:
            event.ignore()
            if self.since is None:
                self.since = time.monotonic()
                self.training.stop(hurry=True)
                self._clock.start()
                self._say_waiting()
            else:
                self._offer_quit_now()
            return
        if self.core.loading:  # PyTorch is still importing on a pool thread: close once it is in
            event.ignore()
            self.status.showMessage(self.tr("Closing as soon as PyTorch has loaded…"))
            self.core.settled.connect(self.window.close)
            return
        self._clock.stop()
        for cleanup in self.cleanups:
            cleanup()
        wait_for_jobs(60_000)
        event.accept()

    def _training_ended(self) -> None:
        if self.since is not None:
            QTimer.singleShot(0, self.window.close)  # the stop it waited for is done: close for real

    def _say_waiting(self) -> None:
        waited = time.monotonic() - (self.since or time.monotonic())
        self.status.showMessage(self.tr("Closing: {0} ({1:.0f} s so far). Close again to quit at once.").format(
            self.training.stopping_text(), waited))

    def _offer_quit_now(self) -> None:
        answer = QMessageBox.question(
            self.window, self.tr("Quit now?"),
            self.tr("Training is finishing its current step before it saves last.pt. Quit now, giving up "
                    "the work since the last checkpoint? Every checkpoint already saved stays whole."),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes and self.training.running:
            quit_now()


def quit_now() -> None:
    """End the process at once, training thread and all. Checkpoints are written to a temporary
    file and renamed, so one being written is simply not there; the settings were saved already."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
