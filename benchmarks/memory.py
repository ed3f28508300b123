"""Row 7: peak memory of CPU training (batch 64, input 96), and memory growth of the app over
30 start/stop cycles.

Peak: a fresh interpreter trains on Fashion-MNIST when it is on this machine (all 70,000 images
in memory, as the app holds them), else on the built-in sample, and reports its peak RSS.
Growth: the real MainWindow (offscreen) starts and stops training 30 times on the sample;
resident memory after cycle 5 and after cycle 30 (gc run first).

    python benchmarks/memory.py [--cycles 30] [--steps 20]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, ROOT, open_window, report, rss_mib, run_event_loop  # noqa: E402

PEAK_CHILD = r"""
import json, resource, sys
from googlenet_gui.core.data import sources as data
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.runs.events import BatchEnd, Failed
name = "fashion-mnist" if data.is_available("fashion-mnist") else "sample"
steps = int(sys.argv[1])
trainer = Trainer(TrainConfig(dataset=name, epochs=1, batch_size=64, input_size=96, limit_val=512))
done = 0
for event in trainer.run():
    if isinstance(event, BatchEnd):
        done += 1
        if done >= steps:
            trainer.request_stop()
    elif isinstance(event, Failed):
        raise SystemExit(event.message)
print(json.dumps({"dataset": name, "steps": done,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def peak_training(steps: int) -> dict:
    out = subprocess.run([sys.executable, "-c", PEAK_CHILD, str(steps)], cwd=ROOT, capture_output=True, text=True,
                         timeout=1800)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(lines[-1])


def cycles(count: int) -> dict:
    import gc

    from PySide6.QtWidgets import QApplication

    from googlenet_gui.core.runs.events import BatchEnd

    win = open_window()
    app = QApplication.instance()
    seen = []
    win.training.thread.events.connect(lambda events: seen.extend(e for e in events if isinstance(e, BatchEnd)))
    ended = []
    win.training.run_ended.connect(ended.append)
    memory = {}
    for cycle in range(1, count + 1):
        seen.clear()
        ended.clear()
        win.training_panel.start_button.click()
        run_event_loop(lambda: len(seen) >= 1, 120)
        win.training_panel.stop_button.click()
        run_event_loop(lambda: bool(ended), 120)
        if cycle in (1, 5, count):
            gc.collect()
            app.processEvents()
            memory[cycle] = rss_mib()
    close_window(win)
    return memory


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cycles", type=int, default=30)
    ap.add_argument("--steps", type=int, default=20)
    a = ap.parse_args()
    peak = peak_training(a.steps)
    memory = cycles(a.cycles)
    growth = memory[a.cycles] - memory[5]
    report("memory", {"peak_training": peak, "rss_mib_after_cycle": memory, "growth_5_to_last_mib": growth},
           f"row 7: peak RSS of CPU training (batch 64, input 96, {peak['dataset']}) "
           f"{peak['peak_rss_mib'] / 1024:.2f} GiB; app RSS after start/stop cycle 5: {memory[5]:.0f} MiB, "
           f"after {a.cycles}: {memory[a.cycles]:.0f} MiB (growth {growth:+.0f} MiB)")


if __name__ == "__main__":
    main()
