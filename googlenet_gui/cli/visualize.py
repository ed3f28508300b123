"""`visualize`: feature visualization: an image optimised so that one channel of a block,
layer, Inception module or branch responds as strongly as it can (core/understanding/featurevis.py)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import CHECKPOINT_HELP, error, load_weights


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..core.understanding.featurevis import DEFAULT_STEPS

    p = sub.add_parser("visualize", help="an image that excites one channel as much as it can (feature visualization)",
                       description="Optimise an input image, at the network's input size, to maximise one channel's "
                                   "mean activation, with the Distill article's regularisers (random jitter, scale "
                                   "and rotation; a decorrelated Fourier parameterisation).")
    p.add_argument("--checkpoint", required=True, metavar="FILE|imagenet", help=CHECKPOINT_HELP)
    p.add_argument("--block", metavar="NAME", required=True,
                   help="a block, layer, Inception module or branch: block3, block2.1, inception4a, inception4a.branch2")
    p.add_argument("--channel", type=int, required=True, metavar="K")
    p.add_argument("--out", type=Path, required=True, metavar="F.png")
    p.add_argument("--steps", type=int, default=DEFAULT_STEPS, help=f"optimisation steps (default {DEFAULT_STEPS})")
    p.add_argument("--seed", type=int, default=0, help="of the starting noise and the random transformations")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from PIL import Image
    from tqdm import tqdm

    from ..core.common.files import atomic_write
    from ..core.runs.checkpoint import CheckpointError
    from ..core.data.download import DownloadError
    from ..core.runs.config import MAX_SEED
    from ..core.understanding.featurevis import channel_count, visualize
    from ..core.understanding.inside import check_layer
    from ..core.inference.predict import Predictor

    if args.steps < 1:
        error("--steps must be at least 1")
        return 2
    if not 0 <= args.seed <= MAX_SEED:  # what PyTorch's generators take
        error(f"--seed must be between 0 and {MAX_SEED}")
        return 2
    try:
        check_layer(args.block)
    except ValueError as exc:
        error(str(exc))
        return 2
    try:
        predictor = Predictor.from_checkpoint(*load_weights(args.checkpoint))
    except (CheckpointError, DownloadError) as exc:
        error(str(exc))
        return 2
    p = predictor.preprocess
    channels = channel_count(args.block, p.channels, p.input_size)
    if not 0 <= args.channel < channels:
        error(f"{args.block} has channels 0 to {channels - 1} at this network's input ({p.input_size} x "
              f"{p.input_size}); {args.channel} is not one of them")
        return 2
    bar = tqdm(total=args.steps, desc=f"{args.block} channel {args.channel}", unit="step", file=sys.stderr,
               leave=False)
    try:
        result = visualize(predictor.model, predictor.preprocess, args.block, [args.channel], args.steps, args.seed,
                           progress=lambda done, total: bar.update(done - bar.n))
    except KeyboardInterrupt:
        error("visualization cancelled")
        return 130
    finally:
        bar.close()
    try:
        picture = Image.fromarray(result.images[0])
        atomic_write(args.out, lambda f: picture.save(f, format="PNG"), (args.checkpoint,))  # never into a pipe
    except (OSError, ValueError) as exc:
        error(f"cannot write {args.out}: {getattr(exc, 'strerror', None) or exc}")
        return 1
    print(f"{args.block} channel {args.channel}: mean activation {result.start[0]:.4g} -> {result.final[0]:.4g} "
          f"after {result.steps} steps; wrote {args.out}")
    return 0
