"""Faults, bad input and hostile files: the app never crashes and never loses work.

Checkpoints that are damaged, foreign, mismatched or booby-trapped are refused with one line;
a process killed in the middle of a save, or a disk that fills up, leaves the previous
checkpoint loadable; training faults (out of memory, NaN or infinite loss, vanished data,
unreadable images, missing devices, Ctrl+C) end the run with one clear line and keep last.pt.
"""
from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from googlenet_gui import cli
from googlenet_gui.core.runs import checkpoint as ckpt
from googlenet_gui.core.training import engine, optim
from googlenet_gui.core.runs.checkpoint import (FORMAT, FORMAT_VERSION, Checkpoint, CheckpointError, copy_checkpoint,
                                           load_checkpoint, save_checkpoint)
from googlenet_gui.core.data.sources import Dataset, ImageSet
from googlenet_gui.core.common.devices import list_devices
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.runs.events import BatchEnd, CheckpointSaved, Failed, Finished, RunStarted
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.runs.events import Position
from googlenet_gui.core.inference.predict import Predictor
from googlenet_gui.core.runs.runlog import MetricsLog
from googlenet_gui.core.data.transforms import Preprocess
from helpers import of, run_all, stripes_dataset, write_stripe_image, write_mnist

# One shape for every run in this file (a batch of 4 at 64x64, fp32): the CPU kernels are
# prepared once and reused, which keeps the many small runs quick. One thread: these batches
# are too small to share, and spinning threads crawl on a busy machine.
FAST = dict(input_size=64, batch_size=4, seed=0, precision="fp32", num_threads=1)


@pytest.fixture(scope="module", autouse=True)
def _restore_thread_count():
    """The runs here set torch's thread count; the rest of the suite gets its own back."""
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


def tiny() -> Dataset:
    """8 training and 4 validation stripe images: two batches per epoch."""
    return stripes_dataset(8, 4)


def assert_one_line(message: str) -> None:
    assert message.strip() and "\n" not in message and "\r" not in message, repr(message)
    assert "Traceback" not in message and len(message) < 400, message


def failed(events) -> Failed:
    """The run ended with Failed (one line), and never claimed to have finished."""
    assert events and isinstance(events[-1], Failed), events[-3:]
    assert not of(events, Finished)
    assert_one_line(events[-1].message)
    return events[-1]


def cli_error(capsys) -> str:
    """The single line a failing CLI command printed on stderr."""
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    return err[0]


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """A real checkpoint: one epoch on two stripe classes, one channel."""
    run_dir = tmp_path_factory.mktemp("trained")
    events = run_all(Trainer(TrainConfig(epochs=1, **FAST), run_dir=run_dir, dataset=tiny(), report_interval=0))
    assert of(events, Finished)
    return run_dir / "last.pt"


def payload_of(path: Path) -> dict:
    """A checkpoint file's stored dict, as is (for making damaged or crafted variants of it)."""
    return torch.load(path, map_location="cpu", weights_only=True)


def write_payload(payload: dict, path: Path) -> Path:
    torch.save(payload, path)
    return path


def copy_of(path: Path, folder: Path, name: str = "last.pt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, folder / name)
    return folder / name


def three_classes() -> Dataset:
    ds = tiny()
    return Dataset("three", ImageSet(ds.train.images, ds.train.labels % 3), ImageSet(ds.val.images, ds.val.labels % 3),
                   ["horizontal", "vertical", "diagonal"], flip_ok=True)


def three_channels() -> Dataset:
    ds = tiny()

    def rgb(split: ImageSet) -> ImageSet:
        return ImageSet(split.images.expand(-1, 3, -1, -1).contiguous(), split.labels)

    return Dataset("rgb-stripes", rgb(ds.train), rgb(ds.val), ds.class_names, flip_ok=True)


def resume(checkpoint: Path, dataset: Dataset | None = None, epochs: int = 2) -> list:
    trainer = Trainer(TrainConfig(epochs=epochs, **FAST), run_dir=checkpoint.parent, resume_from=checkpoint,
                      dataset=dataset, report_interval=0)
    return run_all(trainer)


# ================================================================ checkpoints from elsewhere


def test_a_checkpoint_with_other_classes_and_channels_classifies_with_its_own_classes(tmp_path, trained):
    names = ["ant", "bee", "cat", "dog", "eel"]
    other = save_checkpoint(Checkpoint(ModelConfig(3, 5), GoogLeNet(ModelConfig(3, 5)).state_dict(), names,
                                       Preprocess(3, 64, 32)), tmp_path / "other.pt")
    gray = write_stripe_image(tmp_path / "gray.png", vertical=True)
    rgb = write_stripe_image(tmp_path / "rgb.png", vertical=False, mode="RGB")

    predictor = Predictor.from_file(other)
    assert predictor.class_names == names and predictor.preprocess.channels == 3
    for prediction in predictor.classify_files([gray, rgb], k=5):
        assert prediction.ok and sorted(c for c, _ in prediction.top) == sorted(names)
        assert prediction.view.shape == (64, 64, 3)

    predictor = Predictor.from_file(trained)  # one channel, two classes: an RGB picture is converted
    for prediction in predictor.classify_files([gray, rgb], k=5):
        assert prediction.ok and sorted(c for c, _ in prediction.top) == ["horizontal", "vertical"]
        assert prediction.view.shape == (64, 64)


@pytest.mark.parametrize("dataset,expected", [
    (three_classes, r"made for 1 channel\(s\) and 2 classes, but three has 1 and 3"),
    (three_channels, r"made for 1 channel\(s\) and 2 classes, but rgb-stripes has 3 and 2"),
], ids=["other-classes", "other-channels"])
def test_resuming_on_data_that_does_not_fit_fails_clearly_and_keeps_the_checkpoint(tmp_path, trained, dataset,
                                                                                   expected):
    checkpoint = copy_of(trained, tmp_path)
    before = checkpoint.read_bytes()
    events = resume(checkpoint, dataset())
    assert re.search(expected, failed(events).message)
    assert not of(events, RunStarted) and not of(events, BatchEnd)
    assert checkpoint.read_bytes() == before


def _tampered(data: dict, how: str) -> dict:
    state = dict(data["model_state"])
    if how == "classifier-shape":  # weights for 5 classes, a config that says 2
        state["classifier.1.weight"] = torch.zeros(5, 1024)
        state["classifier.1.bias"] = torch.zeros(5)
        return {**data, "model_state": state}
    if how == "channels-claim":  # says 3 input channels, carries weights for 1
        return {**data, "model_config": {**data["model_config"], "in_channels": 3},
                "preprocess": {**data["preprocess"], "channels": 3}}
    if how == "missing-weights":
        del state[sorted(state)[0]]
        return {**data, "model_state": state}
    if how == "resnet18-weights":  # our format around another network's weights
        import torchvision

        return {**data, "model_state": torchvision.models.resnet18(weights=None).state_dict()}
    raise ValueError(how)


@pytest.mark.parametrize("how", ["classifier-shape", "channels-claim", "missing-weights", "resnet18-weights"])
def test_weights_that_do_not_match_their_own_config_are_refused(tmp_path, trained, how):
    checkpoint = write_payload(_tampered(payload_of(trained), how), tmp_path / "last.pt")
    before = checkpoint.read_bytes()

    with pytest.raises(CheckpointError, match="last.pt: .*do not fit") as info:
        Predictor.from_file(checkpoint)
    assert_one_line(str(info.value))

    dataset = three_channels() if how == "channels-claim" else tiny()
    message = failed(resume(checkpoint, dataset)).message
    assert "last.pt" in message and "do not fit" in message, message
    assert checkpoint.read_bytes() == before


class RunsCode:
    """Unpickling this calls os.system: a trap for unsafe loaders."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _hostile_file(kind: str, folder: Path, trained: Path, marker: Path) -> Path:
    path = folder / f"{kind}.pt"
    if kind == "truncated":
        data = trained.read_bytes()
        path.write_bytes(data[: len(data) * 2 // 3])
    elif kind == "random-bytes":
        path.write_bytes(random.Random(7).randbytes(1 << 16))
    elif kind == "resnet18-state-dict":
        import torchvision

        torch.save(torchvision.models.resnet18(weights=None).state_dict(), path)
    elif kind == "newer-format":
        write_payload({**payload_of(trained), "format": FORMAT, "format_version": FORMAT_VERSION + 1}, path)
    elif kind == "code-in-a-real-checkpoint":  # a genuine checkpoint with one booby-trapped value
        write_payload({**payload_of(trained), "history": [RunsCode(marker)]}, path)
    elif kind == "code-in-a-bare-pickle":
        import pickle

        path.write_bytes(pickle.dumps({"format": FORMAT, "model_state": RunsCode(marker)}, protocol=2))
    else:
        raise ValueError(kind)
    return path


HOSTILE = ["truncated", "random-bytes", "resnet18-state-dict", "newer-format", "code-in-a-real-checkpoint",
           "code-in-a-bare-pickle"]
REASONS = {
    "truncated": "damaged, truncated",
    "random-bytes": "not a checkpoint",
    "resnet18-state-dict": "bare state_dict",
    "newer-format": f"newer version of the app \\(format {FORMAT_VERSION + 1}\\)",
    "code-in-a-real-checkpoint": "refused: .*can run code",
    "code-in-a-bare-pickle": "refused|damaged",
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_checkpoints_are_refused_everywhere_with_one_line(tmp_path, trained, capsys, kind):
    marker = tmp_path / "code-ran"
    path = _hostile_file(kind, tmp_path, trained, marker)
    reason = REASONS[kind]

    with pytest.raises(CheckpointError, match=reason) as info:
        load_checkpoint(path)
    assert_one_line(str(info.value))
    with pytest.raises(CheckpointError, match=reason):
        Predictor.from_file(path)

    assert re.search(reason, failed(resume(path, tiny())).message)

    image = write_stripe_image(tmp_path / "item.png", vertical=True)
    capsys.readouterr()
    assert cli.main(["classify", "--checkpoint", str(path), str(image)]) == 2
    assert re.search(reason, cli_error(capsys))
    assert not marker.exists()


@pytest.mark.parametrize("kind", ["code-in-a-real-checkpoint", "code-in-a-bare-pickle"])
def test_code_in_a_checkpoint_never_runs_from_the_command_line(tmp_path, trained, kind):
    marker = tmp_path / "code-ran"
    evil = _hostile_file(kind, tmp_path, trained, marker)
    image = write_stripe_image(tmp_path / "img.png", vertical=True)
    result = subprocess.run([sys.executable, "-m", "googlenet_gui", "classify", "--checkpoint", str(evil), str(image)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {evil.name}: "), result.stderr
    assert result.stdout == ""
    assert not marker.exists()


def test_damaged_but_loadable_checkpoints_do_not_crash_a_resume(tmp_path, trained):
    """Hand-made files that pass the format check but hold nonsense: each ends in one clear line."""
    good = payload_of(trained)
    variants = {
        "model-config-list": {**good, "model_config": [1, 2]},
        "train-config-types": {**good, "train_config": {**good["train_config"], "batch_size": "many"}},
        "train-config-list": {**good, "train_config": ["adam"]},
        "no-position": {k: v for k, v in good.items() if k != "position"},
        "state-is-a-tensor": {**good, "model_state": torch.zeros(3)},
        "rng-missing": {**good, "resume": {k: v for k, v in good["resume"].items() if k != "rng"}},
        "no-resume-state": {**good, "resume": None},
    }
    for name, data in variants.items():
        path = write_payload(data, tmp_path / f"{name}.pt")
        message = failed(resume(path, tiny())).message
        assert "checkpoint" in message or path.name in message, (name, message)
        assert not message.startswith("unexpected error"), (name, message)


# ================================================================ killed in the middle of a save

SAVER = r'''
import os, sys, time

import torch

from googlenet_gui.core.runs.checkpoint import Checkpoint, save_checkpoint
from googlenet_gui.core.runs.events import Position
from googlenet_gui.core.network.model import ModelConfig
from googlenet_gui.core.data.transforms import Preprocess

path, weights = sys.argv[1], sys.argv[2]
state = torch.load(weights, weights_only=True)


def payload(counter):
    """The counter is stored twice: as the epochs done, and as a 4096-long column (4096 steps done since)."""
    stamp = [float(counter)] * 4096
    return Checkpoint(ModelConfig(3, 10), state, [str(i) for i in range(10)], Preprocess(3, 96, 32),
                      position=Position(counter, 4096, 4096), batch_history={"step": stamp, "loss": stamp, "accuracy": stamp})


def say(text):
    os.write(1, (text + "\n").encode())  # one write: lines from the workers never interleave


times = []
for _ in range(5):
    started = time.perf_counter()
    save_checkpoint(payload(0), path)
    times.append(time.perf_counter() - started)
say(f"ready {sorted(times)[2]}")
while True:
    line = sys.stdin.readline()
    if not line:
        break
    first = int(line)
    pid = os.fork()  # a fresh worker per kill, without paying for `import torch` each time
    if pid == 0:
        counter = first
        while True:  # save until killed
            save_checkpoint(payload(counter), path)
            say(f"saved {counter}")
            counter += 1
    say(f"started {pid}")
    _, status = os.waitpid(pid, 0)
    say(f"reaped {pid} {status}")  # after the worker's last "saved" line
'''


@pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"), reason="needs fork and SIGKILL")
def test_sigkill_at_any_moment_of_a_save_leaves_a_complete_checkpoint(tmp_path):
    weights = tmp_path / "weights.pt"
    state = GoogLeNet(ModelConfig(3, 10)).state_dict()  # ~24 MB, a realistic save
    torch.save(state, weights)
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    folder = tmp_path / "run"
    path = folder / "last.pt"
    proc = subprocess.Popen([sys.executable, str(script), str(path), str(weights)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)
    temp_name = re.compile(r"^\.last\.pt\..+\.tmp$")
    try:
        ready = proc.stdout.readline().split()
        assert ready and ready[0] == "ready", ready
        duration = float(ready[1])  # one save, median of five
        kills = 24
        rng = random.Random(1234)
        delays = [(i + rng.random()) / kills * 2 * duration for i in range(kills)]  # spread over two saves
        rng.shuffle(delays)

        previous = 0  # the counter the file holds before each worker starts
        interrupted = 0  # kills that left a half-written temporary file behind
        for k, delay in enumerate(delays, 1):
            first = 1000 * k
            proc.stdin.write(f"{first}\n")
            proc.stdin.flush()
            saved: list[int] = []
            pid = None
            while pid is None:
                word, value = proc.stdout.readline().split()[:2]
                if word == "started":
                    pid = int(value)
                else:
                    saved.append(int(value))
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            while True:
                parts = proc.stdout.readline().split()
                if parts[0] == "saved":
                    saved.append(int(parts[1]))
                elif parts[0] == "reaped":
                    status = int(parts[2])
                    break
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL

            data = load_checkpoint(path)  # always loadable
            counter = data.position.epochs_done
            # the previous complete checkpoint, or the one whose save had finished its rename
            # when the kill came (before the worker could say so)
            complete = saved[-1] if saved else previous
            assert counter in (complete, complete + 1 if saved else first), (k, delay, saved, previous, counter)
            assert data.batch_history["step"] == [float(counter)] * 4096
            assert data.model_state.keys() == state.keys()
            assert all(torch.equal(data.model_state[key], value) for key, value in state.items())
            previous = counter

            leftovers = [p for p in folder.iterdir() if p.name != "last.pt"]
            assert all(temp_name.match(p.name) for p in leftovers), leftovers  # never *.pt
            interrupted += bool(leftovers)
            if k < kills:
                for p in leftovers:
                    p.unlink()
        assert interrupted >= 1, "no kill landed in the middle of a save"
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)

    # the next save works with the last kill's leftovers there, and clears them away
    save_checkpoint(Checkpoint(ModelConfig(3, 10), state, [str(i) for i in range(10)], Preprocess(3, 96, 32),
                               position=Position(99_999, 0, 1)), path)
    assert load_checkpoint(path).position.epochs_done == 99_999
    assert [p.name for p in folder.iterdir()] == ["last.pt"]


# ================================================================ a full disk


@pytest.fixture
def small_disk(tmp_path):
    """Mounts a tmpfs of a given size (root only; CI runs as root) that can really fill up."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        if os.name != "posix" or os.geteuid() != 0:
            pytest.skip("a real full disk needs a small tmpfs, and mounting one needs root")
        where = tmp_path / f"disk{len(mounted)}"
        where.mkdir()
        try:
            result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                                    capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.skip(f"cannot mount a tmpfs: {exc}")
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs: {result.stderr.strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


def fill_up(folder: Path, leave: int = 0) -> None:
    """Take all the free space of folder's file system but `leave` bytes."""
    stat = os.statvfs(folder)
    remaining = stat.f_bavail * stat.f_frsize - leave
    chunk = b"\1" * (1 << 20)
    try:
        with open(folder / "filler", "wb") as f:
            while remaining > 0:
                remaining -= f.write(chunk[:remaining])
    except OSError as exc:
        assert exc.errno == errno.ENOSPC


def numbered(counter: int) -> Checkpoint:
    """A weights-only checkpoint of about 24 MB, told apart by its position."""
    return Checkpoint(ModelConfig(1, 2), GoogLeNet(ModelConfig(1, 2)).state_dict(), ["a", "b"], Preprocess(1, 64, 28),
                      position=Position(counter, 0, 1))


def test_a_really_full_disk_is_reported_and_keeps_the_previous_checkpoint(small_disk, tmp_path):
    disk = small_disk("40m")  # one 24 MB checkpoint fits; a second beside it (the new file before its rename) not
    path = save_checkpoint(numbered(1), disk / "last.pt")
    big = numbered(2)

    with pytest.raises(CheckpointError, match="disk full while saving last.pt.*previous checkpoint is kept") as info:
        save_checkpoint(big, path)
    assert_one_line(str(info.value))
    assert load_checkpoint(path).position.epochs_done == 1
    assert [p.name for p in disk.iterdir()] == ["last.pt"]  # the partial file is gone

    elsewhere = save_checkpoint(big, tmp_path / "big.pt")
    with pytest.raises(CheckpointError, match="disk full while saving best.pt"):
        copy_checkpoint(elsewhere, disk / "best.pt")
    assert [p.name for p in disk.iterdir()] == ["last.pt"]
    path.unlink()  # room again: the disk is still usable
    assert save_checkpoint(numbered(3), path) and load_checkpoint(path).position.epochs_done == 3


def test_disk_full_at_the_second_epochs_save_fails_the_run_and_keeps_epoch_one(tmp_path, monkeypatch):
    real_save = ckpt.torch.save
    calls = []

    def save(obj, f, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # last.pt after epoch 2 (best.pt is a file copy)
            f.write(b"\0" * 1000)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(obj, f, *args, **kwargs)

    monkeypatch.setattr(ckpt.torch, "save", save)
    events = run_all(Trainer(TrainConfig(epochs=3, **FAST), run_dir=tmp_path, dataset=tiny(), report_interval=0))
    message = failed(events).message
    assert "disk full" in message and "last.pt" in message and str(tmp_path) in message
    assert load_checkpoint(tmp_path / "last.pt").position.epochs_done == 1
    assert load_checkpoint(tmp_path / "best.pt").position.epochs_done == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["best.pt", "branch_stats.jsonl", "last.pt", "metrics.jsonl"]


def test_a_run_on_a_really_full_disk_fails_and_keeps_epoch_one(small_disk):
    disk = small_disk("320m")  # room for last.pt and best.pt (about 72 MB each with Adam's state)

    def fill_after_first_epoch(trainer, event):
        if isinstance(event, CheckpointSaved) and event.kind == "best" and event.position.epochs_done == 1:
            fill_up(disk, leave=256 << 10)  # the metrics log still fits, the next checkpoint does not

    events = run_all(Trainer(TrainConfig(epochs=3, **FAST), run_dir=disk / "run", dataset=tiny(), report_interval=0),
                     fill_after_first_epoch)
    message = failed(events).message
    assert "disk full" in message and "last.pt" in message
    assert load_checkpoint(disk / "run" / "last.pt").position.epochs_done == 1
    assert sorted(p.name for p in (disk / "run").iterdir()) == ["best.pt", "branch_stats.jsonl", "last.pt", "metrics.jsonl"]


def test_a_metrics_log_that_cannot_be_written_fails_the_run_cleanly(tmp_path, monkeypatch):
    """A full disk can hit the metrics log first; closing it then fails again, and must not escape."""
    real_write, armed = MetricsLog._write, []

    def write(self, record):
        if armed:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, record)

    def close(self):
        if armed:
            raise OSError(errno.ENOSPC, "No space left on device")

    def arm(trainer, event):
        if isinstance(event, CheckpointSaved) and event.kind == "best":
            armed.append(True)

    monkeypatch.setattr(MetricsLog, "_write", write)
    monkeypatch.setattr(MetricsLog, "close", close)
    events = run_all(Trainer(TrainConfig(epochs=3, **FAST), run_dir=tmp_path, dataset=tiny(), report_interval=0), arm)
    message = failed(events).message
    assert "disk full" in message and "last good checkpoint is kept" in message
    assert load_checkpoint(tmp_path / "last.pt").position.epochs_done == 1


def test_a_run_folder_that_cannot_be_created_fails_clearly(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    message = failed(run_all(Trainer(TrainConfig(epochs=1, **FAST), run_dir=blocker / "run", dataset=tiny()))).message
    assert "cannot write to" in message and "a-file" in message


# ================================================================ training faults


def _bomb_after_first_checkpoint(monkeypatch, error: BaseException, nth: int = 2):
    """Raise `error` from the training step on the nth batch after last.pt of epoch 1 was saved."""
    real, calls, armed = engine.to_model_input, [], []

    def to_model_input(*args, **kwargs):
        if armed:
            calls.append(1)
            if len(calls) == nth:
                raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "to_model_input", to_model_input)

    def arm(trainer, event):
        if isinstance(event, CheckpointSaved) and event.kind == "last":
            armed.append(True)

    return arm


@pytest.mark.parametrize("error,where", [
    (RuntimeError("DefaultCPUAllocator: can't allocate memory: you tried to allocate 68719476736 bytes. "
                  "Error code 12 (Cannot allocate memory)"), "CPU"),
    (RuntimeError("[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: not enough memory: "
                  "you tried to allocate 68719476736 bytes."), "CPU"),
    (MemoryError(), "CPU"),
    (torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB. GPU 0 has a total capacity of "
                                 "79.19 GiB of which 1.06 GiB is free."), "GPU"),
    (RuntimeError("MPS backend out of memory (MPS allocated: 17.00 GB, other allocations: 1.00 GB, max allowed: "
                  "18.13 GB). Tried to allocate 256.00 MB on private pool."), "GPU"),
], ids=["cpu-linux", "cpu-windows", "memory-error", "cuda", "mps"])
def test_out_of_memory_fails_with_advice_and_keeps_the_last_checkpoint(tmp_path, monkeypatch, error, where):
    arm = _bomb_after_first_checkpoint(monkeypatch, error)
    events = run_all(Trainer(TrainConfig(epochs=3, **FAST), run_dir=tmp_path, dataset=tiny(), report_interval=0), arm)
    fail = failed(events)
    assert f"out of {where} memory at epoch 2, batch 2" in fail.message
    assert "batch size 4" in fail.message and "last good checkpoint is kept" in fail.message
    assert load_checkpoint(tmp_path / "last.pt").position.epochs_done == 1


@pytest.mark.parametrize("value,word", [(float("nan"), "NaN"), (float("inf"), "infinite")], ids=["nan", "inf"])
@pytest.mark.parametrize("report_interval", [0, 3600], ids=["read-every-batch", "read-once-per-epoch"])
def test_nan_or_infinite_loss_names_epoch_and_batch(tmp_path, monkeypatch, value, word, report_interval):
    real, calls = torch.nn.functional.cross_entropy, []

    def cross_entropy(logits, target, *args, **kwargs):
        loss = real(logits, target, *args, **kwargs)
        if logits.requires_grad:  # a training step's loss (not validation's)
            calls.append(1)
            if len(calls) == 4:  # epoch 2, batch 2
                loss = loss * value
        return loss

    monkeypatch.setattr(optim.F, "cross_entropy", cross_entropy)
    events = run_all(Trainer(TrainConfig(epochs=3, **FAST), run_dir=tmp_path, dataset=tiny(),
                             report_interval=report_interval))
    fail = failed(events)
    assert f"loss became {word} at epoch 2, batch 2" in fail.message and "last good checkpoint is kept" in fail.message
    assert [(b.epoch, b.batch) for b in of(events, BatchEnd)] == [(1, 1), (1, 2), (2, 1)]
    saved = load_checkpoint(tmp_path / "last.pt")  # which refuses NaN weights
    assert saved.position.epochs_done == 1


# ---------------------------------------------------------------- data on disk


def write_folder(root: Path, per_class: int = 5, bad: int = 0) -> Path:
    """Two classes of grayscale stripe PNGs, and `bad` unreadable files in each class."""
    for cls, vertical in (("horizontal", False), ("vertical", True)):
        folder = root / cls
        folder.mkdir(parents=True)
        for i in range(per_class):
            write_stripe_image(folder / f"{i}.png", vertical)
        for i in range(bad):
            (folder / f"broken{i}.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return root




def spoil(root: Path, how: str) -> None:
    if how == "delete":
        shutil.rmtree(root)
        return
    for path in root.rglob("*"):
        if path.is_file():
            path.write_bytes(b"garbage" * 3)


@pytest.mark.parametrize("how", ["delete", "corrupt"])
@pytest.mark.parametrize("source", ["folder", "mnist"])
def test_data_that_vanishes_mid_run_does_not_disturb_it_and_a_resume_says_what_is_missing(tmp_path, source, how):
    data_dir = write_folder(tmp_path / "data") if source == "folder" else write_mnist(tmp_path / "data")
    run_dir = tmp_path / "run"

    def spoil_after_first_batch(trainer, event):
        if isinstance(event, BatchEnd) and event.step == 1:
            spoil(data_dir, how)

    config = TrainConfig(dataset=source, data_dir=str(data_dir), epochs=2, **FAST)
    events = run_all(Trainer(config, run_dir=run_dir, report_interval=0), spoil_after_first_batch)
    assert of(events, Finished), events[-1]
    assert [b.step for b in of(events, BatchEnd)] == [1, 2, 3, 4]  # the data lives in memory
    assert how == "corrupt" or not data_dir.exists()

    checkpoint = run_dir / "last.pt"
    before = checkpoint.read_bytes()
    message = failed(resume(checkpoint, epochs=3)).message
    expected = {
        ("folder", "delete"): "folder not found",
        ("folder", "corrupt"): "none of the 10 image files could be read",
        ("mnist", "delete"): "train-images-idx3-ubyte not found",
        ("mnist", "corrupt"): "not a valid IDX file",
    }[source, how]
    assert expected in message, message
    assert checkpoint.read_bytes() == before


def test_unreadable_images_are_skipped_counted_and_training_goes_on(tmp_path):
    data_dir = write_folder(tmp_path / "data", bad=2)
    (data_dir / "vertical" / "cut.png").write_bytes((data_dir / "vertical" / "0.png").read_bytes()[:40])
    config = TrainConfig(dataset="folder", data_dir=str(data_dir), epochs=1, **FAST)
    events = run_all(Trainer(config, report_interval=0))
    started = of(events, RunStarted)[0]
    assert "5 unreadable image files skipped" in started.notes
    assert started.train_size + started.val_size == 10
    assert of(events, Finished)


def test_bad_folders_fail_clearly(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    single = tmp_path / "single"
    (single / "only").mkdir(parents=True)
    write_stripe_image(single / "only" / "a.png", vertical=True)
    unreadable = write_folder(tmp_path / "unreadable", per_class=0, bad=3)
    one_readable_class = write_folder(tmp_path / "one_readable", per_class=2)
    for path in (one_readable_class / "vertical").iterdir():
        path.write_bytes(b"junk")
    no_images = tmp_path / "no_images"
    for cls in ("a", "b"):
        (no_images / cls).mkdir(parents=True)
        (no_images / cls / "notes.txt").write_text("hello")

    cases = {
        empty: r"at least two class sub-folders.*found 0",
        single: r"at least two class sub-folders.*found 1",
        unreadable: r"none of the 6 image files could be read",
        one_readable_class: r"readable images in at least two classes \(found 1\)",
        no_images: r"no image files",
        tmp_path / "missing": r"folder not found",
    }
    for folder, expected in cases.items():
        config = TrainConfig(dataset="folder", data_dir=str(folder), epochs=1, **FAST)
        events = run_all(Trainer(config, run_dir=tmp_path / "run"))
        assert re.search(expected, failed(events).message), (folder.name, events[-1])
        assert not (tmp_path / "run" / "last.pt").exists()


def test_batch_larger_than_the_dataset_from_the_command_line(tmp_path, capsys):
    code = cli.main(["train", "--dataset", "sample", "--limit-train", "4", "--limit-val", "4", "--batch-size", "500",
                     "--epochs", "1", "--input-size", "64", "--precision", "fp32", "--threads", "1",
                     "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "note: batch size lowered to 4: the training set has only 4 images" in out
    assert "[ 1] Train" in out and load_checkpoint(tmp_path / "last.pt").position.epochs_done == 1


# ---------------------------------------------------------------- devices


@pytest.mark.parametrize("device", ["cuda:3", "mps", "tpu", "cuda:x"])
def test_a_device_that_is_not_there_fails_listing_what_is(tmp_path, capsys, device):
    available = [d.id for d in list_devices()]
    if device in available:
        pytest.skip(f"{device} exists on this machine")
    message = failed(run_all(Trainer(TrainConfig(device=device, epochs=1, **FAST), dataset=tiny()))).message
    assert f"device {device!r} is not available" in message
    assert all(d in message for d in available), message

    capsys.readouterr()
    code = cli.main(["train", "--device", device, "--epochs", "1", "--input-size", "64", "--out", str(tmp_path)])
    assert code == 1
    line = cli_error(capsys)
    assert "not available" in line and "cpu" in line
    assert not (tmp_path / "last.pt").exists()


# ---------------------------------------------------------------- Ctrl+C


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to a child process")
def test_ctrl_c_in_the_command_line_saves_and_exits_130(tmp_path):
    data_dir = write_folder(tmp_path / "data")
    out = tmp_path / "run"
    with open(tmp_path / "stderr.txt", "w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "googlenet_gui", "train", "--dataset", "folder", "--data-dir", str(data_dir),
             "--input-size", "64", "--epochs", "50", "--batch-size", "4", "--precision", "fp32", "--threads", "1", "--out", str(out)],
            stdout=subprocess.PIPE, stderr=err, text=True, cwd=tmp_path)
        try:
            lines = []
            for line in proc.stdout:
                lines.append(line)
                if line.startswith("[ 1] Train"):
                    break
            assert lines and lines[-1].startswith("[ 1] Train"), (lines, (tmp_path / "stderr.txt").read_text())
            proc.send_signal(signal.SIGINT)
            rest, _ = proc.communicate(timeout=300)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    stderr = (tmp_path / "stderr.txt").read_text()
    assert proc.returncode == 130, stderr
    assert re.search(r"^stopped at step \d+; saved .*last\.pt$", rest, re.M), rest
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    saved = load_checkpoint(out / "last.pt")
    assert saved.position.epochs_done >= 1 and saved.position.step >= 2
