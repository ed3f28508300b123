"""The weights that answer in every view (Classify, Inside, the timeline, feature visualization, Export
Model): an untrained network, the live run, a checkpoint file, or GoogLeNet's ImageNet weights.

The window keeps one AnsweringWeights. Its `use_*` methods choose; `changed` tells every view at once.
Each answer takes `predictor_getter()` on the GUI thread (a snapshot of the choice) and calls it on a
pool thread. Predictors are cached: an untrained network per dataset and size, a live run's per
snapshot step, a file's per modification time, so the same weights are never rebuilt. What the
chosen weights know (their class names) is learned once a Predictor of them has been built
(`learned`), so a view can say "these weights know 3 classes" before anything is classified.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Hashable

from psygnal import Signal

if TYPE_CHECKING:  # torch loads with these; the window imports this module before it has
    from ..core.inference.predict import Predictor
    from ..core.training.engine import Trainer

UNTRAINED, LIVE, FILE, IMAGENET = "untrained", "live", "file", "imagenet"
CACHED_PREDICTORS = 4  # each holds a copy of the weights (~25 MB)


@dataclass(frozen=True)
class UntrainedSpec:
    """Which untrained network answers before any training: the dataset's classes and channels."""

    dataset: str = "sample"
    data_dir: str | None = None
    input_size: int = 96
    seed: int = 0


class AnsweringWeights:
    changed = Signal()  # the choice, whether a live run still trains, or what the weights know changed

    def __init__(self) -> None:
        self.kind = UNTRAINED
        self.trainer: Trainer | None = None
        self.file: Path | None = None
        self.untrained_spec = UntrainedSpec()
        self.training = False  # the live weights are still changing (a run is training)
        self.class_names: list[str] | None = None  # what the chosen weights know, once learned
        self.version = 0  # counts the choices: what is learned of an earlier one is dropped
        self._cache: OrderedDict[Hashable, Predictor] = OrderedDict()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ choosing, on the GUI thread

    def use_untrained(self, spec: UntrainedSpec | None = None) -> None:
        """The untrained network for `spec` (else the last one) answers."""
        if spec is not None:
            self.untrained_spec = spec
        self._choose(UNTRAINED, None, None, None)

    def set_untrained_spec(self, spec: UntrainedSpec) -> None:
        """The dataset or size the untrained network is for; a change while it answers is a new choice."""
        if spec == self.untrained_spec:
            return
        self.untrained_spec = spec
        if self.kind == UNTRAINED:
            self._choose(UNTRAINED, None, None, None)

    def use_live(self, trainer: Trainer, class_names: list[str] | None = None) -> None:
        """A run's live weights answer (`class_names` once its data has loaded)."""
        self._choose(LIVE, trainer, None, class_names)

    def use_file(self, path: Path, predictor: Predictor | None = None) -> None:
        """Classify with a checkpoint file; `predictor`: its weights, when already read."""
        path = Path(path)
        if predictor is not None:
            self._remember(_file_key(path), predictor)
        self._choose(FILE, None, path, predictor.class_names if predictor is not None else None)

    def use_imagenet(self) -> None:
        """GoogLeNet's ImageNet weights from torchvision's cache answer (core/inference/imagenet.py)."""
        self._choose(IMAGENET, None, None, None)

    def set_training(self, training: bool) -> None:
        """Whether the live weights are still changing."""
        if training != self.training:
            self.training = training
            self.changed.emit()

    def learned(self, version: int, class_names: list[str]) -> None:
        """What the weights of choice `version` know (from a Predictor built for them)."""
        if version == self.version and class_names != self.class_names:
            self.class_names = list(class_names)
            self.changed.emit()

    def _choose(self, kind: str, trainer: Trainer | None, file: Path | None, class_names: list[str] | None) -> None:
        self.kind, self.trainer, self.file = kind, trainer, file
        self.class_names = list(class_names) if class_names is not None else None
        self.version += 1
        self.changed.emit()

    def answering_kind(self) -> str:
        """The kind of weights that answers now: a run's live weights answer only once it has
        published some (a run that failed before its first step never does), else the untrained
        network answers in their place (predictor_getter's fallback)."""
        if self.kind == LIVE and (self.trainer is None or self.trainer.latest_snapshot() is None):
            return UNTRAINED
        return self.kind

    def shown_kind(self) -> str:
        """The kind the views name: while a run trains, its live weights (they come within seconds);
        after it, the weights that answer (untrained, if it failed before its first step)."""
        return self.kind if self.training else self.answering_kind()

    def export_source(self) -> str | None:
        """What File > Export Model writes of the weights that answer: their checkpoint file, or "imagenet"
        (torchvision's cache); None for weights that live only in memory (untrained, a run's live copy)."""
        if self.kind == FILE and self.file is not None:
            return str(self.file)
        return IMAGENET if self.kind == IMAGENET else None

    # ------------------------------------------------------------ using, on any thread

    def predictor_getter(self) -> Callable[[], Predictor]:
        """A function that returns the Predictor for the weights chosen now, whatever is chosen later."""
        kind, trainer, file, spec = self.kind, self.trainer, self.file, self.untrained_spec
        if kind == LIVE and trainer is not None:
            return lambda: self._live(trainer) or self._untrained(spec)
        if kind == FILE and file is not None:
            return lambda: self._from_file(file)
        if kind == IMAGENET:
            return self._imagenet
        return lambda: self._untrained(spec)

    def _live(self, trainer: Trainer) -> Predictor | None:
        from ..core.inference.predict import Predictor

        snapshot = trainer.latest_snapshot()
        if snapshot is None:
            return None
        return self._cached(("live", id(trainer), snapshot.step), lambda: Predictor.from_snapshot(snapshot))

    def _from_file(self, path: Path) -> Predictor:
        from ..core.inference.predict import Predictor

        return self._cached(_file_key(path), lambda: Predictor.from_file(path))

    def _imagenet(self) -> Predictor:
        from ..core.common.messages import Message
        from ..core.inference.imagenet import NAME, cache_path, load_imagenet
        from ..core.inference.predict import Predictor

        return self._cached(_file_key(cache_path()), lambda: Predictor.from_checkpoint(load_imagenet(), Message(NAME)))

    def _untrained(self, spec: UntrainedSpec) -> Predictor:
        from ..core.data.sources import describe
        from ..core.inference.predict import Predictor

        def build() -> Predictor:
            names, channels, stored = describe(spec.dataset, spec.data_dir, spec.input_size)
            return Predictor.untrained(names, channels, stored, spec.input_size, spec.seed)

        return self._cached(("untrained", spec), build)

    def _cached(self, key: Hashable, build: Callable[[], Predictor]) -> Predictor:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        predictor = build()  # outside the lock: building can take a moment, other keys need not wait
        self._remember(key, predictor)
        return predictor

    def _remember(self, key: Hashable, predictor: Predictor) -> None:
        with self._lock:
            self._cache[key] = predictor
            self._cache.move_to_end(key)
            while len(self._cache) > CACHED_PREDICTORS:
                self._cache.popitem(last=False)


def _file_key(path: Path) -> tuple:
    """A file rewritten since (a run's last.pt after the next epoch) is read again."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None  # gone: loading it says so
    return ("file", str(path), stamp)
