"""A training setting's widget, made from its declaration (core/runs/config.py's Setting): a combo box
for a choice, a check box for yes or no, a spin box for a number in its range (a line of digits for
a whole number too large for a spin box, such as a 64-bit seed). One reading and one writing of a
value for every kind, so the training panel never spells a setting.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from ..core.common.messages import Message
from ..core.runs.config import Setting
from .words import say

SPIN_LIMIT = 2**31 - 1  # a QSpinBox holds a C int


class WholeNumberEdit(QLineEdit):
    """A whole number from `low` to `high` where a spin box cannot hold it."""

    valueChanged = Signal(object)  # Signal(int) is a C int: a seed of 3,000,000,000 would overflow it

    def __init__(self, low: int, high: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.low, self.high = low, high
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{1,%d}" % len(str(high))), self))
        self.setAlignment(Qt.AlignRight)
        self.editingFinished.connect(lambda: self.setValue(self.value()))
        self.textChanged.connect(lambda _: self.valueChanged.emit(self.value()))

    def value(self) -> int:
        try:
            return min(max(int(self.text()), self.low), self.high)
        except ValueError:
            return self.low

    def setValue(self, value: int) -> None:
        text = str(min(max(int(value), self.low), self.high))
        if text != self.text():
            self.setText(text)


class ChoiceOrFile(QComboBox):
    """A few named choices (each a value; "" stands for None) and "a file…", which asks for one: a setting
    whose value is a word or a file's path (the weights a run starts from)."""

    PICK = "\0pick"  # the entry that asks for a file

    def __init__(self, choices: list[tuple[object, str]], pick: str, caption: str, file_filter: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.caption, self.file_filter = caption, file_filter
        for value, label in choices:
            self.addItem(label, value)
        self.addItem(pick, self.PICK)
        self._chosen = 0
        self.activated.connect(self._activated)

    def _activated(self, index: int) -> None:
        if self.itemData(index) != self.PICK:
            self._chosen = index
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.caption, "", self.file_filter)
        self.setCurrentIndex(self._chosen)  # a choice of no file keeps what was chosen
        if path:
            self.show_path(path)

    def show_path(self, path: str) -> None:
        """Choose the file `path` (listed once, by its name, before "a file…")."""
        from ..core.common.text import display_name

        index = self.findData(path)
        if index < 0:
            index = self.count() - 1
            self.insertItem(index, display_name(path), path)
            self.setItemData(index, path, Qt.ToolTipRole)
        self.setCurrentIndex(index)
        self._chosen = index


def make_widget(setting: Setting) -> QWidget:
    if setting.choices:
        combo = QComboBox()
        for value, _ in setting.choices:
            combo.addItem("", value)  # worded by retranslate()
        return combo
    if setting.kind is bool:
        return QCheckBox()
    if setting.kind is int:
        low, high = int(setting.low or 0), int(setting.panel_high() or SPIN_LIMIT)
        if high > SPIN_LIMIT:
            return WholeNumberEdit(low, high)
        spin = QSpinBox()
        spin.setRange(low, high)
    else:
        spin = QDoubleSpinBox()
        spin.setDecimals(setting.decimals or 3)
        spin.setRange(setting.low or 0.0, setting.panel_high() or 1e9)
        spin.setSingleStep(setting.step or 0.1)
    spin.setSuffix(setting.unit)
    spin.setAlignment(Qt.AlignRight)
    return spin


def retranslate(setting: Setting, widget: QWidget) -> None:
    """The widget's words in the language installed now: its choices' names, its tooltip."""
    if isinstance(widget, QComboBox) and setting.choices:
        for index in range(widget.count()):
            widget.setItemText(index, say(Message(setting.choice_label(widget.itemData(index)))))
    if isinstance(widget, QSpinBox) and setting.zero:  # shown at 0, the spin box's lowest value
        widget.setSpecialValueText(say(Message(setting.zero)))
    widget.setToolTip(say(Message(setting.help)))


def value(widget: QWidget) -> Any:
    """What a setting's widget holds: a combo box's key, a check box's state, a number."""
    if isinstance(widget, ChoiceOrFile):
        return widget.currentData() or None
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    return widget.value()


def show_value(widget: QWidget, shown: Any) -> bool:
    """Show `shown`; False if the widget cannot (a choice it does not list)."""
    if isinstance(widget, ChoiceOrFile):
        if shown and widget.findData(shown) < 0:
            widget.show_path(shown)
            return True
        return select(widget, shown or "")
    if isinstance(widget, QComboBox):
        return select(widget, shown)
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(shown))
    else:
        widget.setValue(shown)
    return True


def changed(widget: QWidget) -> Any:
    """The signal a setting's widget sends when the user changes it."""
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return widget.valueChanged


def select(combo: QComboBox, key: Any) -> bool:
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0
