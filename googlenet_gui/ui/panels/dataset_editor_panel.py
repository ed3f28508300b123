"""The dataset editor's window: the classes with their image counts, the selected class's
thumbnails, the check's findings, and progress. It shows what the DatasetEditorController gives
it and reports what the user asks for; it reads no file itself.

Thumbnails are asked for only when a row is painted (a class of 10,000 images asks for the few
dozen on screen) and kept in a bounded cache.

One piece: the class list, the thumbnails and the findings select each other.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QColor, QDragEnterEvent, QDropEvent, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QLineEdit, QListView,
                               QProgressBar, QPushButton, QSplitter, QStyle, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ...core.common.text import display_name, printable
from .. import theme
from ..plain import plain_label, plain_tooltip
from ..words import Text, say

THUMBNAIL = 96  # side of a thumbnail, in pixels
THUMBNAILS_KEPT = 1500  # about 40 MB of pixmaps at most
FILES_SHOWN = 500  # files listed under one finding (its fix still covers them all)
PATH_ROLE = Qt.UserRole + 1
CLASS_ROLE = Qt.UserRole + 2


@dataclass
class ClassRow:
    name: str
    files: list[str]  # training images, then validation images
    val_count: int = 0  # how many of them are validation images (train/ and val/ folders)


@dataclass
class FindingRow:
    """One finding, worded by the controller."""

    severity: str  # "error" or "warning"
    title: str
    advice: str
    items: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (text, file, class)
    fix_label: str = ""  # the button's text; "" when there is no safe fix
    key: Any = None  # what the controller needs to apply the fix
    total: int = 0  # how many things the finding names (items shows the first FILES_SHOWN)


def _accepts(mime) -> bool:
    return mime is not None and (mime.hasImage() or any(url.isLocalFile() for url in mime.urls()))


class _ClassTree(QTreeWidget):
    """The classes; files or folders dropped on a class are imported into it."""

    dropped = Signal(str, list, object)  # class, QUrls, QImage or None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        event.setAccepted(_accepts(event.mimeData()))

    def dragMoveEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        event.setAccepted(item is not None and self.isEnabled())

    def dropEvent(self, event: QDropEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is None:
            event.ignore()
            return
        mime = event.mimeData()
        image = QImage(mime.imageData()) if mime.hasImage() and not mime.urls() else None
        self.dropped.emit(item.data(0, CLASS_ROLE), list(mime.urls()), image)
        event.acceptProposedAction()


class _Thumbnails(QListView):
    """The selected class's images; files or folders dropped here are imported into it."""

    dropped = Signal(list, object)  # QUrls, QImage or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.hint = ""  # painted where there are no images yet

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        event.setAccepted(_accepts(event.mimeData()))

    def dragMoveEvent(self, event) -> None:
        event.setAccepted(_accepts(event.mimeData()))

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        image = QImage(mime.imageData()) if mime.hasImage() and not mime.urls() else None
        self.dropped.emit(list(mime.urls()), image)
        event.acceptProposedAction()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.hint:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("gray"))
            painter.drawText(self.viewport().rect().adjusted(20, 20, -20, -20), Qt.AlignCenter | Qt.TextWordWrap,
                             self.hint)


class ThumbnailModel(QAbstractListModel):
    """The files of one class; a thumbnail is asked for (`wanted`) the first time its row is shown."""

    wanted = Signal(list)  # paths whose thumbnails are not made yet

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.files: list[str] = []
        self.val_from = 0  # files from this index on are validation images
        self._rows: dict[str, int] = {}
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._errors: dict[str, Text] = {}  # why a file has no thumbnail: the core's Message
        self._asked: set[str] = set()
        self._to_ask: list[str] = []
        self._placeholder = _square(QColor(128, 128, 128, 40))
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self._ask)

    def set_files(self, files: list[str], val_count: int = 0) -> None:
        if files == self.files and self.val_from == len(files) - val_count:
            return  # unchanged: keep the scroll position and the selection
        self.beginResetModel()
        self.files = list(files)
        self.val_from = len(files) - val_count
        self._rows = {f: i for i, f in enumerate(self.files)}
        self._to_ask.clear()
        self.endResetModel()

    def forget(self, keep: set[str] | None = None) -> None:
        """Drop the thumbnails of files that are gone (all, without `keep`)."""
        for cache in (self._pixmaps, self._errors):
            for path in [p for p in cache if keep is None or p not in keep]:
                del cache[path]
        self._asked = {p for p in self._asked if keep is not None and p in keep}

    def set_thumbnail(self, path: str, image: QImage | None, error: str = "") -> None:
        self._asked.discard(path)
        if error or image is None or image.isNull():
            self._errors[path] = error  # "": no preview, said when asked for
        else:
            if image.width() < THUMBNAIL and image.height() < THUMBNAIL:  # tiny images blown up, pixels visible
                image = image.scaled(THUMBNAIL, THUMBNAIL, Qt.KeepAspectRatio, Qt.FastTransformation)
            self._pixmaps[path] = _square(None, QPixmap.fromImage(image))
            self._pixmaps.move_to_end(path)
            while len(self._pixmaps) > THUMBNAILS_KEPT:
                self._forget_oldest()
        row = self._rows.get(path)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.DecorationRole, Qt.ToolTipRole])

    def _forget_oldest(self) -> None:
        path, _ = self._pixmaps.popitem(last=False)
        self._asked.discard(path)

    def has_thumbnail(self, path: str) -> bool:
        return path in self._pixmaps

    def unask(self, paths: list[str]) -> None:
        """These thumbnails will not come (their rows went off screen first): ask again when shown."""
        self._asked.difference_update(paths)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.files)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.files):
            return None
        path = self.files[index.row()]
        if role == Qt.DisplayRole:
            return display_name(path)
        if role == Qt.DecorationRole:
            pixmap = self._pixmaps.get(path)
            if pixmap is not None:
                self._pixmaps.move_to_end(path)
                return pixmap
            if path in self._errors:
                return QApplication.style().standardIcon(QStyle.SP_MessageBoxWarning)
            if path not in self._asked:
                self._asked.add(path)
                self._to_ask.append(path)
                self._flush.start(0)
            return self._placeholder
        if role == Qt.ToolTipRole:
            tip = printable(path)
            if index.row() >= self.val_from:
                tip += "\n" + self.tr("validation image")
            if path in self._errors:
                tip += "\n" + (say(self._errors[path]) or self.tr("no preview"))
            return plain_tooltip(tip)
        if role == PATH_ROLE:
            return path
        return None

    def _ask(self) -> None:
        wanted, self._to_ask = self._to_ask, []
        if wanted:
            self.wanted.emit(wanted)


def _square(fill: QColor | None, pixmap: QPixmap | None = None) -> QPixmap:
    """A THUMBNAIL-sided square: a placeholder of one colour, or `pixmap` centred on transparency
    (so every cell of the grid lines up)."""
    square = QPixmap(THUMBNAIL, THUMBNAIL)
    square.fill(fill if fill is not None else Qt.transparent)
    if pixmap is not None:
        painter = QPainter(square)
        painter.drawPixmap((THUMBNAIL - pixmap.width()) // 2, (THUMBNAIL - pixmap.height()) // 2, pixmap)
        painter.end()
    return square


class DatasetEditorPanel(QWidget):
    add_class_requested = Signal(str)
    rename_class_requested = Signal(str, str)  # old, new
    remove_class_requested = Signal(str)
    dropped = Signal(str, list, object)  # class, QUrls, QImage (image data, not files) or None
    open_files_requested = Signal(str)  # class
    open_folder_requested = Signal(str)  # class
    paste_requested = Signal(str)  # class
    remove_images_requested = Signal(list)  # paths
    fix_requested = Signal(object)  # FindingRow.key
    check_requested = Signal()
    cancel_requested = Signal()
    train_requested = Signal()
    thumbnails_wanted = Signal(list)  # paths
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("Dataset"))
        self.resize(1180, 720)
        self._classes: dict[str, ClassRow] = {}
        self._busy = False
        self._trainable = False
        # texts given to the editor, kept to be worded again in another language
        self._root = ""
        self._why_not_trainable: Text = ""
        self._progress: Text | None = None
        self._message: tuple[Text, bool, Text] = ("", False, "")

        self.folder_label = plain_label()
        self.folder_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        # classes
        self.class_tree = _ClassTree()
        self.class_tree.setColumnCount(2)
        self.class_tree.setHeaderLabels([self.tr("Class"), self.tr("Images")])
        self.class_tree.setRootIsDecorated(False)
        self.class_tree.setAcceptDrops(True)
        self.class_tree.setEditTriggers(QAbstractItemView.NoEditTriggers)  # F2, double-click: see _rename
        self.class_tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.class_tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.class_tree.header().setStretchLastSection(False)
        self.new_class_edit = QLineEdit()
        self.new_class_edit.setPlaceholderText(self.tr("New class name"))
        self.add_class_button = QPushButton(self.tr("Add Class"))
        self.rename_class_button = QPushButton(self.tr("Rename"))
        self.remove_class_button = QPushButton(self.tr("Remove"))

        # images of the selected class
        self.class_title = plain_label()
        self.class_title.setStyleSheet("font-weight: bold;")
        self.model = ThumbnailModel(self)
        self.thumbnails = _Thumbnails()
        self.thumbnails.setModel(self.model)
        self.thumbnails.setViewMode(QListView.IconMode)
        self.thumbnails.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.thumbnails.setGridSize(QSize(THUMBNAIL + 28, THUMBNAIL + 34))
        self.thumbnails.setUniformItemSizes(True)
        self.thumbnails.setResizeMode(QListView.Adjust)
        self.thumbnails.setMovement(QListView.Static)
        self.thumbnails.setWordWrap(False)
        self.thumbnails.setTextElideMode(Qt.ElideMiddle)
        self.thumbnails.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.thumbnails.setDragEnabled(False)
        self.thumbnails.setAcceptDrops(True)
        self.thumbnails.viewport().setAcceptDrops(True)  # a Static QListView turns its viewport's off
        self.open_files_button = QPushButton(self.tr("Add Images…"))
        self.open_folder_button = QPushButton(self.tr("Add Folder…"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.remove_images_button = QPushButton(self.tr("Remove Images"))

        # the check
        self.check_summary = plain_label()
        self.check_summary.setWordWrap(True)
        self.findings_tree = QTreeWidget()
        self.findings_tree.setHeaderHidden(True)
        self.findings_tree.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.findings_tree.setWordWrap(True)
        self.advice_label = plain_label()
        self.advice_label.setWordWrap(True)
        self.fix_button = QPushButton()
        self.remove_listed_button = QPushButton(self.tr("Remove Selected Files"))
        self.check_button = QPushButton(self.tr("Check Again"))

        # progress and training
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_label = plain_label()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.message_label = plain_label()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.train_button = QPushButton(self.tr("Train on This Dataset"))
        self.train_button.setDefault(True)

        self._build_layout()
        self._connect()
        self.set_progress(None)
        self.show_findings("", [])
        self.show_classes([])

    def _build_layout(self) -> None:
        classes = QWidget()
        class_layout = QVBoxLayout(classes)
        class_layout.setContentsMargins(0, 0, 0, 0)
        class_layout.addWidget(self.class_tree, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_class_edit, 1)
        add_row.addWidget(self.add_class_button)
        class_layout.addLayout(add_row)
        class_buttons = QHBoxLayout()
        class_buttons.addWidget(self.rename_class_button)
        class_buttons.addWidget(self.remove_class_button)
        class_buttons.addStretch(1)
        class_layout.addLayout(class_buttons)

        images = QWidget()
        image_layout = QVBoxLayout(images)
        image_layout.setContentsMargins(0, 0, 0, 0)
        image_layout.addWidget(self.class_title)
        image_layout.addWidget(self.thumbnails, 1)
        image_buttons = QHBoxLayout()
        for button in (self.open_files_button, self.open_folder_button, self.paste_button):
            image_buttons.addWidget(button)
        image_buttons.addStretch(1)
        image_buttons.addWidget(self.remove_images_button)
        image_layout.addLayout(image_buttons)

        check = QWidget()
        check_layout = QVBoxLayout(check)
        check_layout.setContentsMargins(0, 0, 0, 0)
        self.check_title = title = plain_label(self.tr("Check"))
        title.setStyleSheet("font-weight: bold;")
        check_layout.addWidget(title)
        check_layout.addWidget(self.check_summary)
        check_layout.addWidget(self.findings_tree, 1)
        check_layout.addWidget(self.advice_label)
        check_buttons = QHBoxLayout()
        check_buttons.addWidget(self.fix_button)
        check_buttons.addWidget(self.remove_listed_button)
        check_buttons.addStretch(1)
        check_buttons.addWidget(self.check_button)
        check_layout.addLayout(check_buttons)

        self.splitter = QSplitter(Qt.Horizontal)
        for widget in (classes, images, check):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 520, 430])

        bottom = QHBoxLayout()
        bottom.addWidget(self.progress_label)
        bottom.addWidget(self.progress_bar, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(0)
        bottom.addWidget(self.train_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.class_tree.currentItemChanged.connect(lambda *_: self._show_selected_class())
        self.class_tree.itemDoubleClicked.connect(lambda item, column: self._start_rename(item))
        self.class_tree.itemChanged.connect(self._renamed)
        self.class_tree.dropped.connect(self.dropped)
        self.thumbnails.dropped.connect(lambda urls, image: self._dropped_on_grid(urls, image))
        self.thumbnails.selectionModel().selectionChanged.connect(lambda *_: self._update_enabled())
        self.model.wanted.connect(self.thumbnails_wanted)
        self.new_class_edit.returnPressed.connect(self._add_class)
        self.new_class_edit.textChanged.connect(lambda *_: self._update_enabled())
        self.add_class_button.clicked.connect(self._add_class)
        self.rename_class_button.clicked.connect(lambda: self._start_rename(self.class_tree.currentItem()))
        self.remove_class_button.clicked.connect(
            lambda: self.selected_class() and self.remove_class_requested.emit(self.selected_class()))
        self.open_files_button.clicked.connect(lambda: self._for_class(self.open_files_requested))
        self.open_folder_button.clicked.connect(lambda: self._for_class(self.open_folder_requested))
        self.paste_button.clicked.connect(lambda: self._for_class(self.paste_requested))
        self.remove_images_button.clicked.connect(self._remove_selected_images)
        self.findings_tree.currentItemChanged.connect(lambda *_: self._show_advice())
        self.findings_tree.itemSelectionChanged.connect(self._update_enabled)
        self.findings_tree.itemDoubleClicked.connect(lambda item, column: self._go_to(item))
        self.fix_button.clicked.connect(self._fix)
        self.remove_listed_button.clicked.connect(
            lambda: self.remove_images_requested.emit(self.selected_finding_files()))
        self.check_button.clicked.connect(self.check_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.train_button.clicked.connect(self.train_requested)

        self.paste_action = paste = QAction(self.tr("Paste Images"), self)
        paste.setShortcut(QKeySequence.Paste)
        paste.triggered.connect(lambda: self._for_class(self.paste_requested))
        self.addAction(paste)
        self.rename_action = rename = QAction(self.tr("Rename Class"), self.class_tree)
        rename.setShortcut(QKeySequence(Qt.Key_F2))
        rename.setShortcutContext(Qt.WidgetShortcut)
        rename.triggered.connect(lambda: self._start_rename(self.class_tree.currentItem()))
        self.class_tree.addAction(rename)
        self.remove_action = remove = QAction(self.tr("Remove Images"), self.thumbnails)
        remove.setShortcut(QKeySequence.Delete)
        remove.setShortcutContext(Qt.WidgetShortcut)
        remove.triggered.connect(self._remove_selected_images)
        self.thumbnails.addAction(remove)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange and hasattr(self, "remove_action"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The editor's own texts in the language installed now, and those it was given; the controller
        words the check again."""
        self.setWindowTitle(self.tr("Dataset: {0}").format(display_name(self._root)) if self._root else self.tr("Dataset"))
        self.class_tree.setHeaderLabels([self.tr("Class"), self.tr("Images")])
        self.new_class_edit.setPlaceholderText(self.tr("New class name"))
        texts = ((self.add_class_button, self.tr("Add Class")), (self.rename_class_button, self.tr("Rename")),
                 (self.remove_class_button, self.tr("Remove")), (self.open_files_button, self.tr("Add Images…")),
                 (self.open_folder_button, self.tr("Add Folder…")), (self.paste_button, self.tr("Paste")),
                 (self.remove_images_button, self.tr("Remove Images")),
                 (self.remove_listed_button, self.tr("Remove Selected Files")),
                 (self.check_button, self.tr("Check Again")), (self.cancel_button, self.tr("Cancel")),
                 (self.train_button, self.tr("Train on This Dataset")), (self.check_title, self.tr("Check")),
                 (self.paste_action, self.tr("Paste Images")), (self.rename_action, self.tr("Rename Class")),
                 (self.remove_action, self.tr("Remove Images")))
        for widget, text in texts:
            widget.setText(text)
        for i in range(self.class_tree.topLevelItemCount()):  # "120 + 30 val"
            item = self.class_tree.topLevelItem(i)
            row = self._classes.get(item.data(0, CLASS_ROLE))
            if row is not None:
                item.setText(1, self._count_text(row))
        self._show_selected_class()
        self.set_trainable(self._trainable, self._why_not_trainable)
        if self._progress is not None:
            self.progress_label.setText(say(self._progress))
        self.show_message(*self._message)

    # ------------------------------------------------------------ state shown

    def set_dataset(self, root: str) -> None:
        self._root = root
        self.setWindowTitle(self.tr("Dataset: {0}").format(display_name(root)))
        self.folder_label.setText(printable(root))
        self.model.forget()
        self.show_message("")

    def show_classes(self, classes: list[ClassRow], select: str | None = None) -> None:
        """The dataset's classes as they are on disk now; the selection stays where it can."""
        keep = select or self.selected_class()
        self._classes = {c.name: c for c in classes}
        tree = self.class_tree
        if [tree.topLevelItem(i).data(0, CLASS_ROLE) for i in range(tree.topLevelItemCount())] == list(self._classes):
            for i, row in enumerate(classes):  # the same classes: new counts only (a rename being typed goes on)
                tree.topLevelItem(i).setText(1, self._count_text(row))
            if select is not None:
                self.select_class(select)
            self.model.forget({f for c in classes for f in c.files})
            self._show_selected_class()
            return
        self.class_tree.blockSignals(True)
        self.class_tree.clear()
        current = None
        for row in classes:
            item = QTreeWidgetItem([row.name, self._count_text(row)])
            item.setData(0, CLASS_ROLE, row.name)
            item.setToolTip(0, plain_tooltip(printable(row.name)))
            item.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
            self.class_tree.addTopLevelItem(item)
            if row.name == keep:
                current = item
        if current is None and self.class_tree.topLevelItemCount():
            current = self.class_tree.topLevelItem(0)
        self.class_tree.setCurrentItem(current)
        self.class_tree.blockSignals(False)
        self.model.forget({f for c in classes for f in c.files})
        self._show_selected_class()

    def _count_text(self, row: ClassRow) -> str:
        if row.val_count:
            return self.tr("{0} + {1} val").format(f"{len(row.files) - row.val_count:,}", f"{row.val_count:,}")
        return f"{len(row.files):,}"

    def set_thumbnail(self, path: str, image: QImage | None, error: str = "") -> None:
        self.model.set_thumbnail(path, image, error)

    def set_busy(self, busy: bool) -> None:
        """Files are being copied or moved: more changes queue behind, training waits."""
        self._busy = busy
        self._update_enabled()

    def set_trainable(self, trainable: bool, why: Text = "") -> None:
        self._trainable, self._why_not_trainable = trainable, why
        self.train_button.setToolTip(say(why))
        self._update_enabled()

    def set_progress(self, text: Text | None, done: int = 0, total: int = 0) -> None:
        """Work under way (None: none). total 0: how much is not known yet."""
        self._progress = text
        running = text is not None
        for widget in (self.progress_bar, self.progress_label, self.cancel_button):
            widget.setVisible(running)
        if running:
            self.progress_label.setText(say(text))
            self.progress_bar.setRange(0, max(total, 0))
            self.progress_bar.setValue(min(done, total) if total else 0)

    def show_message(self, text: Text, error: bool = False, details: Text = "") -> None:
        """One line under the classes; `details` (every skipped file, say) in its tooltip."""
        self._message = (text, error, details)
        self.message_label.setStyleSheet(f"color: {theme.error_color().name()};" if error else "")
        self.message_label.setText(say(text))
        self.message_label.setToolTip(plain_tooltip(say(details)) if details else "")

    def show_findings(self, summary: str, rows: list[FindingRow], keep_place: bool = False) -> None:
        """The check's summary and findings. `keep_place`: the same findings worded again (in another
        language): the chosen one and those opened stay so."""
        tree = self.findings_tree
        current = tree.currentItem()
        place = (tree.indexOfTopLevelItem(current.parent() or current),
                 current.parent().indexOfChild(current) if current.parent() else -1) if current else (-1, -1)
        count = tree.topLevelItemCount()
        opened = {i for i in range(count) if tree.topLevelItem(i).isExpanded()}
        self.check_summary.setText(summary)
        self.findings_tree.clear()
        style = self.style()
        icons = {"error": style.standardIcon(QStyle.SP_MessageBoxCritical),
                 "warning": style.standardIcon(QStyle.SP_MessageBoxWarning)}
        for row in rows:
            item = QTreeWidgetItem([row.title])
            item.setIcon(0, icons.get(row.severity, icons["warning"]))
            item.setToolTip(0, plain_tooltip(f"{row.title}\n\n{row.advice}"))
            item.setData(0, Qt.UserRole, row)
            for text, path, class_name in row.items[:FILES_SHOWN]:
                child = QTreeWidgetItem([text])
                child.setToolTip(0, plain_tooltip(printable(path) if path else text))
                child.setData(0, PATH_ROLE, path)
                child.setData(0, CLASS_ROLE, class_name)
                item.addChild(child)
            hidden = max(row.total, len(row.items)) - min(len(row.items), FILES_SHOWN)
            if hidden > 0:
                item.addChild(QTreeWidgetItem([self.tr("… and %n more", "", hidden)]))
            self.findings_tree.addTopLevelItem(item)
        if keep_place and place[0] >= 0 and len(rows) == count:
            for i in opened:
                tree.topLevelItem(i).setExpanded(True)
            top = tree.topLevelItem(place[0])
            tree.setCurrentItem(top.child(place[1]) if place[1] >= 0 else top)
        elif rows:
            self.findings_tree.setCurrentItem(self.findings_tree.topLevelItem(0))
        self._show_advice()

    # ------------------------------------------------------------ what is selected

    def selected_class(self) -> str | None:
        item = self.class_tree.currentItem()
        return item.data(0, CLASS_ROLE) if item is not None else None

    def select_class(self, name: str) -> None:
        for i in range(self.class_tree.topLevelItemCount()):
            item = self.class_tree.topLevelItem(i)
            if item.data(0, CLASS_ROLE) == name:
                self.class_tree.setCurrentItem(item)

    def selected_images(self) -> list[str]:
        return [self.model.files[i.row()] for i in self.thumbnails.selectionModel().selectedRows()]

    def select_image(self, path: str) -> None:
        if path in self.model.files:
            index = self.model.index(self.model.files.index(path))
            self.thumbnails.setCurrentIndex(index)
            self.thumbnails.scrollTo(index)

    def selected_finding(self) -> FindingRow | None:
        item = self.findings_tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, Qt.UserRole) if item is not None else None

    def selected_finding_files(self) -> list[str]:
        return [item.data(0, PATH_ROLE) for item in self.findings_tree.selectedItems() if item.data(0, PATH_ROLE)]

    def finding_titles(self) -> list[str]:
        return [self.findings_tree.topLevelItem(i).text(0) for i in range(self.findings_tree.topLevelItemCount())]

    # ------------------------------------------------------------ internals

    def _show_selected_class(self) -> None:
        name = self.selected_class()
        row = self._classes.get(name) if name is not None else None
        if row is None:
            self.class_title.setText(self.tr("No class yet"))
            self.thumbnails.hint = self.tr("Add a class on the left, then drop images or folders on it")
            self.model.set_files([])
        else:
            self.class_title.setText(self.tr("{0}: %n image(s)", "", len(row.files)).format(row.name))
            self.thumbnails.hint = self.tr("Drop image files or folders here, paste images (Ctrl+V), "
                                           "or add them with the buttons below")
            self.model.set_files(row.files, row.val_count)
        self.thumbnails.viewport().update()
        self._update_enabled()

    def _update_enabled(self) -> None:
        """Changes asked while others are under way queue behind them; only training waits."""
        has_class = self.selected_class() is not None
        for widget in (self.rename_class_button, self.remove_class_button, self.open_files_button,
                       self.open_folder_button, self.paste_button):
            widget.setEnabled(has_class)
        self.add_class_button.setEnabled(bool(self.new_class_edit.text().strip()))
        self.remove_images_button.setEnabled(bool(self.thumbnails.selectionModel().selectedRows()))
        finding = self.selected_finding()
        self.fix_button.setVisible(bool(finding and finding.fix_label))
        self.fix_button.setText(finding.fix_label if finding else "")
        self.remove_listed_button.setEnabled(bool(self.selected_finding_files()))
        self.train_button.setEnabled(self._trainable and not self._busy)

    def _show_advice(self) -> None:
        finding = self.selected_finding()
        self.advice_label.setText(finding.advice if finding else "")
        self._update_enabled()

    def _add_class(self) -> None:
        name = self.new_class_edit.text()
        if name.strip():
            self.add_class_requested.emit(name)
            self.new_class_edit.clear()

    def _start_rename(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        self.class_tree.blockSignals(True)
        item.setFlags(item.flags() | Qt.ItemIsEditable)
        self.class_tree.blockSignals(False)
        self.class_tree.editItem(item, 0)

    def _renamed(self, item: QTreeWidgetItem, column: int) -> None:
        old = item.data(0, CLASS_ROLE)
        new = item.text(0)
        if column == 0 and new != old:
            self.class_tree.blockSignals(True)
            item.setText(0, old)  # shown as it is on disk until the rename is done
            self.class_tree.blockSignals(False)
            self.rename_class_requested.emit(old, new)

    def _dropped_on_grid(self, urls: list[QUrl], image: QImage | None) -> None:
        name = self.selected_class()
        if name is not None:
            self.dropped.emit(name, urls, image)
        else:
            self.show_message(self.tr("Add a class first, then drop images on it"), error=True)

    def _for_class(self, signal) -> None:
        name = self.selected_class()
        if name is not None:
            signal.emit(name)
        else:
            self.show_message(self.tr("Add a class first"), error=True)

    def _remove_selected_images(self) -> None:
        paths = self.selected_images()
        if paths:
            self.remove_images_requested.emit(paths)

    def _fix(self) -> None:
        finding = self.selected_finding()
        if finding is not None and finding.fix_label:
            self.fix_requested.emit(finding.key)

    def _go_to(self, item: QTreeWidgetItem) -> None:
        """A file or class under a finding: show it in the class's thumbnails."""
        class_name, path = item.data(0, CLASS_ROLE), item.data(0, PATH_ROLE)
        if class_name:
            self.select_class(class_name)
        if path:
            self.select_image(path)

    def closeEvent(self, event) -> None:
        self.closed.emit()
        super().closeEvent(event)
