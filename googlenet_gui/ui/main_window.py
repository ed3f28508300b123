"""The main window: it builds the state models, the panels and the controllers, lays them out, makes
the menus, and remembers its geometry. It holds no policy: the views follow the app's state
(googlenet_gui/state), the controllers change it, and a menu's action is enabled when the activity
says its command can run now.
"""
from __future__ import annotations

from functools import partial
from typing import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QPoint, QRect, QSettings, QSize, Qt, QThreadPool
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import QMainWindow, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from .. import resources_dir
from ..state import AppState
from . import i18n
from .controllers.checkpoints import CheckpointController
from .controllers.classify import ClassifyController
from .controllers.closing import ClosingController
from .controllers.core_loader import CoreLoader
from .controllers.dataset_editor import DatasetEditorController
from .controllers.datasets import DatasetController
from .controllers.evaluate import EvaluateController
from .controllers.export import ExportController
from .controllers.follow import FollowController
from .controllers.imagenet import ImageNetController
from .controllers.launch import LaunchController
from .controllers.runs import RunsController, default_runs_dir
from .controllers.training import TrainingController
from .menus import Menus
from .panels.classify_panel import ClassifyPanel
from .panels.dataset_editor_panel import DatasetEditorPanel
from .panels.evaluate_panel import EvaluatePanel
from .panels.plots_panel import PlotsPanel
from .panels.progress_panel import ProgressPanel
from .panels.run_panel import RunPanel
from .panels.runs_panel import RunsPanel
from .panels.shapes_panel import ShapesPanel
from .panels.training_panel import TrainingPanel
from .plain import plain_label
from .threads import collect_garbage_on_gui_thread, freeze_long_lived_objects
from .understanding import UnderstandingViews


# The window's size on a first start, where the screen has room for it.
PREFERRED_SIZE = QSize(1400, 900)
# What the window manager's frame and title bar may add around the window (not known before it shows).
FRAME_ALLOWANCE = QSize(16, 48)


def first_start_geometry(available: QRect) -> QRect:
    """Where the window opens when no geometry was saved: PREFERRED_SIZE, made smaller where the
    screen's free area is (less room for the frame), centred in that area. A 1280x800 laptop then
    sees the whole window, not its left 1280 pixels."""
    rect = QRect(QPoint(0, 0), PREFERRED_SIZE.boundedTo(available.size() - FRAME_ALLOWANCE))
    rect.moveCenter(available.center())
    return rect


class MainWindow(QMainWindow):
    def __init__(self, runs_dir: str | Path | None = None):
        super().__init__()
        collect_garbage_on_gui_thread()
        i18n.ensure_installed()
        icon = resources_dir() / "icon.png"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.setAcceptDrops(True)
        self.runs_dir = Path(runs_dir) if runs_dir else default_runs_dir()
        # A pool thread that ran PyTorch keeps its own OpenMP team while it lives; with two teams
        # alive on a machine with as many threads as cores, OpenMP stops spinning between
        # regions and CPU training runs ~5% slower. Pool threads therefore end as soon as their
        # job does, so only the training thread keeps a team.
        QThreadPool.globalInstance().setExpiryTimeout(0)
        self.state = state = AppState()
        self.weights = state.weights
        self._build_layout()
        self._build_controllers()
        self.menus = Menus(self)
        self.retranslate()
        self._connect()
        self._restore_settings()

    @property
    def core_ready(self) -> bool:
        return self.core.loaded

    def load_core(self) -> None:
        """Import PyTorch on a pool thread; the window is usable meanwhile."""
        self.core.load()

    # ------------------------------------------------------------ building

    def _build_layout(self) -> None:
        self.training_panel = TrainingPanel()
        self.progress_panel = ProgressPanel()
        self.plots_panel = PlotsPanel()
        self.shapes_panel = ShapesPanel()
        self.classify_panel = ClassifyPanel()
        self.run_panel = RunPanel()
        self.dataset_editor_panel = DatasetEditorPanel(self)  # a window of its own
        self.evaluate_panel = EvaluatePanel()
        self.runs_panel = RunsPanel()
        self.tabs = QTabWidget()
        for panel in (self.classify_panel, self.shapes_panel, self.run_panel, self.evaluate_panel, self.runs_panel):
            self.tabs.addTab(panel, "")  # titled by retranslate()

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.training_panel)
        side_layout.addWidget(self.progress_panel)
        side_layout.addStretch(1)
        side_scroll = QScrollArea()
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # what is too wide wraps; Stop stays in view
        side_scroll.setMinimumWidth(330)
        self.right_splitter = QSplitter(Qt.Vertical)
        self.right_splitter.addWidget(self.plots_panel)
        self.right_splitter.addWidget(self.tabs)
        self.right_splitter.setStretchFactor(0, 1)
        self.right_splitter.setStretchFactor(1, 1)
        self.main_splitter = QSplitter(Qt.Horizontal)
        self.main_splitter.addWidget(side_scroll)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.main_splitter)
        self.weights_label = plain_label()
        self.weights_label.setTextFormat(Qt.PlainText)
        self.statusBar().addPermanentWidget(self.weights_label)
        for panel in (self.plots_panel, self.progress_panel, self.run_panel):
            panel.observe(self.state.run)
        self.training_panel.bind(self.state.activity, self.state.data)

    def _build_controllers(self) -> None:
        state, status = self.state, self.statusBar()
        self.core = CoreLoader(status, self, self)
        self.imagenet = ImageNetController(state.weights, status, self, self)
        self.training = TrainingController(self.training_panel, state, status, self.runs_dir,
                                           lambda: self.imagenet.ready, self)
        self.classify = ClassifyController(self.classify_panel, state.weights, self.weights_label,
                                           partial(self.tabs.setCurrentWidget, self.classify_panel), self, self)
        self.checkpoints = CheckpointController(state, status, self.runs_dir, self, self)
        self.datasets = DatasetController(self.training_panel, self.shapes_panel, state, status, self)
        self.dataset_editor = DatasetEditorController(self.dataset_editor_panel, status, self.training_panel.config,
                                                      self, self)
        self.evaluate = EvaluateController(self.evaluate_panel, status, self.classify.classify_image,
                                           self.training_panel.config, self, self)
        self.runs = RunsController(self.runs_panel, self.plots_panel, status, self.runs_dir, self, self)
        self.follow = FollowController(state, self.runs_panel, status, self, self)
        self.launch = LaunchController(self.training_panel, state.activity, status, self)
        self.export = ExportController(state, status, self, self)
        self.understanding = UnderstandingViews(self)  # Inside, Feature Map, Learning, the learning-rate finder
        for panel in self.understanding.tabs():
            self.tabs.addTab(panel, "")
        self.closing = ClosingController(self, self.training, self.core, status, [
            self.launch.close, self.datasets.cancel_download, self.dataset_editor_panel.close, self.dataset_editor.stop,
            self.evaluate.cancel, self.imagenet.cancel, *self.understanding.cleanups()], self)

    def _connect(self) -> None:
        """Signals to slots, nothing more: what each command does is its controller's."""
        state, tab = self.state, self._showing
        state.data.changed.connect(self.dataset_editor.settings_changed)
        self.core.ready.connect(self._core_loaded)
        self.plots_panel.message.connect(self.say)
        self.run_panel.classify_with_requested.connect(lambda path: self.checkpoints.open(Path(path), resume=False))
        self.runs.open_requested.connect(partial(self.checkpoints.open, resume=True))
        self.runs.follow_requested.connect(self.follow.follow)
        self.classify_panel.imagenet_requested.connect(self.imagenet.use)
        self.follow.started.connect(tab(self.runs_panel))
        self.training.launch_requested.connect(self.launch.start)
        self.launch.follow_requested.connect(self.follow.follow)
        for ended in (self.launch.ended, self.training.run_ended, self.training.run_started):
            ended.connect(self.runs.refresh)
        self.dataset_editor.train_requested.connect(self.training.train_on_folder)
        self.dataset_editor.train_requested.connect(self.raise_)
        self.training_panel.show_shapes_requested.connect(tab(self.shapes_panel))
        # Evaluate: the run's epochs as they end, an opened checkpoint's stored ones
        self.training.run_started.connect(self.evaluate.follow_run)
        self.training.epoch_ended.connect(self.evaluate.add_epoch)
        self.training.epoch_predictions.connect(self.evaluate.add_predictions)
        self.checkpoints.opened.connect(self.evaluate.checkpoint_opened)
        self.understanding.connect(self._showing)

    def _core_loaded(self, devices: list) -> None:
        freeze_long_lived_objects()
        self.training_panel.set_devices(devices)
        for controller in (self.datasets, self.training, self.classify, self.checkpoints, self.imagenet):
            controller.core_ready()

    def _showing(self, panel: QWidget) -> Callable[..., None]:
        """A slot that brings `panel`'s tab to the front, whatever the signal carries."""
        return lambda *_: self.tabs.setCurrentWidget(panel)

    def say(self, text: str) -> None:
        """A message in the status bar for a few seconds."""
        self.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------ words

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange and hasattr(self, "menus"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the window's own widgets, menus and actions, in the language installed now;
        the controllers re-make the texts they keep from the state they show."""
        self.setWindowTitle(self.tr("GoogLeNet Studio"))
        titles = ((self.classify_panel, self.tr("Classify")), (self.shapes_panel, self.tr("Shapes")),
                  (self.run_panel, self.tr("Run")), (self.evaluate_panel, self.tr("Evaluate")),
                  (self.runs_panel, self.tr("Runs")))
        for panel, title in titles:
            self.tabs.setTabText(self.tabs.indexOf(panel), title)
        self.understanding.retranslate()
        self.menus.retranslate()
        self.statusBar().clearMessage()  # news in the language before: the next message comes in the new one
        self.classify.retranslate()
        self.dataset_editor.retranslate()

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.classify.accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()  # and Qt sends no drop: say here why (a web address names no file to read)
            self.statusBar().showMessage(self.classify.refusal(event.mimeData()), 8000)

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.classify.drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    # ------------------------------------------------------------ settings and closing

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.setGeometry(first_start_geometry(self.screen().availableGeometry()))
        for key, splitter in (("window/main_splitter", self.main_splitter), ("window/right_splitter", self.right_splitter)):
            state = settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        self.training_panel.restore_settings(settings)
        self.plots_panel.restore_settings(settings)
        tab = settings.value("window/tab")
        if isinstance(tab, (int, str)) and str(tab).isdigit() and int(tab) < self.tabs.count():
            self.tabs.setCurrentIndex(int(tab))

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/main_splitter", self.main_splitter.saveState())
        settings.setValue("window/right_splitter", self.right_splitter.saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        self.training_panel.save_settings(settings)
        self.plots_panel.save_settings(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop training and let it save last.pt first (controllers/closing.py); never leaves a thread running."""
        self.save_settings()
        self.closing.close_event(event)
