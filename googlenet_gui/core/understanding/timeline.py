"""The prediction timeline: how the class probabilities of a few pinned images change while a
run trains, stored in the run folder as timeline.jsonl (next to metrics.jsonl), so an opened
run shows it. This module is the only code that knows the file's layout.

One JSON object a line: a header {"version": 1, "classes": [...]} that names the classes the
probabilities that follow belong to (written again whenever they change), then one point per
pinned image and moment: {"image": "shirt.png", "step": 120, "epochs_done": 2,
"batches_done": 0, "probabilities": [...]} (batches_done 0: at an epoch's end). The window's
timeline controller appends points as the run trains; the engine knows nothing of it.

The file comes from outside like any other: only a regular file is read (opened without
blocking), lines to a bounded length, and every line is checked: a damaged one is left out (and
counted), never trusted.
"""
from __future__ import annotations

import bisect
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..runs.events import Position
from ..common.files import atomic_write, bounded_lines, open_regular, open_regular_append
from ..common.messages import QT_TRANSLATE_NOOP, Message

TIMELINE_FILE = "timeline.jsonl"
VERSION = 1
MAX_FILE_BYTES = 64 * 2**20  # a timeline of 8 images, 10 classes and 10,000 points is ~10 MB
MAX_CLASSES = 100_000
MAX_LINE_BYTES = 8 * 2**20  # a point of 100,000 classes is ~1 MB
MAX_NAME = 4096  # characters of an image's name
MAX_STEP = 10**12
DIGITS = 5  # probabilities are stored rounded to this many decimals


@dataclass(frozen=True)
class TimelinePoint:
    step: int
    epochs_done: int
    batches_done: int  # 0: the weights at an epoch's end
    probabilities: tuple[float, ...]


@dataclass
class Timeline:
    """A run's timeline as read back: each image's points, one per step, in step order."""

    class_names: list[str] = field(default_factory=list)
    images: dict[str, list[TimelinePoint]] = field(default_factory=dict)
    skipped: int = 0  # damaged lines left out

    def add(self, image: str, point: TimelinePoint) -> None:
        """A point (a later one at the same step replaces the earlier); points mostly come in
        step order, so this is an append."""
        points = self.images.setdefault(image, [])
        at = bisect.bisect_left(points, point.step, key=lambda p: p.step)
        if at < len(points) and points[at].step == point.step:
            points[at] = point
        else:
            points.insert(at, point)


class TimelineFile:
    """<run folder>/timeline.jsonl. Appending is for one thread at a time (the window records
    one point at a time); reading can happen while it grows."""

    def __init__(self, run_dir: str | os.PathLike):
        self.path = Path(run_dir) / TIMELINE_FILE
        self._classes: list[str] | None = None  # the classes of the last header written here

    def append(self, class_names: list[str], points: Iterable[tuple[str, Position, list[float]]]) -> list[tuple[str, TimelinePoint]]:
        """Append points (image name, the weights' position, probabilities); returns them as read
        back would give them."""
        lines, written = [], []
        if self._classes != list(class_names):
            lines.append({"version": VERSION, "classes": list(class_names)})
            self._classes = list(class_names)
        for image, position, probabilities in points:
            if len(probabilities) != len(class_names):
                raise ValueError(f"{len(probabilities)} probabilities for {len(class_names)} classes")
            point = TimelinePoint(position.step, position.epochs_done, position.batches_done,
                                  tuple(round(float(p), DIGITS) for p in probabilities))
            lines.append({"image": image, "step": point.step, "epochs_done": point.epochs_done,
                          "batches_done": point.batches_done, "probabilities": list(point.probabilities)})
            written.append((image, point))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open_regular_append(self.path) as f:  # a named pipe in its place is refused, not waited on
            f.write("".join(json.dumps(line) + "\n" for line in lines).encode("utf-8"))
        return written

    def read(self) -> Timeline:
        """Every point the file holds; a missing file is an empty timeline. OSError (files.FileRefused)
        for a file that is not a regular one, ValueError for one too large to be a timeline."""
        timeline = Timeline()
        classes: list[str] | None = None
        for record in self._records(timeline):
            if "classes" in record:
                classes = record["classes"]
                timeline.class_names = classes
            elif classes is None or len(record["probabilities"]) != len(classes):
                timeline.skipped += 1
            else:
                timeline.add(record["image"], TimelinePoint(record["step"], record["epochs_done"],
                                                            record["batches_done"], tuple(record["probabilities"])))
        self._classes = classes
        return timeline

    def _records(self, timeline: Timeline | None = None) -> Iterator[dict[str, Any]]:
        """The file's checked records (damaged lines counted in `timeline.skipped`); none when it is not there."""
        try:
            f = open_regular(self.path)
        except FileNotFoundError:
            return
        with f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "{file} is {size:.0f} MB, more than a timeline can be "
                                                                   "({most} MB): it is not read"),
                                         file=self.path.name, size=size / 2**20, most=MAX_FILE_BYTES >> 20))
            for line in bounded_lines(f, MAX_LINE_BYTES):
                record = None if line is None else _record(line.decode("utf-8", "replace"))
                if record is not None:
                    yield record
                elif timeline is not None:
                    timeline.skipped += 1

    def keep_up_to(self, position: Position) -> None:
        """A run resumed from `position`: the points of later steps (a killed run's, made by
        weights that no longer exist) go; the file is replaced whole (files.atomic_write)."""
        if not self.path.is_file():
            return
        kept = [record for record in self._records() if "classes" in record or record["step"] <= position.step]
        data = "".join(json.dumps(_line(record)) + "\n" for record in kept).encode("utf-8")
        atomic_write(self.path, lambda f: f.write(data))
        self._classes = None  # the next append starts with a header


def _line(record: dict[str, Any]) -> dict[str, Any]:
    """A checked record as the file stores it."""
    if "classes" in record:
        return {"version": VERSION, "classes": record["classes"]}
    return record


def _record(line: str) -> dict[str, Any] | None:
    """A checked header or point, or None for a damaged line."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: a line of nested brackets
        return None
    if not isinstance(record, dict):
        return None
    if "classes" in record:
        classes = record["classes"]
        if (record.get("version") != VERSION or not isinstance(classes, list) or not 1 <= len(classes) <= MAX_CLASSES
                or not all(isinstance(c, str) for c in classes)):
            return None
        return {"classes": classes}
    image, probabilities = record.get("image"), record.get("probabilities")
    numbers = [record.get(key) for key in ("step", "epochs_done", "batches_done")]
    if not isinstance(image, str) or not 0 < len(image) <= MAX_NAME:
        return None
    if not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_STEP for n in numbers):
        return None
    if not isinstance(probabilities, list) or not 1 <= len(probabilities) <= MAX_CLASSES:
        return None
    if not all(isinstance(p, (int, float)) and not isinstance(p, bool) and math.isfinite(p) and 0 <= p <= 1
               for p in probabilities):
        return None
    return {"image": image, "step": numbers[0], "epochs_done": numbers[1], "batches_done": numbers[2],
            "probabilities": [float(p) for p in probabilities]}


def pinned_probabilities(predictor: Any, images: dict[str, Any]) -> dict[str, list[float]]:
    """Each image's class probabilities (PIL images, prepared exactly as training data is) with
    a Predictor's weights, in one forward pass."""
    import torch

    from ..data.transforms import to_model_input

    if not images:
        return {}
    p = predictor.preprocess
    batch = torch.stack([predictor.prepare_image(image) for image in images.values()])
    with torch.inference_mode():
        x = to_model_input(batch, p.input_size, channels_last=False, mean=p.mean, std=p.std)
        probabilities = torch.softmax(predictor.model(x).float(), dim=1)
    if not bool(torch.isfinite(probabilities).all()):
        from ..inference.predict import THESE_WEIGHTS, WeightsError

        raise WeightsError(Message(QT_TRANSLATE_NOOP("Core", "{weights}: they give no answer (NaN)"),
                                   weights=predictor.description or THESE_WEIGHTS))
    return {name: row for name, row in zip(images, probabilities.tolist())}
