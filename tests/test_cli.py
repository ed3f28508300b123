"""The headless command line: train, shapes, classify."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from googlenet_gui.cli import main
from googlenet_gui.core.data.sources import load_sample

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def trained_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    code = main(["train", "--dataset", "sample", "--epochs", "2", "--limit-train", "128", "--limit-val", "64",
                 "--input-size", "64", "--batch-size", "32", "--out", str(out)])
    assert code == 0
    return out


def test_train_writes_metrics_and_checkpoints(trained_run, capsys):
    records = [json.loads(line) for line in (trained_run / "metrics.jsonl").read_text().splitlines()]
    kinds = [r["event"] for r in records]
    assert kinds.count("batch") == 8 and kinds.count("epoch") == 2
    batch = next(r for r in records if r["event"] == "batch")
    assert {"loss", "accuracy", "lr", "images_per_sec", "step", "epoch"} <= set(batch)
    assert (trained_run / "last.pt").is_file() and (trained_run / "best.pt").is_file()


def test_train_prints_reference_epoch_lines(tmp_path, capsys):
    code = main(["train", "--dataset", "sample", "--epochs", "1", "--limit-train", "64", "--limit-val", "32",
                 "--input-size", "64", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert re.search(r"^\[ 1\] Train:\(L=\d+\.\d{4}, Acc=\d\.\d{4}\), Valid:\(L=\d+\.\d{4}, Acc=\d\.\d{4}\), "
                     r"Time \d+\.\ds$", out, re.M), out


def test_resume_continues_from_a_checkpoint(trained_run, tmp_path, capsys):
    code = main(["train", "--resume", str(trained_run / "last.pt"), "--epochs", "3", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "resuming after epoch 2" in out and "[ 3] Train" in out and "[ 2] Train" not in out


def sample_png(path: Path, index: int = 0) -> Path:
    image = load_sample().val.images[index, 0].numpy()
    Image.fromarray(image).save(path)
    return path


def test_classify_prints_top_k(trained_run, tmp_path, capsys):
    image = sample_png(tmp_path / "item.png")
    code = main(["classify", "--checkpoint", str(trained_run / "best.pt"), str(image), "--top-k", "3"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0] == str(image)
    ranks = [re.match(r"^\s+(\d)\. (.+?)\s+(\d+\.\d\d)%$", line) for line in lines[1:]]
    assert [int(m.group(1)) for m in ranks] == [1, 2, 3]
    probs = [float(m.group(3)) for m in ranks]
    assert probs == sorted(probs, reverse=True)


def test_classify_json_and_bad_images(trained_run, tmp_path, capsys):
    good = sample_png(tmp_path / "good.png")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(os.urandom(100))
    code = main(["classify", "--checkpoint", str(trained_run / "best.pt"), str(bad), str(good), "--json"])
    captured = capsys.readouterr()
    assert code == 1
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert "error" in rows[0] and len(rows[1]["top"]) == 5
    probs = [t["probability"] for t in rows[1]["top"]]
    assert probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1.0001
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: bad.jpg:")


def test_classify_with_a_bad_checkpoint(tmp_path, capsys):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"nope")
    code = main(["classify", "--checkpoint", str(bad), str(sample_png(tmp_path / "x.png"))])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: bad.pt:") and err.count("\n") == 1


def test_shapes_json(capsys):
    assert main(["shapes", "--height", "96", "--width", "128", "--in-channels", "1", "--num-classes", "7",
                 "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["input"] == [1, 96, 128]
    assert [b["name"] for b in report["blocks"]] == ["block1", "block2", "block3", "block4", "block5", "classifier"]
    assert report["blocks"][2]["output"] == [480, 5, 7]
    inception = report["blocks"][2]["layers"][0]
    assert inception["name"] == "inception3a" and len(inception["branches"]) == 4
    assert report["total_params"] == sum(b["params"] for b in report["blocks"])


def test_shapes_table_and_too_small(capsys):
    assert main(["shapes", "--input-size", "96", "--in-channels", "3"]) == 0
    table = capsys.readouterr().out
    assert "inception5b" in table and "1024 x 1 x 1" in table and "Total params: 5,955,452" in table
    assert main(["shapes"]) == 0  # the default is the window's: the built-in sample's one channel
    table = capsys.readouterr().out
    assert "1 x 96 x 96" in table and "Total params: 5,949,180" in table  # 2 x 64 x 7 x 7 fewer weights
    assert main(["shapes", "--input-size", "32"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "61x61" in captured.err


def test_module_entry_point_runs_headless(tmp_path):
    """python -m googlenet_gui <cmd> in a fresh process, as a user would type it."""
    result = subprocess.run([sys.executable, "-m", "googlenet_gui", "shapes", "--input-size", "20"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "too small" in result.stderr


def test_train_failure_is_one_line(tmp_path, capsys):
    code = main(["train", "--dataset", "cifar10", "--data-dir", str(tmp_path), "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert code == 1 and "data_batch_1 not found" in err and "Traceback" not in err


def test_classify_a_unicode_name_on_an_ascii_terminal(trained_run, tmp_path):
    """A name the terminal cannot encode is escaped, not a UnicodeEncodeError traceback."""
    image = sample_png(tmp_path / "Pullöver ✓.png")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "googlenet_gui", "classify", "--checkpoint",
                             str(trained_run / "best.pt"), str(image), "--top-k", "2"],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    first, *ranks = result.stdout.splitlines()
    assert first.endswith("Pull\\xf6ver \\u2713.png") and len(ranks) == 2


def test_the_errors_the_window_translates_stay_english_here(tmp_path, capsys):
    """The CLI prints the core's English, word for word, for the errors the Chinese window says in Chinese
    (tests/test_i18n.py meets the same ones there)."""
    import torch

    from googlenet_gui.core.runs.checkpoint import FORMAT, FORMAT_VERSION
    from helpers import constant_checkpoint, write_stripe_image

    notes = tmp_path / "notes.png"
    notes.write_text("a shopping list, not a picture")
    assert main(["classify", "--checkpoint", str(constant_checkpoint(tmp_path / "c.pt")), str(notes)]) == 1
    assert capsys.readouterr().err == "error: notes.png: not an image format this app can read\n"

    bad = tmp_path / "three-eyed.pt"
    torch.save({"format": FORMAT, "format_version": FORMAT_VERSION, "model_config": {"in_channels": 2, "num_classes": 10},
                "model_state": {}, "class_names": [], "preprocess": {}}, bad)
    assert main(["classify", "--checkpoint", str(bad), str(notes)]) == 2
    assert capsys.readouterr().err == ("error: three-eyed.pt: damaged checkpoint (the network must take 1 (grayscale) "
                                       "or 3 (colour) input channels)\n")

    assert main(["train", "--input-size", "1024", "--batch-size", "4096", "--epochs", "1", "--out", str(tmp_path / "a")]) == 1
    err = capsys.readouterr().err  # after "loading sample..."
    assert err.endswith("\n") and re.fullmatch(
        r"error: not enough memory: batch size \d+ at input 1024 needs about [\d,.]+ [GT]iB \([\d,.]+ [GT]iB for the "
        r"batch's activations\), and this computer has [\d,.]+ [GT]iB free; (batch size \d+ or less fits|even a batch "
        r"of 2 does not fit) at input 1024.*", err.splitlines()[-1])

    folder = tmp_path / "one-class"
    (folder / "cats").mkdir(parents=True)
    for i in range(4):
        write_stripe_image(folder / "cats" / f"{i}.png", False, size=32, mode="RGB")
    assert main(["train", "--dataset", "folder", "--data-dir", str(folder), "--input-size", "64", "--epochs", "1",
                 "--out", str(tmp_path / "b")]) == 1
    assert capsys.readouterr().err.endswith(f"error: {folder}: needs at least two class sub-folders with images "
                                            "(found 1)\n")

    assert main(["shapes", "--input-size", "40"]) == 2
    assert capsys.readouterr().err == ("error: input 40x40 is too small: it breaks in block4 at block4.5 (MaxPool2d 3x3, "
                                       "stride 2, pad 0); the smallest size that works is 61x61\n")
