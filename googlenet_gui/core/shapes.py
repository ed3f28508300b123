"""Shape inspection: per block, Inception module and branch, the output shape, parameters and
multiply-adds for any input size, computed on the meta device (instant, allocates nothing).

Multiply-adds follow fvcore's and torch.utils.flop_counter's convention: the weights of
convolutions and linear layers only (flop_counter's FLOPs / 2). torchinfo's "mult-adds" also
count biases and BatchNorm, about 0.2% more for this network.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import torch
from torch import nn

from .model import BLOCK_NAMES, BRANCH_NAMES, GoogLeNet, Inception, ModelConfig

BRANCH_LABELS = {
    "branch1": "1x1 conv",
    "branch2": "1x1 conv -> 3x3 conv",
    "branch3": "1x1 conv -> 5x5 conv",
    "branch4": "3x3 max pool -> 1x1 conv",
}


class InputTooSmallError(ValueError):
    """The input size does not survive the network's downsampling."""

    def __init__(self, message: str, block: str, layer: str, min_height: int, min_width: int):
        super().__init__(message)
        self.block = block
        self.layer = layer
        self.min_height = min_height
        self.min_width = min_width


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
            "blocks": [b.to_dict() for b in self.blocks],
            "total_params": self.total_params,
            "total_macs": self.total_macs,
        }


def _count_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _leaf_macs(module: nn.Module, output: torch.Tensor) -> int:
    """Multiply-adds of one leaf layer for a single image: weights only (see the module docstring)."""
    if isinstance(module, nn.Conv2d):
        per_position = module.weight.shape[1] * module.weight.shape[2] * module.weight.shape[3]
        return int(output.shape[1] * output.shape[2] * output.shape[3] * per_position)
    if isinstance(module, nn.Linear):
        return int(module.in_features * module.out_features)
    return 0


def _describe(module: nn.Module) -> str:
    if isinstance(module, nn.Conv2d):
        k, s, p = module.kernel_size[0], module.stride[0], module.padding[0]
        return f"Conv2d {k}x{k}, stride {s}, pad {p}"
    if isinstance(module, nn.MaxPool2d):
        return f"MaxPool2d {module.kernel_size}x{module.kernel_size}, stride {module.stride}, pad {module.padding}"
    return type(module).__name__


def inception_name(block_name: str, index: int) -> str:
    """torchvision's names: block3's first Inception is inception3a."""
    return f"inception{block_name[-1]}{'abcde'[index]}"


def friendly_name(path: str) -> str:
    """'block4.0.branch2.1.0' -> 'inception4a.branch2.1.0'; other paths stay as they are."""
    parts = path.split(".")
    if len(parts) > 2 and parts[2].startswith("branch"):
        return ".".join([inception_name(parts[0], int(parts[1]))] + parts[2:])
    return path


@lru_cache(maxsize=16)
def _meta_model(in_channels: int, num_classes: int) -> GoogLeNet:
    with torch.device("meta"):
        return GoogLeNet(ModelConfig(in_channels, num_classes)).eval()


def _meta_forward(model: GoogLeNet, height: int, width: int) -> tuple[dict[str, tuple], dict[str, int], str | None, str | None]:
    """Run the model on the meta device. Returns outputs and MACs by module name, and,
    if it breaks, the name of the leaf that broke and PyTorch's message."""
    outputs: dict[str, tuple] = {}
    macs: dict[str, int] = {}
    current: list[str] = []
    handles = []
    for name, module in model.named_modules():
        if not name:
            continue
        is_leaf = not any(True for _ in module.children())

        def pre(mod, args, name=name, is_leaf=is_leaf):
            if is_leaf:
                current[:] = [name]

        def post(mod, args, out, name=name, is_leaf=is_leaf):
            outputs[name] = tuple(out.shape[1:])
            if is_leaf:
                macs[name] = _leaf_macs(mod, out)

        handles.append(module.register_forward_pre_hook(pre))
        handles.append(module.register_forward_hook(post))
    try:
        with torch.no_grad():
            model(torch.empty(1, model.config.in_channels, height, width, device="meta"))
        return outputs, macs, None, None
    except RuntimeError as exc:
        return outputs, macs, (current[0] if current else ""), str(exc).splitlines()[0]
    finally:
        for h in handles:
            h.remove()


@lru_cache(maxsize=16)
def smallest_input(in_channels: int = 3) -> int:
    """Smallest side length the network accepts (height and width are independent)."""
    model = _meta_model(in_channels, 10)
    lo, hi = 1, 512  # 512 always works; 1 never does
    while lo < hi:
        mid = (lo + hi) // 2
        if _meta_forward(model, mid, 512)[2] is None:
            hi = mid
        else:
            lo = mid + 1
    return lo


def inspect_shapes(in_channels: int = 3, height: int = 96, width: int = 96, num_classes: int = 10) -> ShapeReport:
    """Per block, per Inception module and per branch: output shape, parameters and MACs.

    Runs on the meta device, so it is instant for any size and allocates nothing.
    Raises InputTooSmallError naming the block and layer where a too-small input breaks.
    """
    if min(in_channels, height, width, num_classes) < 1:
        raise ValueError("channels, height, width and classes must all be at least 1")
    model = _meta_model(in_channels, num_classes)
    outputs, macs, failed_at, reason = _meta_forward(model, height, width)
    if failed_at is not None:
        smallest = smallest_input(in_channels)
        block = failed_at.split(".")[0]
        layer = model.get_submodule(failed_at)
        raise InputTooSmallError(
            f"input {height}x{width} is too small: it breaks in {block} at {friendly_name(failed_at)} "
            f"({_describe(layer)}); the smallest size that works is {smallest}x{smallest}",
            block, failed_at, smallest, smallest,
        )

    def macs_under(prefix: str) -> int:
        return sum(v for k, v in macs.items() if k == prefix or k.startswith(prefix + "."))

    def row(name: str, label: str, module: nn.Module) -> LayerShape:
        return LayerShape(label, type(module).__name__, outputs[name], _count_params(module), macs_under(name))

    blocks = []
    for block_name in BLOCK_NAMES:
        block = model.get_submodule(block_name)
        entry = row(block_name, block_name, block)
        entry.kind = "block"
        for idx, child in block.named_children():
            child_name = f"{block_name}.{idx}"
            layer = row(child_name, f"{block_name}.{idx}", child)
            if isinstance(child, Inception):
                layer.name = inception_name(block_name, int(idx))
                layer.children = [row(f"{child_name}.{b}", b, getattr(child, b)) for b in BRANCH_NAMES]
                for branch in layer.children:
                    branch.kind = BRANCH_LABELS[branch.name]
            else:
                layer.kind = _describe(child[0] if isinstance(child, nn.Sequential) and len(child) else child)
                if isinstance(child, nn.Sequential) and isinstance(child[0], nn.Conv2d):
                    layer.kind = _describe(child[0]) + " + BN + ReLU"
            entry.children.append(layer)
        blocks.append(entry)
    return ShapeReport((in_channels, height, width), num_classes, blocks)
