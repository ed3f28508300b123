"""The Inside tab: one image seen by the current weights. Its header shows the image and Pin;
below, views: the activation maps of every block, layer, Inception module and branch (the
strongest channels first, all on request), and Grad-CAM over the image with its class, layer
and opacity. More views (the timeline, feature visualization) are added by the window.

The panel only shows what it is given (a core.understanding.inside.ImageInside, read through its attributes:
numpy arrays, no tensors) and reports what the user asked for; its pictures are made when
they are painted, so a layer of 1,024 channels costs only the ones in view.

One piece: the header and the views share the image, its layer and the layer list.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap, qRgb
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel,
                               QListView, QPushButton, QSlider, QSplitter, QTabWidget, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ...core.understanding.colormap import HEAT
from ...core.common.text import NAME_LIMIT, printable
from .. import theme
from ..class_names import class_label
from ..fitted_picture import FittedPicture
from ..plain import plain_label, plain_tooltip
from ..qimages import array_to_qimage
from ..words import Text, image_name, say

if TYPE_CHECKING:  # core.understanding.inside imports torch, which must not load before the window paints
    from googlenet_gui.core.understanding.inside import GradCam, ImageInside, LayerMaps

TILE = 64  # side of one channel's map, in pixels
PICTURE = 96  # the header's picture of what the network sees
CAM_SIDE = 320  # the Grad-CAM picture, where there is room
CAM_LEAST = 128  # and at least
DEFAULT_LAYER = "block1"
DISPLAY, DECORATION, TOOLTIP = (int(role) for role in (Qt.DisplayRole, Qt.DecorationRole, Qt.ToolTipRole))
CHANNEL_ROLE = int(Qt.UserRole) + 1
NAME_ROLE = int(Qt.UserRole)
HEAT_TABLE = [qRgb(int(r), int(g), int(b)) for r, g, b in HEAT]


def heat_image(values: np.ndarray) -> QImage:
    """uint8 [H, W] levels -> a QImage in the heat colours (an indexed image: Qt colours it)."""
    arr = np.ascontiguousarray(values, dtype=np.uint8)
    image = QImage(arr.data, arr.shape[1], arr.shape[0], arr.strides[0], QImage.Format_Indexed8)
    image.setColorTable(HEAT_TABLE)
    return image.copy()  # owns its pixels: the array may go


class MapsModel(QAbstractListModel):
    """One layer's channels, in the order given: a tile of each map, its index below it."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.maps: LayerMaps | None = None
        self.channels: list[int] = []
        self._pixmaps: dict[int, QPixmap] = {}

    def set_channels(self, maps: LayerMaps | None, channels: list[int]) -> None:
        self.beginResetModel()
        self.maps, self.channels, self._pixmaps = maps, list(channels), {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.channels)

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        channel = self.channels[index.row()]
        if role == DISPLAY:
            return str(channel)
        if role == DECORATION:
            if channel not in self._pixmaps:  # made when first painted
                tile = heat_image(self.maps.maps[channel]).scaled(TILE, TILE, Qt.KeepAspectRatio, Qt.FastTransformation)
                self._pixmaps[channel] = QPixmap.fromImage(tile)
            return self._pixmaps[channel]
        if role == TOOLTIP:
            return self.tooltip(channel)
        if role == CHANNEL_ROLE:
            return channel
        return None

    def tooltip(self, channel: int) -> str:
        m = self.maps
        return self.tr("channel {0}: {1:.3g} to {2:.3g}, mean {3:.3g}").format(
            channel, float(m.mins[channel]), float(m.maxs[channel]), float(m.means[channel]))


class InsidePanel(QWidget):
    pin_toggled = Signal(bool)
    back_requested = Signal()  # back to the Shapes tab, where the user came from
    cam_requested = Signal(str, int)  # Grad-CAM layer, class index (-1: the top-1 class)
    visualize_requested = Signal(str, list)  # layer, channels
    image_views_shown = Signal()  # the Activations or Grad-CAM view came on screen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.inside: ImageInside | None = None
        self._weights: Text = ""  # which weights the image is seen by
        self._message: tuple[Text, bool] = ("", False)  # the message line and whether it is an error
        self.gradcam: GradCam | None = None  # the heatmap shown
        self.layer = DEFAULT_LAYER  # whose maps are shown
        self.source = ""  # the image's name, as the Classify tab lists it
        self._cam_pixmaps: tuple[QPixmap, QPixmap] | None = None  # the image and its heatmap, at CAM_SIDE

        # -------------------------------------------------------- header: the image, Pin, Back
        self.picture = plain_label()
        self.picture.setFixedSize(PICTURE, PICTURE)
        self.picture.setAlignment(Qt.AlignCenter)
        self.picture.setFrameShape(QFrame.StyledPanel)
        self.name_label = plain_label()
        self.name_label.setStyleSheet("font-weight: bold;")
        self.weights_label = plain_label()
        self.weights_label.setStyleSheet("color: gray;")
        self.answer_label = plain_label()
        self.pin_button = QPushButton()
        self.pin_button.setCheckable(True)
        self.pin_button.toggled.connect(self._pin_toggled)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.back_button.hide()
        text = QVBoxLayout()
        for label in (self.name_label, self.weights_label, self.answer_label):
            text.addWidget(label)
        text.addStretch(1)
        header = QHBoxLayout()
        header.addWidget(self.picture)
        header.addLayout(text, 1)
        header.addWidget(self.pin_button, 0, Qt.AlignTop)
        header.addWidget(self.back_button, 0, Qt.AlignTop)
        self.header = QWidget()
        self.header.setLayout(header)
        self.header.layout().setContentsMargins(0, 0, 0, 0)

        self.message_label = plain_label()
        self.message_label.setWordWrap(True)

        # -------------------------------------------------------- the views
        self.views = QTabWidget()
        self.views.addTab(self._build_maps_view(), "")
        self.views.addTab(self._build_cam_view(), "")
        self.views.currentChanged.connect(lambda _: self.showing_image() and self.image_views_shown.emit())

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.message_label)
        layout.addWidget(self.views, 1)
        self.retranslate()
        self.show_nothing(self._nothing_text)

    def _nothing_text(self) -> str:
        return self.tr("Click an image in the Classify tab (or drop one on the window) to see it inside the network.")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The panel's texts in the language installed now; those showing state are re-made from it."""
        self._show_name()
        self.pin_button.setText(self.tr("Pinned") if self.pin_button.isChecked() else self.tr("Pin"))
        self.pin_button.setToolTip(self.tr("Follow this image's class probabilities while training (Timeline)"))
        self.back_button.setText(self.tr("‹ Back to Shapes"))
        self.views.setTabText(0, self.tr("Activations"))
        self.views.setTabText(1, self.tr("Grad-CAM"))
        self.tree.setHeaderLabels([self.tr("Layer"), self.tr("Output")])
        self.all_check.setToolTip(self.tr("Every channel, the strongest first (otherwise the 16 strongest)"))
        self.visualize_button.setText(self.tr("Visualize channel…"))
        self.visualize_button.setToolTip(self.tr("Make an image that excites the chosen channel as much as it can"))
        self.visualize_grid_button.setText(self.tr("Visualize 16 channels…"))
        self.visualize_grid_button.setToolTip(self.tr("The same for the 16 strongest channels of this layer, at once"))
        self.class_combo.setToolTip(self.tr("The class whose evidence is shown"))
        self.cam_layer_combo.setToolTip(self.tr("The layer whose maps Grad-CAM weighs: deeper layers see more, "
                                                "in coarser cells"))
        for label, text in ((self.class_title, self.tr("Class")), (self.layer_title, self.tr("Layer")),
                            (self.opacity_title, self.tr("Opacity")), (self.legend_low, self.tr("no evidence")),
                            (self.legend_high, self.tr("the most"))):
            label.setText(text)
        self.show_message(*self._message)
        if self.inside is None:
            self.all_check.setText(self.tr("All channels"))
        else:
            self._show_layer()
            self._describe_image()
            self._describe_cam()

    def _build_maps_view(self) -> QWidget:
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._tree_moved)
        self.layer_label = plain_label()
        self.layer_label.setStyleSheet("font-weight: bold;")
        self.count_label = plain_label()
        self.count_label.setStyleSheet("color: gray;")
        self.count_label.setWordWrap(True)
        self.all_check = QCheckBox()
        self.all_check.toggled.connect(lambda _: self._show_layer())
        self.maps_model = MapsModel(self)
        self.maps_view = QListView()
        self.maps_view.setModel(self.maps_model)
        self.maps_view.setViewMode(QListView.IconMode)
        self.maps_view.setMovement(QListView.Static)
        self.maps_view.setResizeMode(QListView.Adjust)
        self.maps_view.setUniformItemSizes(True)
        self.maps_view.setLayoutMode(QListView.Batched)  # 1,024 tiles are laid out a slice at a time
        self.maps_view.setBatchSize(128)
        self.maps_view.setIconSize(QSize(TILE, TILE))
        self.maps_view.setGridSize(QSize(TILE + 10, TILE + 22))
        self.maps_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.maps_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.maps_view.setMouseTracking(True)
        self.maps_view.entered.connect(self._hovered)
        self.maps_view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.hover_label = plain_label()
        self.visualize_button = QPushButton()
        self.visualize_button.clicked.connect(self._visualize_channel)
        self.visualize_grid_button = QPushButton()
        self.visualize_grid_button.clicked.connect(self._visualize_grid)
        title = QHBoxLayout()
        title.addWidget(self.layer_label, 1)
        title.addWidget(self.all_check)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hover_label, 1)
        buttons.addWidget(self.visualize_button)
        buttons.addWidget(self.visualize_grid_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(title)
        right_layout.addWidget(self.count_label)
        right_layout.addWidget(self.maps_view, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 600])
        return splitter

    def _build_cam_view(self) -> QWidget:
        self.class_combo = QComboBox()
        self.class_combo.activated.connect(lambda _: self._cam_changed())
        self.cam_layer_combo = QComboBox()
        self.cam_layer_combo.activated.connect(lambda _: self._cam_changed())
        self.opacity_slider = QSlider(Qt.Horizontal)
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(50)
        self.opacity_slider.setMaximumWidth(160)
        self.opacity_slider.valueChanged.connect(lambda _: self._paint_cam())
        controls = QHBoxLayout()
        self.class_title, self.layer_title, self.opacity_title = QLabel(), QLabel(), QLabel()
        controls.addWidget(self.class_title)
        controls.addWidget(self.class_combo, 1)
        controls.addWidget(self.layer_title)
        controls.addWidget(self.cam_layer_combo)
        controls.addWidget(self.opacity_title)
        controls.addWidget(self.opacity_slider)
        self.cam_label = FittedPicture(CAM_SIDE, CAM_LEAST)  # smaller where the tab is short
        self.cam_caption = plain_label()
        self.cam_caption.setWordWrap(True)
        legend = plain_label()
        legend.setPixmap(QPixmap.fromImage(heat_image(np.tile(np.arange(256, dtype=np.uint8), (12, 1)))
                                           .scaled(160, 12)))
        legend_row = QHBoxLayout()
        self.legend_low, self.legend_high = QLabel(), QLabel()
        legend_row.addWidget(self.legend_low)
        legend_row.addWidget(legend)
        legend_row.addWidget(self.legend_high)
        legend_row.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.cam_caption)
        side.addLayout(legend_row)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.cam_label, 0, Qt.AlignTop)
        body.addLayout(side, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(controls)
        layout.addLayout(body, 1)
        return page

    # ------------------------------------------------------------------ what is shown

    def add_view(self, widget: QWidget, title: str) -> None:
        """Another view of the tab (the window adds the timeline and feature visualization)."""
        self.views.addTab(widget, title)

    def set_view_title(self, widget: QWidget, title: str) -> None:
        self.views.setTabText(self.views.indexOf(widget), title)

    def show_view(self, widget: QWidget) -> None:
        self.views.setCurrentWidget(widget)

    def show_nothing(self, message: Text) -> None:
        """No image to show, and why."""
        self.inside = None
        self.source = ""
        self.header.hide()
        self.show_message(message)
        self.tree.clear()
        self.maps_model.set_channels(None, [])
        self.layer_label.setText("")
        self.count_label.setText("")
        self.class_combo.clear()
        self.cam_layer_combo.clear()
        self._cam_pixmaps = None
        self.gradcam = None
        self.cam_label.clear()
        self.cam_caption.setText("")
        self._update_buttons()

    def show_message(self, text: Text, error: bool = False) -> None:
        self._message = (text, error)
        text = say(text)
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {theme.error_color().name()};" if error else "color: gray;")
        self.message_label.setVisible(bool(text))

    def _show_name(self) -> None:
        """The image's name (a kept image's in the language installed now)."""
        self.name_label.setText(image_name(self.source) if self.source else "")
        self.name_label.setToolTip(plain_tooltip(printable(say(self.source))) if self.source else "")

    def show_inside(self, source: str, weights: Text, inside: ImageInside, rows: list[tuple[str, Any]]) -> None:
        """One image as `weights` see it: `rows` are the shape table's (full name, LayerShape) for
        the layers that have maps, in the table's order."""
        first = self.inside is None or self.source != source
        self.inside, self.source = inside, source
        self.header.show()
        self.show_message("")
        self.picture.setPixmap(QPixmap.fromImage(array_to_qimage(inside.view)).scaled(
            PICTURE, PICTURE, Qt.KeepAspectRatio, Qt.FastTransformation))
        self._show_name()
        self._weights = weights
        self._fill_tree(rows, keep_open=not first)
        self._fill_cam_lists(rows, inside)
        self._describe_image()
        self._show_layer()
        if inside.gradcam is not None:
            self.show_gradcam(inside.gradcam, inside)

    def show_gradcam(self, cam: GradCam, inside: ImageInside) -> None:
        """The heatmap over what the network sees (`inside` gives the picture and the answer)."""
        side = CAM_SIDE
        image = QPixmap.fromImage(array_to_qimage(inside.view).scaled(side, side, Qt.KeepAspectRatio, Qt.FastTransformation))
        levels = (np.clip(cam.heatmap, 0, 1) * 255).round().astype(np.uint8)
        heat = QPixmap.fromImage(heat_image(levels).scaled(side, side, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        self._cam_pixmaps = (image, heat)
        self.gradcam = cam
        self._select_combo(self.cam_layer_combo, cam.layer)
        self._describe_cam()
        self._paint_cam()

    def _describe_image(self) -> None:
        inside = self.inside
        if inside is None:
            return
        self.weights_label.setText(self.tr("seen by {0}").format(say(self._weights)))
        top = inside.top
        self.answer_label.setText(self.tr("answers {0} ({1:.1%})").format(
            class_label(printable(inside.class_names[top], NAME_LIMIT)), float(inside.probabilities[top])))
        if self.class_combo.count():
            self.class_combo.setItemText(0, self.tr("top-1: {0}").format(
                class_label(printable(inside.class_names[top], NAME_LIMIT))))
        for index in range(1, self.class_combo.count()):  # the classes' Chinese names, as the language is now
            self.class_combo.setItemText(index, self._class_item(inside, self.class_combo.itemData(index)))

    def _describe_cam(self) -> None:
        cam, inside = self.gradcam, self.inside
        if cam is None or inside is None:
            return
        name = class_label(printable(inside.class_names[cam.class_index], NAME_LIMIT))
        probability = float(inside.probabilities[cam.class_index])
        if cam.peak > 0:
            self.cam_caption.setText(self.tr("Where {0}'s evidence for {1} ({2:.1%}) lies: the brighter, the more "
                                             "it counts (Grad-CAM: each map weighed by how much the class gains "
                                             "from it).").format(cam.layer, name, probability))
        else:
            self.cam_caption.setText(self.tr("{0} holds no evidence for {1} ({2:.1%}) anywhere in this image.")
                                     .format(cam.layer, name, probability))

    def set_pinned(self, pinned: bool) -> None:
        self.pin_button.blockSignals(True)
        self.pin_button.setChecked(pinned)
        self.pin_button.setText(self.tr("Pinned") if pinned else self.tr("Pin"))
        self.pin_button.blockSignals(False)

    def select_layer(self, name: str, from_shapes: bool = False) -> None:
        """Show `name`'s maps; `from_shapes`: the Shapes tab sent the user, so offer the way back."""
        self.layer = name
        self.back_button.setVisible(from_shapes)
        self.views.setCurrentIndex(0)
        item = self._tree_item(name)
        if item is not None:
            self.tree.setCurrentItem(item)
        self._show_layer()

    def showing_image(self) -> bool:
        """Whether the image's views (Activations, Grad-CAM) are on screen, not another view."""
        return self.isVisible() and self.views.currentIndex() in (0, 1)

    def shown_channels(self) -> list[int]:
        return list(self.maps_model.channels)

    def cam_choice(self) -> tuple[str | None, int]:
        """The Grad-CAM layer and class chosen (-1: the top-1 class, whichever it is)."""
        layer = self.cam_layer_combo.currentData()
        return layer, (-1 if self.class_combo.currentIndex() <= 0 else int(self.class_combo.currentData()))

    # ------------------------------------------------------------------ internals

    def _fill_tree(self, rows: list[tuple[str, Any]], keep_open: bool) -> None:
        opened = {self.tree.topLevelItem(i).data(0, NAME_ROLE) for i in range(self.tree.topLevelItemCount())
                  if self.tree.topLevelItem(i).isExpanded()} if keep_open else None
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for name, row in rows:
            item = QTreeWidgetItem([name.split(".")[-1] if "branch" in name else name,
                                    " x ".join(str(d) for d in row.output)])
            item.setData(0, NAME_ROLE, name)
            parent = items.get(_parent(name))
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[name] = item
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            top.setExpanded(opened is None or top.data(0, NAME_ROLE) in opened)
        self.tree.blockSignals(False)
        item = items.get(self.layer)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _tree_item(self, name: str) -> QTreeWidgetItem | None:
        found = self.tree.findItems("*", Qt.MatchWildcard | Qt.MatchRecursive)
        return next((item for item in found if item.data(0, NAME_ROLE) == name), None)

    def _tree_moved(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.layer = item.data(0, NAME_ROLE)
            self._show_layer()

    def _show_layer(self) -> None:
        inside = self.inside
        maps = inside.layers.get(self.layer) if inside is not None else None
        if maps is None:
            self.maps_model.set_channels(None, [])
            self.layer_label.setText(self.layer if inside is not None else "")
            self.count_label.setText("")
            self._update_buttons()
            return
        count = maps.shape[0]
        everything = self.all_check.isChecked()
        self.maps_model.set_channels(maps, maps.strongest(None if everything else 16))
        self.layer_label.setText(self.tr("{0}: output {1}").format(self.layer, " x ".join(str(d) for d in maps.shape)))
        shown = self.tr("all %n channel(s), the strongest (highest mean activation) first", "", count) if everything \
            else self.tr("the {0} strongest of %n channel(s) (highest mean activation first)", "", count).format(
                min(16, count))
        self.count_label.setText(self.tr("{0}; {1:.0%} of the values are above zero. Hover a map for its values, "
                                         "click one to choose it.").format(shown, maps.active))
        self.all_check.setText(self.tr("All %n channel(s)", "", count))
        self._update_buttons()

    def _hovered(self, index: QModelIndex) -> None:
        if index.isValid():
            self.hover_label.setText(self.maps_model.tooltip(int(index.data(CHANNEL_ROLE))))

    def _chosen_channel(self) -> int | None:
        index = self.maps_view.currentIndex()
        return int(index.data(CHANNEL_ROLE)) if index.isValid() else None

    def _update_buttons(self) -> None:
        has_maps = self.maps_model.maps is not None
        self.visualize_button.setEnabled(has_maps and self._chosen_channel() is not None)
        self.visualize_grid_button.setEnabled(has_maps)

    def _visualize_channel(self) -> None:
        channel = self._chosen_channel()
        if channel is not None:
            self.visualize_requested.emit(self.layer, [channel])

    def _visualize_grid(self) -> None:
        if self.maps_model.maps is not None:
            self.visualize_requested.emit(self.layer, self.maps_model.maps.strongest(16))

    def _pin_toggled(self, pinned: bool) -> None:
        self.pin_button.setText(self.tr("Pinned") if pinned else self.tr("Pin"))
        self.pin_toggled.emit(pinned)

    def _fill_cam_lists(self, rows: list[tuple[str, Any]], inside: ImageInside) -> None:
        """Classes, the most probable first (the first item follows the top-1 class), and the
        layers Grad-CAM can use: those with more than one cell."""
        chosen_class = self.class_combo.currentData() if self.class_combo.currentIndex() > 0 else None
        self.class_combo.clear()
        top = inside.top
        self.class_combo.addItem("", top)  # "top-1: ..." from _describe_image()
        for i in np.argsort(-inside.probabilities, kind="stable"):
            self.class_combo.addItem(self._class_item(inside, int(i)), int(i))
        if chosen_class is not None:
            self.class_combo.setCurrentIndex(self.class_combo.findData(chosen_class, flags=Qt.MatchExactly)
                                             if chosen_class != top else 0)
        layer = self.cam_layer_combo.currentData()
        self.cam_layer_combo.clear()
        for name, row in rows:
            if row.output[1] * row.output[2] > 1:
                self.cam_layer_combo.addItem(name, name)
        if layer is not None:
            self._select_combo(self.cam_layer_combo, layer)

    @staticmethod
    def _class_item(inside: ImageInside, i: int) -> str:
        return f"{class_label(printable(inside.class_names[i], NAME_LIMIT))} ({inside.probabilities[i]:.1%})"

    @staticmethod
    def _select_combo(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _cam_changed(self) -> None:
        layer, class_index = self.cam_choice()
        if layer is not None:
            self.cam_requested.emit(layer, class_index)

    def _paint_cam(self) -> None:
        if self._cam_pixmaps is None:
            return
        image, heat = self._cam_pixmaps
        result = QPixmap(image.size())
        result.fill(theme.background())
        painter = QPainter(result)
        try:
            painter.drawPixmap(0, 0, image)
            painter.setOpacity(self.opacity_slider.value() / 100)
            painter.drawPixmap(0, 0, heat)
        finally:
            painter.end()
        self.cam_label.setPixmap(result)

    def cam_picture(self) -> QImage:
        """The Grad-CAM picture as shown (at its own size)."""
        return self.cam_label.pixmap().toImage()


def _parent(name: str) -> str:
    """The tree's parent of an output: inception3a.branch1 -> inception3a, inception3a -> block3,
    block3.2 -> block3, block3 -> ''."""
    if ".branch" in name:
        return name.rsplit(".", 1)[0]
    if name.startswith("inception"):
        return f"block{name[len('inception')]}"
    return name.split(".")[0] if "." in name else ""
