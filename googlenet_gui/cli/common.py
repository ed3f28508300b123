"""What every command shares: one line for an error, and output that never crashes on a name."""
from __future__ import annotations

import sys


def error(message: str) -> None:
    from ..core.common.text import printable

    print(f"error: {printable(message)}", file=sys.stderr)


def tolerate_unencodable_output() -> None:
    """A file or class name the terminal's encoding cannot show is escaped, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def count(n: int, noun: str) -> str:
    """'1 epoch', '3 epochs'."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
