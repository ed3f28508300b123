"""What installing gives: a command that opens the window (`googlenet-studio`) beside the CLI's
`googlenet`, and a desktop entry with the icon for Linux menus."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

from googlenet_gui import desktop


def test_installing_gives_a_command_that_opens_the_window_and_one_for_the_cli():
    gui = {e.name: e.value for e in entry_points(group="gui_scripts")}
    cli = {e.name: e.value for e in entry_points(group="console_scripts")}
    assert gui.get("googlenet-studio") == "googlenet_gui.app:main"
    assert cli.get("googlenet") == "googlenet_gui.cli:main"


def test_the_desktop_entry_names_the_app_its_icon_and_the_command(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    path = desktop.install_desktop_entry(home=tmp_path)
    assert path == tmp_path / ".local" / "share" / "applications" / "googlenet-studio.desktop"
    lines = dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()[1:] if "=" in line)
    assert lines["Name"] == "GoogLeNet Studio" and lines["Type"] == "Application"
    assert lines["Exec"].split() == [sys.executable, "-m", "googlenet_gui.app"]
    from pathlib import Path

    assert Path(lines["Icon"]).is_file()


def test_the_window_command_installs_the_desktop_entry_when_asked(tmp_path):
    result = subprocess.run([sys.executable, "-m", "googlenet_gui.app", "--install-desktop-entry"], capture_output=True,
                            text=True, env={"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "applications" / "googlenet-studio.desktop").is_file()
