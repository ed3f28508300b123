"""Training throughput with the Inside tab open and a pinned image's timeline updating, against
headless (target: at least 0.95), measured as benchmarks/gui_training.py measures row 2.

Headless: core.training.engine.Trainer alone in a fresh process, as the CLI runs it. Inside: the real
MainWindow in a fresh process, as the app runs it, an image classified, selected and pinned, the
Inside tab on screen (its maps follow the live weights every 30 s on a CPU that training keeps
busy), the timeline recording every --interval steps and at the epoch's end, Start pressed. Both
read the engine's own per-batch speed; they alternate, on the built-in sample (batch 64, input
96). The numbers of timeline points and of looks inside are printed, to show the work was done.

    python benchmarks/inside_training.py [--seconds 25] [--repeats 2] [--interval 25]
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, median, open_window, report, run_event_loop, scratch_dir  # noqa: E402
from gui_training import headless_process, in_fresh_process, steady_speed, training_config  # noqa: E402


def inside_process(seconds: float, batch: int, interval: int, refresh: float | None) -> tuple[float, int, int, float]:
    """inside_run in a fresh process, as the app runs its window (see gui_training.py)."""
    return tuple(in_fresh_process(f"inside_run({seconds}, {batch}, {interval}, {refresh!r})", "inside_training"))


def inside_run(seconds: float, batch: int, interval: int, refresh: float | None = None) -> tuple[float, int, int, float]:
    import numpy as np
    from PIL import Image

    from googlenet_gui.core.runs.events import BatchEnd
    from googlenet_gui.ui.controllers import inside

    if refresh is not None:
        inside.REFRESH_SECONDS = inside.SATURATED_CPU_REFRESH_SECONDS = refresh

    image = scratch_dir() / "pinned.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (28, 28), dtype=np.uint8)).save(image)
    win = open_window()
    win.training_panel.set_config(training_config(batch=batch))  # what headless_process trains with
    win.classify.classify_paths([str(image)])
    run_event_loop(lambda: win.classify_panel.row_count() == 1, 60)
    win.classify_panel.rows()[0].inside_button.click()  # selected, and the Inside tab on screen
    run_event_loop(lambda: win.understanding.inside_panel.inside is not None, 60)
    win.understanding.inside_panel.pin_button.click()
    win.understanding.timeline_panel.interval_spin.setValue(interval)
    looks = []
    shown = win.understanding.inside_panel.show_inside
    win.understanding.inside_panel.show_inside = lambda *args: (looks.append(1), shown(*args))  # count the looks

    batches: list = []
    win.training.thread.events.connect(lambda events: batches.extend(e for e in events if isinstance(e, BatchEnd)))
    win.training_panel.start_button.click()
    run_event_loop(lambda: len(batches) >= 2, 120)
    run_event_loop(None, seconds)
    points = win.understanding.timeline_panel.point_count()
    refresh = win.understanding.inside.refresh_seconds
    close_window(win)
    return steady_speed(batches), points, len(looks), refresh


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=25)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--interval", type=int, default=25, help="steps between timeline points (the window's default)")
    ap.add_argument("--refresh", type=float, default=None,
                    help="seconds between looks inside with the live weights (default: the window's)")
    a = ap.parse_args()
    from googlenet_gui.core.common.devices import DEFAULT_THREADS

    heads, insides, points, looks = [], [], [], []
    refresh = None
    for _ in range(a.repeats):
        heads.append(headless_process(a.seconds, a.batch))
        speed, n_points, n_looks, refresh = inside_process(a.seconds, a.batch, a.interval, a.refresh)
        insides.append(speed)
        points.append(n_points)
        looks.append(n_looks)
        time.sleep(1)
    ratio = median(insides) / median(heads)
    report("inside_training", {"refresh_s": refresh, "threads": DEFAULT_THREADS, "headless_images_per_sec": heads,
                               "inside_images_per_sec": insides, "ratio": ratio, "timeline_points": points,
                               "looks_inside": looks, "interval": a.interval},
           f"training with the Inside tab open and a timeline every {a.interval} steps: {median(insides):.0f} / "
           f"headless {median(heads):.0f} img/s = {ratio:.3f} ({a.repeats} pairs; timeline points per run {points}, "
           f"looks inside per run {looks}, every {refresh:.0f} s)")


if __name__ == "__main__":
    main()
