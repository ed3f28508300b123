"""The network's layer table, in plain Python: what model.py builds, layer for layer, written as
data so that shapes.py can do its arithmetic (and the window can show it) without PyTorch.
tests/test_model.py checks that the two agree."""
from __future__ import annotations

from dataclasses import dataclass

BLOCK_NAMES = ("block1", "block2", "block3", "block4", "block5", "classifier")
BRANCH_NAMES = ("branch1", "branch2", "branch3", "branch4")
BRANCH_LABELS = {
    "branch1": "1x1 conv",
    "branch2": "1x1 conv -> 3x3 conv",
    "branch3": "1x1 conv -> 5x5 conv",
    "branch4": "3x3 max pool -> 1x1 conv",
}


@dataclass(frozen=True)
class Conv:  # model.conv_bn_relu: Conv2d -> BatchNorm2d -> ReLU
    out: int
    kernel: int
    stride: int = 1
    padding: int = 0


@dataclass(frozen=True)
class Pool:  # MaxPool2d
    kernel: int
    stride: int
    padding: int = 0


@dataclass(frozen=True)
class Inception:  # 1x1 | 1x1 -> 3x3 | 1x1 -> 5x5 | pool -> 1x1
    c1: int
    c3r: int
    c3: int
    c5r: int
    c5: int
    pool_proj: int


GLOBAL_POOL = "AdaptiveAvgPool2d"

# model.py's GoogLeNet, block by block (the classifier follows: Flatten, Linear(1024, classes))
LAYERS = {
    "block1": (Conv(64, 7, 2, 3), Pool(3, 2)),
    "block2": (Conv(64, 1), Conv(192, 3, 1, 1), Pool(3, 2)),
    "block3": (Inception(64, 96, 128, 16, 32, 32), Inception(128, 128, 192, 32, 96, 64), Pool(3, 2)),
    "block4": (Inception(192, 96, 208, 16, 48, 64), Inception(160, 112, 224, 24, 64, 64),
               Inception(128, 128, 256, 24, 64, 64), Inception(112, 144, 288, 32, 64, 64),
               Inception(256, 160, 320, 32, 128, 128), Pool(3, 2)),
    "block5": (Inception(256, 160, 320, 32, 128, 128), Inception(384, 182, 384, 48, 128, 128), GLOBAL_POOL),
}
