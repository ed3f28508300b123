"""The `evaluate` command: accuracy, top-5, the per-class table and the matrix, as text and as
JSON, and the misclassified images written as PNGs."""
import json
import re

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.cli import main
from googlenet_gui.core.data.sources import FASHION_CLASSES, load_dataset
from helpers import constant_checkpoint


@pytest.fixture(scope="module")
def always_pullover(tmp_path_factory):
    """Answers class 2 (Pullover) for every image; its run validated on 60 sample images."""
    return constant_checkpoint(tmp_path_factory.mktemp("ckpt") / "two.pt", answer=2, limit_val=60)


def supports() -> list[int]:
    labels = load_dataset("sample").limited(None, 60, 0).val.labels
    return np.bincount(labels.numpy(), minlength=10).tolist()


def test_json_holds_the_matrix_and_the_per_class_table(always_pullover, capsys):
    assert main(["evaluate", "--checkpoint", str(always_pullover), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    counts = supports()
    assert result["dataset"] == "sample" and result["split"] == "val" and result["images"] == 60
    assert result["matrix"] == [[0, 0, n, 0, 0, 0, 0, 0, 0, 0] for n in counts]  # every count in column 2
    assert result["accuracy"] == pytest.approx(counts[2] / 60, abs=1e-6)
    classes = {c["name"]: c for c in result["classes"]}
    assert list(classes) == FASHION_CLASSES and [c["support"] for c in result["classes"]] == counts
    assert classes["Pullover"]["recall"] == 1.0 and classes["Pullover"]["precision"] == pytest.approx(counts[2] / 60,
                                                                                                    abs=1e-6)
    assert classes["Trouser"] == {"name": "Trouser", "precision": None, "recall": 0.0, "f1": 0.0,
                                  "support": counts[1]}
    assert all(m["predicted"] == "Pullover" and m["true"] != "Pullover" for m in result["mistakes"])
    assert len(result["mistakes"]) == 20 and result["top_k"] == 5


def test_text_report_and_mistakes_written_as_pngs(always_pullover, tmp_path, capsys):
    out = tmp_path / "wrong"
    assert main(["evaluate", "--checkpoint", str(always_pullover), "--mistakes", str(out), "--split", "test"]) == 0
    text = capsys.readouterr().out
    counts = supports()
    assert "two.pt on sample, test split: 60 images" in text
    assert f"accuracy {counts[2] / 60:.4f}" in text and "top-5" in text
    assert "confusion matrix (rows: true class, columns: predicted class" in text
    assert "most confident mistakes" in text and "predicted Pullover" in text
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 60 - counts[2]
    assert all(re.fullmatch(r"[\w.+-]+_as_Pullover_\d+\.\dpct_\d{5}\.png", f) for f in files), files
    assert any(f.startswith("T-shirt-top_as_Pullover_100.0pct_") for f in files)  # "/" made safe
    with Image.open(out / files[0]) as image:
        assert image.size == (28, 28) and image.mode == "L"  # the stored image itself


def test_a_bad_checkpoint_or_dataset_is_one_line(tmp_path, always_pullover, capsys):
    (tmp_path / "junk.pt").write_bytes(b"not a checkpoint")
    assert main(["evaluate", "--checkpoint", str(tmp_path / "junk.pt")]) == 2
    assert main(["evaluate", "--checkpoint", str(always_pullover), "--dataset", "mnist",
                 "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 2 and "not a checkpoint" in lines[0] and "not found" in lines[1]


def test_help_says_what_the_splits_are(capsys):
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    assert "both are the held-out test split the engine validates on" in " ".join(capsys.readouterr().out.split())
