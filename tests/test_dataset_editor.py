"""The dataset editor (File > New Dataset / Edit Dataset) driven through its real widgets."""
import io
import os
import re
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from googlenet_gui.core.runs.events import Finished
from googlenet_gui.core.data.folder import REMOVED_FOLDER

COLOURS = {"red": (200, 40, 40), "green": (40, 180, 60), "blue": (40, 60, 200)}


def colour_image(path: Path, colour: str, seed: int, size: tuple[int, int] = (64, 48)) -> Path:
    """A noisy picture of one colour: three classes a network tells apart in a few epochs."""
    rng = np.random.default_rng(seed)
    pixels = np.clip(np.array(COLOURS[colour]) + rng.normal(0, 25, (size[1], size[0], 3)), 0, 255).astype(np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels).save(path, quality=92)
    return path


def tree(root: Path) -> dict[str, list[str]]:
    found = {}
    for dirpath, _, files in os.walk(root):
        if files:
            found[Path(dirpath).relative_to(root).as_posix()] = sorted(files)
    return found


def file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_and_drop(view, pos: QPoint, mime: QMimeData) -> bool:
    """A real drag enter, move and drop on an item view's viewport; whether the drop was taken."""
    viewport = view.viewport()
    for event in (QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier),
                  QDragMoveEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)):
        QApplication.sendEvent(viewport, event)
        if not event.isAccepted():
            return False
    drop = QDropEvent(QPointF(pos), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def drop_on_class(panel, name: str, mime: QMimeData) -> bool:
    tree_widget = panel.class_tree
    item = next(tree_widget.topLevelItem(i) for i in range(tree_widget.topLevelItemCount())
                if tree_widget.topLevelItem(i).text(0) == name)
    return drag_and_drop(tree_widget, tree_widget.visualItemRect(item).center(), mime)



def new_dataset(window, qtbot, root: Path):
    editor = window.dataset_editor
    editor.open(str(root), create=True)
    qtbot.waitUntil(lambda: editor.dataset is not None and editor.panel.isVisible(), timeout=10_000)
    return editor, editor.panel


def settle(qtbot, editor) -> None:
    """Until the editor's work (imports, edits, the check after them) is done."""
    qtbot.waitUntil(lambda: not editor.busy, timeout=60_000)


def add_class(qtbot, panel, name: str) -> None:
    panel.new_class_edit.clear()
    qtbot.keyClicks(panel.new_class_edit, name)
    panel.add_class_button.click()


def counts(panel) -> dict[str, str]:
    t = panel.class_tree
    return {t.topLevelItem(i).text(0): t.topLevelItem(i).text(1) for i in range(t.topLevelItemCount())}


def test_make_a_dataset_by_dropping_pasting_and_removing_and_the_folder_matches(window, qtbot, tmp_path):
    src = tmp_path / "photos"
    reds = [colour_image(src / f"red{i}.jpg", "red", i) for i in range(4)]
    greens = src / "greens"
    for i in range(3):
        colour_image(greens / f"g{i}.jpg", "green", 10 + i)
    colour_image(greens / "more" / "g3.jpg", "green", 13)  # folders are searched to the bottom
    (greens / "notes.txt").write_text("not an image")
    blue = colour_image(src / "blue0.jpg", "blue", 20)

    editor, panel = new_dataset(window, qtbot, tmp_path / "colours")
    for name in ("red", "green", "blue"):
        add_class(qtbot, panel, name)
    settle(qtbot, editor)
    assert list(counts(panel)) == ["blue", "green", "red"]

    assert drop_on_class(panel, "red", file_mime(*reds))  # files on a class
    assert drop_on_class(panel, "green", file_mime(greens))  # a folder on a class
    settle(qtbot, editor)
    assert "skipped 1 file" in panel.message_label.text() and "notes.txt" in panel.message_label.text()
    panel.select_class("blue")
    grid = panel.thumbnails
    assert drag_and_drop(grid, grid.viewport().rect().center(), file_mime(blue))  # on the selected class's images
    settle(qtbot, editor)

    image = QImage(50, 40, QImage.Format_RGB32)
    image.fill(QColor(*COLOURS["blue"]))
    QApplication.clipboard().setImage(image)
    paste = next(a for a in panel.actions() if a.shortcut() == QKeySequence(QKeySequence.Paste))  # Ctrl+V
    paste.trigger()  # into the selected class
    settle(qtbot, editor)
    assert counts(panel) == {"blue": "2", "green": "4", "red": "4"}

    panel.select_class("red")
    qtbot.waitUntil(lambda: panel.model.files and panel.model.has_thumbnail(panel.model.files[0]), timeout=30_000)
    panel.select_image(str(tmp_path / "colours" / "red" / "red2.jpg"))
    panel.remove_images_button.click()
    settle(qtbot, editor)

    root = tmp_path / "colours"
    assert tree(root) == {
        "blue": ["blue0.jpg", "pasted.png"],
        "green": ["g0.jpg", "g1.jpg", "g2.jpg", "g3.jpg"],
        "red": ["red0.jpg", "red1.jpg", "red3.jpg"],
        f"{REMOVED_FOLDER}/red": ["red2.jpg"],
    }
    assert (root / "red" / "red0.jpg").read_bytes() == reds[0].read_bytes()  # copied, not changed
    assert reds[2].is_file() and (greens / "g0.jpg").is_file()  # the originals stay where they were
    pasted = np.asarray(Image.open(root / "blue" / "pasted.png").convert("RGB"))
    assert pasted.shape == (40, 50, 3) and (pasted == COLOURS["blue"]).all()
    assert counts(panel) == {"blue": "2", "green": "4", "red": "3"}


def test_the_check_finds_planted_problems_and_fixes_the_safe_ones(window, qtbot, tmp_path, monkeypatch):
    src = tmp_path / "photos"
    editor, panel = new_dataset(window, qtbot, tmp_path / "colours")
    for name in ("red", "green", "lonely"):
        add_class(qtbot, panel, name)
    settle(qtbot, editor)
    reds = [colour_image(src / f"r{i}.jpg", "red", i) for i in range(10)]
    greens = [colour_image(src / f"g{i}.jpg", "green", 20 + i) for i in range(10)]
    drop_on_class(panel, "red", file_mime(*reds))
    drop_on_class(panel, "green", file_mime(*greens, reds[3]))  # the same picture in two classes
    drop_on_class(panel, "lonely", file_mime(colour_image(src / "b.jpg", "blue", 40)))  # a class of one image
    jpeg = io.BytesIO()
    Image.open(reds[0]).save(jpeg, "JPEG")
    truncated = src / "cut.jpg"
    truncated.write_bytes(jpeg.getvalue()[: len(jpeg.getvalue()) // 2])
    drop_on_class(panel, "green", file_mime(truncated))
    settle(qtbot, editor)
    assert "truncated" in panel.message_label.text()  # an import takes only readable images
    (tmp_path / "colours" / "green" / "cut.jpg").write_bytes(truncated.read_bytes())  # put there by hand
    panel.check_button.click()
    settle(qtbot, editor)

    titles = panel.finding_titles()
    assert any(re.match(r"1 file(\(s\))? cannot be read", t) for t in titles), titles  # with the English plurals or without
    assert any(t.startswith("The same image is in “green”, “red”") for t in titles), titles
    assert any("too small to hold out a validation image: “lonely”" in t for t in titles), titles
    assert "errors" in panel.check_summary.text() or "error(s)" in panel.check_summary.text()

    # the unreadable file's fix: skip it (moved into .removed)
    unreadable = next(i for i, t in enumerate(titles) if "cannot be read" in t)
    panel.findings_tree.setCurrentItem(panel.findings_tree.topLevelItem(unreadable))
    assert panel.fix_button.isVisible() and panel.fix_button.text() == "Skip These Files"
    assert "cut.jpg" in panel.findings_tree.topLevelItem(unreadable).child(0).text(0)
    panel.fix_button.click()
    settle(qtbot, editor)
    assert (tmp_path / "colours" / REMOVED_FOLDER / "green" / "cut.jpg").is_file()

    # the duplicate across classes has no automatic fix: select the copy in the wrong class, remove it
    titles = panel.finding_titles()
    assert not any("cannot be read" in t for t in titles)
    duplicate = panel.findings_tree.topLevelItem(next(i for i, t in enumerate(titles) if "same image" in t))
    panel.findings_tree.setCurrentItem(duplicate)
    assert not panel.fix_button.isVisible()
    wrong = next(duplicate.child(i) for i in range(duplicate.childCount()) if duplicate.child(i).text(0).startswith("green"))
    panel.findings_tree.setCurrentItem(wrong)
    wrong.setSelected(True)
    panel.remove_listed_button.click()
    settle(qtbot, editor)
    assert not (tmp_path / "colours" / "green" / "r3.jpg").exists()
    assert not any("same image" in t for t in panel.finding_titles())

    # a class removed after asking
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.Yes)
    panel.select_class("lonely")
    panel.remove_class_button.click()
    settle(qtbot, editor)
    assert list(counts(panel)) == ["green", "red"]
    assert panel.finding_titles() == [] and "no problems found" in panel.check_summary.text()


def test_train_on_this_dataset_starts_training_and_classifies_a_held_out_image(window, qtbot, tmp_path):
    src = tmp_path / "photos"
    editor, panel = new_dataset(window, qtbot, tmp_path / "colours")
    for name in COLOURS:
        add_class(qtbot, panel, name)
    settle(qtbot, editor)
    assert not panel.train_button.isEnabled()  # no images yet
    for c, name in enumerate(COLOURS):
        drop_on_class(panel, name, file_mime(*[colour_image(src / name / f"{i}.jpg", name, 100 * c + i)
                                               for i in range(16)]))
    settle(qtbot, editor)
    tp = window.training_panel
    tp.field("input_size").setValue(64)
    # ~50 steps, the learning rate decaying to 0: BatchNorm's running statistics (what a trained
    # network classifies with) lag the weights while they change fast, and catch up as they settle.
    # With a constant rate and this few steps, train accuracy is high and eval-mode answers are not.
    tp.field("epochs").setValue(8)
    tp.field("batch_size").setValue(8)
    tp.field("schedule").setCurrentIndex(tp.field("schedule").findData("cosine"))
    assert panel.train_button.isEnabled()
    with qtbot.waitSignal(window.training.run_ended, timeout=240_000) as ended:
        panel.train_button.click()
        assert window.training.running
        assert tp.dataset_key() == "folder" and tp.folder_edit.text() == str(tmp_path / "colours")
    assert isinstance(ended.args[0], Finished)

    held_out = colour_image(tmp_path / "held-out.jpg", "green", 999)
    window.classify.classify_paths([str(held_out)])
    qtbot.waitUntil(lambda: window.classify_panel.row_count() == 1, timeout=30_000)
    row = window.classify_panel.rows()[0]
    assert set(row.class_labels) == {"blue", "green", "red"}
    assert row.class_labels[0] == "green", (row.class_labels, row.probabilities)


def test_class_names_are_checked_renames_follow_on_disk(window, qtbot, tmp_path):
    editor, panel = new_dataset(window, qtbot, tmp_path / "pets")
    add_class(qtbot, panel, "cat")
    add_class(qtbot, panel, "Cat")
    settle(qtbot, editor)
    assert "already a class “Cat”" in panel.message_label.text()
    add_class(qtbot, panel, "a/b")
    settle(qtbot, editor)
    assert "cannot contain /" in panel.message_label.text()
    colour_image(tmp_path / "pets" / "cat" / "tom.jpg", "red", 1)  # one put there by hand

    item = panel.class_tree.topLevelItem(0)
    panel.rename_class_button.click()  # the name is edited in place
    item.setText(0, "kitten")  # as the editor commits it
    settle(qtbot, editor)
    assert list(counts(panel)) == ["kitten"] and panel.selected_class() == "kitten"
    assert (tmp_path / "pets" / "kitten" / "tom.jpg").is_file() and not (tmp_path / "pets" / "cat").exists()
    panel.class_tree.topLevelItem(0).setText(0, "train")
    settle(qtbot, editor)
    assert "a name the dataset's folders use" in panel.message_label.text()
    assert list(counts(panel)) == ["kitten"]


def test_editing_an_existing_folder_with_train_and_val_folders(window, qtbot, tmp_path):
    root = tmp_path / "split"
    for i in range(3):
        colour_image(root / "train" / "red" / f"{i}.jpg", "red", i)
        colour_image(root / "train" / "blue" / f"{i}.jpg", "blue", 10 + i)
    colour_image(root / "val" / "red" / "v.jpg", "red", 20)
    editor = window.dataset_editor
    editor.open(str(root))
    qtbot.waitUntil(lambda: editor.dataset is not None, timeout=10_000)
    settle(qtbot, editor)
    assert counts(editor.panel) == {"blue": "3", "red": "3 + 1 val"}
    assert any("without validation images: “blue”" in t for t in editor.panel.finding_titles())
    editor.import_paths("blue", [str(colour_image(tmp_path / "new.jpg", "blue", 30))])
    settle(qtbot, editor)
    assert (root / "train" / "blue" / "new.jpg").is_file() and counts(editor.panel)["blue"] == "4"


def test_a_big_import_shows_progress_can_be_cancelled_and_the_window_keeps_working(window, qtbot, tmp_path):
    src = tmp_path / "many"
    base = tmp_path / "base.jpg"
    colour_image(base, "red", 0, size=(900, 700))
    data = base.read_bytes()
    for i in range(300):  # one picture, each copy a little different (a JPEG comment), so each is new
        (src / f"{i:03d}.jpg").parent.mkdir(exist_ok=True)
        (src / f"{i:03d}.jpg").write_bytes(data[:2] + b"\xff\xfe\x00\x06" + i.to_bytes(4, "big") + data[2:])
    editor, panel = new_dataset(window, qtbot, tmp_path / "big")
    add_class(qtbot, panel, "red")
    settle(qtbot, editor)
    seen = []
    panel.progress_bar.valueChanged.connect(seen.append)
    editor.import_paths("red", [str(src)])
    qtbot.waitUntil(lambda: panel.progress_bar.isVisible() and panel.progress_bar.maximum() == 300, timeout=30_000)
    window.training_panel.field("epochs").setValue(3)  # the window answers while the import runs
    assert window.training_panel.field("epochs").value() == 3
    qtbot.waitUntil(lambda: panel.progress_bar.value() > 0, timeout=30_000)
    panel.cancel_button.click()
    settle(qtbot, editor)
    copied = sorted(p.name for p in (tmp_path / "big" / "red").iterdir())
    assert 0 < len(copied) < 300
    assert "cancelled" in panel.message_label.text() and f"{len(copied)} image" in panel.message_label.text()
    assert all((tmp_path / "big" / "red" / name).read_bytes() == (src / name).read_bytes() for name in copied)
    assert not panel.progress_bar.isVisible() and counts(panel) == {"red": str(len(copied))}
    assert seen and max(seen) <= 300


def test_thumbnails_are_made_only_for_the_images_on_screen(window, qtbot, tmp_path):
    root = tmp_path / "big"
    for i in range(400):
        colour_image(root / "red" / f"{i:03d}.jpg", "red", i, size=(40, 30))
    colour_image(root / "blue" / "0.jpg", "blue", 1)
    editor = window.dataset_editor
    made = []
    real = editor.panel.set_thumbnail
    editor.panel.set_thumbnail = lambda path, image, error="": made.append(path) or real(path, image, error)
    editor.open(str(root))
    qtbot.waitUntil(lambda: editor.dataset is not None, timeout=10_000)
    editor.panel.resize(900, 600)
    editor.panel.select_class("red")
    qtbot.waitUntil(lambda: editor.panel.model.has_thumbnail(str(root / "red" / "000.jpg")), timeout=30_000)
    qtbot.wait(300)  # let any further thumbnails that were asked for arrive
    assert 0 < len(made) < 150  # of 400
    settle(qtbot, editor)


def test_closing_the_editor_cancels_its_work(window, qtbot, tmp_path):
    src = tmp_path / "many"
    for i in range(200):
        colour_image(src / f"{i}.jpg", "red", i, size=(300, 200))
    editor, panel = new_dataset(window, qtbot, tmp_path / "big")
    add_class(qtbot, panel, "red")
    settle(qtbot, editor)
    editor.import_paths("red", [str(src)])
    assert editor.busy
    panel.close()
    assert not editor.busy and "cancelled" in window.statusBar().currentMessage()
    from googlenet_gui.ui.jobs import wait_for_jobs

    assert wait_for_jobs(30_000)
    assert len(list((tmp_path / "big" / "red").iterdir())) < 200


def test_a_new_input_size_checks_again_without_reading_the_files(window, qtbot, tmp_path, monkeypatch):
    from googlenet_gui.core.data import check as dataset_check

    root = tmp_path / "small"
    for name in ("red", "blue"):
        for i in range(10):
            colour_image(root / name / f"{i}.jpg", name, i + (50 if name == "blue" else 0), size=(40, 40))
    window.training_panel.field("input_size").setValue(64)
    editor = window.dataset_editor
    editor.open(str(root))
    qtbot.waitUntil(lambda: editor.dataset is not None, timeout=10_000)
    settle(qtbot, editor)
    assert editor.panel.finding_titles() == []  # 40 px is not under half of 64
    read = []
    real = dataset_check.inspect_file
    monkeypatch.setattr(dataset_check, "inspect_file", lambda path: read.append(path) or real(path))
    window.training_panel.field("input_size").setValue(96)
    settle(qtbot, editor)
    assert [re.sub(r"image\(s\)", "images", t) for t in editor.panel.finding_titles()] == [
        "20 images much smaller than the input size (96 px)"]  # with the English plural forms or without
    assert read == []


def test_train_asks_first_when_the_check_found_errors(window, qtbot, tmp_path, monkeypatch):
    root = tmp_path / "flawed"
    for i in range(10):
        colour_image(root / "red" / f"{i}.jpg", "red", i)
    colour_image(root / "blue" / "only.jpg", "blue", 50)  # a class of one image: an error
    editor = window.dataset_editor
    editor.open(str(root))
    qtbot.waitUntil(lambda: editor.dataset is not None, timeout=10_000)
    settle(qtbot, editor)
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.No)
    editor.panel.train_button.click()
    assert asked and "1 problem" in asked[0] and not window.training.running
