"""Take docs/dataset-editor.png: the dataset editor on a folder made from the built-in sample
(Fashion-MNIST pictures, enlarged 2x), with three problems planted for the check to find: an
image in two classes, a truncated file and a class of one image.

    QT_QPA_PLATFORM=offscreen python scripts/dataset_screenshot.py [--out docs/dataset-editor.png]
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
CLASSES = {"Ankle boot": 9, "Bag": 8, "Coat": 4, "Dress": 3, "Sandal": 5, "Sneaker": 7}


def make_folder(root: Path, per_class: int = 40) -> None:
    from PIL import Image

    from googlenet_gui.core.data import load_sample

    sample = load_sample()
    for name, label in CLASSES.items():
        (root / name).mkdir(parents=True)
        picked = (sample.train.labels == label).nonzero().flatten()[:per_class]
        for i in picked.tolist():
            Image.fromarray(sample.train.images[i, 0].numpy()).resize((56, 56), Image.BICUBIC).save(
                root / name / f"{i:05d}.png")
    coat = sorted((root / "Coat").iterdir())[0]
    (root / "Dress" / "from-coat.png").write_bytes(coat.read_bytes())  # one picture, two labels
    bag = sorted((root / "Bag").iterdir())[1].read_bytes()
    (root / "Bag" / "cut-off.png").write_bytes(bag[: len(bag) // 2])  # truncated
    (root / "Shirt").mkdir()
    (root / "Shirt" / "only-one.png").write_bytes(sorted((root / "Coat").iterdir())[5].read_bytes())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "dataset-editor.png")
    a = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from googlenet_gui.app import create_window

    app = QApplication.instance() or QApplication(sys.argv)
    work = Path(tempfile.mkdtemp())
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "settings"))
    os.environ["GOOGLENET_RUNS_DIR"] = str(work / "runs")
    make_folder(work / "fashion")

    def spin(seconds: float, until) -> None:
        end = time.time() + seconds
        while time.time() < end and not until():
            app.processEvents(QEventLoop.AllEvents, 50)
            time.sleep(0.01)

    win = create_window()
    win.show()
    spin(60, lambda: win.core_ready)
    editor = win.dataset_editor
    editor.open(str(work / "fashion"))
    spin(30, lambda: editor.dataset is not None)
    spin(60, lambda: not editor.busy)
    panel = editor.panel
    panel.resize(1180, 720)
    panel.select_class("Coat")
    panel.findings_tree.topLevelItem(0).setExpanded(True)
    spin(3, lambda: False)  # the thumbnails on screen arrive
    panel.grab().save(str(a.out))
    print(f"wrote {a.out}: {panel.check_summary.text()}")
    win.close()
    spin(30, lambda: not win.isVisible())


if __name__ == "__main__":
    main()
