"""The training, progress and run panels on their own, without a window: each shows what it is
given and says what the user asked for."""
import pytest

from googlenet_gui.state.activity import Activity
from googlenet_gui.state.data import DataChoice
from PySide6.QtCore import Qt

from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Position, RunStarted
from googlenet_gui.ui.panels.progress_panel import ProgressPanel
from googlenet_gui.ui.panels.run_panel import RunPanel
from googlenet_gui.ui.panels.training_panel import TrainingPanel


@pytest.fixture
def training(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    return panel


def test_the_training_panel_returns_what_its_widgets_show(training):
    training.field("input_size").setValue(128)
    training.field("lr").setValue(0.0025)
    training.field("epochs").setValue(7)
    training.field("optimizer").setCurrentIndex(training.field("optimizer").findData("sgd"))
    config = training.config()
    assert (config.input_size, config.lr, config.epochs, config.optimizer) == (128, 0.0025, 7, "sgd")


def test_resuming_shows_the_stored_settings_and_locks_what_cannot_change(training):
    stored = TrainConfig(dataset="sample", input_size=80, epochs=4, batch_size=32, lr=0.004, optimizer="sgd",
                         schedule="cosine", augment=True, seed=9)
    training.set_resume(stored, "last.pt at after epoch 2")
    config = training.config()
    assert (config.input_size, config.batch_size, config.lr, config.optimizer, config.schedule, config.seed) == (
        80, 32, 0.004, "sgd", "cosine", 9)
    assert training.resuming() and training.start_button.text() == "Resume training"
    locked = [training.field("input_size"), training.field("batch_size"), training.field("lr"), training.field("optimizer"),
              training.field("schedule"), training.field("augment"), training.field("seed"), training.dataset_combo,
              training.field("precision")]
    assert not any(w.isEnabled() for w in locked)
    assert training.field("epochs").isEnabled() and training.device_combo.isEnabled()  # a resume may change these

    activity = Activity()
    training.bind(activity, DataChoice())
    activity.set_training(True)
    assert not training.field("epochs").isEnabled()  # nothing changes mid-run
    activity.set_training(False)
    assert training.field("epochs").isEnabled() and not training.field("lr").isEnabled()

    training.set_resume(None)  # New Run
    assert not training.resuming() and training.start_button.text() == "Start"
    assert all(w.isEnabled() for w in locked)


def test_the_training_panel_buttons_emit_their_signals(training, qtbot):
    activity = Activity()
    training.bind(activity, DataChoice())
    with qtbot.waitSignal(training.start_clicked, timeout=1000):
        training.start_button.click()
    activity.set_training(True)
    with qtbot.waitSignal(training.pause_clicked, timeout=1000):
        training.pause_button.click()
    with qtbot.waitSignal(training.stop_clicked, timeout=1000):
        training.stop_button.click()


def started(epochs=5, position=Position(0, 0, 10)) -> RunStarted:
    return RunStarted({"epochs": epochs}, "cpu", "bf16", 640, 64, ["a", "b"], 1, 10, epochs * 10, position, [], {},
                      None)


def test_the_progress_panel_counts_epochs_from_1(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.start_run(started())
    assert panel.epoch_bar.text() == "1 / 5" and panel.device_label.text() == "cpu (bf16)"
    panel.update_batch(BatchEnd(1, 3, 10, 3, 50, 0.9, 0.5, 0.002, 123.4))
    assert panel.epoch_bar.text() == "1 / 5" and panel.batch_bar.value() == 3
    assert panel.lr_label.text() == "0.002" and panel.speed_label.text() == "123 images/s"
    panel.epoch_done(1)
    assert panel.epoch_bar.value() == 1 and panel.epoch_bar.text() == "1 / 5"
    panel.update_batch(BatchEnd(2, 1, 10, 11, 50, 0.8, 0.6, 0.002, 120.0))
    assert panel.epoch_bar.text() == "2 / 5"


def test_a_run_that_fails_before_it_starts_shows_no_elapsed_time(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.finish()  # a Failed event before RunStarted: not the time since the computer started
    assert panel.elapsed_label.text() == "–" and panel.remaining_label.text() == "–"
    panel.start_run(started())
    panel.finish()
    assert panel.elapsed_label.text() == "0:00"
    panel.reset()  # the next Start, which fails at once
    panel.finish()
    assert panel.elapsed_label.text() == "–"


def test_the_progress_panel_of_a_resumed_run_starts_where_it_stopped(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.start_run(started(position=Position(2, 4, 10)))
    assert panel.epoch_bar.value() == 2 and panel.epoch_bar.text() == "3 / 5" and panel.batch_bar.value() == 4


def test_the_run_panel_lists_epochs_from_1_and_its_checkpoints(qtbot):
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.reset("/runs/today")
    panel.add_epochs([EpochEnd(1, 0.9, 0.6, 0.8, 0.65, 3.5, 1e-3, 10), EpochEnd(2, 0.5, 0.8, None, None, 3.1, 1e-3, 20)])
    table = panel.table
    assert table.rowCount() == 2
    assert [table.item(r, 0).text() for r in range(2)] == ["1", "2"]
    assert table.item(0, 4).text() == "65.00%" and table.item(1, 4).text() == "–"
    assert not panel.use_best_button.isEnabled()
    panel.checkpoint_saved("best", "/runs/today/best.pt", Position(2, 0, 10).describe())
    assert panel.best_label.text() == "after epoch 2 — /runs/today/best.pt"
    with qtbot.waitSignal(panel.classify_with_requested, timeout=1000) as asked:
        panel.use_best_button.click()
    assert asked.args == ["/runs/today/best.pt"]


def test_names_from_outside_are_shown_as_plain_text(qtbot):
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.reset("/runs/<b>bold</b>")
    panel.checkpoint_saved("last", "/runs/<h1>x</h1>/last.pt", "after epoch 1")
    for label in (panel.folder_label, panel.last_label):
        assert label.textFormat() == Qt.PlainText
