"""`shapes`: the per-block table of output shapes, parameters and multiply-adds."""
from __future__ import annotations

import argparse
import json
from typing import Sequence

from .common import error


LAYOUT_WORDS = {"tutorial": "the reference tutorial's layout",
                "torchvision": "torchvision's layout (holds its ImageNet weights: ceil-mode pools, a 2x2 pool after "
                               "block4, a 3x3 kernel in the \"5x5\" branch, convolutions without bias)"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..core.network.architecture import DEFAULT_LAYOUT, LAYOUTS

    p = sub.add_parser("shapes", help="per-block output shapes, parameters and multiply-adds")
    p.add_argument("--input-size", type=int, default=None, help="square input side (default 96)")
    p.add_argument("--height", type=int, default=None)
    p.add_argument("--width", type=int, default=None)
    p.add_argument("--in-channels", type=int, default=1,
                   help="1 (grayscale, as the built-in sample and Fashion-MNIST) or 3 (colour); default 1")
    p.add_argument("--num-classes", type=int, default=10)
    p.add_argument("--layout", choices=tuple(LAYOUTS), default=DEFAULT_LAYOUT,
                   help="tutorial (the reference tutorial's network, default) or torchvision (the layout of "
                        "torchvision's GoogLeNet, which the ImageNet weights need: --in-channels 3 --num-classes 1000 "
                        "--input-size 224 shows it as ImageNet uses it)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)


def format_shape(shape: Sequence[int]) -> str:
    return " x ".join(str(s) for s in shape)


def shapes_table(report) -> str:
    rows = [("Layer", "Output shape", "Params", "Mult-adds")]
    layout = f"Layout: {report.layout}, {LAYOUT_WORDS.get(report.layout, report.layout)}"
    rows.append(("input", format_shape(report.input), "", ""))
    for block in report.blocks:
        rows.append((block.name, format_shape(block.output), f"{block.params:,}", f"{block.macs:,}"))
        for layer in block.children:
            label = f"  {layer.name}" + ("" if layer.kind == "Inception" else f"  {layer.kind}")
            rows.append((label, format_shape(layer.output), f"{layer.params:,}", f"{layer.macs:,}"))
            for branch in layer.children:
                rows.append((f"    {branch.name}  {branch.kind}", format_shape(branch.output), f"{branch.params:,}",
                             f"{branch.macs:,}"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [layout]
    for i, r in enumerate(rows):
        lines.append(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}")
        if i == 0:
            lines.append("-" * len(lines[1]))
    lines.append("-" * len(lines[1]))
    lines.append(f"Total params: {report.total_params:,}")
    lines.append(f"Total mult-adds per image: {report.total_macs:,} ({report.total_macs / 1e9:.3f} G; "
                 "weights only, as fvcore and torch.utils.flop_counter count them)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..core.network.shapes import inspect_shapes

    side = 96 if args.input_size is None else args.input_size  # 0 is a size to refuse, not "the default"
    height = side if args.height is None else args.height
    width = side if args.width is None else args.width
    try:
        report = inspect_shapes(args.in_channels, height, width, args.num_classes, args.layout)
    except ValueError as exc:  # InputTooSmallError is one; its message says what fits
        error(str(exc))
        return 2
    print(json.dumps(report.to_dict()) if args.json else shapes_table(report))
    return 0
