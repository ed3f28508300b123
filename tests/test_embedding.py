"""The feature map of a validation set: separable classes land apart, the features and answers are
the validation pass's, sampling, following the previous epoch, cancel, and `googlenet embed`."""
import csv
import threading

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.cli import main
from googlenet_gui.core.data.download import Cancelled
from googlenet_gui.core.data.transforms import Preprocess, to_model_input
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.understanding.embedding import (MAX_POINTS, extract_features, feature_map, pca_2d,
                                                        sample_indices)
from helpers import constant_checkpoint


def dark_and_light(n: int = 60, seed: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    """Two classes made apart by construction: dark noise (0) and light noise (1), in turns."""
    labels = torch.arange(n) % 2
    noise = torch.randint(0, 60, (n, 1, 28, 28), generator=torch.Generator().manual_seed(seed))
    return torch.where(labels[:, None, None, None] == 0, noise, 255 - noise).to(torch.uint8), labels


def network() -> GoogLeNet:
    torch.manual_seed(0)
    return GoogLeNet(ModelConfig(1, 2)).eval()


@pytest.mark.parametrize("method", ["pca", "tsne"])
def test_two_classes_made_separable_land_apart_in_the_map(method):
    images, labels = dark_and_light()
    result = feature_map(network(), Preprocess(1, 64, 28), images, labels, ["dark", "light"], method=method)
    points = result.points.astype(np.float64)
    assert points.shape == (60, 2) and np.isfinite(points).all()
    centres = np.stack([points[result.labels == c].mean(0) for c in (0, 1)])
    nearest = np.linalg.norm(points[:, None] - centres[None], axis=2).argmin(1)
    assert (nearest == result.labels).all()  # every point is nearer its own class's centre
    spread = max(np.linalg.norm(points[result.labels == c] - centres[c], axis=1).mean() for c in (0, 1))
    assert np.linalg.norm(centres[0] - centres[1]) > 3 * spread
    assert result.total == 60 and not result.sampled and list(result.indices) == list(range(60))


def test_the_features_and_answers_are_the_validation_pass_s():
    """block5's features are what the classifier reads: its linear layer on them gives the logits,
    whose top class is each point's answer."""
    model = network()
    images, _ = dark_and_light(20)
    p = Preprocess(1, 64, 28)
    features = extract_features(model, p, images, "block5", batch_size=7)
    with torch.inference_mode():
        logits = model(to_model_input(images, 64, False))
    linear = model.classifier[1]
    again = torch.from_numpy(features.values) @ linear.weight.T + linear.bias
    assert torch.allclose(again, logits, atol=1e-4)
    assert features.predicted.tolist() == logits.argmax(1).tolist()
    assert extract_features(model, p, images, "block3").values.shape == (20, 480)  # a block's channels, averaged


def test_above_the_limit_a_fixed_sample_is_mapped_and_said():
    assert list(sample_indices(5, 10)) == [0, 1, 2, 3, 4]
    chosen = sample_indices(50_000)
    assert len(chosen) == MAX_POINTS and len(set(chosen.tolist())) == MAX_POINTS
    assert np.array_equal(chosen, sample_indices(50_000)) and (np.diff(chosen) > 0).all()  # the same, in order
    images, labels = dark_and_light(30)
    result = feature_map(network(), Preprocess(1, 64, 28), images, labels, ["dark", "light"], most=12)
    assert result.sampled and result.total == 30 and len(result.points) == 12
    assert result.labels.tolist() == labels[torch.as_tensor(result.indices)].tolist()


def test_a_map_follows_the_one_before():
    """PCA's axes take the signs that agree with the previous epoch's map (no flipping over between epochs)."""
    rng = np.random.default_rng(0)
    features = rng.normal(size=(40, 8)) * np.arange(8, 0, -1)
    points, explained = pca_2d(features)
    assert explained[0] > explained[1] > 0
    flipped, _ = pca_2d(features, previous=-points)
    assert np.allclose(flipped, -points, atol=1e-5)
    images, labels = dark_and_light(30)
    model, p = network(), Preprocess(1, 64, 28)
    first = feature_map(model, p, images, labels, ["dark", "light"], method="tsne")
    second = feature_map(model, p, images, labels, ["dark", "light"], method="tsne", previous=first)
    # started from the first map, the same weights give nearly the same map (a fresh t-SNE could turn or mirror it)
    assert np.abs(second.points - first.points).max() < 0.5 * np.abs(first.points).max()


def test_cancel_stops_it_in_the_features_and_in_t_sne():
    images, labels = dark_and_light(30)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        feature_map(network(), Preprocess(1, 64, 28), images, labels, ["a", "b"], cancel=cancel)
    cancel = threading.Event()
    seen = []

    def progress(done, total, message):
        seen.append(str(message))
        if message.startswith("t-SNE") and done >= 20:
            cancel.set()

    with pytest.raises(Cancelled):
        feature_map(network(), Preprocess(1, 64, 28), images, labels, ["a", "b"], method="tsne", progress=progress,
                    cancel=cancel)
    assert seen[0] == "reading the features at block5" and "t-SNE of 30 images" in seen
    with pytest.raises(ValueError, match="at least 5 images"):
        feature_map(network(), Preprocess(1, 64, 28), images[:3], labels[:3], ["a", "b"])
    with pytest.raises(ValueError, match="no layer named"):
        feature_map(network(), Preprocess(1, 64, 28), images, labels, ["a", "b"], layer="block9")


def test_the_cli_writes_the_map_as_a_table_and_a_picture(tmp_path, capsys):
    checkpoint = constant_checkpoint(tmp_path / "best.pt", answer=2, limit_val=40)  # always answers class 2
    table = tmp_path / "map.csv"
    assert main(["embed", "--checkpoint", str(checkpoint), "--out", str(table), "--method", "pca"]) == 0
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert len(rows) == 40 and {r["predicted"] for r in rows} == {"2"}
    assert all(r["mistake"] == str(int(r["true"] != "2")) for r in rows)
    assert rows[0]["predicted_name"] == "Pullover"
    out = capsys.readouterr().out
    assert f"{sum(r['true'] != '2' for r in rows)} mistakes" in out and "40 of 40 images" in out
    picture = tmp_path / "map.png"
    assert main(["embed", "--checkpoint", str(checkpoint), "--out", str(picture), "--max-points", "25"]) == 0
    assert Image.open(picture).size == (1120, 900)
    assert "(a seeded sample of 40)" in capsys.readouterr().out
    assert main(["embed", "--checkpoint", str(checkpoint), "--out", str(tmp_path / "map.txt")]) == 2
    assert main(["embed", "--checkpoint", str(tmp_path / "missing.pt"), "--out", str(table)]) == 1
