"""The training engine: learning, events, stop, pause, exact resume, faults, snapshots."""
import json
import math
import threading
import time

import pytest
import torch

from googlenet_gui.core.runs.checkpoint import load_checkpoint
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.training import engine
from googlenet_gui.core.common.devices import DEFAULT_THREADS
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.runs.events import BatchEnd, CheckpointSaved, EpochEnd, Failed, Finished, RunStarted, Stopped
from googlenet_gui.core.inference.predict import Predictor
from helpers import of, run_all, stripes_dataset

SMALL = dict(input_size=64, batch_size=16, seed=3)


def test_training_lowers_the_loss_and_reports_everything(tmp_path):
    config = TrainConfig(epochs=3, lr=2e-3, **SMALL)
    events = run_all(Trainer(config, run_dir=tmp_path, dataset=stripes_dataset(), report_interval=0))
    started = of(events, RunStarted)[0]
    assert started.train_size == 64 and started.val_size == 32 and started.channels == 1
    assert started.steps_per_epoch == 4 and started.total_steps == 12
    batches = of(events, BatchEnd)
    assert [b.step for b in batches] == list(range(1, 13))
    assert all(b.images_per_sec > 0 and b.lr == 2e-3 for b in batches)
    epochs = of(events, EpochEnd)
    assert [e.epoch for e in epochs] == [1, 2, 3]  # counted from 1, as a person counts them
    assert [b.epoch for b in batches] == [1] * 4 + [2] * 4 + [3] * 4
    assert epochs[-1].train_loss < epochs[0].train_loss
    assert epochs[-1].train_accuracy >= 0.9
    finished = of(events, Finished)[0]
    assert finished.best_val_accuracy is not None
    assert (tmp_path / "last.pt").is_file() and (tmp_path / "best.pt").is_file()
    records = [json.loads(line) for line in (tmp_path / "metrics.jsonl").read_text().splitlines()]
    assert [r["event"] for r in records].count("batch") == 12
    assert [r["event"] for r in records].count("epoch") == 3
    assert records[0]["event"] == "run_started" and records[-1]["event"] == "finished"


def test_label_smoothing_sets_a_floor_under_the_training_loss():
    # With a share eps of each target spread over C classes, no prediction can bring the loss below the
    # entropy of the smoothed target: for 2 classes and eps 0.5, H(0.75, 0.25) = 0.5623 nats.
    floor = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    losses = {}
    for eps in (0.0, 0.5):
        config = TrainConfig(epochs=4, lr=3e-3, label_smoothing=eps, **SMALL)
        events = run_all(Trainer(config, dataset=stripes_dataset(), report_interval=0))
        assert of(events, Finished), events[-1]
        losses[eps] = [b.loss for b in of(events, BatchEnd)]
    assert min(losses[0.5]) >= floor - 1e-4
    assert min(losses[0.0]) < floor - 0.1  # the same run without smoothing learns past it


def test_the_plain_last_epochs_train_on_the_images_as_they_are(monkeypatch):
    augmented: list[int] = []  # the epoch (from 1) of every batch that was cropped and flipped
    real = engine.augment

    def counting(*args, **kwargs):
        augmented.append(trainer._run.position.epochs_done + 1)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "augment", counting)
    for plain, epochs_augmented in ((0, [1, 2, 3]), (1, [1, 2]), (3, [])):
        augmented.clear()
        trainer = Trainer(TrainConfig(epochs=3, augment=True, plain_last_epochs=plain, **SMALL),
                          dataset=stripes_dataset(), report_interval=0)
        events = run_all(trainer)
        assert of(events, Finished) and len(of(events, BatchEnd)) == 12  # 4 batches an epoch, all trained
        assert augmented == [e for e in epochs_augmented for _ in range(4)]


def test_stop_takes_effect_within_one_batch_and_saves(tmp_path):
    def stop_after_second(trainer, event):
        if isinstance(event, BatchEnd) and event.step == 2:
            trainer.request_stop()

    events = run_all(Trainer(TrainConfig(epochs=5, **SMALL), run_dir=tmp_path, dataset=stripes_dataset(),
                             report_interval=0), stop_after_second)
    assert [b.step for b in of(events, BatchEnd)] == [1, 2]
    stopped = of(events, Stopped)[0]
    assert stopped.step == 2 and stopped.checkpoint == str(tmp_path / "last.pt")
    assert not of(events, Finished)
    saved = load_checkpoint(tmp_path / "last.pt")
    assert (saved.position.epochs_done, saved.position.batches_done, saved.position.step) == (0, 2, 2)
    assert saved.resume.epoch_sums[2] == 32


@pytest.mark.parametrize("hurry", [False, True])
def test_a_stop_settles_the_weights_it_saves_unless_in_a_hurry(tmp_path, hurry):
    """A Stop saves weights fitted with an outlier model for exactly them; the window closing (hurry)
    saves them at once: no second pass over the data, and the file carries no flag rather than a wrong one."""
    def stop_at_third(trainer, event):
        if isinstance(event, BatchEnd) and event.step == 3:
            trainer.request_stop(hurry=hurry)

    passes = []
    real = engine.to_model_input

    def counted(*args, **kwargs):
        passes.append(1)
        return real(*args, **kwargs)

    engine.to_model_input = counted
    try:
        events = run_all(Trainer(TrainConfig(dataset="sample", epochs=2, limit_train=160, limit_val=200, **SMALL),
                                 run_dir=tmp_path, report_interval=0), stop_at_third)
    finally:
        engine.to_model_input = real
    assert of(events, Stopped)[0].step == 3
    saved = load_checkpoint(tmp_path / "last.pt")
    assert (saved.outliers is None) == hurry
    assert (len(passes) == 3) == hurry  # three training steps and nothing more, or the settling passes too


def test_pause_holds_training_until_resumed(tmp_path):
    trainer = Trainer(TrainConfig(epochs=1, **SMALL), dataset=stripes_dataset(), report_interval=0)
    seen: list = []
    paused_once = threading.Event()

    def consume():
        for event in trainer.run():
            seen.append(event)
            if isinstance(event, BatchEnd) and event.step == 1 and not paused_once.is_set():
                trainer.pause()
                paused_once.set()

    thread = threading.Thread(target=consume)
    thread.start()
    assert paused_once.wait(60)
    time.sleep(0.5)
    count = len(of(seen, BatchEnd))
    assert trainer.paused
    time.sleep(0.5)
    assert len(of(seen, BatchEnd)) == count == 1  # nothing happens while paused
    trainer.unpause()
    thread.join(60)
    assert not thread.is_alive()
    assert [b.step for b in of(seen, BatchEnd)] == [1, 2, 3, 4]
    assert of(seen, Finished)


def test_stop_while_paused_ends_the_run(tmp_path):
    trainer = Trainer(TrainConfig(epochs=2, **SMALL), dataset=stripes_dataset(), report_interval=0)
    done = []

    def consume():
        for event in trainer.run():
            done.append(event)
            if isinstance(event, BatchEnd) and event.step == 1:
                trainer.pause()

    thread = threading.Thread(target=consume)
    thread.start()
    deadline = time.time() + 60
    while not of(done, BatchEnd) and time.time() < deadline:
        time.sleep(0.05)
    trainer.request_stop()
    thread.join(60)
    assert not thread.is_alive() and isinstance(done[-1], Stopped)


def final_weights(run_dir) -> dict[str, torch.Tensor]:
    return load_checkpoint(run_dir / "last.pt").model_state


@pytest.mark.parametrize("stop_at_step, plain_last_epochs, epoch_images", [(4, 0, 0), (6, 0, 0), (6, 1, 0), (12, 0, 100)],
                         ids=["after-epoch", "mid-epoch", "mid-epoch-in-a-plain-last-epoch",
                              "in-an-epoch-s-second-shuffle"])
def test_exact_resume_matches_an_uninterrupted_run(tmp_path, stop_at_step, plain_last_epochs, epoch_images):
    config = dict(epochs=2, augment=True, plain_last_epochs=plain_last_epochs, schedule="onecycle", precision="fp32",
                  epoch_images=epoch_images, **SMALL)
    straight = tmp_path / "straight"
    run_all(Trainer(TrainConfig(**config), run_dir=straight, dataset=stripes_dataset(), report_interval=0))

    interrupted = tmp_path / "interrupted"

    def stop(trainer, event):
        if isinstance(event, BatchEnd) and event.step == stop_at_step:
            trainer.request_stop()

    events = run_all(Trainer(TrainConfig(**config), run_dir=interrupted, dataset=stripes_dataset(),
                             report_interval=0), stop)
    assert of(events, Stopped)
    resumed = run_all(Trainer(TrainConfig(epochs=0), run_dir=interrupted, resume_from=interrupted / "last.pt",
                              dataset=stripes_dataset(), report_interval=0))
    started = of(resumed, RunStarted)[0]
    assert started.position.step == stop_at_step
    total = 8 if not epoch_images else 14  # 64 images in 4 batches of 16; 100 in 6 and one of 4
    assert started.total_steps == total
    assert [b.step for b in of(resumed, BatchEnd)] == list(range(stop_at_step + 1, total + 1))
    assert len(started.batch_history["loss"]) == stop_at_step  # the curves come back
    assert of(resumed, Finished)

    a, b = final_weights(straight), final_weights(interrupted)
    assert a.keys() == b.keys()
    for key in a:
        assert torch.equal(a[key], b[key]), key
    history_a = load_checkpoint(straight / "last.pt").history
    history_b = load_checkpoint(interrupted / "last.pt").history
    for key in ("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "lr"):
        assert [getattr(h, key) for h in history_a] == pytest.approx([getattr(h, key) for h in history_b],
                                                                      rel=1e-12), key


def test_nan_loss_stops_with_a_message_and_keeps_the_last_good_checkpoint(tmp_path, monkeypatch):
    from googlenet_gui.core.training import engine

    poisoned = []
    real = engine.to_model_input

    def to_model_input(*args, **kwargs):  # from the second epoch on, the inputs are NaN
        x = real(*args, **kwargs)
        return x.fill_(float("nan")) if poisoned else x

    monkeypatch.setattr(engine, "to_model_input", to_model_input)

    def poison(trainer, event):
        if isinstance(event, CheckpointSaved) and event.kind == "last" and event.position.epochs_done == 1:
            poisoned.append(True)

    events = run_all(Trainer(TrainConfig(epochs=3, **SMALL), run_dir=tmp_path, dataset=stripes_dataset(),
                             report_interval=0), poison)
    failed = of(events, Failed)[0]
    assert "NaN" in failed.message and "epoch 2, batch 1" in failed.message
    assert failed.message.endswith("The last good checkpoint is kept.")
    saved = load_checkpoint(tmp_path / "last.pt")  # the loader itself refuses NaN weights
    assert saved.position.epochs_done == 1


def test_a_failure_before_any_checkpoint_does_not_claim_one_is_kept(tmp_path, monkeypatch):
    from googlenet_gui.core.training import engine

    monkeypatch.setattr(engine, "to_model_input", lambda *a, **k: torch.full((16, 1, 64, 64), float("nan")))
    events = run_all(Trainer(TrainConfig(epochs=1, **SMALL), run_dir=tmp_path, dataset=stripes_dataset(),
                             report_interval=0))
    assert "NaN" in events[-1].message and "checkpoint" not in events[-1].message


def test_snapshots_never_disturb_training(tmp_path):
    config = dict(epochs=1, precision="fp32", **SMALL)
    plain = tmp_path / "plain"
    run_all(Trainer(TrainConfig(**config), run_dir=plain, dataset=stripes_dataset(), report_interval=0))

    observed = tmp_path / "observed"
    predictions = []

    def classify(trainer, event):
        if isinstance(event, BatchEnd):
            snapshot = trainer.latest_snapshot()
            if event.step >= 2:  # asked for at the previous batch: taken right after this step
                assert snapshot.step == event.step
            trainer.request_snapshot()
            predictor = Predictor.from_snapshot(snapshot)
            assert predictor.trained == (snapshot.step > 0) and not predictor.model.training
            images = stripes_dataset().val.images[:4]
            predictions.append(predictor.classify_tensors(images, k=2).tops)

    run_all(Trainer(TrainConfig(**config), run_dir=observed, dataset=stripes_dataset(), report_interval=0), classify)
    assert len(predictions) == 4
    a, b = final_weights(plain), final_weights(observed)
    for key in a:  # BatchNorm running statistics included
        assert torch.equal(a[key], b[key]), key


def test_a_snapshot_is_ready_at_once_and_refreshed_on_its_interval(tmp_path):
    trainer = Trainer(TrainConfig(epochs=1, **SMALL), dataset=stripes_dataset(), report_interval=0,
                      snapshot_interval=0.0)
    steps = []
    for event in trainer.run():
        if isinstance(event, RunStarted):
            assert trainer.latest_snapshot().step == 0  # before the first step
        if isinstance(event, BatchEnd):
            steps.append(trainer.latest_snapshot().step)
    assert steps == [1, 2, 3, 4]  # an interval of 0: a fresh copy after every step
    assert trainer.latest_snapshot().position.epochs_done == 1  # the weights the run ended with


def test_snapshots_from_another_thread_while_training(tmp_path):
    trainer = Trainer(TrainConfig(epochs=2, **SMALL), dataset=stripes_dataset(), report_interval=0,
                      snapshot_interval=0.05)
    results = []
    thread = threading.Thread(target=lambda: results.extend(run_all(trainer)))
    thread.start()
    snapshots = 0
    while thread.is_alive():
        snapshot = trainer.latest_snapshot()
        if snapshot is not None:
            answers = Predictor.from_snapshot(snapshot).classify_tensors(stripes_dataset().val.images[:2], k=2)
            tops, view = answers.tops, answers.views
            assert len(tops) == 2 and view.shape == (2, 64, 64)
            snapshots += 1
        time.sleep(0.02)
    assert snapshots > 0 and of(results, Finished)


@pytest.mark.parametrize("change,message", [
    (dict(device="cuda:7"), "not available"),
    (dict(input_size=40), "too small"),
    (dict(batch_size=1), "Batch size must be between 2 and"),
    (dict(dataset="nope"), "Dataset must be one of sample, cifar10"),
    (dict(dataset="folder", data_dir="/nonexistent/folder"), "not found"),
])
def test_bad_settings_fail_with_a_clear_message(change, message):
    config = TrainConfig(epochs=1, **{**SMALL, **change})
    events = run_all(Trainer(config, dataset=None if "dataset" in change else stripes_dataset()))
    assert isinstance(events[-1], Failed)
    assert message in events[-1].message and "\n" not in events[-1].message


def test_batch_larger_than_dataset_is_lowered(tmp_path):
    events = run_all(Trainer(TrainConfig(epochs=1, input_size=64, batch_size=500), dataset=stripes_dataset(),
                             report_interval=0))
    started = of(events, RunStarted)[0]
    assert started.steps_per_epoch == 1 and any("batch size lowered" in n for n in started.notes)
    assert of(events, Finished)


def test_out_of_memory_is_reported(monkeypatch):
    trainer = Trainer(TrainConfig(epochs=1, **SMALL), dataset=stripes_dataset(), report_interval=0)

    def explode(*args, **kwargs):
        raise RuntimeError("DefaultCPUAllocator: can't allocate memory: you tried to allocate 99999999999 bytes")

    monkeypatch.setattr("googlenet_gui.core.training.engine.to_model_input", explode)
    events = run_all(trainer)
    assert isinstance(events[-1], Failed) and "out of CPU memory" in events[-1].message
    assert "batch size" in events[-1].message


def test_checkpoint_saved_events_name_real_files(tmp_path):
    events = run_all(Trainer(TrainConfig(epochs=2, **SMALL), run_dir=tmp_path, dataset=stripes_dataset()))
    saved = of(events, CheckpointSaved)
    assert {s.kind for s in saved} >= {"last", "best"}
    for s in saved:
        assert load_checkpoint(s.path).class_names == ["horizontal", "vertical"]


@pytest.mark.skipif(DEFAULT_THREADS < 2, reason="one CPU thread: nothing to lose")
def test_a_training_thread_started_after_a_one_thread_classification_uses_every_core(monkeypatch):
    """A thread's first PyTorch call takes the thread count last set in any thread: the window's
    classification threads run on one, and training started after a drop ran at half speed."""
    def classify_on_one_thread():
        torch.set_num_threads(1)
        torch.ones(4).sum()

    worker = threading.Thread(target=classify_on_one_thread)
    worker.start()
    worker.join()
    seen = []
    real = engine.to_model_input
    monkeypatch.setattr(engine, "to_model_input", lambda *a, **k: seen.append(torch.get_num_threads()) or real(*a, **k))
    training = threading.Thread(target=lambda: run_all(Trainer(TrainConfig(epochs=1, **SMALL), dataset=stripes_dataset(),
                                                               report_interval=0)))
    training.start()
    training.join()
    assert seen and set(seen) == {DEFAULT_THREADS}


def test_a_run_hands_the_memory_it_freed_back_to_the_system(monkeypatch):
    """glibc keeps what a run's threads freed (benchmarks/memory.py: +360 MiB over 25 start/stop cycles);
    every run ends by asking it to give that back, however it ends."""
    import sys

    from googlenet_gui.core.common import heap

    calls = []
    monkeypatch.setattr(engine, "release_freed_memory", lambda: calls.append(1) or True)
    run_all(Trainer(TrainConfig(epochs=1, limit_train=16, limit_val=16, **SMALL), dataset=stripes_dataset(),
                    report_interval=0))
    assert calls == [1]
    assert heap.release_freed_memory() == sys.platform.startswith("linux")  # glibc's malloc_trim, found and called


def test_an_epoch_order_is_a_shuffle_cut_short_or_followed_by_fresh_ones():
    same = engine.epoch_order(10, 10, torch.Generator().manual_seed(5))  # the whole set: one shuffle, as always
    assert torch.equal(same, torch.randperm(10, generator=torch.Generator().manual_seed(5)))
    part = engine.epoch_order(10, 4, torch.Generator().manual_seed(5))
    assert part.numel() == 4 and part.unique().numel() == 4
    more = engine.epoch_order(10, 25, torch.Generator().manual_seed(5))
    assert more.numel() == 25
    assert torch.equal(more[:10].sort().values, torch.arange(10)) and torch.equal(more[10:20].sort().values, torch.arange(10))
    assert more[20:].unique().numel() == 5  # every image at least twice, five of them three times
    for order, images in ((same, 10), (part, 4), (more, 25)):
        assert engine._is_epoch_order(order, 10, images)
    assert not engine._is_epoch_order(more, 10, 24)  # not as long as the epoch
    assert not engine._is_epoch_order(torch.tensor([0, 1, 1, 2]), 10, 4)  # an image twice within one shuffle
    assert not engine._is_epoch_order(torch.tensor([0, 1, 2, 10]), 10, 4)  # not one of the set's images
    assert not engine._is_epoch_order(torch.tensor([0.0, 1.0]), 10, 2)


def test_an_epoch_trains_on_the_images_per_epoch_asked_for(tmp_path):
    """100 images an epoch of a 64-image set: 7 steps (6 of 16, one of 4), every image at least once an
    epoch, validated after each; 24 images: 2 steps (16 and 8)."""
    seen: list[torch.Tensor] = []
    real = engine.TrainingShard.batch

    def batch(shard, b):
        part = real(shard, b)
        seen.append(part.labels.clone())
        return part

    for images, steps in ((100, 7), (24, 2)):
        seen.clear()
        events = run_all(Trainer(TrainConfig(epochs=2, epoch_images=images, **SMALL), dataset=stripes_dataset(),
                                 report_interval=0))
        assert of(events, Finished), of(events, Failed)
        started = of(events, RunStarted)[0]
        assert started.steps_per_epoch == steps and started.total_steps == 2 * steps
        assert [b.batch for b in of(events, BatchEnd)] == list(range(1, steps + 1)) * 2
        assert [e.epoch for e in of(events, EpochEnd)] == [1, 2] and of(events, EpochEnd)[0].val_accuracy is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine.TrainingShard, "batch", batch)
        seen.clear()
        run_all(Trainer(TrainConfig(epochs=1, epoch_images=100, **SMALL), dataset=stripes_dataset(), report_interval=0))
    assert sum(len(labels) for labels in seen) == 100


def test_an_epoch_of_one_image_is_refused_with_a_reason():
    from googlenet_gui.core.runs.config import ConfigError

    with pytest.raises(ConfigError, match="BatchNorm needs two images"):
        TrainConfig(epoch_images=1).validate()
    with pytest.raises(ConfigError, match="Images per epoch must be between 0 and"):
        TrainConfig(epoch_images=-5).validate()
    TrainConfig(epoch_images=0).validate()
    TrainConfig(epoch_images=2).validate()
