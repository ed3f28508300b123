"""How long the learning-rate finder takes (issue 29): core.training.lr_find.find_learning_rate for a
training setting, its ~100 steps on the setting's device, timed from the data in memory to the
suggestion (the data's loading timed apart).

    python benchmarks/lr_find_time.py [--dataset sample] [--input-size 96] [--batch 64] [--optimizer adam]
                                      [--steps 100] [--device cpu] [--limit-train N]
"""
from __future__ import annotations

import argparse
import time

from common import report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="sample")
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--input-size", type=int, default=96)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--optimizer", default="adam")
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--limit-train", type=int, default=None)
    a = ap.parse_args()
    from googlenet_gui.core.data.sources import load_dataset
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.training.lr_find import find_learning_rate

    config = TrainConfig(dataset=a.dataset, data_dir=a.data_dir, input_size=a.input_size, batch_size=a.batch,
                         optimizer=a.optimizer, device=a.device, limit_train=a.limit_train)
    start = time.perf_counter()
    data = load_dataset(a.dataset, a.data_dir, a.input_size)
    loading = time.perf_counter() - start
    start = time.perf_counter()
    finding = find_learning_rate(config, data, steps=a.steps)
    seconds = time.perf_counter() - start
    suggestion = "none" if finding.suggestion is None else f"{finding.suggestion:.2e}"
    report("lr_find_time", {"device": a.device, "dataset": a.dataset, "input_size": a.input_size, "batch": a.batch,
                            "optimizer": a.optimizer, "steps": len(finding.rates), "seconds": seconds,
                            "loading_seconds": loading, "suggestion": finding.suggestion, "diverged": finding.diverged},
           f"learning-rate finder: {len(finding.rates)} steps of batch {a.batch} at {a.input_size}px on {a.device} in "
           f"{seconds:.1f} s (data loaded in {loading:.1f} s before); suggested {suggestion}")


if __name__ == "__main__":
    main()
