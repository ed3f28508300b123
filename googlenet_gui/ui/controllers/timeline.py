"""The prediction timeline: pinned images classified as a run trains, their probabilities
appended to the run folder's timeline.jsonl (core.understanding.timeline) and plotted.

Outside the engine: the training controller's events say when. Every N steps (the panel's
setting) the newest weight snapshot classifies the pinned images (a fresh snapshot is asked
for when the newest is too old); each last.pt the run writes (every epoch's end, and a stop)
classifies them with exactly the weights it holds. The work runs on the inference pool, one
point at a time; training never waits for it. An opened run's timeline is read back from its
folder.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QObject, Signal

from ...core.common.messages import message_of
from ...core.common.text import display_name
from ...core.understanding.timeline import Timeline, TimelineFile
from ..jobs import run_inference_job
from ..panels.timeline_panel import TimelinePanel
from ..words import say

MAX_PINNED = 8


class TimelineController(QObject):
    pins_changed = Signal(list)  # the pinned images' sources
    message = Signal(str)  # one line for the status bar

    def __init__(self, panel: TimelinePanel, parent: QObject | None = None):
        super().__init__(parent)
        self.panel = panel
        self.pins: dict[str, Any] = {}  # source -> its pixels (PIL), None for a file not read yet
        self.timeline = Timeline()  # what the panel shows: the followed run's, or an opened run's
        self.file: Any = None  # core.understanding.timeline.TimelineFile of the run being followed
        self.trainer: Any = None
        self._next_step = 0  # the step from which the next point is due
        self._busy = False  # a point is being recorded
        self._saved: list[str] = []  # last.pt files written meanwhile, recorded next
        self._shown = 0  # which timeline is shown: a late read of an older one is dropped
        panel.image_chosen.connect(lambda _: self._show())
        panel.unpin_requested.connect(lambda source: self.set_pinned(source, None, False))

    # ------------------------------------------------------------ pins

    def set_pinned(self, source: str, image: Any, pinned: bool) -> None:
        """Pin or unpin an image (`image`: its pixels, or None: a file, read when first used)."""
        if pinned and source not in self.pins:
            if len(self.pins) >= MAX_PINNED:
                self.message.emit(self.tr("At most {0} images can be pinned: unpin one first").format(MAX_PINNED))
                self.pins_changed.emit(list(self.pins))
                return
            self.pins[source] = image
            self._next_step = 0  # the newly pinned image gets its first point at once
        elif not pinned:
            self.pins.pop(source, None)
        self.pins_changed.emit(list(self.pins))
        self._show(current=source if pinned else None)

    # ------------------------------------------------------------ following a run

    def follow_run(self, started: Any, trainer: Any) -> None:
        """A run started (core.runs.events.RunStarted): its points go to its folder; a resumed run's
        earlier points are read back (those beyond where it resumes are dropped first)."""
        self.trainer = trainer
        self._next_step = started.position.step
        self._saved = []
        self.timeline = Timeline()
        self.file = TimelineFile(started.run_dir) if started.run_dir else None
        self._shown += 1  # a read of another run's timeline still on its way is not shown
        resumed = started.position.step > 0
        if self.file is not None and resumed:
            file, position = self.file, started.position

            def read(report: Any) -> Any:
                file.keep_up_to(position)
                return file.read()

            self._read(read, holds_file=True)
        else:
            self._show()
            self.step_reached(started.position.step)  # the first point: the weights the run starts from

    def step_reached(self, step: int) -> None:
        """Training got to global step `step`: a point is due every N steps."""
        trainer = self.trainer
        if trainer is None or not self.pins or self.file is None or self._busy or step < self._next_step:
            return
        snapshot = trainer.latest_snapshot()
        if snapshot is None or snapshot.step < self._next_step:
            trainer.request_snapshot()  # a fresh copy at the next step; it is used when it comes
            return

        def load() -> tuple[Any, Any]:
            from ...core.inference.predict import Predictor

            return Predictor.from_snapshot(snapshot), snapshot.position

        self._next_step = snapshot.step + self.panel.interval()
        self._record(load)

    def checkpoint_saved(self, saved: Any) -> None:
        """The run wrote a checkpoint (core.runs.events.CheckpointSaved): last.pt holds the weights of
        an epoch's end (or a stop), exactly: a point with them."""
        if saved.kind != "last" or self.file is None or not self.pins:
            return
        self._saved.append(saved.path)
        self._record_saved()

    def run_ended(self) -> None:
        """The run is over: no more snapshots (the checkpoints it wrote last are still recorded)."""
        self.trainer = None

    # ------------------------------------------------------------ an opened run

    def checkpoint_opened(self, opened: Any) -> None:
        """A checkpoint was opened (controllers.checkpoints.OpenedCheckpoint): its run folder's timeline shows."""
        self.show_run(opened.path.parent)

    def show_run(self, run_dir: Path) -> None:
        """Show the timeline kept in a run folder (an opened checkpoint's)."""
        if self.trainer is not None:
            return  # the live run's stays on screen
        file = TimelineFile(run_dir)
        self._read(lambda report: file.read())

    # ------------------------------------------------------------ recording and showing

    def _record_saved(self) -> None:
        if self._busy or not self._saved:
            return
        path = self._saved.pop(0)

        def load() -> tuple[Any, Any]:
            from ...core.runs.checkpoint import load_checkpoint
            from ...core.inference.predict import Predictor

            checkpoint = load_checkpoint(path)
            return Predictor.from_checkpoint(checkpoint, display_name(path)), checkpoint.position

        self._record(load)

    def _record(self, load: Callable[[], tuple[Any, Any]]) -> None:
        """Classify the pinned images with the weights `load` gives (on the pool) and append the
        point to the run's file."""
        pins, file = dict(self.pins), self.file
        self._busy = True

        def work(report: Any) -> tuple[list, list[str], dict[str, Any], list[str]]:
            from ...core.data.images import ImageLoadError
            from ...core.understanding.inside import open_for_inside
            from ...core.understanding.timeline import pinned_probabilities

            predictor, position = load()
            images, problems = {}, []
            for source, image in pins.items():
                try:
                    images[source] = image if image is not None else open_for_inside(source)
                except ImageLoadError as exc:
                    problems.append(message_of(exc))
            probabilities = pinned_probabilities(predictor, images)
            written = file.append(predictor.class_names, [(s, position, p) for s, p in probabilities.items()])
            return written, predictor.class_names, images, problems

        run_inference_job(work, on_result=self._recorded, on_error=self._failed)

    def _recorded(self, value: tuple) -> None:
        written, class_names, images, problems = value
        self._busy = False
        for source, image in images.items():  # a file is read once, then kept
            if source in self.pins and self.pins[source] is None:
                self.pins[source] = image
        if self.timeline.class_names != class_names:
            self.timeline.class_names = list(class_names)
        for source, point in written:
            self.timeline.add(source, point)
        if problems:
            self.message.emit(self.tr("Timeline: {0}").format("; ".join(say(p) for p in problems)))
        self._show()
        self._record_saved()

    def _failed(self, message: str) -> None:
        self._busy = False
        self.message.emit(self.tr("Timeline: {0}").format(say(message)))
        self._record_saved()

    def _read(self, read: Callable[[Any], Any], holds_file: bool = False) -> None:
        """Read a timeline on the pool and show it. `holds_file`: the read rewrites the followed
        run's file (a resume), so no point is appended until it is done."""
        self._shown += 1
        shown = self._shown
        if holds_file:
            self._busy = True

        def finish() -> None:
            if holds_file:
                self._busy = False
                self._record_saved()

        def done(timeline: Any) -> None:
            if shown == self._shown:
                self.timeline = timeline
                self._show()
                if timeline.skipped:
                    self.message.emit(self.tr("Timeline: %n damaged line(s) of timeline.jsonl left out", "",
                                              timeline.skipped))
            finish()

        def failed(message: str) -> None:
            self.message.emit(self.tr("Timeline: {0}").format(say(message)))
            finish()

        run_inference_job(read, on_result=done, on_error=failed)

    def _show(self, current: str | None = None) -> None:
        """The images that have points or are pinned, and the chosen one's curves."""
        timeline = self.timeline
        names = list(dict.fromkeys([*self.pins, *timeline.images]))
        chosen = current if current in names else self.panel.current_image()
        self.panel.set_images(names, set(self.pins), chosen)
        image = self.panel.current_image()
        if image is None:
            return
        points = timeline.images.get(image, [])
        steps = [p.step for p in points]
        ends = sorted({p.step for p in points if p.batches_done == 0 and p.step > 0})
        matrix = np.array([p.probabilities for p in points], dtype=np.float64) if points else np.zeros((0, 0))
        self.panel.show_series(image, timeline.class_names, steps, ends, matrix)
