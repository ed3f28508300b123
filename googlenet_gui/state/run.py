"""The run the plots, the progress box and the Run tab show: nothing, this window's training, a run
folder another process writes (the CLI, a torchrun child) or an opened checkpoint.

One source feeds it at a time (`show`, then `add` the engine's events as they come, then `end`);
the views observe its signals and never ask where the events came from. What it has shown is kept
(`started`, `last_batch`, `epochs`, `status`), so a view that asks later gets the same answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from psygnal import Signal

from ..core.runs.events import BatchEnd, CheckpointSaved, EpochEnd, Position, RunStarted

# where the run shown comes from
TRAINING, FOLLOWING, OPENED = "training", "following", "opened"
# its status
RUNNING, PAUSED, FINISHED, STOPPED, FAILED, SAVED = "running", "paused", "finished", "stopped", "failed", "saved"


@dataclass(frozen=True)
class Shown:
    """A run as it begins to be shown: the engine's RunStarted (or one made from a checkpoint or a log),
    how long it had been going, and where its learning rate stood (an opened checkpoint's)."""

    source: str
    started: RunStarted
    elapsed: float = 0.0  # seconds it had trained before it was shown
    lr: float | None = None
    # the run folder's checkpoints saved before: "last"/"best" -> (path, its Position when known)
    checkpoints: dict[str, tuple[str, Any]] = field(default_factory=dict)
    path: Path | None = None  # the checkpoint shown, when it is one (OPENED)


class RunView:
    cleared = Signal()  # nothing is shown now (a new run)
    shown = Signal(object)  # Shown: a run begins to be shown, with its history
    session = Signal(object, float)  # RunStarted, seconds since: the run shown was resumed (a followed one)
    batches = Signal(list)  # BatchEnd, in order
    epochs_ended = Signal(list)  # EpochEnd, in order
    checkpoint_saved = Signal(object)  # CheckpointSaved
    status_changed = Signal(str, object)  # the status, and how long the run trained (seconds) when it ends

    def __init__(self) -> None:
        self.source: str | None = None
        self.started: RunStarted | None = None
        self.last_batch: BatchEnd | None = None
        self.epochs: list[EpochEnd] = []
        self.status: str | None = None

    @property
    def run_dir(self) -> Path | None:
        return Path(self.started.run_dir) if self.started is not None and self.started.run_dir else None

    def clear(self) -> None:
        self.source = self.started = self.last_batch = self.status = None
        self.epochs = []
        self.cleared.emit()

    def show(self, shown: Shown, status: str = RUNNING) -> None:
        """Begin showing a run (its earlier epochs and batches are in `shown.started`)."""
        self.source, self.started, self.last_batch = shown.source, shown.started, None
        self.epochs = list(shown.started.history)
        self.status = status
        self.shown.emit(shown)

    def show_session(self, started: RunStarted, elapsed: float = 0.0) -> None:
        """The run shown goes on in a new session (a followed run was resumed), `elapsed` seconds ago."""
        self.started, self.status = started, RUNNING
        self.session.emit(started, elapsed)

    def add(self, events: list[Any]) -> None:
        """The run's newest events, in order. However many there are (a long log read at once), each view
        hears once of the batches and once of the epochs among them, in the order the last of each came."""
        batches, epochs, batches_last = [], [], False
        for event in events:
            if isinstance(event, BatchEnd):
                batches.append(event)
                batches_last = True
            elif isinstance(event, EpochEnd):
                epochs.append(event)
                batches_last = False
        if batches:
            self.last_batch = batches[-1]
        self.epochs.extend(epochs)
        order = [(self.epochs_ended, epochs), (self.batches, batches)]
        for signal, items in order if batches_last else reversed(order):
            if items:
                signal.emit(items)
        for event in events:
            if isinstance(event, CheckpointSaved):
                self.checkpoint_saved.emit(event)

    def set_status(self, status: str, trained: float | None = None) -> None:
        """Running, paused, or ended (finished, stopped, failed) after `trained` seconds of training."""
        self.status = status
        self.status_changed.emit(status, trained)


def shown_checkpoint(path: Path, checkpoint: Any) -> Shown:
    """An opened checkpoint (core.runs.checkpoint.Checkpoint) as the run it is from, where it stopped."""
    config = checkpoint.train_config.to_dict() if checkpoint.train_config is not None else {}
    position: Position = checkpoint.position
    epochs = max(int(config.get("epochs") or 0), position.epochs_done + (1 if position.batches_done else 0), 1)
    config["epochs"] = epochs
    steps = max(position.steps_per_epoch, 1)
    started = RunStarted(config=config, device=str(config.get("device", "–")), precision=str(config.get("precision", "–")),
                         train_size=0, val_size=0, class_names=list(checkpoint.class_names),
                         channels=checkpoint.model_config.in_channels, steps_per_epoch=steps, total_steps=steps * epochs,
                         position=position, history=list(checkpoint.history),
                         batch_history={k: list(v) for k, v in checkpoint.batch_history.items()},
                         run_dir=str(path.parent))
    resume = checkpoint.resume
    trained = sum(e.time for e in checkpoint.history) + (resume.epoch_time if resume is not None else 0.0)
    lr = None
    if resume is not None:
        groups = resume.optimizer.get("param_groups") if isinstance(resume.optimizer, dict) else None
        if groups and isinstance(groups[0], dict) and isinstance(groups[0].get("lr"), (int, float)):
            lr = float(groups[0]["lr"])
    if lr is None and checkpoint.history:
        lr = checkpoint.history[-1].lr
    saved = {}
    for kind in ("last", "best"):  # the run folder's checkpoints, as the Run tab shows them during a run
        other = path.parent / f"{kind}.pt"
        if other == path:
            saved[kind] = (str(path), position)
        elif other.is_file():
            saved[kind] = (str(other), None)
    return Shown(OPENED, started, trained, lr, saved, Path(path))
