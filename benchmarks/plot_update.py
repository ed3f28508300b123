"""Row 6: the live plots with 1,000,000 points per curve: one update (new batches appended,
as the worker delivers them) plus the repaint it causes.

    python benchmarks/plot_update.py [--points 1000000] [--updates 60]
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import median, percentile, report  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--updates", type=int, default=60)
    ap.add_argument("--per-update", type=int, default=30, help="batches per update (a fast GPU at 30 Hz)")
    a = ap.parse_args()
    import numpy as np
    from googlenet_gui.app import application
    from googlenet_gui.core.runs.events import EpochEnd
    from googlenet_gui.ui.panels.plots_panel import PlotsPanel

    app = application()  # the app's own Qt set-up (no GUI thread pool)
    panel = PlotsPanel()
    panel.resize(1100, 450)
    panel.show()
    app.processEvents()
    steps_per_epoch = 1000
    panel.reset(steps_per_epoch)
    rng = np.random.default_rng(0)
    step = 0
    chunk = 100_000
    while step < a.points:  # fill in big chunks (as a resumed run's history would)
        n = min(chunk, a.points - step)
        s = np.arange(step + 1, step + n + 1)
        panel.add_batches(s.tolist(), (2 * np.exp(-s / 2e5) + rng.normal(0, 0.1, n)).tolist(),
                          (1 - np.exp(-s / 2e5) + rng.normal(0, 0.05, n)).clip(0, 1).tolist())
        step += n
    panel.add_epochs([EpochEnd(e + 1, 1.0, 0.5, 1.1, 0.45, 1.0, 1e-3, (e + 1) * steps_per_epoch)
                      for e in range(a.points // steps_per_epoch) if e % 50 == 0])
    panel.repaint()
    app.processEvents()
    times = []
    for _ in range(a.updates):
        s = list(range(step + 1, step + a.per_update + 1))
        losses = rng.normal(0.3, 0.1, a.per_update).tolist()
        accs = rng.uniform(0.8, 0.95, a.per_update).tolist()
        start = time.perf_counter()
        panel.add_batches(s, losses, accs)
        panel.grab()  # renders both plots now (offscreen, a repaint() may be skipped)
        times.append((time.perf_counter() - start) * 1000)
        step += a.per_update
        app.processEvents()
    counts = panel.point_counts()
    report("plot_update", {"points_per_curve": counts["batch"], "median_ms": median(times),
                           "p90_ms": percentile(times, 90), "max_ms": max(times), "runs_ms": times},
           f"row 6: {counts['batch']:,} points per curve: update + repaint median {median(times):.1f} ms, "
           f"p90 {percentile(times, 90):.1f} ms, max {max(times):.1f} ms")


if __name__ == "__main__":
    main()
