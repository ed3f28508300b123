"""TensorBoard logs: the run's scalars, read back with TensorBoard's own reader."""
import html
import json

import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from googlenet_gui.cli import main
from googlenet_gui.core.training import tensorboard_log
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Finished
from googlenet_gui.core.training.tensorboard_log import TensorBoardLog
from googlenet_gui.ui.training_worker import TrainingThread
from helpers import stripes_dataset

EVERYTHING = {"scalars": 0, "tensors": 0}  # keep every point (the reader samples by default)


def scalars(folder) -> dict[str, list[tuple[int, float]]]:
    reader = EventAccumulator(str(folder), size_guidance=EVERYTHING)
    reader.Reload()
    return {tag: [(e.step, e.value) for e in reader.Scalars(tag)] for tag in reader.Tags()["scalars"]}


def records(folder, kind: str) -> list[dict]:
    lines = (folder / "metrics.jsonl").read_text().splitlines()
    return [r for r in map(json.loads, lines) if r["event"] == kind]


def test_the_cli_writes_the_run_s_scalars_into_its_folder(tmp_path, capsys):
    out = tmp_path / "runs" / "first"
    assert main(["train", "--dataset", "sample", "--epochs", "2", "--limit-train", "64", "--limit-val", "32",
                 "--input-size", "64", "--batch-size", "32", "--tensorboard", "--out", str(out)]) == 0
    values = scalars(out)
    batches, epochs = records(out, "batch"), records(out, "epoch")
    assert [s for s, _ in values["batch/loss"]] == [b["step"] for b in batches] == [1, 2, 3, 4]
    assert [v for _, v in values["batch/loss"]] == pytest.approx([b["loss"] for b in batches], rel=1e-6)
    assert [v for _, v in values["batch/learning_rate"]] == pytest.approx([b["lr"] for b in batches])
    assert values["epoch/val_accuracy"] == [(e["step"], pytest.approx(e["val_accuracy"])) for e in epochs]
    assert [v for _, v in values["epoch/train_loss"]] == pytest.approx([e["train_loss"] for e in epochs], rel=1e-6)
    assert {"batch/accuracy", "epoch/train_accuracy", "epoch/val_loss", "epoch/learning_rate",
            "epoch/seconds", "epoch/val_top5_accuracy"} <= set(values)
    per_class = sorted(tag for tag in values if tag.startswith("per_class_accuracy/"))
    assert per_class[0] == "per_class_accuracy/00 T-shirt-top" and len(per_class) == 10  # numbered, no nesting "/"
    for i, tag in enumerate(per_class):  # each class's share of its images classified right, every epoch
        expected = [e["confusion"][i][i] / sum(e["confusion"][i]) for e in epochs if sum(e["confusion"][i])]
        assert [v for _, v in values[tag]] == pytest.approx(expected)
    # `tensorboard --logdir <runs root>` finds it: the events file lies in the run folder
    assert [p.name.startswith("events.out.tfevents") for p in out.iterdir() if p.name.startswith("events")] == [True]


def test_the_window_s_training_thread_writes_them_too(qtbot, tmp_path):
    log = TensorBoardLog(tmp_path)
    thread = TrainingThread()
    trainer = Trainer(TrainConfig(epochs=1, input_size=64, batch_size=16, precision="fp32", num_threads=1),
                      run_dir=tmp_path, dataset=stripes_dataset(32, 16), report_interval=0)
    events = []
    thread.events.connect(events.extend)
    with qtbot.waitSignal(thread.finished, timeout=120_000) as finished:
        thread.start(trainer, 30, (log,))
    assert isinstance(finished.args[0], Finished)
    values = scalars(tmp_path)
    assert [s for s, _ in values["batch/loss"]] == [e.step for e in events if isinstance(e, BatchEnd)] == [1, 2]
    assert [v for _, v in values["epoch/val_loss"]] == pytest.approx(
        [e.val_loss for e in events if isinstance(e, EpochEnd)])
    assert log.problem is None and log._writer is None  # closed at the end


def test_a_log_that_cannot_be_written_stops_logging_not_training(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    log = TensorBoardLog(blocker / "run")
    events = list(Trainer(TrainConfig(epochs=1, input_size=64, batch_size=16, precision="fp32", num_threads=1),
                          run_dir=tmp_path / "run", dataset=stripes_dataset(32, 16), report_interval=0).run())
    for event in events:
        log.write(event)  # never raises
    assert isinstance(events[-1], Finished)
    assert log.problem.startswith("TensorBoard logging stopped:")


def test_a_missing_package_names_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(tensorboard_log.importlib.util, "find_spec", lambda name, *a: None)
    assert main(["train", "--dataset", "sample", "--epochs", "1", "--tensorboard", "--out", str(tmp_path)]) == 2
    assert 'pip install "googlenet-studio[tensorboard]"' in capsys.readouterr().err
    assert not (tmp_path / "metrics.jsonl").exists()  # refused before training


def test_without_the_package_the_window_s_checkbox_says_what_to_install(qtbot, monkeypatch):
    from googlenet_gui.ui.panels.training_panel import TrainingPanel

    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.tensorboard_check.setChecked(True)
    assert panel.tensorboard_logs() and panel.tensorboard_check.isEnabled()
    monkeypatch.setattr(tensorboard_log.importlib.util, "find_spec", lambda name, *a: None)
    panel.set_tensorboard_problem(tensorboard_log.missing_package())
    assert not panel.tensorboard_check.isEnabled() and not panel.tensorboard_logs()
    assert 'pip install "googlenet-studio[tensorboard]"' in html.unescape(panel.tensorboard_check.toolTip())
