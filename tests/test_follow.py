"""The follower: only new bytes, half-written lines, truncated, replaced and rewritten logs, a
folder that goes away."""
import json
import os
import shutil

from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Position, RunStarted
from googlenet_gui.core.runs.follow import RunFollower
from googlenet_gui.core.runs.runlog import FINISHED_STATE, RUNNING, MetricsLog
from runlogs import batch_event, batch_record, epoch_record, started_event, started_record, write_run


def line(record: dict) -> bytes:
    return (json.dumps(record) + "\n").encode()


def steps(update) -> list[int]:
    return [e.step for e in update.events if isinstance(e, BatchEnd)]


def kinds(update) -> list[str]:
    return [type(e).__name__ for e in update.events]


def test_each_poll_reads_only_what_was_added_and_waits_for_a_line_s_end(tmp_path):
    log = tmp_path / "metrics.jsonl"
    follower = RunFollower(tmp_path)
    assert follower.poll().state is None  # no log yet: waiting, not a problem
    head = line(started_record(TrainConfig(epochs=2), 3))
    first, second = line(batch_record(1, 1, 3, 2)), line(batch_record(1, 2, 3, 2))
    log.write_bytes(head + first + second[:25])  # the writer is in the middle of a line
    update = follower.poll()
    assert kinds(update) == ["RunStarted", "BatchEnd"] and steps(update) == [1]
    assert not update.restarted and update.state == RUNNING
    assert follower.poll().events == []  # nothing new: nothing read twice
    with open(log, "ab") as f:
        f.write(second[25:-1])  # still no newline
    assert follower.poll().events == []
    with open(log, "ab") as f:
        f.write(b"\n" + line(epoch_record(1, 3, 0.75)) + line({"event": "finished"}))
    update = follower.poll()
    assert kinds(update) == ["BatchEnd", "EpochEnd"] and steps(update) == [2]
    assert update.events[1].val_accuracy == 0.75 and update.state == FINISHED_STATE
    assert follower._offset == log.stat().st_size


def test_a_truncated_log_is_read_again_from_the_start(tmp_path):
    write_run(tmp_path, epochs=2, per_epoch=4)
    follower = RunFollower(tmp_path)
    assert len(steps(follower.poll())) == 8
    head = line(started_record(TrainConfig(epochs=1, lr=0.01), 2))
    (tmp_path / "metrics.jsonl").write_bytes(head + line(batch_record(1, 1, 2, 1)))  # a new run, shorter
    update = follower.poll()
    assert update.restarted and kinds(update) == ["RunStarted", "BatchEnd"]
    assert update.events[0].config["lr"] == 0.01


def test_a_replaced_log_is_read_again_from_the_start(tmp_path):
    write_run(tmp_path, epochs=1, per_epoch=2)
    follower = RunFollower(tmp_path)
    assert steps(follower.poll()) == [1, 2]
    other = tmp_path / "new.jsonl"
    other.write_bytes(line(started_record(TrainConfig(epochs=1), 9)) +
                      b"".join(line(batch_record(1, b, 9, 1)) for b in range(1, 10)))
    os.replace(other, tmp_path / "metrics.jsonl")  # a new file, longer than what was read
    update = follower.poll()
    assert update.restarted and steps(update) == list(range(1, 10)) and update.events[0].steps_per_epoch == 9


def test_a_log_rewritten_in_place_by_a_resume_is_read_again(tmp_path):
    """A resume drops the lines beyond its checkpoint and writes on: the file may end up longer."""
    write_run(tmp_path, epochs=2, done=1, per_epoch=4, end=None)
    with open(tmp_path / "metrics.jsonl", "ab") as f:  # two batches of epoch 2 that the checkpoint missed
        f.write(line(batch_record(2, 1, 4, 2, loss=9.0)) + line(batch_record(2, 2, 4, 2, loss=9.0)))
    follower = RunFollower(tmp_path)
    assert steps(follower.poll()) == [1, 2, 3, 4, 5, 6]
    log = MetricsLog(tmp_path, Position(1, 0, 4))  # resumes after epoch 1
    log.started(started_event(TrainConfig(epochs=2), 4, Position(1, 0, 4)))
    for batch in range(1, 5):
        log.batch(batch_event(2, batch, 4, 2, loss=0.5))
    log.close()
    update = follower.poll()
    assert update.restarted
    assert steps(update) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [e.loss for e in update.events if isinstance(e, BatchEnd) and e.step > 4] == [0.5] * 4
    assert [type(e) for e in update.events].count(RunStarted) == 2


def test_a_deleted_folder_says_so(tmp_path):
    run = tmp_path / "run"
    write_run(run)
    follower = RunFollower(run)
    assert follower.poll().problem is None
    shutil.rmtree(run)
    update = follower.poll()
    assert "deleted" in update.problem and "run" in update.problem and update.events == []


def test_damaged_lines_are_skipped_and_a_long_log_arrives_over_several_polls(tmp_path):
    write_run(tmp_path, epochs=3, per_epoch=50)
    with open(tmp_path / "metrics.jsonl", "ab") as f:
        f.write(b"{not json\n\xff\xfe\n[1, 2]\n")
    follower = RunFollower(tmp_path, read_limit=4096)
    events, polls = [], 0
    while True:
        update = follower.poll()
        polls += 1
        events += update.events
        if not update.more:
            break
    assert polls > 5
    assert [e.step for e in events if isinstance(e, BatchEnd)] == list(range(1, 151))
    assert [e.epoch for e in events if isinstance(e, EpochEnd)] == [1, 2, 3]
    assert update.state == FINISHED_STATE
    assert update.last_checkpoint is None
    (tmp_path / "last.pt").write_bytes(b"")
    assert follower.poll().last_checkpoint == tmp_path / "last.pt"
