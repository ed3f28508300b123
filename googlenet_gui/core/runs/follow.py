"""Following a run folder that another process writes (the CLI, torchrun, a mounted machine).

RunFollower reads metrics.jsonl incrementally: each poll reads only the bytes added since the
last one, a half-written last line waits for its end, and a log that was replaced (a new file)
or truncated or rewritten (a new run, a resume dropping lines) is read again from its start.
It only reads the folder's files, so it does not matter who writes them, and only a regular
file, opened without blocking (a named pipe in its place is a problem, not a hang). Plain
Python: no torch, no Qt; the window calls poll() on a pool thread.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .events import BatchEnd, EpochEnd, RunStarted
from ..common.files import open_regular
from ..common.messages import QT_TRANSLATE_NOOP, Message
from .runlog import (BATCH, EPOCH, HEAD_LIMIT, METRICS_FILE, RUN_STARTED, batch_from_record, epoch_from_record,
                     parse_record, record_time, run_state, started_from_record, writer_active)
from ..common.text import display_name, error_line

READ_LIMIT = 16 << 20  # bytes read in one poll at most: a long log arrives over a few polls
_RECHECK = 256  # bytes before the read position compared each poll to notice a rewritten log
LAST_CHECKPOINT = "last.pt"
CANNOT_READ = QT_TRANSLATE_NOOP("Core", "{name}: cannot read {file} ({reason})")

FollowedEvent = RunStarted | BatchEnd | EpochEnd


@dataclass
class FollowUpdate:
    """What one poll found."""

    events: list[FollowedEvent] = field(default_factory=list)  # new records as the engine's events, oldest first
    restarted: bool = False  # the log was replaced or rewritten: `events` start again from its first line
    state: str | None = None  # runlog.RUNNING, FINISHED_STATE, STOPPED_STATE or FAILED; None: no log yet
    last_write: float | None = None  # when the log was last written (seconds since 1970)
    last_checkpoint: Path | None = None  # the run's last.pt, once there is one
    problem: str | None = None  # following cannot go on (the folder was deleted), in one line
    more: bool = False  # more bytes are waiting than one poll reads
    session_started: float | None = None  # when the newest run_started among `events` was written (s since 1970)


class RunFollower:
    def __init__(self, folder: str | os.PathLike, read_limit: int = READ_LIMIT):
        self.folder = Path(folder)
        self.path = self.folder / METRICS_FILE
        self.read_limit = read_limit
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file being read
        self._offset = 0  # bytes consumed, including a half-written line kept in _partial
        self._partial = b""
        self._skipping = False  # inside a line too long to be a record, whose start was let go
        self._recent = b""  # the last bytes consumed, to check they are still there
        self._last: dict[str, Any] | None = None  # the newest complete record

    def poll(self, now: float | None = None) -> FollowUpdate:
        name = display_name(self.folder)
        if not self.folder.is_dir():
            return FollowUpdate(problem=Message(QT_TRANSLATE_NOOP("Core", "{name}: the run folder was deleted or moved; following "
                                                                   "stopped"), name=name))
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            update = FollowUpdate(restarted=self._forget())
            update.last_checkpoint = self._checkpoint()
            return update
        except OSError as exc:
            return FollowUpdate(problem=Message(CANNOT_READ, name=name, file=METRICS_FILE, reason=error_line(exc, 100)))
        try:
            update = self._read(stat)
        except FileNotFoundError:  # removed between the stat and the open: the next poll sees it gone
            return FollowUpdate(restarted=self._forget())
        except OSError as exc:
            return FollowUpdate(problem=Message(CANNOT_READ, name=name, file=METRICS_FILE, reason=error_line(exc, 100)))
        update.last_write = stat.st_mtime
        update.state = run_state(self._last, writer_active(self.path), stat.st_mtime,
                                 time.time() if now is None else now)
        update.last_checkpoint = self._checkpoint()
        return update

    # ------------------------------------------------------------ reading

    def _read(self, stat: os.stat_result) -> FollowUpdate:
        update = FollowUpdate()
        with open_regular(self.path) as f:  # a named pipe would block this pool thread for good
            identity = (stat.st_dev, stat.st_ino)
            if identity != self._identity or stat.st_size < self._offset or not self._still_there(f):
                update.restarted = self._forget()
                self._identity = identity
            f.seek(self._offset)
            new = f.read(min(self.read_limit, max(0, stat.st_size - self._offset)))
            update.more = self._offset + len(new) < stat.st_size
        self._offset += len(new)
        self._recent = (self._recent + new)[-_RECHECK:]
        lines = (self._partial + new).split(b"\n")
        self._partial = lines.pop()  # after the last newline: the start of a line still being written
        if self._skipping and lines:  # the rest of a line too long to be a record
            lines[0], self._skipping = b"", False
        if len(self._partial) > HEAD_LIMIT:
            self._partial, self._skipping = b"", True  # no record is this long: skipped up to its end
        for line in lines:
            record = parse_record(line) if line.strip() and len(line) <= HEAD_LIMIT else None
            if record is None:
                continue  # a damaged line is skipped, as a reader of the whole file would
            self._last = record
            event = _event(record)
            if event is not None:
                update.events.append(event)
                if isinstance(event, RunStarted):
                    update.session_started = record_time(record)
        return update

    def _still_there(self, f: Any) -> bool:
        """Whether the bytes read last time are still where they were (a resume rewrites the log
        in place, shorter, then grows it again)."""
        if not self._recent:
            return True
        f.seek(self._offset - len(self._recent))
        return f.read(len(self._recent)) == self._recent

    def _forget(self) -> bool:
        """Start again from the beginning of the log; True if anything had been read."""
        had = self._offset > 0
        self._identity, self._offset, self._partial, self._recent, self._last = None, 0, b"", b"", None
        self._skipping = False
        return had

    def _checkpoint(self) -> Path | None:
        path = self.folder / LAST_CHECKPOINT
        return path if path.is_file() else None


def _event(record: dict[str, Any]) -> FollowedEvent | None:
    kind = record["event"]
    if kind == BATCH:
        return batch_from_record(record)
    if kind == EPOCH:
        return epoch_from_record(record)
    if kind == RUN_STARTED:
        return started_from_record(record)
    return None
