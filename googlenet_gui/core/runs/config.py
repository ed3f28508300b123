"""Training settings: plain Python, no torch, so the window can show its controls before PyTorch
has loaded."""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from ..common.messages import QT_TRANSLATE_NOOP, Message


OPTIMIZERS = ("adam", "sgd")
SCHEDULES = ("none", "cosine", "onecycle")
PRECISIONS = ("auto", "fp32", "bf16", "fp16")
# What a run started from other weights (init) trains: the last layer only, a stage and those after it, or all
TRAIN_LAYERS = ("head", "block5", "block4", "block3", "block2", "all")
INIT_IMAGENET = "imagenet"  # init: GoogLeNet's ImageNet weights (else a checkpoint file's path)


class ConfigError(ValueError):
    """A setting out of range, with a one-line message."""


MAX_INPUT_SIZE = 1024
MAX_BATCH_SIZE = 65_536
MAX_EPOCHS = 100_000
MAX_SEED = 2**63 - 1


@dataclass
class TrainConfig:
    dataset: str = "sample"
    data_dir: str | None = None
    input_size: int = 96
    epochs: int = 10
    batch_size: int = 64
    optimizer: str = "adam"
    lr: float = 1e-3
    momentum: float = 0.9
    weight_decay: float = 0.0
    schedule: str = "none"
    augment: bool = False
    plain_last_epochs: int = 0  # with augment: the last N epochs train on the images as they are
    label_smoothing: float = 0.0  # the share of each target spread over all classes (training loss only)
    seed: int = 0
    device: str = "cpu"
    precision: str = "auto"
    channels_last: bool = True
    limit_train: int | None = None
    limit_val: int | None = None
    val_fraction: float = 0.1
    num_threads: int | None = None
    init: str | None = None  # the weights a run starts from: None (random), "imagenet", or a checkpoint file
    train_layers: str = "all"  # with init: what trains (TRAIN_LAYERS); the rest keeps the starting weights

    def validate(self) -> None:
        """Every field's type and range; ConfigError says which setting and what fits."""
        self._check_types()
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "optimizer must be one of {choices}"), choices=", ".join(OPTIMIZERS)))
        if self.schedule not in SCHEDULES:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "schedule must be one of {choices}"), choices=", ".join(SCHEDULES)))
        if self.precision not in PRECISIONS:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "precision must be one of {choices}"), choices=", ".join(PRECISIONS)))
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "epochs must be between 1 and {most:,}"), most=MAX_EPOCHS))
        if self.batch_size < 2:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "batch size must be at least 2 (BatchNorm needs two images to train)")))
        if self.batch_size > MAX_BATCH_SIZE:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "batch size must be at most {most:,}"), most=MAX_BATCH_SIZE))
        if not (self.lr > 0 and math.isfinite(self.lr)):
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "learning rate must be a positive number")))
        if not (math.isfinite(self.weight_decay) and self.weight_decay >= 0):
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "weight decay must be a number >= 0")))
        if not 0 <= self.plain_last_epochs <= MAX_EPOCHS:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "plain last epochs must be between 0 and {most:,}"),
                                      most=MAX_EPOCHS))
        if not (math.isfinite(self.label_smoothing) and 0 <= self.label_smoothing < 1):
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "label smoothing must be a number in [0, 1)")))
        if not (math.isfinite(self.momentum) and 0 <= self.momentum < 1):
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "momentum must be a number in [0, 1)")))
        if not (math.isfinite(self.val_fraction) and 0 <= self.val_fraction < 1):
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "validation fraction must be in [0, 1)")))
        if not 0 <= self.seed <= MAX_SEED:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "seed must be between 0 and {most}"), most=MAX_SEED))
        for name, words in (("limit_train", QT_TRANSLATE_NOOP("Core", "limit train")),
                            ("limit_val", QT_TRANSLATE_NOOP("Core", "limit val"))):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "{setting} must be at least 1 image (leave it out "
                                                                    "to use all)"), setting=Message(words)))
        if self.num_threads is not None and not 1 <= self.num_threads <= 1024:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "thread count must be between 1 and 1024")))
        if self.train_layers not in TRAIN_LAYERS:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "layers to train must be one of {choices}"),
                                      choices=", ".join(TRAIN_LAYERS)))
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
        if self.input_size > MAX_INPUT_SIZE:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "input size {size} is too large; the largest is {largest}"),
                                      size=self.input_size, largest=MAX_INPUT_SIZE))
        from ..network.shapes import smallest_input  # plain arithmetic on the layer table

        smallest = smallest_input(1)
        if self.input_size < smallest:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "input size {size} is too small; the smallest that works is {smallest}"),
                                      size=self.input_size, smallest=smallest))

    def _check_types(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            kind = _FIELD_TYPES[f.name]
            if value is None and f.name in _OPTIONAL:
                continue
            ok = isinstance(value, bool) if kind is bool else (
                isinstance(value, kind) and not isinstance(value, bool)) if kind is not float else (
                isinstance(value, (int, float)) and not isinstance(value, bool))
            if not ok:
                raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "setting {setting} must be {kind}"), setting=f.name,
                                              kind=Message(_TYPE_WORDS[kind])))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TrainConfig":
        """The known settings of `d` (unknown keys are ignored); call validate() before use."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


_FIELD_TYPES = {"dataset": str, "data_dir": str, "input_size": int, "epochs": int, "batch_size": int,
                "optimizer": str, "lr": float, "momentum": float, "weight_decay": float, "schedule": str,
                "augment": bool, "plain_last_epochs": int, "label_smoothing": float, "seed": int, "device": str,
                "precision": str, "channels_last": bool,
                "limit_train": int, "limit_val": int, "val_fraction": float, "num_threads": int,
                "init": str, "train_layers": str}
_OPTIONAL = {"data_dir", "limit_train", "limit_val", "num_threads", "init"}
_TYPE_WORDS = {str: QT_TRANSLATE_NOOP("Core", "text"), int: QT_TRANSLATE_NOOP("Core", "a whole number"),
               float: QT_TRANSLATE_NOOP("Core", "a number"), bool: QT_TRANSLATE_NOOP("Core", "true or false")}
