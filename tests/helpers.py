"""Small data made by the tests themselves."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import functools
import struct
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import torch
import torchvision
from PIL import Image

from googlenet_gui.core.data.sources import Dataset, ImageSet


def run_all(trainer: Any, on_event: Callable[[Any, Any], None] | None = None) -> list:
    """Every event of a run; the engine turns every failure into an event, so this never raises."""
    events = []
    for event in trainer.run():
        events.append(event)
        if on_event:
            on_event(trainer, event)
    return events


def of(events: list, kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]


def stripes_dataset(n_train: int = 64, n_val: int = 32, size: int = 28, seed: int = 0) -> Dataset:
    """Two learnable classes: horizontal stripes (0) and vertical stripes (1), with noise."""
    g = torch.Generator().manual_seed(seed)

    def make(n: int) -> ImageSet:
        labels = torch.arange(n) % 2
        base = (torch.arange(size) // 3 % 2).float() * 200
        images = torch.empty(n, 1, size, size)
        for i, label in enumerate(labels):
            images[i, 0] = base[:, None].expand(size, size) if label == 0 else base[None, :].expand(size, size)
        images += torch.randint(0, 50, images.shape, generator=g).float()
        return ImageSet(images.clamp(0, 255).to(torch.uint8), labels)

    return Dataset("stripes", make(n_train), make(n_val), ["horizontal", "vertical"], flip_ok=True)


def write_stripe_image(path: Path, vertical: bool, size: int = 28, mode: str = "L") -> Path:
    base = (np.arange(size) // 3 % 2).astype(np.uint8) * 220
    arr = np.tile(base[None, :], (size, 1)) if vertical else np.tile(base[:, None], (1, size))
    img = Image.fromarray(arr)
    if mode != "L":
        img = img.convert(mode)
    img.save(path)
    return path


def constant_checkpoint(path: Path, answer: int = 2, limit_val: int = 60) -> Path:
    """A checkpoint for the built-in sample (10 classes) whose final layer always answers
    `answer`: zero weights and a bias of 10 for that class, so every image gets the same logits.
    Its run validated on `limit_val` sample images."""
    from googlenet_gui.core.runs.checkpoint import Checkpoint, save_checkpoint
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.data.sources import FASHION_CLASSES
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
    from googlenet_gui.core.data.transforms import Preprocess

    torch.manual_seed(0)
    state = GoogLeNet(ModelConfig(1, 10)).state_dict()
    state["classifier.1.weight"].zero_()
    state["classifier.1.bias"].zero_()
    state["classifier.1.bias"][answer] = 10.0
    config = TrainConfig(dataset="sample", input_size=64, epochs=1, limit_val=limit_val)
    return save_checkpoint(Checkpoint(ModelConfig(1, 10), state, list(FASHION_CLASSES), Preprocess(1, 64, 28),
                                      config), path)


# ---------------------------------------------------------------- the window


def use_folder(win: Any, folder: Path, epochs: int = 2, batch: int = 8) -> None:
    """Choose an image-folder dataset in the training panel, at input 64, as a person would."""
    tp = win.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("folder"))
    tp.folder_edit.setText(str(folder))
    tp.folder_edit.editingFinished.emit()
    tp.field("input_size").setValue(64)
    tp.field("epochs").setValue(epochs)
    tp.field("batch_size").setValue(batch)


def classify_and_select(win: Any, qtbot: Any, image: Path) -> None:
    """Classify one file, click its row, and wait for the Inside tab to show it."""
    from PySide6.QtCore import QPoint, Qt

    win.classify.classify_paths([str(image)])
    qtbot.waitUntil(lambda: any(row.source == str(image) for row in win.classify_panel.rows()), timeout=60_000)
    row = next(row for row in win.classify_panel.rows() if row.source == str(image))
    qtbot.mouseClick(row, Qt.LeftButton, pos=QPoint(row.width() // 2, 8))
    assert row.selected and win.classify_panel.selected_source() == str(image)
    win.tabs.setCurrentWidget(win.understanding.inside_panel)
    qtbot.waitUntil(lambda: win.understanding.inside_panel.inside is not None and win.understanding.inside_panel.gradcam is not None,
                    timeout=60_000)


def drop(win: Any, mime: Any) -> tuple[bool, bool]:
    """Drag `mime` (a QMimeData) over the window and drop it, as Qt delivers it: (enter accepted, drop accepted)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    pos = QPointF(win.width() / 2, win.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(win, enter)
    accepted_enter = enter.isAccepted()
    event = QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(win, event)
    return accepted_enter, event.isAccepted()


def file_mime(*paths: Path) -> Any:
    from PySide6.QtCore import QMimeData, QUrl

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def batches(win: Any) -> int:
    """How many batches the window's plots show."""
    return win.plots_panel.point_counts()["batch"]

def weights_only_checkpoint(path: Path) -> Path:
    """Random weights for the sample's ten classes, saved as a weights-only checkpoint."""
    from googlenet_gui.core.runs.checkpoint import Checkpoint, save_checkpoint
    from googlenet_gui.core.data.sources import FASHION_CLASSES
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
    from googlenet_gui.core.data.transforms import Preprocess

    config = ModelConfig(1, 10)
    return save_checkpoint(Checkpoint(config, GoogLeNet(config).state_dict(), list(FASHION_CLASSES),
                                      Preprocess(1, 64, 28)), path)


def write_mnist(root: Path, n_train: int = 8, n_test: int = 4) -> Path:
    rng = np.random.default_rng(0)
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
        labels = (np.arange(n) % 10).astype(np.uint8)
        (raw / f"{prefix}-images-idx3-ubyte").write_bytes(struct.pack(">IIII", 0x803, n, 28, 28) + images.tobytes())
        (raw / f"{prefix}-labels-idx1-ubyte").write_bytes(struct.pack(">II", 0x801, n) + labels.tobytes())
    return root


# ---------------------------------------------------------------- ImageNet's weights, made by the test


def torchvision_googlenet(seed: int = 0, aux_logits: bool = False, transform_input: bool = False) -> torch.nn.Module:
    """torchvision's GoogLeNet with weights that make every layer matter: convolutions at a
    variance-keeping scale, BatchNorm statistics and affine parameters away from 0 and 1."""
    torch.manual_seed(seed)
    model = torchvision.models.googlenet(weights=None, aux_logits=aux_logits, init_weights=True,
                                         transform_input=transform_input)
    return make_every_layer_count(model).eval()


@torch.no_grad()
def make_every_layer_count(model: torch.nn.Module, affine: bool = True) -> torch.nn.Module:
    """Weights as a trained network's are, in the ways a test can see: convolutions at a variance-keeping
    scale, BatchNorm statistics (and with `affine` its scale and shift) away from 0 and 1, a last layer
    whose answers differ from image to image. Uses the global generator: seed it first."""
    for module in model.modules():
        if isinstance(module, torch.nn.Conv2d):
            torch.nn.init.kaiming_normal_(module.weight)
        elif isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.2, 0.2)
            module.running_var.uniform_(0.5, 2.0)
            if affine:
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
        elif isinstance(module, torch.nn.Linear):
            torch.nn.init.normal_(module.weight, std=0.1)
    return model




def save_state_dict(path: Path, seed: int = 3) -> Path:
    """torchvision's GoogLeNet state dict saved as torchvision saves its file: with the auxiliary heads."""
    torch.save(torchvision_googlenet(seed, aux_logits=True).state_dict(), path)
    return path


class Server:
    """Files from a folder over HTTP on 127.0.0.1, in a thread."""

    def __init__(self, root: Path):
        root.mkdir(parents=True, exist_ok=True)
        quiet = type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(quiet, directory=str(root)))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)
