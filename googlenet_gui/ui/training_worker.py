"""Training on its own QThread: the worker that runs core.training.engine.Trainer.run() there and
forwards its events, and the TrainingThread that owns the thread's life (start, pause, stop,
a clean end). Signals carry the engine's small dataclasses, never tensors."""
from __future__ import annotations

import os
import time
import traceback
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.common.messages import QT_TRANSLATE_NOOP, Message
from .threads import start_worker

MAX_UPDATES_PER_SECOND = 30
# Training on the CPU with every core busy: each moment the GUI thread paints, it takes a core
# from training, and the other core waits for it at the next barrier, so GUI work costs training
# about twice its own time. There the window updates every two seconds (benchmarks/gui_training.py
# on 2 cores: dashboard / headless speed 0.88 at 30 Hz, 0.95 at 1 Hz, 0.977 at 0.5 Hz); with a
# GPU or a spare core, 30 times a second. Epoch ends, pauses and stops are always shown at once.
SATURATED_CPU_UPDATES_PER_SECOND = 0.5


def saturates_cpu(device: str, num_threads: int | None) -> bool:
    """Whether a run on `device` with the setting `num_threads` keeps every CPU core busy (then any
    other work slows it down). The thread count is the one the training thread will set, not the
    calling thread's: a thread's PyTorch count is whatever was last set anywhere before its first
    call (the GUI thread's is often the classification threads' one)."""
    from ..core.common.devices import DEFAULT_THREADS  # loaded by now: the engine is about to run

    return device.startswith("cpu") and (num_threads or DEFAULT_THREADS) >= (os.cpu_count() or 1)


def updates_per_second(device: str, num_threads: int | None = None) -> float:
    """How often the window may update for a run on `device` with the setting `num_threads`."""
    return SATURATED_CPU_UPDATES_PER_SECOND if saturates_cpu(device, num_threads) else MAX_UPDATES_PER_SECOND


class TrainingWorker(QObject):
    """Runs core.training.engine.Trainer.run() on its own thread and forwards the events.

    Batch events are coalesced: at most `max_rate` `events` signals a second, however fast the
    batches come; any other event (epoch end, checkpoint, status) and a pause flush at once so
    nothing waits on a slow next batch.

    `consumers` (a core.training.tensorboard_log.TensorBoardLog) get every event here, on the training
    thread, before it is coalesced: write(event) for each, close() at the end.
    """

    events = Signal(list)
    done = Signal(object)  # the terminal event: Finished, Stopped or Failed

    def __init__(self, trainer: Any, max_rate: float = MAX_UPDATES_PER_SECOND, consumers: tuple = ()):
        super().__init__()
        self.trainer = trainer
        self.min_interval = 1.0 / max_rate
        self.consumers = tuple(consumers)

    @Slot()
    def run(self) -> None:
        from ..core.runs.branchlog import BranchSample
        from ..core.runs.events import TERMINAL, BatchEnd, Failed

        pending: list = []
        last_emit = 0.0
        terminal: Any = None
        try:
            for event in self.trainer.run():
                for consumer in self.consumers:
                    consumer.write(event)
                if isinstance(event, TERMINAL):
                    terminal = event
                    continue
                pending.append(event)
                now = time.monotonic()
                # a batch's numbers and a branch sample wait for the next update; anything else is shown at once
                urgent = (not isinstance(event, (BatchEnd, BranchSample)) or self.trainer.paused
                          or self.trainer.stop_requested)
                if urgent or now - last_emit >= self.min_interval:
                    self.events.emit(pending)
                    pending, last_emit = [], now
        except Exception as exc:  # the engine turns user errors into Failed; this is the last net
            traceback.print_exc()
            from ..core.common.text import error_line

            terminal = Failed(Message(QT_TRANSLATE_NOOP("Core", "unexpected error: {kind}: {reason}"),
                                      kind=type(exc).__name__, reason=error_line(exc)))
        for consumer in self.consumers:
            consumer.close()
        if pending:
            self.events.emit(pending)
        self.done.emit(terminal if terminal is not None else Failed(
            Message(QT_TRANSLATE_NOOP("Core", "training ended without a result"))))


class TrainingThread(QObject):
    """Owns the training thread: start, pause, unpause, stop, and waiting for its end.

    The trainer stays after the run ends, so its final weights can still be classified with.
    """

    events = Signal(list)
    finished = Signal(object)  # Finished, Stopped or Failed, once the thread has ended

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.trainer: Any = None
        self._thread: QThread | None = None
        self._worker: TrainingWorker | None = None
        self._terminal: Any = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def paused(self) -> bool:
        return self.running and self.trainer is not None and self.trainer.paused

    def start(self, trainer: Any, max_rate: float, consumers: tuple = ()) -> None:
        if self.running:
            raise RuntimeError("a run is already in progress")
        self.trainer = trainer
        self._terminal = None
        self._worker = TrainingWorker(trainer, max_rate, consumers)
        self._worker.events.connect(self.events)
        self._worker.done.connect(self._remember_terminal)
        self._thread = start_worker(self._worker, self._worker.run, "training", self._on_thread_finished)

    @Slot(object)
    def _remember_terminal(self, event: Any) -> None:
        self._terminal = event

    @Slot()
    def _on_thread_finished(self) -> None:
        # Only now may the Python references go: the thread has really ended. Dropping them frees
        # the worker and its trainer's data (a deleteLater() would be posted to the ended thread,
        # whose event loop never runs again, and leak a whole run each time).
        thread = self._thread
        self._thread = self._worker = None
        if thread is not None:
            thread.deleteLater()
        self.finished.emit(self._terminal)

    def pause(self) -> None:
        if self.running:
            self.trainer.pause()

    def unpause(self) -> None:
        if self.running:
            self.trainer.unpause()

    def stop(self, hurry: bool = False) -> None:
        if self.running:
            self.trainer.request_stop(hurry)

    def wait(self, timeout_ms: int) -> bool:
        """Block until the thread has ended (tests and scripts; the window never blocks on it).
        True if it ended in time; its `finished` is then delivered at once."""
        if self._thread is None:
            return True
        ended = self._thread.wait(timeout_ms)
        if ended:
            from PySide6.QtCore import QCoreApplication

            QCoreApplication.sendPostedEvents()  # the queued done and finished, while receivers exist
            if self._thread is not None:
                self._on_thread_finished()
        return ended

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop and wait (tests and scripts)."""
        self.stop()
        return self.wait(timeout_ms)
