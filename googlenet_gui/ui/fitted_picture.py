"""A picture that fits the room it is given: drawn at its own size where there is room, smaller
(keeping its shape) where there is not, so a view with a large picture does not make the whole
window tall (a QLabel's pixmap sets the label's least size).
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class FittedPicture(QWidget):
    """Shows one pixmap at up to `side` x `side` pixels and at least `least` x `least`, aligned
    top-left. It takes a square's room: no wider than it is high, so what stands beside it in a row
    stays beside the picture when the row is short."""

    def __init__(self, side: int, least: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._side, self._least = side, least
        self._pixmap = QPixmap()
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self.setMaximumSize(side, side)

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._least, self._least)

    def setPixmap(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def pixmap(self) -> QPixmap:
        """The pixmap at its own size (not as scaled on screen)."""
        return self._pixmap

    def clear(self) -> None:
        self.setPixmap(QPixmap())

    def shown_rect(self) -> QRect:
        """Where the picture is drawn: its shape, as large as the widget allows (never larger than itself)."""
        if self._pixmap.isNull():
            return QRect()
        size = self._pixmap.size()
        if size.width() > self.width() or size.height() > self.height():
            size = size.scaled(self.size(), Qt.KeepAspectRatio)
        return QRect(0, 0, size.width(), size.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # a row's height does not depend on its widgets' widths: this settles after one more layout pass
        wide = max(self._least, min(self._side, self.height()))
        if self.maximumWidth() != wide:
            self.setMaximumWidth(wide)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap.isNull():
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.SmoothPixmapTransform)
            painter.drawPixmap(self.shown_rect(), self._pixmap)
        finally:
            painter.end()
