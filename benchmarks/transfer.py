"""Transfer learning against training from scratch: accuracy and seconds.

Part 1, Fashion-MNIST -> MNIST: a network trained on Fashion-MNIST (--source, or trained here
first) starts MNIST runs of 10 and 100 training images per class, training its last layer only
(`--train-layers head`) or the whole network (`all`), beside the same runs from random weights.
All are validated on the same --limit-val images of MNIST's test split. MNIST is not bundled:
--mnist-dir names the folder that holds its four IDX files (as `train --dataset mnist
--download` fetches them); without it this part is skipped, with a line saying so.

Part 2, a 3-class image folder trained last-layer-only from GoogLeNet's ImageNet weights (the
dataset editor's "Train on This Dataset"): --folder, or one the script builds from 40 of the
built-in sample's images per class of three classes. --init picks other starting weights
(torchvision's GoogLeNet state-dict file); without them in torchvision's cache and without
--init this part is skipped, with a line saying so (`classify --checkpoint imagenet` downloads them).

Seconds are wall-clock seconds of the whole run through the engine: reading the starting weights,
computing the features once (last layer only), training and validating every epoch.

    python benchmarks/transfer.py --mnist-dir ~/data/mnist [--source fashion.pt] [--epochs 15]
    python benchmarks/transfer.py --tiny   # a check that every part runs (numbers mean nothing)
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch
from PIL import Image

from common import machine, scratch_dir

from googlenet_gui.core.data.sources import FASHION_CLASSES, Dataset, ImageSet, is_available, load_dataset  # noqa: E402
from googlenet_gui.core.inference import imagenet  # noqa: E402
from googlenet_gui.core.runs.config import TrainConfig  # noqa: E402
from googlenet_gui.core.runs.events import EpochEnd, Failed  # noqa: E402
from googlenet_gui.core.training.engine import Trainer  # noqa: E402

FOLDER_CLASSES = ("Trouser", "Sneaker", "Bag")  # the built-in sample's, for a folder of three classes
PER_FOLDER_CLASS = 40


def run(config: TrainConfig, dataset: Dataset | None, run_dir: Path | None = None) -> dict:
    """One run through the engine: final and best validation accuracy, wall seconds."""
    started = time.perf_counter()
    epochs, failure = [], None
    for event in Trainer(config, run_dir=run_dir, dataset=dataset, report_interval=1.0, keep_predictions=False).run():
        if isinstance(event, EpochEnd):
            epochs.append(event.val_accuracy)
        elif isinstance(event, Failed):
            failure = str(event.message)
    seconds = time.perf_counter() - started
    if failure:
        raise SystemExit(f"run failed: {failure}")
    return {"final_accuracy": epochs[-1], "best_accuracy": max(epochs), "seconds": round(seconds, 2),
            "epochs": len(epochs)}


def per_class(split: ImageSet, n: int, classes: int, seed: int) -> ImageSet:
    """n images of each class, a seeded choice."""
    g = torch.Generator().manual_seed(seed)
    picks = []
    for c in range(classes):
        index = torch.nonzero(split.labels == c).flatten()
        picks.append(index[torch.randperm(len(index), generator=g)[:n]])
    return split.subset(torch.cat(picks).sort().values)


def fashion_source(args: argparse.Namespace, folder: Path) -> Path:
    """The Fashion-MNIST checkpoint transfer starts from: --source, or one trained here."""
    if args.source:
        return Path(args.source)
    name = "fashion-mnist" if is_available("fashion-mnist") else "sample"
    print(f"training the source network on {name} ({args.source_epochs} epochs, input {args.input_size})...",
          file=sys.stderr, flush=True)
    config = TrainConfig(dataset=name, epochs=args.source_epochs, input_size=args.input_size, batch_size=64, lr=2e-3,
                         schedule="cosine", limit_train=args.source_limit, limit_val=args.limit_val)
    result = run(config, None, folder / "source")
    print(f"source: {name}, validation accuracy {result['final_accuracy']:.4f} in {result['seconds']:.0f} s",
          file=sys.stderr, flush=True)
    return folder / "source" / "best.pt"


def fashion_to_mnist(args: argparse.Namespace, folder: Path) -> list[dict] | None:
    if not args.mnist_dir or not is_available("mnist", Path(args.mnist_dir)):
        where = f" in {args.mnist_dir}" if args.mnist_dir else ""
        print(f"skipped Fashion-MNIST -> MNIST: no MNIST files{where} (give --mnist-dir, the folder that holds "
              "train-images-idx3-ubyte(.gz) and the other three; `googlenet train --dataset mnist --download "
              "--data-dir DIR` fetches them)", file=sys.stderr)
        return None
    source = fashion_source(args, folder)
    mnist = load_dataset("mnist", Path(args.mnist_dir))
    val = mnist.val.subset(torch.randperm(len(mnist.val), generator=torch.Generator().manual_seed(1))[:args.limit_val])
    rows = []
    for n in args.per_class:
        train = per_class(mnist.train, n, 10, args.seed)
        dataset = Dataset(f"mnist-{n}-per-class", train, val, list(mnist.class_names), flip_ok=False)
        for label, init, layers in (("from scratch", None, "all"), ("last layer only", str(source), "head"),
                                    ("whole network", str(source), "all")):
            config = TrainConfig(dataset="mnist", epochs=args.epochs, input_size=args.input_size,
                                 batch_size=min(32, len(train)), lr=args.lr_head if layers == "head" else args.lr,
                                 seed=args.seed, init=init, train_layers=layers)
            result = run(config, dataset)
            rows.append({"part": "fashion-mnist -> mnist", "per_class": n, "start": label, **result})
            print(f"MNIST, {n:>3} per class, {label:<15}: accuracy {result['final_accuracy']:.4f} "
                  f"(best {result['best_accuracy']:.4f}) in {result['seconds']:.1f} s", flush=True)
    return rows


def sample_folder(folder: Path) -> Path:
    """A 3-class image folder made of the built-in sample's images (PNG files, as a person's would be)."""
    sample = load_dataset("sample")
    root = folder / "three-classes"
    for name in FOLDER_CLASSES:
        c = FASHION_CLASSES.index(name)
        (root / name).mkdir(parents=True)
        index = torch.nonzero(sample.train.labels == c).flatten()[:PER_FOLDER_CLASS]
        for i in index.tolist():
            Image.fromarray(sample.train.images[i, 0].numpy()).save(root / name / f"{i:05d}.png")
    return root


def three_classes(args: argparse.Namespace, folder: Path) -> list[dict] | None:
    init = args.init
    if init is None:
        if not imagenet.cached_weights().ready:
            print(f"skipped the 3-class folder: GoogLeNet's ImageNet weights are not in torchvision's cache "
                  f"({imagenet.cache_path()}); `googlenet classify --checkpoint imagenet IMAGE` downloads them, "
                  "or give --init FILE", file=sys.stderr)
            return None
        init = imagenet.KEYWORD
    root = Path(args.folder) if args.folder else sample_folder(folder)
    config = TrainConfig(dataset="folder", data_dir=str(root), epochs=args.folder_epochs, input_size=args.folder_input_size,
                         batch_size=16, lr=args.lr_head, seed=args.seed, init=init, train_layers="head",
                         val_fraction=0.2)
    result = run(config, None)
    print(f"3-class folder ({root.name}), last layer only from {Path(init).name}: accuracy "
          f"{result['final_accuracy']:.4f} in {result['seconds']:.1f} s", flush=True)
    return [{"part": "3-class folder", "folder": str(root), "init": init, **result}]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mnist-dir", help="the folder holding MNIST's IDX files")
    ap.add_argument("--source", help="a Fashion-MNIST checkpoint to start from (default: train one first)")
    ap.add_argument("--source-epochs", type=int, default=5)
    ap.add_argument("--source-limit", type=int, default=None, help="training images of the source run (default: all)")
    ap.add_argument("--per-class", type=int, nargs="+", default=[10, 100])
    ap.add_argument("--epochs", type=int, default=15, help="epochs of each MNIST run")
    ap.add_argument("--input-size", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3, help="from scratch and whole network")
    ap.add_argument("--lr-head", type=float, default=5e-3, help="last layer only")
    ap.add_argument("--limit-val", type=int, default=2000)
    ap.add_argument("--folder", help="a 3-class image folder (default: one made of the built-in sample's images)")
    ap.add_argument("--init", help="starting weights of the folder run (default: imagenet, from torchvision's cache)")
    ap.add_argument("--folder-epochs", type=int, default=10)
    ap.add_argument("--folder-input-size", type=int, default=96)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tiny", action="store_true", help="tiny settings: a check that every part runs")
    args = ap.parse_args()
    if args.tiny:
        args.source_epochs, args.source_limit, args.epochs, args.limit_val = 1, 256, 1, 100
        args.per_class, args.folder_epochs = [2], 1
    folder = scratch_dir()
    rows = (fashion_to_mnist(args, folder) or []) + (three_classes(args, folder) or [])
    print(json.dumps({"benchmark": "transfer", "machine": machine(), "threads": torch.get_num_threads(),
                      "settings": {k: v for k, v in vars(args).items()}, "results": rows}))
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main())
