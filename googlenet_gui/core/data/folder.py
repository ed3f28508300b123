"""An ordinary folder dataset on disk: its layout, for training and for the dataset editor (the
one place that says which folders are classes and which files are images), and editing it.

Layout: <root>/<class>/... (sub-folders too), or <root>/train/<class>/ with <root>/val/<class>/
(or valid/, validation/, test/). Hidden folders are not classes.

Edits never change or delete an image: imports copy (under a new name where the name is taken),
and removing an image or a class moves it into <root>/.removed/, which training ignores.
Every method does blocking file work: the window calls them on a pool thread.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..common.text import NAME_LIMIT, display_name, printable
from ..common.messages import QT_TRANSLATE_NOOP, Message, message_of
from ..common.work import Progress, Ticker, map_until_cancelled
from .facts import CHECK_SIDE, inspect_decoded, inspect_file

# What training reads as images: torchvision's ImageFolder extensions, and GIF.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp", ".gif")
VAL_FOLDER_NAMES = ("val", "valid", "validation", "test")
REMOVED_FOLDER = ".removed"
# A readable image whose name training would not list gets the extension of its format.
FORMAT_SUFFIXES = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "GIF": ".gif", "BMP": ".bmp", "TIFF": ".tif",
                   "WEBP": ".webp", "PPM": ".ppm"}
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_COPY_CHUNK = 1 << 20



class DatasetError(ValueError):
    """A dataset edit that cannot be done, with a one-line message for the user."""


NO_CLASS = QT_TRANSLATE_NOOP("Core", "there is no class '{name}'")
CANNOT_MAKE_CLASS = QT_TRANSLATE_NOOP("Core", "cannot make the class folder '{name}' ({reason})")


class ClassNameError(DatasetError):
    """A class name that cannot be a folder of the dataset. `code` says why, so the window can
    say it in the user's language: empty, separator, hidden, reserved, control, ends, long, taken."""

    def __init__(self, code: str, name: str, message: str):
        super().__init__(message)
        self.code, self.name = code, name


# ---------------------------------------------------------------- layout


def split_roots(root: Path) -> tuple[Path, Path | None]:
    """Where the classes are: (training root, validation root or None). train/ with val/ (or
    valid/, validation/, test/) are splits; anything else is one folder of classes."""
    root = Path(root)
    val_root = next((root / n for n in VAL_FOLDER_NAMES if (root / n).is_dir()), None)
    if val_root is not None and (root / "train").is_dir():
        return root / "train", val_root
    return root, None


def class_folders(folder: Path) -> list[Path]:
    """The class folders of a split root, by name; hidden folders are not classes."""
    return sorted((p for p in Path(folder).iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)


def is_image_name(name: str) -> bool:
    return name.lower().endswith(IMAGE_SUFFIXES)


def image_files(folder: Path) -> list[Path]:
    """The image files training reads from one class folder, sub-folders included, in a fixed order."""
    found = []
    for dirpath, dirnames, files in os.walk(folder, followlinks=False):
        dirnames.sort()
        found.extend(Path(dirpath) / f for f in sorted(files) if is_image_name(f))
    return found


@dataclass
class ClassListing:
    name: str
    files: list[str]  # the training side (every image, without a validation folder)
    val_files: list[str] = field(default_factory=list)  # <root>/val/<class>/, with one

    @property
    def all_files(self) -> list[str]:
        return self.files + self.val_files


@dataclass
class Listing:
    """What is in a dataset folder now: plain values, safe to hand to the window."""

    root: str
    split: bool  # train/ and val/ folders
    classes: list[ClassListing]

    def class_names(self) -> list[str]:
        return [c.name for c in self.classes]

    def total(self) -> int:
        return sum(len(c.all_files) for c in self.classes)

    def class_of(self) -> dict[str, str]:
        """Each file's class."""
        return {f: c.name for c in self.classes for f in c.all_files}


# ---------------------------------------------------------------- class names


def check_class_name(name: str, existing: Iterable[str], renaming: str | None = None) -> str:
    """The name as it will be stored (surrounding spaces removed, Unicode NFC), or ClassNameError.

    A class is a folder name, so it must be one plain name that every system can store and the
    training loader reads as a class (not a hidden folder, not a split folder's name)."""
    name = unicodedata.normalize("NFC", str(name).strip())
    shown = printable(name, 60)
    if not name:
        raise ClassNameError("empty", name, "a class needs a name")
    if any(c in name for c in "/\\\0"):
        raise ClassNameError("separator", name, f"'{shown}': a class name cannot contain / or \\")
    if name.startswith("."):
        raise ClassNameError("hidden", name, f"'{shown}': a class name cannot start with a dot (hidden folders are not read)")
    if name.lower() in ("train", *VAL_FOLDER_NAMES) or name.lower() in _WINDOWS_RESERVED:
        raise ClassNameError("reserved", name, f"'{shown}' is a reserved folder name; choose another")
    if not name.isprintable():
        raise ClassNameError("control", name, f"'{shown}': a class name cannot contain control characters")
    if name.endswith((".", " ")):
        raise ClassNameError("ends", name, f"'{shown}': a class name cannot end with a dot or a space")
    if len(name) > NAME_LIMIT or len(name.encode("utf-8", "surrogateescape")) > 240:
        raise ClassNameError("long", name, f"a class name can have at most {NAME_LIMIT} characters")
    # file systems on macOS and Windows ignore case: "Cat" and "cat" would be one folder there
    taken = {e.casefold() for e in existing if e != renaming}
    if name.casefold() in taken:
        raise ClassNameError("taken", name, f"there is already a class '{shown}'")
    return name


# ---------------------------------------------------------------- the dataset


@dataclass
class ImportReport:
    class_name: str
    added: list  # dataset_check.FileFacts of each copy made, so a check need not read them again
    skipped: list[tuple[str, str]]  # (file, why) for every file not imported
    cancelled: bool = False
    total: int = 0  # files looked at


class DatasetFolder:
    """One dataset folder. Methods change the disk and are meant for a pool thread."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    @classmethod
    def create(cls, root: str | os.PathLike) -> "DatasetFolder":
        """A new, empty dataset folder (an existing empty folder may be used)."""
        root = Path(root)
        if root.exists():
            if not root.is_dir():
                raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: a file of that name exists"), folder=display_name(root)))
            if any(not p.name.startswith(".") for p in root.iterdir()):
                raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "{folder} is not empty: choose a new folder, or edit it as a dataset"),
                                           folder=display_name(root)))
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: cannot create the folder ({reason})"),
                                       folder=display_name(root), reason=_reason(exc))) from None
        return cls(root)

    @classmethod
    def open(cls, root: str | os.PathLike) -> "DatasetFolder":
        root = Path(root)
        if not root.is_dir():
            raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: folder not found"), folder=display_name(root)))
        return cls(root)

    # ------------------------------------------------------------ reading

    def listing(self) -> Listing:
        train_root, val_root = split_roots(self.root)
        try:
            names = [p.name for p in class_folders(train_root)]
            if val_root is not None:
                names = sorted(set(names) | {p.name for p in class_folders(val_root)})
            classes = []
            for name in names:
                files = [str(p) for p in image_files(train_root / name)] if (train_root / name).is_dir() else []
                val = [str(p) for p in image_files(val_root / name)] if val_root and (val_root / name).is_dir() else []
                classes.append(ClassListing(name, files, val))
        except OSError as exc:
            raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: cannot be read ({reason})"), folder=display_name(self.root),
                                       reason=_reason(exc))) from None
        return Listing(str(self.root), val_root is not None, classes)

    def _split_roots(self) -> list[Path]:
        train_root, val_root = split_roots(self.root)
        return [train_root] + ([val_root] if val_root is not None else [])

    def _class_names(self) -> list[str]:
        return self.listing().class_names()

    def class_folder(self, name: str) -> Path:
        """Where images added to a class go (its training folder)."""
        folder = split_roots(self.root)[0] / name
        if name not in self._class_names():
            raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "there is no class '{name}' in {folder}"), name=printable(name, 60),
                                       folder=display_name(self.root)))
        self._inside(folder)
        try:
            folder.mkdir(exist_ok=True)  # a class with validation images only gets its training folder
        except OSError as exc:
            raise DatasetError(Message(CANNOT_MAKE_CLASS, name=printable(name, 60), reason=_reason(exc))) from None
        self._inside(folder)
        return folder

    def _inside(self, path: Path) -> None:
        """Refuse to write to or move into `path` unless it lies inside the dataset folder once every
        link is followed (a class folder or .removed linked elsewhere would write outside it). What
        does not exist yet is judged by the nearest folder above it that does."""
        existing = Path(path)
        while not os.path.lexists(existing) and existing != existing.parent:
            existing = existing.parent
        root = os.path.realpath(self.root)
        real = os.path.realpath(existing)
        if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
            raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "{file} leads outside the dataset folder (through a link); "
                                                                 "nothing was changed"), file=display_name(path)))

    # ------------------------------------------------------------ classes

    def add_class(self, name: str) -> str:
        name = check_class_name(name, self._class_names())
        for split in self._split_roots():
            self._inside(split / name)
        try:
            for split in self._split_roots():
                (split / name).mkdir(parents=True)
        except OSError as exc:
            raise DatasetError(Message(CANNOT_MAKE_CLASS, name=printable(name, 60), reason=_reason(exc))) from None
        return name

    def rename_class(self, old: str, new: str) -> str:
        names = self._class_names()
        if old not in names:
            raise DatasetError(Message(NO_CLASS, name=printable(old, 60)))
        new = check_class_name(new, names, renaming=old)
        if new == old:
            return new
        for split in self._split_roots():
            self._inside(split)  # the class folders' own entries are renamed, never what a link leads to
        try:
            for split in self._split_roots():
                if (split / old).is_dir():
                    os.rename(split / old, split / new)
        except OSError as exc:
            raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "cannot rename '{name}' ({reason})"), name=printable(old, 60),
                                       reason=_reason(exc))) from None
        return new

    def remove_class(self, name: str) -> None:
        """Move the class's folders (and their images) into .removed/."""
        if name not in self._class_names():
            raise DatasetError(Message(NO_CLASS, name=printable(name, 60)))
        for split in self._split_roots():
            if (split / name).is_dir():
                self._set_aside(split / name)

    # ------------------------------------------------------------ images

    def remove_files(self, paths: Iterable[str]) -> list[str]:
        """Move images out of the dataset into .removed/; returns the ones moved. Only files in
        this dataset's class folders are touched."""
        inside = self._class_files()
        moved = []
        for path in paths:
            if not os.path.lexists(path):
                continue  # gone already (removed twice, or by hand)
            if os.path.abspath(path) not in inside:
                raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "{file} is not an image of this dataset"), file=display_name(path)))
            self._set_aside(Path(path))
            moved.append(path)
        return moved

    def _class_files(self) -> set[str]:
        return {os.path.abspath(f) for c in self.listing().classes for f in c.all_files}

    def _set_aside(self, path: Path) -> Path:
        """Move `path` (the entry itself: a link is moved, not what it leads to) into .removed/."""
        relative = path.relative_to(self.root)
        target = _free_name(self.root / REMOVED_FOLDER / relative)
        self._inside(path.parent)
        self._inside(target.parent)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._inside(target.parent)
            os.rename(path, target)
        except OSError as exc:
            raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "cannot remove {file} ({reason})"), file=display_name(path),
                                       reason=_reason(exc))) from None
        return target

    def import_files(self, class_name: str, sources: Iterable[str | os.PathLike], progress: Progress | None = None,
                     cancel: threading.Event | None = None, workers: int | None = None) -> ImportReport:
        """Copy the image files among `sources` (files, and folders searched to the bottom) into
        a class. Only files the app can decode are copied (each is decoded at a reduced scale,
        never whole); the report says what was skipped and why. Cancel keeps the copies made."""
        from .images import ImageLoadError, read_image

        target = self.class_folder(class_name)
        report = ImportReport(class_name, [], [])
        files = collect_files(sources, self.root, report.skipped, progress, cancel)
        report.total = len(files) + len(report.skipped)
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            return report

        def one(source: Path) -> tuple[object | None, str | None]:
            try:
                decoded = read_image(source, target_size=CHECK_SIDE)
            except ImageLoadError as exc:
                return None, message_of(exc)
            name = _target_name(source.name, decoded.format)
            if name is None:
                return None, (Message(QT_TRANSLATE_NOOP("Core", "{file}: {format} images are not read by training"),
                                      file=display_name(source), format=decoded.format) if decoded.format else
                              Message(QT_TRANSLATE_NOOP("Core", "{file}: this image format is not read by training"),
                                      file=display_name(source)))
            try:
                copy, digest = _copy_new(source, target / name)
            except OSError as exc:
                return None, Message(QT_TRANSLATE_NOOP("Core", "{file}: cannot copy ({reason})"), file=display_name(source),
                                     reason=_reason(exc))
            try:
                return inspect_decoded(copy, decoded, digest), None
            except ImageLoadError as exc:  # its pixels cannot be made 8-bit: training could not read it either
                copy.unlink(missing_ok=True)
                return None, message_of(exc)

        ticker = Ticker(progress, len(files), f"copying into {class_name}")
        for source, (facts, why) in map_until_cancelled(one, files, cancel, workers):
            if facts is not None:
                report.added.append(facts)
            else:
                report.skipped.append((str(source), why))
            ticker.tick()
        report.cancelled = cancel is not None and cancel.is_set()
        return report

    def save_image(self, class_name: str, image: object, stem: str = "pasted") -> object:
        """Save image data (pasted, not a file) as a new PNG in a class; returns its FileFacts."""

        target = _free_name(self.class_folder(class_name) / f"{stem}.png")
        handle, part_name = tempfile.mkstemp(prefix=".paste-", suffix=".part", dir=target.parent)
        part = Path(part_name)
        try:
            with os.fdopen(handle, "wb") as f:
                image.save(f, "PNG")
            target = _link_new(part, target)
        except OSError as exc:
            raise DatasetError(Message(QT_TRANSLATE_NOOP("Core", "cannot save the image ({reason})"), reason=_reason(exc))) from None
        finally:
            part.unlink(missing_ok=True)
        return inspect_file(str(target))


# ---------------------------------------------------------------- helpers

def collect_files(sources: Iterable[str | os.PathLike], dataset_root: Path, skipped: list[tuple[str, str]],
                  progress: Progress | None = None, cancel: threading.Event | None = None) -> list[Path]:
    """The files to import: given files as they are, folders searched to the bottom (hidden
    files and folders left out), each file once, none from the dataset itself."""
    root = os.path.realpath(dataset_root)
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    said = 0.0

    def add(path: Path) -> None:
        try:
            st = path.stat()
        except OSError as exc:
            skipped.append((str(path), f"{display_name(path)}: {_reason(exc)}"))
            return
        if (st.st_dev, st.st_ino) in seen:
            return
        seen.add((st.st_dev, st.st_ino))
        real = os.path.realpath(path)
        if real == root or real.startswith(root + os.sep):
            skipped.append((str(path), Message(QT_TRANSLATE_NOOP("Core", "{file}: already in this dataset"), file=display_name(path))))
            return
        found.append(path)

    for source in sources:
        source = Path(source)
        if source.is_dir():  # links inside it are not followed (no loops, nothing outside it)
            for dirpath, dirnames, files in os.walk(source, followlinks=False):
                if cancel is not None and cancel.is_set():
                    return found
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        add(Path(dirpath) / f)
                if progress and time.monotonic() - said > 0.1:
                    said = time.monotonic()
                    progress(0, 0, f"looking for images: {len(found):,} files")
        else:
            add(source)
    return found


def _target_name(name: str, fmt: str) -> str | None:
    """The name a copy gets: its own where training lists it, else with its format's extension."""
    if is_image_name(name):
        return name
    suffix = FORMAT_SUFFIXES.get(fmt)
    return None if suffix is None else f"{name}{suffix}"


def _free_name(path: Path) -> Path:
    """`path`, or name-2.ext, name-3.ext, ... : the first that does not exist (the name shortened
    where the number would make it longer than a file name can be)."""
    if not os.path.lexists(path):
        return path
    stem, suffix = _split_suffix(path.name)
    n = 2
    while os.path.lexists(path.with_name(_numbered(stem, n, suffix))):
        n += 1
    return path.with_name(_numbered(stem, n, suffix))


def _numbered(stem: str, n: int, suffix: str) -> str:
    """stem-n.suffix in at most 255 bytes: a stem too long is cut, a character at a time."""
    tail = f"-{n}{suffix}"
    while len(stem) > 1 and len(os.fsencode(stem + tail)) > 255:
        stem = stem[:-1]
    return stem + tail


def _split_suffix(name: str) -> tuple[str, str]:
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if dot > 0 else (name, "")


def _copy_new(source: Path, target: Path) -> tuple[Path, str]:
    """Copy to a new file named `target` or the first free name after it, never over an existing
    file, hashing the bytes on the way; a copy is whole or absent. Returns (copy, SHA-256)."""
    import hashlib

    # A name of its own for each copy, made atomically: imports run on several threads, and two
    # files of one name copied at once must not race for the same temporary file. A short one: the
    # copy's own name may already be as long as a file name can be (255 bytes).
    handle, part_name = tempfile.mkstemp(prefix=".import-", suffix=".part", dir=target.parent)
    part = Path(part_name)
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as src, os.fdopen(handle, "wb") as dst:
            while chunk := src.read(_COPY_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
        try:
            shutil.copystat(source, part)  # keep the file's dates: it is a copy, not a new image
        except OSError:
            pass
        return _link_new(part, target), digest.hexdigest()
    finally:
        part.unlink(missing_ok=True)


def _link_new(part: Path, target: Path) -> Path:
    """Give `part` the name `target` (or the first free one after it) without replacing a file
    that appears meanwhile (a hard link fails where the name exists); `part` stays to be removed."""
    while True:
        name = _free_name(target)  # from the wanted name each time: another thread may have taken this one
        try:
            os.link(part, name)
            return name
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: a rename, the name checked just before
            if os.path.lexists(name):
                continue
            os.rename(part, name)
            return name


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)
