"""The window's words for things the core describes in English: a run's position, which weights
answer, and every sentence the core says (a core.common.messages.Message: an error, a problem, a note).
The core keeps its English (the CLI prints it); the window says it in the language installed now,
from the same facts.

A text a panel is given to keep on screen is a `Text`: a plain string (a name), a core Message, or
a function of no arguments that words it in the language installed now, holding the facts it
needs. A panel keeps it and says it again when the language changes (`say`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from PySide6.QtCore import QCoreApplication

from ..core.common.messages import CONTEXT, Message

Text = Union[str, Callable[[], str]]


def say(text: Text) -> str:
    """`text` in the language installed now: a core Message translated, a function called, a name as it is."""
    if callable(text):
        return text()
    return translated(text) if isinstance(text, Message) else text


def image_name(source: str) -> str:
    """An image as the window names it, on one line: a file by its name; image data kept from a paste or
    a drop (its source is a Message, "clipboard 3", which is also its key) in the language installed now."""
    from ..core.common.text import display_name, printable

    return printable(translated(source), 100) if isinstance(source, Message) else display_name(source)


def failure(message: str, lead: Callable[[str], str]) -> Text:
    """A failed job's line (ui/jobs.py) as the window says it: the core's Message as it is (it names what
    failed and why, in the language installed now), any other error's own English after `lead`, which
    words a start for it in the language installed now ("Cannot open best.pt: {0}")."""
    return message if isinstance(message, Message) else (lambda: lead(message))


def translated(message: Message) -> str:
    """A core Message in the language installed now: its template's translation with the same values put in
    (a value that is a Message is translated too; names and numbers stay as they are)."""
    values = {key: translated(value) if isinstance(value, Message) else value for key, value in message.values.items()}
    template = QCoreApplication.translate(CONTEXT, message.template)
    try:
        text = template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation whose fields differ: its English, rather than nothing
        text = message.template.format(**values)
    return text.rstrip(".。") if message.clause else text


def describe_position(position: Any) -> str:
    """A core.runs.events.Position: 'before training', 'after epoch 3' or 'epoch 4, batch 17 of 50'."""
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
    """As core.runs.checkpoint.Checkpoint.describe: 'best.pt (after epoch 3)'; a file of weights alone
    (an export, which has no position) is just its name."""
    if not position.step:
        return name
    return QCoreApplication.translate("Words", "{0} ({1})").format(name, describe_position(position))


@dataclass(frozen=True)
class WeightsFacts:
    """Which weights answered, as facts rather than words: a result keeps them, so that it says
    them again in another language. Plain values only (never the network itself)."""

    name: str = ""  # a checkpoint file's name
    position: Any = None  # the core.runs.events.Position the weights are from (a live run's, a checkpoint's)
    trained: bool = True
    description: str = ""  # the core's own words ("untrained weights", a weights-only file's)
    copied_ago: float | None = field(default=None, compare=False)  # a live run's copy: its age at the answer

    @classmethod
    def of(cls, predictor: Any) -> WeightsFacts:
        """The facts of a core.inference.predict.Predictor, now (a live run's copy is this old now)."""
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
        return say(self.description)

    def with_age(self) -> str:
        """As a result says which weights answered: a live run's copy says how old it was."""
        if self.copied_ago is None:
            return self.describe()
        return QCoreApplication.translate("Words", "{0}, copied {1:.0f} s before").format(
            self.describe(), self.copied_ago)


def describe_weights(predictor: Any) -> str:
    """Which weights a core.inference.predict.Predictor holds: untrained, a live run's, or a checkpoint's."""
    return WeightsFacts.of(predictor).describe()


# ---------------------------------------------------------------- training settings

def setting_name(key: str) -> str:
    """A training setting (a core.runs.config.TrainConfig field) as the window names it (the training panel's
    labels, the Runs tab's differences), in the language installed now; a key it does not know (a later
    version's) as it is."""
    from ..core.runs.config import SETTINGS

    return say(Message(SETTINGS[key].label)) if key in SETTINGS else key


def dataset_title(key: str) -> str:
    """A dataset of the catalogue (core.data.catalog.SOURCES) as the training panel lists it."""
    from ..core.data.catalog import SOURCES

    return say(Message(SOURCES[key].title)) if key in SOURCES else key


def setting_value(key: str, value: Any) -> str:
    """A setting's value as the window words it: the training panel's names for a choice or a dataset, yes or
    no, a number as it is written; a name (a folder, a device) as it is."""
    from ..core.common.text import printable
    from ..core.runs.config import SETTINGS

    if value is None:
        return "–"
    if isinstance(value, bool):
        return QCoreApplication.translate("Settings", "yes") if value else QCoreApplication.translate("Settings", "no")
    if isinstance(value, float):
        return f"{value:g}"
    if key == "dataset" and isinstance(value, str):
        return printable(dataset_title(value), 100)
    if key in SETTINGS and SETTINGS[key].zero and value == 0:
        return say(Message(SETTINGS[key].zero))
    if key in SETTINGS and SETTINGS[key].choices and isinstance(value, str):
        return printable(say(Message(SETTINGS[key].choice_label(value))), 100)
    return printable(str(value), 100)
