"""Short background jobs on the global QThreadPool (loading PyTorch, classifying, opening a
checkpoint, downloading), in the manner of superqt's workers: the handlers are given where the
job starts, and each job has its own signals, so nothing is routed by tags.

    run_job(work, on_result=show, on_error=complain, on_progress=advance)

`work(report)` runs on a pool thread; `report(done, total, message)` sends progress. Its return
value reaches `on_result` on the GUI thread; an exception reaches `on_error` as one line (the
app never shows a traceback): the core's own errors as their core.common.messages.Message, which
words.say() puts in the window's language, so a handler shows it through say() or a panel that
keeps a words.Text; a progress message may be a Message too. Values cross threads as plain
Python objects, never tensors that the GUI thread would compute with.
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Report = Callable[[int, int, str], None]
_running: set["_JobSignals"] = set()  # a job's signals live until it has delivered its outcome


class _JobSignals(QObject):
    """Made on the GUI thread; its slots (and so the handlers) run there: the pool thread only emits."""

    result = Signal(object)
    failed = Signal(object)  # a str, or the core's Message (a str too: a Signal(str) would drop what it is)
    progress = Signal(int, int, object)

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

    @Slot(object)
    def _deliver_error(self, message: str) -> None:
        self._finish()
        if self._on_error is not None:
            self._on_error(message)

    @Slot(int, int, object)
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
            from ..core.common.text import error_line

            if not getattr(exc, "__module__", "").startswith("googlenet_gui"):
                traceback.print_exc()
            signals.failed.emit(error_line(exc, 300))  # the core's Message, kept
            return
        signals.result.emit(value)


def run_job(work: Callable[[Report], Any], on_result: Callable[[Any], None] | None = None,
            on_error: Callable[[str], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None,
            pool: QThreadPool | None = None) -> None:
    """Run `work` on a pool (the global one unless given); its outcome reaches exactly one of
    on_result / on_error on the GUI thread."""
    signals = _JobSignals(on_result, on_error, on_progress)
    _running.add(signals)
    (pool or QThreadPool.globalInstance()).start(_Job(work, signals))


_inference_pool: QThreadPool | None = None


def inference_pool() -> QThreadPool:
    """Two threads that live as long as the app, for running the network on a few images.

    A thread's first PyTorch call pays for setting up its OpenMP team and kernels (~15 ms on a
    2-core CPU), more than a whole forward pass of one image; these threads pay once. Each runs
    PyTorch on one core (set_num_threads is per thread), so no second OpenMP team competes with
    training's, and a classification while CPU training runs takes one core, not both.
    """
    global _inference_pool
    if _inference_pool is None:
        _inference_pool = QThreadPool()
        _inference_pool.setMaxThreadCount(2)
        _inference_pool.setExpiryTimeout(-1)
    return _inference_pool


def run_inference_job(work: Callable[[Report], Any], on_result: Callable[[Any], None] | None = None,
                      on_error: Callable[[str], None] | None = None,
                      on_progress: Callable[[int, int, str], None] | None = None) -> None:
    """run_job on the inference pool, with PyTorch on one thread there."""
    def single_threaded(report: Report) -> Any:
        import torch

        if torch.get_num_threads() != 1:
            torch.set_num_threads(1)
        return work(report)

    run_job(single_threaded, on_result, on_error, on_progress, pool=inference_pool())


def wait_for_jobs(timeout_ms: int) -> bool:
    """Wait for the jobs of every pool (closing, tests)."""
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    return (_inference_pool is None or _inference_pool.waitForDone(timeout_ms)) and done


def jobs_running() -> int:
    return len(_running)


class JobSlot:
    """One cancellable job at a time, for a controller's work that a newer request replaces (an
    evaluation, a visualization, a download, a poll): `start` cancels the job under way, and a job's
    outcome reaches its handlers only while it is still the slot's job. The work gets the job's
    `threading.Event` to stop at; `cancel` sets it.

        self.job = JobSlot(inference=True)
        self.job.start(lambda report, cancel: visualize(..., cancel=cancel), on_result=show, on_error=complain)
    """

    def __init__(self, inference: bool = False):
        self._run = run_inference_job if inference else run_job
        self._cancel: threading.Event | None = None
        self._generation = 0

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def start(self, work: Callable[[Report, threading.Event], Any], on_result: Callable[[Any], None] | None = None,
              on_error: Callable[[str], None] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None) -> None:
        self.cancel()
        cancel = threading.Event()
        self._cancel, self._generation = cancel, self._generation + 1
        generation = self._generation

        def deliver(handler: Callable | None, ends: bool) -> Callable:
            def delivered(*args: Any) -> None:
                if generation != self._generation:
                    return  # a job cancelled or replaced since: its outcome is dropped
                if ends:
                    self._cancel = None
                if handler is not None:
                    handler(*args)
            return delivered

        self._run(lambda report: work(report, cancel), deliver(on_result, True), deliver(on_error, True),
                  deliver(on_progress, False))

    def cancel(self, drop: bool = True) -> bool:
        """Stop the job under way (it stops at its next check of the event); True if there was one. With
        `drop` its outcome is dropped; without, it still reaches the handlers when the job ends."""
        cancel = self._cancel
        if cancel is None:
            return False
        cancel.set()
        if drop:
            self._cancel, self._generation = None, self._generation + 1
        return True
