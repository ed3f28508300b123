"""Live training curves: loss and accuracy against progress in epochs.

Built the way pyqtgraph's scrollingPlots example recommends for long runs: every curve is created
once, its data live in numpy buffers that grow by doubling, and each update hands the curve a view
of the filled part. Peak downsampling and clipping to the view keep a million points per curve
smooth. It sees plain numbers and the core's events (dataclasses of numbers), never a tensor.

One piece: the curves share their buffers, their axes and the export of both plots.
"""
from __future__ import annotations

import contextlib
import csv
import html
import importlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # makes pg.exporters available
from PySide6.QtCore import QEvent, QObject, QPointF, QSettings, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFileDialog, QHBoxLayout, QLabel, QSizePolicy, QSlider, QVBoxLayout, QWidget

from ...core.runs.events import EpochEnd
from ...core.common.text import printable
from ...state.run import RunView
from .. import plot_menus, theme
from ..plain import plain_label

METRICS = ("loss", "accuracy")
# Weight of the past in the exponential moving average of the per-batch values: light smoothing,
# an effective window of about 2 / (1 - 0.9) - 1 = 19 batches. The average is debiased as
# TensorBoard's is (divided by 1 - weight^t), so the smoothed curve does not lag behind at the start.
SMOOTHING = 0.9
SMOOTHING_MAX = 0.999  # TensorBoard's slider ends there too: 1 would freeze the curve at its start
# Above this many points per curve the whole-run view draws a peak envelope kept incrementally
# (PeakEnvelope); zoomed in, the curves get every point and pyqtgraph clips and downsamples them.
ENVELOPE_ABOVE = 8192
# About two buckets a pixel across a plot on a large screen: enough to show every peak.
ENVELOPE_BUCKETS = 1536


def ema(values: np.ndarray, weight: float, previous: float | None = None) -> np.ndarray:
    """Exponential moving average s_i = weight * s_(i-1) + (1 - weight) * v_i, continuing from
    `previous` (the last smoothed value), or starting at the first value when there is none.

    Vectorised in blocks: inside a block s_j = w^(j+1) * (s + (1 - w) * cumsum(v_k / w^(k+1)))_j;
    blocks are kept short enough that 1 / w^(j+1) stays below ~1e8, so nothing overflows or loses
    precision. Cost is O(len(values)) whatever came before, which keeps appends incremental."""
    values = np.asarray(values, dtype=np.float64)
    out = np.empty_like(values)
    if len(values) == 0:
        return out
    if weight <= 0.0:
        out[:] = values
        return out
    state = float(values[0]) if previous is None else float(previous)
    block = max(1, int(18.0 / -math.log(weight)))
    for start in range(0, len(values), block):
        chunk = values[start:start + block]
        powers = weight ** np.arange(1, len(chunk) + 1)
        out[start:start + len(chunk)] = powers * (state + (1.0 - weight) * np.cumsum(chunk / powers))
        state = float(out[start + len(chunk) - 1])
    return out


class _Columns:
    """Named float64 columns of equal length that grow by doubling their capacity, so appending n
    points costs O(n) amortised (np.append would copy everything on every call)."""

    def __init__(self, names: Sequence[str], capacity: int):
        self._names = tuple(names)
        self._initial = capacity
        self.clear()

    def clear(self) -> None:
        self._data = {name: np.empty(self._initial) for name in self._names}
        self.size = 0

    @property
    def capacity(self) -> int:
        return len(self._data[self._names[0]])

    def append(self, **columns: np.ndarray) -> None:
        n = len(next(iter(columns.values())))
        end = self.size + n
        if end > self.capacity:
            capacity = self.capacity
            while capacity < end:
                capacity *= 2
            for name, old in self._data.items():
                new = np.empty(capacity)
                new[:self.size] = old[:self.size]
                self._data[name] = new
        for name, values in columns.items():
            self._data[name][self.size:end] = values
        self.size = end

    def __getitem__(self, name: str) -> np.ndarray:
        """A view (no copy) of the filled part of a column."""
        return self._data[name][:self.size]


class PeakEnvelope:
    """Min and max of each bucket of `width` consecutive points, kept as points arrive.

    When there are more than `max_buckets` buckets, neighbours merge and the width doubles, so
    appending costs O(new points) however long the series is. Drawn as each bucket's x twice,
    once at its min and once at its max, it looks like pyqtgraph's 'peak' downsampling of the
    whole series, which would otherwise scan every point on every update.
    """

    def __init__(self, max_buckets: int = 4096):
        self.max_buckets = max_buckets
        self.clear()

    def clear(self) -> None:
        self.width = 1
        self.points = 0
        self._x = _Columns(("x", "lo", "hi", "sum"), 256)
        self._last = (np.nan, np.nan)

    @property
    def buckets(self) -> int:
        return self._x.size

    def extend(self, x: np.ndarray, y: np.ndarray) -> None:
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        if len(x) == 0:
            return
        self._last = (float(x[-1]), float(y[-1]))
        cols = self._x
        filled = self.points - (cols.size - 1) * self.width if cols.size else self.width
        room = self.width - filled  # space left in the last bucket
        if room > 0 and cols.size:
            head = y[:room]
            cols["lo"][-1] = min(cols["lo"][-1], head.min())
            cols["hi"][-1] = max(cols["hi"][-1], head.max())
            cols["sum"][-1] += head.sum()
            x, y = x[room:], y[room:]
            self.points += len(head)
        if len(x):
            starts = np.arange(0, len(x), self.width)
            cols.append(x=x[starts], lo=np.minimum.reduceat(y, starts), hi=np.maximum.reduceat(y, starts),
                        sum=np.add.reduceat(y, starts))
            self.points += len(x)
        while cols.size > self.max_buckets:
            self._merge_pairs()

    def _merge_pairs(self) -> None:
        cols = self._x
        n = cols.size
        even = n - n % 2
        x = cols["x"][0:even:2]
        lo = np.minimum(cols["lo"][0:even:2], cols["lo"][1:even:2])
        hi = np.maximum(cols["hi"][0:even:2], cols["hi"][1:even:2])
        total = cols["sum"][0:even:2] + cols["sum"][1:even:2]
        if n % 2:  # the last bucket has no partner yet
            x, lo, hi, total = (np.append(a, cols[k][-1]) for a, k in ((x, "x"), (lo, "lo"), (hi, "hi"),
                                                                        (total, "sum")))
        cols.clear()
        cols.append(x=x, lo=lo, hi=hi, sum=total)
        self.width *= 2

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) to draw: every bucket's x twice, with its min then its max, then the newest point
        (so the curve reaches the right edge even while the last bucket fills)."""
        cols = self._x
        xs = np.empty(2 * cols.size + 1)
        ys = np.empty(2 * cols.size + 1)
        xs[0:-1:2], xs[1:-1:2], xs[-1] = cols["x"], cols["x"], self._last[0]
        ys[0:-1:2], ys[1:-1:2], ys[-1] = cols["lo"], cols["hi"], self._last[1]
        return xs, ys

    def means(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y): the mean of each bucket, then the newest point: a line for an already smooth curve,
        whose min-max band would be as wide as the noise it smooths away at this zoom."""
        cols = self._x
        counts = np.full(cols.size, float(self.width))
        if cols.size:
            counts[-1] = self.points - (cols.size - 1) * self.width
        return np.append(cols["x"], self._last[0]), np.append(cols["sum"] / counts, self._last[1])


# pyqtgraph 0.14.0's SVG exporter cannot parse the closing "Z" that Qt 6.10+ writes at the end of a
# path ("not enough values to unpack", pyqtgraph issue #3495, fixed upstream by PR #3458 but not
# released). While exporting, take the "Z"s out before its coordinate fix-up and put them back after.
_svg_exporter_module = importlib.import_module("pyqtgraph.exporters.SVGExporter")


@contextlib.contextmanager
def _svg_closed_paths_fix():
    original = _svg_exporter_module.correctCoordinates

    def correct_coordinates(node, defs, item, options):
        closed = []
        for path in node.getElementsByTagName("path"):
            tokens = path.getAttribute("d").split()
            if "Z" in tokens or "z" in tokens:
                path.setAttribute("d", " ".join(t for t in tokens if t not in ("Z", "z")))
                closed.append(path)
        original(node, defs, item, options)
        for path in closed:
            path.setAttribute("d", path.getAttribute("d").rstrip() + " Z")

    _svg_exporter_module.correctCoordinates = correct_coordinates
    try:
        yield
    finally:
        _svg_exporter_module.correctCoordinates = original


def debiased_ema(values: Sequence[float], weight: float) -> np.ndarray:
    """The zero-started moving average divided by 1 - weight^t, as the live curves are smoothed."""
    return _debiased(ema(np.asarray(values, dtype=np.float64), weight, 0.0), weight)


def _debiased(zero_started: np.ndarray, weight: float) -> np.ndarray:
    """A zero-started moving average (from the first point) divided by 1 - weight^t."""
    if weight <= 0.0 or len(zero_started) == 0:
        return zero_started
    return zero_started / (1.0 - weight ** np.arange(1, len(zero_started) + 1, dtype=np.float64))


@dataclass
class ComparedRun:
    """Another run's curves, as plain numbers: per-batch steps and values, and its epochs."""

    name: str
    steps_per_epoch: int = 1
    steps: Sequence[float] = field(default_factory=list)
    losses: Sequence[float] = field(default_factory=list)
    accuracies: Sequence[float] = field(default_factory=list)
    epochs: Sequence[EpochEnd] = field(default_factory=list)


def _nearest(xs: np.ndarray, x: float) -> int | None:
    """Index of the value in the sorted array `xs` nearest to `x`; None when empty."""
    n = len(xs)
    if n == 0:
        return None
    i = int(np.searchsorted(xs, x))
    if i >= n:
        return n - 1
    if i > 0 and x - xs[i - 1] <= xs[i] - x:
        return i - 1
    return i


class PlotsPanel(QWidget):
    """Loss and accuracy plots, side by side, with a hover read-out under them."""

    message = Signal(str)  # how an export went, for the status bar

    def __init__(self, parent: QWidget | None = None, smoothing: float = SMOOTHING):
        super().__init__(parent)
        self.smoothing = smoothing
        self.steps_per_epoch = 1
        # Batch columns: global step, x = step / steps_per_epoch, raw values and their smoothing.
        self._batch = _Columns(("step", "x", "loss", "accuracy", "loss_smooth", "accuracy_smooth"), 1024)
        # The zero-started moving average before debiasing, where the next batches continue it.
        self._ema_last = dict.fromkeys(METRICS, 0.0)
        self._epoch = _Columns(("x", "loss", "accuracy"), 64)
        self._val = _Columns(("x", "loss", "accuracy"), 64)

        # Both plots in one GraphicsLayoutWidget, so exporting its layout puts both in one file.
        self.graphics = pg.GraphicsLayoutWidget()
        plot_menus.follow_language(self.graphics)  # right-click's menus in the window's language
        self.plots: dict[str, pg.PlotItem] = {}
        self.curves: dict[str, dict[str, pg.PlotDataItem]] = {}
        self.cursors: dict[str, pg.InfiniteLine] = {}
        self.legends: dict[str, pg.LegendItem] = {}
        self._anchors: dict[str, pg.PlotDataItem] = {}
        for column, metric in enumerate(METRICS):
            plot = self.graphics.addPlot(row=0, col=column)
            plot_menus.app_menu(plot)  # the log scale and smoothing are the panel's own controls
            plot.showGrid(x=True, y=True, alpha=0.15)
            for axis in ("left", "bottom"):
                # epochs and accuracies are plain numbers: never "epoch (x0.001)" at the first batch
                plot.getAxis(axis).enableAutoSIPrefix(False)
                # major and one minor level of grid: the finest level costs ~6 ms a repaint and adds little
                plot.getAxis(axis).setStyle(maxTickLevel=1)
            # The legend sits under its plot, never over a curve or the newest validation marker.
            self.legends[metric] = pg.LegendItem(colCount=2)
            self.graphics.addItem(self.legends[metric], row=1, col=column)
            # An invisible curve the automatic range always includes: x from 0 to at least epoch 1,
            # loss from 0, accuracy from 0 to 1, so the first points get sensible axes and ticks.
            self._anchors[metric] = plot.plot([0.0, 1.0], [0.0, 1.0],  # the loss's moves with the data (_place_anchors)
                                              pen=pg.mkPen(0, 0, 0, 0))
            curves = {
                "batch": plot.plot(name=self.tr("train (batch)")),
                # not antialiased: a wide antialiased line over thousands of peak-downsampled
                # vertices costs ~50 ms a paint at a million points, plain costs ~2 ms
                "smooth": plot.plot(name=self.tr("train (smoothed)")),
                "epoch_train": plot.plot(name=self.tr("train (epoch)"), symbol="o", symbolSize=7, antialias=True),
                "epoch_val": plot.plot(name=self.tr("validation (epoch)"), symbol="s", symbolSize=7, antialias=True),
            }
            for kind in ("batch", "smooth"):
                curves[kind].setDownsampling(auto=True, method="peak")
                curves[kind].setClipToView(True)
            cursor = pg.InfiniteLine(angle=90, movable=False)
            cursor.hide()
            plot.addItem(cursor, ignoreBounds=True)  # the cursor must not stretch the auto range
            self.plots[metric], self.curves[metric], self.cursors[metric] = plot, curves, cursor
        # One x axis: zooming or panning one plot moves the other, so a hovered epoch lines up.
        self.plots["accuracy"].setXLink(self.plots["loss"])
        self._compared: list[pg.PlotDataItem] = []  # other runs' curves (show_comparison), in both plots
        self._compared_runs: list[ComparedRun] = []
        self._own_in_legend = False  # whether the legends list the current run's curves
        self._sync_legends(force=True)
        self._envelopes = {(m, k): PeakEnvelope(ENVELOPE_BUCKETS) for m in METRICS for k in ("batch", "smooth")}
        self._showing_envelope = False
        for plot in self.plots.values():  # zooming in or back out switches between envelope and points
            plot.vb.sigRangeChangedManually.connect(self._show_batch_curves)
            plot.vb.sigStateChanged.connect(self._show_batch_curves)

        # TensorBoard's two controls: how much the per-batch curves are smoothed, and a log scale for the loss.
        self.smoothing_label = QLabel(self.tr("Smoothing"))
        self.smoothing_slider = QSlider(Qt.Horizontal)
        self.smoothing_slider.setRange(0, int(SMOOTHING_MAX * 1000))
        self.smoothing_slider.setMaximumWidth(160)
        self.smoothing_spin = QDoubleSpinBox()
        self.smoothing_spin.setRange(0.0, SMOOTHING_MAX)
        self.smoothing_spin.setDecimals(3)
        self.smoothing_spin.setSingleStep(0.05)
        self.smoothing_spin.setToolTip(self.tr("Weight of the past in the moving average of the per-batch "
                                               "curves (0: none), as in TensorBoard"))
        self.smoothing_slider.setToolTip(self.smoothing_spin.toolTip())
        self.log_check = QCheckBox(self.tr("Log scale (loss)"))
        self.log_check.setToolTip(self.tr("Show the loss on a logarithmic axis, where late, small gains stay visible"))
        self._set_smoothing_controls(smoothing)
        self.smoothing_slider.valueChanged.connect(lambda value: self.set_smoothing(value / 1000))
        self.smoothing_spin.valueChanged.connect(self.set_smoothing)
        self.log_check.toggled.connect(self.set_log_loss)
        controls = QHBoxLayout()
        controls.setContentsMargins(6, 2, 6, 0)
        for widget in (self.smoothing_label, self.smoothing_slider, self.smoothing_spin, self.log_check):
            controls.addWidget(widget)
        controls.addStretch(1)

        self.readout = plain_label(self._hint())
        self.readout.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.readout.setContentsMargins(6, 2, 6, 2)
        # A long read-out is clipped rather than forcing a minimum width on the whole window.
        self.readout.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.readout)
        self.graphics.installEventFilter(self)  # the mouse leaving the plots hides the hover line

        # Both plots share one scene; rate-limited because a read-out faster than the screen is waste.
        self._mouse_proxy = pg.SignalProxy(self.graphics.scene().sigMouseMoved, rateLimit=60,
                                           slot=self._on_proxy_mouse_moved)
        self._apply_theme()

    # ------------------------------------------------------------------ public API

    def set_smoothing(self, weight: float) -> None:
        """Smooth the per-batch curves with this weight of the past (0..SMOOTHING_MAX); the whole
        run is smoothed again, so the curve is what it would have been with this weight from the start."""
        weight = min(max(float(weight), 0.0), SMOOTHING_MAX)
        if abs(weight - self.smoothing) < 1e-9:
            return
        self.smoothing = weight
        self._set_smoothing_controls(weight)
        b = self._batch
        for metric in METRICS:
            zero_started = ema(b[metric], weight, 0.0)  # once: the next batches continue from its last value
            self._ema_last[metric] = float(zero_started[-1]) if b.size else 0.0
            smoothed = _debiased(zero_started, weight)
            b[metric + "_smooth"][:] = smoothed
            envelope = self._envelopes[(metric, "smooth")]
            envelope.clear()
            envelope.extend(b["x"], smoothed)
        self._show_batch_curves()
        if self._compared_runs:
            self.show_comparison(self._compared_runs)

    def _set_smoothing_controls(self, weight: float) -> None:
        for widget, value in ((self.smoothing_slider, round(weight * 1000)), (self.smoothing_spin, weight)):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)

    def set_log_loss(self, on: bool) -> None:
        """The loss on a logarithmic axis (the loss of cross-entropy is never 0)."""
        self.log_check.blockSignals(True)
        self.log_check.setChecked(on)
        self.log_check.blockSignals(False)
        self.plots["loss"].setLogMode(y=bool(on))
        self._place_anchors()
        self.plots["loss"].enableAutoRange()

    def log_loss(self) -> bool:
        return self.log_check.isChecked()

    def restore_settings(self, settings: QSettings) -> None:
        try:
            self.set_smoothing(float(settings.value("plots/smoothing", SMOOTHING)))
        except (TypeError, ValueError):
            pass
        self.set_log_loss(str(settings.value("plots/log_loss", "false")).lower() == "true")

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("plots/smoothing", self.smoothing)
        settings.setValue("plots/log_loss", self.log_loss())

    def _place_anchors(self) -> None:
        """The loss plot's anchor: from 0 on a linear axis (0 to 1 before any loss, rather than an
        empty axis around 0); on a log axis (where 0 has no place) at the newest loss, which adds
        nothing to the range but x from 0 to 1."""
        values = self._batch["loss"] if self._batch.size else self._epoch["loss"]
        if self.log_loss():
            finite = values[np.isfinite(values) & (values > 0)] if len(values) else values
            y = float(finite[-1]) if len(finite) else 1.0
            self._anchors["loss"].setData([0.0, 1.0], [y, y])
        else:
            self._anchors["loss"].setData([0.0, 1.0], [0.0, 0.0 if len(values) or self._compared else 1.0])

    def observe(self, run: RunView) -> None:
        """Draw the run the app shows (state.run): its history when it is shown, then its batches and epochs."""
        run.cleared.connect(lambda: self.reset(1))
        run.shown.connect(lambda shown: self.load_history(shown.started.steps_per_epoch, shown.started.batch_history,
                                                          shown.started.history))
        run.batches.connect(lambda batches: self.add_batches([e.step for e in batches], [e.loss for e in batches],
                                                             [e.accuracy for e in batches]))
        run.epochs_ended.connect(self.add_epochs)

    def reset(self, steps_per_epoch: int = 1) -> None:
        """Clear every curve; later steps are placed at step / steps_per_epoch epochs."""
        self.steps_per_epoch = max(1, int(steps_per_epoch))
        for columns in (self._batch, self._epoch, self._val):
            columns.clear()
        self._ema_last = dict.fromkeys(METRICS, 0.0)
        for envelope in self._envelopes.values():
            envelope.clear()
        self._showing_envelope = False
        for metric in METRICS:
            for curve in self.curves[metric].values():
                curve.setData([], [])
            self.cursors[metric].hide()
            self.plots[metric].enableAutoRange()  # a new run starts fully in view, whatever the zoom was
        self.readout.setText(self._hint())
        self._place_anchors()
        self._sync_legends()

    def add_batches(self, steps: Sequence[int], losses: Sequence[float], accuracies: Sequence[float]) -> None:
        """Append per-batch points (1-based global steps, in increasing order)."""
        step = np.asarray(steps, dtype=np.float64)
        loss = np.asarray(losses, dtype=np.float64)
        accuracy = np.asarray(accuracies, dtype=np.float64)
        if not len(step) == len(loss) == len(accuracy):
            raise ValueError(f"steps, losses and accuracies differ in length: {len(step)}, {len(loss)}, {len(accuracy)}")
        if len(step) == 0:
            return
        b = self._batch
        first = b.size
        # the zero-started average continues from its last value, so only the new points cost
        loss_ema = ema(loss, self.smoothing, self._ema_last["loss"])
        accuracy_ema = ema(accuracy, self.smoothing, self._ema_last["accuracy"])
        self._ema_last = {"loss": float(loss_ema[-1]), "accuracy": float(accuracy_ema[-1])}
        debias = 1.0 - self.smoothing ** np.arange(b.size + 1, b.size + len(step) + 1, dtype=np.float64)
        if self.smoothing <= 0.0:
            debias[:] = 1.0
        b.append(step=step, x=step / self.steps_per_epoch, loss=loss, accuracy=accuracy,
                 loss_smooth=loss_ema / debias, accuracy_smooth=accuracy_ema / debias)
        new = slice(first, b.size)
        for (metric, kind), envelope in self._envelopes.items():
            x, y = self.series(metric, kind)
            envelope.extend(x[new], y[new])
        self._show_batch_curves()
        if first == 0:
            self._place_anchors()
        if not self._own_in_legend:
            self._sync_legends()

    def series(self, metric: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """Every point of a per-batch curve ("batch" or "smooth"), whatever is drawn."""
        return self._batch["x"], self._batch[metric if kind == "batch" else metric + "_smooth"]

    def _show_batch_curves(self, *signal_args) -> None:
        """Hand the batch curves to pyqtgraph: the envelope for a long run seen whole, else all points."""
        whole_run = bool(self.plots["loss"].vb.autoRangeEnabled()[0])
        envelope = whole_run and self._batch.size > ENVELOPE_ABOVE
        if signal_args and envelope == self._showing_envelope:
            return  # a zoom or pan that does not change what to draw: pyqtgraph clips on its own
        self._showing_envelope = envelope
        for metric in METRICS:
            for kind in ("batch", "smooth"):
                if not envelope:
                    x, y = self.series(metric, kind)
                elif kind == "batch":
                    x, y = self._envelopes[(metric, kind)].arrays()
                else:
                    x, y = self._envelopes[(metric, kind)].means()
                self.curves[metric][kind].setData(x, y)

    def add_epochs(self, epochs: Sequence[EpochEnd]) -> None:
        """Append finished epochs (counted from 1), each plotted at x = its number; the curves are
        redrawn once, however many there are. An epoch without validation adds no validation point."""
        if not epochs:
            return
        x = np.array([e.epoch for e in epochs], dtype=np.float64)
        self._epoch.append(x=x, loss=np.array([e.train_loss for e in epochs], dtype=np.float64),
                           accuracy=np.array([e.train_accuracy for e in epochs], dtype=np.float64))
        validated = [e for e in epochs if e.val_loss is not None and e.val_accuracy is not None]
        if validated:
            self._val.append(x=np.array([e.epoch for e in validated], dtype=np.float64),
                             loss=np.array([e.val_loss for e in validated], dtype=np.float64),
                             accuracy=np.array([e.val_accuracy for e in validated], dtype=np.float64))
        for metric in METRICS:
            self.curves[metric]["epoch_train"].setData(self._epoch["x"], self._epoch[metric])
            self.curves[metric]["epoch_val"].setData(self._val["x"], self._val[metric])
        if not self._own_in_legend:
            self._sync_legends()

    def load_history(self, steps_per_epoch: int, batch_history: dict[str, Sequence[float]],
                     history: Sequence[EpochEnd]) -> None:
        """Reset, then restore the curves of a run's earlier batches and epochs in one go."""
        self.reset(steps_per_epoch)
        self.add_batches(batch_history.get("step", []), batch_history.get("loss", []), batch_history.get("accuracy", []))
        self.add_epochs(history)

    def show_comparison(self, runs: Sequence[ComparedRun]) -> None:
        """Overlay other runs in both plots, one colour per run, named in the legend: its smoothed
        per-batch training curve (solid, the legend's entry) and its validation per epoch in the same
        colour (dashed, squares, as the current run's validation). An empty list removes them. The
        current run's own curves stay as they are."""
        for curve in self._compared:
            for plot in self.plots.values():
                plot.removeItem(curve)
        self._compared, self._compared_runs = [], list(runs)
        colors = theme.run_colors()
        for i, run in enumerate(runs):
            color = colors[i % len(colors)]
            per_epoch = max(1, int(run.steps_per_epoch))
            x = np.asarray(run.steps, dtype=np.float64) / per_epoch
            validated = [e for e in run.epochs if e.val_loss is not None and e.val_accuracy is not None]
            for metric in METRICS:
                values = run.losses if metric == "loss" else run.accuracies
                # the legend draws its labels as HTML: a run's name is shown as the text it is
                train = self.plots[metric].plot(x, debiased_ema(values, self.smoothing),
                                                name=html.escape(printable(run.name, 60)), pen=pg.mkPen(color, width=2))
                train.setDownsampling(auto=True, method="peak")
                train.setClipToView(True)
                val = self.plots[metric].plot(
                    [e.epoch for e in validated], [e.val_loss if metric == "loss" else e.val_accuracy for e in validated],
                    pen=pg.mkPen(color, width=1.5, style=Qt.DashLine), symbol="s",
                    symbolSize=6, symbolBrush=color, symbolPen=pg.mkPen(theme.background(), width=1), antialias=True)
                self._compared += [train, val]
        self._place_anchors()
        for plot in self.plots.values():
            plot.enableAutoRange()  # the compared runs may be longer than the current one
        self._sync_legends(force=True)

    def _sync_legends(self, force: bool = False) -> None:
        """While other runs are compared and the current run has nothing to show, the legends name
        only the compared runs; otherwise the current run's curves come first, then theirs."""
        own = self.has_data() or not self._compared
        if own == self._own_in_legend and not force:
            return
        self._own_in_legend = own
        for metric, legend in self.legends.items():
            legend.clear()
            shown = list(self.curves[metric].values()) if own else []
            shown += [c for c in self._compared if c.name() and c in self.plots[metric].items]
            for curve in shown:
                legend.addItem(curve, curve.name())
            legend.setVisible(bool(shown))

    def legend_names(self, metric: str = "loss") -> list[str]:
        """The names one plot's legend shows, in order (as text, unescaped)."""
        return [html.unescape(label.text) for _, label in self.legends[metric].items]

    def point_counts(self) -> dict[str, int]:
        return {"batch": self._batch.size, "epoch_train": self._epoch.size, "epoch_val": self._val.size}

    def has_data(self) -> bool:
        return self._batch.size > 0 or self._epoch.size > 0

    def export_image_dialog(self) -> None:
        """File > Export Plots: ask where, write, and say how it went (`message`)."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plots"), str(Path.home() / "curves.png"),
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            self._export(lambda: self.export_image(path), path)

    def export_csv_dialog(self) -> None:
        """File > Export Metrics (CSV): ask where, write, and say how it went (`message`)."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export metrics"), str(Path.home() / "metrics.csv"),
                                              self.tr("CSV (*.csv)"))
        if path:
            self._export(lambda: self.export_csv(path), path)

    def _export(self, write: Callable[[], None], path: str) -> None:
        try:
            write()
            self.message.emit(self.tr("Exported {0}").format(path))
        except (OSError, ValueError) as exc:
            self.message.emit(self.tr("Export failed: {0}").format(exc))

    def export_image(self, path: str) -> None:
        """Save both plots in one picture: .png (raster) or .svg (vector)."""
        suffix = Path(path).suffix.lower()
        if suffix not in (".png", ".svg"):
            raise ValueError(self.tr("cannot export the plots as {0}: use .png or .svg").format(
                suffix or self.tr("a file without extension")))
        item = self.graphics.ci  # the layout holding both plots
        if item.size().width() < 1 or item.size().height() < 1:
            item.resize(1000, 400)  # never shown (e.g. a hidden tab): lay it out at a sensible size
        visible = {metric: cursor.isVisible() for metric, cursor in self.cursors.items()}
        for cursor in self.cursors.values():  # the hover cursor is not part of the data
            cursor.hide()
        try:
            if suffix == ".png":
                exporter = pg.exporters.ImageExporter(item)
                # At least 1600 px wide: the export is rendered scaled, so small windows still print sharp.
                exporter.parameters()["width"] = max(exporter.parameters()["width"], 1600)
                fix = contextlib.nullcontext()
            else:
                exporter = pg.exporters.SVGExporter(item)
                fix = _svg_closed_paths_fix()
            exporter.parameters()["background"] = theme.background()
            with fix:
                exporter.export(str(path))
        finally:
            for metric, cursor in self.cursors.items():
                cursor.setVisible(visible[metric])

    def export_csv(self, path: str) -> None:
        """Write every point: one row per batch, then one per epoch (loss/accuracy = train values).
        The epoch column is progress in epochs, as on the x axis."""
        b = self._batch
        val = dict(zip(self._val["x"].tolist(), zip(self._val["loss"].tolist(), self._val["accuracy"].tolist())))
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["kind", "step", "epoch", "loss", "accuracy", "val_loss", "val_accuracy"])
            for step, x, loss, accuracy in zip(b["step"].tolist(), b["x"].tolist(), b["loss"].tolist(),
                                               b["accuracy"].tolist()):
                writer.writerow(["batch", int(step), x, loss, accuracy, "", ""])
            for x, loss, accuracy in zip(self._epoch["x"].tolist(), self._epoch["loss"].tolist(),
                                         self._epoch["accuracy"].tolist()):
                val_loss, val_accuracy = val.get(x, ("", ""))
                writer.writerow(["epoch", "", x, loss, accuracy, val_loss, val_accuracy])

    # ------------------------------------------------------------------ hover read-out

    def _on_proxy_mouse_moved(self, args: tuple) -> None:
        self._on_mouse_moved(args[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.graphics and event.type() == QEvent.Leave:
            self._hide_cursor()
        return super().eventFilter(watched, event)

    def _hide_cursor(self) -> None:
        for cursor in self.cursors.values():
            cursor.hide()
        self.readout.setText(self._hint())

    def cursor_shown(self) -> bool:
        return any(cursor.isVisible() for cursor in self.cursors.values())

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        """Move the cursor to the hovered epoch position and show the nearest value of each curve."""
        hovered = next((plot for plot in self.plots.values() if plot.vb.sceneBoundingRect().contains(scene_pos)), None)
        if hovered is None or not self.has_data():
            self._hide_cursor()
            return
        x = hovered.vb.mapSceneToView(scene_pos).x()
        for cursor in self.cursors.values():  # the x axes are linked: one cursor per plot, same place
            cursor.setPos(x)
            cursor.show()
        self.readout.setText(self.readout_text(x))

    def readout_text(self, x: float) -> str:
        """The read-out for epoch position x: nearest smoothed batch value and nearest epoch points."""
        parts = [self.tr("epoch {0:.2f}").format(x)]
        i = _nearest(self._batch["x"], x)
        if i is not None:
            parts[0] += self.tr(" (step {0})").format(int(self._batch['step'][i]))
        j = _nearest(self._epoch["x"], x)
        k = _nearest(self._val["x"], x)
        for metric in METRICS:
            fmt = "{:.4g}" if metric == "loss" else "{:.4f}"
            values = []
            if i is not None:
                values.append(self.tr("smoothed {0}").format(fmt.format(self._batch[metric + "_smooth"][i])))
            if j is not None:
                values.append(self.tr("epoch {0} train {1}").format(int(self._epoch['x'][j]), fmt.format(self._epoch[metric][j])))
            if k is not None:
                values.append(self.tr("epoch {0} val {1}").format(int(self._val['x'][k]), fmt.format(self._val[metric][k])))
            parts.append(self.tr("{0}: {1}").format(self._metric_title(metric), self.tr(", ").join(values)))
        return "   |   ".join(parts)

    # ------------------------------------------------------------------ colours

    def changeEvent(self, event: QEvent) -> None:
        # Follow the system switching between light and dark while the app runs.
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange) and hasattr(self, "curves"):
            self._apply_theme()
        if event.type() == QEvent.LanguageChange and hasattr(self, "curves"):
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ language

    def _hint(self) -> str:
        return self.tr("Hover over a plot to read the values.")

    def _metric_title(self, metric: str) -> str:
        return self.tr("loss") if metric == "loss" else self.tr("accuracy")

    def retranslate(self) -> None:
        """Legends, axis titles and the read-out in the language installed now; the curves stay."""
        names = {"batch": self.tr("train (batch)"), "smooth": self.tr("train (smoothed)"),
                 "epoch_train": self.tr("train (epoch)"), "epoch_val": self.tr("validation (epoch)")}
        for metric in METRICS:
            for kind, curve in self.curves[metric].items():
                curve.opts["name"] = names[kind]
                for sample, label in self.legends[metric].items:
                    if sample.item is curve:
                        label.setText(names[kind])
        self._apply_theme()
        self.readout.setText(self._hint())
        self.smoothing_label.setText(self.tr("Smoothing"))
        self.smoothing_spin.setToolTip(self.tr("Weight of the past in the moving average of the per-batch "
                                               "curves (0: none), as in TensorBoard"))
        self.smoothing_slider.setToolTip(self.smoothing_spin.toolTip())
        self.log_check.setText(self.tr("Log scale (loss)"))
        self.log_check.setToolTip(self.tr("Show the loss on a logarithmic axis, where late, small gains stay visible"))

    def _apply_theme(self) -> None:
        bg, fg = theme.background(), theme.foreground()
        train, val = theme.train_color(), theme.val_color()
        self.graphics.setBackground(bg)
        for metric, plot in self.plots.items():
            for axis, label in (("bottom", self.tr("epoch")), ("left", self._metric_title(metric))):
                plot.getAxis(axis).setPen(theme.faint(fg, 160))
                plot.getAxis(axis).setTextPen(fg)
                plot.setLabel(axis, label, color=fg.name())
            legend = self.legends[metric]
            legend.setLabelTextColor(fg)
            for _, label in legend.items:  # setLabelTextColor only takes effect when a label's text is set
                label.setText(label.text, color=fg)
            legend.setBrush(theme.faint(bg, 200))
            legend.setPen(theme.faint(fg, 80))
            curves = self.curves[metric]
            curves["batch"].setPen(pg.mkPen(theme.faint(train, 90), width=1))
            curves["smooth"].setPen(pg.mkPen(train, width=2))
            # Epoch train is dashed with round markers, validation solid with squares: told apart
            # by shape as well as colour.
            curves["epoch_train"].setPen(pg.mkPen(train, width=1.5, style=Qt.DashLine))
            curves["epoch_train"].setSymbolBrush(train)
            curves["epoch_train"].setSymbolPen(pg.mkPen(bg, width=1))
            curves["epoch_val"].setPen(pg.mkPen(val, width=2))
            curves["epoch_val"].setSymbolBrush(val)
            curves["epoch_val"].setSymbolPen(pg.mkPen(bg, width=1))
            self.cursors[metric].setPen(pg.mkPen(theme.faint(fg, 140), width=1, style=Qt.DashLine))
        if self._compared_runs:  # their colours follow the theme too
            self.show_comparison(self._compared_runs)
