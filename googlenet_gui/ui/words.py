"""The window's words for things the core describes in English: a run's position, which weights
answer. The core keeps its English descriptions (the CLI prints them); the window says them in
the language installed now, from the same facts.

A text a panel is given to keep on screen is a `Text`: a plain string (a name, a message from the
core) or a function of no arguments that words it in the language installed now, holding the facts
it needs. A panel keeps it and says it again when the language changes (`say`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from PySide6.QtCore import QCoreApplication

Text = Union[str, Callable[[], str]]


def say(text: Text) -> str:
    """`text` in the language installed now."""
    return text() if callable(text) else text


def describe_position(position: Any) -> str:
    """A core.events.Position: 'before training', 'after epoch 3' or 'epoch 4, batch 17 of 50'."""
    if position.batches_done:
        return QCoreApplication.translate("Words", "epoch {0}, batch {1} of {2}").format(
            position.epochs_done + 1, position.batches_done, position.steps_per_epoch)
    if position.epochs_done:
        return QCoreApplication.translate("Words", "after epoch {0}").format(position.epochs_done)
    return QCoreApplication.translate("Words", "before training")


def position_where(position: Any) -> str:
    """For a sentence: 'before training', 'after epoch 3' or 'at epoch 4, batch 17 of 50'."""
    if position.batches_done:
        return QCoreApplication.translate("Words", "at epoch {0}, batch {1} of {2}").format(
            position.epochs_done + 1, position.batches_done, position.steps_per_epoch)
    return describe_position(position)


def describe_checkpoint(name: str, position: Any) -> str:
    """As core.checkpoint.Checkpoint.describe: 'best.pt (after epoch 3)'; a file of weights alone
    (an export, which has no position) is just its name."""
    if not position.step:
        return name
    return QCoreApplication.translate("Words", "{0} ({1})").format(name, describe_position(position))


@dataclass(frozen=True)
class WeightsFacts:
    """Which weights answered, as facts rather than words: a result keeps them, so that it says
    them again in another language. Plain values only (never the network itself)."""

    name: str = ""  # a checkpoint file's name
    position: Any = None  # the core.events.Position the weights are from (a live run's, a checkpoint's)
    trained: bool = True
    description: str = ""  # the core's own words ("untrained weights", a weights-only file's)
    copied_ago: float | None = field(default=None, compare=False)  # a live run's copy: its age at the answer

    @classmethod
    def of(cls, predictor: Any) -> WeightsFacts:
        """The facts of a core.predict.Predictor, now (a live run's copy is this old now)."""
        taken_at = getattr(predictor, "taken_at", None)
        return cls(getattr(predictor, "name", ""), getattr(predictor, "position", None), predictor.trained,
                   predictor.description, None if taken_at is None else time.monotonic() - taken_at)

    def describe(self) -> str:
        """Untrained, a live run's ('live weights, epoch 2, batch 5 of 50') or a checkpoint's ('best.pt (after epoch 3)')."""
        if self.name:
            if self.position is None:
                return self.name
            return QCoreApplication.translate("Words", "{0} ({1})").format(self.name, describe_position(self.position))
        if self.position is not None:
            return QCoreApplication.translate("Words", "live weights, {0}").format(describe_position(self.position))
        if not self.trained:
            return QCoreApplication.translate("Words", "untrained weights")
        return self.description

    def with_age(self) -> str:
        """As a result says which weights answered: a live run's copy says how old it was."""
        if self.copied_ago is None:
            return self.describe()
        return QCoreApplication.translate("Words", "{0}, copied {1:.0f} s before").format(
            self.describe(), self.copied_ago)


def describe_weights(predictor: Any) -> str:
    """Which weights a core.predict.Predictor holds: untrained, a live run's, or a checkpoint's."""
    return WeightsFacts.of(predictor).describe()
