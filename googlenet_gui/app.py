"""QApplication set-up: create_window() builds the window without entering the event loop;
main() runs the app."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from .preflight import display_problem
from .ui.jobs import wait_for_jobs

APP_NAME = "GoogLeNet Studio"


def application() -> QApplication:
    """The QApplication, made once, with the app's names and Qt environment."""
    # Qt's raster engine hands every fill of 96 or more rows to its own thread pool and waits. On a
    # CPU that training keeps busy those threads wake dozens of times a second and take turns with
    # training's, and the hand-off costs more than the fills of this window (BENCHMARKS.md, fifth
    # session: plots repaint in half the time without it). Qt reads the switch when it first fills.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app = QApplication.instance() or QApplication(sys.argv)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    return app


def create_window():
    """The main window, shown by the caller; PyTorch loads on a pool thread once events run."""
    application()
    from .ui.main_window import MainWindow

    window = MainWindow()
    QTimer.singleShot(0, window.load_core)
    return window


def main(argv: list[str] | None = None) -> int:
    """Open the window (`googlenet-studio`, `python main.py`); `--install-desktop-entry` adds the app to the
    Linux desktop's menus instead."""
    args = sys.argv[1:] if argv is None else argv
    if "--install-desktop-entry" in args:
        from .desktop import install_desktop_entry

        print(f"installed {install_desktop_entry()}")
        return 0
    problem = display_problem()
    if problem:  # said before Qt starts: Qt would abort with a message that can name the wrong library
        print(f"error: {problem}", file=sys.stderr)
        return 1
    app = application()
    window = create_window()
    window.show()
    code = app.exec()
    wait_for_jobs(30_000)  # a job still running (PyTorch importing) must not meet a finalising interpreter
    return code


if __name__ == "__main__":
    sys.exit(main())
