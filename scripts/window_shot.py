"""What the screenshot scripts share: the real window on throw-away settings and a throw-away runs
folder (the user's own are never touched), waiting on the window without blocking its event loop,
and closing it (both as the benchmarks do: benchmarks/common.run_event_loop and close_window).

    from window_shot import close_window, open_window, wait
    work = Path(tempfile.mkdtemp())
    win = open_window(work)                  # settings in work/settings, runs in work/runs
    wait(lambda: win.core_ready, 120)        # until PyTorch has loaded (or 120 s)
    win.grab().save("shot.png")
    close_window(win)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, run_event_loop  # noqa: E402  (the benchmarks' own: one way to wait on the window)

__all__ = ["ROOT", "close_window", "open_window", "wait"]


def open_window(work: Path, size: tuple[int, int] | None = (1400, 900), runs: Path | None = None,
                language: str | None = None) -> Any:
    """The app's MainWindow, shown, with its settings in `work`/settings and its runs in `runs`
    (default `work`/runs); `size` None keeps the window's default size."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication(sys.argv)
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "settings"))
    os.environ["GOOGLENET_RUNS_DIR"] = str(runs or work / "runs")
    from googlenet_gui.app import create_window

    window = create_window()
    if language:
        window.set_language(language)
    if size:
        window.resize(*size)
    window.show()
    return window


def wait(condition: Callable[[], bool], seconds: float) -> None:
    """Run the event loop until `condition()` holds or `seconds` pass (`lambda: False`: just wait)."""
    run_event_loop(condition, seconds)
