"""bf16 autocast costs no accuracy: the same run (built-in sample, same seed, same everything)
in float32 and in bfloat16, side by side, for several seeds; the final validation accuracy of
each and the speed. A one-cycle schedule, so the last epoch settles instead of swinging (with a
constant rate the sample's validation accuracy moves by +-5 points from one epoch to the next).

    python benchmarks/bf16_accuracy.py [--epochs 4] [--seeds 0 1 2] [--input-size 64]
"""
from __future__ import annotations

import argparse

from common import median, report


def run(precision: str, epochs: int, seed: int, input_size: int) -> tuple[list[float], float]:
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.training.engine import Trainer
    from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Failed

    accuracies, speeds = [], []
    config = TrainConfig(dataset="sample", epochs=epochs, seed=seed, precision=precision, input_size=input_size,
                         schedule="onecycle", lr=0.002)
    for event in Trainer(config).run():
        if isinstance(event, EpochEnd):
            accuracies.append(event.val_accuracy)
        elif isinstance(event, BatchEnd):
            speeds.append(event.images_per_sec)
        elif isinstance(event, Failed):
            raise SystemExit(event.message)
    return accuracies, median(speeds[2:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--input-size", type=int, default=64)
    a = ap.parse_args()
    results = {}
    for seed in a.seeds:
        for precision in ("fp32", "bf16"):
            results[f"{precision}/seed{seed}"] = run(precision, a.epochs, seed, a.input_size)
    final = {k: v[0][-1] for k, v in results.items()}
    fp32 = [final[f"fp32/seed{s}"] for s in a.seeds]
    bf16 = [final[f"bf16/seed{s}"] for s in a.seeds]
    speed = {p: median([results[f"{p}/seed{s}"][1] for s in a.seeds]) for p in ("fp32", "bf16")}
    mean = lambda v: sum(v) / len(v)  # noqa: E731
    report("bf16_accuracy", {"epochs": a.epochs, "val_accuracy_per_epoch": {k: v[0] for k, v in results.items()},
                             "final_mean": {"fp32": mean(fp32), "bf16": mean(bf16)}, "images_per_sec": speed},
           f"bf16 vs fp32 on the sample after {a.epochs} epochs: validation accuracy {mean(bf16):.3f} vs "
           f"{mean(fp32):.3f} (mean of seeds {a.seeds}; per seed bf16 {[round(v, 3) for v in bf16]}, "
           f"fp32 {[round(v, 3) for v in fp32]}); speed {speed['bf16']:.0f} vs {speed['fp32']:.0f} img/s")


if __name__ == "__main__":
    main()
