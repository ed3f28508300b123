"""The Evaluate tab on its own: the matrix (counts, row percentages, hover, click), the
per-class table (worst class first), the exports, and its controller following a run's epoch
evaluations with a gallery of exactly a clicked cell's images."""
import csv
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.inference.evaluation import Evaluation
from googlenet_gui.core.runs.events import EpochEnd, EpochPredictions, Position, RunStarted
from googlenet_gui.ui import i18n
from googlenet_gui.ui.controllers import evaluate as evaluate_module
from googlenet_gui.ui.controllers.evaluate import EvaluateController
from googlenet_gui.ui.panels.evaluate_panel import EvaluatePanel
from helpers import stripes_dataset


@pytest.fixture
def panel(qtbot):
    p = EvaluatePanel()
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    return p


def shirts() -> Evaluation:
    """600 shirts, 87 of them taken for T-shirts; 520 T-shirts; 300 coats, all right."""
    return Evaluation(["T-shirt/top", "Shirt", "Coat"], [[500, 20, 0], [87, 513, 0], [0, 0, 300]], 0.99)


def click(qtbot, view, index) -> None:
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())


def test_the_matrix_shows_counts_or_row_percentages_and_says_what_a_cell_is(panel, qtbot):
    panel.show_evaluation(shirts())
    model, view = panel.matrix_model, panel.matrix_view
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    assert [model.headerData(i, Qt.Horizontal) for i in range(3)] == ["T-shirt/top", "Shirt", "Coat"]
    assert [model.headerData(i, Qt.Vertical) for i in range(3)] == ["T-shirt/top", "Shirt", "Coat"]
    assert model.index(1, 0).data() == "87" and model.index(2, 2).data() == "300"
    assert model.index(1, 0).data(Qt.ToolTipRole) == "true Shirt, predicted T-shirt/top: 87 (14.5%)"
    panel.percent_check.setChecked(True)
    assert model.index(1, 0).data() == "14.5%" and model.index(1, 1).data() == "85.5%"
    assert model.index(2, 0).data() == "0"
    assert "Accuracy 92.5%" in panel.summary_label.text() and "top-3 99.0%" in panel.summary_label.text()

    qtbot.mouseMove(view.viewport(), view.visualRect(model.index(1, 0)).center())
    qtbot.waitUntil(lambda: panel.hover_label.text() == "true Shirt, predicted T-shirt/top: 87 (14.5%)", timeout=3000)
    with qtbot.waitSignal(panel.cell_clicked, timeout=3000) as clicked:
        click(qtbot, view, model.index(1, 0))
    assert clicked.args == [1, 0]


def test_right_cells_are_blue_wrong_ones_red_and_stronger_with_their_share(panel):
    panel.show_evaluation(shirts())
    model = panel.matrix_model
    right, wrong, small, none = (model.index(1, 1).data(Qt.BackgroundRole), model.index(1, 0).data(Qt.BackgroundRole),
                                 model.index(0, 1).data(Qt.BackgroundRole), model.index(2, 0).data(Qt.BackgroundRole))
    assert right.blue() > right.red() and wrong.red() > wrong.blue()
    assert wrong.lightness() < small.lightness() < none.lightness()  # 14.5% darker than 3.8%, darker than none


def test_the_per_class_table_puts_the_worst_class_first_and_sorts(panel):
    panel.show_evaluation(shirts())
    rows = panel.class_rows()
    # F1: T-shirt 2*500/(520+587) = 0.903, Shirt 2*513/(600+533) = 0.906, Coat 1.0
    assert [r[0] for r in rows] == ["T-shirt/top", "Shirt", "Coat"]
    assert rows[0] == ["T-shirt/top", "0.852", "0.962", "0.903", "520"]
    panel.class_table.sortItems(4, Qt.DescendingOrder)  # by support, as a header click does
    assert [r[0] for r in panel.class_rows()] == ["Shirt", "T-shirt/top", "Coat"]
    panel.show_evaluation(Evaluation(["a", "b"], [[5, 0], [5, 0]], None))  # the chosen order stays
    assert [r[0] for r in panel.class_rows()] == ["a", "b"] and panel.class_rows()[1][1] == "–"


def test_the_matrix_exports_as_csv_and_png(panel, tmp_path):
    with pytest.raises(ValueError):
        panel.export_csv(str(tmp_path / "none.csv"))
    panel.set_source("best.pt (after epoch 3)")
    panel.show_evaluation(shirts())
    panel.export_csv(str(tmp_path / "m.csv"))
    with open(tmp_path / "m.csv", newline="", encoding="utf-8") as f:
        assert list(csv.reader(f)) == [["true \\ predicted", "T-shirt/top", "Shirt", "Coat"],
                                       ["T-shirt/top", "500", "20", "0"], ["Shirt", "87", "513", "0"],
                                       ["Coat", "0", "0", "300"]]
    panel.export_image(str(tmp_path / "m.png"))
    image = QImage(str(tmp_path / "m.png"))
    assert image.width() > 3 * 44 and image.height() > 3 * 44
    # the bottom-right cell (Coat, all right) is painted in the diagonal's blue
    corner = image.pixelColor(image.width() - 16 - 4, image.height() - 16 - 4)
    assert corner.blue() > corner.red() + 50


class _Run:
    """What the controller asks of a Trainer: the images it validates on."""

    def __init__(self, images):
        self.images = images

    def validation_images(self):
        return self.images


def started(names, input_size=64, history=()) -> RunStarted:
    return RunStarted(TrainConfig(input_size=input_size).to_dict(), "cpu", "fp32", 64, 32, names, 1, 4, 8,
                      Position(), list(history), {"step": [], "loss": [], "accuracy": []}, None)


def epoch(n, labels, predicted, probability) -> tuple[EpochEnd, EpochPredictions]:
    matrix = np.zeros((2, 2), dtype=int)
    np.add.at(matrix, (labels, predicted), 1)
    end = EpochEnd(n, 0.5, 0.8, 0.6, float(np.trace(matrix)) / len(labels), 1.0, 1e-3, 4 * n, 1.0, matrix.tolist())
    return end, EpochPredictions(n, list(labels), list(predicted), list(probability))


@pytest.fixture
def live(panel, qtbot, settings_dir):
    """The controller following a run of the stripes data (32 validation images)."""
    classified: list = []
    controller = EvaluateController(panel, _StatusBar(), lambda image, source: classified.append((image, source)),
                                    TrainConfig, panel)
    data = stripes_dataset()
    controller.follow_run(started(["horizontal", "vertical"]), _Run(data.val))
    return controller, data, classified


class _StatusBar:
    def __init__(self):
        self.messages = []

    def showMessage(self, text, timeout=0):
        self.messages.append(text)


def test_clicking_a_cell_lists_exactly_its_images_most_confident_first(live, panel, qtbot):
    i18n.install("en")  # the gallery title's English plural forms
    controller, data, classified = live
    labels = data.val.labels.tolist()
    rng = np.random.default_rng(0)
    predicted = [int(v) for v in rng.integers(0, 2, 32)]
    probability = [float(v) for v in rng.uniform(0.5, 1.0, 32)]
    for event in epoch(1, labels, predicted, probability):
        (controller.add_epoch if isinstance(event, EpochEnd) else controller.add_predictions)(event)
    assert panel.epoch_label.text() == "epoch 1"

    click(qtbot, panel.matrix_view, panel.matrix_model.index(0, 1))
    expected = sorted((i for i in range(32) if labels[i] == 0 and predicted[i] == 1), key=lambda i: -probability[i])
    assert expected  # the seed gives this cell some images
    qtbot.waitUntil(lambda: len(panel.gallery_indices()) == len(expected), timeout=20_000)
    assert panel.gallery_indices() == expected
    assert re.match(r"\d+ images? of horizontal predicted as vertical", panel.gallery_label.text())
    assert panel.gallery_label.text().startswith(f"{len(expected)} image")
    first = panel.gallery_model.index(0)
    assert first.data() == f"{probability[expected[0]]:.1%}"
    assert first.data(Qt.DecorationRole).width() == 64  # what the network sees: its 64 px input

    click(qtbot, panel.gallery_view, first)
    image, source = classified[-1]
    assert (image.width(), image.height()) == (28, 28) and source == f"validation image {expected[0]} (true horizontal)"
    stored = data.val.images[expected[0], 0].numpy()
    assert image.pixelColor(5, 7).red() == stored[7, 5]  # the stored image itself, as if dropped


def test_the_slider_follows_new_epochs_unless_an_earlier_one_is_looked_at(live, panel, qtbot, monkeypatch):
    monkeypatch.setattr(evaluate_module, "KEPT_EPOCHS", 2)
    controller, data, _ = live
    labels = data.val.labels.tolist()
    for n in (1, 2):
        end, predictions = epoch(n, labels, [n % 2] * 32, [0.9] * 32)
        controller.add_epoch(end)
        controller.add_predictions(predictions)
    assert panel.epoch_slider.value() == 1 and panel.matrix_model.index(0, 0).data() == "16"
    panel.epoch_slider.setValue(0)  # the user looks back at epoch 1
    assert panel.matrix_model.index(0, 1).data() == "16"
    end, predictions = epoch(3, labels, [1] * 32, [0.9] * 32)
    controller.add_epoch(end)
    controller.add_predictions(predictions)
    assert panel.epoch_slider.maximum() == 2 and panel.epoch_slider.value() == 0  # still epoch 1
    # only the last 2 epochs keep their images: epoch 1's cell says so
    click(qtbot, panel.matrix_view, panel.matrix_model.index(0, 1))
    assert "not kept" in panel.gallery_label.text() and panel.gallery_indices() == []
    panel.epoch_slider.setValue(2)
    qtbot.waitUntil(lambda: len(panel.gallery_indices()) == 16, timeout=20_000)  # the same cell, epoch 3


def test_a_run_without_evaluations_and_a_resumed_runs_history(live, panel):
    controller, data, _ = live
    assert "first epoch" in panel.summary_label.text()
    history = [EpochEnd(1, 0.5, 0.8, 0.6, 0.5, 1.0, 1e-3, 4, 1.0, [[8, 8], [8, 8]]),
               EpochEnd(2, 0.5, 0.8, 0.6, 0.5, 1.0, 1e-3, 8)]  # saved before matrices were kept
    controller.follow_run(started(["horizontal", "vertical"], history=history), _Run(data.val))
    assert panel.epoch_label.text() == "epoch 1" and panel.matrix_model.index(1, 0).data() == "8"
