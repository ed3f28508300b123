"""Transfer learning in the engine (a run that starts from a checkpoint's or ImageNet's weights and
trains its last layer, its last stages or all of it), BatchNorm statistics that match the weights,
the outlier model fitted for the weights it flags, and one answer for one image everywhere."""
from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
import torch
import torchvision
from PIL import Image

from googlenet_gui.cli import main
from googlenet_gui.core.data.sources import FASHION_CLASSES, load_dataset
from googlenet_gui.core.data.transforms import Preprocess, to_model_input
from googlenet_gui.core.inference.calibrate import calibrated
from googlenet_gui.core.inference.evaluation import evaluate_checkpoint, evaluation_dataset
from googlenet_gui.core.inference.predict import Predictor, flag_note
from googlenet_gui.core.network import ood
from googlenet_gui.core.network.batchnorm import refresh_batchnorm
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.runs.checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from googlenet_gui.core.runs.config import ConfigError, TrainConfig
from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Finished, RunStarted, Stopped
from googlenet_gui.core.runs.index import read_summary
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.training import transfer
from googlenet_gui.core.training.transfer import adapt_conv1
from helpers import make_every_layer_count, of, run_all, stripes_dataset

SMALL = dict(input_size=64, batch_size=16, seed=3, precision="fp32")


def source_checkpoint(path: Path, channels: int = 1, classes: list[str] | None = None, seed: int = 5) -> Path:
    """A checkpoint of the tutorial's network with weights whose every layer counts (as a trained one's)."""
    classes = classes or list(FASHION_CLASSES)
    torch.manual_seed(seed)
    model = make_every_layer_count(GoogLeNet(ModelConfig(channels, len(classes))), affine=False)
    config = TrainConfig(dataset="sample", input_size=64, epochs=1)
    return save_checkpoint(Checkpoint(ModelConfig(channels, len(classes)), model.state_dict(), classes,
                                      Preprocess(channels, 64, 28), config), path)


def test_last_layer_only_keeps_every_other_weight_and_trains_on_features_computed_once(tmp_path):
    source = source_checkpoint(tmp_path / "digits.pt", classes=[str(i) for i in range(10)])
    config = TrainConfig(epochs=2, lr=1e-2, init=str(source), train_layers="head", limit_train=128, limit_val=160,
                         **SMALL)
    trainer = Trainer(config, run_dir=tmp_path / "run", report_interval=0)  # the sample's clothes, from digits
    events = run_all(trainer)
    assert of(events, Finished), events[-1]
    started = of(events, RunStarted)[0]
    assert any("a new last layer for this dataset's classes; training the last layer only" in n for n in started.notes)
    assert started.origin.source == "checkpoint" and started.origin.dataset == "sample" and started.origin.classes == 10

    before = load_checkpoint(source).model_state
    after = load_checkpoint(tmp_path / "run" / "last.pt")
    for key, tensor in after.model_state.items():
        if key.startswith("classifier."):
            assert not torch.equal(tensor, before[key])  # a new last layer, trained
        else:  # weights and BatchNorm statistics as they came, frozen
            assert torch.equal(tensor, before[key]), key
    assert after.origin == started.origin and after.train_config.train_layers == "head"
    # the steps trained a linear layer on the 1024 features of each image, computed once
    run = trainer._run
    assert run.train_data.images.shape == (128, 1024) and run.val_cache["features"].shape == (160, 1024)
    # the blocks the outlier model judges never change: the model holds for all the run's weights, mid-epoch too
    assert after.outliers is not None and Predictor.from_snapshot(trainer.latest_snapshot()).flag == ood.FLAG_READY
    first = json.loads((tmp_path / "run" / "metrics.jsonl").read_text().splitlines()[0])
    assert first["origin"]["source"] == "checkpoint" and first["config"]["init"] == str(source)
    summary = read_summary(tmp_path / "run")
    assert summary.origin == started.origin and summary.settings["train_layers"] == "head"

    # the last layer's answers are those of the whole network: evaluating the checkpoint agrees with the run
    evaluation = evaluate_checkpoint(after, evaluation_dataset(after), name="last.pt")
    assert evaluation.accuracy == pytest.approx(after.history[-1].val_accuracy, abs=1e-9)


def test_a_last_layer_run_counts_the_features_it_computes_once_in_its_time(tmp_path, monkeypatch):
    """Computing the frozen network's features is most of a last-layer run's work: the run's time and
    its first epoch's time include it (the window said "finished 3 epochs in 0 s")."""
    source = source_checkpoint(tmp_path / "clothes.pt")
    computed = transfer.frozen_features

    def slow(*args, **kwargs):
        time.sleep(1.5)  # a lower bound: a loaded machine makes the run longer, never shorter
        return computed(*args, **kwargs)

    monkeypatch.setattr(transfer, "frozen_features", slow)
    config = TrainConfig(epochs=2, lr=1e-2, init=str(source), train_layers="head", limit_train=64, limit_val=32,
                         **SMALL)
    events = run_all(Trainer(config, run_dir=tmp_path / "run", report_interval=0))
    first_epoch, finished = of(events, EpochEnd)[0], of(events, Finished)[0]
    assert first_epoch.time >= 3.0  # the training images' features and the validation images'
    assert finished.elapsed >= 3.0
    assert read_summary(tmp_path / "run").training_time >= 3.0  # the Runs table's time


def test_whole_network_from_torchvision_weights_on_grey_images(tmp_path):
    weights = tmp_path / "googlenet.pth"
    torch.manual_seed(0)
    torch.save(torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True).state_dict(), weights)
    config = TrainConfig(epochs=1, init=str(weights), train_layers="all", **SMALL)
    events = run_all(Trainer(config, run_dir=tmp_path / "run", dataset=stripes_dataset(), report_interval=0))
    assert of(events, Finished), events[-1]
    checkpoint = load_checkpoint(tmp_path / "run" / "last.pt")
    assert checkpoint.model_config == ModelConfig(1, 2, "torchvision")
    assert checkpoint.origin.source == "imagenet" and checkpoint.origin.classes == 1000
    groups = checkpoint.resume.optimizer["param_groups"]  # the new last layer at the rate, the rest at a tenth
    assert sorted(g["lr"] for g in groups) == pytest.approx([1e-4, 1e-3])
    assert any("ImageNet weights (1000 classes)" in n for n in of(events, RunStarted)[0].notes)


def test_conv1_adaptation_answers_a_grey_image_as_the_colour_filters_answer_it_in_rgb():
    rgb = torch.randn(64, 3, 7, 7)
    grey = adapt_conv1(rgb, 1)
    image = torch.randn(2, 1, 20, 20)
    torch.testing.assert_close(torch.nn.functional.conv2d(image, grey),
                               torch.nn.functional.conv2d(image.expand(-1, 3, -1, -1), rgb))
    assert adapt_conv1(grey, 3).shape == (64, 3, 7, 7) and adapt_conv1(rgb, 3) is rgb


def test_training_from_a_stage_leaves_the_earlier_stages_as_they_were(tmp_path):
    source = source_checkpoint(tmp_path / "fashion.pt")
    config = TrainConfig(epochs=1, init=str(source), train_layers="block4", **SMALL)
    events = run_all(Trainer(config, run_dir=tmp_path / "run", dataset=stripes_dataset(), report_interval=0))
    assert of(events, Finished), events[-1]
    before = load_checkpoint(source).model_state
    after = load_checkpoint(tmp_path / "run" / "last.pt").model_state
    for key, tensor in after.items():
        frozen = key.startswith(("block1.", "block2.", "block3."))
        if key.startswith("classifier."):
            continue
        assert torch.equal(tensor, before[key]) == frozen, key


def test_a_transfer_run_resumes_knowing_where_it_started(tmp_path):
    source = source_checkpoint(tmp_path / "fashion.pt")
    config = TrainConfig(epochs=2, init=str(source), train_layers="block5", **SMALL)

    def stop(trainer, event):
        if isinstance(event, BatchEnd) and event.step == 6:
            trainer.request_stop()

    assert of(run_all(Trainer(config, run_dir=tmp_path / "run", dataset=stripes_dataset(), report_interval=0), stop),
              Stopped)
    source.unlink()  # a resume needs only the run's own checkpoint
    resumed = run_all(Trainer(TrainConfig(epochs=0), run_dir=tmp_path / "run", resume_from=tmp_path / "run" / "last.pt",
                              dataset=stripes_dataset(), report_interval=0))
    assert of(resumed, Finished), resumed[-1]
    started = of(resumed, RunStarted)[0]
    assert started.origin.source == "checkpoint" and started.config["train_layers"] == "block5"
    assert any("this run started from fashion.pt" in n for n in started.notes)


@pytest.mark.parametrize("settings, words", [
    (dict(train_layers="head"), "needs starting weights"),
    (dict(init="imagenet", train_layers="head", augment=True), "cannot augment"),
    (dict(init="imagenet", train_layers="block9"), "Layers to train must be one of head, block5"),
    (dict(init=" "), "starting weights must be imagenet or a checkpoint"),
])
def test_transfer_settings_are_checked(settings, words):
    with pytest.raises(ConfigError, match=words):
        TrainConfig(**settings).validate()


def test_a_missing_starting_file_fails_the_run_in_one_line(tmp_path):
    events = run_all(Trainer(TrainConfig(epochs=1, init=str(tmp_path / "gone.pt"), **SMALL), dataset=stripes_dataset()))
    assert "gone.pt: file not found" in events[-1].message


def test_train_from_imagenet_last_layer_only_on_a_folder_from_the_command_line(tmp_path, monkeypatch, capsys):
    """--init imagenet --train-layers head on a small colour folder (the dataset editor's kind)."""
    import hashlib

    from googlenet_gui.core.inference import imagenet

    from helpers import torchvision_googlenet

    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch-home"))
    monkeypatch.setattr(torch.hub, "_hub_dir", None)
    cache = imagenet.cache_path()
    cache.parent.mkdir(parents=True)
    torch.save(torchvision_googlenet(seed=4, aux_logits=True).state_dict(), cache)
    monkeypatch.setattr(imagenet, "HASH_PREFIX", hashlib.sha256(cache.read_bytes()).hexdigest()[:8])
    rng = np.random.default_rng(0)
    for c, name in enumerate(("red", "green", "blue")):
        (tmp_path / "colours" / name).mkdir(parents=True)
        for i in range(12):
            pixels = rng.integers(0, 60, (40, 40, 3))
            pixels[:, :, c] += 150
            Image.fromarray(pixels.astype(np.uint8)).save(tmp_path / "colours" / name / f"{i}.png")
    code = main(["train", "--dataset", "folder", "--data-dir", str(tmp_path / "colours"), "--init", "imagenet",
                 "--train-layers", "head", "--epochs", "8", "--lr", "0.005", "--batch-size", "8", "--input-size", "64",
                 "--val-fraction", "0.25", "--out", str(tmp_path / "run")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "starting from ImageNet weights (1000 classes), a new last layer" in out
    checkpoint = load_checkpoint(tmp_path / "run" / "best.pt")
    assert checkpoint.model_config.layout == "torchvision" and checkpoint.origin.source == "imagenet"
    assert checkpoint.best_val_accuracy == 1.0  # three colours apart, seen through ImageNet's first layers


# ---------------------------------------------------------------- statistics and flags that match the weights


def test_batchnorm_statistics_are_recomputed_for_the_weights_before_saving(tmp_path):
    dataset = stripes_dataset()
    run_all(Trainer(TrainConfig(epochs=2, **SMALL), run_dir=tmp_path, dataset=dataset, report_interval=0))
    checkpoint = load_checkpoint(tmp_path / "last.pt")
    model = Predictor.from_checkpoint(checkpoint, "last.pt").model
    stored = {k: v.clone() for k, v in model.state_dict().items() if "running" in k}
    # the average of the statistics of the training images' batches, with these very weights
    x = to_model_input(dataset.train.images, 64, channels_last=False)
    refresh_batchnorm(model, [x[i:i + 16] for i in range(0, 64, 16)])
    for key, value in stored.items():
        torch.testing.assert_close(value, model.state_dict()[key], rtol=1e-4, atol=1e-5)


def test_refresh_batchnorm_gives_the_batches_average_and_leaves_modes_alone():
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.ReLU(), torch.nn.BatchNorm2d(4))
    model.train()
    model[3].eval()
    batches = [torch.randn(4, 1, 8, 8) * (i + 1) for i in range(3)]
    assert refresh_batchnorm(model, batches, [model[1]]) == 12
    means = torch.stack([model[0](b).mean((0, 2, 3)) for b in batches]).mean(0)
    torch.testing.assert_close(model[1].running_mean, means.detach())
    assert model[1].momentum == 0.1 and model.training and not model[3].training
    assert torch.equal(model[3].running_mean, torch.zeros(4))  # a layer not named is left alone


def unlike_share(predictor: Predictor, images: torch.Tensor) -> float:
    answers = predictor.classify_tensors(images)
    assert answers.flag == ood.FLAG_READY
    return float(np.mean([u > 1 for u in answers.unlikeness]))


@pytest.fixture(scope="module")
def stopped_run(tmp_path_factory):
    """The sample (256 training, 200 validation images), stopped in its second epoch; the live
    weights of two batches before the Stop kept as the window would take them."""
    run_dir = tmp_path_factory.mktemp("stopped")
    config = TrainConfig(epochs=2, limit_train=256, limit_val=200, lr=2e-3, **dict(SMALL, batch_size=32))
    trainer = Trainer(config, run_dir=run_dir, report_interval=0)
    live = []

    def watch(trainer, event):
        if isinstance(event, BatchEnd) and event.step == 10:  # the next step (epoch 2, batch 3 of 8) publishes
            trainer.request_snapshot()
        if isinstance(event, BatchEnd) and event.step == 13:
            live.append(Predictor.from_snapshot(trainer.latest_snapshot()))
            trainer.request_stop()

    events = run_all(trainer, watch)
    assert of(events, Stopped), events[-1]
    return run_dir, live[0], trainer.training_images(), trainer.validation_images()


def test_held_out_images_are_rarely_flagged_by_live_weights_last_pt_after_stop_and_best_pt(stopped_run):
    run_dir, live, train, val = stopped_run
    # live weights within an epoch: no model fitted for them yet, and the answer says so
    assert live.position.batches_done == 3 and live.flag == ood.FLAG_AT_EPOCH_END
    assert "waits for the epoch's end" in flag_note(live.flag)
    assert live.classify_tensors(val.images[:4]).unlikeness is None
    # ... or one fitted for them on request (with their statistics recomputed)
    fitted = calibrated(live, train, val, seed=3)
    assert unlike_share(fitted, val.images) <= 0.06
    assert live.flag == ood.FLAG_AT_EPOCH_END  # the shared one is left as it was

    stopped = load_checkpoint(run_dir / "last.pt")
    assert stopped.position.batches_done == 5 and stopped.outliers is not None  # fitted at the Stop, for its weights
    assert unlike_share(Predictor.from_checkpoint(stopped, "last.pt"), val.images) <= 0.06
    best = Predictor.from_checkpoint(load_checkpoint(run_dir / "best.pt"), "best.pt")
    assert best.position.batches_done == 0 and unlike_share(best, val.images) <= 0.06
    noise = torch.randint(0, 256, (16, 1, 28, 28), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))
    assert np.mean([u > 1 for u in best.classify_tensors(noise).unlikeness]) >= 0.9  # and noise is still flagged


def test_an_older_checkpoint_saved_within_an_epoch_loses_its_stale_outlier_model(stopped_run, tmp_path):
    run_dir = stopped_run[0]
    payload = load_checkpoint(run_dir / "last.pt").to_payload()
    assert payload["outliers"] is not None and payload["position"]["batches_done"] == 5
    payload["format_version"] = 2
    del payload["origin"]
    torch.save(payload, tmp_path / "old.pt")
    old = load_checkpoint(tmp_path / "old.pt")
    assert old.outliers is None and old.model_config.layout == "tutorial" and old.preprocess.resize is None
    assert Predictor.from_checkpoint(old, "old.pt").flag == ood.FLAG_NONE
    assert "come without a model of the images" in flag_note(ood.FLAG_NONE) and flag_note(ood.FLAG_READY) is None
    best = load_checkpoint(run_dir / "best.pt").to_payload()  # saved at an epoch's end: its model was for its weights
    best["format_version"] = 2
    torch.save(best, tmp_path / "old-best.pt")
    assert load_checkpoint(tmp_path / "old-best.pt").outliers is not None


# ---------------------------------------------------------------- one answer everywhere


def test_evaluate_gives_each_image_the_answer_classify_gives_it(tmp_path, capsys):
    """A checkpoint whose run trained in bf16: evaluate once answered in bf16, classify in float32."""
    checkpoint_path = source_checkpoint(tmp_path / "fashion.pt", seed=11)
    checkpoint = load_checkpoint(checkpoint_path)
    # a last layer that tells the classes apart: each class's mean features (a nearest-mean classifier)
    model = Predictor.from_checkpoint(checkpoint, "fashion.pt").model
    train = load_dataset("sample").train
    with torch.no_grad():
        x = to_model_input(train.images[:500], 64, channels_last=False)
        features = torch.flatten(model.block5(model.block4(model.block3(model.block2(model.block1(x))))), 1)
    means = torch.stack([features[train.labels[:500] == c].mean(0) for c in range(10)])
    checkpoint.model_state["classifier.1.weight"] = (means - means.mean(0)) * 50 / (means - means.mean(0)).norm()
    checkpoint.model_state["classifier.1.bias"] = torch.zeros(10)
    checkpoint.train_config = TrainConfig(dataset="sample", input_size=64, limit_val=40, precision="bf16", batch_size=8)
    save_checkpoint(checkpoint, checkpoint_path)
    assert main(["evaluate", "--checkpoint", str(checkpoint_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    evaluation = evaluate_checkpoint(load_checkpoint(checkpoint_path), evaluation_dataset(load_checkpoint(checkpoint_path)))
    assert report["images"] == 40 and report["accuracy"] == pytest.approx(evaluation.accuracy)

    val = load_dataset("sample").limited(None, 40, 0).val
    files = []
    for i, pixels in enumerate(val.images):
        files.append(tmp_path / f"val{i:02d}.png")
        Image.fromarray(pixels[0].numpy()).save(files[-1])
    assert main(["classify", "--checkpoint", str(checkpoint_path), *map(str, files), "--json"]) == 0
    classified = [json.loads(line)["top"][0] for line in capsys.readouterr().out.splitlines()]
    assert [FASHION_CLASSES.index(c["class"]) for c in classified] == evaluation.predicted.tolist()
    assert np.abs(np.array([c["probability"] for c in classified]) - evaluation.probability).max() < 1e-5
    assert len(set(evaluation.predicted.tolist())) > 1  # weights that tell images apart
