"""Short runs evaluate honestly, and the "unlike the training images" flag fits the weights it flags.

Trains exactly `train --dataset sample --epochs 3 --input-size 64 --limit-train 384 --limit-val 200`
(18 steps; before BatchNorm's statistics were recomputed for the weights, `evaluate` gave 0.13
on it, every image "Bag"), then reports:
- `evaluate`'s accuracy of last.pt (the issue asks for at least 0.6);
- the share of the run's held-out validation images flagged as unlike the training images by
  live weights within an epoch (a snapshot two batches into epoch 3, given its own outlier model
  by core.inference.calibrate), by last.pt after a Stop within epoch 3, and by best.pt (at most
  6% each); a snapshot's own answer says the flag waits for the epoch's end;
- what recomputing BatchNorm's statistics costs an epoch (once before each validation): seconds
  for REFRESH_IMAGES (2,048) of the sample's training images at input 64 and 96, beside the
  seconds of an epoch of training on 2,048 images at those sizes.

    python benchmarks/short_run_honesty.py
"""
from __future__ import annotations

import json
import sys
import time

import numpy as np

from common import machine, scratch_dir

from googlenet_gui.cli import main as cli  # noqa: E402
from googlenet_gui.core.inference.calibrate import calibrated  # noqa: E402
from googlenet_gui.core.inference.evaluation import evaluate_checkpoint, evaluation_dataset  # noqa: E402
from googlenet_gui.core.inference.predict import Predictor  # noqa: E402
from googlenet_gui.core.runs.checkpoint import load_checkpoint  # noqa: E402
from googlenet_gui.core.runs.config import TrainConfig  # noqa: E402
from googlenet_gui.core.runs.events import BatchEnd, Stopped  # noqa: E402
from googlenet_gui.core.training.engine import Trainer  # noqa: E402

SETTINGS = ["--dataset", "sample", "--epochs", "3", "--input-size", "64", "--limit-train", "384", "--limit-val", "200"]


def flagged(predictor: Predictor, images) -> float:
    answers = predictor.classify_tensors(images)
    return float(np.mean([u > 1 for u in answers.unlikeness]))


def refresh_cost(input_size: int) -> dict:
    """Seconds to recompute the statistics from REFRESH_IMAGES images, and to train one epoch on as many."""
    import torch

    from googlenet_gui.core.data.sources import load_dataset
    from googlenet_gui.core.data.transforms import to_model_input
    from googlenet_gui.core.network.batchnorm import REFRESH_IMAGES, batches_of, refresh_batchnorm
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig

    images = load_dataset("sample").train.images[:REFRESH_IMAGES]
    model = GoogLeNet(ModelConfig(1, 10)).to(memory_format=torch.channels_last)
    batches = [to_model_input(b, input_size) for b in batches_of(images, 64)]
    started = time.perf_counter()
    refresh_batchnorm(model, batches)
    refresh = time.perf_counter() - started
    config = TrainConfig(dataset="sample", epochs=1, input_size=input_size, limit_train=REFRESH_IMAGES, limit_val=1)
    started = time.perf_counter()
    for _ in Trainer(config, report_interval=1.0, keep_predictions=False).run():
        pass
    return {"input_size": input_size, "refresh_seconds": round(refresh, 2),
            "epoch_seconds": round(time.perf_counter() - started, 2)}


def main() -> int:
    folder = scratch_dir()
    started = time.perf_counter()
    assert cli(["train", *SETTINGS, "--out", str(folder / "full")]) == 0
    checkpoint = load_checkpoint(folder / "full" / "last.pt")
    accuracy = evaluate_checkpoint(checkpoint, evaluation_dataset(checkpoint)).accuracy

    # the same run stopped two batches into its third epoch (steps 6 an epoch), with a live snapshot on the way
    config = TrainConfig(dataset="sample", epochs=3, input_size=64, limit_train=384, limit_val=200)
    trainer = Trainer(config, run_dir=folder / "stopped", report_interval=0)
    live = []
    for event in trainer.run():
        if isinstance(event, BatchEnd) and event.step == 13:
            trainer.request_snapshot()
        if isinstance(event, BatchEnd) and event.step == 15:
            live.append(Predictor.from_snapshot(trainer.latest_snapshot()))
            trainer.request_stop()
    assert isinstance(event, Stopped), event
    val, train = trainer.validation_images(), trainer.training_images()
    snapshot = live[0]
    rates = {
        "live weights (epoch 3, batch 2), their own model": flagged(calibrated(snapshot, train, val), val.images),
        "last.pt after a Stop (epoch 3, batch 3)": flagged(
            Predictor.from_checkpoint(load_checkpoint(folder / "stopped" / "last.pt"), "last.pt"), val.images),
        "best.pt": flagged(Predictor.from_checkpoint(load_checkpoint(folder / "stopped" / "best.pt"), "best.pt"),
                           val.images),
    }
    print(f"evaluate on last.pt: accuracy {accuracy:.4f} (at least 0.6 asked)")
    print(f"a live snapshot's own answer: flag {snapshot.flag!r} (waits for the epoch's end)")
    for what, rate in rates.items():
        print(f"validation images flagged, {what}: {rate:.1%} (at most 6% asked)")
    costs = [refresh_cost(size) for size in (64, 96)]
    for cost in costs:
        print(f"input {cost['input_size']}: recomputing the statistics from 2,048 images takes {cost['refresh_seconds']} s; "
              f"an epoch on 2,048 images (with it) {cost['epoch_seconds']} s")
    print(json.dumps({"benchmark": "short_run_honesty", "machine": machine(), "evaluate_accuracy": accuracy,
                      "live_snapshot_flag": snapshot.flag, "flagged": rates, "refresh_cost": costs,
                      "seconds": round(time.perf_counter() - started, 1)}))
    return 0 if accuracy >= 0.6 and max(rates.values()) <= 0.06 else 1


if __name__ == "__main__":
    sys.exit(main())
