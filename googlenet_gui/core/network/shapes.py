"""Shape inspection: per block, Inception module and branch, the output shape, parameters and
multiply-adds for any input size, by arithmetic on the network's layer table in architecture.py (plain
Python: the window shows it before PyTorch has loaded, and it is instant for any size).
tests/test_model.py checks it against a forward pass of the real network on the meta device, for
many input sizes.

Multiply-adds follow fvcore's and torch.utils.flop_counter's convention: the weights of
convolutions and linear layers only (flop_counter's FLOPs / 2). torchinfo's "mult-adds" also
count biases and BatchNorm, about 0.2% more for this network.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .architecture import DEFAULT_LAYOUT, GLOBAL_POOL, LAYOUTS, Conv, Inception, Layout, Pool
from ..common.messages import QT_TRANSLATE_NOOP, Message


class InputTooSmallError(ValueError):
    """The input size does not survive the network's downsampling."""

    def __init__(self, message: str, block: str, layer: str, min_height: int, min_width: int,
                 rows_before: ShapeReport | None = None):
        super().__init__(message)
        self.block = block
        self.layer = layer
        self.min_height = min_height
        self.min_width = min_width
        self.rows_before = rows_before  # the table up to the layer where it breaks


@dataclass
class LayerShape:
    """One row of the shape table: a block, an Inception module or one of its branches."""

    name: str
    kind: str
    output: tuple[int, ...]
    params: int
    macs: int
    children: list["LayerShape"] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = {"name": self.name, "kind": self.kind, "output": list(self.output), "params": self.params, "macs": self.macs}
        if self.children:
            d["branches" if self.kind == "Inception" else "layers"] = [c.to_dict() for c in self.children]
        return d


@dataclass
class ShapeReport:
    input: tuple[int, int, int]
    num_classes: int
    blocks: list[LayerShape]
    layout: str = DEFAULT_LAYOUT  # architecture.LAYOUTS: the tutorial's, or torchvision's (ImageNet weights)

    @property
    def total_params(self) -> int:
        return sum(b.params for b in self.blocks)

    @property
    def total_macs(self) -> int:
        return sum(b.macs for b in self.blocks)

    def to_dict(self) -> dict:
        return {
            "input": list(self.input),
            "num_classes": self.num_classes,
            "layout": self.layout,
            "blocks": [b.to_dict() for b in self.blocks],
            "total_params": self.total_params,
            "total_macs": self.total_macs,
        }


def inception_name(block_name: str, index: int) -> str:
    """torchvision's names: block3's first Inception is inception3a."""
    return f"inception{block_name[-1]}{'abcde'[index]}"


def named_rows(report: ShapeReport) -> list[tuple[str, LayerShape]]:
    """Every row of the table with its full name, in the table's order: 'block3', 'inception3a',
    'inception3a.branch1', ..., 'block3.2', ..., 'classifier', 'classifier.0'. A branch's row is
    named 'branch1' in the table; its full name says whose branch it is. These are the names
    core.understanding.inside gives the network's outputs."""
    rows = []
    for block in report.blocks:
        rows.append((block.name, block))
        for layer in block.children:
            rows.append((layer.name, layer))
            rows.extend((f"{layer.name}.{branch.name}", branch) for branch in layer.children)
    return rows


def map_rows(report: ShapeReport) -> list[tuple[str, LayerShape]]:
    """named_rows without the classifier's: the outputs that are maps (C x H x W), which the
    Inside tab and core.understanding.inside show."""
    return [(name, row) for name, row in named_rows(report) if not name.startswith("classifier")]


def friendly_name(path: str) -> str:
    """'block4.0.branch2.1.0' -> 'inception4a.branch2.1.0'; other paths stay as they are."""
    parts = path.split(".")
    if len(parts) > 2 and parts[2].startswith("branch"):
        return ".".join([inception_name(parts[0], int(parts[1]))] + parts[2:])
    return path


# ---------------------------------------------------------------- arithmetic


class _Breaks(Exception):
    def __init__(self, path: str, layer: Conv | Pool):
        self.path, self.layer = path, layer


def _side(size: int, kernel: int, stride: int, padding: int, ceil: bool = False) -> int:
    """Conv2d's and MaxPool2d's output side, as PyTorch computes it: rounded down, or with
    ceil_mode up, except that the last window must start inside the input or its left padding."""
    span = size + 2 * padding - kernel
    if not ceil:
        return span // stride + 1
    out = -(-span // stride) + 1
    if (out - 1) * stride >= size + padding:
        out -= 1
    return out


def _spatial(layer: Conv | Pool, path: str, h: int, w: int) -> tuple[int, int]:
    ceil = isinstance(layer, Pool) and layer.ceil
    oh = _side(h, layer.kernel, layer.stride, layer.padding, ceil)
    ow = _side(w, layer.kernel, layer.stride, layer.padding, ceil)
    if oh < 1 or ow < 1:
        raise _Breaks(path, layer)
    return oh, ow


def _conv_row(name: str, path: str, conv: Conv, shape: tuple[int, int, int], layout: Layout) -> LayerShape:
    """A conv_bn_relu: conv weights (and bias, in the tutorial's layout), BatchNorm's weight and bias."""
    c, h, w = shape
    oh, ow = _spatial(conv, f"{path}.0", h, w)
    params = c * conv.out * conv.kernel ** 2 + (conv.out if layout.conv_bias else 0) + 2 * conv.out
    macs = conv.out * oh * ow * c * conv.kernel ** 2
    return LayerShape(name, f"{_describe(conv)} + BN + ReLU", (conv.out, oh, ow), params, macs)


def _branch(name: str, path: str, convs: list[tuple[Conv, str]], shape: tuple[int, int, int], layout: Layout) -> LayerShape:
    rows = []
    for conv, sub in convs:
        row = _conv_row(sub, f"{path}.{sub}" if sub else path, conv, shape, layout)
        rows.append(row)
        shape = row.output
    return LayerShape(name, layout.branch_labels[name], shape, sum(r.params for r in rows), sum(r.macs for r in rows))


def _inception_row(name: str, path: str, block: Inception, shape: tuple[int, int, int], layout: Layout) -> LayerShape:
    c, h, w = shape
    k5 = layout.c5_kernel
    branches = [
        _branch("branch1", f"{path}.branch1", [(Conv(block.c1, 1), "")], shape, layout),
        _branch("branch2", f"{path}.branch2", [(Conv(block.c3r, 1), "0"), (Conv(block.c3, 3, 1, 1), "1")], shape, layout),
        _branch("branch3", f"{path}.branch3", [(Conv(block.c5r, 1), "0"), (Conv(block.c5, k5, 1, k5 // 2), "1")], shape,
                layout),
        _branch("branch4", f"{path}.branch4", [(Conv(block.pool_proj, 1), "1")], shape, layout),
    ]
    out = (sum(b.output[0] for b in branches), h, w)
    return LayerShape(name, "Inception", out, sum(b.params for b in branches), sum(b.macs for b in branches),
                      branches)


def _describe(layer: Conv | Pool) -> str:
    if isinstance(layer, Conv):
        return f"Conv2d {layer.kernel}x{layer.kernel}, stride {layer.stride}, pad {layer.padding}"
    ceil = ", ceil" if layer.ceil else ""
    return f"MaxPool2d {layer.kernel}x{layer.kernel}, stride {layer.stride}, pad {layer.padding}{ceil}"


def _report(in_channels: int, height: int, width: int, num_classes: int, layout_name: str = DEFAULT_LAYOUT,
            up_to_break: bool = False) -> ShapeReport:
    """The table; `up_to_break`: for an input too small, the rows up to where it breaks (and no
    classifier) instead of raising _Breaks."""
    layout = LAYOUTS[layout_name]
    shape = (in_channels, height, width)
    blocks = []
    for block_name, layers in layout.layers.items():
        rows = []
        inceptions = 0
        for index, layer in enumerate(layers):
            try:
                row = _row(block_name, index, layer, shape, layout, inceptions)
            except _Breaks:
                if not up_to_break:
                    raise
                if rows:
                    blocks.append(LayerShape(block_name, "block", shape, sum(r.params for r in rows),
                                             sum(r.macs for r in rows), rows))
                return ShapeReport((in_channels, height, width), num_classes, blocks, layout.name)
            inceptions += isinstance(layer, Inception)
            rows.append(row)
            shape = row.output
        blocks.append(LayerShape(block_name, "block", shape, sum(r.params for r in rows), sum(r.macs for r in rows),
                                 rows))
    features = shape[0] * shape[1] * shape[2]
    linear = LayerShape("classifier.1", "Linear", (num_classes,), features * num_classes + num_classes,
                        features * num_classes)
    flatten = LayerShape("classifier.0", "Flatten", (features,), 0, 0)
    blocks.append(LayerShape("classifier", "block", (num_classes,), linear.params, linear.macs, [flatten, linear]))
    return ShapeReport((in_channels, height, width), num_classes, blocks, layout.name)


def _row(block_name: str, index: int, layer: Any, shape: tuple[int, int, int], layout: Any, inceptions: int) -> LayerShape:
    """One layer of a block on an input of `shape`: _Breaks when the input is too small for it."""
    path = f"{block_name}.{index}"
    if isinstance(layer, Conv):
        return _conv_row(path, path, layer, shape, layout)
    if isinstance(layer, Pool):
        oh, ow = _spatial(layer, path, shape[1], shape[2])
        return LayerShape(path, _describe(layer), (shape[0], oh, ow), 0, 0)
    if isinstance(layer, Inception):
        return _inception_row(inception_name(block_name, inceptions), path, layer, shape, layout)
    return LayerShape(path, GLOBAL_POOL, (shape[0], 1, 1), 0, 0)


@lru_cache(maxsize=16)
def smallest_input(in_channels: int = 3, layout: str = DEFAULT_LAYOUT) -> int:
    """Smallest side length the network accepts (height and width are independent)."""
    side = 1
    while True:
        try:
            _report(in_channels, side, 512, 10, layout)
            return side
        except _Breaks:
            side += 1


def check_layout(layout: str) -> None:
    if layout not in LAYOUTS:
        raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "unknown network layout {layout!r}; the layouts are {choices}"),
                                 layout=layout, choices=", ".join(LAYOUTS)))


def inspect_shapes(in_channels: int = 3, height: int = 96, width: int = 96, num_classes: int = 10,
                   layout: str = DEFAULT_LAYOUT) -> ShapeReport:
    """Per block, per Inception module and per branch: output shape, parameters and MACs, for the
    network in `layout` (architecture.LAYOUTS: "tutorial" or "torchvision").

    Raises InputTooSmallError naming the block and layer where a too-small input breaks.
    """
    check_layout(layout)
    if min(in_channels, height, width, num_classes) < 1:
        raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "channels, height, width and classes must all be at least 1")))
    try:
        return _report(in_channels, height, width, num_classes, layout)
    except _Breaks as broken:
        rows_before = _report(in_channels, height, width, num_classes, layout, up_to_break=True)
        smallest = smallest_input(in_channels, layout)
        block = broken.path.split(".")[0]
        raise InputTooSmallError(Message(
            QT_TRANSLATE_NOOP("Core", "input {height}x{width} is too small: it breaks in {block} at {layer} ({kind}); the "
                                      "smallest size that works is {smallest}x{smallest}"),
            height=height, width=width, block=block, layer=friendly_name(broken.path), kind=_describe(broken.layer),
            smallest=smallest),
            block, broken.path, smallest, smallest, rows_before,
        ) from None
