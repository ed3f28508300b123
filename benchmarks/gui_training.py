"""Rows 2 and 3: training speed with the dashboard open / headless, and how late the GUI's
event loop runs while it trains on the CPU.

Headless: core.engine.Trainer alone. Dashboard: the real MainWindow (Qt offscreen platform),
Start pressed, plots live, while a 10 ms QTimer on the GUI thread records how late each tick
comes. Both read the engine's own per-batch speed, so they measure the same thing; they run one
after the other in one process, alternating, on the built-in sample.

    python benchmarks/gui_training.py [--seconds 25] [--threads N] [--repeats 2]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import median, percentile, report  # noqa: E402


def steady_speed(batches: list) -> float:
    """Images per second over all but the first two batches (warm-up), from the engine's own timing."""
    steady = batches[2:]
    seconds = sum(64 / b.images_per_sec for b in steady if b.images_per_sec > 0)
    return 64 * len(steady) / seconds if seconds else float("nan")


def headless(seconds: float, batch: int) -> float:
    from googlenet_gui.core.engine import BatchEnd, TrainConfig, Trainer

    trainer = Trainer(TrainConfig(dataset="sample", epochs=100, batch_size=batch), report_interval=0.05)
    batches, start = [], time.perf_counter()
    for event in trainer.run():
        if isinstance(event, BatchEnd):
            batches.append(event)
            if time.perf_counter() - start > seconds:
                trainer.request_stop()
    return steady_speed(batches)


def dashboard(seconds: float, batch: int) -> tuple[float, list[float]]:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from googlenet_gui.app import create_window
    from googlenet_gui.core.engine import BatchEnd

    app = QApplication.instance() or QApplication([])
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
    os.environ["GOOGLENET_RUNS_DIR"] = tempfile.mkdtemp()
    win = create_window()
    win.resize(1400, 900)
    win.show()
    while not win.core_ready:
        app.processEvents()
        time.sleep(0.01)
    tp = win.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("sample"))
    tp.epochs_spin.setValue(100)
    tp.batch_spin.setValue(batch)
    batches: list = []
    win.controller.events.connect(lambda events: batches.extend(e for e in events if isinstance(e, BatchEnd)))
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    tp.start_button.click()
    while len(batches) < 2:  # measure lateness once training really runs
        app.processEvents()
        time.sleep(0.005)
    probe.start()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    probe.stop()
    win.close()
    lateness_ms = [max(0.0, (b - a - 0.010) * 1000) for a, b in zip(ticks, ticks[1:])]
    return steady_speed(batches), lateness_ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=25)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    ap.add_argument("--repeats", type=int, default=2)
    a = ap.parse_args()
    import torch

    if a.threads:
        torch.set_num_threads(a.threads)
    heads, dashes, late = [], [], []
    for _ in range(a.repeats):
        heads.append(headless(a.seconds, a.batch))
        speed, lateness = dashboard(a.seconds, a.batch)
        dashes.append(speed)
        late.extend(lateness)
    ratio = median(dashes) / median(heads)
    p99, worst = percentile(late, 99), max(late)
    report("gui_training", {"threads": torch.get_num_threads(), "headless_images_per_sec": heads,
                            "dashboard_images_per_sec": dashes, "ratio": ratio,
                            "lateness_ms": {"p50": percentile(late, 50), "p99": p99, "max": worst,
                                            "ticks": len(late)}},
           f"row 2: dashboard {median(dashes):.0f} / headless {median(heads):.0f} img/s = {ratio:.3f}; "
           f"row 3: event-loop lateness p99 {p99:.1f} ms, max {worst:.1f} ms over {len(late)} ticks "
           f"({torch.get_num_threads()} torch threads)")


if __name__ == "__main__":
    main()
