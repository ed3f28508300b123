"""Classifying from the window: files dropped, pasted or opened, with the weights the user chose.

The walk of a dropped file (docs/ARCHITECTURE.md): MainWindow.dropEvent -> drop() ->
classify_paths(): a request id and placeholder rows at once -> a pool job runs the chosen
weights' Predictor (state.weights) on the files -> _show(): the results take their placeholders'
place in the classify panel. Results keep the order they were asked in, whichever finishes
first, and a Clear drops those still on their way.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QSettings, QUrl, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWidget

from ... import resources_dir
from ...core.common.messages import QT_TRANSLATE_NOOP, Message
from ...core.common.text import display_name
from ...state.weights import FILE, IMAGENET, LIVE, AnsweringWeights
from ..jobs import run_inference_job
from ..panels.classify_panel import MAX_ROWS, ClassifyPanel
from ..urls import local_paths
from .imagenet import imagenet_name
from ..words import Text, WeightsFacts, say

IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.ppm *.pgm"


def image_filter() -> str:
    """The open dialogs' filter, in the language installed now."""
    return QCoreApplication.translate("ClassifyController", "Images ({0});;All files (*)").format(IMAGE_PATTERNS)
PASTE_SIDE = 512  # a pasted image is kept at most this big, for classifying it again


@dataclass(frozen=True)
class Classified:
    """One classification job's result: the answers in the order asked, and which weights gave them."""

    predictions: list  # core.inference.predict.Prediction
    weights: WeightsFacts
    class_names: list[str]


class ClassifyController(QObject):
    # an image of the list, with its kept pixels (a PIL image; None for a file, which is read again)
    selected = Signal(object, object)  # clicked: the Inside tab shows it
    inside_requested = Signal(object, object)  # its Inside button
    pin_toggled = Signal(object, object, bool)  # its Pin button

    def __init__(self, panel: ClassifyPanel, weights: AnsweringWeights, weights_label: QLabel,
                 show_panel: Callable[[], None], dialog_parent: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.weights, self.weights_label = panel, weights, weights_label
        self.show_panel, self.dialog_parent = show_panel, dialog_parent
        self._next_request = 0
        self._newest_shown = 0  # the newest request whose results are on screen
        self._pasted: dict[str, Any] = {}  # pasted images by their row's name, for "Classify all again"
        self._pasted_count = 0
        self._core_ready = False
        self._learning: int | None = None  # the weights' choice whose classes are being learned
        panel.open_requested.connect(self.open_dialog)
        panel.paste_requested.connect(self.paste)
        panel.classify_again_requested.connect(self.classify_all_again)
        panel.examples_requested.connect(self.classify_examples)
        panel.row_selected.connect(lambda source: self.selected.emit(source, self.kept_image(source)))
        panel.inside_requested.connect(lambda source: self.inside_requested.emit(source, self.kept_image(source)))
        panel.pin_toggled.connect(lambda source, on: self.pin_toggled.emit(source, self.kept_image(source), on))
        weights.changed.connect(self.weights_changed)
        self.weights_changed()

    def core_ready(self) -> None:
        self._core_ready = True
        self._learn_classes()

    def kept_image(self, source: str) -> Any:
        """The pasted or dropped image data a row shows (a PIL image), or None: the row is a file."""
        return self._pasted.get(source)

    def select_newest(self) -> tuple[str, Any] | None:
        """Mark the newest image classified without an error as the selected one: (its source, its kept
        pixels or None for a file); None when there is none."""
        rows = self.panel.rows()
        if not rows or rows[0].error_text:
            return None
        self.panel.select(rows[0].source)
        return rows[0].source, self.kept_image(rows[0].source)

    def retranslate(self) -> None:
        """The window's weights line, in the language installed now (the window calls it on a switch;
        the panel words its own texts again)."""
        self._show_weights_label()

    # ------------------------------------------------------------ what answers

    def weights_changed(self) -> None:
        """Other weights answer, a run started or ended training, or what the weights know was learned: say so."""
        self._show_weights_label()
        kind, training = self.weights.shown_kind(), self.weights.training
        if kind == LIVE:
            self.panel.set_weights(lambda: self.tr("the live weights of the current run (refreshed every few seconds)")
                                   if training else self.tr("the weights the last run ended with"), True)
        elif kind == FILE:
            self.panel.set_weights(display_name(self.weights.file), True)
        elif kind == IMAGENET:
            self.panel.set_weights(imagenet_name, True)
        else:
            self.panel.set_weights(lambda: self.tr("untrained weights"), False)
        self.panel.set_classes(self.weights.class_names or [])
        self._learn_classes()

    def _learn_classes(self) -> None:
        """What the chosen weights know, once: a Predictor of them is built on the pool (and cached, so the
        next classification does not wait for it). A live run's classes come with its start."""
        weights = self.weights
        if (not self._core_ready or weights.class_names is not None or weights.kind == LIVE
                or self._learning == weights.version):
            return
        self._learning = version = weights.version
        get_predictor = weights.predictor_getter()
        run_inference_job(lambda report: get_predictor().class_names,
                          on_result=lambda names: weights.learned(version, names),
                          on_error=lambda message: None)  # said when an image is classified with them

    def _show_weights_label(self) -> None:
        kind = self.weights.shown_kind()
        if kind == LIVE:
            self.weights_label.setText(self.tr("Weights: live from training") if self.weights.training
                                       else self.tr("Weights: the last run's"))
        elif kind == FILE:
            self.weights_label.setText(self.tr("Weights: {0}").format(display_name(self.weights.file)))
        elif kind == IMAGENET:
            self.weights_label.setText(self.tr("Weights: {0}").format(imagenet_name()))
        else:
            self.weights_label.setText(self.tr("Weights: untrained"))

    # ------------------------------------------------------------ asking

    def classify_paths(self, paths: list[str], refused: list[Text] | None = None) -> None:
        """Classify files on the pool; `refused` (one-line reasons for dropped things that are not
        files) is shown with the results."""
        if paths:
            self._classify(list(paths), list(refused or []))

    def classify_image(self, image: QImage, source: str = "") -> None:
        """Classify image data (pasted or dropped, not a file). It is kept (at most PASTE_SIDE
        pixels a side) so that "Classify all again" can use it with other weights. `source` names it
        (a core Message, "validation image 5 (true Ankle boot)"), which is its key too (rows, pins, the
        timeline file); image data of no name is numbered where it came from ("clipboard 3"). The
        window says the name in the language installed now (words.image_name)."""
        from PIL import Image

        rgba = image.convertToFormat(QImage.Format_RGBA8888)
        data = bytes(rgba.constBits())[: rgba.sizeInBytes()]
        pil = Image.frombuffer("RGBA", (rgba.width(), rgba.height()), data, "raw", "RGBA", rgba.bytesPerLine(), 1)
        pil = pil.copy()
        pil.thumbnail((PASTE_SIDE, PASTE_SIDE))
        name = source or self._numbered(Message(QT_TRANSLATE_NOOP("Core", "clipboard")))
        self._pasted.pop(name, None)  # the same image again: it moves to the newest place
        self._pasted[name] = pil
        while len(self._pasted) > MAX_ROWS:
            self._pasted.pop(next(iter(self._pasted)))
        self._classify([name], [])

    def _numbered(self, where: Message) -> Message:
        """A name for image data that has none: where it came from and a count, each paste its own row."""
        self._pasted_count += 1
        return Message("{source} {number}", source=where, number=self._pasted_count)

    def classify_examples(self) -> None:
        """The pictures that come with the app (resources/examples/): clothing the sample never trained on, a cat
        and a cup of coffee."""
        folder = resources_dir() / "examples"
        self.classify_paths(sorted(str(p) for p in folder.iterdir() if p.suffix.lower() in (".png", ".jpg")))

    def classify_all_again(self) -> None:
        """Every image on the list again, with the weights chosen now, in the same order."""
        sources = [row.source for row in self.panel.rows()]
        if not sources:
            return
        self.panel.clear()
        self._classify(sources, [])

    def _classify(self, sources: list[str], refused: list[str]) -> None:
        """Files and kept pasted images, in one job on the inference pool, results in `sources`' order."""
        get_predictor = self.weights.predictor_getter()
        pasted = {name: self._pasted[name] for name in sources if name in self._pasted}

        def work(report: Any) -> Classified:
            predictor = get_predictor()
            files = [s for s in sources if s not in pasted]
            # each file is decoded once, by the core's guarded reader; the thumbnails come from it too
            by_source = {p.source: p for p in predictor.classify_files(files)} if files else {}
            for name, image in pasted.items():
                by_source[name] = predictor.classify_image(image, name)
            return Classified([by_source[s] for s in sources], WeightsFacts.of(predictor), predictor.class_names)

        self._ask(sources, work, refused)

    def _ask(self, sources: list[str], work: Callable, refused: list[str]) -> None:
        self._next_request += 1
        request = self._next_request
        self.show_panel()
        self.panel.add_pending(request, sources)
        self.panel.show_message(lambda: self.tr("Classifying %n image(s)…", "", len(sources)))
        run_inference_job(work, on_result=lambda value: self._show(request, value, refused),
                          on_error=lambda message: self._failed(request, message))

    def _show(self, request: int, result: Classified, refused: list[str]) -> None:
        predictions, weights = result.predictions, result.weights
        if not self.panel.show_predictions(predictions, request=request, weights=weights.with_age):
            return  # cleared while it was on its way
        if request < self._newest_shown:
            return  # an older request finished late: its rows are in place, the header stays the newer one's
        self._newest_shown = request
        self.panel.set_weights(weights.describe, weights.trained)
        self.panel.set_classes(result.class_names)
        # each names its file and says why; the refused come first: they have no row to say it
        why = list(refused) + [p.error for p in predictions if not p.ok]
        count = len(predictions) + len(refused)  # everything that was dropped, pasted or opened
        if why:
            self.panel.show_message(lambda: self.tr("{0} of %n could not be classified: {1}", "", count).format(
                len(why), _listed(why, separator=self.tr("; "))), error=True)
        else:
            self.panel.show_message(lambda: self.tr("Classified %n image(s) with {0}", "", count).format(weights.describe()))

    def _failed(self, request: int, message: str) -> None:
        self.panel.show_predictions([], request=request)  # takes the placeholders away
        self.panel.show_message(message, error=True)

    # ------------------------------------------------------------ drop, paste, open

    def accepts(self, mime: QMimeData) -> bool:
        return mime.hasImage() or any(url.isLocalFile() for url in mime.urls())

    def refusal(self, mime: QMimeData) -> str:
        """Why a drag is refused: Qt sends no drop then, so this is the only place to say it."""
        _, refused = local_files(mime.urls())
        return self.tr("Refused: {0}").format(_listed(refused)) if refused \
            else self.tr("Only image files (or image data) can be dropped here")

    def drop(self, mime: QMimeData) -> bool:
        """Classify what was dropped; False if nothing in it could be."""
        paths, refused = local_files(mime.urls())
        if paths:
            self.classify_paths(paths, refused)  # the results' message names what was refused
            return True
        accepted = mime.hasImage()
        if accepted:
            self.classify_image(QImage(mime.imageData()), self._numbered(Message(QT_TRANSLATE_NOOP("Core", "dropped image"))))
        if refused:
            self.show_panel()
            self.panel.show_message(lambda: self.tr("Refused: {0}").format(_listed(refused)), error=True)
        return accepted

    @Slot()
    def paste(self) -> None:
        clipboard = QApplication.clipboard()
        mime = clipboard.mimeData()
        paths, refused = local_files(mime.urls()) if mime is not None else ([], [])
        if paths:
            self.classify_paths(paths, refused)
        elif mime is not None and mime.hasImage():
            self.classify_image(QImage(clipboard.image()))
        else:
            self.show_panel()
            self.panel.show_message(lambda: self.tr("The clipboard holds no image"), error=True)

    @Slot()
    def open_dialog(self) -> None:
        start = QSettings().value("paths/images", str(Path.home()))
        files, _ = QFileDialog.getOpenFileNames(self.dialog_parent, self.tr("Classify images"), start, image_filter())
        if files:
            QSettings().setValue("paths/images", str(Path(files[0]).parent))
            self.classify_paths(files)


def local_files(urls: list[QUrl]) -> tuple[list[str], list[Text]]:
    """Local files to classify, and one-line reasons for everything else (web addresses, folders)."""
    return local_paths(urls, folders=False)


def _listed(items: list[Text], shown: int = 5, separator: str = "") -> str:
    more = len(items) - shown
    separator = separator or QCoreApplication.translate("ClassifyController", ", ")
    return separator.join(say(item) for item in items[:shown]) + (
        QCoreApplication.translate("ClassifyController", " and %n more", "", more) if more > 0 else "")


