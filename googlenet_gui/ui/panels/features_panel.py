"""Feature visualization: what excites a channel. Choose a layer (a block, layer, Inception
module or branch) and a channel, or 16 channels from it, and the number of steps; the images
made (by core.understanding.featurevis, elsewhere) are shown with how much they excite their channel.

The panel shows what it is given and reports what the user asked for."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListView, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from .. import theme
from ..busy_row import BusyRow
from ..plain import plain_label
from ..qimages import array_to_qimage
from ..words import Text, say

if TYPE_CHECKING:  # core.understanding.featurevis imports torch, which must not load before the window paints
    from googlenet_gui.core.understanding.featurevis import Visualization

RESULT = 128  # side of one result, in pixels
GRID = 16  # channels of "Visualize 16 channels"
DEFAULT_STEPS = 256  # as core.understanding.featurevis.DEFAULT_STEPS (not imported: that module loads PyTorch)
DISPLAY, DECORATION, TOOLTIP = (int(role) for role in (Qt.DisplayRole, Qt.DecorationRole, Qt.ToolTipRole))


class ResultsModel(QAbstractListModel):
    """One image per channel, its channel below it."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.items: list[tuple[int, QImage, Text]] = []  # channel, image, tooltip
        self._pixmaps: dict[int, QPixmap] = {}

    def set_items(self, items: list[tuple[int, QImage, Text]]) -> None:
        self.beginResetModel()
        self.items, self._pixmaps = items, {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        row = index.row()
        channel, image, tooltip = self.items[row]
        if role == DISPLAY:
            return self.tr("channel {0}").format(channel)
        if role == DECORATION:
            if row not in self._pixmaps:
                self._pixmaps[row] = QPixmap.fromImage(image.scaled(RESULT, RESULT, Qt.KeepAspectRatio,
                                                                    Qt.SmoothTransformation))
            return self._pixmaps[row]
        if role == TOOLTIP:
            return say(tooltip)
        return None


class FeaturesPanel(QWidget):
    start_requested = Signal(str, list)  # layer, channels
    cancel_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._channels: dict[str, int] = {}  # each layer's channel count, at the network's input
        self.result: Visualization | None = None
        self._weights: Text = ""  # which weights made the result

        self.layer_combo = QComboBox()
        self.layer_combo.currentIndexChanged.connect(lambda _: self._layer_changed())
        self.channel_spin = QSpinBox()
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 10_000)
        self.steps_spin.setValue(DEFAULT_STEPS)
        self.one_button = QPushButton()
        self.one_button.clicked.connect(lambda: self._start(1))
        self.grid_button = QPushButton()
        self.grid_button.clicked.connect(lambda: self._start(GRID))
        controls = QHBoxLayout()
        self.control_titles = (QLabel(), QLabel(), QLabel())
        for label, widget in zip(self.control_titles, (self.layer_combo, self.channel_spin, self.steps_spin)):
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addWidget(self.one_button)
        controls.addWidget(self.grid_button)
        controls.addStretch(1)

        self.busy_row = BusyRow()
        self.busy_row.cancel_clicked.connect(self.cancel_requested)

        self.message_label = plain_label()
        self.message_label.setWordWrap(True)
        self.summary_label = plain_label()
        self.summary_label.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_requested)
        self.save_button.setEnabled(False)
        summary = QHBoxLayout()
        summary.addWidget(self.summary_label, 1)
        summary.addWidget(self.save_button)
        self.results_model = ResultsModel(self)
        self.results_view = QListView()
        self.results_view.setModel(self.results_model)
        self.results_view.setViewMode(QListView.IconMode)
        self.results_view.setMovement(QListView.Static)
        self.results_view.setResizeMode(QListView.Adjust)
        self.results_view.setUniformItemSizes(True)
        self.results_view.setIconSize(QSize(RESULT, RESULT))
        self.results_view.setGridSize(QSize(RESULT + 12, RESULT + 24))
        self.results_view.setEditTriggers(QAbstractItemView.NoEditTriggers)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.busy_row)
        layout.addWidget(self.message_label)
        layout.addLayout(summary)
        layout.addWidget(self.results_view, 1)
        self._message: tuple[Text, bool] = (self._intro, False)  # the message line and whether it is an error
        self.retranslate()

    def _intro(self) -> str:
        return self.tr("Feature visualization (Olah et al., Distill 2017) makes an image that excites one "
                       "channel as much as it can, starting from faint noise. With untrained weights it "
                       "finds little; after some training, the patterns the channel has learned.")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange and hasattr(self, "_message"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The panel's texts in the language installed now."""
        for label, text in zip(self.control_titles, (self.tr("Layer"), self.tr("Channel"), self.tr("Steps"))):
            label.setText(text)
        self.steps_spin.setToolTip(self.tr("Optimisation steps: more give clearer images and take longer"))
        self.one_button.setText(self.tr("Visualize channel"))
        self.grid_button.setText(self.tr("Visualize 16 channels"))
        self.grid_button.setToolTip(self.tr("16 channels from this one (the layer's last 16 near its end), optimised "
                                            "together"))
        self.save_button.setText(self.tr("Save Image…"))
        self.show_message(*self._message)
        if self._channels:
            self._layer_changed()  # "of 512"
        if self.result is not None:
            self._describe_result()

    # ------------------------------------------------------------------ public API

    def set_layers(self, layers: list[tuple[str, int]]) -> None:
        """The layers to choose from, each with its channel count (at the network's input)."""
        current = self.layer_combo.currentData()
        self._channels = dict(layers)
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for name, _ in layers:
            self.layer_combo.addItem(name, name)
        index = self.layer_combo.findData(current if current is not None else "inception4a")
        self.layer_combo.setCurrentIndex(max(index, 0))
        self.layer_combo.blockSignals(False)
        self._layer_changed()

    def set_request(self, layer: str, channel: int) -> None:
        """Show `layer` and `channel` as the chosen ones (a request from the Activations view)."""
        index = self.layer_combo.findData(layer)
        if index >= 0:
            self.layer_combo.setCurrentIndex(index)
        self.channel_spin.setValue(channel)

    def steps(self) -> int:
        return self.steps_spin.value()

    def set_busy(self, text: Text, total: int) -> None:
        self.busy_row.start(text, total)
        self.one_button.setEnabled(False)
        self.grid_button.setEnabled(False)

    def set_progress(self, done: int, total: int) -> None:
        self.busy_row.show_progress(done, total)

    def set_idle(self) -> None:
        self.busy_row.stop()
        self.one_button.setEnabled(True)
        self.grid_button.setEnabled(True)

    def is_busy(self) -> bool:
        return self.busy_row.busy()

    def show_message(self, text: Text, error: bool = False) -> None:
        self._message = (text, error)
        text = say(text)
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {theme.error_color().name()};" if error else "color: gray;")
        self.message_label.setVisible(bool(text))

    def show_result(self, result: Visualization, weights: Text) -> None:
        """The images made for `result`'s channels by `weights` (which weights, in words)."""
        self.result, self._weights = result, weights

        def tip(channel: int, start: float, final: float) -> Text:
            return lambda: self.tr("{0} channel {1}: mean activation {2:.3g} for the starting noise, {3:.3g} for "
                                   "this image").format(result.layer, channel, start, final)

        self.results_model.set_items([(c, array_to_qimage(result.images[i]), tip(c, result.start[i], result.final[i]))
                                      for i, c in enumerate(result.channels)])
        self._describe_result()
        self.save_button.setEnabled(True)

    def _describe_result(self) -> None:
        result = self.result
        gains = [f / s for s, f in zip(result.start, result.final) if s > 0]
        gain = self.tr(", {0:.1f}-fold the starting noise's (median)").format(float(np.median(gains))) if gains else ""
        self.summary_label.setText(self.tr("{0}, %n channel(s), {1} steps, with {2}: mean activation {3:.3g} "
                                           "(average){4}", "", len(result.channels)).format(
            result.layer, result.steps, say(self._weights), float(np.mean(result.final)), gain))

    def result_count(self) -> int:
        return self.results_model.rowCount()

    def export_image(self, path: str) -> None:
        """The results as one PNG at the network's input size, in a grid of 4 a row."""
        if self.result is None:
            raise ValueError(self.tr("there is no visualization to save"))
        images = [array_to_qimage(p) for p in self.result.images]
        side = images[0].width()
        columns = min(4, len(images))
        rows = -(-len(images) // columns)
        gap = 2
        sheet = QImage(columns * side + (columns - 1) * gap, rows * side + (rows - 1) * gap, QImage.Format_RGB32)
        sheet.fill(theme.background())
        painter = QPainter(sheet)
        try:
            for i, image in enumerate(images):
                painter.drawImage((i % columns) * (side + gap), (i // columns) * (side + gap), image)
        finally:
            painter.end()
        if not sheet.save(path, "PNG"):
            raise OSError(self.tr("cannot write {0}").format(path))

    # ------------------------------------------------------------------ internals

    def _layer_changed(self) -> None:
        count = self._channels.get(self.layer_combo.currentData(), 1)
        self.channel_spin.setRange(0, max(0, count - 1))
        self.channel_spin.setSuffix(self.tr(" of {0}").format(count))

    def _start(self, how_many: int) -> None:
        layer = self.layer_combo.currentData()
        if layer is None:
            return
        count = self._channels.get(layer, 1)
        first = self.channel_spin.value()
        first = min(first, max(0, count - how_many))  # 16 from the chosen one, as far as the layer goes
        self.start_requested.emit(layer, list(range(first, min(count, first + how_many))))
