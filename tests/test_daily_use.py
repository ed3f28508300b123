"""What a new user tripped on, each held to its fix: feedback at once, labels that say which
weights answer, the last run back on relaunch, an honest remaining time, the smallest input size
explained, download failures in words, pause said when it happens, and classify all again."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from googlenet_gui.core.runs.events import BatchEnd, Finished, Position, RunStarted, Stopped
from googlenet_gui.ui.controllers.training import SNAPSHOT_INTERVAL
from googlenet_gui.ui.main_window import MainWindow
from googlenet_gui.ui.panels.progress_panel import ESTIMATE_AFTER, ProgressPanel
from helpers import batches, drop, file_mime, use_folder, weights_only_checkpoint, write_mnist, write_stripe_image



def test_a_paste_is_acknowledged_before_the_event_loop_turns(window):
    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(QColor("white"))
    QApplication.clipboard().setImage(image)
    window.classify_panel.paste_button.click()
    assert window.classify_panel.pending_count() == 1  # at once, before any result
    assert "Classifying 1 image" in window.classify_panel.message_label.text()


def test_labels_follow_the_weights_through_open_stop_and_new_run(window, qtbot, stripes_folder):
    use_folder(window, stripes_folder, epochs=1)
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000) as ended:
        window.training_panel.start_button.click()
    assert isinstance(ended.args[0], Finished)
    assert window.weights_label.text() == "Weights: the last run's"  # not "live from training": nothing trains
    run_dir = Path(window.run_panel.folder_label.text())

    window.checkpoints.open(run_dir / "last.pt", resume=True)
    qtbot.waitUntil(lambda: window.training.resume_path == run_dir / "last.pt", timeout=30_000)
    assert window.weights_label.text() == "Weights: last.pt"
    assert "last.pt" in window.classify_panel.weights_label.text()
    assert "after epoch 1" in window.run_panel.last_label.text()  # the Run tab shows the folder's checkpoints
    assert "best.pt" in window.run_panel.best_label.text() and window.run_panel.use_best_button.isEnabled()

    window.menus.new_run_action.trigger()
    assert not window.training_panel.resuming()
    assert window.weights_label.text() == "Weights: the last run's"  # back to the run's own weights


def test_a_run_that_fails_before_its_first_step_leaves_the_untrained_label(window, qtbot, tmp_path):
    """Nothing was trained, so the untrained network answers: the labels say so, not "the last run's"."""
    folder = tmp_path / "one-class"
    (folder / "cats").mkdir(parents=True)
    for i in range(4):
        write_stripe_image(folder / "cats" / f"{i}.png", False, size=32, mode="RGB")
    use_folder(window, folder, epochs=1)
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000):
        window.training_panel.start_button.click()
    assert "needs at least two class sub-folders" in window.training_panel.error_label.text()
    assert window.weights_label.text() == "Weights: untrained"
    assert "not trained" in window.classify_panel.weights_label.text().lower()


def test_the_last_run_is_offered_again_on_relaunch(qtbot, settings_dir, tmp_path, stripes_folder):
    first = MainWindow(runs_dir=tmp_path / "runs")
    qtbot.addWidget(first)
    first.show()
    first.load_core()
    qtbot.waitUntil(lambda: first.core_ready, timeout=60_000)
    use_folder(first, stripes_folder, epochs=1)
    with qtbot.waitSignal(first.training.run_ended, timeout=120_000):
        first.training_panel.start_button.click()
    run_dir = Path(first.run_panel.folder_label.text())
    curves = first.plots_panel.point_counts()
    first.close()
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=30_000)

    second = MainWindow(runs_dir=tmp_path / "runs")  # the same settings: a relaunch
    qtbot.addWidget(second)
    second.show()
    second.load_core()
    qtbot.waitUntil(lambda: second.training.resume_path == run_dir / "last.pt", timeout=60_000)
    assert second.training_panel.resuming() and second.plots_panel.point_counts() == curves
    assert second.weights.kind == "file" and "last run" in second.statusBar().currentMessage()


def test_no_remaining_time_until_it_means_something_then_a_smoothed_one(qtbot):
    now = [100.0]
    panel = ProgressPanel(clock=lambda: now[0])
    qtbot.addWidget(panel)
    panel.start_run(RunStarted({"epochs": 10}, "cpu", "fp32", 640, 64, ["a", "b"], 1, 100, 1000, Position(), [], {},
                               None))
    panel.update_batch(BatchEnd(1, 1, 100, 1, 1000, 1.0, 0.5, 1e-3, 10.0))
    now[0] += 5.0  # a slow first step would have said "2:21:28" after one batch
    panel.update_batch(BatchEnd(1, 2, 100, 2, 1000, 1.0, 0.5, 1e-3, 10.0))
    panel._tick()
    assert panel.remaining_label.text() == "estimating…"
    for step in range(3, 40):  # then one step a second
        now[0] += 1.0
        panel.update_batch(BatchEnd(1, step, 100, step, 1000, 1.0, 0.5, 1e-3, 10.0))
        panel._tick()
    assert now[0] - 105.0 >= ESTIMATE_AFTER
    minutes, seconds = map(int, panel.remaining_label.text().split(":"))
    assert abs(minutes * 60 + seconds - (1000 - 39)) < 120  # about one second a step for the 961 left


def test_an_input_size_too_small_is_explained_not_replaced(window, qtbot):
    tp = window.training_panel
    tp.field("input_size").setValue(60)
    assert tp.field("input_size").value() == 60  # kept as typed
    assert tp.input_error.isVisible() and "at least 61 x 61" in tp.input_error.text()
    assert not tp.start_button.isEnabled()
    tp.input_why_button.click()
    assert window.tabs.currentWidget() is window.shapes_panel
    assert "too small" in window.shapes_panel.error_label.text()  # where it breaks, for the same size
    tp.field("input_size").setValue(64)
    assert not tp.input_error.isVisible() and tp.start_button.isEnabled()


def test_a_failed_download_says_why_in_words_where_it_was_started(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("GOOGLENET_DATASET_MIRRORS", "http://no-such-host.invalid/")
    tp = window.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("mnist"))
    tp.folder_edit.setText(str(tmp_path / "data"))
    tp.folder_edit.editingFinished.emit()
    assert tp.download_button.isVisible() or not tp.download_button.isHidden()
    tp.download_button.click()
    qtbot.waitUntil(lambda: "Download failed" in tp.data_status.text(), timeout=60_000)
    text = tp.data_status.text()
    assert "no internet connection" in text and str(tmp_path / "data") in text and "Errno" not in text


def test_a_dataset_found_on_this_computer_says_where(window, qtbot, tmp_path):
    data = write_mnist(tmp_path / "mine")
    tp = window.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("mnist"))
    tp.folder_edit.setText(str(data))
    tp.folder_edit.editingFinished.emit()
    assert tp.data_status.text() == f"Found in {data / 'MNIST' / 'raw'}" and tp.start_button.isEnabled()


def test_pause_says_paused_once_the_batch_in_flight_is_done(window, qtbot, stripes_folder):
    use_folder(window, stripes_folder, epochs=50)
    window.training_panel.start_button.click()
    qtbot.waitUntil(lambda: batches(window) >= 1, timeout=60_000)
    window.training_panel.pause_button.click()
    assert window.statusBar().currentMessage().startswith("Pausing")
    qtbot.waitUntil(lambda: re.match(r"Paused (at epoch \d+, batch \d+ of 6|after epoch \d+); Continue goes on",
                                     window.statusBar().currentMessage()), timeout=60_000)
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000) as ended:
        window.training_panel.stop_button.click()
    assert isinstance(ended.args[0], Stopped)


def test_classify_all_again_uses_the_weights_chosen_now(window, qtbot, tmp_path):

    images = [write_stripe_image(tmp_path / f"{i}.png", vertical=bool(i % 2)) for i in range(3)]
    drop(window, file_mime(*images))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 3, timeout=30_000)
    order = [row.source for row in panel.rows()]
    assert {row.weights_text for row in panel.rows()} == {"untrained weights"}
    assert "These weights know 10 classes" in panel.classes_label.text() and "Ankle boot" in panel.classes_label.text()
    window.checkpoints.open(weights_only_checkpoint(tmp_path / "weights.pt"), resume=False)
    qtbot.waitUntil(lambda: window.weights.kind == "file", timeout=30_000)
    panel.again_button.click()
    qtbot.waitUntil(lambda: panel.row_count() == 3 and panel.pending_count() == 0
                    and {r.weights_text for r in panel.rows()} == {"weights.pt"}, timeout=30_000)
    assert [row.source for row in panel.rows()] == order


def test_the_stop_message_says_how_long_a_long_step_takes(window):
    window.training.step_seconds = 42.0
    assert window.training.stopping_text() == "Stopping after this step (about 42 s) and saving last.pt…"
    window.training.step_seconds = 0.3
    assert window.training.stopping_text() == "Stopping after this step and saving last.pt…"


def test_a_live_result_card_says_how_old_its_copy_of_the_weights_was(window, qtbot, stripes_folder, tmp_path):
    use_folder(window, stripes_folder, epochs=50)
    window.training_panel.start_button.click()
    qtbot.waitUntil(lambda: batches(window) >= 2, timeout=60_000)
    drop(window, file_mime(write_stripe_image(tmp_path / "now.png", vertical=True)))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=30_000)
    text = panel.rows()[0].weights_text  # "live weights, epoch 1, batch 3 of 6, copied 1 s before"
    assert re.fullmatch(r"live weights, (before training|epoch 1, batch \d+ of 6), copied \d+ s before", text), text
    assert int(text.split("copied ")[1].split()[0]) <= SNAPSHOT_INTERVAL + 5  # kept fresh while training
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000):
        window.training_panel.stop_button.click()


def test_help_guide_lists_the_tabs_the_real_shortcuts_and_the_data_promises(window, qtbot):
    window.menus.guide_action.trigger()
    guide = window.menus.guide
    qtbot.waitExposed(guide)
    titles = [guide.tabs.tabText(i) for i in range(guide.tabs.count())]
    assert titles == ["The window", "Shortcuts", "Your data"]
    table = guide.shortcuts_table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["File > Open Checkpoint"] == window.menus.open_action.shortcut().toString(QKeySequence.NativeText)
    assert rows["Train > Start"] == "Ctrl+Return"
    assert "Help > Guide" in rows
    texts = " ".join(label.text() for label in guide.findChildren(QLabel))
    for tab in range(window.tabs.count()):  # every tab of the window is explained
        assert window.tabs.tabText(tab).replace("&", "") in texts
    assert "never run" in texts and "last.pt" in texts
    guide.close()
