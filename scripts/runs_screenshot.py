"""Take docs/runs.png: two short runs made by the command line, compared in the Runs tab.

    QT_QPA_PLATFORM=offscreen python scripts/runs_screenshot.py [--out docs/runs.png]

Trains two runs on the built-in sample that differ in the learning rate (a few minutes on a
laptop's CPU), names one, opens the real window on their runs folder, ticks both and saves a
picture of the window.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from window_shot import ROOT, close_window, open_window, wait


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "runs.png"))
    ap.add_argument("--epochs", type=int, default=4)
    a = ap.parse_args()
    from googlenet_gui.cli import main as cli
    from googlenet_gui.core.runs.index import RunNotes, write_notes

    runs = Path(tempfile.mkdtemp(prefix="googlenet-runs-"))
    for name, lr in (("adam-lr1e-3", "0.001"), ("adam-lr3e-3", "0.003")):
        code = cli(["train", "--dataset", "sample", "--epochs", str(a.epochs), "--limit-train", "1024",
                    "--limit-val", "256", "--input-size", "64", "--lr", lr, "--out", str(runs / name)])
        if code:
            return code
    write_notes(runs / "adam-lr3e-3", RunNotes("lr 3e-3", "faster start"))

    win = open_window(Path(tempfile.mkdtemp()), size=(1400, 880), runs=runs)
    wait(lambda: False, 2)
    win.tabs.setCurrentWidget(win.runs_panel)
    wait(lambda: False, 2)
    for name in ("adam-lr1e-3", "adam-lr3e-3"):
        win.runs_panel.set_ticked(str(runs / name), True)
    win.runs_panel.select(str(runs / "adam-lr3e-3"))
    wait(lambda: False, 3)
    win.grab().save(a.out)
    print(f"wrote {a.out}")
    close_window(win)
    return 0


if __name__ == "__main__":
    sys.exit(main())
