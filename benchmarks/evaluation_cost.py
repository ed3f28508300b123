"""What keeping each epoch's validation predictions costs (issue 12: at most 2% of an epoch):
the confusion matrix, top-5 and every image's top-1 class and probability, kept on the device
and read back once, then turned into the EpochEnd matrix and the EpochPredictions lists.

One real epoch of training (the engine's defaults) gives the epoch's time and trained weights;
then that run's validation pass is timed alternately with and without keeping the predictions
(median of --repeats each, side by side in one process), and the difference is set against
the epoch's time without it.

    python benchmarks/evaluation_cost.py [--dataset sample] [--input-size 96] [--batch 64]
                                         [--repeats 7] [--device cpu] [--limit-train N] [--limit-val N]
"""
from __future__ import annotations

import argparse
import time

from common import median, report


def timed_validation(run, keep: bool) -> float:
    import torch

    from googlenet_gui.core.inference.evaluation import epoch_records
    from googlenet_gui.core.runs.events import MAX_STORED_MATRIX

    run.keep_predictions = keep
    if run.device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    loss, accuracy, evaluation = run.validate()  # ends with the pass's one read back from the device
    if evaluation is not None:
        epoch_records(1, evaluation, MAX_STORED_MATRIX)  # what the engine then reports
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="sample")
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--input-size", type=int, default=96)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--limit-train", type=int, default=None, help="train on at most N images (a shorter epoch)")
    ap.add_argument("--limit-val", type=int, default=None)
    a = ap.parse_args()
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.training.engine import Trainer
    from googlenet_gui.core.runs.events import EpochEnd, Failed

    config = TrainConfig(dataset=a.dataset, data_dir=a.data_dir, input_size=a.input_size, epochs=1,
                         batch_size=a.batch, device=a.device, limit_train=a.limit_train, limit_val=a.limit_val)
    trainer = Trainer(config, report_interval=1.0)
    epoch_seconds = None
    for event in trainer.run():
        if isinstance(event, EpochEnd):
            epoch_seconds = event.time  # training and validation (with the predictions kept)
        elif isinstance(event, Failed):
            raise SystemExit(event.message)
    run = trainer._run  # the finished run keeps its model, data and device: time its validation pass
    timed_validation(run, True)  # warm-up
    seconds: dict[str, list[float]] = {"kept": [], "not_kept": []}
    for _ in range(a.repeats):  # alternate, so drifts in machine load hit both alike
        seconds["not_kept"].append(timed_validation(run, False))
        seconds["kept"].append(timed_validation(run, True))
    kept, not_kept = median(seconds["kept"]), median(seconds["not_kept"])
    extra = kept - not_kept
    epoch_without = epoch_seconds - extra
    cost = extra / epoch_without
    images = len(run.dataset.val)
    report("evaluation_cost", {"device": a.device, "dataset": a.dataset, "input_size": a.input_size, "batch": a.batch,
                               "train_images": len(run.dataset.train), "val_images": images,
                               "epoch_seconds": epoch_seconds, "validation_seconds": seconds,
                               "extra_seconds": extra, "epoch_ratio": (epoch_without + extra) / epoch_without,
                               "cost_fraction": cost},
           f"keeping the predictions: validation of {images} images {kept:.3f} s vs {not_kept:.3f} s "
           f"(+{extra * 1000:.1f} ms) in an epoch of {epoch_without:.1f} s: epoch ratio "
           f"{1 + cost:.4f} ({cost:+.2%}; limit +2%) on {a.device}")


if __name__ == "__main__":
    main()
