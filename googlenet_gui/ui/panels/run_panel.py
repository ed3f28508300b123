"""The current run: its folder, its last and best checkpoints, and one row per epoch."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QLabel, QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..plain import plain_label
from ..words import Text, describe_position, say
from ...core.runs.events import EpochEnd
from ...state.run import RunView, Shown

COLUMNS = 6  # epoch, train loss, train accuracy, val loss, val accuracy, time


class RunPanel(QWidget):
    classify_with_requested = Signal(str)  # a checkpoint path to classify with

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder_label = plain_label()
        self.folder_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.last_label = plain_label("–")
        self.best_label = plain_label("–")
        for label in (self.folder_label, self.last_label, self.best_label):  # paths are shown, never interpreted
            label.setTextFormat(Qt.PlainText)
        self.open_folder_button = QPushButton()
        self.use_best_button = QPushButton()
        self.table = QTableWidget(0, COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)

        self.form = form = QFormLayout()
        form.addRow(QLabel(), self.folder_label)
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
        self._saved: dict[str, tuple[Text, str]] = {}  # "last"/"best": where the run was when saved, and the path
        self.open_folder_button.clicked.connect(self._open_folder)
        self.use_best_button.clicked.connect(lambda: self._best and self.classify_with_requested.emit(self._best))
        self.retranslate()
        self.reset(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Epoch"), self.tr("Train loss"), self.tr("Train acc"),
                                              self.tr("Val loss"), self.tr("Val acc"), self.tr("Time")])
        self.form.labelForField(self.folder_label).setText(self.tr("Run folder"))
        self.open_folder_button.setText(self.tr("Open folder"))
        self.use_best_button.setText(self.tr("Classify with best.pt"))
        if self._folder is None:
            self.folder_label.setText(self.tr("no run yet"))
        for kind, (where, path) in self._saved.items():
            self.checkpoint_saved(kind, path, where)
        for row in range(self.table.rowCount()):  # the unit of the time column
            item = self.table.item(row, COLUMNS - 1)
            seconds = item.data(Qt.UserRole) if item is not None else None
            if seconds is not None:
                item.setText(self.tr("{0:.1f} s").format(seconds))

    def observe(self, run: RunView) -> None:
        """Show the run the app shows (state.run): its folder, epochs and checkpoints, as they come."""
        run.cleared.connect(lambda: self.reset(None))
        run.shown.connect(self._show)
        run.epochs_ended.connect(self.add_epochs)
        run.checkpoint_saved.connect(
            lambda saved: self.checkpoint_saved(saved.kind, saved.path, lambda: describe_position(saved.position)))

    def _show(self, shown: Shown) -> None:
        self.reset(shown.started.run_dir)
        self.add_epochs(shown.started.history)
        for kind, (path, position) in shown.checkpoints.items():
            self.checkpoint_saved(kind, path, _where(path, position))

    def reset(self, folder: str | None) -> None:
        self._folder = Path(folder) if folder else None
        self._best = None
        self._saved.clear()
        self.folder_label.setText(folder or self.tr("no run yet"))
        self.last_label.setText("–")
        self.best_label.setText("–")
        self.table.setRowCount(0)
        self.open_folder_button.setEnabled(self._folder is not None)
        self.use_best_button.setEnabled(False)

    def add_epochs(self, epochs: list[EpochEnd]) -> None:
        """One row per finished epoch (counted from 1), in one update however many there are."""
        self.table.setUpdatesEnabled(False)
        for e in epochs:
            row = self.table.rowCount()
            self.table.insertRow(row)
            values = (str(e.epoch), f"{e.train_loss:.4f}", f"{e.train_accuracy:.2%}",
                      "–" if e.val_loss is None else f"{e.val_loss:.4f}",
                      "–" if e.val_accuracy is None else f"{e.val_accuracy:.2%}", self.tr("{0:.1f} s").format(e.time))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col == COLUMNS - 1:
                    item.setData(Qt.UserRole, e.time)
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.setUpdatesEnabled(True)
        self.table.scrollToBottom()

    def checkpoint_saved(self, kind: str, path: str, where: Text) -> None:
        """`where`: the run's position when it was saved, as words.describe_position says it."""
        self._saved[kind] = (where, path)
        text = f"{say(where)} — {path}"
        if kind == "best":
            self._best = path
            self.best_label.setText(text)
            self.use_best_button.setEnabled(True)
        else:
            self.last_label.setText(text)

    def _open_folder(self) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))


def _where(path: str, position: Any) -> Text:
    """Where the run was when a checkpoint was saved, or, not known, when the file was written."""
    if position is not None:
        return lambda: describe_position(position)
    try:
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(Path(path).stat().st_mtime))
    except OSError:
        return ""
    return lambda: RunPanel.tr("saved {0}").format(stamp)
