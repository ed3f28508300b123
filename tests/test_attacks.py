"""The third outside attack (issue 32), each finding held to its fix. A crafted checkpoint, run
folder, image or command line gives a result or ONE clear line and a non-zero exit: never a
traceback, a signal, a hang, or a file replaced that should not be.

Cases that could crash, hang or grow without bound run in a child process, under a memory cap
(RLIMIT_DATA over what the child used after its imports) and a timeout (faulthandler names the
case that hangs, and the parent's subprocess timeout ends it). The case numbers are the issue's;
cases 6 (following a long run replots on the GUI thread) and 11 (a seed above 2^31-1 in the
window and its settings) belong to the window's controllers and are tested with them.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui import cli
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.runs.events import BatchEnd, Failed, Finished
from googlenet_gui.core.training.engine import Trainer
from helpers import of, run_all, stripes_dataset, write_stripe_image
from runlogs import write_run

ROOT = Path(__file__).resolve().parents[1]
FAST = dict(input_size=64, batch_size=4, seed=0, precision="fp32", num_threads=1)
MiB = 2**20


@pytest.fixture(scope="module", autouse=True)
def _restore_thread_count():
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def resumable(tmp_path_factory) -> Path:
    """A real last.pt with the whole resume state: the built-in sample (16 images, batches of 4),
    a one-cycle schedule, stopped at step 3 of 8."""
    run_dir = tmp_path_factory.mktemp("resumable")

    def stop(trainer, event):
        if isinstance(event, BatchEnd) and event.step == 3:
            trainer.request_stop()

    config = TrainConfig(dataset="sample", limit_train=16, limit_val=8, epochs=2, schedule="onecycle", **FAST)
    run_all(Trainer(config, run_dir=run_dir, report_interval=0), stop)
    return run_dir / "last.pt"


def error_lines(text: str) -> list[str]:
    """The lines a command said as errors, among its progress bars' redraws."""
    return [line for line in text.replace("\r", "\n").splitlines() if line.startswith("error: ")]


def one_error(code: int, err: str, phrase: str = "") -> str:
    """The command failed with exactly one error line (holding `phrase`) and no traceback."""
    lines = error_lines(err)
    assert code not in (0, None), (code, err[-2000:])
    assert "Traceback" not in err and len(lines) == 1, err[-3000:]
    assert phrase in lines[0], lines[0]
    return lines[0]


def run_cli(*args: str) -> tuple[int, str, str]:
    """cli.main in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


CHILD_HEAD = r'''
import contextlib, faulthandler, io, json, resource, sys
from pathlib import Path
import torch
torch.set_num_threads(1)  # these cases are small; one thread each keeps a busy machine from crawling

def cap(extra):
    """Cap the data segment at what this process uses now plus `extra` bytes."""
    with open("/proc/self/status") as f:
        used = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmData"))
    resource.setrlimit(resource.RLIMIT_DATA, (used + extra, used + extra))

def run_cli(name, args, seconds=60):
    """One command, in this process; a hang ends the child, naming the case."""
    from googlenet_gui import cli
    print("case", name, file=sys.__stderr__, flush=True)
    faulthandler.dump_traceback_later(seconds, exit=True)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([str(a) for a in args])
    except BaseException as exc:  # what cli.main let escape: the test fails on it
        code, err = repr(exc), io.StringIO(err.getvalue() + "Traceback (escaped): " + repr(exc))
    faulthandler.cancel_dump_traceback_later()
    return [code, err.getvalue()[-4000:]]
'''


def run_child(body: str, *args: object, timeout: float) -> dict:
    """Run CHILD_HEAD + `body` in a fresh interpreter; it prints one JSON object last."""
    script = CHILD_HEAD + textwrap.dedent(body)
    result = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                            timeout=timeout, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, f"the child died ({result.returncode}): {result.stderr[-4000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- case 1: a crafted resume state


def _nested_source(depth: int = 12) -> str:
    return f'''
def nested():
    """Shared references {depth} levels deep: a few KB on disk, 10**{depth} items if walked."""
    level = ["x"]
    for _ in range({depth}):
        level = [level] * 10
    return [level, level]
'''


CRAFTED_RESUME = {  # name: (change to the stored payload, the phrase its one line holds)
    "moments of the wrong shape": ('p["resume"]["optimizer"]["state"][0]["exp_avg"] = torch.zeros(3)',
                                   "optimizer state of parameter 0 (exp_avg) has shape (3,)"),
    "an int as the scheduler's optimizer": ('p["resume"]["scheduler"]["optimizer"] = 5', "schedule state holds an optimizer"),
    "a string last_epoch": ('p["resume"]["scheduler"]["last_epoch"] = "3"', "last_epoch is not a whole number"),
    "junk phases": ('p["resume"]["scheduler"]["_schedule_phases"] = [{"end_step": "x"}]', "_schedule_phases"),
    "a huge _step_count": ('p["resume"]["scheduler"]["_step_count"] = 2**62', "_step_count is 4611686018427387904"),
    "a string lr": ('p["resume"]["optimizer"]["param_groups"][0]["lr"] = "0.1"', "lr is not a finite number"),
    "3 betas": ('p["resume"]["optimizer"]["param_groups"][0]["betas"] = (0.9, 0.99, 0.5)', "betas is not a list of 2"),
    "a memo bomb in param_groups": ('p["resume"]["optimizer"]["param_groups"][0]["junk"] = nested()',
                                    "junk is not a number, a flag or a short text"),
    "a memo bomb in the optimizer state": ('p["resume"]["optimizer"]["state"][5]["exp_avg"] = nested()',
                                           "optimizer state of parameter 5 (exp_avg) is not a tensor"),
    "an optimizer state for a parameter the network lacks": (
        'p["resume"]["optimizer"]["state"][10**6] = p["resume"]["optimizer"]["state"][0]', "optimizer"),
    "the parameters listed twice": ('p["resume"]["optimizer"]["param_groups"][0]["params"] *= 2', "parameter groups"),
    "moments on the meta device": (
        'p["resume"]["optimizer"]["state"][1]["exp_avg_sq"] = torch.empty(p["resume"]["optimizer"]["state"][1]["exp_avg_sq"].shape, '
        'device="meta")', "meta device"),
    "a scaler state that is a list": ('p["resume"]["scaler"] = [1.0]', "gradient scaler state is not a table"),
}


def test_case1_a_crafted_optimizer_or_schedule_state_gives_one_line_on_resume(resumable, tmp_path):
    """`train --resume` of each crafted state, under 1.5 GB over the child's imports, 60 s a case.
    Before the fix: a segfault (or PyTorch's INTERNAL ASSERT) for the moments, tracebacks for the
    rest, and the memo bombs grew to the cap. The file is read once; each case's payload reaches
    the real reader in place of torch.load's (checkpoint.read_payload), as the file would."""
    cases = {name: change for name, (change, _) in CRAFTED_RESUME.items()}
    results = run_child(_nested_source() + textwrap.dedent(r'''
        from googlenet_gui.core.runs import checkpoint
        base, work, cases = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
        stored = checkpoint.read_payload(base)

        def fresh(obj):
            """A copy of the payload's tables and lists (its tensors shared: the changes replace them)."""
            if isinstance(obj, dict):
                return {k: fresh(v) for k, v in obj.items()}
            if isinstance(obj, (list, tuple)):
                return type(obj)(fresh(v) for v in obj)
            return obj

        crafted = {}
        checkpoint.read_payload = lambda path: crafted[Path(path).name]
        cap(1536 << 20)
        results = {}
        for i, (name, change) in enumerate(cases.items()):
            p = fresh(stored)
            exec(change)
            crafted[f"crafted{i}.pt"] = p
            results[name] = run_cli(name, ["train", "--resume", work / f"crafted{i}.pt", "--out", work / f"run{i}",
                                           "--threads", "1"])
            del crafted[f"crafted{i}.pt"], p
        print(json.dumps(results))
    '''), resumable, tmp_path, json.dumps(cases), timeout=60 * len(cases) + 120)
    for name, (_, phrase) in CRAFTED_RESUME.items():
        code, err = results[name]
        line = one_error(code, err, phrase)
        assert "crafted" in line and "damaged checkpoint" in line, (name, line)


def test_case1_the_untouched_checkpoint_still_resumes_exactly(resumable, tmp_path):
    """The checks refuse only what is wrong: the real state resumes and finishes its schedule."""
    run_dir = tmp_path / "resumed"
    config = TrainConfig(dataset="sample", limit_train=16, limit_val=8, epochs=0, **FAST)
    events = run_all(Trainer(config, run_dir=run_dir, resume_from=resumable, report_interval=0))
    assert of(events, Finished) and not of(events, Failed)
    assert [e.step for e in of(events, BatchEnd)] == [4, 5, 6, 7, 8]


# ---------------------------------------------------------------- case 2: named pipes where files belong


def test_case2_named_pipes_in_run_folders_never_block(tmp_path):
    """notes.json, metrics.jsonl and timeline.jsonl as FIFOs: the runs index, the follower, the
    timeline and the notes writer answer at once (30 s timeout; before the fix they blocked for good)."""
    listed = tmp_path / "runs" / "listed"
    write_run(listed, epochs=2)
    os.mkfifo(listed / "notes.json")
    followed = tmp_path / "runs" / "followed"
    followed.mkdir()
    os.mkfifo(followed / "metrics.jsonl")
    os.mkfifo(followed / "timeline.jsonl")
    results = run_child(r'''
        root = Path(sys.argv[1])
        cap(512 << 20)
        faulthandler.dump_traceback_later(20, exit=True)
        from googlenet_gui.core.runs.follow import RunFollower
        from googlenet_gui.core.runs.index import NotesError, RunNotes, RunsIndex, read_notes, write_notes
        from googlenet_gui.core.runs.runlog import writer_active
        from googlenet_gui.core.understanding.timeline import TimelineFile
        out = {}
        out["scan"] = [[s.folder.name, s.name, s.epochs_done, s.state] for s in RunsIndex().scan([root])]
        out["notes"] = read_notes(root / "listed").name
        try:
            write_notes(root / "listed", RunNotes("mine", ""))
            out["write_notes"] = "written"
        except NotesError as exc:
            out["write_notes"] = str(exc)
        out["follow"] = RunFollower(root / "followed").poll().problem
        out["lock"] = writer_active(root / "followed" / "metrics.jsonl")
        for what, call in (("timeline", lambda: TimelineFile(root / "followed").read()),
                           ("timeline_append", lambda: TimelineFile(root / "followed").append(["a"], [("x", __import__(
                               "googlenet_gui.core.runs.events", fromlist=["Position"]).Position(), [1.0])]))):
            try:
                call()
                out[what] = "read"
            except OSError as exc:
                out[what] = str(exc)
        print(json.dumps(out))
    ''', tmp_path / "runs", timeout=30)
    assert results["scan"] == [["listed", "listed", 2, "finished"]]  # the FIFO-only folder is not a run folder
    assert results["notes"] == ""
    assert "not a regular file" in results["write_notes"]
    assert "not a regular file" in results["follow"]
    assert results["lock"] is None
    assert "not a regular file" in results["timeline"] and "not a regular file" in results["timeline_append"]
    assert stat.S_ISFIFO(os.stat(listed / "notes.json").st_mode)  # left as it was


# ---------------------------------------------------------------- case 3: sizes a checkpoint claims


CLAIMS = {  # name: (change, phrase)
    "a batch history of stride-0 columns claiming 20M steps": (
        'p["batch_history"] = {k: torch.zeros(1, dtype=torch.float64).expand(20_000_000) for k in ("step", "loss", "accuracy")}',
        "batch history's step holds 20,000,000 values"),
    "a batch history of stride-0 columns within the steps done": (
        'p["batch_history"] = {k: torch.zeros(1, dtype=torch.float64).expand(3) for k in ("step", "loss", "accuracy")}',
        "batch history's step claims 3 values that its stored bytes do not hold"),
    "a 1,000,000-epoch history": (
        'h = p["history"] or [{"epoch": 1, "train_loss": 1.0, "train_accuracy": 0.5, "val_loss": 1.0, "val_accuracy": 0.5, '
        '"time": 1.0, "lr": 0.001, "step": 4}]; p["history"] = h[:1] * 1_000_000',
        "the history holds 1,000,000 epochs"),
    "a weight on the meta device": (
        'p["model_state"]["classifier.1.bias"] = torch.empty(p["model_state"]["classifier.1.bias"].shape, device="meta")',
        "classifier.1.bias is on the meta device"),
    "a weight whose storage is smaller than its shape": (
        'p["model_state"]["classifier.1.weight"] = torch.zeros(1).expand(p["model_state"]["classifier.1.weight"].shape)',
        "classifier.1.weight claims"),
}


def test_case3_sizes_a_checkpoint_claims_are_bounded_in_every_command(resumable, tmp_path):
    """Every command that reads a checkpoint (classify, inspect, evaluate, export, visualize, train
    --resume) refuses each claim with one line, under 768 MB over the child's imports, 60 s a command
    (before the fix: MemoryError tracebacks, "out of CPU memory before training started", and a
    traceback for the meta tensor in all six)."""
    image = write_stripe_image(tmp_path / "image.png", vertical=True)
    cases = {name: change for name, (change, _) in CLAIMS.items()}
    results = run_child(r'''
        from googlenet_gui.core.runs import checkpoint
        base, work, image, cases = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
        read_file, crafted = checkpoint.read_payload, {}
        # classify reads each crafted file; the other commands get its payload as torch.load gave it
        checkpoint.read_payload = lambda path: crafted.get(Path(path).name) or read_file(Path(path))
        cap(768 << 20)
        results = {}
        for i, (name, change) in enumerate(cases.items()):
            p = torch.load(base, weights_only=True)
            p["resume"] = None  # weights alone: a third of the bytes
            exec(change)
            path = work / f"claims{i}.pt"
            torch.save(p, path)
            del p
            results[name] = {"classify": run_cli(f"{name}: classify", ["classify", "--checkpoint", path, image])}
            crafted[path.name] = read_file(path)
            commands = {"inspect": ["inspect", "--checkpoint", path, image],
                        "evaluate": ["evaluate", "--checkpoint", path],
                        "export": ["export", "--checkpoint", path, "--format", "torchscript", "--out", work / "e.pt"],
                        "visualize": ["visualize", "--checkpoint", path, "--block", "block1", "--channel", "0",
                                      "--steps", "1", "--out", work / "v.png"],
                        "train": ["train", "--resume", path, "--out", work / f"run{i}", "--threads", "1"]}
            results[name].update({command: run_cli(f"{name}: {command}", args) for command, args in commands.items()})
            crafted.clear()
            path.unlink()
        print(json.dumps(results))
    ''', resumable, tmp_path, image, json.dumps(cases), timeout=360)
    for name, (_, phrase) in CLAIMS.items():
        for command, (code, err) in results[name].items():
            line = one_error(code, err, phrase)
            assert line.startswith("error: claims"), (name, command, line)
    assert not (tmp_path / "e.pt").exists() and not (tmp_path / "v.png").exists()


# ---------------------------------------------------------------- case 4: float32 TIFF


def _float_tiff(path: Path) -> Path:
    pixels = np.linspace(0.0, 3.5, 48 * 40, dtype=np.float32).reshape(40, 48)
    Image.fromarray(pixels, mode="F").save(path)
    return path


def test_case4_a_float32_tiff_classifies_and_imports(resumable, tmp_path):
    """A 48x40 float TIFF: classified beside a PNG on one command line, and imported into a dataset
    (before the fix: a traceback that lost every other file, and an import that stopped part-way)."""
    from googlenet_gui.core.data.folder import DatasetFolder

    tiff = _float_tiff(tmp_path / "float.tif")
    png = write_stripe_image(tmp_path / "plain.png", vertical=False)
    code, out, err = run_cli("classify", "--checkpoint", resumable, tiff, png, "--json")
    assert code == 0 and not err.strip(), err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["image"]).name for r in rows] == ["float.tif", "plain.png"] and all(r.get("top") for r in rows), rows
    dataset = DatasetFolder.create(tmp_path / "dataset")
    dataset.add_class("cats")
    report = dataset.import_files("cats", [tiff, png], workers=1)
    assert not report.skipped and len(report.added) == 2, report.skipped
    assert sorted(p.name for p in (tmp_path / "dataset" / "cats").iterdir()) == ["float.tif", "plain.png"]


# ---------------------------------------------------------------- case 5: one long unterminated line


def test_case5_an_unterminated_line_over_64_kib_marks_one_run_not_the_whole_table(tmp_path):
    from googlenet_gui.core.runs.index import RunsIndex, read_summary

    good, long = tmp_path / "good", tmp_path / "long"
    write_run(good, epochs=2)
    write_run(long, epochs=3, done=1, end=None)
    with open(long / "metrics.jsonl", "ab") as f:
        f.write(b'{"event": "batch", "x": "' + b"y" * (100 << 10))  # a writer killed in a 100 KiB line
    summaries = {s.folder.name: s for s in RunsIndex().scan([tmp_path])}
    assert sorted(summaries) == ["good", "long"]
    assert summaries["good"].epochs_done == 2 and summaries["good"].state == "finished"
    assert summaries["long"].epochs_done == 1 and summaries["long"].epochs_planned == 3
    assert read_summary(long).problem is None


# ---------------------------------------------------------------- case 7: links out of a dataset


def test_case7_the_dataset_editor_never_writes_or_moves_through_links(tmp_path):
    from googlenet_gui.core.data.folder import DatasetError, DatasetFolder

    outside = tmp_path / "outside"
    (outside / "linked-class").mkdir(parents=True)
    (outside / "removed").mkdir()
    write_stripe_image(outside / "linked-class" / "theirs.png", vertical=True)
    root = tmp_path / "dataset"
    dataset = DatasetFolder.create(root)
    dataset.add_class("mine")
    mine = write_stripe_image(root / "mine" / "a.png", vertical=True)
    (root / "linked").symlink_to(outside / "linked-class", target_is_directory=True)
    (root / ".removed").symlink_to(outside / "removed", target_is_directory=True)
    source = write_stripe_image(tmp_path / "new.png", vertical=False)
    before = sorted(str(p.relative_to(outside)) for p in outside.rglob("*"))

    with pytest.raises(DatasetError, match="outside the dataset folder"):
        dataset.import_files("linked", [source], workers=1)
    with pytest.raises(DatasetError, match="outside the dataset folder"):
        dataset.remove_files([str(mine)])
    with pytest.raises(DatasetError, match="outside the dataset folder"):
        dataset.remove_files([str(root / "linked" / "theirs.png")])
    assert sorted(str(p.relative_to(outside)) for p in outside.rglob("*")) == before
    assert mine.is_file()


# ---------------------------------------------------------------- case 8: export over special files


def test_case8_export_refuses_a_pipe_a_link_to_one_and_its_own_checkpoint(resumable, tmp_path):
    fifo = tmp_path / "model.pt"
    os.mkfifo(fifo)
    link = tmp_path / "link.pt"
    link.symlink_to(fifo)
    for out in (fifo, link):
        code, _, err = run_cli("export", "--checkpoint", resumable, "--format", "torchscript", "--out", out)
        one_error(code, err, "not a regular file")
        assert stat.S_ISFIFO(os.stat(out).st_mode)
    copy = tmp_path / "copy.pt"
    copy.write_bytes(resumable.read_bytes())
    before = copy.read_bytes()
    code, _, err = run_cli("export", "--checkpoint", copy, "--format", "torchscript", "--out", copy)
    one_error(code, err, "is the file being read")
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.pt", "link.pt", "model.pt"]


# ---------------------------------------------------------------- case 9: train --out onto a run


def test_case9_train_out_onto_a_run_refuses_and_keeps_it(tmp_path):
    run = tmp_path / "run"
    write_run(run, epochs=2)
    (run / "last.pt").write_bytes(b"the run's checkpoint")
    before = {p.name: p.read_bytes() for p in run.iterdir()}
    code, _, err = run_cli("train", "--dataset", "sample", "--limit-train", "8", "--epochs", "1", "--out", run)
    one_error(code, err, "holds a run already (metrics.jsonl, last.pt)")
    assert {p.name: p.read_bytes() for p in run.iterdir()} == before


# ---------------------------------------------------------------- case 10: NaN and huge times in a log


@pytest.mark.parametrize("field,value", [("wall_time", "NaN"), ("wall_time", "1e308"), ("total_time", "Infinity"),
                                         ("total_time", "-1e308"), ("best_val_accuracy", "NaN")])
def test_case10_nan_or_huge_times_in_a_log_leave_a_row_that_paints(tmp_path, qtbot, field, value):
    from googlenet_gui.core.runs.index import RunsIndex
    from googlenet_gui.ui.panels.runs_panel import RunsPanel

    run = tmp_path / "run"
    write_run(run, epochs=2)
    lines = (run / "metrics.jsonl").read_text().splitlines()
    kind = "run_started" if field == "wall_time" else "epoch"
    lines = [line.replace(f'"{field}": ', f'"{field}": {value}, "was": ') if f'"event": "{kind}"' in line else line
             for line in lines]
    (run / "metrics.jsonl").write_text("\n".join(lines) + "\n")
    [summary] = RunsIndex().scan([tmp_path])
    assert summary.started is None or 0 <= summary.started < 1e11
    assert 0 <= summary.training_time < 1e11
    assert summary.best_val_accuracy is None or 0 <= summary.best_val_accuracy <= 1
    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.set_runs([summary])
    texts = panel.row_texts(str(run))
    assert texts and texts[4] == "2 / 2", texts
    assert not panel.grab().isNull()


# ---------------------------------------------------------------- case 12: the minor ones


def test_case12_names_of_244_and_255_bytes_are_imported(tmp_path):
    from googlenet_gui.core.data.folder import DatasetFolder

    dataset = DatasetFolder.create(tmp_path / "dataset")
    dataset.add_class("c")
    sources = tmp_path / "sources"
    sources.mkdir()
    names = ["a" * 240 + ".png", "b" * 251 + ".png", "é" * 125 + "x.png"]  # 244, 255 and 255 bytes
    files = [write_stripe_image(sources / name, vertical=True) for name in names]
    report = dataset.import_files("c", files, workers=1)
    assert not report.skipped and len(report.added) == 3, report.skipped
    again = dataset.import_files("c", [files[1]], workers=1)  # the name is taken: the copy gets a shorter one
    assert not again.skipped and len(os.fsencode(Path(again.added[0].path).name)) <= 255


def test_case12_export_to_a_300_character_name_says_so(resumable, tmp_path):
    code, _, err = run_cli("export", "--checkpoint", resumable, "--format", "torchscript", "--out",
                           tmp_path / ("m" * 300 + ".pt"))
    one_error(code, err, "File name too long")


def test_case12_visualize_refuses_a_seed_beyond_2_63(resumable, tmp_path):
    code, _, err = run_cli("visualize", "--checkpoint", resumable, "--block", "block1", "--channel", "0",
                           "--seed", 2**70, "--out", tmp_path / "v.png")
    one_error(code, err, "--seed must be between 0 and")


def test_case12_dist_timeout_beyond_any_wait_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("WORLD_SIZE", "2")  # as under torchrun: the timeout is used
    code, _, err = run_cli("train", "--dataset", "sample", "--dist-timeout", "1e30", "--out", tmp_path / "run")
    one_error(code, err, "--dist-timeout must be more than 0 and at most")
    assert not (tmp_path / "run").exists()


def test_case12_ctrl_c_during_an_export_leaves_nothing(resumable, tmp_path, monkeypatch):
    from googlenet_gui.core.inference import export

    def interrupted(model, example, about, target):
        if hasattr(target, "write"):
            target.write(b"half an export")
        else:
            Path(target).write_bytes(b"half an export")
        raise KeyboardInterrupt  # as Ctrl+C in the middle of the exporter

    monkeypatch.setattr(export, "_write_torchscript", interrupted)
    try:
        code, _, err = run_cli("export", "--checkpoint", resumable, "--format", "torchscript", "--out", tmp_path / "m.pt")
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C escaped the export command as a traceback")
    one_error(code, err, "export cancelled")
    assert code == 130 and list(tmp_path.iterdir()) == []


def test_case12_shapes_into_a_closed_pipe_is_quiet():
    """`shapes | head -1`: the reader is gone before the table is written (here it never reads)."""
    read, write = os.pipe()
    command = [sys.executable, "-c", "from googlenet_gui.cli import main; import sys; sys.exit(main(['shapes']))"]
    proc = subprocess.Popen(command, stdout=write, stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    os.close(write)
    os.close(read)  # no reader left: the child's first write meets a broken pipe
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "Traceback" not in err.decode() and "BrokenPipe" not in err.decode(), err.decode()


@pytest.mark.parametrize("flag", ["--input-size", "--height", "--width"])
def test_case12_shapes_of_size_0_is_refused(flag):
    code, out, err = run_cli("shapes", flag, "0")
    one_error(code, err, "must all be at least 1")
    assert not out


def test_case12_onednn_out_of_memory_is_said_as_out_of_memory(tmp_path, monkeypatch):
    """oneDNN says "could not create a primitive" when its working memory cannot be had (seen under
    a 4 GB address-space cap with bf16): the run ends as out of memory, in one line."""
    from googlenet_gui.core.network.model import GoogLeNet

    def forward(self, x):
        raise RuntimeError("could not create a primitive")

    monkeypatch.setattr(GoogLeNet, "forward", forward)
    events = run_all(Trainer(TrainConfig(epochs=1, **FAST), run_dir=tmp_path, dataset=stripes_dataset(8, 4),
                             report_interval=0))
    assert isinstance(events[-1], Failed) and "out of CPU memory" in events[-1].message, events[-1]


def test_case12_a_16_bit_png_beyond_the_memory_left_says_not_enough_memory(tmp_path):
    """A 4000x4000 16-bit PNG (32 MB decoded) with 8 MB more than the decode left: numpy's raw
    "Unable to allocate" (or a bare MemoryError) before the fix, one line after. 60 s timeout."""
    pixels = (np.arange(4000 * 4000, dtype=np.uint32) % 65535).astype(np.uint16).reshape(4000, 4000)
    png = tmp_path / "deep.png"
    Image.fromarray(pixels).save(png)
    result = run_child(r'''
        from googlenet_gui.core.inference.predict import Predictor
        from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
        from googlenet_gui.core.data.transforms import Preprocess
        predictor = Predictor(GoogLeNet(ModelConfig(1, 3)).eval(), ["a", "b", "c"], Preprocess(1, 64, 28))
        predictor.classify_files([sys.argv[1]])  # once with room to spare: every lazy allocation made
        cap(4000 * 4000 * 2 + (8 << 20))
        faulthandler.dump_traceback_later(50, exit=True)
        [row] = predictor.classify_files([sys.argv[1]])
        print(json.dumps({"ok": row.ok, "error": row.error}))
    ''', png, timeout=60)
    assert not result["ok"] and result["error"] == "deep.png: not enough memory to decode this image", result
