"""The shapes panel shows exactly what core.network.model.inspect_shapes reports, for any input size."""
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from googlenet_gui.core.network.model import BLOCK_NAMES
from googlenet_gui.core.network.shapes import inspect_shapes
from googlenet_gui.ui.panels.shapes_panel import ShapesPanel


@pytest.fixture
def panel(qtbot):
    widget = ShapesPanel()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def shape_text(shape):
    return " x ".join(str(d) for d in shape)


def count_text(n):
    return f"{n:,}" if n else "--"


def expected_rows(report):
    """(depth, texts) for every row, in order, written out from the report independently."""
    rows = [(0, ["Input", "", shape_text(report.input), "", ""])]

    def walk(layer, depth):
        rows.append((depth, [layer.name, layer.kind, shape_text(layer.output),
                             count_text(layer.params), count_text(layer.macs)]))
        for child in layer.children:
            walk(child, depth + 1)

    for block in report.blocks:
        walk(block, 0)
    return rows


def tree_rows(tree):
    rows = []

    def walk(item, depth):
        rows.append((depth, [item.text(c) for c in range(tree.columnCount())]))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i), 0)
    return rows


def top_item(tree, name):
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0) == name:
            return tree.topLevelItem(i)
    raise AssertionError(f"no top-level row {name!r}")


def find_item(tree, name):
    found = tree.findItems(name, Qt.MatchExactly | Qt.MatchRecursive, 0)
    assert len(found) == 1, f"{name!r}: {len(found)} rows"
    return found[0]


def test_the_table_is_there_at_once_and_follows_the_spin_boxes_without_pytorch(panel):
    assert panel.report() is not None and panel.tree.topLevelItemCount() == 7  # input and six blocks
    panel.height_spin.setValue(120)
    assert panel.report().input == (3, 120, 96)


def test_default_table_at_96(panel):
    panel.refresh()
    tree = panel.tree
    assert (panel.channels_spin.value(), panel.height_spin.value(), panel.width_spin.value(),
            panel.classes_spin.value()) == (3, 96, 96, 10)
    assert [tree.headerItem().text(c) for c in range(tree.columnCount())] == [
        "Layer", "Type", "Output shape", "Params", "Mult-adds"]
    assert tree.topLevelItem(0).text(0) == "Input"
    assert tree.topLevelItem(0).text(2) == "3 x 96 x 96"
    blocks = [tree.topLevelItem(i).text(0) for i in range(1, tree.topLevelItemCount())]
    assert blocks == list(BLOCK_NAMES)
    shapes = {name: top_item(tree, name).text(2) for name in BLOCK_NAMES}
    assert shapes == {"block1": "64 x 23 x 23", "block2": "192 x 11 x 11", "block3": "480 x 5 x 5",
                      "block4": "832 x 2 x 2", "block5": "1024 x 1 x 1", "classifier": "10"}
    assert top_item(tree, "block1").text(3) == "9,600"

    inception = find_item(tree, "inception3a")
    assert inception.parent() is top_item(tree, "block3")
    assert inception.childCount() == 4
    branches = [inception.child(i) for i in range(4)]
    assert [b.text(0) for b in branches] == ["branch1", "branch2", "branch3", "branch4"]
    assert [b.text(1) for b in branches] == ["1x1 conv", "1x1 conv -> 3x3 conv", "1x1 conv -> 5x5 conv",
                                             "3x3 max pool -> 1x1 conv"]
    assert [b.text(2).split(" x ")[0] for b in branches] == ["64", "128", "32", "32"]

    # blocks open, Inception modules closed but openable
    assert all(top_item(tree, name).isExpanded() for name in BLOCK_NAMES)
    assert not inception.isExpanded()
    assert inception.childIndicatorPolicy() != inception.ChildIndicatorPolicy.DontShowIndicator

    assert "5,955,452" in panel.totals_label.text()
    assert "0.23 G" in panel.totals_label.text()
    assert panel.error_text() == "" and not panel.error_label.isVisible()
    assert panel.report().total_params == 5_955_452


def test_numbers_are_right_aligned(panel):
    panel.refresh()
    item = top_item(panel.tree, "block2")
    for col in (2, 3, 4):
        assert Qt.AlignmentFlag(item.textAlignment(col)) & Qt.AlignRight
    assert not Qt.AlignmentFlag(item.textAlignment(0)) & Qt.AlignRight


def test_spin_box_change_updates_at_once(panel):
    panel.refresh()
    panel.height_spin.setValue(200)
    expected = inspect_shapes(3, 200, 96, 10).blocks[0].output
    assert top_item(panel.tree, "block1").text(2) == shape_text(expected)
    assert top_item(panel.tree, "block1").text(2) == "64 x 49 x 23"
    assert panel.report().input == (3, 200, 96)


def test_too_small_shows_the_error_in_place_and_recovers(panel):
    panel.refresh()
    panel.height_spin.setValue(40)
    assert panel.error_label.isVisible()
    assert "too small" in panel.error_label.text() and "61x61" in panel.error_label.text()
    assert panel.error_text() == panel.error_label.text()
    # the rows up to where 40 pixels break (block4's last pool): the input and blocks 1 to 4 at 40x96, no
    # stale rows of 96x96 and no classifier
    blocks = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert blocks == ["Input", "block1", "block2", "block3", "block4"]
    assert top_item(panel.tree, "block4").childCount() == 5 and top_item(panel.tree, "block1").text(2) == "64 x 9 x 23"
    assert panel.report() is None
    assert "5,955,452" not in panel.totals_label.text()

    panel.height_spin.setValue(96)
    assert not panel.error_label.isVisible()
    assert panel.error_text() == ""
    assert top_item(panel.tree, "block1").text(2) == "64 x 23 x 23"
    assert "5,955,452" in panel.totals_label.text()


def test_set_input_updates_spin_boxes_and_table_once(panel, monkeypatch):
    panel.refresh()
    calls = []
    original = ShapesPanel.refresh

    def counting_refresh(self):
        calls.append(1)
        original(self)

    monkeypatch.setattr(ShapesPanel, "refresh", counting_refresh)
    panel.set_input(1, 128, 64, 7)
    assert len(calls) == 1
    assert (panel.channels_spin.value(), panel.height_spin.value(), panel.width_spin.value(),
            panel.classes_spin.value()) == (1, 128, 64, 7)
    assert top_item(panel.tree, "classifier").text(2) == "7"
    assert panel.tree.topLevelItem(0).text(2) == "1 x 128 x 64"
    assert tree_rows(panel.tree) == expected_rows(inspect_shapes(1, 128, 64, 7))
    # live updates still work afterwards
    panel.classes_spin.setValue(8)
    assert top_item(panel.tree, "classifier").text(2) == "8"


@pytest.mark.parametrize("size", [(3, 96, 96, 10), (1, 61, 61, 2), (3, 224, 160, 1000), (5, 97, 300, 3)])
def test_every_row_matches_inspect_shapes(panel, size):
    channels, height, width, classes = size
    panel.set_input(channels, height, width, classes)
    panel.refresh()
    assert tree_rows(panel.tree) == expected_rows(inspect_shapes(channels, height, width, classes))


def test_expanded_inception_stays_open_across_updates(panel):
    panel.refresh()
    find_item(panel.tree, "inception4b").setExpanded(True)
    top_item(panel.tree, "block2").setExpanded(False)
    panel.width_spin.setValue(128)
    assert find_item(panel.tree, "inception4b").isExpanded()
    assert not find_item(panel.tree, "inception4a").isExpanded()
    assert not top_item(panel.tree, "block2").isExpanded()


def test_importing_the_panel_does_not_load_torch():
    code = ("import sys, googlenet_gui.ui.panels.shapes_panel, googlenet_gui.ui.panels.classify_panel, "
            "googlenet_gui.ui.panels.training_panel, googlenet_gui.ui.panels.plots_panel, googlenet_gui.ui.panels.run_panel, "
            "googlenet_gui.ui.panels.progress_panel, googlenet_gui.ui.main_window; "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
