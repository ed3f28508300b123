"""What sampling how each part learns costs (issue 29: at most 2% of training throughput): the
gradient norm, update-to-weight ratio and activation figures of every block, Inception branch and
the classifier (core/training/branch_stats.py), every --every steps, written to the run folder.

Runs of the same settings take turns in one process, the order reversed every other time (so
drifts in machine load hit all alike):
sampling off, sampling every step, and sampling every --every steps. Each run trains --epochs epochs
of the engine's own loop; the epochs after the first (cuDNN's and oneDNN's warm-up) give its training
throughput. A cost of 1 to 2% is smaller than the spread of such runs on a shared 2-core machine
(5 to 10% between runs of the same settings), so the run that samples every step measures what one
sample costs, well above that spread, and the cost at --every follows from it:
per image, time(every N) = time(off) + (time(every 1) - time(off)) / N. The direct ratio at --every
is printed beside it, with its runs, to be read against their spread.

    python benchmarks/branch_stats.py [--dataset sample] [--input-size 96] [--batch 64] [--every 25]
                                      [--epochs 3] [--repeats 4] [--device cpu] [--limit-train N]
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
    ap.add_argument("--repeats", type=int, default=4, help="runs of each setting, in turn, the order reversed every other time")
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
    settings = {"off": 0, "every_step": 1, "on": a.every}
    speeds: dict[str, list[float]] = {name: [] for name in settings}
    order = list(settings.items())
    for repeat in range(a.repeats):  # off, every step, on; then on, every step, off: a drift hits all alike
        for name, every in order if repeat % 2 == 0 else order[::-1]:
            speeds[name].append(throughput(config, dataset, every, a.tensorboard))
    off, every_step, on = (median(speeds[name]) for name in settings)
    per_image_off, per_image_sampled = 1 / off, 1 / every_step
    projected = per_image_off / (per_image_off + (per_image_sampled - per_image_off) / a.every)
    direct = on / off
    report("branch_stats", {"device": a.device, "dataset": a.dataset, "input_size": a.input_size, "batch": a.batch,
                            "every": a.every, "tensorboard": a.tensorboard, "images_per_second": speeds,
                            "sample_cost_seconds": (per_image_sampled - per_image_off) * a.batch,
                            "every_step_ratio": every_step / off, "throughput_ratio": projected,
                            "cost_fraction": 1 - projected, "direct_ratio": direct},
           f"branch statistics: one sample costs {(per_image_sampled - per_image_off) * a.batch * 1000:.0f} ms "
           f"(every step: {every_step:.1f} vs {off:.1f} images/s); every {a.every} steps"
           f"{' with TensorBoard histograms' if a.tensorboard else ''}: throughput ratio {projected:.4f} "
           f"({1 - projected:.2%} cost; limit 2%); measured directly {direct:.4f} "
           f"(runs {', '.join(f'{v:.0f}' for v in speeds['on'])} vs {', '.join(f'{v:.0f}' for v in speeds['off'])}) "
           f"on {a.device}")

if __name__ == "__main__":
    main()
