"""The window fits its screen in both languages: at 1280x800, at its default size and at 1920x1080, in
English and in Chinese, every visible button, field and label lies wholly inside the visible area of
its scroll area (scrolled up and down, never sideways) or of the window, and no wrapped text is cut."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QLabel,
                               QLineEdit, QScrollArea, QWidget)

from googlenet_gui.ui import i18n

SIZES = [(1280, 800), (1400, 900), (1920, 1080)]
CONTROLS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QLabel)


def clipped(window: QWidget) -> list[str]:
    """Every visible control that is not wholly inside what can be seen of it."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(window) or widget.width() == 0:
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue
        if isinstance(widget.parent(), QAbstractScrollArea) or _inside_item_view(widget):
            continue  # a scroll area's own scroll bars, an item view's cell editors
        rect = QRect(QPoint(0, 0), widget.size())
        name = f"{type(widget).__name__} {_describe(widget)!r}"
        area = _scroll_area(widget)
        if area is not None:  # vertical scrolling is fine, sideways is not: inside its viewport's width
            viewport = area.viewport()
            top_left = widget.mapTo(area.widget(), QPoint(0, 0))
            if top_left.x() < 0 or top_left.x() + rect.width() > viewport.width():
                problems.append(f"{name} runs out of its scroll area sideways")
        else:
            top_left = widget.mapTo(window, QPoint(0, 0))
            if not window.rect().contains(QRect(top_left, rect.size())):
                problems.append(f"{name} is outside the window")
        parent = widget.parentWidget()  # and no container cuts it
        while parent is not None and parent is not window and (area is None or parent is not area.widget()):
            box = QRect(widget.mapTo(parent, QPoint(0, 0)), rect.size())
            if not parent.rect().contains(box):
                problems.append(f"{name} is cut by its {type(parent).__name__}")
                break
            parent = parent.parentWidget()
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.height() < widget.heightForWidth(widget.width()):
            problems.append(f"{name} is cut: {widget.height()} px high, its text needs {widget.heightForWidth(widget.width())}")
        if isinstance(widget, QAbstractButton) and widget.width() < widget.minimumSizeHint().width():
            problems.append(f"{name}'s text is cut")
    return problems


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _inside_item_view(widget: QWidget) -> bool:
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractItemView, QHeaderView)):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget) -> str:
    for text in (getattr(widget, "text", None), getattr(widget, "currentText", None)):
        if callable(text) and text():
            return text()[:40]
    return widget.objectName() or ""


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_control_is_in_view_at_each_size_in_both_languages(window, qtbot, stripes_folder, language, size):
    window.menus.set_language(language)
    window.resize(*size)
    panel = window.training_panel
    panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("folder"))  # its folder row, with Browse…
    panel.folder_edit.setText(str(stripes_folder))
    for shown in (False, True):  # the settings folded, then every one of them shown
        panel.advanced_button.setChecked(shown)
        for tab in range(window.tabs.count()):
            window.tabs.setCurrentIndex(tab)
            QApplication.processEvents()
            qtbot.waitUntil(lambda: not clipped(window), timeout=3000)
    if language != "en":
        i18n.install("en")


def test_switching_from_chinese_to_english_leaves_the_recipe_note_whole(window, qtbot):
    note = window.training_panel.recipe_note
    window.menus.set_language("zh_CN")
    QApplication.processEvents()
    window.menus.set_language("en")
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()), timeout=3000)


def test_a_beginner_sees_the_dataset_the_recipe_the_device_and_start(window, settings_dir):
    panel = window.training_panel
    shown = [name for name, field in panel.setting_fields.items() if field.isVisibleTo(window)]
    # where the weights start and what trains from them: the way to learn from a few pictures (issue 27)
    assert shown == ["epochs", "device", "init", "train_layers"] and panel.recipe_combo.isVisibleTo(window)
    assert not panel.field("train_layers").isEnabled()  # random weights train whole: nothing to choose
    assert panel.start_button.isVisibleTo(window) and panel.dataset_combo.isVisibleTo(window)
    panel.advanced_button.click()  # the rest, folded under Advanced, and remembered
    assert panel.field("lr").isVisibleTo(window) and panel.field("label_smoothing").isVisibleTo(window)
    window.save_settings()
    from googlenet_gui.ui.main_window import MainWindow

    again = MainWindow(runs_dir=window.runs_dir)
    try:
        assert again.training_panel.advanced_button.isChecked()
    finally:
        again.deleteLater()


def test_comparing_runs_shows_every_setting_that_differs_whole(window, qtbot, tmp_path):
    from runlogs import write_run

    write_run(window.runs_dir / "a", lr=0.001, batch_size=64, weight_decay=0.0, label_smoothing=0.0)
    write_run(window.runs_dir / "b", lr=0.003, batch_size=32, weight_decay=0.05, label_smoothing=0.1)
    window.tabs.setCurrentWidget(window.runs_panel)
    panel = window.runs_panel
    window.runs.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=30_000)
    for folder in ("a", "b"):
        panel.set_ticked(str(window.runs_dir / folder), True)
    qtbot.waitUntil(lambda: len(panel.difference_rows()) == 4, timeout=30_000)
    QApplication.processEvents()
    table = panel.differences
    rows = [table.visualRect(table.model().index(r, 0)) for r in range(table.rowCount())]
    assert all(table.viewport().rect().contains(rect) for rect in rows), "a setting that differs is cut off"
    assert window.plots_panel.height() >= 200  # the plots keep room to compare in


def test_the_per_class_table_shows_support_without_scrolling_sideways(window, qtbot):
    from googlenet_gui.core.inference.evaluation import Evaluation

    names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    matrix = [[90 if r == c else 1 for c in range(10)] for r in range(10)]
    window.tabs.setCurrentWidget(window.evaluate_panel)
    window.evaluate_panel.show_evaluation(Evaluation(names, matrix, 0.99))
    QApplication.processEvents()
    table = window.evaluate_panel.class_table
    header = table.horizontalHeader()
    support = table.columnCount() - 1
    assert header.sectionViewportPosition(support) + header.sectionSize(support) <= table.viewport().width()
    assert header.sectionSize(support) >= header.sectionSizeHint(support)  # its numbers whole
