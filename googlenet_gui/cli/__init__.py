"""Headless command line over the same core the window uses; one module per command.

    python -m googlenet_gui train --dataset sample --epochs 1 --out /tmp/run
    python -m googlenet_gui shapes --input-size 96
    python -m googlenet_gui classify --checkpoint /tmp/run/best.pt picture.png
    python -m googlenet_gui evaluate --checkpoint /tmp/run/best.pt --json
    python -m googlenet_gui export --checkpoint /tmp/run/best.pt --format onnx --out model.onnx
    python -m googlenet_gui inspect --checkpoint /tmp/run/best.pt picture.png --gradcam cam.png
    python -m googlenet_gui visualize --checkpoint /tmp/run/best.pt --block inception4a --channel 7 --out ch7.png
    python -m googlenet_gui embed --checkpoint /tmp/run/best.pt --out map.png
    python -m googlenet_gui lr-find --dataset sample --optimizer sgd
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import classify, embed, evaluate, export, inspect, lr_find, shapes, train, visualize
from .common import tolerate_unencodable_output

COMMANDS = (train, shapes, classify, evaluate, export, inspect, visualize, embed, lr_find)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="googlenet", description="GoogLeNet Studio")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("gui", help="open the desktop app (the default)")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    tolerate_unencodable_output()
    if args.command in (None, "gui"):
        from ..app import main as gui_main

        return gui_main()
    try:
        code = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe can be told apart from a failure
    except BrokenPipeError:
        # the reader of the output went away (`googlenet shapes | head -1`): stop quietly, as other tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's own flush at exit must not fail again
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
