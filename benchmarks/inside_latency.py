"""Inside the network, for one image at input 96: every block's, layer's, Inception module's
and branch's maps plus Grad-CAM (target: at most 150 ms on the CPU, off the GUI thread).

Core: core.understanding.inside.inspect_image (one forward pass recording every output, the backward pass
from the class to the Grad-CAM layer, the 58 outputs' statistics and maps) on one PyTorch
thread, as the window's inference pool runs it, for a 1-channel (the sample, Fashion-MNIST)
and a 3-channel (CIFAR-10) network. Window: the real MainWindow; a click on a Classify row
until the Inside tab has painted that image's maps and heatmap, two images taken in turn, with
a 5 ms timer on the GUI thread recording the longest gap meanwhile (the work is on the pool:
the gap is the painting).

    python benchmarks/inside_latency.py [--repeats 20]
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, median, open_window, percentile, report, scratch_dir  # noqa: E402


def core_times(channels: int, repeats: int) -> list[float]:
    import numpy as np
    import torch
    from PIL import Image

    from googlenet_gui.core.understanding.inside import inspect_image
    from googlenet_gui.core.inference.predict import Predictor

    torch.set_num_threads(1)  # as the inference pool's threads
    predictor = Predictor.untrained([f"class {i}" for i in range(10)], channels, 32, 96)
    rng = np.random.default_rng(0)
    image = Image.fromarray(rng.integers(0, 255, (32, 32, 3), dtype=np.uint8)).convert("L" if channels == 1 else "RGB")
    tensor = predictor.prepare_image(image)
    inspect_image(predictor, tensor)  # warm-up: the first pass allocates
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        inspect_image(predictor, tensor)
        times.append((time.perf_counter() - start) * 1000)
    return times


def window_times(repeats: int) -> tuple[list[float], float]:
    import numpy as np
    from PIL import Image
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    work = scratch_dir()
    paths = []
    for i in range(2):
        path = work / f"image{i}.png"
        Image.fromarray(np.random.default_rng(i).integers(0, 255, (28, 28), dtype=np.uint8)).save(path)
        paths.append(str(path))
    win = open_window()
    app = QApplication.instance()
    win.classify.classify_paths(paths)
    while win.classify_panel.row_count() < 2:
        app.processEvents()
        time.sleep(0.005)
    win.tabs.setCurrentWidget(win.understanding.inside_panel)
    panel = win.understanding.inside_panel
    rows = {row.source: row for row in win.classify_panel.rows()}
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def look(source: str) -> float:
        before = panel.inside
        start = time.perf_counter()
        rows[source].clicked.emit(source)  # as a click on the row
        while panel.inside is before or panel.source != source:
            app.processEvents()
        panel.repaint()  # on screen once painted
        return (time.perf_counter() - start) * 1000

    look(paths[0])  # warm-up
    probe.start()
    times = [look(paths[(i + 1) % 2]) for i in range(repeats)]
    probe.stop()
    close_window(win)
    gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:])]
    return times, max(gaps, default=float("nan"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=20)
    a = ap.parse_args()
    figures = {}
    for channels in (1, 3):
        times = core_times(channels, a.repeats)
        figures[f"core_{channels}ch_ms"] = {"median": median(times), "p90": percentile(times, 90), "runs": times}
    clicks, gap = window_times(a.repeats)
    figures["window_click_to_painted_ms"] = {"median": median(clicks), "p90": percentile(clicks, 90), "runs": clicks}
    figures["longest_gui_gap_ms"] = gap
    report("inside_latency", figures,
           f"inside, input 96, one PyTorch thread: maps of 58 outputs + Grad-CAM "
           f"{figures['core_1ch_ms']['median']:.0f} ms (1 channel) / {figures['core_3ch_ms']['median']:.0f} ms "
           f"(3 channels), median of {a.repeats}; in the window, click to painted "
           f"{figures['window_click_to_painted_ms']['median']:.0f} ms, longest GUI-thread gap {gap:.0f} ms")


if __name__ == "__main__":
    main()
