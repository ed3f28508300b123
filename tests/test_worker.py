"""The training worker: coalesced updates, every event delivered, terminal event last."""
import time

from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Failed, Finished
from googlenet_gui.ui import training_worker as worker_module
from googlenet_gui.ui.training_worker import TrainingThread, TrainingWorker


class FakeTrainer:
    """Yields 300 batch events 1 ms apart (a fast GPU), one epoch end, then Finished."""

    paused = False
    stop_requested = False

    def run(self):
        for step in range(1, 301):
            time.sleep(0.001)
            yield BatchEnd(0, step, 300, step, 300, 1.0 / step, 0.5, 1e-3, 1000.0)
        yield EpochEnd(0, 0.5, 0.8, 0.6, 0.7, 1.0, 1e-3, 300)
        yield Finished(1, 0.7, None, None, 0.4)


def test_batches_are_coalesced_and_all_delivered(qtbot):
    worker = TrainingWorker(FakeTrainer(), max_rate=30)
    lists, done = [], []
    worker.events.connect(lists.append)
    worker.done.connect(done.append)
    started = time.monotonic()
    worker.run()  # on this thread: the signals are delivered directly
    elapsed = time.monotonic() - started
    steps = [e.step for events in lists for e in events if isinstance(e, BatchEnd)]
    assert steps == list(range(1, 301))  # nothing lost, in order
    assert len(lists) <= elapsed * 30 + 3  # at most 30 a second, plus the urgent epoch end
    assert isinstance(lists[-1][-1], EpochEnd)  # not held back
    assert isinstance(done[0], Finished)


def test_a_saturated_cpu_updates_rarely_and_a_gpu_often(monkeypatch):
    import torch

    from googlenet_gui.core.common import devices

    monkeypatch.setattr(devices, "DEFAULT_THREADS", 2)
    monkeypatch.setattr(worker_module.os, "cpu_count", lambda: 2)
    assert worker_module.updates_per_second("cpu") == worker_module.SATURATED_CPU_UPDATES_PER_SECOND < 1
    assert worker_module.updates_per_second("cuda:0") == worker_module.MAX_UPDATES_PER_SECOND
    assert worker_module.updates_per_second("cpu", 1) == worker_module.MAX_UPDATES_PER_SECOND  # a core left free
    # whatever this (the GUI) thread's own PyTorch count is: after a classification it is often 1
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        assert worker_module.updates_per_second("cpu") == worker_module.SATURATED_CPU_UPDATES_PER_SECOND
    finally:
        torch.set_num_threads(threads)
    monkeypatch.setattr(worker_module.os, "cpu_count", lambda: 16)
    assert worker_module.updates_per_second("cpu") == worker_module.MAX_UPDATES_PER_SECOND


class FailingTrainer:
    """A run that fails at once (a folder with one class), before any other event."""

    paused = False
    stop_requested = False

    def run(self):
        yield Failed("needs at least two class sub-folders with images (found 1)")


def test_a_run_that_ends_before_start_returns_still_ends(qtbot, monkeypatch):
    """On a loaded machine the GUI thread can lose the core right after starting the thread, and a
    run that fails at once ends before it gets it back: its end must still reach the window (it
    stayed "running" for good when the ending was connected after the start)."""
    real = worker_module.start_worker

    def start_and_lose_the_core(*args, **kwargs):
        thread = real(*args, **kwargs)
        assert thread.wait(30_000)  # the thread has ended before this returns
        return thread

    monkeypatch.setattr(worker_module, "start_worker", start_and_lose_the_core)
    training = TrainingThread()
    ended = []
    training.finished.connect(ended.append)
    training.start(FailingTrainer(), max_rate=30)
    qtbot.waitUntil(lambda: not training.running, timeout=30_000)
    assert len(ended) == 1 and isinstance(ended[0], Failed) and "found 1" in str(ended[0].message)
