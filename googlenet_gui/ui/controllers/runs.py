"""The Runs tab: every run folder read on the pool into the runs panel, the ticked runs' curves
overlaid in the plots with the settings they differ in, and renaming, notes and deleting.

A scan reads what each folder's files say (core.runs.index.RunsIndex: metrics.jsonl's first record and
tail, notes.json), never checkpoints, and reads again only the folders that changed; while the tab
is shown it scans every few seconds, so running runs move on. Opening and following a run are
other controllers' jobs: this one asks for them with open_requested and follow_requested.
"""
from __future__ import annotations

import os

import shutil
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QFile, QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QStatusBar, QWidget

from ...core.runs.runlog import RUNNING
from ...core.runs.index import RunNotes, RunsIndex, RunSummary, read_curves, setting_differences, write_notes
from ...core.common.text import display_name
from ..words import failure, say
from ..jobs import run_job
from ..panels.plots_panel import ComparedRun, PlotsPanel
from ..panels.runs_panel import RunsPanel
from ..plain import ask_yes_no

REFRESH_MS = 5000  # while the tab is shown
EXTRA_FOLDERS_KEY = "runs/extra_folders"


class RunsController(QObject):
    open_requested = Signal(object)  # Path: a run's checkpoint, to open as File > Open Checkpoint does
    follow_requested = Signal(object)  # Path: a run folder to follow live
    runs_read = Signal()  # a scan has reached the panel (tests and scripts)

    def __init__(self, panel: RunsPanel, plots: PlotsPanel, status: QStatusBar, runs_dir: Path,
                 dialog_parent: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.plots, self.status, self.runs_dir = panel, plots, status, runs_dir
        self.dialog_parent = dialog_parent
        self.index = RunsIndex()
        self.summaries: dict[str, RunSummary] = {}
        self._reading = False
        self._read_again = False
        self._compared: tuple = ()  # what the plots overlay now: (folder, last write) per ticked run
        self._compare_request = 0
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

        panel.refresh_requested.connect(self.refresh)
        panel.add_folder_requested.connect(self.add_folder_dialog)
        panel.ticked_changed.connect(self.compare)
        panel.open_requested.connect(lambda folder: self.open(Path(folder)))
        panel.follow_requested.connect(lambda folder: self.follow_requested.emit(Path(folder)))
        panel.rename_requested.connect(lambda folder: self.rename_dialog(Path(folder)))
        panel.note_requested.connect(lambda folder: self.note_dialog(Path(folder)))
        panel.delete_requested.connect(lambda folder: self.delete_dialog(Path(folder)))
        panel.visibility_changed.connect(self._visible)

    # ------------------------------------------------------------ reading

    def roots(self) -> list[Path]:
        """The runs folder and the folders the user added (each a run folder or a folder of runs)."""
        return [self.runs_dir, *self.extra_folders()]

    def extra_folders(self) -> list[Path]:
        value = QSettings().value(EXTRA_FOLDERS_KEY, [])
        if isinstance(value, str):  # QSettings gives one string back for a one-item list
            value = [value]
        return [Path(v) for v in value if isinstance(v, str) and v] if isinstance(value, list) else []

    def add_folder(self, folder: Path) -> None:
        folders = [str(f) for f in self.extra_folders()]
        if str(folder) not in folders and folder != self.runs_dir:
            QSettings().setValue(EXTRA_FOLDERS_KEY, [*folders, str(folder)])
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the run folders again on the pool (only those that changed are read)."""
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        if not self.summaries:
            self.panel.set_reading(True)
        roots, index = self.roots(), self.index
        run_job(lambda report: index.scan(roots), on_result=self._show, on_error=self._read_failed)

    def _show(self, runs: list[RunSummary]) -> None:
        self._reading = False
        self.summaries = {str(r.folder): r for r in runs}
        self.panel.set_runs(runs, time.time())  # its ticked_changed brings the comparison up to date
        self.runs_read.emit()
        if self._read_again:
            self._read_again = False
            self.refresh()

    def _read_failed(self, message: str) -> None:
        self._reading = False
        self.status.showMessage(self.tr("Cannot read the runs: {}").format(say(message)), 10_000)

    @Slot(bool)
    def _visible(self, shown: bool) -> None:
        if shown:
            self.refresh()
            self.timer.start()
        else:
            self.timer.stop()

    # ------------------------------------------------------------ comparing

    @Slot(list)
    def compare(self, folders: list[str]) -> None:
        """Overlay the ticked runs' curves and list the settings they differ in; a run's curves are
        read again (on the pool) only when its log has changed."""
        runs = [self.summaries[f] for f in folders if f in self.summaries]
        key = tuple((str(r.folder), r.last_write) for r in runs)
        if key == self._compared:
            return
        self._compared = key
        self._compare_request += 1
        request = self._compare_request
        self.panel.set_differences([r.name for r in runs], setting_differences(runs))

        def work(report: Any) -> list[ComparedRun]:
            compared = []
            for run in runs:
                curves = read_curves(run.folder)
                compared.append(ComparedRun(run.name, curves.steps_per_epoch, curves.steps, curves.losses,
                                            curves.accuracies, curves.epochs))
            return compared

        def show(compared: list[ComparedRun]) -> None:
            if request == self._compare_request:  # a later tick has not replaced this one
                self.plots.show_comparison(compared)

        def failed(message: str) -> None:
            if request == self._compare_request:
                self._compared = ()
                self.status.showMessage(self.tr("Cannot read the ticked runs' curves: {}").format(say(message)), 10_000)

        if runs:
            run_job(work, on_result=show, on_error=failed)
        else:
            self.plots.show_comparison([])

    # ------------------------------------------------------------ one run

    def open(self, folder: Path) -> None:
        """Its curves and checkpoints as File > Open Checkpoint shows them; a run another process is
        writing is followed instead, and one without a checkpoint shows its curves by following."""
        run = self.summaries.get(str(folder))
        if run is not None and run.state == RUNNING:
            self.follow_requested.emit(folder)
        elif run is not None and run.checkpoints:
            self.open_requested.emit(folder / run.checkpoints[0])
        else:
            self.status.showMessage(self.tr("{} has no checkpoint yet: showing its curves").format(display_name(folder)),
                                    8000)
            self.follow_requested.emit(folder)

    def rename_dialog(self, folder: Path) -> None:
        run = self.summaries.get(str(folder))
        current = run.name if run is not None else folder.name
        # the folder's name stays out of the dialog's label, which Qt may read as markup; the field is plain
        name, ok = QInputDialog.getText(self.dialog_parent, self.tr("Rename run"), self.tr("Name shown for this run:"),
                                        text=current)
        if ok:
            self.set_notes(folder, name=name)

    def note_dialog(self, folder: Path) -> None:
        run = self.summaries.get(str(folder))
        note, ok = QInputDialog.getMultiLineText(self.dialog_parent, self.tr("Note"),
                                                 self.tr("A note on this run:"),
                                                 run.note if run is not None else "")
        if ok:
            self.set_notes(folder, note=note)

    def set_notes(self, folder: Path, name: str | None = None, note: str | None = None) -> None:
        """Store a run's name and/or note in its folder (on the pool), then show it."""
        run = self.summaries.get(str(folder))
        own_name = run.name if run is not None and run.name != folder.name else ""
        notes = RunNotes(own_name if name is None else name, (run.note if run else "") if note is None else note)
        run_job(lambda report: write_notes(folder, notes), on_result=lambda _: self.refresh(),
                on_error=lambda message: self.status.showMessage(say(failure(
                    message, lambda m: self.tr("Cannot save the notes of {}: {}").format(display_name(folder), m))), 10_000))

    def delete_dialog(self, folder: Path) -> None:
        run = self.summaries.get(str(folder))
        if run is not None and run.state == RUNNING:
            self.status.showMessage(self.tr("{} is being written by a training: stop it first").format(
                display_name(folder)), 8000)
            return
        if ask_yes_no(self.dialog_parent, self.tr("Delete run"),
                      self.tr("Move the run folder {} to the trash?").format(display_name(folder))):
            self.delete(folder)

    def delete(self, folder: Path) -> None:
        """Move a run folder to the system's trash (on the pool); where there is none, ask before
        deleting it for good."""
        def trash(report: Any) -> bool:
            moved = QFile.moveToTrash(str(folder))  # a static function: fine on a pool thread
            return bool(moved[0] if isinstance(moved, tuple) else moved)  # (ok, path in trash) in some versions

        def done(trashed: bool) -> None:
            if trashed:
                self.status.showMessage(self.tr("Moved {} to the trash").format(display_name(folder)), 8000)
                self.refresh()
                return
            if ask_yes_no(self.dialog_parent, self.tr("Delete run"),
                          self.tr("{} cannot be moved to a trash here. Delete it for good?").format(display_name(folder))):
                self.delete_for_good(folder)

        run_job(trash, on_result=done, on_error=lambda message: self.status.showMessage(
            self.tr("Cannot move {} to the trash: {}").format(display_name(folder), say(message)), 10_000))

    def delete_for_good(self, folder: Path) -> None:
        def remove(report: Any) -> None:
            shutil.rmtree(folder)

        def done(_: Any) -> None:
            self.status.showMessage(self.tr("Deleted {}").format(display_name(folder)), 8000)
            self.refresh()

        run_job(remove, on_result=done, on_error=lambda message: self.status.showMessage(
            self.tr("Cannot delete {}: {}").format(display_name(folder), say(message)), 10_000))

    def add_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.dialog_parent, self.tr("Add a run folder or a folder of runs"),
                                                  str(self.runs_dir))
        if folder:
            self.add_folder(Path(folder))


def default_runs_dir() -> Path:
    env = os.environ.get("GOOGLENET_RUNS_DIR")
    if env:
        return Path(env)
    # The generic data folder, not AppDataLocation: that one is <organisation>/<application>, both
    # "GoogLeNet Studio", which doubled the name in every run's path.
    base = QStandardPaths.writableLocation(QStandardPaths.GenericDataLocation) or str(Path.home() / ".local" / "share")
    return Path(base) / "GoogLeNet Studio" / "runs"
