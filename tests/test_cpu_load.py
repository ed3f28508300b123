"""Training on a busy CPU: while other programs hold cores, a run on PyTorch's default thread count
trains on one thread fewer for each core they hold (two threads on a 2-core machine with a busy loop
per core ran at 0.20 of their quiet speed, one thread at 0.48: benchmarks/busy_cpu.py)."""
from __future__ import annotations

import multiprocessing
import os
import time

import pytest
import torch

from googlenet_gui.core.common import cpu_load
from googlenet_gui.core.common.cpu_load import THREADS_CHANGED, CpuLoad, CpuTimes, training_threads
from googlenet_gui.core.common.devices import DEFAULT_THREADS
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import BatchEnd, Note, Stopped
from googlenet_gui.core.training.engine import Trainer
from helpers import of, run_all, stripes_dataset


@pytest.mark.parametrize("most, others, threads", [
    (2, 0.0, 2), (2, 0.4, 2), (2, 0.7, 1), (2, 1.0, 1), (2, 2.0, 1), (2, 7.5, 1),
    (8, 0.2, 8), (8, 3.0, 5), (8, 6.6, 1), (1, 0.0, 1),
])
def test_one_thread_fewer_for_each_core_other_programs_hold(most, others, threads):
    assert training_threads(most, others) == threads


@pytest.mark.cpu_load
def test_the_load_is_the_machine_s_busy_time_less_this_process_s_own(monkeypatch):
    clock = {"now": 50.0}
    counters = {50.0: (100.0, 10.0), 53.0: (106.0, 12.0), 55.5: (106.1, 12.1)}  # wall: (machine busy, own) seconds
    reads = []

    def read():
        reads.append(clock["now"])
        return CpuTimes(*counters[clock["now"]], wall=clock["now"])

    monkeypatch.setattr(cpu_load, "read_cpu_times", read)
    monkeypatch.setattr(cpu_load.time, "monotonic", lambda: clock["now"])
    load = CpuLoad()
    clock["now"] = 51.0
    assert load.others() is None and reads == [50.0]  # 1 s later: too soon to tell, and nothing read
    clock["now"] = 53.0
    assert load.others() == pytest.approx(4.0 / 3.0)  # 6 s of busy cores in 3 s, 2 of them this process's
    clock["now"] = 55.5
    assert load.others() == pytest.approx(0.0)  # only this process ran


@pytest.mark.cpu_load
def test_no_reading_no_answer(monkeypatch):
    monkeypatch.setattr(cpu_load, "read_cpu_times", lambda: None)
    assert CpuLoad().others() is None


def _busy_loop() -> None:
    while True:
        pass


@pytest.mark.cpu_load
@pytest.mark.skipif(DEFAULT_THREADS < 2 or not os.path.exists("/proc/stat"),
                    reason="one training thread has none to give up; the load is read from Linux's /proc/stat")
def test_a_run_beside_busy_programs_trains_on_fewer_threads_and_says_so():
    """One busy loop per core beside a run on the default thread count: the run says so and goes on
    with fewer threads; a run whose settings name a count keeps it."""
    burners = [multiprocessing.get_context("spawn").Process(target=_busy_loop, daemon=True)
               for _ in range(os.cpu_count() or 2)]
    for burner in burners:
        burner.start()
    try:
        threads_at_steps: list[int] = []
        said: list[Note] = []

        def watch(trainer, event):
            if isinstance(event, BatchEnd):
                threads_at_steps.append(torch.get_num_threads())
                if said and len(threads_at_steps) >= 2 and threads_at_steps[-1] < DEFAULT_THREADS or event.step >= 2000:
                    trainer.request_stop()
            elif isinstance(event, Note) and getattr(event.message, "template", None) == THREADS_CHANGED:
                said.append(event)

        config = dict(input_size=64, batch_size=8, seed=0, precision="fp32", epochs=1000)
        events = run_all(Trainer(TrainConfig(**config), dataset=stripes_dataset(32, 8), report_interval=0), watch)
        assert of(events, Stopped), "the run went on for 2,000 steps without giving up a thread"
        assert said[0].message.values["threads"] < DEFAULT_THREADS
        assert said[0].message.values["cores"] >= 0.5
        assert threads_at_steps[-1] == said[0].message.values["threads"]

        named: list[int] = []
        started = time.monotonic()

        def watch_named(trainer, event):  # past two of the load's windows, then stop
            if isinstance(event, BatchEnd):
                named.append(torch.get_num_threads())
                if time.monotonic() - started > 2 * cpu_load.MIN_WINDOW + 1:
                    trainer.request_stop()

        run_all(Trainer(TrainConfig(**dict(config, num_threads=DEFAULT_THREADS)), dataset=stripes_dataset(32, 8),
                        report_interval=0), watch_named)
        assert time.monotonic() - started > 2 * cpu_load.MIN_WINDOW + 1 and set(named) == {DEFAULT_THREADS}
    finally:
        for burner in burners:
            burner.terminate()
            burner.join()
        torch.set_num_threads(DEFAULT_THREADS)
