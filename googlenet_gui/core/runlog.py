"""metrics.jsonl, a run folder's log: one JSON object per line, flushed as written.

The log is also the run folder's lock: a training holds an exclusive lock on it for as long as
it runs, so a second training on the same folder is refused instead of mixing two runs' lines
and checkpoints. A resumed run first drops the lines that lie beyond the checkpoint it resumes
from (a killed run's last lines would otherwise appear twice).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, TextIO

from .events import Position

METRICS_FILE = "metrics.jsonl"
LOG_VERSION = 2  # 2: epochs counted from 1


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
            else:
                _drop_records_beyond(self._file, resume_at)
        except BaseException:
            self._file.close()
            self._file = None
            raise

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
        for record in records:
            self.write(record)

    def write(self, record: dict[str, Any]) -> None:
        if self._file:
            self._file.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file:
            self._file.close()  # releases the lock
            self._file = None


def _lock(file: TextIO, run_dir: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; two trainings on one folder are not detected there
        return
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise RunFolderBusy(f"{run_dir} is being written by another training; choose another run folder "
                            "or stop that training first") from None


def _drop_records_beyond(file: TextIO, position: Position) -> None:
    """Keep the lines up to `position`; a half-written last line (a kill mid-write) goes too."""
    file.seek(0)
    kept: list[str] = []
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
    file.seek(0)
    file.truncate(0)
    file.writelines(kept)
    file.flush()
    os.fsync(file.fileno())


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
