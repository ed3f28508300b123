"""The prediction timeline: a pinned image's class probabilities against training steps, as
the run trains (or as an opened run recorded them). One image at a time, chosen from a list;
the classes drawn are those that were ever among its three most probable (ten at most), with
a dotted line at each epoch's end.

Class and image names come from files: the legend and labels (which pyqtgraph renders as
HTML) get them escaped. The panel only shows the numbers it is given.
"""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ...core.common.text import NAME_LIMIT, printable
from .. import plot_menus, theme
from ..plain import plain_label
from ..words import Text, image_name, say

TOP_CLASSES = 3  # a class is drawn if it was ever among the image's this many most probable
MAX_CURVES = 10
DEFAULT_INTERVAL = 25  # steps between points while training


class TimelinePanel(QWidget):
    image_chosen = Signal(object)  # an image's name: a file's path, or a kept image's Message
    unpin_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.image_combo = QComboBox()
        self.image_combo.setMinimumContentsLength(24)
        self.image_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.image_combo.activated.connect(lambda _: self._chosen())
        self.unpin_button = QPushButton()
        self.unpin_button.clicked.connect(self._unpin)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 100_000)
        self.interval_spin.setValue(DEFAULT_INTERVAL)
        controls = QHBoxLayout()
        self.image_title, self.interval_title = QLabel(), QLabel()
        controls.addWidget(self.image_title)
        controls.addWidget(self.image_combo, 1)
        controls.addWidget(self.unpin_button)
        controls.addWidget(self.interval_title)
        controls.addWidget(self.interval_spin)

        self.message_label = plain_label()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: gray;")

        self.plot_widget = pg.PlotWidget()
        plot_menus.follow_language(self.plot_widget)  # right-click's menus in the window's language
        self.plot = self.plot_widget.getPlotItem()
        plot_menus.app_menu(self.plot)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setYRange(0, 1, padding=0.02)
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.plot.setMouseEnabled(x=True, y=False)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.curves: list[pg.PlotDataItem] = []
        self.epoch_lines: list[pg.InfiniteLine] = []

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message_label)
        layout.addWidget(self.plot_widget, 1)
        self._shown_images: tuple[list[str], set[str]] = ([], set())
        self._message: Text = ""
        self.retranslate()
        self.set_images([], set(), None)

    def retranslate(self) -> None:
        """The panel's texts in the language installed now; the image list and curves stay."""
        self.unpin_button.setText(self.tr("Unpin"))
        self.interval_spin.setSuffix(self.tr(" steps"))
        self.interval_spin.setToolTip(self.tr("While training, the pinned images are classified this often (with "
                                              "the newest weights), and at every epoch's end"))
        self.image_title.setText(self.tr("Image"))
        self.interval_title.setText(self.tr("Record every"))
        self._apply_theme()  # the axis titles
        names, pinned = self._shown_images
        if names:
            self.set_images(names, pinned, self.current_image())
        self.show_message(self._message)

    def _pin_hint(self) -> str:
        return self.tr("Pin an image (Pin, in this tab's header or on a Classify row) to follow its class probabilities "
                       "while a run trains; they are kept in the run's folder (timeline.jsonl), so an opened run shows "
                       "them again.")

    # ------------------------------------------------------------------ public API

    def interval(self) -> int:
        return self.interval_spin.value()

    def current_image(self) -> str | None:
        data = self.image_combo.currentData()  # the list's own name for it: a kept image's stays a Message
        return next((name for name in self._shown_images[0] if name == data), data)

    def set_images(self, names: list[str], pinned: set[str], current: str | None) -> None:
        """The images that have a timeline or are pinned; `current` is shown."""
        self._shown_images = (list(names), set(pinned))
        self.image_combo.blockSignals(True)
        self.image_combo.clear()
        for name in names:
            label = image_name(name) + ("" if name in pinned else "  " + self.tr("(not pinned now)"))
            self.image_combo.addItem(label, name)
        index = self.image_combo.findData(current) if current is not None else -1
        self.image_combo.setCurrentIndex(index if index >= 0 else 0)
        self.image_combo.blockSignals(False)
        chosen = self.current_image()
        self.unpin_button.setEnabled(chosen is not None and chosen in pinned)
        if not names:
            self.show_series(None, [], [], [], np.zeros((0, 0)))
            self.show_message(self._pin_hint)

    def show_series(self, image: str | None, class_names: list[str], steps: list[int], epoch_ends: list[int],
                    probabilities: np.ndarray) -> None:
        """`probabilities` [points, classes] at `steps`; `epoch_ends`: the steps that ended an epoch."""
        for item in self.curves + self.epoch_lines:
            self.plot.removeItem(item)
        self.legend.clear()
        self.curves, self.epoch_lines = [], []
        self.legend.setVisible(bool(len(steps)))
        if image is None or not len(steps):
            self.show_message((lambda: self.tr("No points yet for {0}: they come as the run trains.").format(
                image_name(image))) if image is not None else "")
            return
        self.show_message("")
        x = np.asarray(steps, dtype=np.float64)
        fg = theme.foreground()
        for step in epoch_ends:
            line = pg.InfiniteLine(pos=step, angle=90, movable=False, pen=pg.mkPen(theme.faint(fg, 90), style=Qt.DotLine))
            self.plot.addItem(line, ignoreBounds=True)
            self.epoch_lines.append(line)
        for n, c in enumerate(shown_classes(probabilities)):
            name = html.escape(printable(class_names[c], NAME_LIMIT) if c < len(class_names) else str(c))
            curve = self.plot.plot(x, probabilities[:, c], name=name, pen=pg.mkPen(pg.intColor(n, hues=MAX_CURVES), width=2),
                                   symbol="o", symbolSize=5, symbolBrush=pg.intColor(n, hues=MAX_CURVES), antialias=True)
            self.curves.append(curve)
        self.plot.setXRange(float(x.min()), float(max(x.max(), x.min() + 1)), padding=0.02)

    def show_message(self, text: Text) -> None:
        self._message = text
        text = say(text)
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def point_count(self) -> int:
        """Points of the image shown (the same for every curve)."""
        return len(self.curves[0].xData) if self.curves else 0

    def curve_names(self) -> list[str]:
        return [curve.name() for curve in self.curves]

    # ------------------------------------------------------------------ internals

    def _chosen(self) -> None:
        name = self.current_image()
        if name is not None:
            self.image_chosen.emit(name)

    def _unpin(self) -> None:
        name = self.current_image()
        if name is not None:
            self.unpin_requested.emit(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange) and hasattr(self, "plot"):
            self._apply_theme()
        if event.type() == QEvent.LanguageChange and hasattr(self, "_shown_images"):
            self.retranslate()
        super().changeEvent(event)

    def _apply_theme(self) -> None:
        bg, fg = theme.background(), theme.foreground()
        self.plot_widget.setBackground(bg)
        for axis, label in (("bottom", self.tr("training step")), ("left", self.tr("probability"))):
            self.plot.getAxis(axis).setPen(theme.faint(fg, 160))
            self.plot.getAxis(axis).setTextPen(fg)
            self.plot.setLabel(axis, html.escape(label), color=fg.name())
        self.legend.setLabelTextColor(fg)
        self.legend.setBrush(theme.faint(bg, 200))
        self.legend.setPen(theme.faint(fg, 80))


def shown_classes(probabilities: np.ndarray) -> list[int]:
    """The classes that were ever among the TOP_CLASSES most probable, at most MAX_CURVES, the
    most probable at the last point first."""
    if probabilities.size == 0:
        return []
    k = min(TOP_CLASSES, probabilities.shape[1])
    ever = np.unique(np.argsort(-probabilities, axis=1, kind="stable")[:, :k])
    last = probabilities[-1]
    return [int(c) for c in sorted(ever, key=lambda c: -last[c])][:MAX_CURVES]
