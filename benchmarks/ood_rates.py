"""How often the "unlike the training images" warning fires: on clothing the network never saw
(should be about 5%, the share of validation images the threshold flags) and on images that are
not clothing (should be all). Trains the built-in sample for a few epochs first.

    python benchmarks/ood_rates.py [--epochs 3] [--input-size 64]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from common import ROOT, machine

from googlenet_gui.core.runs.checkpoint import load_checkpoint  # noqa: E402
from googlenet_gui.core.runs.config import TrainConfig  # noqa: E402
from googlenet_gui.core.training.engine import Trainer  # noqa: E402
from googlenet_gui.core.inference.predict import Predictor  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--input-size", type=int, default=64)
    a = ap.parse_args()
    config = TrainConfig(epochs=a.epochs, input_size=a.input_size, lr=2e-3, schedule="cosine", limit_train=2000)
    with tempfile.TemporaryDirectory() as run_dir:
        started = time.perf_counter()
        for _ in Trainer(config, run_dir=run_dir, report_interval=0).run():
            pass
        checkpoint = load_checkpoint(Path(run_dir) / "last.pt")
        seconds = time.perf_counter() - started
    predictor = Predictor.from_checkpoint(checkpoint, "last.pt")
    model = checkpoint.outliers
    images = np.load(ROOT / "resources" / "sample" / "fashion-mnist-sample.npz")["train_images"]
    seen = torch.randperm(len(images), generator=torch.Generator().manual_seed(config.seed))[:2000]
    unseen = np.delete(images, seen.numpy(), axis=0)
    scores = np.array([predictor.classify_image(Image.fromarray(x)).unlikeness for x in unseen])
    rng = np.random.default_rng(0)
    foreign = [Image.fromarray(rng.integers(0, 256, (28, 28), dtype=np.uint8)) for _ in range(50)]
    foreign += [Image.new("L", (28, 28), v) for v in range(0, 256, 8)]
    foreign += [Image.fromarray(np.tile(np.linspace(0, v, 28, dtype=np.uint8), (28, 1))) for v in range(64, 256, 8)]
    foreign_scores = np.array([predictor.classify_image(img).unlikeness for img in foreign])
    print(json.dumps(machine()))
    print(f"{a.epochs} epochs at input {a.input_size} "
          f"on 2,000 sample images in {seconds:.0f} s, validation accuracy {checkpoint.best_val_accuracy:.1%}")
    print(f"validation images flagged (held-out halves, by construction ~5%): {model.false_positive_rate:.1%}")
    print(f"unseen clothing flagged: {(scores > 1).mean():.1%} of {len(scores)} (median score {np.median(scores):.2f})")
    print(f"noise, flat greys and gradients flagged: {(foreign_scores > 1).mean():.1%} of {len(foreign)} "
          f"(median score {np.median(foreign_scores):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
