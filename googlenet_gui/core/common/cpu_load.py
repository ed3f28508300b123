"""How many CPUs other programs keep busy, and how many training threads pay then.

PyTorch's CPU threads meet at the end of every parallel operator. When another program holds a
CPU the threads need, a thread that has finished its share waits, spinning, for one that is not
running, at every operator. `python benchmarks/busy_cpu.py` (AMD EPYC, 2 cores, one busy loop per
core): two training threads ran at 0.14 of their quiet speed, one thread at 0.42. So while other
programs hold CPUs, a run on PyTorch's default thread count (one per physical core) trains on no
more threads than there are CPUs left for it (engine: `_Run.fit_threads`), and goes back up when
they let go. The CPUs are the logical ones this process may run on (its affinity): with two
hardware threads a core, a program on one of them leaves the training threads their cores.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

from .messages import QT_TRANSLATE_NOOP

# Readings closer together than this are too few clock ticks (10 ms each) apart to tell a busy core.
MIN_WINDOW = 2.0
# What a run says when its thread count changes (the window's status bar, the CLI's stderr).
THREADS_CHANGED = QT_TRANSLATE_NOOP("Core", "other programs keep {cpus:.1f} CPUs busy: training goes on with {threads} "
                                            "of its {most} threads")


@dataclass(frozen=True)
class CpuTimes:
    busy: float  # seconds every CPU spent on anything but idling, since boot (steal included)
    own: float  # this process's CPU seconds, all its threads
    wall: float  # time.monotonic()


def allowed_cpus() -> frozenset[int] | None:
    """The logical CPUs this process may run on; None where the system does not say (not Linux)."""
    try:
        return frozenset(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return None


def read_cpu_times(cpus: frozenset[int] | None = None, stat_path: str = "/proc/stat") -> CpuTimes | None:
    """The busy time of `cpus` (every CPU where None) and this process's CPU time, now; None where
    /proc/stat cannot be read (not Linux) or lists none of `cpus`."""
    try:
        with open(stat_path, encoding="ascii") as stat:
            lines = [line.split() for line in stat if line.startswith("cpu")]
        busy_ticks = 0
        found = False
        for fields in lines:
            number = fields[0][3:]  # "" for "cpu" (every CPU together), N for "cpuN"
            wanted = not number if cpus is None else number.isdigit() and int(number) in cpus
            if wanted:
                ticks = [int(value) for value in fields[1:9]]  # user nice system idle iowait irq softirq steal
                if len(ticks) < 5:
                    return None
                busy_ticks += sum(ticks) - ticks[3] - ticks[4]  # guest time is counted within user already
                found = True
        if not found:
            return None
    except (OSError, ValueError, IndexError):
        return None
    times = os.times()
    return CpuTimes(busy_ticks / os.sysconf("SC_CLK_TCK"), times.user + times.system, time.monotonic())


class CpuLoad:
    """The CPUs (of those this process may use) other programs kept busy between two readings, on average."""

    def __init__(self) -> None:
        self.cpus = allowed_cpus()
        self.count = len(self.cpus) if self.cpus else (os.cpu_count() or 1)  # logical CPUs to train on
        self._since = read_cpu_times(self.cpus)

    def others(self) -> float | None:
        """CPUs that programs other than this one kept busy since the last answer (or since this
        object was made); None with no reading, or under MIN_WINDOW seconds since the last."""
        since = self._since
        if since is None or time.monotonic() - since.wall < MIN_WINDOW:  # not due: nothing read
            return None
        now = read_cpu_times(self.cpus)
        if now is None:
            return None
        self._since = now
        return max(0.0, ((now.busy - since.busy) - (now.own - since.own)) / (now.wall - since.wall))


def training_threads(most: int, others: float, cpus: int) -> int:
    """The training threads where other programs keep `others` of this process's `cpus` logical CPUs
    busy: `most` (PyTorch's default, one a physical core) while enough CPUs are free, else one for each
    CPU left, at least one. Without hardware threads (`cpus` == `most`): one thread fewer for each CPU
    they hold."""
    return max(1, min(most, round(cpus - others)))
