"""Issue 29's views alone, without the window: the feature map (panel and controller, following a
run's epochs through its snapshots), the learning heat strip, and the learning-rate finder's dialog."""
import time

import numpy as np
import torch
from PySide6.QtGui import QImage

from googlenet_gui.core.common.messages import Message
from googlenet_gui.core.data.transforms import Preprocess
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.runs.branchlog import BranchSample, BranchStatsFile
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import EpochPredictions, Position
from googlenet_gui.core.runs.snapshot import WeightsSnapshot
from googlenet_gui.core.understanding.embedding import FeatureMap
from googlenet_gui.ui.controllers.branch_stats import BranchStatsController
from googlenet_gui.ui.controllers.embedding import EmbeddingController
from googlenet_gui.ui.controllers.lr_find import LRFindController
from googlenet_gui.ui.panels.branch_stats_panel import BranchStatsPanel
from googlenet_gui.ui.panels.embedding_panel import EmbeddingPanel
from googlenet_gui.ui.panels.lr_find_dialog import LRFindDialog
from helpers import stripes_dataset

MARKUP = "<b>Shirt</b>"


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


def a_map(total: int = 6, shown: int = 6) -> FeatureMap:
    indices = np.arange(shown) * (total // shown)
    return FeatureMap("block5", "pca", np.arange(shown * 2, dtype=np.float32).reshape(shown, 2), indices,
                      np.array([0, 1] * (shown // 2)), np.array([0, 1, 1, 1, 0, 0][:shown]), total, ["coat", MARKUP],
                      (0.6, 0.3))


def test_the_map_draws_a_point_per_image_mistakes_as_crosses_and_escaped_names(qtbot):
    panel = show(qtbot, EmbeddingPanel())
    assert panel.point_count() == 0 and "Each validation image becomes a point" in panel.message_label.text()
    panel.show_map(a_map(), "best.pt")
    assert panel.point_count() == 6 and panel.mistake_count() == 2  # images 2 and 5: true 0 taken for 1, true 1 for 0
    assert panel.legend_names() == ["coat", "&lt;b&gt;Shirt&lt;/b&gt;"]
    text = panel.message_label.text()
    assert "PCA at block5, best.pt: 6 images, 2 mistakes" in text and "60% and 30%" in text and "sample" not in text
    panel.show_map(a_map(total=12, shown=6))
    assert "a fixed sample of 6 of the 12 validation images" in panel.message_label.text()


def test_hover_shows_the_image_and_a_click_asks_to_classify_it(qtbot):
    panel = show(qtbot, EmbeddingPanel())
    panel.set_image_source(lambda index: np.full((28, 28), index * 20, dtype=np.uint8))
    panel.show_map(a_map())
    panel.hover_index(2)
    assert panel.hover_label.isVisible() and panel.hover_label.pixmap().width() == 112
    assert panel.hover_label.property("caption") == "Image 2: coat, taken for <b>Shirt</b>"
    asked = []
    panel.classify_requested.connect(asked.append)
    point = [p for p in panel.scatter.points() if p.data() == 4]
    panel.scatter.sigClicked.emit(panel.scatter, point, None)
    assert asked == [4]


def test_the_slider_replays_the_kept_maps(qtbot):
    panel = show(qtbot, EmbeddingPanel())
    chosen = []
    panel.epoch_chosen.connect(chosen.append)
    panel.set_epochs(["Epoch 1", "Epoch 2", "Epoch 3"], 2)
    assert panel.epoch_label.text() == "Epoch 3 (3 of 3)" and panel.epoch_slider.isEnabled() and chosen == []
    panel.epoch_slider.setValue(0)
    assert chosen == [0] and panel.epoch_label.text() == "Epoch 1 (1 of 3)"


class FakeRun:
    """What the controller uses of a core.training.engine.Trainer: snapshots on request, the validation images."""

    def __init__(self):
        torch.manual_seed(0)
        self.model = GoogLeNet(ModelConfig(1, 2))
        self.data = stripes_dataset(16, 24)
        self.position = Position(0, 0, 4)
        self.snapshot = None
        self.requests = 0

    def request_snapshot(self):
        self.requests += 1

    def step(self, epochs_done: int, batches_done: int) -> None:
        """The run gets somewhere and publishes what it was asked for."""
        self.position = Position(epochs_done, batches_done, 4)
        if self.requests:
            state = {k: v.clone() for k, v in self.model.state_dict().items()}
            self.snapshot = WeightsSnapshot(ModelConfig(1, 2), state, ["horizontal", "vertical"], Preprocess(1, 64, 28),
                                            self.position, time.monotonic())
            self.requests = 0

    def latest_snapshot(self):
        return self.snapshot

    def validation_images(self):
        return self.data.val


class Started:
    class_names = ["horizontal", "vertical"]


def test_the_controller_maps_each_epoch_from_a_snapshot_taken_after_it(qtbot):
    panel = show(qtbot, EmbeddingPanel())
    classified = []
    controller = EmbeddingController(panel, lambda image, source: classified.append((image, source)))
    run = FakeRun()
    controller.follow_run(Started(), run)
    controller.epoch_predictions(EpochPredictions(1, [0] * 24, [0] * 24, [1.0] * 24))
    assert run.requests and panel.feature_map is None  # no snapshot after epoch 1 yet: asked for
    run.step(1, 1)
    controller.step_reached(5)
    qtbot.waitUntil(lambda: panel.feature_map is not None, timeout=60_000)
    assert panel.point_count() == 24 and panel.epoch_label.text() == "Epoch 1 (1 of 1)"
    assert "live weights, epoch 2, batch 1 of 4" in panel.message_label.text()
    controller.epoch_predictions(EpochPredictions(2, [0] * 24, [0] * 24, [1.0] * 24))
    run.step(2, 1)
    controller.step_reached(9)
    qtbot.waitUntil(lambda: panel.epoch_label.text() == "Epoch 2 (2 of 2)", timeout=60_000)
    panel.epoch_slider.setValue(0)
    assert panel.feature_map is controller.kept[("block5", "pca")][0].feature_map
    panel.classify_requested.emit(3)
    image, source = classified[-1]
    assert isinstance(image, QImage) and image.width() == 28 and isinstance(source, Message)
    assert str(source) == f"validation image 3 (true {Started.class_names[int(run.data.val.labels[3])]})"


def test_cancel_drops_the_map_under_way(qtbot):
    panel = show(qtbot, EmbeddingPanel())
    controller = EmbeddingController(panel)
    run = FakeRun()
    controller.follow_run(Started(), run)
    run.request_snapshot()
    run.step(0, 2)
    panel.method_combo.setCurrentIndex(1)  # t-SNE
    panel.compute_requested.emit()
    assert panel.busy.busy()
    panel.cancel_requested.emit()
    assert not panel.busy.busy() and "cancelled" in panel.message_label.text()
    qtbot.wait(50)
    from googlenet_gui.ui.jobs import wait_for_jobs

    wait_for_jobs(60_000)
    assert panel.feature_map is None and controller.kept == {}


def samples(parts=("block1", "inception3a.branch1", "classifier")) -> list[BranchSample]:
    made = []
    for step in (1, 26, 51):
        dead = 0.0 if step >= 26 else 0.4
        made.append(BranchSample(step, list(parts), [1.0, 2.0, 3.0], [1e-3, 2e-3 if step < 51 else 0.5, 1e-4],
                                 [0.3, 0.0 if step >= 26 else 0.2, None], [0.5, dead, None]))
    return made


def test_the_heat_strip_marks_dead_and_exploding_parts(qtbot):
    panel = show(qtbot, BranchStatsPanel())
    assert "every few steps" in panel.message_label.text()
    controller = BranchStatsController(panel)
    controller.add(samples())
    assert panel.values.shape == (3, 3) and panel.statistic() == "update_ratio"
    assert panel.dead_parts() == ["inception3a.branch1"] and panel.exploding_parts() == ["inception3a.branch1"]
    assert len(panel.dead_marks.data) == 2 and len(panel.exploding_marks.data) == 1
    assert "Dead now" in panel.findings_label.text() and "Exploded" in panel.findings_label.text()
    assert panel.describe_cell(1, 2) == "inception3a.branch1, step 51: 0.5"
    assert "(log scale)" in panel.range_label.text()
    panel.set_statistic("active_fraction")
    assert panel.describe_cell(2, 0) == "classifier, step 1: –" and "log" not in panel.range_label.text()


def test_a_resumed_run_s_earlier_samples_are_read_back(qtbot, tmp_path):
    BranchStatsFile(tmp_path).append(samples())  # a killed run's, up to step 51

    class Resumed:
        run_dir = str(tmp_path)
        position = Position(1, 0, 30)  # from step 30

    panel = show(qtbot, BranchStatsPanel())
    controller = BranchStatsController(panel)
    controller.follow_run(Resumed())
    qtbot.waitUntil(lambda: controller.history.steps == [1, 26], timeout=10_000)
    controller.add(samples()[2:])  # step 51 again, of this run
    assert controller.history.steps == [1, 26, 51] and panel.values.shape == (3, 3)


def test_the_finder_s_dialog_shows_the_curve_and_uses_its_rate(qtbot):
    dialog = show(qtbot, LRFindDialog())
    config = TrainConfig(dataset="sample", limit_train=64, input_size=64, batch_size=16, num_threads=1, precision="fp32")
    controller = LRFindController(dialog, lambda: config)
    controller.steps = 10
    dialog.start_requested.emit()
    assert not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: controller.finding is not None, timeout=120_000)
    assert dialog.curve_points() == len(controller.finding.rates) >= 3 and dialog.start_button.isEnabled()
    dialog.show_suggestion(3e-3)
    assert dialog.use_button.isEnabled() and dialog.use_button.text() == "Use 3.00e-03"
    chosen = []
    dialog.rate_chosen.connect(chosen.append)
    dialog.use_button.click()
    assert chosen == [3e-3]


def test_the_finder_waits_for_a_run_and_can_be_cancelled(qtbot):
    dialog = show(qtbot, LRFindDialog())
    training = [True]
    config = TrainConfig(dataset="sample", limit_train=64, input_size=64, batch_size=16, num_threads=1, precision="fp32")
    controller = LRFindController(dialog, lambda: config, lambda: training[0])
    dialog.start_requested.emit()
    assert not controller.busy() and "stop it first" in dialog.result_label.text()
    training[0] = False
    dialog.start_requested.emit()
    assert controller.busy()
    dialog.cancel_requested.emit()
    assert not controller.busy() and "Cancelled" in dialog.result_label.text() and dialog.start_button.isEnabled()


def test_epochs_are_mapped_only_while_the_tab_is_on_screen(qtbot):
    panel = EmbeddingPanel()
    qtbot.addWidget(panel)  # not shown: a map would take a core from a CPU run for nothing
    controller = EmbeddingController(panel)
    run = FakeRun()
    controller.follow_run(Started(), run)
    controller.epoch_predictions(EpochPredictions(1, [0] * 24, [0] * 24, [1.0] * 24))
    run.step(1, 1)
    controller.step_reached(5)
    assert run.requests == 0 and not panel.busy.busy()
    run.request_snapshot()
    run.step(1, 2)
    panel.show()  # the tab is chosen: the newest weights after epoch 1 are mapped
    qtbot.waitUntil(lambda: panel.feature_map is not None, timeout=60_000)
    assert panel.epoch_label.text() == "Epoch 1 (1 of 1)"


def test_the_views_load_before_pytorch():
    """The window builds them before PyTorch has loaded (it loads on a pool thread after the first paint)."""
    import subprocess
    import sys

    code = ("import sys, googlenet_gui.ui.understanding, googlenet_gui.core.understanding.embedding; "
            "print('torch' in sys.modules, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_views_do_not_widen_the_window(window):
    """A tab page's minimum width is the window's: these are no wider than the Inside tab as the
    window builds it (with the timeline and feature visualization views it adds)."""
    views = window.understanding
    widest = views.inside_panel.minimumSizeHint().width()
    for panel in (views.embedding_panel, views.branch_panel):
        assert panel.minimumSizeHint().width() <= widest
