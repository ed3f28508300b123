"""Every QThread the app starts goes through here, so closing the window (and the test suite)
can check that none is left running."""
from __future__ import annotations

import weakref
from typing import Callable

from PySide6.QtCore import QObject, Qt, QThread

_threads: "weakref.WeakSet[QThread]" = weakref.WeakSet()


def start_worker(worker: QObject, run_slot: Callable[[], None], name: str,
                 on_finished: Callable[[], None]) -> QThread:
    """Move `worker` to a new QThread, call `run_slot` there when it starts, and quit the thread
    when the worker emits `done`; `on_finished` is called (on the caller's thread) once the thread
    has ended. The caller keeps references to both until then.

    `on_finished` is connected here, before the thread starts: a run that fails at once can end
    before start_worker returns (seen on a loaded machine), and a connection made after the
    thread's `finished` was emitted would never be called."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(run_slot)
    thread.finished.connect(on_finished)
    # Direct: quit() is thread-safe, and a queued call would never run while the GUI thread
    # blocks in wait() at shutdown.
    worker.done.connect(thread.quit, Qt.DirectConnection)
    _threads.add(thread)
    thread.start()
    return thread


def running_threads() -> list[QThread]:
    return [t for t in list(_threads) if t.isRunning()]


_collector = None


def collect_garbage_on_gui_thread() -> None:
    """Run Python's cycle collector only on the GUI thread (once per process; needs a QApplication).

    Automatic collection runs on whichever thread happens to allocate when a threshold is crossed.
    Collecting a cycle that holds a Qt object on a pool or training thread can deadlock with the
    GUI thread deleting widgets: seen here, a pool thread's collection destroyed a Qt object and
    waited for the interpreter lock inside Qt's destructor, while the GUI thread, holding that
    lock, waited for the object's connection lock. pyqtgraph's GarbageCollector turns automatic
    collection off and collects on a GUI-thread timer instead (once a second, same thresholds)."""
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector = GarbageCollector(interval=1.0)


def freeze_long_lived_objects() -> None:
    """Take the objects alive now out of the cycle collector's passes (once per process; call it
    on the GUI thread when PyTorch has loaded). The modules, classes and PyTorch's and Qt's
    wrappers (about 240,000 objects) live as long as the app, yet every full collection walked
    them: 130-160 ms on the GUI thread, holding the interpreter lock, during which the training
    thread waits at its next Python line (BENCHMARKS.md, fifth session). Objects freed by their
    reference count are freed as before. No collection first: it would be one more such pause, at
    start-up; the few cycles that are garbage at this moment stay, once."""
    import gc

    if gc.get_freeze_count() == 0:  # not yet in this process
        gc.freeze()  # moves the generations' lists: no pass over the objects
