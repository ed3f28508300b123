"""metrics.jsonl, a run folder's log: one JSON object per line, flushed as written. This module
writes it and is the one that knows how to read it back.

The log is also the run folder's lock: a training holds an exclusive lock on it for as long as
it runs, so a second training on the same folder is refused instead of mixing two runs' lines
and checkpoints. A resumed run first drops the lines that lie beyond the checkpoint it resumes
from (a killed run's last lines would otherwise appear twice).

Every record has "event" (one of the kinds below) and "wall_time" (seconds since 1970 when written).
Each epoch record also carries the run's totals so far, "best_val_accuracy" and "total_time"
(seconds of training and validation), so a reader learns them from the log's last epoch record
without reading the whole file (see read_outline).
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, TextIO

from .events import BatchEnd, EpochEnd, Position, RunStarted
from .origin import Origin
from ..common.messages import QT_TRANSLATE_NOOP, Message

METRICS_FILE = "metrics.jsonl"
LOG_VERSION = 2  # 2: epochs counted from 1

# The kinds of record, in the order a run writes them.
RUN_STARTED, BATCH, EPOCH, STOPPED, FINISHED = "run_started", "batch", "epoch", "stopped", "finished"
TERMINAL_RECORDS = (STOPPED, FINISHED)

# A run's state, as its files say it.
RUNNING, FINISHED_STATE, STOPPED_STATE, FAILED = "running", "finished", "stopped", "failed"
# A log without a terminal record, whose lock nobody holds (a writer on another machine holds none
# we can see), counts as running while it was written to this recently; after that, as failed.
ACTIVE_SECONDS = 30.0
# A training that starts while a reader tests the lock (a moment's shared lock) waits this long for it.
LOCK_WAIT_SECONDS = 1.0


class RunFolderBusy(RuntimeError):
    """Another training is writing this run folder."""


class MetricsLog:
    """Appends records to <run folder>/metrics.jsonl while holding the folder's lock.

    `resume_at`: the position a resumed run starts from; records beyond it are dropped first.
    None starts a new log (an older one is replaced).
    """

    def __init__(self, run_dir: Path, resume_at: Position | None):
        run_dir.mkdir(parents=True, exist_ok=True)
        self.path = run_dir / METRICS_FILE
        # "a": opening must not truncate a log that another training holds; the lock comes first.
        self._file: TextIO | None = open(self.path, "a+", encoding="utf-8")
        try:
            _lock(self._file, run_dir)
            if resume_at is None:
                self._file.truncate(0)
                kept = []
            else:
                kept = _drop_records_beyond(self._file, resume_at)
        except BaseException:
            self._file.close()
            self._file = None
            raise
        # the totals each epoch record carries, continued from the epochs kept on resume
        self._best_val_accuracy: float | None = None
        self._total_time = 0.0
        for record in kept:
            self._count_epoch(record)

    def deleted(self) -> bool:
        """Whether the run folder or this log was deleted while it was being written."""
        if self._file is None:
            return False
        try:
            return os.fstat(self._file.fileno()).st_nlink == 0 or not self.path.parent.is_dir()
        except OSError:
            return True

    def rebuild(self, records: Iterable[dict[str, Any]]) -> None:
        """Make the folder and the log again (after deleted()), with `records`, and go on appending."""
        if self._file:
            self._file.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "w", encoding="utf-8")
        _lock(self._file, self.path.parent)
        self._best_val_accuracy, self._total_time = None, 0.0  # added up again from the records
        for record in records:
            self.write(record)

    def write(self, record: dict[str, Any]) -> None:
        if self._file:
            record = {**record, "wall_time": round(time.time(), 3)}  # "event" stays the first key
            if record.get("event") == EPOCH:
                self._count_epoch(record)
                record.update(best_val_accuracy=self._best_val_accuracy, total_time=self._total_time)
            self._file.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")
            self._file.flush()

    def _count_epoch(self, record: dict[str, Any]) -> None:
        if record.get("event") != EPOCH:
            return
        val, seconds = record.get("val_accuracy"), record.get("time")
        if _is_number(val) and (self._best_val_accuracy is None or val > self._best_val_accuracy):
            self._best_val_accuracy = float(val)
        if _is_number(seconds):
            self._total_time += float(seconds)

    def close(self) -> None:
        if self._file:
            self._file.close()  # releases the lock
            self._file = None


def _lock(file: TextIO, run_dir: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; two trainings on one folder are not detected there
        return
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            # A reader testing the lock (writer_active) holds it for a moment; a training holds it for good.
            if time.monotonic() >= deadline:
                raise RunFolderBusy(Message(QT_TRANSLATE_NOOP("Core", "{folder} is being written by another training; "
                                                                      "choose another run folder or stop that training "
                                                                      "first"), folder=run_dir)) from None
            time.sleep(0.02)


def _drop_records_beyond(file: TextIO, position: Position) -> list[dict[str, Any]]:
    """Keep the lines up to `position`; a half-written last line (a kill mid-write) goes too.
    Returns the records kept."""
    file.seek(0)
    kept: list[str] = []
    records: list[dict[str, Any]] = []
    for line in file:
        if not line.endswith("\n"):
            break
        try:
            record = json.loads(line)
        except ValueError:
            break
        if _beyond(record, position):
            break
        kept.append(line)
        records.append(record)
    file.seek(0)
    file.truncate(0)
    file.writelines(kept)
    file.flush()
    os.fsync(file.fileno())
    return records


def _beyond(record: Any, position: Position) -> bool:
    if not isinstance(record, dict):
        return True
    if record.get("event") == "batch":
        step = record.get("step")
        return not isinstance(step, int) or step > position.step
    if record.get("event") == "epoch":
        epoch = record.get("epoch")
        return not isinstance(epoch, int) or epoch > position.epochs_done
    return False


# ---------------------------------------------------------------- reading


HEAD_LIMIT = 4 << 20  # the first record holds the class names: longer than this, it is not ours
TAIL_CHUNK = 64 << 10
TAIL_LIMIT = 16 << 20  # how far back from the end the last epoch record is looked for
_KIND_PREFIX = b'{"event": "'  # how write() begins every record


def parse_record(line: bytes | str) -> dict[str, Any] | None:
    """One complete line -> its record; None for a damaged line (not JSON, not a table, no kind)."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(record, dict) or not isinstance(record.get("event"), str):
        return None
    return record


def _kind(line: bytes) -> str | None:
    """A line's kind without parsing the whole line, when it begins as write() begins it."""
    if line.startswith(_KIND_PREFIX):
        end = line.find(b'"', len(_KIND_PREFIX))
        if end > 0:
            return line[len(_KIND_PREFIX):end].decode("ascii", "replace")
    record = parse_record(line)
    return record["event"] if record else None


@dataclass
class LogOutline:
    """What a log's first line and its tail say about a run, without reading the lines between."""

    first: dict[str, Any] | None = None  # the first record: the run_started of its first session
    latest_start: dict[str, Any] | None = None  # the newest run_started, when it lies in the tail read
    last_batch: dict[str, Any] | None = None
    last_epoch: dict[str, Any] | None = None
    last: dict[str, Any] | None = None  # the newest complete record
    best_val_accuracy: float | None = None  # over every epoch
    total_time: float = 0.0  # seconds of training and validation, over every epoch

    @property
    def complete(self) -> bool:
        """The tail read says all a summary needs: the last epoch, and the newest session's plan
        (its run_started, or a batch with its total steps)."""
        return self.last_epoch is not None and (self.last_batch is not None or self.latest_start is not None)


def read_outline(path: Path) -> LogOutline:
    """Read metrics.jsonl's first record and, backwards from its end, its newest records up to the
    last epoch record (and the batch before it). A half-written last line (a run writing it now)
    is left out."""
    outline = LogOutline()
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        head = f.readline(HEAD_LIMIT)
        if head.endswith(b"\n"):
            outline.first = parse_record(head)
        pos, carry, chunk = size, None, TAIL_CHUNK
        while pos > 0 and size - pos < TAIL_LIMIT and not outline.complete:
            start = max(0, pos - chunk)
            f.seek(start)
            data = f.read(pos - start)
            if carry is None:
                pieces = data.split(b"\n")
                pieces.pop()  # after the last newline: nothing, or a line being written
            else:
                pieces = (data + carry).split(b"\n")
            carry = pieces.pop(0) if start > 0 else None  # the end of a line that began further back
            if carry is not None and len(carry) > HEAD_LIMIT:
                carry = b""  # no record is this long: skip the damaged stretch
            for line in reversed(pieces):
                _outline_line(outline, line)
                if outline.complete:
                    break
            pos, chunk = start, min(chunk * 2, 1 << 20)
    epoch = outline.last_epoch
    if epoch is not None and "total_time" in epoch:
        best, total = epoch.get("best_val_accuracy"), epoch.get("total_time")
        outline.best_val_accuracy = float(best) if _is_number(best) else None
        outline.total_time = float(total) if _is_number(total) else 0.0
    elif epoch is not None:  # a log from before the totals were written: add up its epoch records
        outline.best_val_accuracy, outline.total_time = _epoch_totals(path)
    return outline


def _outline_line(outline: LogOutline, line: bytes) -> None:
    """Note one complete line, met going backwards from the end."""
    if not line.strip():
        return
    if outline.last is None:
        record = parse_record(line)
        if record is None:
            return
        outline.last = record
        kind = record["event"]
    else:
        kind, record = _kind(line), None
    wanted = {BATCH: "last_batch", EPOCH: "last_epoch", RUN_STARTED: "latest_start"}.get(kind or "")
    if wanted and getattr(outline, wanted) is None:
        record = record or parse_record(line)
        if record is not None:
            setattr(outline, wanted, record)


def _epoch_totals(path: Path) -> tuple[float | None, float]:
    """Best validation accuracy and summed epoch times, from every epoch record of the file."""
    best, total = None, 0.0
    marker = _KIND_PREFIX + EPOCH.encode() + b'"'
    with open(path, "rb") as f:
        for line in f:
            if marker not in line or not line.endswith(b"\n"):
                continue
            record = parse_record(line)
            if record is None:
                continue
            val, seconds = record.get("val_accuracy"), record.get("time")
            if _is_number(val) and (best is None or val > best):
                best = float(val)
            if _is_number(seconds):
                total += float(seconds)
    return best, total


def writer_active(path: Path) -> bool | None:
    """Whether a training holds the log's lock now; None where that cannot be told (no file locks,
    no file). A writer on another machine (a mounted folder) may hold a lock this cannot see."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # a moment's shared lock; MetricsLog waits for it
    except BlockingIOError:
        return True
    except OSError:
        return None  # a file system without locks
    finally:
        os.close(fd)  # releases the shared lock
    return False


def run_state(last: dict[str, Any] | None, writing: bool | None, last_write: float, now: float | None = None) -> str:
    """RUNNING, FINISHED_STATE, STOPPED_STATE or FAILED, from the newest record, the lock and the
    time of the last write."""
    kind = last.get("event") if last else None
    if kind == FINISHED:
        return FINISHED_STATE
    if kind == STOPPED:
        return STOPPED_STATE
    if writing:
        return RUNNING
    now = time.time() if now is None else now
    return RUNNING if now - last_write < ACTIVE_SECONDS else FAILED


# What a batch record may lack: a log rebuilt from a run's memory (MetricsLog.rebuild) has no
# learning rate or speed for its earlier batches.
_BATCH_DEFAULTS = {"lr": 0.0, "images_per_sec": 0.0}


def batch_from_record(record: dict[str, Any]) -> BatchEnd | None:
    """A batch record as the engine's BatchEnd; None when a field is missing or not a number."""
    values = {}
    for f in dataclasses.fields(BatchEnd):
        value = record.get(f.name, _BATCH_DEFAULTS.get(f.name))
        if not _is_number(value) or not math.isfinite(value):
            return None
        if f.type == "int" or f.type is int:
            if not isinstance(value, int):
                return None
        values[f.name] = value
    return BatchEnd(**values)


def epoch_from_record(record: dict[str, Any]) -> EpochEnd | None:
    try:
        return EpochEnd.from_dict(record)
    except ValueError:
        return None


def started_from_record(record: dict[str, Any]) -> RunStarted | None:
    """A run_started record as the engine's RunStarted (without the history it leaves out);
    None when it is not one this app wrote."""
    try:
        config, position = record["config"], record["position"]
        started = RunStarted(
            config=dict(config), device=str(record["device"]), precision=str(record["precision"]),
            train_size=int(record["train_size"]), val_size=int(record["val_size"]),
            class_names=[str(c) for c in record["class_names"]], channels=int(record["channels"]),
            steps_per_epoch=int(record["steps_per_epoch"]), total_steps=int(record["total_steps"]),
            position=Position(int(position["epochs_done"]), int(position["batches_done"]),
                              int(position["steps_per_epoch"])),
            history=[], batch_history={}, run_dir=record.get("run_dir"), notes=[], origin=origin_from_record(record))
    except (KeyError, TypeError, ValueError):
        return None
    if started.steps_per_epoch < 1 or not isinstance(config.get("epochs"), int):
        return None
    return started


def origin_from_record(record: dict[str, Any]) -> Origin | None:
    """Where the run's first weights came from, from its run_started record; None for random
    weights, a log from before origins were written, or a damaged description."""
    try:
        return Origin.from_dict(record["origin"]) if record.get("origin") is not None else None
    except ValueError:
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
