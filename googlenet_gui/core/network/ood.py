"""Is an image like the ones the network was trained on? Mahalanobis scores on the network's own
features (Lee et al., 2018, "A Simple Unified Framework for Detecting Out-of-Distribution Samples
and Adversarial Attacks": class-conditional Gaussians with a shared covariance, one per layer,
their scores combined), calibrated on the validation set.

Each block's output, averaged over its positions and scaled to length 1, is modelled as one
Gaussian per class with a shared (shrunk) covariance. An image's score at a block is its squared
Mahalanobis distance to the nearest class mean, divided by that block's threshold; the scores of
the blocks are averaged. Early blocks see textures and contrast (a photo or noise is far from
28x28 clothing there), the last block sees what the classifier sees. Above 1, the image is unlike
the training data and its answer may mean little.

The thresholds flag a chosen share (5%) of held-out validation images: each half of the
validation set is scored by models fitted on the other half, so the rate is measured, not assumed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch

BLOCKS = ("block1", "block2", "block3", "block5")  # block4 adds little beside block3 and block5

# Whether an answer carries the "unlike the training images" flag (Prediction.flag), for the window to word:
FLAG_READY = "ready"  # an outlier model fitted for exactly the weights that answer
FLAG_AT_EPOCH_END = "at_epoch_end"  # a live run's weights within an epoch: their model is fitted when the epoch ends
FLAG_NONE = "none"  # the weights have no model of their training images (ImageNet's, untrained, too few validation images)
FLAGGED_VALIDATION = 0.05  # the share of held-out validation images the threshold flags
SHRINKAGE = 0.5  # pulls each covariance towards a multiple of the identity: many features, few images
MIN_PER_CLASS = 4  # fewer validation images than twice this in a class: no model
MAX_FITTED = 4000  # validation images the models are fitted on at most


@dataclass
class LayerModel:
    means: torch.Tensor  # [classes, features] float32
    precision: torch.Tensor  # [features, features] float32: the inverse of the shrunk covariance
    threshold: float  # this block's held-out 95th percentile: scores are divided by it

    def ratios(self, features: torch.Tensor) -> torch.Tensor:
        return _scores(features.float(), self.means, self.precision) / self.threshold


@dataclass
class OutlierModel:
    layers: dict[str, LayerModel]
    threshold: float  # on the mean of the blocks' ratios
    false_positive_rate: float  # held-out validation images flagged by that threshold
    fitted_on: int  # validation images

    def unlikeness(self, features: dict[str, torch.Tensor]) -> torch.Tensor:
        """[N]: above 1, unlike the training data. `features`: pooled_features()' output."""
        ratios = torch.stack([model.ratios(features[name]) for name, model in self.layers.items()])
        return ratios.mean(0) / self.threshold


def fitting_subset(n: int) -> torch.Tensor | None:
    """Which of `n` validation images a fit uses: all (None), or above MAX_FITTED a seeded choice
    of that many, in order, so the fit's cost stays a second or so an epoch."""
    if n <= MAX_FITTED:
        return None
    return torch.randperm(n, generator=torch.Generator().manual_seed(0))[:MAX_FITTED].sort().values


def pooled(block_output: torch.Tensor) -> torch.Tensor:
    """A block's output [N, C, H, W] as the model sees it: the mean over positions, length 1."""
    return torch.nn.functional.normalize(block_output.float().mean((2, 3)), dim=1)


def fit(features: dict[str, torch.Tensor], labels: torch.Tensor, num_classes: int,
        flagged: float = FLAGGED_VALIDATION) -> OutlierModel | None:
    """Models of the validation images' pooled block features ({block: [N, D]}) and labels [N];
    None when there are too few images (every class needs MIN_PER_CLASS in each half)."""
    labels = labels.cpu()
    keep = fitting_subset(len(labels))
    if keep is not None:
        labels, features = labels[keep], {name: features[name][keep] for name in BLOCKS}
    counts = torch.bincount(labels, minlength=num_classes)
    if len(labels) < 2 or bool((counts < 2 * MIN_PER_CLASS).any()):
        return None
    halves = [torch.arange(len(labels)) % 2 == parity for parity in (0, 1)]
    held_out = {}
    for name in BLOCKS:
        x = features[name].double().cpu()
        scores = torch.empty(len(labels), dtype=torch.float64)
        for fit_on, score_on in ((halves[0], halves[1]), (halves[1], halves[0])):
            means, precision = _gaussian(x[fit_on], labels[fit_on], num_classes)
            scores[score_on] = _scores(x[score_on], means, precision)
        held_out[name] = scores
    layers = {}
    for name in BLOCKS:
        means, precision = _gaussian(features[name].double().cpu(), labels, num_classes)
        threshold = max(float(torch.quantile(held_out[name], 1.0 - flagged)), 1e-9)
        layers[name] = LayerModel(means.float(), precision.float(), threshold)
    combined = torch.stack([held_out[name] / layers[name].threshold for name in BLOCKS]).mean(0)
    threshold = max(float(torch.quantile(combined, 1.0 - flagged)), 1e-9)
    rate = float((combined > threshold).double().mean())
    model = OutlierModel(layers, threshold, rate, len(labels))
    values = [threshold] + [layer.threshold for layer in layers.values()]
    finite = all(math.isfinite(v) for v in values) and all(
        bool(torch.isfinite(layer.precision).all()) for layer in layers.values())
    return model if finite else None


def _gaussian(features: torch.Tensor, labels: torch.Tensor, num_classes: int) -> tuple[torch.Tensor, torch.Tensor]:
    means = torch.stack([features[labels == c].mean(0) for c in range(num_classes)])
    centred = features - means[labels]
    covariance = centred.T @ centred / len(labels)
    dim = covariance.shape[0]
    identity = torch.eye(dim, dtype=covariance.dtype)
    scale = max(float(torch.trace(covariance)) / dim, 1e-6)  # features that never vary still give a model
    shrunk = (1 - SHRINKAGE) * covariance + SHRINKAGE * scale * identity
    return means, torch.linalg.inv(shrunk)


def _scores(features: torch.Tensor, means: torch.Tensor, precision: torch.Tensor) -> torch.Tensor:
    """Squared Mahalanobis distance of each row of `features` [N, D] to its nearest class mean:
    x'Px - 2x'Pm + m'Pm for every class at once, one N x D x D product (not one per class)."""
    precision, means = precision.to(features.dtype), means.to(features.dtype)
    projected = features @ precision
    distances = (projected * features).sum(1, keepdim=True) - 2 * projected @ means.T \
        + ((means @ precision) * means).sum(1)[None, :]
    return distances.min(dim=1).values
