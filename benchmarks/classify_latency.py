"""Row 5: a dropped image until its top-5 is on screen, idle (no training), on the CPU.

The real MainWindow (Qt offscreen) with a trained checkpoint opened; a real QDropEvent carrying
the file's URL; the clock stops when the new result row has been painted. One 4000x3000 JPEG
(a photo-like gradient with noise) and one 32x32 PNG; the first drop of each warms up.

    python benchmarks/classify_latency.py [--repeats 15]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, median, open_window, percentile, report, scratch_dir  # noqa: E402


def make_images(folder: Path) -> dict[str, Path]:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:3000, 0:4000]
    photo = np.stack([(x / 16) % 256, (y / 12) % 256, ((x + y) / 28) % 256], -1)
    photo = (photo + rng.normal(0, 12, photo.shape)).clip(0, 255).astype(np.uint8)
    big = folder / "photo_4000x3000.jpg"
    Image.fromarray(photo).save(big, quality=90)
    small = folder / "icon_32x32.png"
    Image.fromarray(photo[:32, :32]).save(small)
    return {"jpeg_4000x3000": big, "png_32x32": small}


def trained_checkpoint(folder: Path) -> Path:
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.training.engine import Trainer
    from googlenet_gui.core.runs.events import Failed

    for event in Trainer(TrainConfig(dataset="sample", epochs=1, limit_train=256, limit_val=64),
                         run_dir=folder).run():
        if isinstance(event, Failed):
            raise SystemExit(event.message)
    return folder / "best.pt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=15)
    a = ap.parse_args()
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication


    work = scratch_dir()
    images = make_images(work)
    checkpoint = trained_checkpoint(work / "run")
    win = open_window()
    app = QApplication.instance()
    win.checkpoints.open(Path(checkpoint), resume=False)
    while win.weights.kind != "file":
        app.processEvents()
        time.sleep(0.01)
    panel = win.classify_panel

    def drop_and_wait(path: Path) -> float:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        pos = QPointF(700, 450)
        before = panel.row_count()
        start = time.perf_counter()
        QApplication.sendEvent(win, QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
        QApplication.sendEvent(win, QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
        while panel.row_count() == before or panel.rows()[0].error_text:
            if panel.row_count() != before and panel.rows()[0].error_text:
                raise SystemExit(panel.rows()[0].error_text)
            app.processEvents()
        win.repaint()  # the row is on screen once painted
        return (time.perf_counter() - start) * 1000

    times: dict[str, list[float]] = {name: [] for name in images}
    for name, path in images.items():
        drop_and_wait(path)  # warm-up: the first forward pass allocates
    for _ in range(a.repeats):
        for name, path in images.items():
            times[name].append(drop_and_wait(path))
    close_window(win)
    figures = {name: {"median_ms": median(v), "p90_ms": percentile(v, 90)} for name, v in times.items()}
    report("classify_latency", {"figures": figures, "runs_ms": times},
           f"row 5: drop to top-5 on screen: 4000x3000 JPEG {figures['jpeg_4000x3000']['median_ms']:.0f} ms, "
           f"32x32 PNG {figures['png_32x32']['median_ms']:.0f} ms (median of {a.repeats}, CPU, idle)")


if __name__ == "__main__":
    main()
