"""Issue 11's row: a dropped image until its top-5 is on screen WHILE CPU training runs, with a
batch in flight that takes seconds (input 96, batch 512 on the built-in sample).

The real MainWindow (Qt offscreen): Start is pressed, and once the first batch has ended (so a
snapshot of the live weights exists), a 32x32 PNG and a 640x480 JPEG are dropped in turn, each
shortly after a batch has begun, so the answer cannot wait for a step boundary. The clock runs
from the drop event until the new result row has been painted. The training step time is
printed beside it, to show the answer did not wait for the step.

    python benchmarks/classify_while_training.py [--repeats 8] [--batch 512]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, median, open_window, percentile, report, run_event_loop, scratch_dir  # noqa: E402


def make_images(folder: Path) -> dict[str, Path]:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    small = folder / "icon_32x32.png"
    Image.fromarray(rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)).save(small)
    photo = folder / "photo_640x480.jpg"
    Image.fromarray(rng.integers(0, 256, (480, 640, 3), dtype=np.uint8)).save(photo, quality=90)
    return {"png_32x32": small, "jpeg_640x480": photo}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=8)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--input-size", type=int, default=96)
    a = ap.parse_args()
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from googlenet_gui.core.runs.events import BatchEnd

    images = make_images(scratch_dir())
    win = open_window()
    app = QApplication.instance()
    tp = win.training_panel
    tp.field("input_size").setValue(a.input_size)
    tp.field("batch_size").setValue(a.batch)
    tp.field("epochs").setValue(50)
    batch_ends: list[float] = []
    win.training.thread.events.connect(
        lambda events: batch_ends.extend(time.perf_counter() for e in events if isinstance(e, BatchEnd)))
    tp.start_button.click()
    run_event_loop(lambda: len(batch_ends) >= 2, 600)  # a snapshot exists and the steps are warm
    panel = win.classify_panel

    def drop_and_wait(path: Path) -> tuple[float, float]:
        """(drop to painted ms, how far into its batch the drop came, s)."""
        seen = len(batch_ends)
        run_event_loop(lambda: len(batch_ends) > seen, 600)  # a batch has just begun
        run_event_loop(None, 0.2)
        into_batch = time.perf_counter() - batch_ends[-1]
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        pos = QPointF(700, 450)
        before = panel.row_count()
        start = time.perf_counter()
        QApplication.sendEvent(win, QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
        QApplication.sendEvent(win, QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
        while panel.row_count() == before:
            app.processEvents()
            time.sleep(0.001)
        if panel.rows()[0].error_text:
            raise SystemExit(panel.rows()[0].error_text)
        win.repaint()
        return (time.perf_counter() - start) * 1000, into_batch

    times: dict[str, list[float]] = {name: [] for name in images}
    mid_batch = []
    for name, path in images.items():
        drop_and_wait(path)  # warm-up
    for _ in range(a.repeats):
        for name, path in images.items():
            ms, into = drop_and_wait(path)
            times[name].append(ms)
            mid_batch.append(into)
    steps = [b - a_ for a_, b in zip(batch_ends, batch_ends[1:])][1:]
    close_window(win)
    figures = {name: {"median_ms": median(v), "p90_ms": percentile(v, 90), "max_ms": max(v)} for name, v in times.items()}
    report("classify_while_training", {"figures": figures, "runs_ms": times, "step_s_median": median(steps),
                                       "batch": a.batch, "input_size": a.input_size},
           f"drop to top-5 on screen while training (batch {a.batch}, input {a.input_size}, a step takes "
           f"{median(steps):.1f} s): 32x32 PNG {figures['png_32x32']['median_ms']:.0f} ms "
           f"(max {figures['png_32x32']['max_ms']:.0f}), 640x480 JPEG {figures['jpeg_640x480']['median_ms']:.0f} ms "
           f"(max {figures['jpeg_640x480']['max_ms']:.0f}), median of {a.repeats}")


if __name__ == "__main__":
    main()
