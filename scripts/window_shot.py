"""What the screenshot scripts share: the real window on throw-away settings and a throw-away runs
folder (the user's own are never touched), waiting on the window without blocking its event loop,
and closing it (benchmarks/common's open_window, run_event_loop and close_window).

    from window_shot import close_window, open_window, wait
    work = Path(tempfile.mkdtemp())
    win = open_window(work)                  # settings in work/settings, runs in work/runs, PyTorch loaded
    win.grab().save("shot.png")
    close_window(win)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# the benchmarks' own: one way to open, wait on and close the window; wait(condition, seconds) runs the
# event loop until condition() holds or the seconds pass (`lambda: False`: just wait)
from common import close_window, open_window  # noqa: E402
from common import run_event_loop as wait  # noqa: E402

__all__ = ["ROOT", "close_window", "open_window", "wait"]
