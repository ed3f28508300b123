"""Training settings, each declared once: TrainConfig's fields carry their Setting (its name in the
window, its help, its range or choices, its command-line flag, whether a recipe chooses it, whether a
resumed run may change it, where the training panel shows it). From that one table come the checks
(TrainConfig.validate), the `train` command's flags, the training panel's rows, the Runs tab's names
for the settings that differ, the recipes' fields and what a resume may change.

Plain Python, no torch: the window shows its controls before PyTorch has loaded.
"""
from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..data.catalog import SOURCES


class ConfigError(ValueError):
    """A setting out of range, with a one-line message."""


MAX_INPUT_SIZE = 1024
MAX_BATCH_SIZE = 65_536
MAX_EPOCHS = 100_000
MAX_SEED = 2**63 - 1
MAX_THREADS = 1024
MAX_LIMIT = 2**31 - 1  # images: far more than fit in memory

# where the training panel shows a setting
BASIC, ADVANCED = "basic", "advanced"


@dataclass(frozen=True)
class Setting:
    """One training setting. Its words are templates of context "Core" (QT_TRANSLATE_NOOP), which
    the window says in its language and the command line prints as they are."""

    label: str  # its name: the panel's row, the Runs tab's differences, the checks' sentences
    help: str  # what it does: the panel's tooltip and the command line's help
    low: float | None = None  # the smallest value that fits
    high: float | None = None  # the largest (or, with high_open, the bound it stays below)
    high_open: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (value, its name in the window)
    flag: str | None = ""  # the command line's flag ("" makes --name-with-dashes; None: none)
    recipe: bool = False  # a recipe chooses it (core/runs/recipes.py)
    resumable: bool = False  # a resumed run may change it; the others are the checkpoint's
    panel: str | None = None  # BASIC or ADVANCED: a row of the training panel; None: not there
    step: float | None = None  # the panel's step for a number
    decimals: int | None = None  # the panel's decimals for a fraction
    unit: str = ""  # the panel's suffix (" px")
    zero: str = ""  # what 0 stands for, where it stands for something ("the whole set"): the panel and the Runs tab say it
    # filled from the field: its name, Python type and whether None means "not set"
    name: str = ""
    kind: type = str
    optional: bool = False

    @property
    def cli_flag(self) -> str | None:
        return None if self.flag is None else (self.flag or "--" + self.name.replace("_", "-"))

    def choice_label(self, value: str) -> str:
        """The name of one of its choices (a template of context "Core"); an unknown value as it is."""
        return dict(self.choices).get(value, value)

    def panel_high(self) -> float | None:
        """The largest value the panel offers (an open bound less one step)."""
        if self.high is None or not self.high_open:
            return self.high
        return self.high - (self.step or 1)


def setting(default: Any, label: str, help: str, **declared: Any) -> Any:
    """A TrainConfig field declared with its Setting."""
    return dataclasses.field(default=default, metadata={"setting": Setting(label, help, **declared)})


OPTIMIZER_CHOICES = (("adam", QT_TRANSLATE_NOOP("Core", "Adam (AdamW with weight decay)")),
                     ("sgd", QT_TRANSLATE_NOOP("Core", "SGD with momentum")))
SCHEDULE_CHOICES = (("none", QT_TRANSLATE_NOOP("Core", "Constant")),
                    ("cosine", QT_TRANSLATE_NOOP("Core", "Cosine decay")),
                    ("onecycle", QT_TRANSLATE_NOOP("Core", "One-cycle")))
# What a run started from other weights (init) trains: the last layer only, a stage and those after it, or all
TRAIN_LAYER_CHOICES = (("head", QT_TRANSLATE_NOOP("Core", "The last layer only")),
                       ("block5", QT_TRANSLATE_NOOP("Core", "Block 5 and the last layer")),
                       ("block4", QT_TRANSLATE_NOOP("Core", "Blocks 4 and 5 and the last layer")),
                       ("block3", QT_TRANSLATE_NOOP("Core", "Blocks 3 to 5 and the last layer")),
                       ("block2", QT_TRANSLATE_NOOP("Core", "Blocks 2 to 5 and the last layer")),
                       ("all", QT_TRANSLATE_NOOP("Core", "The whole network")))
TRAIN_LAYERS = tuple(value for value, _ in TRAIN_LAYER_CHOICES)
INIT_IMAGENET = "imagenet"  # init: GoogLeNet's ImageNet weights (else a checkpoint file's path)
PRECISION_CHOICES = (("auto", QT_TRANSLATE_NOOP("Core", "Automatic (bf16/fp16 where fast)")),
                     ("fp32", QT_TRANSLATE_NOOP("Core", "float32")), ("bf16", QT_TRANSLATE_NOOP("Core", "bfloat16")),
                     ("fp16", QT_TRANSLATE_NOOP("Core", "float16 (CUDA)")))


@dataclass
class TrainConfig:
    dataset: str = setting(
        "sample", QT_TRANSLATE_NOOP("Core", "Dataset"),
        QT_TRANSLATE_NOOP("Core", "What to train on: sample, cifar10, fashion-mnist, mnist or folder"),
        choices=tuple((key, info.title) for key, info in SOURCES.items()))
    data_dir: str | None = setting(
        None, QT_TRANSLATE_NOOP("Core", "Data folder"),
        QT_TRANSLATE_NOOP("Core", "Where the dataset lives (for folder: the image folder itself)"), resumable=True)
    input_size: int = setting(
        96, QT_TRANSLATE_NOOP("Core", "Input size"),
        QT_TRANSLATE_NOOP("Core", "The side in pixels every image is resized to before the network sees it"),
        low=1, high=MAX_INPUT_SIZE, recipe=True, panel=ADVANCED, unit=" px")
    epochs: int = setting(
        10, QT_TRANSLATE_NOOP("Core", "Epochs"),
        QT_TRANSLATE_NOOP("Core", "How many times training goes through every training image (or through Images "
                                  "per epoch); the run validates after each"),
        low=1, high=MAX_EPOCHS, recipe=True, resumable=True, panel=BASIC)
    epoch_images: int = setting(
        0, QT_TRANSLATE_NOOP("Core", "Images per epoch"),
        QT_TRANSLATE_NOOP("Core", "How many training images an epoch trains on before it validates: fewer than the set "
                                  "validates more often (each epoch a fresh random part), more goes on into a fresh "
                                  "shuffle (every image at least once an epoch), so the epochs fit a time; 0: the whole "
                                  "set once"),
        low=0, high=MAX_LIMIT, recipe=True, panel=ADVANCED, zero=QT_TRANSLATE_NOOP("Core", "the whole set"))
    batch_size: int = setting(
        64, QT_TRANSLATE_NOOP("Core", "Batch size"),
        QT_TRANSLATE_NOOP("Core", "Images per training step (at least 2: BatchNorm needs two images to train)"),
        low=2, high=MAX_BATCH_SIZE, recipe=True, panel=ADVANCED)
    optimizer: str = setting(
        "adam", QT_TRANSLATE_NOOP("Core", "Optimizer"),
        QT_TRANSLATE_NOOP("Core", "How the weights follow their gradients: Adam (AdamW when there is weight decay) or "
                                  "SGD with momentum"),
        choices=OPTIMIZER_CHOICES, recipe=True, panel=ADVANCED)
    lr: float = setting(
        1e-3, QT_TRANSLATE_NOOP("Core", "Learning rate"),
        QT_TRANSLATE_NOOP("Core", "How far each step moves the weights (with a schedule: its peak)"),
        low=1e-5, high=10.0, recipe=True, panel=ADVANCED, step=0.0005, decimals=5)
    momentum: float = setting(
        0.9, QT_TRANSLATE_NOOP("Core", "Momentum"), QT_TRANSLATE_NOOP("Core", "SGD's momentum (Adam ignores it)"),
        low=0.0, high=1.0, high_open=True, recipe=True, panel=ADVANCED, step=0.05, decimals=2)
    weight_decay: float = setting(
        0.0, QT_TRANSLATE_NOOP("Core", "Weight decay"),
        QT_TRANSLATE_NOOP("Core", "Pulls every weight towards zero a little each step (decoupled, as in AdamW, with "
                                  "Adam; L2 with SGD); 0: none"),
        low=0.0, high=10.0, recipe=True, panel=ADVANCED, step=0.0005, decimals=5)
    schedule: str = setting(
        "none", QT_TRANSLATE_NOOP("Core", "Schedule"),
        QT_TRANSLATE_NOOP("Core", "How the learning rate changes over the run"),
        choices=SCHEDULE_CHOICES, recipe=True, panel=ADVANCED)
    augment: bool = setting(
        False, QT_TRANSLATE_NOOP("Core", "Augmentation"),
        QT_TRANSLATE_NOOP("Core", "Random crops (and flips where they keep the class) of the training images"),
        recipe=True, panel=ADVANCED)
    plain_last_epochs: int = setting(
        0, QT_TRANSLATE_NOOP("Core", "Plain last epochs"),
        QT_TRANSLATE_NOOP("Core", "With augmentation: the last this many epochs train on the images as they are, as "
                                  "the test images are; 0: every epoch is augmented"),
        low=0, high=MAX_EPOCHS, recipe=True, panel=ADVANCED)
    label_smoothing: float = setting(
        0.0, QT_TRANSLATE_NOOP("Core", "Label smoothing"),
        QT_TRANSLATE_NOOP("Core", "Spreads this share of each training label over all classes, so the network is not "
                                  "pushed to total certainty; 0: none"),
        low=0.0, high=1.0, high_open=True, recipe=True, panel=ADVANCED, step=0.05, decimals=2)
    seed: int = setting(
        0, QT_TRANSLATE_NOOP("Core", "Seed"),
        QT_TRANSLATE_NOOP("Core", "Makes the run repeatable: the same seed and settings train the same weights"),
        low=0, high=MAX_SEED, panel=ADVANCED)
    device: str = setting(
        "cpu", QT_TRANSLATE_NOOP("Core", "Device"), QT_TRANSLATE_NOOP("Core", "Where to train: cpu, cuda, cuda:N or mps"),
        resumable=True, panel=BASIC)
    precision: str = setting(
        "auto", QT_TRANSLATE_NOOP("Core", "Precision"),
        QT_TRANSLATE_NOOP("Core", "The arithmetic of training: automatic takes bf16 or fp16 where the device is faster "
                                  "with it"),
        choices=PRECISION_CHOICES, recipe=True, panel=ADVANCED)
    channels_last: bool = setting(
        True, QT_TRANSLATE_NOOP("Core", "Channels-last memory layout"),
        QT_TRANSLATE_NOOP("Core", "Keep activations channels-last (faster on CPUs and recent GPUs)"), flag=None)
    limit_train: int | None = setting(
        None, QT_TRANSLATE_NOOP("Core", "Training images used"), QT_TRANSLATE_NOOP("Core", "Use at most this many training images"),
        low=1, high=MAX_LIMIT)
    limit_val: int | None = setting(
        None, QT_TRANSLATE_NOOP("Core", "Validation images used"),
        QT_TRANSLATE_NOOP("Core", "Use at most this many validation images"), low=1, high=MAX_LIMIT)
    val_fraction: float = setting(
        0.1, QT_TRANSLATE_NOOP("Core", "Validation share"),
        QT_TRANSLATE_NOOP("Core", "The share of each class held out for validation (image folders without val/)"),
        low=0.0, high=1.0, high_open=True)
    num_threads: int | None = setting(
        None, QT_TRANSLATE_NOOP("Core", "CPU threads"), QT_TRANSLATE_NOOP("Core", "CPU threads for training"),
        low=1, high=MAX_THREADS, resumable=True, flag="--threads")
    init: str | None = setting(
        None, QT_TRANSLATE_NOOP("Core", "Start from"),
        QT_TRANSLATE_NOOP("Core", "The weights a run starts from: imagenet (GoogLeNet's ImageNet weights) or a checkpoint "
                                  "file, with a new last layer for the data's classes; none: random weights"),
        panel=BASIC)
    train_layers: str = setting(
        "all", QT_TRANSLATE_NOOP("Core", "Layers to train"),
        QT_TRANSLATE_NOOP("Core", "With starting weights: what trains (head: the last layer only, its features computed "
                                  "once, seconds an epoch; blockN: that block and those after it; all: the whole network, "
                                  "its starting layers at a tenth of the rate); the rest keeps the starting weights"),
        choices=TRAIN_LAYER_CHOICES, panel=BASIC)

    def validate(self) -> None:
        """Every field's type and range, from its Setting; ConfigError says which setting and what fits."""
        for s in SETTINGS.values():
            _check(s, getattr(self, s.name))
        if self.init is not None and not self.init.strip():
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "the starting weights must be imagenet or a checkpoint file "
                                                                "(leave it out to start from random weights)")))
        if self.train_layers != "all" and self.init is None:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "training only some layers needs starting weights (imagenet "
                                                                "or a checkpoint): random layers left untrained learn nothing")))
        if self.train_layers == "head" and self.augment:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "training the last layer only computes each image's features "
                                                                "once, so it cannot augment them: turn augmentation off, or "
                                                                "train more layers")))
        if self.epoch_images == 1:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "an epoch of 1 image cannot train: BatchNorm needs two "
                                                                "images (0: the whole set)")))
        from ..network.shapes import smallest_input  # plain arithmetic on the layer table

        smallest = smallest_input(1)
        if self.input_size < smallest:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "input size {size} is too small; the smallest that works is {smallest}"),
                                      size=self.input_size, smallest=smallest))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TrainConfig:
        """The known settings of `d` (unknown keys are ignored); call validate() before use."""
        return cls(**{k: v for k, v in d.items() if k in SETTINGS})

    def save(self, path: str | Path) -> None:
        """The settings as JSON (what `train --settings` reads)."""
        from ..common.files import atomic_write

        data = (json.dumps(self.to_dict(), indent=1) + "\n").encode("utf-8")
        atomic_write(path, lambda f: f.write(data))

    @classmethod
    def load(cls, path: str | Path) -> TrainConfig:
        """Settings saved by `save`, checked."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "cannot read the settings in {name}: {reason}"),
                                      name=Path(path).name, reason=getattr(exc, "strerror", None) or str(exc))) from None
        if not isinstance(raw, dict):
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "{name} holds no settings"), name=Path(path).name))
        config = cls.from_dict(raw)
        config.validate()
        return config


def _declared() -> dict[str, Setting]:
    kinds = {"int": int, "float": float, "str": str, "bool": bool}
    table = {}
    for f in dataclasses.fields(TrainConfig):
        annotation = str(f.type)
        table[f.name] = dataclasses.replace(f.metadata["setting"], name=f.name, kind=kinds[annotation.split(" ")[0]],
                                            optional="None" in annotation)
    return table


SETTINGS: dict[str, Setting] = _declared()  # every setting, in the order of the form and the tables
RESUMABLE = tuple(name for name, s in SETTINGS.items() if s.resumable)
RECIPE_FIELDS = tuple(name for name, s in SETTINGS.items() if s.recipe)

_TYPE_WORDS = {str: QT_TRANSLATE_NOOP("Core", "text"), int: QT_TRANSLATE_NOOP("Core", "a whole number"),
               float: QT_TRANSLATE_NOOP("Core", "a number"), bool: QT_TRANSLATE_NOOP("Core", "true or false")}


def check_setting(name: str, value: Any) -> None:
    """One setting's type and range, from its declaration (ConfigError otherwise)."""
    _check(SETTINGS[name], value)


def _check(s: Setting, value: Any) -> None:
    if value is None and s.optional:
        return
    ok = isinstance(value, bool) if s.kind is bool else (
        isinstance(value, (int, float)) and not isinstance(value, bool)) if s.kind is float else (
        isinstance(value, s.kind) and not isinstance(value, bool))
    if not ok:
        raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "setting {setting} must be {kind}"), setting=s.name,
                                  kind=Message(_TYPE_WORDS[s.kind])))
    label = Message(s.label)
    if s.choices and value not in dict(s.choices):
        raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "{setting} must be one of {choices}"), setting=label,
                                  choices=", ".join(value for value, _ in s.choices)))
    if s.kind in (int, float):
        low_ok = s.low is None or value >= s.low
        high_ok = s.high is None or (value < s.high if s.high_open else value <= s.high)
        if not (low_ok and high_ok and math.isfinite(value)):
            raise ConfigError(_range_message(s, label))


def _range_message(s: Setting, label: Message) -> Message:
    low, high = _number(s.low), _number(s.high)
    if s.high is None:
        return Message(QT_TRANSLATE_NOOP("Core", "{setting} must be at least {low}"), setting=label, low=low)
    if s.high_open:
        return Message(QT_TRANSLATE_NOOP("Core", "{setting} must be at least {low} and less than {high}"),
                       setting=label, low=low, high=high)
    return Message(QT_TRANSLATE_NOOP("Core", "{setting} must be between {low} and {high}"), setting=label, low=low,
                   high=high)


def _number(value: float | None) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:g}"
