"""Retake docs/evaluate.png: the Evaluate tab on a trained run (Qt offscreen, no display needed):

    QT_QPA_PLATFORM=offscreen python scripts/evaluate_screenshot.py [--epochs 3]

It trains the built-in sample at input 64 for a few epochs, shows the Evaluate tab with the last
epoch's confusion matrix, clicks the cell of the most frequent mistake and grabs the window once
that cell's images are in the gallery.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from window_shot import ROOT, close_window, open_window, wait


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "docs" / "evaluate.png"))
    a = ap.parse_args()
    import numpy as np

    win = open_window(Path(tempfile.mkdtemp()))
    tp = win.training_panel
    tp.field("input_size").setValue(64)
    tp.field("epochs").setValue(a.epochs)
    tp.start_button.click()
    wait(lambda: win.training.running, 30)
    wait(lambda: not win.training.running, 3600)
    panel = win.evaluate_panel
    win.tabs.setCurrentWidget(panel)
    wait(lambda: panel.evaluation is not None, 60)
    matrix = np.array(panel.evaluation.matrix, dtype=float)
    np.fill_diagonal(matrix, -1)
    true, predicted = np.unravel_index(int(matrix.argmax()), matrix.shape)
    index = panel.matrix_model.index(int(true), int(predicted))
    panel.matrix_view.setCurrentIndex(index)
    panel.matrix_view.clicked.emit(index)
    wait(lambda: panel.gallery_model.rowCount() >= int(matrix.max()), 60)
    wait(lambda: False, 1)
    win.grab().save(a.out)
    close_window(win)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
