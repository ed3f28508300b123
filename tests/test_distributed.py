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

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.cli import build_parser
from googlenet_gui.cli.train import _config
from googlenet_gui.core.training import distributed
from googlenet_gui.core.runs.checkpoint import load_checkpoint
from googlenet_gui.core.data.sources import ImageSet
from googlenet_gui.core.training.distributed import STOP_FILE, Distributed
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.inference.evaluation import evaluate_checkpoint, evaluation_dataset
from googlenet_gui.core.runs.events import BatchEnd, Finished, Stopped
from googlenet_gui.core.training.shards import TrainingShard, validation_shard
from googlenet_gui.core.data.transforms import augment

ROOT = Path(__file__).resolve().parent.parent
SMALL = ["--dataset", "sample", "--limit-train", "48", "--limit-val", "30", "--input-size", "64",
         "--batch-size", "16", "--threads", "1", "--precision", "fp32"]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["OMP_NUM_THREADS"] = "1"
    return env


def run_group(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run `command` in a process group of its own; on a timeout the whole group is killed (torchrun's
    ranks too, which killing the launcher alone would leave behind)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
                               cwd=ROOT, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def torchrun(processes: int, out: Path, *args: str, timeout: float = 600,
             settings: list[str] = SMALL) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", str(processes),
               "-m", "googlenet_gui", "train", *settings, "--out", str(out), *args]
    return run_group(command, timeout)


def train_alone(out: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "googlenet_gui", "train", *SMALL, "--out", str(out), *args]
    return run_group(command, 600)


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
    assert sorted(p.name for p in run.iterdir()) == ["best.pt", "branch_stats.jsonl", "last.pt", "metrics.jsonl"]
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


# ---------------------------------------------------------------- 2 processes = 1 process, weight for weight


class OneProcessComputingAsTwo(Distributed):
    """One process (no collectives) whose network, while training, computes each batch as the two
    processes of a DDP run do: each rank's part (Distributed.sizes) goes through the network on its
    own, so BatchNorm normalises it with its own statistics, and only rank 0's part updates the
    running statistics (DDP broadcasts rank 0's buffers at every forward pass, and rank 0 writes the
    checkpoint). The parts also round as the ranks do: this network's gradient jumps where a ReLU or
    a max-pool changes its choice, so a reference that rounds differently (BatchNorm split alone, or
    one thread more) ends 4 steps away by far more than float tolerance. Put in through the engine's
    own model seam (`convert_batchnorm`): the training loop is the real one."""

    def convert_batchnorm(self, model: torch.nn.Module, device: torch.device) -> torch.nn.Module:
        whole_forward = model.forward
        norms = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]

        def forward(x: torch.Tensor) -> torch.Tensor:
            if not model.training:
                return whole_forward(x)
            outputs = []
            for rank, part in enumerate(x.split(Distributed(0, 2).sizes(len(x)))):
                for norm in norms:  # the other ranks' statistics never reach the checkpoint
                    norm.track_running_stats = rank == 0
                outputs.append(whole_forward(part))
            for norm in norms:
                norm.track_running_stats = True
            return torch.cat(outputs)

        model.forward = forward
        return model


def write_image_folder(root: Path, train: int, val: int, seed: int = 0) -> Path:
    """Three classes of 28x28 grayscale images: noise over a horizontal bar, a vertical bar or a blob."""
    rng = np.random.default_rng(seed)
    for split, count in (("train", train), ("val", val)):
        for i in range(count):
            label = i % 3
            image = rng.integers(0, 90, size=(28, 28))
            at = rng.integers(4, 20)
            if label == 0:
                image[at:at + 5, :] += 150
            elif label == 1:
                image[:, at:at + 5] += 150
            else:
                image[at:at + 8, at:at + 8] += 150
            folder = root / split / f"class{label}"
            folder.mkdir(parents=True, exist_ok=True)
            Image.fromarray(image.clip(0, 255).astype(np.uint8)).save(folder / f"{i:03d}.png")
    return root


def train_in_this_process(out: Path, settings: list[str], distributed: Distributed = Distributed(),
                          stop_at_step: int | None = None) -> None:
    """The `train` command's settings, trained by the engine in this process (stopped after a step if asked)."""
    config = _config(build_parser().parse_args(["train", *settings, "--out", str(out)]))
    trainer = Trainer(config, run_dir=out, distributed=distributed)
    for event in trainer.run():
        if isinstance(event, BatchEnd) and event.step == stop_at_step:
            trainer.request_stop()
    assert isinstance(event, Stopped if stop_at_step else Finished), event


def beyond_tolerance(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor], rtol: float = 1e-4,
                     atol: float = 1e-5) -> dict[str, float]:
    """For every parameter and buffer: how far its largest |a - b| goes beyond `atol + rtol * |b|` (0: within)."""
    assert a.keys() == b.keys()
    return {key: float(((a[key].double() - b[key].double()).abs() - (atol + rtol * b[key].double().abs()))
                       .max().clamp(min=0)) for key in a}


def is_statistic(key: str) -> bool:
    return key.endswith(("running_mean", "running_var", "num_batches_tracked"))


def test_two_processes_end_with_the_weights_of_one_process_computing_each_part_as_a_rank_does(tmp_path):
    """2 processes with a global batch of 32 = 1 process with a batch of 32, to float tolerance, after 4
    SGD steps (with augmentation, and a last batch of 7 split 4 + 3), BatchNorm accounted for; also
    when the 2 processes resume a 1-process run within its epoch."""
    data = write_image_folder(tmp_path / "images", train=103, val=17)
    settings = ["--dataset", "folder", "--data-dir", str(data), "--input-size", "64", "--batch-size", "32",
                "--epochs", "1", "--optimizer", "sgd", "--lr", "0.01", "--momentum", "0.9", "--augment",
                "--precision", "fp32", "--threads", "1"]
    check_ok(torchrun(2, tmp_path / "two", settings=settings, timeout=600))
    train_in_this_process(tmp_path / "accounted", settings, OneProcessComputingAsTwo())
    train_in_this_process(tmp_path / "plain", settings)
    train_in_this_process(tmp_path / "halfway", settings, OneProcessComputingAsTwo(), stop_at_step=2)

    two = load_checkpoint(tmp_path / "two" / "last.pt")
    accounted = load_checkpoint(tmp_path / "accounted" / "last.pt")
    assert two.position.step == accounted.position.step == 4
    beyond = beyond_tolerance(two.model_state, accounted.model_state)
    assert max(beyond.values()) == 0.0, max(beyond.items(), key=lambda item: item[1])
    # every rank validated with rank 0's BatchNorm statistics, the ones last.pt holds
    assert two.history[-1].val_loss == pytest.approx(accounted.history[-1].val_loss, rel=1e-5)
    assert two.history[-1].val_accuracy == accounted.history[-1].val_accuracy

    # a run stopped within the epoch in one process resumes in two (each rank taking its shard of the
    # batches left) to the same weights
    halfway = tmp_path / "halfway"
    assert load_checkpoint(halfway / "last.pt").position.batches_done == 2
    check_ok(torchrun(2, halfway, "--resume", str(halfway / "last.pt"), settings=settings, timeout=600))
    resumed = load_checkpoint(halfway / "last.pt")
    assert resumed.position.step == 4
    assert max(beyond_tolerance(resumed.model_state, accounted.model_state).values()) == 0.0

    # the check is sensitive: against one process with BatchNorm over the whole batch, both the
    # weights and the running statistics are far beyond the tolerance
    beyond = beyond_tolerance(two.model_state, load_checkpoint(tmp_path / "plain" / "last.pt").model_state)
    assert max(v for k, v in beyond.items() if not is_statistic(k)) > 1e-3
    assert max(v for k, v in beyond.items() if is_statistic(k)) > 1e-3
