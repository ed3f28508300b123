"""The reference GoogLeNet (Inception v1 with BatchNorm): the network and its config, nothing else.

The network matches the reference tutorial's layer for layer (docs/ARCHITECTURE.md has the
table); the only change is a global (adaptive) average pool at the end of block5, which equals
the tutorial's AvgPool2d(2) at the default 96x96 input and also works for every other size the
network accepts. Shape inspection is in shapes.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import torch
from torch import nn

from .architecture import BLOCK_NAMES, BRANCH_NAMES  # noqa: F401 (the names are the model's too)


@dataclass(frozen=True)
class ModelConfig:
    """What is needed to rebuild the network: stored in every checkpoint."""

    in_channels: int = 3
    num_classes: int = 10


def conv_bn_relu(in_ch: int, out_ch: int, kernel: int, stride: int = 1, padding: int = 0) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, kernel, stride=stride, padding=padding),
        nn.BatchNorm2d(out_ch, eps=1e-3),
        nn.ReLU(inplace=True),
    )


class Inception(nn.Module):
    """Four branches concatenated on channels: 1x1; 1x1->3x3; 1x1->5x5; maxpool->1x1."""

    def __init__(self, in_ch: int, c1: int, c3r: int, c3: int, c5r: int, c5: int, pool_proj: int):
        super().__init__()
        self.branch1 = conv_bn_relu(in_ch, c1, 1)
        self.branch2 = nn.Sequential(conv_bn_relu(in_ch, c3r, 1), conv_bn_relu(c3r, c3, 3, padding=1))
        self.branch3 = nn.Sequential(conv_bn_relu(in_ch, c5r, 1), conv_bn_relu(c5r, c5, 5, padding=2))
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), conv_bn_relu(in_ch, pool_proj, 1))
        self.out_channels = c1 + c3 + c5 + pool_proj

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], dim=1)


class GoogLeNet(nn.Module):
    def __init__(self, config: ModelConfig = ModelConfig()):
        super().__init__()
        self.config = config
        self.block1 = nn.Sequential(                                   # N x 64 x H/4 x W/4
            conv_bn_relu(config.in_channels, 64, 7, stride=2, padding=3),
            nn.MaxPool2d(3, stride=2),
        )
        self.block2 = nn.Sequential(                                   # N x 192 x H/8 x W/8
            conv_bn_relu(64, 64, 1),
            conv_bn_relu(64, 192, 3, padding=1),
            nn.MaxPool2d(3, stride=2),
        )
        self.block3 = nn.Sequential(                                   # N x 480 x H/16 x W/16
            Inception(192, 64, 96, 128, 16, 32, 32),
            Inception(256, 128, 128, 192, 32, 96, 64),
            nn.MaxPool2d(3, stride=2),
        )
        self.block4 = nn.Sequential(                                   # N x 832 x H/32 x W/32
            Inception(480, 192, 96, 208, 16, 48, 64),
            Inception(512, 160, 112, 224, 24, 64, 64),
            Inception(512, 128, 128, 256, 24, 64, 64),
            Inception(512, 112, 144, 288, 32, 64, 64),
            Inception(528, 256, 160, 320, 32, 128, 128),
            nn.MaxPool2d(3, stride=2),
        )
        self.block5 = nn.Sequential(                                   # N x 1024 x 1 x 1
            Inception(832, 256, 160, 320, 32, 128, 128),
            Inception(832, 384, 182, 384, 48, 128, 128),  # 182, not 192: the reference's value
            nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(1024, config.num_classes))  # N x classes

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
def parameter_shapes(config: ModelConfig) -> list[tuple[int, ...]]:
    """The shapes of the network's parameters in the order model.parameters() gives them (an
    optimizer's state numbers them so): its state_dict without the BatchNorm buffers."""
    return [shape for key, shape in state_shapes(config).items() if not key.endswith(BUFFER_NAMES)]
