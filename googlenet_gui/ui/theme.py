"""Colours that read well on the system's light or dark palette."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def is_dark() -> bool:
    app = QApplication.instance()
    if app is None:
        return False
    return app.palette().color(QPalette.Window).lightness() < 128


def background() -> QColor:
    app = QApplication.instance()
    return app.palette().color(QPalette.Base) if app else QColor("white")


def foreground() -> QColor:
    app = QApplication.instance()
    return app.palette().color(QPalette.Text) if app else QColor("black")


# Train is blue, validation orange, in both themes (the Tableau pair: distinguishable for the
# common kinds of colour blindness); the light theme gets the deeper shades.
def train_color() -> QColor:
    return QColor("#5fa8ff") if is_dark() else QColor("#1f5fbf")


def val_color() -> QColor:
    return QColor("#ffa24a") if is_dark() else QColor("#d9600b")


def run_colors() -> list[QColor]:
    """One colour per compared run: the rest of the Tableau 10, apart from the current run's blue
    and orange, in an order where neighbours differ most."""
    names = ("#2ca02c", "#d62728", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f")
    if is_dark():
        return [QColor(n).lighter(130) for n in names]
    return [QColor(n) for n in names]


def faint(color: QColor, alpha: int = 70) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def error_color() -> QColor:
    return QColor("#ff6b6b") if is_dark() else QColor("#b3261e")
