"""Widgets that show outside text (file, class and run names, messages) as plain text.

Qt guesses whether a label's or a tooltip's text is rich text (Qt::mightBeRichText): a class
named "<h1>Shirt</h1>" would become a heading, an image tag would load a file. Every label the
app makes is plain text, and tooltips are escaped.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip showing `text` as it is (escaped, so Qt cannot read it as markup)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A modal error box whose text is shown as it is."""
    box = QMessageBox(QMessageBox.Critical, title, text, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    box.exec()


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A modal question whose text is shown as it is; True for Yes."""
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, parent)
    box.setTextFormat(Qt.PlainText)
    box.setDefaultButton(QMessageBox.No)
    return box.exec() == QMessageBox.Yes
