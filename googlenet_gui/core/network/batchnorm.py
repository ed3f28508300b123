"""BatchNorm running statistics that match the weights as they are now.

While a network trains, each BatchNorm layer keeps a running average of its batches' statistics
(momentum 0.1: mostly the last ten or twenty steps), which evaluation uses in place of a batch's.
The average lags the weights: in a short run it still holds much of its starting values and of
weights long gone, and a network that answers well with its batch statistics can answer one class
for everything with its running ones (18 steps of the sample: 0.13 instead of 0.725). Recomputing
the statistics from training images with the weights as they are, as
torch.optim.swa_utils.update_bn does, removes the lag: the running statistics become the plain
average of the statistics of those batches, for exactly these weights.
"""
from __future__ import annotations

from typing import Iterable

import torch
from torch import nn

REFRESH_IMAGES = 2048  # training images the statistics are recomputed from, at most


def batchnorm_layers(modules: Iterable[nn.Module]) -> list[nn.modules.batchnorm._BatchNorm]:
    """Every BatchNorm layer inside `modules` (e.g. a network's blocks that train)."""
    return [m for module in modules for m in module.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]


@torch.no_grad()
def refresh_batchnorm(model: nn.Module, batches: Iterable[torch.Tensor],
                      layers: list[nn.modules.batchnorm._BatchNorm] | None = None) -> int:
    """Recompute the running statistics of `layers` (default: every BatchNorm of `model`) as the
    average over `batches` (the network's input, each of at least two images), with the other
    layers as they are in eval mode. The model's train/eval modes are left as they were. Returns
    the images used (0: nothing to do)."""
    layers = batchnorm_layers([model]) if layers is None else layers
    if not layers:
        return 0
    modes = {module: module.training for module in model.modules()}
    momenta = {layer: layer.momentum for layer in layers}
    count = 0
    try:
        model.eval()
        for layer in layers:
            layer.reset_running_stats()
            layer.momentum = None  # a cumulative average over the batches, each counted once
            layer.train()
        for x in batches:
            model(x)
            count += len(x)
    finally:
        for layer, momentum in momenta.items():
            layer.momentum = momentum
        for module, training in modes.items():
            module.train(training)
    return count


def batches_of(images: torch.Tensor, batch_size: int, limit: int = REFRESH_IMAGES) -> list[torch.Tensor]:
    """The first `limit` of `images` in batches of `batch_size`, none of a single image (BatchNorm
    cannot compute statistics from one image's 1 x 1 maps)."""
    images = images[:limit]
    size = max(2, batch_size)
    parts = [images[i:i + size] for i in range(0, len(images), size)]
    if parts and len(parts[-1]) < 2:
        parts.pop()
    return parts
