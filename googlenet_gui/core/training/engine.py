"""The training loop: one engine for the CLI and the GUI.

`Trainer` is the control surface: create it, iterate `run()` (a generator of the events in
events.py) on whatever thread you like, and from any other thread stop or pause it, or take
the latest snapshot of its weights for classifying. The loop itself lives in `_Run`, which
holds the model, the optimizer, the data on the device and the run's position, and gets only
what it needs from the Trainer: the settings, a RunControl and a place to publish snapshots.

Speed: the dataset lives on the training device as one uint8 tensor (under torchrun, each
process's shard of it: core/training/shards.py); each batch is indexed, augmented, resized and normalised
there as whole-batch ops; channels_last and autocast (bf16 on CPUs with native bf16, bf16/fp16
on CUDA) are on by default; loss and accuracy are kept on the device and read back at most
every `report_interval` seconds, never with a per-step sync.

One piece: the loop's parts (data on the device, steps, validation, checkpoints, events) share one run's position.
"""
from __future__ import annotations

import dataclasses
import errno
import math
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Iterator

import torch

from ..runs.checkpoint import Checkpoint, CheckpointError, ResumeState, copy_checkpoint, load_checkpoint, save_checkpoint
from ..runs.config import RESUMABLE, ConfigError, TrainConfig
from ..data.sources import DataError, Dataset, ImageSet, load_dataset
from ..common.devices import AUTOCAST_DTYPES, DEFAULT_THREADS, DeviceError, precision_for, resolve_device
from .branch_stats import DEFAULT_EVERY, BranchStats  # issue 29: how each part learns
from .distributed import SINGLE, Distributed, DistributedError, peer_failure
from ..data.download import Cancelled, DownloadError
from ..inference.evaluation import Evaluation, ValidationOutputs, epoch_records
from ..runs.events import (MAX_STORED_MATRIX, BatchEnd, CheckpointSaved, EpochEnd, EpochPredictions, Event, Failed, Finished,
                     Note, Paused, Position, RunStarted, Status, Stopped)
from ..network import ood
from ..network.batchnorm import REFRESH_IMAGES, batches_of, refresh_batchnorm
from . import transfer
from .memory import available_bytes, estimate_training, shortfall_message
from ..common.messages import QT_TRANSLATE_NOOP, Message, as_clause, message_of
from ..network.model import GoogLeNet, ModelConfig
from .optim import make_optimizer, make_scheduler, training_loss, resumed_optimizer_state, resumed_scheduler_state
from ..runs.runlog import MetricsLog, RunFolderBusy
from ..runs.snapshot import WeightsSnapshot
from .shards import TrainingShard, device_bytes, validation_shard
from ..common.text import error_line
from ..common.heap import release_freed_memory
from ..common.cpu_load import THREADS_CHANGED, CpuLoad, training_threads
from ..data.transforms import Preprocess, augment, augment_padding, to_model_input

__all__ = ["Trainer", "TrainConfig", "TrainingFault", "WeightsSnapshot", "RunControl"]


# Within a long epoch last.pt is also saved this often (seconds), so a kill loses minutes, not the
# epoch; a save of ~70 MB takes about half a second on an SSD: 0.2% of the time.
CHECKPOINT_INTERVAL = 300.0


class TrainingFault(RuntimeError):
    """Training cannot go on (NaN loss, out of memory); the message says where and why."""


class RunControl:
    """Stop and pause, set from any thread, checked by the loop between batches."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._hurry = threading.Event()  # the person is leaving (the window closes): save, nothing more
        self._running = threading.Event()  # cleared while paused
        self._running.set()

    def request_stop(self, hurry: bool = False) -> None:
        if hurry:
            self._hurry.set()
        self._stop.set()
        self._running.set()  # a paused run must wake up to stop

    def pause(self) -> None:
        self._running.clear()

    def unpause(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def hurry(self) -> bool:
        return self._hurry.is_set()

    def wait_while_paused(self) -> None:
        self._running.wait()

    @property
    def stop_event(self) -> threading.Event:
        """Set once a stop is requested: long work before the loop (loading data) checks it."""
        return self._stop


class Trainer:
    """Runs one training job. Create it, then iterate `run()`; control it from any thread.

    `snapshot_interval`: seconds between fresh weight snapshots while training (None: one at the
    start and then only when `request_snapshot()` asks), so a classification never waits for
    the step in flight. `keep_predictions`: each epoch's validation also gives the confusion
    matrix, top-5 and every image's answer (EpochEnd.confusion, EpochPredictions); off, only
    loss and accuracy (benchmarks/evaluation_cost.py measures the difference). `distributed`:
    this process's place in a torchrun run (core/training/distributed.py); only rank 0 writes `run_dir`.
    `branch_stats_every`: steps between samples of how each part learns (core/training/branch_stats.py; 0: none).
    """

    def __init__(
        self,
        config: TrainConfig,
        run_dir: str | Path | None = None,
        resume_from: str | Path | None = None,
        dataset: Dataset | None = None,
        report_interval: float = 0.05,
        keep_checkpoints: bool = True,
        snapshot_interval: float | None = None,
        checkpoint_interval: float | None = CHECKPOINT_INTERVAL,
        keep_predictions: bool = True,
        distributed: Distributed = SINGLE,
        branch_stats_every: int = DEFAULT_EVERY,
    ):
        self.config = config
        self.distributed = distributed
        self.run_dir = Path(run_dir) if run_dir and distributed.is_main else None
        self.resume_from = Path(resume_from) if resume_from else None
        self.report_interval = report_interval
        self.keep_checkpoints = keep_checkpoints and self.run_dir is not None
        self.checkpoint_interval = checkpoint_interval
        self.keep_predictions = keep_predictions
        self.control = RunControl()
        self._dataset = dataset
        self._snapshots = _SnapshotBoard(snapshot_interval)
        self._run: _Run | None = None
        self.branch_stats_every = branch_stats_every

    # ------------------------------------------------------------ control, from any thread

    def request_stop(self, hurry: bool = False) -> None:
        """Stop after the step in flight and save last.pt. `hurry` (the window is closing): save the
        weights as they are, without settling their statistics and outlier model first (settle)."""
        self.control.request_stop(hurry)

    def pause(self) -> None:
        self.control.pause()

    def unpause(self) -> None:
        self.control.unpause()

    @property
    def paused(self) -> bool:
        return self.control.paused

    @property
    def stop_requested(self) -> bool:
        return self.control.stop_requested

    def latest_snapshot(self) -> WeightsSnapshot | None:
        """The most recent copy of the weights, at once; None before the model exists.

        The live model (and its BatchNorm statistics) is never touched: the loop copies the
        weights between optimizer steps, every `snapshot_interval` seconds or when asked."""
        return self._snapshots.latest

    def request_snapshot(self) -> None:
        """Ask for a fresh snapshot at the next step boundary."""
        self._snapshots.requested = True

    def validation_images(self) -> ImageSet | None:
        """The images the run validates on, on the CPU, in the order of EpochPredictions; None
        before the data has loaded. Never written to: safe to read from any thread."""
        run = self._run
        return run.dataset.val if run is not None else None

    def training_images(self) -> ImageSet | None:
        """The images the run trains on, on the CPU (as loaded, not augmented); None before the data
        has loaded. Never written to: safe to read from any thread (core/inference/calibrate.py)."""
        run = self._run
        return run.dataset.train if run is not None else None

    # ------------------------------------------------------------ the loop

    def run(self) -> Iterator[Event]:
        """Train, yielding events. Never raises for user-caused problems: they end in Failed."""
        try:
            yield from self._train()
        except Cancelled:
            run = self._run
            yield Stopped(run.position if run else Position(), None)
        except (DataError, DeviceError, CheckpointError, ConfigError, DownloadError, TrainingFault,
                RunFolderBusy, DistributedError) as exc:
            yield Failed(self._with_checkpoint_note(message_of(exc)))
        except torch.cuda.OutOfMemoryError:
            yield Failed(self._oom_message("GPU"))
        except MemoryError:
            yield Failed(self._oom_message("CPU"))
        except RuntimeError as exc:
            lower = str(exc).lower()
            # the CPU allocator says "can't allocate memory" (Linux) or "not enough memory" (Windows), and
            # oneDNN "could not create a primitive" when its working memory cannot be had (an address-space
            # limit); CUDA, HIP and MPS say "out of memory"
            cpu = "defaultcpuallocator" in lower or "can't allocate memory" in lower or "could not create a primitive" in lower
            if cpu or "out of memory" in lower or "not enough memory" in lower:
                yield Failed(self._oom_message("CPU" if cpu else "GPU"))
            elif self.distributed.enabled and peer_failure(exc):
                yield Failed(self._with_checkpoint_note(peer_failure(exc)))
            else:
                traceback.print_exc()
                yield Failed(self._with_checkpoint_note(Message(QT_TRANSLATE_NOOP("Core", "training failed: {reason}"),
                                                                 reason=error_line(exc, 300))))
        except OSError as exc:  # the run folder cannot be written: a full disk, a read-only or vanished folder
            where = exc.filename or self.run_dir or Message(QT_TRANSLATE_NOOP("Core", "the run folder"))
            what = Message(QT_TRANSLATE_NOOP("Core", "disk full")) if exc.errno == errno.ENOSPC else (
                exc.strerror or type(exc).__name__)
            yield Failed(self._with_checkpoint_note(Message(QT_TRANSLATE_NOOP("Core", "cannot write to {where}: {what}."),
                                                            where=where, what=what)))
        except Exception as exc:  # the last line of defence: the app must stay up
            traceback.print_exc()
            yield Failed(self._with_checkpoint_note(Message(QT_TRANSLATE_NOOP("Core", "unexpected error: {kind}: {reason}"),
                                                             kind=type(exc).__name__, reason=error_line(exc))))
        finally:
            if self._run is not None:
                self._run.close()
            if torch.cuda.is_available():
                torch.cuda.empty_cache()
            release_freed_memory()  # what the run's steps freed goes back to the system, not only to glibc

    def _where(self) -> str:
        """Where a failure happened: the batch being trained, not the last one done."""
        run = self._run
        if run is None:
            return Message(QT_TRANSLATE_NOOP("Core", "before training started"))
        p = run.position
        if p.batches_done >= p.steps_per_epoch:
            return Message(QT_TRANSLATE_NOOP("Core", "while validating epoch {epoch}"), epoch=p.epochs_done + 1)
        return Message(QT_TRANSLATE_NOOP("Core", "at epoch {epoch}, batch {batch}"), epoch=p.epochs_done + 1,
                       batch=p.batches_done + 1)

    def _with_checkpoint_note(self, message: str) -> str:
        if self._run is not None and self._run.saved_any:
            return Message(QT_TRANSLATE_NOOP("Core", "{failure}. The last good checkpoint is kept."), failure=as_clause(message))
        return message

    def _oom_message(self, where: str) -> str:
        return self._with_checkpoint_note(Message(
            QT_TRANSLATE_NOOP("Core", "out of {device} memory {where} (batch size {batch_size}, input {input_size}); try a "
                                      "smaller batch size or input size"),
            device=where, where=self._where(), batch_size=self.config.batch_size, input_size=self.config.input_size))

    def _train(self) -> Iterator[Event]:
        checkpoint = load_checkpoint(self.resume_from) if self.resume_from else None
        if checkpoint is not None:
            self.config = _resumed_config(checkpoint, self.config, self.resume_from.name)
        config = self.config
        config.validate()
        if config.batch_size < 2 * self.distributed.world_size:
            raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "batch size {batch_size} is too small for {processes} "
                                                                "processes: each needs at least two images (the batch "
                                                                "size is the global one)"),
                                      batch_size=config.batch_size, processes=self.distributed.world_size))
        device = resolve_device(config.device)
        # set on this thread every time: see devices.DEFAULT_THREADS
        torch.set_num_threads(config.num_threads or DEFAULT_THREADS)

        yield Status(Message(QT_TRANSLATE_NOOP("Core", "loading data")))
        dataset = run_dataset(config, self._dataset, self.control.stop_event)
        if checkpoint is not None:
            _check_resume_fits(checkpoint, dataset, self.resume_from.name)
        _check_memory(config, dataset, device, self.distributed)

        start = None
        if checkpoint is None and config.init is not None:
            yield Status(Message(QT_TRANSLATE_NOOP("Core", "reading the starting weights")))
            start = transfer.starting_weights(config, dataset)
        layout = checkpoint.model_config.layout if checkpoint is not None else transfer.model_config(dataset, start).layout
        metrics = MetricsLog(self.run_dir, checkpoint.position if checkpoint else None) if self.run_dir else None
        try:
            run = _Run(config, dataset, device, self.control, self._snapshots, metrics,
                       self.run_dir if self.keep_checkpoints else None, self.report_interval,
                       self.checkpoint_interval, self.keep_predictions, self.distributed, self.branch_stats_every,
                       layout, start)
            if checkpoint is not None:
                run.restore(checkpoint, self.resume_from.name)
        except BaseException:
            if metrics is not None:
                metrics.close()
            raise
        self._run = run
        yield run.started_event()
        run_start = time.perf_counter()  # the features computed once are part of the run's time
        if run.head_only:
            yield Status(Message(QT_TRANSLATE_NOOP("Core", "computing the features of every image once")))
            run.cache_features()

        while run.position.epochs_done < config.epochs:
            finished_batches = yield from run.train_epoch()
            validation = None
            if finished_batches:
                yield Status(Message(QT_TRANSLATE_NOOP("Core", "validating")))
                validation = run.validate()
            if validation is None:  # stop requested
                yield from run.settle()  # statistics and an outlier model for the weights it stopped with
                run.publish_snapshot()  # the weights it stopped with, for classifying
                saved = yield from run.save("last")
                if run.metrics is not None:
                    run.metrics.stopped(run.position, run.epoch_time)
                yield Stopped(run.position, saved.path if saved else None)
                return
            end, predictions = run.end_epoch(*validation)
            yield end
            if predictions is not None:
                yield predictions
            yield from run.save_epoch_checkpoints(end)
            run.publish_snapshot()  # the epoch's weights, with their statistics and outlier model, for classifying

        run.publish_snapshot()
        if run.metrics is not None:
            run.metrics.finished(run.best_val_accuracy)
        yield Finished(config.epochs, run.best_val_accuracy, run.checkpoint_path("last"),
                       run.checkpoint_path("best") if run.best_score is not None else None,
                       time.perf_counter() - run_start)


def run_dataset(config: TrainConfig, given: Dataset | None = None, cancel: threading.Event | None = None) -> Dataset:
    """The images a run of `config` trains and validates on: `given` or the settings' dataset, cut to their limits;
    a DataError when fewer than two are left to train on."""
    dataset = given or load_dataset(config.dataset, config.data_dir, config.input_size, config.val_fraction, config.seed,
                                    progress=None, cancel=cancel)
    dataset = dataset.limited(config.limit_train, config.limit_val, config.seed)
    if len(dataset.train) < 2:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: needs at least two training images (found {found})"),
                                name=dataset.name, found=len(dataset.train)))
    return dataset


class _SnapshotBoard:
    """Where the loop publishes weight snapshots and readers take the latest (a plain attribute
    swap: atomic, no lock)."""

    def __init__(self, interval: float | None):
        self.interval = interval
        self.latest: WeightsSnapshot | None = None
        self.requested = False

    def due(self) -> bool:
        latest = self.latest
        if latest is None or self.requested:
            return True
        return self.interval is not None and time.monotonic() - latest.taken_at >= self.interval

    def publish(self, snapshot: WeightsSnapshot) -> None:
        self.requested = False
        self.latest = snapshot


class _Run:
    """One training run's state: model, optimizer, data on the device, and its position.

    The position (epochs done, next batch, this epoch's shuffle and partial sums, RNG states) is
    exactly what a checkpoint stores, so a run stopped anywhere resumes bit for bit.
    """

    def __init__(self, config: TrainConfig, dataset: Dataset, device: torch.device, control: RunControl,
                 snapshots: _SnapshotBoard, metrics: MetricsLog | None,
                 checkpoint_dir: Path | None, report_interval: float, checkpoint_interval: float | None,
                 keep_predictions: bool = True, distributed: Distributed = SINGLE, branch_stats_every: int = 0,
                 layout: str | None = None, start: transfer.StartingWeights | None = None):
        self.config = config
        self.distributed = distributed
        self.dataset = dataset
        self.device = device
        self.control = control
        self.snapshots = snapshots
        self.metrics = metrics
        self.checkpoint_dir = checkpoint_dir
        self.report_interval = report_interval
        self.keep_predictions = keep_predictions
        self.saved_any = False
        # PyTorch's default thread count follows other programs' load (fit_threads); a count the
        # settings name, or torchrun's one a process, stays as it is
        self.cpu_load = CpuLoad() if config.num_threads is None and not distributed.enabled and device.type == "cpu" \
            else None
        self.precision = precision_for(device, config.precision)
        self.autocast_dtype = AUTOCAST_DTYPES.get(self.precision)
        self.batch_size = min(config.batch_size, len(dataset.train))
        self.epoch_images = config.epoch_images or len(dataset.train)
        self.steps_per_epoch = _steps_per_epoch(self.epoch_images, self.batch_size)
        self.total_steps = self.steps_per_epoch * config.epochs
        self.preprocess = Preprocess(dataset.channels, config.input_size, dataset.stored_size)

        torch.manual_seed(config.seed)
        self.model_config = ModelConfig(dataset.channels, len(dataset.class_names), layout or ModelConfig().layout)
        network = GoogLeNet(self.model_config)
        if start is not None:  # another run's or ImageNet's weights, with a new last layer (core/training/transfer.py)
            transfer.load_start(network, start)
        transfer.freeze(network, config.train_layers)
        self.start, self.origin = start, start.origin if start is not None else None
        model = distributed.convert_batchnorm(network, device).to(device)
        self.model = model.to(memory_format=torch.channels_last) if config.channels_last else model
        # last layer only: the steps train the classifier on the frozen network's features (cache_features)
        self.head_only = config.train_layers == transfer.HEAD
        # the training steps run through DDP; checkpoints, snapshots and validation use the plain model
        self.train_model = distributed.wrap(self.model.classifier if self.head_only else self.model, device)
        self.branch_stats = BranchStats(self.model, branch_stats_every if distributed.is_main else 0,
                                        metrics.path.parent if metrics is not None else None)
        self.optimizer = make_optimizer(self.model, config, device, transfer.parameter_groups(self.model, config))
        self.scheduler = make_scheduler(self.optimizer, config, self.total_steps)
        self.scaler = torch.amp.GradScaler(device.type, enabled=(self.precision == "fp16"))
        self.generator = torch.Generator().manual_seed(config.seed)

        # the position
        self.position = Position(0, 0, self.steps_per_epoch)
        self.permutation: torch.Tensor | None = None
        self.epoch_sums = [0.0, 0.0, 0.0]  # loss * n, correct, n over this epoch's batches so far
        self.epoch_time = 0.0
        self.history: list[EpochEnd] = []
        self.batch_history: dict[str, list[float]] = {"step": [], "loss": [], "accuracy": []}
        self.best_score: float | None = None  # what best.pt follows: validation accuracy, else training accuracy
        self.best_val_accuracy: float | None = None
        self.outliers: ood.OutlierModel | None = None  # from the latest validation, or fitted at a save within an epoch
        self.outliers_step: int | None = None  # the step whose weights `outliers` was fitted for
        self.outliers_possible = True  # False once a fit found too few validation images
        self.settled_step: int | None = None  # the step whose weights the BatchNorm statistics were recomputed for
        self.val_cache: dict[str, torch.Tensor] | None = None  # last layer only: the validation images' frozen outputs
        self.refresh_index: torch.Tensor | None = None  # the training images BatchNorm's statistics are recomputed from
        self.checkpoint_interval = checkpoint_interval
        self.last_save = time.perf_counter()
        self.batchnorm_buffers = [b for name, b in self.model.named_buffers()
                                  if name.endswith(("running_mean", "running_var", "num_batches_tracked"))]

        # on the device: the training images (the whole set, or this process's shard of each epoch), this
        # process's part of the validation images, and every validation label (its outputs are gathered whole)
        self.train_data = TrainingShard(dataset.train, self.batch_size, self.steps_per_epoch, device, distributed)
        self.val_images = validation_shard(dataset.val, device, distributed)
        self.val_labels = dataset.val.labels.to(device)
        self.pad = augment_padding(dataset.stored_size) if config.augment else 0
        self.flip = config.augment and dataset.flip_ok
        if device.type == "cuda":
            torch.backends.cudnn.benchmark = True

    def close(self) -> None:
        self.branch_stats.close()
        if self.metrics is not None:
            try:
                self.metrics.close()
            except OSError:  # closing flushes what a full disk refused; the Failed event says so
                pass

    def _advance(self, batches: int = 1) -> None:
        p = self.position
        self.position = dataclasses.replace(p, batches_done=p.batches_done + batches)

    def started_event(self) -> RunStarted:
        self.publish_snapshot()  # classification works from the first moment
        notes = list(self.dataset.notes)
        ranks = self.distributed
        if ranks.enabled:
            notes.append(f"data-parallel over {ranks.world_size} processes: each trains on its part of the global "
                         f"batch of {self.batch_size}" + (", BatchNorm synchronised" if ranks.sync_bn else ""))
        if self.origin is not None:
            notes.extend(transfer.notes(self.config, self.origin, self.start.kept_head if self.start else None))
        if self.batch_size < self.config.batch_size:
            notes.append(Message(QT_TRANSLATE_NOOP("Core", "batch size lowered to {batch_size}: the training set has only "
                                                           "{count} images"),
                                 batch_size=self.batch_size, count=len(self.dataset.train)))
        event = RunStarted(
            self.config.to_dict(), str(self.device), self.precision, len(self.dataset.train), len(self.dataset.val),
            list(self.dataset.class_names), self.dataset.channels, self.steps_per_epoch, self.total_steps,
            self.position, list(self.history), {k: list(v) for k, v in self.batch_history.items()},
            str(self.metrics.path.parent) if self.metrics else None, notes, self.origin)
        self.started = event  # what a rebuilt log begins with
        if self.metrics is not None:
            self.metrics.started(event)
        return event

    # ------------------------------------------------------------ training

    def train_epoch(self) -> Iterator[BatchEnd | CheckpointSaved | Status | Note | Paused]:
        """Train the rest of the current epoch. Returns False if a stop was requested."""
        config, control = self.config, self.control
        if self.permutation is None:
            self.permutation = epoch_order(len(self.dataset.train), self.epoch_images, self.generator)
        self.train_data.start_epoch(self.permutation, self.position.batches_done)
        self.set_train_mode()
        # random crops and flips, except in the last plain_last_epochs epochs: those see the images as
        # they are, as the test images are, while the learning rate ends its schedule
        augmenting = bool(self.pad or self.flip) and (
            self.position.epochs_done < config.epochs - config.plain_last_epochs)
        sums = torch.zeros(2, device=self.device, dtype=torch.float64)  # loss * n, correct
        counted = 0
        pending: list[tuple[torch.Tensor, int]] = []
        clock = window_start = time.perf_counter()
        window_images = 0

        def fold() -> None:
            """Move this epoch's running sums into the run's state (one host sync: only on a save
            and at the end)."""
            nonlocal counted, clock
            loss_sum, correct = sums.tolist()
            sums.zero_()
            self.epoch_sums = [self.epoch_sums[0] + loss_sum, self.epoch_sums[1] + correct,
                               self.epoch_sums[2] + counted]
            counted = 0
            now = time.perf_counter()
            self.epoch_time += now - clock
            clock = now

        try:
            while self.position.batches_done < self.steps_per_epoch:
                if control.paused:
                    yield from self._flush(pending, window_images, time.perf_counter() - window_start)
                    window_images = 0
                    yield Paused(self.position)
                    control.wait_while_paused()
                    window_start = time.perf_counter()
                if self.distributed.agree_stop(control.stop_requested, self.device):  # every rank stops together
                    yield from self._flush(pending, window_images, time.perf_counter() - window_start)
                    return False
                # the global batch has n images; under torchrun this process holds and trains its part of it
                x, y, n, part = self.train_data.batch(self.position.batches_done)
                undo = self._undo_point()
                sampling = self.branch_stats.begin(self.position.step + 1)
                if augmenting:
                    x = augment(x, self.generator, self.pad, self.flip, part, n)
                if not self.head_only:  # last layer only: x holds the frozen network's features already
                    x = to_model_input(x, config.input_size, config.channels_last)
                with torch.autocast(self.device.type, dtype=self.autocast_dtype or torch.float32,
                                    enabled=self.autocast_dtype is not None):
                    logits = self.train_model(x)
                    loss_sum = training_loss(logits, y, config, reduction="sum")
                    loss = loss_sum * self.distributed.loss_scale(n)  # the global batch's mean, after DDP's average
                if undo is not None and control.stop_requested:
                    # A stop asked for during the forward pass: give the step up before its
                    # backward pass (the longer part), as if it had never begun.
                    self._undo(undo)
                    yield from self._flush(pending, window_images, time.perf_counter() - window_start)
                    return False
                self.optimizer.zero_grad(set_to_none=True)
                self.scaler.scale(loss).backward()
                if sampling:
                    self.branch_stats.before_update(self.optimizer, self.scaler)
                self.scaler.step(self.optimizer)
                self.scaler.update()
                if sampling:
                    self.branch_stats.after_update()
                if self.scheduler is not None:
                    self.scheduler.step()
                with torch.no_grad():  # the global batch's loss sum and correct answers, on every rank
                    record = self.distributed.sum(
                        torch.stack([loss_sum.detach().double(), (logits.argmax(1) == y).sum().double()]))
                    sums += record
                counted += n
                pending.append((record, n))
                self._advance()
                if self.snapshots.due():
                    self.publish_snapshot()
                window_images += n
                now = time.perf_counter()
                if now - window_start >= self.report_interval or self.position.batches_done == self.steps_per_epoch:
                    yield from self._flush(pending, window_images, now - window_start)
                    yield from self.fit_threads()
                    window_images, window_start = 0, time.perf_counter()
                if self._save_due() and self.position.batches_done < self.steps_per_epoch:
                    # a long epoch saves last.pt now and then, so a kill or a power cut loses minutes, not the epoch
                    yield from self._flush(pending, window_images, time.perf_counter() - window_start)
                    window_images, window_start = 0, time.perf_counter()
                    fold()
                    yield from self.save("last", periodic=True)
            return True
        finally:
            fold()

    def fit_threads(self) -> Iterator[Note]:
        """On PyTorch's default thread count: no more training threads than the CPUs other programs
        left free since the last look (core/common/cpu_load.py), said when the count changes."""
        load = self.cpu_load
        others = load.others() if load is not None else None
        if others is None:
            return
        threads = training_threads(DEFAULT_THREADS, others, load.count)
        if threads == torch.get_num_threads():
            return
        torch.set_num_threads(threads)
        yield Note(Message(THREADS_CHANGED, cpus=others, threads=threads, most=DEFAULT_THREADS))

    def _undo_point(self) -> tuple[torch.Tensor, list[torch.Tensor]] | None:
        """What a step changes before its backward pass: the data generator (augmentation) and the
        BatchNorm running statistics. Kept on the CPU only, where a step can take seconds; on a
        GPU a step is short and the copies would cost more than they save. Not under torchrun:
        there every rank agrees on a stop before the step, never during it."""
        if self.device.type != "cpu" or self.distributed.enabled:
            return None
        return self.generator.get_state(), [b.clone() for b in self.batchnorm_buffers]

    def _undo(self, undo: tuple[torch.Tensor, list[torch.Tensor]]) -> None:
        state, buffers = undo
        self.generator.set_state(state)
        with torch.no_grad():
            for live, saved in zip(self.batchnorm_buffers, buffers):
                live.copy_(saved)

    def _save_due(self) -> bool:
        return (self.checkpoint_dir is not None and self.checkpoint_interval is not None
                and time.perf_counter() - self.last_save >= self.checkpoint_interval)

    def _flush(self, pending: list[tuple[torch.Tensor, int]], images: int, elapsed: float) -> Iterator[BatchEnd]:
        """Read the pending per-batch numbers back from the device in one go and emit them."""
        yield from self.branch_stats.drain()
        if not pending:
            return
        values = torch.stack([r for r, _ in pending]).cpu().tolist()  # the only host sync while training (drain's is here too)
        sizes = [n for _, n in pending]
        pending.clear()
        speed = images / max(elapsed, 1e-9)
        lr = self.optimizer.param_groups[0]["lr"]
        epoch = self.position.epochs_done + 1
        first = self.position.batches_done - len(values) + 1
        for i, ((loss_sum, correct), n) in enumerate(zip(values, sizes)):
            b = first + i
            loss = loss_sum / n
            step = self.position.epochs_done * self.steps_per_epoch + b
            if not math.isfinite(loss):
                raise TrainingFault(Message(
                    QT_TRANSLATE_NOOP("Core", "loss became NaN at epoch {epoch}, batch {batch}; training stopped. Try a "
                                              "lower learning rate.") if math.isnan(loss) else
                    QT_TRANSLATE_NOOP("Core", "loss became infinite at epoch {epoch}, batch {batch}; training stopped. Try "
                                              "a lower learning rate."), epoch=epoch, batch=b))
            event = BatchEnd(epoch, b, self.steps_per_epoch, step, self.total_steps, loss, correct / n, lr, speed)
            self.batch_history["step"].append(step)
            self.batch_history["loss"].append(loss)
            self.batch_history["accuracy"].append(correct / n)
            if self.metrics is not None:
                self.metrics.batch(event)
            yield event

    # ------------------------------------------------------------ weights that answer as they are

    def set_train_mode(self) -> None:
        """Train mode for what trains; blocks kept frozen by train_layers stay in eval mode."""
        transfer.set_training_mode(self.model, self.config.train_layers)

    def refresh_statistics(self) -> None:
        """The running statistics of the BatchNorm layers that train, recomputed for the weights as
        they are from up to REFRESH_IMAGES training images as they are (core/network/batchnorm.py),
        unless that was done at this step already: their running averages lag the weights, most in
        short runs. The images are a seeded choice of the whole training set, the same under
        torchrun on every rank (each reads them from its host copy) as in one process, so every
        process count ends with the same statistics (and SyncBatchNorm's ranks take the same
        number of batches)."""
        if self.settled_step == self.position.step:
            return
        self.settled_step = self.position.step
        layers = transfer.trained_batchnorm(self.model, self.config.train_layers)
        if not layers:
            return
        if self.refresh_index is None:  # drawn from a generator of its own: the run's stay untouched
            chosen = torch.randperm(len(self.dataset.train), generator=torch.Generator().manual_seed(self.config.seed))
            self.refresh_index = chosen[:REFRESH_IMAGES].sort().values
        # one process holds the whole set on its device already; a torchrun rank only this epoch's shard
        source = self.dataset.train.images if self.distributed.enabled else self.train_data.images
        images = source[self.refresh_index.to(source.device)]
        config = self.config
        batches = (to_model_input(b.to(self.device), config.input_size, config.channels_last)
                   for b in batches_of(images, self.batch_size))
        refresh_batchnorm(self.model, batches, layers)

    def settle(self, fit: bool = True) -> Iterator[Status]:
        """Before weights saved within an epoch (a Stop, a SIGTERM) are saved or published: their
        BatchNorm statistics recomputed and an outlier model fitted for exactly them, as at an
        epoch's end, so the file answers and flags as it should. A long epoch's periodic save
        (`fit` off) only recomputes the statistics: a pass over the validation images every few
        minutes would cost a tenth of the training, and the file then carries no flag rather than
        a wrong one. Not under torchrun, where one rank saves and the others are not there to join in,
        nor in a hurry (the window closing): on a slow machine it costs minutes, and the file then
        carries no flag rather than a wrong one (resumed, the run settles them at its next epoch's end)."""
        if self.distributed.enabled or self.control.hurry:
            return
        fitted = not fit or self.outliers_now() is not None or not self.outliers_possible or len(self.val_labels) == 0
        if fitted and self.settled_step == self.position.step:
            return
        if not fitted:
            yield Status(Message(QT_TRANSLATE_NOOP("Core", "fitting the statistics and the outlier model to the weights")))
        self.refresh_statistics()
        if not fitted:
            self.set_outliers(self.fit_outliers())

    @torch.no_grad()
    def fit_outliers(self) -> ood.OutlierModel | None:
        """An outlier model of the validation images' block outputs with the weights as they are
        (on the images ood.fit would keep)."""
        keep = ood.fitting_subset(len(self.val_labels))
        index = torch.arange(len(self.val_labels)) if keep is None else keep
        features: dict[str, list[torch.Tensor]] = {name: [] for name in ood.BLOCKS}
        self.model.eval()
        try:
            chunk = self.batch_size * 2
            for start in range(0, len(index), chunk):
                part = index[start:start + chunk]
                if self.val_cache is not None:
                    blocks = {name: self.val_cache[name][part.to(self.device)] for name in ood.BLOCKS}
                else:
                    x = to_model_input(self.val_images[part.to(self.device)], self.config.input_size, self.config.channels_last)
                    _, blocks = self.model.forward_keeping(x, ood.BLOCKS)
                for name, out in blocks.items():
                    features[name].append(ood.pooled(out))
        finally:
            self.set_train_mode()
        return ood.fit({name: torch.cat(parts).cpu() for name, parts in features.items()},
                       self.val_labels[index.to(self.device)].cpu(), len(self.dataset.class_names))

    def set_outliers(self, model: ood.OutlierModel | None) -> None:
        """An outlier model just fitted for the weights of this step (None: too few validation images)."""
        self.outliers, self.outliers_step = model, self.position.step
        self.outliers_possible = model is not None

    def outliers_now(self) -> ood.OutlierModel | None:
        """The outlier model if it was fitted for the weights as they are now, else None. Last layer
        only: the block outputs it judges are the frozen network's, so any of the run's fits holds."""
        if self.head_only or self.outliers_step == self.position.step:
            return self.outliers
        return None

    def validation_outputs(self, images: torch.Tensor, start: int, chunk: int) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        """Float32 logits, and the blocks the outlier model judges, of this process's validation
        images start..start + chunk (last layer only: from the frozen network's outputs kept once)."""
        if self.val_cache is not None:
            part = slice(start, start + chunk)
            return (self.model.classifier(self.val_cache[transfer.FEATURES][part]),
                    {name: self.val_cache[name][part] for name in ood.BLOCKS})
        x = to_model_input(images[start:start + chunk], self.config.input_size, self.config.channels_last)
        logits, blocks = self.model.forward_keeping(x, ood.BLOCKS)
        return logits.float(), blocks

    def cache_features(self) -> None:
        """Last layer only: the frozen network's features of every training image and the validation
        images' block outputs, computed once (float32, eval mode); the steps then train the last
        layer on the features. A stop meanwhile ends the run (download.Cancelled)."""
        config = self.config
        started = time.perf_counter()

        def frozen(images: torch.Tensor, keep: tuple[str, ...] = ()) -> dict[str, torch.Tensor]:
            out = transfer.frozen_features(self.model, images, config.input_size, config.channels_last,
                                           self.batch_size * 2, keep, lambda: self.control.stop_requested)
            if out is None:
                raise Cancelled()
            return out

        train = frozen(self.dataset.train.images)[transfer.FEATURES]
        host = train if not self.distributed.enabled else train.cpu()  # under torchrun each epoch's shard is picked from it
        self.train_data = TrainingShard(ImageSet(host, self.dataset.train.labels), self.batch_size, self.steps_per_epoch,
                                        self.device, self.distributed)
        val = frozen(self.val_images, ood.BLOCKS)
        self.val_cache = {name: (v if name == transfer.FEATURES else v[:, :, None, None]) for name, v in val.items()}
        self.epoch_time += time.perf_counter() - started  # the first epoch's time includes it (the runs table's)

    def publish_snapshot(self) -> None:
        state = {k: v.detach().to("cpu", copy=True) for k, v in self.model.state_dict().items()}
        state = {k: (v.float() if v.is_floating_point() else v).contiguous() for k, v in state.items()}
        outliers = self.outliers_now()
        pending = outliers is None and self.outliers_possible and len(self.val_labels) > 0
        self.snapshots.publish(WeightsSnapshot(self.model_config, state, list(self.dataset.class_names),
                                               self.preprocess, self.position, time.monotonic(), outliers, pending,
                                               self.origin))

    @torch.no_grad()
    def validate(self) -> tuple[float | None, float | None, Evaluation | None] | None:
        """(loss, accuracy, evaluation) over the validation set in eval mode; the evaluation
        (confusion matrix, top-5, each image's answer) unless `keep_predictions` is off.
        (None, None, None) when there is no validation set; None when a stop interrupted it."""
        labels = self.val_labels
        if len(labels) == 0:
            return None, None, None
        started = time.perf_counter()
        self.refresh_statistics()
        self.model.eval()
        outputs = ValidationOutputs(labels, len(self.dataset.class_names), self.keep_predictions)
        features: dict[str, list[torch.Tensor]] = {name: [] for name in ood.BLOCKS}
        chunk = self.batch_size * 2
        # Under torchrun each rank validates its part and the logits are gathered back in order, so
        # every rank evaluates the whole set; one process adds each chunk as it comes (less memory).
        dist = self.distributed
        dist.broadcast_buffers(self.model)  # every rank evaluates with the statistics last.pt holds (rank 0's)
        images = self.val_images  # this process's part
        kept: list[torch.Tensor] = []
        largest = max(dist.sizes(len(labels)))  # every rank takes as many turns (and stop agreements)
        try:
            for start in range(0, largest, chunk):
                if dist.agree_stop(self.control.stop_requested, self.device):
                    return None
                # a rank whose part is used up runs on no images: the shapes of what it gathers stay known;
                # in float32, the arithmetic every answer is given in (classify, evaluate, Inside, exports)
                logits, blocks = self.validation_outputs(images, start, chunk)
                if dist.enabled:
                    kept.append(logits)
                else:
                    outputs.add(logits)
                for name, out in blocks.items():  # a few hundred numbers an image: what "unlike" is judged by
                    features[name].append(ood.pooled(out))
            if dist.enabled:
                outputs.add(dist.gather_rows(torch.cat(kept), len(labels)))
                features = {name: [dist.gather_rows(torch.cat(parts), len(labels))] for name, parts in features.items()}
            result = outputs.read(self.dataset.class_names)
            self.set_outliers(ood.fit({name: torch.cat(parts).cpu() for name, parts in features.items()},
                                      labels.cpu(), len(self.dataset.class_names)))
            return result
        finally:
            self.set_train_mode()
            self.epoch_time += time.perf_counter() - started

    def end_epoch(self, val_loss: float | None, val_accuracy: float | None,
                  evaluation: Evaluation | None) -> tuple[EpochEnd, EpochPredictions | None]:
        loss_sum, correct, count = self.epoch_sums
        self.position = Position(self.position.epochs_done + 1, 0, self.steps_per_epoch)
        confusion, predictions = None, None
        if evaluation is not None:
            confusion, predictions = epoch_records(self.position.epochs_done, evaluation, MAX_STORED_MATRIX)
        end = EpochEnd(self.position.epochs_done, loss_sum / max(count, 1), correct / max(count, 1), val_loss,
                       val_accuracy, self.epoch_time, self.optimizer.param_groups[0]["lr"], self.position.step,
                       evaluation.top_k_accuracy if evaluation else None, confusion)
        self.history.append(end)
        if self.metrics is not None:
            self.metrics.epoch(end)
        self.permutation = None
        self.epoch_sums, self.epoch_time = [0.0, 0.0, 0.0], 0.0
        return end, predictions

    # ------------------------------------------------------------ checkpoints

    def checkpoint_path(self, kind: str) -> str | None:
        return str(self.checkpoint_dir / f"{kind}.pt") if self.checkpoint_dir else None

    def save_epoch_checkpoints(self, end: EpochEnd) -> Iterator[CheckpointSaved]:
        score = end.val_accuracy if end.val_accuracy is not None else end.train_accuracy
        improved = self.best_score is None or score > self.best_score
        if improved:
            self.best_score = score
        if end.val_accuracy is not None and (self.best_val_accuracy is None or end.val_accuracy > self.best_val_accuracy):
            self.best_val_accuracy = end.val_accuracy
        saved = yield from self.save("last")
        if saved and improved:
            best = copy_checkpoint(saved.path, self.checkpoint_dir / "best.pt")
            yield CheckpointSaved(str(best), "best", self.position)

    def save(self, kind: str, periodic: bool = False) -> Iterator[CheckpointSaved | Status | Note]:
        """Write `kind`.pt and yield what happened; returns the CheckpointSaved (None without a
        run folder). A run folder deleted while training is made again first, with its log
        rebuilt from what the run remembers, so nothing is lost silently."""
        if self.checkpoint_dir is None:
            return None
        yield from self.settle(fit=not periodic)
        if self.metrics is not None and self.metrics.deleted():
            self.metrics.rebuild(self.started, self.batch_history, self.history)
            yield Note(Message(QT_TRANSLATE_NOOP("Core", "the run folder {folder} was deleted while training; it was "
                                                           "made again with the run's checkpoint and its log rebuilt from "
                                                           "memory"), folder=self.checkpoint_dir))
        path = save_checkpoint(self.checkpoint(), self.checkpoint_dir / f"{kind}.pt")
        self.saved_any = True
        self.last_save = time.perf_counter()
        saved = CheckpointSaved(str(path), kind, self.position)
        yield saved
        return saved

    def checkpoint(self) -> Checkpoint:
        return Checkpoint(
            model_config=self.model_config,
            model_state=self.model.state_dict(),
            class_names=list(self.dataset.class_names),
            preprocess=self.preprocess,
            train_config=self.config,
            position=self.position,
            history=list(self.history),
            batch_history=self.batch_history,
            best_val_accuracy=self.best_val_accuracy,
            outliers=self.outliers_now(),
            origin=self.origin,
            resume=ResumeState(
                optimizer=self.optimizer.state_dict(),
                scheduler=self.scheduler.state_dict() if self.scheduler else None,
                scaler=self.scaler.state_dict() if self.scaler.is_enabled() else None,
                permutation=self.permutation,
                rng=_rng_state(self.generator),
                epoch_sums=tuple(self.epoch_sums),
                epoch_time=self.epoch_time,
            ),
        )

    def restore(self, checkpoint: Checkpoint, name: str) -> None:
        """Continue from a checkpoint of this run: weights, optimizer, schedule, RNGs, position."""
        position, resume = checkpoint.position, checkpoint.resume
        if resume is None:
            raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: holds weights only, not the state a resume "
                                                                    "needs; classify with it, or start a new run"), name=name))
        if position.steps_per_epoch != self.steps_per_epoch:
            raise CheckpointError(Message(
                QT_TRANSLATE_NOOP("Core", "{name}: made with {made} batches per epoch, this data gives {now}: resume with "
                                          "the same dataset, limits and batch size"),
                name=name, made=position.steps_per_epoch, now=self.steps_per_epoch))
        permutation = resume.permutation
        if permutation is not None and not _is_epoch_order(permutation, len(self.dataset.train), self.epoch_images):
            raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: its stored shuffle is not an order of this "
                                                                    "dataset's {count} training images"),
                                          name=name, count=len(self.dataset.train)))
        stored = resume.scheduler or {}
        load_schedule = self.scheduler is not None and stored.get("total_steps", stored.get("T_max")) == self.total_steps
        try:  # the stored state was checked against the network when read; here, against this run's optimizer
            optimizer_state = resumed_optimizer_state(resume.optimizer, self.optimizer)
            schedule_state = resumed_scheduler_state(stored, self.scheduler) if load_schedule else None
        except ValueError as exc:
            raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: cannot resume: {problem}"), name=name,
                                          problem=message_of(exc))) from None
        try:
            self.model.load_state_dict(checkpoint.model_state)
            self.optimizer.load_state_dict(optimizer_state)
            if schedule_state is not None:
                self.scheduler.load_state_dict(schedule_state)
            elif self.scheduler is not None:  # the run was extended: the schedule as if it had been planned for the new length
                for _ in range(position.step):
                    self.scheduler.step()
            if resume.scaler and self.scaler.is_enabled():
                self.scaler.load_state_dict(resume.scaler)
            self.generator.set_state(resume.rng["data"])
            torch.set_rng_state(resume.rng["torch"])
            cuda = resume.rng.get("cuda")
            if cuda is not None and torch.cuda.is_available() and len(cuda) == torch.cuda.device_count():
                torch.cuda.set_rng_state_all(cuda)
        except Exception as exc:  # noqa: BLE001 - a crafted optimizer or RNG state fails in many ways
            raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "cannot resume from {name} ({kind}: {reason})"), name=name,
                                          kind=type(exc).__name__, reason=error_line(exc, 150))) from None
        self.position = position
        self.epoch_sums = list(resume.epoch_sums)
        self.epoch_time = resume.epoch_time
        self.permutation = permutation
        self.history = list(checkpoint.history)
        self.batch_history = {k: list(v) for k, v in checkpoint.batch_history.items()}
        self.best_val_accuracy = checkpoint.best_val_accuracy
        # fitted for the checkpoint's weights, its statistics recomputed for them (format 3)
        self.outliers, self.outliers_step, self.settled_step = checkpoint.outliers, position.step, position.step
        self.origin = checkpoint.origin
        scores = [h.val_accuracy if h.val_accuracy is not None else h.train_accuracy for h in self.history]
        self.best_score = max(scores) if scores else None


# ---------------------------------------------------------------- helpers


def _rng_state(generator: torch.Generator) -> dict[str, Any]:
    state = {"data": generator.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def _steps_per_epoch(n: int, batch_size: int) -> int:
    """Full batches plus the remainder, unless the remainder is a single image (BatchNorm
    cannot train on one)."""
    full, rest = divmod(n, batch_size)
    return full + (1 if rest >= 2 else 0)


def epoch_order(n: int, images: int, generator: torch.Generator) -> torch.Tensor:
    """The order of an epoch of `images` of the n training images: a shuffle of all n, cut short
    when fewer are asked for, followed by fresh shuffles when more are (every image at least once)."""
    shuffles = [torch.randperm(n, generator=generator) for _ in range(-(-images // n))]
    return torch.cat(shuffles)[:images]


def _is_epoch_order(order: torch.Tensor, n: int, images: int) -> bool:
    """Whether `order` can be an epoch_order(n, images): that long, each run of n a part of a shuffle."""
    if order.dim() != 1 or order.numel() != images or order.dtype != torch.int64:
        return False
    return all(int(part.min()) >= 0 and int(part.max()) < n and part.unique().numel() == part.numel()
               for part in order.split(n))


def _resumed_config(checkpoint: Checkpoint, requested: TrainConfig, name: str) -> TrainConfig:
    """The stored config, with what may change on resume taken from the request: the device,
    the number of epochs (0 keeps the stored one), where the data lives, the thread count."""
    if checkpoint.train_config is None:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: holds no training settings, so it cannot be resumed"), name=name))
    stored = dataclasses.replace(checkpoint.train_config)
    for key in RESUMABLE:
        value = getattr(requested, key)
        if key == "epochs" and value <= 0:
            continue  # 0 keeps the stored number of epochs
        if key == "data_dir" and not value:
            continue
        setattr(stored, key, value)
    if 0 < requested.epochs <= checkpoint.position.epochs_done:
        raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "{name} has already trained {epochs} epochs: ask for more than "
                                                            "that to continue"),
                                  name=name, epochs=checkpoint.position.epochs_done))
    return stored



def _check_memory(config: TrainConfig, dataset: Dataset, device: torch.device, distributed: Distributed) -> None:
    """Refuse, with numbers, settings that cannot fit in the device's memory (before allocating)."""
    available = available_bytes(device)
    if available is None:
        return
    # on the CPU the data is in memory already; on a GPU it (or this process's shard) is about to be copied there
    data_bytes = 0 if device.type == "cpu" else device_bytes(dataset, distributed)
    # under torchrun each process trains only its part of the global batch
    batch = max(distributed.sizes(min(config.batch_size, len(dataset.train))))
    estimate = estimate_training(dataset.channels, len(dataset.class_names), config.input_size, batch, data_bytes)
    where = Message(QT_TRANSLATE_NOOP("Core", "this computer")) if device.type == "cpu" else str(device)
    message = shortfall_message(estimate, available, config.input_size, where)
    if message:
        raise ConfigError(message)


def _check_resume_fits(checkpoint: Checkpoint, dataset: Dataset, name: str) -> None:
    mc = checkpoint.model_config
    if mc.in_channels != dataset.channels or mc.num_classes != len(dataset.class_names):
        raise CheckpointError(Message(
            QT_TRANSLATE_NOOP("Core", "{name}: made for {channels} channel(s) and {classes} classes, but {dataset} has "
                                      "{dataset_channels} and {dataset_classes}"),
            name=name, channels=mc.in_channels, classes=mc.num_classes, dataset=dataset.name,
            dataset_channels=dataset.channels, dataset_classes=len(dataset.class_names)))
