"""How many cores other programs keep busy, and how many training threads pay then.

PyTorch's CPU threads meet at the end of every parallel operator. When another program holds a
core, a thread that has finished its share waits, spinning, for one that is not running, at every
operator. `python benchmarks/busy_cpu.py` (AMD EPYC, 2 cores, one busy loop per core): two
training threads ran at 0.20 of their quiet speed, one thread at 0.48. So while other programs
hold cores, a run on PyTorch's default thread count trains on one thread fewer for each core they
hold (engine: `_Run.fit_threads`), and goes back up when they let go.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

from .messages import QT_TRANSLATE_NOOP

# Readings closer together than this are too few clock ticks (10 ms each) apart to tell a busy core.
MIN_WINDOW = 2.0
# What a run says when its thread count changes (the window's status bar, the CLI's stderr).
THREADS_CHANGED = QT_TRANSLATE_NOOP("Core", "other programs keep {cores:.1f} of the CPU's cores busy: training goes on "
                                            "with {threads} of its {most} threads")


@dataclass(frozen=True)
class CpuTimes:
    busy: float  # seconds every CPU spent on anything but idling, since boot (steal included)
    own: float  # this process's CPU seconds, all its threads
    wall: float  # time.monotonic()


def read_cpu_times() -> CpuTimes | None:
    """The machine's and this process's CPU time now; None where /proc/stat cannot be read (not Linux)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
        ticks = [int(value) for value in fields[1:9]]  # user nice system idle iowait irq softirq steal
        if fields[0] != "cpu" or len(ticks) < 5:
            return None
    except (OSError, ValueError, IndexError):
        return None
    busy = sum(ticks) - ticks[3] - ticks[4]  # guest time is counted within user already
    times = os.times()
    return CpuTimes(busy / os.sysconf("SC_CLK_TCK"), times.user + times.system, time.monotonic())


class CpuLoad:
    """The cores other programs kept busy between two readings, on average."""

    def __init__(self) -> None:
        self._since = read_cpu_times()

    def others(self) -> float | None:
        """Cores that programs other than this one kept busy since the last answer (or since this
        object was made); None with no reading, or under MIN_WINDOW seconds since the last."""
        since = self._since
        if since is None or time.monotonic() - since.wall < MIN_WINDOW:  # not due: nothing read
            return None
        now = read_cpu_times()
        if now is None:
            return None
        self._since = now
        return max(0.0, ((now.busy - since.busy) - (now.own - since.own)) / (now.wall - since.wall))


def training_threads(most: int, others: float) -> int:
    """The training threads for a machine where other programs keep `others` cores busy: `most`
    (PyTorch's default, one a core) less one for each core they hold, at least one."""
    return max(1, min(most, round(most - others)))
