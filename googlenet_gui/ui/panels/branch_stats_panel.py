"""How each part learns, as a heat strip: a row per part (block1, block2, every Inception branch,
the classifier), a column per sampled step, coloured by the figure chosen (core/runs/branchlog.py):
the gradient norm and the update-to-weight ratio on a log scale, the activations' mean and the
share of them above 0 as they are. Dead parts (outputs almost never above 0) and exploding ones
(a step rewrote a tenth of their weights or more, or their gradient is not finite) are marked on the
strip and named below it. Hovering a cell says its part, step and value.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...core.runs.branchlog import DEAD_FRACTION, EXPLODING_RATIO, STATISTICS, BranchHistory
from ...core.understanding.colormap import HEAT
from .. import plot_menus, theme
from ..plain import plain_label, plain_tooltip
from ..words import Text, say

LOG_SCALED = ("gradient_norm", "update_ratio")
FLOOR = 1e-12  # a zero on a log scale (a frozen part's update) is shown at this value


class BranchStatsPanel(QWidget):
    statistic_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.statistic_combo = QComboBox()
        for name in STATISTICS:
            self.statistic_combo.addItem(name, name)
        self.statistic_combo.setCurrentIndex(STATISTICS.index("update_ratio"))
        self.statistic_combo.activated.connect(lambda _: self._chosen())
        self.statistic_title = QLabel()
        self.range_label = plain_label()
        controls = QHBoxLayout()
        controls.addWidget(self.statistic_title)
        controls.addWidget(self.statistic_combo)
        controls.addWidget(self.range_label, 1)

        self.plot_widget = pg.PlotWidget()
        plot_menus.follow_language(self.plot_widget)
        self.plot = self.plot_widget.getPlotItem()
        plot_menus.app_menu(self.plot)
        self.plot.invertY(True)  # the first part (block1) on top, as the network reads
        self.plot.setMouseEnabled(x=True, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(HEAT)
        self.plot.addItem(self.image)
        self.dead_marks = pg.ScatterPlotItem(symbol="x", size=9, pen=pg.mkPen("#3fa7ff", width=2), brush=None)
        self.exploding_marks = pg.ScatterPlotItem(symbol="t1", size=9, pen=pg.mkPen("#ff3b30", width=2), brush=None)
        self.plot.addItem(self.dead_marks)
        self.tick_font = self.font()
        self.tick_font.setPointSizeF(max(6.0, self.tick_font.pointSizeF() * 0.8))
        # a row a part: every name shown, however close the rows (pyqtgraph hides labels that would touch)
        self.plot.getAxis("left").setStyle(hideOverlappingLabels=False, tickFont=self.tick_font)
        self.plot.addItem(self.exploding_marks)
        self.plot_widget.scene().sigMouseMoved.connect(self._mouse_moved)

        self.findings_label = plain_label()
        self.findings_label.setWordWrap(True)
        self.message_label = plain_label()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: gray;")

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message_label)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.findings_label)

        self.history = BranchHistory()
        self.values = np.zeros((0, 0))  # what the strip shows: [parts, samples], the chosen figure
        self._message: Text = ""
        self.retranslate()
        self.show_history(self.history)

    # ------------------------------------------------------------------ public API

    def statistic(self) -> str:
        return self.statistic_combo.currentData()

    def set_statistic(self, name: str) -> None:
        self.statistic_combo.setCurrentIndex(STATISTICS.index(name))
        self._draw()

    def show_history(self, history: BranchHistory) -> None:
        self.history = history
        self._draw()

    def show_message(self, text: Text) -> None:
        """A line above the strip (a failure to read the run's file); "" for none."""
        self._message = text
        self._say_message()

    def _say_message(self) -> None:
        said = say(self._message) if self._message else "" if self.history.samples else self.tr(
            "While a run trains, every few steps each part's gradient, update and activations are sampled and shown "
            "here (kept in the run folder as branch_stats.jsonl).")
        self.message_label.setText(said)
        self.message_label.setVisible(bool(said))

    def dead_parts(self) -> list[str]:
        """Parts dead at the newest sample."""
        h = self.history
        return [p for p, dead in zip(h.parts, h.samples[-1].dead()) if dead] if h.samples else []

    def exploding_parts(self) -> list[str]:
        """Parts that exploded at any sample."""
        h = self.history
        if not h.samples:
            return []
        ever = h.exploding().any(axis=1)
        return [p for p, e in zip(h.parts, ever) if e]

    def describe_cell(self, row: int, column: int) -> str:
        """A cell's part, step and value, as hovering shows it."""
        h = self.history
        value = self.values[row, column]
        shown = "–" if not math.isfinite(value) else f"{value:.3g}"
        return self.tr("{0}, step {1}: {2}").format(h.parts[row], h.steps[column], shown)

    # ------------------------------------------------------------------ internals

    def _chosen(self) -> None:
        self._draw()
        self.statistic_changed.emit(self.statistic())

    def _draw(self) -> None:
        h, statistic = self.history, self.statistic()
        self.values = h.matrix(statistic)
        parts, samples = self.values.shape if self.values.ndim == 2 else (0, 0)
        if not samples:
            self.image.clear()
            self.dead_marks.setData([])
            self.exploding_marks.setData([])
            self.range_label.setText("")
            self.findings_label.setText("")
            self._say_message()
            return
        self._say_message()
        shown = self.values.copy()
        log = statistic in LOG_SCALED
        if log:
            shown = np.log10(np.clip(np.nan_to_num(shown, nan=np.nan, posinf=1e300), FLOOR, None))
        finite = shown[np.isfinite(shown)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if statistic == "active_fraction":
            low, high = 0.0, 1.0
        if high <= low:
            high = low + 1.0
        levels = np.clip((shown - low) / (high - low), 0, 1)
        self.image.setImage(np.where(np.isfinite(levels), levels, 0.0), levels=(0.0, 1.0), autoLevels=False)
        self.image.setRect(-0.5, -0.5, samples, parts)
        dead, exploding = h.dead(), h.exploding()
        rows, columns = np.nonzero(dead)
        self.dead_marks.setData(x=columns.astype(float), y=rows.astype(float))
        rows, columns = np.nonzero(exploding)
        self.exploding_marks.setData(x=columns.astype(float), y=rows.astype(float))
        axis = self.plot.getAxis("left")
        axis.setTicks([[(i, name) for i, name in enumerate(h.parts)]])
        axis.setWidth(max(QFontMetrics(self.tick_font).horizontalAdvance(name) for name in h.parts) + 16)
        step_axis = self.plot.getAxis("bottom")
        every = max(1, samples // 8)
        step_axis.setTicks([[(i, str(step)) for i, step in enumerate(h.steps) if i % every == 0]])
        self.plot.setXRange(-0.5, samples - 0.5, padding=0.01)
        self.plot.setYRange(-0.5, parts - 0.5, padding=0.01)
        lows = 10 ** low if log else low
        highs = 10 ** high if log else high
        self.range_label.setText(self.tr("dark {0:.3g} … light {1:.3g}{2}").format(
            lows, highs, self.tr(" (log scale)") if log else ""))
        self._say_findings()

    def _say_findings(self) -> None:
        lines = []
        dead, exploding = self.dead_parts(), self.exploding_parts()
        if dead:
            lines.append(self.tr("Dead now (× blue; outputs above 0 less than {0:.0%} of the time): {1}").format(
                DEAD_FRACTION, ", ".join(dead)))
        if exploding:
            lines.append(self.tr("Exploded (▲ red; a step changed more than {0:.0%} of the weights, or the gradient "
                                 "was not finite): {1}").format(EXPLODING_RATIO, ", ".join(exploding)))
        if not lines and self.history.samples:
            lines.append(self.tr("No dead or exploding part."))
        self.findings_label.setText("\n".join(lines))

    def _mouse_moved(self, position: QPointF) -> None:
        if not self.values.size or not self.plot.sceneBoundingRect().contains(position):
            self.plot_widget.setToolTip("")
            return
        point = self.plot.vb.mapSceneToView(position)
        column, row = int(round(point.x())), int(round(point.y()))
        if 0 <= row < self.values.shape[0] and 0 <= column < self.values.shape[1]:
            self.plot_widget.setToolTip(plain_tooltip(self.describe_cell(row, column)))
        else:
            self.plot_widget.setToolTip("")

    def retranslate(self) -> None:
        self.statistic_title.setText(self.tr("Show"))
        names = {"gradient_norm": self.tr("Gradient norm"), "update_ratio": self.tr("Update / weight ratio"),
                 "activation_mean": self.tr("Activation mean"), "active_fraction": self.tr("Share of activations above 0")}
        for i, name in enumerate(STATISTICS):
            self.statistic_combo.setItemText(i, names[name])
        self.plot_widget.setBackground(theme.background())
        self.plot.setLabel("bottom", self.tr("training step"), color=theme.foreground().name())
        self._draw()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange and hasattr(self, "history"):
            self.retranslate()
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange) and hasattr(self, "plot_widget"):
            self.plot_widget.setBackground(theme.background())
        super().changeEvent(event)

