"""metrics.jsonl, a run folder's log: one JSON object per line, flushed as written. This module
is the only code that knows its records: it builds every one from the engine's events (the kinds
are listed below, each with its builder), writes them, and reads them back.

The log is also the run folder's lock: a training holds an exclusive lock on it for as long as
it runs, so a second training on the same folder is refused instead of mixing two runs' lines
and checkpoints. A resumed run first drops the lines that lie beyond the checkpoint it resumes
from (a killed run's last lines would otherwise appear twice).

Every record has "event" (one of KINDS) and "wall_time" (seconds since 1970 when written).
Each epoch record also carries the run's totals so far, "best_val_accuracy" and "total_time"
(seconds of training and validation), so a reader learns them from the log's last epoch record
without reading the whole file (see read_outline).

The log comes from outside like any other file when it is read: only a regular file is opened,
without blocking, lines are read to a bounded length, and every number is checked for type and
range before anything (Qt, int()) sees it.

One piece: the log's format is known in one place, every record's builder beside its reader.
"""
from __future__ import annotations

import dataclasses
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from .events import MAX_STEPS, BatchEnd, EpochEnd, Position, RunStarted
from ..common.files import bounded_lines, open_regular, open_regular_append
from .origin import Origin
from ..common.messages import QT_TRANSLATE_NOOP, Message

METRICS_FILE = "metrics.jsonl"
LOG_VERSION = 2  # 2: epochs counted from 1

# The kinds of record, in the order a run writes them (each built by the function of its name below):
# run_started (started_record), batch (batch_record; rebuilt_batch_record for a log rebuilt from
# memory), epoch (epoch_record), stopped (stopped_record), finished (finished_record), and note
# (note_record: a sentence about the log itself).
RUN_STARTED, BATCH, EPOCH, STOPPED, FINISHED, NOTE = "run_started", "batch", "epoch", "stopped", "finished", "note"
KINDS = (RUN_STARTED, BATCH, EPOCH, STOPPED, FINISHED, NOTE)
TERMINAL_RECORDS = (STOPPED, FINISHED)
# Times a record may hold: seconds since 1970 up to the year 5138, and durations as long.
MAX_SECONDS = 1e11

# A run's state, as its files say it.
RUNNING, FINISHED_STATE, STOPPED_STATE, FAILED = "running", "finished", "stopped", "failed"
# A log without a terminal record, whose lock nobody holds (a writer on another machine holds none
# we can see), counts as running while it was written to this recently; after that, as failed.
ACTIVE_SECONDS = 30.0
# A training that starts while a reader tests the lock (a moment's shared lock) waits this long for it.
LOCK_WAIT_SECONDS = 1.0


class RunFolderBusy(RuntimeError):
    """Another training is writing this run folder."""


# ---------------------------------------------------------------- the records


def started_record(event: RunStarted) -> dict[str, Any]:
    """A session's first record: its settings, data, device and plan (not the earlier history a
    resume carries: the log holds that already)."""
    return {"event": RUN_STARTED, "log_version": LOG_VERSION,
            **{k: v for k, v in dataclasses.asdict(event).items() if k not in ("history", "batch_history")}}


def batch_record(event: BatchEnd) -> dict[str, Any]:
    return {"event": BATCH, **dataclasses.asdict(event)}


def rebuilt_batch_record(step: int, steps_per_epoch: int, total_steps: int, loss: float, accuracy: float) -> dict[str, Any]:
    """A batch as a run's memory keeps it (its batch history): no learning rate or speed."""
    return {"event": BATCH, "epoch": (step - 1) // steps_per_epoch + 1, "batch": (step - 1) % steps_per_epoch + 1,
            "batches": steps_per_epoch, "step": step, "total_steps": total_steps, "loss": loss, "accuracy": accuracy}


def epoch_record(event: EpochEnd) -> dict[str, Any]:
    return {"event": EPOCH, **event.to_dict()}


def stopped_record(position: Position, total_time: float | None = None) -> dict[str, Any]:
    """`total_time`: the run's seconds of training and validation up to the stop, the unfinished epoch's too."""
    record = {"event": STOPPED, **dataclasses.asdict(position)}
    if total_time is not None:
        record["total_time"] = total_time
    return record


def finished_record(best_val_accuracy: float | None) -> dict[str, Any]:
    return {"event": FINISHED, "best_val_accuracy": best_val_accuracy}


def note_record(message: str) -> dict[str, Any]:
    return {"event": NOTE, "message": str(message)}


def rebuilt_records(started: RunStarted, batch_history: dict[str, list[float]], history: list[EpochEnd],
                    note: str) -> Iterator[dict[str, Any]]:
    """A log again, from what a run holds in memory: its start, every batch's loss and accuracy
    (not their learning rate and speed), every epoch in its place, and `note` saying so."""
    yield started_record(started)
    per_epoch, total = started.steps_per_epoch, started.total_steps
    epochs = iter(history)
    next_epoch = next(epochs, None)
    for step, loss, accuracy in zip(batch_history["step"], batch_history["loss"], batch_history["accuracy"]):
        step = int(step)
        while next_epoch is not None and next_epoch.step < step:
            yield epoch_record(next_epoch)
            next_epoch = next(epochs, None)
        yield rebuilt_batch_record(step, per_epoch, total, loss, accuracy)
    while next_epoch is not None:
        yield epoch_record(next_epoch)
        next_epoch = next(epochs, None)
    yield note_record(note)


# ---------------------------------------------------------------- writing


class MetricsLog:
    """Appends records to <run folder>/metrics.jsonl while holding the folder's lock.

    `resume_at`: the position a resumed run starts from; records beyond it are dropped first.
    None starts a new log (an older one is replaced). A metrics.jsonl that is not a regular file
    (a named pipe, a device) is refused: files.FileRefused, an OSError.
    """

    def __init__(self, run_dir: Path, resume_at: Position | None):
        run_dir.mkdir(parents=True, exist_ok=True)
        self.path = run_dir / METRICS_FILE
        # append: opening must not truncate a log that another training holds; the lock comes first.
        self._file: BinaryIO | None = _open_log(self.path)
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

    # the records a run writes, in its order
    def started(self, event: RunStarted) -> None:
        self._write(started_record(event))

    def batch(self, event: BatchEnd) -> None:
        self._write(batch_record(event))

    def epoch(self, event: EpochEnd) -> None:
        self._write(epoch_record(event))

    def stopped(self, position: Position, epoch_time: float = 0.0) -> None:
        """A stop at `position`, `epoch_time` seconds into the epoch it stopped in."""
        self._write(stopped_record(position, self._total_time + max(0.0, epoch_time)))

    def finished(self, best_val_accuracy: float | None) -> None:
        self._write(finished_record(best_val_accuracy))

    def deleted(self) -> bool:
        """Whether the run folder or this log was deleted while it was being written."""
        if self._file is None:
            return False
        try:
            return os.fstat(self._file.fileno()).st_nlink == 0 or not self.path.parent.is_dir()
        except OSError:
            return True

    def rebuild(self, started: RunStarted, batch_history: dict[str, list[float]], history: list[EpochEnd]) -> None:
        """Make the folder and the log again (after deleted()) from what the run holds, and go on appending."""
        if self._file:
            self._file.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = _open_log(self.path)
        _lock(self._file, self.path.parent)
        self._file.truncate(0)
        self._best_val_accuracy, self._total_time = None, 0.0  # added up again from the records
        for record in rebuilt_records(started, batch_history, history,
                                      "the run folder was deleted while training; this log was rebuilt"):
            self._write(record)

    def _write(self, record: dict[str, Any]) -> None:
        if self._file:
            record = {**record, "wall_time": round(time.time(), 3)}  # "event" stays the first key
            if record.get("event") == EPOCH:
                self._count_epoch(record)
                record.update(best_val_accuracy=self._best_val_accuracy, total_time=self._total_time)
            self._file.write((json.dumps({k: v for k, v in record.items() if v is not None}) + "\n").encode("utf-8"))
            self._file.flush()

    def _count_epoch(self, record: dict[str, Any]) -> None:
        if record.get("event") != EPOCH:
            return
        val, seconds = _finite(record.get("val_accuracy"), 0.0, 1.0), _finite(record.get("time"), 0.0, MAX_SECONDS)
        if val is not None and (self._best_val_accuracy is None or val > self._best_val_accuracy):
            self._best_val_accuracy = val
        if seconds is not None:
            self._total_time += seconds

    def close(self) -> None:
        if self._file:
            self._file.close()  # releases the lock
            self._file = None


def _open_log(path: Path) -> BinaryIO:
    """metrics.jsonl opened to read and append (made if it is not there): only a regular file."""
    return open_regular_append(path, read=True)


def _lock(file: BinaryIO, run_dir: Path) -> None:
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


def _drop_records_beyond(file: BinaryIO, position: Position) -> list[dict[str, Any]]:
    """Keep the lines up to `position`; a half-written last line (a kill mid-write), or a damaged
    one, ends what is kept. Returns the records kept."""
    file.seek(0)
    kept: list[bytes] = []
    records: list[dict[str, Any]] = []
    for line in bounded_lines(file, HEAD_LIMIT):
        if line is None or not line.endswith(b"\n"):
            break
        record = parse_record(line)
        if record is None or _beyond(record, position):
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
_KIND_PREFIX = b'{"event": "'  # how _write() begins every record


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
    is left out, and so is a line longer than any record (damaged). FileRefused (an OSError) for
    a metrics.jsonl that is not a regular file."""
    outline = LogOutline()
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        head = f.readline(HEAD_LIMIT)
        if head.endswith(b"\n"):
            outline.first = parse_record(head)
        for line in _lines_backwards(f, size):
            if line is not None:
                _outline_line(outline, line)
            if outline.complete:
                break
    epoch = outline.last_epoch
    if epoch is not None and "total_time" in epoch:
        outline.best_val_accuracy = _finite(epoch.get("best_val_accuracy"), 0.0, 1.0)
        outline.total_time = _finite(epoch.get("total_time"), 0.0, MAX_SECONDS) or 0.0
    elif epoch is not None:  # a log from before the totals were written: add up its epoch records
        outline.best_val_accuracy, outline.total_time = _epoch_totals(path)
    last = outline.last
    if last is not None and last.get("event") == STOPPED and "total_time" in last:  # its unfinished epoch too
        outline.total_time = _finite(last.get("total_time"), 0.0, MAX_SECONDS) or outline.total_time
    return outline


def _lines_backwards(f: BinaryIO, size: int) -> Iterator[bytes | None]:
    """The file's complete lines from the last to the first (within TAIL_LIMIT bytes of its end),
    without their newlines. What follows the last newline (a line being written) is left out; a
    line longer than HEAD_LIMIT is given as None, never kept whole."""
    pos, chunk = size, TAIL_CHUNK
    pending = b""  # the end of a line whose beginning lies further back
    too_long = False  # the pending line is longer than any record: its bytes were let go
    at_end = True  # no newline met yet: the pending bytes are the line being written
    while pos > 0 and size - pos < TAIL_LIMIT:
        start = max(0, pos - chunk)
        f.seek(start)
        pieces = f.read(pos - start).split(b"\n")
        pos, chunk = start, min(chunk * 2, 1 << 20)
        pieces[-1] += pending
        for piece in reversed(pieces[1:]):  # each one begins after a newline met now and ends at the next
            if at_end:
                at_end = False
            else:
                yield None if too_long else piece
            too_long = False
        pending = pieces[0]
        if len(pending) > HEAD_LIMIT:
            pending, too_long = b"", True
    if pos == 0 and not at_end:
        yield None if too_long else pending


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
    with open_regular(path) as f:
        for line in bounded_lines(f, HEAD_LIMIT):
            if line is None or marker not in line or not line.endswith(b"\n"):
                continue
            record = parse_record(line)
            if record is None:
                continue
            val, seconds = _finite(record.get("val_accuracy"), 0.0, 1.0), _finite(record.get("time"), 0.0, MAX_SECONDS)
            if val is not None and (best is None or val > best):
                best = val
            if seconds is not None:
                total += seconds
    return best, total


def writer_active(path: Path) -> bool | None:
    """Whether a training holds the log's lock now; None where that cannot be told (no file locks,
    no file, not a regular file). A writer on another machine (a mounted folder) may hold a lock
    this cannot see."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        f = open_regular(path)
    except OSError:
        return None
    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)  # a moment's shared lock; MetricsLog waits for it
    except BlockingIOError:
        return True
    except OSError:
        return None  # a file system without locks
    finally:
        f.close()  # releases the shared lock
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
# The range of each number of a batch record; the whole numbers count from 1.
_BATCH_RANGES = {"loss": (0.0, 1e12), "accuracy": (0.0, 1.0), "lr": (0.0, 1e6), "images_per_sec": (0.0, 1e12)}


def batch_from_record(record: dict[str, Any]) -> BatchEnd | None:
    """A batch record as the engine's BatchEnd; None when a field is missing, not a number or out of range."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(BatchEnd):
        value = record.get(f.name, _BATCH_DEFAULTS.get(f.name))
        if f.name in _BATCH_RANGES:
            value = _finite(value, *_BATCH_RANGES[f.name])
        else:
            value = _whole(value, 1)
        if value is None:
            return None
        values[f.name] = value
    if values["batch"] > values["batches"] or values["step"] > values["total_steps"]:
        return None
    return BatchEnd(**values)


def epoch_from_record(record: dict[str, Any]) -> EpochEnd | None:
    try:
        return EpochEnd.from_dict(record)
    except ValueError:
        return None


def started_from_record(record: dict[str, Any]) -> RunStarted | None:
    """A run_started record as the engine's RunStarted (without the history it leaves out);
    None when it is not one this app wrote, or a number in it is out of range."""
    config, position = record.get("config"), record.get("position")
    names = record.get("class_names")
    if not isinstance(config, dict) or not isinstance(position, dict) or not isinstance(names, list):
        return None
    numbers = [_whole(record.get(key), low) for key, low in
               (("train_size", 0), ("val_size", 0), ("channels", 1), ("steps_per_epoch", 1), ("total_steps", 0))]
    at = [_whole(position.get(key), low) for key, low in (("epochs_done", 0), ("batches_done", 0), ("steps_per_epoch", 1))]
    device, precision, run_dir = record.get("device"), record.get("precision"), record.get("run_dir")
    if None in numbers or None in at or _whole(config.get("epochs"), 1) is None:
        return None
    if not isinstance(device, str) or not isinstance(precision, str) or not (run_dir is None or isinstance(run_dir, str)):
        return None
    if not all(isinstance(c, str) for c in names):
        return None
    train_size, val_size, channels, steps_per_epoch, total_steps = numbers
    return RunStarted(config=dict(config), device=device, precision=precision, train_size=train_size, val_size=val_size,
                      class_names=list(names), channels=channels, steps_per_epoch=steps_per_epoch, total_steps=total_steps,
                      position=Position(*at), history=[], batch_history={}, run_dir=run_dir, notes=[],
                      origin=origin_from_record(record))


def record_time(record: dict[str, Any]) -> float | None:
    """When a record was written (its wall_time, seconds since 1970), or None when it says no plausible time."""
    return _finite(record.get("wall_time"), 0.0, MAX_SECONDS)


def _finite(value: Any, low: float, high: float) -> float | None:
    """`value` as a float when it is a number within [low, high] (never NaN or infinite), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        value = float(value)
    except OverflowError:  # an int beyond any float
        return None
    return value if low <= value <= high else None  # NaN compares false


def _whole(value: Any, low: int = 0, high: int = MAX_STEPS) -> int | None:
    """`value` when it is a whole number within [low, high], else None."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def origin_from_record(record: dict[str, Any]) -> Origin | None:
    """Where the run's first weights came from, from its run_started record; None for random
    weights, a log from before origins were written, or a damaged description."""
    try:
        return Origin.from_dict(record["origin"]) if record.get("origin") is not None else None
    except ValueError:
        return None
