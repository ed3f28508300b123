"""Giving freed memory back to the system after a run (no torch).

glibc keeps memory its threads have freed in their arenas for reuse; after a run (the training
thread's batches, the settling passes, the pool threads' answers) that is hundreds of MiB the app
no longer uses but still holds: benchmarks/memory.py saw resident memory grow by 360 MiB over 25
start/stop cycles, and by none when each cycle ended with malloc_trim. Elsewhere (macOS, Windows,
musl) there is nothing to do.
"""
from __future__ import annotations

import ctypes
import sys


def release_freed_memory() -> bool:
    """Hand the memory glibc holds free back to the system (malloc_trim); True if it could be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)
    return True
