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
