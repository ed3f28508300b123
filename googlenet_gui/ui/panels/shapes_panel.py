"""The torchinfo-style table of the network: output shape, parameters and mult-adds per block,
layer and Inception branch, for any input size. The numbers come from core.network.model.inspect_shapes;
this panel only lays them out."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QLabel,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import theme
from ..plain import plain_label
from ..words import Text, say

if TYPE_CHECKING:  # torch must not load before the window paints
    from googlenet_gui.core.network.shapes import LayerShape, ShapeReport

COLUMNS = 5  # layer, type, output shape, parameters, mult-adds
NUMBER_COLUMNS = (2, 3, 4)
NAME_ROLE = int(Qt.UserRole)  # a row's full name ('inception4a.branch2'): set on the rows that have activation maps


def format_shape(shape: tuple[int, ...]) -> str:
    return " x ".join(str(d) for d in shape)


def format_count(n: int) -> str:
    # torchinfo's "--" for layers without weights keeps the eye on the ones that matter
    return f"{n:,}" if n else "--"


class ShapesPanel(QWidget):
    """Spin boxes for the input, a tree of the network's shapes, and a totals line. A double
    click on a block, layer, Inception module or branch (or Show Maps) asks for its activation
    maps (the Inside tab)."""

    layer_activated = Signal(str)  # the full name of the row whose maps were asked for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: ShapeReport | None = None
        self._error: Text = ""  # why the size does not work: the core's Message
        # Which rows the user opened or closed, by layer name, so live updates keep it.
        self._expanded: dict[str, bool] = {}

        self.height_spin = self._spin(1, 4096, 96)
        self.width_spin = self._spin(1, 4096, 96)
        self.channels_spin = self._spin(1, 64, 3)
        self.classes_spin = self._spin(1, 10000, 10)

        controls = QHBoxLayout()
        self._spin_forms: list[QFormLayout] = []
        for spin in (self.height_spin, self.width_spin, self.channels_spin, self.classes_spin):
            form = QFormLayout()
            form.addRow(QLabel(), spin)  # labelled by retranslate()
            controls.addLayout(form)
            self._spin_forms.append(form)
        controls.addStretch(1)

        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error_label.setStyleSheet(f"color: {theme.error_color().name()}; font-weight: bold;")
        self.error_label.hide()

        self.tree = QTreeWidget()
        self.tree.setColumnCount(COLUMNS)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)  # the long layer descriptions take the slack
        self.tree.itemExpanded.connect(lambda item: self._remember(item, True))
        self.tree.itemCollapsed.connect(lambda item: self._remember(item, False))

        self.tree.itemActivated.connect(lambda item, _column: self._activate(item))
        self.tree.currentItemChanged.connect(lambda item, _previous: self._update_maps_button())

        self.totals_label = plain_label()
        self.totals_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.maps_button = QPushButton()
        self.maps_button.clicked.connect(lambda: self._activate(self.tree.currentItem()))
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_label, 1)
        bottom.addWidget(self.maps_button)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)

        for spin in (self.height_spin, self.width_spin, self.channels_spin, self.classes_spin):
            spin.valueChanged.connect(self._on_value_changed)
        self.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The panel's texts in the language installed now (the table is re-made: its input row and totals)."""
        for spin in (self.height_spin, self.width_spin):
            spin.setSuffix(self.tr(" px"))
        titles = (self.tr("Height"), self.tr("Width"), self.tr("Channels"), self.tr("Classes"))
        for form, spin, title in zip(self._spin_forms, (self.height_spin, self.width_spin, self.channels_spin,
                                                        self.classes_spin), titles):
            form.labelForField(spin).setText(title)
        self.tree.setHeaderLabels([self.tr("Layer"), self.tr("Type"), self.tr("Output shape"), self.tr("Params"),
                                   self.tr("Mult-adds")])
        for col in NUMBER_COLUMNS:
            self.tree.headerItem().setTextAlignment(col, Qt.AlignRight | Qt.AlignVCenter)
        self.tree.headerItem().setToolTip(4, self.tr("Multiply-adds of the convolution and linear weights, per image, as "
                                                     "fvcore and torch.utils.flop_counter count them (torchinfo also "
                                                     "counts biases and BatchNorm, about 0.2% more)"))
        self.tree.setToolTip(self.tr("Double-click a block, layer, Inception module or branch to see what its "
                                     "output holds for an image (Inside tab)"))
        self.maps_button.setText(self.tr("Show Maps ›"))
        self.maps_button.setToolTip(self.tr("What the selected row's output holds for an image: its activation maps "
                                            "(Inside tab)"))
        if self._report is not None:
            self._show_report(self._report)
        elif self._error:
            self.error_label.setText(say(self._error))

    # ------------------------------------------------------------------ public API

    def refresh(self) -> None:
        """Compute the table for the spin boxes' values (plain arithmetic: instant, no PyTorch)."""
        from googlenet_gui.core.common.messages import message_of
        from googlenet_gui.core.network.shapes import inspect_shapes

        try:
            report = inspect_shapes(self.channels_spin.value(), self.height_spin.value(),
                                    self.width_spin.value(), self.classes_spin.value())
        except ValueError as exc:  # InputTooSmallError is a ValueError; its message says what fits
            self._show_error(message_of(exc), getattr(exc, "rows_before", None))
            return
        self._show_report(report)

    def set_input(self, channels: int, height: int, width: int, classes: int | None = None) -> None:
        """Follow the training settings: one table update, not one per spin box. `classes`: None
        keeps the number shown (a folder dataset's classes are not known before it is read)."""
        spins = ((self.channels_spin, channels), (self.height_spin, height),
                 (self.width_spin, width), (self.classes_spin, classes))
        for spin, value in spins:
            if value is None:
                continue
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.refresh()

    def report(self) -> ShapeReport | None:
        """The report the table shows; None while the size is invalid."""
        return self._report

    def error_text(self) -> str:
        return say(self._error)

    def select_layer(self, name: str) -> None:
        """Make the row of `name` (a full name, 'inception4a.branch2') the current one."""
        for item in self.tree.findItems("*", Qt.MatchWildcard | Qt.MatchRecursive):
            if item.data(0, NAME_ROLE) == name:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return

    # ------------------------------------------------------------------ internals

    @staticmethod
    def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def _on_value_changed(self) -> None:
        self.refresh()

    def _remember(self, item: QTreeWidgetItem, expanded: bool) -> None:
        self._expanded[item.text(0)] = expanded

    def _show_error(self, message: Text, rows_before: ShapeReport | None = None) -> None:
        """Why the size does not fit, and the rows up to where it breaks (`rows_before`; none of another size's)."""
        self.tree.clear()
        if rows_before is not None:
            self._fill_tree(rows_before)
        self._report = None
        self._error = message
        self.error_label.setText(say(message))
        self.error_label.show()
        self.totals_label.setText("")

    def _show_report(self, report: ShapeReport) -> None:
        self._report = report
        self._error = ""
        self.error_label.hide()
        self.error_label.clear()
        self._fill_tree(report)
        self.totals_label.setText(
            self.tr("Total params: {0:,}    Total mult-adds: {1:.2f} G    (per image, input {2})").format(
                report.total_params, report.total_macs / 1e9, format_shape(report.input)))

    def _fill_tree(self, report: ShapeReport) -> None:
        current = self.tree.currentItem().data(0, NAME_ROLE) if self.tree.currentItem() is not None else None
        self.tree.setUpdatesEnabled(False)  # one repaint for the whole rebuild
        self.tree.clear()
        self.tree.addTopLevelItem(self._item([self.tr("Input"), "", format_shape(report.input), "", ""]))
        for block in report.blocks:
            block_item = self._layer_item(block, block.name)
            self.tree.addTopLevelItem(block_item)
            for layer in block.children:
                layer_item = self._layer_item(layer, layer.name)
                block_item.addChild(layer_item)
                for branch in layer.children:
                    layer_item.addChild(self._layer_item(branch, f"{layer.name}.{branch.name}"))
                layer_item.setExpanded(self._expanded.get(layer.name, False))
            block_item.setExpanded(self._expanded.get(block.name, True))
        self.tree.setUpdatesEnabled(True)
        if current is not None:
            self.select_layer(current)
        self._update_maps_button()

    def _layer_item(self, layer: LayerShape, full_name: str) -> QTreeWidgetItem:
        item = self._item([layer.name, layer.kind, format_shape(layer.output),
                           format_count(layer.params), format_count(layer.macs)])
        if not full_name.startswith("classifier"):  # the classifier's outputs are numbers, not maps
            item.setData(0, NAME_ROLE, full_name)
        return item

    def _activate(self, item: QTreeWidgetItem | None) -> None:
        name = item.data(0, NAME_ROLE) if item is not None else None
        if name:
            self.layer_activated.emit(name)

    def _update_maps_button(self) -> None:
        item = self.tree.currentItem()
        self.maps_button.setEnabled(item is not None and bool(item.data(0, NAME_ROLE)))

    @staticmethod
    def _item(texts: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        for col in NUMBER_COLUMNS:
            item.setTextAlignment(col, Qt.AlignRight | Qt.AlignVCenter)
        return item
