"""The current run: its folder, its last and best checkpoints, and one row per epoch."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

COLUMNS = ("Epoch", "Train loss", "Train acc", "Val loss", "Val acc", "Time")


class RunPanel(QWidget):
    classify_with_requested = Signal(str)  # a checkpoint path to classify with

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder_label = QLabel("no run yet")
        self.folder_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.last_label = QLabel("–")
        self.best_label = QLabel("–")
        self.open_folder_button = QPushButton("Open folder")
        self.use_best_button = QPushButton("Classify with best.pt")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)

        form = QFormLayout()
        form.addRow("Run folder", self.folder_label)
        form.addRow("last.pt", self.last_label)
        form.addRow("best.pt", self.best_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addWidget(self.use_best_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        self._folder: Path | None = None
        self._best: str | None = None
        self.open_folder_button.clicked.connect(self._open_folder)
        self.use_best_button.clicked.connect(lambda: self._best and self.classify_with_requested.emit(self._best))
        self.reset(None)

    def reset(self, folder: str | None) -> None:
        self._folder = Path(folder) if folder else None
        self._best = None
        self.folder_label.setText(folder or "no run yet")
        self.last_label.setText("–")
        self.best_label.setText("–")
        self.table.setRowCount(0)
        self.open_folder_button.setEnabled(self._folder is not None)
        self.use_best_button.setEnabled(False)

    def add_epoch(self, epoch: int, train_loss: float, train_accuracy: float, val_loss: float | None,
                  val_accuracy: float | None, seconds: float) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (str(epoch), f"{train_loss:.4f}", f"{train_accuracy:.2%}",
                  "–" if val_loss is None else f"{val_loss:.4f}",
                  "–" if val_accuracy is None else f"{val_accuracy:.2%}", f"{seconds:.1f} s")
        for col, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.table.setItem(row, col, item)
        self.table.scrollToBottom()

    def add_history(self, history: list[dict]) -> None:
        """The rows of earlier epochs, as a checkpoint's metric history stores them."""
        for h in history:
            self.add_epoch(h["epoch"], h["train_loss"], h["train_accuracy"], h["val_loss"], h["val_accuracy"],
                           h["time"])

    def checkpoint_saved(self, kind: str, path: str, epoch: int) -> None:
        text = f"epoch {epoch} — {path}"
        if kind == "best":
            self._best = path
            self.best_label.setText(text)
            self.use_best_button.setEnabled(True)
        else:
            self.last_label.setText(text)

    def _open_folder(self) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))
