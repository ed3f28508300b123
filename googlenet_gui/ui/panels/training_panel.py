"""Training controls: the data, the recipe, the device, the settings (the rarely changed ones folded
under Advanced) and Start / Pause / Stop.

Every setting row is made from its declaration (core/runs/config.py: SETTINGS, those with a `panel`):
its widget, label, tooltip and range; config() and set_config() read and write them all the same way.
What the panel shows of the app's state follows the models (`bind`): Start, Pause and Stop follow the
activity, the data row follows the data choice, and the panel tells the data choice what is chosen.

One piece: the rows come from one table of settings and read and write one config.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from ...core.common.messages import Message
from ...core.data.catalog import SOURCES
from ...core.runs.config import ADVANCED, BASIC, INIT_IMAGENET, SETTINGS, TrainConfig
from ...core.runs.recipes import RECIPES, Promise, recipe_of
from ...state.activity import Activity
from ...state.data import DataChoice, DataSpec
from .. import setting_widgets, theme
from ..plain import plain_label, plain_tooltip
from ..words import Text, dataset_title, say, setting_name

PROCESSES_ROLE = Qt.UserRole + 1  # a device list entry's process count: "All N GPUs (torchrun)" trains in N
ADVANCED_KEY = "training/advanced_shown"


class WrappingLabel(QLabel):
    """A plain-text label that wraps and always asks for the height its wrapped text needs (a form
    row otherwise keeps the height of its first wording, cutting a longer one in another language)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Minimum)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        width = max(self.width(), 100)
        return QSize(0, self.heightForWidth(width) if self.text() else hint.height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.updateGeometry()


class TrainingPanel(QWidget):
    start_clicked = Signal()
    pause_clicked = Signal()
    stop_clicked = Signal()
    download_clicked = Signal(str, str)  # dataset key, data folder ("" for the default)
    cancel_download_clicked = Signal()
    show_shapes_requested = Signal()  # "where does this input size break?": the Shapes tab answers
    find_lr_requested = Signal()  # the button beside the learning rate: the learning-rate finder

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.activity: Activity | None = None
        self.data: DataChoice | None = None

        # ---- data
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
        self.data_status = WrappingLabel()
        self.data_box = QGroupBox()
        self.data_form = data_form = _form(self.data_box)
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

        # ---- the settings, from their declarations
        self.device_combo = QComboBox()
        self.device_combo.addItem("", "cpu")  # "cpu (detecting devices…)" until the core has loaded
        self._devices_known = False
        self._gpus = 0
        self.setting_fields: dict[str, QWidget] = {}  # every setting the panel shows, by its TrainConfig field
        self.init_combo = setting_widgets.ChoiceOrFile(
            [("", ""), (INIT_IMAGENET, "")], "", "", "")  # worded by retranslate()
        special = {"device": self.device_combo, "init": self.init_combo}
        for name, setting in SETTINGS.items():
            if setting.panel is not None:
                self.setting_fields[name] = special.get(name) or setting_widgets.make_widget(setting)
        self.start_button = self.pause_button = self.stop_button = None  # made below
        self.input_error = WrappingLabel()
        self.input_why_button = QPushButton()
        self.find_lr_button = QPushButton()
        # a row's field: the setting's widget, or a row holding it and a button for it
        self._row_fields: dict[str, QWidget] = dict(self.setting_fields)
        self._row_fields["lr"] = _beside(self.setting_fields["lr"], self.find_lr_button)
        self.tensorboard_check = QCheckBox()

        # A recipe fills the settings, which stay editable; editing one makes it "Custom".
        self.recipe_combo = QComboBox()
        self.recipe_combo.addItem("", "")  # "Custom", from retranslate()
        for recipe in RECIPES.values():
            self.recipe_combo.addItem("", recipe.key)  # titled by retranslate()
        self.recipe_note = WrappingLabel()

        self.model_box = QGroupBox()
        self.form = form = _form(self.model_box)
        form.addRow(QLabel(), self.recipe_combo)  # every row is labelled by retranslate()
        form.addRow("", self.recipe_note)
        for name in self._rows(BASIC):
            form.addRow(QLabel(), self._row_fields[name])
        self.advanced_button = QToolButton()
        self.advanced_button.setCheckable(True)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.advanced_button.setAutoRaise(True)
        form.addRow(self.advanced_button)
        self.advanced = QWidget()
        self.advanced_form = advanced_form = _form(self.advanced)
        advanced_form.setContentsMargins(0, 0, 0, 0)
        input_problem = QVBoxLayout()
        input_problem.addWidget(self.input_error)
        input_problem.addWidget(self.input_why_button, 0, Qt.AlignLeft)
        for name in self._rows(ADVANCED):
            advanced_form.addRow(QLabel(), self._row_fields[name])
            if name == "input_size":  # why a size does not fit, under it
                advanced_form.addRow("", input_problem)
        advanced_form.addRow(QLabel(), self.tensorboard_check)
        form.addRow(self.advanced)

        self.start_button = QPushButton()
        self.pause_button = QPushButton()
        self.stop_button = QPushButton()
        self.start_button.setDefault(True)
        self.resume_label = WrappingLabel()
        self.error_label = WrappingLabel()  # why the last run failed; stays until the next Start
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.data_box)
        layout.addWidget(self.model_box)
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
        self.advanced_button.toggled.connect(self._show_advanced)
        self.dataset_combo.currentIndexChanged.connect(self._dataset_changed)
        self.folder_edit.editingFinished.connect(self._data_changed)
        self.setting_fields["input_size"].valueChanged.connect(self._input_changed)
        self.setting_fields["seed"].valueChanged.connect(self._data_changed)
        self.input_why_button.clicked.connect(self.show_shapes_requested)
        self.find_lr_button.clicked.connect(self.find_lr_requested)
        self.recipe_combo.activated.connect(lambda _: self._recipe_chosen())
        self.dataset_combo.currentIndexChanged.connect(self._sync_recipe)  # a recipe's promise is per dataset
        for widget in self.setting_fields.values():
            setting_widgets.changed(widget).connect(self._sync_recipe)
        for name in ("init", "train_layers"):  # what trains from starting weights decides what may be set
            setting_widgets.changed(self.field(name)).connect(self._update_enabled)

        self._tensorboard_problem: str | None = None
        # texts given to the panel, kept to be worded again in another language
        self._resume_description: Text = ""
        self._error: Text = ""
        self.retranslate()
        self._show_advanced(False)
        self.set_config(TrainConfig())
        self.show_error("")
        self._sync_recipe()

    def field(self, name: str) -> QWidget:
        """The widget of a setting (a TrainConfig field)."""
        return self.setting_fields[name]

    def row_label(self, name: str) -> QLabel:
        """The label of a setting's row."""
        form = self.form if SETTINGS[name].panel == BASIC else self.advanced_form
        return form.labelForField(self._row_fields[name])

    def use_learning_rate(self, rate: float) -> None:
        """The learning-rate finder's suggestion, to three significant digits."""
        self.field("lr").setValue(float(f"{rate:.3g}"))

    def _rows(self, where: str) -> list[str]:
        return [name for name in self.setting_fields if SETTINGS[name].panel == where]

    # ------------------------------------------------------------ the models

    def bind(self, activity: Activity, data: DataChoice) -> None:
        """Follow the app's activity (Start, Pause, Stop, what may be edited) and the data's
        availability; tell the data choice what is chosen."""
        self.activity, self.data = activity, data
        activity.changed.connect(self._update_enabled)
        data.availability_changed.connect(self._show_availability)
        self._data_changed()
        self._show_availability()

    def _data_changed(self, *_: object) -> None:
        if self.data is not None:
            self.data.choose(DataSpec(self.dataset_key(), self.data_dir(), self.field("input_size").value(),
                                      self.field("seed").value()))

    # ------------------------------------------------------------ words

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the panel in the language installed now; those that show state are re-made from it."""
        for index, info in enumerate(SOURCES.values()):
            self.dataset_combo.setItemText(index, dataset_title(info.key))
        for name, widget in self.setting_fields.items():
            if widget not in (self.device_combo, self.init_combo):
                setting_widgets.retranslate(SETTINGS[name], widget)
        self.device_combo.setToolTip(say(Message(SETTINGS["device"].help)))
        combo = self.init_combo
        combo.setItemText(combo.findData(""), self.tr("Random weights"))
        combo.setItemText(combo.findData(INIT_IMAGENET), self.tr("GoogLeNet's ImageNet weights"))
        combo.setItemText(combo.count() - 1, self.tr("Another run's checkpoint…"))
        combo.caption, combo.file_filter = self.tr("Start from which checkpoint?"), self.tr("Checkpoints (*.pt *.pth)")
        combo.setToolTip(say(Message(SETTINGS["init"].help)))
        if not self._devices_known:
            self.device_combo.setItemText(0, self.tr("cpu (detecting devices…)"))
        for index in range(self.device_combo.count()):
            processes = self.device_combo.itemData(index, PROCESSES_ROLE)
            if processes:
                self.device_combo.setItemText(index, self.tr("All %n GPUs (torchrun)", "", processes))
        self.browse_button.setText(self.tr("Browse…"))
        self.download_button.setText(self.tr("Download"))
        self.cancel_download_button.setText(self.tr("Cancel"))
        self.input_why_button.setText(self.tr("Show where it breaks"))
        self.tensorboard_check.setText(self.tr("Write TensorBoard logs"))
        self.stop_button.setText(self.tr("Stop"))
        self.data_box.setTitle(self.tr("Data"))
        self.model_box.setTitle(self.tr("Training"))
        self.data_form.labelForField(self.dataset_combo).setText(setting_name("dataset"))
        for name in self.setting_fields:
            self.row_label(name).setText(setting_name(name))
        self.find_lr_button.setText(self.tr("Find…"))
        self.find_lr_button.setToolTip(self.tr("Find a learning rate: a short run that raises the rate step by step "
                                               "and suggests where the loss falls fastest"))
        self.advanced_form.labelForField(self.tensorboard_check).setText(self.tr("Logging"))
        self.form.labelForField(self.recipe_combo).setText(self.tr("Recipe"))
        self.advanced_button.setText(self.tr("Advanced settings"))
        self.recipe_combo.setItemText(0, self.tr("Custom"))
        for index in range(1, self.recipe_combo.count()):
            self.recipe_combo.setItemText(index, say(RECIPES[self.recipe_combo.itemData(index)].title))
        if hasattr(self, "_recipe_synced"):
            self._sync_recipe()
        self.set_tensorboard_problem(self._tensorboard_problem)
        self._show_folder_texts()
        self._update_enabled()
        self.resume_label.setText(self.tr("Start resumes {0}").format(say(self._resume_description))
                                  if self._resume_description else "")
        self.error_label.setText(say(self._error))
        self._show_availability()
        self.input_error.setText(self.input_problem())

    # ------------------------------------------------------------ settings shown

    def dataset_key(self) -> str:
        return self.dataset_combo.currentData()

    def data_dir(self) -> str | None:
        return self.folder_edit.text().strip() or None

    def config(self) -> TrainConfig:
        return TrainConfig(dataset=self.dataset_key(), data_dir=self.data_dir(),
                           **{name: setting_widgets.value(widget) for name, widget in self.setting_fields.items()})

    def processes(self) -> int:
        """How many processes Start trains in: 1, or N for "All N GPUs (torchrun)"."""
        return self.device_combo.currentData(PROCESSES_ROLE) or 1

    def set_config(self, config: TrainConfig) -> None:
        """Show a run's settings (from a checkpoint or saved settings)."""
        setting_widgets.select(self.dataset_combo, config.dataset)
        self.folder_edit.setText(config.data_dir or "")
        for name, widget in self.setting_fields.items():
            setting_widgets.show_value(widget, getattr(config, name))
        self._dataset_changed()

    def start_from(self, init: str | None, train_layers: str) -> None:
        """Start the next run from these weights (TrainConfig.init), training these layers."""
        setting_widgets.show_value(self.field("init"), init)
        setting_widgets.select(self.field("train_layers"), train_layers)
        self._update_enabled()

    def use_folder(self, folder: str) -> None:
        """Train on an image folder (the dataset editor's); the other settings stay as they are."""
        setting_widgets.select(self.dataset_combo, "folder")
        self.folder_edit.setText(folder)
        self._dataset_changed()

    def set_devices(self, devices: list[Any]) -> None:
        """DeviceInfo list from core.common.devices; keeps the current choice where it still exists. With
        more than one CUDA GPU, also "All N GPUs (torchrun)": a data-parallel run in N processes."""
        current, processes = self.device_combo.currentData(), self.processes()
        self.device_combo.clear()
        self._devices_known = True
        for info in devices:
            self.device_combo.addItem(info.label, info.id)
        self._gpus = sum(1 for info in devices if info.id.startswith("cuda:"))
        if self._gpus > 1:
            self.device_combo.addItem(self.tr("All %n GPUs (torchrun)", "", self._gpus), "cuda")
            self.device_combo.setItemData(self.device_combo.count() - 1, self._gpus, PROCESSES_ROLE)
        index = next((i for i in range(self.device_combo.count()) if self.device_combo.itemData(i) == current
                      and (self.device_combo.itemData(i, PROCESSES_ROLE) or 1) == processes), 0)
        self.device_combo.setCurrentIndex(index)

    def gpu_count(self) -> int:
        """How many CUDA GPUs the device list offers (what "All N GPUs (torchrun)" uses)."""
        return self._gpus

    def _update_enabled(self) -> None:
        """What may be edited and pressed now: nothing of the settings while training; a resumed run
        keeps its own settings, only those a resume may change (and logging) stay editable."""
        activity = self.activity
        busy = activity is not None and activity.busy
        resuming = bool(self._resume_description)
        for name, widget in self.setting_fields.items():
            widget.setEnabled(not busy and (not resuming or SETTINGS[name].resumable))
        # layers to train mean something only from starting weights; the last layer alone trains on features
        # computed once, so its images cannot be augmented
        starting = self.field("init").currentData() not in ("", None)
        if not starting and self.field("train_layers").currentData() != "all":
            setting_widgets.select(self.field("train_layers"), "all")
        self.field("train_layers").setEnabled(self.field("train_layers").isEnabled() and starting)
        if self.field("train_layers").currentData() == "head":
            self.field("augment").setChecked(False)
            self.field("augment").setEnabled(False)
        for widget in (self.recipe_combo, self.dataset_combo):
            widget.setEnabled(not busy and not resuming)
        for widget in (self.folder_edit, self.browse_button):
            widget.setEnabled(not busy)
        self.find_lr_button.setEnabled(not busy and not resuming)
        self.tensorboard_check.setEnabled(not busy and self._tensorboard_problem is None)
        self.pause_button.setEnabled(activity is not None and activity.can_pause())
        self.pause_button.setText(self.tr("Continue") if activity is not None and activity.paused else self.tr("Pause"))
        self.stop_button.setEnabled(activity is not None and activity.can_stop())
        self._update_start()
        self._update_download_row()

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
        return bool(self._resume_description)

    def _show_availability(self) -> None:
        data = self.data
        if data is None:
            return
        self.data_status.setText(say(data.message))
        self.data_status.setStyleSheet(f"color: {theme.error_color().name()}" if data.error else "")
        self.data_status.setVisible(bool(data.message))
        if data.downloading and not self.download_bar.isVisible():
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

    # ------------------------------------------------------------ remembered

    def save_settings(self, settings: QSettings) -> None:
        config = self.config()
        settings.beginGroup("training")
        for key, value in config.to_dict().items():
            settings.setValue(key, "" if value is None else str(value) if isinstance(value, int) else value)
        settings.endGroup()
        settings.setValue("logging/tensorboard", self.tensorboard_check.isChecked())
        settings.setValue(ADVANCED_KEY, self.advanced_button.isChecked())

    def restore_settings(self, settings: QSettings) -> None:
        """The settings of the last session, each checked as a file from outside is: one out of its
        range, of the wrong type or damaged is left at its default."""
        from ...core.runs.config import ConfigError, check_setting

        settings.beginGroup("training")
        defaults = TrainConfig()
        values: dict[str, Any] = {}
        for key, default in defaults.to_dict().items():
            raw = settings.value(key)
            if raw is None or raw == "" or key not in SETTINGS:
                continue
            try:
                value = _convert(raw, SETTINGS[key].kind)
                check_setting(key, value)
            except (TypeError, ValueError, OverflowError, ConfigError):
                continue  # a damaged setting is ignored, not fatal
            values[key] = value
        settings.endGroup()
        self.tensorboard_check.setChecked(_convert(settings.value("logging/tensorboard", False), bool))
        self.advanced_button.setChecked(_convert(settings.value(ADVANCED_KEY, False), bool))
        self.set_config(TrainConfig.from_dict({**defaults.to_dict(), **values}))

    # ------------------------------------------------------------ internals

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)
        if self.advanced_button.isChecked() != shown:
            self.advanced_button.setChecked(shown)

    def _dataset_changed(self, *_: object) -> None:
        info = SOURCES[self.dataset_key()]
        self._show_folder_texts()
        for w in (self.folder_label, self.folder_edit, self.browse_button):
            w.setVisible(info.key != "sample")
        self._input_changed()

    def _show_folder_texts(self) -> None:
        needs_path = SOURCES[self.dataset_key()].needs_path
        self.folder_label.setText(self.tr("Image folder") if needs_path else setting_name("data_dir"))
        self.folder_edit.setPlaceholderText(self.tr("one sub-folder per class") if needs_path
                                            else self.tr("default cache folder"))

    def recipe_key(self) -> str:
        """The recipe the settings follow ("" when they follow none: Custom)."""
        return self.recipe_combo.currentData()

    def choose_recipe(self, key: str) -> None:
        setting_widgets.select(self.recipe_combo, key)
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
        setting_widgets.select(self.recipe_combo, recipe.key if recipe else "")
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
            self._data_changed()

    def _update_download_row(self) -> None:
        data = self.data
        downloading = data is not None and data.downloading
        needs = SOURCES[self.dataset_key()].downloadable and data is not None and not data.available
        self.download_button.setVisible(needs and not downloading)
        self.download_button.setEnabled(self.activity is None or not self.activity.busy)
        self.download_bar.setVisible(downloading)
        self.cancel_download_button.setVisible(downloading)

    def input_problem(self) -> str:
        """Why the input size cannot be trained ('' when it can)."""
        from ...core.network.shapes import smallest_input

        size, smallest = self.field("input_size").value(), smallest_input(SOURCES[self.dataset_key()].channels)
        if size >= smallest:
            return ""
        return self.tr("Input size {0} is too small: the network halves the image five times and needs at least "
                       "{1} x {1} pixels.").format(size, smallest)

    def _input_changed(self, *_: object) -> None:
        problem = self.input_problem()
        self.input_error.setText(problem)
        self.input_error.setStyleSheet(f"color: {theme.error_color().name()}")
        for widget in (self.input_error, self.input_why_button):
            widget.setVisible(bool(problem))
        if problem and not self.advanced_button.isChecked():
            self._show_advanced(True)  # the row that explains it is in view
        self._data_changed()
        self._update_start()

    def _update_start(self) -> None:
        if self.start_button is None:
            return
        ready = self.data.ready if self.data is not None else not self.input_problem()
        self.start_button.setEnabled(ready and (self.activity is None or self.activity.can_start()))
        self.start_button.setText(self.tr("Resume training") if self._resume_description else self.tr("Start"))


def _beside(field: QWidget, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return row


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    # rows wrap under their label when the panel is narrow, rather than pushing the fields out of view
    form.setRowWrapPolicy(QFormLayout.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
    return form


def _convert(raw: Any, kind: type) -> Any:
    """QSettings gives strings back from INI files: convert to the setting's type."""
    if kind is bool:
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
    if kind is int:
        return int(raw)
    if kind is float:
        return float(raw)
    return str(raw)
