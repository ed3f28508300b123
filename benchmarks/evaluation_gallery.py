"""Opening a gallery of 1,000 images in the Evaluate tab never stalls the window's event loop for
more than 50 ms (issue 12).

The real window (Qt offscreen, 1400x900), the Evaluate tab in view, following a run whose epoch
has one confusion-matrix cell of --images images (generated validation images, reported as the
engine reports them). The cell is clicked, and a 10 ms QTimer on the GUI thread records how late
each tick comes, from the click until the last thumbnail is in the gallery.

    python benchmarks/evaluation_gallery.py [--images 1000] [--input-size 96] [--channels 1] [--repeats 3]
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, median, open_window, percentile, report, run_event_loop  # noqa: E402


class _Run:
    """What the Evaluate tab asks of a Trainer: the images it validates on."""

    def __init__(self, images):
        self.images = images

    def validation_images(self):
        return self.images


def open_gallery(win, images: int, input_size: int, channels: int, seed: int) -> tuple[list[float], list[float], float]:
    """While one cell's gallery fills: how late each 10 ms tick came (ms), the GUI thread's own
    CPU time between ticks (ms: a stall with little of it is the OS or another thread, not the
    window's work), and the seconds from the click to the last thumbnail."""
    import torch
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.data.sources import ImageSet
    from googlenet_gui.core.runs.events import EpochEnd, EpochPredictions, Position, RunStarted

    g = torch.Generator().manual_seed(seed)
    total = images + 200
    pixels = torch.randint(0, 256, (total, channels, 28, 28), dtype=torch.uint8, generator=g)
    labels = torch.cat([torch.ones(images, dtype=torch.long), torch.randint(0, 10, (200,), generator=g)])
    predicted = labels.clone()
    predicted[:images] = 0  # the cell (true 1, predicted 0) holds `images` images
    probability = torch.rand(total, generator=g) * 0.9 + 0.1
    matrix = torch.bincount(labels * 10 + predicted, minlength=100).view(10, 10).tolist()
    names = [f"class {i}" for i in range(10)]
    started = RunStarted(TrainConfig(input_size=input_size).to_dict(), "cpu", "fp32", 1000, total, names, channels,
                         10, 10, Position(), [], {"step": [], "loss": [], "accuracy": []}, None)
    controller, panel = win.evaluate, win.evaluate_panel
    controller.follow_run(started, _Run(ImageSet(pixels, labels)))
    controller.add_epoch(EpochEnd(1, 1.0, 0.5, 1.0, 0.5, 1.0, 1e-3, 10, 1.0, matrix))
    controller.add_predictions(EpochPredictions(1, labels.tolist(), predicted.tolist(), probability.tolist()))
    win.tabs.setCurrentWidget(panel)
    run_event_loop(None, 1.0)  # painted and settled

    ticks: list[tuple[float, float]] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))
    view = panel.matrix_view
    clicked: list[float] = []

    def click() -> None:
        clicked.append(time.perf_counter())
        QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(panel.matrix_model.index(1, 0)).center())

    probe.start()
    QTimer.singleShot(100, click)
    run_event_loop(lambda: len(panel.gallery_indices()) == images, 300)
    filled = time.perf_counter()
    run_event_loop(None, 0.3)  # the last rows' layout and paint
    probe.stop()
    if len(panel.gallery_indices()) != images:
        raise SystemExit(f"the gallery holds {len(panel.gallery_indices())} images, not {images}")
    lateness = [max(0.0, (b[0] - a[0] - 0.010) * 1000) for a, b in zip(ticks, ticks[1:])]
    work = [(b[1] - a[1]) * 1000 for a, b in zip(ticks, ticks[1:])]
    return lateness, work, filled - clicked[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=1000)
    ap.add_argument("--input-size", type=int, default=96)
    ap.add_argument("--channels", type=int, choices=(1, 3), default=1)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    win = open_window()
    late: list[float] = []
    work: list[float] = []
    fills: list[float] = []
    worst: list[float] = []
    for seed in range(a.repeats):
        lateness, cpu, seconds = open_gallery(win, a.images, a.input_size, a.channels, seed)
        late += lateness
        work += cpu
        fills.append(seconds)
        worst.append(max(lateness))
    close_window(win)
    p99, longest = percentile(late, 99), max(late)
    busiest = max(work)
    report("evaluation_gallery", {"images": a.images, "input_size": a.input_size, "channels": a.channels,
                                  "fill_seconds": fills, "longest_stall_ms_per_gallery": worst,
                                  "lateness_ms": {"p50": percentile(late, 50), "p99": p99, "max": longest,
                                                  "ticks": len(late)},
                                  "gui_thread_cpu_ms_between_ticks_max": busiest},
           f"gallery of {a.images} images: longest event-loop stall {longest:.1f} ms (limit 50 ms), p99 {p99:.1f} ms; "
           f"the GUI thread's most work between two ticks {busiest:.1f} ms; filled in {median(fills):.2f} s "
           f"(median of {a.repeats})")


if __name__ == "__main__":
    main()
