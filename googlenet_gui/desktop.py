"""A desktop entry for Linux menus (freedesktop.org's .desktop file), written by
`googlenet-studio --install-desktop-entry`: the app's name, its icon and the command that opens it."""
from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from . import resources_dir

FILE_NAME = "googlenet-studio.desktop"


def desktop_entry(command: list[str], icon: Path) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=GoogLeNet Studio",
        "Name[zh_CN]=GoogLeNet Studio",
        "Comment=Train, understand and use GoogLeNet image classifiers",
        "Comment[zh_CN]=训练、理解和使用 GoogLeNet 图像分类器",
        f"Exec={' '.join(shlex.quote(part) for part in command)}",
        f"Icon={icon}",
        "Terminal=false",
        "Categories=Education;Science;Graphics;",
        "",
    ])


def install_desktop_entry(home: Path | None = None) -> Path:
    """Write the entry into the user's applications folder ($XDG_DATA_HOME, else ~/.local/share); its path."""
    data = Path(os.environ.get("XDG_DATA_HOME") or (home or Path.home()) / ".local" / "share")
    folder = data / "applications"
    folder.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "googlenet_gui.app"]  # this Python, with this install of the app
    path = folder / FILE_NAME
    path.write_text(desktop_entry(command, resources_dir() / "icon.png"), encoding="utf-8")
    return path
