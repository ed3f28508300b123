"""A row that says what work is under way and how far it has got, with Cancel: one line of the
Evaluate and Features views while they work on the pool."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from .plain import plain_label
from .words import Text, say


class BusyRow(QWidget):
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = plain_label()
        self.progress_bar = QProgressBar()
        self.progress_bar.setFormat("%v / %m")
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress_bar, 1)
        layout.addWidget(self.cancel_button)
        self._text: Text = ""  # what is under way, kept to be worded again in another language
        self.hide()
        self.retranslate()

    def start(self, text: Text, total: int = 0) -> None:
        """Work begins: `text` says what; `total` steps, or 0 when not known yet (the bar moves to and fro)."""
        self.show_progress(0, total, text)
        self.show()

    def show_progress(self, done: int, total: int, text: Text | None = None) -> None:
        if text is not None:
            self._text = text
            self.label.setText(say(text))
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total > 0 else 0)

    def stop(self) -> None:
        self.hide()

    def busy(self) -> bool:
        return not self.isHidden()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.label.setText(say(self._text))
