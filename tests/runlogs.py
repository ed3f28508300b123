"""Run folders written the way the engine writes them (through runlog.MetricsLog), without
training: for the runs index, the follower and the runs table. The *_event helpers make the
engine's events; the *_record ones the lines runlog makes of them, for logs written by hand."""
from __future__ import annotations

from pathlib import Path

from googlenet_gui.core.runs import runlog
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Position, RunStarted
from googlenet_gui.core.runs.runlog import MetricsLog


def started_event(config: TrainConfig, steps_per_epoch: int, position: Position | None = None) -> RunStarted:
    """A RunStarted as engine._Run.started_event makes it."""
    return RunStarted(config.to_dict(), "cpu", "fp32", steps_per_epoch * config.batch_size, 32, ["a", "b"], 1,
                      steps_per_epoch, steps_per_epoch * config.epochs, position or Position(0, 0, steps_per_epoch),
                      [], {}, None)


def batch_event(epoch: int, batch: int, per_epoch: int, epochs: int, loss: float = 1.0) -> BatchEnd:
    step = (epoch - 1) * per_epoch + batch
    return BatchEnd(epoch, batch, per_epoch, step, per_epoch * epochs, loss, 0.5, 1e-3, 100.0)


def epoch_event(epoch: int, per_epoch: int, val_accuracy: float | None, seconds: float = 2.0) -> EpochEnd:
    return EpochEnd(epoch, 1.0 / epoch, 0.5, None if val_accuracy is None else 0.9, val_accuracy, seconds, 1e-3,
                    epoch * per_epoch)


def started_record(config: TrainConfig, steps_per_epoch: int, position: Position | None = None) -> dict:
    """The run_started record as the engine logs it."""
    return runlog.started_record(started_event(config, steps_per_epoch, position))


def batch_record(epoch: int, batch: int, per_epoch: int, epochs: int, loss: float = 1.0) -> dict:
    return runlog.batch_record(batch_event(epoch, batch, per_epoch, epochs, loss))


def epoch_record(epoch: int, per_epoch: int, val_accuracy: float | None, seconds: float = 2.0) -> dict:
    return runlog.epoch_record(epoch_event(epoch, per_epoch, val_accuracy, seconds))


def write_run(folder: Path, epochs: int = 3, done: int | None = None, per_epoch: int = 4,
              val: list[float] | None = None, end: str | None = "finished", keep_open: bool = False,
              **settings) -> MetricsLog | None:
    """A run folder whose log holds `done` epochs of `epochs` (all by default), each of `per_epoch`
    batches, with validation accuracies `val`, then a terminal record `end` ("finished", "stopped"
    or None for a run that died). With keep_open the log stays open (and locked) and is returned."""
    done = epochs if done is None else done
    val = val if val is not None else [0.5 + 0.1 * i for i in range(done)]
    config = TrainConfig(epochs=epochs, **settings)
    log = MetricsLog(folder, None)
    log.started(started_event(config, per_epoch))
    for epoch in range(1, done + 1):
        for batch in range(1, per_epoch + 1):
            log.batch(batch_event(epoch, batch, per_epoch, epochs, loss=2.0 / (epoch * per_epoch + batch)))
        log.epoch(epoch_event(epoch, per_epoch, val[epoch - 1]))
    if end == "finished":
        log.finished(max(val) if val else None)
    elif end == "stopped":
        log.stopped(Position(done, 0, per_epoch))
    if keep_open:
        return log
    log.close()
    return None
