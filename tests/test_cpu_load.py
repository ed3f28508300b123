"""Training on a busy CPU: while other programs hold CPUs, a run on PyTorch's default thread count
trains on no more threads than the CPUs left for it (two threads on a 2-core machine with a busy loop
per core ran at 0.14 of their quiet speed, one thread at 0.42: benchmarks/busy_cpu.py)."""
from __future__ import annotations

import multiprocessing
import os
import time

import pytest
import torch

from googlenet_gui.core.common import cpu_load
from googlenet_gui.core.common.cpu_load import THREADS_CHANGED, CpuLoad, CpuTimes, read_cpu_times, training_threads
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
    assert training_threads(most, others, cpus=most) == threads  # one logical CPU a core


@pytest.mark.parametrize("most, others, threads", [
    (4, 0.0, 4), (4, 1.0, 4), (4, 4.0, 4), (4, 4.6, 3), (4, 6.0, 2), (4, 8.0, 1),
])
def test_with_two_hardware_threads_a_core_programs_on_the_spare_ones_cost_no_training_thread(most, others, threads):
    """4 cores, 8 logical CPUs: PyTorch trains on 4 threads; up to 4 busy CPUs leave 4 free."""
    assert training_threads(most, others, cpus=2 * most) == threads


def test_the_busy_time_is_read_for_the_cpus_this_process_may_use(tmp_path):
    stat = tmp_path / "stat"
    stat.write_text("cpu  900 0 300 5000 100 0 0 0 0 0\n"  # every CPU: 1,200 busy ticks
                    "cpu0 100 0 100 2000 50 0 0 0 0 0\n"  # 200 busy ticks (iowait and idle are not busy)
                    "cpu1 700 0 100 1000 0 0 0 50 0 0\n"  # 850, steal included: a busy host takes it too
                    "cpu2 100 0 100 2000 50 0 0 0 0 0\n"
                    "intr 12345\n")
    tick = os.sysconf("SC_CLK_TCK")
    assert read_cpu_times(None, str(stat)).busy == pytest.approx(1200 / tick)
    assert read_cpu_times(frozenset({0, 1}), str(stat)).busy == pytest.approx(1050 / tick)
    assert read_cpu_times(frozenset({7}), str(stat)) is None  # none of them listed
    assert read_cpu_times(None, str(tmp_path / "missing")) is None


@pytest.mark.cpu_load
@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="the CPUs a process may use: Linux's affinity")
def test_the_load_counts_the_cpus_this_process_may_use():
    load = CpuLoad()
    assert load.cpus == frozenset(os.sched_getaffinity(0)) and load.count == len(load.cpus)


@pytest.mark.cpu_load
def test_the_load_is_the_machine_s_busy_time_less_this_process_s_own(monkeypatch):
    clock = {"now": 50.0}
    counters = {50.0: (100.0, 10.0), 53.0: (106.0, 12.0), 55.5: (106.1, 12.1)}  # wall: (machine busy, own) seconds
    reads = []

    def read(cpus=None):
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
    monkeypatch.setattr(cpu_load, "read_cpu_times", lambda cpus=None: None)
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
        assert said[0].message.values["cpus"] >= 0.5
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
