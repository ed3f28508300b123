"""How each part learns: a frozen branch's update ratio is zero, the training loop samples every N
steps into the run folder and TensorBoard, and branch_stats.jsonl is read back with its damaged
lines left out."""
import json

import pytest
import torch
import torch.nn.functional as F
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from googlenet_gui.core.data.transforms import to_model_input
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.runs.branchlog import BRANCH_FILE, BranchHistory, BranchSample, BranchStatsFile
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import Position, RunStarted
from googlenet_gui.core.training.branch_stats import BranchStats, parts_of
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.training import tensorboard_log
from googlenet_gui.core.training.tensorboard_log import TensorBoardLog
from helpers import of, run_all, stripes_dataset


def test_the_parts_are_the_blocks_every_inception_branch_and_the_classifier():
    names = [p.name for p in parts_of(GoogLeNet())]
    assert names[:3] == ["block1", "block2", "inception3a.branch1"] and names[-1] == "classifier"
    assert len(names) == 2 + 9 * 4 + 1 and "inception5b.branch4" in names
    model = GoogLeNet()
    counted = sum(p.numel() for part in parts_of(model) for p in part.parameters)
    assert counted == sum(p.numel() for p in model.parameters())  # every parameter in exactly one part


def test_a_frozen_branch_shows_zero_update_ratio_and_gradient():
    torch.manual_seed(0)
    model = GoogLeNet(ModelConfig(1, 2))
    frozen = model.block3[0].branch2  # inception3a.branch2
    for p in frozen.parameters():
        p.requires_grad_(False)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    stats = BranchStats(model, every=1)
    data = stripes_dataset(16, 2)
    x, y = to_model_input(data.train.images, 64, False), data.train.labels
    samples = []
    for step in (1, 2):
        assert stats.begin(step)
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        stats.before_update(optimizer)
        optimizer.step()
        stats.after_update()
        samples.extend(stats.drain())
    assert [s.step for s in samples] == [1, 2]
    row = samples[-1].parts.index("inception3a.branch2")
    assert samples[-1].update_ratio[row] == 0.0 and samples[-1].gradient_norm[row] == 0.0
    others = [r for i, r in enumerate(samples[-1].update_ratio) if i != row]
    assert all(r > 0 for r in others)  # every part that trains moved
    assert all(0 < f < 1 for f in samples[-1].active_fraction[:-1]) and samples[-1].active_fraction[-1] is None
    assert all(not module._forward_hooks for module in model.modules())  # nothing left hooked between samples
    assert samples[-1].channels["update_ratio"][row].tolist() == [0.0] * (96 + 128)  # per filter: 1x1 and 3x3


def test_the_training_loop_samples_every_n_steps_into_the_run_folder_and_tensorboard(tmp_path, monkeypatch):
    monkeypatch.setattr(tensorboard_log, "HISTOGRAM_SECONDS", 0.0)  # every sample's histograms (not one in 10 s)
    log = TensorBoardLog(tmp_path)
    trainer = Trainer(TrainConfig(epochs=2, input_size=64, batch_size=16, precision="fp32", num_threads=1),
                      run_dir=tmp_path, dataset=stripes_dataset(64, 16), report_interval=0, branch_stats_every=3)
    events = run_all(trainer, lambda _, event: log.write(event))
    log.close()
    samples = of(events, BranchSample)
    assert [s.step for s in samples] == [1, 4, 7]  # 8 steps: the first, then every 3
    history = BranchStatsFile(tmp_path).read()
    assert history.steps == [1, 4, 7] and history.skipped == 0
    for stored, sampled in zip(history.samples, samples):
        assert stored.update_ratio == pytest.approx(sampled.update_ratio, rel=1e-4)
        assert stored.active_fraction[:-1] == pytest.approx(sampled.active_fraction[:-1], rel=1e-4)
        assert stored.active_fraction[-1] is sampled.active_fraction[-1] is None  # the classifier's logits
    reader = EventAccumulator(str(tmp_path), size_guidance={"histograms": 0})
    reader.Reload()
    tags = reader.Tags()["histograms"]
    assert "update_ratio/inception3a.branch2" in tags and "active_fraction/block1" in tags
    assert [e.step for e in reader.Histograms("gradient_norm/classifier")] == [1, 4, 7]
    first = reader.Histograms("active_fraction/inception4a.branch1")[0].histogram_value
    assert first.num == 192  # one value per output channel of the branch


def test_histograms_are_written_at_most_every_few_seconds(tmp_path):
    log = TensorBoardLog(tmp_path)
    log.write(RunStarted({}, "cpu", "fp32", 1, 1, ["a"], 1, 1, 1, Position(), [], {}, str(tmp_path)))
    channels = {name: [torch.ones(3).numpy()] for name in ("gradient_norm", "update_ratio", "activation_mean",
                                                           "active_fraction")}
    for step in (1, 2, 3):  # within a second: the first sample's histograms only
        log.write(BranchSample(step, ["a"], [1.0], [1e-3], [0.5], [0.5], channels=channels))
    log.close()
    reader = EventAccumulator(str(tmp_path), size_guidance={"histograms": 0})
    reader.Reload()
    assert [e.step for e in reader.Histograms("update_ratio/a")] == [1] and log.problem is None


def test_sampling_can_be_off(tmp_path):
    trainer = Trainer(TrainConfig(epochs=1, input_size=64, batch_size=16, precision="fp32", num_threads=1),
                      run_dir=tmp_path, dataset=stripes_dataset(32, 16), report_interval=0, branch_stats_every=0)
    events = run_all(trainer)
    assert not of(events, BranchSample) and not (tmp_path / BRANCH_FILE).exists()


def sample(step: int, fraction: float = 0.5, ratio: float = 1e-3, parts=("a", "b")) -> BranchSample:
    n = len(parts)
    return BranchSample(step, list(parts), [1.0] * n, [ratio] + [1e-3] * (n - 1), [0.2] * n, [fraction] + [0.5] * (n - 1))


def test_dead_and_exploding_parts_are_known_by_their_figures():
    assert sample(1, fraction=0.005).dead() == [True, False]
    assert sample(1, fraction=0.02).dead() == [False, False]
    assert sample(1, ratio=0.5).exploding() == [True, False]
    infinite = BranchSample(1, ["a"], [float("inf")], [1e-3], [None], [None])
    assert infinite.exploding() == [True] and infinite.dead() == [False]


def test_the_file_reads_back_checked_and_a_resumed_run_replaces_later_steps(tmp_path):
    file = BranchStatsFile(tmp_path)
    file.append([sample(1), sample(26), sample(51)])
    with open(file.path, "a", encoding="utf-8") as f:
        f.write("not json\n")
        f.write(json.dumps({"step": 60, "gradient_norm": [1.0], "update_ratio": [1, 2], "activation_mean": [0, 0],
                            "active_fraction": [0, 0]}) + "\n")  # a column of the wrong length
        f.write(json.dumps({"step": True, "gradient_norm": [1, 1], "update_ratio": [1, 2], "activation_mean": [0, 0],
                            "active_fraction": [0, 0]}) + "\n")
    file.append([sample(26, fraction=0.0)])  # a run resumed from step 25 samples step 26 again
    history = BranchStatsFile(tmp_path).read()
    assert history.steps == [1, 26] and history.skipped == 3
    assert history.dead().tolist() == [[False, True], [False, False]]
    assert history.matrix("update_ratio").shape == (2, 2)
    assert BranchHistory().matrix("gradient_norm").shape == (0, 0)
    assert BranchStatsFile(tmp_path / "nowhere").read().steps == []
