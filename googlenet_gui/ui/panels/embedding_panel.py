"""The feature map of the validation set (TensorBoard's Projector, live): a point per image at
its features' place in two dimensions (core/understanding/embedding.py), coloured by its true
class; the network's mistakes are crosses. An epoch slider replays the maps kept for the layer and
projection chosen, so one sees the classes pull apart as a run trains. Hovering a point shows its
image; a click asks to classify it.

The panel shows what it is given and reports what the user asks for; a controller computes the
maps (ui/controllers/embedding.py). Class names come from files: the legend gets them escaped.
"""
from __future__ import annotations

import html
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget)

from ...core.common.text import NAME_LIMIT, printable
from ...core.understanding.embedding import DEFAULT_LAYER, LAYERS, METHODS, FeatureMap, class_colours
from .. import plot_menus, theme
from ..busy_row import BusyRow
from ..plain import plain_label
from ..qimages import array_to_qimage
from ..words import Text, say

HOVER_SIDE = 112  # the hovered image is shown this big
POINT_SIZE = 7
MISTAKE_SIZE = 9

ImageSource = Callable[[int], "np.ndarray | None"]  # an image's index in the validation set -> uint8 HxW or HxWx3


class EmbeddingPanel(QWidget):
    compute_requested = Signal()  # map the weights chosen now
    cancel_requested = Signal()
    choice_changed = Signal(str, str)  # layer, method
    epoch_chosen = Signal(int)  # which of the kept maps (the slider's place)
    classify_requested = Signal(int)  # an image's index in the validation set
    shown = Signal()  # the panel came on screen (its tab was chosen)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layer_combo = QComboBox()
        for layer in LAYERS:
            self.layer_combo.addItem(layer, layer)
        self.layer_combo.setCurrentIndex(LAYERS.index(DEFAULT_LAYER))
        self.method_combo = QComboBox()
        self.method_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.method_combo.setMinimumContentsLength(10)  # the window's width is not set by this one combo
        for method in METHODS:
            self.method_combo.addItem(method, method)
        self.layer_combo.activated.connect(lambda _: self._choice())
        self.method_combo.activated.connect(lambda _: self._choice())
        self.compute_button = QPushButton()
        self.compute_button.clicked.connect(self.compute_requested)
        self.layer_title, self.method_title = QLabel(), QLabel()
        controls = QHBoxLayout()
        controls.addWidget(self.layer_title)
        controls.addWidget(self.layer_combo)
        controls.addWidget(self.method_title)
        controls.addWidget(self.method_combo)
        controls.addWidget(self.compute_button)
        controls.addStretch(1)

        self.epoch_slider = QSlider(Qt.Horizontal)
        self.epoch_slider.setRange(0, 0)
        self.epoch_slider.setPageStep(1)
        self.epoch_slider.valueChanged.connect(lambda _: self._say_epoch())
        self.epoch_slider.valueChanged.connect(self.epoch_chosen)
        self.epoch_label = plain_label()
        replay = QHBoxLayout()
        replay.addWidget(self.epoch_slider, 1)
        replay.addWidget(self.epoch_label)

        self.busy = BusyRow()
        self.busy.cancel_clicked.connect(self.cancel_requested)
        self.message_label = plain_label()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: gray;")

        self.plot_widget = pg.PlotWidget()
        plot_menus.follow_language(self.plot_widget)
        self.plot = self.plot_widget.getPlotItem()
        plot_menus.app_menu(self.plot)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setAspectLocked(False)
        self.scatter = pg.ScatterPlotItem(hoverable=True, tip=None)
        self.scatter.sigHovered.connect(self._hovered)
        self.scatter.sigClicked.connect(self._clicked)
        self.plot.addItem(self.scatter)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.hover_label = QLabel(self.plot_widget)  # the hovered image and its classes, beside the pointer
        self.hover_label.setTextFormat(Qt.PlainText)
        self.hover_label.setStyleSheet("background: palette(base); border: 1px solid palette(mid); padding: 3px;")
        self.hover_label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(replay)
        layout.addWidget(self.busy)
        layout.addWidget(self.message_label)
        layout.addWidget(self.plot_widget, 1)

        self.feature_map: FeatureMap | None = None
        self._image_source: ImageSource | None = None
        self._epoch_texts: list[Text] = []
        self._message: Text = ""
        self._title: Text = ""
        self._legend_classes: list[str] = []
        self.retranslate()
        self.show_map(None)

    # ------------------------------------------------------------------ public API

    def layer(self) -> str:
        return self.layer_combo.currentData()

    def method(self) -> str:
        return self.method_combo.currentData()

    def set_image_source(self, source: ImageSource | None) -> None:
        """Where a hovered point's image comes from (None: none is shown)."""
        self._image_source = source

    def set_epochs(self, texts: list[Text], current: int) -> None:
        """The kept maps, each named ("after epoch 3"); the slider goes to `current` without asking for it."""
        self._epoch_texts = list(texts)
        self.epoch_slider.blockSignals(True)
        self.epoch_slider.setRange(0, max(0, len(texts) - 1))
        self.epoch_slider.setValue(max(0, current))
        self.epoch_slider.blockSignals(False)
        self.epoch_slider.setEnabled(len(texts) > 1)
        self._say_epoch()

    def show_map(self, feature_map: FeatureMap | None, title: Text = "") -> None:
        """Draw a map (None: clear); `title` says whose weights it shows."""
        self.feature_map, self._title = feature_map, title
        self.hover_label.hide()
        if feature_map is None or not len(feature_map.points):
            self.scatter.setData([])
            self._set_legend([])
            self._say_map()
            return
        colours = [QColor(*c) for c in class_colours(len(feature_map.class_names))]
        brushes = [pg.mkBrush(c) for c in colours]
        pens = [pg.mkPen(c, width=1.6) for c in colours]
        outline = pg.mkPen(theme.faint(theme.foreground(), 90), width=0.5)
        labels = feature_map.labels % max(1, len(colours))
        mistakes = feature_map.mistakes
        order = np.argsort(mistakes, kind="stable")  # mistakes last: drawn on top of the crowd, where they show
        labels, wrong = labels[order], mistakes[order]
        self.scatter.setData(x=feature_map.points[order, 0], y=feature_map.points[order, 1],
                             data=feature_map.indices[order],
                             symbol=np.where(wrong, "x", "o").tolist(),
                             size=np.where(wrong, MISTAKE_SIZE, POINT_SIZE),
                             brush=[brushes[c] for c in labels],
                             pen=[pens[c] if w else outline for c, w in zip(labels, wrong)])
        self._set_legend(feature_map.class_names)
        self.plot.autoRange()
        self._say_map()

    def show_message(self, text: Text, error: bool = False) -> None:
        self._message = text
        self.message_label.setStyleSheet(f"color: {theme.error_color().name()};" if error else "color: gray;")
        self._say_map()

    def set_busy(self, text: Text, total: int = 0) -> None:
        self.busy.start(text, total)
        self.compute_button.setEnabled(False)

    def set_progress(self, done: int, total: int, text: Text | None = None) -> None:
        self.busy.show_progress(done, total, text)

    def set_idle(self) -> None:
        self.busy.stop()
        self.compute_button.setEnabled(True)

    def point_count(self) -> int:
        return len(self.scatter.data)

    def mistake_count(self) -> int:
        return int(sum(1 for symbol in self.scatter.data["symbol"] if symbol == "x"))

    def legend_names(self) -> list[str]:
        return [label.text for _, label in self.legend.items]

    def hover_index(self, index: int) -> None:
        """Show image `index` as a hover would (tests, keyboard users)."""
        self._show_hover(index, QPointF(10, 10))

    # ------------------------------------------------------------------ internals

    def _choice(self) -> None:
        self.choice_changed.emit(self.layer(), self.method())

    def _set_legend(self, names: list[str]) -> None:
        if names == self._legend_classes:
            return
        self.legend.clear()
        self._legend_classes = list(names)
        for colour, name in zip(class_colours(len(names)), names[:40]):
            sample = pg.ScatterPlotItem(symbol="o", size=POINT_SIZE, brush=pg.mkBrush(QColor(*colour)), pen=None)
            self.legend.addItem(sample, html.escape(printable(name, NAME_LIMIT)))
        self.legend.setVisible(bool(names))
        self.legend.setLabelTextColor(theme.foreground())

    def _hovered(self, item: pg.ScatterPlotItem, points: list, event: object) -> None:
        if not len(points):
            self.hover_label.hide()
            return
        position = getattr(event, "scenePos", None)
        where = self.plot_widget.mapFromScene(position()) if callable(position) else QPointF(10, 10)
        self._show_hover(int(points[0].data()), QPointF(where))

    def _show_hover(self, index: int, where: QPointF) -> None:
        fm = self.feature_map
        if fm is None:
            return
        row = np.flatnonzero(fm.indices == index)
        if not len(row):
            return
        true, predicted = int(fm.labels[row[0]]), int(fm.predicted[row[0]])
        names = fm.class_names

        def name(c: int) -> str:
            return printable(names[c], NAME_LIMIT) if 0 <= c < len(names) else str(c)

        text = self.tr("Image {0}: {1}").format(index, name(true)) if true == predicted else \
            self.tr("Image {0}: {1}, taken for {2}").format(index, name(true), name(predicted))
        pixels = self._image_source(index) if self._image_source is not None else None
        image = array_to_qimage(pixels)
        if not image.isNull():
            pixmap = QPixmap.fromImage(image).scaled(HOVER_SIDE, HOVER_SIDE, Qt.KeepAspectRatio, Qt.FastTransformation)
            self.hover_label.setPixmap(pixmap)
            self.hover_label.setToolTip(text)
            self.hover_label.setAccessibleName(text)
        else:
            self.hover_label.setText(text)
        self.hover_label.adjustSize()
        self.hover_label.setProperty("caption", text)
        x = min(int(where.x()) + 16, max(0, self.plot_widget.width() - self.hover_label.width()))
        y = min(int(where.y()) + 16, max(0, self.plot_widget.height() - self.hover_label.height()))
        self.hover_label.move(x, y)
        self.hover_label.show()
        self.hover_label.raise_()

    def _clicked(self, item: pg.ScatterPlotItem, points: list, event: object) -> None:
        if len(points):
            self.classify_requested.emit(int(points[0].data()))

    def _say_epoch(self) -> None:
        texts = self._epoch_texts
        if not texts:
            self.epoch_label.setText(self.tr("No maps yet"))
            return
        index = self.epoch_slider.value()
        self.epoch_label.setText(self.tr("{0} ({1} of {2})").format(say(texts[index]), index + 1, len(texts)))

    def _say_map(self) -> None:
        lines = [say(self._message)] if self._message else []
        fm = self.feature_map
        if fm is None:
            if not lines:
                lines.append(self.tr("Each validation image becomes a point, placed by the network's features at the "
                                     "layer chosen: images the network finds alike lie close. Maps come after each "
                                     "epoch of a run while this tab is on screen, or from the weights chosen now (Map these weights)."))
        else:
            what = self.tr("PCA") if fm.method == "pca" else self.tr("t-SNE")
            line = self.tr("{0} at {1}, {2}: {3} images, {4} mistakes (crosses)").format(
                what, fm.layer, say(self._title), f"{len(fm.indices):,}", f"{int(fm.mistakes.sum()):,}")
            if fm.sampled:
                line += " " + self.tr("(a fixed sample of {0} of the {1} validation images)").format(
                    f"{len(fm.indices):,}", f"{fm.total:,}")
            lines.append(line)
            if fm.explained is not None:
                lines.append(self.tr("The axes show {0:.0%} and {1:.0%} of the features' variance.").format(*fm.explained))
        self.message_label.setText("\n".join(lines))
        self.message_label.setVisible(bool(lines))

    def retranslate(self) -> None:
        self.layer_title.setText(self.tr("Features at"))
        self.method_title.setText(self.tr("Projection"))
        self.layer_combo.setItemText(LAYERS.index(DEFAULT_LAYER), self.tr("{0} (last pooling layer)").format(DEFAULT_LAYER))
        self.method_combo.setItemText(METHODS.index("pca"), self.tr("PCA (at once)"))
        self.method_combo.setItemText(METHODS.index("tsne"), self.tr("t-SNE (a minute for 10,000 images)"))
        self.compute_button.setText(self.tr("Map these weights"))
        self.compute_button.setToolTip(self.tr("Map the validation images with the weights chosen now: a run's newest "
                                               "or an opened checkpoint's"))
        self._say_epoch()
        self._say_map()
        self.plot_widget.setBackground(theme.background())

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange and hasattr(self, "feature_map"):
            self.retranslate()
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange) and hasattr(self, "plot_widget"):
            self.plot_widget.setBackground(theme.background())
        super().changeEvent(event)
