"""Training settings and the dataset catalogue: plain Python, no torch, so the window can show
its controls before PyTorch has loaded."""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SourceInfo:
    key: str
    title: str
    downloadable: bool
    channels: int  # input channels, as known before reading any image (a folder of only grayscale images gives 1)
    needs_path: bool = False


SOURCES = {
    "sample": SourceInfo("sample", "Sample (Fashion-MNIST subset, built in)", False, 1),
    "cifar10": SourceInfo("cifar10", "CIFAR-10", True, 3),
    "fashion-mnist": SourceInfo("fashion-mnist", "Fashion-MNIST", True, 1),
    "mnist": SourceInfo("mnist", "MNIST", True, 1),
    "folder": SourceInfo("folder", "Image folder (one sub-folder per class)", False, 3, needs_path=True),
}


OPTIMIZERS = ("adam", "sgd")
SCHEDULES = ("none", "cosine", "onecycle")
PRECISIONS = ("auto", "fp32", "bf16", "fp16")


class ConfigError(ValueError):
    """A setting out of range, with a one-line message."""


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
    seed: int = 0
    device: str = "cpu"
    precision: str = "auto"
    channels_last: bool = True
    limit_train: int | None = None
    limit_val: int | None = None
    val_fraction: float = 0.1
    num_threads: int | None = None

    def validate(self) -> None:
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError(f"optimizer must be one of {', '.join(OPTIMIZERS)}")
        if self.schedule not in SCHEDULES:
            raise ConfigError(f"schedule must be one of {', '.join(SCHEDULES)}")
        if self.precision not in PRECISIONS:
            raise ConfigError(f"precision must be one of {', '.join(PRECISIONS)}")
        if self.epochs < 1:
            raise ConfigError("epochs must be at least 1")
        if self.batch_size < 2:
            raise ConfigError("batch size must be at least 2 (BatchNorm needs two images to train)")
        if not (self.lr > 0 and math.isfinite(self.lr)):
            raise ConfigError("learning rate must be a positive number")
        if self.weight_decay < 0 or not (0 <= self.momentum < 1):
            raise ConfigError("weight decay must be >= 0 and momentum in [0, 1)")
        if not (0 <= self.val_fraction < 1):
            raise ConfigError("validation fraction must be in [0, 1)")
        from .model import smallest_input  # imports torch: only when a run is really configured

        smallest = smallest_input(1)
        if self.input_size < smallest:
            raise ConfigError(f"input size {self.input_size} is too small; the smallest that works is {smallest}")
        if self.num_threads is not None and self.num_threads < 1:
            raise ConfigError("thread count must be at least 1")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TrainConfig":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})
