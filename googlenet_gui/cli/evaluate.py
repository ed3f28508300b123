"""`evaluate`: where a checkpoint's network is right and wrong: accuracy, top-5, precision,
recall and F1 per class, the confusion matrix and the most confident mistakes."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import CHECKPOINT_HELP, error, load_weights

SPLIT_HELP = ("val (default) or test. For the built-in datasets both are the held-out test split the engine "
              "validates on; for an image folder, val is its held-out split and test its own test/ folder beside "
              "val/ when it has one. On the checkpoint's own dataset the run's --limit-val applies, so val holds "
              "exactly the images the run validated on.")
SHOWN_MISTAKES = 10  # in the text report; --json lists 20
MANY_CLASSES = 30  # above this many classes the report lists only those with images or answers (ImageNet's 1000)


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..core.data.catalog import SPLITS

    p = sub.add_parser("evaluate", help="confusion matrix, per-class precision/recall/F1 and top-5 of a checkpoint",
                       description="Evaluate a checkpoint on a dataset split: accuracy, top-5, the per-class "
                                   "table and the confusion matrix (rows: true class, columns: predicted).")
    p.add_argument("--checkpoint", required=True, metavar="FILE|imagenet", help=CHECKPOINT_HELP)
    p.add_argument("--dataset", help="sample, cifar10, fashion-mnist, mnist or folder (default: the one the checkpoint "
                                     "was trained on; for weights without one, such as imagenet, folder when --data-dir "
                                     "is given). With weights of more classes, such as ImageNet's 1000, a folder whose "
                                     "class folders are named after some of their classes (tabby, goldfish, ...)")
    p.add_argument("--data-dir", help="where the dataset lives (for folder: the image folder itself; "
                                      "default: the checkpoint's)")
    p.add_argument("--split", choices=SPLITS, default="val", help=SPLIT_HELP)
    p.add_argument("--device", default="cpu", help="cpu, cuda, cuda:N or mps")
    p.add_argument("--batch-size", type=int, default=None,
                   help="images per forward pass (default: as the run's validation, twice its batch size)")
    p.add_argument("--json", action="store_true", help="print one JSON object holding all of it")
    p.add_argument("--mistakes", type=Path, metavar="DIR",
                   help="write every misclassified image to DIR as a PNG named by its true class, the predicted "
                        "class and the confidence")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.runs.checkpoint import CheckpointError
    from ..core.data.download import DownloadError
    from ..core.data.sources import DataError
    from ..core.common.devices import DeviceError
    from ..core.data.download import Cancelled
    from ..core.inference.evaluation import check_fits, evaluate_checkpoint, evaluation_dataset

    if args.batch_size is not None and args.batch_size < 1:
        error("--batch-size must be at least 1")
        return 2
    try:
        checkpoint, name = load_weights(args.checkpoint)
    except (CheckpointError, DownloadError) as exc:
        error(str(exc))
        return 2
    if args.dataset is None and checkpoint.train_config is None and args.data_dir:
        args.dataset = "folder"  # weights without a dataset of their own (ImageNet's): the folder given
    bar = None
    try:
        from tqdm import tqdm

        shown = args.dataset or (checkpoint.train_config.dataset if checkpoint.train_config else "data")
        print(f"loading {shown}...", file=sys.stderr, flush=True)
        dataset = evaluation_dataset(checkpoint, args.dataset, args.data_dir, args.split)
        check_fits(checkpoint, dataset, name)  # before the progress bar: a refusal is one line
        bar = tqdm(total=len(dataset.split(args.split)), desc="evaluating", unit="img", file=sys.stderr, leave=False)
        evaluation = evaluate_checkpoint(checkpoint, dataset, args.split, lambda done, total, _: bar.update(done - bar.n),
                                         device=args.device, batch_size=args.batch_size, name=name)
    except (DataError, DeviceError, CheckpointError) as exc:
        error(str(exc))
        return 1
    except (Cancelled, KeyboardInterrupt):
        error("evaluation cancelled")
        return 130
    finally:
        if bar is not None:
            bar.close()
    images = dataset.split(args.split)
    written = None
    if args.mistakes is not None:
        try:
            written = write_mistakes(evaluation, images.images, args.mistakes)
        except OSError as exc:
            error(f"cannot write the mistakes to {args.mistakes}: {exc.strerror or exc}")
            return 1
    origin = checkpoint.origin.to_dict() if checkpoint.origin is not None else None
    if args.json:
        print(json.dumps({"checkpoint": str(args.checkpoint), "weights": checkpoint.describe(name), "origin": origin,
                          "dataset": dataset.name, "split": args.split,
                          **evaluation.to_dict(present_only=len(evaluation.class_names) > MANY_CLASSES),
                          **({"mistakes_written": written, "mistakes_dir": str(args.mistakes)}
                             if written is not None else {})}))
    else:
        started = f" (started from {checkpoint.origin.describe()})" if checkpoint.origin and checkpoint.train_config else ""
        print_report(evaluation, f"{checkpoint.describe(name)}{started} on {dataset.name}, {args.split} split")
        if written is not None:
            print(f"\nwrote {written} misclassified image(s) to {args.mistakes}")
    return 0


def print_report(evaluation, title: str) -> None:
    import numpy as np

    from ..core.common.text import printable

    names = [printable(n, 24) for n in evaluation.class_names]
    shown = list(range(len(names)))
    if len(names) > MANY_CLASSES:
        shown = evaluation.present_classes().tolist()
    print(f"{printable(title)}: {evaluation.images} images")
    figures = [f"accuracy {_number(evaluation.accuracy)}",
               f"top-{evaluation.top_k} {_number(evaluation.top_k_accuracy)}",
               f"loss {_number(evaluation.loss)}", f"macro F1 {_number(evaluation.macro_f1())}"]
    print("   ".join(figures))

    width = max([len("class")] + [len(names[i]) for i in shown])
    if len(shown) < len(names):
        print(f"\nof the {len(names)} classes, the {len(shown)} with images or answers:")
    print(f"\n{'class':<{width}}  precision  recall      f1  support")
    per_class = evaluation.per_class()
    for i in shown:
        c = per_class[i]
        print(f"{names[i]:<{width}}  {_number(c.precision):>9}  {_number(c.recall):>6}  {_number(c.f1):>6}  {c.support:>7}")

    matrix = evaluation.matrix[np.ix_(shown, shown)]
    cell = max(3, len(str(int(matrix.max(initial=0)))))
    label = max((len(names[i]) for i in shown), default=1) + len(str(len(shown))) + 1
    print("\nconfusion matrix (rows: true class, columns: predicted class, numbered as the rows)")
    print(" " * label + " " + " ".join(f"{j:>{cell}}" for j in range(len(shown))))
    for row_number, (i, row) in enumerate(zip(shown, matrix.tolist())):
        print(f"{f'{row_number} {names[i]}':<{label}} " + " ".join(f"{v:>{cell}}" for v in row))

    mistakes = evaluation.mistakes(SHOWN_MISTAKES)
    if mistakes:
        print("\nmost confident mistakes")
        for m in mistakes:
            print(f"  image {m.index}: true {names[m.true]}, predicted {names[m.predicted]} ({m.probability:.1%})")


def write_mistakes(evaluation, images, folder: Path) -> int:
    """Every misclassified image as a PNG at its stored size, named by true class, predicted
    class, confidence and its place in the split; the number written."""
    from PIL import Image

    from ..core.common.text import safe_file_name

    folder.mkdir(parents=True, exist_ok=True)
    names = [safe_file_name(n, f"class{i}") for i, n in enumerate(evaluation.class_names)]
    mistakes = evaluation.mistakes()
    for m in mistakes:
        pixels = images[m.index].permute(1, 2, 0).numpy()
        image = Image.fromarray(pixels[:, :, 0] if pixels.shape[2] == 1 else pixels)
        image.save(folder / f"{names[m.true]}_as_{names[m.predicted]}_{m.probability * 100:.1f}pct_{m.index:05d}.png")
    return len(mistakes)


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"
