"""The feature map of a validation set (TensorBoard's Projector): each image's features at the
last pooling layer, or at a block chosen, projected to two dimensions, one point per image.

The features come from the eval-mode forward pass validation makes (core.data.transforms'
to_model_input, then GoogLeNet.forward_keeping), on a copy of the weights (a checkpoint's, or a
live run's snapshot), never on the training model; the same pass gives each image's answer, so
the map marks the mistakes of exactly the weights it shows. A block's output is averaged over
its positions (block5's is already one position: the global average pool).

Two projections: PCA (scikit-learn; at once) and t-SNE (openTSNE, van der Maaten and Hinton,
2008, with the FFT-accelerated gradients of Linderman et al., 2019), whose callbacks give progress
every few iterations and stop it when cancelled (scikit-learn's TSNE offers neither). Each epoch's
map can start from the one before (`previous`): t-SNE from its points, PCA with its axes' signs,
so that replaying the epochs shows the classes move rather than the map turn over.

Above MAX_POINTS images a seeded sample is mapped (the same images every epoch), and the map says
how many of how many it shows.

PyTorch, scikit-learn and openTSNE are imported where they are used: the window's panel imports
this module (its layers, projections, colours) before PyTorch has loaded.
"""
from __future__ import annotations

import csv
import io
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from ..common.files import atomic_write
from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..common.text import printable
from ..data.download import Cancelled

if TYPE_CHECKING:
    import torch

    from ..data.transforms import Preprocess
    from ..network.model import GoogLeNet

LAYERS = ("block5", "block4", "block3", "block2", "block1")  # block5 ends with the last (global average) pool
DEFAULT_LAYER = "block5"
METHODS = ("pca", "tsne")
MAX_POINTS = 10_000  # above this many images a seeded sample is mapped (pyqtgraph stays fluid up to here)
MIN_POINTS = 5  # fewer images make no map
FEATURE_BATCH = 128  # images per forward pass
PCA_BEFORE_TSNE = 50  # t-SNE's neighbours are found in the first 50 principal components (as is usual)
TSNE_EVERY = 10  # iterations between t-SNE's progress reports (and its cancel checks)

Progress = Callable[[int, int, str], None]

NEEDS_IMAGES = QT_TRANSLATE_NOOP("Core", "a feature map needs at least {least} images; the validation set has {count}")
UNKNOWN_LAYER = QT_TRANSLATE_NOOP("Core", "no layer named {name} for a feature map; choose one of: {choices}")
UNKNOWN_METHOD = QT_TRANSLATE_NOOP("Core", "no projection named {name}; choose one of: {choices}")
READING = QT_TRANSLATE_NOOP("Core", "reading the features at {layer}")
PROJECTING = QT_TRANSLATE_NOOP("Core", "t-SNE of {count} images")


class EmbeddingError(ValueError):
    """A map that cannot be made (too few images, an unknown layer or projection), with a one-line message."""


@dataclass(frozen=True)
class Features:
    """What one pass over the images gives: each image's features and its top-1 class."""

    values: np.ndarray  # float32 [N, D]
    predicted: np.ndarray  # int64 [N]


@dataclass(frozen=True)
class FeatureMap:
    """One map: a point per image (of a sample, above MAX_POINTS), with its true and predicted class."""

    layer: str
    method: str  # "pca" or "tsne"
    points: np.ndarray  # float32 [M, 2]
    indices: np.ndarray  # int64 [M]: each point's image, its place in the validation set
    labels: np.ndarray  # int64 [M]: the true class
    predicted: np.ndarray  # int64 [M]: the network's top-1 class
    total: int  # images in the set (more than M when sampled)
    class_names: list[str]
    explained: tuple[float, float] | None = None  # PCA: the share of the variance each axis shows

    @property
    def sampled(self) -> bool:
        return len(self.indices) < self.total

    @property
    def mistakes(self) -> np.ndarray:
        """bool [M]: the images the network gets wrong."""
        return self.labels != self.predicted

    @property
    def accuracy(self) -> float:
        return float((~self.mistakes).mean()) if len(self.labels) else 0.0


def check_choice(layer: str, method: str) -> None:
    if layer not in LAYERS:
        raise EmbeddingError(Message(UNKNOWN_LAYER, name=printable(layer, 60), choices=", ".join(LAYERS)))
    if method not in METHODS:
        raise EmbeddingError(Message(UNKNOWN_METHOD, name=printable(method, 60), choices=", ".join(METHODS)))


def sample_indices(count: int, most: int = MAX_POINTS, seed: int = 0) -> np.ndarray:
    """All `count` images, or a seeded choice of `most` of them in their order (the same every time)."""
    if count <= most:
        return np.arange(count, dtype=np.int64)
    return np.sort(np.random.default_rng(seed).choice(count, most, replace=False)).astype(np.int64)


def extract_features(model: GoogLeNet, preprocess: Preprocess, images: torch.Tensor, layer: str = DEFAULT_LAYER,
                     batch_size: int = FEATURE_BATCH, progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> Features:
    """Each uint8 image's [N, C, h, w] features at `layer` (averaged over positions) and its top-1
    class, from `model` in eval mode as validation runs it, on the model's device."""
    import torch

    with torch.inference_mode():
        return _features(model, preprocess, images, layer, batch_size, progress, cancel)


def _features(model: Any, preprocess: Any, images: Any, layer: str, batch_size: int, progress: Progress | None,
              cancel: threading.Event | None) -> Features:
    import torch

    from ..data.transforms import to_model_input

    if layer not in LAYERS:
        raise EmbeddingError(Message(UNKNOWN_LAYER, name=printable(layer, 60), choices=", ".join(LAYERS)))
    model.eval()
    device = next(model.parameters()).device
    values, predicted = [], []
    total = len(images)
    message = Message(READING, layer=layer)
    for start in range(0, total, batch_size):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        x = to_model_input(images[start:start + batch_size].to(device), preprocess.input_size, False,
                           preprocess.mean, preprocess.std)
        logits, kept = model.forward_keeping(x, (layer,))
        values.append(kept[layer].float().mean((2, 3)).cpu())
        predicted.append(logits.argmax(1).cpu())
        if progress is not None:
            progress(min(start + batch_size, total), total, message)
    if not values:
        return Features(np.zeros((0, 0), np.float32), np.zeros(0, np.int64))
    return Features(torch.cat(values).numpy(), torch.cat(predicted).numpy().astype(np.int64))


def pca_2d(features: np.ndarray, previous: np.ndarray | None = None) -> tuple[np.ndarray, tuple[float, float]]:
    """The first two principal components of `features` [N, D] and the share of the variance each
    explains; with `previous` points of the same images, each axis's sign is the one that agrees with them."""
    from sklearn.decomposition import PCA

    x = np.asarray(features, dtype=np.float64)
    components = min(2, x.shape[1], x.shape[0])
    pca = PCA(n_components=components, random_state=0)
    points = pca.fit_transform(x)
    explained = [float(v) for v in pca.explained_variance_ratio_] + [0.0] * (2 - components)
    if components < 2:
        points = np.hstack([points, np.zeros((len(points), 2 - components))])
    if previous is not None and previous.shape == points.shape:
        for axis in range(2):
            if float(np.dot(points[:, axis], previous[:, axis])) < 0:
                points[:, axis] = -points[:, axis]
    return points.astype(np.float32), (explained[0], explained[1])


def tsne_2d(features: np.ndarray, previous: np.ndarray | None = None, progress: Progress | None = None,
            cancel: threading.Event | None = None, seed: int = 0, threads: int = 1) -> np.ndarray:
    """t-SNE of `features` [N, D] to two dimensions (openTSNE), started from `previous` points of the
    same images when given (else from PCA, as openTSNE does). Progress every TSNE_EVERY
    iterations; setting `cancel` stops it there (download.Cancelled)."""
    from openTSNE import TSNE
    from openTSNE.initialization import rescale
    from sklearn.decomposition import PCA

    x = np.asarray(features, dtype=np.float64)
    n = len(x)
    if x.shape[1] > PCA_BEFORE_TSNE and n > PCA_BEFORE_TSNE:
        x = PCA(n_components=PCA_BEFORE_TSNE, random_state=seed).fit_transform(x)
    perplexity = float(min(30.0, max(1.0, (n - 1) / 3.0)))
    early, later = 250, 500  # openTSNE's default iterations: the early exaggeration phase, then the rest
    total, done = early + later, 0
    message = Message(PROJECTING, count=n)

    def report(iteration: int, error: float, embedding: np.ndarray) -> bool:
        nonlocal done
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        done = min(done + TSNE_EVERY, total)
        if progress is not None:
            progress(done, total, message)
        return False

    if previous is not None and previous.shape == (n, 2) and np.isfinite(previous).all() and np.std(previous[:, 0]) > 0:
        initialization = rescale(np.asarray(previous, dtype=np.float64))
    else:
        initialization = "pca"
    tsne = TSNE(n_components=2, perplexity=perplexity, early_exaggeration_iter=early, n_iter=later,
                initialization=initialization, random_state=seed, n_jobs=threads, callbacks=report,
                callbacks_every_iters=TSNE_EVERY, verbose=False)
    if cancel is not None and cancel.is_set():
        raise Cancelled()
    return np.asarray(tsne.fit(x), dtype=np.float32)


def feature_map(model: GoogLeNet, preprocess: Preprocess, images: torch.Tensor, labels: torch.Tensor | np.ndarray,
                class_names: list[str], layer: str = DEFAULT_LAYER, method: str = "pca",
                previous: FeatureMap | None = None, progress: Progress | None = None,
                cancel: threading.Event | None = None, most: int = MAX_POINTS, batch_size: int = FEATURE_BATCH,
                threads: int = 1) -> FeatureMap:
    """The map of `images` (uint8 [N, C, h, w], the validation set) with their true `labels`: the
    features at `layer`, projected by `method`. `previous`: the map of an earlier epoch (same
    layer and method, same images), which this one follows."""
    import torch

    check_choice(layer, method)
    count = len(images)
    if count < MIN_POINTS:
        raise EmbeddingError(Message(NEEDS_IMAGES, least=MIN_POINTS, count=count))
    indices = sample_indices(count, most)
    chosen = torch.as_tensor(indices)
    features = extract_features(model, preprocess, images[chosen], layer, batch_size, progress, cancel)
    true = np.asarray(torch.as_tensor(labels)[chosen].cpu().numpy(), dtype=np.int64)
    follows = previous if (previous is not None and previous.layer == layer and previous.method == method
                           and np.array_equal(previous.indices, indices)) else None
    before = follows.points if follows is not None else None
    explained = None
    if method == "pca":
        points, explained = pca_2d(features.values, before)
    else:
        points = tsne_2d(features.values, before, progress, cancel, threads=threads)
    return FeatureMap(layer, method, points, indices, true, features.predicted, count, list(class_names), explained)


# ---------------------------------------------------------------- colours and files


# Ten colours that stay apart on a light and a dark background (Tableau 10); more classes share hues.
TABLEAU = ((31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
           (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207))


def class_colours(count: int) -> list[tuple[int, int, int]]:
    """A colour per class: Tableau 10, then evenly spaced hues (the window and the PNG use the same)."""
    if count <= len(TABLEAU):
        return list(TABLEAU[:count])
    import colorsys

    return [tuple(int(round(255 * c)) for c in colorsys.hsv_to_rgb(i / count, 0.75, 0.85)) for i in range(count)]


def write_csv(feature_map: FeatureMap, path: str | Path) -> Path:
    """One row per point: the image's place in the validation set, x, y, its true and predicted class."""
    path = Path(path)
    names = [printable(n, 200) for n in feature_map.class_names]
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(["image", "x", "y", "true", "predicted", "true_name", "predicted_name", "mistake"])
    for i, (x, y), t, p in zip(feature_map.indices, feature_map.points, feature_map.labels, feature_map.predicted):
        writer.writerow([int(i), f"{float(x):.6g}", f"{float(y):.6g}", int(t), int(p), names[t] if t < len(names) else "",
                         names[p] if p < len(names) else "", int(t != p)])
    data = text.getvalue().encode("utf-8")
    return atomic_write(path, lambda f: f.write(data))


def render_png(feature_map: FeatureMap, path: str | Path, title: str = "", side: int = 900) -> Path:
    """The map as a picture: a dot per image in its true class's colour, mistakes drawn as crosses,
    a legend of the classes."""
    from PIL import Image, ImageDraw, ImageFont

    legend_width = 220
    image = Image.new("RGB", (side + legend_width, side), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=14)
    except TypeError:  # Pillow before 10.1: its one bitmap font
        font = ImageFont.load_default()
    margin = 40
    points = feature_map.points.astype(np.float64)
    low, high = points.min(0), points.max(0)
    span = np.where(high - low > 0, high - low, 1.0)
    scaled = margin + (points - low) / span * (side - 2 * margin)
    scaled[:, 1] = side - scaled[:, 1]  # y grows upwards, as in the window
    colours = class_colours(len(feature_map.class_names))
    radius = 3 if len(points) <= 2000 else 2
    mistakes = feature_map.mistakes
    for (x, y), label in zip(scaled[~mistakes], feature_map.labels[~mistakes]):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colours[label % len(colours)])
    for (x, y), label in zip(scaled[mistakes], feature_map.labels[mistakes]):
        r = radius + 1
        colour = colours[label % len(colours)]
        draw.line((x - r, y - r, x + r, y + r), fill=colour, width=2)
        draw.line((x - r, y + r, x + r, y - r), fill=colour, width=2)
    if title:
        draw.text((margin, 10), printable(title, 120), fill="black", font=font)
    y = margin
    for i, name in enumerate(feature_map.class_names[:40]):
        draw.ellipse((side + 10, y + 3, side + 20, y + 13), fill=colours[i % len(colours)])
        draw.text((side + 28, y), printable(name, 26), fill="black", font=font)
        y += 20
    draw.text((side + 10, y + 10), "x: misclassified", fill="black", font=font)
    suffix = Path(path).suffix.lower().lstrip(".")
    return atomic_write(path, lambda f: image.save(f, format={"jpg": "JPEG"}.get(suffix, suffix.upper() or "PNG")))
