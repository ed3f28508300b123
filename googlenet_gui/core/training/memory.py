"""Will a training run fit in memory? An estimate from the network's shapes, checked before
anything is allocated, so settings too large for the machine get one line with numbers instead
of the operating system killing the app.

The estimate: the activations kept for the backward pass (every layer's output for each image
of a batch, from a meta-device forward pass, times 1.25 for the backward pass's temporaries, as
measured on a CPU: 7.9 MiB an image at input 96 where the layer outputs are 6.5 MiB), the weights,
gradients and optimizer state (16 bytes a parameter with Adam), the dataset on the device, and
the runtime's own ~400 MiB.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import torch

from ..network.model import GoogLeNet, ModelConfig
from ..common.messages import QT_TRANSLATE_NOOP, Message

BACKWARD_FACTOR = 1.25
RUNTIME_BYTES = 400 * 2**20
FITS_BELOW = 0.85  # of the memory available: the rest is the margin for the estimate's error


@dataclass(frozen=True)
class MemoryEstimate:
    per_image: int  # activations kept for one image of a batch
    fixed: int  # weights, gradients, optimizer state, data, runtime
    batch_size: int

    @property
    def total(self) -> int:
        return self.fixed + self.per_image * self.batch_size

    def largest_batch(self, available: int) -> int:
        return max(0, int((available * FITS_BELOW - self.fixed) // max(self.per_image, 1)))


@lru_cache(maxsize=32)
def activation_elements(in_channels: int, num_classes: int, input_size: int) -> int:
    """Elements of every layer's output for one image (meta device: nothing is allocated)."""
    with torch.device("meta"):
        model = GoogLeNet(ModelConfig(in_channels, num_classes)).eval()  # BatchNorm takes one image in eval
    total = 0

    def count(module: torch.nn.Module, args: tuple, output: torch.Tensor) -> None:
        nonlocal total
        total += output.numel()

    leaves = [m for m in model.modules() if not any(True for _ in m.children())]
    handles = [m.register_forward_hook(count) for m in leaves]
    try:
        with torch.no_grad():
            model(torch.empty(1, in_channels, input_size, input_size, device="meta"))
    finally:
        for handle in handles:
            handle.remove()
    return total


def estimate_training(in_channels: int, num_classes: int, input_size: int, batch_size: int,
                      data_bytes: int) -> MemoryEstimate:
    params = sum(p.numel() for p in _meta_model(in_channels, num_classes).parameters())
    per_image = int(activation_elements(in_channels, num_classes, input_size) * 4 * BACKWARD_FACTOR)
    # the batch as the network sees it (float, channels_last copy) is small beside its activations
    per_image += in_channels * input_size * input_size * 4 * 2
    return MemoryEstimate(per_image, params * 16 + data_bytes + RUNTIME_BYTES, batch_size)


@lru_cache(maxsize=8)
def _meta_model(in_channels: int, num_classes: int) -> GoogLeNet:
    with torch.device("meta"):
        return GoogLeNet(ModelConfig(in_channels, num_classes))


def available_bytes(device: torch.device) -> int | None:
    """Memory free for a new run on `device`; None where it cannot be told."""
    if device.type == "cuda":
        free, _ = torch.cuda.mem_get_info(device)
        return int(free)
    if device.type != "cpu":
        return None
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def shortfall_message(estimate: MemoryEstimate, available: int, input_size: int, where: str) -> str | None:
    """One line when the run would not fit in `available` bytes, else None."""
    if estimate.total <= available * FITS_BELOW:
        return None
    largest = estimate.largest_batch(available)
    advice = (Message(QT_TRANSLATE_NOOP("Core", "batch size {largest} or less fits at input {input_size}"),
                      largest=largest, input_size=input_size) if largest >= 2 else
              Message(QT_TRANSLATE_NOOP("Core", "even a batch of 2 does not fit at input {input_size}: choose a smaller "
                                                "input size"), input_size=input_size))
    return Message(QT_TRANSLATE_NOOP("Core", "not enough memory: batch size {batch_size} at input {input_size} needs about "
                                             "{needed} ({activations} for the batch's activations), and {where} has "
                                             "{available} free; {advice}"),
                   batch_size=estimate.batch_size, input_size=input_size, needed=_gib(estimate.total),
                   activations=_gib(estimate.per_image * estimate.batch_size), where=where, available=_gib(available),
                   advice=advice)


def _gib(n: int) -> str:
    return f"{n / 2**30:,.1f} GiB" if n < 2**40 else f"{n / 2**40:,.1f} TiB"
