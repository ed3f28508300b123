"""Where the weights that classify come from: an untrained network, the live run, or a file.

The window keeps one WeightsSource; each classification takes `predictor_getter()` on the GUI
thread (a snapshot of the current choice) and calls it on a pool thread. Predictors are cached:
an untrained network per dataset and size, a live run's per snapshot step, a file's per
modification time, so the same weights are never rebuilt.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Hashable

if TYPE_CHECKING:  # torch loads with these; the window imports this module before it has
    from ..training.engine import Trainer
    from .predict import Predictor

UNTRAINED, LIVE, FILE = "untrained", "live", "file"
CACHED_PREDICTORS = 4  # each holds a copy of the weights (~25 MB)


@dataclass(frozen=True)
class UntrainedSpec:
    """Which untrained network answers before any training: the dataset's classes and channels."""

    dataset: str = "sample"
    data_dir: str | None = None
    input_size: int = 96
    seed: int = 0


class WeightsSource:
    def __init__(self) -> None:
        self.kind = UNTRAINED
        self.trainer: Trainer | None = None
        self.file: Path | None = None
        self.untrained_spec = UntrainedSpec()
        self._cache: OrderedDict[Hashable, Predictor] = OrderedDict()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ choosing, on the GUI thread

    def use_untrained(self, spec: UntrainedSpec | None = None) -> None:
        self.kind = UNTRAINED
        if spec is not None:
            self.untrained_spec = spec

    def use_live(self, trainer: Trainer) -> None:
        self.kind, self.trainer = LIVE, trainer

    def use_file(self, path: Path, predictor: Predictor | None = None) -> None:
        """Classify with a checkpoint file; `predictor`: its weights, when already read."""
        self.kind, self.file = FILE, Path(path)
        if predictor is not None:
            self._remember(_file_key(self.file), predictor)

    def answering_kind(self) -> str:
        """The kind of weights that answers now: a run's live weights answer only once it has
        published some (a run that failed before its first step never does), else the untrained
        network answers in their place (predictor_getter's fallback)."""
        if self.kind == LIVE and (self.trainer is None or self.trainer.latest_snapshot() is None):
            return UNTRAINED
        return self.kind

    # ------------------------------------------------------------ using, on any thread

    def predictor_getter(self) -> Callable[[], Predictor]:
        """A function that returns the Predictor for the weights chosen now, whatever is chosen later."""
        kind, trainer, file, spec = self.kind, self.trainer, self.file, self.untrained_spec
        if kind == LIVE and trainer is not None:
            return lambda: self._live(trainer) or self._untrained(spec)
        if kind == FILE and file is not None:
            return lambda: self._from_file(file)
        return lambda: self._untrained(spec)

    def _live(self, trainer: Trainer) -> Predictor | None:
        from .predict import Predictor

        snapshot = trainer.latest_snapshot()
        if snapshot is None:
            return None
        return self._cached(("live", id(trainer), snapshot.step), lambda: Predictor.from_snapshot(snapshot))

    def _from_file(self, path: Path) -> Predictor:
        from .predict import Predictor

        return self._cached(_file_key(path), lambda: Predictor.from_file(path))

    def _untrained(self, spec: UntrainedSpec) -> Predictor:
        from ..data.sources import describe
        from .predict import Predictor

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
