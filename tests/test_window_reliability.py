"""The window under abuse: closing during a step longer than anyone waits, quitting at once,
quitting while PyTorch still loads, markup in names, NaN weights, damaged checkpoints, and very
long runs opened."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from googlenet_gui.core.runs.checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from googlenet_gui.core.runs.events import EpochEnd, Failed, Position
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.data.transforms import Preprocess
from helpers import drop, file_mime, use_folder, write_stripe_image

ROOT = Path(__file__).resolve().parents[1]

APP = textwrap.dedent(r"""
    import os, sys, threading, time
    from pathlib import Path
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    work = Path(sys.argv[1])
    mode = sys.argv[2]
    os.environ["GOOGLENET_RUNS_DIR"] = str(work / "runs")
    app = QApplication([])
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "settings"))
    import googlenet_gui.core.training.engine as engine
    from googlenet_gui.app import create_window
    from googlenet_gui.core.runs.events import BatchEnd

    slow = []
    inside_slow_step = threading.Event()
    real = engine.to_model_input

    def slow_input(*args, **kwargs):  # once armed, every step takes long (a huge batch on a slow CPU)
        if slow:
            inside_slow_step.set()
            time.sleep(30 if mode == "quit-now" else 6)
        return real(*args, **kwargs)

    engine.to_model_input = slow_input
    win = create_window()
    win.show()
    paints = []

    class CountPaints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and slow:
                paints.append(time.monotonic())
            return False

    counter = CountPaints()
    app.installEventFilter(counter)
    if mode == "startup":  # close before PyTorch has loaded
        QTimer.singleShot(0, win.close)
    else:
        if mode == "quit-now":
            QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.Yes)

        def close_once_inside_the_slow_step():
            if not inside_slow_step.is_set():  # however late a loaded machine delivers events
                QTimer.singleShot(50, close_once_inside_the_slow_step)
                return
            QTimer.singleShot(300, win.close)
            if mode == "quit-now":
                QTimer.singleShot(2000, win.close)  # the second close, still inside the step: quit at once

        def started(events):
            if not slow and any(isinstance(e, BatchEnd) for e in events):
                slow.append(True)
                close_once_inside_the_slow_step()

        def press_start():
            if win.core_ready:
                win.training.thread.events.connect(started)
                win.training_panel.start_button.click()
            else:
                QTimer.singleShot(100, press_start)

        QTimer.singleShot(100, press_start)
    code = app.exec()
    print("exit", code, "paints", len(paints), "run", win.run_panel.folder_label.text(), flush=True)
    sys.exit(code)
""")


def run_app(tmp_path: Path, mode: str) -> subprocess.CompletedProcess:
    script = tmp_path / "app.py"
    script.write_text(APP)
    return subprocess.run([sys.executable, str(script), str(tmp_path), mode], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_closing_during_a_step_longer_than_anyone_waits_exits_cleanly_and_keeps_last_pt(tmp_path):
    result = run_app(tmp_path, "close")
    assert result.returncode == 0, result.stderr[-3000:]  # no abort (134), no thread left running
    assert "QThread: Destroyed" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-3000:]
    words = result.stdout.split()
    assert int(words[words.index("paints") + 1]) >= 1  # the window painted while it waited
    run_dir = Path(words[words.index("run") + 1])
    assert load_checkpoint(run_dir / "last.pt").position.step >= 1  # whole, and the stop was saved


def test_a_second_close_quits_at_once_without_an_abort(tmp_path):
    result = run_app(tmp_path, "quit-now")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "QThread: Destroyed" not in result.stderr and "Traceback" not in result.stderr
    assert "exit" not in result.stdout  # it ended from the dialog, not after the event loop
    for leftover in (tmp_path / "runs").rglob("*.pt"):
        load_checkpoint(leftover)  # whatever checkpoint exists is whole


def test_quitting_while_pytorch_still_loads_prints_no_traceback(tmp_path):
    result = run_app(tmp_path, "startup")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Signal source has been deleted" not in result.stderr, result.stderr


# ---------------------------------------------------------------- in the window


def markup_checkpoint(path: Path) -> Path:
    names = ["<h1>Big</h1>", "<b>bold</b>", "<img src='x.png'>", "a\nb", "\x1b[31mred"]
    config = ModelConfig(1, len(names))
    return save_checkpoint(Checkpoint(config, GoogLeNet(config).state_dict(), names, Preprocess(1, 64, 28),
                                      position=Position(1, 0, 4)), path)


def test_markup_in_names_is_shown_as_plain_text_everywhere(window, qtbot, tmp_path):
    folder = tmp_path / "<i>runs"  # file names cannot hold "/": markup that opens and never closes
    folder.mkdir()
    checkpoint = markup_checkpoint(folder / "last.pt")
    window.checkpoints.open(checkpoint, resume=True)
    qtbot.waitUntil(lambda: window.weights.kind == "file", timeout=30_000)
    image = write_stripe_image(tmp_path / "<h2>photo.png", vertical=True)
    drop(window, file_mime(image))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=30_000)
    assert "<h1>Big</h1>" in panel.rows()[0].class_labels
    labels = window.findChildren(QLabel)
    shown = [label.text() for label in labels]
    assert any("<h2>photo" in text for text in shown) and any("<h1>Big</h1>" in text for text in shown)
    rich = [label.text() for label in labels if "<" in label.text() and label.textFormat() != Qt.PlainText]
    assert rich == [], rich
    for label in labels:  # a tooltip holding markup is escaped
        tip = label.toolTip()
        assert "<h1>" not in tip and "<h2>" not in tip and "<img" not in tip, tip


def test_weights_that_give_nan_answer_with_one_line_and_nothing_stays_pending(window, qtbot, tmp_path):
    nan = Checkpoint(ModelConfig(1, 10), GoogLeNet(ModelConfig(1, 10)).state_dict(), [str(i) for i in range(10)],
                     Preprocess(1, 64, 28))
    from googlenet_gui.core.inference.predict import Predictor

    predictor = Predictor.from_checkpoint(nan, "diverged.pt")
    with torch.no_grad():
        predictor.model.classifier[1].weight.fill_(float("nan"))  # as a run's live snapshot can hold
    window.weights.use_file(tmp_path / "diverged.pt", predictor)
    window.weights.predictor_getter = lambda: (lambda: predictor)
    image = write_stripe_image(tmp_path / "item.png", vertical=True)
    drop(window, file_mime(image))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=30_000)
    assert panel.pending_count() == 0
    assert "NaN" in panel.rows()[0].error_text and "diverged" in panel.rows()[0].error_text


@pytest.mark.parametrize("damage,expected", [
    (lambda p: p.update(history=[{"epoch": 1}]), "epoch record"),
    (lambda p: p["train_config"].update(input_size="96"), "input_size must be a whole number"),
], ids=["history-without-keys", "input-size-as-text"])
def test_a_damaged_checkpoint_says_why_and_applies_nothing(window, qtbot, tmp_path, damage, expected):
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.training.engine import Trainer
    from helpers import run_all, stripes_dataset

    run_all(Trainer(TrainConfig(epochs=1, input_size=64, batch_size=16), run_dir=tmp_path / "run",
                    dataset=stripes_dataset(32, 8)))
    payload = torch.load(tmp_path / "run" / "last.pt", weights_only=True)
    damage(payload)
    torch.save(payload, tmp_path / "damaged.pt")
    settings_before = window.training_panel.config()
    window.checkpoints.open(tmp_path / "damaged.pt", resume=True)
    qtbot.waitUntil(lambda: expected in window.statusBar().currentMessage(), timeout=30_000)
    assert "Opening" not in window.statusBar().currentMessage()
    assert not window.training_panel.resuming() and window.training.resume_path is None
    assert window.training_panel.config() == settings_before and window.weights.kind == "untrained"


def test_opening_a_run_of_twenty_thousand_epochs_redraws_each_curve_once(window, qtbot, tmp_path, monkeypatch):
    history = [EpochEnd(e, 1.0 / e, 0.5, 1.1 / e, 0.45, 1.0, 1e-3, e * 2) for e in range(1, 20_001)]
    steps = [float(s) for s in range(1, 40_001)]
    config = ModelConfig(1, 10)
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.runs.checkpoint import ResumeState

    checkpoint = Checkpoint(config, GoogLeNet(config).state_dict(), [str(i) for i in range(10)], Preprocess(1, 64, 28),
                            TrainConfig(epochs=20_000, input_size=64), Position(20_000, 0, 2), history,
                            {"step": steps, "loss": [1.0] * len(steps), "accuracy": [0.5] * len(steps)}, 0.45,
                            ResumeState(torch.optim.Adam(GoogLeNet(config).parameters()).state_dict(), None, None, None,
                                        {"data": torch.Generator().get_state(), "torch": torch.get_rng_state()}))
    path = save_checkpoint(checkpoint, tmp_path / "long.pt")
    calls = []
    curve = window.plots_panel.curves["loss"]["epoch_train"]
    real = curve.setData
    monkeypatch.setattr(curve, "setData", lambda *a, **k: calls.append(1) or real(*a, **k))
    window.checkpoints.open(path, resume=True)
    qtbot.waitUntil(lambda: window.training.resume_path == path, timeout=60_000)
    assert window.plots_panel.point_counts() == {"batch": 40_000, "epoch_train": 20_000, "epoch_val": 20_000}
    assert len(calls) <= 2  # the reset and one update: not one redraw per epoch
    assert window.run_panel.table.rowCount() == 20_000


def test_a_failed_run_leaves_classification_working(window, qtbot, tmp_path, monkeypatch):
    """SGD at a learning rate of 10 diverges: the run fails with one line, and drops still answer."""
    tp = window.training_panel
    tp.field("optimizer").setCurrentIndex(tp.field("optimizer").findData("sgd"))
    tp.field("lr").setValue(10.0)
    folder = tmp_path / "data"
    for label, vertical in (("horizontal", False), ("vertical", True)):
        (folder / label).mkdir(parents=True)
        for i in range(16):
            write_stripe_image(folder / label / f"{i}.png", vertical)
    use_folder(window, folder, epochs=20, batch=8)
    with qtbot.waitSignal(window.training.run_ended, timeout=120_000) as ended:
        tp.start_button.click()
    assert isinstance(ended.args[0], Failed) and "NaN" in ended.args[0].message
    image = write_stripe_image(tmp_path / "after.png", vertical=True)
    drop(window, file_mime(image))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=30_000)
    row = panel.rows()[0]
    assert panel.pending_count() == 0 and (row.error_text == "" or "NaN" in row.error_text)


def test_a_seed_above_two_to_the_31_opens_resumes_and_survives_the_settings(window, qtbot, tmp_path):
    """Issue 32, case 11: a CLI run's seed of 3,000,000,000 raised OverflowError in a slot on Open
    (resume not set while the status said "Opened last.pt"), and the same seed in the settings file
    stopped the app from starting."""
    from PySide6.QtCore import QSettings

    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.training.engine import Trainer
    from helpers import run_all, stripes_dataset

    seed = 3_000_000_000
    run_all(Trainer(TrainConfig(epochs=1, batch_size=16, input_size=64, seed=seed, precision="fp32", num_threads=1),
                    run_dir=tmp_path / "cli", dataset=stripes_dataset(n_train=32, n_val=16)))
    window.checkpoints.open(tmp_path / "cli" / "last.pt", resume=True)
    qtbot.waitUntil(lambda: window.training.resume_path == tmp_path / "cli" / "last.pt", timeout=30_000)
    panel = window.training_panel
    assert panel.resuming() and panel.config().seed == seed

    settings = QSettings()
    panel.save_settings(settings)
    panel.set_config(TrainConfig())
    assert panel.config().seed != seed
    panel.restore_settings(settings)
    assert panel.config().seed == seed
