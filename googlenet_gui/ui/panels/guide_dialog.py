"""Help > Guide: what each part of the window does, the keyboard shortcuts (read from the menus,
so they are always the real ones) and what the app promises about the user's data."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QScrollArea, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)


class GuideDialog(QDialog):
    """A short guide in three tabs. `shortcuts()`: (menu entry, key sequence) pairs, as the menus have them now."""

    def __init__(self, shortcuts: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None):
        super().__init__(parent)
        self._shortcuts = shortcuts
        self.resize(720, 520)
        self.tabs = QTabWidget()
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange and hasattr(self, "tabs"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The guide in the language installed now: its pages are made again, the one shown stays."""
        shown = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        self.setWindowTitle(self.tr("Guide"))  # Qt adds " — GoogLeNet Studio", the application's name
        self.tabs.addTab(self._text_page(self._window_text()), self.tr("The window"))
        self.tabs.addTab(self._shortcuts_page(self._shortcuts()), self.tr("Shortcuts"))
        self.tabs.addTab(self._text_page(self._data_text()), self.tr("Your data"))
        self.tabs.setCurrentIndex(max(shown, 0))

    def _text_page(self, paragraphs: list[tuple[str, str]]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        for title, text in paragraphs:
            heading = QLabel(title)
            heading.setTextFormat(Qt.PlainText)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            body = QLabel(text)
            body.setTextFormat(Qt.PlainText)
            body.setWordWrap(True)
            body.setTextInteractionFlags(Qt.TextSelectableByMouse)
            layout.addWidget(heading)
            layout.addWidget(body)
        layout.addStretch(1)
        scroll = QScrollArea()  # long translations or large fonts scroll instead of clipping
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _shortcuts_page(self, shortcuts: list[tuple[str, str]]) -> QWidget:
        rows = [*shortcuts, (self.tr("Classify an image"), self.tr("Drop it anywhere on the window"))]
        self.shortcuts_table = QTableWidget(len(rows), 2)
        self.shortcuts_table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.shortcuts_table.verticalHeader().hide()
        self.shortcuts_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.shortcuts_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.shortcuts_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        for row, (name, keys) in enumerate(rows):
            self.shortcuts_table.setItem(row, 0, QTableWidgetItem(name))
            self.shortcuts_table.setItem(row, 1, QTableWidgetItem(keys))
        return self.shortcuts_table

    def _window_text(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Left: settings and progress"),
             self.tr("Choose the dataset and the training settings, then Start. Pause holds training between "
                     "steps; Stop ends it after saving last.pt. Progress shows the epoch, the batch, the speed and, "
                     "once training is steady, the time remaining.")),
            (self.tr("Top: the curves"),
             self.tr("Loss and accuracy against epochs: every batch (faint), its moving average (solid), and each "
                     "epoch's training and validation values (markers). Smoothing and a log scale for the loss "
                     "are above the plots; hover to read the values, drag to pan, scroll to zoom, right-click for "
                     "the view's menu (View All goes back).")),
            (self.tr("Classify"),
             self.tr("Drop, paste or open images: each gets the top 5 classes of the current weights (the run "
                     "training now, an opened checkpoint, or untrained), a picture of what the network sees, and a "
                     "warning when it is unlike the images the weights learned from.")),
            (self.tr("Shapes"),
             self.tr("Every block's output shape, parameters and multiply-adds for any input size; it works before "
                     "PyTorch has loaded. Double-click a row to see that layer's activation maps.")),
            (self.tr("Run"),
             self.tr("The run folder, its checkpoints (last.pt, best.pt) and a table of every epoch.")),
            (self.tr("Evaluate"),
             self.tr("The validation confusion matrix and per-class precision, recall and F1, live every epoch; click "
                     "a cell to see its images.")),
            (self.tr("Runs"),
             self.tr("Every run folder: tick runs to overlay their curves, open one, or follow one that another "
                     "process is writing.")),
            (self.tr("Inside"),
             self.tr("A classified image inside the network: activation maps, Grad-CAM, a timeline of pinned images "
                     "while training, and feature visualization.")),
            (self.tr("Feature Map"),
             self.tr("Every validation image as a point placed by the network's features (PCA or t-SNE), coloured by "
                     "its class, mistakes as crosses; after each epoch, with a slider to replay the epochs. Hover a "
                     "point to see its image, click it to classify it.")),
            (self.tr("Learning"),
             self.tr("How each block and Inception branch learns while training: gradient norm, update-to-weight "
                     "ratio and activations, every 25 steps, with dead and exploding parts marked. File > Find a "
                     "Learning Rate… suggests a learning rate before training.")),
        ]

    def _data_text(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Saved work survives"),
             self.tr("Checkpoints are written to a temporary file and renamed over the old one: a crash, a kill or a "
                     "full disk mid-save leaves the previous checkpoint whole. A run saves last.pt after every epoch, "
                     "every 5 minutes within a long epoch, and when it is stopped or the window closes.")),
            (self.tr("Closing never loses a checkpoint"),
             self.tr("Closing during training stops it and waits for the step to end, however long it takes; closing "
                     "again offers to quit at once, which gives up only the work since the last checkpoint.")),
            (self.tr("Faults stop the run, not the app"),
             self.tr("A NaN loss, running out of memory or unreadable data ends the run with one line; the window "
                     "keeps working and the last good checkpoint stays loadable. Settings too large for the "
                     "machine's memory are refused before anything is allocated.")),
            (self.tr("Files from strangers are checked, never run"),
             self.tr("Checkpoints load without running code and every field is checked before use. Only raster "
                     "images are decoded (PNG, JPEG, GIF, BMP, TIFF, WebP, PPM, ICO), their size is checked before "
                     "decoding, and names are shown as plain text.")),
            (self.tr("Your images stay yours"),
             self.tr("Datasets made in the app copy images, never move or change them; removing sets files aside "
                     "in the dataset's .removed folder. Nothing is sent anywhere: the app downloads only the public "
                     "datasets you ask for.")),
        ]
