"""The views of what the network does inside and how it learns: the Inside tab (with its Timeline and
Feature Visualization views), the Feature Map and Learning tabs, and the learning-rate finder. This
module builds their panels and controllers and connects them to what they follow in the window: the
image selected in the Classify tab, the Shapes tab's layers, the weights that answer, the run training,
and an opened checkpoint. The main window lays out its `tabs()`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ..state.run import OPENED, Shown
from .controllers.branch_stats import BranchStatsController
from .controllers.embedding import EmbeddingController
from .controllers.features import FeaturesController
from .controllers.inside import InsideController
from .controllers.lr_find import LRFindController
from .controllers.timeline import TimelineController
from .panels.branch_stats_panel import BranchStatsPanel
from .panels.embedding_panel import EmbeddingPanel
from .panels.features_panel import FeaturesPanel
from .panels.inside_panel import InsidePanel
from .panels.lr_find_dialog import LRFindDialog
from .panels.timeline_panel import TimelinePanel

if TYPE_CHECKING:
    from .main_window import MainWindow


class UnderstandingViews(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        state, status = window.state, window.statusBar()
        self.inside_panel = InsidePanel()
        self.timeline_panel = TimelinePanel()
        self.features_panel = FeaturesPanel()
        self.inside_panel.add_view(self.timeline_panel, "")
        self.inside_panel.add_view(self.features_panel, "")
        self.embedding_panel = EmbeddingPanel()
        self.branch_panel = BranchStatsPanel()
        self.lr_dialog = LRFindDialog(window)
        self.inside = InsideController(self.inside_panel, state.weights, window.classify.select_newest, self)
        self.timeline = TimelineController(self.timeline_panel, self)
        self.features = FeaturesController(self.features_panel, state.weights, status, window, self)
        self.embedding = EmbeddingController(self.embedding_panel, window.classify.classify_image, self)
        self.branches = BranchStatsController(self.branch_panel, self)
        self.lr_find = LRFindController(self.lr_dialog, window.training_panel.config, lambda: state.activity.busy, self)

    def tabs(self) -> list[QWidget]:
        """The tabs these views add to the window, in order."""
        return [self.inside_panel, self.embedding_panel, self.branch_panel]

    def connect(self, show_tab: Callable[[QWidget], Callable[..., None]]) -> None:
        """`show_tab(panel)`: a slot that brings a tab of the window to the front."""
        window, training, classify = self.window, self.window.training, self.window.classify
        inside, timeline, embedding, branches = self.inside, self.timeline, self.embedding, self.branches
        # Inside: the image selected in Classify, pins and their timeline, the Shapes tab's layers
        classify.selected.connect(inside.select)
        classify.inside_requested.connect(inside.select)
        classify.inside_requested.connect(show_tab(self.inside_panel))
        classify.pin_toggled.connect(timeline.set_pinned)
        inside.pin_toggled.connect(timeline.set_pinned)
        timeline.pins_changed.connect(window.classify_panel.set_pinned)
        timeline.pins_changed.connect(inside.set_pins)
        timeline.message.connect(window.say)
        window.shapes_panel.layer_activated.connect(inside.show_layer)
        window.shapes_panel.layer_activated.connect(show_tab(self.inside_panel))
        self.inside_panel.back_requested.connect(show_tab(window.shapes_panel))
        self.inside_panel.visualize_requested.connect(self.features.start)
        self.inside_panel.visualize_requested.connect(lambda *_: self.inside_panel.show_view(self.features_panel))
        window.tabs.currentChanged.connect(inside.shown)
        # the run training: its weights as they move, its epochs' maps, how each part learns
        for follows_run in (timeline.follow_run, inside.follow_run, embedding.follow_run, branches.follow_run):
            training.run_started.connect(follows_run)
        for follows_steps in (timeline.step_reached, inside.weights_moved, embedding.step_reached):
            training.progressed.connect(follows_steps)
        training.checkpoint_saved.connect(timeline.checkpoint_saved)
        training.epoch_predictions.connect(embedding.epoch_predictions)
        training.branches_sampled.connect(branches.add)
        training.run_ended.connect(timeline.run_ended)
        training.run_ended.connect(embedding.run_ended)
        embedding.classify_requested.connect(show_tab(window.classify_panel))
        # an opened checkpoint: its timeline, its feature map and how its run's parts learnt
        window.checkpoints.opened.connect(timeline.checkpoint_opened)
        window.state.run.shown.connect(self._run_shown)
        self.lr_dialog.rate_chosen.connect(window.training_panel.use_learning_rate)
        window.training_panel.find_lr_requested.connect(self.lr_find.open)

    def _run_shown(self, shown: Shown) -> None:
        if shown.source == OPENED and shown.path is not None:
            self.embedding.show_checkpoint(shown.path)
            self.branches.show_run(shown.path.parent)

    def cleanups(self) -> list[Callable[[], None]]:
        """What closing the window stops."""
        return [self.features.cancel, self.embedding.cancel, self.lr_find.cancel]

    def retranslate(self) -> None:
        tabs = self.window.tabs
        for panel, title in ((self.inside_panel, self.tr("Inside")), (self.embedding_panel, self.tr("Feature Map")),
                             (self.branch_panel, self.tr("Learning"))):
            tabs.setTabText(tabs.indexOf(panel), title)
        self.inside_panel.set_view_title(self.timeline_panel, self.tr("Timeline"))
        self.inside_panel.set_view_title(self.features_panel, self.tr("Feature Visualization"))
