"""TensorBoard event files for a run, written from the engine's events into the run folder, so
`tensorboard --logdir <runs root>` shows our runs beside others.

A consumer of the events, not part of the engine: the CLI's loop and the window's training
thread hand it every event the engine yields. It needs the optional `tensorboard` package
(torch.utils.tensorboard writes with it).
"""
from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..runs.branchlog import BranchSample
from ..runs.events import TERMINAL, BatchEnd, EpochEnd, RunStarted
from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..common.text import error_line, printable

EXTRA = "tensorboard"
FLUSH_SECONDS = 5  # a TensorBoard watching the folder sees a live run this late at most
HISTOGRAM_SECONDS = 10.0  # a sample's ~160 histograms are written at most this often (their cost stays far below 1%)
STOPPED = QT_TRANSLATE_NOOP("Core", "TensorBoard logging stopped: {reason}")


def missing_package() -> str | None:
    """One line naming the extra to install when the tensorboard package is not installed."""
    if importlib.util.find_spec("tensorboard") is None:
        return Message(QT_TRANSLATE_NOOP("Core", "TensorBoard logs need the tensorboard package: {command}"),
                       command=f'pip install "googlenet-studio[{EXTRA}]"')
    return None


class TensorBoardLog:
    """Writes a run's scalars with torch.utils.tensorboard's SummaryWriter: per batch the loss,
    accuracy and learning rate at the global step; per epoch the train and validation loss and
    accuracy, the top-5 validation accuracy, each class's validation accuracy (from the epoch's
    confusion matrix), the learning rate and the epoch's seconds, at the step where the epoch ended;
    per sampled step (core/training/branch_stats.py; at most every HISTOGRAM_SECONDS), for each part
    (block, Inception branch, classifier) a histogram of each figure over its filters or channels:
    `gradient_norm/inception3a.branch2`.

    write() never raises: a failed write (a full disk) ends the logging, `problem` says why, and
    the training goes on.
    """

    def __init__(self, run_dir: str | Path):
        self.run_dir = Path(run_dir)
        self.problem: str | None = None
        self._writer: Any = None
        self._class_tags: list[str] = []
        self._histograms_at: float | None = None  # time.monotonic() of the last histograms written

    def write(self, event: Any) -> None:
        if self.problem is not None:
            return
        try:
            self._write(event)
        except Exception as exc:  # noqa: BLE001 - logging must never end a training
            self.problem = Message(STOPPED, reason=error_line(exc, 150))
            self.close()

    def close(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.close()
            except Exception as exc:  # noqa: BLE001
                self.problem = self.problem or Message(STOPPED, reason=error_line(exc, 150))

    def _write(self, event: Any) -> None:
        if isinstance(event, RunStarted):
            self._open(event)
            return
        writer = self._writer
        if writer is None:
            return
        if isinstance(event, BatchEnd):
            writer.add_scalar("batch/loss", event.loss, event.step)
            writer.add_scalar("batch/accuracy", event.accuracy, event.step)
            writer.add_scalar("batch/learning_rate", event.lr, event.step)
        elif isinstance(event, EpochEnd):
            writer.add_scalar("epoch/train_loss", event.train_loss, event.step)
            writer.add_scalar("epoch/train_accuracy", event.train_accuracy, event.step)
            if event.val_loss is not None and event.val_accuracy is not None:
                writer.add_scalar("epoch/val_loss", event.val_loss, event.step)
                writer.add_scalar("epoch/val_accuracy", event.val_accuracy, event.step)
            if event.val_top5 is not None:
                writer.add_scalar("epoch/val_top5_accuracy", event.val_top5, event.step)
            writer.add_scalar("epoch/learning_rate", event.lr, event.step)
            writer.add_scalar("epoch/seconds", event.time, event.step)
            for tag, accuracy in zip(self._class_tags, per_class_accuracy(event.confusion)):
                if accuracy is not None:
                    writer.add_scalar(tag, accuracy, event.step)
            writer.flush()
        elif isinstance(event, BranchSample) and event.channels and self._histograms_due():
            for statistic, per_part in event.channels.items():
                for part, values in zip(event.parts, per_part):
                    finite = values[np.isfinite(values)] if len(values) else values
                    if len(finite):
                        writer.add_histogram(f"{statistic}/{part}", finite, event.step)
        elif isinstance(event, TERMINAL):
            self.close()

    def _histograms_due(self) -> bool:
        now = time.monotonic()
        if self._histograms_at is not None and now - self._histograms_at < HISTOGRAM_SECONDS:
            return False
        self._histograms_at = now
        return True

    def _open(self, event: RunStarted) -> None:
        from torch.utils.tensorboard import SummaryWriter

        self.close()  # a second run into the same log (never from the engine, but cheap to allow)
        step = event.position.step
        # A resumed run hides what a killed earlier run logged beyond the checkpoint it resumes from.
        self._writer = SummaryWriter(log_dir=str(self.run_dir), purge_step=step + 1 if step else None,
                                     flush_secs=FLUSH_SECONDS)
        # numbered, so TensorBoard lists the classes in their order; "/" would nest a tag
        self._class_tags = [f"per_class_accuracy/{i:0{len(str(len(event.class_names)))}d} "
                            f"{printable(name, 60).replace('/', '-')}" for i, name in enumerate(event.class_names)]
        settings = "\n".join(f"| {k} | {json.dumps(v)} |" for k, v in event.config.items())
        self._writer.add_text("settings", f"| setting | value |\n| --- | --- |\n{settings}\n\ndevice: {event.device} "
                              f"({event.precision}), {event.train_size} training / {event.val_size} validation images",
                              step)


def per_class_accuracy(confusion: list[list[int]] | None) -> list[float | None]:
    """Each class's share of its validation images classified right (None for a class with none),
    from a confusion matrix whose rows are the true classes."""
    if not confusion:
        return []
    return [row[i] / sum(row) if sum(row) else None for i, row in enumerate(confusion)]
