"""Feature visualization: an input optimised so that one channel of a layer responds as
strongly as it can (Olah, Mordvintsev and Schubert, "Feature Visualization", Distill 2017,
worked out on this very architecture).

The image is parameterised as the article recommends, so the result is readable instead of
high-frequency noise: its Fourier coefficients, scaled down at high frequencies (1 / frequency),
with decorrelated colours (Lucid's colour correlation matrix) and a sigmoid into 0..1. Each step
sees it through a random rotation (up to 10 degrees), scale (0.9 to 1.1) and shift (a
sixteenth of the side), so only what survives small transformations is kept. Adam, learning
rate 0.05, maximises the channel's mean activation.

Like core.understanding.inside, it works on a Predictor's copy of the weights and changes nothing in the model:
gradients are taken for the image alone (torch.autograd.grad), never stored on the weights.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

from ..data.download import Cancelled
from .inside import check_layer, walk
from ..network.model import GoogLeNet
from ..network.shapes import inspect_shapes, named_rows
from ..data.transforms import Preprocess

DEFAULT_STEPS = 256
GRID_CHANNELS = 16  # the window's grid: this many channels of a layer at once
LEARNING_RATE = 0.05
ROTATION = math.radians(10)
SCALE = 0.1
INITIAL_SPREAD = 0.01  # of the Fourier coefficients: the start is faint noise around grey
# sqrt of ImageNet's colour correlation, from Lucid (lucid/optvis/param/color.py): optimising in
# these decorrelated colours keeps the result from drifting into one saturated hue
COLOR_CORRELATION_SQRT = torch.tensor([[0.26, 0.09, 0.02], [0.27, 0.00, -0.05], [0.27, -0.09, 0.03]])

Progress = Callable[[int, int], None]


@dataclass
class Visualization:
    layer: str
    channels: list[int]
    images: np.ndarray  # uint8 [N, S, S] (one channel) or [N, S, S, 3], one per channel
    start: list[float]  # each channel's mean activation for the starting image (faint noise)
    final: list[float]  # and for the finished image
    steps: int


def channel_count(layer: str, in_channels: int, size: int) -> int:
    """How many channels `layer` has (its output's first dimension) at this input."""
    check_layer(layer)
    return dict(named_rows(inspect_shapes(in_channels, size, size)))[layer].output[0]


def visualize(model: GoogLeNet, preprocess: Preprocess, layer: str, channels: list[int], steps: int = DEFAULT_STEPS,
              seed: int = 0, progress: Progress | None = None, cancel: threading.Event | None = None) -> Visualization:
    """Optimise one image per channel in `channels` of `layer`, all in one batch, at the network's
    input size. `progress(done, steps)` after each step; setting `cancel` raises
    download.Cancelled before the next."""
    size, in_channels = preprocess.input_size, preprocess.channels
    available = channel_count(layer, in_channels, size)
    if not channels:
        raise ValueError("no channel to visualize")
    bad = [c for c in channels if not 0 <= c < available]
    if bad:
        raise ValueError(f"{layer} has channels 0 to {available - 1}; {bad[0]} is not one of them")
    if steps < 1:
        raise ValueError("steps must be at least 1")
    generator = torch.Generator().manual_seed(seed)
    image = _FourierImage(len(channels), in_channels, size, generator)
    optimizer = torch.optim.Adam([image.spectrum], lr=LEARNING_RATE)
    which = torch.tensor(channels)

    def objective(pixels: torch.Tensor) -> torch.Tensor:
        """Each image's mean activation of its own channel, [N]."""
        x = (pixels - preprocess.mean) / preprocess.std
        out = _output(model, x, layer)
        return out[torch.arange(len(channels)), which].mean(dim=(1, 2))

    with torch.no_grad():
        start = objective(image.pixels()).tolist()
    for step in range(steps):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        with torch.enable_grad():
            score = objective(_jitter(image.pixels(), generator)).sum()
            (grad,) = torch.autograd.grad(-score, image.spectrum)
        image.spectrum.grad = grad
        optimizer.step()
        if progress is not None:
            progress(step + 1, steps)
    with torch.no_grad():
        pixels = image.pixels()
        final = objective(pixels).tolist()
    out = (pixels * 255.0).round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).numpy()
    return Visualization(layer, list(channels), np.ascontiguousarray(out[..., 0] if in_channels == 1 else out),
                         start, final, steps)


def _output(model: GoogLeNet, x: torch.Tensor, layer: str) -> torch.Tensor:
    """`layer`'s output for a batch, the network run only as far as that layer."""
    found: list[torch.Tensor] = []

    def visit(name: str, out: torch.Tensor) -> torch.Tensor | None:
        if name == layer:
            found.append(out)
            return None
        return out

    walk(model, x, visit, relu=_RedirectedReLU.apply)
    return found[0]


class _RedirectedReLU(torch.autograd.Function):
    """ReLU whose gradient does not vanish where the unit is off: for an image whose every
    gradient the ReLUs block (a channel silent on the starting noise), the gradient passes
    where it would turn the unit on. Lucid's redirected ReLU (lucid/optvis/redirected_relu_grad.py);
    without it a channel silent at the start could never be visualized."""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:  # noqa: D102
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad: torch.Tensor) -> torch.Tensor:  # noqa: D102
        (x,) = ctx.saved_tensors
        off = x < 0
        plain = grad.masked_fill(off, 0.0)
        redirected = grad.masked_fill(off & (grad > 0), 0.0)  # never push an off unit further off
        blocked = plain.flatten(1).norm(dim=1) == 0  # per image: nothing got through
        return torch.where(blocked.view(-1, *([1] * (grad.dim() - 1))), redirected, plain)


class _FourierImage:
    """N images of C channels, S x S, as scaled Fourier coefficients (the optimised tensor is
    `spectrum`); pixels() gives them in 0..1."""

    def __init__(self, n: int, channels: int, size: int, generator: torch.Generator):
        fy = torch.fft.fftfreq(size)[:, None]
        fx = torch.fft.rfftfreq(size)[None, :]
        frequency = torch.sqrt(fx * fx + fy * fy)
        self.scale = 1.0 / torch.clamp(frequency, min=1.0 / size)  # 1 / f: natural images' spectrum
        self.size, self.channels = size, channels
        shape = (n, channels, size, size // 2 + 1, 2)
        self.spectrum = (torch.randn(shape, generator=generator) * INITIAL_SPREAD).requires_grad_()

    def pixels(self) -> torch.Tensor:
        coefficients = torch.view_as_complex(self.spectrum) * self.scale
        image = torch.fft.irfft2(coefficients, s=(self.size, self.size), norm="ortho") / 4.0  # Lucid's scale
        if self.channels == 3:
            correlation = COLOR_CORRELATION_SQRT / COLOR_CORRELATION_SQRT.norm(dim=0).max()
            image = torch.einsum("nchw,dc->ndhw", image, correlation)
        return torch.sigmoid(image)


def _jitter(pixels: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Each image rotated, scaled and shifted at random (one affine resampling, edges reflected)."""
    n, _, size, _ = pixels.shape
    angle = (torch.rand(n, generator=generator) * 2 - 1) * ROTATION
    scale = 1 + (torch.rand(n, generator=generator) * 2 - 1) * SCALE
    shift = (torch.rand(n, 2, generator=generator) * 2 - 1) * (2.0 / 16)  # a sixteenth of the side, in -1..1 units
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], dim=1),
                         torch.stack([sin, cos, shift[:, 1]], dim=1)], dim=1)
    grid = F.affine_grid(theta, list(pixels.shape), align_corners=False)
    return F.grid_sample(pixels, grid, mode="bilinear", padding_mode="reflection", align_corners=False)
