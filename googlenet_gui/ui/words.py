"""The window's words for things the core describes in English: a run's position, which weights
answer. The core keeps its English descriptions (the CLI prints them); the window says them in
the language installed now, from the same facts."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


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


def describe_weights(predictor: Any) -> str:
    """Which weights a core.predict.Predictor holds: untrained, a live run's, or a checkpoint's."""
    position = getattr(predictor, "position", None)
    name = getattr(predictor, "name", "")
    if name:
        if position is None:
            return name
        return QCoreApplication.translate("Words", "{0} ({1})").format(name, describe_position(position))
    if position is not None:
        return QCoreApplication.translate("Words", "live weights, {0}").format(describe_position(position))
    if not predictor.trained:
        return QCoreApplication.translate("Words", "untrained weights")
    return predictor.description
