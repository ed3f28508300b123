"""File > New Dataset and Edit Dataset: the dataset editor's work. The folder on disk is the
dataset: every edit is made there at once (core.data.folder), on the pool, one at a time in
the order asked; after each, the folder is listed again and checked (core.data.check).

Work runs as tasks, one at a time: imports and edits in the order asked, then a check of what
is on disk. An edit asked while a check runs stops the check (what it read is kept) and the
check runs again after it. The facts read by imports and checks are kept here, so a check
after an import reads only files it has not seen. Thumbnails are made on the pool too, a few
at a time, for the rows on screen.

One piece: the editor's tasks share one queue, one folder and the facts read so far.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QStatusBar, QWidget

from .classify import image_filter
from ...core.common.messages import QT_TRANSLATE_NOOP, Message, message_of
from ...core.common.text import display_name, printable
from ..jobs import JobSlot
from ..panels.dataset_editor_panel import FILES_SHOWN, THUMBNAIL, ClassRow, DatasetEditorPanel, FindingRow
from ..qimages import array_to_qimage
from ..urls import local_paths
from ..words import failure, say

IMPORT, EDIT, CHECK = "import", "edit", "check"
THUMBNAIL_BATCH = 16  # thumbnails made by one pool job
THUMBNAILS_QUEUED = 256  # the newest rows shown; older requests scrolled away


@dataclass
class _Task:
    kind: str  # IMPORT, EDIT or CHECK
    work: Callable[[Any, Callable, threading.Event, "_Task"], tuple[Any, Any]]  # (dataset, report, cancel, task)
    done: Callable[[Any], None]  # the work's value, on the GUI thread
    class_name: str = ""
    known: dict = field(default_factory=dict)  # CHECK: the facts read before


class DatasetEditorController(QObject):
    train_requested = Signal(str)  # the dataset folder

    def __init__(self, panel: DatasetEditorPanel, status: QStatusBar, config: Callable[[], Any],
                 dialog_parent: QWidget, parent: QObject | None = None):
        """`config()` gives the training settings (input size, validation share) the check judges by."""
        super().__init__(parent)
        self.panel, self.status, self.config, self.dialog_parent = panel, status, config, dialog_parent
        self.dataset: Any = None  # core DatasetFolder
        self.listing: Any = None  # core Listing, as last read
        self.facts: dict = {}  # path -> core FileFacts
        self.findings: list = []  # core Findings of the last complete check
        self._check_shown: tuple[Any, Any] | None = None  # the check report shown and the listing it judged, to word again
        # the dataset's work, one job of each kind at a time; stop() drops the outcomes of all three
        self.open_job, self.task_job, self.thumbnail_job = JobSlot(), JobSlot(), JobSlot()
        self._queue: list[_Task] = []
        self._running: _Task | None = None
        self._check_due = False
        self._checked_with: tuple[int, float] | None = None  # the settings of the last check asked
        self._thumbnail_queue: list[str] = []

        panel.add_class_requested.connect(self.add_class)
        panel.rename_class_requested.connect(self.rename_class)
        panel.remove_class_requested.connect(self.ask_remove_class)
        panel.dropped.connect(self.drop)
        panel.open_files_requested.connect(self.open_files_dialog)
        panel.open_folder_requested.connect(self.open_folder_dialog)
        panel.paste_requested.connect(self.paste)
        panel.remove_images_requested.connect(self.remove_images)
        panel.fix_requested.connect(self.fix)
        panel.check_requested.connect(self.check)
        panel.cancel_requested.connect(self.cancel)
        panel.train_requested.connect(self._train)
        panel.thumbnails_wanted.connect(self._want_thumbnails)
        panel.closed.connect(self._closed)

    @property
    def busy(self) -> bool:
        return self._running is not None or bool(self._queue)

    def retranslate(self) -> None:
        """The check's findings in the language installed now (the window calls it on a switch; the
        editor words the rest again itself)."""
        self._show_check(keep_place=True)

    # ------------------------------------------------------------ opening

    @Slot()
    def new_dialog(self) -> None:
        start = QSettings().value("paths/datasets", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(self.dialog_parent, self.tr("New dataset: name its folder"),
                                              str(Path(start) / self.tr("my-dataset")), "",
                                              options=QFileDialog.DontConfirmOverwrite)
        if path:
            QSettings().setValue("paths/datasets", str(Path(path).parent))
            self.open(path, create=True)

    @Slot()
    def edit_dialog(self) -> None:
        start = QSettings().value("paths/datasets", str(Path.home()))
        path = QFileDialog.getExistingDirectory(self.dialog_parent, self.tr("Edit dataset: choose its folder"), start)
        if path:
            QSettings().setValue("paths/datasets", str(Path(path).parent))
            self.open(path, create=False)

    def open(self, path: str, create: bool = False) -> None:
        """Make (`create`) or open a dataset folder on the pool, then show it in the editor."""
        self.stop()

        def work(report: Callable, cancel: threading.Event) -> tuple[Any, Any]:
            from ...core.data.folder import DatasetFolder

            dataset = DatasetFolder.create(path) if create else DatasetFolder.open(path)
            return dataset, dataset.listing()

        self.open_job.start(work, on_result=lambda value: self._opened(*value),
                            on_error=lambda message: self._open_failed(path, message))

    def _opened(self, dataset: Any, listing: Any) -> None:
        self.dataset, self.facts, self.findings = dataset, {}, []
        self._check_shown = None
        self.panel.set_dataset(str(dataset.root))
        self.panel.show_findings("", [])
        self._show_listing(listing)
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()
        if listing.total():
            self.check()

    def _open_failed(self, path: str, message: str) -> None:
        said = failure(message, lambda m: self.tr("Cannot open the dataset {0}: {1}").format(display_name(path), m))
        self.status.showMessage(say(said), 10_000)
        if self.panel.isVisible():
            self.panel.show_message(said, error=True)

    def stop(self) -> None:
        """Forget the dataset's work: the task under way is cancelled (what it did stays done), the
        queued ones are dropped, and results still on their way are ignored."""
        for job in (self.open_job, self.task_job, self.thumbnail_job):
            job.cancel()
        self._queue.clear()
        self._running, self._check_due = None, False
        self._thumbnail_queue.clear()
        self.panel.set_busy(False)
        self.panel.set_progress(None)

    def _closed(self) -> None:
        if self.busy:
            self.status.showMessage(self.tr("Dataset editor closed: the work under way was cancelled "
                                       "(images already added stay)"), 8000)
        self.stop()

    # ------------------------------------------------------------ classes

    @Slot(str)
    def add_class(self, name: str) -> None:
        self._edit(lambda dataset: dataset.add_class(name), self._class_added)

    def _class_added(self, name: str) -> None:
        self.panel.select_class(name)
        self.panel.show_message(lambda: self.tr("Added the class “{0}”: drop images on it").format(printable(name, 60)))

    @Slot(str, str)
    def rename_class(self, old: str, new: str) -> None:
        self._edit(lambda dataset: dataset.rename_class(old, new), lambda name: self.panel.select_class(name))

    @Slot(str)
    def ask_remove_class(self, name: str) -> None:
        count = self._class_size(name)
        if self._ask(self.tr("Remove class"),
                     self.tr("Remove the class “{0}” and its %n image(s)?\nThey are moved to the dataset's .removed "
                             "folder, not deleted.", "", count).format(printable(name, 60))):
            self.remove_class(name)

    def remove_class(self, name: str) -> None:
        self._edit(lambda dataset: dataset.remove_class(name),
                   lambda _: self.panel.show_message(lambda: self.tr("Removed the class “{0}” (kept in .removed)")
                                                     .format(printable(name, 60))))

    def _ask(self, title: str, text: str) -> bool:
        """Yes or No, with `text` shown as plain text (it holds class names)."""
        box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, self.panel)
        box.setTextFormat(Qt.PlainText)
        box.setDefaultButton(QMessageBox.No)
        return box.exec() == QMessageBox.Yes

    def _class_size(self, name: str) -> int:
        for c in self.listing.classes if self.listing else []:
            if c.name == name:
                return len(c.all_files)
        return 0

    # ------------------------------------------------------------ images in

    @Slot(str, list, object)
    def drop(self, class_name: str, urls: list, image: QImage | None) -> None:
        """Files or folders (URLs) dropped on a class, or image data (a picture from a web page)."""
        paths, refused = local_paths(urls)
        if refused:
            self.panel.show_message(lambda: self.tr("Refused: {0}").format("; ".join(say(r) for r in refused[:3])),
                                    error=True)
        if paths:
            self.import_paths(class_name, paths)
        elif image is not None and not image.isNull():
            self.add_image(class_name, image, "dropped")

    def import_paths(self, class_name: str, paths: list[str]) -> None:
        """Copy image files (and the images in folders) into a class, after the work queued before."""
        def work(dataset: Any, report: Callable, cancel: threading.Event, task: _Task) -> tuple[Any, Any]:
            result = dataset.import_files(class_name, paths, progress=report, cancel=cancel)
            return result, dataset.listing()

        self._enqueue(_Task(IMPORT, work, self._imported, class_name))

    def _imported(self, report: Any) -> None:
        for facts in report.added:
            self.facts[facts.path] = facts
        name = printable(report.class_name, 60)
        added, cancelled = len(report.added), report.cancelled
        reasons = [why for _, why in report.skipped]

        def text() -> str:
            said = self.tr("Adding to “{0}” was cancelled; %n image(s) were added", "", added).format(name) \
                if cancelled else self.tr("Added %n image(s) to “{0}”", "", added).format(name)
            if reasons:
                said += "; " + self.tr("skipped %n file(s): {0}", "", len(reasons)).format(
                    "; ".join(say(r) for r in reasons[:3]) + ("…" if len(reasons) > 3 else ""))
            return said

        def details() -> str:  # the reasons are the core's Messages: said in the language installed now
            return "\n".join(say(r) for r in reasons[:50]) + ("\n…" if len(reasons) > 50 else "")

        self.panel.show_message(text, error=bool(reasons) and not added, details=details if reasons else "")
        if added:
            self.panel.select_class(report.class_name)

    def add_image(self, class_name: str, image: QImage, stem: str = "pasted") -> None:
        """Image data (pasted or dropped, not a file) saved as a new PNG in the class."""
        image = QImage(image)  # a copy the pool thread owns

        def work(dataset: Any, report: Callable, cancel: threading.Event, task: _Task) -> tuple[Any, Any]:
            from PIL import Image

            from ...core.data.folder import DatasetError
            from ...core.data.images import MAX_PIXELS

            if image.width() * image.height() > MAX_PIXELS:
                raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "the image is too large ({width}x{height} pixels)"),
                                           width=image.width(), height=image.height()))
            rgba = image.convertToFormat(QImage.Format_RGBA8888)
            pixels = bytes(rgba.constBits())[: rgba.sizeInBytes()]
            pil = Image.frombuffer("RGBA", (rgba.width(), rgba.height()), pixels, "raw", "RGBA", rgba.bytesPerLine(), 1)
            return dataset.save_image(class_name, pil, stem), dataset.listing()

        def done(facts: Any) -> None:
            self.facts[facts.path] = facts
            self.panel.show_message(lambda: self.tr("Added {0} to “{1}”").format(display_name(facts.path),
                                                                                printable(class_name, 60)))
            self.panel.select_class(class_name)
            self.panel.select_image(facts.path)

        self._enqueue(_Task(IMPORT, work, done, class_name))

    @Slot(str)
    def paste(self, class_name: str) -> None:
        clipboard = QApplication.clipboard()
        mime = clipboard.mimeData()
        paths, _ = local_paths(mime.urls()) if mime is not None else ([], [])
        if paths:
            self.import_paths(class_name, paths)
        elif mime is not None and mime.hasImage():
            self.add_image(class_name, clipboard.image())
        else:
            self.panel.show_message(lambda: self.tr("The clipboard holds no image"), error=True)

    @Slot(str)
    def open_files_dialog(self, class_name: str) -> None:
        start = QSettings().value("paths/images", str(Path.home()))
        files, _ = QFileDialog.getOpenFileNames(self.panel, self.tr("Add images to “{0}”").format(printable(class_name, 60)),
                                                start, image_filter())
        if files:
            QSettings().setValue("paths/images", str(Path(files[0]).parent))
            self.import_paths(class_name, files)

    @Slot(str)
    def open_folder_dialog(self, class_name: str) -> None:
        start = QSettings().value("paths/images", str(Path.home()))
        folder = QFileDialog.getExistingDirectory(
            self.panel, self.tr("Add a folder of images to “{0}”").format(printable(class_name, 60)), start)
        if folder:
            QSettings().setValue("paths/images", str(Path(folder).parent))
            self.import_paths(class_name, [folder])

    # ------------------------------------------------------------ images out, fixes

    @Slot(list)
    def remove_images(self, paths: list[str]) -> None:
        self._edit(lambda dataset: dataset.remove_files(paths), self._removed)

    @Slot(object)
    def fix(self, finding: Any) -> None:
        """A finding's safe fix: its files leave the dataset (into .removed/)."""
        files = list(finding.fix_files)
        self._edit(lambda dataset: dataset.remove_files(files), self._removed)

    def _removed(self, moved: list[str]) -> None:
        count = len(moved)
        self.panel.show_message(lambda: self.tr("Removed %n image(s) (kept in the dataset's .removed folder)", "", count))

    # ------------------------------------------------------------ the check

    @Slot()
    def check(self) -> None:
        """Check what is on disk now (after the work queued); files read before are not read again."""
        if any(t.kind == CHECK for t in self._queue):
            return
        config = self.config()
        input_size, val_fraction = config.input_size, config.val_fraction
        self._checked_with = (input_size, val_fraction)

        def work(dataset: Any, report: Callable, cancel: threading.Event, task: _Task) -> tuple[Any, Any]:
            from ...core.data.check import check_dataset

            listing = dataset.listing()
            return check_dataset(listing, input_size, val_fraction, task.known, report, cancel), listing

        self._check_due = False
        self._enqueue(_Task(CHECK, work, self._checked))

    def _checked(self, report: Any) -> None:
        if not report.complete:
            self.facts.update(report.facts)  # what was read is not read again
            if not self._check_due:  # not stopped for an edit: stopped by the user
                self._check_shown = (report, self.listing)
                self._show_check()
            return
        self.facts = report.facts
        self.findings = report.findings
        self._check_shown = (report, self.listing)
        self._show_check()

    def _show_check(self, keep_place: bool = False) -> None:
        """The check shown, in words: a cancelled one's summary, or a complete one's findings, worded
        from the report and the listing it judged. `keep_place`: worded again (another language)."""
        if self._check_shown is None:
            return
        report, listing = self._check_shown
        if not report.complete:
            self.panel.show_findings(self.tr("The check was cancelled after %n image(s)", "", len(report.facts))
                                     + " " + self.tr("(Check Again finishes it)"), [], keep_place)
            return
        class_of = listing.class_of() if listing else {}
        rows = [self._row(f, report, class_of, bool(listing and listing.split)) for f in report.findings]
        errors = sum(f.severity == "error" for f in report.findings)
        warnings = len(report.findings) - errors
        if not rows:
            summary = self.tr("%n image(s) checked: no problems found", "", report.files)
        else:
            summary = " ".join((self.tr("%n image(s) checked:", "", report.files), self.tr("%n error(s),", "", errors),
                                self.tr("%n warning(s)", "", warnings)))
        self.panel.show_findings(summary, rows, keep_place)

    def _row(self, finding: Any, report: Any, class_of: dict[str, str], split: bool) -> FindingRow:
        """A finding in words, with its files (the first FILES_SHOWN: its fix covers them all) or classes."""
        from ...core.data import check as dc

        def files(notes: dict[str, str] | None = None, which: list[str] | None = None) -> list:
            which = finding.files if which is None else which
            return [(f"{printable(class_of.get(f, ''), 40)} / {display_name(f)}"
                     + (f": {notes[f]}" if notes and notes.get(f) else ""), f, class_of.get(f))
                    for f in which[:FILES_SHOWN]]

        def classes() -> list:
            return [(f"{printable(name, 60)}: " + self.tr("%n image(s)", "", finding.counts.get(name, 0)), None, name)
                    for name in finding.classes]

        def names() -> str:
            shown = ", ".join(f"“{printable(c, 40)}”" for c in finding.classes[:4])
            return shown + ("…" if len(finding.classes) > 4 else "")

        def row(title: str, advice: str, items: list, fix_label: str = "", total: int | None = None) -> FindingRow:
            return FindingRow(finding.severity, title, advice, items, fix_label, finding,
                              len(items) if total is None else total)

        kind, n, n_classes = finding.kind, len(finding.files), len(finding.classes)
        size, need = report.input_size, max(2, round(1 / max(report.val_fraction, 1e-9)))
        if kind == dc.UNREADABLE:
            reasons = [(f"{printable(class_of.get(f, ''), 40)}: {say(finding.details[f])}", f, class_of.get(f))
                       for f in finding.files[:FILES_SHOWN]]
            return row(self.tr("%n file(s) cannot be read", "", n),
                       self.tr("Training leaves them out. Skip them to take them out of the dataset (they are moved "
                               "to .removed), or replace them with good copies."),
                       reasons, self.tr("Skip These Files"), n)
        if kind == dc.DUPLICATES_WITHIN:
            extra = len(finding.fix_files)
            copy_of = self.tr("a copy of {0}")
            notes = {f: copy_of.format(finding.details[f]) for f in finding.fix_files[:FILES_SHOWN]}
            return row(self.tr("Extra copies of images in their own class: %n", "", extra),
                       self.tr("A copy trains the same picture twice, and a copy held out for validation makes "
                               "validation look better than it is. Keep one copy of each."),
                       files(notes, finding.fix_files), self.tr("Keep One Copy of Each"), extra)
        if kind == dc.DUPLICATE_ACROSS:
            return row(self.tr("The same image is in {0}").format(names()),
                       self.tr("One picture with two labels teaches the network nothing and makes validation wrong. "
                               "Remove it from the classes it does not belong to: select those copies below and "
                               "press Remove Selected Files."), files(), total=n)
        if kind == dc.NEAR_DUPLICATES:
            return row(self.tr("%n images that look alike are in {0}", "", n).format(names()),
                       self.tr("They may be one picture resized or saved again, with different labels. Look at them "
                               "(double-click one to show it); if they show the same thing, keep them in one class."),
                       files(), total=n)
        if kind == dc.TOO_FEW_CLASSES:
            return row(self.tr("Training needs at least two classes with images"),
                       self.tr("Add classes and drop images on them."), classes())
        if kind == dc.EMPTY_CLASSES:
            return row(self.tr("%n class(es) without images: {0}", "", n_classes).format(names()),
                       self.tr("Add images to them, or remove them: a class without images is never learnt, yet the "
                               "network can still answer it."), classes())
        if kind == dc.NO_VALIDATION and split:
            return row(self.tr("%n class(es) without validation images: {0}", "", n_classes).format(names()),
                       self.tr("Move some of their images into the dataset's validation folder, so training can tell "
                               "how well it learnt them."), classes())
        if kind == dc.NO_VALIDATION:
            return row(self.tr("%n class(es) too small to hold out a validation image: {0}", "", n_classes)
                       .format(names()),
                       self.tr("A class of one image trains on it and is never validated. Add images: with {0} or "
                               "more, a share of them is held out for validation.").format(need), classes())
        if kind == dc.NO_TRAINING:
            return row(self.tr("%n class(es) with validation images only: {0}", "", n_classes).format(names()),
                       self.tr("Add training images to them (drop them on the class)."), classes())
        if kind == dc.SMALL_CLASSES:
            return row(self.tr("%n class(es) with fewer than {0} images: {1}", "", n_classes).format(need, names()),
                       self.tr("Validation holds out a single image of each, so their validation accuracy jumps in "
                               "big steps. Add more images: a few dozen per class at least."), classes())
        if kind == dc.IMBALANCE:
            largest = max(finding.counts, key=finding.counts.get)
            smallest = min(finding.counts, key=finding.counts.get)
            return row(self.tr("Unbalanced classes: “{0}” has {1} images, “{2}” {3}").format(
                           printable(largest, 40), f"{finding.counts[largest]:,}", printable(smallest, 40),
                           f"{finding.counts[smallest]:,}"),
                       self.tr("The network learns to favour the big classes. Add images to the small ones, or "
                               "remove some from the big ones."), classes())
        if kind == dc.SMALL_IMAGES:
            return row(self.tr("%n image(s) much smaller than the input size ({0} px)", "", n).format(size),
                       self.tr("They are enlarged more than twice to {0}x{0} and look blurred to the network. Use "
                               "bigger images, or a smaller input size in the training settings.").format(size),
                       files(finding.details), total=n)
        if kind == dc.MIXED_COLOUR:
            words = {"grayscale": self.tr("grayscale"), "colour": self.tr("colour")}
            notes = {f: words[finding.details[f]] for f in finding.files[:FILES_SHOWN]}
            return row(self.tr("{0} grayscale and {1} colour images").format(
                           f"{finding.numbers['grayscale']:,}", f"{finding.numbers['colour']:,}"),
                       self.tr("The network trains on colour; a grayscale image is copied into all three channels. "
                               "If some classes are mostly grayscale, the network can learn colour instead of what "
                               "the pictures show: give every class the same kind."), files(notes), total=n)
        return row(kind, "", files(), total=n)

    # ------------------------------------------------------------ training

    def _train(self) -> None:
        if self.dataset is None:
            return
        errors = [f for f in self.findings if f.severity == "error"]
        if errors and not self._ask(self.tr("Train on this dataset"),
                                    self.tr("The check found %n problem(s) that make training fail or mislead (see "
                                            "Check). Train anyway?", "", len(errors))):
            return
        self.train_requested.emit(str(self.dataset.root))

    @Slot()
    def settings_changed(self) -> None:
        """The training settings changed: a check judged by another input size is checked again
        (the files are not read again)."""
        config = self.config()
        if self.dataset is not None and self.panel.isVisible() and self._checked_with not in (
                None, (config.input_size, config.val_fraction)):
            self.check()

    # ------------------------------------------------------------ tasks

    def _edit(self, change: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        def work(dataset: Any, report: Callable, cancel: threading.Event, task: _Task) -> tuple[Any, Any]:
            return change(dataset), dataset.listing()

        self._enqueue(_Task(EDIT, work, done))

    def _enqueue(self, task: _Task) -> None:
        if self.dataset is None:
            return
        if task.kind != CHECK and self._running is not None and self._running.kind == CHECK:
            self.task_job.cancel(drop=False)  # the edit goes first; the check runs again after it
            self._check_due = True
        self._queue.append(task)
        self._run_next()

    def _run_next(self) -> None:
        if self._running is not None:
            return
        if not self._queue:
            if self._check_due:
                self.check()
            return
        task = self._queue.pop(0)
        if task.kind == CHECK:
            task.known = dict(self.facts)
        self._running = task
        dataset = self.dataset

        def work(report: Callable, cancel: threading.Event) -> tuple[Any, Any]:
            from ...core.data.folder import DatasetError

            try:
                return task.work(dataset, report, cancel, task)
            except DatasetError as exc:  # the edit is refused; the folder is listed all the same
                return exc, dataset.listing()

        self.panel.set_busy(task.kind != CHECK)
        self._show_progress(task, 0, 0)
        self.task_job.start(work, on_result=lambda value: self._task_done(task, *value), on_error=self._task_failed,
                            on_progress=lambda done, total, message: self._show_progress(task, done, total))

    def _task_done(self, task: _Task, value: Any, listing: Any) -> None:
        from ...core.data.folder import ClassNameError, DatasetError

        self._running = None
        self._show_listing(listing)
        if isinstance(value, ClassNameError):
            self.panel.show_message(lambda: self._name_problem(value), error=True)
        elif isinstance(value, DatasetError):
            self.panel.show_message(message_of(value), error=True)
        else:
            task.done(value)
        if task.kind != CHECK:
            self._check_due = True
        self._idle_or_next()

    def _task_failed(self, message: str) -> None:
        self._running = None
        self.panel.show_message(failure(message, lambda m: self.tr("The dataset's work failed: {0}").format(m)), error=True)
        self._idle_or_next()

    def _idle_or_next(self) -> None:
        self._run_next()
        if self._running is None:
            self.panel.set_busy(False)
            self.panel.set_progress(None)

    def _show_progress(self, task: _Task, done: int, total: int) -> None:
        queued = sum(t.kind == IMPORT for t in self._queue)

        def text() -> str:
            if task.kind == IMPORT:
                said = (self.tr("Adding images to “{0}”: {1} of {2}").format(printable(task.class_name, 40),
                                                                            f"{done:,}", f"{total:,}")
                        if total else self.tr("Looking for images to add to “{0}”…").format(printable(task.class_name, 40)))
            elif task.kind == CHECK:
                said = self.tr("Checking images: {0} of {1}").format(f"{done:,}", f"{total:,}") if total \
                    else self.tr("Checking…")
            else:
                said = self.tr("Saving the change…")
            return said + (" " + self.tr("(%n more queued)", "", queued) if queued else "")

        self.panel.set_progress(text, done, total)

    @Slot()
    def cancel(self) -> None:
        """Stop the work under way and drop what is queued (what is done stays done)."""
        self.task_job.cancel(drop=False)
        self._queue.clear()
        self._check_due = False

    def _show_listing(self, listing: Any) -> None:
        self.listing = listing
        rows = [ClassRow(c.name, c.all_files, len(c.val_files)) for c in listing.classes]
        self.panel.show_classes(rows)
        with_images = sum(1 for c in listing.classes if c.files)
        self.panel.set_trainable(with_images >= 2, "" if with_images >= 2 else
                                 lambda: self.tr("Training needs at least two classes with images"))

    def _name_problem(self, error: Any) -> str:
        name = printable(error.name, 60)
        return {
            "empty": self.tr("A class needs a name"),
            "separator": self.tr("“{0}”: a class name cannot contain / or \\").format(name),
            "hidden": self.tr("“{0}”: a class name cannot start with a dot").format(name),
            "reserved": self.tr("“{0}” is a name the dataset's folders use; choose another").format(name),
            "control": self.tr("“{0}”: a class name cannot contain control characters").format(name),
            "ends": self.tr("“{0}”: a class name cannot end with a dot or a space").format(name),
            "long": self.tr("That class name is too long"),
            "taken": self.tr("There is already a class “{0}”").format(name),
        }.get(error.code, str(error))

    # ------------------------------------------------------------ thumbnails

    def _want_thumbnails(self, paths: list[str]) -> None:
        self._thumbnail_queue.extend(paths)
        dropped = self._thumbnail_queue[:-THUMBNAILS_QUEUED]
        if dropped:
            del self._thumbnail_queue[:-THUMBNAILS_QUEUED]
            self.panel.model.unask(dropped)
        self._next_thumbnails()

    def _next_thumbnails(self) -> None:
        if self.thumbnail_job.running or not self._thumbnail_queue:
            return
        shown = set(self.panel.model.files)
        batch = [p for p in reversed(self._thumbnail_queue[-THUMBNAIL_BATCH:]) if p in shown]  # newest first
        self.panel.model.unask([p for p in self._thumbnail_queue[-THUMBNAIL_BATCH:] if p not in shown])
        del self._thumbnail_queue[-THUMBNAIL_BATCH:]
        if not batch:
            self._next_thumbnails()
            return

        def work(report: Callable, cancel: threading.Event) -> list:
            from ...core.data.images import ImageLoadError, open_image, thumbnail

            made = []
            for path in batch:
                try:
                    made.append((path, array_to_qimage(thumbnail(open_image(path, target_size=THUMBNAIL), THUMBNAIL)), ""))
                except ImageLoadError as exc:
                    made.append((path, None, message_of(exc)))
            return made

        def done(made: list) -> None:
            for path, image, error in made:
                self.panel.set_thumbnail(path, image, error)
            self._next_thumbnails()

        def failed(message: str) -> None:
            self.panel.model.unask(batch)
            self._next_thumbnails()

        self.thumbnail_job.start(work, on_result=done, on_error=failed)
