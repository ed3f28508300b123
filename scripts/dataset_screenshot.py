"""Take docs/dataset-editor.png: the dataset editor on a folder made from the built-in sample
(Fashion-MNIST pictures, enlarged 2x), with three problems planted for the check to find: an
image in two classes, a truncated file and a class of one image.

    QT_QPA_PLATFORM=offscreen python scripts/dataset_screenshot.py [--out docs/dataset-editor.png]
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from window_shot import ROOT, close_window, open_window, wait

CLASSES = {"Ankle boot": 9, "Bag": 8, "Coat": 4, "Dress": 3, "Sandal": 5, "Sneaker": 7}


def make_folder(root: Path, per_class: int = 40) -> None:
    from PIL import Image

    from googlenet_gui.core.data.sources import load_sample

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
    work = Path(tempfile.mkdtemp())
    make_folder(work / "fashion")
    win = open_window(work, size=None)
    editor = win.dataset_editor
    editor.open(str(work / "fashion"))
    wait(lambda: editor.dataset is not None, 30)
    wait(lambda: not editor.busy, 60)
    panel = editor.panel
    panel.resize(1180, 720)
    panel.select_class("Coat")
    panel.findings_tree.topLevelItem(0).setExpanded(True)
    wait(lambda: False, 3)  # the thumbnails on screen arrive
    panel.grab().save(str(a.out))
    print(f"wrote {a.out}: {panel.check_summary.text()}")
    close_window(win)


if __name__ == "__main__":
    main()
