"""How each part learns, from the window: the samples a run's training loop takes
(core.runs.branchlog.BranchSample events, core/training/branch_stats.py) gathered and shown as a
heat strip; a resumed run's earlier samples, and an opened run's, read back from its folder's
branch_stats.jsonl on the pool."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from ...core.runs.branchlog import BranchHistory, BranchStatsFile
from ..jobs import JobSlot
from ..panels.branch_stats_panel import BranchStatsPanel
from ..words import failure


class BranchStatsController(QObject):
    def __init__(self, panel: BranchStatsPanel, parent: QObject | None = None):
        super().__init__(parent)
        self.panel = panel
        self.history = BranchHistory()
        self.read_job = JobSlot()  # the history read back: a read of another run's file, still on its way, is dropped

    def follow_run(self, started: Any) -> None:
        """A run started (core.runs.events.RunStarted): a resumed one's samples up to where it resumes
        are read back from its folder; its new ones come as events (`add`)."""
        self.history = BranchHistory()
        self.read_job.cancel()
        self.panel.show_message("")
        self.panel.show_history(self.history)
        if started.run_dir and started.position.step > 0:
            self._read(Path(started.run_dir), started.position.step)

    def add(self, samples: list) -> None:
        """The run's newest BranchSamples: added and shown."""
        for sample in samples:
            self.history.add(sample)
        if samples:
            self.panel.show_history(self.history)

    def show_run(self, run_dir: Path) -> None:
        """Show what an opened run's folder holds (no run is followed)."""
        self.history = BranchHistory()
        self.read_job.cancel()
        self.panel.show_history(self.history)
        self._read(Path(run_dir), None)

    def _read(self, run_dir: Path, up_to: int | None) -> None:
        def read(report: Any, cancel: Any) -> BranchHistory:
            return BranchStatsFile(run_dir).read()

        def done(history: BranchHistory) -> None:
            merged = BranchHistory()
            for sample in history.samples:  # the samples of a killed run beyond the resume point are not this run's
                if up_to is None or sample.step <= up_to:
                    merged.add(sample)
            for sample in self.history.samples:  # what came while reading
                merged.add(sample)
            self.history = merged
            self.panel.show_history(merged)
            if history.skipped:
                self.panel.show_message(lambda: self.tr("%n damaged line(s) of branch_stats.jsonl left out.", "",
                                                        history.skipped))

        def failed(message: str) -> None:
            self.panel.show_message(failure(message, lambda m: self.tr("Cannot read branch_stats.jsonl: {0}").format(m)))

        self.read_job.start(read, on_result=done, on_error=failed)  # a newer read (another run) replaces it
