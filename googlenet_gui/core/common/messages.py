"""The core's sentences as data: an English template with named fields, and the values put in it.

A `Message` is the English sentence itself, a `str`: the CLI prints it, logs store it, and the
core compares, joins and slices it as before. It also keeps its template and values, so that the
window can say it in another language: it looks the template up in its translations (context
"Core") and puts the same values in (ui/words.py). A value may be a Message itself (a reason inside
a sentence), which is translated too; names (files, classes, runs) and numbers stay as they are.

    raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: file not found"), name=name))

Templates are marked with QT_TRANSLATE_NOOP("Core", "..."), which pyside6-lupdate collects
(scripts/translations.py feeds it this package); here it is the no-op it is in Qt, since the core
never imports Qt. A template is a plain string literal (never an f-string) and names its fields.

Plain Python only: the window imports this before PyTorch has loaded.
"""
from __future__ import annotations

from typing import Any

CONTEXT = "Core"  # the translations' context of every template


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for Qt's extractor (pyside6-lupdate) and returns it unchanged."""
    return text


class Message(str):
    """An English sentence made from `template` and `values`; str() of it is that sentence."""

    template: str
    values: dict[str, Any]
    clause: bool  # said inside another sentence: without its full stop

    def __new__(cls, template: str, /, **values: Any) -> Message:
        return cls._made(template, values, False)

    @classmethod
    def _made(cls, template: str, values: dict[str, Any], clause: bool) -> Message:
        english = template.format(**values)
        message = super().__new__(cls, english.rstrip(".") if clause else english)
        message.template, message.values, message.clause = template, values, clause
        return message

    def as_clause(self) -> Message:
        """This sentence inside another one: without its full stop (in every language)."""
        return Message._made(self.template, self.values, True)

    def __reduce__(self) -> tuple:  # copies and pickles keep the template and values
        return Message._made, (self.template, self.values, self.clause)


def message_of(exc: BaseException) -> str:
    """What an exception says: the Message it was raised with (the window translates it), else str(exc)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Message) else str(exc)


def as_clause(text: str) -> str:
    """`text` inside another sentence, without its full stop: a Message stays one."""
    return text.as_clause() if isinstance(text, Message) else text.rstrip(".")
