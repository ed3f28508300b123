"""Progress of the current run: epoch and batch bars, speed, times, learning rate, device."""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QGroupBox, QProgressBar, QVBoxLayout, QWidget

from ..plain import plain_label
from ...core.events import BatchEnd, RunStarted


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.epoch_bar = QProgressBar()
        self.batch_bar = QProgressBar()
        self.speed_label = plain_label("–")
        self.elapsed_label = plain_label("–")
        self.remaining_label = plain_label("–")
        self.lr_label = plain_label("–")
        self.device_label = plain_label("–")
        box = QGroupBox("Progress")
        form = QFormLayout(box)
        form.addRow("Epoch", self.epoch_bar)
        form.addRow("Batch", self.batch_bar)
        form.addRow("Speed", self.speed_label)
        form.addRow("Elapsed", self.elapsed_label)
        form.addRow("Remaining", self.remaining_label)
        form.addRow("Learning rate", self.lr_label)
        form.addRow("Device", self.device_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._started = 0.0
        self._total_steps = 0
        self._steps_at_start = 0
        self._last_step = 0
        self._paused_since: float | None = None
        self._paused_total = 0.0
        self.reset()

    def reset(self) -> None:
        self._clock.stop()
        for bar in (self.epoch_bar, self.batch_bar):
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat("–")
        for label in (self.speed_label, self.elapsed_label, self.remaining_label, self.lr_label):
            label.setText("–")

    def start_run(self, event: RunStarted) -> None:
        position = event.position
        self._started = time.monotonic()
        self._paused_total, self._paused_since = 0.0, None
        self._total_steps, self._steps_at_start, self._last_step = event.total_steps, position.step, position.step
        self.epoch_bar.setRange(0, event.epochs)
        self.epoch_bar.setValue(position.epochs_done)
        self.epoch_bar.setFormat(f"{min(position.epochs_done + 1, event.epochs)} / {event.epochs}")
        self.batch_bar.setRange(0, event.steps_per_epoch)
        self.batch_bar.setValue(position.batches_done)
        self.batch_bar.setFormat(f"%v / {event.steps_per_epoch}")
        self.device_label.setText(f"{event.device} ({event.precision})")
        self._clock.start()
        self._tick()

    def update_batch(self, event: BatchEnd) -> None:
        self._last_step = event.step
        self.epoch_bar.setValue(event.epoch - 1)  # the bar fills with finished epochs
        self.epoch_bar.setFormat(f"{event.epoch} / {self.epoch_bar.maximum()}")
        self.batch_bar.setValue(event.batch)
        self.speed_label.setText(f"{event.images_per_sec:,.0f} images/s")
        self.lr_label.setText(f"{event.lr:.3g}")

    def epoch_done(self, epoch: int) -> None:
        """Epoch `epoch` (counted from 1) has ended."""
        self.epoch_bar.setValue(epoch)
        self.epoch_bar.setFormat(f"{epoch} / {self.epoch_bar.maximum()}")

    def set_paused(self, paused: bool) -> None:
        now = time.monotonic()
        if paused and self._paused_since is None:
            self._paused_since = now
        elif not paused and self._paused_since is not None:
            self._paused_total += now - self._paused_since
            self._paused_since = None

    def finish(self) -> None:
        self._tick()
        self._clock.stop()
        self.remaining_label.setText("–")

    def _tick(self) -> None:
        now = time.monotonic()
        paused = self._paused_total + (now - self._paused_since if self._paused_since is not None else 0.0)
        active = max(0.0, now - self._started - paused)
        self.elapsed_label.setText(format_duration(active))
        done = self._last_step - self._steps_at_start
        left = self._total_steps - self._last_step
        if done > 0 and active > 0:
            self.remaining_label.setText(format_duration(left * active / done))
