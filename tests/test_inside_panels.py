"""The Inside tab's panels alone, and what the Classify and Shapes panels gained for it: rows
that select and pin, and Shapes rows that link to their maps."""
import numpy as np
from PIL import Image
from PySide6.QtCore import QPoint, Qt

from googlenet_gui.core.understanding.inside import inspect_image
from googlenet_gui.core.inference.predict import Prediction, Predictor
from googlenet_gui.core.network.shapes import inspect_shapes, map_rows
from googlenet_gui.ui.panels.classify_panel import ClassifyPanel
from googlenet_gui.ui.panels.inside_panel import InsidePanel
from googlenet_gui.ui.panels.shapes_panel import ShapesPanel
from googlenet_gui.ui.panels.timeline_panel import TimelinePanel, shown_classes

MARKUP = "<b>Shirt</b> & <img src=x>"


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def test_the_timeline_draws_the_classes_ever_in_the_top_three_with_escaped_names(qtbot):
    panel = show(qtbot, TimelinePanel())
    assert panel.point_count() == 0 and "Pin an image" in panel.message_label.text()
    names = ["a", "b", MARKUP, "d", "e"]
    probabilities = np.array([[0.1, 0.2, 0.3, 0.25, 0.15],   # top 3: c, d, b
                              [0.05, 0.05, 0.2, 0.3, 0.4],    # e, d, c
                              [0.0, 0.0, 0.9, 0.05, 0.05]])   # c, d/e
    assert shown_classes(probabilities) == [2, 3, 4, 1]  # by the last point's probability
    panel.set_images(["x.png"], {"x.png"}, "x.png")
    panel.show_series("x.png", names, [0, 5, 10], [10], probabilities)
    assert panel.point_count() == 3 and len(panel.epoch_lines) == 1
    assert panel.curve_names() == ["&lt;b&gt;Shirt&lt;/b&gt; &amp; &lt;img src=x&gt;", "d", "e", "b"]
    assert panel.unpin_button.isEnabled()
    panel.set_images(["x.png"], set(), "x.png")  # a run's image that is not pinned now
    assert not panel.unpin_button.isEnabled() and "(not pinned now)" in panel.image_combo.currentText()


def test_shapes_rows_with_maps_ask_for_them_by_their_full_name(qtbot):
    panel = show(qtbot, ShapesPanel())
    asked = []
    panel.layer_activated.connect(asked.append)
    panel.select_layer("inception4a.branch2")
    item = panel.tree.currentItem()
    assert item.text(0) == "branch2" and panel.maps_button.isEnabled()
    panel.tree.itemActivated.emit(item, 0)  # a double click
    panel.maps_button.click()
    assert asked == ["inception4a.branch2", "inception4a.branch2"]
    classifier = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert classifier.text(0) == "classifier"
    panel.tree.setCurrentItem(classifier)
    assert not panel.maps_button.isEnabled()  # the classifier's output is numbers, not maps
    panel.tree.itemActivated.emit(classifier, 0)
    assert len(asked) == 2
    panel.height_spin.setValue(120)  # the table is rebuilt: the row chosen stays chosen
    panel.select_layer("block2.1")
    panel.width_spin.setValue(100)
    assert panel.tree.currentItem().data(0, Qt.UserRole) == "block2.1"


def test_classify_rows_select_on_a_click_and_keep_their_marks(qtbot, tmp_path):
    panel = show(qtbot, ClassifyPanel())
    selected, pinned, inside = [], [], []
    panel.row_selected.connect(selected.append)
    panel.pin_toggled.connect(lambda source, on: pinned.append((source, on)))
    panel.inside_requested.connect(inside.append)
    top = [("cat", 0.7), ("dog", 0.3)]
    panel.show_predictions([Prediction("b.png", top), Prediction("a.png", top),
                            Prediction("bad.png", error="bad.png: not an image")])
    a, b, bad = panel.rows()[1], panel.rows()[0], panel.rows()[2]
    qtbot.mouseClick(a, Qt.LeftButton, pos=QPoint(a.width() // 2, 6))
    assert selected == ["a.png"] and a.selected and not b.selected
    a.pin_button.click()
    assert pinned == [("a.png", True)]
    panel.set_pinned({"a.png"})
    b.inside_button.click()
    assert inside == ["b.png"] and b.selected and not a.selected
    qtbot.mouseClick(bad, Qt.LeftButton, pos=QPoint(bad.width() // 2, 6))  # nothing inside to see
    assert selected == ["a.png"] and not bad.pin_button.isEnabled() and not bad.inside_button.isEnabled()
    # classified again (new rows): the marks stay with the images
    panel.clear()
    panel.show_predictions([Prediction("a.png", top), Prediction("b.png", top)])
    again_a, again_b = panel.rows()
    assert again_a.pin_button.isChecked() and again_a.pin_button.text() == "Pinned" and not again_b.pin_button.isChecked()
    assert again_b.selected and not again_a.selected


def test_the_inside_panel_shows_class_names_as_plain_text(qtbot):
    panel = show(qtbot, InsidePanel())
    assert not panel.header.isVisible() and "Classify tab" in panel.message_label.text()
    predictor = Predictor.untrained([MARKUP, "other"], channels=1, stored_size=28, input_size=64)
    image = predictor.prepare_image(Image.new("L", (28, 28), 128))
    result = inspect_image(predictor, image)
    panel.show_inside("/some/where/<i>x.png", "untrained weights", result, map_rows(inspect_shapes(1, 64, 64)))
    assert panel.header.isVisible() and panel.name_label.text() == "<i>x.png"
    assert panel.name_label.textFormat() == Qt.PlainText and panel.answer_label.textFormat() == Qt.PlainText
    assert {panel.class_combo.itemText(i) for i in range(1, 3)} == {
        f"{name} ({p:.1%})" for name, p in zip([MARKUP, "other"], result.probabilities)}
    assert panel.cam_caption.textFormat() == Qt.PlainText
    assert panel.tree.topLevelItemCount() == 5 and panel.layer_label.text() == "block1: output 64 x 15 x 15"
    assert not panel.back_button.isVisible()  # no way back unless the Shapes tab sent the user
    panel.select_layer("inception5b", from_shapes=True)
    assert panel.back_button.isVisible() and panel.shown_channels() == result.layers["inception5b"].strongest(16)


def test_the_maps_follow_a_cpu_run_that_uses_every_core_less_often(qtbot, monkeypatch):
    import os
    import time

    import torch

    from googlenet_gui.core.runs.events import Position, RunStarted
    from googlenet_gui.state.weights import AnsweringWeights
    from googlenet_gui.ui.controllers import inside

    def started(device: str, threads: int | None) -> RunStarted:
        return RunStarted({"epochs": 1, "num_threads": threads}, device, "fp32", 8, 2, ["a", "b"], 1, 4, 4,
                          Position(0, 0, 4), [], {}, None)

    weights = AnsweringWeights()
    weights.use_live(object(), ["a", "b"])
    panel = InsidePanel()
    qtbot.addWidget(panel)
    controller = inside.InsideController(panel, weights)
    looks = []
    monkeypatch.setattr(controller, "look", lambda **kwargs: looks.append(kwargs))
    monkeypatch.setattr(panel, "showing_image", lambda: True)
    controller.source = "shirt.png"
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(1)  # this (the GUI) thread's own count does not matter
        controller.follow_run(started("cpu", os.cpu_count()))  # CPU training on every core
        assert controller.refresh_seconds == inside.SATURATED_CPU_REFRESH_SECONDS == 30
        looks.clear()
        controller._looked_at = time.monotonic() - 15  # a look 15 s ago: not due yet
        controller.weights_moved()
        assert looks == []
        controller._looked_at = time.monotonic() - 31
        controller.weights_moved()
        assert len(looks) == 1

        controller.follow_run(started("cuda:0", None))  # training elsewhere: the CPU is free for looks
        assert controller.refresh_seconds == inside.REFRESH_SECONDS == 10
        looks.clear()
        controller._looked_at = time.monotonic() - 15
        controller.weights_moved()
        assert len(looks) == 1
    finally:
        torch.set_num_threads(threads)
