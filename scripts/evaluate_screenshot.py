"""Retake docs/evaluate.png: the Evaluate tab on a trained run (Qt offscreen, no display needed):

    QT_QPA_PLATFORM=offscreen python scripts/evaluate_screenshot.py [--epochs 3]

It trains the built-in sample at input 64 for a few epochs, shows the Evaluate tab with the last
epoch's confusion matrix, clicks the cell of the most frequent mistake and grabs the window once
that cell's images are in the gallery.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "docs" / "evaluate.png"))
    a = ap.parse_args()
    import numpy as np
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from googlenet_gui.app import create_window

    app = QApplication.instance() or QApplication(sys.argv)
    work = Path(tempfile.mkdtemp())
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "settings"))
    os.environ["GOOGLENET_RUNS_DIR"] = str(work / "runs")
    win = create_window()
    win.resize(1400, 900)
    win.show()

    def wait(done, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not done():
            app.processEvents(QEventLoop.AllEvents, 50)
            time.sleep(0.01)

    wait(lambda: win.core_ready, 120)
    tp = win.training_panel
    tp.input_spin.setValue(64)
    tp.epochs_spin.setValue(a.epochs)
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
    win.close()
    wait(lambda: not win.isVisible(), 60)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
