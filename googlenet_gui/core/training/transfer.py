"""Transfer learning: a run that starts from other weights (TrainConfig.init: GoogLeNet's ImageNet
weights, or any checkpoint the app reads) and trains all of the network, a stage and those after
it, or only its last layer (TrainConfig.train_layers).

- The starting weights fill the run's network, in their layout (torchvision's for ImageNet), except
  the last layer: a new one, initialised as a new run's, answers the dataset's classes (the old
  one is kept when the dataset has exactly its classes, in its order). One-channel data fed to
  three-channel weights gets the usual conv1 adaptation: the sum of each filter's three colour
  planes, which answers a grey image exactly as the colour filter answers the same image in RGB
  (the normalisation is the same on every channel); three-channel data fed to one-channel
  weights gets their mean on each plane.
- What does not train keeps its weights and its BatchNorm statistics (it stays in eval mode).
  Layers that train below the last one started from those weights and learn at
  PRETRAINED_LR_FACTOR of the learning rate; the last layer learns at the full rate.
- Last layer only ("head"): the frozen network's features of every image (its 1024 pooled
  block5 outputs) are computed once, when the run starts; an epoch then trains a linear layer on
  them: seconds, not minutes. The validation images' block outputs the outlier model needs are
  kept the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn

from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..data.sources import Dataset
from ..data.transforms import to_model_input
from ..inference.imagenet import is_imagenet, load_weights
from ..network import ood
from ..network.architecture import BLOCK_NAMES, training_blocks
from ..network.batchnorm import batchnorm_layers
from ..network.model import ModelConfig, optimized_parameters
from ..runs.checkpoint import CheckpointError
from ..runs.config import INIT_IMAGENET, TrainConfig
from ..runs.origin import CHECKPOINT, IMAGENET, Origin

PRETRAINED_LR_FACTOR = 0.1  # layers that start from other weights learn this much slower than the new last layer
HEAD = "head"
CONV1 = "block1.0.0.weight"
CLASSIFIER = ("classifier.1.weight", "classifier.1.bias")
FEATURES = "features"  # the frozen network's output that the last layer takes: [N, 1024]


@dataclass
class StartingWeights:
    """What a run starting from other weights begins with."""

    layout: str  # the network's layout, the starting weights'
    state: dict[str, torch.Tensor]  # the tensors it takes from them (conv1 adapted; no last layer unless kept)
    origin: Origin
    kept_head: bool  # the starting weights' last layer answers this dataset's classes, and is kept


def starting_weights(config: TrainConfig, dataset: Dataset) -> StartingWeights | None:
    """The weights `config.init` names, fitted to `dataset` (None for a run from random weights).
    CheckpointError (one line) when they cannot be read or cannot fit."""
    if config.init is None:
        return None
    checkpoint, name = load_weights(config.init)
    source = IMAGENET if config.init.strip().lower() == INIT_IMAGENET or is_imagenet(checkpoint) else CHECKPOINT
    dataset_of = checkpoint.train_config.dataset if checkpoint.train_config else None
    origin = Origin(source, str(checkpoint.describe(name)), len(checkpoint.class_names),
                    None if source == IMAGENET else dataset_of)
    state = {k: (v.float() if v.is_floating_point() else v).clone() for k, v in checkpoint.model_state.items()}
    state[CONV1] = adapt_conv1(state[CONV1], dataset.channels)
    kept_head = list(checkpoint.class_names) == list(dataset.class_names)
    if not kept_head:
        for key in CLASSIFIER:
            del state[key]
    return StartingWeights(checkpoint.model_config.layout, state, origin, kept_head)


def adapt_conv1(weight: torch.Tensor, channels: int) -> torch.Tensor:
    """conv1's filters [64, C, 7, 7] for `channels` input channels: RGB -> grey sums the colour
    planes, grey -> RGB spreads the plane over the three (its mean)."""
    have = weight.shape[1]
    if have == channels:
        return weight
    if channels == 1:
        return weight.sum(1, keepdim=True)
    return weight.repeat(1, channels, 1, 1) / channels


def model_config(dataset: Dataset, start: StartingWeights | None) -> ModelConfig:
    """The run's network: the dataset's channels and classes, in the starting weights' layout."""
    layout = start.layout if start is not None else ModelConfig().layout
    return ModelConfig(dataset.channels, len(dataset.class_names), layout)


def load_start(model: nn.Module, start: StartingWeights) -> None:
    """Put the starting weights into a freshly built network (its new last layer stays as built)."""
    state = model.state_dict()
    for key, tensor in start.state.items():
        if key not in state or state[key].shape != tensor.shape:
            raise CheckpointError(Message(QT_TRANSLATE_NOOP("Core", "the starting weights do not fit the run's network "
                                                                    "({key})"), key=key))
        state[key] = tensor
    model.load_state_dict(state)


def freeze(model: nn.Module, train_layers: str) -> None:
    """Parameters outside the training blocks stop taking gradients."""
    training = training_blocks(train_layers)
    for name in BLOCK_NAMES:
        getattr(model, name).requires_grad_(name in training)


def set_training_mode(model: nn.Module, train_layers: str) -> None:
    """model.train() for what trains; the frozen blocks stay in eval mode (their BatchNorm keeps
    the starting statistics and normalises with them, as when they were trained)."""
    model.train()
    training = training_blocks(train_layers)
    for name in BLOCK_NAMES:
        if name not in training:
            getattr(model, name).eval()


def trained_batchnorm(model: nn.Module, train_layers: str) -> list[nn.modules.batchnorm._BatchNorm]:
    """The BatchNorm layers whose statistics follow the training (those of the training blocks)."""
    return batchnorm_layers([getattr(model, name) for name in training_blocks(train_layers)])


def parameter_groups(model: nn.Module, config: TrainConfig) -> list[dict] | None:
    """The optimizer's parameter groups for a run from other weights: the last layer at the
    learning rate, every other trainable parameter (it started from those weights) at
    PRETRAINED_LR_FACTOR of it, in network/model.optimized_parameters' order (which a checkpoint's
    optimizer state is checked against). None for a run from random weights: every parameter alike."""
    if config.init is None:
        return None
    parameters = dict(model.named_parameters())
    names = optimized_parameters(model.config, config.train_layers, transferred=True)
    head = [parameters[name] for name in names if name.startswith("classifier.")]
    body = [parameters[name] for name in names if not name.startswith("classifier.")]
    groups = [{"params": head}]
    if body:
        groups.append({"params": body, "lr": config.lr * PRETRAINED_LR_FACTOR})
    return groups


def notes(config: TrainConfig, origin: Origin, kept_head: bool | None) -> list[Message]:
    """What a run's start says about its starting weights (`kept_head` None: a resumed run)."""
    what = {HEAD: QT_TRANSLATE_NOOP("Core", "the last layer only"),
            "all": QT_TRANSLATE_NOOP("Core", "the whole network")}.get(config.train_layers)
    trains = Message(what) if what else Message(QT_TRANSLATE_NOOP("Core", "{stage} and the stages after it"),
                                                stage=config.train_layers)
    if kept_head is None:
        return [Message(QT_TRANSLATE_NOOP("Core", "this run started from {weights}; it trains {trains}"),
                        weights=origin.describe(), trains=trains)]
    head = (Message(QT_TRANSLATE_NOOP("Core", "its last layer kept (same classes)")) if kept_head else
            Message(QT_TRANSLATE_NOOP("Core", "a new last layer for this dataset's classes")))
    return [Message(QT_TRANSLATE_NOOP("Core", "starting from {weights}, {head}; training {trains}"),
                    weights=origin.describe(), head=head, trains=trains)]


@torch.no_grad()
def frozen_features(model: nn.Module, images: torch.Tensor, input_size: int, channels_last: bool, batch_size: int,
                    keep: tuple[str, ...] = (), cancel: Callable[[], bool] | None = None) -> dict[str, torch.Tensor] | None:
    """The frozen network's outputs for `images` (uint8 [N, C, h, w] on the run's device), in eval
    mode and float32 (the arithmetic answers are given in): FEATURES, the [N, 1024] the last layer
    takes, and ood.pooled of each block in `keep`. None when `cancel()` turned true."""
    was_training = model.training
    model.eval()
    parts: dict[str, list[torch.Tensor]] = {FEATURES: [], **{name: [] for name in keep}}
    try:
        for start in range(0, len(images), batch_size):
            if cancel is not None and cancel():
                return None
            x = to_model_input(images[start:start + batch_size], input_size, channels_last)
            for name in BLOCK_NAMES[:-1]:
                x = getattr(model, name)(x)
                if name in keep:
                    parts[name].append(ood.pooled(x))
            parts[FEATURES].append(torch.flatten(x, 1))
    finally:
        model.train(was_training)
    empty = {FEATURES: torch.zeros(0, model.classifier[1].in_features, device=images.device)}
    return {name: torch.cat(chunks) if chunks else empty.get(name, torch.zeros(0, device=images.device))
            for name, chunks in parts.items()}
