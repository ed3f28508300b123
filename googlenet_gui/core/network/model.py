"""The reference GoogLeNet (Inception v1 with BatchNorm): the network and its config, nothing else.

The network is built from the layer table in architecture.py, in one of its layouts: the
reference tutorial's (layer for layer; the only change is a global (adaptive) average pool at
the end of block5, which equals the tutorial's AvgPool2d(2) at the default 96x96 input and also
works for every other size the network accepts), or torchvision's, which holds torchvision's
ImageNet weights (core/network/torchvision_weights.py converts them). Shape inspection is in
shapes.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import torch
from torch import nn

from . import architecture
from .architecture import BLOCK_NAMES, BRANCH_NAMES, DEFAULT_LAYOUT, LAYOUTS, training_blocks  # noqa: F401 (the names are the model's too)


@dataclass(frozen=True)
class ModelConfig:
    """What is needed to rebuild the network: stored in every checkpoint."""

    in_channels: int = 3
    num_classes: int = 10
    layout: str = DEFAULT_LAYOUT  # architecture.LAYOUTS: "tutorial" or "torchvision"

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown network layout {self.layout!r}; the layouts are {', '.join(LAYOUTS)}")


def conv_bn_relu(in_ch: int, out_ch: int, kernel: int, stride: int = 1, padding: int = 0,
                 bias: bool = True) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, kernel, stride=stride, padding=padding, bias=bias),
        nn.BatchNorm2d(out_ch, eps=1e-3),
        nn.ReLU(inplace=True),
    )


class Inception(nn.Module):
    """Four branches concatenated on channels: 1x1; 1x1->3x3; 1x1->5x5 (3x3 in torchvision's
    layout); maxpool->1x1."""

    def __init__(self, in_ch: int, c1: int, c3r: int, c3: int, c5r: int, c5: int, pool_proj: int,
                 layout: architecture.Layout = architecture.TUTORIAL):
        super().__init__()
        bias, k5 = layout.conv_bias, layout.c5_kernel
        self.branch1 = conv_bn_relu(in_ch, c1, 1, bias=bias)
        self.branch2 = nn.Sequential(conv_bn_relu(in_ch, c3r, 1, bias=bias), conv_bn_relu(c3r, c3, 3, padding=1, bias=bias))
        self.branch3 = nn.Sequential(conv_bn_relu(in_ch, c5r, 1, bias=bias),
                                     conv_bn_relu(c5r, c5, k5, padding=k5 // 2, bias=bias))
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1, ceil_mode=layout.ceil_mode),
                                     conv_bn_relu(in_ch, pool_proj, 1, bias=bias))
        self.out_channels = c1 + c3 + c5 + pool_proj

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], dim=1)


def _block(layers: tuple, channels: int, layout: architecture.Layout) -> tuple[nn.Sequential, int]:
    """One block of the layer table as modules, and the channels it gives."""
    modules: list[nn.Module] = []
    for layer in layers:
        if isinstance(layer, architecture.Conv):
            modules.append(conv_bn_relu(channels, layer.out, layer.kernel, layer.stride, layer.padding, layout.conv_bias))
            channels = layer.out
        elif isinstance(layer, architecture.Pool):
            modules.append(nn.MaxPool2d(layer.kernel, stride=layer.stride, padding=layer.padding, ceil_mode=layer.ceil))
        elif isinstance(layer, architecture.Inception):
            module = Inception(channels, layer.c1, layer.c3r, layer.c3, layer.c5r, layer.c5, layer.pool_proj, layout)
            modules.append(module)
            channels = module.out_channels
        else:  # GLOBAL_POOL
            modules.append(nn.AdaptiveAvgPool2d(1))
    return nn.Sequential(*modules), channels


class GoogLeNet(nn.Module):
    # Tutorial layout at 96 x 96: block1 N x 64 x 23 x 23, block2 N x 192 x 11 x 11, block3 N x 480 x 5 x 5,
    # block4 N x 832 x 2 x 2, block5 N x 1024 x 1 x 1, classifier N x classes (shapes.py for any size)
    def __init__(self, config: ModelConfig = ModelConfig()):
        super().__init__()
        self.config = config
        layout = LAYOUTS[config.layout]
        channels = config.in_channels
        for name, layers in layout.layers.items():
            block, channels = _block(layers, channels, layout)
            setattr(self, name, block)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(channels, config.num_classes))  # N x classes

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for name in BLOCK_NAMES:
            x = getattr(self, name)(x)
        return x

    def forward_keeping(self, x: torch.Tensor, keep: tuple[str, ...]) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        """The logits, and the outputs of the blocks named in `keep` on the way (one pass)."""
        kept = {}
        for name in BLOCK_NAMES:
            x = getattr(self, name)(x)
            if name in keep:
                kept[name] = x
        return x, kept


@lru_cache(maxsize=8)
def state_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    """Every tensor of the network's state_dict with its shape, built on the meta device (no memory)."""
    with torch.device("meta"):
        model = GoogLeNet(config)
    return {key: tuple(value.shape) for key, value in model.state_dict().items()}


BUFFER_NAMES = ("running_mean", "running_var", "num_batches_tracked")


@lru_cache(maxsize=8)
def optimized_parameters(config: ModelConfig, train_layers: str = "all", transferred: bool = False) -> list[str]:
    """The parameters an optimizer trains, by name, in the order it numbers them: every parameter in the
    network's order; for a run from other weights (`transferred`), those of the blocks `train_layers`
    trains, the last layer's first (its own group, at the full rate), then the others
    (core/training/transfer.parameter_groups)."""
    names = [key for key in state_shapes(config) if not key.endswith(BUFFER_NAMES)]
    if not transferred:
        return names
    training = set(training_blocks(train_layers))
    trainable = [name for name in names if name.split(".")[0] in training]
    return [n for n in trainable if n.startswith("classifier.")] + [n for n in trainable if not n.startswith("classifier.")]


def parameter_shapes(config: ModelConfig) -> list[tuple[int, ...]]:
    """The shapes of the network's parameters in the order model.parameters() gives them (an
    optimizer's state numbers them so): its state_dict without the BatchNorm buffers."""
    return [shape for key, shape in state_shapes(config).items() if not key.endswith(BUFFER_NAMES)]
