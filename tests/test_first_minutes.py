"""What a new user tripped on in the first minutes (issue: daily use, second pass), each held to what it
should have been: what a drop says of every item, names of images without a counter glued on, the
Guide's title, examples to try Classify with, a recipe's optimizer named as the recipe names it,
every recipe in `train --help`, and a run that crawls on a busy computer says why."""
from __future__ import annotations

from pathlib import Path

from helpers import drop, file_mime, write_stripe_image
from PySide6.QtGui import QColor, QImage

from googlenet_gui import cli, resources_dir
from googlenet_gui.core.common.messages import QT_TRANSLATE_NOOP, Message
from googlenet_gui.core.runs.events import BatchEnd, Position, RunStarted
from googlenet_gui.ui.panels.progress_panel import ProgressPanel


def test_a_drop_counts_every_item_and_says_why_each_one_failed(window, qtbot, tmp_path):
    photo = resources_dir() / "examples" / "cat.jpg"
    garment = write_stripe_image(tmp_path / "shirt.png", vertical=True)
    notes = tmp_path / "notes.png"
    notes.write_text("a shopping list, not a picture")
    folder = tmp_path / "extra"
    folder.mkdir()
    screenshot = write_stripe_image(tmp_path / "screenshot.png", vertical=False, size=200, mode="RGB")
    drop(window, file_mime(photo, garment, notes, folder, screenshot))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 4 and panel.pending_count() == 0, timeout=60_000)
    said = panel.message_label.text()
    assert said.startswith("2 of 5 could not be classified: ")
    assert "notes.png: " in said and "not" in said.split("notes.png: ", 1)[1]  # the file, then why
    assert "extra is a folder" in said


def test_an_image_named_where_it_came_from_keeps_its_name_and_pastes_are_numbered(window, qtbot):
    image = QImage(40, 40, QImage.Format_RGB32)
    image.fill(QColor(200, 30, 30))
    named = Message(QT_TRANSLATE_NOOP("Core", "validation image {index} (true {name})"), index=5, name="Ankle boot")
    window.classify.classify_image(image, named)
    window.classify.classify_image(image)
    window.classify.classify_image(image)
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 3 and panel.pending_count() == 0, timeout=60_000)
    names = [row.name_label.text() for row in panel.rows()]
    assert names == ["clipboard 2", "clipboard 1", "validation image 5 (true Ankle boot)"]


def test_the_guide_s_title_does_not_repeat_the_app_s_name(window):
    window.menus.show_guide()
    assert window.menus.guide.windowTitle() == "Guide"  # the window system shows "Guide — GoogLeNet Studio"


def test_the_empty_classify_tab_offers_examples_to_try(window, qtbot):
    panel = window.classify_panel
    assert panel.examples_button.isVisibleTo(window)
    panel.examples_button.click()
    examples = sorted(p.name for p in (resources_dir() / "examples").iterdir() if p.suffix in (".png", ".jpg"))
    qtbot.waitUntil(lambda: panel.row_count() == len(examples) and panel.pending_count() == 0, timeout=60_000)
    assert sorted(Path(row.source).name for row in panel.rows()) == examples and len(examples) >= 6
    assert all(row.class_labels for row in panel.rows()) and not panel.examples_button.isVisibleTo(window)


def test_the_thorough_recipe_names_its_optimizer_as_the_box_does(window):
    panel = window.training_panel
    panel.choose_recipe("thorough")
    assert "AdamW" in panel.field("optimizer").currentText() and "AdamW" in panel.recipe_note.text()


def test_train_help_names_every_recipe(capsys):
    try:
        cli.main(["train", "--help"])
    except SystemExit:
        pass
    said = " ".join(capsys.readouterr().out.split())
    assert "tutorial:" in said and "fast:" in said and "thorough:" in said


def test_a_run_that_crawls_on_a_busy_computer_says_why(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.start_run(RunStarted({"epochs": 2}, "cpu", "bf16", 640, 64, ["a", "b"], 1, 100, 200, Position(0, 0, 100),
                               [], {}, None))

    def batch(step: int, speed: float) -> None:
        panel.update_batch(BatchEnd(1, step, 100, step, 200, 1.0, 0.5, 1e-3, speed))

    for step, speed in enumerate((40.0, 300.0, 290.0, 310.0), start=1):  # the first pays for warming up
        batch(step, speed)
    assert not panel.slow_label.isVisible()
    batch(5, 20.0)  # one slow update (a checkpoint's save): nothing said yet
    assert not panel.slow_label.isVisible()
    batch(6, 15.0)
    assert panel.slow_label.isVisible() and "310 images/s" in panel.slow_label.text()
    assert "busy" in panel.slow_label.text()
    batch(7, 305.0)
    assert not panel.slow_label.isVisible()
