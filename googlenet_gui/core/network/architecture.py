"""The network's layer table, in plain Python: what model.py builds, layer for layer, written as
data so that shapes.py can do its arithmetic (and the window can show it) without PyTorch.
tests/test_model.py checks that the two agree.

Two layouts of the same GoogLeNet (Inception v1 with BatchNorm):
- "tutorial": the reference tutorial's, which this app trains from scratch.
- "torchvision": torchvision's `googlenet`, which holds its ImageNet weights
  (GoogLeNet_Weights.IMAGENET1K_V1): max-pools that round their output size up (ceil_mode), a
  2x2 pool after the fourth stage (the tutorial's is 3x3), a 3x3 kernel in the "5x5" branch (a
  bug torchvision keeps for its weights), convolutions without bias (BatchNorm's shift does that
  job) and 192, not 182, channels into inception5b's 3x3. No auxiliary heads: they only train.
"""
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
    ceil: bool = False  # ceil_mode: the output size rounded up (a last window that overhangs the edge counts)


@dataclass(frozen=True)
class Inception:  # 1x1 | 1x1 -> 3x3 | 1x1 -> 5x5 | pool -> 1x1
    c1: int
    c3r: int
    c3: int
    c5r: int
    c5: int
    pool_proj: int


GLOBAL_POOL = "AdaptiveAvgPool2d"


@dataclass(frozen=True)
class Layout:
    """One arrangement of the network: its layer table and the details every layer shares."""

    name: str
    layers: dict[str, tuple]  # block -> its layers (the classifier follows: Flatten, Linear(1024, classes))
    conv_bias: bool  # whether convolutions have a bias
    c5_kernel: int  # the kernel of the "5x5" branch's second convolution (padding keeps the size)
    ceil_mode: bool  # the Inception modules' 3x3 pools round up too (it changes nothing at stride 1)
    branch_labels: dict[str, str]


TUTORIAL = Layout(
    "tutorial",
    {
        "block1": (Conv(64, 7, 2, 3), Pool(3, 2)),
        "block2": (Conv(64, 1), Conv(192, 3, 1, 1), Pool(3, 2)),
        "block3": (Inception(64, 96, 128, 16, 32, 32), Inception(128, 128, 192, 32, 96, 64), Pool(3, 2)),
        "block4": (Inception(192, 96, 208, 16, 48, 64), Inception(160, 112, 224, 24, 64, 64),
                   Inception(128, 128, 256, 24, 64, 64), Inception(112, 144, 288, 32, 64, 64),
                   Inception(256, 160, 320, 32, 128, 128), Pool(3, 2)),
        # 182, not 192: the reference's value
        "block5": (Inception(256, 160, 320, 32, 128, 128), Inception(384, 182, 384, 48, 128, 128), GLOBAL_POOL),
    },
    conv_bias=True, c5_kernel=5, ceil_mode=False, branch_labels=BRANCH_LABELS,
)

TORCHVISION = Layout(
    "torchvision",
    {
        "block1": (Conv(64, 7, 2, 3), Pool(3, 2, ceil=True)),
        "block2": (Conv(64, 1), Conv(192, 3, 1, 1), Pool(3, 2, ceil=True)),
        "block3": (Inception(64, 96, 128, 16, 32, 32), Inception(128, 128, 192, 32, 96, 64), Pool(3, 2, ceil=True)),
        "block4": (Inception(192, 96, 208, 16, 48, 64), Inception(160, 112, 224, 24, 64, 64),
                   Inception(128, 128, 256, 24, 64, 64), Inception(112, 144, 288, 32, 64, 64),
                   Inception(256, 160, 320, 32, 128, 128), Pool(2, 2, ceil=True)),
        "block5": (Inception(256, 160, 320, 32, 128, 128), Inception(384, 192, 384, 48, 128, 128), GLOBAL_POOL),
    },
    conv_bias=False, c5_kernel=3, ceil_mode=True,
    branch_labels={**BRANCH_LABELS, "branch3": "1x1 conv -> 3x3 conv (torchvision's \"5x5\" branch)"},
)

LAYOUTS = {layout.name: layout for layout in (TUTORIAL, TORCHVISION)}


def training_blocks(train_layers: str) -> tuple[str, ...]:
    """The blocks whose weights train (TrainConfig.train_layers): "head" the classifier alone, a
    block's name that block and those after it, "all" (or anything else) every block."""
    if train_layers == "head":
        return ("classifier",)
    if train_layers in BLOCK_NAMES:
        return BLOCK_NAMES[BLOCK_NAMES.index(train_layers):]
    return BLOCK_NAMES
DEFAULT_LAYOUT = TUTORIAL.name
LAYERS = TUTORIAL.layers  # the tutorial's table, as before layouts
