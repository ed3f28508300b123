"""`export`: a checkpoint's network as ONNX or TorchScript, with its class names and preprocessing."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import CHECKPOINT_HELP, error, ensure_imagenet


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..core.inference.export import FORMATS

    p = sub.add_parser("export", help="write a checkpoint's network as ONNX or TorchScript for deployment")
    p.add_argument("--checkpoint", required=True, metavar="FILE|imagenet", help=CHECKPOINT_HELP)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, required=True, help="the file to write (.onnx, .pt)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.runs.checkpoint import CheckpointError
    from ..core.data.download import DownloadError
    from ..core.inference.export import ExportError, export_checkpoint, missing_packages
    from ..core.common.text import printable

    try:
        problem = missing_packages(args.format)
        if problem:
            raise ExportError(problem)
        ensure_imagenet(args.checkpoint)
        out = export_checkpoint(args.checkpoint, args.format, args.out)  # never written over what it reads
    except (CheckpointError, DownloadError, ExportError) as exc:
        error(str(exc))
        return 2
    except KeyboardInterrupt:  # the half-written file is gone already (atomic_write)
        error("export cancelled; nothing was written")
        return 130
    print(f"wrote {printable(str(out))} ({out.stat().st_size / 2**20:.1f} MiB, {args.format}): input float32 "
          f"[N, C, S, S] normalised as in training, output logits; class names and preprocessing inside", flush=True)
    return 0
