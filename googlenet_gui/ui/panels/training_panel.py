"""Training controls: dataset, device, hyper-parameters, and Start / Pause / Stop."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtWidgets import (QLabel, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QSizePolicy, QSpinBox,
                               QVBoxLayout, QWidget)

from ...core.data.catalog import SOURCES
from ...core.runs.config import MAX_INPUT_SIZE, OPTIMIZERS, PRECISIONS, SCHEDULES, TrainConfig
from ...core.runs.recipes import RECIPES, Promise, recipe_of
from .. import theme
from ..plain import plain_label, plain_tooltip
from ..words import Text, choice_name, dataset_title, say, setting_name

TORCHRUN = "torchrun"  # the device list's "All N GPUs (torchrun)": training in one process per GPU


class TrainingPanel(QWidget):
    start_clicked = Signal()
    pause_clicked = Signal()
    stop_clicked = Signal()
    download_clicked = Signal(str, str)  # dataset key, data folder ("" for the default)
    cancel_download_clicked = Signal()
    settings_changed = Signal()  # anything that changes the network's input (size, dataset)
    show_shapes_requested = Signal()  # "where does this input size break?": the Shapes tab answers

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dataset_combo = QComboBox()
        for info in SOURCES.values():
            self.dataset_combo.addItem("", info.key)  # titled by retranslate()
        self.folder_edit = QLineEdit()
        self.browse_button = QPushButton()
        self.download_button = QPushButton()
        self.download_bar = QProgressBar()
        self.download_bar.setTextVisible(True)
        self.download_bar.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)  # a long file name never widens the panel
        self.cancel_download_button = QPushButton()
        self.data_status = plain_label()
        self.data_status.setWordWrap(True)

        self.device_combo = QComboBox()
        self.device_combo.addItem("", "cpu")  # "cpu (detecting devices…)" until the core has loaded
        self._devices_known = False
        self._gpus = 0
        # Any size can be typed; one the network cannot take is explained, not silently replaced.
        self.input_spin = _spin(1, MAX_INPUT_SIZE, 96)
        self.input_error = plain_label()
        self.input_error.setWordWrap(True)
        self.input_why_button = QPushButton()
        self.epochs_spin = _spin(1, 10000, 5)
        self.batch_spin = _spin(2, 8192, 64)
        self.optimizer_combo = _combo(OPTIMIZERS)
        self.lr_spin = _fraction_spin(0.00001, 10.0, 0.0005, decimals=5)
        self.lr_spin.setValue(0.001)
        self.schedule_combo = _combo(SCHEDULES)
        self.weight_decay_spin = _fraction_spin(0.0, 10.0, 0.0005, decimals=5)  # SGD's usual 5e-4 fits
        self.label_smoothing_spin = _fraction_spin(0.0, 0.99, 0.05, decimals=2)
        self.precision_combo = _combo(PRECISIONS)
        self.augment_check = QCheckBox()
        self.plain_epochs_spin = _spin(0, 10000, 0)
        self.seed_spin = _spin(0, 2**31 - 1, 0)
        self.tensorboard_check = QCheckBox()
        # Each TrainConfig setting the form shows, by its field, in the form's order: the rows, their
        # labels (words.setting_name), config() and set_config() and the recipe's match all follow it.
        self.setting_fields: dict[str, QWidget] = {
            "device": self.device_combo, "input_size": self.input_spin, "epochs": self.epochs_spin,
            "batch_size": self.batch_spin, "optimizer": self.optimizer_combo, "lr": self.lr_spin,
            "schedule": self.schedule_combo, "weight_decay": self.weight_decay_spin,
            "precision": self.precision_combo, "augment": self.augment_check,
            "plain_last_epochs": self.plain_epochs_spin, "label_smoothing": self.label_smoothing_spin, "seed": self.seed_spin}

        self.start_button = QPushButton()
        self.pause_button = QPushButton()
        self.stop_button = QPushButton()
        self.start_button.setDefault(True)
        self.resume_label = plain_label()
        self.resume_label.setWordWrap(True)
        self.error_label = plain_label()  # why the last run failed; stays until the next Start
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.data_box = data_box = QGroupBox()
        self.data_form = data_form = QFormLayout(data_box)
        data_form.addRow(QLabel(), self.dataset_combo)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        self.folder_label = plain_label()
        data_form.addRow(self.folder_label, folder_row)
        download_row = QHBoxLayout()
        download_row.addWidget(self.download_button)
        download_row.addWidget(self.download_bar, 1)
        download_row.addWidget(self.cancel_download_button)
        data_form.addRow("", download_row)
        data_form.addRow("", self.data_status)

        # A recipe fills the settings below, which stay editable; editing one makes it "Custom".
        self.recipe_combo = QComboBox()
        self.recipe_combo.addItem("", "")  # "Custom", from retranslate()
        for recipe in RECIPES.values():
            self.recipe_combo.addItem("", recipe.key)  # titled by retranslate()
        self.recipe_note = plain_label("")
        self.recipe_note.setWordWrap(True)

        self.model_box = model_box = QGroupBox()
        self.form = form = QFormLayout(model_box)
        form.addRow(QLabel(), self.recipe_combo)  # every row is labelled by retranslate()
        form.addRow("", self.recipe_note)
        input_problem = QHBoxLayout()
        input_problem.addWidget(self.input_error, 1)
        input_problem.addWidget(self.input_why_button)
        for key, field in self.setting_fields.items():
            form.addRow(QLabel(), field)
            if key == "input_size":  # why a size does not fit, under it
                form.addRow("", input_problem)
        form.addRow(QLabel(), self.tensorboard_check)

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(data_box)
        layout.addWidget(model_box)
        layout.addLayout(buttons)
        layout.addWidget(self.resume_label)
        layout.addWidget(self.error_label)

        self.start_button.clicked.connect(self.start_clicked)
        self.pause_button.clicked.connect(self.pause_clicked)
        self.stop_button.clicked.connect(self.stop_clicked)
        self.browse_button.clicked.connect(self._browse)
        self.download_button.clicked.connect(
            lambda: self.download_clicked.emit(self.dataset_key(), self.folder_edit.text().strip()))
        self.cancel_download_button.clicked.connect(self.cancel_download_clicked)
        self.dataset_combo.currentIndexChanged.connect(self._dataset_changed)
        self.folder_edit.editingFinished.connect(self.settings_changed)
        self.input_spin.valueChanged.connect(self._input_changed)
        self.input_why_button.clicked.connect(self.show_shapes_requested)
        self.recipe_combo.activated.connect(lambda _: self._recipe_chosen())
        self.dataset_combo.currentIndexChanged.connect(self._sync_recipe)  # a recipe's promise is per dataset
        for widget in self.setting_fields.values():
            _changed(widget).connect(self._sync_recipe)

        self._running = False
        self._paused = False
        self._downloading = False
        self._available = True
        self._tensorboard_problem: str | None = None
        # texts given to the panel, kept to be worded again in another language
        self._resume_description: Text = ""
        self._error: Text = ""
        self._data_status: Text = ""
        self.retranslate()
        self._dataset_changed()
        self._input_changed()
        self.set_running(False)
        self.show_error("")
        self.resume_label.setTextFormat(Qt.PlainText)
        self.error_label.setTextFormat(Qt.PlainText)
        self._sync_recipe()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the panel in the language installed now; those that show state are re-made from it."""
        for index, info in enumerate(SOURCES.values()):
            self.dataset_combo.setItemText(index, dataset_title(info.key))
        for combo in (self.schedule_combo, self.precision_combo, self.optimizer_combo):
            for index in range(combo.count()):
                combo.setItemText(index, choice_name(combo.itemData(index)))
        if not self._devices_known:
            self.device_combo.setItemText(0, self.tr("cpu (detecting devices…)"))
        torchrun = self.device_combo.findData(TORCHRUN)
        if torchrun >= 0:
            self.device_combo.setItemText(torchrun, self.tr("All %n GPUs (torchrun)", "", self._gpus))
        self.input_spin.setSuffix(self.tr(" px"))
        self.browse_button.setText(self.tr("Browse…"))
        self.download_button.setText(self.tr("Download"))
        self.cancel_download_button.setText(self.tr("Cancel"))
        self.input_why_button.setText(self.tr("Show where it breaks"))
        self.augment_check.setText(self.tr("Random crops and flips"))
        self.weight_decay_spin.setToolTip(self.tr("Pulls every weight towards zero a little each step (decoupled, "
                                                  "as in AdamW, with Adam; L2 with SGD). 0: none."))
        self.plain_epochs_spin.setToolTip(self.tr("With random crops and flips: the last this many epochs train on "
                                                  "the images as they are, as the test images are. 0: every epoch "
                                                  "is augmented."))
        self.label_smoothing_spin.setToolTip(self.tr("Spreads this share of each training label over all classes, so "
                                                     "the network is not pushed to total certainty. 0: none."))
        self.tensorboard_check.setText(self.tr("Write TensorBoard logs"))
        self.stop_button.setText(self.tr("Stop"))
        self.data_box.setTitle(self.tr("Data"))
        self.model_box.setTitle(self.tr("Training"))
        self.data_form.labelForField(self.dataset_combo).setText(setting_name("dataset"))
        for key, field in self.setting_fields.items():  # the settings' names: words.setting_name, shared with the Runs tab
            self.form.labelForField(field).setText(setting_name(key))
        self.form.labelForField(self.tensorboard_check).setText(self.tr("Logging"))
        self.form.labelForField(self.recipe_combo).setText(self.tr("Recipe"))
        self.recipe_combo.setItemText(0, self.tr("Custom"))
        for index in range(1, self.recipe_combo.count()):
            self.recipe_combo.setItemText(index, say(RECIPES[self.recipe_combo.itemData(index)].title))
        if hasattr(self, "_recipe_synced"):
            self._sync_recipe()
        self.set_tensorboard_problem(self._tensorboard_problem)
        self._show_folder_texts()
        self.set_running(self._running, self._paused)
        if self._resume_description:
            self.resume_label.setText(self.tr("Start resumes {0}").format(say(self._resume_description)))
        self.error_label.setText(say(self._error))
        self.data_status.setText(say(self._data_status))
        self.input_error.setText(self.input_problem())

    # ------------------------------------------------------------ state shown

    def dataset_key(self) -> str:
        return self.dataset_combo.currentData()

    def data_dir(self) -> str | None:
        return self.folder_edit.text().strip() or None

    def config(self) -> TrainConfig:
        return TrainConfig(dataset=self.dataset_key(), data_dir=self.data_dir(),
                           **{key: _value(field) for key, field in self.setting_fields.items()})

    def set_config(self, config: TrainConfig) -> None:
        """Show a run's settings (from a checkpoint or saved settings)."""
        _select(self.dataset_combo, config.dataset)
        self.folder_edit.setText(config.data_dir or "")
        for key, field in self.setting_fields.items():
            _show_value(field, getattr(config, key))
        self._dataset_changed()

    def use_folder(self, folder: str) -> None:
        """Train on an image folder (the dataset editor's); the other settings stay as they are."""
        _select(self.dataset_combo, "folder")
        self.folder_edit.setText(folder)
        self.settings_changed.emit()

    def set_devices(self, devices: list[Any]) -> None:
        """DeviceInfo list from core.common.devices; keeps the current choice where it still exists. With
        more than one CUDA GPU, also "All N GPUs (torchrun)": a data-parallel run in N processes."""
        current = self.device_combo.currentData()
        self.device_combo.clear()
        self._devices_known = True
        for info in devices:
            self.device_combo.addItem(info.label, info.id)
        self._gpus = sum(1 for info in devices if info.id.startswith("cuda:"))
        if self._gpus > 1:
            self.device_combo.addItem(self.tr("All %n GPUs (torchrun)", "", self._gpus), TORCHRUN)
        if not _select(self.device_combo, current):
            self.device_combo.setCurrentIndex(0)

    def gpu_count(self) -> int:
        """How many CUDA GPUs the device list offers (what "All N GPUs (torchrun)" uses)."""
        return self._gpus

    def set_running(self, running: bool, paused: bool = False) -> None:
        """Controls that cannot change mid-run are disabled while training."""
        self._running, self._paused = running, paused
        self.pause_button.setEnabled(running)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.stop_button.setEnabled(running)
        self._update_enabled()

    def _update_enabled(self) -> None:
        resuming = bool(self.resume_label.text())
        for widget in self._setting_widgets():
            # a resumed run keeps its own settings; only where and how long it trains may change
            editable = not self._running and (not resuming or widget in self._resumable_widgets())
            widget.setEnabled(editable and (widget is not self.tensorboard_check or self._tensorboard_problem is None))
        self._update_start()
        self._update_download_row()

    def _setting_widgets(self) -> tuple[QWidget, ...]:
        return (self.recipe_combo, self.dataset_combo, self.folder_edit, self.browse_button,
                *self.setting_fields.values(), self.tensorboard_check)

    def _resumable_widgets(self) -> tuple[QWidget, ...]:
        """The settings a resumed run may change (engine.RESUMABLE_SETTINGS), and logging."""
        return (self.device_combo, self.epochs_spin, self.folder_edit, self.browse_button, self.tensorboard_check)

    def tensorboard_logs(self) -> bool:
        """Whether Start should also write TensorBoard logs."""
        return self.tensorboard_check.isChecked() and self._tensorboard_problem is None

    def set_tensorboard_problem(self, problem: str | None) -> None:
        """Why TensorBoard logs cannot be written (the package is missing); None when they can."""
        self._tensorboard_problem = problem
        self.tensorboard_check.setToolTip(plain_tooltip(say(problem) if problem else self.tr(
            "Also write the run's scalars into its run folder for tensorboard --logdir <runs folder>")))
        self._update_enabled()

    def show_error(self, text: Text) -> None:
        """One line on why the last run failed ('' clears it)."""
        self._error = text
        self.error_label.setStyleSheet(f"color: {theme.error_color().name()}")
        self.error_label.setText(say(text))
        self.error_label.setVisible(bool(text))

    def set_resume(self, config: TrainConfig | None, description: Text = "") -> None:
        """Start will continue a run from a checkpoint: show its settings, locked except those a
        resume may change. None: a new run again, every setting editable."""
        if config is not None:
            self.set_config(config)
        self._resume_description = description if config is not None else ""
        self.resume_label.setText(self.tr("Start resumes {0}").format(say(description)) if config is not None else "")
        self._update_enabled()

    def resuming(self) -> bool:
        return bool(self.resume_label.text())

    def set_dataset_available(self, available: bool, message: Text = "", error: bool = False) -> None:
        self._available = available
        self._data_status = message
        self.data_status.setText(say(message))
        self.data_status.setStyleSheet(f"color: {theme.error_color().name()}" if error else "")
        self._update_download_row()
        self._update_start()

    def set_downloading(self, downloading: bool) -> None:
        self._downloading = downloading
        if downloading:
            self.download_bar.setRange(0, 0)
            self.download_bar.setFormat(self.tr("starting…"))
        self._update_download_row()
        self._update_start()

    def set_download_progress(self, done: int, total: int, message: Text) -> None:
        """`message`: what is being done ("downloading train-images-idx3-ubyte.gz"), the core's Message."""
        if total > 0:
            self.download_bar.setRange(0, 1000)
            self.download_bar.setValue(int(1000 * done / total))
            self.download_bar.setFormat(self.tr("{0}: {1:.1f} / {2:.1f} MiB").format(say(message), done / 2**20,
                                                                                     total / 2**20))
        else:
            self.download_bar.setRange(0, 0)
            self.download_bar.setFormat(say(message))

    # ------------------------------------------------------------ settings

    def save_settings(self, settings: QSettings) -> None:
        config = self.config()
        settings.beginGroup("training")
        for key, value in config.to_dict().items():
            settings.setValue(key, "" if value is None else value)
        settings.endGroup()
        settings.setValue("logging/tensorboard", self.tensorboard_check.isChecked())

    def restore_settings(self, settings: QSettings) -> None:
        settings.beginGroup("training")
        defaults = TrainConfig()
        values: dict[str, Any] = {}
        for key, default in defaults.to_dict().items():
            raw = settings.value(key)
            if raw is None or raw == "":
                continue
            try:
                values[key] = _convert(raw, default)
            except (TypeError, ValueError):
                continue  # a damaged setting is ignored, not fatal
        settings.endGroup()
        self.tensorboard_check.setChecked(_convert(settings.value("logging/tensorboard", False), False))
        config = TrainConfig.from_dict({**defaults.to_dict(), **values})
        if config.dataset not in SOURCES:
            config.dataset = defaults.dataset
        self.set_config(config)

    # ------------------------------------------------------------ internals

    def _dataset_changed(self) -> None:
        info = SOURCES[self.dataset_key()]
        self._show_folder_texts()
        for w in (self.folder_label, self.folder_edit, self.browse_button):
            w.setVisible(info.key != "sample")
        self._available = True
        self._data_status = ""
        self.data_status.setText("")
        self._update_download_row()
        self._update_start()
        self.settings_changed.emit()

    def _show_folder_texts(self) -> None:
        needs_path = SOURCES[self.dataset_key()].needs_path
        self.folder_label.setText(self.tr("Image folder") if needs_path else setting_name("data_dir"))
        self.folder_edit.setPlaceholderText(self.tr("one sub-folder per class") if needs_path
                                            else self.tr("default cache folder"))

    def recipe_key(self) -> str:
        """The recipe the settings follow ("" when they follow none: Custom)."""
        return self.recipe_combo.currentData()

    def choose_recipe(self, key: str) -> None:
        _select(self.recipe_combo, key)
        self._recipe_chosen()

    def _recipe_chosen(self) -> None:
        recipe = RECIPES.get(self.recipe_key())
        if recipe is not None:  # fill its settings; the dataset, device and seed stay as they are
            self.set_config(recipe.apply(self.config()))
        self._sync_recipe()

    def _sync_recipe(self, *_: object) -> None:
        """Show the recipe the settings match (Custom once one is edited) and what it was measured to reach."""
        self._recipe_synced = True
        config = self.config()
        recipe = recipe_of(config)
        self.recipe_combo.blockSignals(True)
        _select(self.recipe_combo, recipe.key if recipe else "")
        self.recipe_combo.blockSignals(False)
        if recipe is None:
            self.recipe_note.setText(self.tr("Your own settings. Tutorial reproduces the reference notebook; "
                                             "Fast is the quickest to a good accuracy measured so far; "
                                             "Thorough trains longer for a higher one."))
            return
        promise = recipe.promise(config.dataset, config.device or "cpu")
        measured = self._promise_text(promise) if promise else self.tr("Not measured yet for this dataset and device.")
        self.recipe_note.setText(self.tr("{0}. {1}").format(say(recipe.summary), measured))

    def _promise_text(self, promise: Promise) -> str:
        when = (self.tr("{0} min").format(promise.minutes_text()) if promise.seconds >= 60 else
                self.tr("{0} s").format(round(promise.seconds)))
        return self.tr("Measured: {0} in {1} on {2} ({3}).").format(
            f"{promise.accuracy:.1%}", when, self.tr("%n CPU core(s)", "", promise.cores), say(promise.cpu))

    def _browse(self) -> None:
        start = self.folder_edit.text() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"), start)
        if folder:
            self.folder_edit.setText(folder)
            self.settings_changed.emit()

    def _update_download_row(self) -> None:
        info = SOURCES[self.dataset_key()]
        needs = info.downloadable and not self._available
        self.download_button.setVisible(needs and not self._downloading)
        self.download_button.setEnabled(not self._running)
        self.download_bar.setVisible(self._downloading)
        self.cancel_download_button.setVisible(self._downloading)

    def input_problem(self) -> str:
        """Why the input size cannot be trained ('' when it can)."""
        from ...core.network.shapes import smallest_input

        size, smallest = self.input_spin.value(), smallest_input(SOURCES[self.dataset_key()].channels)
        if size >= smallest:
            return ""
        return self.tr("Input size {0} is too small: the network halves the image five times and needs at least "
                       "{1} x {1} pixels.").format(size, smallest)

    def _input_changed(self) -> None:
        problem = self.input_problem()
        self.input_error.setText(problem)
        self.input_error.setStyleSheet(f"color: {theme.error_color().name()}")
        for widget in (self.input_error, self.input_why_button):
            widget.setVisible(bool(problem))
        self._update_start()
        self.settings_changed.emit()

    def _update_start(self) -> None:
        self.start_button.setEnabled(not self._running and not self._downloading and self._available
                                     and not self.input_problem())
        self.start_button.setText(self.tr("Resume training") if self.resume_label.text() else self.tr("Start"))


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    spin.setAlignment(Qt.AlignRight)
    return spin


def _fraction_spin(low: float, high: float, step: float, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setAlignment(Qt.AlignRight)
    return spin


def _value(field: QWidget) -> Any:
    """What a setting's widget holds: a combo box's key, a check box's state, a spin box's number."""
    if isinstance(field, QComboBox):
        return field.currentData()
    if isinstance(field, QCheckBox):
        return field.isChecked()
    return field.value()


def _show_value(field: QWidget, value: Any) -> None:
    if isinstance(field, QComboBox):
        _select(field, value)
    elif isinstance(field, QCheckBox):
        field.setChecked(value)
    else:
        field.setValue(value)


def _changed(field: QWidget) -> Any:
    """The signal a setting's widget sends when the user changes it."""
    if isinstance(field, QComboBox):
        return field.currentIndexChanged
    if isinstance(field, QCheckBox):
        return field.toggled
    return field.valueChanged


def _combo(keys: tuple[str, ...]) -> QComboBox:
    combo = QComboBox()
    for key in keys:
        combo.addItem("", key)  # titled by TrainingPanel.retranslate()
    return combo


def _select(combo: QComboBox, key: Any) -> bool:
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0


def _convert(raw: Any, default: Any) -> Any:
    """QSettings gives strings back from INI files: convert to the type of the default."""
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return str(raw)
