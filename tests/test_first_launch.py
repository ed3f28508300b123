"""A new user's first launch: a machine that cannot open a window is told why in one line, with
the command that fixes it; the run folders' path names the app once."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from googlenet_gui import preflight

ROOT = Path(__file__).resolve().parents[1]

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibEGL.so.1 => not found
"""


def test_missing_libraries_are_read_from_ldd_and_named_with_their_debian_packages():
    assert preflight.not_found(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libEGL.so.1"]
    assert [preflight.debian_package(lib) for lib in preflight.not_found(LDD)] == [
        "libxcb-icccm4", "libxcb-keysyms1", "libegl1"]
    assert preflight.debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert preflight.debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 libraries are a Linux matter")
def test_the_message_names_the_libraries_and_the_install_command(monkeypatch):
    monkeypatch.setattr(preflight, "missing_libraries", lambda plugin: preflight.not_found(LDD))
    message = preflight.display_problem({"DISPLAY": ":0"})
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, libEGL.so.1 are missing" in message
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libegl1" in message
    assert "QT_QPA_PLATFORM=offscreen" in message and "\n" not in message
    monkeypatch.setattr(preflight, "missing_libraries", lambda plugin: [])
    assert preflight.display_problem({"DISPLAY": ":0"}) is None
    assert preflight.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None  # the user's choice
    assert preflight.display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is an X11 matter")
def test_main_py_without_a_display_says_so_in_one_line_and_exits_1():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "main.py"], capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env=env)
    assert result.returncode == 1  # not Qt's abort (134)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no display") and "QT_QPA_PLATFORM=offscreen" in lines[0]


def test_the_runs_folder_names_the_app_once(qtbot, monkeypatch):
    from googlenet_gui.ui.controllers.runs import default_runs_dir

    monkeypatch.delenv("GOOGLENET_RUNS_DIR", raising=False)
    path = default_runs_dir()
    assert path.name == "runs" and str(path).count("GoogLeNet Studio") == 1
