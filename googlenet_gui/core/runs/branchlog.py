"""How each part of the network learns, as a run samples it (core/training/branch_stats.py), and
branch_stats.jsonl, the run folder's record of it: this module is the only code that knows the
file's layout. Plain Python and numpy (no torch), so the window can read it before PyTorch has loaded.

The parts are block1, block2, every Inception module's four branches (inception3a.branch1 ...
inception5b.branch4) and the classifier. Per part and sampled step:
- gradient_norm: the L2 norm of the gradient of all its parameters (the loss of the global batch);
- update_ratio: ||W after the step - W before|| / ||W before||, over all its parameters (about 1e-3
  is healthy; 0 means the part does not learn, above 0.1 a step rewrites it);
- activation_mean: the mean of its output (after its last ReLU) over the batch;
- active_fraction: the share of its outputs above 0 (a ReLU output that is never above 0 learns nothing).
The classifier's output is logits, not activations: its two activation figures are None.

One JSON object a line: a header {"version": 1, "parts": [...]} (again whenever they change),
then one sample a line: {"step": 25, "gradient_norm": [...], "update_ratio": [...],
"activation_mean": [...], "active_fraction": [...]} in the parts' order, null where there is no
value. The file comes from outside like any other: a damaged line is left out and counted.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..common.files import atomic_write
from ..common.messages import QT_TRANSLATE_NOOP, Message

BRANCH_FILE = "branch_stats.jsonl"
VERSION = 1
STATISTICS = ("gradient_norm", "update_ratio", "activation_mean", "active_fraction")
DEAD_FRACTION = 0.01  # a part whose outputs are above 0 less often than this is dead
EXPLODING_RATIO = 0.1  # a step that changes a part's weights by more than a tenth of their size
INFINITE = 1e300  # a gradient norm this large (an infinite one is stored as 1e308) has exploded
MAX_FILE_BYTES = 256 * 2**20  # 40 parts x 4 figures: ~2 kB a sample; a million steps every 25 is ~80 MB
MAX_PARTS = 1000
MAX_STEP = 10**12
MAX_NAME = 200


@dataclass
class BranchSample:
    """One sampled step's figures for every part (in `parts`' order; None where there is none).

    `channels`: for TensorBoard's histograms, each figure per output channel (per filter for the
    two weight figures) of each part, {figure: [array per part]}; reported, never stored."""

    step: int
    parts: list[str]
    gradient_norm: list[float | None]
    update_ratio: list[float | None]
    activation_mean: list[float | None]
    active_fraction: list[float | None]
    channels: dict[str, list[np.ndarray]] | None = field(default=None, repr=False, compare=False)

    def values(self, statistic: str) -> list[float | None]:
        return getattr(self, statistic)

    def dead(self) -> list[bool]:
        """Per part: its outputs are (almost) never above 0."""
        return [f is not None and f < DEAD_FRACTION for f in self.active_fraction]

    def exploding(self) -> list[bool]:
        """Per part: a step rewrote a large share of its weights, or its gradient is not finite."""
        return [(r is not None and not r <= EXPLODING_RATIO) or (g is not None and not g < INFINITE)
                for r, g in zip(self.update_ratio, self.gradient_norm)]

    def to_record(self) -> dict[str, Any]:
        return {"step": self.step, **{name: [_rounded(v) for v in self.values(name)] for name in STATISTICS}}


@dataclass
class BranchHistory:
    """A run's samples as read back: per figure a [parts, samples] array (NaN where none), in step order."""

    parts: list[str] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    samples: list[BranchSample] = field(default_factory=list)
    skipped: int = 0  # damaged lines left out

    def add(self, sample: BranchSample) -> None:
        """A sample (one of a later step than any before, unless the parts changed: then it starts again)."""
        sample = dataclasses.replace(sample, channels=None)  # the per-channel values are for TensorBoard only
        if sample.parts != self.parts:
            self.parts, self.steps, self.samples = list(sample.parts), [], []
        while self.steps and self.steps[-1] >= sample.step:  # a resumed run's step again replaces the old one
            self.steps.pop()
            self.samples.pop()
        self.steps.append(sample.step)
        self.samples.append(sample)

    def matrix(self, statistic: str) -> np.ndarray:
        """float [parts, samples]; NaN where a part has no such figure."""
        if not self.samples:
            return np.zeros((len(self.parts), 0))
        columns = [[np.nan if v is None else v for v in s.values(statistic)] for s in self.samples]
        return np.asarray(columns, dtype=np.float64).T

    def dead(self) -> np.ndarray:
        """bool [parts, samples]."""
        return np.asarray([s.dead() for s in self.samples], dtype=bool).T.reshape(len(self.parts), len(self.samples))

    def exploding(self) -> np.ndarray:
        return np.asarray([s.exploding() for s in self.samples], dtype=bool).T.reshape(len(self.parts), len(self.samples))


class BranchStatsFile:
    """<run folder>/branch_stats.jsonl: appended by the training loop's one thread; read at any time."""

    def __init__(self, run_dir: str | os.PathLike):
        self.path = Path(run_dir) / BRANCH_FILE
        self._parts: list[str] | None = None  # the parts of the last header written

    def append(self, samples: list[BranchSample]) -> None:
        lines = []
        for sample in samples:
            if sample.parts != self._parts:
                lines.append({"version": VERSION, "parts": list(sample.parts)})
                self._parts = list(sample.parts)
            lines.append(sample.to_record())
        if not lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write("".join(json.dumps(line, allow_nan=False) + "\n" for line in lines))

    def read(self) -> BranchHistory:
        """Every sample the file holds; a missing file is an empty history."""
        history = BranchHistory()
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return history
        if size > MAX_FILE_BYTES:
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "{file} is {size:.0f} MB, more than branch statistics can "
                                                               "be ({most} MB): it is not read"),
                                     file=self.path.name, size=size / 2**20, most=MAX_FILE_BYTES >> 20))
        parts: list[str] | None = None
        with open(self.path, encoding="utf-8", errors="replace") as f:
            for line in f:
                record = _record(line, parts)
                if record is None:
                    history.skipped += 1
                elif isinstance(record, list):
                    parts = record
                else:
                    history.add(record)
        self._parts = parts
        return history

    def keep_up_to(self, step: int) -> None:
        """A run resumed from `step`: the samples of later steps (a killed run's) go; one rename."""
        if not self.path.is_file():
            return
        kept = []
        with open(self.path, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and ("parts" in record or (isinstance(record.get("step"), int)
                                                                       and record["step"] <= step)):
                    kept.append(line if line.endswith("\n") else line + "\n")
        data = "".join(kept).encode("utf-8")
        atomic_write(self.path, lambda f: f.write(data))
        self._parts = None  # the next append starts with a header


def _rounded(value: float | None) -> float | None:
    """Five significant digits; NaN as null and infinity as +-1e308 (JSON has neither)."""
    if value is None or math.isnan(value):
        return None
    if not math.isfinite(value):
        return 1e308 if value > 0 else -1e308
    return float(f"{value:.5g}")


def _record(line: str, parts: list[str] | None) -> list[str] | BranchSample | None:
    """A checked header (the parts) or sample, or None for a damaged line (or a sample before any header)."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    if "parts" in record:
        names = record["parts"]
        if (record.get("version") != VERSION or not isinstance(names, list) or not 1 <= len(names) <= MAX_PARTS
                or not all(isinstance(n, str) and 0 < len(n) <= MAX_NAME for n in names)):
            return None
        return names
    step = record.get("step")
    if parts is None or not isinstance(step, int) or isinstance(step, bool) or not 0 <= step <= MAX_STEP:
        return None
    values = {}
    for name in STATISTICS:
        column = record.get(name)
        if not isinstance(column, list) or len(column) != len(parts):
            return None
        if not all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v))
                   for v in column):
            return None
        values[name] = [None if v is None else float(v) for v in column]
    return BranchSample(step, list(parts), **values)
