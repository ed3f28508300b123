"""Checkpoints: the one module that knows the file's layout.

A `Checkpoint` is what a run saves and what everything else reads: the weights and what is
needed to use them (model config, class names, preprocessing), the training settings, the
run's position and history, and the state an exact resume needs. `to_payload()` and
`from_payload()` are the only code that knows the stored dict; `from_payload()` checks every
field before anything uses it, so a damaged or crafted file is refused with one line.

The stored dict holds tensors and plain Python values only (no classes), so it loads with
`torch.load(weights_only=True)`: a file that needs arbitrary unpickling is refused, never run.
Files are written by files.atomic_write: a temporary file, flushed to disk and renamed over the old one.

One piece: the file's layout is known in one place, its writer and its checks side by side.
"""
from __future__ import annotations

import errno
import math
import os
import pickle
import shutil
import warnings
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Callable

import torch

from .config import MAX_EPOCHS, ConfigError, TrainConfig
from .events import EpochEnd, Position
from .origin import Origin
from .resume_state import StateError, all_finite, check_optimizer, check_rng, check_scaler, check_scheduler, check_tensor
from ..common.files import FileRefused, atomic_link, atomic_write, open_regular
from ..common.messages import QT_TRANSLATE_NOOP, Message, message_of
from ..network.architecture import DEFAULT_LAYOUT, LAYOUTS
from ..network.model import ModelConfig, optimized_parameters, parameter_shapes, state_shapes
from ..network.ood import BLOCKS as OUTLIER_BLOCKS
from ..network.ood import LayerModel, OutlierModel
from ..common.text import error_line, printable
from ..data.transforms import Preprocess

FORMAT = "googlenet-studio-checkpoint"
# 2: epochs in the history counted from 1, resume state in its own table; 3: the network's layout, ImageNet's
# preprocessing (resize), where a run's first weights came from (origin), an outlier model fitted for the weights
FORMAT_VERSION = 3
MAX_CLASSES = 100_000
MAX_NAME_LENGTH = 255  # a class is a folder name: 255 bytes on every common file system
MAX_IMAGE_SIDE = 1024  # input and stored image sides a checkpoint may declare
BATCH_HISTORY_KEYS = ("step", "loss", "accuracy")
# What a checkpoint may claim, bounded before anything is allocated: one history record per epoch
# done (at most the settings' MAX_EPOCHS), one batch-history value per step done, and these.
MAX_BATCH_HISTORY = 4_000_000  # 100 epochs of ImageNet at a batch of 32; 96 MB of values in the file
MAX_HISTORY_CELLS = 10_000_000  # confusion-matrix counts over the whole history
FLOATS = (torch.float32, torch.float16, torch.bfloat16, torch.float64)


class CheckpointError(RuntimeError):
    """A checkpoint that cannot be written or used, with a one-line message."""


DAMAGED = QT_TRANSLATE_NOOP("Core", "{name}: damaged, truncated or not a checkpoint ({reason})")
NOT_OURS = QT_TRANSLATE_NOOP("Core", "{name}: not a GoogLeNet Studio checkpoint")


@dataclass
class ResumeState:
    """What an exact resume needs beyond the weights and the position."""

    optimizer: dict[str, Any]
    scheduler: dict[str, Any] | None
    scaler: dict[str, Any] | None
    permutation: torch.Tensor | None  # this epoch's shuffle; None between epochs
    rng: dict[str, Any]  # "data": the data generator's state, "torch": the global one, "cuda": per device
    epoch_sums: tuple[float, float, float] = (0.0, 0.0, 0.0)  # loss * n, correct, n of this epoch's batches
    epoch_time: float = 0.0  # seconds spent in this epoch so far


@dataclass
class Checkpoint:
    model_config: ModelConfig
    model_state: dict[str, torch.Tensor]
    class_names: list[str]
    preprocess: Preprocess
    train_config: TrainConfig | None = None
    position: Position = field(default_factory=Position)
    history: list[EpochEnd] = field(default_factory=list)
    batch_history: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in BATCH_HISTORY_KEYS})
    best_val_accuracy: float | None = None
    resume: ResumeState | None = None
    outliers: OutlierModel | None = None  # what "like the training data" means (core/network/ood.py), for these weights
    origin: Origin | None = None  # where the run's first weights came from (None: random weights)

    def to_payload(self) -> dict[str, Any]:
        resume = self.resume
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "model_config": {"in_channels": self.model_config.in_channels, "num_classes": self.model_config.num_classes,
                             "layout": self.model_config.layout},
            "model_state": {k: v.detach().cpu() for k, v in self.model_state.items()},
            "class_names": list(self.class_names),
            "preprocess": {"channels": self.preprocess.channels, "input_size": self.preprocess.input_size,
                           "stored_size": self.preprocess.stored_size, "mean": self.preprocess.mean,
                           "std": self.preprocess.std, "resize": self.preprocess.resize},
            "train_config": self.train_config.to_dict() if self.train_config else None,
            "position": {"epochs_done": self.position.epochs_done, "batches_done": self.position.batches_done,
                         "steps_per_epoch": self.position.steps_per_epoch},
            "history": [h.to_dict() for h in self.history],
            # the newest MAX_BATCH_HISTORY batches at most: what the reader accepts
            "batch_history": {k: torch.tensor(self.batch_history.get(k, [])[-MAX_BATCH_HISTORY:], dtype=torch.float64)
                              for k in BATCH_HISTORY_KEYS},
            "best_val_accuracy": self.best_val_accuracy,
            "origin": None if self.origin is None else self.origin.to_dict(),
            "outliers": None if self.outliers is None else {
                "layers": {name: {"means": layer.means, "precision": layer.precision, "threshold": layer.threshold}
                           for name, layer in self.outliers.layers.items()},
                "threshold": self.outliers.threshold,
                "false_positive_rate": self.outliers.false_positive_rate,
                "fitted_on": self.outliers.fitted_on,
            },
            "resume": None if resume is None else {
                "optimizer": _to_cpu(resume.optimizer),
                "scheduler": resume.scheduler,
                "scaler": resume.scaler,
                "permutation": resume.permutation,
                "rng": resume.rng,
                "epoch_sums": [float(v) for v in resume.epoch_sums],
                "epoch_time": float(resume.epoch_time),
            },
        }

    @classmethod
    def from_payload(cls, data: Any, name: str = "checkpoint") -> "Checkpoint":
        """Check every field, then build the Checkpoint; CheckpointError names the first problem."""
        return _Reader(name).checkpoint(data)

    def describe(self, name: str) -> str:
        """'best.pt (after epoch 3)'; a file of weights alone (an export) is just its name."""
        if not self.position.step:
            return name
        return Message(QT_TRANSLATE_NOOP("Core", "{name} ({position})"), name=name, position=self.position.describe())


# ---------------------------------------------------------------- files


def save_checkpoint(checkpoint: Checkpoint, path: str | os.PathLike) -> Path:
    """Write to a temporary file in the same folder, fsync, then rename over `path`.

    A crash or a full disk at any moment leaves either the old file or the new one, never
    a mix; on failure the temporary file is removed and the old checkpoint is untouched.
    """
    payload = checkpoint.to_payload()
    return _atomic_write(Path(path), lambda f: torch.save(payload, f))


def copy_checkpoint(src: str | os.PathLike, dst: str | os.PathLike) -> Path:
    """The checkpoint `src` under a second name (last.pt -> best.pt): the same file where the file
    system allows (a hard link: one checkpoint's bytes on the disk, not two), else a copy; either
    way written whole or not at all. Checkpoints are only ever replaced whole, so a later last.pt
    leaves best.pt as it was."""
    src, dst = Path(src), Path(dst)
    try:
        if dst.exists() and os.path.samefile(src, dst):
            return dst
        if atomic_link(src, dst):
            return dst
    except OSError as exc:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "cannot save {file}: {reason}; the previous checkpoint is kept"),
                                      file=dst.name, reason=exc.strerror or str(exc))) from None

    def copy(out: BinaryIO) -> None:
        with open_regular(src) as inp:
            shutil.copyfileobj(inp, out, 1 << 20)

    return _atomic_write(Path(dst), copy, (Path(src),))


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read and check a checkpoint file. Raises CheckpointError with a one-line reason."""
    path = Path(path)
    return Checkpoint.from_payload(read_payload(path), printable(path.name, 100))


def read_payload(path: Path) -> Any:
    """The stored object, loaded with weights_only=True (never runs code); not yet checked."""
    name = printable(path.name, 100)
    if path.is_dir():
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: is a folder, not a checkpoint"), name=name))
    try:
        f = open_regular(path)
    except FileNotFoundError:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: file not found"), name=name)) from None
    except FileRefused as exc:
        raise CheckpointError(exc.strerror) from None
    except OSError as exc:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: cannot open ({reason})"), name=name,
                                      reason=exc.strerror or error_line(exc, 100))) from None
    with f:
        return _load(f, name)


def _load(f: BinaryIO, name: str) -> Any:
    if os.fstat(f.fileno()).st_size == 0:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: the file is empty"), name=name))
    magic = f.read(4)
    f.seek(0)
    if magic != b"PK\x03\x04" and not magic.startswith(b"\x80"):  # torch's zip format, or a bare pickle
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: not a checkpoint (unknown file format)"), name=name))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # torch's note about pickle protocols in foreign files
            return torch.load(f, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        if "weights only load failed" in str(exc).lower():
            raise CheckpointError(Message(
                QT_TRANSLATE_NOOP("Core", "{name}: refused: not a plain checkpoint; loading it would need Python's unsafe "
                                          "pickle loader, which can run code"), name=name)) from None
        raise CheckpointError(Message(DAMAGED, name=name, reason=error_line(exc, 100))) from None
    except (RuntimeError, EOFError, zipfile.BadZipFile, ValueError, OSError, KeyError, IndexError, TypeError,
            AttributeError, UnicodeDecodeError, MemoryError, RecursionError) as exc:
        raise CheckpointError(Message(DAMAGED, name=name, reason=error_line(exc, 100))) from None


def state_dict_problem(exc: BaseException) -> str:
    """The first useful line of a failed load_state_dict ("size mismatch for classifier.1.weight: ..."),
    not its header line "Error(s) in loading state_dict for GoogLeNet:"."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Error(s) in loading state_dict"):
        lines = lines[1:]
    return printable(lines[0], 200) if lines else type(exc).__name__


# ---------------------------------------------------------------- checking every field


class _Reader:
    """Builds a Checkpoint from a loaded payload, checking each field's type, size and range.

    Values are only inspected by type before use: a crafted file's nested lists or shared
    references are refused, never printed, copied or walked."""

    def __init__(self, name: str):
        self.name = name

    def fail(self, problem: str) -> CheckpointError:
        return CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: damaged checkpoint ({problem})"), name=self.name,
                                       problem=problem))

    def checkpoint(self, data: Any) -> Checkpoint:
        name = self.name
        if not isinstance(data, dict):
            raise CheckpointError(Message(NOT_OURS, name=name))
        if not (isinstance(data.get("format"), str) and data["format"] == FORMAT):
            if data and all(isinstance(v, torch.Tensor) for v in data.values()):
                raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: a bare state_dict, not a GoogLeNet Studio "
                                                                        "checkpoint (no classes or settings)"), name=name))
            raise CheckpointError(Message(NOT_OURS, name=name))
        version = data.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "its format version is not a whole number")))
        if version > FORMAT_VERSION:
            raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: made by a newer version of the app (format "
                                                                    "{version}); this one reads formats up to {newest}"),
                                          name=name, version=version, newest=FORMAT_VERSION))
        for key in ("model_config", "model_state", "class_names", "preprocess"):
            if key not in data:
                raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: incomplete checkpoint (no {key})"), name=name, key=key))
        if version == 1:
            data = _from_version_1(data)
        if version <= 2:
            data = _from_version_2(data)

        config = self.model_config(data["model_config"])
        class_names = self.class_names(data["class_names"], config.num_classes)
        preprocess = self.preprocess(data["preprocess"], config)
        model_state = self.model_state(data["model_state"], config)
        position = self.position(data.get("position"))
        train_config = self.train_config(data.get("train_config"))
        return Checkpoint(
            model_config=config,
            model_state=model_state,
            class_names=class_names,
            preprocess=preprocess,
            train_config=train_config,
            position=position,
            history=self.history(data.get("history"), config.num_classes, position),
            batch_history=self.batch_history(data.get("batch_history"), position),
            best_val_accuracy=self.optional_fraction(data.get("best_val_accuracy"),
                                                     QT_TRANSLATE_NOOP("Core", "best validation accuracy")),
            outliers=self.outliers(data.get("outliers"), config),
            resume=self.resume(data.get("resume"), config, train_config, position),
            origin=self.origin(data.get("origin")),
        )

    # -------------------------------------------------------- plain values

    def integer(self, value: Any, what: str, low: int, high: int) -> int:
        what = _noun(what)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "{what} is not a whole number"), what=what))
        if not low <= value <= high:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "{what} is {value}, outside {low}..{high}"), what=what, value=value,
                                           low=low, high=high))
        return value

    def number(self, value: Any, what: str, low: float = -math.inf, high: float = math.inf) -> float:
        what = _noun(what)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "{what} is not a finite number"), what=what))
        if not low <= value <= high:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "{what} is outside {low:g}..{high:g}"), what=what, low=low,
                                           high=high))
        return float(value)

    def optional_fraction(self, value: Any, what: str) -> float | None:
        return None if value is None else self.number(value, what, 0.0, 1.0)

    def table(self, value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "its {what} is not a table of settings"), what=_noun(what)))
        return value

    # -------------------------------------------------------- fields

    def model_config(self, value: Any) -> ModelConfig:
        d = self.table(value, "model_config")
        channels = d.get("in_channels")
        if isinstance(channels, bool) or not isinstance(channels, int) or channels not in (1, 3):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the network must take 1 (grayscale) or 3 (colour) input channels")))
        layout = d.get("layout", DEFAULT_LAYOUT)
        if not isinstance(layout, str) or layout not in LAYOUTS:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the network's layout is not one this app knows ({choices})"),
                                    choices=", ".join(LAYOUTS)))
        return ModelConfig(channels, self.integer(d.get("num_classes"), QT_TRANSLATE_NOOP("Core", "the number of classes"), 2, MAX_CLASSES),
                           layout)

    def class_names(self, value: Any, count: int) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "class_names is not a list")))
        if len(value) != count:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "{names} class names for a network of {count} classes"),
                                           names=len(value), count=count))
        for i, name in enumerate(value):
            if not isinstance(name, str):
                raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "class name {number} is not text"), number=i + 1))
            if not 0 < len(name) <= MAX_NAME_LENGTH:
                raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "class name {number} is empty or longer than {most} characters"),
                                               number=i + 1, most=MAX_NAME_LENGTH))
        return list(value)

    def preprocess(self, value: Any, config: ModelConfig) -> Preprocess:
        from ..network.shapes import smallest_input

        channels = config.in_channels
        d = self.table(value, "preprocess")
        if self.integer(d.get("channels"), QT_TRANSLATE_NOOP("Core", "the preprocessing's channels"), 1, 3) != channels:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the preprocessing's channels differ from the network's")))
        smallest = smallest_input(channels, config.layout)
        input_size = self.integer(d.get("input_size"), QT_TRANSLATE_NOOP("Core", "the input size"), smallest, MAX_IMAGE_SIDE)
        stored_size = self.integer(d.get("stored_size"), QT_TRANSLATE_NOOP("Core", "the stored image size"), 1, MAX_IMAGE_SIDE)
        mean = self.number(d.get("mean", 0.5), QT_TRANSLATE_NOOP("Core", "the normalisation mean"), 0.0, 1.0)
        std = self.number(d.get("std", 0.5), QT_TRANSLATE_NOOP("Core", "the normalisation std"), 1e-3, 10.0)
        resize = d.get("resize")
        if resize is not None:  # ImageNet's way: the shorter side to `resize`, then the centre stored_size square
            resize = self.integer(resize, QT_TRANSLATE_NOOP("Core", "the resize before the centre crop"), stored_size,
                                  MAX_IMAGE_SIDE)
        return Preprocess(channels, input_size, stored_size, mean, std, resize)

    def model_state(self, value: Any, config: ModelConfig) -> dict[str, torch.Tensor]:
        if not isinstance(value, dict):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "model_state is not a table of tensors")))
        expected = state_shapes(config)
        missing = [k for k in expected if k not in value]
        unexpected = [k for k in value if k not in expected]
        if missing or unexpected:
            key = missing[0] if missing else unexpected[0]
            template = (QT_TRANSLATE_NOOP("Core", "{name}: its weights do not fit the network it describes (missing "
                                                  "tensor {key})") if missing else
                        QT_TRANSLATE_NOOP("Core", "{name}: its weights do not fit the network it describes (unexpected "
                                                  "tensor {key})"))
            raise CheckpointError(Message(template, name=self.name, key=printable(str(key), 80)))
        for key, shape in expected.items():
            tensor = value[key]
            if not isinstance(tensor, torch.Tensor) or tuple(tensor.shape) != shape:
                got = tuple(tensor.shape) if isinstance(tensor, torch.Tensor) else type(tensor).__name__
                raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: its weights do not fit the network it "
                                                                        "describes (size mismatch for {key}: {got} instead "
                                                                        "of {shape})"),
                                              name=self.name, key=key, got=got, shape=shape))
            whole = key.endswith("num_batches_tracked")
            self.tensor(tensor, key, dtypes=(torch.int64,) if whole else FLOATS)
            if not whole and not all_finite(tensor):
                raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: its weights hold NaN or infinite values "
                                                                        "({key}); the run that made it had diverged"),
                                              name=self.name, key=key))
        return dict(value)

    def tensor(self, value: Any, what: Any, shape: tuple[int, ...] | None = None,
               dtypes: tuple[torch.dtype, ...] | None = None, finite: bool = False) -> torch.Tensor:
        try:
            return check_tensor(value, what, shape, dtypes, finite)
        except StateError as exc:
            raise self.fail(message_of(exc)) from None

    def position(self, value: Any) -> Position:
        if value is None:
            return Position()
        d = self.table(value, "position")
        per_epoch = self.integer(d.get("steps_per_epoch"), QT_TRANSLATE_NOOP("Core", "steps per epoch"), 1, 10**9)
        return Position(self.integer(d.get("epochs_done"), QT_TRANSLATE_NOOP("Core", "epochs done"), 0, MAX_EPOCHS),
                        self.integer(d.get("batches_done"), QT_TRANSLATE_NOOP("Core", "batches done"), 0, per_epoch), per_epoch)

    def train_config(self, value: Any) -> TrainConfig | None:
        if value is None:
            return None
        d = self.table(value, "train_config")
        try:
            config = TrainConfig.from_dict(d)
            config.validate()
        except (ConfigError, TypeError, ValueError) as exc:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "its training settings: {problem}"),
                                    problem=error_line(exc, 120))) from None
        return config

    def history(self, value: Any, num_classes: int, position: Position) -> list[EpochEnd]:
        """One record per epoch done, at most: counted before any record is read."""
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the history is not a list of epochs")))
        if len(value) > position.epochs_done:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the history holds {count:,} epochs, more than the {done:,} "
                                                              "done"), count=len(value), done=position.epochs_done))
        seen: set[int] = set()  # a confusion matrix's lists, each read once (events.check_confusion)
        cells = 0
        history = []
        try:
            for record in value:
                history.append(EpochEnd.from_dict(record, seen))
                confusion = history[-1].confusion
                cells += len(confusion) ** 2 if confusion is not None else 0
                if cells > MAX_HISTORY_CELLS:
                    raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the history's confusion matrices hold more than "
                                                                      "{most:,} counts"), most=MAX_HISTORY_CELLS))
        except ValueError as exc:
            raise self.fail(message_of(exc)) from None
        for h in history:
            if h.confusion is not None and len(h.confusion) != num_classes:
                raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "epoch {epoch}'s confusion matrix is not {n} x {n}"),
                                               epoch=h.epoch, n=num_classes))
        return history

    def batch_history(self, value: Any, position: Position) -> dict[str, list[float]]:
        """One value per step done, at most (and at most MAX_BATCH_HISTORY): the columns' sizes and
        stored bytes are checked before any value is read."""
        if value is None:
            return {k: [] for k in BATCH_HISTORY_KEYS}
        d = self.table(value, QT_TRANSLATE_NOOP("Core", "batch history"))
        most = min(position.step, MAX_BATCH_HISTORY)
        columns = {}
        for key in BATCH_HISTORY_KEYS:
            column = d.get(key)
            if column is None:
                column = torch.zeros(0)
            if not isinstance(column, torch.Tensor) or column.dim() != 1 or not column.is_floating_point():
                raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the batch history's {key} is not a column of numbers"), key=key))
            if len(column) > most:
                raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the batch history's {key} holds {count:,} values, more "
                                                                  "than the {most:,} steps done"),
                                        key=key, count=len(column), most=most))
            columns[key] = self.tensor(column, Message(QT_TRANSLATE_NOOP("Core", "the batch history's {key}"), key=key)).tolist()
        if len({len(c) for c in columns.values()}) != 1:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the batch history's columns differ in length")))
        return columns

    def outliers(self, value: Any, config: ModelConfig) -> OutlierModel | None:
        if value is None:
            return None
        d = self.table(value, QT_TRANSLATE_NOOP("Core", "outlier model"))
        layers_table = self.table(d.get("layers"), QT_TRANSLATE_NOOP("Core", "outlier model's layers"))
        if set(layers_table) != set(OUTLIER_BLOCKS):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the outlier model's layers are not the network's")))
        layers = {}
        for name in OUTLIER_BLOCKS:
            layer = self.table(layers_table[name], Message(QT_TRANSLATE_NOOP("Core", "outlier model's {block}"), block=name))
            width = _block_channels()[name]
            means, precision = layer.get("means"), layer.get("precision")
            for what, tensor, shape in (("means", means, (config.num_classes, width)),
                                        ("precision", precision, (width, width))):
                if not isinstance(tensor, torch.Tensor) or tensor.layout != torch.strided or \
                        tensor.dtype != torch.float32 or tuple(tensor.shape) != shape:
                    raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the outlier model's {block} {what} is not a {shape} float tensor"),
                                                   block=name, what=what, shape=shape))
                self.tensor(tensor, f"outliers.{name}.{what}")
                if not all_finite(tensor):
                    raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the outlier model's {block} {what} holds NaN or infinite values"),
                                                   block=name, what=what))
            threshold = self.number(layer.get("threshold"), QT_TRANSLATE_NOOP("Core", "a threshold"), 1e-12)
            layers[name] = LayerModel(means, precision, threshold)
        return OutlierModel(layers, self.number(d.get("threshold"), QT_TRANSLATE_NOOP("Core", "the outlier threshold"), 1e-12),
                            self.number(d.get("false_positive_rate"), QT_TRANSLATE_NOOP("Core", "a false positive rate"), 0.0, 1.0),
                            self.integer(d.get("fitted_on"), QT_TRANSLATE_NOOP("Core", "the images fitted on"), 1, 10**9))

    def origin(self, value: Any) -> Origin | None:
        if value is None:
            return None
        try:
            return Origin.from_dict(value)
        except ValueError as exc:
            raise self.fail(message_of(exc)) from None

    @staticmethod
    def optimized_shapes(config: ModelConfig, train: TrainConfig | None) -> list[tuple[int, ...]]:
        """The shapes of the parameters the run's optimizer trains, in its order (a run from other weights
        trains some of them, in two groups: network/model.optimized_parameters)."""
        if train is None:
            return parameter_shapes(config)
        shapes = state_shapes(config)
        return [tuple(shapes[name]) for name in optimized_parameters(config, train.train_layers, train.init is not None)]

    def resume(self, value: Any, config: ModelConfig, train: TrainConfig | None, position: Position) -> ResumeState | None:
        """The state an exact resume needs, each part checked against the network's parameters and
        the run's settings (core/runs/resume_state.py) before anything uses it."""
        if value is None:
            return None
        d = self.table(value, QT_TRANSLATE_NOOP("Core", "resume state"))
        kind = None if train is None else train.optimizer
        try:
            optimizer = check_optimizer(d.get("optimizer"), self.optimized_shapes(config, train), kind)
            scheduler = check_scheduler(d.get("scheduler"), None if train is None else train.schedule,
                                        len(optimizer["param_groups"]), position.step)
            scaler = check_scaler(d.get("scaler"))
            rng = check_rng(d.get("rng"))
        except StateError as exc:
            raise self.fail(message_of(exc)) from None
        permutation = d.get("permutation")
        if permutation is not None and (not isinstance(permutation, torch.Tensor) or permutation.dim() != 1
                                        or permutation.dtype != torch.int64):
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the stored shuffle is not a list of image indices")))
        if permutation is not None:
            self.tensor(permutation, "permutation")
        sums = d.get("epoch_sums", [0.0, 0.0, 0.0])
        if not isinstance(sums, list) or len(sums) != 3:
            raise self.fail(Message(QT_TRANSLATE_NOOP("Core", "the epoch's partial sums are not three numbers")))
        epoch_sums = tuple(self.number(v, QT_TRANSLATE_NOOP("Core", "a partial sum"), 0.0) for v in sums)
        epoch_time = self.number(d.get("epoch_time", 0.0), QT_TRANSLATE_NOOP("Core", "the epoch's time so far"), 0.0)
        return ResumeState(optimizer, scheduler, scaler, permutation, rng, epoch_sums, epoch_time)


def _noun(what: str) -> Message:
    """What a check names (QT_TRANSLATE_NOOP-marked, or a field's own name), said in the window's language too."""
    return what if isinstance(what, Message) else Message(what)


@lru_cache(maxsize=1)
def _block_channels() -> dict[str, int]:
    """Each block's output channels (the width of its pooled features), from the layer table."""
    from ..network.shapes import inspect_shapes

    return {block.name: block.output[0] for block in inspect_shapes(1, 96, 96, 2).blocks}


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 (the first release) in format 2's layout: its epochs were counted from 0, its
    position said epoch/batch, and the resume state lay at the top level."""
    out = dict(data)
    position = data.get("position")
    if isinstance(position, dict):
        out["position"] = {"epochs_done": position.get("epoch"), "batches_done": position.get("batch"),
                           "steps_per_epoch": position.get("steps_per_epoch")}
    history = data.get("history")
    if isinstance(history, list):
        out["history"] = [{**h, "epoch": h.get("epoch") + 1} if isinstance(h, dict) and isinstance(h.get("epoch"), int)
                          else h for h in history]
    if "optimizer_state" in data:
        out["resume"] = {
            "optimizer": data.get("optimizer_state"),
            "scheduler": data.get("scheduler_state"),
            "scaler": data.get("scaler_state"),
            "permutation": data.get("permutation"),
            "rng": data.get("rng"),
            "epoch_sums": position.get("epoch_sums", [0.0, 0.0, 0.0]) if isinstance(position, dict) else None,
            "epoch_time": position.get("epoch_time", 0.0) if isinstance(position, dict) else None,
        }
    return out


def _from_version_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 in format 3's layout: its network was the tutorial's and its preprocessing the app's
    own (the reader's defaults), and a file saved within an epoch (a Stop, a kill, a long epoch's
    save) held the outlier model fitted at the end of the epoch before, for other weights: it is
    left out, so those weights carry no flag rather than a wrong one."""
    position = data.get("position")
    if isinstance(position, dict) and position.get("batches_done"):
        return {**data, "outliers": None}
    return data


def _to_cpu(obj: Any) -> Any:
    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu()
    if isinstance(obj, dict):
        return {k: _to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_cpu(v) for v in obj)
    return obj


# ---------------------------------------------------------------- writes


def _atomic_write(path: Path, write: Callable[[BinaryIO], None], inputs: tuple[Path, ...] = ()) -> Path:
    """files.atomic_write, its failures said as a checkpoint's."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return atomic_write(path, write, inputs)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise CheckpointError(Message(
                QT_TRANSLATE_NOOP("Core", "disk full while saving {file} in {folder}; the previous checkpoint is kept"),
                file=path.name, folder=path.parent)) from None
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "cannot save {file}: {reason}; the previous checkpoint is kept"),
                                      file=path.name, reason=exc.strerror or str(exc))) from None
