"""The window in Simplified Chinese: every text a person can see is translated, the .ts file is
complete, and switching the language live keeps the window working, its curves and results intact."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QStackedWidget, QTableWidget,
                               QTabWidget,
                               QTreeWidget, QWidget)

from googlenet_gui.ui import i18n
from googlenet_gui.ui.class_names import class_label
from googlenet_gui.ui.main_window import MainWindow
from helpers import write_stripe_image

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "googlenet_studio_zh_CN.ts"

# Words that stay as they are in a Chinese window: names of things, units, file names, code.
KEPT = {"googlenet", "inception", "batchnorm", "pytorch", "adam", "sgd", "cuda", "cpu", "gib", "mib", "float32",
        "bfloat16", "float16", "bf16", "fp16", "grad", "cam", "onnx", "torchscript", "tensorboard", "logdir", "csv",
        "png", "svg", "top", "fashion", "mnist", "cifar", "olah", "distill", "fvcore", "torch", "utils",
        "flop_counter", "torchinfo", "jsonl", "metrics", "timeline", "last", "best", "removed", "ctrl", "threads",
        "studio", "mps"}


def english_words(text: str, data: set[str]) -> list[str]:
    """The English words left in `text` once names that are data (files, classes, folders) are taken out."""
    text = re.sub(r"<[^>]+>", " ", text)  # an escaped tooltip's markup
    for name in sorted(data, key=len, reverse=True):
        text = text.replace(name, " ")
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]{2,}", text)
    return [w for w in words if w.lower() not in KEPT]


def visible_texts(window: MainWindow) -> list[tuple[str, str]]:
    """(where, text) for every text of the window's visible widgets, tabs, headers, tooltips, menus and
    actions, and the status bar."""
    found: list[tuple[str, str]] = []

    def add(where: QWidget | QAction, text: str) -> None:
        if text:
            found.append((type(where).__name__ + " " + (where.objectName() or ""), text))

    for widget in [window, *window.findChildren(QWidget)]:
        if not _shown(widget, window):
            continue
        add(widget, widget.toolTip())
        if isinstance(widget, QLabel) and widget.pixmap().isNull():
            add(widget, widget.text())
        elif isinstance(widget, QAbstractButton):
            add(widget, widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, widget.itemText(i))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, widget.tabText(i))
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for i in range(header.columnCount()):
                add(widget, header.text(i))
                add(widget, header.toolTip(i))
        elif isinstance(widget, QTableWidget):
            for i in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(i)
                if item is not None:
                    add(widget, item.text())
    languages = set(window.language_actions.values())  # each language is named in itself
    for action in window.findChildren(QAction):
        if action not in languages and not _pyqtgraph_menu(action):
            add(action, action.text())
    for menu_action in window.menuBar().actions():
        add(menu_action, menu_action.text())
    add(window.statusBar(), window.statusBar().currentMessage())
    return found


def _shown(widget: QWidget, window: QWidget) -> bool:
    """Whether `widget` shows when its tab is chosen: neither it nor a parent is hidden, except tab
    pages (a QStackedWidget hides all pages but one)."""
    while widget is not None and widget is not window:
        if widget.isHidden() and not isinstance(widget.parentWidget(), QStackedWidget):
            return False
        if widget.isWindow():
            return False  # another window (the dataset editor) when it is not open
        widget = widget.parentWidget()
    return True


def _pyqtgraph_menu(action: QAction) -> bool:
    """pyqtgraph's own context menus of the plots (Export..., View All): its strings, not the app's."""
    parent = action.parent()
    while parent is not None:
        if type(parent).__module__.startswith("pyqtgraph"):
            return True
        parent = parent.parent()
    return False


def untranslated(window: MainWindow, data: set[str]) -> list[tuple[str, str, list[str]]]:
    return [(where, text, words) for where, text in visible_texts(window) if (words := english_words(text, data))]


@pytest.fixture
def stripes_folder(tmp_path) -> Path:
    root = tmp_path / "stripes"
    for label, vertical in (("horizontal", False), ("vertical", True)):
        (root / label).mkdir(parents=True)
        for i in range(16):
            write_stripe_image(root / label / f"{i}.png", vertical, size=32, mode="RGB")
    return root


@pytest.fixture
def window(qtbot, settings_dir, tmp_path):
    win = MainWindow(runs_dir=tmp_path / "runs")
    qtbot.addWidget(win)
    win.set_language("en")
    win.show()
    win.load_core()
    qtbot.waitUntil(lambda: win.core_ready, timeout=60_000)
    yield win
    if win.training.running:
        win.training.thread.shutdown()
    i18n.install("en")  # the next test's window starts in English


def train_on(win: MainWindow, folder: Path, epochs: int) -> None:
    tp = win.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("folder"))
    tp.folder_edit.setText(str(folder))
    tp.folder_edit.editingFinished.emit()
    tp.input_spin.setValue(64)
    tp.epochs_spin.setValue(epochs)
    tp.batch_spin.setValue(8)
    win.training.start()


def open_every_tab(win: MainWindow, qtbot) -> None:
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        qtbot.wait(0)
    for i in range(win.inside_panel.views.count()):
        win.inside_panel.views.setCurrentIndex(i)


def data_names(win: MainWindow, tmp_path: Path) -> set[str]:
    """Texts that are data, not the app's: paths, file, class and run names, layer names."""
    names = {str(tmp_path), str(tmp_path / "runs"), "horizontal", "vertical", "stripes"}
    combo = win.training_panel.device_combo  # the devices' names, as the system gives them
    names |= {combo.itemText(i) for i in range(combo.count())} if win.training_panel.device_combo.itemData(0) else set()
    names |= {row.source for row in win.classify_panel.rows()} | {Path(r.source).name for r in win.classify_panel.rows()}
    report = win.shapes_panel.report()
    for block in report.blocks:  # the Inside tab's layer names (inception4a, block1, conv1, ...)
        names.add(block.name)
        for layer in block.children:
            names.add(layer.name)
            names |= {f"{layer.name}.{branch.name}" for branch in layer.children}
    return names


# ---------------------------------------------------------------------------- the .ts file

def test_the_translation_is_complete_and_keeps_every_placeholder():
    placeholders = re.compile(r"\{[^{}]*\}|%n")
    messages = list(ET.parse(TS).iter("message"))
    assert len(messages) > 400
    for message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation.get("type") is None, f"unfinished: {source!r}"
        forms = [f.text or "" for f in translation.findall("numerusform")]
        assert (message.get("numerus") == "yes") == bool(forms), source
        for text in forms or [translation.text or ""]:
            assert text.strip(), f"empty translation of {source!r}"
            assert sorted(placeholders.findall(text)) == sorted(placeholders.findall(source)), (source, text)


def test_qt_own_dialogs_are_chinese_too(qapp):
    i18n.install("zh_CN")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # from Qt's qtbase_zh_CN.qm
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"  # from the app's .qm
    finally:
        i18n.install("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_well_known_class_names_get_their_chinese_name_beside_them(qapp):
    from googlenet_gui.ui.panels.evaluate_panel import ConfusionModel

    matrix = ConfusionModel()
    matrix.set_matrix(["Shirt", "my own class"], np.array([[1, 0], [0, 1]]), np.eye(2))
    i18n.install("zh_CN")
    try:
        assert class_label("Shirt") == "Shirt 衬衫" and class_label("cat") == "cat 猫"
        assert class_label("my own class") == "my own class"
        # the confusion matrix's axes too, as the language is now
        assert [matrix.headerData(i, Qt.Horizontal) for i in range(2)] == ["Shirt 衬衫", "my own class"]
    finally:
        i18n.install("en")
    assert class_label("Shirt") == "Shirt" and matrix.headerData(0, Qt.Vertical) == "Shirt"


# ---------------------------------------------------------------------------- the window

def test_the_check_catches_an_english_text_left_in_the_window(window, qtbot, tmp_path):
    window.set_language("zh_CN")
    left = untranslated(window, data_names(window, tmp_path))
    assert left == [], "\n".join(map(repr, left))
    window.run_panel.open_folder_button.setText("Open folder")  # as if a text had missed tr()
    caught = untranslated(window, data_names(window, tmp_path))
    assert [(text, words) for _, text, words in caught] == [("Open folder", ["Open", "folder"])]


def test_every_visible_text_is_chinese_after_training_and_classifying(window, qtbot, tmp_path, stripes_folder):
    window.set_language("zh_CN")
    train_on(window, stripes_folder, epochs=1)
    qtbot.waitUntil(lambda: not window.training.running, timeout=240_000)
    window.classify.classify_paths([str(stripes_folder / "vertical" / "0.png")])
    qtbot.waitUntil(lambda: window.classify_panel.row_count() == 1 and not window.classify_panel.pending_count(),
                    timeout=60_000)
    window.classify_panel.rows()[0].inside_button.click()  # the Inside tab shows the image's maps
    qtbot.waitUntil(lambda: window.inside_panel.inside is not None, timeout=60_000)
    open_every_tab(window, qtbot)
    assert window.tabs.tabText(0) == "分类"
    assert window.progress_panel.speed_label.text().endswith("张图像/秒")
    left = untranslated(window, data_names(window, tmp_path))
    assert left == [], "\n".join(map(repr, left))


def test_switching_language_while_training_keeps_the_window_working(window, qtbot, tmp_path, stripes_folder):
    train_on(window, stripes_folder, epochs=100)
    qtbot.waitUntil(lambda: window.plots_panel.point_counts()["batch"] >= 3, timeout=120_000)
    window.classify.classify_paths([str(stripes_folder / "horizontal" / "1.png")])
    qtbot.waitUntil(lambda: window.classify_panel.row_count() == 1 and not window.classify_panel.pending_count(),
                    timeout=60_000)
    row = window.classify_panel.rows()[0]
    answer = (list(row.class_labels), list(row.probabilities))
    before = window.plots_panel.point_counts()
    english = {window.tabs.tabText(0), window.training_panel.stop_button.text(), window.file_menu.title()}

    window.language_actions["zh_CN"].trigger()  # View > Language > 简体中文
    assert i18n.current_language() == "zh_CN"
    assert window.training.running
    assert {window.tabs.tabText(0), window.training_panel.stop_button.text(), window.file_menu.title()} == \
        {"分类", "停止", "文件(&F)"} and not english & {window.tabs.tabText(0)}
    assert window.plots_panel.legend_names("loss")[0] == "训练（每批）"
    after = window.plots_panel.point_counts()
    assert all(after[kind] >= before[kind] for kind in before)  # nothing was cleared
    assert window.classify_panel.rows()[0] is row and (row.class_labels, row.probabilities) == answer
    assert row.inside_button.text() == "网络内部 ›"
    qtbot.waitUntil(lambda: window.plots_panel.point_counts()["batch"] > after["batch"], timeout=120_000)  # still training

    window.language_actions["en"].trigger()
    assert window.tabs.tabText(0) == "Classify" and window.training_panel.stop_button.text() == "Stop"
    window.training.stop()
    qtbot.waitUntil(lambda: not window.training.running, timeout=120_000)
    assert window.plots_panel.point_counts()["batch"] >= after["batch"]


def test_the_chosen_language_is_remembered(window, qtbot, settings_dir):
    window.set_language("zh_CN")
    assert i18n.chosen_language() == "zh_CN" and window.language_actions["zh_CN"].isChecked()
    window.set_language("en")
    assert i18n.chosen_language() == "en"
