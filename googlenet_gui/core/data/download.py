"""Downloading dataset files: progress, cancel, and never a partial file taken for a whole one.

A download goes to a temporary file (files.atomic_write) renamed into place only after its
length and (when known) MD5 checksum are verified, so an interrupted or cancelled download
leaves nothing that looks complete.
"""
from __future__ import annotations

import hashlib
import http.client
import os
import socket
import ssl
import tarfile
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import BinaryIO, Callable

from ..common.files import FileRefused, atomic_write, open_regular
from ..common.messages import QT_TRANSLATE_NOOP, Message

# progress(bytes_done, bytes_total_or_0, message)
ProgressFn = Callable[[int, int, str], None]
CHUNK = 1 << 16
DOWNLOAD_FAILED = QT_TRANSLATE_NOOP("Core", "{file}: download failed: {reason}")  # `reason`: what the user can act on


class DownloadError(RuntimeError):
    """A download that failed, with a one-line message for the user."""


class Cancelled(Exception):
    """The user cancelled a long operation (download or dataset loading)."""

    def __str__(self) -> str:
        return "cancelled"


def md5sum(path: Path) -> str:
    digest = hashlib.md5()
    with open_regular(path) as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download_file(
    url: str,
    dest: str | os.PathLike,
    md5: str | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 30.0,
) -> Path:
    """Fetch `url` into `dest` atomically (files.atomic_write: only a whole, verified download is
    renamed into place). Returns dest. Raises DownloadError or Cancelled."""
    dest = Path(dest)
    if dest.is_file() and (md5 is None or md5sum(dest) == md5):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    request = urllib.request.Request(url, headers={"User-Agent": "googlenet-studio"})

    def fetch(out: BinaryIO) -> None:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            digest = hashlib.md5()
            while True:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total, Message(QT_TRANSLATE_NOOP("Core", "downloading {file}"), file=dest.name))
        if total and done != total:
            raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: download cut off after {done:,} of {total:,} bytes"),
                                        file=dest.name, done=done, total=total))
        if md5 is not None and digest.hexdigest() != md5:
            raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: checksum mismatch (the file is damaged or not the expected "
                                                                  "one)"), file=dest.name))

    try:
        return atomic_write(dest, fetch)
    except (Cancelled, DownloadError):
        raise
    except FileRefused as exc:
        raise DownloadError(exc.strerror) from None
    except urllib.error.HTTPError as exc:
        raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: server answered {code} {reason} for {url}"), file=dest.name,
                                    code=exc.code, reason=exc.reason, url=url)) from None
    except http.client.IncompleteRead as exc:
        raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: download cut off after {done:,} more bytes"), file=dest.name,
                                    done=len(exc.partial))) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise DownloadError(Message(DOWNLOAD_FAILED, file=dest.name, reason=failure_words(exc))) from None


def failure_words(exc: BaseException) -> str:
    """Why a download failed, in words a person can act on (not '[Errno -2] Name or service not known')."""
    reason = getattr(exc, "reason", None) or exc
    if isinstance(reason, socket.gaierror):
        return Message(QT_TRANSLATE_NOOP("Core", "no internet connection (the server's name could not be looked up)"))
    if isinstance(reason, ConnectionRefusedError):
        return Message(QT_TRANSLATE_NOOP("Core", "the server refused the connection"))
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return Message(QT_TRANSLATE_NOOP("Core", "the server did not answer in time"))
    if isinstance(reason, ssl.SSLError):
        return Message(QT_TRANSLATE_NOOP("Core", "the secure connection failed ({reason})"), reason=str(reason))
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or type(reason).__name__


def download_from_mirrors(
    mirrors: list[str],
    filename: str,
    dest_dir: Path,
    md5: str | None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Try each mirror in turn; the last error is reported if none works."""
    last: DownloadError | None = None
    for mirror in mirrors:
        try:
            return download_file(mirror.rstrip("/") + "/" + filename, dest_dir / filename, md5, progress, cancel)
        except DownloadError as exc:
            last = exc
    raise last or DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: no mirror to download from"), file=filename))


def extract_tar(archive: Path, dest_dir: Path) -> None:
    """Extract a tar archive with Python's 'data' filter: no absolute paths, no links out, no devices."""
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(dest_dir, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: cannot extract ({reason})"), file=archive.name,
                                    reason=str(exc))) from None
