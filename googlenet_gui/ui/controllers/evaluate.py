"""The Evaluate tab: where the network is wrong, for the live run (each epoch's evaluation, as
the engine reports it), an opened checkpoint (its stored history) and File > Evaluate
Checkpoint… (core.inference.evaluation on the pool, with progress and Cancel).

Clicking a matrix cell lists that cell's validation images, most confident first: their
thumbnails (what the network sees) are made on the inference pool a chunk at a time, so a
gallery of thousands never stalls the window. Clicking an image classifies it in the Classify
tab as if it had been dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from ...core.runs.config import TrainConfig
from ...core.common.messages import QT_TRANSLATE_NOOP, Message
from ...core.common.text import NAME_LIMIT, display_name, printable
from ..jobs import JobSlot, run_inference_job
from ..panels.classify_panel import array_to_qimage
from ..panels.evaluate_panel import THUMBNAIL, EvaluatePanel
from ..words import Text, describe_checkpoint, say
from .checkpoints import checkpoint_filter

KEPT_EPOCHS = 20  # the latest epochs of a live run whose images a cell can list (8 bytes an image each)
GALLERY_LIMIT = 5000  # images a cell lists at most, the most confident
GALLERY_CHUNK = 200  # thumbnails made per pool job


@dataclass
class _Entry:
    label: Text  # what the epoch slider says
    epoch: int | None
    evaluation: Any  # core.inference.evaluation.Evaluation


@dataclass
class _Source:
    """What the tab shows: a run's epochs, an opened checkpoint's, or one evaluated checkpoint."""

    title: Text
    class_names: list[str]
    input_size: int
    entries: list[_Entry] = field(default_factory=list)
    images: Callable[[], Any] = lambda: None  # the evaluated split's uint8 images [N, C, h, w] on the CPU
    live: bool = False
    checkpoint: Any = None  # an opened checkpoint, evaluated again to list its own epoch's images
    checkpoint_name: str = ""
    own_epoch: int | None = None  # the epoch whose weights the checkpoint holds


@dataclass(frozen=True)
class Evaluated:
    """A checkpoint evaluated on its run's validation images."""

    checkpoint: Any  # core.runs.checkpoint.Checkpoint
    name: str
    data: Any  # core.data.sources.Dataset
    evaluation: Any  # core.inference.evaluation.Evaluation


class EvaluateController(QObject):
    def __init__(self, panel: EvaluatePanel, status: QStatusBar, classify_image: Callable[[QImage, str], None],
                 settings: Callable[[], TrainConfig], dialog_parent: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.status, self.classify_image = panel, status, classify_image
        self.settings, self.dialog_parent = settings, dialog_parent
        self.source: _Source | None = None
        self.cell: tuple[int, int] | None = None  # the matrix cell whose images the gallery lists
        self._pending_end: Any = None  # the live run's last EpochEnd, until its predictions come
        self._gallery = 0  # which gallery is being filled: late thumbnails of an older one are dropped
        self.job = JobSlot()  # one evaluation at a time: a newer request replaces it
        self._evaluating: _Source | None = None  # the opened checkpoint being evaluated again, if one is
        panel.epoch_selected.connect(self._epoch_selected)
        panel.cell_clicked.connect(self.show_cell)
        panel.image_clicked.connect(self._image_clicked)
        panel.evaluate_requested.connect(self.evaluate_dialog)
        panel.cancel_requested.connect(self.cancel)

    # ------------------------------------------------------------ the live run

    def follow_run(self, started: Any, trainer: Any) -> None:
        """A run started (core.runs.events.RunStarted): show its epochs, earlier ones too on resume."""
        from ...core.inference.evaluation import Evaluation

        names = list(started.class_names)
        entries = [_Entry(self._epoch_label(e.epoch), e.epoch, Evaluation.from_epoch(e, names)) for e in started.history]
        source = _Source(lambda: self.tr("Current run"), names, int(started.config["input_size"]),
                         [e for e in entries if e.evaluation is not None],
                         lambda: _images_of(trainer.validation_images()), live=True)
        self._pending_end = None
        self._set_source(source)

    def add_epoch(self, end: Any) -> None:
        """An epoch of the live run ended (core.runs.events.EpochEnd): its matrix, when it has one."""
        from ...core.inference.evaluation import Evaluation

        source = self.source
        if source is None or not source.live:
            return
        self._pending_end = end
        evaluation = Evaluation.from_epoch(end, source.class_names)
        if evaluation is not None:
            self._add_entry(source, _Entry(self._epoch_label(end.epoch), end.epoch, evaluation), gallery=False)

    def add_predictions(self, predictions: Any) -> None:
        """Each validation image's answer at an epoch's end (core.runs.events.EpochPredictions): that
        epoch's cells can list their images."""
        from ...core.inference.evaluation import Evaluation

        source, end = self.source, self._pending_end
        if source is None or not source.live or end is None or end.epoch != predictions.epoch:
            return
        evaluation = Evaluation.from_epoch(end, source.class_names, predictions)
        kept = [e for e in source.entries if e.evaluation.has_images]
        if kept and np.array_equal(kept[-1].evaluation.labels, evaluation.labels):
            evaluation.labels = kept[-1].evaluation.labels  # the same every epoch: one copy
        for old in kept[:max(0, len(kept) - KEPT_EPOCHS + 1)]:
            old.evaluation = old.evaluation.without_images()
        entry = next((e for e in source.entries if e.epoch == predictions.epoch), None)
        if entry is None:  # no matrix with the epoch's end (more classes than are stored)
            self._add_entry(source, _Entry(self._epoch_label(end.epoch), end.epoch, evaluation), gallery=True)
            return
        entry.evaluation = evaluation
        if self._shown_entry() is entry:
            self._show(self.panel.epoch_position())

    def _add_entry(self, source: _Source, entry: _Entry, gallery: bool) -> None:
        follow = not source.entries or self.panel.at_latest_epoch()
        source.entries.append(entry)
        if follow:
            self._show(len(source.entries) - 1, gallery)
        else:  # the user is looking at an earlier epoch: only the slider grows
            self.panel.set_epochs([e.label for e in source.entries], self.panel.epoch_position())

    # ------------------------------------------------------------ an opened checkpoint

    def checkpoint_opened(self, opened: Any) -> None:
        """A checkpoint was opened (controllers.checkpoints.OpenedCheckpoint): to continue it, its evaluations show."""
        if opened.resume:
            self.show_checkpoint(opened.path, opened.checkpoint)

    def show_checkpoint(self, path: Path, checkpoint: Any) -> None:
        """File > Open: the checkpoint's stored evaluations, one per epoch."""
        from ...core.inference.evaluation import Evaluation

        names = list(checkpoint.class_names)
        name = display_name(path)
        entries = [_Entry(self._epoch_label(e.epoch), e.epoch, Evaluation.from_epoch(e, names))
                   for e in checkpoint.history]
        position = checkpoint.position
        own = position.epochs_done if position.batches_done == 0 and position.epochs_done else None
        self._set_source(_Source(lambda: describe_checkpoint(name, position), names, checkpoint.preprocess.input_size,
                                 [e for e in entries if e.evaluation is not None], checkpoint=checkpoint,
                                 checkpoint_name=name, own_epoch=own))

    # ------------------------------------------------------------ evaluating a checkpoint

    @Slot()
    def evaluate_dialog(self) -> None:
        start = QSettings().value("paths/checkpoints", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self.dialog_parent, self.tr("Evaluate checkpoint"), start,
                                              checkpoint_filter())
        if path:
            QSettings().setValue("paths/checkpoints", str(Path(path).parent))
            self.evaluate_file(Path(path))

    def evaluate_file(self, path: Path) -> None:
        """Evaluate a checkpoint file on its run's validation images, on the pool."""
        def load() -> tuple[Any, str]:
            from ...core.runs.checkpoint import load_checkpoint

            return load_checkpoint(path), display_name(path)

        self._evaluate(load, self._show_evaluated, display_name(path))

    def _show_evaluated(self, checkpoint: Any, name: str, data: Any, evaluation: Any) -> None:
        images = data.val.images
        position = checkpoint.position
        label = self._epoch_label(position.epochs_done) if position.epochs_done and not position.batches_done \
            else lambda: self.tr("as saved")
        data_name = printable(data.name, NAME_LIMIT)

        def title() -> str:
            return self.tr("{0} evaluated on {1}, validation split").format(describe_checkpoint(name, position),
                                                                          data_name)

        self._set_source(_Source(title, list(checkpoint.class_names), checkpoint.preprocess.input_size,
                                 [_Entry(label, position.epochs_done or None, evaluation)], lambda: images))
        self.status.showMessage(self.tr("Evaluated {0}").format(describe_checkpoint(name, position)), 5000)

    def _evaluate(self, load: Callable[[], tuple[Any, str]], done: Callable[[Any, str, Any, Any], None],
                  what: str) -> None:
        """Load a checkpoint and its data and evaluate it on the pool; `done` gets the result.
        `what`: the checkpoint's name, for the progress line."""
        self.cancel()  # a newer request replaces one under way
        settings = self.settings()

        def work(report: Callable[[int, int, str], None], cancel: Any) -> Evaluated:
            from ...core.inference.evaluation import evaluate_checkpoint, evaluation_dataset

            checkpoint, name = load()
            dataset, data_dir = _data_choice(checkpoint.train_config, settings)
            data = evaluation_dataset(checkpoint, dataset, data_dir, "val", report, cancel)
            evaluation = evaluate_checkpoint(checkpoint, data, "val", report, cancel, settings.device or "cpu",
                                             name=name)
            return Evaluated(checkpoint, name, data, evaluation)

        def finished(evaluated: Evaluated) -> None:
            self.panel.set_idle()
            done(evaluated.checkpoint, evaluated.name, evaluated.data, evaluated.evaluation)

        def failed(message: str) -> None:
            self.panel.set_idle()
            self.panel.show_message(lambda: self.tr("Evaluation failed: {0}").format(say(message)), error=True)

        def progress(done_: int, total: int, message: str) -> None:
            self.panel.set_progress(done_, total, lambda: self.tr("Evaluating {0}…").format(what)
                                    if message == "evaluating" else self.tr("{0}: loading data…").format(what))

        self.panel.show_message("")
        self.panel.set_busy(lambda: self.tr("{0}: loading data…").format(what))
        self.job.start(work, on_result=finished, on_error=failed, on_progress=progress)

    @Slot()
    def cancel(self) -> None:
        """Stop the evaluation under way (its result, if it still comes, is dropped)."""
        if self.job.cancel():
            self.panel.set_idle()
            self.panel.show_message(lambda: self.tr("Evaluation cancelled."))

    # ------------------------------------------------------------ showing

    def _set_source(self, source: _Source) -> None:
        self.cancel()
        self.source = source
        self.cell = None
        self.panel.show_message("")
        self._show(len(source.entries) - 1)

    def _shown_entry(self) -> _Entry | None:
        source = self.source
        if source is None or not source.entries:
            return None
        return source.entries[min(self.panel.epoch_position(), len(source.entries) - 1)]

    def _show(self, position: int, gallery: bool = True) -> None:
        source = self.source
        self.panel.set_source(source.title)
        if not source.entries:
            self.panel.show_nothing(self._nothing_text(source))
            return
        self.panel.set_epochs([e.label for e in source.entries], max(position, 0))
        self.panel.show_evaluation(self._shown_entry().evaluation)
        if self.cell is not None:
            self.panel.select_cell(*self.cell)
            if gallery:
                self.show_cell(*self.cell)

    def _nothing_text(self, source: _Source) -> Text:
        if source.live:
            return lambda: self.tr("The first epoch's evaluation appears here when it ends.")
        return lambda: self.tr("{0} holds no evaluations (no validation set, more than 100 classes, or saved by an "
                               "earlier version): Evaluate Checkpoint… computes one.").format(say(source.title))

    def _epoch_selected(self, position: int) -> None:
        if self.source is not None and self.source.entries:
            self._show(position)

    def _epoch_label(self, epoch: int) -> Text:
        return lambda: self.tr("epoch {0}").format(epoch)

    # ------------------------------------------------------------ a cell's images

    @Slot(int, int)
    def show_cell(self, true: int, predicted: int) -> None:
        """List the images of one matrix cell, most confident first."""
        source, entry = self.source, self._shown_entry()
        if source is None or entry is None or not (0 <= true < len(source.class_names)
                                                    and 0 <= predicted < len(source.class_names)):
            return
        self.cell = (true, predicted)
        self._gallery += 1
        self.panel.select_cell(true, predicted)
        evaluation = entry.evaluation
        if evaluation.has_images:
            self._fill_gallery(source, evaluation, true, predicted)
        elif source.checkpoint is not None and entry.epoch is not None and entry.epoch == source.own_epoch:
            self.panel.clear_gallery(lambda: self.tr("Evaluating {0} to list the images…").format(say(source.title)))
            if self._evaluating is not source or not self.job.running:  # one evaluation, whichever cell waits
                self._evaluating = source
                self._evaluate(lambda: (source.checkpoint, source.checkpoint_name),
                               lambda *value: self._opened_evaluated(source, *value), source.checkpoint_name)
        elif source.checkpoint is not None:
            def held() -> str:
                own = self.tr("epoch {0}").format(source.own_epoch) if source.own_epoch else self.tr("no epoch's")
                return self.tr("{0} holds the weights of {1}: only that epoch's images can be listed.").format(
                    say(source.title), own)

            self.panel.clear_gallery(held)
        else:
            self.panel.clear_gallery(lambda: self.tr("The images of {0} are not kept: a run keeps them for its last "
                                                     "{1} epochs.").format(say(entry.label), KEPT_EPOCHS))

    def _opened_evaluated(self, source: _Source, checkpoint: Any, name: str, data: Any, evaluation: Any) -> None:
        """The opened checkpoint's own epoch, evaluated again with each image's answer."""
        self._evaluating = None
        if self.source is not source:
            return
        images = data.val.images
        source.images = lambda: images
        for entry in source.entries:
            if entry.epoch == source.own_epoch:
                entry.evaluation = evaluation
        self._show(self.panel.epoch_position())

    def _fill_gallery(self, source: _Source, evaluation: Any, true: int, predicted: int) -> None:
        images = source.images()
        names = [printable(n, NAME_LIMIT) for n in source.class_names]
        indices, probabilities = evaluation.cell(true, predicted)
        count = len(indices)

        def title() -> str:
            if true == predicted:
                text = self.tr("%n image(s) of {0} predicted right, most confident first", "", count).format(names[true])
            else:
                text = self.tr("%n image(s) of {0} predicted as {1}, most confident first", "", count).format(
                    names[true], names[predicted])
            if count > GALLERY_LIMIT:
                text += " " + self.tr("(the {0} most confident shown)").format(f"{GALLERY_LIMIT:,}")
            return text

        if images is None:
            self.panel.clear_gallery(lambda: self.tr("The images are not loaded yet."))
            return
        self.panel.clear_gallery(title)
        items = [(int(i), float(p)) for i, p in zip(indices[:GALLERY_LIMIT], probabilities[:GALLERY_LIMIT])]

        def tooltip(i: int, p: float) -> Text:
            return lambda: self.tr("Image {0} of the validation set: true {1}, predicted {2} ({3}). Click to classify "
                                   "it.").format(i, names[true], names[predicted], f"{p:.1%}")

        self._next_chunk(self._gallery, images, items, source.input_size, tooltip)

    def _next_chunk(self, gallery: int, images: Any, items: list[tuple[int, float]], input_size: int,
                    tooltip: Callable[[int, float], Text]) -> None:
        chunk, rest = items[:GALLERY_CHUNK], items[GALLERY_CHUNK:]
        if not chunk:
            return

        def work(report: Any) -> list[QImage]:
            import torch

            from ...core.data.transforms import network_views

            views = network_views(images[torch.tensor([i for i, _ in chunk])], input_size, THUMBNAIL)
            pixels = views.permute(0, 2, 3, 1).numpy()
            return [array_to_qimage(p[:, :, 0] if p.shape[2] == 1 else p) for p in pixels]

        def add(thumbnails: list[QImage]) -> None:
            if gallery != self._gallery:
                return  # another cell was clicked meanwhile
            self.panel.add_gallery_images([(i, p, t, tooltip(i, p)) for (i, p), t in zip(chunk, thumbnails)])
            self._next_chunk(gallery, images, rest, input_size, tooltip)

        run_inference_job(work, on_result=add,
                          on_error=lambda message: gallery == self._gallery and self.panel.show_message(message, True))

    def _image_clicked(self, index: int) -> None:
        """Classify a gallery image in the Classify tab, as if it had been dropped."""
        source = self.source
        images = source.images() if source is not None else None
        if images is None or not 0 <= index < len(images):
            return
        pixels = images[index].permute(1, 2, 0).numpy()
        image = array_to_qimage(pixels[:, :, 0] if pixels.shape[2] == 1 else pixels)
        entry = self._shown_entry()
        true = ""
        if entry is not None and entry.evaluation.has_images:
            true = printable(source.class_names[int(entry.evaluation.labels[index])], NAME_LIMIT)
        self.classify_image(image, Message(QT_TRANSLATE_NOOP("Core", "validation image {index} (true {name})"), index=index,
                                           name=true) if true else
                            Message(QT_TRANSLATE_NOOP("Core", "validation image {index}"), index=index))

    # ------------------------------------------------------------ export

    @Slot()
    def export_dialog(self) -> None:
        if self.panel.evaluation is None:
            self.status.showMessage(self.tr("No confusion matrix to export yet"), 5000)
            return
        path, _ = QFileDialog.getSaveFileName(self.dialog_parent, self.tr("Export confusion matrix"),
                                              str(Path.home() / "confusion-matrix.png"),
                                              self.tr("PNG image (*.png);;CSV (*.csv)"))
        if path:
            self.export(path)

    def export(self, path: str) -> None:
        try:
            if Path(path).suffix.lower() == ".csv":
                self.panel.export_csv(path)
            else:
                self.panel.export_image(path if Path(path).suffix else path + ".png")
            self.status.showMessage(self.tr("Exported {0}").format(path), 5000)
        except (OSError, ValueError) as exc:
            self.status.showMessage(self.tr("Export failed: {0}").format(exc), 8000)


def _images_of(image_set: Any) -> Any:
    return None if image_set is None else image_set.images


def _data_choice(stored: TrainConfig | None, chosen: TrainConfig) -> tuple[str | None, str | None]:
    """(dataset, data folder) to evaluate a checkpoint on; (None, None): the checkpoint's own.
    A checkpoint of weights alone takes the training panel's dataset. Otherwise its own data,
    found where its run read it, or where the training panel says that dataset lives."""
    if stored is None:
        return chosen.dataset, chosen.data_dir
    if chosen.dataset == stored.dataset and chosen.data_dir and not (stored.data_dir and Path(stored.data_dir).is_dir()):
        return None, chosen.data_dir
    return None, None
