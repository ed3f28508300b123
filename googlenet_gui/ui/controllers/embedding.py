"""The feature map from the window: core.understanding.embedding on the inference pool, never in
the training loop.

While a run trains and the panel is on screen (a map takes a core: on a CPU run, one from
training), each epoch's end (the engine's EpochPredictions) asks the run for a snapshot
of its weights (Trainer.request_snapshot: it comes at the next step); the first snapshot taken at
or after that epoch's end is mapped with the run's validation images (Trainer.validation_images),
each map starting from the one before, and kept, so the slider replays the epochs. One map is
computed at a time: epochs that end meanwhile are left out (the newest is mapped next). "Map
these weights" maps the newest snapshot of a live run, or an opened checkpoint with the images its
run validated on. The maps are kept per layer and projection; choosing another starts its own list.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from ...core.common.messages import QT_TRANSLATE_NOOP, Message
from ...core.common.text import NAME_LIMIT, display_name, printable
from ..jobs import JobSlot
from ..panels.embedding_panel import EmbeddingPanel
from ..qimages import array_to_qimage
from ..words import Text, describe_checkpoint, describe_position, failure


class _Kept:
    """A map kept for the slider: which weights made it, and the map."""

    def __init__(self, title: Text, epoch_text: Text, feature_map: Any):
        self.title, self.epoch_text, self.feature_map = title, epoch_text, feature_map


@dataclass(frozen=True)
class Mapped:
    feature_map: Any  # core.understanding.embedding.FeatureMap
    images: Any  # core.data.sources.ImageSet: the validation images it maps


class EmbeddingController(QObject):
    classify_requested = Signal(int)  # a point was clicked: its image's index in the validation set

    def __init__(self, panel: EmbeddingPanel, classify_image: Callable[[QImage, str], None] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.classify_image = panel, classify_image
        self.trainer: Any = None  # the run followed (kept after it ends: its last weights can be mapped)
        self.running = False
        self.images: Any = None  # core.data.sources.ImageSet: the validation images mapped
        self.class_names: list[str] = []
        self.checkpoint_path: Path | None = None  # an opened checkpoint (when no run is followed)
        self.kept: dict[tuple[str, str], list[_Kept]] = {}
        self._wanted_epoch: int | None = None  # an epoch whose end is still to be mapped
        self.job = JobSlot(inference=True)  # one map at a time: a newer one replaces it
        panel.compute_requested.connect(self.compute_now)
        panel.cancel_requested.connect(self.cancel)
        panel.choice_changed.connect(lambda *_: self._show_kept(compute=True))
        panel.epoch_chosen.connect(self._show_index)
        panel.classify_requested.connect(self._classify)
        panel.set_image_source(self._pixels)
        panel.shown.connect(self.step_reached)  # an epoch that ended while the tab was hidden: its newest weights

    # ------------------------------------------------------------ a run

    def follow_run(self, started: Any, trainer: Any) -> None:
        """A run started (core.runs.events.RunStarted): its epochs are mapped as they end."""
        self.cancel(quietly=True)
        self.trainer, self.images, self.checkpoint_path = trainer, None, None
        self.running = True
        self.class_names = list(started.class_names)
        self.kept = {}
        self._wanted_epoch = None
        self._show_kept()

    def epoch_predictions(self, predictions: Any) -> None:
        """An epoch ended (core.runs.events.EpochPredictions): map the weights it ended with (once on screen)."""
        if self.trainer is None:
            return
        self._wanted_epoch = predictions.epoch
        if self.panel.isVisible():
            self.trainer.request_snapshot()
            self.step_reached()

    def step_reached(self, _step: int = 0) -> None:
        """Training moved on (the training controller's `progressed`): a wanted snapshot may be there now."""
        trainer, epoch = self.trainer, self._wanted_epoch
        if trainer is None or epoch is None or self.job.running or not self.panel.isVisible():
            return
        snapshot = trainer.latest_snapshot()
        if snapshot is None or snapshot.position.epochs_done < epoch:
            trainer.request_snapshot()
            return
        images = trainer.validation_images()
        if images is None:
            return
        self._wanted_epoch = None
        self.images = images
        self._compute_snapshot(snapshot, epoch)

    def run_ended(self) -> None:
        """The run is over: its last snapshot holds the weights it ended with (mapped if still wanted)."""
        self.running = False
        self.step_reached()

    # ------------------------------------------------------------ an opened checkpoint

    def show_checkpoint(self, path: Path) -> None:
        """An opened checkpoint (while no run trains): mapped when asked (Map these weights)."""
        if self.running:
            return
        self.cancel(quietly=True)
        self.trainer, self._wanted_epoch = None, None
        self.checkpoint_path, self.images = Path(path), None
        self.kept = {}
        self._show_kept()
        self.panel.show_message(lambda: self.tr("Map these weights maps {0} with the images its run validated "
                                                "on.").format(display_name(path)))

    # ------------------------------------------------------------ asked by the user

    @Slot()
    def compute_now(self) -> None:
        """Map the weights chosen now: the followed run's newest snapshot, else the opened checkpoint."""
        trainer = self.trainer
        if trainer is not None:
            snapshot = trainer.latest_snapshot()
            images = trainer.validation_images()
            if snapshot is None or images is None:
                self.panel.show_message(lambda: self.tr("The run has no weights to map yet."))
                return
            self.images = images
            self._compute_snapshot(snapshot, None)
        elif self.checkpoint_path is not None:
            self._compute_checkpoint(self.checkpoint_path)
        else:
            self.panel.show_message(lambda: self.tr("Start a run or open a checkpoint first: a map needs trained "
                                                    "weights and their validation images."))

    @Slot()
    def cancel(self, quietly: bool = False) -> None:
        if self.job.cancel():
            self.panel.set_idle()
            if not quietly:
                self.panel.show_message(lambda: self.tr("Feature map cancelled."))

    # ------------------------------------------------------------ computing

    def _compute_snapshot(self, snapshot: Any, epoch: int | None) -> None:
        images = self.images
        position = snapshot.position

        def title() -> str:
            return self.tr("live weights, {0}").format(describe_position(position))

        epoch_text: Text = (lambda: self.tr("Epoch {0}").format(epoch)) if epoch is not None else title

        def load(report: Any, cancel: threading.Event) -> tuple[Any, Any]:
            from ...core.inference.predict import Predictor

            return Predictor.from_snapshot(snapshot), images

        self._start(load, title, epoch_text)

    def _compute_checkpoint(self, path: Path) -> None:
        name = display_name(path)
        facts: dict[str, Any] = {}

        def load(report: Any, cancel: threading.Event) -> tuple[Any, Any]:
            from ...core.inference.evaluation import check_fits, evaluation_dataset
            from ...core.inference.predict import Predictor
            from ...core.runs.checkpoint import load_checkpoint

            checkpoint = load_checkpoint(path)
            report(0, 0, Message(QT_TRANSLATE_NOOP("Core", "loading data")))
            dataset = evaluation_dataset(checkpoint, cancel=cancel)
            check_fits(checkpoint, dataset, name)
            facts["position"] = checkpoint.position
            return Predictor.from_checkpoint(checkpoint, name), dataset.val

        def title() -> str:
            position = facts.get("position")
            return describe_checkpoint(name, position) if position is not None else name

        self._start(load, title, title)

    def _start(self, load: Callable, title: Text, epoch_text: Text) -> None:
        self.cancel(quietly=True)
        layer, method = self.panel.layer(), self.panel.method()
        kept = self.kept.get((layer, method), [])
        previous = kept[-1].feature_map if kept else None
        self.panel.show_message("")
        self.panel.set_busy(lambda: self.tr("Mapping the validation images…"))

        def work(report: Any, cancel: threading.Event) -> Mapped:
            from ...core.understanding.embedding import feature_map

            predictor, images = load(report, cancel)
            result = feature_map(predictor.model, predictor.preprocess, images.images, images.labels,
                                 predictor.class_names, layer, method, previous, report, cancel)
            return Mapped(result, images)

        def finished(mapped: Mapped) -> None:
            self.panel.set_idle()
            result = mapped.feature_map
            self.images = mapped.images
            self.class_names = list(result.class_names)
            self.kept.setdefault((result.layer, result.method), []).append(_Kept(title, epoch_text, result))
            self._show_kept()
            self.step_reached()  # an epoch that ended meanwhile

        def failed(message: str) -> None:
            self.panel.set_idle()
            self.panel.show_message(failure(message, lambda m: self.tr("The feature map failed: {0}").format(m)), error=True)

        self.job.start(work, on_result=finished, on_error=failed, on_progress=self.panel.set_progress)

    # ------------------------------------------------------------ showing

    def _show_kept(self, compute: bool = False) -> None:
        """The kept maps of the layer and projection chosen now, the newest shown; none kept: computed
        at once when `compute` (a choice changed) and there are weights to map."""
        kept = self.kept.get((self.panel.layer(), self.panel.method()), [])
        self.panel.set_epochs([k.epoch_text for k in kept], len(kept) - 1)
        if kept:
            self.panel.show_map(kept[-1].feature_map, kept[-1].title)
        else:
            self.panel.show_map(None)
            if compute and (self.trainer is not None or self.checkpoint_path is not None):
                self.compute_now()

    def _show_index(self, index: int) -> None:
        kept = self.kept.get((self.panel.layer(), self.panel.method()), [])
        if 0 <= index < len(kept):
            self.panel.show_map(kept[index].feature_map, kept[index].title)
            self.panel.set_epochs([k.epoch_text for k in kept], index)

    def _pixels(self, index: int) -> Any:
        images = self.images
        if images is None or not 0 <= index < len(images):
            return None
        pixels = images.images[index].permute(1, 2, 0).numpy()
        return pixels[:, :, 0] if pixels.shape[2] == 1 else pixels

    def _classify(self, index: int) -> None:
        """A clicked point: its image classified in the Classify tab, as Evaluate's gallery does."""
        self.classify_requested.emit(index)
        pixels = self._pixels(index)
        if self.classify_image is None or pixels is None:
            return
        fm = self.panel.feature_map
        true = ""
        if fm is not None:
            rows = (fm.indices == index).nonzero()[0]
            if len(rows) and 0 <= int(fm.labels[rows[0]]) < len(fm.class_names):
                true = printable(fm.class_names[int(fm.labels[rows[0]])], NAME_LIMIT)
        source = Message(QT_TRANSLATE_NOOP("Core", "validation image {index} (true {name})"), index=index, name=true) \
            if true else Message(QT_TRANSLATE_NOOP("Core", "validation image {index}"), index=index)
        self.classify_image(array_to_qimage(pixels), source)
