"""What the current weights think dropped images are. The main window classifies on a worker
thread and hands the finished Predictions here; this panel only shows them."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.common.text import printable
from .. import theme
from ..class_names import class_label
from ..plain import plain_label, plain_tooltip
from ..qimages import array_to_qimage
from ..words import Text, image_name, say

if TYPE_CHECKING:  # core.inference.predict imports torch, which must not load before the window paints
    from googlenet_gui.core.inference.predict import Prediction

MAX_ROWS = 200
PREVIEW = 96  # side of the thumbnail and of the network's view, in pixels


def _error_style() -> str:
    return f"color: {theme.error_color().name()};"


class PredictionRow(QFrame):
    """One image: file name, thumbnail, what the network sees, and its top-k classes. A click
    selects it (the Inside tab follows the selected image); Pin follows its probabilities while
    training; Inside › shows it inside the network."""

    # a source is a file's path or a kept image's Message (a str that Signal(str) would make plain)
    clicked = Signal(object)  # the row's source
    pin_toggled = Signal(object, bool)
    inside_requested = Signal(object)

    def __init__(self, prediction: Prediction, weights: Text = "", parent: QWidget | None = None) -> None:
        """`weights`: which weights answered ("" when not known)."""
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.selected = False
        self.source: str = prediction.source
        self._error: Text = prediction.error or ""  # why it has no answer: the core's Message, said in the language now
        self.class_labels: list[str] = [] if self._error else [str(name) for name, _ in prediction.top]
        self.probabilities: list[float] = [] if self._error else [float(p) for _, p in prediction.top]
        self.bars: list[QProgressBar] = []

        thumbnail = array_to_qimage(prediction.thumbnail)  # the core made it from the one decode of the file
        if thumbnail.width() > PREVIEW or thumbnail.height() > PREVIEW:
            thumbnail = thumbnail.scaled(PREVIEW, PREVIEW, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        elif not thumbnail.isNull() and thumbnail.width() < PREVIEW and thumbnail.height() < PREVIEW:
            # tiny images (CIFAR's 32x32) are blown up with visible pixels, like the network's view
            thumbnail = thumbnail.scaled(PREVIEW, PREVIEW, Qt.KeepAspectRatio, Qt.FastTransformation)
        self.thumbnail_label = self._picture(thumbnail)
        view = array_to_qimage(prediction.view)
        if not view.isNull():  # nearest neighbour, so the network's pixels stay visible
            view = view.scaled(PREVIEW, PREVIEW, Qt.KeepAspectRatio, Qt.FastTransformation)
        self.view_label = self._picture(view)

        # Qt drops the odd bytes of a non-UTF-8 name and breaks lines at a newline in one
        self.name_label = name = plain_label()  # its text: retranslate()
        name.setStyleSheet("font-weight: bold;")
        name.setTextInteractionFlags(Qt.TextSelectableByMouse)

        details = QVBoxLayout()
        details.addWidget(name)
        self._weights = weights
        self.weights_label = plain_label()
        self.weights_label.setStyleSheet("color: gray; font-size: 10px;")
        self.weights_label.setVisible(bool(weights))
        details.addWidget(self.weights_label)
        self.unlike_training = prediction.unlike_training
        self.unlikeness = prediction.unlikeness
        self.warning_label = plain_label()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(_error_style())
        self.warning_label.setVisible(bool(self.unlike_training))
        details.addWidget(self.warning_label)
        from ...core.inference.predict import flag_note  # a row exists once an answer came: PyTorch is in

        self._flag_note = None if self._error else flag_note(prediction.flag)  # why no flag can be shown, if so
        self.flag_label = plain_label()
        self.flag_label.setWordWrap(True)
        self.flag_label.setStyleSheet("color: gray; font-size: 10px;")
        self.flag_label.setVisible(self._flag_note is not None)
        details.addWidget(self.flag_label)
        self.class_name_labels: list[QLabel] = []
        self.error_label: QLabel | None = None
        if self._error:
            self.error_label = error = plain_label()  # its text: retranslate()
            error.setStyleSheet(_error_style())
            error.setWordWrap(True)
            error.setTextInteractionFlags(Qt.TextSelectableByMouse)
            details.addWidget(error)
        else:
            grid = QGridLayout()
            grid.setColumnStretch(1, 1)
            grid.setColumnMinimumWidth(0, 140)  # bars of different rows start at the same place
            grid.setVerticalSpacing(2)
            for i, (label, p) in enumerate(zip(self.class_labels, self.probabilities)):
                name_label = plain_label()  # a class name is one short line (set by retranslate)
                name_label.setToolTip(plain_tooltip(label))
                if i == 0:
                    name_label.setStyleSheet("font-weight: bold;")
                self.class_name_labels.append(name_label)
                bar = QProgressBar()
                bar.setRange(0, 1000)
                bar.setValue(round(p * 1000) if math.isfinite(p) else 0)
                bar.setFormat(f"{p * 100:.1f}%")
                bar.setTextVisible(True)
                bar.setMaximumHeight(18)
                self.bars.append(bar)
                grid.addWidget(name_label, i, 0)
                grid.addWidget(bar, i, 1)
            details.addLayout(grid)
        details.addStretch(1)

        self.pin_button = QToolButton()
        self.pin_button.setCheckable(True)
        self.pin_button.toggled.connect(lambda pinned: self.pin_toggled.emit(self.source, pinned))
        self.inside_button = QToolButton()
        self.inside_button.clicked.connect(lambda: self.inside_requested.emit(self.source))
        actions = QVBoxLayout()
        actions.addWidget(self.inside_button)
        actions.addWidget(self.pin_button)
        actions.addStretch(1)
        for button in (self.pin_button, self.inside_button):  # an image that could not be read has no inside
            button.setEnabled(not self._error)

        layout = QHBoxLayout(self)
        self.captions = (plain_label(), plain_label())
        layout.addLayout(self._captioned(self.thumbnail_label, self.captions[0]))
        layout.addLayout(self._captioned(self.view_label, self.captions[1]))
        layout.addLayout(details, 1)
        layout.addLayout(actions)
        self.retranslate()

    @property
    def error_text(self) -> str:
        """Why the image has no answer ("" when it has one), in the language installed now."""
        return say(self._error)

    @property
    def weights_text(self) -> str:
        """Which weights answered, in the language installed now."""
        return say(self._weights)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The card's words in the language installed now; its answer stays as it is."""
        self.name_label.setText(image_name(self.source))
        self.name_label.setToolTip(plain_tooltip(printable(say(self.source))))
        for picture, caption, text in ((self.thumbnail_label, self.captions[0], self.tr("original")),
                                       (self.view_label, self.captions[1], self.tr("network sees"))):
            caption.setText(text)
            picture.setToolTip(text)
            if picture.pixmap().isNull():
                picture.setText(self.tr("no preview"))
        self.weights_label.setText(self.tr("by {0}").format(self.weights_text))  # which weights: from the facts kept
        if self.error_label is not None:
            self.error_label.setText(self.error_text)
        self.warning_label.setText(self.tr("Unlike the images these weights learned from (score {0:.2f}, above 1 is "
                                           "unlike): the answer may mean little").format(self.unlikeness or 0.0))
        if self._flag_note is not None:
            self.flag_label.setText(say(self._flag_note))
        for name_label, name in zip(self.class_name_labels, self.class_labels):
            name_label.setText(printable(class_label(name), 60))
        self.pin_button.setText(self.tr("Pinned") if self.pin_button.isChecked() else self.tr("Pin"))
        self.pin_button.setToolTip(self.tr("Follow this image's class probabilities while training (Inside tab, "
                                           "Timeline)"))
        self.inside_button.setText(self.tr("Inside ›"))
        self.inside_button.setToolTip(self.tr("See this image inside the network: activation maps and Grad-CAM"))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton and not self._error:
            self.clicked.emit(self.source)
        super().mousePressEvent(event)

    def set_selected(self, selected: bool) -> None:
        """Framed in the highlight colour while it is the image the Inside tab shows."""
        self.selected = selected
        color = QApplication.palette().color(QPalette.Highlight).name()
        self.setStyleSheet(f"PredictionRow {{ border: 2px solid {color}; border-radius: 3px; }}" if selected else "")

    def set_pinned(self, pinned: bool) -> None:
        self.pin_button.blockSignals(True)
        self.pin_button.setChecked(pinned)
        self.pin_button.setText(self.tr("Pinned") if pinned else self.tr("Pin"))
        self.pin_button.blockSignals(False)

    @staticmethod
    def _picture(image: QImage) -> QLabel:
        label = plain_label()
        label.setFixedSize(QSize(PREVIEW, PREVIEW))
        label.setAlignment(Qt.AlignCenter)
        if image.isNull():
            label.setFrameShape(QFrame.Box)  # "no preview", from retranslate()
            label.setStyleSheet("color: gray;")
        else:
            label.setPixmap(QPixmap.fromImage(image))
        return label

    @staticmethod
    def _captioned(picture: QLabel, text: QLabel) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(picture)
        text.setAlignment(Qt.AlignHCenter)
        text.setStyleSheet("color: gray; font-size: 10px;")
        box.addWidget(text)
        box.addStretch(1)
        return box


class PendingRow(QFrame):
    """A file being classified: its name and 'Classifying…', until its result takes its place."""

    def __init__(self, source: str, request: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.source, self.request = source, request
        self.name_label = name = plain_label()  # its text: retranslate()
        name.setStyleSheet("font-weight: bold;")
        self.waiting = plain_label()
        self.waiting.setStyleSheet("color: gray;")
        layout = QHBoxLayout(self)
        layout.addWidget(name)
        layout.addWidget(self.waiting, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.name_label.setText(image_name(self.source))
        self.waiting.setText(self.tr("Classifying…"))


class ClassifyPanel(QWidget):
    """Weights line, open/paste/clear buttons, a status line and the rows of results."""

    open_requested = Signal()
    paste_requested = Signal()
    classify_again_requested = Signal()
    examples_requested = Signal()  # the empty list's "Try the examples"
    imagenet_requested = Signal()  # "ImageNet weights": GoogLeNet's, for photos
    row_selected = Signal(object)  # a row was clicked: its source (a path, or a kept image's Message)
    pin_toggled = Signal(object, bool)
    inside_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weights_label = plain_label()
        self.weights_label.setWordWrap(True)
        self._weights: tuple[Text, bool] | None = None  # the description and trained flag shown
        self._message: tuple[Text, bool] = ("", False)  # the status line and whether it is an error
        self._classes: list[str] = []

        self.open_button = QPushButton()
        self.paste_button = QPushButton()
        self.clear_button = QPushButton()
        self.again_button = QPushButton()
        self.open_button.clicked.connect(self.open_requested)
        self.paste_button.clicked.connect(self.paste_requested)
        self.clear_button.clicked.connect(self.clear)
        self.again_button.clicked.connect(self.classify_again_requested)
        self.again_button.setEnabled(False)
        self.classes_label = plain_label()  # what the model can answer: nothing else
        self.classes_label.setWordWrap(True)
        self.classes_label.setStyleSheet("color: gray;")
        self.classes_label.hide()
        buttons = QHBoxLayout()
        self.imagenet_button = QPushButton()
        self.imagenet_button.clicked.connect(self.imagenet_requested)
        for button in (self.open_button, self.paste_button, self.clear_button, self.again_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.imagenet_button)

        self.message_label = plain_label()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message_label.hide()

        self.hint_label = plain_label()
        self.hint_label.setAlignment(Qt.AlignCenter)
        self.hint_label.setStyleSheet("color: gray; font-size: 14px; padding: 24px 24px 8px 24px;")
        self.examples_button = QPushButton()  # pictures to try, for a first look without pictures of one's own
        self.examples_button.clicked.connect(self.examples_requested)
        self.empty_view = QWidget()  # what the list shows while it is empty
        empty = QVBoxLayout(self.empty_view)
        empty.addWidget(self.hint_label)
        empty.addWidget(self.examples_button, 0, Qt.AlignHCenter)

        # Rows live in a column above a stretch, so few rows sit at the top.
        self._items: list[QWidget] = []  # PredictionRows and PendingRows, newest first, as shown
        self._selected: str | None = None  # the source of the row the Inside tab shows
        self._pinned: set[str] = set()
        container = QWidget()
        self._rows_layout = QVBoxLayout(container)
        self._rows_layout.addWidget(self.empty_view)
        self._rows_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(container)
        self.scroll_area.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

        layout = QVBoxLayout(self)
        layout.addWidget(self.weights_label)
        layout.addWidget(self.classes_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(self.scroll_area, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The panel's texts in the language installed now (rows retranslate themselves)."""
        self.open_button.setText(self.tr("Open images…"))
        self.paste_button.setText(self.tr("Paste"))
        self.clear_button.setText(self.tr("Clear"))
        self.again_button.setText(self.tr("Classify all again"))
        self.again_button.setToolTip(self.tr("Every image on the list again, with the weights chosen now"))
        self.hint_label.setText(self.tr("Drop image files anywhere on the window"))
        self.examples_button.setText(self.tr("Try the examples"))
        self.imagenet_button.setText(self.tr("ImageNet weights"))
        self.imagenet_button.setToolTip(self.tr("Answer with GoogLeNet's ImageNet weights: 1000 classes of photos "
                                                "(animals, objects, food…), as torchvision ships them"))
        self.examples_button.setToolTip(self.tr("Classify a few pictures that come with the app: clothing from the "
                                                "sample's test images, a cat and a cup of coffee"))
        if self._weights is None:
            self.weights_label.setText(self.tr("Weights: none loaded yet"))
        else:
            self.set_weights(*self._weights)
        self.set_classes(self._classes)
        self.show_message(*self._message)

    # ------------------------------------------------------------------ public API

    def set_weights(self, description: Text, trained: bool) -> None:
        self._weights = (description, trained)
        description = say(description)
        if trained:
            self.weights_label.setText(self.tr("Weights: {0}").format(description))
            self.weights_label.setStyleSheet("")
        else:
            self.weights_label.setText(
                self.tr("Weights: {0}, not trained yet, so the answers are random: start training, or open a "
                        "checkpoint.").format(description))
            self.weights_label.setStyleSheet(_error_style() + " font-weight: bold;")

    def add_pending(self, request: int, sources: list[str]) -> None:
        """Placeholder rows, shown at once, for a classification that has just been asked for;
        `show_predictions(..., request=request)` fills them in place when it is done."""
        for i, source in enumerate(sources[:MAX_ROWS]):
            row = PendingRow(source, request)
            self._rows_layout.insertWidget(i, row)
            self._items.insert(i, row)
        self._trim()
        self.scroll_area.verticalScrollBar().setValue(0)

    def show_predictions(self, predictions: list[Prediction], request: int | None = None, weights: Text = "") -> bool:
        """Show one row per prediction, each saying which `weights` answered. With `request`, they take
        the place of that request's placeholders (so results stay in the order they were asked for,
        whichever finishes first); a request whose placeholders are gone (cleared) shows nothing and
        returns False. Without, they go on top. Only the newest MAX_ROWS rows are kept."""
        at = 0
        if request is not None:
            pending = [w for w in self._items if isinstance(w, PendingRow) and w.request == request]
            if not pending:
                return False
            at = self._items.index(pending[0])
            for row in pending:
                self._remove(row)
        new_rows = [self._row(p, weights) for p in predictions[:MAX_ROWS]]
        for i, row in enumerate(new_rows):
            self._rows_layout.insertWidget(at + i, row)
        self._items[at:at] = new_rows
        self._trim()
        if at == 0:
            self.scroll_area.verticalScrollBar().setValue(0)  # the new results are at the top
        return True

    def set_classes(self, names: list[str]) -> None:
        """The classes the weights know: every answer is one of them, whatever the image shows."""
        self._classes = list(names)
        shown = self.tr(", ").join(printable(class_label(n), 40) for n in names[:30]) + (" …" if len(names) > 30 else "")
        self.classes_label.setText(self.tr("These weights know %n class(es), and answer with one of them whatever "
                                           "the image shows: {0}", "", len(names)).format(shown))
        self.classes_label.setVisible(bool(names))

    def show_message(self, text: Text, error: bool = False) -> None:
        """A one-line status above the results; an empty text hides it."""
        self._message = (text, error)
        text = say(text)
        self.message_label.setText(text)
        self.message_label.setStyleSheet(_error_style() if error else "")
        self.message_label.setVisible(bool(text))

    def clear(self) -> None:
        """Remove every row, placeholders too: results still on their way are not shown."""
        for row in list(self._items):
            self._remove(row)
        self.empty_view.show()
        self.again_button.setEnabled(False)
        self.show_message("")

    def select(self, source: str | None) -> None:
        """Mark the row of `source` (the image the Inside tab shows); None marks none."""
        self._selected = source
        for row in self.rows():
            row.set_selected(row.source == source)

    def selected_source(self) -> str | None:
        return self._selected

    def set_pinned(self, sources: set[str] | list[str]) -> None:
        """Which rows' images are pinned (their Pin buttons show it)."""
        self._pinned = set(sources)
        for row in self.rows():
            row.set_pinned(row.source in self._pinned)

    def row_count(self) -> int:
        return len(self.rows())

    def pending_count(self) -> int:
        return sum(isinstance(w, PendingRow) for w in self._items)

    def rows(self) -> list[PredictionRow]:
        """The result rows, newest first, as shown (placeholders left out)."""
        return [w for w in self._items if isinstance(w, PredictionRow)]

    # ------------------------------------------------------------------ internals

    def _row(self, prediction: Prediction, weights: Text) -> PredictionRow:
        row = PredictionRow(prediction, weights)
        row.set_selected(row.source == self._selected)
        row.set_pinned(row.source in self._pinned)
        row.clicked.connect(self._clicked)
        row.pin_toggled.connect(self.pin_toggled)
        row.inside_requested.connect(self._inside_requested)
        return row

    def _clicked(self, source: str) -> None:
        self.select(source)
        self.row_selected.emit(source)

    def _inside_requested(self, source: str) -> None:
        self.select(source)
        self.inside_requested.emit(source)

    def _trim(self) -> None:
        while len(self._items) > MAX_ROWS:
            self._remove(self._items[-1])
        self.empty_view.setVisible(not self._items)
        self.again_button.setEnabled(bool(self.rows()))

    def _remove(self, row: QWidget) -> None:
        self._items.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
