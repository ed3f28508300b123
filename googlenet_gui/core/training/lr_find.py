"""The learning-rate finder (Smith, 2017, "Cyclical Learning Rates for Training Neural Networks";
fastai's lr_find): a short run that raises the learning rate exponentially, step by step, from
very small to very large, and records the loss at each rate. The loss first stays flat (the rate is
too small to move the weights), then falls, then shoots up (the rate is too large). The suggested
rate is where the smoothed loss falls fastest against the log of the rate (fastai's "steepest").

`range_test` works on any model and loss, and puts the weights back afterwards; `find_learning_rate`
runs it for a training setting: the network the run would start from (its seed), its optimizer,
batches of its training images prepared as training prepares them, on its device and precision.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from ..common.devices import AUTOCAST_DTYPES, DEFAULT_THREADS, precision_for, resolve_device
from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..data.download import Cancelled
from ..data.sources import Dataset
from ..data.transforms import augment, augment_padding, to_model_input
from ..network.model import GoogLeNet, ModelConfig
from ..runs.config import ConfigError, TrainConfig
from .engine import run_dataset
from .optim import make_optimizer, training_loss

START_RATE = 1e-7
END_RATE = 10.0
STEPS = 100
SMOOTHING = 0.98  # the loss's exponential moving average (fastai's beta), with its start's bias corrected
DIVERGED = 4.0  # the test stops once the smoothed loss is this many times its lowest

Progress = Callable[[int, int, str], None]
STEPPING = QT_TRANSLATE_NOOP("Core", "learning rate {rate:.2g}, loss {loss:.3g}")


@dataclass(frozen=True)
class LRFinding:
    """The loss at each rate tried, and what it suggests."""

    rates: list[float]
    losses: list[float]  # each step's loss as it was
    smoothed: list[float]  # their moving average (what the suggestion is read from)
    suggestion: float | None  # the rate where the smoothed loss falls fastest; None: it never fell
    lowest: float | None  # the rate at the lowest smoothed loss
    diverged: bool  # the loss shot up before the last rate, which ended the test

    def to_dict(self) -> dict:
        return {"suggestion": self.suggestion, "lowest": self.lowest, "diverged": self.diverged,
                "rates": self.rates, "losses": self.losses, "smoothed": self.smoothed}


def rates(start: float = START_RATE, end: float = END_RATE, steps: int = STEPS) -> list[float]:
    """`steps` rates from `start` to `end`, each the same factor above the one before."""
    if steps < 2:
        return [start]
    return [start * (end / start) ** (i / (steps - 1)) for i in range(steps)]


def steepest(rates: list[float], smoothed: list[float], skip: int = 0) -> float | None:
    """The rate at which the smoothed loss falls fastest against log(rate), between the first
    `skip` points (fastai leaves out the first tenth: the moving average of a few noisy losses
    swings there) and the lowest point (after it the loss only rises)."""
    losses = np.asarray(smoothed, dtype=np.float64)
    if len(losses) < skip + 3 or not np.isfinite(losses).any():
        return None
    end = int(np.nanargmin(losses)) + 1
    if end < skip + 3:
        return None
    log_rates = np.log10(np.asarray(rates, dtype=np.float64))
    slopes = np.gradient(losses[skip:end], log_rates[skip:end])
    index = int(np.argmin(slopes))
    return float(rates[skip + index]) if slopes[index] < 0 else None


def range_test(model: torch.nn.Module, optimizer: torch.optim.Optimizer, next_loss: Callable[[], torch.Tensor],
               start: float = START_RATE, end: float = END_RATE, steps: int = STEPS,
               progress: Progress | None = None, cancel: threading.Event | None = None,
               scaler: torch.amp.GradScaler | None = None) -> LRFinding:
    """Train `model` with `optimizer` for up to `steps` steps (`next_loss()` gives each step's loss)
    at rates rising from `start` to `end`, then put its weights and buffers back as they were.
    Setting `cancel` stops it before the next step (download.Cancelled), the weights put back too."""
    if not (0 < start < end and math.isfinite(end)) or steps < 3:
        raise ConfigError(Message(QT_TRANSLATE_NOOP("Core", "the learning-rate finder needs 0 < start rate < end rate "
                                                            "and at least 3 steps")))
    saved = {key: value.detach().clone() for key, value in model.state_dict().items()}
    tried, losses, smoothed = [], [], []
    average, best, diverged = 0.0, math.inf, False
    try:
        model.train()
        for i, rate in enumerate(rates(start, end, steps)):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            for group in optimizer.param_groups:
                group["lr"] = rate
            optimizer.zero_grad(set_to_none=True)
            loss = next_loss()
            if scaler is not None and scaler.is_enabled():
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
            else:
                loss.backward()
                optimizer.step()
            value = float(loss.detach())
            if not math.isfinite(value):
                diverged = True
                break
            average = SMOOTHING * average + (1 - SMOOTHING) * value
            smooth = average / (1 - SMOOTHING ** (i + 1))
            tried.append(rate)
            losses.append(value)
            smoothed.append(smooth)
            best = min(best, smooth)
            if progress is not None:
                progress(i + 1, steps, Message(STEPPING, rate=rate, loss=value))
            if smooth > DIVERGED * best:
                diverged = True
                break
    finally:
        model.load_state_dict(saved)
        optimizer.zero_grad(set_to_none=True)
    lowest = tried[int(np.argmin(smoothed))] if smoothed else None
    return LRFinding(tried, losses, smoothed, steepest(tried, smoothed, steps // 10), lowest, diverged)


def find_learning_rate(config: TrainConfig, dataset: Dataset | None = None, start: float = START_RATE,
                       end: float = END_RATE, steps: int = STEPS, progress: Progress | None = None,
                       cancel: threading.Event | None = None) -> LRFinding:
    """The range test for a training setting: the network its run would start from (same seed), its
    optimizer, momentum and weight decay, its batch size, augmentation, label smoothing, precision and
    device; `dataset` or the setting's own (cut to its limits). Nothing of a run is changed or written."""
    config.validate()
    device = resolve_device(config.device)
    torch.set_num_threads(config.num_threads or DEFAULT_THREADS)  # this thread's PyTorch, as the training thread's
    if dataset is None and progress is not None:
        progress(0, steps, Message(QT_TRANSLATE_NOOP("Core", "loading data")))
    dataset = run_dataset(config, dataset, cancel)
    train = dataset.train
    precision = precision_for(device, config.precision)
    autocast = AUTOCAST_DTYPES.get(precision)
    with torch.random.fork_rng(devices=[]):  # the network the run would start from, without moving anyone's RNG
        torch.manual_seed(config.seed)
        model = GoogLeNet(ModelConfig(dataset.channels, len(dataset.class_names)))
    model = model.to(device)
    if config.channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = make_optimizer(model, config, device)
    scaler = torch.amp.GradScaler(device.type, enabled=precision == "fp16")
    batch_size = min(config.batch_size, len(train))
    generator = torch.Generator().manual_seed(config.seed)
    pad = augment_padding(dataset.stored_size) if config.augment else 0
    flip = config.augment and dataset.flip_ok
    order: list[torch.Tensor] = []

    def next_loss() -> torch.Tensor:
        if not order:  # the training images in a shuffled order, again when used up
            order.extend(torch.randperm(len(train), generator=generator).split(batch_size))
            if len(order) > 1 and len(order[-1]) < 2:
                order.pop()  # BatchNorm cannot train on one image
        chosen = order.pop(0)
        x = train.images[chosen].to(device)
        y = train.labels[chosen].to(device)
        if pad or flip:
            x = augment(x, generator, pad, flip)
        x = to_model_input(x, config.input_size, config.channels_last)
        with torch.autocast(device.type, dtype=autocast or torch.float32, enabled=autocast is not None):
            logits = model(x)
        return training_loss(logits, y, config)

    return range_test(model, optimizer, next_loss, start, end, steps, progress, cancel, scaler)
