"""What a training run reports, as plain dataclasses: the engine yields them, the CLI prints
them, the window shows them, metrics.jsonl and checkpoints store them.

Epochs and batches a person sees are counted from 1: `BatchEnd.epoch == 1` is the first
epoch. A run's place is a Position, which counts what is done (0 before the first batch).
Plain Python only, so the window can import this before PyTorch has loaded.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Position:
    """Where a run is: whole epochs done, and batches done in the epoch under way."""

    epochs_done: int = 0
    batches_done: int = 0
    steps_per_epoch: int = 1

    @property
    def step(self) -> int:
        return self.epochs_done * self.steps_per_epoch + self.batches_done

    def describe(self) -> str:
        """'before training', 'after epoch 3' or 'epoch 4, batch 17 of 50'."""
        if self.batches_done:
            return f"epoch {self.epochs_done + 1}, batch {self.batches_done} of {self.steps_per_epoch}"
        return f"after epoch {self.epochs_done}" if self.epochs_done else "before training"


@dataclass
class EpochEnd:
    epoch: int  # the epoch that ended, from 1
    train_loss: float
    train_accuracy: float
    val_loss: float | None  # None: no validation set
    val_accuracy: float | None
    time: float  # seconds of training and validation in this epoch
    lr: float
    step: int  # global steps done at the end of this epoch

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: Any) -> "EpochEnd":
        """From a stored record; ValueError names what is wrong with a damaged one."""
        if not isinstance(d, dict):
            raise ValueError("an epoch record is not a table of values")
        values = {}
        for f in dataclasses.fields(cls):
            value = d.get(f.name)
            optional = f.name in ("val_loss", "val_accuracy")
            if value is None and optional:
                values[f.name] = None
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"an epoch record's {f.name} is missing or not a number")
            if f.name in ("epoch", "step"):
                if not isinstance(value, int) or value < 0:
                    raise ValueError(f"an epoch record's {f.name} is not a whole number >= 0")
            elif not math.isfinite(value):
                raise ValueError(f"an epoch record's {f.name} is not finite")
            values[f.name] = value
        return cls(**values)


@dataclass
class RunStarted:
    config: dict[str, Any]
    device: str
    precision: str
    train_size: int
    val_size: int
    class_names: list[str]
    channels: int
    steps_per_epoch: int
    total_steps: int
    position: Position  # where the run starts: Position() for a new run, the checkpoint's on resume
    history: list[EpochEnd]  # earlier epochs (resume)
    batch_history: dict[str, list[float]]  # step/loss/accuracy of earlier batches (resume)
    run_dir: str | None
    notes: list[str] = field(default_factory=list)

    @property
    def epochs(self) -> int:
        return int(self.config["epochs"])


@dataclass
class BatchEnd:
    epoch: int  # from 1
    batch: int  # from 1, within the epoch
    batches: int  # per epoch
    step: int  # from 1, global
    total_steps: int
    loss: float
    accuracy: float
    lr: float
    images_per_sec: float


@dataclass
class CheckpointSaved:
    path: str
    kind: str  # "last" or "best"
    position: Position


@dataclass
class Status:
    message: str
    done: int = 0
    total: int = 0


@dataclass
class Paused:
    """The run has stopped between batches at a pause request and waits to be unpaused."""

    position: Position


@dataclass
class Finished:
    epochs: int
    best_val_accuracy: float | None
    last_checkpoint: str | None
    best_checkpoint: str | None
    elapsed: float


@dataclass
class Stopped:
    position: Position
    checkpoint: str | None

    @property
    def step(self) -> int:
        return self.position.step


@dataclass
class Failed:
    message: str


Event = RunStarted | BatchEnd | EpochEnd | CheckpointSaved | Status | Paused | Finished | Stopped | Failed
TERMINAL = (Finished, Stopped, Failed)
