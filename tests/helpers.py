"""Small data made by the tests themselves."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
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
