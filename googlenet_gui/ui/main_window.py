"""The main window: layout, menus, settings and closing. Everything else is a controller's job
(ui/controllers/): this module builds the panels and controllers and wires them together.
Panels never talk to each other, and controllers meet only here.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, QStandardPaths, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QMainWindow, QMessageBox, QScrollArea, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from .. import resources_dir
from ..core.inference.weights import WeightsSource
from .controllers.checkpoints import CheckpointController, OpenedCheckpoint
from .controllers.classify import ClassifyController
from .controllers.core_loader import CoreLoader
from .controllers.dataset_editor import DatasetEditorController
from .controllers.datasets import DatasetController
from .controllers.evaluate import EvaluateController
from .controllers.export import ExportController
from .controllers.follow import FollowController
from .controllers.launch import LaunchController
from .controllers.runs import RunsController
from .controllers.features import FeaturesController
from .controllers.inside import InsideController
from .controllers.timeline import TimelineController
from .controllers.training import TrainingController
from . import i18n
from .jobs import wait_for_jobs
from .threads import collect_garbage_on_gui_thread, freeze_long_lived_objects
from .plain import plain_label
from .panels.classify_panel import ClassifyPanel
from .panels.dataset_editor_panel import DatasetEditorPanel
from .panels.evaluate_panel import EvaluatePanel
from .panels.guide_dialog import GuideDialog
from .panels.features_panel import FeaturesPanel
from .panels.inside_panel import InsidePanel
from .panels.plots_panel import PlotsPanel
from .panels.progress_panel import ProgressPanel
from .panels.run_panel import RunPanel
from .panels.runs_panel import RunsPanel
from .panels.shapes_panel import ShapesPanel
from .panels.timeline_panel import TimelinePanel
from .panels.training_panel import TrainingPanel


def default_runs_dir() -> Path:
    env = os.environ.get("GOOGLENET_RUNS_DIR")
    if env:
        return Path(env)
    # The generic data folder, not AppDataLocation: that one is <organisation>/<application>, both
    # "GoogLeNet Studio", which doubled the name in every run's path.
    base = QStandardPaths.writableLocation(QStandardPaths.GenericDataLocation) or str(Path.home() / ".local" / "share")
    return Path(base) / "GoogLeNet Studio" / "runs"


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

        self._build_layout()
        status = self.statusBar()
        self.weights = WeightsSource()
        self.core = CoreLoader(status, self, self)
        self.training = TrainingController(self.training_panel, self.progress_panel, self.plots_panel,
                                           self.run_panel, status, self.weights, self.runs_dir, self)
        self.classify = ClassifyController(self.classify_panel, self.weights, self.weights_label,
                                           lambda: self.tabs.setCurrentWidget(self.classify_panel), self, self)
        self.checkpoints = CheckpointController(self.weights, status, self.runs_dir, self, self)
        self.datasets = DatasetController(self.training_panel, self.shapes_panel, self.weights, status, self)
        self.dataset_editor = DatasetEditorController(self.dataset_editor_panel, status, self.training_panel.config,
                                                      self, self)
        self.evaluate = EvaluateController(self.evaluate_panel, status, self.classify.classify_image,
                                           self.training_panel.config, self, self)
        self.runs = RunsController(self.runs_panel, self.plots_panel, status, self.runs_dir, self, self)
        self.follow = FollowController(self.plots_panel, self.progress_panel, self.runs_panel, status, self.weights,
                                       lambda: self.training.running, self, self)
        self.launch = LaunchController(self.training_panel, status, self)
        self.export = ExportController(self._checkpoint_to_export, status, self, self)
        self.inside = InsideController(self.inside_panel, self.weights, self)
        self.timeline = TimelineController(self.timeline_panel, self)
        self.features = FeaturesController(self.features_panel, self.weights, status, self, self)
        self._closing_since: float | None = None  # when a close began waiting for training to stop
        self._close_clock = QTimer(self)
        self._close_clock.setInterval(1000)
        self._close_clock.timeout.connect(self._show_closing)

        self._build_actions()
        self._connect()
        # --- issue 29 (helper, understanding branch): Feature Map and Learning tabs, File > Find a Learning Rate…;
        # built and connected in ui/understanding_views.py until the lead rewires them here.
        from .understanding_views import add_understanding_views
        self.understanding = add_understanding_views(self)
        # --- end of issue 29
        self._restore_settings()
        self._update_actions()

    @property
    def core_ready(self) -> bool:
        return self.core.loaded

    def load_core(self) -> None:
        """Import PyTorch on a pool thread; the window is usable meanwhile."""
        self.core.load()

    # ------------------------------------------------------------ layout

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
        self.inside_panel = InsidePanel()
        self.timeline_panel = TimelinePanel()
        self.features_panel = FeaturesPanel()
        self.inside_panel.add_view(self.timeline_panel, "")
        self.inside_panel.add_view(self.features_panel, "")
        self.tabs = QTabWidget()
        for panel in (self.classify_panel, self.shapes_panel, self.run_panel, self.evaluate_panel, self.runs_panel,
                      self.inside_panel):
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

    # ------------------------------------------------------------ menus

    def _build_actions(self) -> None:
        """Menus and their actions; their texts are set by retranslate()."""
        def action(slot, shortcut=None, menu=None) -> QAction:
            act = QAction(self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            if menu is not None:
                menu.addAction(act)
            self.addAction(act)
            return act

        self.file_menu = file_menu = self.menuBar().addMenu("")
        self.open_action = action(self.checkpoints.open_dialog, QKeySequence.Open, file_menu)
        self.save_action = action(self.checkpoints.save_dialog, QKeySequence.Save, file_menu)
        self.evaluate_action = action(self.evaluate.evaluate_dialog, None, file_menu)
        self.follow_action = action(self.follow.follow_dialog, None, file_menu)
        self.export_model_action = action(self.export.export_dialog, None, file_menu)
        file_menu.addSeparator()
        self.new_dataset_action = action(self.dataset_editor.new_dialog, None, file_menu)
        self.edit_dataset_action = action(self.dataset_editor.edit_dialog, None, file_menu)
        file_menu.addSeparator()
        self.open_images_action = action(self.classify.open_dialog, "Ctrl+I", file_menu)
        self.paste_action = action(self.classify.paste, QKeySequence.Paste, file_menu)
        file_menu.addSeparator()
        self.export_plots_action = action(self._export_plots_dialog, None, file_menu)
        self.export_csv_action = action(self._export_csv_dialog, None, file_menu)
        self.export_matrix_action = action(self.evaluate.export_dialog, None, file_menu)
        file_menu.addSeparator()
        self.quit_action = action(self.close, QKeySequence.Quit, file_menu)

        self.train_menu = train_menu = self.menuBar().addMenu("")
        self.start_action = action(self.training.start, "Ctrl+Return", train_menu)
        self.pause_action = action(self.training.toggle_pause, "Ctrl+P", train_menu)
        self.stop_action = action(self.training.stop, "Ctrl+.", train_menu)
        train_menu.addSeparator()
        self.new_run_action = action(self._new_run, "Ctrl+N", train_menu)

        self.view_menu = self.menuBar().addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for language, name in i18n.LANGUAGES.items():
            act = self.language_menu.addAction(name)  # each language is named in itself, never translated
            act.setCheckable(True)
            act.setChecked(language == i18n.current_language())
            act.triggered.connect(lambda _=False, chosen=language: self.set_language(chosen))
            self.language_group.addAction(act)
            self.language_actions[language] = act

        self.help_menu = help_menu = self.menuBar().addMenu("")
        self.guide_action = action(self.show_guide, QKeySequence.HelpContents, help_menu)
        self.about_action = action(self._about, None, help_menu)
        self.retranslate()

    def set_language(self, language: str) -> None:
        """View > Language: switch now (every widget retranslates on Qt's LanguageChange) and remember."""
        QSettings().setValue(i18n.SETTING, language)
        i18n.install(language)
        self.language_actions[language].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange and hasattr(self, "about_action"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the window's own widgets, menus and actions, in the language installed now;
        the controllers re-make the texts they keep from the state they show."""
        self.setWindowTitle(self.tr("GoogLeNet Studio"))
        titles = ((self.classify_panel, self.tr("Classify")), (self.shapes_panel, self.tr("Shapes")),
                  (self.run_panel, self.tr("Run")), (self.evaluate_panel, self.tr("Evaluate")),
                  (self.runs_panel, self.tr("Runs")), (self.inside_panel, self.tr("Inside")))
        for panel, title in titles:
            self.tabs.setTabText(self.tabs.indexOf(panel), title)
        self.inside_panel.set_view_title(self.timeline_panel, self.tr("Timeline"))
        self.inside_panel.set_view_title(self.features_panel, self.tr("Feature Visualization"))
        self.file_menu.setTitle(self.tr("&File"))
        self.train_menu.setTitle(self.tr("&Train"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        texts = ((self.open_action, self.tr("&Open Checkpoint…")), (self.save_action, self.tr("&Save Checkpoint As…")),
                 (self.evaluate_action, self.tr("&Evaluate Checkpoint…")),
                 (self.follow_action, self.tr("&Follow Run Folder…")), (self.export_model_action, self.tr("Export &Model…")),
                 (self.new_dataset_action, self.tr("New &Dataset…")), (self.edit_dataset_action, self.tr("&Edit Dataset…")),
                 (self.open_images_action, self.tr("Open &Images…")), (self.paste_action, self.tr("&Paste Image")),
                 (self.export_plots_action, self.tr("Export &Plots…")),
                 (self.export_csv_action, self.tr("Export &Metrics (CSV)…")),
                 (self.export_matrix_action, self.tr("Export Confusion Matri&x…")), (self.quit_action, self.tr("&Quit")),
                 (self.start_action, self.tr("&Start")), (self.pause_action, self.tr("&Pause / Resume")),
                 (self.stop_action, self.tr("S&top")),
                 (self.new_run_action, self.tr("&New Run (forget the opened checkpoint)")),
                 (self.guide_action, self.tr("&Guide")), (self.about_action, self.tr("&About")))
        for act, text in texts:
            act.setText(text)
        self.statusBar().clearMessage()  # news in the language before: the next message comes in the new one
        self.classify.retranslate()
        self.dataset_editor.retranslate()

    def _connect(self) -> None:
        self.core.ready.connect(self._core_loaded)
        self.training.run_started.connect(lambda _: self.classify.weights_changed(training=True))
        self.training.run_started.connect(lambda _: self.checkpoints.run_saved(None))
        self.training.checkpoint_saved.connect(
            lambda saved: saved.kind == "last" and self.checkpoints.run_saved(saved.path))
        self.training.run_ended.connect(lambda _: self.classify.weights_changed(training=False))
        self.training.run_ended.connect(self._run_ended)
        self.training.state_changed.connect(self._update_actions)
        self.checkpoints.opened.connect(self._checkpoint_opened)
        self.checkpoints.state_changed.connect(self._update_actions)
        self.run_panel.classify_with_requested.connect(lambda path: self.checkpoints.open(Path(path), resume=False))
        self.dataset_editor.train_requested.connect(self._train_on_dataset)
        self.training_panel.settings_changed.connect(self.dataset_editor.settings_changed)
        self.training_panel.show_shapes_requested.connect(lambda: self.tabs.setCurrentWidget(self.shapes_panel))
        self.training.run_started.connect(lambda started: self.evaluate.follow_run(started, self.training.trainer))
        self.training.epoch_ended.connect(self.evaluate.add_epoch)
        self.training.epoch_predictions.connect(self.evaluate.add_predictions)
        self.checkpoints.opened.connect(
            lambda opened: opened.resume and self.evaluate.show_checkpoint(opened.path, opened.checkpoint))
        self.runs.open_requested.connect(lambda path: self.checkpoints.open(path, resume=True))
        self.runs.follow_requested.connect(self.follow.follow)
        self.follow.weights_changed.connect(self.classify.weights_changed)
        self.follow.state_changed.connect(self._update_actions)
        self.follow.state_changed.connect(lambda: self.follow.following and self.tabs.setCurrentWidget(self.runs_panel))
        self.training.run_started.connect(lambda _: self.follow.stop())
        self.training.run_started.connect(lambda _: self.runs.refresh())
        self.training.launch_requested.connect(
            lambda config, run_dir, resume: self.launch.start(config, run_dir, resume, self.training_panel.gpu_count()))
        self.launch.follow_requested.connect(self.follow.follow)
        self.launch.state_changed.connect(self._update_actions)
        self.launch.ended.connect(lambda _: self.runs.refresh())
        self.stop_action.triggered.connect(self.launch.stop)
        self.training.run_ended.connect(lambda _: self.runs.refresh())
        self._connect_inside()

    def _connect_inside(self) -> None:
        """The Inside tab: the image selected in Classify, the Shapes tab's link to a layer's maps,
        pins and their timeline, feature visualization."""
        classify, inside, timeline = self.classify_panel, self.inside, self.timeline
        classify.row_selected.connect(lambda source: inside.select(source, self.classify.kept_image(source)))
        classify.inside_requested.connect(self._look_inside)
        classify.pin_toggled.connect(lambda source, on: timeline.set_pinned(source, self.classify.kept_image(source), on))
        inside.pin_toggled.connect(timeline.set_pinned)
        timeline.pins_changed.connect(classify.set_pinned)
        timeline.pins_changed.connect(inside.set_pins)
        timeline.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.shapes_panel.layer_activated.connect(self._show_layer_maps)
        self.inside_panel.back_requested.connect(lambda: self.tabs.setCurrentWidget(self.shapes_panel))
        self.inside_panel.visualize_requested.connect(self._visualize)
        self.tabs.currentChanged.connect(lambda _: self.tabs.currentWidget() is self.inside_panel and inside.shown())
        self.training.run_started.connect(lambda started: timeline.follow_run(started, self.training.trainer))
        self.training.run_started.connect(lambda started: inside.follow_run(started.device, started.config.get("num_threads")))
        self.training.progressed.connect(timeline.step_reached)
        self.training.progressed.connect(lambda _: inside.weights_moved())
        self.training.checkpoint_saved.connect(timeline.checkpoint_saved)
        self.training.run_ended.connect(lambda _: timeline.run_ended())
        self.checkpoints.opened.connect(lambda opened: timeline.show_run(opened.path.parent))
        self.checkpoints.opened.connect(lambda _: inside.weights_changed())

    def _look_inside(self, source: str) -> None:
        self.inside.select(source, self.classify.kept_image(source))
        self.tabs.setCurrentWidget(self.inside_panel)

    def _show_layer_maps(self, name: str) -> None:
        """The Shapes tab asked for a layer's maps: of the selected image, or else the newest one classified."""
        rows = self.classify_panel.rows()
        if self.inside.source is None and rows and not rows[0].error_text:
            self.classify_panel.select(rows[0].source)
            self.inside.select(rows[0].source, self.classify.kept_image(rows[0].source))
        self.inside.show_layer(name)
        self.tabs.setCurrentWidget(self.inside_panel)

    def _visualize(self, layer: str, channels: list) -> None:
        self.features.start(layer, channels)
        self.inside_panel.show_view(self.features_panel)

    def _core_loaded(self, devices: list) -> None:
        freeze_long_lived_objects()
        self.training_panel.set_devices(devices)
        self.datasets.core_ready()
        self.training.core_ready()
        if not self.training.running:
            self.checkpoints.reopen_last()
        self._update_actions()

    def _checkpoint_opened(self, opened: OpenedCheckpoint) -> None:
        if opened.resume:
            if self.training.running:
                self.statusBar().showMessage(self.tr("Its weights classify now; stop training to resume it"), 8000)
            else:
                self.follow.stop()  # the plots show the opened run now
                self.training.prepare_resume(opened.path, opened.checkpoint)
        self.classify.weights_changed()
        self._update_actions()

    def _new_run(self) -> None:
        if self.training.running:
            return
        self.training.new_run()
        self.checkpoints.forget()
        if self.weights.kind == "file":
            if self.training.trainer is not None:
                self.weights.use_live(self.training.trainer)
            else:
                self.weights.use_untrained()
        self.classify.weights_changed()
        self.inside.weights_changed()

    def _train_on_dataset(self, folder: str) -> None:
        """The dataset editor's "Train on This Dataset": a new run on the folder, with the other
        settings as the training panel has them."""
        if self.training.running:
            self.dataset_editor_panel.show_message(lambda: self.tr("Training is running: stop it first"), error=True)
            return
        if self.training.resume_path is not None:
            self._new_run()
        self.training_panel.use_folder(folder)
        self.training.start()
        self.raise_()
        self.activateWindow()

    def _update_actions(self) -> None:
        running = self.training.running or self.launch.running
        self.start_action.setEnabled(not running)
        self.pause_action.setEnabled(self.training.running)
        self.stop_action.setEnabled(running)
        self.open_action.setEnabled(not running)
        self.follow_action.setEnabled(not running)
        self.new_run_action.setEnabled(not running and (self.training.resume_path is not None
                                                        or self.checkpoints.opened_path is not None))
        self.save_action.setEnabled(self.checkpoints.to_save() is not None)

    def _checkpoint_to_export(self) -> str | None:
        """File > Export Model exports the checkpoint that classifies now, else the run's latest."""
        if self.weights.kind == "file" and self.weights.file is not None:
            return str(self.weights.file)
        return self.checkpoints.to_save()

    def _export_plots_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plots"), str(Path.home() / "curves.png"),
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            try:
                self.plots_panel.export_image(path)
                self.statusBar().showMessage(self.tr("Exported {0}").format(path), 5000)
            except (OSError, ValueError) as exc:
                self.statusBar().showMessage(self.tr("Export failed: {0}").format(exc), 8000)

    def _export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export metrics"), str(Path.home() / "metrics.csv"),
                                              self.tr("CSV (*.csv)"))
        if path:
            try:
                self.plots_panel.export_csv(path)
                self.statusBar().showMessage(self.tr("Exported {0}").format(path), 5000)
            except OSError as exc:
                self.statusBar().showMessage(self.tr("Export failed: {0}").format(exc), 8000)

    def show_guide(self) -> None:
        """Help > Guide, with the shortcuts the menus have (in the language they are in)."""
        self.guide = GuideDialog(self._shortcuts, self)
        self.guide.show()

    def _shortcuts(self) -> list[tuple[str, str]]:
        shortcuts = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            for act in menu.actions() if menu is not None else []:
                if not act.shortcut().isEmpty():
                    name = f"{menu_action.text()} > {act.text()}".replace("&", "").rstrip("…")
                    shortcuts.append((name, act.shortcut().toString(QKeySequence.NativeText)))
        return shortcuts

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("GoogLeNet Studio"),
                          self.tr("Train and understand GoogLeNet (Inception v1 with BatchNorm).\n"
                                  "Drop images on the window to classify them with the current weights."))

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
            self.resize(1400, 900)
        for key, splitter in (("window/main_splitter", self.main_splitter), ("window/right_splitter", self.right_splitter)):
            state = settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        self.training_panel.restore_settings(settings)
        self.plots_panel.restore_settings(settings)
        tab = settings.value("window/tab")
        if tab is not None:
            try:
                self.tabs.setCurrentIndex(int(tab))
            except (TypeError, ValueError):
                pass

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/main_splitter", self.main_splitter.saveState())
        settings.setValue("window/right_splitter", self.right_splitter.saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        self.training_panel.save_settings(settings)
        self.plots_panel.save_settings(settings)
        settings.sync()

    def _run_ended(self, terminal: object) -> None:
        if self._closing_since is not None:
            QTimer.singleShot(0, self.close)  # the stop it waited for is done: close for real

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop training and let it save last.pt, however long its step takes, with the window
        painting and saying what it waits for; a second close offers to quit at once. Never
        leaves a thread running at exit."""
        self.save_settings()
        if self.training.running:
            event.ignore()
            if self._closing_since is None:
                self._closing_since = time.monotonic()
                self.training.stop()
                self._close_clock.start()
                self._show_closing()
            else:
                self._offer_quit_now()
            return
        if self.core.loading:  # PyTorch is still importing on a pool thread: close once it is in
            event.ignore()
            self.statusBar().showMessage(self.tr("Closing as soon as PyTorch has loaded…"))
            self.core.settled.connect(self.close)
            return
        self._close_clock.stop()
        self.launch.close()  # a torchrun run's processes stop and save last.pt
        self.datasets.cancel_download()
        self.dataset_editor_panel.close()  # its work is cancelled (what it copied stays)
        self.dataset_editor.stop()
        self.evaluate.cancel()
        self.features.cancel()
        wait_for_jobs(60_000)
        event.accept()

    def _show_closing(self) -> None:
        waited = time.monotonic() - (self._closing_since or time.monotonic())
        self.statusBar().showMessage(
            self.tr("Closing: {0} ({1:.0f} s so far). Close again to quit at once.").format(
                self.training.stopping_text(), waited))

    def _offer_quit_now(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Quit now?"),
            self.tr("Training is finishing its current step before it saves last.pt. Quit now, giving up "
                    "the work since the last checkpoint? Every checkpoint already saved stays whole."),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes and self.training.running:
            quit_now()


def quit_now() -> None:
    """End the process at once, training thread and all. Checkpoints are written to a temporary
    file and renamed, so one being written is simply not there; the settings were saved already."""
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
