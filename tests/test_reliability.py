"""Findings of an outside attack on the engine and the command line, each held to its fix: a stop
that reaches a long step, saves within a long epoch, a deleted run folder, settings too large for
memory, two trainings on one folder, SIGTERM, and crafted checkpoints and settings that must give
one line instead of a traceback."""
from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import torch

from googlenet_gui import cli
from googlenet_gui.core.training import engine, optim
from googlenet_gui.core.runs.checkpoint import load_checkpoint
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.runs.events import BatchEnd, CheckpointSaved, Failed, Finished, Note, RunStarted, Stopped
from helpers import of, run_all, stripes_dataset, write_stripe_image

FAST = dict(input_size=64, batch_size=4, seed=0, precision="fp32", num_threads=1)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def _restore_thread_count():
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


def tiny():
    return stripes_dataset(16, 4)  # four batches of 4 per epoch


def records(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]


# ---------------------------------------------------------------- a stop reaches a long step


def test_a_stop_asked_for_during_the_forward_pass_gives_the_step_up_and_resumes_exactly(tmp_path, monkeypatch):
    config = dict(epochs=1, augment=True, **FAST)
    straight = tmp_path / "straight"
    run_all(Trainer(TrainConfig(**config), run_dir=straight, dataset=tiny(), report_interval=0))

    real, calls, trainers = optim.F.cross_entropy, [], []

    def cross_entropy(logits, target, *args, **kwargs):  # runs after the forward pass of a step
        if logits.requires_grad:  # a training step's, not validation's
            calls.append(1)
            if len(calls) == 3:  # the third step: stop while it is in flight
                trainers[0].request_stop()
        return real(logits, target, *args, **kwargs)

    monkeypatch.setattr(optim.F, "cross_entropy", cross_entropy)
    interrupted = tmp_path / "interrupted"
    trainer = Trainer(TrainConfig(**config), run_dir=interrupted, dataset=tiny(), report_interval=0)
    trainers.append(trainer)
    events = run_all(trainer)
    stopped = of(events, Stopped)[0]
    assert [b.step for b in of(events, BatchEnd)] == [1, 2]  # the third step was given up
    assert stopped.position.batches_done == 2
    monkeypatch.setattr(optim.F, "cross_entropy", real)

    # the same CPU thread count as the straight run: a sum split differently rounds differently
    run_all(Trainer(TrainConfig(epochs=0, num_threads=FAST["num_threads"]), run_dir=interrupted,
                    resume_from=interrupted / "last.pt", dataset=tiny(), report_interval=0))
    a, b = load_checkpoint(straight / "last.pt").model_state, load_checkpoint(interrupted / "last.pt").model_state
    for key in a:  # the augmentation's random numbers and BatchNorm's statistics were put back too
        assert torch.equal(a[key], b[key]), key


# ---------------------------------------------------------------- saves within a long epoch


def test_a_long_epoch_saves_last_pt_as_it_goes(tmp_path):
    events = run_all(Trainer(TrainConfig(epochs=1, **FAST), run_dir=tmp_path, dataset=tiny(), report_interval=0,
                             checkpoint_interval=0.0))
    saved = [e.position.batches_done for e in of(events, CheckpointSaved) if e.kind == "last"]
    assert saved == [1, 2, 3, 0]  # after every step (interval 0), then at the epoch's end
    assert of(events, Finished)


def test_after_a_kill_a_resume_continues_mid_epoch_and_logs_no_step_twice(tmp_path):
    data = tmp_path / "data"
    for label, vertical in (("horizontal", False), ("vertical", True)):
        (data / label).mkdir(parents=True)
        for i in range(12):
            write_stripe_image(data / label / f"{i}.png", vertical)
    out = tmp_path / "run"
    command = [sys.executable, "-m", "googlenet_gui", "train", "--dataset", "folder", "--data-dir", str(data),
               "--input-size", "64", "--batch-size", "4", "--epochs", "2", "--precision", "fp32", "--threads", "1",
               "--checkpoint-minutes", "0", "--out", str(out)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        deadline = time.time() + 120
        while time.time() < deadline:  # kill it once a mid-epoch last.pt exists
            if (out / "last.pt").exists() and sum(r["event"] == "batch" for r in _read_ok(out)) >= 3:
                break
            time.sleep(0.05)
        proc.kill()
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    kept = load_checkpoint(out / "last.pt").position
    assert kept.step >= 1
    assert cli.main(["train", "--resume", str(out / "last.pt"), "--out", str(out), "--threads", "1"]) == 0
    steps = [r["step"] for r in records(out) if r["event"] == "batch"]
    assert steps == list(range(1, steps[-1] + 1))  # every step once, in order: none twice, none lost
    assert steps[-1] == load_checkpoint(out / "last.pt").position.step


def _read_ok(run_dir: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()
                if line.endswith("}")]
    except (OSError, ValueError):
        return []


# ---------------------------------------------------------------- the run folder deleted mid-run


def test_a_run_folder_deleted_mid_run_is_made_again_with_everything(tmp_path):
    import shutil

    run_dir = tmp_path / "run"

    def delete_after_first_epoch(trainer, event):
        if isinstance(event, CheckpointSaved) and event.kind == "best" and event.position.epochs_done == 1:
            shutil.rmtree(run_dir)

    events = run_all(Trainer(TrainConfig(epochs=2, **FAST), run_dir=run_dir, dataset=tiny(), report_interval=0),
                     delete_after_first_epoch)
    assert of(events, Finished)
    notes = [e.message for e in of(events, Note) if "deleted" in e.message]
    assert notes and str(run_dir) in notes[0]
    log = records(run_dir)
    assert log[0]["event"] == "run_started"
    assert [r["step"] for r in log if r["event"] == "batch"] == list(range(1, 9))
    assert [r["epoch"] for r in log if r["event"] == "epoch"] == [1, 2]
    assert load_checkpoint(run_dir / "last.pt").position.epochs_done == 2


# ---------------------------------------------------------------- settings too large for memory


def test_settings_too_large_for_memory_are_refused_with_numbers_before_allocating(tmp_path, capsys):
    events = run_all(Trainer(TrainConfig(epochs=1, input_size=1024, batch_size=8192, seed=0),
                             dataset=stripes_dataset(400, 4)))
    assert isinstance(events[-1], Failed) and not of(events, RunStarted)
    message = events[-1].message
    # 400 images, so the batch is 400 at most: about 0.9 GiB an image at input 1024
    assert re.search(r"not enough memory: batch size 400 at input 1024 needs about [\d.,]+ GiB", message), message
    assert re.search(r"batch size \d+ or less fits at input 1024", message), message
    code = cli.main(["train", "--dataset", "sample", "--input-size", "1024", "--batch-size", "8192", "--epochs", "1",
                     "--out", str(tmp_path)])
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error")]
    assert code == 1 and len(err) == 1 and "not enough memory" in err[0] and "TiB" in err[0], err


def test_a_torchrun_process_is_sized_for_its_part_of_the_global_batch(monkeypatch):
    from googlenet_gui.core.runs.config import ConfigError
    from googlenet_gui.core.training.distributed import Distributed
    from googlenet_gui.core.training.memory import FITS_BELOW, estimate_training

    dataset = stripes_dataset(400, 4)
    config = TrainConfig(epochs=1, input_size=512, batch_size=400)
    whole, quarter = (estimate_training(dataset.channels, len(dataset.class_names), 512, n, 0).total for n in (400, 100))
    # room for a quarter of the batch (what each of 4 processes trains), not for all of it
    monkeypatch.setattr(engine, "available_bytes", lambda device: int((whole + quarter) / 2 / FITS_BELOW))
    engine._check_memory(config, dataset, torch.device("cpu"), Distributed(rank=1, world_size=4))
    with pytest.raises(ConfigError, match="not enough memory: batch size 400"):
        engine._check_memory(config, dataset, torch.device("cpu"), Distributed())


# ---------------------------------------------------------------- two trainings, one folder


def test_a_second_training_on_the_same_run_folder_is_refused_and_the_first_keeps_its_files(tmp_path):
    first = Trainer(TrainConfig(epochs=3, **FAST), run_dir=tmp_path, dataset=tiny(), report_interval=0)
    results, second_events = [], []
    in_progress = threading.Event()

    def consume():
        for event in first.run():
            results.append(event)
            if isinstance(event, BatchEnd) and event.step == 2:
                in_progress.set()
                while not second_events:  # hold the run open until the second one has tried
                    time.sleep(0.01)

    thread = threading.Thread(target=consume)
    thread.start()
    assert in_progress.wait(60)
    second_events.extend(run_all(Trainer(TrainConfig(epochs=1, **FAST), run_dir=tmp_path, dataset=tiny())))
    thread.join(120)
    assert isinstance(second_events[-1], Failed)
    assert "being written by another training" in second_events[-1].message
    assert of(results, Finished)
    log = records(tmp_path)
    assert [r["step"] for r in log if r["event"] == "batch"] == list(range(1, 13))  # the first run's, whole
    assert load_checkpoint(tmp_path / "last.pt").position.epochs_done == 3


# ---------------------------------------------------------------- SIGTERM


@pytest.mark.skipif(os.name != "posix", reason="sends SIGTERM to a child process")
def test_sigterm_saves_like_ctrl_c(tmp_path):
    out = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-m", "googlenet_gui", "train", "--dataset", "sample", "--limit-train",
                             "400", "--limit-val", "8", "--input-size", "64", "--batch-size", "4", "--epochs", "5",
                             "--precision", "fp32", "--threads", "1", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        deadline = time.time() + 120
        while time.time() < deadline and sum(r["event"] == "batch" for r in _read_ok(out)) < 3:
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr
    assert re.search(r"^stopped at step \d+; saved .*last\.pt$", stdout, re.M), stdout
    assert load_checkpoint(out / "last.pt").position.step >= 3


# ---------------------------------------------------------------- settings and checkpoints that once gave tracebacks


@pytest.mark.parametrize("args,expected", [
    (["--weight-decay", "nan"], "Weight decay must be between 0 and 10"),
    (["--seed", str(2**70)], "Seed must be between 0 and"),
    (["--limit-train", "-5"], "Training images used must be between 1 and"),
    (["--epochs", "0"], "Epochs must be between 1 and"),
    (["--plain-last-epochs", "-1"], "Plain last epochs must be between 0 and"),
])
def test_bad_training_settings_give_one_line(tmp_path, capsys, args, expected):
    code = cli.main(["train", "--dataset", "sample", "--out", str(tmp_path), *args])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and expected in err[0], err


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    run_dir = tmp_path_factory.mktemp("trained")
    assert of(run_all(Trainer(TrainConfig(epochs=1, **FAST), run_dir=run_dir, dataset=tiny(), report_interval=0)),
              Finished)
    return run_dir / "last.pt"


def crafted(trained: Path, folder: Path, name: str, change) -> Path:
    payload = torch.load(trained, weights_only=True)
    change(payload)
    path = folder / f"{name}.pt"
    torch.save(payload, path)
    return path


CRAFTED = {
    "zero-classes": (lambda p: p["model_config"].update(num_classes=0), "number of classes"),
    "zero-channels": (lambda p: p["model_config"].update(in_channels=0), "1 (grayscale) or 3"),
    "two-channels": (lambda p: p["model_config"].update(in_channels=2), "1 (grayscale) or 3"),
    "input-size-0": (lambda p: p["preprocess"].update(input_size=0), "input size"),
    "input-size-1": (lambda p: p["preprocess"].update(input_size=1), "input size"),
    "input-size-1e300": (lambda p: p["preprocess"].update(input_size=1e300), "input size"),
    "input-size-100000": (lambda p: p["preprocess"].update(input_size=100000), "input size"),
    "position-a-list": (lambda p: p.update(position=[0, 1, 2]), "position"),
    "format-version-text": (lambda p: p.update(format_version="1"), "format version is not a whole number"),
    "nested-class-names": (lambda p: p.update(class_names=_nested()), "class name 1 is not text"),
    "history-without-keys": (lambda p: p.update(history=[{"epoch": 1}]), "epoch record"),
    "input-size-as-text": (lambda p: p["train_config"].update(input_size="96"), "input_size must be a whole number"),
}


def _nested():
    """Shared references ten levels deep: 1.7 KB on disk, astronomically many items if walked."""
    level: list = ["x"]
    for _ in range(10):
        level = [level] * 10
    return [level, level]


@pytest.mark.parametrize("name", CRAFTED)
def test_crafted_checkpoints_give_one_line_from_classify(trained, tmp_path, capsys, name):
    change, expected = CRAFTED[name]
    path = crafted(trained, tmp_path, name, change)
    image = write_stripe_image(tmp_path / "item.png", vertical=True)
    code = cli.main(["classify", "--checkpoint", str(path), str(image)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith(f"error: {path.name}: "), err
    assert expected in err[0], err[0]


@pytest.mark.parametrize("permutation", [torch.arange(16) + 100, torch.arange(16).double(), torch.arange(3)],
                         ids=["out-of-range", "floats", "too-short"])
def test_a_resume_with_a_tampered_shuffle_gives_one_line(tmp_path, permutation):
    run_dir = tmp_path / "run"

    def stop(trainer, event):
        if isinstance(event, BatchEnd) and event.step == 2:
            trainer.request_stop()

    run_all(Trainer(TrainConfig(epochs=2, **FAST), run_dir=run_dir, dataset=tiny(), report_interval=0), stop)
    payload = torch.load(run_dir / "last.pt", weights_only=True)
    payload["resume"]["permutation"] = permutation
    torch.save(payload, run_dir / "last.pt")
    events = run_all(Trainer(TrainConfig(epochs=0), run_dir=run_dir, resume_from=run_dir / "last.pt",
                             dataset=tiny(), report_interval=0))
    assert isinstance(events[-1], Failed) and not of(events, BatchEnd)
    assert "shuffle" in events[-1].message and "\n" not in events[-1].message


def test_no_validation_set_says_so_instead_of_an_accuracy_of_zero(tmp_path, capsys):
    data = stripes_dataset(16, 4)
    no_val = dataclasses.replace(data, val=data.val.subset(torch.arange(0)))
    events = run_all(Trainer(TrainConfig(epochs=1, **FAST), run_dir=tmp_path, dataset=no_val, report_interval=0))
    finished = of(events, Finished)[0]
    assert finished.best_val_accuracy is None and finished.best_checkpoint is not None
    folder = tmp_path / "images"
    for label, vertical in (("a", False), ("b", True)):
        (folder / label).mkdir(parents=True)
        for i in range(4):
            write_stripe_image(folder / label / f"{i}.png", vertical)
    assert cli.main(["train", "--dataset", "folder", "--data-dir", str(folder), "--val-fraction", "0", "--epochs", "1",
                     "--input-size", "64", "--batch-size", "4", "--out", str(tmp_path / "cli")]) == 0
    assert "best validation accuracy n/a (no validation set)" in capsys.readouterr().out


def test_a_long_error_is_shortened_in_the_middle_keeping_its_end(tmp_path, monkeypatch):
    text = "CUDA error: an illegal memory access was encountered. " + "x" * 400 + " This is an internal error."

    def fail(*args, **kwargs):
        raise RuntimeError(text)

    monkeypatch.setattr(engine, "to_model_input", fail)
    message = run_all(Trainer(TrainConfig(epochs=1, **FAST), dataset=tiny()))[-1].message
    assert message.startswith("training failed: CUDA error") and message.endswith("internal error.")
    assert "…" in message and len(message) < 400
