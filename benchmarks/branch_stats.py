"""What sampling how each part learns costs (issue 29: at most 2% of training throughput): the
gradient norm, update-to-weight ratio and activation figures of every block, Inception branch and
the classifier (core/training/branch_stats.py), every --every steps, written to the run folder.

Runs of the same settings with the sampling on and off alternate in one process (so drifts in
machine load hit both alike); each run trains --epochs epochs of the engine's own loop, and the
epochs after the first (cuDNN's and oneDNN's warm-up) give its training throughput. The ratio
on / off of the medians is the cost.

    python benchmarks/branch_stats.py [--dataset sample] [--input-size 96] [--batch 64] [--every 25]
                                      [--epochs 3] [--repeats 3] [--device cpu] [--limit-train N]
                                      [--tensorboard]
"""
from __future__ import annotations

import argparse

from common import median, report, scratch_dir


def throughput(config, dataset, every: int, tensorboard: bool) -> float:
    """Training images a second over the epochs after the first (validation left out)."""
    from googlenet_gui.core.runs.events import EpochEnd, Failed, RunStarted
    from googlenet_gui.core.training.engine import Trainer
    from googlenet_gui.core.training.tensorboard_log import TensorBoardLog

    folder = scratch_dir()
    log = TensorBoardLog(folder) if tensorboard else None
    trainer = Trainer(config, run_dir=folder, dataset=dataset, report_interval=1.0, keep_checkpoints=False,
                      keep_predictions=False, branch_stats_every=every)
    images, seconds, per_epoch = 0, 0.0, 0
    for event in trainer.run():
        if log is not None:
            log.write(event)
        if isinstance(event, RunStarted):
            per_epoch = event.train_size
        elif isinstance(event, EpochEnd) and event.epoch > 1:  # EpochEnd.time: training and the (tiny) validation
            images += per_epoch
            seconds += event.time
        elif isinstance(event, Failed):
            raise SystemExit(event.message)
    if log is not None:
        log.close()
    return images / seconds


def main() -> None:
    from googlenet_gui.core.training.branch_stats import DEFAULT_EVERY

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="sample")
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--input-size", type=int, default=96)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--every", type=int, default=DEFAULT_EVERY, help="steps between samples (default %(default)s)")
    ap.add_argument("--epochs", type=int, default=3, help="per run; the first is left out (warm-up)")
    ap.add_argument("--repeats", type=int, default=3, help="runs of each setting, alternating")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--limit-train", type=int, default=None)
    ap.add_argument("--tensorboard", action="store_true", help="also write the TensorBoard histograms (its logging on)")
    a = ap.parse_args()
    if a.epochs < 2:
        raise SystemExit("--epochs must be at least 2: the first is warm-up")
    from googlenet_gui.core.data.sources import load_dataset
    from googlenet_gui.core.runs.config import TrainConfig

    config = TrainConfig(dataset=a.dataset, data_dir=a.data_dir, input_size=a.input_size, epochs=a.epochs,
                         batch_size=a.batch, device=a.device, limit_train=a.limit_train, limit_val=a.batch * 2)
    dataset = load_dataset(a.dataset, a.data_dir, a.input_size)
    speeds: dict[str, list[float]] = {"off": [], "on": []}
    for _ in range(a.repeats):
        speeds["off"].append(throughput(config, dataset, 0, a.tensorboard))
        speeds["on"].append(throughput(config, dataset, a.every, a.tensorboard))
    off, on = median(speeds["off"]), median(speeds["on"])
    ratio = on / off
    report("branch_stats", {"device": a.device, "dataset": a.dataset, "input_size": a.input_size, "batch": a.batch,
                            "every": a.every, "tensorboard": a.tensorboard, "images_per_second": speeds,
                            "throughput_ratio": ratio, "cost_fraction": 1 - ratio},
           f"branch statistics every {a.every} steps{' with TensorBoard histograms' if a.tensorboard else ''}: "
           f"{on:.1f} vs {off:.1f} images/s without, throughput ratio {ratio:.4f} ({1 - ratio:+.2%} cost; limit 2%) "
           f"on {a.device}")


if __name__ == "__main__":
    main()
