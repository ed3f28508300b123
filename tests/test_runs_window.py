"""Runs in the window: the table of CLI runs, comparing, opening, renaming, deleting, following a
run another process writes, and exporting; driven through the real widgets."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import use_folder

from googlenet_gui.cli import main
from googlenet_gui.core.inference import export as export_module
from googlenet_gui.ui.controllers import runs as runs_controller
from googlenet_gui.ui.main_window import MainWindow
from googlenet_gui.ui.panels.runs_panel import (BEST, DATASET, DEVICE, EPOCHS, INPUT, NAME, SIZE, STATE, TIME, duration_text,
                                                size_text)
from runlogs import write_run

ROOT = Path(__file__).resolve().parents[1]
CLI_RUNS = {  # three runs that differ in one or two settings each
    "base": ["--epochs", "1"],
    "faster": ["--epochs", "2", "--lr", "0.003"],
    "larger": ["--epochs", "1", "--input-size", "72"],
}


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("runs")
    for name, extra in CLI_RUNS.items():
        args = ["train", "--dataset", "sample", "--limit-train", "32", "--limit-val", "16", "--batch-size", "16",
                "--input-size", "64", "--threads", "1", "--out", str(root / name), *extra]
        assert main(args) == 0
    return root


@pytest.fixture
def open_window(qtbot, settings_dir):
    windows = []

    def make(runs_dir: Path) -> MainWindow:
        win = MainWindow(runs_dir=runs_dir)
        qtbot.addWidget(win)
        win.show()
        win.load_core()
        qtbot.waitUntil(lambda: win.core_ready, timeout=60_000)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.follow.stop()
        if win.training.running:
            win.training.thread.shutdown()


def show_runs(win: MainWindow, qtbot, count: int) -> None:
    win.tabs.setCurrentWidget(win.runs_panel)
    qtbot.waitUntil(lambda: win.runs_panel.model.rowCount() == count, timeout=30_000)


def records(folder: Path, kind: str) -> list[dict]:
    return [r for r in map(json.loads, (folder / "metrics.jsonl").read_text().splitlines()) if r["event"] == kind]


def test_cli_runs_appear_with_their_figures_and_two_ticked_are_overlaid(open_window, qtbot, cli_runs):
    win = open_window(cli_runs)
    show_runs(win, qtbot, 3)
    panel = win.runs_panel
    for name, extra in CLI_RUNS.items():
        epochs = records(cli_runs / name, "epoch")
        row = panel.row_texts(str(cli_runs / name))
        planned = 2 if "2" in extra else 1
        assert row[NAME] == name and row[DATASET] == "sample" and row[DEVICE] == "cpu"
        assert row[INPUT] == ("72 px" if name == "larger" else "64 px")
        assert row[EPOCHS] == f"{planned} / {planned}" and len(epochs) == planned
        assert row[BEST] == f"{max(e['val_accuracy'] for e in epochs):.2%}"
        assert row[TIME] == duration_text(sum(e["time"] for e in epochs))
        files = {f.stat().st_ino: f.stat().st_size for f in (cli_runs / name).iterdir()}  # a file with two names once
        assert row[SIZE] == size_text(sum(files.values()))
        assert row[STATE] == "finished"

    panel.set_ticked(str(cli_runs / "base"), True)
    panel.set_ticked(str(cli_runs / "faster"), True)
    plots = win.plots_panel
    qtbot.waitUntil(lambda: {"base", "faster"} <= set(plots.legend_names("loss")), timeout=30_000)
    assert {"base", "faster"} <= set(plots.legend_names("accuracy"))
    assert "larger" not in plots.legend_names("loss")
    compared = [c for c in plots._compared if c.name() in ("base", "faster")]
    assert sorted(len(c.xData) for c in compared) == [2, 2, 4, 4]  # 2 batches an epoch, both plots
    assert {tuple(row) for row in panel.difference_rows()} == {("Epochs", "1", "2"), ("Learning rate", "0.001", "0.003")} or \
        {tuple(row) for row in panel.difference_rows()} == {("Epochs", "2", "1"), ("Learning rate", "0.003", "0.001")}

    panel.set_ticked(str(cli_runs / "faster"), False)
    qtbot.waitUntil(lambda: "faster" not in plots.legend_names("loss"), timeout=30_000)
    assert "base" in plots.legend_names("loss")


def test_opening_a_run_brings_back_its_curves_and_checkpoint(open_window, qtbot, cli_runs):
    win = open_window(cli_runs)
    show_runs(win, qtbot, 3)
    win.runs_panel.select(str(cli_runs / "faster"))
    with qtbot.waitSignal(win.checkpoints.opened, timeout=60_000) as opened:
        win.runs_panel.open_button.click()
    assert opened.args[0].path == cli_runs / "faster" / "last.pt" and opened.args[0].resume
    assert win.plots_panel.point_counts()["batch"] == 4 and win.plots_panel.point_counts()["epoch_train"] == 2
    assert win.training_panel.resuming() and win.weights.file == cli_runs / "faster" / "last.pt"


def test_rename_note_and_delete(open_window, qtbot, tmp_path, monkeypatch):
    runs = tmp_path / "runs"
    for name in ("keep", "drop", "toss"):
        write_run(runs / name)
    held = write_run(runs / "busy", end=None, keep_open=True)  # a training writes it
    win = open_window(runs)
    show_runs(win, qtbot, 4)
    panel = win.runs_panel
    win.runs.set_notes(runs / "keep", name="<b>baseline</b>")
    qtbot.waitUntil(lambda: panel.row_texts(str(runs / "keep"))[NAME] == "<b>baseline</b>", timeout=30_000)
    win.runs.set_notes(runs / "keep", note="first try")
    qtbot.waitUntil(lambda: win.runs.summaries[str(runs / "keep")].note == "first try", timeout=30_000)
    assert win.runs.summaries[str(runs / "keep")].name == "<b>baseline</b>"  # the note kept the name

    asked = []
    monkeypatch.setattr(runs_controller, "ask_yes_no", lambda parent, title, text: asked.append(text) or True)
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))  # where Qt keeps the trash, in the test's folder
    win.runs.delete_dialog(runs / "busy")
    assert asked == [] and "stop it first" in win.statusBar().currentMessage()

    win.runs.delete_dialog(runs / "toss")  # no trash here (its folder does not exist): asked again
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=30_000)
    assert len(asked) == 2 and "trash" in asked[0] and "for good" in asked[1]
    assert not (runs / "toss").exists() and not data.exists()

    data.mkdir()
    asked.clear()
    win.runs.delete_dialog(runs / "drop")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=30_000)
    assert len(asked) == 1 and not (runs / "drop").exists() and (runs / "keep").is_dir()
    assert (data / "Trash" / "files" / "drop" / "metrics.jsonl").is_file()
    held.close()


def test_folders_the_user_adds_are_listed_and_remembered(open_window, qtbot, tmp_path):
    write_run(tmp_path / "runs" / "here")
    write_run(tmp_path / "mounted" / "there")  # a folder of runs
    write_run(tmp_path / "single")  # a run folder itself
    win = open_window(tmp_path / "runs")
    show_runs(win, qtbot, 1)
    win.runs.add_folder(tmp_path / "mounted")
    win.runs.add_folder(tmp_path / "single")
    qtbot.waitUntil(lambda: win.runs_panel.model.rowCount() == 3, timeout=30_000)
    assert {Path(f).name for f in win.runs.summaries} == {"here", "there", "single"}
    again = open_window(tmp_path / "runs")  # the next time the app opens
    show_runs(again, qtbot, 3)


def test_a_cli_run_started_after_the_window_opened_is_followed_live(open_window, qtbot, tmp_path):
    win = open_window(tmp_path / "runs")
    out = tmp_path / "elsewhere" / "live"
    out.mkdir(parents=True)
    win.follow.timer.setInterval(100)  # a fast machine trains these 16 batches in about a second
    assert win.follow.follow(out)
    qtbot.waitUntil(lambda: "waiting" in win.runs_panel.following_label.text(), timeout=30_000)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "googlenet_gui", "train", "--dataset", "sample", "--epochs", "2",
                             "--limit-train", "128", "--limit-val", "16", "--batch-size", "16", "--input-size", "64",
                             "--threads", "1", "--out", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: win.plots_panel.point_counts()["batch"] > 0 or proc.poll() is not None, timeout=120_000)
        assert proc.poll() is None, "the run ended before the window showed any of it"  # points while it trains
        assert "running" in win.runs_panel.following_label.text()
        assert win.progress_panel.batch_bar.maximum() == 8
        qtbot.waitUntil(lambda: "finished" in win.runs_panel.following_label.text(), timeout=180_000)
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert win.follow.run_state == "finished" and win.follow.following  # a finished run stays shown, and followed
    counts = win.plots_panel.point_counts()
    assert counts["batch"] == 16 and counts["epoch_train"] == 2 and counts["epoch_val"] == 2
    assert win.weights.kind == "file" and win.weights.file == out / "last.pt"
    assert win.weights_label.text() == "Weights: last.pt"


def test_a_folder_deleted_while_followed_says_so_and_the_window_goes_on(open_window, qtbot, tmp_path):
    gone, other = tmp_path / "gone", tmp_path / "other"
    write_run(gone, epochs=2, per_epoch=3)
    write_run(other, epochs=1, per_epoch=5)
    win = open_window(tmp_path / "runs")
    with qtbot.waitSignal(win.follow.polled, timeout=30_000):
        win.follow.follow(gone)
    assert win.plots_panel.point_counts()["batch"] == 6 and "finished" in win.runs_panel.following_label.text()
    shutil.rmtree(gone)
    qtbot.waitUntil(lambda: "deleted" in win.runs_panel.following_label.text(), timeout=30_000)
    assert "deleted" in win.statusBar().currentMessage() and not win.follow.following
    assert win.plots_panel.point_counts()["batch"] == 6  # what was shown stays
    assert win.menus.follow_action.isEnabled() and win.menus.open_action.isEnabled()
    with qtbot.waitSignal(win.follow.polled, timeout=30_000):
        win.follow.follow(other)
    assert win.plots_panel.point_counts()["batch"] == 5 and "Following other: finished" in \
        win.runs_panel.following_label.text()
    win.runs_panel.stop_following_button.click()
    assert not win.runs_panel.following_bar.isVisibleTo(win.runs_panel)


def test_export_model_from_the_window(open_window, qtbot, cli_runs, tmp_path, monkeypatch):
    win = open_window(tmp_path / "runs")
    checkpoint = cli_runs / "base" / "best.pt"
    with qtbot.waitSignal(win.export.exported, timeout=120_000) as exported:
        win.export.export(checkpoint, "torchscript", tmp_path / "model.pt")
    assert exported.args[0] == str(tmp_path / "model.pt") and (tmp_path / "model.pt").stat().st_size > 1_000_000
    assert win.statusBar().currentMessage().startswith("Exported")

    monkeypatch.setattr(export_module.importlib.util, "find_spec", lambda name, *a: None)
    with qtbot.waitSignal(win.export.failed, timeout=10_000) as failed:
        win.export.export(checkpoint, "onnx", tmp_path / "model.onnx")
    assert 'pip install "googlenet-studio[export]"' in failed.args[0]
    assert 'googlenet-studio[export]' in win.statusBar().currentMessage()
    assert not (tmp_path / "model.onnx").exists()


def test_the_tensorboard_checkbox_logs_the_window_s_run(open_window, qtbot, tmp_path):
    from helpers import write_stripe_image

    data = tmp_path / "stripes"
    for label, vertical in (("horizontal", False), ("vertical", True)):
        (data / label).mkdir(parents=True)
        for i in range(8):
            write_stripe_image(data / label / f"{i}.png", vertical, size=32)
    win = open_window(tmp_path / "runs")
    use_folder(win, data, epochs=1, batch=4)
    win.training_panel.tensorboard_check.setChecked(True)
    with qtbot.waitSignal(win.training.run_ended, timeout=120_000):
        win.training_panel.start_button.click()
    run_dir = next((tmp_path / "runs").iterdir())
    assert [p for p in run_dir.iterdir() if p.name.startswith("events.out.tfevents")]
    assert win.training.tensorboard is not None and win.training.tensorboard.problem is None
