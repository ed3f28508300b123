"""Recipes: the Tutorial recipe is the reference notebook's settings exactly, every promise is a
figure BENCHMARKS.md records, and the window and the CLI fill settings from a recipe."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from googlenet_gui.cli import build_parser
from googlenet_gui.cli.train import _config
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.recipes import FAST, RECIPES, TUTORIAL, recipe_of
from googlenet_gui.ui.panels.training_panel import TrainingPanel
from googlenet_gui.ui.words import setting_name

ROOT = Path(__file__).resolve().parents[1]
# The reference notebook: images resized to 96, batch 64, Adam(lr=1e-3) with no scheduler, 20 epochs,
# no augmentation (Resize + ToTensor + Normalize only), plain float32 training, no weight decay.
NOTEBOOK = {"input_size": 96, "batch_size": 64, "optimizer": "adam", "lr": 1e-3, "schedule": "none",
            "epochs": 20, "augment": False, "precision": "fp32", "weight_decay": 0.0, "label_smoothing": 0.0}


def test_the_tutorial_recipe_is_the_notebook_exactly():
    config = TUTORIAL.apply(TrainConfig(dataset="cifar10", seed=3))
    assert {name: getattr(config, name) for name in NOTEBOOK} == NOTEBOOK
    assert config.dataset == "cifar10" and config.seed == 3  # what is not a setting of the recipe stays
    assert recipe_of(config) is TUTORIAL and not TUTORIAL.matches(TrainConfig())


def test_every_promise_is_recorded_in_benchmarks_md():
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    promises = [p for recipe in RECIPES.values() for p in recipe.promises.values()]
    assert promises  # at least the measured one
    for promise in promises:
        section = promise.source.split(", ")[-1]
        assert f"## {section}" in text, promise.source
        body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
        assert f"{promise.accuracy * 100:.2f}%" in body and re.search(rf"\b{promise.seconds:.0f} s\b", body), promise


def test_a_promise_belongs_to_its_dataset_and_device_class():
    assert FAST.promise("fashion-mnist", "cpu").accuracy > 0.92
    assert FAST.promise("fashion-mnist", "cuda:0") is None  # not measured on a GPU: nothing promised
    assert FAST.promise("sample", "cpu") is None and TUTORIAL.promise("fashion-mnist", "cpu") is None


def test_choosing_a_recipe_in_the_window_fills_the_settings_and_editing_one_makes_it_custom(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.field("seed").setValue(7)
    panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("fashion-mnist"))
    panel.choose_recipe("fast")
    config = panel.config()
    assert FAST.matches(config) and config.input_size == 64 and config.batch_size == 128
    assert config.seed == 7 and config.dataset == "fashion-mnist"
    assert "92.2% in 4.7 min on 2 CPU core" in panel.recipe_note.text()  # (English plural forms: test_i18n)
    panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("sample"))
    assert panel.recipe_key() == "fast" and "Not measured yet" in panel.recipe_note.text()
    panel.field("lr").setValue(0.01)  # edited: the settings are the user's own now
    assert panel.recipe_key() == "" and panel.config().lr == pytest.approx(0.01)
    panel.choose_recipe("tutorial")
    assert TUTORIAL.matches(panel.config()) and panel.recipe_key() == "tutorial"


def test_a_recipe_s_promise_is_worded_in_the_language_of_the_window(qtbot):
    from PySide6.QtCore import QEvent, QCoreApplication

    from googlenet_gui.ui import i18n

    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("fashion-mnist"))
    panel.choose_recipe("fast")
    i18n.install("zh_CN")
    try:
        QCoreApplication.sendEvent(panel, QEvent(QEvent.LanguageChange))
        note = panel.recipe_note.text()
        assert "实测：在 2 个 CPU 核心（至强，Sapphire Rapids 级，bf16）上 4.7 分钟内达到 92.2%。" in note
        assert " in 4.7 min" not in note
        assert note.startswith("输入 64，批量大小 128，Adam 3e-3") and panel.recipe_combo.currentText() == "快速"
    finally:
        i18n.install("en")
        QCoreApplication.sendEvent(panel, QEvent(QEvent.LanguageChange))
    assert "Measured: 92.2% in 4.7 min on 2 CPU cores (Xeon, Sapphire Rapids class, bf16)." in panel.recipe_note.text()
    assert panel.recipe_combo.currentText() == "Fast"


def cli_config(*args: str) -> TrainConfig:
    return _config(build_parser().parse_args(["train", "--out", "x", *args]))


def test_the_cli_recipe_fills_settings_and_given_flags_override_it():
    assert recipe_of(cli_config("--recipe", "tutorial")) is TUTORIAL
    config = cli_config("--recipe", "fast", "--epochs", "2", "--dataset", "fashion-mnist")
    assert config.epochs == 2 and config.input_size == 64 and config.schedule == "onecycle"
    assert config.dataset == "fashion-mnist"
    plain = cli_config()
    assert plain == TrainConfig(data_dir=None)  # no recipe: the defaults, as before
    assert cli_config("--augment").augment is True
    given = cli_config("--recipe", "thorough", "--weight-decay", "0.01", "--label-smoothing", "0.2")
    assert (given.weight_decay, given.label_smoothing) == (0.01, 0.2) and recipe_of(given) is None


def test_every_setting_round_trips_through_the_panel_and_the_torchrun_command(qtbot, tmp_path):
    from googlenet_gui.core.training.distributed import prepare_launch

    panel = TrainingPanel()
    qtbot.addWidget(panel)
    config = TrainConfig(dataset="fashion-mnist", input_size=72, epochs=3, batch_size=32, optimizer="sgd", lr=0.05,
                         weight_decay=5e-4, schedule="cosine", augment=True, plain_last_epochs=2, label_smoothing=0.15, precision="fp32",
                         seed=4)
    panel.set_config(config)
    shown = panel.config()
    from googlenet_gui.core.runs.recipes import RECIPE_FIELDS

    assert {f: getattr(shown, f) for f in RECIPE_FIELDS} == {f: getattr(config, f) for f in RECIPE_FIELDS}
    assert {f: getattr(shown, f) for f in panel.setting_fields} == {f: getattr(config, f) for f in panel.setting_fields}
    for key in panel.setting_fields:  # each row is labelled with the setting's window name
        assert panel.row_label(key).text() == setting_name(key)
    panel.choose_recipe("thorough")
    panel.field("label_smoothing").setValue(0.2)  # a setting of every recipe, edited: Custom
    assert panel.recipe_key() == "" and panel.config().label_smoothing == pytest.approx(0.2)
    (tmp_path / "run").mkdir()
    command = prepare_launch(config, 2, tmp_path / "run")
    again = _config(build_parser().parse_args(command[command.index("train"):]))
    assert again == config  # every setting, through the file the child reads
