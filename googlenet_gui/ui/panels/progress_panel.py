"""Progress of the current run: epoch and batch bars, speed, times, learning rate, device."""
from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QFormLayout, QGroupBox, QProgressBar, QVBoxLayout, QWidget

from .. import theme
from ..plain import plain_label
from ...core.runs.events import BatchEnd, RunStarted
from ...state.run import OPENED, PAUSED, RUNNING, RunView, Shown


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


# Seconds of steady training before a "remaining" time is shown: the first batches' rate says little.
ESTIMATE_AFTER = 15.0
# Training this many times slower than its best so far, for SLOW_UPDATES updates in a row, is said: on a
# computer that other programs keep busy a run can crawl, and the window should say why.
SLOWER = 4.0
SLOW_UPDATES = 2


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None, clock=time.monotonic):
        super().__init__(parent)
        self._now = clock
        self.epoch_bar = QProgressBar()
        self.batch_bar = QProgressBar()
        self.speed_label = plain_label("–")
        self.elapsed_label = plain_label("–")
        self.remaining_label = plain_label("–")
        self.lr_label = plain_label("–")
        self.device_label = plain_label("–")
        self.slow_label = plain_label()  # why the run crawls, when it does
        self.slow_label.setWordWrap(True)
        self.slow_label.hide()
        self.box = QGroupBox()
        self.form = form = QFormLayout(self.box)
        for field in (self.epoch_bar, self.batch_bar, self.speed_label, self.elapsed_label, self.remaining_label,
                      self.lr_label, self.device_label):
            form.addRow(QLabel(), field)  # labelled by retranslate()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.slow_label)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._started: float | None = None  # when the run shown began (None: no run has started)
        self._total_steps = 0
        self._steps_at_start = 0
        self._last_step = 0
        self._paused_since: float | None = None
        self._paused_total = 0.0
        self._rate_from: tuple[float, int] | None = None
        self._remaining: float | None = None
        self._speed: float | None = None  # images a second, as the last batch said
        self._best_speed: float | None = None  # the run's fastest update so far (after its first)
        self._slow_updates = 0  # updates in a row far below it
        self.retranslate()
        self.reset()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.box.setTitle(self.tr("Progress"))
        rows = ((self.epoch_bar, self.tr("Epoch")), (self.batch_bar, self.tr("Batch")), (self.speed_label, self.tr("Speed")),
                (self.elapsed_label, self.tr("Elapsed")), (self.remaining_label, self.tr("Remaining")),
                (self.lr_label, self.tr("Learning rate")), (self.device_label, self.tr("Device")))
        for field, text in rows:
            self.form.labelForField(field).setText(text)
        self._show_speed()  # the times say themselves again within a second (the clock's tick)

    def _show_speed(self) -> None:
        self.speed_label.setText("–" if self._speed is None else self.tr("{0:,.0f} images/s").format(self._speed))
        slow = self._slow_updates >= SLOW_UPDATES and self._best_speed is not None
        self.slow_label.setVisible(slow)
        if slow:
            self.slow_label.setStyleSheet(f"color: {theme.error_color().name()}")
            self.slow_label.setText(self.tr("Training runs far slower than it did ({0:,.0f} images/s at its best): "
                                            "other programs are probably keeping this computer busy.").format(
                self._best_speed))

    def _measure_speed(self, speed: float, first: bool) -> None:
        """The rate of the newest update, against the run's best (the first update pays for warming up)."""
        if not first and math.isfinite(speed):
            self._best_speed = max(self._best_speed or 0.0, speed)
        slow = self._best_speed is not None and speed * SLOWER < self._best_speed
        self._slow_updates = self._slow_updates + 1 if slow else 0
        self._speed = speed

    def observe(self, run: RunView) -> None:
        """Show where the run the app shows (state.run) is: a training's or a followed run's progress as it
        comes, an opened checkpoint's position, learning rate and training time."""
        run.cleared.connect(self.reset)
        run.shown.connect(self._show)
        run.session.connect(self.start_run)
        run.batches.connect(lambda batches: self.update_batch(batches[-1]))
        run.epochs_ended.connect(lambda epochs: self.epoch_done(epochs[-1].epoch))
        run.status_changed.connect(self._status)

    def _show(self, shown: Shown) -> None:
        self.reset()
        self.start_run(shown.started, shown.elapsed)
        if shown.lr is not None:
            self.lr_label.setText(f"{shown.lr:.3g}")
        if shown.source == OPENED:  # a checkpoint: where its run stopped, not a clock going on
            self.finish(shown.elapsed)

    def _status(self, status: str, trained: float | None) -> None:
        if status in (RUNNING, PAUSED):
            self.set_paused(status == PAUSED)
        else:
            self.finish(trained)

    def reset(self) -> None:
        self._clock.stop()
        for bar in (self.epoch_bar, self.batch_bar):
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat("–")
        for label in (self.speed_label, self.elapsed_label, self.remaining_label, self.lr_label):
            label.setText("–")
        self._speed = self._best_speed = None
        self._slow_updates = 0
        self._started = None

    def start_run(self, event: RunStarted, elapsed: float = 0.0) -> None:
        """`elapsed`: seconds the run had already been going (a run followed from its files)."""
        position = event.position
        self._started = self._now() - max(0.0, elapsed)
        self._paused_total, self._paused_since = 0.0, None
        self._total_steps, self._steps_at_start, self._last_step = event.total_steps, position.step, position.step
        self._rate_from: tuple[float, int] | None = None  # (active seconds, step) of the first batch seen
        self._remaining: float | None = None
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
        first = self._rate_from is None
        if first:  # the first step pays for warming up: the rate is measured after it
            self._rate_from = (self._active(), event.step)
        self.epoch_bar.setValue(event.epoch - 1)  # the bar fills with finished epochs
        self.epoch_bar.setFormat(f"{event.epoch} / {self.epoch_bar.maximum()}")
        self.batch_bar.setValue(event.batch)
        self._measure_speed(event.images_per_sec, first)
        self._show_speed()
        self.lr_label.setText(f"{event.lr:.3g}")

    def epoch_done(self, epoch: int) -> None:
        """Epoch `epoch` (counted from 1) has ended."""
        self.epoch_bar.setValue(epoch)
        self.epoch_bar.setFormat(f"{epoch} / {self.epoch_bar.maximum()}")

    def set_paused(self, paused: bool) -> None:
        now = self._now()
        if paused and self._paused_since is None:
            self._paused_since = now
        elif not paused and self._paused_since is not None:
            self._paused_total += now - self._paused_since
            self._paused_since = None

    def finish(self, elapsed: float | None = None) -> None:
        """The run ended; `elapsed`: how long it ran, where the clock here did not see it all. A run
        that failed before it started leaves the fields as they were ("–")."""
        if self._started is not None:
            self._tick()
        self._clock.stop()
        if elapsed is not None:
            self.elapsed_label.setText(format_duration(elapsed))
        self.remaining_label.setText("–")

    def _active(self) -> float:
        now = self._now()
        paused = self._paused_total + (now - self._paused_since if self._paused_since is not None else 0.0)
        return max(0.0, now - (self._started if self._started is not None else now) - paused)

    def _tick(self) -> None:
        active = self._active()
        self.elapsed_label.setText(format_duration(active))
        estimate = self._estimate(active)
        if estimate is None:
            self.remaining_label.setText(self.tr("estimating…") if self._clock.isActive() else "–")
            return
        # smoothed, so that one slow batch (a paint, a save) does not make it jump
        self._remaining = estimate if self._remaining is None else 0.7 * max(self._remaining - 1.0, 0.0) + 0.3 * estimate
        self.remaining_label.setText(format_duration(self._remaining))

    def _estimate(self, active: float) -> float | None:
        """Seconds left from the rate since the first batch; None until that rate means something
        (ESTIMATE_AFTER seconds and a few steps measured)."""
        if self._rate_from is None:
            return None
        since, first_step = self._rate_from
        seconds, steps = active - since, self._last_step - first_step
        if seconds < ESTIMATE_AFTER or steps < 3:
            return None
        return (self._total_steps - self._last_step) * seconds / steps
