"""Shared helpers for the benchmarks: machine description, timing, and reporting.

Every benchmark prints one JSON object (for machines) and one readable line (for people);
ratios are always measured side by side in the same run.
"""
from __future__ import annotations

import atexit
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def scratch_dir() -> Path:
    """A new empty folder that is removed when the benchmark exits (runs hold 70 MB checkpoints)."""
    folder = Path(tempfile.mkdtemp(prefix="googlenet-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def cpu_features() -> list[str]:
    """The instruction set features that decide the CPU path: bf16 autocast pays only with AVX512-BF16 or AMX."""
    wanted = ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile", "avx512_vnni")
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                return [f for f in wanted if f in flags]
    except OSError:
        pass
    return []


def machine() -> dict:
    import torch

    from googlenet_gui.core.common.devices import _cpu_name, precision_for

    info = {"cpu": _cpu_name(), "cores": os.cpu_count(), "cpu_features": cpu_features(),
            "torch_cpu_capability": torch.backends.cpu.get_cpu_capability(),
            # the arithmetic of training and evaluation at precision "auto" (the default); classifying,
            # the Inside tab and feature visualization always run in float32
            "auto_precision_cpu": precision_for(torch.device("cpu"), "auto"), "torch": torch.__version__,
            "python": platform.python_version(), "date": time.strftime("%Y-%m-%d")}
    if os.environ.get("ONEDNN_MAX_CPU_ISA"):  # oneDNN's kernels held to a smaller instruction set (an older CPU)
        info["onednn_max_cpu_isa"] = os.environ["ONEDNN_MAX_CPU_ISA"]
    if torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
        info["auto_precision_gpu"] = precision_for(torch.device("cuda"), "auto")
    return info


def report(name: str, figures: dict, line: str) -> None:
    print(json.dumps({"benchmark": name, "machine": machine(), **figures}))
    print(line, flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)


def rss_mib() -> float:
    """Current resident memory of this process (Linux /proc)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stopwatch:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def run_event_loop(done, timeout: float) -> None:
    """Run a real Qt event loop (blocking in the OS until events come, as app.exec does) until
    done() is true or `timeout` seconds pass. A local QEventLoop, not app.exec()/quit(): Qt's
    quit() would close the windows. With done=None it just runs for `timeout`, polling nothing,
    so the measurement adds no work to the GUI thread."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done is not None and done():
        return
    loop = QEventLoop()
    check = QTimer()
    if done is not None:
        check.setInterval(50)
        check.timeout.connect(lambda: done() and loop.quit())
        check.start()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(int(timeout * 1000))
    loop.exec()
    check.stop()
    deadline.stop()


def open_window(work: Path | None = None, size: tuple[int, int] | None = (1400, 900), runs: Path | None = None,
                language: str | None = None):
    """The app's real main window (on Qt's offscreen platform unless another is set), shown, once
    PyTorch has loaded (as a user would see it). Its settings go in `work`/settings and its runs in
    `runs` (default `work`/runs); `work` is a throw-away folder unless given, so the user's own
    are never touched. `size` None keeps the window's default size; `language` is switched to first."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from googlenet_gui.app import application, create_window

    work = work or scratch_dir()
    application()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "settings"))
    os.environ["GOOGLENET_RUNS_DIR"] = str(runs or work / "runs")
    win = create_window()
    if language:
        win.menus.set_language(language)
    if size:
        win.resize(*size)
    win.show()
    run_event_loop(lambda: win.core_ready, 120)
    return win


def close_window(win) -> None:
    """Close as a user does: a run in progress is stopped (last.pt saved) and the window closes
    once it has; the event loop runs meanwhile, so no thread is left running at exit."""
    win.close()
    run_event_loop(lambda: not win.isVisible(), 300)
