"""Classify image files with a trained network, preprocessing exactly as in training.

Training stores images as uint8 at the dataset's own resolution (`stored_size`: 28 for
Fashion-MNIST, 32 for CIFAR-10, the input size for image folders) and turns each batch into
the network input with transforms.to_model_input. A dropped file takes the same road: decode,
convert to the dataset's channels, resize and centre-crop to the stored size, then the very
same to_model_input.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from PIL import Image

from ..network import ood
from ..runs.checkpoint import Checkpoint, CheckpointError, state_dict_problem
from ..data.images import NO_MEMORY, ImageLoadError, flatten, open_image, prepare, thumbnail
from ..common.messages import QT_TRANSLATE_NOOP, Message, message_of
from ..network.model import GoogLeNet, ModelConfig
from ..common.text import display_name, error_line, printable
from ..data.transforms import Preprocess, from_model_input, to_model_input

if TYPE_CHECKING:
    from ..runs.snapshot import WeightsSnapshot

CLASSIFY_BATCH = 32  # images per forward pass when classifying files
THUMBNAIL_DECODE = 96  # a big JPEG is decoded at a reduced scale that still gives the thumbnail this side


@dataclass
class Answers:
    tops: list[list[tuple[str, float]]]  # per image: (class name, probability), best first
    views: np.ndarray  # what the network saw: uint8 [N, S, S] or [N, S, S, 3]
    unlikeness: list[float] | None  # per image; above 1: unlike the training images (core/network/ood.py)
    flag: str = ood.FLAG_NONE  # whether `unlikeness` is known, and if not why (ood.FLAG_*)

    def unlike(self, i: int) -> float | None:
        return None if self.unlikeness is None else self.unlikeness[i]


class WeightsError(ValueError):
    """Weights that cannot answer (NaN from a diverged run), with a one-line message."""


CANNOT_CONVERT = QT_TRANSLATE_NOOP("Core", "{name}: cannot convert this image ({reason})")
THESE_WEIGHTS = Message(QT_TRANSLATE_NOOP("Core", "these weights"))


@dataclass
class Prediction:
    source: str  # file path or a label such as "clipboard"
    top: list[tuple[str, float]] = field(default_factory=list)  # (class name, probability), best first
    view: np.ndarray | None = None  # what the network sees: uint8 [S, S] or [S, S, 3]
    thumbnail: np.ndarray | None = None  # the image as a person sees it, at most 96 x 96
    error: str | None = None
    unlikeness: float | None = None  # above 1: unlike the images the weights were trained on (None: not known)
    flag: str = ood.FLAG_NONE  # ood.FLAG_READY: unlikeness is known; else why not (flag_note says it)

    @property
    def unlike_training(self) -> bool:
        return self.unlikeness is not None and self.unlikeness > 1.0

    @property
    def ok(self) -> bool:
        return self.error is None


class Predictor:
    """An eval-mode network on the CPU with its class names and preprocessing."""

    def __init__(self, model: GoogLeNet, class_names: list[str], preprocess: Preprocess, trained: bool = True,
                 description: str = ""):
        self.model = model.eval()
        self.class_names = list(class_names)
        self.preprocess = preprocess
        self.trained = trained
        self.description = description
        self.taken_at: float | None = None  # time.monotonic() when a live run's weights were copied
        self.outliers: ood.OutlierModel | None = None  # what "like the training images" means, for these weights
        self.outliers_pending = False  # a live run's weights within an epoch: their model comes at its end
        # the facts `description` words, for a front end that says them in another language
        self.name = ""  # the checkpoint file's name
        self.position: Any = None  # the run's Position the weights are from (a live run's, a checkpoint's)
        self.origin: Any = None  # runs.origin.Origin: where the run's first weights came from (None: random)

    @property
    def flag(self) -> str:
        """Whether answers carry the "unlike the training images" flag: ood.FLAG_READY, or why not."""
        if self.outliers is not None:
            return ood.FLAG_READY
        return ood.FLAG_AT_EPOCH_END if self.outliers_pending else ood.FLAG_NONE

    @classmethod
    def from_state(cls, model_config: ModelConfig, state: dict[str, torch.Tensor], class_names: list[str],
                   preprocess: Preprocess, trained: bool = True, description: str = "") -> "Predictor":
        with torch.device("meta"):
            model = GoogLeNet(model_config)
        model.load_state_dict(state, assign=True)
        return cls(model, class_names, preprocess, trained, description)

    @classmethod
    def untrained(cls, class_names: list[str], channels: int, stored_size: int, input_size: int,
                  seed: int = 0) -> "Predictor":
        """Freshly initialised weights, for showing what an untrained network answers.

        Uses its own generator: the global RNG may be seeding a training run on another thread.
        """
        with torch.device("meta"):
            model = GoogLeNet(ModelConfig(channels, len(class_names)))
        model = model.to_empty(device="cpu")
        g = torch.Generator().manual_seed(seed)
        for module in model.modules():
            if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):  # PyTorch's default init, seeded
                torch.nn.init.kaiming_uniform_(module.weight, a=5 ** 0.5, generator=g)
                bound = 1 / max(1, module.weight[0].numel()) ** 0.5
                torch.nn.init.uniform_(module.bias, -bound, bound, generator=g)
            elif isinstance(module, torch.nn.BatchNorm2d):
                module.reset_parameters()
        return cls(model, class_names, Preprocess(channels, input_size, stored_size), trained=False,
                   description=Message(QT_TRANSLATE_NOOP("Core", "untrained weights")))

    @classmethod
    def from_snapshot(cls, snapshot: "WeightsSnapshot") -> "Predictor":
        """From a live run's weights snapshot (engine.Trainer.latest_snapshot)."""
        predictor = cls.from_state(snapshot.model_config, snapshot.state, snapshot.class_names, snapshot.preprocess,
                                   trained=snapshot.step > 0,
                                   description=Message(QT_TRANSLATE_NOOP("Core", "live weights, {position}"),
                                                       position=snapshot.position.describe()))
        predictor.taken_at = snapshot.taken_at
        predictor.position = snapshot.position
        predictor.outliers = snapshot.outliers  # fitted for exactly these weights, or None
        predictor.outliers_pending = snapshot.outliers_pending
        predictor.origin = snapshot.origin
        return predictor

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> "Predictor":
        """A checkpoint file's weights, or torchvision's GoogLeNet state-dict file (ImageNet's)."""
        from .imagenet import read_weights_file

        return cls.from_checkpoint(*read_weights_file(path))

    @classmethod
    def from_checkpoint(cls, checkpoint: Checkpoint, name: str) -> "Predictor":
        """From a checkpoint already read (and checked) by load_checkpoint; `name` names it."""
        state = {k: (v.float() if v.is_floating_point() else v) for k, v in checkpoint.model_state.items()}
        try:
            predictor = cls.from_state(checkpoint.model_config, state, checkpoint.class_names, checkpoint.preprocess,
                                       True, checkpoint.describe(name))
            predictor.outliers = checkpoint.outliers
            predictor.origin = checkpoint.origin
            predictor.name = name
            predictor.position = checkpoint.position if checkpoint.position.step else None
            return predictor
        except (TypeError, ValueError, KeyError, RuntimeError) as exc:
            raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "{name}: weights do not fit the network ({problem})"), name=name,
                                          problem=state_dict_problem(exc))) from None

    def prepare_image(self, img: Image.Image) -> torch.Tensor:
        """A decoded PIL image -> uint8 [C, s, s], as the training data is stored."""
        p = self.preprocess
        return prepare(img, p.channels, p.stored_size, p.resize)

    def prepare_file(self, path: str | os.PathLike) -> tuple[torch.Tensor, np.ndarray]:
        """The network's input (as prepare_image) and a thumbnail, from one decode of the file."""
        decode = self.preprocess.decode_size
        img = open_image(path, target_size=None if decode is None else max(decode, THUMBNAIL_DECODE))
        try:
            img = flatten(img)  # once (8 bits, no alpha), and the full-depth pixels let go before resizing
            return self.prepare_image(img), thumbnail(img)
        except MemoryError:
            raise ImageLoadError(Message(NO_MEMORY, name=display_name(path))) from None
        except Exception as exc:  # noqa: BLE001 - one odd image must not fail the others
            raise ImageLoadError(Message(CANNOT_CONVERT, name=display_name(path), reason=error_line(exc, 120))) from None

    @torch.inference_mode()
    def classify_tensors(self, images: torch.Tensor, k: int = 5) -> Answers:
        """uint8 [N, C, s, s] -> top-k per image, the network's view as uint8 [N, S, S(, 3)], and how
        unlike the training images each is (where the weights carry a model of them)."""
        p = self.preprocess
        x = model_input(images, p)
        logits, blocks = self.model.forward_keeping(x, ood.BLOCKS if self.outliers else ())
        probs = torch.softmax(logits.float(), dim=1)
        if not bool(torch.isfinite(probs).all()):
            raise WeightsError(Message(QT_TRANSLATE_NOOP("Core", "{weights}: they give no answer (NaN): the run that made "
                                                                 "them diverged"), weights=self.description or THESE_WEIGHTS))
        k = min(k, probs.shape[1])
        values, indices = probs.topk(k, dim=1)
        tops = [[(self.class_names[i], float(v)) for v, i in zip(vs.tolist(), ids.tolist())]
                for vs, ids in zip(values, indices)]
        view = from_model_input(x, p.mean, p.std).permute(0, 2, 3, 1).numpy()
        if view.shape[-1] == 1:
            view = view[..., 0]
        unlikeness = None
        if self.outliers is not None:
            unlikeness = self.outliers.unlikeness({name: ood.pooled(out) for name, out in blocks.items()}).tolist()
        return Answers(tops, view, unlikeness, self.flag)

    def classify_image(self, img: Image.Image, source: str = "image", k: int = 5) -> Prediction:
        try:
            tensor = self.prepare_image(img)
        except Exception as exc:  # noqa: BLE001 - reported as the image's one-line error
            return Prediction(source, error=Message(CANNOT_CONVERT, name=printable(source, 100), reason=error_line(exc, 120)))
        try:
            answers = self.classify_tensors(tensor[None], k)
        except WeightsError as exc:
            return Prediction(source, error=message_of(exc), thumbnail=thumbnail(img))
        return Prediction(source, answers.tops[0], np.ascontiguousarray(answers.views[0]), thumbnail(img),
                          unlikeness=answers.unlike(0), flag=answers.flag)

    def classify_files(self, paths: list[str | os.PathLike], k: int = 5) -> list[Prediction]:
        """One Prediction per path, in order; unreadable files get an error instead of a crash."""
        results: list[Prediction] = [Prediction(str(p)) for p in paths]
        good: list[tuple[int, torch.Tensor]] = []
        for i, path in enumerate(paths):
            try:
                tensor, results[i].thumbnail = self.prepare_file(path)
                good.append((i, tensor))
            except ImageLoadError as exc:
                results[i].error = message_of(exc)
        # A bounded batch per forward pass: memory stays flat however many files are dropped.
        for start in range(0, len(good), CLASSIFY_BATCH):
            chunk = good[start:start + CLASSIFY_BATCH]
            try:
                answers = self.classify_tensors(torch.stack([t for _, t in chunk]), k)
            except WeightsError as exc:
                for i, _ in chunk:
                    results[i].error = message_of(exc)
                continue
            for j, ((i, _), top, view) in enumerate(zip(chunk, answers.tops, answers.views)):
                results[i].top = top
                results[i].view = np.ascontiguousarray(view)
                results[i].unlikeness = answers.unlike(j)
                results[i].flag = answers.flag
        return results


def model_input(images: torch.Tensor, preprocess: Preprocess) -> torch.Tensor:
    """uint8 images [N, C, s, s] as every answer gives them to the network: float32, resized to the
    input size, normalised, in PyTorch's usual memory layout. Classification, evaluation
    (core/inference/evaluation.py), Inside and the exports all take this road, so the same
    weights give the same answer everywhere."""
    p = preprocess
    return to_model_input(images, p.input_size, channels_last=False, mean=p.mean, std=p.std)


def flag_note(flag: str) -> str | None:
    """Why answers carry no "unlike the training images" flag (None: they do)."""
    if flag == ood.FLAG_AT_EPOCH_END:
        return Message(QT_TRANSLATE_NOOP("Core", "no \"unlike the training images\" flag yet: for a run's weights within an "
                                                 "epoch it waits for the epoch's end, when its model is fitted for them"))
    if flag == ood.FLAG_NONE:
        return Message(QT_TRANSLATE_NOOP("Core", "no \"unlike the training images\" flag: these weights come without a "
                                                 "model of the images they learned from"))
    return None
