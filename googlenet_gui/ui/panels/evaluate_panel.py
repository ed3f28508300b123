"""The Evaluate tab: where the network is wrong. A confusion matrix (counts or row percentages,
a hover read-out, click a cell for its images), an epoch slider, the per-class table (worst
class first) and a gallery of one cell's validation images, most confident first.

The panel only shows what it is given (an evaluation from core.inference.evaluation, read through its
attributes, and thumbnails made elsewhere) and reports what the user asked for.

One piece: the matrix, the slider, the table and the gallery select each other.
"""
from __future__ import annotations

import csv
import math
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import (QAbstractListModel, QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, QRect,
                            QSize, Qt, Signal)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QListView,
                               QPushButton, QSlider, QSplitter, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ...core.common.text import NAME_LIMIT, printable
from ..class_names import class_label
from .. import theme
from ..busy_row import BusyRow
from ..words import Text, say

if TYPE_CHECKING:  # core.inference.evaluation imports torch, which must not load before the window paints
    from googlenet_gui.core.inference.evaluation import Evaluation

THUMBNAIL = 72  # side of a gallery image, in pixels
STRETCH_UP_TO = 15  # up to this many classes the matrix fills its width; more scroll
F1_COLUMN = 3  # of the per-class table: class, precision, recall, F1, support
CLASS_COLUMN_WIDTH = 110  # pixels the class names get at least (longer ones are elided)
# Item roles as plain ints: a view asks data() for ~7 roles per cell on every paint, and reading
# Qt.DisplayRole from PySide6's enum costs ~6 us each time (a 10 x 10 matrix: 14 ms a paint).
DISPLAY, DECORATION, TOOLTIP, ALIGNMENT, BACKGROUND, FOREGROUND = (
    int(role) for role in (Qt.DisplayRole, Qt.DecorationRole, Qt.ToolTipRole, Qt.TextAlignmentRole,
                           Qt.BackgroundRole, Qt.ForegroundRole))
HORIZONTAL = Qt.Horizontal
CENTER = int(Qt.AlignCenter)
INDEX_ROLE = int(Qt.UserRole) + 1  # a gallery image's place in the evaluated split
SELECTED, HAS_FOCUS = QStyle.State_Selected, QStyle.State_HasFocus


def blend(base: QColor, target: QColor, amount: float) -> QColor:
    a = min(max(amount, 0.0), 1.0)
    return QColor.fromRgbF(base.redF() + (target.redF() - base.redF()) * a,
                           base.greenF() + (target.greenF() - base.greenF()) * a,
                           base.blueF() + (target.blueF() - base.blueF()) * a)


def readable_on(color: QColor) -> QColor:
    return QColor("white") if color.lightness() < 140 else QColor("black")


class ConfusionModel(QAbstractTableModel):
    """Rows: the true class; columns: the predicted one. Each cell shows its count or its share
    of the row, coloured by that share: blue on the diagonal (right), red off it (wrong)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.names: list[str] = []
        self.counts = np.zeros((0, 0), dtype=np.int64)
        self.fractions = np.zeros((0, 0))
        self.percent = False
        # per cell, worked out when first painted and kept: its text, background and text colour
        self._cells: dict[tuple[int, int], tuple[str, QColor, QColor]] = {}

    def set_matrix(self, names: list[str], counts: np.ndarray, fractions: np.ndarray) -> None:
        self.beginResetModel()
        self.names = [printable(n, NAME_LIMIT) for n in names]
        self.counts, self.fractions = counts, fractions
        self._cells = {}
        self.endResetModel()

    def set_percent(self, percent: bool) -> None:
        self.percent = percent
        self._cells = {}
        if self.names:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.names) - 1, len(self.names) - 1))

    def _cell(self, row: int, col: int) -> tuple[str, QColor, QColor]:
        key = (row, col)
        cell = self._cells.get(key)
        if cell is None:
            target = theme.train_color() if row == col else theme.error_color()
            # a square root lifts small shares: a 3% confusion is still visible
            color = blend(theme.background(), target, math.sqrt(float(self.fractions[row, col])) * 0.9)
            cell = self._cells[key] = (self.cell_text(row, col), color, readable_on(color))
        return cell

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.names)

    def cell_text(self, row: int, col: int) -> str:
        if self.percent:
            return f"{self.fractions[row, col]:.1%}" if self.counts[row, col] else "0"
        return f"{int(self.counts[row, col]):,}"

    def hover_text(self, row: int, col: int) -> str:
        """'true Shirt, predicted T-shirt/top: 87 (14.5%)'."""
        return self.tr("true {0}, predicted {1}: {2} ({3})").format(
            self.names[row], self.names[col], f"{int(self.counts[row, col]):,}", f"{self.fractions[row, col]:.1%}")

    def color(self, row: int, col: int) -> QColor:
        return self._cell(row, col)[1]

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        row, col = index.row(), index.column()
        if role == DISPLAY:
            return self._cell(row, col)[0]
        if role == BACKGROUND:
            return self._cell(row, col)[1]
        if role == FOREGROUND:
            return self._cell(row, col)[2]
        if role == ALIGNMENT:
            return CENTER
        if role == TOOLTIP:
            return self.hover_text(row, col)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if section >= len(self.names) or role not in (DISPLAY, TOOLTIP):
            return None
        name = class_label(self.names[section])  # with its Chinese name in Chinese, as the language is now
        if role == TOOLTIP:
            return self.tr("predicted class: {0}").format(name) if orientation == HORIZONTAL else \
                self.tr("true class: {0}").format(name)
        return name


class GalleryModel(QAbstractListModel):
    """One cell's images: a thumbnail of what the network sees, its probability below it."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.items: list[tuple[int, float, QImage, Text]] = []  # (index, probability, thumbnail, tooltip)
        self._pixmaps: dict[int, QPixmap] = {}

    def clear(self) -> None:
        self.beginResetModel()
        self.items, self._pixmaps = [], {}
        self.endResetModel()

    def append(self, items: list[tuple[int, float, QImage, Text]]) -> None:
        if not items:
            return
        first = len(self.items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self.items.extend(items)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        row = index.row()
        image_index, probability, thumbnail, tooltip = self.items[row]
        if role == DISPLAY:
            return f"{probability:.1%}"
        if role == DECORATION:
            if row not in self._pixmaps:  # made when first painted: only the visible ones cost
                self._pixmaps[row] = QPixmap.fromImage(thumbnail)
            return self._pixmaps[row]
        if role == TOOLTIP:
            return say(tooltip)
        if role == INDEX_ROLE:
            return image_index
        return None


class _CellDelegate(QStyledItemDelegate):
    """Paints the chosen cell with its own heat colour and a frame, not the selection colour,
    which would read as a value."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = bool(option.state & SELECTED)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~(SELECTED | HAS_FOCUS)
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(theme.foreground(), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class _SortItem(QTableWidgetItem):
    """A table cell shown as text and sorted by a number (an undefined value sorts last)."""

    def __init__(self, text: str, key: float | None):
        super().__init__(text)
        self.key = math.inf if key is None else key
        self.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _SortItem):
            return self.key < other.key
        return super().__lt__(other)


class EvaluatePanel(QWidget):
    epoch_selected = Signal(int)  # the position on the epoch slider
    cell_clicked = Signal(int, int)  # true class, predicted class
    image_clicked = Signal(int)  # the image's place in the evaluated split
    evaluate_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.evaluation: Evaluation | None = None
        # what the panel was told to show, kept to be worded again in another language
        self._source: Text = ""  # what the matrix belongs to
        self._epoch_labels: list[Text] = []
        self._nothing: Text = self._nothing_text  # why there is no evaluation, while there is none
        self._gallery_title: Text = self._gallery_hint
        self._message: tuple[Text, bool] = ("", False)

        self.source_label = QLabel()
        self.source_label.setTextFormat(Qt.PlainText)
        self.source_label.setStyleSheet("font-weight: bold;")
        self.evaluate_button = QPushButton()
        self.evaluate_button.clicked.connect(self.evaluate_requested)
        top = QHBoxLayout()
        top.addWidget(self.source_label, 1)
        top.addWidget(self.evaluate_button)

        self.epoch_slider = QSlider(Qt.Horizontal)
        self.epoch_slider.setPageStep(1)
        self.epoch_slider.setTickPosition(QSlider.TicksBelow)
        self.epoch_slider.valueChanged.connect(self._slider_moved)
        self.epoch_label = QLabel()
        self.epoch_label.setMinimumWidth(120)
        self.percent_check = QCheckBox()
        self.percent_check.toggled.connect(self._percent_toggled)
        epochs = QHBoxLayout()
        self.epoch_title = QLabel()
        epochs.addWidget(self.epoch_title)
        epochs.addWidget(self.epoch_slider, 1)
        epochs.addWidget(self.epoch_label)
        epochs.addWidget(self.percent_check)

        self.busy_row = BusyRow()
        self.busy_row.cancel_clicked.connect(self.cancel_requested)

        self.summary_label = QLabel()
        self.summary_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        # the matrix
        self.matrix_model = ConfusionModel(self)
        self.matrix_view = QTableView()
        self.matrix_view.setModel(self.matrix_model)
        self.matrix_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.matrix_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.matrix_view.setMouseTracking(True)
        self.matrix_view.setWordWrap(False)
        self.matrix_view.setTextElideMode(Qt.ElideRight)
        self.matrix_view.horizontalHeader().setTextElideMode(Qt.ElideRight)
        self.matrix_view.setItemDelegate(_CellDelegate(self.matrix_view))
        self.matrix_view.horizontalHeader().setDefaultSectionSize(56)
        self.matrix_view.horizontalHeader().setMinimumSectionSize(24)
        self.matrix_view.verticalHeader().setDefaultSectionSize(28)
        self.matrix_view.verticalHeader().setMinimumSectionSize(18)
        self.matrix_view.clicked.connect(lambda index: self.cell_clicked.emit(index.row(), index.column()))
        self.matrix_view.activated.connect(lambda index: self.cell_clicked.emit(index.row(), index.column()))
        self.matrix_view.entered.connect(self._hovered)
        self.matrix_view.viewport().installEventFilter(self)
        self.axes_label = QLabel()
        self.axes_label.setStyleSheet("color: gray;")
        self.hover_label = QLabel()
        self.hover_label.setTextFormat(Qt.PlainText)
        matrix_box = QWidget()
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(self.axes_label)
        matrix_layout.addWidget(self.matrix_view, 1)
        matrix_layout.addWidget(self.hover_label)

        # the per-class table
        self.class_table = QTableWidget(0, 5)
        self.class_table.verticalHeader().setVisible(False)
        self.class_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.class_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = self.class_table.horizontalHeader()
        # the numbers keep their width; the class names take what is left (elided), so Support stays in view
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setMinimumSectionSize(40)
        self.class_table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.class_table.setTextElideMode(Qt.ElideRight)
        self.class_table.verticalHeader().setDefaultSectionSize(22)
        self.class_table.setSortingEnabled(True)
        self.class_table.sortItems(F1_COLUMN, Qt.AscendingOrder)  # the worst class first

        # the gallery
        self.gallery_label = QLabel()
        self.gallery_label.setTextFormat(Qt.PlainText)
        self.gallery_model = GalleryModel(self)
        self.gallery_view = QListView()
        self.gallery_view.setModel(self.gallery_model)
        self.gallery_view.setViewMode(QListView.IconMode)
        self.gallery_view.setMovement(QListView.Static)
        self.gallery_view.setResizeMode(QListView.Adjust)
        self.gallery_view.setUniformItemSizes(True)
        self.gallery_view.setLayoutMode(QListView.Batched)  # a long list is laid out a slice at a time
        self.gallery_view.setBatchSize(200)
        self.gallery_view.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.gallery_view.setGridSize(QSize(THUMBNAIL + 16, THUMBNAIL + 28))
        self.gallery_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.gallery_view.clicked.connect(self._image_clicked)
        self.gallery_view.activated.connect(self._image_clicked)
        gallery_box = QWidget()
        gallery_layout = QVBoxLayout(gallery_box)
        gallery_layout.setContentsMargins(0, 0, 0, 0)
        gallery_layout.addWidget(self.gallery_label)
        gallery_layout.addWidget(self.gallery_view, 1)

        # the matrix takes the whole height on the left; the table and the gallery share the right
        self.side_splitter = QSplitter(Qt.Vertical)
        self.side_splitter.addWidget(self.class_table)
        self.side_splitter.addWidget(gallery_box)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(matrix_box)
        self.splitter.addWidget(self.side_splitter)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(epochs)
        layout.addWidget(self.busy_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.splitter, 1)
        self.show_nothing(self._nothing_text)
        self.retranslate()

    def _nothing_text(self) -> str:
        return self.tr("Train, open a checkpoint or evaluate one to see where the network is wrong.")

    def _gallery_hint(self) -> str:
        return self.tr("Click a cell of the matrix to see its images.")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The panel's texts in the language installed now; an evaluation shown is worded again."""
        self.epoch_title.setText(self.tr("Epoch"))
        self.class_table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Precision"), self.tr("Recall"),
                                                    self.tr("F1"), self.tr("Support")])
        self.summary_label.setText(self.summary_text(self.evaluation) if self.evaluation is not None
                                   else say(self._nothing))
        if self.evaluation is not None:
            self._fill_class_table(self.evaluation)  # the classes' Chinese names, as the language is now
        self.source_label.setText(say(self._source))
        self._update_epoch_label()
        self.gallery_label.setText(say(self._gallery_title))
        self.show_message(*self._message)
        self.matrix_model.headerDataChanged.emit(Qt.Horizontal, 0, max(0, self.matrix_model.columnCount() - 1))
        self.matrix_model.headerDataChanged.emit(Qt.Vertical, 0, max(0, self.matrix_model.rowCount() - 1))
        self.evaluate_button.setText(self.tr("Evaluate Checkpoint…"))
        self.percent_check.setText(self.tr("Row percentages"))
        self.percent_check.setToolTip(self.tr("Each cell as a share of its row: of the images of that true class"))
        self.axes_label.setText(self.tr("Rows: true class · columns: predicted class · click a cell for its images"))

    # ------------------------------------------------------------------ what is shown

    @property
    def source_text(self) -> str:
        return say(self._source)

    def set_source(self, text: Text) -> None:
        """What the matrix belongs to: 'Current run', 'best.pt (after epoch 3) on sample'…"""
        self._source = text
        self.source_label.setText(say(text))

    def set_epochs(self, labels: list[Text], current: int) -> None:
        """The slider's positions ('epoch 3', …) and the one shown; it says nothing back."""
        self._epoch_labels = list(labels)
        self.epoch_slider.blockSignals(True)
        self.epoch_slider.setRange(0, max(0, len(labels) - 1))
        self.epoch_slider.setValue(current)
        self.epoch_slider.blockSignals(False)
        self.epoch_slider.setEnabled(len(labels) > 1)
        self._update_epoch_label()

    def epoch_position(self) -> int:
        return self.epoch_slider.value()

    def at_latest_epoch(self) -> bool:
        return self.epoch_slider.value() == self.epoch_slider.maximum()

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """The matrix, the summary and the per-class table of one evaluation."""
        self.evaluation = evaluation
        self.matrix_model.set_matrix(evaluation.class_names, evaluation.matrix, evaluation.row_fractions())
        header = self.matrix_view.horizontalHeader()
        stretch = len(evaluation.class_names) <= STRETCH_UP_TO
        header.setSectionResizeMode(QHeaderView.Stretch if stretch else QHeaderView.Interactive)
        self.matrix_view.verticalHeader().setSectionResizeMode(QHeaderView.Stretch if stretch else QHeaderView.Interactive)
        self.hover_label.setText("")
        self.summary_label.setText(self.summary_text(evaluation))
        self._fill_class_table(evaluation)

    def show_nothing(self, message: Text) -> None:
        """No evaluation to show, and why."""
        self.evaluation = None
        self.matrix_model.set_matrix([], np.zeros((0, 0), dtype=np.int64), np.zeros((0, 0)))
        self.class_table.setRowCount(0)
        self._nothing = message
        self.summary_label.setText(say(message))
        self.hover_label.setText("")
        self.set_epochs([], 0)
        self.clear_gallery(self._gallery_hint)

    def summary_text(self, evaluation: Evaluation) -> str:
        def percent(value: float | None) -> str:
            return "–" if value is None else f"{value:.1%}"

        macro = evaluation.macro_f1()
        return self.tr("Accuracy {0} · top-{1} {2} · macro F1 {3} · %n image(s)", "", evaluation.images).format(
            percent(evaluation.accuracy), evaluation.top_k, percent(evaluation.top_k_accuracy),
            "–" if macro is None else f"{macro:.3f}")

    def select_cell(self, true: int, predicted: int) -> None:
        """Mark a cell as the one whose images the gallery shows."""
        self.matrix_view.setCurrentIndex(self.matrix_model.index(true, predicted))

    def show_message(self, text: Text, error: bool = False) -> None:
        self._message = (text, error)
        text = say(text)
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {theme.error_color().name()};" if error else "")
        self.message_label.setVisible(bool(text))

    def set_busy(self, text: Text) -> None:
        """Work under way (loading data, evaluating): what, a progress bar and Cancel."""
        self.busy_row.start(text)

    def set_progress(self, done: int, total: int, text: Text) -> None:
        """`total` 0: not known yet (the bar moves to and fro)."""
        self.busy_row.show_progress(done, total, text)

    def set_idle(self) -> None:
        self.busy_row.stop()

    def is_busy(self) -> bool:
        return self.busy_row.busy()

    # ------------------------------------------------------------------ the gallery

    def clear_gallery(self, text: Text) -> None:
        self.gallery_model.clear()
        self.set_gallery_title(text)

    def add_gallery_images(self, items: list[tuple[int, float, QImage, Text]]) -> None:
        """(index in the split, probability, thumbnail, tooltip) of the next images."""
        self.gallery_model.append(items)

    def gallery_indices(self) -> list[int]:
        return [item[0] for item in self.gallery_model.items]

    def set_gallery_title(self, text: Text) -> None:
        self._gallery_title = text
        self.gallery_label.setText(say(text))

    # ------------------------------------------------------------------ export

    def export_csv(self, path: str) -> None:
        """The counts, one row per true class, the predicted classes across."""
        if self.evaluation is None:
            raise ValueError(self.tr("there is no confusion matrix to export"))
        names = list(self.evaluation.class_names)
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["true \\ predicted", *names])
            for name, row in zip(names, self.evaluation.matrix.tolist()):
                writer.writerow([name, *row])

    def export_image(self, path: str) -> None:
        """The matrix as shown (counts or percentages) with the class names on both axes, as PNG."""
        if self.evaluation is None:
            raise ValueError(self.tr("there is no confusion matrix to export"))
        if not self.matrix_image().save(path, "PNG"):
            raise OSError(self.tr("cannot write {0}").format(path))

    def matrix_image(self) -> QImage:
        model = self.matrix_model
        n = len(model.names)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0))
        metrics = QFontMetrics(font)
        names = [metrics.elidedText(name, Qt.ElideRight, 220) for name in model.names]
        label = max((metrics.horizontalAdvance(name) for name in names), default=0) + 12
        cell = max(44, max((metrics.horizontalAdvance(model.cell_text(r, c)) for r in range(n) for c in range(n)),
                           default=0) + 10)
        margin, line = 16, metrics.height()
        left, top = margin + line + 8 + label, margin + 2 * line + 8 + label
        image = QImage(left + n * cell + margin, top + n * cell + margin, QImage.Format_RGB32)
        image.fill(theme.background())
        painter = QPainter(image)
        try:
            painter.setFont(font)
            painter.setPen(theme.foreground())
            painter.drawText(QRect(margin, margin, image.width() - 2 * margin, line), Qt.AlignLeft,
                             self.source_text or self.tr("Confusion matrix"))
            painter.drawText(QRect(left, margin + line + 4, n * cell, line), Qt.AlignCenter, self.tr("predicted class"))
            for j, name in enumerate(names):  # column names, written upwards
                painter.save()
                painter.translate(left + j * cell + cell / 2 + line / 2 - 2, top - 6)
                painter.rotate(-90)
                painter.drawText(0, 0, name)
                painter.restore()
            painter.save()
            painter.translate(margin + line, top + n * cell / 2)
            painter.rotate(-90)
            painter.drawText(QRect(-n * cell // 2, -line, n * cell, line), Qt.AlignCenter, self.tr("true class"))
            painter.restore()
            for i, name in enumerate(names):
                painter.drawText(QRect(left - label, top + i * cell, label - 8, cell), Qt.AlignRight | Qt.AlignVCenter,
                                 name)
                for j in range(n):
                    rect = QRect(left + j * cell, top + i * cell, cell, cell)
                    color = model.color(i, j)
                    painter.fillRect(rect, color)
                    painter.setPen(readable_on(color))
                    painter.drawText(rect, Qt.AlignCenter, model.cell_text(i, j))
                    painter.setPen(theme.foreground())
        finally:
            painter.end()
        return image

    # ------------------------------------------------------------------ internals

    def _slider_moved(self, value: int) -> None:
        self._update_epoch_label()
        self.epoch_selected.emit(value)

    def _update_epoch_label(self) -> None:
        labels = self._epoch_labels
        value = self.epoch_slider.value()
        self.epoch_label.setText(say(labels[value]) if 0 <= value < len(labels) else "–")

    def _percent_toggled(self, percent: bool) -> None:
        self.matrix_model.set_percent(percent)

    def _hovered(self, index: QModelIndex) -> None:
        if index.isValid():
            self.hover_label.setText(self.matrix_model.hover_text(index.row(), index.column()))

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.matrix_view.viewport() and event.type() == QEvent.Leave:
            self.hover_label.setText("")
        return super().eventFilter(watched, event)

    def _image_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.image_clicked.emit(int(index.data(INDEX_ROLE)))

    def _fill_class_table(self, evaluation: Evaluation) -> None:
        table = self.class_table
        header = table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        table.setSortingEnabled(False)  # rows would move while they are filled
        rows = evaluation.per_class()
        table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            name = QTableWidgetItem(class_label(printable(c.name, NAME_LIMIT)))
            name.setToolTip(printable(c.name))
            table.setItem(r, 0, name)
            for col, value in enumerate((c.precision, c.recall, c.f1), start=1):
                table.setItem(r, col, _SortItem("–" if value is None else f"{value:.3f}", value))
            table.setItem(r, 4, _SortItem(f"{c.support:,}", c.support))
        table.setSortingEnabled(True)
        table.sortItems(column, order)
        self._fit_class_table()

    def _fit_class_table(self) -> None:
        """The table asks for the width of its numbers and a short class name, so the splitter never hides
        Support behind a scroll bar (its numbers keep their width; a long class name is elided)."""
        table, header = self.class_table, self.class_table.horizontalHeader()
        numbers = sum(max(header.sectionSizeHint(c), table.sizeHintForColumn(c)) for c in range(1, table.columnCount()))
        scroll = table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(numbers + CLASS_COLUMN_WIDTH + scroll + 2 * table.frameWidth())

    def class_rows(self) -> list[list[str]]:
        """The per-class table as shown, top to bottom."""
        table = self.class_table
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
