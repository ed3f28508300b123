"""Retake the pictures of the README and the guide from the real window (Qt's offscreen platform,
no display needed; the Chinese ones need a font with Chinese characters: apt-get install fonts-noto-cjk).

    python scripts/screenshots.py                     # every picture in docs/ (about 15 minutes on 2 cores)
    python scripts/screenshots.py --only runs inside  # some of them
    python scripts/screenshots.py --only layouts --out-dir /tmp/shots   # the window at 1280x800,
                                                      # 1400x900 and 1920x1080 in both languages, to look at
    python scripts/screenshots.py --only inside understanding --language zh_CN --out-dir /tmp/shots
    python scripts/screenshots.py --list

Each picture opens its own window on a throw-away settings folder and runs folder (the user's own
are never touched), drives it as a user would and grabs it once what it shows has arrived.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from window_shot import ROOT, close_window, open_window, wait


@dataclass(frozen=True)
class Shot:
    name: str
    file: str | None  # the picture in docs/ it retakes; None: pictures to look at, written to --out-dir
    take: Callable[[Path, argparse.Namespace], list[Path]]  # (the file or folder to write, options) -> written
    about: str


# ---------------------------------------------------------------- helpers


def _train(win, seconds: float | None = None, epochs: int = 1, input_size: int | None = None) -> None:
    """Press Start on the built-in sample; wait `seconds`, or until the run ends."""
    panel = win.training_panel
    panel.field("epochs").setValue(epochs)
    if input_size:
        panel.field("input_size").setValue(input_size)
    panel.start_button.click()
    wait(lambda: win.training.running, 60)
    if seconds is None:
        wait(lambda: not win.training.running, 3600)
    else:
        wait(lambda: False, seconds)


def _sample_image(work: Path, class_name: str, size: int = 112) -> Path:
    """A test image of the built-in sample (Fashion-MNIST), enlarged, as a file."""
    import numpy as np
    from PIL import Image

    sample = np.load(ROOT / "resources" / "sample" / "fashion-mnist-sample.npz")
    index = int(np.flatnonzero(sample["test_labels"] == list(sample["class_names"]).index(class_name))[0])
    path = work / f"{class_name.split('/')[0].lower().replace(' ', '-')}.png"
    Image.fromarray(sample["test_images"][index]).resize((size, size)).save(path)
    return path


def _classify(win, paths: list[Path]) -> None:
    win.classify.classify_paths([str(p) for p in paths])
    panel = win.classify_panel
    wait(lambda: panel.row_count() == len(paths) and not panel.pending_count(), 120)


def _sheet(grabs: list, columns: int, scale: float = 1.0):
    """Grabs of equal size laid out in a grid, as one QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    w, h = max(g.width() for g in grabs), max(g.height() for g in grabs)
    rows = (len(grabs) + columns - 1) // columns
    sheet = QImage(columns * w, rows * h, QImage.Format_RGB32)
    sheet.fill(0xFFFFFF)
    painter = QPainter(sheet)
    for i, grab in enumerate(grabs):
        painter.drawImage((i % columns) * w, (i // columns) * h, grab)
    painter.end()
    if scale != 1.0:
        sheet = sheet.scaled(int(sheet.width() * scale), int(sheet.height() * scale), Qt.KeepAspectRatio,
                             Qt.SmoothTransformation)
    return sheet


# ---------------------------------------------------------------- the pictures


def main_window(out: Path, a: argparse.Namespace, language: str | None = None) -> list[Path]:
    """Training on the built-in sample for a while, a shirt classified by the live weights."""
    work = Path(tempfile.mkdtemp(prefix="googlenet-shot-"))
    win = open_window(work, language=language or a.language)
    _train(win, seconds=a.seconds, epochs=3)
    _classify(win, [_sample_image(work, "Shirt")])
    wait(lambda: False, 1)
    win.grab().save(str(out))
    close_window(win)
    return [out]


def evaluate(out: Path, a: argparse.Namespace) -> list[Path]:
    """The Evaluate tab after a short run, the most frequent mistake's images in the gallery."""
    import numpy as np

    win = open_window(Path(tempfile.mkdtemp(prefix="googlenet-shot-")), language=a.language)
    _train(win, epochs=a.epochs, input_size=64)
    panel = win.evaluate_panel
    win.tabs.setCurrentWidget(panel)
    wait(lambda: panel.evaluation is not None, 120)
    matrix = np.array(panel.evaluation.matrix, dtype=float)
    np.fill_diagonal(matrix, -1)
    true, predicted = np.unravel_index(int(matrix.argmax()), matrix.shape)
    index = panel.matrix_model.index(int(true), int(predicted))
    panel.matrix_view.setCurrentIndex(index)
    panel.matrix_view.clicked.emit(index)
    wait(lambda: panel.gallery_model.rowCount() >= int(matrix.max()), 60)
    wait(lambda: False, 1)
    win.grab().save(str(out))
    close_window(win)
    return [out]


def runs(out: Path, a: argparse.Namespace) -> list[Path]:
    """Two command-line runs that differ in the learning rate, ticked in the Runs tab."""
    from googlenet_gui.cli import main as cli
    from googlenet_gui.core.runs.index import RunNotes, write_notes

    folder = Path(tempfile.mkdtemp(prefix="googlenet-runs-"))
    for name, lr in (("adam-lr1e-3", "0.001"), ("adam-lr3e-3", "0.003")):
        code = cli(["train", "--dataset", "sample", "--epochs", str(a.epochs + 1), "--limit-train", "1024",
                    "--limit-val", "256", "--input-size", "64", "--lr", lr, "--out", str(folder / name)])
        if code:
            raise SystemExit(code)
    write_notes(folder / "adam-lr3e-3", RunNotes("lr 3e-3", "faster start"))
    win = open_window(Path(tempfile.mkdtemp(prefix="googlenet-shot-")), size=(1400, 880), runs=folder, language=a.language)
    win.tabs.setCurrentWidget(win.runs_panel)
    wait(lambda: win.runs_panel.model.rowCount() == 2, 60)
    for name in ("adam-lr1e-3", "adam-lr3e-3"):
        win.runs_panel.set_ticked(str(folder / name), True)
    win.runs_panel.select(str(folder / "adam-lr3e-3"))
    wait(lambda: False, 3)
    win.grab().save(str(out))
    close_window(win)
    return [out]


DATASET_CLASSES = {"Ankle boot": 9, "Bag": 8, "Coat": 4, "Dress": 3, "Sandal": 5, "Sneaker": 7}


def dataset_editor(out: Path, a: argparse.Namespace) -> list[Path]:
    """The dataset editor on Fashion-MNIST pictures, with three problems planted for its check to
    find: an image in two classes, a truncated file and a class of one image."""
    from PIL import Image

    from googlenet_gui.core.data.sources import load_sample

    work = Path(tempfile.mkdtemp(prefix="googlenet-shot-"))
    root, sample = work / "fashion", load_sample()
    for name, label in DATASET_CLASSES.items():
        (root / name).mkdir(parents=True)
        for i in (sample.train.labels == label).nonzero().flatten()[:40].tolist():
            Image.fromarray(sample.train.images[i, 0].numpy()).resize((56, 56), Image.BICUBIC).save(
                root / name / f"{i:05d}.png")
    coats = sorted((root / "Coat").iterdir())
    (root / "Dress" / "from-coat.png").write_bytes(coats[0].read_bytes())  # one picture, two labels
    bag = sorted((root / "Bag").iterdir())[1].read_bytes()
    (root / "Bag" / "cut-off.png").write_bytes(bag[: len(bag) // 2])  # truncated
    (root / "Shirt").mkdir()
    (root / "Shirt" / "only-one.png").write_bytes(coats[5].read_bytes())

    win = open_window(work, size=None, language=a.language)
    editor = win.dataset_editor
    editor.open(str(root))
    wait(lambda: editor.dataset is not None, 30)
    wait(lambda: not editor.busy, 60)
    panel = editor.panel
    panel.resize(1180, 720)
    panel.select_class("Coat")
    panel.findings_tree.topLevelItem(0).setExpanded(True)
    wait(lambda: False, 3)  # the thumbnails on screen arrive
    panel.grab().save(str(out))
    close_window(win)
    return [out]


def inside(out: Path, a: argparse.Namespace) -> list[Path]:
    """The Inside tab after a short run: Grad-CAM, the timeline, the activations and the feature
    visualization of one image, in a 2 x 2 sheet."""
    work = Path(tempfile.mkdtemp(prefix="googlenet-shot-"))
    paths = [_sample_image(work, "Shirt"), _sample_image(work, "Ankle boot")]
    win = open_window(work, language=a.language)
    win.classify.classify_paths([str(p) for p in paths])
    wait(lambda: win.classify_panel.row_count() == 2, 60)
    for row in win.classify_panel.rows():
        row.pin_button.click()
    win.understanding.timeline_panel.interval_spin.setValue(10)
    _train(win, epochs=a.epochs)
    understanding = win.understanding
    wait(lambda: not understanding.timeline._busy and not understanding.timeline._saved, 60)
    win.weights.use_file(Path(win.training.last_checkpoint))  # the finished run's weights, as File > Open gives
    win.classify.classify_all_again()
    wait(lambda: win.classify_panel.row_count() == 2 and not win.classify_panel.pending_count(), 60)
    first = next(row for row in win.classify_panel.rows() if row.source == str(paths[0]))
    first.inside_button.click()
    panel = understanding.inside_panel
    wait(lambda: panel.inside is not None and panel.gradcam is not None, 60)
    panel.select_layer("inception4a")
    understanding.features_panel.steps_spin.setValue(a.steps)
    panel.visualize_grid_button.click()  # the 16 strongest channels of inception4a for this image
    wait(lambda: understanding.features_panel.result_count() == 16, 1800)
    panel.select_layer("inception3a.branch2")
    timeline = understanding.timeline_panel
    timeline.image_combo.setCurrentIndex(timeline.image_combo.findData(str(paths[0])))
    timeline.image_chosen.emit(str(paths[0]))
    grabs = []
    for view in (1, 2, 0, 3):  # Grad-CAM, Timeline / Activations, Feature Visualization
        panel.views.setCurrentIndex(view)
        wait(lambda: False, 1)
        grabs.append(panel.grab().toImage())
    _sheet(grabs, 2, 0.75).save(str(out))
    close_window(win)
    return [out]


def understanding(out: Path, a: argparse.Namespace) -> list[Path]:
    """The Feature Map and Learning tabs after a short run, side by side (a tall window: the tabs get
    the height the plots above them leave)."""
    win = open_window(Path(tempfile.mkdtemp(prefix="googlenet-shot-")), size=(1400, 1500), language=a.language)
    views = win.understanding
    win.tabs.setCurrentWidget(views.embedding_panel)  # mapped as each epoch ends while it is on screen
    _train(win, epochs=a.epochs, input_size=64)
    wait(lambda: not views.embedding.job.running and views.embedding.kept, 600)
    wait(lambda: False, 1)
    grabs = [views.embedding_panel.grab().toImage()]
    win.tabs.setCurrentWidget(views.branch_panel)
    wait(lambda: False, 1)
    grabs.append(views.branch_panel.grab().toImage())
    _sheet(grabs, 2, 0.75).save(str(out))
    close_window(win)
    return [out]


def imagenet(folder: Path, a: argparse.Namespace) -> list[Path]:
    """Two photos classified by GoogLeNet's ImageNet weights, chosen as torchvision's file (File > Use
    ImageNet Weights > Choose File), then a 3-class folder of the built-in sample's images trained from
    them, the last layer only (what "Train on This Dataset" does when the weights are here)."""
    from PIL import Image

    from googlenet_gui.core.data.sources import load_sample

    if a.imagenet_weights is None:
        raise SystemExit("imagenet needs --imagenet-weights: torchvision's googlenet-1378be20.pth")
    weights = a.imagenet_weights.resolve()
    language = a.language
    work = Path(tempfile.mkdtemp(prefix="googlenet-shot-"))
    win = open_window(work, language=language)
    win.weights.use_file(weights)
    examples = ROOT / "resources" / "examples"
    _classify(win, [examples / "cat.jpg", examples / "coffee.jpg"])
    wait(lambda: False, 1)
    classified = folder / f"imagenet-classify-{language}.png"
    win.grab().save(str(classified))

    root, sample = work / "three", load_sample()
    for name, label in (("Sneaker", 7), ("Bag", 8), ("Ankle boot", 9)):
        (root / name).mkdir(parents=True)
        for i in (sample.train.labels == label).nonzero().flatten()[:40].tolist():
            Image.fromarray(sample.train.images[i, 0].numpy()).resize((96, 96), Image.BICUBIC).save(root / name / f"{i:05d}.png")
    panel = win.training_panel
    panel.use_folder(str(root))
    panel.field("input_size").setValue(96)
    panel.start_from(str(weights), "head")
    _train(win, epochs=a.epochs)
    win.tabs.setCurrentWidget(win.classify_panel)
    wait(lambda: False, 2)
    trained = folder / f"imagenet-transfer-{language}.png"
    win.grab().save(str(trained))
    close_window(win)
    return [classified, trained]


def layouts(folder: Path, a: argparse.Namespace) -> list[Path]:
    """The window at 1280x800, its default 1400x900 and 1920x1080, in English and Chinese, with the
    Advanced settings open (the tallest the left panel gets)."""
    written = []
    for language in ("en", "zh_CN"):
        win = open_window(Path(tempfile.mkdtemp(prefix="googlenet-shot-")), language=language)
        win.training_panel.advanced_button.setChecked(True)
        for width, height in ((1280, 800), (1400, 900), (1920, 1080)):
            win.resize(width, height)
            wait(lambda: False, 1)
            path = folder / f"layout-{language}-{width}x{height}.png"
            win.grab().save(str(path))
            written.append(path)
        close_window(win)
    return written


SHOTS = [
    Shot("main", "screenshot.png", lambda out, a: main_window(out, a), "training, and an image classified"),
    Shot("main-zh", "screenshot-zh.png", lambda out, a: main_window(out, a, "zh_CN"), "the same in Chinese"),
    Shot("evaluate", "evaluate.png", evaluate, "the Evaluate tab and a mistake's images"),
    Shot("runs", "runs.png", runs, "two runs compared"),
    Shot("dataset-editor", "dataset-editor.png", dataset_editor, "the dataset editor and its check"),
    Shot("inside", "inside.png", inside, "the Inside tab's four views"),
    Shot("understanding", "understanding.png", understanding, "the Feature Map and Learning tabs"),
    Shot("imagenet", None, imagenet, "ImageNet weights: photos classified, a run started from them (to --out-dir)"),
    Shot("layouts", None, layouts, "the window at three sizes in both languages (to --out-dir)"),
]
DOCS = ROOT / "docs"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=[s.name for s in SHOTS], help="take these pictures only")
    ap.add_argument("--out-dir", type=Path, help="write here instead of docs/ (needed by layouts)")
    ap.add_argument("--epochs", type=int, default=3, help="of the runs the pictures show")
    ap.add_argument("--seconds", type=float, default=40.0, help="of training before the main pictures")
    ap.add_argument("--steps", type=int, default=128, help="of the feature visualization")
    ap.add_argument("--language", choices=["en", "zh_CN"], default="en", help="the window's language (other than "
                    "English: needs --out-dir, the docs' pictures are English)")
    ap.add_argument("--imagenet-weights", type=Path, help="torchvision's GoogLeNet state-dict file (for imagenet)")
    ap.add_argument("--list", action="store_true", help="name the pictures and stop")
    a = ap.parse_args(argv)
    if a.language != "en" and a.out_dir is None:
        ap.error("--language needs --out-dir: the docs' pictures are English")
    if a.list:
        for shot in SHOTS:
            print(f"{shot.name:15} {shot.file or '(to --out-dir)':20} {shot.about}")
        return 0
    chosen = [s for s in SHOTS if a.only is None or s.name in a.only]
    if a.only is None:
        chosen = [s for s in chosen if s.file]  # the docs' pictures
    for shot in chosen:
        if shot.file is None and a.out_dir is None:
            ap.error(f"{shot.name} writes several pictures: give --out-dir")
        folder = a.out_dir or DOCS
        folder.mkdir(parents=True, exist_ok=True)
        for path in shot.take(folder if shot.file is None else folder / shot.file, a):
            print(f"wrote {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
