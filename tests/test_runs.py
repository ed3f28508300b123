"""The runs index: summaries from metrics.jsonl's first record and tail, the lock, notes.json."""
import builtins
import fcntl
import json
import os
import threading
import time

import pytest

from googlenet_gui.core.runs import runlog
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.runs.events import EpochEnd, Finished
from googlenet_gui.core.runs.runlog import FAILED, FINISHED_STATE, RUNNING, STOPPED_STATE, MetricsLog, RunFolderBusy
from googlenet_gui.core.runs.index import (NotesError, RunNotes, RunsIndex, find_run_folders, read_curves, read_notes,
                                     read_summary, setting_differences, write_notes)
from helpers import of, run_all, stripes_dataset
from runlogs import batch_event, batch_record, epoch_event, epoch_record, started_event, started_record, write_run

FAST = dict(input_size=64, batch_size=16, seed=0, precision="fp32", num_threads=1)
LONG_AGO = 10 * runlog.ACTIVE_SECONDS


def age(folder, seconds):
    """Make the folder's log look last written `seconds` ago."""
    then = time.time() - seconds
    os.utime(folder / "metrics.jsonl", (then, then))


def test_a_trained_run_is_summed_up_from_its_log(tmp_path):
    before = time.time()
    events = run_all(Trainer(TrainConfig(epochs=2, **FAST), run_dir=tmp_path, dataset=stripes_dataset(32, 16),
                             report_interval=0))
    epochs, finished = of(events, EpochEnd), of(events, Finished)[0]
    summary = read_summary(tmp_path)
    assert summary.state == FINISHED_STATE and summary.problem is None
    assert (summary.epochs_done, summary.epochs_planned) == (2, 2)
    assert summary.best_val_accuracy == finished.best_val_accuracy == max(e.val_accuracy for e in epochs)
    assert summary.training_time == pytest.approx(sum(e.time for e in epochs))
    assert summary.dataset == "sample" and summary.input_size == 64 and summary.device == "cpu"
    assert before - 1 <= summary.started <= time.time()
    assert summary.name == tmp_path.name and summary.checkpoints == ("last.pt", "best.pt")
    assert summary.settings["batch_size"] == 16


def test_a_resumed_run_keeps_its_totals_and_shows_its_new_length(tmp_path):
    data = stripes_dataset(32, 16)
    first = of(run_all(Trainer(TrainConfig(epochs=1, **FAST), run_dir=tmp_path, dataset=data, report_interval=0)),
               EpochEnd)
    second = of(run_all(Trainer(TrainConfig(epochs=3, **FAST), run_dir=tmp_path, resume_from=tmp_path / "last.pt",
                                dataset=data, report_interval=0)), EpochEnd)
    summary = read_summary(tmp_path)
    assert [e.epoch for e in second] == [2, 3]
    assert (summary.epochs_done, summary.epochs_planned, summary.state) == (3, 3, FINISHED_STATE)
    assert summary.training_time == pytest.approx(sum(e.time for e in first + second))
    assert summary.best_val_accuracy == max(e.val_accuracy for e in first + second)


def test_a_stopped_run_s_time_counts_its_unfinished_epoch(tmp_path):
    """Stopped 1.5 s into its second epoch after a 2 s first one: 3.5 s of training, not 2."""
    from googlenet_gui.core.runs.events import Position

    config = TrainConfig(epochs=3, **FAST)
    log = MetricsLog(tmp_path, None)
    log.started(started_event(config, 4))
    log.epoch(epoch_event(1, 4, 0.5, seconds=2.0))
    log.batch(batch_event(2, 1, 4, 3))
    log.stopped(Position(1, 1, 4), epoch_time=1.5)
    log.close()
    summary = read_summary(tmp_path)
    assert summary.state == STOPPED_STATE and summary.epochs_done == 1
    assert summary.training_time == pytest.approx(3.5)


def test_a_log_rebuilt_after_its_folder_was_deleted_keeps_its_totals(tmp_path):
    """The engine makes a deleted run folder again with its log rebuilt from memory: the totals are
    added up once, and the rebuilt batches (without learning rate and speed) are read."""
    import shutil

    from googlenet_gui.core.runs.events import CheckpointSaved
    from googlenet_gui.core.runs.follow import RunFollower

    run_dir = tmp_path / "run"

    def delete_after_first_epoch(trainer, event):
        if isinstance(event, CheckpointSaved) and event.kind == "best" and event.position.epochs_done == 1:
            shutil.rmtree(run_dir)

    events = run_all(Trainer(TrainConfig(epochs=2, **FAST), run_dir=run_dir, dataset=stripes_dataset(32, 16),
                             report_interval=0), delete_after_first_epoch)
    epochs = of(events, EpochEnd)
    summary = read_summary(run_dir)
    assert (summary.epochs_done, summary.state) == (2, FINISHED_STATE)
    assert summary.training_time == pytest.approx(sum(e.time for e in epochs))
    assert summary.best_val_accuracy == max(e.val_accuracy for e in epochs)
    follower = RunFollower(run_dir)
    assert [e.step for e in follower.poll().events if hasattr(e, "images_per_sec")] == [1, 2, 3, 4]


def test_only_the_first_record_and_the_tail_are_read(tmp_path, monkeypatch):
    """A 40,000-batch log: the summary reads a few kilobytes of it, and still knows the totals."""
    per_epoch, epochs = 10_000, 4
    log = MetricsLog(tmp_path, None)
    log.started(started_event(TrainConfig(epochs=epochs), per_epoch))
    for epoch in range(1, epochs + 1):
        for batch in range(1, per_epoch + 1):
            log.batch(batch_event(epoch, batch, per_epoch, epochs))
        log.epoch(epoch_event(epoch, per_epoch, val_accuracy=[0.3, 0.9, 0.6, 0.7][epoch - 1], seconds=10.0))
    log.batch(batch_event(epochs + 1, 1, per_epoch, epochs + 1))  # an extended run, killed in epoch 5
    log.close()
    size = (tmp_path / "metrics.jsonl").stat().st_size
    read = []

    class Counting:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def read(self, n=-1):
            data = self.f.read(n)
            read.append(len(data))
            return data

        def readline(self, n=-1):
            data = self.f.readline(n)
            read.append(len(data))
            return data

        def __getattr__(self, name):
            return getattr(self.f, name)

    monkeypatch.setattr(runlog, "open", lambda *a, **k: Counting(builtins.open(*a, **k)), raising=False)
    summary = read_summary(tmp_path, now=time.time() + LONG_AGO)
    assert size > 7_000_000 and sum(read) < 200_000
    assert (summary.epochs_done, summary.epochs_planned) == (4, 5)
    assert summary.best_val_accuracy == 0.9 and summary.training_time == pytest.approx(40.0)
    assert summary.state == FAILED


def test_a_log_from_before_the_totals_adds_up_its_epochs(tmp_path):
    lines = [started_record(TrainConfig(epochs=3), 2), batch_record(1, 1, 2, 3),
             epoch_record(1, 2, 0.8, seconds=3.0), epoch_record(2, 2, 0.6, seconds=4.0), {"event": "finished"}]
    (tmp_path / "metrics.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    summary = read_summary(tmp_path)
    assert summary.best_val_accuracy == 0.8 and summary.training_time == 7.0 and summary.epochs_done == 2
    assert summary.started is None  # no time stamps, and not a window-named folder


def test_states_come_from_the_files(tmp_path):
    write_run(tmp_path / "done")
    write_run(tmp_path / "halted", done=1, end="stopped")
    write_run(tmp_path / "died", done=1, end=None)
    age(tmp_path / "died", LONG_AGO)
    write_run(tmp_path / "recent", done=1, end=None)  # a writer we cannot see (another machine): just wrote
    held = write_run(tmp_path / "writing", done=1, end=None, keep_open=True)
    age(tmp_path / "writing", LONG_AGO)  # quiet for a while (a long epoch), but its lock is held
    try:
        states = {s.folder.name: s.state for s in RunsIndex().scan([tmp_path])}
    finally:
        held.close()
    assert states == {"done": FINISHED_STATE, "halted": STOPPED_STATE, "died": FAILED, "recent": RUNNING,
                      "writing": RUNNING}
    assert read_summary(tmp_path / "writing", now=time.time()).state == FAILED  # let go: it ended without a word


def test_a_reader_testing_the_lock_never_refuses_a_training(tmp_path):
    write_run(tmp_path, end=None)
    path = tmp_path / "metrics.jsonl"
    assert runlog.writer_active(path) is False
    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_SH)  # a reader's test, caught at the worst moment
    threading.Timer(0.2, os.close, (fd,)).start()
    log = MetricsLog(tmp_path, None)  # waits for the reader instead of calling the folder busy
    assert runlog.writer_active(path) is True
    with pytest.raises(RunFolderBusy):
        MetricsLog(tmp_path, None)  # a second training still is refused
    log.close()
    assert runlog.writer_active(path) is False


def test_the_index_reads_again_only_what_changed(tmp_path, monkeypatch):
    for name in ("a", "b", "c"):
        write_run(tmp_path / name, epochs=2)
    (tmp_path / "not-a-run").mkdir()
    index = RunsIndex()
    assert sorted(s.folder.name for s in index.scan([tmp_path])) == ["a", "b", "c"]
    read = []
    real = runlog.read_outline
    monkeypatch.setattr("googlenet_gui.core.runs.index.read_outline", lambda path: read.append(path.parent.name) or real(path))
    index.scan([tmp_path])
    assert read == []
    write_run(tmp_path / "b", epochs=5)
    write_notes(tmp_path / "c", RunNotes("baseline", "the first try"))
    (tmp_path / "a" / "metrics.jsonl").unlink()
    runs = {s.folder.name: s for s in index.scan([tmp_path])}
    assert sorted(read) == ["b", "c"] and sorted(runs) == ["b", "c"]
    assert runs["b"].epochs_planned == 5 and (runs["c"].name, runs["c"].note) == ("baseline", "the first try")


def test_roots_may_be_run_folders_or_folders_of_runs(tmp_path):
    write_run(tmp_path / "root" / "one")
    write_run(tmp_path / "elsewhere")
    found = find_run_folders([tmp_path / "root", tmp_path / "elsewhere", tmp_path / "missing", tmp_path / "root"])
    assert found == [tmp_path / "root" / "one", tmp_path / "elsewhere"]


def test_notes_are_checked_both_ways(tmp_path):
    write_run(tmp_path)
    assert read_notes(tmp_path) == RunNotes()
    write_notes(tmp_path, RunNotes("  lr 3e-3 ", "better\nthan the first"))
    assert read_notes(tmp_path) == RunNotes("lr 3e-3", "better\nthan the first")
    with pytest.raises(NotesError, match="at most"):
        write_notes(tmp_path, RunNotes("x" * 1000))
    for damaged in ("[1, 2]", "{not json", json.dumps({"name": 5, "note": ["a"]})):
        (tmp_path / "notes.json").write_text(damaged)
        assert read_notes(tmp_path) == RunNotes()
        assert read_summary(tmp_path).name == tmp_path.name
    with pytest.raises(NotesError, match="gone"):
        write_notes(tmp_path / "deleted", RunNotes("x"))


def test_settings_that_differ_are_listed_in_the_config_order(tmp_path):
    write_run(tmp_path / "a", lr=1e-3, batch_size=32)
    write_run(tmp_path / "b", lr=3e-3, batch_size=32, augment=True)
    runs = [read_summary(tmp_path / n) for n in ("a", "b")]
    assert setting_differences(runs) == [("lr", [1e-3, 3e-3]), ("augment", [False, True])]
    assert setting_differences(runs[:1]) == []


def test_a_run_s_curves_are_every_batch_and_epoch(tmp_path):
    write_run(tmp_path, epochs=3, per_epoch=5)
    curves = read_curves(tmp_path)
    assert curves.steps_per_epoch == 5 and curves.steps == list(range(1, 16))
    assert [e.epoch for e in curves.epochs] == [1, 2, 3] and len(curves.losses) == len(curves.accuracies) == 15


def test_a_damaged_log_is_listed_with_its_problem(tmp_path):
    (tmp_path / "metrics.jsonl").write_bytes(b"\x00\xff garbage\n" * 3)
    age(tmp_path, LONG_AGO)
    summary = read_summary(tmp_path)
    assert summary.problem and summary.state == FAILED and summary.epochs_done == 0
