"""Short background jobs on the global QThreadPool (loading PyTorch, classifying, opening a
checkpoint, downloading), in the manner of superqt's workers: the handlers are given where the
job starts, and each job has its own signals, so nothing is routed by tags.

    run_job(work, on_result=show, on_error=complain, on_progress=advance)

`work(report)` runs on a pool thread; `report(done, total, message)` sends progress. Its return
value reaches `on_result` on the GUI thread; an exception reaches `on_error` as one line (the
app never shows a traceback). Values cross threads as plain Python objects, never tensors that
the GUI thread would compute with.
"""
from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Report = Callable[[int, int, str], None]
_running: set["_JobSignals"] = set()  # a job's signals live until it has delivered its outcome


class _JobSignals(QObject):
    """Made on the GUI thread; its slots (and so the handlers) run there: the pool thread only emits."""

    result = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int, str)

    def __init__(self, on_result: Callable[[Any], None] | None, on_error: Callable[[str], None] | None,
                 on_progress: Callable[[int, int, str], None] | None):
        super().__init__()
        self._on_result, self._on_error, self._on_progress = on_result, on_error, on_progress
        self.result.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)
        self.progress.connect(self._deliver_progress)

    @Slot(object)
    def _deliver_result(self, value: Any) -> None:
        self._finish()
        if self._on_result is not None:
            self._on_result(value)

    @Slot(str)
    def _deliver_error(self, message: str) -> None:
        self._finish()
        if self._on_error is not None:
            self._on_error(message)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, message: str) -> None:
        if self._on_progress is not None and self in _running:
            self._on_progress(done, total, message)

    def _finish(self) -> None:
        _running.discard(self)
        self.deleteLater()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Report], Any], signals: _JobSignals):
        super().__init__()
        self.work = work
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        signals = self.signals
        try:
            value = self.work(lambda done, total, message: signals.progress.emit(done, total, message))
        except Exception as exc:  # noqa: BLE001 - reported to the user as one line
            from ..core.text import error_line

            if not getattr(exc, "__module__", "").startswith("googlenet_gui"):
                traceback.print_exc()
            signals.failed.emit(error_line(exc, 300))
            return
        signals.result.emit(value)


def run_job(work: Callable[[Report], Any], on_result: Callable[[Any], None] | None = None,
            on_error: Callable[[str], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None) -> None:
    """Run `work` on the pool; its outcome reaches exactly one of on_result / on_error on the GUI thread."""
    signals = _JobSignals(on_result, on_error, on_progress)
    _running.add(signals)
    QThreadPool.globalInstance().start(_Job(work, signals))


def jobs_running() -> int:
    return len(_running)
