"""The dataset catalogue: which datasets the app knows and what is known of each before reading
any image. Plain Python, no torch: the window lists them before PyTorch has loaded."""
from __future__ import annotations

from dataclasses import dataclass

from ..common.messages import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class SourceInfo:
    key: str
    title: str  # a name, or a template of context "Core" that the window says in its language
    downloadable: bool
    channels: int  # input channels, as known before reading any image (a folder of only grayscale images gives 1)
    needs_path: bool = False


SOURCES = {
    "sample": SourceInfo("sample", QT_TRANSLATE_NOOP("Core", "Sample (Fashion-MNIST subset, built in)"), False, 1),
    "cifar10": SourceInfo("cifar10", "CIFAR-10", True, 3),
    "fashion-mnist": SourceInfo("fashion-mnist", "Fashion-MNIST", True, 1),
    "mnist": SourceInfo("mnist", "MNIST", True, 1),
    "folder": SourceInfo("folder", QT_TRANSLATE_NOOP("Core", "Image folder (one sub-folder per class)"), False, 3, needs_path=True),
}


# The splits a trained network can be evaluated on: "val" is the held-out split the engine
# validates on; "test" is the same, except for an image folder with its own test/ folder.
SPLITS = ("val", "test")
