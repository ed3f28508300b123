"""Rows 2 and 3: training speed with the dashboard open / headless, and how late the GUI's
event loop runs while it trains on the CPU.

Headless: core.engine.Trainer alone, in its own process as the CLI runs it. Dashboard: the real MainWindow (Qt offscreen platform),
Start pressed, plots live, its event loop running as in the app. Both read the engine's own
per-batch speed, so they measure the same thing; they alternate in one process, on the built-in
sample. Then one more dashboard run with a 10 ms QTimer on the GUI thread that records how late
each tick comes (row 3; kept out of row 2, since the probe is GUI work too).

    python benchmarks/gui_training.py [--seconds 25] [--threads N] [--repeats 2] [--precision auto]

A CPU without bf16 (float32 training, AVX2 kernels), approximated on one that has it:

    ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 python benchmarks/gui_training.py --precision fp32
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, median, open_window, percentile, report, run_event_loop  # noqa: E402


def steady_speed(batches: list) -> float:
    """Images per second over all but the first two batches (warm-up), from the engine's own timing."""
    steady = batches[2:]
    seconds = sum(64 / b.images_per_sec for b in steady if b.images_per_sec > 0)
    return 64 * len(steady) / seconds if seconds else float("nan")


def headless_process(seconds: float, batch: int, precision: str) -> float:
    """The engine alone in a fresh process, as the CLI runs it (OpenMP's threads belong to one
    team only, as in the app; running it in this process would leave a second team behind)."""
    import json
    import subprocess
    import sys

    code = f"import json, gui_training as g; print(json.dumps(g.headless({seconds}, {batch}, {precision!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.abspath(__file__)))
    return json.loads(out.stdout.strip().splitlines()[-1])


def headless(seconds: float, batch: int, precision: str) -> float:
    from googlenet_gui.core.config import TrainConfig
    from googlenet_gui.core.engine import Trainer
    from googlenet_gui.core.events import BatchEnd

    trainer = Trainer(TrainConfig(dataset="sample", epochs=100, batch_size=batch, precision=precision),
                      report_interval=0.05)
    batches, start = [], time.perf_counter()
    for event in trainer.run():
        if isinstance(event, BatchEnd):
            batches.append(event)
            if time.perf_counter() - start > seconds:
                trainer.request_stop()
    return steady_speed(batches)


def dashboard(seconds: float, batch: int, precision: str, probe_lateness: bool) -> tuple[float, list[float]]:
    from PySide6.QtCore import QTimer

    from googlenet_gui.core.events import BatchEnd

    win = open_window()
    tp = win.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("sample"))
    tp.epochs_spin.setValue(100)
    tp.batch_spin.setValue(batch)
    tp.precision_combo.setCurrentIndex(tp.precision_combo.findData(precision))
    batches: list = []
    win.training.thread.events.connect(lambda events: batches.extend(e for e in events if isinstance(e, BatchEnd)))
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    tp.start_button.click()
    run_event_loop(lambda: len(batches) >= 2, 120)  # measure lateness once training really runs
    if probe_lateness:
        probe.start()
    run_event_loop(None, seconds)
    probe.stop()
    close_window(win)
    lateness_ms = [max(0.0, (b - a - 0.010) * 1000) for a, b in zip(ticks, ticks[1:])]
    return steady_speed(batches), lateness_ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=25)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--precision", default="auto", help="auto (bf16 where the CPU has it), fp32, bf16")
    a = ap.parse_args()
    import torch

    if a.threads:
        torch.set_num_threads(a.threads)
    heads, dashes, late = [], [], []
    for _ in range(a.repeats):  # row 2 without the probe (it is work on the GUI thread too)
        heads.append(headless_process(a.seconds, a.batch, a.precision))
        dashes.append(dashboard(a.seconds, a.batch, a.precision, probe_lateness=False)[0])
    late = dashboard(max(a.seconds, 20), a.batch, a.precision, probe_lateness=True)[1]
    ratio = median(dashes) / median(heads)
    p99, worst = percentile(late, 99), max(late)
    report("gui_training", {"threads": torch.get_num_threads(), "precision": a.precision, "headless_images_per_sec": heads,
                            "dashboard_images_per_sec": dashes, "ratio": ratio,
                            "lateness_ms": {"p50": percentile(late, 50), "p99": p99, "max": worst,
                                            "ticks": len(late)}},
           f"row 2: dashboard {median(dashes):.0f} / headless {median(heads):.0f} img/s = {ratio:.3f}; "
           f"row 3: event-loop lateness p99 {p99:.1f} ms, max {worst:.1f} ms over {len(late)} ticks "
           f"({torch.get_num_threads()} torch threads)")


if __name__ == "__main__":
    main()
