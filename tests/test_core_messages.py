"""The core's sentences as data (core/common/messages.py): every template the code marks is in the Chinese
translation, finished and with exactly the fields of the English (so the window's .format never fails);
the core's errors are raised with a Message, whose str() is the English the CLI prints; and the window
says a Message in the language installed now."""
from __future__ import annotations

import ast
import copy
import pickle
import re
import string
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from googlenet_gui.core.common.messages import QT_TRANSLATE_NOOP, Message, as_clause, message_of
from googlenet_gui.core.common.text import error_line

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "googlenet_gui"
TS = ROOT / "resources" / "i18n" / "googlenet_studio_zh_CN.ts"
# The core's own error classes: the window says them in its language, so each is raised with a Message.
# Not here: DistributedError (only torchrun's processes meet it, and print it), ClassNameError (the window
# words it from its `code`), and ValueErrors that say how the core was misused (a wrong argument).
CORE_ERRORS = {"ConfigError", "DataError", "DatasetError", "ImageLoadError", "CheckpointError", "WeightsError",
               "DownloadError", "ExportError", "NotesError", "DeviceError", "RunFolderBusy", "InputTooSmallError",
               "TrainingFault"}
# English a Chinese sentence keeps: names of things, units, code.
KEPT = {"batchnorm", "nan", "googlenet", "studio", "python", "pickle", "state_dict", "model_state", "class_names",
        "val_top5", "idx", "cifar", "mib", "tensorboard", "true", "false", "float16", "cuda", "sgd", "bf16", "fp16",
        "channels", "last", "pip", "install", "cpu", "adam", "adamw", "float32", "sapphire", "rapids",
        # the command line's values, named in a setting's help: sample, cifar10, fashion-mnist, mnist, folder, mps, val/
        "sample", "cifar10", "fashion", "mnist", "folder", "mps", "val", "bfloat16", "gpu",
        "sne",  # t-SNE, the feature map's projection
        "imagenet", "torchvision", "sha", "conv1", "inception3a", "head", "block5", "block2", "blockn", "all"}


def marked_templates() -> dict[str, list[str]]:
    """Every text marked QT_TRANSLATE_NOOP in the package, by context, where it is marked."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP":
                context, text = node.args
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                assert isinstance(context, ast.Constant) and isinstance(text, ast.Constant), \
                    f"{where}: a plain string literal, never an f-string (lupdate reads the literal)"
                found.setdefault(context.value, []).append(text.value)
    return found


def translations(context: str) -> dict[str, tuple[str | None, str | None]]:
    """source -> (translation, its type: None when finished) of one context of the .ts file."""
    for ctx in ET.parse(TS).iter("context"):
        if ctx.findtext("name") == context:
            return {m.findtext("source"): (m.find("translation").text, m.find("translation").get("type"))
                    for m in ctx.iter("message")}
    return {}


def fields(template: str) -> Counter:
    """The {fields} of a template with their conversion and format: what .format needs and how it writes it."""
    return Counter((name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(template)
                   if name is not None)


def sample_values(template: str) -> dict[str, object]:
    return {name: 1234.5 if spec else "x" for name, _, spec in fields(template)}


# ---------------------------------------------------------------------------- the translation

def test_every_template_has_a_finished_chinese_translation_with_the_same_fields():
    core = set(marked_templates()["Core"])  # one context for every sentence of the core (plot_menus.py marks pyqtgraph's)
    assert len(core) > 200
    chinese = translations("Core")
    for template in sorted(core):
        assert template in chinese, f"not in the .ts (run scripts/translations.py): {template!r}"
        text, kind = chinese[template]
        assert kind is None and text and text.strip(), f"unfinished: {template!r}"
        assert fields(text) == fields(template), (template, text)
        values = sample_values(template)
        assert text.format(**values) and template.format(**values)  # the window formats either with the same values
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_]{2,}", re.sub(r"\{[^{}]*\}", " ", text))
                 if w.lower() not in KEPT]
        assert words == [], f"English left in the Chinese of {template!r}: {text!r}"
    assert set(chinese) == core  # nothing stale (lupdate's -no-obsolete drops what the code no longer marks)


def test_the_core_raises_its_own_errors_with_a_message():
    """A plain string (an f-string) would reach the Chinese window in English."""
    plain = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and \
                    getattr(node.exc.func, "id", None) in CORE_ERRORS and node.exc.args:
                first = node.exc.args[0]
                if isinstance(first, (ast.Constant, ast.JoinedStr)):
                    plain.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert plain == []


# ---------------------------------------------------------------------------- a Message

def test_a_message_is_its_english_sentence_and_keeps_what_made_it():
    message = Message(QT_TRANSLATE_NOOP("Core", "{name}: image too large ({width}x{height} pixels; the limit is "
                                                "{limit:,} pixels)"), name="big.png", width=20000, height=9000,
                      limit=89_478_485)
    assert message == "big.png: image too large (20000x9000 pixels; the limit is 89,478,485 pixels)"
    assert type(str(message)) is str and str(message) == message and f"{message}" == message
    for kept in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
        assert isinstance(kept, Message) and kept == message and kept.values == message.values

    failure = Message(QT_TRANSLATE_NOOP("Core", "{failure}. The last good checkpoint is kept."),
                      failure=as_clause(Message(QT_TRANSLATE_NOOP(
                          "Core", "loss became NaN at epoch {epoch}, batch {batch}; training stopped. Try a lower "
                                  "learning rate."), epoch=3, batch=7)))
    assert failure == ("loss became NaN at epoch 3, batch 7; training stopped. Try a lower learning rate. "
                       "The last good checkpoint is kept.")
    assert as_clause("disk full.") == "disk full"


def test_an_error_keeps_its_message_and_says_the_english_the_cli_prints():
    from googlenet_gui.core.runs.config import ConfigError, TrainConfig

    with pytest.raises(ConfigError) as raised:
        TrainConfig(limit_train=0).validate()
    said = message_of(raised.value)
    assert isinstance(said, Message) and isinstance(said.values["setting"], Message)  # a nested noun, translated too
    assert str(raised.value) == said == "Training images used must be between 1 and 2,147,483,647"
    assert error_line(raised.value) is said  # the window's jobs get the Message itself
    assert not isinstance(message_of(OSError(2, "No such file or directory")), Message)


def test_the_window_says_a_message_in_the_language_installed_now(qapp):
    from googlenet_gui.core.runs.config import ConfigError, TrainConfig
    from googlenet_gui.ui import i18n
    from googlenet_gui.ui.words import say

    with pytest.raises(ConfigError) as raised:
        TrainConfig(limit_train=0).validate()
    said = message_of(raised.value)
    i18n.install("zh_CN")
    try:
        assert say(said) == "使用的训练图像数必须在 1 到 2,147,483,647 之间"  # the setting named in Chinese too
        clause = Message(QT_TRANSLATE_NOOP("Core", "{failure}. The last good checkpoint is kept."),
                         failure=as_clause(Message(QT_TRANSLATE_NOOP("Core", "cannot write to {where}: {what}."),
                                                   where="/runs/a", what=Message(QT_TRANSLATE_NOOP("Core", "disk full")))))
        assert say(clause) == "无法写入 /runs/a：磁盘已满。最后一个正常的检查点已保留。"  # one full stop, not two
        assert say("best.pt") == "best.pt"  # a name stays as it is
    finally:
        i18n.install("en")
    assert say(said) == said
