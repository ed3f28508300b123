"""Data-parallel training under torchrun: the one place that knows torch.distributed.

The engine runs the same loop in every process; `Distributed` is the small context it gets:
this process's rank, the world size, and the few collectives the loop needs. With one process
(`SINGLE`) every collective is a no-op, so the loop has no second path.

How a run is split (the same settings mean the same at any scale):
- `--batch-size` is the global batch. Every rank draws the same seeded permutation of the training
  set each epoch; batch b is the permutation's b-th slice, and each rank trains its contiguous part
  of it (`part`). The loss is summed and scaled so that DDP's average of the gradients is the
  gradient of the global batch's mean.
- Each rank holds on its device only its shard (core/training/shards.py): at the start of an epoch (or of a
  resume, from the stored permutation) it takes from its host copy of the dataset (every process
  loads the whole dataset) its part of every batch of the epoch, so a batch is a contiguous slice of
  the shard. Augmentation draws the random numbers of the whole global batch on every rank (cheap;
  the generator advances the same way at any scale) and crops and flips only the rank's part, so
  every image gets what it would get in one process.
- Validation is split the same way: each rank holds its contiguous part of the validation images
  (and all the labels), evaluates it with rank 0's BatchNorm statistics (the ones the checkpoint
  holds; `broadcast_buffers`), and the logits and features are gathered back in order, so every
  rank evaluates exactly the whole validation set.
- BatchNorm (without `--sync-bn`) normalises each rank's part with that part's statistics, and
  DDP broadcasts rank 0's running statistics at every training step, so the checkpoint's are those
  rank 0's parts gave.
- Rank 0 alone writes metrics.jsonl and the checkpoints (the plain, unwrapped model), so a run
  from N processes resumes on M, or on one, and the other way round.
- A stop (a signal to any rank, the STOP file that rank 0 watches) is agreed on with one small
  all-reduce before every step, so every rank ends after the same batch.
"""
from __future__ import annotations

import datetime
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import torch
import torch.distributed as dist

from ..common.files import atomic_write

if TYPE_CHECKING:
    from ..runs.config import TrainConfig

STOP_FILE = "STOP"  # in the run folder: the window's Stop for a torchrun run (any process may write it)
DEFAULT_TIMEOUT_S = 600.0  # a collective that waits longer than this means a process died or hangs


class DistributedError(RuntimeError):
    """The distributed run cannot start or go on (another process died, a bad launch), in one line."""


@dataclass(frozen=True)
class Distributed:
    """This process's place in a data-parallel run; the default is a run of one process."""

    rank: int = 0
    world_size: int = 1
    local_rank: int = 0
    sync_bn: bool = False

    @property
    def enabled(self) -> bool:
        return self.world_size > 1

    @property
    def is_main(self) -> bool:
        """Rank 0: the one process that writes the run folder."""
        return self.rank == 0

    # ------------------------------------------------------------ splitting

    def sizes(self, n: int) -> list[int]:
        """How `n` items are split across the ranks: contiguous parts, sizes differing by at most 1."""
        base, extra = divmod(n, self.world_size)
        return [base + (1 if r < extra else 0) for r in range(self.world_size)]

    def part(self, n: int) -> slice:
        """This rank's contiguous part of `n` items (of a batch, of the validation set)."""
        sizes = self.sizes(n)
        start = sum(sizes[:self.rank])
        return slice(start, start + sizes[self.rank])

    def loss_scale(self, global_batch: int) -> float:
        """What this rank's summed loss is multiplied by so that DDP's mean of the ranks' gradients
        is the gradient of the global batch's mean loss, even when the parts differ in size."""
        return self.world_size / global_batch

    # ------------------------------------------------------------ collectives

    def sum(self, tensor: torch.Tensor) -> torch.Tensor:
        """`tensor` summed over the ranks (in place; queued on the device, no host sync)."""
        if self.enabled:
            dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
        return tensor

    def agree_stop(self, stop: bool, device: torch.device) -> bool:
        """True on every rank when any rank asks to stop: one small all-reduce, a host sync."""
        if not self.enabled:
            return stop
        flag = torch.tensor([1 if stop else 0], dtype=torch.int32, device=device)
        dist.all_reduce(flag, op=dist.ReduceOp.MAX)
        return bool(flag.item())

    def gather_rows(self, rows: torch.Tensor, n: int) -> torch.Tensor:
        """Every rank's `part(n)` of rows, gathered on every rank in order: the rows of all `n` items."""
        if not self.enabled:
            return rows
        sizes = self.sizes(n)
        padded = rows.new_zeros((max(sizes), *rows.shape[1:]))
        padded[:len(rows)] = rows
        pieces = [torch.empty_like(padded) for _ in sizes]
        dist.all_gather(pieces, padded)
        return torch.cat([piece[:size] for piece, size in zip(pieces, sizes)])

    def broadcast_buffers(self, model: torch.nn.Module) -> None:
        """Rank 0's buffers (BatchNorm's running statistics) on every rank, in place. DDP does this at
        the start of each training forward pass; the evaluation runs the plain model, where each rank
        still holds the statistics its own last part gave."""
        if self.enabled:
            for buffer in model.buffers():
                dist.broadcast(buffer, src=0)

    def wrap(self, model: torch.nn.Module, device: torch.device) -> torch.nn.Module:
        """The module the training steps run: DistributedDataParallel around `model` (whose
        parameters it shares), or `model` itself for one process. The caller keeps `model` for
        checkpoints, snapshots and validation."""
        if not self.enabled:
            return model
        from torch.nn.parallel import DistributedDataParallel

        ids = [device.index] if device.type == "cuda" else None
        return DistributedDataParallel(model, device_ids=ids)

    def convert_batchnorm(self, model: torch.nn.Module, device: torch.device) -> torch.nn.Module:
        """With `sync_bn`, BatchNorm layers become SyncBatchNorm (same parameters and state-dict keys,
        so checkpoints stay plain); PyTorch's SyncBatchNorm trains on GPUs only."""
        if not (self.enabled and self.sync_bn):
            return model
        if device.type != "cuda":
            raise DistributedError("--sync-bn needs CUDA GPUs: PyTorch's SyncBatchNorm does not train on CPUs")
        return torch.nn.SyncBatchNorm.convert_sync_batchnorm(model)


SINGLE = Distributed()


# ---------------------------------------------------------------- starting under torchrun


def launched_by_torchrun() -> bool:
    """Whether this process is one of several that torchrun (or another launcher) started."""
    return int(os.environ.get("WORLD_SIZE", "1") or 1) > 1


def start(device: str, sync_bn: bool = False, timeout_s: float = DEFAULT_TIMEOUT_S) -> tuple[Distributed, str]:
    """Join the process group torchrun set up (its RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and
    MASTER_PORT): NCCL with one GPU per process (cuda:LOCAL_RANK) when `device` asks for CUDA, gloo on
    CPUs. Returns the context and the device this process trains on. Collectives that wait longer
    than `timeout_s` fail, so a dead process ends the others with a message instead of a hang."""
    try:
        rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    except (KeyError, ValueError):
        raise DistributedError("RANK and WORLD_SIZE must be set: start several processes with torchrun") from None
    kind = (device or "cpu").strip().lower().split(":")[0]
    if kind == "cuda":
        if not torch.cuda.is_available() or local_rank >= torch.cuda.device_count():
            raise DistributedError(f"process {rank} wants GPU {local_rank} (LOCAL_RANK), but this machine has "
                                   f"{torch.cuda.device_count()}: start at most one process per GPU")
        torch.cuda.set_device(local_rank)
        backend, device = "nccl", f"cuda:{local_rank}"
    elif kind == "cpu":
        backend, device = "gloo", "cpu"
    else:
        raise DistributedError(f"distributed training runs on CPUs (gloo) or CUDA GPUs (NCCL), not {device!r}")
    timeout = datetime.timedelta(seconds=timeout_s)
    try:
        if backend == "nccl":
            dist.init_process_group(backend, timeout=timeout, device_id=torch.device(device))
        else:
            dist.init_process_group(backend, timeout=timeout)
    except (RuntimeError, ValueError) as exc:
        raise DistributedError(f"cannot join the distributed run: {_first_line(exc)}") from None
    return Distributed(rank, world, local_rank, sync_bn), device


def finish() -> None:
    """Leave the process group (after a run that ended normally)."""
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def peer_failure(exc: BaseException) -> str | None:
    """The message for an error that means another process of the run died or stopped answering
    (a collective failed or timed out); None for any other error."""
    if not (dist.is_available() and dist.is_initialized()):
        return None
    text = str(exc)
    lower = text.lower()
    signs = ("gloo", "nccl", "connection closed", "connection reset", "timed out", "timeout", "broken pipe",
             "peer", "watchdog")
    if isinstance(exc, getattr(dist, "DistError", ())) or any(s in lower for s in signs):
        return (f"another process of this distributed run died or stopped answering ({_first_line(exc)}); "
                f"process {dist.get_rank()} ends too")
    return None


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return (lines[0] if lines else type(exc).__name__)[:200]


# ---------------------------------------------------------------- the STOP file


class StopFile:
    """`<run folder>/STOP`: a request to stop the run in that folder, from any process that can write
    there (the window's Stop for a run it launched with torchrun). A file older than this watcher
    is left over from an earlier stop and is removed, not obeyed."""

    def __init__(self, run_dir: Path):
        self.path = Path(run_dir) / STOP_FILE
        self.since = time.time()
        self._checked = 0.0

    def requested(self, every: float = 0.0) -> bool:
        """Whether a stop was asked for (checks the disk at most every `every` seconds); the file is
        removed once seen, so that a resumed run does not stop at once."""
        now = time.monotonic()
        if now - self._checked < every:
            return False
        self._checked = now
        try:
            made = self.path.stat().st_mtime
        except OSError:
            return False
        try:
            self.path.unlink()
        except OSError:
            pass
        return made >= self.since - 1.0  # a second's slack for a file system's coarse times

    @staticmethod
    def write(run_dir: Path) -> None:
        atomic_write(Path(run_dir) / STOP_FILE, lambda f: f.write(b"stop\n"))

    @staticmethod
    def clear(run_dir: Path) -> None:
        (Path(run_dir) / STOP_FILE).unlink(missing_ok=True)


# ---------------------------------------------------------------- launching from the window


LAUNCH_SETTINGS = "launch-settings.json"  # the settings a run launched from the window was started with


def prepare_launch(config: "TrainConfig", processes: int, run_dir: Path, resume: Path | None = None,
                   tensorboard: bool = False) -> list[str]:
    """The torchrun command line that trains `config` in `processes` processes on this machine (one
    per GPU on config.device "cuda", or gloo processes on "cpu"), writing `run_dir`: the `train`
    command run by this Python, which reads the settings from the file this writes into `run_dir`
    (the TrainConfig itself: no flag per setting to keep in step)."""
    import sys

    settings = Path(run_dir) / LAUNCH_SETTINGS
    config.save(settings)
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc-per-node={processes}",
               "-m", "googlenet_gui", "train", "--settings", str(settings), "--out", str(run_dir)]
    if resume is not None:
        command += ["--resume", str(resume)]
    if tensorboard:
        command.append("--tensorboard")
    return command
