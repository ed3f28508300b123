"""Before Qt starts: can it open a window here? Qt itself aborts (exit 134) when it cannot, with a
message that can name the wrong library; this says what is missing in one line, with the command
that installs it, or that QT_QPA_PLATFORM=offscreen runs the app headless.

Plain Python only; runs before anything imports Qt or PyTorch.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HEADLESS = "or run it headless with QT_QPA_PLATFORM=offscreen"


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """One line saying why no window can open on this Linux machine, or None."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None  # other systems have their own window systems; a chosen platform is the user's call
    if env.get("WAYLAND_DISPLAY"):
        return None  # Qt uses Wayland, and falls back to X11 itself
    if not env.get("DISPLAY"):
        return f"no display to open a window on (DISPLAY is not set): start it from a desktop session, {HEADLESS}"
    missing = missing_libraries(_xcb_plugin())
    if missing:
        packages = " ".join(debian_package(lib) for lib in missing)
        return (f"Qt cannot open a window: {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing; "
                f"on Debian or Ubuntu: sudo apt-get install {packages}, {HEADLESS}")
    return None


def _xcb_plugin() -> Path | None:
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def missing_libraries(plugin: Path | None) -> list[str]:
    """The shared libraries Qt's X11 plugin needs and this system lacks (from ldd)."""
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return not_found(out)


def not_found(ldd_output: str) -> list[str]:
    """'libxcb-icccm.so.4 => not found' lines of ldd's output, in order, once each."""
    names = re.findall(r"^\s*(\S+)\s+=>\s+not found", ldd_output, re.M)
    return list(dict.fromkeys(names))


def debian_package(library: str) -> str:
    """Debian's package for a shared library: libxcb-icccm.so.4 -> libxcb-icccm4,
    libxkbcommon-x11.so.0 -> libxkbcommon-x11-0, libEGL.so.1 -> libegl1."""
    match = re.match(r"(.+?)\.so\.(\d+)", library)
    if not match:
        return library
    name, version = match.groups()
    return (f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}").lower()
