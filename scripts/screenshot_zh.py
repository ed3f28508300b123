"""Take docs/screenshot-zh.png: the window in Simplified Chinese at its default size, after
training a little on the built-in sample, with a sample image classified.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_zh.py [--out docs/screenshot-zh.png] [--seconds 40]

Needs a font with Chinese characters (Debian: apt-get install fonts-noto-cjk). Uses a
throw-away settings folder and runs folder.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshot-zh.png"))
    ap.add_argument("--seconds", type=float, default=40.0, help="how long to train before the picture")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="googlenet-zh-"))
    os.environ["GOOGLENET_RUNS_DIR"] = str(work / "runs")

    import numpy as np
    from PIL import Image
    from PySide6 import QtCore, QtWidgets

    QtCore.QSettings.setDefaultFormat(QtCore.QSettings.IniFormat)
    QtCore.QSettings.setPath(QtCore.QSettings.IniFormat, QtCore.QSettings.UserScope, str(work / "settings"))
    from googlenet_gui.app import create_window

    window = create_window()
    window.set_language("zh_CN")
    window.show()
    app = QtWidgets.QApplication.instance()

    def wait(condition, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            app.processEvents(QtCore.QEventLoop.AllEvents, 50)

    wait(lambda: window.core_ready, 120)
    window.training_panel.epochs_spin.setValue(3)
    window.training.start()
    wait(lambda: False, a.seconds)
    sample = np.load(ROOT / "resources" / "sample" / "fashion-mnist-sample.npz")
    image = work / "shirt.png"
    shirt = int(np.flatnonzero(sample["test_labels"] == list(sample["class_names"]).index("Shirt"))[0])
    Image.fromarray(sample["test_images"][shirt]).resize((112, 112)).save(image)
    window.classify.classify_paths([str(image)])
    wait(lambda: window.classify_panel.row_count() == 1 and not window.classify_panel.pending_count(), 60)
    wait(lambda: False, 1)
    window.grab().save(a.out)
    window.training.stop()
    wait(lambda: not window.training.running, 120)
    window.close()
    print(f"saved {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
