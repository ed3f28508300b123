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

from ..runs.checkpoint import Checkpoint, CheckpointError, state_dict_problem
from ..data.sources import DataError, Dataset, load_dataset
from ..common.devices import AUTOCAST_DTYPES, precision_for, resolve_device
from ..data.download import Cancelled
from ..runs.events import EpochEnd, EpochPredictions
from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..network.model import GoogLeNet
from ..data.transforms import to_model_input

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

    def to_dict(self, mistakes: int | None = 20) -> dict[str, Any]:
        """Everything as plain values (the CLI's --json), with the `mistakes` most confident ones."""
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 6)

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
    data = load_dataset(dataset, data_dir or (config.data_dir if own else None), checkpoint.preprocess.input_size,
                        config.val_fraction if own else 0.1, config.seed if own else 0, progress, cancel,
                        include_test=split == "test")
    return data.limited(config.limit_train, config.limit_val, config.seed) if own else data


def evaluate_checkpoint(checkpoint: Checkpoint, dataset: Dataset, split: str = "val",
                        progress: Progress | None = None, cancel: threading.Event | None = None,
                        device: str = "cpu", batch_size: int | None = None, name: str = "checkpoint") -> Evaluation:
    """Run `checkpoint`'s network over a split of `dataset` in batches on `device`, with the
    preprocessing, arithmetic and batches of its run's validation (so on the same device the
    answers are the ones its run reported). `progress(done, total, message)` follows the
    images; setting `cancel` raises download.Cancelled before the next batch."""
    images = dataset.split(split)
    check_fits(checkpoint, dataset, name)
    config = checkpoint.train_config
    if batch_size is None:
        batch_size = config.batch_size * 2 if config else EVAL_BATCH  # as the engine's validation
    target = resolve_device(device)
    autocast = AUTOCAST_DTYPES.get(precision_for(target, config.precision if config else "auto"))
    channels_last = config.channels_last if config else True
    model = _network(checkpoint, target, channels_last, name)
    p = checkpoint.preprocess
    outputs = ValidationOutputs(images.labels.to(target), len(checkpoint.class_names))
    total = len(images)
    with torch.inference_mode():
        for start in range(0, total, batch_size):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            x = to_model_input(images.images[start:start + batch_size].to(target), p.input_size, channels_last,
                               p.mean, p.std)
            with torch.autocast(target.type, dtype=autocast or torch.float32, enabled=autocast is not None):
                logits = model(x).float()
            outputs.add(logits)
            if progress is not None:
                progress(min(start + batch_size, total), total, "evaluating")
    _, _, evaluation = outputs.read(checkpoint.class_names)
    if evaluation is None:  # an empty split
        n = len(checkpoint.class_names)
        return Evaluation(checkpoint.class_names, np.zeros((n, n), dtype=np.int64), None)
    return evaluation


def check_fits(checkpoint: Checkpoint, dataset: Dataset, name: str = "checkpoint") -> None:
    """The checkpoint's network must take the dataset's channels and name the same classes."""
    mc = checkpoint.model_config
    if mc.in_channels != dataset.channels:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: made for {channels}-channel images, {dataset} has {dataset_channels}"),
                                name=name, channels=mc.in_channels, dataset=dataset.name, dataset_channels=dataset.channels))
    if list(checkpoint.class_names) != list(dataset.class_names):
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: made for {classes} classes ({names}), {dataset} has "
                                                          "{dataset_classes} ({dataset_names})"),
                                name=name, classes=mc.num_classes, names=_names(checkpoint.class_names), dataset=dataset.name,
                                dataset_classes=len(dataset.class_names), dataset_names=_names(dataset.class_names)))


def _names(names: Sequence[str], shown: int = 4) -> str:
    from ..common.text import printable

    listed = ", ".join(printable(n, 40) for n in names[:shown])
    return listed + (", …" if len(names) > shown else "")


def _network(checkpoint: Checkpoint, device: torch.device, channels_last: bool, name: str) -> GoogLeNet:
    state = {k: (v.float() if v.is_floating_point() else v) for k, v in checkpoint.model_state.items()}
    with torch.device("meta"):
        model = GoogLeNet(checkpoint.model_config)
    try:
        model.load_state_dict(state, assign=True)
    except (TypeError, ValueError, KeyError, RuntimeError) as exc:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: weights do not fit the network ({problem})"), name=name,
                                      problem=state_dict_problem(exc))) from None
    model = model.to(device).eval()
    return model.to(memory_format=torch.channels_last) if channels_last else model
