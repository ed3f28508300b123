"""Issue 29's views put into the window until the lead rewires them in main_window.py: the Feature
Map and Learning tabs (ui/panels/embedding_panel.py, ui/panels/branch_stats_panel.py) and the
learning-rate finder (ui/panels/lr_find_dialog.py, opened from File > Find a Learning Rate…).

`add_understanding_views(window)` builds the panels and controllers and connects them to the
window's controllers: a run's start, epoch predictions, steps, end and events; an opened
checkpoint; the training panel's settings (the finder reads them, "Use this rate" writes the rate).
"""
from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from .controllers.branch_stats import BranchStatsController
from .controllers.embedding import EmbeddingController
from .controllers.lr_find import LRFindController
from .panels.branch_stats_panel import BranchStatsPanel
from .panels.embedding_panel import EmbeddingPanel
from .panels.lr_find_dialog import LRFindDialog


class UnderstandingViews(QObject):
    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window
        self.embedding_panel = EmbeddingPanel()
        self.branch_panel = BranchStatsPanel()
        self.lr_dialog = LRFindDialog(window)
        window.tabs.addTab(self.embedding_panel, "")
        window.tabs.addTab(self.branch_panel, "")
        self.embedding = EmbeddingController(self.embedding_panel, window.classify.classify_image, self)
        self.branches = BranchStatsController(self.branch_panel, self)
        self.lr_find = LRFindController(self.lr_dialog, window.training_panel.config, lambda: window.training.running, self)
        self.lr_action = QAction(window)
        self.lr_action.triggered.connect(self.lr_find.open)
        quit_action = window.file_menu.actions()[-1]  # the finder goes above Quit
        window.file_menu.insertAction(quit_action, self.lr_action)
        window.file_menu.insertSeparator(quit_action)
        self._connect()
        window.tabs.installEventFilter(self)
        self.retranslate()

    def _connect(self) -> None:
        window, training = self.window, self.window.training
        training.run_started.connect(lambda started: self.embedding.follow_run(started, training.trainer))
        training.run_started.connect(self.branches.follow_run)
        training.epoch_predictions.connect(self.embedding.epoch_predictions)
        training.progressed.connect(self.embedding.step_reached)
        training.run_ended.connect(lambda _: self.embedding.run_ended())
        training.thread.events.connect(self.branches.add)  # the BranchSample events (the lead may route them instead)
        window.checkpoints.opened.connect(self._opened)
        self.embedding.classify_requested.connect(lambda _: window.tabs.setCurrentWidget(window.classify_panel))
        self.lr_dialog.rate_chosen.connect(self._use_rate)

    def _opened(self, opened: Any) -> None:
        if self.window.training.running:
            return
        self.embedding.show_checkpoint(opened.path)
        self.branches.show_run(opened.path.parent)

    def _use_rate(self, rate: float) -> None:
        panel = self.window.training_panel
        panel.set_config(dataclasses.replace(panel.config(), lr=float(f"{rate:.3g}")))

    def retranslate(self) -> None:
        tabs = self.window.tabs
        tabs.setTabText(tabs.indexOf(self.embedding_panel), self.tr("Feature Map"))
        tabs.setTabText(tabs.indexOf(self.branch_panel), self.tr("Learning"))
        self.lr_action.setText(self.tr("Find a Learning Rate…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        return False


def add_understanding_views(window: Any) -> UnderstandingViews:
    return UnderstandingViews(window)
