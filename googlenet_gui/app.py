"""QApplication set-up: create_window() builds the window without entering the event loop;
main() runs the app."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from .preflight import display_problem
from .ui.jobs import wait_for_jobs

APP_NAME = "GoogLeNet Studio"


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    return app


def create_window():
    """The main window, shown by the caller; PyTorch loads on a pool thread once events run."""
    _application()
    from .ui.main_window import MainWindow

    window = MainWindow()
    QTimer.singleShot(0, window.load_core)
    return window


def main() -> int:
    problem = display_problem()
    if problem:  # said before Qt starts: Qt would abort with a message that can name the wrong library
        print(f"error: {problem}", file=sys.stderr)
        return 1
    app = _application()
    window = create_window()
    window.show()
    code = app.exec()
    wait_for_jobs(30_000)  # a job still running (PyTorch importing) must not meet a finalising interpreter
    return code
