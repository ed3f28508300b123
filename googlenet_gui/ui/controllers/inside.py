"""The Inside tab: the image selected in the Classify tab, seen by the weights chosen now
(state.weights): every output's maps and Grad-CAM, computed by core.understanding.inside on the inference
pool, never on the GUI thread.

While a run trains, the view follows the live weights: when it is on screen it looks again
every REFRESH_SECONDS with the newest snapshot (one pass of one image: ~50 ms of one core).
One look is under way at a time; a request meanwhile is done when it ends.
"""
from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from ...state.weights import LIVE, AnsweringWeights
from ..jobs import run_inference_job
from ..panels.inside_panel import InsidePanel
from ..training_worker import saturates_cpu
from ..words import WeightsFacts, failure

# Each look costs training a little on a CPU it shares: on 2 cores that both train, a look's
# ~100 ms of work costs training about twice that (the other OpenMP thread waits for it), so
# there the maps follow the live weights every 30 s, elsewhere every 10 s
# (benchmarks/inside_training.py: 0.87 of headless at 3 s, 0.93 at 10 s; BENCHMARKS.md).
REFRESH_SECONDS = 10.0
SATURATED_CPU_REFRESH_SECONDS = 30.0


class InsideController(QObject):
    pin_toggled = Signal(object, object, bool)  # source (a path, or a kept image's Message), its image (PIL), pinned

    def __init__(self, panel: InsidePanel, weights: AnsweringWeights,
                 newest_image: Callable[[], tuple[str, Any] | None] = lambda: None, parent: QObject | None = None):
        """`newest_image`: the image to show when a layer is asked for before any was chosen (the
        Classify tab's newest: its source and kept pixels)."""
        super().__init__(parent)
        self.panel, self.weights, self.newest_image = panel, weights, newest_image
        self.source: str | None = None  # the image shown: a file path or a kept image's name
        self.image: Any = None  # its decoded pixels (PIL), once read
        self._running = False
        self._again: bool | None = None  # a look asked for while one ran: None none, else whether maps too
        self._looked_at = 0.0  # time.monotonic() of the last look
        self.refresh_seconds = REFRESH_SECONDS  # how often the maps follow a live run's weights
        self._weights_seen: WeightsFacts | None = None  # which weights the view shows (a live run's copy: its step)
        self._stale = False  # the weights changed while the view was hidden
        self._pinned: set[str] = set()
        self._version = weights.version  # which choice of weights the view was last told of
        panel.cam_requested.connect(lambda *_: self.look(maps=False))
        panel.pin_toggled.connect(self._pin_toggled)
        panel.image_views_shown.connect(self.shown)
        weights.changed.connect(self._weights_chosen)

    # ------------------------------------------------------------ what to show

    def select(self, source: str, image: Any = None) -> None:
        """Show `source` (a file, read on the pool, or `image`: the pixels of a pasted one)."""
        if source == self.source and self.panel.inside is not None:
            return
        self.source, self.image = source, image
        self.panel.set_pinned(source in self._pinned)
        self.panel.show_message(lambda: self.tr("Looking inside…"))
        self.look()

    def show_layer(self, name: str) -> None:
        """The Shapes tab asked for `name`'s maps: of the image shown, else of the newest one classified."""
        if self.source is None:
            newest = self.newest_image()
            if newest is not None:
                self.select(*newest)
        self.panel.select_layer(name, from_shapes=True)
        if self.source is None:
            self.panel.show_message(lambda: self.tr("{0}: click an image in the Classify tab (or drop one on the "
                                                    "window) to see its maps.").format(name))

    def set_pins(self, pinned: list[str]) -> None:
        self._pinned = set(pinned)
        self.panel.set_pinned(self.source in self._pinned)

    # ------------------------------------------------------------ when to look again

    def follow_run(self, started: Any, trainer: Any = None) -> None:
        """A run started (core RunStarted): the maps follow its weights, less often where training keeps
        every CPU core busy."""
        busy = saturates_cpu(started.device, started.config.get("num_threads"))
        self.refresh_seconds = SATURATED_CPU_REFRESH_SECONDS if busy else REFRESH_SECONDS

    def _weights_chosen(self) -> None:
        """Other weights answer (a run started, a checkpoint opened or followed, a new run), or what they
        know changed: look again with them."""
        if self.weights.version != self._version:
            self._version = self.weights.version
            self._stale = True
            self.shown()

    def weights_moved(self) -> None:
        """The live run has trained on: look again if the view is on screen and it is time."""
        if self.weights.kind == LIVE and time.monotonic() - self._looked_at >= self.refresh_seconds:
            self._stale = True
            self.shown()

    def shown(self) -> None:
        """The image's views came on screen (or the weights changed while they are): catch up if
        needed. Hidden, they are not kept up to date: nobody would see it."""
        if self._stale and self.panel.showing_image() and self.source is not None:
            self.look()

    # ------------------------------------------------------------ looking

    def look(self, maps: bool = True) -> None:
        """Run the chosen weights over the image on the pool: every output's maps (with `maps`)
        and Grad-CAM for the class and layer the panel shows."""
        if self.source is None:
            return
        if self._running:
            self._again = maps or bool(self._again)
            return
        self._running, self._stale = True, False
        self._looked_at = time.monotonic()
        get_predictor = self.weights.predictor_getter()
        source, image, seen = self.source, self.image, self._weights_seen
        cam_layer, class_index = self.panel.cam_choice()

        def work(report: Any) -> tuple:
            from ...core.understanding.inside import inspect_image, open_for_inside
            from ...core.network.shapes import inspect_shapes, map_rows

            predictor = get_predictor()
            weights = WeightsFacts.of(predictor)
            pixels = image if image is not None else open_for_inside(source)
            wanted = class_index if 0 <= class_index < len(predictor.class_names) else None
            p = predictor.preprocess
            # only the Grad-CAM choice changed: the maps on screen stay, unless the weights moved on
            result = inspect_image(predictor, predictor.prepare_image(pixels), cam_layer, wanted,
                                   maps=maps or weights != seen)
            rows = map_rows(inspect_shapes(p.channels, p.input_size, p.input_size))
            return source, pixels, weights, result, rows

        run_inference_job(work, on_result=self._show, on_error=self._failed)

    def _show(self, value: tuple) -> None:
        source, pixels, weights, result, rows = value
        current = source == self.source  # else another image was selected meanwhile: its look follows
        if current:
            self.image = pixels  # decoded once, kept for the next looks
        self._finished()
        if not current:
            return
        if result.layers:
            self._weights_seen = weights
            self.panel.show_inside(source, weights.with_age, result, rows)
        elif self.panel.inside is not None:
            self.panel.show_gradcam(result.gradcam, result)

    def _failed(self, message: str) -> None:
        self._finished()
        self.panel.show_message(failure(message, lambda m: self.tr("Cannot look inside the network: {0}").format(m)),
                                error=True)

    def _finished(self) -> None:
        self._running = False
        again, self._again = self._again, None
        if again is not None:
            self.look(maps=again)

    def _pin_toggled(self, pinned: bool) -> None:
        if self.source is not None:  # a file not read yet (None) is read when first recorded
            self.pin_toggled.emit(self.source, self.image, pinned)
