"""Inside the network, for one image: the output of every block, layer, Inception module and
branch (activation maps) and Grad-CAM, "where is it looking" (Selvaraju et al., 2017), for a
class at a layer. core/understanding/featurevis.py optimises inputs for a channel with the same walk.

Everything here works on a copy of the weights (a predict.Predictor's eval-mode model: a
checkpoint's, or a snapshot of a live run's), never on the training model, and changes nothing
in the model: the window's two inference threads may use one cached Predictor at once. That is
why the outputs are taken by walking the network's layers (`walk`) rather than by forward
hooks, which would also fire in the other thread's forward pass of the same model.
tests/test_inside.py checks that the walk gives exactly model(x).

Names are the shape inspection's (core.network.shapes.named_rows): 'block3', 'block3.2' (a layer of a
block), 'inception3a', 'inception3a.branch2'; the Shapes tab and the Inside view link by them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ..network.architecture import BLOCK_NAMES, BRANCH_NAMES, DEFAULT_LAYOUT
from ..network.model import GoogLeNet, Inception
from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..network.shapes import inception_name, inspect_shapes, map_rows, named_rows
from ..data.transforms import from_model_input
from ..inference.predict import model_input

DEFAULT_TOP = 16  # channels shown per layer unless all are asked for
KEPT_SIDE = 512  # an image looked inside is kept at most this big (as a pasted one is)
MIN_CAM_SIDE = 4  # the default Grad-CAM layer's map is at least this many cells a side, where the input allows

Visit = Callable[[str, torch.Tensor], "torch.Tensor | None"]


@lru_cache(maxsize=1)
def layer_names() -> tuple[str, ...]:
    """Every output `activations` returns, in the shape table's order (the classifier's left out:
    it has no maps)."""
    return tuple(name for name, _ in map_rows(inspect_shapes()))


def default_cam_layer(in_channels: int, height: int, width: int, layout: str = DEFAULT_LAYOUT) -> str:
    """Where Grad-CAM looks by default: the last Inception module, as in the paper, unless its
    map is smaller than MIN_CAM_SIDE a side (at this app's small inputs it is: 2 x 2 at 96 x 96,
    where a heatmap can only name a quadrant); then the last one that is at least that big
    (inception4e at 96, inception3b at 64)."""
    rows = named_rows(inspect_shapes(in_channels, height, width, layout=layout))
    modules = [(name, row) for name, row in rows if name.startswith("inception") and "." not in name]
    for name, row in reversed(modules):
        if min(row.output[1], row.output[2]) >= MIN_CAM_SIDE:
            return name
    return modules[0][0]


def walk(model: GoogLeNet, x: torch.Tensor, visit: Visit,
         relu: Callable[[torch.Tensor], torch.Tensor] | None = None) -> torch.Tensor | None:
    """model(x), layer by layer. `visit(name, output)` sees every named output and returns what
    the network goes on with: the output itself, a stand-in for it (a leaf to take gradients
    at), or None to stop there (walk then returns None). Returns the logits. `relu`: a function
    used in place of every ReLU (feature visualization's gradient), None: the network's own."""
    for block_name in BLOCK_NAMES[:-1]:
        inceptions = 0
        for index, layer in enumerate(getattr(model, block_name)):
            if isinstance(layer, Inception):
                name = inception_name(block_name, inceptions)
                inceptions += 1
                outputs = []
                for branch in BRANCH_NAMES:
                    out = visit(f"{name}.{branch}", _run(getattr(layer, branch), x, relu))
                    if out is None:
                        return None
                    outputs.append(out)
                x = visit(name, torch.cat(outputs, dim=1))
            else:
                x = visit(f"{block_name}.{index}", _run(layer, x, relu))
            if x is None:
                return None
        x = visit(block_name, x)
        if x is None:
            return None
    return model.classifier(x)


def _run(module: nn.Module, x: torch.Tensor, relu: Callable[[torch.Tensor], torch.Tensor] | None) -> torch.Tensor:
    if relu is None:
        return module(x)
    if isinstance(module, nn.ReLU):
        return relu(x)
    if isinstance(module, nn.Sequential):
        for part in module:
            x = _run(part, x, relu)
        return x
    return module(x)


def open_for_inside(path: str | os.PathLike):
    """An image file decoded once (core.data.images' guarded reader), at most KEPT_SIDE a side, to be
    looked at again with other weights as they change (a pasted image is kept the same way)."""
    from ..data.images import flatten, open_image

    image = flatten(open_image(path, target_size=KEPT_SIDE))
    image.thumbnail((KEPT_SIDE, KEPT_SIDE))
    return image


def check_layer(name: str) -> None:
    if name not in layer_names():
        raise ValueError(f"no layer named {name!r}; the layers are block1..block5, their layers (block1.0), "
                         "the Inception modules (inception3a..inception5b) and their branches (inception4a.branch2)")


# ---------------------------------------------------------------- one forward (and backward) pass


@dataclass
class GradCam:
    layer: str
    class_index: int
    heatmap: np.ndarray  # float32 [H, W] at the input's size, 0..1: 1 where the evidence is strongest
    peak: float  # the strongest evidence before scaling to 0..1; 0: none anywhere (the heatmap is all 0)


@dataclass
class Pass:
    """What one pass of one image gives: the outputs asked for, the class probabilities and,
    when asked, Grad-CAM."""

    outputs: dict[str, torch.Tensor]  # name -> [C, H, W]
    probabilities: torch.Tensor  # [classes]
    logits: torch.Tensor  # [classes]: the classifier's output, before the softmax
    gradcam: GradCam | None


def look(model: GoogLeNet, x: torch.Tensor, cam_layer: str | None = None, class_index: int | None = None,
         keep_outputs: bool = True) -> Pass:
    """One image `x` [1, C, H, W] (normalised, as the network takes it) through `model`: every
    named output (with keep_outputs), the probabilities, and with `cam_layer` Grad-CAM at that
    layer for `class_index` (None: the top-1 class).

    Only the part of the network after `cam_layer` is recorded for the backward pass: up to it
    the pass runs as inference does."""
    if x.dim() != 4 or x.shape[0] != 1:
        raise ValueError(f"one image at a time: x must be [1, C, H, W], not {list(x.shape)}")
    if cam_layer is not None:
        check_layer(cam_layer)
    kept: dict[str, torch.Tensor] = {}
    target: torch.Tensor | None = None

    def visit(name: str, out: torch.Tensor) -> torch.Tensor:
        nonlocal target
        if keep_outputs:
            kept[name] = out.detach()[0]
        if name == cam_layer:
            # From here on autograd records (no_grad's exit below switches it off again); the
            # layer's output becomes a leaf, so the backward pass ends there.
            torch.set_grad_enabled(True)
            target = out.detach().requires_grad_()
            return target
        return out

    with torch.no_grad():
        logits = walk(model, x, visit)
        probabilities = torch.softmax(logits.detach().float()[0], dim=0)
        if not bool(torch.isfinite(probabilities).all()):
            from ..inference.predict import WeightsError

            raise WeightsError(Message(QT_TRANSLATE_NOOP("Core", "these weights give no answer (NaN): the run that made them "
                                                             "diverged")))
        if class_index is None:
            class_index = int(probabilities.argmax())
        elif not 0 <= class_index < len(probabilities):
            raise ValueError(f"class {class_index} is not one of the network's {len(probabilities)} classes")
        cam = None
        if target is not None:
            (grad,) = torch.autograd.grad(logits[0, class_index], target)
            cam = _grad_cam(cam_layer, class_index, target.detach()[0], grad[0], x.shape[-2:])
    return Pass(kept, probabilities, logits.detach().float()[0], cam)


def _grad_cam(layer: str, class_index: int, activation: torch.Tensor, grad: torch.Tensor,
              size: tuple[int, int]) -> GradCam:
    """ReLU(sum over channels of (the channel's mean gradient) x (its map)), upsampled to the
    input's size and scaled to 0..1."""
    weights = grad.mean(dim=(1, 2))
    cam = torch.relu((weights[:, None, None] * activation).sum(dim=0))
    heat = F.interpolate(cam[None, None], size=tuple(size), mode="bilinear", align_corners=False)[0, 0]
    peak = float(heat.max())
    heatmap = (heat / peak) if peak > 0 else torch.zeros_like(heat)
    return GradCam(layer, class_index, heatmap.numpy().astype(np.float32), peak)


def activations(model: GoogLeNet, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Every block's, layer's, Inception module's and branch's output for one image [1, C, H, W]."""
    return look(model, x).outputs


def grad_cam(model: GoogLeNet, x: torch.Tensor, layer: str, class_index: int | None = None) -> GradCam:
    """Where in one image [1, C, H, W] `layer`'s evidence for a class (None: the top-1) lies."""
    cam = look(model, x, layer, class_index, keep_outputs=False).gradcam
    assert cam is not None
    return cam


# ---------------------------------------------------------------- what is shown of it


@dataclass
class LayerMaps:
    """One output's channels as pictures: each map scaled to its own range, with its statistics."""

    name: str
    shape: tuple[int, int, int]  # channels, height, width
    means: np.ndarray  # float32 [C]
    mins: np.ndarray
    maxs: np.ndarray
    maps: np.ndarray  # uint8 [C, H, W]: each channel from its min (0) to its max (255)
    active: float  # the fraction of values above 0

    @classmethod
    def of(cls, name: str, output: torch.Tensor) -> "LayerMaps":
        c, h, w = output.shape
        flat = output.reshape(c, h * w).float()
        mins, maxs = flat.amin(dim=1), flat.amax(dim=1)
        span = maxs - mins
        scaled = (flat - mins[:, None]) / torch.where(span > 0, span, torch.ones_like(span))[:, None]
        maps = (scaled * 255.0).round_().clamp_(0, 255).to(torch.uint8).reshape(c, h, w)
        return cls(name, (c, h, w), flat.mean(dim=1).numpy(), mins.numpy(), maxs.numpy(), maps.numpy(),
                   float((flat > 0).float().mean()))

    def strongest(self, count: int | None = DEFAULT_TOP) -> list[int]:
        """Channel indices, the highest mean activation first; `count` None: all of them."""
        order = np.argsort(-self.means, kind="stable")
        return [int(i) for i in (order if count is None else order[:count])]

    def to_dict(self, top: int = 5) -> dict:
        return {"name": self.name, "shape": list(self.shape), "mean": float(self.means.mean()),
                "max": float(self.maxs.max()), "active": self.active,
                "strongest": [{"channel": c, "mean": float(self.means[c])} for c in self.strongest(top)]}


@dataclass
class ImageInside:
    """One image seen by one set of weights, ready to show: plain numpy, no tensors."""

    view: np.ndarray  # uint8 [S, S] or [S, S, 3]: what the network sees
    probabilities: np.ndarray  # float32 [classes]
    class_names: list[str]
    layers: dict[str, LayerMaps] = field(default_factory=dict)
    gradcam: GradCam | None = None
    logits: np.ndarray | None = None  # float32 [classes]: the classifier's output, before the softmax

    @property
    def top(self) -> int:
        return int(self.probabilities.argmax())


def network_input(image: torch.Tensor, preprocess) -> torch.Tensor:
    """uint8 [C, s, s] (Predictor.prepare_image / prepare_file) -> the network's input [1, C, S, S],
    exactly as training and classification make it (predict.model_input)."""
    return model_input(image[None], preprocess)


def inspect_image(predictor, image: torch.Tensor, cam_layer: str | None = None, class_index: int | None = None,
                  maps: bool = True, layers: list[str] | None = None) -> ImageInside:
    """Look inside `predictor`'s network for one prepared image (uint8 [C, s, s]): the maps of
    every output (or of `layers`; none without `maps`) and Grad-CAM at `cam_layer` (None: the
    default layer for the input's size) for `class_index` (None: the top-1 class)."""
    p = predictor.preprocess
    x = network_input(image, p)
    if cam_layer is None:
        cam_layer = default_cam_layer(p.channels, p.input_size, p.input_size, predictor.model.config.layout)
    result = look(predictor.model, x, cam_layer, class_index, keep_outputs=maps)
    view = from_model_input(x, p.mean, p.std)[0].permute(1, 2, 0).numpy()
    wanted = layer_names() if layers is None else layers
    return ImageInside(np.ascontiguousarray(view[:, :, 0] if view.shape[2] == 1 else view),
                       result.probabilities.numpy(), list(predictor.class_names),
                       {name: LayerMaps.of(name, result.outputs[name]) for name in wanted if name in result.outputs},
                       result.gradcam, result.logits.numpy())


def overlay(view: np.ndarray, heatmap: np.ndarray, opacity: float = 0.5) -> np.ndarray:
    """The heatmap's colours (core.understanding.colormap) over the image the network saw: uint8 [S, S, 3]."""
    from .colormap import heat_colors

    base = view if view.ndim == 3 else np.repeat(view[:, :, None], 3, axis=2)
    mixed = base.astype(np.float32) * (1.0 - opacity) + heat_colors(heatmap).astype(np.float32) * opacity
    return mixed.round().clip(0, 255).astype(np.uint8)


def gradcam_picture(view: np.ndarray, heatmap: np.ndarray, opacity: float = 0.5, side: int = 256):
    """The Grad-CAM overlay as a PIL image at least `side` pixels a side: the network's pixels
    enlarged as they are (nearest), the heatmap smoothly; for saving (the CLI's --gradcam)."""
    from PIL import Image

    scale = max(1, -(-side // max(view.shape[:2])))
    size = (view.shape[1] * scale, view.shape[0] * scale)
    base = Image.fromarray(view).convert("RGB").resize(size, Image.NEAREST)
    heat = Image.fromarray((np.clip(heatmap, 0, 1) * 255).round().astype(np.uint8)).resize(size, Image.BILINEAR)
    return Image.fromarray(overlay(np.asarray(base), np.asarray(heat, dtype=np.float32) / 255.0, opacity))
