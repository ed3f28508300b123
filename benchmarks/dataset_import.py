"""Importing and checking a big folder of photos in the dataset editor: how long it takes, the
peak memory, and how late the window's event loop runs meanwhile (it should stay under 25 ms at
the 99th percentile).

The photos are made once: a few distinct photo-like pictures (smooth shapes and fine texture)
saved as JPEGs at full size, and every file a copy of one with its own JPEG comment, so each is
new to the content hash and still decodes as a whole 4000x3000 JPEG. Each class gets its own
pictures (so the check flags nothing across classes). Then the real main window and dataset
editor: a new dataset, the classes added, each source folder dropped on its class (the imports
queue), and the check that follows them; a 10 ms QTimer on the GUI thread records how late each
tick comes, and a sampler thread reads the process's resident memory every 20 ms.

    python benchmarks/dataset_import.py [--images 2000] [--classes 4] [--width 4000 --height 3000]
                                        [--sources DIR]   # keep (and reuse) the generated photos there
"""
from __future__ import annotations

import argparse
import os
import shutil
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import close_window, open_window, percentile, report, rss_mib, run_event_loop, scratch_dir  # noqa: E402

PICTURES_PER_CLASS = 2


def photo_like(width: int, height: int, seed: int) -> bytes:
    """A JPEG (quality 90) of smooth coloured shapes with fine grain, about as big as a phone photo."""
    import io

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
    smooth = np.asarray(Image.fromarray(small).resize((width, height), Image.BICUBIC), dtype=np.int16)
    grain = rng.integers(-12, 13, (height // 2, width // 2, 3), dtype=np.int16).repeat(2, 0).repeat(2, 1)
    pixels = np.clip(smooth + grain[:height, :width], 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=90)
    return out.getvalue()


def make_sources(folder: Path, images: int, classes: int, width: int, height: int) -> tuple[list[Path], int]:
    """`images` JPEGs in `classes` folders (reused when already there); returns the folders and bytes."""
    folders = [folder / f"class{c}" for c in range(classes)]
    if sum(len(list(f.glob("*.jpg"))) for f in folders if f.is_dir()) == images:
        return folders, sum(p.stat().st_size for f in folders for p in f.glob("*.jpg"))
    shutil.rmtree(folder, ignore_errors=True)
    pictures = [photo_like(width, height, seed) for seed in range(classes * PICTURES_PER_CLASS)]
    need = images * max(len(p) for p in pictures)
    if shutil.disk_usage(folder.parent).free < 2.2 * need:  # the sources and the dataset's copies
        raise SystemExit(f"needs about {2.2 * need / 2**30:.1f} GiB free on {folder.parent}")
    for f in folders:
        f.mkdir(parents=True)
    total = 0
    for i in range(images):
        c = i % classes
        base = pictures[c * PICTURES_PER_CLASS + (i // classes) % PICTURES_PER_CLASS]
        comment = f"copy {i}".encode()
        data = base[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + base[2:]  # after SOI
        (folders[c] / f"{i:05d}.jpg").write_bytes(data)
        total += len(data)
    return folders, total


class MemorySampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self._done = 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.02):
            self.peak = max(self.peak, rss_mib())

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=2000)
    ap.add_argument("--classes", type=int, default=4)
    ap.add_argument("--width", type=int, default=4000)
    ap.add_argument("--height", type=int, default=3000)
    ap.add_argument("--sources", type=Path, default=None, help="where to keep the generated photos (default: removed)")
    a = ap.parse_args()

    from PySide6.QtCore import QTimer

    sources = a.sources or scratch_dir() / "photos"
    sources.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    folders, source_bytes = make_sources(sources, a.images, a.classes, a.width, a.height)
    print(f"{a.images:,} {a.width}x{a.height} JPEGs ({source_bytes / 2**30:.2f} GiB) ready in "
          f"{time.perf_counter() - start:.0f} s", flush=True)

    win = open_window()
    editor = win.dataset_editor
    editor.open(str(scratch_dir() / "dataset"), create=True)
    run_event_loop(lambda: editor.dataset is not None, 30)
    names = [f.name for f in folders]
    for name in names:
        editor.add_class(name)
    run_event_loop(lambda: not editor.busy, 30)
    editor.panel.resize(1180, 720)

    marks: dict[str, float] = {}
    imported, checked = editor._imported, editor._checked

    def on_imported(result):
        marks["imported"] = time.perf_counter()
        imported(result)

    def on_checked(result):
        marks["checked"] = time.perf_counter()
        checked(result)

    editor._imported, editor._checked = on_imported, on_checked
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    baseline = rss_mib()
    sampler = MemorySampler()
    sampler.start()
    probe.start()
    start = time.perf_counter()
    for name, folder in zip(names, folders):
        editor.import_paths(name, [str(folder)])  # as a folder dropped on each class
    run_event_loop(lambda: "checked" in marks and not editor.busy, 3600)
    probe.stop()
    peak = sampler.stop()
    import_s, total_s = marks["imported"] - start, marks["checked"] - start
    copied = editor.listing.total()
    summary = editor.panel.check_summary.text()
    close_window(win)

    late = [max(0.0, (b - a - 0.010) * 1000) for a, b in zip(ticks, ticks[1:])]
    p99 = percentile(late, 99)
    report("dataset_import", {
        "images": a.images, "size": f"{a.width}x{a.height}", "source_gib": source_bytes / 2**30, "copied": copied,
        "import_s": import_s, "check_s": total_s - import_s, "total_s": total_s,
        "images_per_s": a.images / total_s, "rss_before_mib": baseline, "rss_peak_mib": peak,
        "lateness_ms": {"p50": percentile(late, 50), "p99": p99, "max": max(late, default=0.0), "ticks": len(late)},
        "check": summary},
        f"imported and checked {copied:,} of {a.images:,} {a.width}x{a.height} JPEGs ({source_bytes / 2**30:.1f} GiB) "
        f"in {total_s:.1f} s ({a.images / total_s:.0f} images/s; import {import_s:.1f} s, check "
        f"{total_s - import_s:.1f} s); peak memory {peak:.0f} MiB ({peak - baseline:+.0f} over the idle window); "
        f"event-loop lateness p99 {p99:.1f} ms ({'under' if p99 < 25 else 'OVER'} 25 ms), max {max(late, default=0):.1f} ms "
        f"over {len(late)} ticks; check: {summary}")


if __name__ == "__main__":
    main()
