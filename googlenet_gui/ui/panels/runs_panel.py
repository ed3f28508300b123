"""Every run in one sortable table: tick runs to compare their curves and settings; open, follow,
rename, annotate or delete one. It shows core.runs.index summaries and reports what the user asked for;
the reading, the dialogs and the files are the runs controller's job."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QEvent, QDateTime, QModelIndex, QObject,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QSplitter,
                               QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.runs.runlog import FAILED, FINISHED_STATE, RUNNING, STOPPED_STATE
from ...core.runs.index import RunSummary
from ...core.runs.origin import IMAGENET
from ...core.common.text import printable
from ..plain import plain_label, plain_tooltip
from ..words import Text, say, setting_name, setting_value

NAME, STARTED, DATASET, INPUT, EPOCHS, BEST, TIME, SIZE, DEVICE, STATE = range(10)
FOLDER_ROLE = Qt.UserRole + 1  # the run folder, on the name column's item
SORT_ROLE = Qt.UserRole + 2  # what a column sorts by: numbers where the text shows numbers
# Roles as plain numbers: data() answers thousands of calls, and Qt's enum objects are slow to compare.
_DISPLAY, _TOOLTIP, _CHECK, _ALIGN = (int(r) for r in (Qt.DisplayRole, Qt.ToolTipRole, Qt.CheckStateRole,
                                                         Qt.TextAlignmentRole))
_FOLDER, _SORT = int(FOLDER_ROLE), int(SORT_ROLE)
_CHECKED, _UNCHECKED = Qt.Checked, Qt.Unchecked
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
# A running run (one whose lock is held) that has written nothing for this long says so.
QUIET_SECONDS = 60



def since_text(seconds: float) -> str:
    """'12 seconds ago', '5 minutes ago', '3 hours ago', '2 days ago'."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return QCoreApplication.translate("RunsPanel", "%n second(s) ago", None, seconds)
    if seconds < 3600:
        minutes = seconds // 60  # (divided outside the call: lupdate reads "//" as a comment)
        return QCoreApplication.translate("RunsPanel", "%n minute(s) ago", None, minutes)
    if seconds < 86400:
        hours = seconds // 3600
        return QCoreApplication.translate("RunsPanel", "%n hour(s) ago", None, hours)
    days = seconds // 86400
    return QCoreApplication.translate("RunsPanel", "%n day(s) ago", None, days)


def state_text(state: str, last_write: float | None, now: float) -> str:
    """A run's state as a person reads it; a run that stopped writing says how long ago it wrote."""
    if state == FINISHED_STATE:
        return QCoreApplication.translate("RunsPanel", "finished")
    if state == STOPPED_STATE:
        return QCoreApplication.translate("RunsPanel", "stopped")
    quiet = None if last_write is None else now - last_write
    if state == RUNNING:
        if quiet is not None and quiet >= QUIET_SECONDS:
            return QCoreApplication.translate("RunsPanel", "running (last wrote {})").format(since_text(quiet))
        return QCoreApplication.translate("RunsPanel", "running")
    if state == FAILED and quiet is not None:
        return QCoreApplication.translate("RunsPanel", "failed: stopped writing {}").format(since_text(quiet))
    return QCoreApplication.translate("RunsPanel", "failed")


def duration_text(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class RunsModel(QAbstractTableModel):
    """The runs as a table model over their summaries: a cell's text is made when a view asks for
    it, so hundreds of runs fill the table at once. Ticks belong to run folders, so they outlive
    updates."""

    ticks_changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.runs: list[RunSummary] = []
        self.ticked: set[str] = set()
        self.now = time.time()
        self._cells: dict[int, list[tuple[str, str]]] = {}  # row -> (text, tooltip) per column, once asked for
        self._headers: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Headers and cells in the language installed now (the cells are worded again when asked for)."""
        self._headers = [self.tr("Run"), self.tr("Started"), self.tr("Dataset"), self.tr("Input"), self.tr("Epochs"),
                         self.tr("Best val acc"), self.tr("Training time"), self.tr("Size"), self.tr("Device"),
                         self.tr("State")]
        self._cells.clear()
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(self._headers) - 1)
        if self.runs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.runs) - 1, len(self._headers) - 1))

    def set_runs(self, runs: list[RunSummary], now: float) -> None:
        old = self.runs
        self.now = now
        if [r.folder for r in runs] == [r.folder for r in old]:  # the same runs: change only what changed
            self.runs = list(runs)
            for row, (new, was) in enumerate(zip(runs, old)):
                if new != was or new.state in (RUNNING, FAILED):  # their text also depends on the time
                    self._cells.pop(row, None)
                    self.dataChanged.emit(self.index(row, 0), self.index(row, STATE))
            return
        self.beginResetModel()
        self.runs, self._cells = list(runs), {}
        self.ticked &= {str(r.folder) for r in runs}
        self.endResetModel()

    def folder(self, row: int) -> str:
        return str(self.runs[row].folder)

    def row_of(self, folder: str) -> int | None:
        return next((row for row, r in enumerate(self.runs) if str(r.folder) == str(folder)), None)

    def cells(self, row: int) -> list[tuple[str, str]]:
        if row not in self._cells:
            self._cells[row] = _row_values(self.runs[row], self.now)
        return self._cells[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.runs)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return flags | Qt.ItemIsUserCheckable if index.column() == NAME else flags

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column, role = index.row(), index.column(), int(role)
        if role == _SORT:  # sorting asks every row: a cheap key, without making the texts
            return _sort_key(self.runs[row], column)
        if role == _DISPLAY or role == _TOOLTIP:  # only rows in view are asked
            text, tip = self.cells(row)[column]
            return text if role == _DISPLAY else (tip or None)
        if role == _CHECK and column == NAME:
            return _CHECKED if self.folder(row) in self.ticked else _UNCHECKED
        if role == _FOLDER:
            return self.folder(row)
        if role == _ALIGN and INPUT <= column <= SIZE:
            return _RIGHT
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:
        if role != Qt.CheckStateRole or index.column() != NAME:
            return False
        self.set_ticked(self.folder(index.row()), Qt.CheckState(value) == Qt.Checked)
        return True

    def set_ticked(self, folder: str, ticked: bool) -> None:
        row = self.row_of(folder)
        if row is None or (folder in self.ticked) == ticked:
            return
        (self.ticked.add if ticked else self.ticked.discard)(folder)
        self.dataChanged.emit(self.index(row, NAME), self.index(row, NAME), [Qt.CheckStateRole])
        self.ticks_changed.emit()


DIFFERENCES_SHOWN = 6  # rows of settings that differ shown without scrolling


class RunsPanel(QWidget):
    refresh_requested = Signal()
    add_folder_requested = Signal()
    ticked_changed = Signal(list)  # the ticked runs' folders (str), in the table's order
    open_requested = Signal(str)
    follow_requested = Signal(str)
    rename_requested = Signal(str)
    note_requested = Signal(str)
    delete_requested = Signal(str)
    stop_following_requested = Signal()
    visibility_changed = Signal(bool)  # the panel was shown (True) or hidden

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.following_label = plain_label()  # names a folder: plain text
        self.following_label.setWordWrap(True)
        self.stop_following_button = QPushButton()
        self.refresh_button = QPushButton()
        self.add_folder_button = QPushButton()
        self.open_button = QPushButton()
        self.follow_button = QPushButton()
        self.rename_button = QPushButton()
        self.note_button = QPushButton()
        self.delete_button = QPushButton()
        self.status_label = plain_label()
        self._run_count: int | None = None  # how many runs the status line counts (None: none read yet)
        self._reading = False  # the first read of the run folders is under way
        self._following: Text | None = None

        self.model = RunsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STARTED, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setResizeContentsPrecision(0)  # fit the rows in view, not all of hundreds
        header.setSectionResizeMode(NAME, QHeaderView.Stretch)

        self.differences_label = plain_label()
        self.differences = QTableWidget(0, 0)
        self.differences.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.differences.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)

        following = QHBoxLayout()
        following.addWidget(self.following_label, 1)
        following.addWidget(self.stop_following_button)
        self.following_bar = QWidget()
        self.following_bar.setLayout(following)
        following.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.add_folder_button, self.open_button, self.follow_button,
                       self.rename_button, self.note_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.status_label)
        compare = QWidget()
        compare_layout = QVBoxLayout(compare)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        compare_layout.addWidget(self.differences_label)
        compare_layout.addWidget(self.differences, 1)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(compare)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.following_bar)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)

        self.refresh_button.clicked.connect(self.refresh_requested)
        self.add_folder_button.clicked.connect(self.add_folder_requested)
        self.stop_following_button.clicked.connect(self.stop_following_requested)
        for button, signal in ((self.open_button, self.open_requested), (self.follow_button, self.follow_requested),
                               (self.rename_button, self.rename_requested), (self.note_button, self.note_requested),
                               (self.delete_button, self.delete_requested)):
            button.clicked.connect(lambda _=False, signal=signal: self._emit_selected(signal))
        self.table.doubleClicked.connect(lambda _: self._emit_selected(self.open_requested))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.ticks_changed.connect(lambda: self.ticked_changed.emit(self.ticked()))
        self.set_following(None)
        self.set_differences([], [])
        self._update_buttons()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The panel's texts in the language installed now."""
        self.model.retranslate()
        self.set_differences(*self._differences)
        self._show_count()
        self.set_following(self._following)
        self.stop_following_button.setText(self.tr("Stop following"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.add_folder_button.setText(self.tr("Add Folder…"))
        self.open_button.setText(self.tr("Open"))
        self.follow_button.setText(self.tr("Follow"))
        self.rename_button.setText(self.tr("Rename…"))
        self.note_button.setText(self.tr("Note…"))
        self.delete_button.setText(self.tr("Delete…"))
        self.open_button.setToolTip(self.tr("Its curves and settings, and its last.pt classifies (Start resumes it)"))
        self.follow_button.setToolTip(self.tr("Watch the run live as another process writes its folder"))

    # ------------------------------------------------------------ state shown

    def set_runs(self, runs: list[RunSummary], now: float | None = None) -> None:
        """Show these runs: ticks and the selection stay, new runs are added, runs that are gone go."""
        selected = self.selected()
        self.model.set_runs(runs, time.time() if now is None else now)
        if selected is not None and self.selected() != selected:
            self.select(selected)
        self._run_count, self._reading = len(runs), False
        self._show_count()
        self._update_buttons()
        self.ticked_changed.emit(self.ticked())

    def set_reading(self, reading: bool) -> None:
        self._reading = reading
        self._show_count()

    def _show_count(self) -> None:
        if self._reading:
            self.status_label.setText(self.tr("Reading run folders…"))
        elif self._run_count is not None:
            self.status_label.setText(self.tr("%n run(s)", "", self._run_count))

    def ticked(self) -> list[str]:
        """The ticked runs' folders, in the order the table shows them."""
        rows = (self.proxy.mapToSource(self.proxy.index(row, NAME)).row() for row in range(self.proxy.rowCount()))
        return [folder for folder in map(self.model.folder, rows) if folder in self.model.ticked]

    def set_ticked(self, folder: str, ticked: bool) -> None:
        """Tick or untick a run, as a click on its box does."""
        self.model.set_ticked(str(folder), ticked)

    def select(self, folder: str) -> None:
        row = self.model.row_of(folder)
        if row is not None:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, NAME)).row())

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows(NAME)
        return self.proxy.mapToSource(rows[0]).data(FOLDER_ROLE) if rows else None

    def row_texts(self, folder: str) -> list[str] | None:
        """What a run's row shows, column by column (tests and scripts)."""
        row = self.model.row_of(folder)
        return None if row is None else [text for text, _ in self.model.cells(row)]

    def set_differences(self, names: list[str], rows: list[tuple[str, list[Any]]]) -> None:
        """The settings that differ between the ticked runs: one row per setting (its key and each run's
        value, as a run's log stores them), a column per run. A setting is shown by the name the training
        panel gives it (its key in the tooltip), its values in words: both follow the language."""
        self._differences = (names, rows)
        self.differences.clear()
        self.differences.setColumnCount(len(names))
        self.differences.setRowCount(len(rows))
        self.differences.setHorizontalHeaderLabels([printable(n, 60) for n in names])
        for r, (key, values) in enumerate(rows):
            header = QTableWidgetItem(setting_name(key))
            header.setToolTip(plain_tooltip(printable(key, 60)))
            self.differences.setVerticalHeaderItem(r, header)
            for c, value in enumerate(values):
                self.differences.setItem(r, c, QTableWidgetItem(setting_value(key, value)))
        if len(names) < 2:
            self.differences_label.setText(self.tr("Tick two or more runs to overlay their curves and list the "
                                                   "settings they differ in."))
        elif rows:
            self.differences_label.setText(self.tr("Settings that differ between the ticked runs:"))
        else:
            self.differences_label.setText(self.tr("The ticked runs have the same settings."))
        self.differences.setVisible(bool(rows) and len(names) >= 2)
        self._fit_differences()

    def _fit_differences(self) -> None:
        """The differences table asks for the height of its rows (up to DIFFERENCES_SHOWN, then it scrolls), and
        the splitter gives it that much of the tab: a comparison shows its differences whole."""
        table = self.differences
        shown = min(table.rowCount(), DIFFERENCES_SHOWN)
        height = (table.horizontalHeader().sizeHint().height() + shown * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth() + (table.horizontalScrollBar().sizeHint().height() if shown else 0))
        table.setMinimumHeight(height if shown else 0)
        if shown and self.splitter.sizes()[1] < height + self.differences_label.sizeHint().height():
            total = sum(self.splitter.sizes())
            below = min(total // 2, height + self.differences_label.sizeHint().height() + 8)
            self.splitter.setSizes([total - below, below])

    def difference_rows(self) -> list[list[str]]:
        """The differences table's rows: the setting, then one value per run (tests and scripts)."""
        rows = []
        for r in range(self.differences.rowCount()):
            header = self.differences.verticalHeaderItem(r)
            rows.append([header.text() if header else ""] +
                        [self.differences.item(r, c).text() for c in range(self.differences.columnCount())])
        return rows

    def set_following(self, text: Text | None) -> None:
        """The followed run's state in one line; None: nothing is followed."""
        self._following = text
        self.following_bar.setVisible(text is not None)
        self.following_label.setText(say(text) if text is not None else "")

    # ------------------------------------------------------------ internals

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    def _emit_selected(self, signal: Any) -> None:
        folder = self.selected()
        if folder is not None:
            signal.emit(folder)

    def _update_buttons(self, *args: Any) -> None:
        chosen = self.selected() is not None
        for button in (self.open_button, self.follow_button, self.rename_button, self.note_button, self.delete_button):
            button.setEnabled(chosen)


def _row_values(run: RunSummary, now: float) -> list[tuple[str, str]]:
    """(text, tooltip) for each column of a run's row."""
    dash = "–"
    started = dash
    if run.started is not None:
        started = QDateTime.fromSecsSinceEpoch(int(run.started)).toString("yyyy-MM-dd HH:mm")
    dataset = _dataset(run) or dash
    if run.origin is not None:  # how the run began: its first weights
        dataset = QCoreApplication.translate("RunsPanel", "{0}, from {1}").format(
            dataset, "ImageNet" if run.origin.source == IMAGENET else printable(run.origin.name, 40))
    epochs = f"{run.epochs_done} / {run.epochs_planned}" if run.epochs_planned else str(run.epochs_done)
    best = dash if run.best_val_accuracy is None else f"{run.best_val_accuracy:.2%}"
    return [
        (printable(run.name, 120) + (" ✎" if run.note else ""), _tip(str(run.folder) + (f"\n\n{run.note}" if run.note else ""))),
        (started, ""),
        (printable(dataset, 100), _tip(say(run.origin.describe())) if run.origin is not None else ""),
        (dash if run.input_size is None else QCoreApplication.translate("RunsPanel", "{} px").format(run.input_size), ""),
        (epochs, ""),
        (best, ""),
        (duration_text(run.training_time) if run.training_time else dash, ""),
        (size_text(run.size) if run.size else dash, ""),
        (printable(run.device or dash, 40), ""),
        (state_text(run.state, run.last_write, now), _tip(run.problem) if run.problem else ""),
    ]


def _sort_key(run: RunSummary, column: int) -> Any:
    """What a column sorts by: the number behind the text where it shows one; one type per column."""
    if column == NAME:
        return run.name.lower()
    if column == DATASET:
        return _dataset(run) or ""
    if column == DEVICE:
        return run.device or ""
    if column == STATE:
        return run.state
    value = {STARTED: run.started, INPUT: run.input_size, EPOCHS: run.epochs_done, BEST: run.best_val_accuracy,
             TIME: run.training_time, SIZE: run.size}[column]
    return -1.0 if value is None else float(value)


def size_text(size: int) -> str:
    """'143 MiB', '2.5 MiB', '812 KiB': how much disk a run folder takes."""
    if size >= 10 * 2**20:
        return QCoreApplication.translate("RunsPanel", "{:,.0f} MiB").format(size / 2**20)
    if size >= 2**20:
        return QCoreApplication.translate("RunsPanel", "{:.1f} MiB").format(size / 2**20)
    return QCoreApplication.translate("RunsPanel", "{:,.0f} KiB").format(max(1.0, size / 2**10))


def _dataset(run: RunSummary) -> str | None:
    data_dir = run.settings.get("data_dir")
    if run.dataset == "folder" and isinstance(data_dir, str) and data_dir:
        return QCoreApplication.translate("RunsPanel", "folder: {}").format(Path(data_dir).name)
    return run.dataset


def _tip(text: str) -> str:
    """A tooltip that shows outside text as it is, line by line."""
    return plain_tooltip("\n".join(printable(line, 300) for line in text.splitlines()[:40]))
