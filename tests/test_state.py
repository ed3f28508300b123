"""The app's state models (googlenet_gui/state), without Qt: each change is told once, whole, and what a
view would ask afterwards gives the same answer."""
from __future__ import annotations

from pathlib import Path

from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import BatchEnd, CheckpointSaved, EpochEnd, Position, RunStarted
from googlenet_gui.state import AppState
from googlenet_gui.state.activity import Activity, ResumeTarget
from googlenet_gui.state.data import DataChoice, DataSpec
from googlenet_gui.state.run import OPENED, TRAINING, RunView, Shown
from googlenet_gui.state.weights import FILE, LIVE, UNTRAINED, AnsweringWeights, UntrainedSpec


def started(steps: int = 4, epochs: int = 3) -> RunStarted:
    return RunStarted({"epochs": epochs}, "cpu", "fp32", 32, 8, ["a", "b", "c"], 1, steps, steps * epochs,
                      Position(0, 0, steps), [], {}, "/runs/x")


def batch(step: int, steps: int = 4) -> BatchEnd:
    return BatchEnd((step - 1) // steps + 1, (step - 1) % steps + 1, steps, step, 12, 1.0 / step, 0.5, 1e-3, 100.0)


def epoch(n: int, steps: int = 4) -> EpochEnd:
    return EpochEnd(n, 0.5, 0.8, 0.6, 0.7, 3.0, 1e-3, n * steps)


def record(signal) -> list:
    heard = []
    signal.connect(lambda *args: heard.append(args))
    return heard


def test_a_choice_of_weights_is_told_once_and_what_they_know_follows_it():
    weights = AnsweringWeights()
    told = record(weights.changed)
    weights.use_file(Path("/runs/a/best.pt"))
    assert (weights.kind, weights.file, weights.class_names) == (FILE, Path("/runs/a/best.pt"), None) and len(told) == 1
    version = weights.version
    weights.learned(version, ["circle", "square", "triangle"])
    assert weights.class_names == ["circle", "square", "triangle"] and len(told) == 2
    weights.use_untrained()
    weights.learned(version, ["late", "answer"])  # learned of the file, which no longer answers: dropped
    assert weights.kind == UNTRAINED and weights.class_names is None and len(told) == 3


def test_the_untrained_network_follows_the_data_only_while_it_answers():
    weights = AnsweringWeights()
    told = record(weights.changed)
    weights.set_untrained_spec(UntrainedSpec("mnist", None, 64, 0))
    assert len(told) == 1 and weights.class_names is None  # a new untrained network answers now
    weights.use_live(object(), ["x", "y"])
    weights.set_untrained_spec(UntrainedSpec("cifar10", None, 96, 0))
    assert weights.kind == LIVE and weights.class_names == ["x", "y"] and len(told) == 2


def test_live_weights_are_named_live_while_training_and_the_run_s_after():
    class Trainer:
        snapshot = None

        def latest_snapshot(self):
            return self.snapshot

    weights, trainer = AnsweringWeights(), Trainer()
    weights.use_live(trainer)
    weights.set_training(True)
    assert weights.shown_kind() == LIVE  # they come within seconds
    weights.set_training(False)
    assert weights.shown_kind() == UNTRAINED  # the run failed before its first step: the untrained network answered
    trainer.snapshot = object()
    assert weights.shown_kind() == LIVE


def test_the_activity_says_what_can_run_now():
    activity = Activity()
    told = record(activity.changed)
    assert activity.can_start() and not activity.can_stop() and not activity.can_new_run() and activity.to_save() is None
    activity.set_training(True, paused=True)
    assert activity.paused and not activity.can_start() and activity.can_pause() and not activity.can_open()
    activity.set_training(False)
    assert not activity.paused and activity.can_start()
    activity.set_launching(True)
    assert not activity.can_pause() and activity.can_stop()  # torchrun's processes cannot pause together
    activity.set_launching(False)
    activity.set_resume(ResumeTarget(Path("/r/last.pt"), TrainConfig(), Position(1, 0, 4)))
    assert activity.can_new_run()
    activity.set_opened(Path("/r/best.pt"))
    activity.set_run_checkpoint(Path("/s/last.pt"))
    assert activity.to_save() == Path("/s/last.pt")
    count = len(told)
    activity.set_opened(Path("/r/best.pt"))  # nothing changed: nothing told
    assert len(told) == count


def test_the_data_is_ready_when_here_not_downloading_and_large_enough():
    data = DataChoice()
    assert data.ready
    data.choose(DataSpec("sample", None, 40))
    assert not data.ready  # smaller than the network takes
    data.choose(DataSpec("cifar10", None, 96))
    data.set_available(False, "not here")
    assert not data.ready
    data.set_available(True)
    data.set_downloading(True)
    assert not data.ready


def test_the_run_view_tells_each_view_once_per_kind_in_the_order_they_came():
    run = RunView()
    batches, epochs, order = record(run.batches), record(run.epochs_ended), []
    run.batches.connect(lambda b: order.append("batches"))
    run.epochs_ended.connect(lambda e: order.append("epochs"))
    run.show(Shown(TRAINING, started()))
    # a long log at once: 3 epochs of 4 batches, then one batch of the next epoch
    events = [e for n in (1, 2, 3) for e in [*(batch(s) for s in range(4 * n - 3, 4 * n + 1)), epoch(n)]]
    run.add(events + [batch(13)])
    assert len(batches) == 1 and len(batches[0][0]) == 13 and len(epochs) == 1 and len(epochs[0][0]) == 3
    assert order == ["epochs", "batches"]  # the newest batch after the newest epoch end, as it happened
    assert run.last_batch.step == 13 and [e.epoch for e in run.epochs] == [1, 2, 3]
    order.clear()
    run.add([batch(14), epoch(4)])
    assert order == ["batches", "epochs"]


def test_checkpoints_saved_are_told_and_clearing_forgets_the_run():
    run = RunView()
    saved, cleared = record(run.checkpoint_saved), record(run.cleared)
    run.show(Shown(TRAINING, started()))
    run.add([CheckpointSaved("/runs/x/last.pt", "last", Position(1, 0, 4))])
    assert saved[0][0].kind == "last"
    run.clear()
    assert cleared and run.source is None and run.started is None and run.epochs == []


def test_an_opened_checkpoint_is_shown_where_its_run_stopped(tmp_path):
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
    from googlenet_gui.core.runs.checkpoint import Checkpoint, ResumeState
    from googlenet_gui.core.data.transforms import Preprocess
    from googlenet_gui.state.run import shown_checkpoint

    config = TrainConfig(dataset="sample", input_size=64, epochs=2, lr=0.004)
    position = Position(1, 3, 5)
    resume = ResumeState(optimizer={"param_groups": [{"lr": 0.0021}], "state": {}}, scheduler=None, scaler=None,
                         permutation=None, rng={}, epoch_sums=(0.0, 0.0, 0.0), epoch_time=4.5)
    checkpoint = Checkpoint(ModelConfig(1, 3), GoogLeNet(ModelConfig(1, 3)).state_dict(), ["a", "b", "c"],
                            Preprocess(1, 64, 28), config, position, history=[epoch(1, 5)], resume=resume)
    (tmp_path / "best.pt").write_bytes(b"")
    shown = shown_checkpoint(tmp_path / "last.pt", checkpoint)
    assert shown.source == OPENED and shown.started.position == position and shown.started.steps_per_epoch == 5
    assert shown.lr == 0.0021 and shown.elapsed == 3.0 + 4.5  # the optimizer's rate when saved; epochs' time and this one's
    assert shown.checkpoints == {"last": (str(tmp_path / "last.pt"), position), "best": (str(tmp_path / "best.pt"), None)}


def test_the_app_state_holds_one_of_each_model():
    state = AppState()
    assert isinstance(state.weights, AnsweringWeights) and isinstance(state.run, RunView)
    assert isinstance(state.activity, Activity) and isinstance(state.data, DataChoice)
