"""The main window: composes the panels, menus, settings, drag and drop, and close handling.

Panels never talk to each other; this module wires them with signals. Every number shown
comes from googlenet_gui.core, through the training worker or a short job on the pool.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt, QThreadPool, QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QImage, QKeySequence
from PySide6.QtWidgets import (QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QScrollArea, QSplitter,
                               QTabWidget, QVBoxLayout, QWidget)

from .. import resources_dir
from ..core.config import SOURCES
from .classify_panel import ClassifyPanel, load_thumbnail
from .plots_panel import PlotsPanel
from .progress_panel import ProgressPanel
from .run_panel import RunPanel
from .shapes_panel import ShapesPanel
from .training_panel import TrainingPanel
from .worker import JobSignals, TrainingController, run_job

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.ppm *.pgm);;All files (*)"
THUMBNAIL = 96


def default_runs_dir() -> Path:
    env = os.environ.get("GOOGLENET_RUNS_DIR")
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation) or str(Path.home() / ".googlenet-studio")
    return Path(base) / "runs"


class MainWindow(QMainWindow):
    def __init__(self, runs_dir: str | Path | None = None):
        super().__init__()
        self.setWindowTitle("GoogLeNet Studio")
        icon = resources_dir() / "icon.png"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.setAcceptDrops(True)
        self.runs_dir = Path(runs_dir) if runs_dir else default_runs_dir()

        self.training_panel = TrainingPanel()
        self.progress_panel = ProgressPanel()
        self.plots_panel = PlotsPanel()
        self.shapes_panel = ShapesPanel()
        self.classify_panel = ClassifyPanel()
        self.run_panel = RunPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.classify_panel, "Classify")
        self.tabs.addTab(self.shapes_panel, "Shapes")
        self.tabs.addTab(self.run_panel, "Run")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.training_panel)
        side_layout.addWidget(self.progress_panel)
        side_layout.addStretch(1)
        side_scroll = QScrollArea()
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
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
        self.weights_label = QLabel()
        self.statusBar().addPermanentWidget(self.weights_label)

        self.controller = TrainingController(self)
        self.jobs = JobSignals(self)
        # A pool thread that ran PyTorch keeps its own OpenMP team while it lives; with two teams
        # alive on a machine with as many threads as cores, OpenMP stops spinning between
        # regions and CPU training runs ~5% slower. Pool threads therefore end as soon as their
        # job does, so only the training thread keeps a team.
        QThreadPool.globalInstance().setExpiryTimeout(0)
        self.core_ready = False
        self.weights_source = "untrained"  # "untrained" | "live" | "checkpoint"
        self.checkpoint_path: Path | None = None  # opened with File > Open: classify with it, resume from it
        self.resume_path: Path | None = None
        self._predictors: dict[Any, Any] = {}  # cache, filled on pool threads: key -> core Predictor
        self._classify_id = 0
        self._download_cancel = None
        self._last_checkpoint: str | None = None
        self._start_when_ready = False

        self._build_actions()
        self._connect()
        self._restore_settings()
        self._update_actions()
        self._show_weights()
        self.statusBar().showMessage("Loading PyTorch…")

    # ------------------------------------------------------------ set-up

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut: Any = None, menu=None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            if menu is not None:
                menu.addAction(act)
            self.addAction(act)
            return act

        file_menu = self.menuBar().addMenu("&File")
        self.open_action = action("&Open Checkpoint…", self.open_checkpoint_dialog, QKeySequence.Open, file_menu)
        self.save_action = action("&Save Checkpoint As…", self.save_checkpoint_dialog, QKeySequence.Save, file_menu)
        file_menu.addSeparator()
        self.open_images_action = action("Open &Images…", self.open_images_dialog, "Ctrl+I", file_menu)
        self.paste_action = action("&Paste Image", self.paste_from_clipboard, QKeySequence.Paste, file_menu)
        file_menu.addSeparator()
        self.export_plots_action = action("Export &Plots…", self.export_plots_dialog, None, file_menu)
        self.export_csv_action = action("Export &Metrics (CSV)…", self.export_csv_dialog, None, file_menu)
        file_menu.addSeparator()
        action("&Quit", self.close, QKeySequence.Quit, file_menu)

        train_menu = self.menuBar().addMenu("&Train")
        self.start_action = action("&Start", self.start_training, "Ctrl+Return", train_menu)
        self.pause_action = action("&Pause / Resume", self.toggle_pause, "Ctrl+P", train_menu)
        self.stop_action = action("S&top", self.stop_training, "Ctrl+.", train_menu)
        train_menu.addSeparator()
        self.new_run_action = action("&New Run (forget the opened checkpoint)", self.new_run, "Ctrl+N", train_menu)

        help_menu = self.menuBar().addMenu("&Help")
        action("&About", self._about, None, help_menu)

    def _connect(self) -> None:
        tp = self.training_panel
        tp.start_clicked.connect(self.start_training)
        tp.pause_clicked.connect(self.toggle_pause)
        tp.stop_clicked.connect(self.stop_training)
        tp.download_clicked.connect(self.download_dataset)
        tp.cancel_download_clicked.connect(self.cancel_download)
        tp.settings_changed.connect(self._settings_changed)
        self.controller.events.connect(self._on_events)
        self.controller.finished.connect(self._on_run_ended)
        self.jobs.result.connect(self._on_job_result)
        self.jobs.failed.connect(self._on_job_failed)
        self.jobs.progress.connect(self._on_job_progress)
        self.classify_panel.open_requested.connect(self.open_images_dialog)
        self.classify_panel.paste_requested.connect(self.paste_from_clipboard)
        self.run_panel.classify_with_requested.connect(lambda path: self.use_checkpoint(Path(path), resume=False))

    def load_core(self) -> None:
        """Import PyTorch and the core on a pool thread, so the window paints at once."""
        def work(report):
            from ..core import devices, model

            model.inspect_shapes(3, 96, 96, 10)  # warms the meta-device path: the shapes table is then instant
            return devices.list_devices()

        run_job(("core",), work, self.jobs)

    def _core_loaded(self, devices: list) -> None:
        self.core_ready = True
        self.training_panel.set_devices(devices)
        self.shapes_panel.refresh()
        self._settings_changed()
        self._update_actions()
        self.statusBar().showMessage("Ready", 3000)
        if self._start_when_ready:
            self._start_when_ready = False
            self.start_training()

    # ------------------------------------------------------------ training

    @Slot()
    def start_training(self) -> None:
        if self.controller.running or not self.training_panel.start_button.isEnabled():
            return
        if not self.core_ready:  # pressed during the first second: start as soon as PyTorch is in
            self._start_when_ready = True
            self.statusBar().showMessage("Starting as soon as PyTorch has loaded…")
            return
        config = self.training_panel.config()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        run_dir, suffix = self.runs_dir / stamp, 1
        while run_dir.exists():
            suffix += 1
            run_dir = self.runs_dir / f"{stamp}-{suffix}"
        self.plots_panel.reset(1)
        self.progress_panel.reset()
        self.run_panel.reset(str(run_dir))
        self._last_checkpoint = None
        self.controller.start(config, run_dir, self.resume_path)
        self.training_panel.show_error("")
        self.weights_source = "live"
        self.training_panel.set_running(True)
        self._update_actions()
        self._show_weights()
        self.statusBar().showMessage("Starting: loading data…")

    @Slot()
    def toggle_pause(self) -> None:
        if not self.controller.running:
            return
        if self.controller.paused:
            self.controller.resume()
            self.statusBar().showMessage("Training")
        else:
            self.controller.pause()
            self.statusBar().showMessage("Paused (the current batch finishes first)")
        paused = self.controller.paused
        self.progress_panel.set_paused(paused)
        self.training_panel.set_running(True, paused)

    @Slot()
    def stop_training(self) -> None:
        if self.controller.running:
            self.controller.stop()
            self.statusBar().showMessage("Stopping after this batch…")

    @Slot(list)
    def _on_events(self, events: list) -> None:
        from ..core.engine import BatchEnd, CheckpointSaved, EpochEnd, RunStarted, Status

        steps: list[int] = []
        losses: list[float] = []
        accuracies: list[float] = []

        def flush_batches() -> None:
            if steps:
                self.plots_panel.add_batches(steps, losses, accuracies)
                steps.clear(), losses.clear(), accuracies.clear()

        last_batch = None
        for event in events:
            if isinstance(event, BatchEnd):
                steps.append(event.step)
                losses.append(event.loss)
                accuracies.append(event.accuracy)
                last_batch = event
                continue
            flush_batches()
            if isinstance(event, RunStarted):
                self._run_started(event)
            elif isinstance(event, EpochEnd):
                self.plots_panel.add_epoch(event.epoch, event.train_loss, event.train_accuracy, event.val_loss,
                                           event.val_accuracy)
                self.run_panel.add_epoch(event.epoch, event.train_loss, event.train_accuracy, event.val_loss,
                                         event.val_accuracy, event.time)
                self.progress_panel.epoch_done(event.epoch)
                val = "" if event.val_accuracy is None else f", validation accuracy {event.val_accuracy:.1%}"
                self.statusBar().showMessage(f"Epoch {event.epoch + 1} done: train accuracy "
                                             f"{event.train_accuracy:.1%}{val}")
            elif isinstance(event, CheckpointSaved):
                if event.kind == "last":
                    self._last_checkpoint = event.path
                self.run_panel.checkpoint_saved(event.kind, event.path, event.epoch)
                self._update_actions()
            elif isinstance(event, Status):
                self.statusBar().showMessage(event.message.capitalize() + "…")
        flush_batches()
        if last_batch is not None:
            e = last_batch
            self.progress_panel.update_batch(e.epoch, e.batch, e.batches, e.step, e.images_per_sec, e.lr)
            if not self.controller.paused:
                self.statusBar().showMessage(
                    f"Training: epoch {e.epoch + 1}, batch {e.batch}/{e.batches}, loss {e.loss:.3f}")

    def _run_started(self, event: Any) -> None:
        self.plots_panel.load_history(event.steps_per_epoch, event.batch_history, event.history)
        self.run_panel.add_history(event.history)
        self.progress_panel.start_run(event.config["epochs"], event.start_epoch, event.steps_per_epoch,
                                      event.total_steps, event.start_step, event.device, event.precision)
        notes = "; ".join(event.notes)
        self.statusBar().showMessage(
            f"Training on {event.device}: {event.train_size:,} images, {len(event.class_names)} classes"
            + (f" ({notes})" if notes else ""))
        self._show_weights()

    @Slot(object)
    def _on_run_ended(self, terminal: Any) -> None:
        from ..core.engine import Failed, Finished, Stopped

        self.progress_panel.finish()
        self.training_panel.set_running(False)
        if self.resume_path is not None and isinstance(terminal, (Finished, Stopped)):
            self.resume_path = None  # its run continued in a new folder; Start now resumes nothing
            self.training_panel.set_resume_from("")
        if isinstance(terminal, Finished):
            best = "n/a" if terminal.best_val_accuracy is None else f"{terminal.best_val_accuracy:.1%}"
            self.statusBar().showMessage(f"Finished {terminal.epochs} epochs in {terminal.elapsed:.0f} s; "
                                         f"best validation accuracy {best}")
        elif isinstance(terminal, Stopped):
            kept = f"; saved {Path(terminal.checkpoint).name}" if terminal.checkpoint else ""
            self.statusBar().showMessage(f"Stopped at step {terminal.step}{kept}")
        elif isinstance(terminal, Failed):
            self.statusBar().showMessage(f"Training failed: {terminal.message}")
            self.training_panel.show_error(f"Training failed: {terminal.message}")
        self._update_actions()
        self._show_weights()

    # ------------------------------------------------------------ classification

    def classify_paths(self, paths: list[str], refused: list[str] | None = None) -> None:
        """Classify files on the pool; `refused` (one-line reasons for dropped things that are not
        files) is kept for the message shown with the results."""
        if not paths:
            return
        self._classify_id += 1
        get_predictor = self._predictor_getter()
        refused = list(refused or [])

        def work(report):
            predictor = get_predictor()
            predictions = predictor.classify_files(paths)
            # Qt decodes only what Pillow accepted: a hostile file is read once, by the core.
            thumbnails = {p.source: load_thumbnail(p.source) for p in predictions if p.ok}
            return predictions, thumbnails, predictor.description, predictor.trained, refused

        self.tabs.setCurrentWidget(self.classify_panel)
        self.classify_panel.show_message(f"Classifying {len(paths)} image(s)…")
        run_job(("classify", self._classify_id), work, self.jobs)

    def classify_image(self, image: QImage, source: str = "clipboard") -> None:
        from PIL import Image

        rgba = image.convertToFormat(QImage.Format_RGBA8888)
        data = bytes(rgba.constBits())[: rgba.sizeInBytes()]
        pil = Image.frombuffer("RGBA", (rgba.width(), rgba.height()), data, "raw", "RGBA", rgba.bytesPerLine(), 1)
        thumb = image.scaled(THUMBNAIL, THUMBNAIL, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self._classify_id += 1
        get_predictor = self._predictor_getter()

        def work(report):
            predictor = get_predictor()
            return [predictor.classify_image(pil.copy(), source)], {source: thumb}, predictor.description, \
                predictor.trained, []

        self.tabs.setCurrentWidget(self.classify_panel)
        run_job(("classify", self._classify_id), work, self.jobs)

    def _predictor_getter(self):
        """A function, run on a pool thread, that returns the Predictor for the current weights."""
        source = self.weights_source
        trainer = self.controller.trainer
        checkpoint = self.checkpoint_path
        config = self.training_panel.config()
        cache = self._predictors

        def untrained():
            from ..core.data import describe
            from ..core.predict import Predictor

            key = ("untrained", config.dataset, config.data_dir, config.input_size)
            if key not in cache:
                names, channels, stored = describe(config.dataset, config.data_dir, config.input_size)
                cache[key] = Predictor.untrained(names, channels, stored, config.input_size, config.seed)
            return cache[key]

        def get():
            if source == "live" and trainer is not None:
                snapshot = trainer.snapshot()  # waits for the current optimizer step, never disturbs it
                if snapshot is not None:
                    return snapshot
            if source == "checkpoint" and checkpoint is not None:
                from ..core.predict import Predictor

                key = _checkpoint_key(checkpoint)
                if key not in cache:
                    cache[key] = Predictor.from_checkpoint(checkpoint)
                return cache[key]
            return untrained()

        return get

    def _show_predictions(self, value: Any) -> None:
        from ..core.images import display_name

        predictions, thumbnails, description, trained, refused = value
        self.classify_panel.set_weights(description, trained)
        self.classify_panel.show_predictions(predictions, thumbnails)
        bad = [display_name(p.source) for p in predictions if not p.ok]
        notes = [f"{len(bad)} of {len(predictions)} could not be classified: {_listed(bad)}"] if bad else []
        if refused:
            notes.append(f"refused: {_listed(refused)}")
        if notes:
            self.classify_panel.show_message("; ".join(notes), error=True)
        else:
            self.classify_panel.show_message(f"Classified {len(predictions)} image(s) with {description}")

    # ------------------------------------------------------------ drag and drop, paste, open

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage() or any(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()  # and Qt sends no drop: say here why (a web address names no file to read)
            _, refused = _local_files(mime.urls())
            self.statusBar().showMessage(f"Refused: {_listed(refused)}" if refused else
                                         "Only image files (or image data) can be dropped here", 8000)

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        paths, refused = _local_files(mime.urls())
        if paths:
            event.acceptProposedAction()
            self.classify_paths(paths, refused)  # the results' message names what was refused
            return
        if mime.hasImage():
            event.acceptProposedAction()
            self.classify_image(QImage(mime.imageData()), "dropped image")
        else:
            event.ignore()
        if refused:
            self.tabs.setCurrentWidget(self.classify_panel)
            self.classify_panel.show_message(f"Refused: {_listed(refused)}", error=True)

    @Slot()
    def paste_from_clipboard(self) -> None:
        mime = QApplication.clipboard().mimeData()
        paths, refused = _local_files(mime.urls()) if mime is not None else ([], [])
        if paths:
            self.classify_paths(paths, refused)
        elif mime is not None and mime.hasImage():
            self.classify_image(QImage(QApplication.clipboard().image()), "clipboard")
        else:
            self.tabs.setCurrentWidget(self.classify_panel)
            self.classify_panel.show_message("The clipboard holds no image", error=True)

    @Slot()
    def open_images_dialog(self) -> None:
        start = QSettings().value("paths/images", str(Path.home()))
        files, _ = QFileDialog.getOpenFileNames(self, "Classify images", start, IMAGE_FILTER)
        if files:
            QSettings().setValue("paths/images", str(Path(files[0]).parent))
            self.classify_paths(files)

    # ------------------------------------------------------------ checkpoints

    @Slot()
    def open_checkpoint_dialog(self) -> None:
        start = QSettings().value("paths/checkpoints", str(self.runs_dir))
        path, _ = QFileDialog.getOpenFileName(self, "Open checkpoint", start, "Checkpoints (*.pt *.pth);;All files (*)")
        if path:
            QSettings().setValue("paths/checkpoints", str(Path(path).parent))
            self.use_checkpoint(Path(path), resume=True)

    def use_checkpoint(self, path: Path, resume: bool) -> None:
        """Load a checkpoint on the pool: its weights classify, and with `resume` Start continues it."""
        if self.controller.running and resume:
            self.statusBar().showMessage("Stop training before opening a checkpoint to resume", 5000)
            resume = False
        cache = self._predictors

        def work(report):
            from ..core.checkpoint import load_checkpoint
            from ..core.config import TrainConfig
            from ..core.predict import Predictor

            data = load_checkpoint(path)
            predictor = Predictor.from_checkpoint_data(data, path)
            cache[_checkpoint_key(path)] = predictor
            position = data.get("position") or {}
            batch_history = {k: v.tolist() for k, v in (data.get("batch_history") or {}).items()}
            return {
                "config": TrainConfig.from_dict(data.get("train_config") or {}),
                "history": list(data.get("history") or []),
                "batch_history": batch_history,
                "steps_per_epoch": int(position.get("steps_per_epoch", 1) or 1),
                "epoch": int(position.get("epoch", 0)),
                "batch": int(position.get("batch", 0)),
                "description": predictor.description,
                "resume": resume,
            }

        self.statusBar().showMessage(f"Opening {path.name}…")
        run_job(("checkpoint", str(path)), work, self.jobs)

    def _checkpoint_loaded(self, path: Path, info: dict) -> None:
        self.checkpoint_path = path
        self.weights_source = "checkpoint"
        if info["resume"]:
            config = info["config"]
            config.epochs = max(config.epochs, info["epoch"] + 1)
            self.training_panel.set_config(config)
            self.resume_path = path
            where = f"epoch {info['epoch'] + 1}" + (f", batch {info['batch']}" if info["batch"] else "")
            self.training_panel.set_resume_from(f"{path.name} at {where}")
            self.plots_panel.load_history(info["steps_per_epoch"], info["batch_history"], info["history"])
            self.run_panel.reset(str(path.parent))
            self.run_panel.add_history(info["history"])
        self.statusBar().showMessage(f"Opened {info['description']}", 5000)
        self._show_weights()
        self._update_actions()

    @Slot()
    def new_run(self) -> None:
        if self.controller.running:
            return
        self.resume_path = None
        self.checkpoint_path = None
        self.training_panel.set_resume_from("")
        if self.weights_source == "checkpoint":
            self.weights_source = "live" if self.controller.trainer is not None else "untrained"
        self._show_weights()
        self._update_actions()

    def _checkpoint_to_save(self) -> str | None:
        """What Save copies: the current run's last.pt, else the opened checkpoint."""
        return self._last_checkpoint or (str(self.checkpoint_path) if self.checkpoint_path else None)

    @Slot()
    def save_checkpoint_dialog(self) -> None:
        source = self._checkpoint_to_save()
        if source is None:
            self.statusBar().showMessage("Nothing to save yet: a checkpoint is written after each epoch", 5000)
            return
        start = QSettings().value("paths/checkpoints", str(Path.home()))
        target, _ = QFileDialog.getSaveFileName(self, "Save checkpoint", str(Path(start) / Path(source).name),
                                                "Checkpoints (*.pt)")
        if target:
            self.save_checkpoint_to(target)

    def save_checkpoint_to(self, target: str) -> None:
        source = self._checkpoint_to_save()
        if source is None:
            return

        def work(report):
            from ..core.checkpoint import copy_checkpoint

            return str(copy_checkpoint(source, target))

        run_job(("saved",), work, self.jobs)

    # ------------------------------------------------------------ downloads

    @Slot(str, str)
    def download_dataset(self, name: str, folder: str) -> None:
        import threading

        cancel = threading.Event()
        self._download_cancel = cancel

        def work(report):
            from ..core import data

            data.download(name, Path(folder) if folder else None, progress=report, cancel=cancel)
            return name

        self.training_panel.set_downloading(True)
        run_job(("download", name), work, self.jobs)

    @Slot()
    def cancel_download(self) -> None:
        if self._download_cancel is not None:
            self._download_cancel.set()

    # ------------------------------------------------------------ job results

    @Slot(object, object)
    def _on_job_result(self, tag: tuple, value: Any) -> None:
        kind = tag[0]
        if kind == "core":
            self._core_loaded(value)
        elif kind == "classify":
            self._show_predictions(value)
        elif kind == "checkpoint":
            self._checkpoint_loaded(Path(tag[1]), value)
        elif kind == "download":
            self._download_cancel = None
            self.training_panel.set_downloading(False)
            self._settings_changed()
            self.statusBar().showMessage(f"Downloaded {value}", 5000)
        elif kind == "saved":
            self.statusBar().showMessage(f"Saved {value}", 5000)

    @Slot(object, str)
    def _on_job_failed(self, tag: tuple, message: str) -> None:
        kind = tag[0]
        if kind == "download":
            self._download_cancel = None
            self.training_panel.set_downloading(False)
            self._settings_changed()
        if kind == "classify":
            self.classify_panel.show_message(message, error=True)
        elif kind == "core":
            QMessageBox.critical(self, "GoogLeNet Studio", f"PyTorch could not be loaded: {message}")
        self.statusBar().showMessage(message if kind != "download" else f"Download: {message}", 8000)

    @Slot(object, int, int, str)
    def _on_job_progress(self, tag: tuple, done: int, total: int, message: str) -> None:
        if tag[0] == "download":
            self.training_panel.set_download_progress(done, total, message)

    # ------------------------------------------------------------ small things

    @Slot()
    def _settings_changed(self) -> None:
        config = self.training_panel.config()
        channels = SOURCES[config.dataset].channels
        self.shapes_panel.set_input(channels, config.input_size, config.input_size, self.shapes_panel.classes_spin.value()
                                    if config.dataset == "folder" else 10)
        if self.core_ready:
            from ..core import data

            name = config.dataset
            if name == "folder":
                available = bool(config.data_dir) and Path(config.data_dir).is_dir()
                message = "" if available else "Choose a folder with one sub-folder per class"
            else:
                available = data.is_available(name, Path(config.data_dir) if config.data_dir else None)
                message = "" if available else "Not found on this computer: download it, or choose the folder that holds it"
            self.training_panel.set_dataset_available(available, message)
        if self.weights_source == "untrained":
            self._show_weights()

    def _update_actions(self) -> None:
        running = self.controller.running
        self.start_action.setEnabled(not running)
        self.pause_action.setEnabled(running)
        self.stop_action.setEnabled(running)
        self.open_action.setEnabled(not running)
        self.new_run_action.setEnabled(not running and (self.resume_path is not None or self.checkpoint_path is not None))
        self.save_action.setEnabled(self._checkpoint_to_save() is not None)

    def _show_weights(self) -> None:
        text = {"untrained": "Weights: untrained", "live": "Weights: live from training",
                "checkpoint": f"Weights: {self.checkpoint_path.name if self.checkpoint_path else ''}"}[self.weights_source]
        self.weights_label.setText(text)
        if self.weights_source == "untrained":
            self.classify_panel.set_weights("untrained weights (start training, or open a checkpoint)", False)
        elif self.weights_source == "live":
            self.classify_panel.set_weights("the live weights of the current run (a snapshot per image)", True)

    @Slot()
    def export_plots_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export plots", str(Path.home() / "curves.png"),
                                              "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            try:
                self.plots_panel.export_image(path)
                self.statusBar().showMessage(f"Exported {path}", 5000)
            except (OSError, ValueError) as exc:
                self.statusBar().showMessage(f"Export failed: {exc}", 8000)

    @Slot()
    def export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export metrics", str(Path.home() / "metrics.csv"), "CSV (*.csv)")
        if path:
            try:
                self.plots_panel.export_csv(path)
                self.statusBar().showMessage(f"Exported {path}", 5000)
            except OSError as exc:
                self.statusBar().showMessage(f"Export failed: {exc}", 8000)

    def _about(self) -> None:
        QMessageBox.about(self, "GoogLeNet Studio",
                          "Train and understand GoogLeNet (Inception v1 with BatchNorm).\n"
                          "Drop images on the window to classify them with the current weights.")

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
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop training (the engine saves last.pt), wait for every thread, then close."""
        self.save_settings()
        if self.controller.running:
            self.statusBar().showMessage("Stopping training and saving the last checkpoint…")
            QApplication.processEvents()
            self.controller.shutdown()
        self.cancel_download()
        QThreadPool.globalInstance().waitForDone(60_000)
        event.accept()


def _checkpoint_key(path: Path) -> tuple:
    """The predictor cache's key for a checkpoint file: a file rewritten since is read again."""
    return ("checkpoint", str(path), path.stat().st_mtime_ns)


def _local_files(urls: list[QUrl]) -> tuple[list[str], list[str]]:
    """Local files to classify, and one-line reasons for everything else (web addresses, folders)."""
    paths, refused = [], []
    for url in urls:
        if not url.isLocalFile():
            refused.append(f"{_one_line(url.toString(), 80)} is not a local file")
            continue
        path = _local_path(url)
        if os.path.isdir(path):
            refused.append(f"{_one_line(Path(path).name or path, 80)} is a folder")
        else:
            paths.append(path)  # unreadable or non-image files get a one-line error from the core
    return paths, refused


def _local_path(url: QUrl) -> str:
    """The file a file:// URL names. On Unix the name is taken from the URL's bytes: a name that is
    not UTF-8 (café.png written by an old Latin-1 system) survives, where toLocalFile() would
    turn its odd bytes into U+FFFD and name a file that does not exist."""
    if os.name == "posix" and not url.host():
        return os.fsdecode(unquote_to_bytes(url.path(QUrl.FullyEncoded)))
    return url.toLocalFile()


def _one_line(text: str, limit: int) -> str:
    from ..core.images import printable  # here, not at the top: the core brings PyTorch

    return printable(text, limit)


def _listed(items: list[str], shown: int = 5) -> str:
    return ", ".join(items[:shown]) + (f" and {len(items) - shown} more" if len(items) > shown else "")
