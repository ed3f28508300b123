"""The runs index: one summary per run folder, from what the folder's files say.

A summary comes from metrics.jsonl's first record and its tail (runlog.read_outline), the lock
on it, and the folder's notes.json (the name and note a person gave the run); never from the
checkpoints, so hundreds of folders read in well under a second. RunsIndex keeps the summaries
and reads again only folders whose files changed. Plain Python: no torch, no Qt.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import stat as stat_module
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .events import MAX_STEPS, BatchEnd, EpochEnd, RunStarted
from ..common.files import atomic_write, read_limited
from .follow import RunFollower
from .origin import Origin
from ..common.messages import QT_TRANSLATE_NOOP, Message
from .runlog import (FAILED, FINISHED_STATE, METRICS_FILE, RUNNING, STOPPED_STATE, TERMINAL_RECORDS, origin_from_record,
                     read_outline, record_time, run_state, writer_active)
from ..common.text import error_line

NOTES_FILE = "notes.json"
NOTES_LIMIT = 64 << 10  # bytes: a notes file larger than this is not ours
MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 10_000
STATES = (RUNNING, FINISHED_STATE, STOPPED_STATE, FAILED)
CHECKPOINTS = ("last.pt", "best.pt")  # what the engine saves in a run folder
_FOLDER_STAMP = re.compile(r"^(\d{8}-\d{6})")  # the window names run folders 20250131-142501


class NotesError(ValueError):
    """A name or note that cannot be stored, with a one-line message."""


@dataclass(frozen=True)
class RunNotes:
    name: str = ""  # the person's name for the run; "" shows the folder's name
    note: str = ""


@dataclass(frozen=True)
class RunSummary:
    folder: Path
    name: str  # the person's name for the run, else the folder's name
    note: str
    started: float | None  # seconds since 1970
    dataset: str | None
    input_size: int | None
    epochs_done: int
    epochs_planned: int | None
    best_val_accuracy: float | None
    training_time: float  # seconds of training and validation over the finished epochs
    device: str | None
    state: str  # one of STATES
    last_write: float  # when metrics.jsonl was last written
    settings: dict[str, Any] = field(default_factory=dict, compare=False)  # the run's TrainConfig as a dict
    checkpoints: tuple[str, ...] = ()  # which of CHECKPOINTS the folder holds, newest kind first
    problem: str | None = None  # why the log could not be read, in one line
    origin: Origin | None = None  # where the run's first weights came from (ImageNet, a checkpoint); None: random
    size: int = 0  # bytes the folder's files take, a file shared by two names (best.pt, last.pt) once


# ---------------------------------------------------------------- notes


def read_notes(folder: Path) -> RunNotes:
    """The folder's name and note; an absent, oversized, damaged or not regular file gives none."""
    try:
        data = json.loads(read_limited(folder / NOTES_FILE, NOTES_LIMIT))
    except (OSError, ValueError, RecursionError):
        return RunNotes()
    if not isinstance(data, dict):
        return RunNotes()
    name, note = data.get("name"), data.get("note")
    return RunNotes(name[:MAX_NAME_LENGTH] if isinstance(name, str) else "",
                    note[:MAX_NOTE_LENGTH] if isinstance(note, str) else "")


def write_notes(folder: Path, notes: RunNotes) -> None:
    """Store a run's name and note in its folder (files.atomic_write: whole or not at all)."""
    name, note = notes.name.strip(), notes.note.strip()
    if len(name) > MAX_NAME_LENGTH:
        raise NotesError(Message(QT_TRANSLATE_NOOP("Core", "a run's name can be at most {most} characters"), most=MAX_NAME_LENGTH))
    if len(note) > MAX_NOTE_LENGTH:
        raise NotesError(Message(QT_TRANSLATE_NOOP("Core", "a note can be at most {most:,} characters"), most=MAX_NOTE_LENGTH))
    if not folder.is_dir():
        raise NotesError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: the run folder is gone"), folder=folder.name))
    data = json.dumps({"name": name, "note": note}, ensure_ascii=False).encode("utf-8")
    try:
        atomic_write(folder / NOTES_FILE, lambda f: f.write(data))
    except OSError as exc:
        raise NotesError(Message(QT_TRANSLATE_NOOP("Core", "cannot save the notes of {folder}: {reason}"), folder=folder.name,
                                 reason=exc.strerror or error_line(exc))) from None


# ---------------------------------------------------------------- summaries


def run_files(folder: Path) -> list[str]:
    """The files of a run that `folder` holds (a log with records, checkpoints): what a new run
    started there would replace."""
    found = []
    try:
        if (folder / METRICS_FILE).stat().st_size > 0:
            found.append(METRICS_FILE)
    except OSError:
        pass
    return found + [name for name in CHECKPOINTS if os.path.lexists(folder / name)]


def is_run_folder(folder: Path) -> bool:
    return (folder / METRICS_FILE).is_file()


def find_run_folders(roots: Iterable[Path]) -> list[Path]:
    """Every run folder among `roots` (a root may itself be a run folder) and their sub-folders."""
    found: dict[Path, None] = {}
    for root in roots:
        root = Path(root)
        if is_run_folder(root):
            found.setdefault(root, None)
        try:
            entries = sorted(os.scandir(root), key=lambda e: e.name)
        except OSError:
            continue  # a root that is gone or unreadable lists nothing
        for entry in entries:
            try:
                if entry.is_dir() and os.path.isfile(os.path.join(entry.path, METRICS_FILE)):
                    found.setdefault(Path(entry.path), None)
            except OSError:
                continue
    return list(found)


def read_summary(folder: Path, now: float | None = None) -> RunSummary:
    """A run folder's summary, from metrics.jsonl's first record and tail and from notes.json."""
    folder = Path(folder)
    notes = read_notes(folder)
    name = notes.name or folder.name
    path = folder / METRICS_FILE
    now = time.time() if now is None else now
    try:
        stat = path.stat()
        last_write = stat.st_mtime
        outline = read_outline(path)
    except OSError as exc:
        return damaged_summary(folder, name, notes.note, Message(
            QT_TRANSLATE_NOOP("Core", "cannot read {file}: {reason}"), file=METRICS_FILE, reason=exc.strerror or error_line(exc)))
    first = outline.first or {}
    latest = outline.latest_start or first
    settings = latest.get("config") if isinstance(latest.get("config"), dict) else {}
    first_settings = first.get("config") if isinstance(first.get("config"), dict) else {}
    terminal = bool(outline.last) and outline.last["event"] in TERMINAL_RECORDS
    state = run_state(outline.last, None if terminal else writer_active(path), last_write, now)
    epoch = outline.last_epoch or {}
    return RunSummary(
        folder=folder, name=name, note=notes.note,
        started=record_time(first) or _stamp_of(folder),
        dataset=_text(first_settings.get("dataset")),
        input_size=_whole(first_settings.get("input_size")),
        epochs_done=_whole(epoch.get("epoch")) or 0,
        epochs_planned=_planned(outline.latest_start, outline.last_batch, first),
        best_val_accuracy=outline.best_val_accuracy,
        training_time=outline.total_time,
        device=_text(latest.get("device")),
        state=state,
        last_write=last_write,
        settings=dict(settings),
        checkpoints=_checkpoints(folder),
        problem=None if outline.first or stat.st_size == 0 else Message(
            QT_TRANSLATE_NOOP("Core", "{file} does not begin with a run's settings"), file=METRICS_FILE),
        origin=origin_from_record(first),
        size=folder_size(folder),
    )


class RunsIndex:
    """Summaries of the run folders under some roots; a scan reads again only the folders whose
    metrics.jsonl or notes.json changed, and asks a running run's lock again."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[tuple, RunSummary]] = {}
        self._lock = threading.Lock()  # one scan at a time

    def scan(self, roots: Iterable[Path], now: float | None = None) -> list[RunSummary]:
        now = time.time() if now is None else now
        with self._lock:
            folders = find_run_folders(roots)
            cache: dict[Path, tuple[tuple, RunSummary]] = {}
            for folder in folders:
                key = _change_key(folder)
                cached = self._cache.get(folder)
                if cached is not None and cached[0] == key:
                    summary = cached[1]
                    if summary.state in (RUNNING, FAILED):  # a lock taken or let go, or time passing
                        writing = writer_active(folder / METRICS_FILE)
                        summary = dataclasses.replace(summary, state=run_state(None, writing, summary.last_write, now))
                else:
                    summary = _summary(folder, now)
                cache[folder] = (key, summary)
            self._cache = cache
            return [summary for _, summary in cache.values()]


def damaged_summary(folder: Path, name: str, note: str, problem: str) -> RunSummary:
    """The row of a run folder whose log cannot be read: marked failed, with the reason."""
    return RunSummary(folder, name, note, _stamp_of(folder), None, None, 0, None, None, 0.0, None, FAILED, 0.0,
                      checkpoints=_checkpoints(folder), problem=problem, size=folder_size(folder))


def _summary(folder: Path, now: float) -> RunSummary:
    """read_summary, never raising: one damaged run folder is a row that says so, never a table
    that cannot be read."""
    try:
        return read_summary(folder, now)
    except Exception as exc:  # noqa: BLE001 - whatever a crafted folder does, the other runs are still listed
        return damaged_summary(folder, folder.name, "", Message(
            QT_TRANSLATE_NOOP("Core", "cannot read {file}: {reason}"), file=METRICS_FILE, reason=error_line(exc)))


def setting_differences(runs: list[RunSummary]) -> list[tuple[str, list[Any]]]:
    """The training settings whose values differ between the runs: (setting, one value per run),
    in the order TrainConfig lists them (unknown settings last, by name)."""
    from .config import TrainConfig  # plain Python

    known = [f.name for f in dataclasses.fields(TrainConfig)]
    keys = [k for k in known if any(k in r.settings for r in runs)]
    keys += sorted({k for r in runs for k in r.settings} - set(known))
    differences = []
    for key in keys:
        values = [r.settings.get(key) for r in runs]
        if any(json.dumps(v, sort_keys=True, default=str) != json.dumps(values[0], sort_keys=True, default=str)
               for v in values[1:]):
            differences.append((key, values))
    return differences


# ---------------------------------------------------------------- curves


@dataclass
class RunCurves:
    """A run's per-batch and per-epoch values, as plain numbers, for drawing."""

    steps_per_epoch: int = 1
    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    accuracies: list[float] = field(default_factory=list)
    epochs: list[EpochEnd] = field(default_factory=list)

    def add(self, events: Iterable[Any]) -> None:
        """Add a follower's events (RunStarted, BatchEnd, EpochEnd) in the order they came."""
        for event in events:
            if isinstance(event, RunStarted) and not self.steps:
                self.steps_per_epoch = event.steps_per_epoch
            elif isinstance(event, BatchEnd):
                self.steps.append(event.step)
                self.losses.append(event.loss)
                self.accuracies.append(event.accuracy)
            elif isinstance(event, EpochEnd):
                self.epochs.append(event)


def read_curves(folder: Path) -> RunCurves:
    """Every batch and epoch of a run folder's metrics.jsonl (all of it: for a few chosen runs)."""
    follower = RunFollower(folder)
    curves = RunCurves()
    while True:
        update = follower.poll()
        if update.problem:
            raise OSError(update.problem)
        curves.add(update.events)
        if not update.more:
            return curves


# ---------------------------------------------------------------- helpers


def _change_key(folder: Path) -> tuple:
    """What changes when a folder's summary may have: its log's identity, size and time, its notes' time."""
    key: list[Any] = []
    for name in (METRICS_FILE, NOTES_FILE, *CHECKPOINTS):
        try:
            st = os.stat(folder / name)
            key.append((st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            key.append(None)
    return tuple(key)


def folder_size(folder: Path, most_files: int = 10_000) -> int:
    """Bytes of the regular files directly in `folder` (a run writes no subfolders), each file once
    however many names it has: best.pt is often last.pt under a second name. Links are not followed."""
    seen: set[tuple[int, int]] = set()
    total = 0
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= most_files:
                    break
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat_module.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    total += st.st_size
    except OSError:
        return 0
    return total


def _checkpoints(folder: Path) -> tuple[str, ...]:
    return tuple(name for name in CHECKPOINTS if (folder / name).is_file())


def _planned(latest_start: dict[str, Any] | None, last_batch: dict[str, Any] | None, first: dict[str, Any]) -> int | None:
    """The epochs the newest session plans (a resume may add some): its run_started when the tail
    read holds it, else its batches' total steps, else the first session's settings."""
    config = latest_start.get("config") if latest_start else None
    if isinstance(config, dict) and _whole(config.get("epochs")):
        return _whole(config.get("epochs"))
    if last_batch:
        total, per_epoch = _whole(last_batch.get("total_steps")), _whole(last_batch.get("batches"))
        if total and per_epoch:
            return total // per_epoch
    config = first.get("config")
    return _whole(config.get("epochs")) if isinstance(config, dict) else None


def _stamp_of(folder: Path) -> float | None:
    """When a window-made run folder was made, from its name (for logs without time stamps)."""
    match = _FOLDER_STAMP.match(folder.name)
    if not match:
        return None
    try:
        return time.mktime(time.strptime(match.group(1), "%Y%m%d-%H%M%S"))
    except (ValueError, OverflowError):
        return None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_STEPS else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
