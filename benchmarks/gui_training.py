"""Rows 2 and 3: training speed with the dashboard open / headless, and how late the GUI's
event loop runs while it trains on the CPU.

Headless: core.training.engine.Trainer alone, in its own process as the CLI runs it. Dashboard: the real
MainWindow (Qt offscreen platform) in its own process as `python main.py` runs it, the settings
shown in the training panel's widgets, Start pressed, plots live, its event loop running as in
the app. Both train with the same settings and read the engine's own per-batch speed, so they
measure the same thing; they alternate, each in a fresh process (OpenMP's threads, the
allocator and the interpreter start as the app's do, with nothing left over from an earlier run).
Then one more dashboard run with a 10 ms QTimer on the GUI thread that records how late each
tick comes (row 3; kept out of row 2, since the probe is GUI work too).

    python benchmarks/gui_training.py [--seconds 25] [--threads N] [--repeats 2] [--precision auto]
        [--batch 64] [--dataset sample] [--recipe thorough]

The default is row 2's run: the built-in sample, batch 64, input 96. `--recipe` trains with a
recipe's settings instead (input, batch, schedule, augmentation, precision: the recipe's), e.g.
Thorough's step on Fashion-MNIST: `--dataset fashion-mnist --recipe thorough`.

A CPU without bf16 (float32 training, AVX2 kernels), approximated on one that has it:

    ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 python benchmarks/gui_training.py --precision fp32
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, median, open_window, percentile, report, run_event_loop  # noqa: E402


def training_config(dataset: str = "sample", batch: int = 64, precision: str = "auto", recipe: str = "",
                    threads: int | None = None):
    """The settings both sides train with: 100 epochs of `dataset` (never finishes within a
    measurement), or a recipe's settings on it."""
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.runs.recipes import RECIPES

    config = TrainConfig(dataset=dataset, epochs=100, batch_size=batch, precision=precision, num_threads=threads)
    return RECIPES[recipe].apply(config) if recipe else config


def steady_speed(batches: list) -> float:
    """Images per second over all but the first two batches (warm-up), from the engine's own timing:
    the batches' time summed (the batch size cancels out of images over seconds)."""
    steady = batches[2:]
    seconds_per_image = sum(1 / b.images_per_sec for b in steady if b.images_per_sec > 0)
    return len(steady) / seconds_per_image if seconds_per_image else float("nan")


def in_fresh_process(call: str, module: str = "gui_training"):
    """`module`.`call` (a call of one of its functions) evaluated in a new Python process; its value, via JSON."""
    code = f"import json, {module}; print(json.dumps({module}.{call}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.abspath(__file__)))
    return json.loads(out.stdout.strip().splitlines()[-1])


def headless_process(seconds: float, batch: int, precision: str = "auto", **settings) -> float:
    """The engine alone in a fresh process, as the CLI runs it."""
    return in_fresh_process(f"headless({seconds}, {batch}, {precision!r}, **{settings!r})")


def dashboard_process(seconds: float, batch: int, precision: str, probe_lateness: bool, **settings) -> tuple[float, list[float]]:
    """The window in a fresh process, as the app runs it."""
    return tuple(in_fresh_process(f"dashboard({seconds}, {batch}, {precision!r}, {probe_lateness}, **{settings!r})"))


def headless(seconds: float, batch: int, precision: str, **settings) -> float:
    from googlenet_gui.core.training.engine import Trainer
    from googlenet_gui.core.runs.events import BatchEnd

    config = training_config(batch=batch, precision=precision, **settings)
    trainer = Trainer(config, report_interval=0.05)
    batches, start = [], time.perf_counter()
    for event in trainer.run():
        if isinstance(event, BatchEnd):
            batches.append(event)
            if time.perf_counter() - start > seconds:
                trainer.request_stop()
    return steady_speed(batches)


def dashboard(seconds: float, batch: int, precision: str, probe_lateness: bool, **settings) -> tuple[float, list[float]]:
    from PySide6.QtCore import QTimer

    from googlenet_gui.core.runs.events import BatchEnd

    config = training_config(batch=batch, precision=precision, **settings)
    win = open_window()
    win.training_panel.set_config(config)
    batches: list = []
    win.training.thread.events.connect(lambda events: batches.extend(e for e in events if isinstance(e, BatchEnd)))
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    win.training_panel.start_button.click()
    run_event_loop(lambda: len(batches) >= 2, 180)  # measure lateness once training really runs
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
    ap.add_argument("--threads", type=int, default=None, help="training threads (default: the app's choice)")
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--precision", default="auto", help="auto (bf16 where the CPU has it), fp32, bf16")
    ap.add_argument("--dataset", default="sample")
    ap.add_argument("--recipe", default="", help="train with this recipe's settings (core/runs/recipes.py)")
    a = ap.parse_args()
    from googlenet_gui.core.common.devices import DEFAULT_THREADS

    settings = {"dataset": a.dataset, "recipe": a.recipe, "threads": a.threads}
    config = training_config(batch=a.batch, precision=a.precision, **settings)
    heads, dashes = [], []
    for _ in range(a.repeats):  # row 2 without the probe (it is work on the GUI thread too)
        heads.append(headless_process(a.seconds, a.batch, a.precision, **settings))
        dashes.append(dashboard_process(a.seconds, a.batch, a.precision, False, **settings)[0])
    late = dashboard_process(max(a.seconds, 20), a.batch, a.precision, True, **settings)[1]
    ratio = median(dashes) / median(heads)
    p99, worst = percentile(late, 99), max(late)
    threads = config.num_threads or DEFAULT_THREADS
    report("gui_training", {"threads": threads, "dataset": a.dataset, "recipe": a.recipe or None,
                            "input_size": config.input_size, "batch_size": config.batch_size, "precision": config.precision,
                            "headless_images_per_sec": heads, "dashboard_images_per_sec": dashes, "ratio": ratio,
                            "lateness_ms": {"p50": percentile(late, 50), "p99": p99, "max": worst, "ticks": len(late)}},
           f"row 2: dashboard {median(dashes):.0f} / headless {median(heads):.0f} img/s = {ratio:.3f}; "
           f"row 3: event-loop lateness p99 {p99:.1f} ms, max {worst:.1f} ms over {len(late)} ticks "
           f"({threads} training threads)")


if __name__ == "__main__":
    main()
