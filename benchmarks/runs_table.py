"""The runs table with 500 run folders: the time to read them all (core.runs.index.RunsIndex, as the
Runs tab does on a pool thread), and in the real window the time from showing the Runs tab to
a full table, with the longest stall of the event loop meanwhile (a 1 ms timer's longest gap).

The folders are generated through runlog.MetricsLog (the engine's writer): by default 10 epochs
of 100 batches each (about 230 KB of metrics.jsonl), mostly finished, some stopped, some failed
and a few running (their logs held open, as a training holds them). The operating system's file
cache is warm (the files were just written), as it is for a person who opens the tab twice.

    python benchmarks/runs_table.py [--runs 500] [--epochs 10] [--batches 100]
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, open_window, report, run_event_loop  # noqa: E402


def generate(root, runs: int, epochs: int, batches: int) -> list:
    """`runs` run folders under `root`; returns the logs kept open (running runs)."""
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Position, RunStarted
    from googlenet_gui.core.runs.runlog import MetricsLog

    held = []
    for i in range(runs):
        kind = "running" if i % 50 == 0 else "failed" if i % 20 == 1 else "stopped" if i % 10 == 2 else "finished"
        done = epochs if kind == "finished" else max(1, epochs * (i % 7 + 1) // 8)
        config = TrainConfig(epochs=epochs, lr=1e-3 * (1 + i % 5), batch_size=32 * (1 + i % 3), input_size=64 + 8 * (i % 4))
        started = RunStarted(config.to_dict(), "cpu", "bf16", batches * config.batch_size, 1000,
                             [f"class {c}" for c in range(10)], 1, batches, batches * epochs, Position(0, 0, batches),
                             [], {}, None)
        log = MetricsLog(root / f"run-{i:04d}", None)
        log.started(started)
        for epoch in range(1, done + 1):
            for b in range(1, batches + 1):
                step = (epoch - 1) * batches + b
                log.batch(BatchEnd(epoch, b, batches, step, batches * epochs, 2.0 / step ** 0.5, 1 - 1 / step ** 0.5,
                                   1e-3, 900.0))
            log.epoch(EpochEnd(epoch, 1 / epoch, 1 - 1 / (epoch + 1), 1.1 / epoch, 0.9 - 0.5 / epoch - (i % 13) / 100,
                               30.0, 1e-3, epoch * batches))
        if kind == "finished":
            log.finished(0.9)
        elif kind == "stopped":
            log.stopped(Position(done, 0, batches))
        if kind == "running":
            held.append(log)
            continue
        log.close()
        if kind == "failed":
            then = time.time() - 3600
            os.utime(root / f"run-{i:04d}" / "metrics.jsonl", (then, then))
    return held


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=500)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batches", type=int, default=100, help="batches per epoch")
    a = ap.parse_args()
    from PySide6.QtCore import Qt, QTimer

    from googlenet_gui.core.runs.index import RunsIndex

    win = open_window()
    root = win.runs_dir
    root.mkdir(parents=True, exist_ok=True)
    held = generate(root, a.runs, a.epochs, a.batches)
    size = sum((root / d / "metrics.jsonl").stat().st_size for d in os.listdir(root))

    # the core, as the Runs tab's pool job runs it: first scan, and a rescan with nothing changed
    index = RunsIndex()
    start = time.perf_counter()
    runs = index.scan([root])
    first_s = time.perf_counter() - start
    start = time.perf_counter()
    index.scan([root])
    rescan_s = time.perf_counter() - start
    assert len(runs) == a.runs

    # the window: show the Runs tab, wait for every row, measuring the event loop's longest gap
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    run_event_loop(None, 0.3)  # settle
    ticks.clear()
    start = time.perf_counter()
    win.tabs.setCurrentWidget(win.runs_panel)
    run_event_loop(lambda: win.runs_panel.model.rowCount() == a.runs, 60)
    table_s = time.perf_counter() - start
    run_event_loop(None, 0.2)
    stall_ms = max((b - t) * 1000 for t, b in zip(ticks, ticks[1:])) if len(ticks) > 1 else float("nan")
    # the refresh every few seconds while the tab is shown (nothing changed: only stats and locks)
    ticks.clear()
    done = []
    win.runs.runs_read.connect(lambda: done.append(True))
    start = time.perf_counter()
    win.runs.refresh()
    run_event_loop(lambda: bool(done), 60)
    refresh_s = time.perf_counter() - start
    run_event_loop(None, 0.2)
    refresh_stall_ms = max((b - t) * 1000 for t, b in zip(ticks, ticks[1:])) if len(ticks) > 1 else float("nan")
    timer.stop()
    for log in held:
        log.close()
    close_window(win)
    report("runs_table", {"runs": a.runs, "log_mib": size / 2**20, "first_read_s": first_s, "rescan_s": rescan_s,
                          "table_s": table_s, "longest_stall_ms": stall_ms, "refresh_s": refresh_s,
                          "refresh_longest_stall_ms": refresh_stall_ms},
           f"runs table, {a.runs} run folders ({size / 2**20:.0f} MiB of logs): read in {first_s:.2f} s "
           f"(rescan {rescan_s * 1000:.0f} ms); Runs tab to a full table {table_s:.2f} s with the longest "
           f"event-loop stall {stall_ms:.0f} ms; a refresh {refresh_s * 1000:.0f} ms, stall {refresh_stall_ms:.0f} ms")


if __name__ == "__main__":
    main()
