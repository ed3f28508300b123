"""Take docs/screenshot-zh.png: the window in Simplified Chinese at its default size, after
training a little on the built-in sample, with a sample image classified.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_zh.py [--out docs/screenshot-zh.png] [--seconds 40]

Needs a font with Chinese characters (Debian: apt-get install fonts-noto-cjk). Uses a
throw-away settings folder and runs folder.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from window_shot import ROOT, close_window, open_window, wait


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshot-zh.png"))
    ap.add_argument("--seconds", type=float, default=40.0, help="how long to train before the picture")
    a = ap.parse_args()
    import numpy as np
    from PIL import Image

    work = Path(tempfile.mkdtemp(prefix="googlenet-zh-"))
    window = open_window(work, size=None, language="zh_CN")  # the default size, as a new user sees it
    window.training_panel.field("epochs").setValue(3)
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
    close_window(window)
    print(f"saved {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
