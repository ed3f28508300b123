"""Fuzzing for a bounded time: valid checkpoints and images, mutated at random (bytes flipped,
cut or inserted; fields given values of the wrong type or size), go through the same code the
command line and the window use. Every outcome must be a result or one clear line: never a
traceback, a hang or an out-of-memory kill. It runs in a child process under a memory limit, with a
watchdog that names the case that hangs. FUZZ_SECONDS (default 20 each) sets the time; FUZZ_SEED
the seed (printed, to replay a failure)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent(r'''
    import faulthandler, io, json, math, random, resource, sys, time, traceback
    from pathlib import Path
    import numpy as np
    import torch
    from PIL import Image

    from googlenet_gui.core.runs.checkpoint import Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.runs.events import EpochEnd, Position
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
    from googlenet_gui.core.inference.predict import Predictor
    from googlenet_gui.core.data.transforms import Preprocess

    work, seconds, seed, limit = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    failures, counts = [], {"checkpoint": 0, "checkpoint_ok": 0, "image": 0, "image_ok": 0}

    def one_line(text):
        return bool(text) and "\n" not in text and "Traceback" not in text and len(text) < 500

    # ---- a valid checkpoint and valid images to start from
    config = ModelConfig(1, 3)
    base = Checkpoint(config, GoogLeNet(config).state_dict(), ["a", "b", "c"], Preprocess(1, 64, 28),
                      TrainConfig(epochs=2, input_size=64), Position(1, 0, 4),
                      [EpochEnd(1, 0.9, 0.6, 0.8, 0.7, 2.0, 1e-3, 4)],
                      {"step": [1.0, 2.0], "loss": [0.9, 0.8], "accuracy": [0.5, 0.6]}, 0.7)
    base_path = save_checkpoint(base, work / "base.pt")
    base_bytes = base_path.read_bytes()
    payload = torch.load(base_path, weights_only=True)
    probe = work / "probe.png"
    Image.fromarray((np.arange(28 * 28) % 256).reshape(28, 28).astype(np.uint8)).save(probe)

    # the limit comes after the set-up: PyTorch and the checkpoint are loaded already
    used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (used + limit, used + limit))

    def odd_value():
        return rng.choice([
            None, True, -1, 0, 2**70, 1e300, float("nan"), float("inf"), "x" * rng.randint(0, 300), "<h1>",
            [], [1, 2], {"a": 1}, {}, [[[[]]]], torch.zeros(rng.randint(0, 5)), torch.zeros(2, 3, dtype=torch.int8),
            torch.full((3,), float("nan")), b"bytes", 3.5,
        ])

    def paths(obj, prefix=()):
        if isinstance(obj, dict):
            for key, value in list(obj.items())[:50]:
                yield prefix + (key,)
                yield from paths(value, prefix + (key,))
        elif isinstance(obj, list):
            for i, value in enumerate(obj[:5]):
                yield prefix + (i,)
                yield from paths(value, prefix + (i,))

    all_paths = list(paths(payload))

    def mutated_payload():
        import copy
        data = copy.copy(payload)
        data = {k: (copy.copy(v) if isinstance(v, (dict, list)) else v) for k, v in data.items()}
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(all_paths)
            target = data
            try:
                for key in path[:-1]:
                    child = target[key]
                    child = dict(child) if isinstance(child, dict) else list(child) if isinstance(child, list) else child
                    target[key] = child
                    target = child
                if rng.random() < 0.15 and isinstance(target, dict):
                    del target[path[-1]]
                else:
                    target[path[-1]] = odd_value()
            except Exception:  # an earlier change made this path lead into something else: skip it
                pass
        return data

    def mutated_bytes(data):
        data = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            kind = rng.random()
            at = rng.randrange(len(data))
            if kind < 0.6:
                data[at] = rng.randrange(256)
            elif kind < 0.8:
                del data[at:at + rng.randint(1, 64)]
            else:
                data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        if rng.random() < 0.2:
            data = data[: rng.randrange(1, len(data))]
        return bytes(data)

    def check_checkpoint(i):
        path = work / f"c{i}.pt"
        if rng.random() < 0.5:
            torch.save(mutated_payload(), path)
        else:
            path.write_bytes(mutated_bytes(base_bytes))
        counts["checkpoint"] += 1
        try:
            checkpoint = load_checkpoint(path)
            predictor = Predictor.from_checkpoint(checkpoint, path.name)
            [result] = predictor.classify_files([probe])
            if not result.ok and not one_line(result.error):
                failures.append(["checkpoint", i, "bad error line", result.error])
            counts["checkpoint_ok"] += result.ok
        except CheckpointError as exc:
            if not one_line(str(exc)):
                failures.append(["checkpoint", i, "bad error line", str(exc)])
        except Exception:
            failures.append(["checkpoint", i, "traceback", traceback.format_exc()[-1500:]])
        finally:
            path.unlink(missing_ok=True)

    images = {}
    img = Image.fromarray(np.stack([np.tile(np.arange(48, dtype=np.uint8) * 5, (40, 1))] * 3, -1))
    for fmt, ext in (("PNG", "png"), ("JPEG", "jpg"), ("GIF", "gif"), ("BMP", "bmp"), ("TIFF", "tif"),
                     ("WEBP", "webp"), ("PPM", "ppm")):
        out = io.BytesIO()
        img.save(out, fmt)
        images[ext] = out.getvalue()
    predictor = Predictor.from_checkpoint(base, "base.pt")

    def check_image(i):
        ext = rng.choice(sorted(images))
        path = work / f"i{i}.{ext}"
        path.write_bytes(mutated_bytes(images[ext]))
        counts["image"] += 1
        try:
            [result] = predictor.classify_files([path])
            if result.ok:
                counts["image_ok"] += 1
            elif not one_line(result.error):
                failures.append(["image", i, ext, "bad error line", result.error])
        except Exception:
            failures.append(["image", i, ext, "traceback", traceback.format_exc()[-1500:]])
        finally:
            path.unlink(missing_ok=True)

    for check in (check_checkpoint, check_image):
        end = time.monotonic() + seconds
        i = 0
        while time.monotonic() < end:
            faulthandler.dump_traceback_later(30, exit=True)  # a case that hangs is named, and ends the run
            check(i)
            i += 1
        faulthandler.cancel_dump_traceback_later()
    print(json.dumps({"seed": seed, "counts": counts, "failures": failures[:10], "failed": len(failures)}))
''')


def test_mutated_checkpoints_and_images_give_a_result_or_one_line(tmp_path):
    seconds = float(os.environ.get("FUZZ_SECONDS", "20"))
    seed = int(os.environ.get("FUZZ_SEED", "20261128"))
    script = tmp_path / "fuzz.py"
    script.write_text(CHILD)
    memory_limit = 1536 << 20  # over what the set-up used: no mutation may take more
    result = subprocess.run([sys.executable, str(script), str(tmp_path), str(seconds), str(seed), str(memory_limit)],
                            capture_output=True, text=True, timeout=2 * seconds + 240, cwd=ROOT)
    assert result.returncode == 0, f"seed {seed}: {result.stderr[-4000:]}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failed"] == 0, json.dumps(report, indent=1)[:6000]
    counts = report["counts"]
    assert counts["checkpoint"] >= 20 and counts["image"] >= 20, counts
    assert 0 < counts["checkpoint_ok"] < counts["checkpoint"]  # the mutations hit both outcomes
    assert 0 < counts["image_ok"] < counts["image"]


# ---------------------------------------------------------------- a real run's checkpoint fields and folder files

FIELDS_CHILD = textwrap.dedent(r'''
    import copy, faulthandler, json, math, os, random, resource, shutil, sys, time, traceback
    from pathlib import Path
    import torch
    torch.set_num_threads(1)

    from googlenet_gui.core.runs import checkpoint as checkpoint_module
    from googlenet_gui.core.runs.checkpoint import CheckpointError, load_checkpoint
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.runs.events import BatchEnd, EpochEnd, Failed, Finished, Position, RunStarted, Stopped
    from googlenet_gui.core.runs.follow import RunFollower
    from googlenet_gui.core.runs.index import RunNotes, RunsIndex, read_curves, read_notes, write_notes
    from googlenet_gui.core.runs.runlog import writer_active
    from googlenet_gui.core.training.engine import Trainer
    from googlenet_gui.core.inference.predict import Predictor
    from googlenet_gui.core.understanding.timeline import TimelineFile

    begun = time.monotonic()
    work, seed, checkpoints, folders = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    limit = int(sys.argv[5])
    rng = random.Random(seed)
    failures, counts = [], {"checkpoint": 0, "loaded": 0, "resumed": 0, "refused": 0, "folder": 0}

    def one_line(text):
        return bool(text) and "\n" not in text and "Traceback" not in text and len(text) < 500

    # ---- a real run: the sample's 16 images in batches of 4, a one-cycle schedule, stopped at step 3 of 8
    config = TrainConfig(dataset="sample", limit_train=16, limit_val=8, epochs=2, batch_size=4, input_size=64,
                         precision="fp32", num_threads=1, schedule="onecycle")
    run_dir = work / "run"
    trainer = Trainer(config, run_dir=run_dir, report_interval=0)
    for event in trainer.run():
        if isinstance(event, BatchEnd) and event.step == 3:
            trainer.request_stop()
    TimelineFile(run_dir).append(["a", "b"], [("x.png", Position(0, 3, 4), [0.25, 0.75])])
    write_notes(run_dir, RunNotes("a run", "a note"))
    payload = torch.load(run_dir / "last.pt", weights_only=True)
    probe = work / "probe.png"
    from PIL import Image
    Image.new("L", (28, 28), 128).save(probe)

    # each case's payload reaches the real reader as torch.load gave it (no 72 MB written and read again)
    crafted = {}
    checkpoint_module.read_payload = lambda path: crafted["payload"]

    used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (used + limit, used + limit))
    counts["setup_seconds"] = round(time.monotonic() - begun, 1)

    def nested(depth=12):
        level = ["x"]
        for _ in range(depth):
            level = [level] * 10
        return level

    def odd_value():
        return rng.choice([
            None, True, False, -1, 0, 3, 2**31, 2**63, 2**70, -2**70, 1e300, -0.0, float("nan"), float("inf"), "x" * 200,
            "3", [], [1, 2, 3], {"a": 1}, {}, nested(), (0.9, 0.99, 0.5), b"bytes", 3.5,
            torch.zeros(rng.randint(0, 4)), torch.zeros(2, 3, dtype=torch.int8), torch.full((3,), float("nan")),
            torch.empty(5, device="meta"), torch.zeros(1).expand(10**8), [{"end_step": "x"}] * 3,
        ])

    def odd_tensor(t):
        shape = tuple(t.shape)
        kinds = [
            lambda: t.reshape(-1)[:-1] if t.numel() > 1 else torch.zeros(2),  # another size
            lambda: t.reshape(-1),  # another shape, same values
            lambda: t.to(rng.choice([torch.float16, torch.float64, torch.int64, torch.uint8, torch.bool])),
            lambda: torch.empty(shape, dtype=t.dtype, device="meta"),
            lambda: torch.zeros(1, dtype=t.dtype).expand(shape) if t.numel() > 1 else torch.zeros(1, dtype=t.dtype).expand(10**8),
            lambda: torch.zeros(1, dtype=t.dtype).expand(rng.choice([10**7, 10**9])),
            lambda: t.clone().fill_(float("nan")) if t.is_floating_point() else t.clone().fill_(-1),
            lambda: t.t() if t.dim() == 2 else t.unsqueeze(0),
            lambda: t.as_strided(shape, [0] * len(shape)) if t.numel() else t,
        ]
        return rng.choice(kinds)()

    def paths(obj, prefix=(), depth=0):
        if depth > 6:
            return
        if isinstance(obj, dict):
            items = list(obj.items())
            if len(items) > 12:
                items = rng.sample(items, 12)
            for key, value in items:
                yield prefix + (key,)
                yield from paths(value, prefix + (key,), depth + 1)
        elif isinstance(obj, (list, tuple)):
            for i, value in list(enumerate(obj))[:4]:
                yield prefix + (i,)
                yield from paths(value, prefix + (i,), depth + 1)

    all_paths = list(paths(payload))
    resume_paths = [p for p in all_paths if p[0] == "resume"]

    def fresh(obj):
        if isinstance(obj, dict):
            return {k: fresh(v) for k, v in obj.items()}
        if isinstance(obj, (list, tuple)):
            return type(obj)(fresh(v) for v in obj)
        return obj

    def mutated():
        data = fresh(payload)
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(resume_paths if rng.random() < 0.5 else all_paths)
            target = data
            try:
                for key in path[:-1]:
                    target = target[key]
                old = target[path[-1]]
                if isinstance(old, torch.Tensor) and rng.random() < 0.7:
                    new = odd_tensor(old)
                elif rng.random() < 0.1 and isinstance(target, dict):
                    del target[path[-1]]
                    continue
                else:
                    new = odd_value()
                if isinstance(target, tuple):
                    continue  # betas: replaced whole through its group
                target[path[-1]] = new
            except (KeyError, IndexError, TypeError):
                pass  # an earlier change made this path lead elsewhere
        return data

    def check_checkpoint(i):
        crafted["payload"] = mutated()
        counts["checkpoint"] += 1
        try:
            checkpoint = load_checkpoint(work / f"c{i}.pt")
        except CheckpointError as exc:
            counts["refused"] += 1
            if not one_line(str(exc)):
                failures.append(["checkpoint", i, "bad error line", str(exc)])
            return
        counts["loaded"] += 1
        try:
            [result] = Predictor.from_checkpoint(checkpoint, "c.pt").classify_files([probe])
            if not result.ok and not one_line(result.error):
                failures.append(["checkpoint", i, "bad classify line", result.error])
        except CheckpointError as exc:
            if not one_line(str(exc)):
                failures.append(["checkpoint", i, "bad error line", str(exc)])
        if checkpoint.resume is None or counts["resumed"] >= 40:
            return
        counts["resumed"] += 1  # one step of the resumed run: the optimizer's step is where a bad state crashed
        out = work / f"resumed{i}"
        trainer = Trainer(TrainConfig(dataset="sample", limit_train=16, limit_val=8, epochs=0, input_size=64,
                                      num_threads=1), run_dir=out, resume_from=work / f"c{i}.pt", report_interval=0)
        events = []
        for event in trainer.run():
            events.append(event)
            if isinstance(event, BatchEnd):
                trainer.request_stop()
        last = events[-1] if events else None
        if isinstance(last, Failed):
            if not one_line(last.message) or "unexpected error" in last.message or "training failed" in last.message:
                failures.append(["resume", i, "bad failure", last.message])
        elif not isinstance(last, (Stopped, Finished)):
            failures.append(["resume", i, "no end", repr(last)[:300]])
        shutil.rmtree(out, ignore_errors=True)

    # ---- run folders: the real one's files, damaged
    FILES = ("metrics.jsonl", "notes.json", "timeline.jsonl")
    others = work / "others"
    others.mkdir()
    os.mkfifo(others / "fifo")
    (others / "folder").mkdir()
    big = others / "big"
    with open(big, "wb") as f:
        f.truncate(64 << 20)  # 64 MB of nothing (sparse), more than any one read takes

    def damage(folder, name):
        path = folder / name
        kind = rng.choice(["fifo", "link", "long_line", "long_last_line", "numbers", "garbage", "cut", "empty", "nested",
                           "huge_int"])
        if kind in ("fifo", "link"):
            path.unlink(missing_ok=True)
            if kind == "fifo":
                os.mkfifo(path)
            else:
                path.symlink_to(rng.choice([others / "fifo", others / "folder", big, Path("/dev/zero"), folder / "gone",
                                            path]))
            return kind
        if path.is_symlink() or not path.is_file():  # made a pipe or a link by an earlier damage: start again from the file
            path.unlink()
            shutil.copyfile(run_dir / name, path)
        text = path.read_bytes()
        lines = text.splitlines(keepends=True) or [b"{}\n"]
        at = rng.randrange(len(lines))
        if kind == "long_line":
            lines.insert(at, b'{"event": "batch", "x": "' + b"y" * rng.choice([70 << 10, 5 << 20]) + b'"}\n')
        elif kind == "long_last_line":
            lines.append(b'{"event": "epoch", "x": "' + b"y" * rng.choice([70 << 10, 1 << 20]))
        elif kind == "numbers":
            number = rng.choice([b"NaN", b"Infinity", b"-Infinity", b"1e308", b"-1e308", b"-1", b"1" + b"0" * 400])
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(lines))
                parts = lines[at].split(b": ")
                if len(parts) > 2:
                    j = rng.randrange(1, len(parts))
                    rest = parts[j].split(b",", 1)
                    parts[j] = number + (b"," + rest[1] if len(rest) > 1 else b"}\n")
                    lines[at] = b": ".join(parts)
        elif kind == "garbage":
            lines.insert(at, bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))) + b"\n")
        elif kind == "cut":
            cut = b"".join(lines)
            lines = [cut[:rng.randrange(len(cut) + 1)]]
        elif kind == "empty":
            lines = []
        elif kind == "nested":
            lines.insert(at, b"[" * 100_000 + b"\n")
        elif kind == "huge_int":
            lines.insert(at, b'{"event": "batch", "epoch": 1' + b"0" * 5000 + b', "step": 1e999}\n')
        path.write_bytes(b"".join(lines))
        return kind

    def check_folder(i):
        folder = work / "folders" / f"f{i}"
        folder.mkdir(parents=True)
        for name in FILES:
            shutil.copyfile(run_dir / name, folder / name)
        for name in ("last.pt", "best.pt"):
            if (run_dir / name).exists():
                (folder / name).symlink_to(run_dir / name)
        kinds = [damage(folder, rng.choice(FILES)) for _ in range(rng.randint(1, 3))]
        counts["folder"] += 1
        try:
            for summary in RunsIndex().scan([folder.parent]):
                numbers = [summary.started, summary.best_val_accuracy, summary.training_time, summary.epochs_done,
                           summary.epochs_planned, summary.input_size]
                if not all(n is None or (isinstance(n, (int, float)) and math.isfinite(n) and 0 <= n < 1e11) for n in numbers):
                    failures.append(["folder", i, kinds, "numbers out of range", repr(numbers)])
                if summary.problem is not None and not one_line(str(summary.problem)):
                    failures.append(["folder", i, kinds, "bad problem line", str(summary.problem)])
            read_notes(folder)
            writer_active(folder / "metrics.jsonl")
            follower = RunFollower(folder)
            for _ in range(6):
                update = follower.poll()
                if update.problem and not one_line(str(update.problem)):
                    failures.append(["folder", i, kinds, "bad follow line", str(update.problem)])
                for event in update.events:
                    if isinstance(event, BatchEnd) and not (0 < event.step < 2**31 and math.isfinite(event.loss)):
                        failures.append(["folder", i, kinds, "follow event out of range", repr(event)[:300]])
                if not update.more:
                    break
            try:
                read_curves(folder)
            except OSError as exc:
                if not one_line(str(exc)):
                    failures.append(["folder", i, kinds, "bad curves line", str(exc)])
            try:
                TimelineFile(folder).read()
            except (OSError, ValueError) as exc:
                if not one_line(str(exc)):
                    failures.append(["folder", i, kinds, "bad timeline line", str(exc)])
        except Exception:
            failures.append(["folder", i, kinds, "traceback", traceback.format_exc()[-1500:]])
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    for check, total in ((check_checkpoint, checkpoints), (check_folder, folders)):
        started = time.monotonic()
        for i in range(total):
            faulthandler.dump_traceback_later(60, exit=True)  # a case that hangs is named, and ends the run
            print("case", check.__name__, i, file=sys.stderr, flush=True)
            try:
                check(i)
            except Exception:
                failures.append([check.__name__, i, "traceback", traceback.format_exc()[-1500:]])
        faulthandler.cancel_dump_traceback_later()
        counts[check.__name__ + "_seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps({"seed": seed, "counts": counts, "failures": failures[:10], "failed": len(failures)}))
''')


def test_mutated_fields_of_a_real_checkpoint_and_files_of_a_real_run_folder_fail_cleanly(tmp_path):
    """A real run's last.pt, its fields mutated (types, shapes, sizes, dtypes, the meta device,
    stride-0 storage, optimizer and schedule state), is refused with one line or loads, classifies
    and resumes for a step; its folder's files, damaged (FIFOs, links to pipes, devices, folders
    and a 64 MB file, long lines, NaN/inf and huge numbers, garbage, cut), give rows, events and
    timelines with numbers in range, or one line. Every case under 1.5 GB over the set-up and 60 s.
    FUZZ_SEED sets the seed, FUZZ_CASES the number of checkpoint cases (folder cases: half)."""
    seed = int(os.environ.get("FUZZ_SEED", "20261207"))
    checkpoints = int(os.environ.get("FUZZ_CASES", "80"))
    folders = checkpoints // 2
    script = tmp_path / "fields.py"
    script.write_text(FIELDS_CHILD)
    result = subprocess.run([sys.executable, str(script), str(tmp_path), str(seed), str(checkpoints), str(folders),
                             str(1536 << 20)], capture_output=True, text=True, timeout=600, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, f"seed {seed}: {result.stderr[-4000:]}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"fuzz seed {seed}: {report['counts']}")
    assert report["failed"] == 0, json.dumps(report, indent=1)[:6000]
    counts = report["counts"]
    assert counts["checkpoint"] == checkpoints and counts["folder"] == folders, counts
    assert 0 < counts["refused"] < checkpoints and counts["resumed"] > 0, counts  # the mutations hit every outcome
