"""`embed`: the feature map of a checkpoint's validation images (core/understanding/embedding.py): each
image's features at the last pooling layer (or a block chosen) projected to 2-D by PCA or t-SNE,
written as a picture (a dot per image in its class's colour, mistakes as crosses) or a CSV."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import error


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..core.data.catalog import SPLITS
    from ..core.understanding.embedding import DEFAULT_LAYER, LAYERS, MAX_POINTS, METHODS

    p = sub.add_parser("embed", help="map a checkpoint's validation images to 2-D by their features (PCA or t-SNE)",
                       description="Run a checkpoint's network over a dataset split as its run validated, take each "
                                   "image's features at a block (averaged over positions; block5 ends with the last, "
                                   "global, pooling layer) and project them to two dimensions. Writes a PNG (a dot per "
                                   "image in its true class's colour, mistakes as crosses) or a CSV (image, x, y, true "
                                   "and predicted class).")
    p.add_argument("--checkpoint", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True, metavar="MAP.png|MAP.csv", help="the picture or the table")
    p.add_argument("--layer", choices=LAYERS, default=DEFAULT_LAYER, help="where the features are taken (default %(default)s)")
    p.add_argument("--method", choices=METHODS, default="tsne", help="the projection (default %(default)s)")
    p.add_argument("--dataset", help="default: the one the checkpoint was trained on")
    p.add_argument("--data-dir", help="where the dataset lives (default: the checkpoint's)")
    p.add_argument("--split", choices=SPLITS, default="val")
    p.add_argument("--device", default="cpu", help="cpu, cuda, cuda:N or mps: where the features are computed")
    p.add_argument("--max-points", type=int, default=MAX_POINTS,
                   help="above this many images a seeded sample is mapped (default %(default)s)")
    p.add_argument("--threads", type=int, default=None, help="CPU threads (default: PyTorch's)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import torch
    from tqdm import tqdm

    from ..core.common.devices import DeviceError, resolve_device
    from ..core.common.text import display_name
    from ..core.data.download import Cancelled
    from ..core.data.sources import DataError
    from ..core.inference.evaluation import check_fits, evaluation_dataset
    from ..core.inference.predict import Predictor
    from ..core.runs.checkpoint import CheckpointError, load_checkpoint
    from ..core.understanding.embedding import feature_map, render_png, write_csv

    suffix = args.out.suffix.lower()
    if suffix not in (".png", ".csv"):
        error("--out must end in .png or .csv")
        return 2
    if args.max_points < 5:
        error("--max-points must be at least 5")
        return 2
    if args.threads is not None:
        if args.threads < 1:
            error("--threads must be at least 1")
            return 2
        torch.set_num_threads(args.threads)
    name = display_name(args.checkpoint)
    bar = None
    try:
        checkpoint = load_checkpoint(args.checkpoint)
        device = resolve_device(args.device)
        shown = args.dataset or (checkpoint.train_config.dataset if checkpoint.train_config else "data")
        print(f"loading {shown}...", file=sys.stderr, flush=True)
        dataset = evaluation_dataset(checkpoint, args.dataset, args.data_dir, args.split)
        check_fits(checkpoint, dataset, name)
        images = dataset.split(args.split)
        predictor = Predictor.from_checkpoint(checkpoint, name)
        model = predictor.model.to(device)
        bar = tqdm(total=0, file=sys.stderr, leave=False)

        def progress(done: int, total: int, message: str) -> None:
            bar.total = total
            bar.set_description(str(message))
            bar.n = done
            bar.refresh()

        result = feature_map(model, predictor.preprocess, images.images, images.labels, checkpoint.class_names,
                             args.layer, args.method, progress=progress, most=args.max_points,
                             threads=args.threads or torch.get_num_threads())
    except (DataError, DeviceError, CheckpointError, ValueError) as exc:
        error(str(exc))
        return 1
    except (Cancelled, KeyboardInterrupt):
        error("feature map cancelled")
        return 130
    finally:
        if bar is not None:
            bar.close()
    title = f"{checkpoint.describe(name)}: {args.layer}, {'PCA' if args.method == 'pca' else 't-SNE'}, " \
            f"{len(result.indices):,} of {result.total:,} images, accuracy {result.accuracy:.1%}"
    try:
        if suffix == ".png":
            render_png(result, args.out, title)
        else:
            write_csv(result, args.out)
    except OSError as exc:
        error(f"cannot write {args.out}: {exc.strerror or exc}")
        return 1
    sampled = f" (a seeded sample of {result.total:,})" if result.sampled else ""
    print(f"{title}{sampled}; {int(result.mistakes.sum()):,} mistakes; wrote {args.out}")
    return 0
