"""The learning-rate finder: on a problem whose good rate is known it suggests one within 3x of it;
the weights are put back; a setting's run is found from its start; `googlenet lr-find`."""
import json
import math
import threading

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from googlenet_gui.cli import main
from googlenet_gui.core.data.download import Cancelled
from googlenet_gui.core.runs.config import ConfigError, TrainConfig
from googlenet_gui.core.training.lr_find import find_learning_rate, range_test, rates, steepest
from helpers import stripes_dataset


def blobs(seed: int = 0, n: int = 1000, dims: int = 20, classes: int = 10) -> tuple[torch.Tensor, torch.Tensor]:
    """Ten Gaussian classes in 20 dimensions, inputs scaled by 3 (the scale sets which rates are good)."""
    g = torch.Generator().manual_seed(seed)
    centres = torch.randn(classes, dims, generator=g)
    y = torch.randint(0, classes, (n,), generator=g)
    return 3.0 * (centres[y] + torch.randn(n, dims, generator=g)), y


def mlp_and_sgd(rate: float) -> tuple[torch.nn.Module, torch.optim.Optimizer]:
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    return model, torch.optim.SGD(model.parameters(), lr=rate, momentum=0.9)


def batches(x: torch.Tensor, y: torch.Tensor, size: int = 32):
    g = torch.Generator().manual_seed(2)
    while True:
        for chosen in torch.randperm(len(y), generator=g).split(size):
            yield x[chosen], y[chosen]


def loss_after_training(x, y, rate: float, steps: int) -> float:
    model, optimizer = mlp_and_sgd(rate)
    stream = batches(x, y)
    for _ in range(steps):
        xb, yb = next(stream)
        optimizer.zero_grad()
        F.cross_entropy(model(xb), yb).backward()
        optimizer.step()
    with torch.no_grad():
        loss = float(F.cross_entropy(model(x), y))
    return loss if math.isfinite(loss) else math.inf


def test_on_a_problem_with_a_known_good_rate_it_suggests_one_within_3x():
    """The good rate is known by trying them all: 150 steps of mini-batch SGD (momentum 0.9) at each
    of 21 constant rates from 1e-3 to 1, and the one whose network ends with the lowest loss on the
    whole set. The finder sees only its own short run with the rate rising."""
    x, y = blobs()
    tried = rates(1e-3, 1.0, 21)
    good = tried[int(np.argmin([loss_after_training(x, y, rate, 150) for rate in tried]))]
    model, optimizer = mlp_and_sgd(0.1)
    stream = batches(x, y)

    def next_loss():
        xb, yb = next(stream)
        return F.cross_entropy(model(xb), yb)

    finding = range_test(model, optimizer, next_loss)
    assert finding.suggestion is not None
    assert good / 3 <= finding.suggestion <= good * 3, (finding.suggestion, good)
    assert finding.diverged and finding.rates[0] == pytest.approx(1e-7)  # it ran until the loss shot up
    assert finding.lowest > finding.suggestion


def test_the_weights_are_put_back_after_the_test_and_after_a_cancel():
    x, y = blobs(n=200)
    model, optimizer = mlp_and_sgd(0.1)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    finding = range_test(model, optimizer, lambda: F.cross_entropy(model(x), y), steps=30)
    assert len(finding.rates) <= 30 and all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    cancel = threading.Event()
    seen = []

    def progress(done, total, message):
        seen.append(done)
        if done == 5:
            cancel.set()

    with pytest.raises(Cancelled):
        range_test(model, optimizer, lambda: F.cross_entropy(model(x), y), steps=30, progress=progress, cancel=cancel)
    assert seen == [1, 2, 3, 4, 5] and all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    with pytest.raises(ConfigError):
        range_test(model, optimizer, lambda: F.cross_entropy(model(x), y), start=1.0, end=0.1)


def test_the_suggestion_is_the_steepest_fall_before_the_lowest_point():
    r = rates(1e-4, 1.0, 5)  # 1e-4, 1e-3, 1e-2, 1e-1, 1
    # up to the lowest point (0.8), per decade: -0.1 (one-sided), -0.5, -0.55 (central), -0.2
    assert steepest(r, [2.0, 1.9, 1.0, 0.8, 5.0]) == pytest.approx(1e-2)
    # without the first point: -0.9 (one-sided), -0.55, -0.2
    assert steepest(r, [2.0, 1.9, 1.0, 0.8, 5.0], skip=1) == pytest.approx(1e-3)
    assert steepest(r, [2.0, 2.1, 2.2, 2.3, 2.4]) is None  # it never fell


def test_a_training_setting_is_tried_from_its_start_on_its_device(tmp_path):
    config = TrainConfig(epochs=1, input_size=64, batch_size=16, precision="fp32", num_threads=1, optimizer="sgd")
    state = torch.get_rng_state()
    done = []
    finding = find_learning_rate(config, stripes_dataset(64, 16), steps=12, progress=lambda d, t, m: done.append((d, t)))
    assert 3 <= len(finding.rates) <= 12 and done[-1][0] == len(finding.rates) and done[-1][1] == 12
    assert torch.equal(torch.get_rng_state(), state)  # nobody's random numbers moved
    again = find_learning_rate(config, stripes_dataset(64, 16), steps=12)
    assert again.losses == finding.losses  # the same start, the same batches: the same curve


def test_the_cli_prints_the_curve_and_its_suggestion(tmp_path, capsys):
    table = tmp_path / "curve.csv"
    args = ["lr-find", "--dataset", "sample", "--limit-train", "64", "--input-size", "64", "--batch-size", "16",
            "--steps", "10", "--threads", "1", "--precision", "fp32"]
    assert main(args + ["--json", "--csv", str(table)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["rates"]) == len(result["losses"]) == len(table.read_text().splitlines()) - 1 >= 3
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "steps from 1e-07" in out and ("suggested learning rate" in out or "no suggestion" in out)
    assert main(args[:-2] + ["--precision", "fp32", "--start", "1", "--end", "0.1"]) == 1
