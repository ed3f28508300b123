"""Every QThread the app starts goes through here, so closing the window (and the test suite)
can check that none is left running."""
from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Qt, QThread

_threads: "weakref.WeakSet[QThread]" = weakref.WeakSet()


def start_worker(worker: QObject, run_slot, name: str) -> QThread:
    """Move `worker` to a new QThread, call `run_slot` there when it starts, and quit the thread
    when the worker emits `done`. The caller keeps references to both until `finished`."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(run_slot)
    # Direct: quit() is thread-safe, and a queued call would never run while the GUI thread
    # blocks in wait() at shutdown.
    worker.done.connect(thread.quit, Qt.DirectConnection)
    _threads.add(thread)
    thread.start()
    return thread


def running_threads() -> list[QThread]:
    return [t for t in list(_threads) if t.isRunning()]
