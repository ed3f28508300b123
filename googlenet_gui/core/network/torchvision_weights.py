"""torchvision's GoogLeNet weights in this app's network (architecture.TORCHVISION layout).

torchvision names its layers conv1, conv2, conv3, inception3a..inception5b and fc, each
convolution a BasicConv2d (`.conv`, `.bn`); this network names them by block (block1.0,
block3.1.branch2.0, classifier.1), each convolution a conv_bn_relu Sequential (`.0`, `.1`). The
tensors are the same, so converting is renaming. The auxiliary heads (aux1, aux2), which only
serve training, are left out.

torchvision's model of the ImageNet weights also has `transform_input`: it takes images
normalised with ImageNet's mean and std and turns them back into (x - 0.5) / 0.5, the
normalisation the weights (ported from the original release) were trained with. The two steps
together are exactly this app's own normalisation (mean 0.5, std 0.5 on every channel), so the
converted weights are used with that preprocessing (core/inference/imagenet.py), and the network
needs no transform of its own.
"""
from __future__ import annotations

from typing import Any, Mapping

import torch

from ..common.messages import QT_TRANSLATE_NOOP, Message
from .model import ModelConfig, state_shapes

LAYOUT = "torchvision"
# torchvision's module -> this network's, for each conv + BatchNorm (a BasicConv2d)
_STEMS = {"conv1": "block1.0", "conv2": "block2.0", "conv3": "block2.1"}
_INCEPTIONS = {"inception3a": "block3.0", "inception3b": "block3.1",
               **{f"inception4{c}": f"block4.{i}" for i, c in enumerate("abcde")},
               "inception5a": "block5.0", "inception5b": "block5.1"}
_BRANCH_CONVS = ("branch1", "branch2.0", "branch2.1", "branch3.0", "branch3.1", "branch4.1")
_PARTS = {"conv": "0", "bn": "1"}
_LEFT_OUT = ("aux1.", "aux2.")  # the auxiliary classifiers


class WeightsFormatError(ValueError):
    """A state dict that is not torchvision's GoogLeNet, with a one-line message."""


def _our_name(key: str) -> str | None:
    """This network's name for one of torchvision's tensors; None for one it has no place for."""
    if key.startswith("fc."):
        return "classifier.1." + key[3:]
    module, _, rest = key.partition(".")
    if module in _STEMS:
        part, _, tensor = rest.partition(".")
        return f"{_STEMS[module]}.{_PARTS[part]}.{tensor}" if part in _PARTS and tensor else None
    if module in _INCEPTIONS:
        for conv in _BRANCH_CONVS:
            if rest.startswith(conv + "."):
                part, _, tensor = rest[len(conv) + 1:].partition(".")
                return f"{_INCEPTIONS[module]}.{conv}.{_PARTS[part]}.{tensor}" if part in _PARTS and tensor else None
    return None


def is_torchvision_googlenet(state: Any) -> bool:
    """Whether `state` looks like torchvision's GoogLeNet state dict (before it is checked)."""
    return (isinstance(state, Mapping) and all(isinstance(k, str) for k in state)
            and all(key in state for key in ("conv1.conv.weight", "inception3a.branch1.conv.weight", "fc.weight")))


def convert_state(state: Mapping[str, Any]) -> tuple[ModelConfig, dict[str, torch.Tensor]]:
    """torchvision's GoogLeNet state dict -> (this network's config, its state dict). Every
    tensor is checked against the network it describes; WeightsFormatError names the first
    that does not fit."""
    if not is_torchvision_googlenet(state):
        raise WeightsFormatError(Message(QT_TRANSLATE_NOOP("Core", "not torchvision's GoogLeNet weights (no conv1, "
                                                                   "inception3a or fc tensors)")))
    fc = state["fc.weight"]
    conv1 = state["conv1.conv.weight"]
    if not (isinstance(fc, torch.Tensor) and fc.dim() == 2 and isinstance(conv1, torch.Tensor) and conv1.dim() == 4):
        raise WeightsFormatError(Message(QT_TRANSLATE_NOOP("Core", "torchvision GoogLeNet weights with malformed conv1 or "
                                                                   "fc tensors")))
    try:
        config = ModelConfig(int(conv1.shape[1]), int(fc.shape[0]), LAYOUT)
    except ValueError:
        raise WeightsFormatError(Message(QT_TRANSLATE_NOOP("Core", "torchvision GoogLeNet weights with malformed conv1 or "
                                                                   "fc tensors"))) from None
    expected = state_shapes(config)
    converted: dict[str, torch.Tensor] = {}
    for key, tensor in state.items():
        if key.startswith(_LEFT_OUT):
            continue
        ours = _our_name(key)
        if ours is None or ours not in expected:
            raise WeightsFormatError(Message(QT_TRANSLATE_NOOP("Core", "unexpected tensor {key} in torchvision GoogLeNet "
                                                                       "weights"), key=key[:80]))
        if not isinstance(tensor, torch.Tensor) or tuple(tensor.shape) != expected[ours]:
            got = tuple(tensor.shape) if isinstance(tensor, torch.Tensor) else type(tensor).__name__
            raise WeightsFormatError(Message(QT_TRANSLATE_NOOP("Core", "size mismatch for {key}: {got} instead of {shape}"),
                                             key=key, got=got, shape=expected[ours]))
        converted[ours] = tensor
    for key in expected:  # files saved before PyTorch 0.4.1 have no BatchNorm step counts
        if key.endswith("num_batches_tracked") and key not in converted:
            converted[key] = torch.tensor(0, dtype=torch.long)
    missing = [k for k in expected if k not in converted]
    if missing:
        raise WeightsFormatError(Message(QT_TRANSLATE_NOOP("Core", "torchvision GoogLeNet weights without {key}"),
                                         key=missing[0]))
    return config, converted
