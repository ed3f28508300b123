"""Feature visualization: the time of a 256-step visualization at input 96 (core.understanding.featurevis),
on one PyTorch thread as the window's inference pool runs it (--threads for more), for one
channel and, with --grid, for the window's 16-channel grid (one batch of 16).

    python benchmarks/featurevis_time.py [--steps 256] [--layer inception4a] [--repeats 3] [--grid]
"""
from __future__ import annotations

import argparse
import time

from common import median, report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=256)
    ap.add_argument("--size", type=int, default=96)
    ap.add_argument("--channels", type=int, default=3, help="of the network's input: 1 or 3 (default 3)")
    ap.add_argument("--layer", default="inception4a")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--grid", action="store_true", help="also time the 16-channel grid")
    a = ap.parse_args()
    import torch

    from googlenet_gui.core.understanding.featurevis import visualize
    from googlenet_gui.core.inference.predict import Predictor

    torch.set_num_threads(a.threads)
    predictor = Predictor.untrained([f"class {i}" for i in range(10)], a.channels, 32, a.size)
    visualize(predictor.model, predictor.preprocess, a.layer, [0], steps=2)  # warm-up
    runs = {"one_channel": [0]}
    if a.grid:
        runs["grid_16"] = list(range(16))
    figures = {}
    for name, channels in runs.items():
        times = []
        for _ in range(a.repeats):
            start = time.perf_counter()
            visualize(predictor.model, predictor.preprocess, a.layer, channels, steps=a.steps)
            times.append(time.perf_counter() - start)
        figures[name] = {"median_s": median(times), "per_step_ms": median(times) / a.steps * 1000, "runs_s": times}
    line = (f"feature visualization, {a.layer}, {a.steps} steps at {a.size}x{a.size}, {a.threads} PyTorch thread(s): "
            f"one channel {figures['one_channel']['median_s']:.1f} s")
    if a.grid:
        line += f", 16-channel grid {figures['grid_16']['median_s']:.1f} s"
    report("featurevis_time", {"layer": a.layer, "steps": a.steps, "size": a.size, "threads": a.threads, **figures},
           line + f" (median of {a.repeats})")


if __name__ == "__main__":
    main()
