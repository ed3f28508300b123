"""Mapping PyTorch's shared libraries into the process without holding Python's interpreter lock.

`import torch` maps libtorch (about a gigabyte of code with its CUDA libraries) while it holds
the lock: both `ctypes.CDLL` (torch loads its global dependencies that way) and the import of an
extension module keep it during `dlopen`. The window's GUI thread, which needs the lock for
every event it handles, then freezes for 150-300 ms on a 2-core Xeon and up to 0.9 s on a
2-core AMD EPYC (benchmarks/startup.py, "longest stall").

A *call* through ctypes releases the lock for as long as the foreign function runs, so the
same libraries can be mapped first by calling the C library's own `dlopen`, on the thread
that loads PyTorch, while the GUI thread keeps running. `import torch` then finds them mapped
already and only takes references to them.

Plain Python only: nothing here imports torch. Best effort: a library that cannot be mapped
this way is left to torch's own import, which reports its error as it always has.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from pathlib import Path

# In torch's order: its global dependencies (mapped RTLD_GLOBAL, as torch/__init__.py does), then
# the Python binding, which brings libtorch, libtorch_cpu, libc10 (and the CUDA ones) with it.
LIBRARIES = (("libtorch_global_deps.so", os.RTLD_GLOBAL), ("libtorch_python.so", os.RTLD_LOCAL))


def torch_library_dir() -> Path | None:
    """torch/lib of the installed PyTorch, found without importing it."""
    try:
        spec = importlib.util.find_spec("torch")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / "lib"


def preload_torch_libraries() -> list[str]:
    """Map PyTorch's libraries with the interpreter lock released; returns the names mapped.
    Linux only (elsewhere, and for anything missing, torch's import does the work)."""
    if not sys.platform.startswith("linux") or "torch" in sys.modules:
        return []
    folder = torch_library_dir()
    if folder is None:
        return []
    try:
        libc = ctypes.CDLL(None)  # the process's own symbols: already mapped, nothing to load
        dlopen = libc.dlopen
    except (OSError, AttributeError):
        return []
    dlopen.restype, dlopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_int]
    mapped = []
    for name, scope in LIBRARIES:
        path = folder / name
        if not path.is_file():
            continue
        if not dlopen(os.fsencode(path), os.RTLD_NOW | scope):  # a foreign call: the lock is released
            break  # e.g. a CUDA library not on the search path: torch's import finds it its own way
        mapped.append(name)
    return mapped
