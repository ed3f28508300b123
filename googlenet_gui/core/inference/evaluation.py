"""Where a classifier is wrong: the confusion matrix, per-class precision, recall and F1, top-1
and top-5 accuracy, the most confident mistakes, and each image's answer.

One validation pass gives all of it. `ValidationOutputs` keeps a pass's outputs on the device
(the engine's validation at every epoch end, and `evaluate_checkpoint`) and reads them back
once, at the end; `Evaluation` is the result, in numpy arrays, with the metrics derived from it.
The CLI's `evaluate` and the window's Evaluate tab share `evaluation_dataset` and
`evaluate_checkpoint`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from ..runs.checkpoint import Checkpoint
from ..data.sources import DataError, Dataset, load_dataset
from ..common.devices import resolve_device
from ..data.download import Cancelled
from ..runs.events import EpochEnd, EpochPredictions
from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..network.model import GoogLeNet
from .predict import Predictor, model_input

TOP_K = 5  # top-5 accuracy; with fewer classes, top-k for k = the number of classes
EVAL_BATCH = 128  # images per forward pass for a checkpoint without training settings

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ClassMetrics:
    name: str
    precision: float | None  # None: nothing was predicted as this class
    recall: float | None  # None: no image of this class
    f1: float | None  # None: neither
    support: int  # images of this class


@dataclass(frozen=True)
class Mistake:
    index: int  # the image's place in the evaluated split
    true: int
    predicted: int
    probability: float  # of the predicted class


class Evaluation:
    """A confusion matrix (rows: the true class, columns: the predicted one), top-k accuracy and,
    where kept, each image's true class, top-1 class and its probability, in the split's order.

    An epoch read back from a run's history has the matrix only; a pass's own result has both,
    and then the matrix is made from the per-image answers."""

    def __init__(self, class_names: Sequence[str], matrix: Any, top_k_accuracy: float | None,
                 loss: float | None = None, labels: Any = None, predicted: Any = None, probability: Any = None):
        self.class_names = list(class_names)
        n = len(self.class_names)
        self.top_k = min(TOP_K, n)
        self.top_k_accuracy = top_k_accuracy
        self.loss = loss
        self.labels = self.predicted = self.probability = None
        if labels is not None and predicted is not None and probability is not None:
            self.labels = np.asarray(labels, dtype=np.int64)
            self.predicted = np.asarray(predicted, dtype=np.int64)
            self.probability = np.asarray(probability, dtype=np.float32)
            if not len(self.labels) == len(self.predicted) == len(self.probability):
                raise ValueError("labels, predictions and probabilities differ in length")
            matrix = np.bincount(self.labels * n + self.predicted, minlength=n * n).reshape(n, n)
        self.matrix = np.asarray(matrix, dtype=np.int64)
        if self.matrix.shape != (n, n):
            raise ValueError(f"a {n}-class evaluation needs a {n} x {n} matrix, not {self.matrix.shape}")

    # ------------------------------------------------------------ made from

    @classmethod
    def from_epoch(cls, end: EpochEnd, class_names: Sequence[str],
                   predictions: EpochPredictions | None = None) -> "Evaluation | None":
        """An epoch's evaluation as the engine reported it; None when it has none (no validation
        set, more classes than are stored, or a run made before evaluations were kept)."""
        if predictions is not None:
            return cls(class_names, None, end.val_top5, end.val_loss, predictions.labels, predictions.predicted,
                       predictions.probability)
        if end.confusion is None or len(end.confusion) != len(class_names):
            return None
        return cls(class_names, end.confusion, end.val_top5, end.val_loss)

    def without_images(self) -> "Evaluation":
        """The same figures without each image's answer (to keep many epochs in little memory)."""
        return Evaluation(self.class_names, self.matrix, self.top_k_accuracy, self.loss)

    # ------------------------------------------------------------ figures

    @property
    def images(self) -> int:
        return int(self.matrix.sum())

    @property
    def accuracy(self) -> float | None:
        """Top-1 accuracy; None for no images."""
        return float(np.trace(self.matrix)) / self.images if self.images else None

    @property
    def has_images(self) -> bool:
        """Whether each image's answer is kept (a cell's images can be listed)."""
        return self.labels is not None

    def per_class(self) -> list[ClassMetrics]:
        """Precision, recall, F1 and support of each class, in class order.

        F1 = 2 TP / (2 TP + FP + FN), which equals 2 P R / (P + R) and is 0, not undefined,
        for a class with images that is never predicted right."""
        m = self.matrix
        tp = np.diag(m)
        predicted = m.sum(0)  # TP + FP
        support = m.sum(1)  # TP + FN
        out = []
        for i, name in enumerate(self.class_names):
            t, p, s = int(tp[i]), int(predicted[i]), int(support[i])
            f1_denominator = p + s  # (TP + FP) + (TP + FN) = 2 TP + FP + FN
            out.append(ClassMetrics(name, t / p if p else None, t / s if s else None,
                                    2 * t / f1_denominator if f1_denominator else None, s))
        return out

    def macro_f1(self) -> float | None:
        """The mean F1 over the classes that have images or predictions."""
        scores = [c.f1 for c in self.per_class() if c.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    def row_fractions(self) -> np.ndarray:
        """Each cell as a share of its row (of the images of that true class); 0 for empty rows."""
        totals = self.matrix.sum(1, keepdims=True)
        return np.divide(self.matrix, totals, out=np.zeros(self.matrix.shape), where=totals > 0)

    # ------------------------------------------------------------ images

    def cell(self, true: int, predicted: int) -> tuple[np.ndarray, np.ndarray]:
        """The images of one cell, most confident first: (indices in the split, probabilities)."""
        if not self.has_images:
            raise ValueError("this evaluation does not keep each image's answer")
        index = np.flatnonzero((self.labels == true) & (self.predicted == predicted))
        order = np.argsort(-self.probability[index], kind="stable")
        return index[order], self.probability[index][order]

    def mistakes(self, limit: int | None = None) -> list[Mistake]:
        """Misclassified images, the most confident first."""
        if not self.has_images:
            return []
        index = np.flatnonzero(self.labels != self.predicted)
        index = index[np.argsort(-self.probability[index], kind="stable")][:limit]
        return [Mistake(int(i), int(self.labels[i]), int(self.predicted[i]), float(self.probability[i]))
                for i in index]

    def present_classes(self) -> np.ndarray:
        """The classes that have images or were answered (of ImageNet's 1000, the few a folder holds and gets)."""
        return np.flatnonzero((self.matrix.sum(1) > 0) | (self.matrix.sum(0) > 0))

    def to_dict(self, mistakes: int | None = 20, present_only: bool = False) -> dict[str, Any]:
        """Everything as plain values (the CLI's --json), with the `mistakes` most confident ones;
        `present_only`: the per-class table and the matrix for present_classes() alone (their
        numbers in "class_indices"), not a row and a column for each of many classes."""
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 6)

        if present_only:
            shown = self.present_classes()
            per_class = self.per_class()
            return {**self.to_dict(mistakes), "class_indices": shown.tolist(),
                    "classes": [{"name": c.name, "precision": rounded(c.precision), "recall": rounded(c.recall),
                                 "f1": rounded(c.f1), "support": c.support} for c in (per_class[i] for i in shown)],
                    "matrix": self.matrix[np.ix_(shown, shown)].tolist()}
        return {
            "images": self.images,
            "accuracy": rounded(self.accuracy),
            "top_k": self.top_k,
            "top_k_accuracy": rounded(self.top_k_accuracy),
            "loss": rounded(self.loss),
            "macro_f1": rounded(self.macro_f1()),
            "classes": [{"name": c.name, "precision": rounded(c.precision), "recall": rounded(c.recall),
                         "f1": rounded(c.f1), "support": c.support} for c in self.per_class()],
            "matrix": self.matrix.tolist(),
            "mistakes": [{"index": m.index, "true": self.class_names[m.true], "predicted": self.class_names[m.predicted],
                          "probability": rounded(m.probability)} for m in self.mistakes(mistakes)],
        }


class ValidationOutputs:
    """A validation pass's outputs kept on the device and read back once, when it is done.

    Always: the loss and correct-answer sums. With `keep` (the default): top-k hits, and each
    image's top-1 class and its probability, from which the confusion matrix is counted once
    they are read back. No per-batch host sync: `add` only queues work on the device."""

    def __init__(self, labels: torch.Tensor, num_classes: int, keep: bool = True):
        self.labels = labels  # every image's true class, on the device
        self.num_classes = num_classes
        self.keep = keep
        self.k = min(TOP_K, num_classes)
        n, device = len(labels), labels.device
        self.sums = torch.zeros(3, device=device, dtype=torch.float64)  # loss sum, correct, top-k hits
        self.predicted = torch.empty(n, dtype=torch.int64, device=device) if keep else None
        self.probability = torch.empty(n, dtype=torch.float32, device=device) if keep else None
        self.done = 0

    def add(self, logits: torch.Tensor) -> None:
        """The float32 logits of the next images, in order."""
        start, n = self.done, len(logits)
        y = self.labels[start:start + n]
        predicted = logits.argmax(1)
        loss = F.cross_entropy(logits, y, reduction="sum").double()
        correct = (predicted == y).sum().double()
        if self.keep:
            hits = (logits.topk(self.k, 1).indices == y[:, None]).any(1).sum().double()
            self.sums += torch.stack([loss, correct, hits])
            self.predicted[start:start + n] = predicted
            self.probability[start:start + n] = logits.softmax(1).gather(1, predicted[:, None]).squeeze(1)
        else:
            self.sums[:2] += torch.stack([loss, correct])
        self.done += n

    def read(self, class_names: Sequence[str]) -> tuple[float | None, float | None, Evaluation | None]:
        """(loss, accuracy, the Evaluation when kept); (None, None, None) for no images."""
        n = self.done
        if n == 0:
            return None, None, None
        loss_sum, correct, hits = self.sums.tolist()  # the pass's one wait for the device
        if not self.keep:
            return loss_sum / n, correct / n, None
        evaluation = Evaluation(class_names, None, hits / n, loss_sum / n, self.labels[:n].cpu().numpy(),
                                self.predicted[:n].cpu().numpy(), self.probability[:n].cpu().numpy())
        return loss_sum / n, correct / n, evaluation


def epoch_records(epoch: int, evaluation: Evaluation, stored_classes: int) -> tuple[list[list[int]] | None,
                                                                                      EpochPredictions]:
    """What an epoch's evaluation adds to the engine's events: the matrix as lists for EpochEnd
    (None above `stored_classes` classes), and every image's answer as EpochPredictions."""
    confusion = evaluation.matrix.tolist() if len(evaluation.class_names) <= stored_classes else None
    return confusion, EpochPredictions(epoch, evaluation.labels.tolist(), evaluation.predicted.tolist(),
                                       evaluation.probability.tolist())


# ---------------------------------------------------------------- evaluating a checkpoint


def evaluation_dataset(checkpoint: Checkpoint, dataset: str | None = None, data_dir: str | None = None,
                       split: str = "val", progress: Progress | None = None,
                       cancel: threading.Event | None = None) -> Dataset:
    """The data to evaluate `checkpoint` on. By default the dataset it was trained on, cut to the
    run's limits exactly as the engine cuts it, so "val" holds the images the run validated on,
    in the same order. `dataset` and `data_dir` choose other data (a checkpoint of weights only
    needs them)."""
    config = checkpoint.train_config
    if dataset is None:
        if config is None:
            raise DataError(Message(QT_TRANSLATE_NOOP("Core", "this checkpoint holds no training settings, so its dataset is not known: "
                                                            "name one")))
        dataset = config.dataset
    own = config is not None and dataset == config.dataset
    p = checkpoint.preprocess
    # an image folder's images are prepared as a classified file is: at the stored size, ImageNet's way where it is
    data = load_dataset(dataset, data_dir or (config.data_dir if own else None), p.stored_size,
                        config.val_fraction if own else 0.1, config.seed if own else 0, progress, cancel,
                        include_test=split == "test", resize=p.resize)
    return data.limited(config.limit_train, config.limit_val, config.seed) if own else data


def evaluate_checkpoint(checkpoint: Checkpoint, dataset: Dataset, split: str = "val",
                        progress: Progress | None = None, cancel: threading.Event | None = None,
                        device: str = "cpu", batch_size: int | None = None, name: str = "checkpoint") -> Evaluation:
    """Run `checkpoint`'s network over a split of `dataset` in batches on `device`, with the
    preprocessing and the arithmetic every answer is given in (float32, as classify, Inside and
    the exports: predict.model_input), so each image gets the answer classifying it gives.
    The dataset's classes must be among the checkpoint's (the same list, or, as for ImageNet's
    1000, folders named after some of them); the evaluation is over the checkpoint's classes.
    `progress(done, total, message)` follows the images; setting `cancel` raises
    download.Cancelled before the next batch."""
    images = dataset.split(split)
    labels = checkpoint_labels(checkpoint, dataset, images.labels, name)
    pixels = images.images
    if pixels.shape[1] == 1 and checkpoint.model_config.in_channels == 3:
        pixels = pixels.expand(-1, 3, -1, -1)  # a grey folder for colour weights: as classify makes a grey file RGB
    config = checkpoint.train_config
    if batch_size is None:
        batch_size = config.batch_size * 2 if config else EVAL_BATCH  # as the engine's validation
    target = resolve_device(device)
    model: GoogLeNet = Predictor.from_checkpoint(checkpoint, name).model.to(target)
    p = checkpoint.preprocess
    outputs = ValidationOutputs(labels.to(target), len(checkpoint.class_names))
    total = len(images)
    with torch.inference_mode():
        for start in range(0, total, batch_size):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            logits = model(model_input(pixels[start:start + batch_size].to(target), p)).float()
            outputs.add(logits)
            if progress is not None:
                progress(min(start + batch_size, total), total, "evaluating")
    _, _, evaluation = outputs.read(checkpoint.class_names)
    if evaluation is None:  # an empty split
        n = len(checkpoint.class_names)
        return Evaluation(checkpoint.class_names, np.zeros((n, n), dtype=np.int64), None)
    return evaluation


def check_fits(checkpoint: Checkpoint, dataset: Dataset, name: str = "checkpoint") -> None:
    """The checkpoint's network must take the dataset's channels (grey images go to colour weights
    as classify sends them) and know the dataset's classes, by name."""
    mc = checkpoint.model_config
    if mc.in_channels != dataset.channels and not (dataset.channels == 1 and mc.in_channels == 3):
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: made for {channels}-channel images, {dataset} has {dataset_channels}"),
                                name=name, channels=mc.in_channels, dataset=dataset.name, dataset_channels=dataset.channels))
    names = list(checkpoint.class_names)
    if names == list(dataset.class_names):
        return
    known = set(names)
    unknown = [n for n in dataset.class_names if n not in known]
    if len(unknown) == len(dataset.class_names):
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: made for {classes} classes ({names}), {dataset} has "
                                                          "{dataset_classes} ({dataset_names})"),
                                name=name, classes=mc.num_classes, names=_names(checkpoint.class_names), dataset=dataset.name,
                                dataset_classes=len(dataset.class_names), dataset_names=_names(dataset.class_names)))
    if unknown:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: {dataset}'s class {unknown!r} is not one of its {classes} "
                                                          "classes ({names}); to evaluate these weights on it, name every "
                                                          "class as the weights name it"),
                                name=name, dataset=dataset.name, unknown=unknown[0], classes=mc.num_classes,
                                names=_names(checkpoint.class_names)))


def checkpoint_labels(checkpoint: Checkpoint, dataset: Dataset, labels: torch.Tensor, name: str = "checkpoint") -> torch.Tensor:
    """The dataset's labels as the checkpoint's class numbers (check_fits first): the same, or,
    for a dataset whose classes are some of the checkpoint's (ImageNet's), mapped by name."""
    check_fits(checkpoint, dataset, name)
    names = list(checkpoint.class_names)
    if names == list(dataset.class_names):
        return labels
    mapping = torch.tensor([names.index(n) for n in dataset.class_names], dtype=torch.long)
    return mapping[labels]


def _names(names: Sequence[str], shown: int = 4) -> str:
    from ..common.text import printable

    listed = ", ".join(printable(n, 40) for n in names[:shown])
    return listed + (", …" if len(names) > shown else "")

