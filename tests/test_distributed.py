"""Data-parallel training on CPUs: real processes with gloo on 127.0.0.1, started by torchrun (as a
user would) or by hand with torchrun's environment variables (to kill one without torchrun's agent
stepping in). Each run is a few dozen images at input 64, in fp32: the built-in sample, or an image
folder the test writes."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from googlenet_gui.core import distributed
from googlenet_gui.core.checkpoint import load_checkpoint
from googlenet_gui.core.data import ImageSet
from googlenet_gui.core.distributed import STOP_FILE, Distributed
from googlenet_gui.core.evaluation import evaluate_checkpoint, evaluation_dataset
from googlenet_gui.core.shards import TrainingShard, validation_shard
from googlenet_gui.core.transforms import augment

ROOT = Path(__file__).resolve().parent.parent
SMALL = ["--dataset", "sample", "--limit-train", "48", "--limit-val", "30", "--input-size", "64",
         "--batch-size", "16", "--threads", "1", "--precision", "fp32"]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["OMP_NUM_THREADS"] = "1"
    return env


def torchrun(processes: int, out: Path, *args: str, timeout: float = 120,
             settings: list[str] = SMALL) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", str(processes),
               "-m", "googlenet_gui", "train", *settings, "--out", str(out), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=_env(), cwd=ROOT)


def train_alone(out: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "googlenet_gui", "train", *SMALL, "--out", str(out), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=_env(), cwd=ROOT)


def records(run: Path) -> list[dict]:
    return [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]


def wait_for_batches(run: Path, procs: list[subprocess.Popen], n: int = 1, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = run / "metrics.jsonl"
        if log.exists() and log.read_text().count('"event": "batch"') >= n:
            return
        if any(p.poll() is not None for p in procs):
            outputs = [p.communicate()[1] for p in procs]
            raise AssertionError(f"a process ended early: {outputs}")
        time.sleep(0.1)
    raise AssertionError("no batch was logged")


def check_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]


# ---------------------------------------------------------------- the splitting arithmetic


def test_parts_cover_a_batch_in_order_and_the_loss_scale_gives_the_global_mean():
    for world in (1, 2, 3, 4):
        for n in (0, 1, 5, 16, 17):
            ranks = [Distributed(rank, world) for rank in range(world)]
            parts = [list(range(n))[r.part(n)] for r in ranks]
            assert sum(parts, []) == list(range(n))  # every item once, in order
            assert max(map(len, parts)) - min(map(len, parts)) <= 1
    # DDP averages the ranks' gradients: sum_r (scale * sum of rank r's losses) / world = global mean
    losses = torch.arange(1.0, 6.0)  # a global batch of 5 split 3 + 2
    ranks = [Distributed(rank, 2) for rank in range(2)]
    averaged = sum(losses[r.part(5)].sum() * r.loss_scale(5) for r in ranks) / 2
    assert averaged.item() == pytest.approx(losses.mean().item())


def numbered_images(n: int) -> ImageSet:
    """n tiny images whose label is their index, so a batch shows which images it holds."""
    images = torch.arange(n * 4 * 4, dtype=torch.int64).remainder(251).to(torch.uint8).reshape(n, 1, 4, 4)
    return ImageSet(images, torch.arange(n))


@pytest.mark.parametrize("world", [2, 3])
def test_each_rank_holds_only_its_shard_and_the_ranks_together_train_the_one_process_batches(world):
    train, batch_size, steps = numbered_images(103), 32, 4  # 3 full batches and one of 7
    permutation = torch.randperm(103, generator=torch.Generator().manual_seed(3))
    alone = TrainingShard(train, batch_size, steps, torch.device("cpu"), Distributed())
    alone.start_epoch(permutation)
    ranks = [TrainingShard(train, batch_size, steps, torch.device("cpu"), Distributed(r, world)) for r in range(world)]
    for first in (0, 2):  # a new epoch, and a resume before its third batch
        for shard in ranks:
            shard.start_epoch(permutation, first)
        # each rank holds its part of the batches still to train, nothing more
        assert [len(shard.labels) for shard in ranks] == [
            sum(Distributed(r, world).sizes(len(permutation[b * 32:(b + 1) * 32]))[r] for b in range(first, steps))
            for r in range(world)]
        assert sum(len(shard.labels) for shard in ranks) == 103 - first * 32
        for b in range(first, steps):
            whole = alone.batch(b)
            parts = [shard.batch(b) for shard in ranks]
            assert all(p.size == whole.size for p in parts)
            assert torch.equal(torch.cat([p.labels for p in parts]), whole.labels)
            assert torch.equal(torch.cat([p.images for p in parts]), whole.images)
            assert [p.part for p in parts] == [Distributed(r, world).part(whole.size) for r in range(world)]


def test_augmenting_a_part_gives_its_images_what_the_whole_batch_gives_them_and_draws_the_same_numbers():
    images = torch.randint(0, 256, (7, 1, 6, 6), dtype=torch.uint8, generator=torch.Generator().manual_seed(1))
    generator = torch.Generator().manual_seed(5)
    whole = augment(images, generator, pad=2, flip=True)
    after_whole = generator.get_state()
    pieces = []
    for rank in range(2):
        part = Distributed(rank, 2).part(7)
        generator = torch.Generator().manual_seed(5)
        pieces.append(augment(images[part], generator, pad=2, flip=True, part=part, batch_size=7))
        assert torch.equal(generator.get_state(), after_whole)  # the next batch's numbers are the same too
    assert torch.equal(torch.cat(pieces), whole)
    assert not torch.equal(whole, images.float())  # the crops and flips did something


def test_each_rank_holds_its_part_of_the_validation_images():
    val = numbered_images(31)
    parts = [validation_shard(val, torch.device("cpu"), Distributed(r, 2)) for r in range(2)]
    assert [len(p) for p in parts] == [16, 15]
    assert torch.equal(torch.cat(parts), val.images)
    assert torch.equal(validation_shard(val, torch.device("cpu"), Distributed()), val.images)


def test_stop_file_is_obeyed_once_and_an_old_one_is_not(tmp_path):
    distributed.StopFile.write(tmp_path)
    old = tmp_path / STOP_FILE
    os.utime(old, (time.time() - 60, time.time() - 60))  # left over from an earlier stop
    watcher = distributed.StopFile(tmp_path)
    assert not watcher.requested() and not old.exists()
    distributed.StopFile.write(tmp_path)
    assert watcher.requested()
    assert not watcher.requested()  # removed once seen: a resume does not stop at once


# ---------------------------------------------------------------- real runs


def test_two_processes_train_one_writer_whole_validation_and_resume_across_counts(tmp_path):
    run = tmp_path / "run"
    check_ok(torchrun(2, run, "--epochs", "1"))
    log = records(run)
    kinds = [r["event"] for r in log]
    assert kinds.count("run_started") == 1 and kinds.count("epoch") == 1 and kinds[-1] == "finished"
    steps = [r["step"] for r in log if r["event"] == "batch"]
    assert steps == [1, 2, 3]  # 48 images, global batch 16: each step logged once, by rank 0 alone
    assert sorted(p.name for p in run.iterdir()) == ["best.pt", "last.pt", "metrics.jsonl"]
    assert any("2 processes" in note for note in log[0]["notes"])

    # the reported validation is that of the whole set: one process evaluating last.pt agrees
    epoch = [r for r in log if r["event"] == "epoch"][-1]
    checkpoint = load_checkpoint(run / "last.pt")
    evaluation = evaluate_checkpoint(checkpoint, evaluation_dataset(checkpoint))
    assert len(evaluation.labels) == 30
    assert evaluation.accuracy == pytest.approx(epoch["val_accuracy"], abs=1e-9)
    assert evaluation.loss == pytest.approx(epoch["val_loss"], rel=1e-4)
    assert checkpoint.position.step == 3 and checkpoint.train_config.batch_size == 16

    # a 2-process checkpoint resumes in 1 process, and that one in 2 again
    check_ok(train_alone(run, "--resume", str(run / "last.pt"), "--epochs", "2"))
    check_ok(torchrun(2, run, "--resume", str(run / "last.pt"), "--epochs", "3"))
    log = records(run)
    assert [r["epoch"] for r in log if r["event"] == "epoch"] == [1, 2, 3]
    assert [r["step"] for r in log if r["event"] == "batch"] == list(range(1, 10))
    assert load_checkpoint(run / "last.pt").position.step == 9


def test_a_stop_file_ends_every_rank_with_last_pt_saved(tmp_path):
    run = tmp_path / "run"
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
               "-m", "googlenet_gui", "train", *SMALL, "--epochs", "50", "--out", str(run)]
    launcher = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
                                cwd=ROOT)
    try:
        wait_for_batches(run, [launcher])
        distributed.StopFile.write(run)
        out, err = launcher.communicate(timeout=60)  # torchrun returns when both ranks have ended
    finally:
        if launcher.poll() is None:
            launcher.kill()
    assert launcher.returncode == 0, err[-3000:]
    assert "stopped at step" in out
    log = records(run)
    assert log[-1]["event"] == "stopped"
    checkpoint = load_checkpoint(run / "last.pt")
    assert checkpoint.position.step == log[-1]["epochs_done"] * 3 + log[-1]["batches_done"] < 150
    assert not (run / STOP_FILE).exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_killed_rank_ends_the_other_with_a_message_and_last_pt_loadable(tmp_path):
    """Started by hand with torchrun's variables: no agent to end the survivor, the collective timeout must."""
    run = tmp_path / "run"
    port = str(_free_port())
    procs = []
    for rank in range(2):
        env = {**_env(), "RANK": str(rank), "LOCAL_RANK": str(rank), "WORLD_SIZE": "2",
               "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": port}
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "googlenet_gui", "train", *SMALL, "--epochs", "50", "--checkpoint-minutes", "0",
             "--dist-timeout", "20", "--out", str(run)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT))
    try:
        wait_for_batches(run, procs, n=2)
        procs[1].send_signal(signal.SIGKILL)
        started = time.monotonic()
        _, err = procs[0].communicate(timeout=60)
        assert time.monotonic() - started < 60
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.communicate()
    assert procs[0].returncode == 1
    assert "another process of this distributed run died or stopped answering" in err
    assert load_checkpoint(run / "last.pt").position.step >= 1

