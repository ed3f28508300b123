"""Files the app writes, and files it finds in folders it lists or follows.

Writing: `atomic_write` is the one way the core replaces a file (a checkpoint, a run's notes, a
rewritten timeline, an export, a download). The bytes go to a temporary file with a name of its
own in the same folder, are flushed to the disk and renamed over the target, so a crash, a full
disk or Ctrl+C at any moment leaves the old file or the new one, never a mix; the temporary file
is removed on any failure. A target that is not a regular file (a named pipe, a device, a socket,
a folder) is refused, never replaced, and so is a target that is one of the writer's own inputs.

Reading: a file found in a run folder may be anything a person or another program put there.
`open_regular` opens it without blocking (a named pipe would wait for a writer forever) and
refuses what is not a regular file; `read_limited` and `bounded_lines` bound what is read.

Plain Python only: the window uses this before PyTorch has loaded.
"""
from __future__ import annotations

import errno
import glob
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .messages import QT_TRANSLATE_NOOP, Message
from .text import display_name

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
# How much of the target's name a temporary file's name keeps: with the process id and a random
# part it stays well under the 255 bytes a file name may have, however long the target's is.
_NAME_KEPT = 100
_SKIP_CHUNK = 1 << 20
NOT_REGULAR = QT_TRANSLATE_NOOP("Core", "{file}: not a regular file")


class FileRefused(OSError):
    """A file the app will not write or read as asked, with a one-line message: not a regular
    file, one of the writer's own inputs, or larger than a file of its kind can be."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.strerror = message  # what callers that report an OSError's strerror say

    def __str__(self) -> str:
        return str(self.args[0])


# ---------------------------------------------------------------- writing


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None], inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """Write a file whole or not at all: `write(file)` writes the bytes to a temporary file in the
    same folder, which is flushed, fsynced and renamed over `path` (and the folder fsynced).

    A writer that can only write to a path (ONNX) writes to `file.name`, the temporary file's path.
    `inputs`: files the writer reads; replacing one of them is refused. Raises FileRefused for a
    target that is not a regular file or is an input, OSError for what the system refused; in
    every failure, Ctrl+C included, the temporary file is gone and the old file is untouched."""
    path = Path(path)
    check_target(path, inputs)
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as f:
            out = _TemporaryFile(f, tmp)
            try:
                write(out)
            except Exception:
                if out.error is None:
                    raise
                raise out.error from None  # the real cause (a full disk), not what the writer made of it
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    _remove_orphans(path)
    return path


def atomic_link(src: str | os.PathLike, dst: str | os.PathLike) -> bool:
    """Make `dst` a second name of the file `src` (a hard link), replacing `dst` in one rename.
    Safe for files only ever replaced whole (atomic_write): a later write of `src` makes a new
    file and `dst` keeps the old bytes. False, with nothing changed, where the file system cannot
    link (another device, FAT, a limit of links): the caller copies instead."""
    dst = Path(dst)
    check_target(dst)
    kept = os.fsdecode(os.fsencode(dst.name)[:_NAME_KEPT])
    while True:
        tmp = dst.with_name(f".{kept}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            os.link(src, tmp)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
                return False
            raise
    try:
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(dst.parent)
    return True


def check_target(path: Path, inputs: Iterable[str | os.PathLike] = ()) -> None:
    """FileRefused when `path` exists and is not a regular file, or is one of `inputs`."""
    try:
        st = os.stat(path)  # follows a link: what a write there would reach
    except FileNotFoundError:
        return
    name = display_name(path)
    if stat.S_ISDIR(st.st_mode):
        raise FileRefused(Message(QT_TRANSLATE_NOOP("Core", "{file}: is a folder; give a file name"), file=name))
    if not stat.S_ISREG(st.st_mode):
        raise FileRefused(Message(QT_TRANSLATE_NOOP("Core", "{file}: not a regular file (a pipe, a device or a socket); "
                                                            "it is not replaced"), file=name))
    for source in inputs:
        try:
            same = os.path.samefile(source, path)
        except OSError:
            continue
        if same:
            raise FileRefused(Message(QT_TRANSLATE_NOOP("Core", "{file}: is the file being read; write to another file"),
                                      file=name))


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temporary(path: Path) -> tuple[int, Path]:
    """A new file beside `path`, made exclusively (0666 less the umask), and its name: the
    process id in it lets a later write recognise what a killed process left behind."""
    kept = os.fsdecode(os.fsencode(path.name)[:_NAME_KEPT])
    while True:
        tmp = path.with_name(f".{kept}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC | _BINARY, 0o666), tmp
        except FileExistsError:
            continue


def _remove_orphans(path: Path) -> None:
    """Delete temporary files of `path` left by writes whose process died (a kill or a power cut
    mid-write); those of live processes, which may still be writing, are left alone."""
    kept = os.fsdecode(os.fsencode(path.name)[:_NAME_KEPT])
    try:
        found = list(path.parent.glob(f".{glob.escape(kept)}.*.tmp"))
    except OSError:
        return
    for tmp in found:
        pid = tmp.name[len(kept) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # exists, owned by someone else (or not a process id at all: left alone)
    return True


class _TemporaryFile:
    """The temporary file as a writer sees it: write() and flush(), and its path as `name`.

    It remembers the OSError a write raised: torch.save swallows a failed write's error (ENOSPC on
    a full disk) and fails later with an unrelated one ("unexpected pos ...")."""

    def __init__(self, f: BinaryIO, path: Path):
        self._f = f
        self.name = str(path)
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            return self._f.write(data)
        except OSError as exc:
            self.error = self.error or exc
            raise

    def flush(self) -> None:
        self._f.flush()


# ---------------------------------------------------------------- reading


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """Open a file found in a folder for reading in binary mode: only a regular file, and without
    blocking. FileRefused for a named pipe, a device, a socket or a folder; OSError when it cannot
    be opened (FileNotFoundError when it is not there)."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused(Message(NOT_REGULAR, file=display_name(path)))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_regular_append(path: str | os.PathLike, read: bool = False) -> BinaryIO:
    """Open (or make) a file in a folder to append to it (and, with `read`, to read it too): only a
    regular file, without blocking (a named pipe with no reader would wait for one)."""
    access = os.O_RDWR if read else os.O_WRONLY
    try:
        fd = os.open(path, access | os.O_APPEND | os.O_CREAT | _NONBLOCK | _CLOEXEC | _BINARY, 0o666)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a named pipe that no one reads: what opening it for writing answers
            raise FileRefused(Message(NOT_REGULAR, file=display_name(path))) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused(Message(NOT_REGULAR, file=display_name(path)))
        return os.fdopen(fd, "a+b" if read else "ab")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """A regular file's bytes, at most `limit` of them: FileRefused for a longer file."""
    with open_regular(path) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(Message(QT_TRANSLATE_NOOP("Core", "{file}: larger than {most:,} bytes, more than a file of its "
                                                            "kind holds"), file=display_name(path), most=limit))
    return data


def bounded_lines(f: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of a file opened in binary mode, each with its newline (the last one may lack
    it: still being written), at most `limit` bytes each, the newline counted: a longer line is
    read through without being kept, and given as None (a damaged line)."""
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        while not line.endswith(b"\n"):  # read the rest of the long line through, a piece at a time
            line = f.readline(_SKIP_CHUNK)
            if not line:
                break
        yield None

