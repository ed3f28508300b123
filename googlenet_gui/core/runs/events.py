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

from ..common.messages import QT_TRANSLATE_NOOP, Message
from .branchlog import BranchSample  # issue 29: how each part learns, every N steps
from .origin import Origin

# A confusion matrix is stored with each epoch (metrics.jsonl, the checkpoint's history) for at
# most this many classes: 10,000 cells an epoch. Bigger ones are computed, shown and exported,
# never stored.
MAX_STORED_MATRIX = 100
MAX_COUNT = 10**12  # no validation set holds more images than this
# Steps, batches and epochs a stored record may count, and the largest value it may hold: what the
# window's progress bars and plots can show (a run of two billion steps is not one this app makes).
MAX_STEPS = 2**31 - 1
MAX_VALUE = 1e12


@dataclass(frozen=True)
class Position:
    """Where a run is: whole epochs done, and batches done in the epoch under way."""

    epochs_done: int = 0
    batches_done: int = 0
    steps_per_epoch: int = 1

    @property
    def step(self) -> int:
        return self.epochs_done * self.steps_per_epoch + self.batches_done

    def where(self) -> str:
        """For a sentence: 'before training', 'after epoch 3' or 'at epoch 4, batch 17 of 50'."""
        text = self.describe()
        return Message(QT_TRANSLATE_NOOP("Core", "at {position}"), position=text) if self.batches_done else text

    def describe(self) -> str:
        """'before training', 'after epoch 3' or 'epoch 4, batch 17 of 50'."""
        if self.batches_done:
            return Message(QT_TRANSLATE_NOOP("Core", "epoch {epoch}, batch {batch} of {batches}"), epoch=self.epochs_done + 1,
                           batch=self.batches_done, batches=self.steps_per_epoch)
        if self.epochs_done:
            return Message(QT_TRANSLATE_NOOP("Core", "after epoch {epoch}"), epoch=self.epochs_done)
        return Message(QT_TRANSLATE_NOOP("Core", "before training"))


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
    # top-5 validation accuracy (top-k for fewer than 5 classes: k = the number of classes)
    val_top5: float | None = None
    # the validation confusion matrix: rows the true class, columns the predicted one; None
    # without a validation set or above MAX_STORED_MATRIX classes
    confusion: list[list[int]] | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: Any, seen: set[int] | None = None) -> "EpochEnd":
        """From a stored record; ValueError names what is wrong with a damaged one.

        `seen`: ids of the lists already read from the same file. A crafted file can make one
        list stand for thousands (pickle's shared references); a matrix or row met twice is
        refused, so reading costs no more than the file's own size."""
        if not isinstance(d, dict):
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record is not a table of values")))
        values = {}
        for f in dataclasses.fields(cls):
            value = d.get(f.name)
            if f.name == "confusion":
                values[f.name] = None if value is None else check_confusion(value, seen if seen is not None else set())
                continue
            optional = f.name in ("val_loss", "val_accuracy", "val_top5")
            if value is None and optional:
                values[f.name] = None
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's {field} is missing or not a number"), field=f.name))
            if f.name in ("epoch", "step"):
                if not isinstance(value, int) or not 0 <= value <= MAX_STEPS:
                    raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's {field} is not a whole number "
                                                                      "from 0 to {most}"), field=f.name, most=MAX_STEPS))
            elif not math.isfinite(value) or abs(value) > MAX_VALUE:
                raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's {field} is not a finite number between "
                                                                  "-{most:g} and {most:g}"), field=f.name, most=MAX_VALUE))
            elif f.name in ("train_accuracy", "val_accuracy", "val_top5") and not 0 <= value <= 1:
                raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's {field} is not a fraction"),
                                         field=f.name))
            values[f.name] = value
        return cls(**values)


def check_confusion(value: Any, seen: set[int]) -> list[list[int]]:
    """A stored confusion matrix, checked by type and size before anything walks it: a square
    list of lists of counts, at most MAX_STORED_MATRIX classes; ValueError says what is wrong."""
    if not isinstance(value, list) or not 2 <= len(value) <= MAX_STORED_MATRIX:
        raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's confusion matrix is not a list of 2 to {most} rows"),
                                 most=MAX_STORED_MATRIX))
    n = len(value)
    for row in [value, *value]:
        if not isinstance(row, list):
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's confusion matrix has a row that is not a list")))
        if id(row) in seen:
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's confusion matrix repeats a list")))
        seen.add(id(row))
    for row in value:
        if len(row) != n:
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's confusion matrix is not square")))
        for count in row:
            if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
                raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "an epoch record's confusion matrix holds something other than "
                                                                  "counts")))
    return value


@dataclass
class EpochPredictions:
    """Every validation image's answer at the end of an epoch, in the validation set's order:
    the window lists a confusion-matrix cell's images from it. Reported, never stored (it grows
    with the validation set)."""

    epoch: int  # from 1
    labels: list[int]  # the true class of each image
    predicted: list[int]  # the top-1 class
    probability: list[float]  # the top-1 class's softmax probability


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
    origin: Origin | None = None  # where the run's first weights came from (None: random weights)

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
    """Work under way ("loading data", "validating"): the window says it as "Loading data…"."""

    message: str
    done: int = 0
    total: int = 0


@dataclass
class Note:
    """News about the run that is not work under way (fewer threads beside a busy CPU, a deleted run
    folder made again): the window shows it as it is, the CLI prints it as `note:`."""

    message: str


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


Event = (RunStarted | BatchEnd | EpochEnd | EpochPredictions | CheckpointSaved | Status | Note | Paused | Finished | Stopped
         | Failed | BranchSample)
TERMINAL = (Finished, Stopped, Failed)
