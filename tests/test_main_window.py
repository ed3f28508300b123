"""The dashboard driven through its real widgets with pytest-qt."""
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QRect, QUrl
from PySide6.QtWidgets import QApplication

from googlenet_gui.core.runs.checkpoint import load_checkpoint
from googlenet_gui.core.runs.events import Finished, Stopped
from googlenet_gui.ui.main_window import MainWindow, first_start_geometry
from googlenet_gui.ui.threads import running_threads
from helpers import batches, drop, file_mime, use_folder, weights_only_checkpoint, write_stripe_image












def test_first_launch_selects_the_sample_and_lists_devices(window):
    tp = window.training_panel
    assert tp.dataset_key() == "sample"
    assert tp.start_button.isEnabled()
    labels = [tp.device_combo.itemText(i) for i in range(tp.device_combo.count())]
    assert labels[0].startswith("cpu ") and "GiB" in labels[0]
    assert [tp.device_combo.itemData(i) for i in range(tp.device_combo.count())][0] == "cpu"
    assert window.shapes_panel.report() is not None


def test_start_then_stop_plots_points_and_keeps_a_checkpoint(window, qtbot, stripes_folder):
    use_folder(window, stripes_folder, epochs=50)
    window.training_panel.start_button.click()
    assert window.training.running and not window.training_panel.field("input_size").isEnabled()
    qtbot.waitUntil(lambda: batches(window) >= 2, timeout=60_000)
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000) as ended:
        window.training_panel.stop_button.click()
    assert isinstance(ended.args[0], Stopped)
    saved = load_checkpoint(ended.args[0].checkpoint)
    assert saved.class_names == ["horizontal", "vertical"]
    assert window.training_panel.start_button.isEnabled() and window.training_panel.field("input_size").isEnabled()
    assert not running_threads()


def test_pause_and_continue(window, qtbot, stripes_folder):
    use_folder(window, stripes_folder, epochs=50)
    window.training_panel.start_button.click()
    qtbot.waitUntil(lambda: batches(window) >= 1, timeout=60_000)
    window.training_panel.pause_button.click()
    assert window.training.paused and window.training_panel.pause_button.text() == "Continue"
    # the engine says it has paused once the batch in flight is done and shown: from then on nothing moves
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Paused "), timeout=60_000)
    held = batches(window)
    qtbot.wait(1000)
    assert batches(window) == held  # nothing moves while paused
    window.training_panel.pause_button.click()
    assert not window.training.paused
    qtbot.waitUntil(lambda: batches(window) > held, timeout=60_000)
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000):
        window.training_panel.stop_button.click()


def test_a_run_to_the_end_fills_plots_and_run_table(window, qtbot, stripes_folder):
    use_folder(window, stripes_folder, epochs=2)
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000) as ended:
        window.training_panel.start_button.click()
    assert isinstance(ended.args[0], Finished)
    counts = window.plots_panel.point_counts()
    assert counts["batch"] == 2 * 6 and counts["epoch_train"] == 2 and counts["epoch_val"] == 2
    assert window.run_panel.table.rowCount() == 2
    assert window.run_panel.use_best_button.isEnabled()


def test_dropping_an_image_shows_top_5(window, qtbot, tmp_path):
    image = write_stripe_image(tmp_path / "shirt.png", vertical=True)
    accepted_enter, accepted_drop = drop(window, file_mime(image))
    assert accepted_enter and accepted_drop
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=30_000)
    row = panel.rows()[0]
    assert len(row.class_labels) == 5 and len(row.probabilities) == 5
    assert set(row.class_labels) <= {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                                     "Sneaker", "Bag", "Ankle boot"}
    assert row.probabilities == sorted(row.probabilities, reverse=True)
    assert row.error_text == ""
    assert window.tabs.currentWidget() is panel


def test_non_images_are_refused_with_a_message(window, qtbot, tmp_path):
    text = QMimeData()
    text.setText("just some text")
    accepted_enter, accepted_drop = drop(window, text)
    assert not accepted_enter and not accepted_drop
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    drop(window, file_mime(notes, tmp_path))  # a text file and a folder
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=30_000)
    assert "notes.txt" in panel.rows()[0].error_text and not panel.rows()[0].class_labels
    web = QMimeData()
    web.setUrls([QUrl("https://example.com/cat.jpg")])
    assert drop(window, web) == (False, False)


def test_classifying_while_training_uses_live_weights_and_training_goes_on(window, qtbot, stripes_folder, tmp_path):
    use_folder(window, stripes_folder, epochs=50)
    window.training_panel.start_button.click()
    qtbot.waitUntil(lambda: batches(window) >= 2, timeout=60_000)
    image = write_stripe_image(tmp_path / "v.png", vertical=True)
    drop(window, file_mime(image))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=60_000)
    assert set(panel.rows()[0].class_labels) == {"horizontal", "vertical"}
    seen = batches(window)
    qtbot.waitUntil(lambda: batches(window) > seen, timeout=60_000)  # training went on
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000):
        window.training_panel.stop_button.click()


def test_save_and_reopen_a_checkpoint_brings_the_curves_back(window, qtbot, stripes_folder, tmp_path):
    use_folder(window, stripes_folder, epochs=1)
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000):
        window.training_panel.start_button.click()
    before = window.plots_panel.point_counts()
    target = tmp_path / "saved.pt"
    window.checkpoints.save_to(str(target))
    qtbot.waitUntil(target.exists, timeout=30_000)
    assert load_checkpoint(target).position.epochs_done == 1

    window.training.new_run()
    window.plots_panel.reset(1)
    window.checkpoints.open(target, resume=True)
    qtbot.waitUntil(lambda: window.training.resume_path == target, timeout=30_000)
    assert window.plots_panel.point_counts() == before
    assert window.training_panel.start_button.text() == "Resume training"
    assert window.training_panel.field("epochs").value() >= 2
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000) as ended:
        window.training_panel.start_button.click()
    assert isinstance(ended.args[0], Finished)
    after = window.plots_panel.point_counts()
    assert after["epoch_train"] == window.training_panel.field("epochs").value()
    assert after["batch"] > before["batch"]


def test_a_bad_checkpoint_is_reported_and_the_app_goes_on(window, qtbot, tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"garbage")
    window.checkpoints.open(bad, resume=True)
    qtbot.waitUntil(lambda: "bad.pt" in window.statusBar().currentMessage(), timeout=30_000)
    assert window.training.resume_path is None and window.weights.kind == "untrained"


def test_closing_mid_training_stops_saves_and_leaves_no_thread(qtbot, settings_dir, tmp_path, stripes_folder):
    win = MainWindow(runs_dir=tmp_path / "runs")
    qtbot.addWidget(win)
    win.show()
    win.load_core()
    qtbot.waitUntil(lambda: win.core_ready, timeout=60_000)
    use_folder(win, stripes_folder, epochs=50)
    win.training_panel.start_button.click()
    qtbot.waitUntil(lambda: batches(win) >= 1, timeout=60_000)
    run_dir = Path(win.run_panel.folder_label.text())
    win.close()  # asks training to stop; the window closes once it has, painting meanwhile
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=60_000)
    assert not win.training.running and not running_threads()
    assert load_checkpoint(run_dir / "last.pt").position.step >= 1


def test_settings_persist_between_launches(qtbot, settings_dir, tmp_path):
    first = MainWindow(runs_dir=tmp_path)
    qtbot.addWidget(first)
    first.training_panel.field("epochs").setValue(7)
    first.training_panel.field("lr").setValue(0.0005)
    first.training_panel.field("augment").setChecked(True)
    first.resize(760, 560)  # inside the offscreen screen (800x600): restoreGeometry keeps windows on screen
    first.close()
    second = MainWindow(runs_dir=tmp_path)
    qtbot.addWidget(second)
    assert second.training_panel.field("epochs").value() == 7
    assert second.training_panel.field("lr").value() == pytest.approx(0.0005)
    assert second.training_panel.field("augment").isChecked()
    assert (second.size().width(), second.size().height()) == (760, 560)


def test_input_size_change_updates_the_shapes_table(window):
    window.training_panel.field("input_size").setValue(128)
    assert window.shapes_panel.height_spin.value() == 128
    assert window.shapes_panel.report().blocks[0].output == (64, 31, 31)


def test_missing_dataset_offers_a_download_with_progress_and_cancel(window, qtbot, tmp_path, monkeypatch):
    import threading

    from googlenet_gui.core.data import sources as data
    from googlenet_gui.core.data.download import Cancelled

    started = threading.Event()

    def fake_download(name, folder, progress=None, cancel=None, **kwargs):
        progress(1 << 20, 4 << 20, f"downloading {name}")
        started.set()
        while not cancel.wait(0.05):
            pass
        raise Cancelled()

    monkeypatch.setattr(data, "download", fake_download)
    tp = window.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("cifar10"))
    tp.folder_edit.setText(str(tmp_path / "empty"))
    tp.folder_edit.editingFinished.emit()
    assert tp.download_button.isVisible() and not tp.start_button.isEnabled()
    tp.download_button.click()
    qtbot.waitUntil(lambda: tp.download_bar.isVisible() and tp.download_bar.value() == 250, timeout=10_000)
    assert "1.0 / 4.0 MiB" in tp.download_bar.format()
    tp.cancel_download_button.click()
    qtbot.waitUntil(lambda: not tp.download_bar.isVisible(), timeout=10_000)
    assert tp.download_button.isVisible() and "cancelled" in tp.data_status.text()  # where it was started


def test_finished_download_enables_start(window, qtbot, tmp_path, monkeypatch):
    from googlenet_gui.core.data import sources as data

    def fake_download(name, folder, progress=None, cancel=None, **kwargs):
        batches = folder / "cifar-10-batches-py"
        batches.mkdir(parents=True)
        for f in data.CIFAR_TRAIN + data.CIFAR_TEST:
            (batches / f).write_bytes(b"")

    monkeypatch.setattr(data, "download", fake_download)
    tp = window.training_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("cifar10"))
    tp.folder_edit.setText(str(tmp_path / "cifar"))
    tp.folder_edit.editingFinished.emit()
    tp.download_button.click()
    qtbot.waitUntil(lambda: tp.start_button.isEnabled(), timeout=10_000)
    assert not tp.download_button.isVisible()


def test_keyboard_shortcut_starts_and_stops(window, qtbot, stripes_folder):
    use_folder(window, stripes_folder, epochs=50)
    assert window.menus.start_action.shortcut().toString() == "Ctrl+Return"
    assert window.menus.open_action.shortcut().matches(window.menus.open_action.shortcut()) and window.menus.save_action.shortcut()
    window.menus.start_action.trigger()
    assert window.training.running
    qtbot.waitUntil(lambda: batches(window) >= 1, timeout=60_000)
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000):
        window.menus.stop_action.trigger()


def test_paste_an_image_from_the_clipboard(window, qtbot):
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(QColor("white"))
    QApplication.clipboard().setImage(image)
    window.classify_panel.paste_button.click()
    qtbot.waitUntil(lambda: window.classify_panel.row_count() == 1, timeout=30_000)
    row = window.classify_panel.rows()[0]
    assert row.source == "clipboard 1" and len(row.class_labels) == 5  # each paste its own row
    QApplication.clipboard().clear()
    window.classify_panel.paste_button.click()
    assert "no image" in window.classify_panel.message_label.text()


def test_a_failed_run_says_why_in_the_window_and_the_app_goes_on(window, qtbot, tmp_path, stripes_folder):
    broken = tmp_path / "broken"
    for label in ("a", "b"):
        (broken / label).mkdir(parents=True)
        (broken / label / "x.png").write_bytes(b"not a png")
    use_folder(window, broken)
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000):
        window.training_panel.start_button.click()
    error = window.training_panel.error_label
    assert error.isVisible() and "none of the 2 image files could be read" in error.text()
    use_folder(window, stripes_folder, epochs=50)  # the app stays usable: a good run starts
    window.training_panel.start_button.click()
    assert not error.isVisible()
    qtbot.waitUntil(lambda: batches(window) >= 1, timeout=60_000)
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000):
        window.training_panel.stop_button.click()




def held_back(window, gate):
    """Make the next classification wait for `gate` before it runs (a slow older request)."""
    real = window.weights.predictor_getter

    def getter():
        get = real()
        return lambda: gate.wait(60) and get()

    window.weights.predictor_getter = getter
    return lambda: setattr(window.weights, "predictor_getter", real)


def test_an_older_slower_classification_never_covers_a_newer_one(window, qtbot, tmp_path):
    import threading

    older, newer = (write_stripe_image(tmp_path / name, vertical=v) for name, v in (("older.png", True),
                                                                                     ("newer.png", False)))
    gate = threading.Event()
    restore = held_back(window, gate)
    drop(window, file_mime(older))  # asked with the untrained weights, and held back
    restore()
    panel = window.classify_panel
    assert panel.pending_count() == 1  # the feedback is there at once

    checkpoint = weights_only_checkpoint(tmp_path / "weights.pt")
    window.checkpoints.open(checkpoint, resume=False)
    qtbot.waitUntil(lambda: window.weights.kind == "file", timeout=30_000)
    drop(window, file_mime(newer))
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=30_000)
    assert panel.rows()[0].source == str(newer)
    gate.set()
    qtbot.waitUntil(lambda: panel.row_count() == 2, timeout=30_000)
    assert [Path(r.source).name for r in panel.rows()] == ["newer.png", "older.png"]  # newest on top
    assert [r.weights_text for r in panel.rows()] == ["weights.pt", "untrained weights"]
    assert "weights.pt" in panel.weights_label.text()  # the header is the newer request's
    assert "Classified 1 image with weights.pt" in panel.message_label.text()


def test_clear_drops_results_still_on_their_way(window, qtbot, tmp_path):
    import threading

    image = write_stripe_image(tmp_path / "late.png", vertical=True)
    gate = threading.Event()
    restore = held_back(window, gate)
    drop(window, file_mime(image))
    restore()
    panel = window.classify_panel
    assert panel.pending_count() == 1
    panel.clear_button.click()
    assert panel.pending_count() == 0
    gate.set()
    from googlenet_gui.ui.jobs import jobs_running

    qtbot.waitUntil(lambda: jobs_running() == 0, timeout=30_000)
    assert panel.row_count() == 0 and panel.hint_label.isVisible()


def test_every_view_counts_the_first_epoch_as_1(window, qtbot, stripes_folder):
    import json

    use_folder(window, stripes_folder, epochs=1)
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000) as ended:
        window.training_panel.start_button.click()
    assert isinstance(ended.args[0], Finished)
    assert window.run_panel.table.item(0, 0).text() == "1"  # the run table
    assert any(m.startswith("Epoch 1 done") for m in messages)  # the status bar
    assert "after epoch 1" in window.run_panel.last_label.text()
    x, _ = window.plots_panel.curves["loss"]["epoch_train"].getData()
    assert x.tolist() == [1.0]  # the plots
    run_dir = Path(window.run_panel.folder_label.text())
    records = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert [r["epoch"] for r in records if r["event"] == "epoch"] == [1]  # metrics.jsonl
    assert {r["epoch"] for r in records if r["event"] == "batch"} == {1}
    saved = load_checkpoint(run_dir / "last.pt")
    assert [h.epoch for h in saved.history] == [1]  # the checkpoint
    assert window.progress_panel.epoch_bar.text() == "1 / 1"


def test_once_pytorch_has_loaded_its_objects_are_out_of_the_collector_s_passes(window):
    # a full collection walked every module, class and wrapper (~240,000 objects) on the GUI thread,
    # holding the interpreter lock while training waited; they are frozen once PyTorch has loaded
    import gc
    import weakref

    assert gc.get_freeze_count() > 50_000

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle made after the freeze is still collected
    gone = weakref.ref(a)
    del a, b
    gc.collect()
    assert gone() is None


@pytest.mark.parametrize("screen, expected", [
    (QRect(0, 0, 1280, 760), QRect(8, 24, 1264, 712)),  # a 1280x800 laptop with a 40-pixel panel
    (QRect(0, 0, 1920, 1040), QRect(260, 70, 1400, 900)),  # room enough: the preferred size, centred
    (QRect(1920, 0, 1366, 728), QRect(1920 + 8, 24, 1350, 680)),  # a second screen, to the right
])
def test_a_first_start_opens_the_window_inside_the_screen(screen, expected):
    placed = first_start_geometry(screen)
    assert placed == expected
    assert screen.contains(placed)


def test_a_first_start_on_a_small_screen_fits_the_window_on_it(qtbot, settings_dir, tmp_path):
    """No saved geometry and a screen smaller than the preferred 1400x900 (the offscreen platform's,
    800x800, narrower even than the window's least width): the window opens at the size that fits
    the screen, or at its least size where that is larger, and stays a normal window that
    resize() can size."""
    window = MainWindow(runs_dir=tmp_path)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert available.width() < 1400
    placed = first_start_geometry(available)
    assert window.geometry() == placed
    window.show()
    qtbot.waitUntil(lambda: window.isVisible())
    assert window.size() == placed.size().expandedTo(window.minimumSizeHint())
    assert window.height() <= available.height()
    window.resize(1300, 760)
    qtbot.waitUntil(lambda: window.size().width() == 1300)


def test_on_a_laptop_screen_the_plots_get_a_fair_share_of_the_height(window, qtbot):
    """A 1280x800 laptop's free area less the frame (first_start_geometry: 1264x712): the tabs below
    the plots can shrink to well under half the right side (no tab's page asks for more; the Inside
    tab's Grad-CAM picture fits the room it gets), so the plots are not squeezed to a strip."""
    window.resize(1264, 712)
    qtbot.waitUntil(lambda: window.size().height() == 712)
    right = window.right_splitter
    for index in range(window.tabs.count()):
        page = window.tabs.widget(index)
        assert page.minimumSizeHint().height() <= 0.45 * right.height(), window.tabs.tabText(index)
    assert window.plots_panel.height() >= 0.4 * right.height()


def test_the_status_bar_says_work_under_way_with_an_ellipsis_and_news_as_it_is(window):
    """A Status is work under way ("Validating…"); a Note is news about the run, said as it is."""
    from googlenet_gui.core.common.cpu_load import THREADS_CHANGED
    from googlenet_gui.core.common.messages import Message
    from googlenet_gui.core.runs.events import Note, Status

    window.training.thread.events.emit([Status(Message("validating"))])
    assert window.statusBar().currentMessage() == "Validating…"
    window.training.thread.events.emit([Note(Message(THREADS_CHANGED, cpus=1.0, threads=1, most=2))])
    assert window.statusBar().currentMessage() == ("Other programs keep 1.0 CPUs busy: training goes on with 1 of "
                                                   "its 2 threads")


def test_images_per_epoch_says_the_whole_set_at_zero_and_a_recipe_sets_it_back(window):
    from googlenet_gui.ui.words import setting_value

    tp = window.training_panel
    spin = tp.field("epoch_images")
    assert spin.value() == 0 and spin.text() == "the whole set" and tp.config().epoch_images == 0
    assert setting_value("epoch_images", 0) == "the whole set" and setting_value("epoch_images", 70000) == "70000"
    spin.setValue(70000)
    assert tp.config().epoch_images == 70000 and spin.text() == "70000"
    tp.choose_recipe("fast")
    assert tp.config().epoch_images == 0
