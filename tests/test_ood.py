"""Images unlike the training data: the Mahalanobis model on its own (Gaussian features with
known answers), and a network trained on the Fashion-MNIST sample, which must pass clothing it
never saw and flag noise, flat colours, gradients and a screenshot."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.core.network import ood
from googlenet_gui.core.runs.checkpoint import load_checkpoint
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.inference.predict import Predictor
from helpers import run_all

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = {"block1": 8, "block2": 12, "block3": 16, "block5": 20}


def gaussian_features(n: int, classes: int, seed: int, shift: float = 0.0) -> tuple[dict, torch.Tensor]:
    """Pooled-like features: one cluster per class, `shift` moves every image far from all of them."""
    g = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % classes
    features = {}
    for name, width in WIDTHS.items():
        centres = torch.randn(classes, width, generator=torch.Generator().manual_seed(width)) * 3
        x = centres[labels] + torch.randn(n, width, generator=g) + shift
        features[name] = x
    return features, labels


@pytest.fixture
def four_blocks(monkeypatch):
    monkeypatch.setattr(ood, "BLOCKS", tuple(WIDTHS))


def test_the_threshold_flags_the_chosen_share_of_new_images_from_the_same_distribution(four_blocks):
    features, labels = gaussian_features(2000, 5, seed=0)
    model = ood.fit(features, labels, 5)
    assert model is not None and model.fitted_on == 2000
    assert abs(model.false_positive_rate - ood.FLAGGED_VALIDATION) < 0.01  # measured on held-out halves
    fresh, _ = gaussian_features(4000, 5, seed=1)  # never fitted on
    assert abs(float((model.unlikeness(fresh) > 1).float().mean()) - ood.FLAGGED_VALIDATION) < 0.03


def test_features_far_from_every_class_are_flagged(four_blocks):
    features, labels = gaussian_features(1000, 5, seed=0)
    model = ood.fit(features, labels, 5)
    far, _ = gaussian_features(200, 5, seed=2, shift=8.0)
    assert bool((model.unlikeness(far) > 1).all())


def test_too_few_images_per_class_give_no_model(four_blocks):
    features, labels = gaussian_features(2 * ood.MIN_PER_CLASS * 5 - 5, 5, seed=0)
    assert ood.fit(features, labels, 5) is None


def test_features_that_never_vary_give_a_finite_model_or_none(four_blocks):
    features, labels = gaussian_features(200, 5, seed=0)
    features = {name: torch.zeros_like(x) for name, x in features.items()}  # a dead network
    model = ood.fit(features, labels, 5)
    if model is not None:  # every threshold finite and positive, or no model at all
        assert all(math.isfinite(v) and v > 0 for v in [model.threshold, *(m.threshold for m in model.layers.values())])
    features["block3"][0, 0] = float("nan")
    assert ood.fit(features, labels, 5) is None


# ---------------------------------------------------------------- a trained network


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[Predictor, np.ndarray]:
    """Three epochs on 2,000 of the sample's training images at input 64 (a minute on two cores);
    the other 1,000 training images were never seen, by the network or by the outlier model."""
    run_dir = tmp_path_factory.mktemp("ood-run")
    config = TrainConfig(epochs=3, input_size=64, batch_size=64, lr=2e-3, schedule="cosine", limit_train=2000)
    events = run_all(Trainer(config, run_dir=run_dir, report_interval=0))
    assert not [e for e in events if type(e).__name__ == "Failed"], events[-1]
    checkpoint = load_checkpoint(run_dir / "last.pt")
    assert checkpoint.outliers is not None and checkpoint.outliers.fitted_on == 1000
    images = np.load(ROOT / "resources" / "sample" / "fashion-mnist-sample.npz")["train_images"]
    seen = torch.randperm(len(images), generator=torch.Generator().manual_seed(config.seed))[:2000]  # as Dataset.limited
    unseen = np.delete(images, seen.numpy(), axis=0)
    assert len(unseen) == 1000
    return Predictor.from_checkpoint(checkpoint, "last.pt"), unseen


def unlikeness_of(predictor: Predictor, images: list[Image.Image]) -> np.ndarray:
    return np.array([predictor.classify_image(img).unlikeness for img in images])


def test_clothing_the_network_never_saw_is_mostly_not_flagged(trained):
    predictor, unseen = trained
    scores = unlikeness_of(predictor, [Image.fromarray(a) for a in unseen[:300]])
    assert float((scores > 1).mean()) < 0.15  # 5% of validation images by construction, a little more here


def test_images_unlike_clothing_are_flagged(trained):
    predictor, _ = trained
    rng = np.random.default_rng(0)
    ramp = np.tile(np.linspace(0, 255, 28, dtype=np.uint8), (28, 1))
    checker = ((np.indices((28, 28)).sum(0) // 4) % 2 * 255).astype(np.uint8)
    foreign = {
        "noise": Image.fromarray(rng.integers(0, 256, (28, 28), dtype=np.uint8)),
        "colour noise": Image.fromarray(rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)),
        "white": Image.new("L", (28, 28), 255),
        "gradient": Image.fromarray(ramp),
        "checkerboard": Image.fromarray(checker),
        "screenshot": Image.open(ROOT / "docs" / "screenshot.png"),
    }
    scores = dict(zip(foreign, unlikeness_of(predictor, list(foreign.values()))))
    assert all(score > 1 for score in scores.values()), scores
    assert predictor.classify_image(foreign["noise"]).unlike_training
