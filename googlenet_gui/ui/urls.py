"""Dropped and pasted URLs as local paths, for classifying and for the dataset editor."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QCoreApplication, QUrl

from ..core.common.text import printable
from .words import Text


def url_path(url: QUrl) -> str:
    """The file a file:// URL names. On Unix the name is taken from the URL's bytes: a name that is
    not UTF-8 (café.png written by an old Latin-1 system) survives, where toLocalFile() would
    turn its odd bytes into U+FFFD and name a file that does not exist."""
    if os.name == "posix" and not url.host():
        return os.fsdecode(unquote_to_bytes(url.path(QUrl.FullyEncoded)))
    return url.toLocalFile()


def local_paths(urls: list[QUrl], folders: bool = True) -> tuple[list[str], list[Text]]:
    """Local paths (files, and folders where `folders`), and one-line reasons for everything else (a
    words.Text each: said in the language installed when shown, and again after a switch)."""
    paths: list[str] = []
    refused: list[Text] = []
    for url in urls:
        if not url.isLocalFile():
            address = printable(url.toString(), 80)
            refused.append(lambda address=address: QCoreApplication.translate("urls", "{0} is not a local file").format(address))
            continue
        path = url_path(url)
        if not folders and os.path.isdir(path):
            name = printable(Path(path).name or path, 80)
            refused.append(lambda name=name: QCoreApplication.translate("urls", "{0} is a folder").format(name))
        else:
            paths.append(path)  # unreadable or non-image files get a one-line error from the core
    return paths, refused
