"""The training loop: one engine for the CLI and the GUI.

`Trainer.run()` is a generator of events (run started, batch end, epoch end, checkpoint
saved, finished, stopped, failed). The caller iterates it on whatever thread it likes; stop
and pause are thread-safe flags checked between batches, and `snapshot()` gives an eval-mode
copy of the current weights from any thread, taken between optimizer steps.

Speed: the dataset lives on the training device as one uint8 tensor; each batch is indexed,
augmented, resized and normalised there as whole-batch ops; channels_last and autocast (bf16
on CPUs with native bf16, bf16/fp16 on CUDA) are on by default; loss and accuracy are kept on
the device and read back at most every `report_interval` seconds, never with a per-step sync.
"""
from __future__ import annotations

import dataclasses
import errno
import json
import math
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import torch
import torch.nn.functional as F

from .checkpoint import CheckpointError, copy_checkpoint, load_checkpoint, save_checkpoint, state_dict_problem
from .config import OPTIMIZERS, PRECISIONS, SCHEDULES, ConfigError, TrainConfig  # noqa: F401 (re-exported)
from .data import DataError, Dataset, load_dataset
from .devices import DeviceError, cpu_has_fast_bf16, resolve_device
from .download import Cancelled, DownloadError
from .model import GoogLeNet, ModelConfig
from .predict import Preprocess, Predictor
from .transforms import augment, augment_padding, to_model_input

# ---------------------------------------------------------------- events


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
    start_epoch: int  # 0-based epoch the run starts (or resumes) in
    start_step: int  # global steps already done (resume)
    history: list[dict[str, Any]]  # per-epoch metrics of earlier epochs (resume)
    batch_history: dict[str, list[float]]  # per-batch step/loss/accuracy of earlier batches (resume)
    run_dir: str | None
    notes: list[str] = field(default_factory=list)


@dataclass
class BatchEnd:
    epoch: int  # 0-based
    batch: int  # 1-based within the epoch
    batches: int  # per epoch
    step: int  # 1-based global step
    total_steps: int
    loss: float
    accuracy: float
    lr: float
    images_per_sec: float


@dataclass
class EpochEnd:
    epoch: int
    train_loss: float
    train_accuracy: float
    val_loss: float | None
    val_accuracy: float | None
    time: float  # seconds of training and validation in this epoch
    lr: float
    step: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class CheckpointSaved:
    path: str
    kind: str  # "last" or "best"
    epoch: int


@dataclass
class Status:
    message: str
    done: int = 0
    total: int = 0


@dataclass
class Finished:
    epochs: int
    best_val_accuracy: float | None
    last_checkpoint: str | None
    best_checkpoint: str | None
    elapsed: float


@dataclass
class Stopped:
    epoch: int
    step: int
    checkpoint: str | None


@dataclass
class Failed:
    message: str
    epoch: int | None = None
    batch: int | None = None


Event = RunStarted | BatchEnd | EpochEnd | CheckpointSaved | Status | Finished | Stopped | Failed


class TrainingFault(RuntimeError):
    """Training cannot go on (NaN loss, out of memory); the message says where and why."""


# ---------------------------------------------------------------- the trainer


def _precision_for(device: torch.device, requested: str) -> str:
    if requested != "auto":
        return requested
    if device.type == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    if device.type == "cpu" and cpu_has_fast_bf16():
        return "bf16"
    return "fp32"


def _make_optimizer(model: torch.nn.Module, config: TrainConfig, device: torch.device) -> torch.optim.Optimizer:
    if config.optimizer == "sgd":
        return torch.optim.SGD(model.parameters(), lr=config.lr, momentum=config.momentum,
                               weight_decay=config.weight_decay, nesterov=config.momentum > 0)
    # One fused kernel for all parameters instead of a dozen ops per tensor (~5% of a CPU step).
    fused = device.type in ("cpu", "cuda")
    if config.weight_decay:
        return torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay, fused=fused)
    return torch.optim.Adam(model.parameters(), lr=config.lr, fused=fused)


def _make_scheduler(optimizer: torch.optim.Optimizer, config: TrainConfig, total_steps: int):
    if config.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, total_steps))
    if config.schedule == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=config.lr, total_steps=max(1, total_steps),
                                                   pct_start=0.25)
    return None


def _rng_state(generator: torch.Generator) -> dict[str, Any]:
    state = {"data": generator.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


class Trainer:
    """Runs one training job. Create it, then iterate `run()`; control it from any thread."""

    def __init__(
        self,
        config: TrainConfig,
        run_dir: str | Path | None = None,
        resume_from: str | Path | None = None,
        dataset: Dataset | None = None,
        report_interval: float = 0.05,
        keep_checkpoints: bool = True,
    ):
        self.config = config
        self.run_dir = Path(run_dir) if run_dir else None
        self.resume_from = Path(resume_from) if resume_from else None
        self.report_interval = report_interval
        self.keep_checkpoints = keep_checkpoints and self.run_dir is not None
        self._dataset = dataset
        self._stop = threading.Event()
        self._running = threading.Event()  # cleared while paused
        self._running.set()
        self._lock = threading.Lock()  # held while the weights change
        self._model: GoogLeNet | None = None
        self._weights_version = 0
        self._snapshot: Predictor | None = None
        self._snapshot_version = -1
        self._class_names: list[str] = []
        self._preprocess: Preprocess | None = None

    # ------------------------------------------------------------ control, from any thread

    def request_stop(self) -> None:
        self._stop.set()
        self._running.set()  # a paused run must wake up to stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def snapshot(self) -> Predictor | None:
        """An eval-mode CPU copy of the current weights, taken between optimizer steps.

        The live model (and its BatchNorm statistics) is never touched; the copy is reused
        until the weights change again. None before the model exists.
        """
        with self._lock:
            if self._model is None or self._preprocess is None:
                return None
            if self._snapshot is not None and self._snapshot_version == self._weights_version:
                return self._snapshot
            version = self._weights_version
            state = {k: v.detach().to("cpu", copy=True) for k, v in self._model.state_dict().items()}
        state = {k: (v.float() if v.is_floating_point() else v).contiguous() for k, v in state.items()}
        predictor = Predictor.from_state(self._model.config, state, self._class_names, self._preprocess,
                                         trained=version > 0, description=f"live weights (step {version})")
        self._snapshot, self._snapshot_version = predictor, version
        return predictor

    # ------------------------------------------------------------ the loop

    def run(self) -> Iterator[Event]:
        """Train, yielding events. Never raises for user-caused problems: they end in Failed."""
        state = _RunState()
        try:
            yield from self._run(state)
        except (DataError, DeviceError, CheckpointError, ConfigError, DownloadError, TrainingFault) as exc:
            yield Failed(str(exc), state.epoch, state.batch)
        except Cancelled:
            yield Stopped(state.epoch or 0, state.step, None)
        except torch.cuda.OutOfMemoryError:
            yield Failed(self._oom_message("GPU", state), state.epoch, state.batch)
        except MemoryError:
            yield Failed(self._oom_message("CPU", state), state.epoch, state.batch)
        except RuntimeError as exc:
            text = str(exc)
            lower = text.lower()
            # the CPU allocator says "can't allocate memory" (Linux) or "not enough memory" (Windows);
            # CUDA, HIP and MPS say "out of memory"
            cpu = "defaultcpuallocator" in lower or "can't allocate memory" in lower
            if cpu or "out of memory" in lower or "not enough memory" in lower:
                yield Failed(self._oom_message("CPU" if cpu else "GPU", state), state.epoch, state.batch)
            else:
                traceback.print_exc()
                yield Failed(f"training failed: {_one_line(text)}", state.epoch, state.batch)
        except OSError as exc:  # the run folder cannot be written: a full disk, a read-only or vanished folder
            yield Failed(self._os_error_message(exc, state), state.epoch, state.batch)
        except Exception as exc:  # the last line of defence: the app must stay up
            traceback.print_exc()
            yield Failed(f"unexpected error: {type(exc).__name__}: {_one_line(str(exc))}", state.epoch, state.batch)
        finally:
            if state.metrics is not None:
                try:
                    state.metrics.close()
                except OSError:  # closing flushes what a full disk refused; the Failed event says so
                    pass
            if torch.cuda.is_available():
                torch.cuda.empty_cache()

    def _oom_message(self, where: str, state: "_RunState") -> str:
        kept = " The last good checkpoint is kept." if state.saved_any else ""
        at = "before training started" if state.epoch is None else \
            f"at epoch {state.epoch + 1}, batch {state.batch or 0}"
        return (f"out of {where} memory {at} "
                f"(batch size {self.config.batch_size}, input {self.config.input_size}); "
                f"try a smaller batch size or input size.{kept}")

    def _os_error_message(self, exc: OSError, state: "_RunState") -> str:
        where = exc.filename or self.run_dir or "the run folder"
        what = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or type(exc).__name__)
        kept = " The last good checkpoint is kept." if state.saved_any else ""
        return f"cannot write to {where}: {what}.{kept}"

    def _run(self, state: "_RunState") -> Iterator[Event]:
        config = self.config
        resume = load_checkpoint(self.resume_from) if self.resume_from else None
        if resume is not None:
            config = self.config = _resumed_config(resume, config)
        config.validate()
        device = resolve_device(config.device)
        if config.num_threads:
            torch.set_num_threads(config.num_threads)

        yield Status("loading data")
        dataset = self._dataset or load_dataset(
            config.dataset, config.data_dir, config.input_size, config.val_fraction, config.seed,
            progress=None, cancel=self._stop)
        dataset = dataset.limited(config.limit_train, config.limit_val, config.seed)
        if len(dataset.train) < 2:
            raise DataError(f"{dataset.name}: needs at least two training images (found {len(dataset.train)})")
        if resume is not None:
            _check_resume_fits(resume, dataset, self.resume_from.name)
        self._class_names = list(dataset.class_names)
        self._preprocess = Preprocess(dataset.channels, config.input_size, dataset.stored_size)

        run = _Run(self, config, dataset, device, resume, state)
        with self._lock:
            self._model = run.model
            self._weights_version = run.step
        yield run.started_event()

        run_start = time.perf_counter()
        while run.epoch < config.epochs:
            state.epoch = run.epoch
            finished_batches = yield from run.train_epoch()
            if finished_batches:
                yield Status("validating")
                validation = run.evaluate()
            if not finished_batches or validation is None:  # stop requested
                saved = run.save("last")
                if saved:
                    yield saved
                run.metrics.write({"event": "stopped", "epoch": run.epoch, "step": run.step})
                yield Stopped(run.epoch, run.step, saved.path if saved else None)
                return
            end = run.end_epoch(*validation)
            yield end
            yield from run.save_epoch_checkpoints(end)

        best = run.best_accuracy
        run.metrics.write({"event": "finished", "best_val_accuracy": best})
        last_path = str(self.run_dir / "last.pt") if self.keep_checkpoints else None
        best_path = str(self.run_dir / "best.pt") if self.keep_checkpoints and best is not None else None
        yield Finished(config.epochs, best, last_path, best_path, time.perf_counter() - run_start)


class _Run:
    """One training run's state: model, optimizer, data on the device, and the position in it.

    The position (epoch, next batch, this epoch's shuffle and partial sums, RNG states) is
    exactly what a checkpoint stores, so a run stopped anywhere resumes bit for bit.
    """

    def __init__(self, trainer: Trainer, config: TrainConfig, dataset: Dataset, device: torch.device,
                 resume: dict[str, Any] | None, state: _RunState):
        self.trainer = trainer
        self.config = config
        self.dataset = dataset
        self.device = device
        self.state = state
        self.precision = _precision_for(device, config.precision)
        self.autocast_dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(self.precision)
        self.batch_size = min(config.batch_size, len(dataset.train))
        self.steps_per_epoch = _steps_per_epoch(len(dataset.train), self.batch_size)
        self.total_steps = self.steps_per_epoch * config.epochs

        torch.manual_seed(config.seed)
        self.model_config = ModelConfig(dataset.channels, len(dataset.class_names))
        model = GoogLeNet(self.model_config).to(device)
        self.model = model.to(memory_format=torch.channels_last) if config.channels_last else model
        self.optimizer = _make_optimizer(self.model, config, device)
        self.scheduler = _make_scheduler(self.optimizer, config, self.total_steps)
        self.scaler = torch.amp.GradScaler(device.type, enabled=(self.precision == "fp16"))
        self.generator = torch.Generator().manual_seed(config.seed)

        # the position
        self.epoch = 0
        self.batch = 0  # next batch within the epoch; steps_per_epoch means "trained, not validated"
        self.permutation: torch.Tensor | None = None
        self.epoch_sums = [0.0, 0.0, 0.0]  # loss * n, correct, n over this epoch's batches so far
        self.epoch_time = 0.0
        self.history: list[dict[str, Any]] = []
        self.batch_history: dict[str, list[float]] = {"step": [], "loss": [], "accuracy": []}
        self.best_accuracy: float | None = None
        if resume is not None:
            self._restore(resume)

        self.train_images = dataset.train.images.to(device)
        self.train_labels = dataset.train.labels.to(device)
        self.val_images = dataset.val.images.to(device)
        self.val_labels = dataset.val.labels.to(device)
        self.pad = augment_padding(dataset.stored_size) if config.augment else 0
        self.flip = config.augment and dataset.flip_ok
        if device.type == "cuda":
            torch.backends.cudnn.benchmark = True
        run_dir = trainer.run_dir
        if run_dir:
            run_dir.mkdir(parents=True, exist_ok=True)
        self.metrics = state.metrics = _MetricsLog(run_dir / "metrics.jsonl" if run_dir else None,
                                                   append=resume is not None)
        state.step = self.step

    @property
    def step(self) -> int:
        return self.epoch * self.steps_per_epoch + self.batch

    def started_event(self) -> RunStarted:
        notes = list(self.dataset.notes)
        if self.batch_size < self.config.batch_size:
            notes.append(f"batch size lowered to {self.batch_size}: "
                         f"the training set has only {len(self.dataset.train)} images")
        event = RunStarted(
            self.config.to_dict(), str(self.device), self.precision, len(self.dataset.train), len(self.dataset.val),
            list(self.dataset.class_names), self.dataset.channels, self.steps_per_epoch, self.total_steps,
            self.epoch, self.step, list(self.history), {k: list(v) for k, v in self.batch_history.items()},
            str(self.trainer.run_dir) if self.trainer.run_dir else None, notes)
        self.metrics.write({"event": "run_started", **dataclasses.asdict(event), "history": None,
                            "batch_history": None})
        return event

    # ------------------------------------------------------------ training

    def train_epoch(self) -> Iterator[BatchEnd]:
        """Train the rest of the current epoch. Returns False if a stop was requested."""
        trainer, config = self.trainer, self.config
        if self.permutation is None:
            self.permutation = torch.randperm(len(self.dataset.train), generator=self.generator)
        order = self.permutation.to(self.device)
        self.model.train()
        sums = torch.zeros(2, device=self.device, dtype=torch.float64)  # loss * n, correct
        counted = 0
        pending: list[tuple[torch.Tensor, int]] = []
        started = window_start = time.perf_counter()
        window_images = 0
        try:
            while self.batch < self.steps_per_epoch:
                if trainer.paused:
                    yield from self._flush(pending, window_images, time.perf_counter() - window_start)
                    window_images = 0
                    trainer._running.wait()
                    window_start = time.perf_counter()
                if trainer.stop_requested:
                    yield from self._flush(pending, window_images, time.perf_counter() - window_start)
                    return False
                self.state.batch = self.batch + 1
                idx = order[self.batch * self.batch_size: (self.batch + 1) * self.batch_size]
                x, y = self.train_images[idx], self.train_labels[idx]
                if self.pad or self.flip:
                    x = augment(x, self.generator, self.pad, self.flip)
                x = to_model_input(x, config.input_size, config.channels_last)
                with trainer._lock:
                    with torch.autocast(self.device.type, dtype=self.autocast_dtype or torch.float32,
                                        enabled=self.autocast_dtype is not None):
                        logits = self.model(x)
                        loss = F.cross_entropy(logits.float(), y)
                    self.optimizer.zero_grad(set_to_none=True)
                    self.scaler.scale(loss).backward()
                    self.scaler.step(self.optimizer)
                    self.scaler.update()
                    if self.scheduler is not None:
                        self.scheduler.step()
                    trainer._weights_version += 1
                with torch.no_grad():
                    record = torch.stack([loss.detach().double(), (logits.argmax(1) == y).sum().double()])
                    sums += torch.stack([record[0] * len(y), record[1]])
                counted += len(y)
                pending.append((record, len(y)))
                self.batch += 1
                self.state.step = self.step
                window_images += len(y)
                now = time.perf_counter()
                if now - window_start >= trainer.report_interval or self.batch == self.steps_per_epoch:
                    yield from self._flush(pending, window_images, now - window_start)
                    window_images, window_start = 0, time.perf_counter()
            return True
        finally:
            loss_sum, correct = sums.tolist()
            self.epoch_sums = [self.epoch_sums[0] + loss_sum, self.epoch_sums[1] + correct,
                               self.epoch_sums[2] + counted]
            self.epoch_time += time.perf_counter() - started

    def _flush(self, pending: list[tuple[torch.Tensor, int]], images: int, elapsed: float) -> Iterator[BatchEnd]:
        """Read the pending per-batch numbers back from the device in one go and emit them."""
        if not pending:
            return
        values = torch.stack([r for r, _ in pending]).cpu().tolist()  # the only host sync while training
        sizes = [n for _, n in pending]
        pending.clear()
        speed = images / max(elapsed, 1e-9)
        lr = self.optimizer.param_groups[0]["lr"]
        first = self.batch - len(values) + 1
        for i, ((loss, correct), n) in enumerate(zip(values, sizes)):
            b = first + i
            step = self.epoch * self.steps_per_epoch + b
            if not math.isfinite(loss):
                raise TrainingFault(
                    f"loss became {'NaN' if math.isnan(loss) else 'infinite'} at epoch {self.epoch + 1}, batch {b}; "
                    f"training stopped and the last good checkpoint is kept. Try a lower learning rate.")
            event = BatchEnd(self.epoch, b, self.steps_per_epoch, step, self.total_steps, loss, correct / n, lr, speed)
            self.batch_history["step"].append(step)
            self.batch_history["loss"].append(loss)
            self.batch_history["accuracy"].append(correct / n)
            self.metrics.write({"event": "batch", **dataclasses.asdict(event)})
            yield event

    @torch.no_grad()
    def evaluate(self) -> tuple[float | None, float | None] | None:
        """(loss, accuracy) over the validation set in eval mode; (None, None) when there is no
        validation set; None when a stop interrupted it."""
        labels = self.val_labels
        if len(labels) == 0:
            return None, None
        started = time.perf_counter()
        self.model.eval()
        sums = torch.zeros(2, device=self.device, dtype=torch.float64)  # loss sum, correct
        chunk = self.batch_size * 2
        try:
            for start in range(0, len(labels), chunk):
                if self.trainer.stop_requested:
                    return None
                x = to_model_input(self.val_images[start:start + chunk], self.config.input_size,
                                   self.config.channels_last)
                y = labels[start:start + chunk]
                with torch.autocast(self.device.type, dtype=self.autocast_dtype or torch.float32,
                                    enabled=self.autocast_dtype is not None):
                    logits = self.model(x).float()
                sums += torch.stack([F.cross_entropy(logits, y, reduction="sum").double(),
                                     (logits.argmax(1) == y).sum().double()])
        finally:
            self.model.train()
            self.epoch_time += time.perf_counter() - started
        loss_sum, correct = sums.tolist()
        return loss_sum / len(labels), correct / len(labels)

    def end_epoch(self, val_loss: float | None, val_accuracy: float | None) -> EpochEnd:
        loss_sum, correct, count = self.epoch_sums
        end = EpochEnd(self.epoch, loss_sum / max(count, 1), correct / max(count, 1), val_loss, val_accuracy,
                       self.epoch_time, self.optimizer.param_groups[0]["lr"], self.step)
        self.history.append(end.to_dict())
        self.metrics.write({"event": "epoch", **end.to_dict()})
        self.epoch, self.batch, self.permutation = self.epoch + 1, 0, None
        self.epoch_sums, self.epoch_time = [0.0, 0.0, 0.0], 0.0
        return end

    # ------------------------------------------------------------ checkpoints

    def save_epoch_checkpoints(self, end: EpochEnd) -> Iterator[CheckpointSaved]:
        score = end.val_accuracy if end.val_accuracy is not None else end.train_accuracy
        improved = self.best_accuracy is None or score > self.best_accuracy
        if improved:
            self.best_accuracy = score
        saved = self.save("last")
        if saved:
            yield saved
            if improved:
                best = copy_checkpoint(saved.path, self.trainer.run_dir / "best.pt")
                yield CheckpointSaved(str(best), "best", self.epoch)

    def save(self, kind: str) -> CheckpointSaved | None:
        if not self.trainer.keep_checkpoints:
            return None
        path = save_checkpoint(self.payload(), self.trainer.run_dir / f"{kind}.pt")
        self.state.saved_any = True
        return CheckpointSaved(str(path), kind, self.epoch)

    def payload(self) -> dict[str, Any]:
        return {
            "model_config": dataclasses.asdict(self.model_config),
            "model_state": {k: v.detach().cpu() for k, v in self.model.state_dict().items()},
            "optimizer_state": _to_cpu(self.optimizer.state_dict()),
            "scheduler_state": self.scheduler.state_dict() if self.scheduler else None,
            "scaler_state": self.scaler.state_dict() if self.scaler.is_enabled() else None,
            "train_config": self.config.to_dict(),
            "class_names": list(self.dataset.class_names),
            "preprocess": self.trainer._preprocess.to_dict(),
            "position": {"epoch": self.epoch, "batch": self.batch, "step": self.step,
                         "steps_per_epoch": self.steps_per_epoch, "epoch_sums": list(self.epoch_sums),
                         "epoch_time": self.epoch_time},
            "permutation": self.permutation,
            "rng": _rng_state(self.generator),
            "history": list(self.history),
            "batch_history": {k: torch.tensor(v, dtype=torch.float64) for k, v in self.batch_history.items()},
            "best_val_accuracy": self.best_accuracy,
        }

    def _restore(self, checkpoint: dict[str, Any]) -> None:
        try:
            position = checkpoint["position"]
            if int(position["steps_per_epoch"]) != self.steps_per_epoch:
                raise CheckpointError(
                    f"the checkpoint was made with {position['steps_per_epoch']} batches per epoch, this data gives "
                    f"{self.steps_per_epoch}: resume with the same dataset, limits and batch size")
            try:
                self.model.load_state_dict(checkpoint["model_state"])
            except (RuntimeError, TypeError, AttributeError) as exc:
                raise CheckpointError(f"{self.trainer.resume_from.name}: its weights do not fit the network it "
                                      f"describes ({state_dict_problem(exc)})") from None
            self.optimizer.load_state_dict(checkpoint["optimizer_state"])
            if self.scheduler is not None:
                stored = checkpoint.get("scheduler_state")
                if stored and stored.get("total_steps", self.total_steps) == self.total_steps and \
                        stored.get("T_max", self.total_steps) == self.total_steps:
                    self.scheduler.load_state_dict(stored)
                else:  # the run was extended: the schedule as if it had been planned for the new length
                    for _ in range(int(position["step"])):
                        self.scheduler.step()
            if checkpoint.get("scaler_state") and self.scaler.is_enabled():
                self.scaler.load_state_dict(checkpoint["scaler_state"])
            rng = checkpoint["rng"]
            self.generator.set_state(rng["data"])
            torch.set_rng_state(rng["torch"])
            if "cuda" in rng and torch.cuda.is_available() and len(rng["cuda"]) == torch.cuda.device_count():
                torch.cuda.set_rng_state_all(rng["cuda"])
            self.epoch, self.batch = int(position["epoch"]), int(position["batch"])
            self.epoch_sums = [float(v) for v in position.get("epoch_sums", [0.0, 0.0, 0.0])]
            self.epoch_time = float(position.get("epoch_time", 0.0))
            self.permutation = checkpoint.get("permutation")
            self.history.extend(checkpoint.get("history") or [])
            for key, values in (checkpoint.get("batch_history") or {}).items():
                if key in self.batch_history:
                    self.batch_history[key].extend(values.tolist())
            self.best_accuracy = checkpoint.get("best_val_accuracy")
        except CheckpointError:
            raise
        except (KeyError, TypeError, ValueError, RuntimeError, AttributeError, IndexError) as exc:
            detail = f"{type(exc).__name__}: {_one_line(str(exc), 150)}" if isinstance(exc, KeyError) \
                else _one_line(str(exc), 150)
            raise CheckpointError(f"{self.trainer.resume_from.name}: cannot resume from this checkpoint "
                                  f"({detail or type(exc).__name__})") from None


# ---------------------------------------------------------------- helpers


@dataclass
class _RunState:
    epoch: int | None = None
    batch: int | None = None
    step: int = 0
    saved_any: bool = False
    metrics: "_MetricsLog | None" = None


class _MetricsLog:
    """metrics.jsonl: one JSON object per line, flushed as written."""

    def __init__(self, path: Path | None, append: bool):
        self._file = open(path, "a" if append else "w", encoding="utf-8") if path else None

    def write(self, record: dict[str, Any]) -> None:
        if self._file:
            self._file.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file:
            self._file.close()
            self._file = None


def _one_line(text: str, limit: int = 200) -> str:
    return text.strip().splitlines()[0][:limit] if text.strip() else ""


def _steps_per_epoch(n: int, batch_size: int) -> int:
    """Full batches plus the remainder, unless the remainder is a single image (BatchNorm
    cannot train on one)."""
    full, rest = divmod(n, batch_size)
    return full + (1 if rest >= 2 else 0)


def _to_cpu(obj: Any) -> Any:
    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu()
    if isinstance(obj, dict):
        return {k: _to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_cpu(v) for v in obj)
    return obj


def _resumed_config(checkpoint: dict[str, Any], requested: TrainConfig) -> TrainConfig:
    """The stored config, with what may change on resume taken from the request: the device,
    the number of epochs (0 keeps the stored one), where the data lives, the thread count."""
    stored_dict = checkpoint.get("train_config") or {}
    if not isinstance(stored_dict, dict):
        raise CheckpointError("cannot resume: the checkpoint's training settings are damaged")
    stored = TrainConfig.from_dict(stored_dict)
    stored.device = requested.device
    if requested.epochs > 0:  # 0 keeps the stored number of epochs
        stored.epochs = requested.epochs
    stored.data_dir = requested.data_dir or stored.data_dir
    stored.num_threads = requested.num_threads
    try:
        stored.validate()
    except ConfigError:
        raise
    except (TypeError, ValueError, AttributeError) as exc:  # values of the wrong type in a hand-made file
        raise CheckpointError(f"cannot resume: the checkpoint's training settings are damaged "
                              f"({_one_line(str(exc), 100)})") from None
    return stored


def _check_resume_fits(checkpoint: dict[str, Any], dataset: Dataset, name: str) -> None:
    mc = checkpoint["model_config"]
    if not isinstance(mc, dict):
        raise CheckpointError(f"{name}: damaged checkpoint (its model_config is not a table of settings)")
    if mc.get("in_channels") != dataset.channels or mc.get("num_classes") != len(dataset.class_names):
        raise CheckpointError(
            f"{name}: made for {mc.get('in_channels')} channel(s) and {mc.get('num_classes')} classes, "
            f"but {dataset.name} has {dataset.channels} and {len(dataset.class_names)}")
