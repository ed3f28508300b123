"""Checkpoints: atomic writes, safe loads, clear refusals."""
import errno
import os
import pickle
import random
import subprocess
import sys

import pytest
import torch

from googlenet_gui.core.runs import checkpoint as ckpt
from googlenet_gui.core.runs.checkpoint import Checkpoint, CheckpointError, FORMAT_VERSION, load_checkpoint, save_checkpoint
from googlenet_gui.core.runs.events import EpochEnd, Position
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.data.transforms import Preprocess

_STATE = {k: v.clone() for k, v in GoogLeNet(ModelConfig(1, 2)).state_dict().items()}


def minimal(names=("a", "b")) -> Checkpoint:
    """A checkpoint with weights only (no settings, no resume state), as an export would be."""
    return Checkpoint(ModelConfig(1, 2), dict(_STATE), list(names), Preprocess(1, 64, 28))


MINIMAL = minimal()


def test_round_trip(tmp_path):
    history = [EpochEnd(1, 0.9, 0.6, 0.8, 0.65, 3.5, 1e-3, 4), EpochEnd(2, 0.5, 0.8, None, None, 3.1, 1e-3, 8)]
    original = Checkpoint(ModelConfig(1, 2), dict(_STATE), ["a", "b"], Preprocess(1, 64, 28), None,
                          Position(2, 0, 4), history, {"step": [1.0, 2.0], "loss": [0.9, 0.8], "accuracy": [0.5, 0.6]},
                          0.65)
    path = save_checkpoint(original, tmp_path / "c.pt")
    loaded = load_checkpoint(path)
    assert torch.load(path, weights_only=True)["format_version"] == FORMAT_VERSION
    assert all(torch.equal(loaded.model_state[k], v) for k, v in _STATE.items())
    assert (loaded.class_names, loaded.preprocess, loaded.position) == (["a", "b"], Preprocess(1, 64, 28),
                                                                         Position(2, 0, 4))
    assert loaded.history == history and loaded.best_val_accuracy == 0.65
    assert loaded.batch_history == original.batch_history
    assert [p.name for p in tmp_path.iterdir()] == ["c.pt"]  # no temporary files left


def test_a_first_release_checkpoint_is_read_with_its_epochs_counted_from_1(tmp_path):
    """Format 1 counted epochs from 0 and kept the resume state at the top level."""
    payload = {"format": ckpt.FORMAT, "format_version": 1, "model_config": {"in_channels": 1, "num_classes": 2},
               "model_state": _STATE, "class_names": ["a", "b"],
               "preprocess": {"channels": 1, "input_size": 64, "stored_size": 28, "mean": 0.5, "std": 0.5},
               "position": {"epoch": 1, "batch": 2, "step": 6, "steps_per_epoch": 4, "epoch_sums": [3.0, 5.0, 8.0],
                            "epoch_time": 1.5},
               "optimizer_state": torch.optim.Adam(GoogLeNet(ModelConfig(1, 2)).parameters()).state_dict(),
               "scheduler_state": None, "scaler_state": None,
               "permutation": torch.randperm(16), "rng": {"data": torch.Generator().get_state(),
                                                          "torch": torch.get_rng_state()},
               "history": [{"epoch": 0, "train_loss": 1.0, "train_accuracy": 0.5, "val_loss": 0.9,
                            "val_accuracy": 0.6, "time": 2.0, "lr": 1e-3, "step": 4}],
               "batch_history": {"step": torch.arange(1.0, 7.0, dtype=torch.float64),
                                 "loss": torch.ones(6, dtype=torch.float64),
                                 "accuracy": torch.zeros(6, dtype=torch.float64)},
               "best_val_accuracy": 0.6}
    torch.save(payload, tmp_path / "old.pt")
    loaded = load_checkpoint(tmp_path / "old.pt")
    assert loaded.position == Position(1, 2, 4) and loaded.position.describe() == "epoch 2, batch 2 of 4"
    assert [h.epoch for h in loaded.history] == [1]
    assert loaded.resume.epoch_sums == (3.0, 5.0, 8.0) and loaded.resume.epoch_time == 1.5


def test_a_save_removes_what_killed_saves_left_but_not_what_live_ones_are_writing(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(dead.stdout)  # reaped: no process has this id now
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        orphan = tmp_path / f".last.pt.{dead_pid}.k3j9.tmp"
        in_progress = tmp_path / f".last.pt.{live.pid}.x7q2.tmp"
        other_file = tmp_path / f".best.pt.{dead_pid}.a1b2.tmp"  # another checkpoint's: its own save clears it
        for p in (orphan, in_progress, other_file):
            p.write_bytes(b"half a checkpoint")
        save_checkpoint(MINIMAL, tmp_path / "last.pt")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["last.pt", in_progress.name, other_file.name])
        save_checkpoint(MINIMAL, tmp_path / "best.pt")
        assert not other_file.exists() and in_progress.exists()
    finally:
        live.kill()
        live.wait()


def test_best_is_last_under_a_second_name_until_last_is_saved_again(tmp_path, monkeypatch):
    """A run folder holds one checkpoint's bytes, not two, when best.pt is last.pt; the next
    last.pt is a new file, so best.pt keeps its epoch. Where linking fails, it is a copy."""
    import dataclasses

    from googlenet_gui.core.runs.index import folder_size

    last = save_checkpoint(dataclasses.replace(MINIMAL, position=Position(1, 0, 1)), tmp_path / "last.pt")
    best = ckpt.copy_checkpoint(last, tmp_path / "best.pt")
    assert os.path.samefile(last, best) and folder_size(tmp_path) == last.stat().st_size
    save_checkpoint(dataclasses.replace(MINIMAL, position=Position(2, 0, 1)), last)
    assert load_checkpoint(best).position.epochs_done == 1 and load_checkpoint(last).position.epochs_done == 2
    assert folder_size(tmp_path) == last.stat().st_size + best.stat().st_size

    def cannot_link(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cannot_link)
    ckpt.copy_checkpoint(last, best)
    assert not os.path.samefile(last, best) and load_checkpoint(best).position.epochs_done == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["best.pt", "last.pt"]  # no temporary file left


def test_failed_write_keeps_the_previous_checkpoint(tmp_path, monkeypatch):
    path = save_checkpoint(MINIMAL, tmp_path / "last.pt")
    before = path.read_bytes()

    def broken_save(obj, f):
        f.write(b"half a checkpoint")
        raise RuntimeError("crash in the middle of a save")

    monkeypatch.setattr(ckpt.torch, "save", broken_save)
    with pytest.raises(RuntimeError):
        save_checkpoint(minimal(["x", "y"]), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["last.pt"]


def test_disk_full_is_reported_and_keeps_the_previous_checkpoint(tmp_path, monkeypatch):
    path = save_checkpoint(MINIMAL, tmp_path / "last.pt")
    before = path.read_bytes()

    def full_disk(obj, f):
        f.write(b"x" * 100)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ckpt.torch, "save", full_disk)
    with pytest.raises(CheckpointError, match="disk full.*previous checkpoint is kept"):
        save_checkpoint(MINIMAL, path)
    assert path.read_bytes() == before
    assert load_checkpoint(path).class_names == ["a", "b"]
    assert [p.name for p in tmp_path.iterdir()] == ["last.pt"]


class RunsCode:
    """Unpickling this would call os.system: a trap for unsafe loaders."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_checkpoint_that_would_run_code_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.pt"
    torch.save({"format": ckpt.FORMAT, "format_version": 1, "model_state": RunsCode(marker)}, evil)
    with pytest.raises(CheckpointError, match="refused"):
        load_checkpoint(evil)
    assert not marker.exists()
    plain = tmp_path / "plain.pkl"  # a plain pickle, not even a torch zip file
    plain.write_bytes(pickle.dumps(RunsCode(marker)))
    with pytest.raises(CheckpointError):
        load_checkpoint(plain)
    assert not marker.exists()


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (random.Random(1).randbytes(4096), "unknown file format"),
    (b"\x80\x02" + random.Random(2).randbytes(4096), "refused|damaged"),
    (b"PK\x03\x04" + b"\x00" * 50, "damaged"),
], ids=["empty", "random-bytes", "random-pickle-opcodes", "zip-header"])
def test_garbage_files_give_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.pt"
    path.write_bytes(content)
    with pytest.raises(CheckpointError, match=message) as info:
        load_checkpoint(path)
    assert "\n" not in str(info.value)


def test_truncated_checkpoint(tmp_path):
    path = save_checkpoint(MINIMAL, tmp_path / "c.pt")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="damaged, truncated"):
        load_checkpoint(path)


def test_bare_state_dict_and_foreign_dicts_are_refused(tmp_path):
    bare = tmp_path / "bare.pt"
    torch.save(torch.nn.Linear(3, 2).state_dict(), bare)
    with pytest.raises(CheckpointError, match="bare state_dict"):
        load_checkpoint(bare)
    other = tmp_path / "other.pt"
    torch.save({"epoch": 3, "net": {"w": torch.zeros(1)}}, other)
    with pytest.raises(CheckpointError, match="not a GoogLeNet Studio checkpoint"):
        load_checkpoint(other)


def test_newer_format_is_refused_with_versions_named(tmp_path):
    path = tmp_path / "future.pt"
    torch.save({**MINIMAL.to_payload(), "format_version": FORMAT_VERSION + 1}, path)
    with pytest.raises(CheckpointError, match=f"format {FORMAT_VERSION + 1}.*reads formats up to {FORMAT_VERSION}"):
        load_checkpoint(path)


def test_missing_and_folder(tmp_path):
    with pytest.raises(CheckpointError, match="not found"):
        load_checkpoint(tmp_path / "nope.pt")
    with pytest.raises(CheckpointError, match="folder"):
        load_checkpoint(tmp_path)
