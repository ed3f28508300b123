"""The window in Simplified Chinese: every text a person can see is translated (pyqtgraph's menus on
the plots too), the .ts files are complete, and switching the language live keeps the window working,
its curves and results intact, and words again at once what was made before the switch."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget,
                               QMenu, QStackedWidget, QTableWidget, QTabWidget, QTreeWidget, QWidget, QWidgetAction)

from googlenet_gui.ui import i18n
from googlenet_gui.ui.class_names import class_label
from googlenet_gui.ui.main_window import MainWindow
from helpers import use_folder, write_stripe_image
from runlogs import write_run

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "googlenet_studio_zh_CN.ts"
PYQTGRAPH_TS = ROOT / "resources" / "i18n" / "pyqtgraph_zh_CN.ts"  # pyqtgraph's menus and export dialog

# Words that stay as they are in a Chinese window: names of things, units, file names, code.
KEPT = {"googlenet", "inception", "batchnorm", "pytorch", "adam", "adamw", "sgd", "cuda", "cpu", "gib", "mib", "float32",
        "bfloat16", "float16", "bf16", "fp16", "grad", "cam", "onnx", "torchscript", "tensorboard", "logdir", "csv",
        "png", "svg", "top", "fashion", "mnist", "cifar", "olah", "distill", "fvcore", "torch", "utils",
        "flop_counter", "torchinfo", "jsonl", "metrics", "timeline", "last", "best", "removed", "ctrl", "threads",
        "studio", "mps", "fft", "tif", "jpg", "hdf5", "matplotlib",
        # the feature map's projections and layers, the learning statistics' file (issue 29)
        "pca", "sne", "block1", "block2", "block3", "block4", "block5", "branch_stats",
        # the weights a run starts from and the command line's words for what trains (issue 27)
        "imagenet", "torchvision", "head", "blockn", "all"}


def english_words(text: str, data: set[str]) -> list[str]:
    """The English words left in `text` once names that are data (files, classes, folders) are taken out."""
    text = re.sub(r"<[^>]+>", " ", text)  # an escaped tooltip's markup
    for name in sorted(data, key=len, reverse=True):
        text = text.replace(name, " ")
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]{2,}", text)
    return [w for w in words if w.lower() not in KEPT]


def widget_texts(widget: QWidget) -> list[str]:
    """The texts one widget shows: its tooltip, and its text, title, placeholder, items, tabs or headers."""
    texts = [widget.toolTip()]
    if isinstance(widget, QLabel) and widget.pixmap().isNull():
        texts.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QTreeWidget) and not widget.isHeaderHidden():
        header = widget.headerItem()
        for i in range(header.columnCount()):
            texts += [header.text(i), header.toolTip(i)]
    elif isinstance(widget, QTableWidget):
        texts += [item.text() for i in range(widget.columnCount()) if (item := widget.horizontalHeaderItem(i))]
    return [text for text in texts if text]


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text of the visible widgets of `root`, a window."""
    return [(type(widget).__name__ + " " + widget.objectName(), text)
            for widget in [root, *root.findChildren(QWidget)] if _shown(widget, root) for text in widget_texts(widget)]


def visible_texts(window: MainWindow) -> list[tuple[str, str]]:
    """(where, text) for every text of the window's visible widgets, tabs, headers, tooltips, menus and
    actions (pyqtgraph's Export... on the plots too), and the status bar."""
    found = shown_texts(window)

    def add(where: QAction | QWidget, text: str) -> None:
        if text:
            found.append((type(where).__name__ + " " + (where.objectName() or ""), text))

    languages = set(window.menus.language_actions.values())  # each language is named in itself
    for action in window.findChildren(QAction):
        if action not in languages:
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


def untranslated(window: MainWindow, data: set[str]) -> list[tuple[str, str, list[str]]]:
    return [(where, text, words) for where, text in visible_texts(window) if (words := english_words(text, data))]




def train_on(win: MainWindow, folder: Path, epochs: int) -> None:
    use_folder(win, folder, epochs)
    win.training.start()


def open_every_tab(win: MainWindow, qtbot) -> None:
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        qtbot.wait(0)
    for i in range(win.understanding.inside_panel.views.count()):
        win.understanding.inside_panel.views.setCurrentIndex(i)


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

@pytest.mark.parametrize("ts, least", [(TS, 400), (PYQTGRAPH_TS, 50)], ids=["app", "pyqtgraph"])
def test_the_translation_is_complete_and_keeps_every_placeholder(ts, least):
    placeholders = re.compile(r"\{[^{}]*\}|%n")
    messages = list(ET.parse(ts).iter("message"))
    assert len(messages) > least
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
        assert QCoreApplication.translate("Menus", "&File") == "文件(&F)"  # from the app's .qm
    finally:
        i18n.install("en")
    assert QCoreApplication.translate("Menus", "&File") == "&File"


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
    window.menus.set_language("zh_CN")
    left = untranslated(window, data_names(window, tmp_path))
    assert left == [], "\n".join(map(repr, left))
    window.run_panel.open_folder_button.setText("Open folder")  # as if a text had missed tr()
    caught = untranslated(window, data_names(window, tmp_path))
    assert [(text, words) for _, text, words in caught] == [("Open folder", ["Open", "folder"])]


def test_every_visible_text_is_chinese_after_training_and_classifying(window, qtbot, tmp_path, stripes_folder):
    window.menus.set_language("zh_CN")
    train_on(window, stripes_folder, epochs=1)
    qtbot.waitUntil(lambda: not window.training.running, timeout=240_000)
    window.classify.classify_paths([str(stripes_folder / "vertical" / "0.png")])
    qtbot.waitUntil(lambda: window.classify_panel.row_count() == 1 and not window.classify_panel.pending_count(),
                    timeout=60_000)
    window.classify_panel.rows()[0].inside_button.click()  # the Inside tab shows the image's maps
    qtbot.waitUntil(lambda: window.understanding.inside_panel.inside is not None, timeout=60_000)
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
    english = {window.tabs.tabText(0), window.training_panel.stop_button.text(), window.menus.file_menu.title()}

    window.menus.language_actions["zh_CN"].trigger()  # View > Language > 简体中文
    assert i18n.current_language() == "zh_CN"
    assert window.training.running
    assert {window.tabs.tabText(0), window.training_panel.stop_button.text(), window.menus.file_menu.title()} == \
        {"分类", "停止", "文件(&F)"} and not english & {window.tabs.tabText(0)}
    assert window.plots_panel.legend_names("loss")[0] == "训练（每批）"
    after = window.plots_panel.point_counts()
    assert all(after[kind] >= before[kind] for kind in before)  # nothing was cleared
    assert window.classify_panel.rows()[0] is row and (row.class_labels, row.probabilities) == answer
    assert row.inside_button.text() == "网络内部 ›"
    qtbot.waitUntil(lambda: window.plots_panel.point_counts()["batch"] > after["batch"], timeout=120_000)  # still training

    window.menus.language_actions["en"].trigger()
    assert window.tabs.tabText(0) == "Classify" and window.training_panel.stop_button.text() == "Stop"
    window.training.stop()
    qtbot.waitUntil(lambda: not window.training.running, timeout=120_000)
    assert window.plots_panel.point_counts()["batch"] >= after["batch"]


def test_the_chosen_language_is_remembered(window, qtbot, settings_dir):
    window.menus.set_language("zh_CN")
    assert i18n.chosen_language() == "zh_CN" and window.menus.language_actions["zh_CN"].isChecked()
    window.menus.set_language("en")
    assert i18n.chosen_language() == "en"


# ---------------------------------------------------------------------------- pyqtgraph's menus on the plots

def open_plot_menu(qtbot, view: QWidget, view_box) -> QMenu:
    """Right-click the middle of a plot, as a person does: the menu pyqtgraph pops up."""
    centre = view.mapFromScene(view_box.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.RightButton, pos=centre)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5_000)
    return QApplication.activePopupWidget()


def menu_texts(menu: QMenu) -> list[str]:
    """Every text of a menu and its sub-menus: the entries, and the controls an entry holds (the
    axes' check boxes, labels, group titles and their tooltips)."""
    found = []
    for action in menu.actions():
        if isinstance(action, QWidgetAction) and action.defaultWidget() is not None:
            found += [text for widget in [action.defaultWidget(), *action.defaultWidget().findChildren(QWidget)]
                      for text in widget_texts(widget)]
        elif not action.isSeparator():
            found.append(action.text())
            if action.menu() is not None:
                found += menu_texts(action.menu())
    return found


def dialog_texts(dialog: QWidget) -> list[str]:
    """The export dialog's texts: its title, labels, buttons, the items to export, the formats, and
    the chosen format's options (their names and choices)."""
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)  # the rows of the options shown before
    texts = [dialog.windowTitle()]
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        texts += widget_texts(widget)
        if isinstance(widget, QTreeWidget):
            texts += [item.text(0) for item in widget.findItems("*", Qt.MatchWildcard | Qt.MatchRecursive)]
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
    return [text for text in texts if text]


def english_left(texts: list[str], data: set[str] = frozenset()) -> list[tuple[str, list[str]]]:
    return [(text, words) for text in texts if (words := english_words(text, set(data)))]


def test_the_plots_right_click_menus_follow_the_language(window, qtbot):
    """pyqtgraph's menus, built with the window in English, are Chinese after a switch, then English again."""
    plots = window.plots_panel
    view, loss = plots.graphics, plots.plots["loss"].vb
    menu = open_plot_menu(qtbot, view, loss)
    english = menu_texts(menu)
    menu.close()
    assert {"View All", "X axis", "Y axis", "Mouse Mode", "3 button", "Invert Axis", "Link Axis:", "Auto Pan Only",
            "Export..."} <= set(english)
    assert not {"Plot Options", "Transforms", "Log Y", "Downsample"} & set(english)  # the panel's own controls do that

    window.menus.set_language("zh_CN")
    menu = open_plot_menu(qtbot, view, loss)
    chinese = menu_texts(menu)
    assert {"查看全部", "X 轴", "Y 轴", "鼠标模式", "三键模式", "单键模式", "反转轴", "链接轴：", "仅自动平移",
            "导出..."} <= set(chinese)
    assert len(chinese) == len(english)
    assert english_left(chinese) == []
    # Export... opens pyqtgraph's export dialog, in Chinese too, the CSV format's choices as well
    next(action for action in menu.actions() if action.text() == "导出...").trigger()
    menu.close()
    dialog = view.scene().exportDialog
    qtbot.waitUntil(dialog.isVisible)
    texts = dialog_texts(dialog)
    assert {"导出", "要导出的项：", "整个场景", "绘图", "导出格式", "原始绘图数据（CSV）", "图像文件（PNG、TIF、JPG 等）",
            "导出选项", "分隔符", "逗号", "制表符", "列模式", "复制", "关闭"} <= set(texts)
    assert english_left(texts) == [], english_left(texts)
    # the timeline's plot (the Inside tab) was built in English too
    window.tabs.setCurrentWidget(window.understanding.inside_panel)
    window.understanding.inside_panel.show_view(window.understanding.timeline_panel)
    timeline = window.understanding.timeline_panel
    qtbot.waitUntil(timeline.plot_widget.isVisible)
    menu = open_plot_menu(qtbot, timeline.plot_widget, timeline.plot.vb)
    assert english_left(menu_texts(menu)) == [] and "查看全部" in menu_texts(menu)
    menu.close()

    window.menus.set_language("en")  # the export dialog is still open: it follows too
    assert {"Export", "Item to export:", "Entire Scene", "Plot", "CSV of original plot data", "separator", "comma",
            "tab", "Close"} <= set(dialog_texts(dialog))
    dialog.close()
    window.tabs.setCurrentWidget(window.classify_panel)
    menu = open_plot_menu(qtbot, view, loss)
    assert menu_texts(menu) == english
    menu.close()


# ---------------------------------------------------------------------------- texts made before a switch

@pytest.fixture
def split_dataset(tmp_path) -> Path:
    """A dataset with train/ and val/ folders whose check finds problems: copies of one image, a
    class without validation images, images much smaller than the input."""
    root = tmp_path / "split"
    for label, vertical in (("horizontal", False), ("vertical", True)):
        (root / "train" / label).mkdir(parents=True)
        for i in range(3):
            write_stripe_image(root / "train" / label / f"{i}.png", vertical, size=32, mode="RGB")
    (root / "val" / "horizontal").mkdir(parents=True)
    write_stripe_image(root / "val" / "horizontal" / "v.png", False, size=32, mode="RGB")
    return root


def test_texts_made_before_a_switch_follow_it_at_once(window, qtbot, tmp_path, stripes_folder, split_dataset):
    """Made in English from events: a classified image's "by …" line, the runs count, a dataset
    check's findings (and the other texts made so: messages, counts, "seen by …"). After a switch
    they are Chinese at once, and after switching back, English as they were."""
    write_run(tmp_path / "runs" / "first")
    window.tabs.setCurrentWidget(window.runs_panel)
    runs = window.runs_panel
    qtbot.waitUntil(lambda: runs.status_label.text() == "1 run", timeout=30_000)
    window.classify.classify_paths([str(stripes_folder / "vertical" / "0.png")])
    classify = window.classify_panel
    qtbot.waitUntil(lambda: classify.row_count() == 1 and not classify.pending_count(), timeout=60_000)
    row = classify.rows()[0]
    row.inside_button.click()  # the Inside tab: the image "seen by" the untrained weights
    qtbot.waitUntil(lambda: window.understanding.inside_panel.inside is not None, timeout=60_000)
    editor = window.dataset_editor
    editor.open(str(split_dataset))
    qtbot.waitUntil(lambda: editor.dataset is not None and not editor.busy and bool(editor.panel.finding_titles()),
                    timeout=60_000)
    check = editor.panel
    check.findings_tree.setCurrentItem(check.findings_tree.topLevelItem(1))

    def made_from_events() -> dict:
        tree = check.class_tree
        return {"by": row.weights_label.text(), "runs": runs.status_label.text(),
                "summary": check.check_summary.text(), "findings": check.finding_titles(),
                "chosen": check.findings_tree.currentItem().text(0), "advice": check.advice_label.text(),
                "counts": [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())],
                "classified": classify.message_label.text(), "seen by": window.understanding.inside_panel.weights_label.text(),
                "editor": check.windowTitle()}

    english = made_from_events()
    assert english["by"] == "by untrained weights" and english["runs"] == "1 run"
    assert english["summary"].startswith("7 images checked:") and english["counts"] == ["3 + 1 val", "3"]
    assert english["classified"] == "Classified 1 image with untrained weights"
    assert english["seen by"] == "seen by untrained weights"

    window.menus.set_language("zh_CN")
    chinese = made_from_events()
    assert chinese["by"] == "使用未训练的权重" and chinese["runs"] == "1 个训练运行"
    assert chinese["summary"].startswith("已检查 7 张图像：") and chinese["counts"][0].startswith("3 + 1")
    assert len(chinese["findings"]) == len(english["findings"])
    assert chinese["chosen"] == chinese["findings"][1]  # the finding chosen stays chosen
    from googlenet_gui.core.data.sources import FASHION_CLASSES  # what the untrained weights answer (the built-in sample's)

    data = data_names(window, tmp_path) | {"first", "split", *FASHION_CLASSES}
    said = [text for value in chinese.values() for text in (value if isinstance(value, list) else [value])]
    assert english_left(said, data) == []
    open_every_tab(window, qtbot)
    left = untranslated(window, data)
    left += [(where, text, words) for where, text in shown_texts(check) if (words := english_words(text, data))]
    assert left == [], "\n".join(map(repr, left))

    window.menus.set_language("en")
    assert made_from_events() == english
    check.close()


# ---------------------------------------------------------------------------- the core's messages in the window

def shown_in_both(window: MainWindow, read, data: set[str]) -> tuple[str, str]:
    """What `read()` shows in the Chinese window (it must be Chinese but for names and numbers), then after
    switching to English with View > Language: (chinese, english)."""
    chinese = read()
    assert chinese and english_words(chinese, data) == [], chinese
    window.menus.set_language("en")
    return chinese, read()


def test_a_refused_image_is_said_in_the_window_language(window, qtbot, tmp_path):
    notes = tmp_path / "notes.png"
    notes.write_text("a shopping list, not a picture")
    window.menus.set_language("zh_CN")
    window.classify.classify_paths([str(notes)])
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1 and not panel.pending_count(), timeout=60_000)
    row = panel.rows()[0]
    assert row.error_text == "notes.png：不是本应用能读取的图像格式"
    assert row.error_label.text() == row.error_text and english_words(panel.message_label.text(), {"notes.png"}) == []
    window.menus.set_language("en")  # the row and the panel's line follow the switch
    assert row.error_text == "notes.png: not an image format this app can read" == row.error_label.text()
    assert panel.message_label.text() == "1 of 1 could not be classified: notes.png: not an image format this app can read"


def test_a_checkpoint_that_fails_its_checks_is_said_in_the_window_language(window, qtbot, tmp_path):
    """File > Open (the status bar) and File > Evaluate Checkpoint (the Evaluate tab, which keeps it)."""
    import torch

    from googlenet_gui.core.runs.checkpoint import FORMAT, FORMAT_VERSION

    bad = tmp_path / "three-eyed.pt"  # a checkpoint whose network would take two channels
    torch.save({"format": FORMAT, "format_version": FORMAT_VERSION, "model_config": {"in_channels": 2, "num_classes": 10},
                "model_state": {}, "class_names": [], "preprocess": {}}, bad)
    chinese = "three-eyed.pt：检查点已损坏（网络的输入通道数必须是 1（灰度）或 3（彩色））"
    english = "three-eyed.pt: damaged checkpoint (the network must take 1 (grayscale) or 3 (colour) input channels)"
    status = window.statusBar()
    window.menus.set_language("zh_CN")
    window.checkpoints.open(bad, resume=True)
    qtbot.waitUntil(lambda: status.currentMessage() == chinese, timeout=30_000)
    window.evaluate.evaluate_file(bad)
    message = window.evaluate_panel.message_label
    qtbot.waitUntil(lambda: message.text() == f"评估失败：{chinese}", timeout=30_000)
    window.menus.set_language("en")
    assert message.text() == f"Evaluation failed: {english}"
    window.checkpoints.open(bad, resume=True)  # the status bar was cleared by the switch
    qtbot.waitUntil(lambda: status.currentMessage() == english, timeout=30_000)


def test_settings_too_large_for_the_memory_are_refused_in_the_window_language(window, qtbot, tmp_path):
    """An impossible batch and input size, refused before anything is allocated: its numbers are this machine's."""
    tp = window.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("sample"))
    tp.field("input_size").setValue(1024)
    tp.field("batch_size").setValue(4096)
    tp.field("epochs").setValue(1)
    window.menus.set_language("zh_CN")
    window.training.start()
    qtbot.waitUntil(lambda: not window.training.running, timeout=120_000)
    chinese, english = shown_in_both(window, tp.error_label.text, {"TiB"})  # a unit, like GiB
    assert re.fullmatch(r"训练失败：内存不足：输入 1024 时批量大小 \d+ 约需 [\d,.]+ [GT]iB（其中该批的激活值占 [\d,.]+ [GT]iB），"
                        r"而本机只有 [\d,.]+ [GT]iB 可用；输入 1024 时，.+", chinese), chinese
    assert re.fullmatch(r"Training failed: not enough memory: batch size \d+ at input 1024 needs about [\d,.]+ [GT]iB "
                        r"\([\d,.]+ [GT]iB for the batch's activations\), and this computer has [\d,.]+ [GT]iB free; "
                        r"(batch size \d+ or less fits|even a batch of 2 does not fit) at input 1024.*", english), english


def test_a_dataset_folder_error_is_said_in_the_window_language(window, qtbot, tmp_path):
    folder = tmp_path / "one-class"
    (folder / "cats").mkdir(parents=True)
    for i in range(4):
        write_stripe_image(folder / "cats" / f"{i}.png", False, size=32, mode="RGB")
    window.menus.set_language("zh_CN")
    train_on(window, folder, epochs=1)
    qtbot.waitUntil(lambda: not window.training.running, timeout=120_000)
    chinese, english = shown_in_both(window, window.training_panel.error_label.text, {str(folder)})
    assert chinese == f"训练失败：{folder}：至少需要两个含有图像的类别子文件夹（找到 1 个）"
    assert english == f"Training failed: {folder}: needs at least two class sub-folders with images (found 1)"


def test_the_shapes_tab_says_where_a_small_input_breaks_in_the_window_language(window, qtbot):
    shapes = window.shapes_panel
    window.menus.set_language("zh_CN")
    shapes.height_spin.setValue(40)
    chinese, english = shown_in_both(window, shapes.error_label.text,
                                     {"block", "inception", "Conv2d", "MaxPool2d", "stride", "pad", "40x96", "61x61"})
    assert chinese.startswith("输入 40x96 太小：在 block") and chinese.endswith("可用的最小尺寸为 61x61")
    assert english.startswith("input 40x96 is too small: it breaks in block") and english.endswith(
        "the smallest size that works is 61x61")


def test_a_pasted_image_is_named_in_the_window_language(window, qtbot):
    """Its name is made when it is pasted; the name shown follows a switch, the key (its English) stays."""
    from PySide6.QtGui import QImage

    image = QImage(32, 32, QImage.Format_RGB32)
    image.fill(0x808080)
    window.classify.classify_image(image)
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1 and not panel.pending_count(), timeout=60_000)
    row = panel.rows()[0]

    def labels() -> set[str]:
        return {label.text() for label in row.findChildren(QLabel)}

    assert "clipboard 1" in labels() and row.source == "clipboard 1"
    window.menus.set_language("zh_CN")
    assert "剪贴板 1" in labels() and "clipboard 1" not in labels() and row.source == "clipboard 1"
    assert window.classify.kept_image(row.source) is not None  # still found by its key
    window.menus.set_language("en")
    assert "clipboard 1" in labels() and "剪贴板 1" not in labels()


def test_the_runs_differences_name_each_setting_in_the_window_language(qtbot):
    from googlenet_gui.ui.panels.runs_panel import RunsPanel

    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.set_differences(["a", "b"], [("batch_size", [64, 128]), ("lr", [0.001, 0.003]), ("optimizer", ["adam", "sgd"]),
                                       ("schedule", ["none", "onecycle"]), ("augment", [False, True])])
    english = [["Batch size", "64", "128"], ["Learning rate", "0.001", "0.003"], ["Optimizer", "Adam (AdamW with weight decay)",
                                                                             "SGD with momentum"],
               ["Schedule", "Constant", "One-cycle"], ["Augmentation", "no", "yes"]]
    assert panel.difference_rows() == english
    assert "batch_size" in panel.differences.verticalHeaderItem(0).toolTip()
    i18n.install("zh_CN")
    try:
        assert panel.difference_rows() == [["批量大小", "64", "128"], ["学习率", "0.001", "0.003"],
                                           ["优化器", "Adam（有权重衰减时为 AdamW）", "带动量的 SGD"], ["学习率调度", "恒定", "单周期"],
                                           ["数据增强", "否", "是"]]
        assert "batch_size" in panel.differences.verticalHeaderItem(0).toolTip()
    finally:
        i18n.install("en")
    assert panel.difference_rows() == english
