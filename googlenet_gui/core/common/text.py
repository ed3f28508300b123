"""Text from outside (file names, class names, error messages) made fit to show as one plain line.

Plain Python only: the window imports this before PyTorch has loaded.
"""
from __future__ import annotations

import os
from pathlib import Path

from .messages import Message

# A class name longer than this is cut when shown: a name is a label, not a document.
NAME_LIMIT = 100


def printable(text: str, limit: int = 0) -> str:
    """`text` fit for a one-line message: bytes of a file name that are not UTF-8 shown as \\xNN,
    control characters (a newline, an ANSI escape) escaped, and with `limit`, the middle of a long
    text cut out."""
    text = str(text)
    try:  # a name read from disk keeps its undecodable bytes as surrogates (PEP 383)
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeError:
        pass  # other lone surrogates are escaped below
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    if limit and len(text) > limit:
        text = text[: limit // 2 - 1] + "…" + text[-(limit // 2):]
    return text


def display_name(path: str | os.PathLike) -> str:
    """A file's name as messages show it: one line, at most about 100 characters."""
    path = Path(path)
    return printable(path.name or str(path), 100)


def error_line(exc: BaseException, limit: int = 200) -> str:
    """The first line of an exception's message (its type when it has none), fit for a message.
    The core's own errors are one line already: their Message is kept (the window translates it)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    line = printable(lines[0], limit) if lines else type(exc).__name__
    said = exc.args[0] if len(exc.args) == 1 else None
    return said if isinstance(said, Message) and said == line else line


def safe_file_name(text: str, fallback: str, limit: int = 60) -> str:
    """A part of a file name made from outside text (a class name): letters, digits and
    "-+." only (a slash, a space or a control character becomes "-"), no leading dot, at most
    `limit` characters; `fallback` when nothing is left."""
    kept = "".join(c if c.isalnum() or c in "-+." else "-" for c in printable(text))
    while "--" in kept:
        kept = kept.replace("--", "-")
    kept = kept.strip("-.")[:limit].rstrip("-.")
    return kept or fallback
