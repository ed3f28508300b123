"""Row 4: from `python main.py` until the window is painted, and until it accepts input.

Runs the app's own start-up (googlenet_gui.app, as main.py does) in a fresh interpreter with
probes: the first paint of the main window; a key press posted right after that first paint
(the time it takes effect = accepting input); the largest event-loop stall in the first
seconds while PyTorch loads on a pool thread; and when PyTorch and the devices are ready.
The clock starts in the parent just before the child process is spawned.

    python benchmarks/startup.py [--repeats 5] [--compare-preload]

With --compare-preload, runs without core/common/preload.py (PyTorch's libraries mapped by `import
torch` alone, holding the interpreter lock) alternate with the normal ones, and both medians are
printed.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from common import ROOT, median, report, scratch_dir

CHILD = r"""
import json, os, sys, time
t0 = float(os.environ["STARTUP_T0"])
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from googlenet_gui import app as app_module
if os.environ.get("STARTUP_NO_PRELOAD"):  # the comparison: PyTorch's libraries mapped by its import alone
    import googlenet_gui.core.common.preload as preload
    preload.preload_torch_libraries = lambda: []
qapp = app_module.application()
QSettings.setDefaultFormat(QSettings.IniFormat)
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, os.environ["STARTUP_SETTINGS"])
window = app_module.create_window()
marks = {}
ticks = []

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and "paint" not in marks:
            marks["paint"] = time.time() - t0
            QTimer.singleShot(0, press)
        return False

def press():
    spin = window.training_panel.field("epochs")
    marks["before_input"] = spin.value()
    QApplication.postEvent(spin, QKeyEvent(QEvent.KeyPress, Qt.Key_Up, Qt.NoModifier))
    QTimer.singleShot(0, check)

def check():
    if window.training_panel.field("epochs").value() != marks["before_input"]:
        marks["input"] = time.time() - t0
    else:
        QTimer.singleShot(1, check)

def poll():
    ticks.append(time.perf_counter())
    if window.core_ready and "core" not in marks:
        marks["core"] = time.time() - t0
    if "core" in marks and "input" in marks and time.time() - t0 > marks["core"] + 0.5:
        stalls = [b - a for a, b in zip(ticks, ticks[1:])]
        marks["max_stall_ms"] = max(stalls) * 1000 if stalls else 0.0
        print(json.dumps(marks), flush=True)
        window.close()
        qapp.quit()

probe = Probe()
window.installEventFilter(probe)
timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(poll)
timer.start()
window.show()
qapp.exec()
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    ap.add_argument("--compare-preload", action="store_true", help="alternate with runs without core/common/preload.py")
    a = ap.parse_args()
    runs, without = [], []
    for _ in range(a.repeats):
        runs.append(start_once(a.platform, preload=True))
        if a.compare_preload:
            without.append(start_once(a.platform, preload=False))
    figures = {k: median([r[k] for r in runs]) for k in ("paint", "input", "core", "max_stall_ms")}
    data = {"platform": a.platform, "median": figures, "runs": runs}
    line = (f"row 4: painted {figures['paint']:.2f} s, accepts input {figures['input']:.2f} s "
            f"(PyTorch ready {figures['core']:.2f} s; longest event-loop stall {figures['max_stall_ms']:.0f} ms), "
            f"median of {a.repeats} on {a.platform}")
    if without:
        stalls = median([r["max_stall_ms"] for r in without])
        data["without_preload"] = {"median_max_stall_ms": stalls, "runs": without}
        line += f"; without the preload: longest stall {stalls:.0f} ms (runs alternated)"
    report("startup", data, line)


def start_once(platform: str, preload: bool) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=platform, STARTUP_SETTINGS=str(scratch_dir()),
               GOOGLENET_RUNS_DIR=str(scratch_dir()), STARTUP_T0=repr(time.time()))
    if not preload:
        env["STARTUP_NO_PRELOAD"] = "1"
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not line:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(line[-1])


if __name__ == "__main__":
    main()
