"""The learning-rate finder's window (fastai's lr_find): the loss against a rising learning rate on
a log axis, the suggested rate marked, and "Use this rate". It shows what it is given and reports
what the user asks for; ui/controllers/lr_find.py runs the finder (core/training/lr_find.py)."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .. import plot_menus, theme
from ..busy_row import BusyRow
from ..plain import plain_label
from ..words import Text, say


class LRFindDialog(QDialog):
    start_requested = Signal()
    cancel_requested = Signal()
    rate_chosen = Signal(float)  # "Use this rate": the suggested learning rate

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.resize(720, 520)
        self.intro_label = plain_label()
        self.intro_label.setWordWrap(True)
        self.plot_widget = pg.PlotWidget()
        plot_menus.follow_language(self.plot_widget)
        self.plot = self.plot_widget.getPlotItem()
        plot_menus.app_menu(self.plot)
        self.plot.setLogMode(x=True, y=False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.raw_curve = self.plot.plot([], [], pen=pg.mkPen(theme.faint(theme.train_color(), 90), width=1))
        self.smooth_curve = self.plot.plot([], [], pen=pg.mkPen(theme.train_color(), width=2))
        self.suggestion_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(theme.val_color(), width=2,
                                                                                     style=Qt.DashLine))
        self.suggestion_line.hide()
        self.plot.addItem(self.suggestion_line, ignoreBounds=True)
        self.busy = BusyRow()
        self.busy.cancel_clicked.connect(self.cancel_requested)
        self.result_label = plain_label()
        self.result_label.setWordWrap(True)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start_requested)
        self.use_button = QPushButton()
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._use)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.suggestion: float | None = None
        self._result: Text = ""
        self._error = False
        self.retranslate()

    # ------------------------------------------------------------------ public API

    def set_busy(self, text: Text, total: int = 0) -> None:
        self.busy.start(text, total)
        self.start_button.setEnabled(False)

    def set_progress(self, done: int, total: int, text: Text | None = None) -> None:
        self.busy.show_progress(done, total, text)

    def set_idle(self) -> None:
        self.busy.stop()
        self.start_button.setEnabled(True)

    def show_curve(self, rates: list[float], losses: list[float], smoothed: list[float]) -> None:
        """The loss at each rate so far (drawn as it comes, and at the end)."""
        x = np.asarray(rates, dtype=np.float64)
        self.raw_curve.setData(x, np.asarray(losses, dtype=np.float64))
        y = np.asarray(smoothed, dtype=np.float64)
        self.smooth_curve.setData(x, y)
        finite = y[np.isfinite(y)]
        if finite.size:  # the smoothed curve sets the view: a raw spike as the loss shoots up does not flatten it
            low, high = float(finite.min()), float(finite.max())
            margin = max(high - low, 1e-6) * 0.1
            self.plot.setYRange(low - margin, high + margin, padding=0)

    def show_suggestion(self, rate: float | None) -> None:
        self.suggestion = rate
        self.use_button.setEnabled(rate is not None)
        self.suggestion_line.setVisible(rate is not None)
        if rate is not None:
            self.suggestion_line.setValue(float(np.log10(rate)))  # the axis is log10 of the rate
        self._say_use()

    def show_result(self, text: Text, error: bool = False) -> None:
        self._result, self._error = text, error
        self.result_label.setStyleSheet(f"color: {theme.error_color().name()};" if error else "")
        self.result_label.setText(say(text))

    def curve_points(self) -> int:
        return len(self.smooth_curve.xData) if self.smooth_curve.xData is not None else 0

    # ------------------------------------------------------------------ internals

    def _use(self) -> None:
        if self.suggestion is not None:
            self.rate_chosen.emit(self.suggestion)

    def _say_use(self) -> None:
        self.use_button.setText(self.tr("Use {0:.2e}").format(self.suggestion) if self.suggestion is not None
                                else self.tr("Use this rate"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Find a learning rate"))
        self.intro_label.setText(self.tr(
            "A short run from the start the training settings give (the same network, seed, optimizer and batches) "
            "raises the learning rate exponentially over about 100 steps. The loss stays flat while the rate is too "
            "small, falls, then shoots up once it is too large; the rate where the smoothed loss falls fastest is "
            "suggested. The weights are put back afterwards: nothing of a run changes."))
        self.start_button.setText(self.tr("Find"))
        self.close_button.setText(self.tr("Close"))
        fg = theme.foreground()
        self.plot_widget.setBackground(theme.background())
        for axis, label in (("bottom", self.tr("learning rate (log scale)")), ("left", self.tr("training loss"))):
            self.plot.setLabel(axis, html.escape(label), color=fg.name())
        self._say_use()
        self.result_label.setText(say(self._result))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange and hasattr(self, "_result"):
            self.retranslate()
        super().changeEvent(event)
