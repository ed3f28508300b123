"""Every view follows the app's state, whoever changes it (issue: a view told by hand missed changes):
the class list follows the weights that answer, the progress box follows the run shown, New Run empties
the plots, and a followed run's weights answer in the Inside tab too. Each test failed on the window
that told its views by hand."""
from __future__ import annotations

from pathlib import Path

from runlogs import write_run

from helpers import classify_and_select, constant_checkpoint, run_all, stripes_dataset, use_folder, write_stripe_image

from googlenet_gui.core.data.sources import FASHION_CLASSES
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import BatchEnd, Finished
from googlenet_gui.core.training.engine import Trainer


def stopped_run(folder: Path, stop_at: int = 3, lr: float = 0.0042) -> Path:
    """A run of the stripes (2 classes, 4 steps an epoch) stopped after `stop_at` steps of its second
    epoch, written to `folder` as the CLI writes it; its last.pt."""
    config = TrainConfig(epochs=3, batch_size=16, input_size=64, lr=lr, precision="fp32", num_threads=1)

    def stop(trainer, event):
        if isinstance(event, BatchEnd) and event.epoch == 2 and event.batch == stop_at:
            trainer.request_stop()

    run_all(Trainer(config, run_dir=folder, dataset=stripes_dataset(n_train=64, n_val=16)), stop)
    return folder / "last.pt"


def classes_shown(win) -> str:
    label = win.classify_panel.classes_label
    return label.text() if label.isVisible() else ""


def test_the_class_list_follows_the_weights_when_a_run_ends_and_when_a_checkpoint_opens(window, qtbot, stripes_folder,
                                                                                       tmp_path):
    image = write_stripe_image(tmp_path / "a.png", vertical=True)
    window.classify.classify_paths([str(image)])  # the untrained network of the sample: its 10 classes
    qtbot.waitUntil(lambda: "know 10 classes" in classes_shown(window), timeout=60_000)
    use_folder(window, stripes_folder, epochs=1)
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000) as ended:
        window.training_panel.start_button.click()
    assert isinstance(ended.args[0], Finished)
    assert "know 2 classes" in classes_shown(window) and "horizontal" in classes_shown(window)  # nothing classified since

    window.checkpoints.open(constant_checkpoint(tmp_path / "ten.pt"), resume=True)
    qtbot.waitUntil(lambda: "know 10 classes" in classes_shown(window), timeout=30_000)
    assert FASHION_CLASSES[0] in classes_shown(window)


def test_opening_a_checkpoint_shows_where_its_run_stopped(window, qtbot, stripes_folder, tmp_path):
    use_folder(window, stripes_folder, epochs=1)
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000):
        window.training_panel.start_button.click()
    progress = window.progress_panel
    assert progress.epoch_bar.format() == "1 / 1" and progress.lr_label.text() == "0.001"

    window.checkpoints.open(stopped_run(tmp_path / "other"), resume=True)
    qtbot.waitUntil(lambda: window.training.resume_path == tmp_path / "other" / "last.pt", timeout=30_000)
    # its run stopped in epoch 2 of 3, after 3 of its 4 batches, at its learning rate
    assert progress.epoch_bar.format() == "2 / 3" and progress.epoch_bar.value() == 1
    assert progress.batch_bar.value() == 3 and progress.batch_bar.maximum() == 4
    assert progress.lr_label.text() == "0.0042" and progress.speed_label.text() == "–"
    assert window.run_panel.folder_label.text() == str(tmp_path / "other") and window.run_panel.table.rowCount() == 1


def test_new_run_empties_the_plots_and_the_progress(window, qtbot, tmp_path):
    window.checkpoints.open(stopped_run(tmp_path / "run"), resume=True)
    qtbot.waitUntil(lambda: window.plots_panel.has_data(), timeout=30_000)
    assert window.menus.new_run_action.isEnabled()
    window.menus.new_run_action.trigger()
    assert not window.plots_panel.has_data() and window.progress_panel.epoch_bar.format() == "–"
    assert window.run_panel.table.rowCount() == 0 and not window.training_panel.resuming()
    qtbot.waitUntil(lambda: "untrained" in window.weights_label.text(), timeout=10_000)


def test_a_followed_runs_weights_answer_in_the_inside_tab(window, qtbot, tmp_path):
    image = write_stripe_image(tmp_path / "a.png", vertical=True)
    classify_and_select(window, qtbot, image)
    assert window.understanding.inside_panel.inside.class_names == list(FASHION_CLASSES)  # the untrained sample network's
    stopped_run(tmp_path / "cli")
    assert window.follow.follow(tmp_path / "cli")
    window.tabs.setCurrentWidget(window.understanding.inside_panel)  # following shows the Runs tab; back to the image
    qtbot.waitUntil(lambda: window.understanding.inside_panel.inside.class_names == ["horizontal", "vertical"], timeout=60_000)
    assert "last.pt" in window.weights_label.text()


def test_following_a_long_run_draws_it_in_a_few_steps_not_one_per_epoch(window, qtbot, tmp_path):
    """Issue 32, case 6: following a 5,000-epoch run froze the window, replotting per event; the run
    view tells the plots once per poll (a poll reads up to a few MB), however many epochs it holds."""
    log = write_run(tmp_path / "long", epochs=6000, done=5000, per_epoch=2, val=[0.5] * 5000, end=None, keep_open=True)
    told: list[int] = []
    window.state.run.epochs_ended.connect(lambda epochs: told.append(len(epochs)))
    try:
        assert window.follow.follow(tmp_path / "long")
        qtbot.waitUntil(lambda: sum(told) == 5000, timeout=120_000)
    finally:
        log.close()
    size = (tmp_path / "long" / "metrics.jsonl").stat().st_size
    assert len(told) <= size // window.follow.follower.read_limit + 2
    assert window.plots_panel._epoch.size == 5000 and window.plots_panel._batch.size == 10_000
