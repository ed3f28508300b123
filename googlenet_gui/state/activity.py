"""What the app is busy with, and what the File and Train commands would act on: a training in this
window (and whether it is paused), a torchrun child, a followed folder, the checkpoint Start would
continue, the checkpoint opened, the current run's last.pt. The menus and buttons ask it whether a
command can run now (`can_*`); the controllers that start and end things tell it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psygnal import Signal


@dataclass(frozen=True)
class ResumeTarget:
    """A checkpoint Start would continue: its file, its settings (core TrainConfig) and where it stopped
    (core Position)."""

    path: Path
    config: Any
    position: Any


class Activity:
    changed = Signal()

    def __init__(self) -> None:
        self.training = False  # this window trains
        self.paused = False
        self.launching = False  # a torchrun child trains, started from this window
        self.following: Path | None = None  # a run folder another process writes, shown live
        self.resume: ResumeTarget | None = None  # what Start continues (None: Start begins a new run)
        self.opened: Path | None = None  # the checkpoint File > Open (or Runs > Open) read last
        self.run_checkpoint: Path | None = None  # the current run's last.pt, once saved

    # ------------------------------------------------------------ told

    def set_training(self, training: bool, paused: bool = False) -> None:
        self._set(training=training, paused=paused and training)

    def set_launching(self, launching: bool) -> None:
        self._set(launching=launching)

    def set_following(self, folder: Path | None) -> None:
        self._set(following=folder)

    def set_resume(self, target: ResumeTarget | None) -> None:
        self._set(resume=target)

    def set_opened(self, path: Path | None) -> None:
        self._set(opened=path)

    def set_run_checkpoint(self, path: Path | None) -> None:
        self._set(run_checkpoint=path)

    def _set(self, **values: object) -> None:
        if any(getattr(self, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(self, key, value)
            self.changed.emit()

    # ------------------------------------------------------------ asked

    @property
    def busy(self) -> bool:
        """Something trains: this window or a torchrun child it started."""
        return self.training or self.launching

    def can_start(self) -> bool:
        return not self.busy

    def can_pause(self) -> bool:
        return self.training

    def can_stop(self) -> bool:
        return self.busy

    def can_open(self) -> bool:
        """Open Checkpoint and Follow Run Folder: not while the plots show a run in progress."""
        return not self.busy

    def can_new_run(self) -> bool:
        """Train > New Run forgets a checkpoint that Start would continue or that answers."""
        return not self.busy and (self.resume is not None or self.opened is not None)

    def to_save(self) -> Path | None:
        """What Save Checkpoint As copies: the current run's last.pt, else the opened checkpoint."""
        return self.run_checkpoint or self.opened
