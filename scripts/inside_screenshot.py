"""Take docs/inside.png: the Inside tab on a run trained in the window (Qt's offscreen platform,
no display needed):

    QT_QPA_PLATFORM=offscreen python scripts/inside_screenshot.py [--epochs 3]

It pins two validation images of the built-in sample, presses Start (the sample at its
defaults: input 96, batch 64), lets the run finish, visualizes the 16 strongest channels of
inception4a for the first image, and grabs the Inside tab's four views of it in a 2 x 2 sheet.
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
    ap.add_argument("--steps", type=int, default=128, help="of the feature visualization")
    ap.add_argument("--out", default=str(ROOT / "docs" / "inside.png"))
    a = ap.parse_args()
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    from googlenet_gui.core.data.sources import FASHION_CLASSES, load_sample

    work = Path(tempfile.mkdtemp())
    sample = load_sample()
    paths = []
    for index in (3, 11):  # a shirt-like and a shoe-like item of the validation split
        label = FASHION_CLASSES[int(sample.val.labels[index])].split("/")[0].replace(" ", "-").lower()
        path = work / f"{label}.png"
        Image.fromarray(sample.val.images[index, 0].numpy()).save(path)
        paths.append(str(path))

    win = open_window(work)
    win.training_panel.field("epochs").setValue(a.epochs)
    win.classify.classify_paths(paths)
    wait(lambda: win.classify_panel.row_count() == 2, 60)
    rows = {row.source: row for row in win.classify_panel.rows()}
    for path in paths:
        rows[path].pin_button.click()
    win.understanding.timeline_panel.interval_spin.setValue(10)
    win.training_panel.start_button.click()
    wait(lambda: win.training.running, 30)
    wait(lambda: not win.training.running, 3600)
    wait(lambda: not win.understanding.timeline._busy and not win.understanding.timeline._saved, 60)
    win.weights.use_file(Path(win.training.last_checkpoint))  # the finished run's weights, as File > Open gives
    win.classify.classify_all_again()
    wait(lambda: win.classify_panel.row_count() == 2 and not win.classify_panel.pending_count(), 60)
    first = next(row for row in win.classify_panel.rows() if row.source == paths[0])
    first.inside_button.click()
    wait(lambda: win.understanding.inside_panel.inside is not None and win.understanding.inside_panel.gradcam is not None, 60)
    panel = win.understanding.inside_panel
    panel.select_layer("inception4a")
    win.understanding.features_panel.steps_spin.setValue(a.steps)
    panel.visualize_grid_button.click()  # the 16 strongest channels of inception4a for this image
    wait(lambda: win.understanding.features_panel.result_count() == 16, 1800)
    panel.select_layer("inception3a.branch2")
    timeline = win.understanding.timeline_panel
    timeline.image_combo.setCurrentIndex(timeline.image_combo.findData(paths[0]))
    timeline.image_chosen.emit(paths[0])
    grabs = []
    for view in (1, 2, 0, 3):  # Grad-CAM, Timeline / Activations, Feature Visualization
        panel.views.setCurrentIndex(view)
        wait(lambda: False, 1)
        grabs.append(panel.grab().toImage())
    w, h = grabs[0].width(), grabs[0].height()
    sheet = QImage(2 * w, 2 * h, QImage.Format_RGB32)
    sheet.fill(0xFFFFFF)
    painter = QPainter(sheet)
    for i, grab in enumerate(grabs):
        painter.drawImage((i % 2) * w, (i // 2) * h, grab)
    painter.end()
    sheet.scaled(sheet.width() * 3 // 4, sheet.height() * 3 // 4, Qt.KeepAspectRatio,
                 Qt.SmoothTransformation).save(a.out)
    close_window(win)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
