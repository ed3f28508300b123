"""Build resources/sample/fashion-mnist-sample.npz from Debian's dataset-fashion-mnist files.

    apt-get install -y dataset-fashion-mnist
    python scripts/make_sample.py

A balanced, seeded subset: 300 training images per class (3,000) from the training set and
100 test images per class (1,000) from the test set, stored as uint8 28x28 images exactly as in the original files.
"""
from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import numpy as np

FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read_idx(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def balanced(labels: np.ndarray, per_class: int, rng: np.random.Generator) -> np.ndarray:
    picks = [rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in range(10)]
    return np.sort(np.concatenate(picks))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", type=Path, default=Path("/usr/share/datasets/fashion-mnist"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "resources/sample/fashion-mnist-sample.npz")
    ap.add_argument("--train-per-class", type=int, default=300)
    ap.add_argument("--test-per-class", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20171024)  # the date Fashion-MNIST was released
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    arrays = {}
    for split, prefix, per_class in (("train", "train", a.train_per_class), ("test", "t10k", a.test_per_class)):
        images = read_idx(a.source / f"{prefix}-images-idx3-ubyte.gz")
        labels = read_idx(a.source / f"{prefix}-labels-idx1-ubyte.gz")
        idx = balanced(labels, per_class, rng)
        arrays[f"{split}_images"] = images[idx]
        arrays[f"{split}_labels"] = labels[idx]
    a.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(a.out, class_names=np.array(FASHION_CLASSES), **arrays)
    print(f"wrote {a.out} ({a.out.stat().st_size / 1e6:.1f} MB): "
          f"{len(arrays['train_labels'])} train, {len(arrays['test_labels'])} test images")


if __name__ == "__main__":
    main()
