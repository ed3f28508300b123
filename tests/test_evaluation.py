"""Evaluation: the confusion matrix and per-class metrics with known answers, the engine's
per-epoch evaluation (reported, logged, stored, read back with checks), and evaluating a
checkpoint with progress and cancel."""
import json
import threading
from fractions import Fraction

import numpy as np
import pytest
import torch

from googlenet_gui.core.runs.checkpoint import Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.data.sources import DataError, load_dataset
from googlenet_gui.core.data.download import Cancelled
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.inference.evaluation import Evaluation, evaluate_checkpoint, evaluation_dataset
from googlenet_gui.core.runs.events import EpochEnd, EpochPredictions, Position
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.common.text import safe_file_name
from googlenet_gui.core.data.transforms import Preprocess
from helpers import constant_checkpoint, of, run_all, stripes_dataset, write_stripe_image

# Ten images of three classes, worked out by hand:
#            predicted 0  1  2     support
#   true 0           2  1  1     4
#   true 1           1  2  0     3
#   true 2           0  1  2     3
#   predicted as     3  4  3
LABELS = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
PREDICTED = [0, 0, 1, 2, 1, 1, 0, 2, 2, 1]
PROBABILITY = [0.9, 0.6, 0.8, 0.55, 0.7, 0.95, 0.65, 0.5, 0.85, 0.99]


def hand_made() -> Evaluation:
    return Evaluation(["cat", "dog", "fox"], None, 0.9, 0.7, LABELS, PREDICTED, PROBABILITY)


def test_three_classes_worked_out_by_hand():
    e = hand_made()
    assert e.matrix.tolist() == [[2, 1, 1], [1, 2, 0], [0, 1, 2]]
    assert e.images == 10 and e.accuracy == pytest.approx(0.6)
    # precision = TP / predicted as the class; recall = TP / support; F1 = 2PR / (P + R)
    expected = {"cat": (Fraction(2, 3), Fraction(2, 4)), "dog": (Fraction(2, 4), Fraction(2, 3)),
                "fox": (Fraction(2, 3), Fraction(2, 3))}
    rows = e.per_class()
    assert [c.name for c in rows] == ["cat", "dog", "fox"] and [c.support for c in rows] == [4, 3, 3]
    for c in rows:
        p, r = expected[c.name]
        assert c.precision == pytest.approx(float(p)) and c.recall == pytest.approx(float(r))
        assert c.f1 == pytest.approx(float(2 * p * r / (p + r)))
    assert rows[0].f1 == pytest.approx(4 / 7) and rows[2].f1 == pytest.approx(2 / 3)
    assert e.macro_f1() == pytest.approx((4 / 7 + 4 / 7 + 2 / 3) / 3)
    assert e.row_fractions()[0].tolist() == [0.5, 0.25, 0.25]


def test_a_cell_lists_exactly_its_images_most_confident_first_and_mistakes_are_ranked():
    e = hand_made()
    indices, probabilities = e.cell(0, 0)
    assert indices.tolist() == [0, 1] and probabilities.tolist() == pytest.approx([0.9, 0.6])
    assert e.cell(2, 1)[0].tolist() == [9] and e.cell(2, 0)[0].tolist() == []
    assert e.cell(1, 1)[0].tolist() == [5, 4]  # 0.95 before 0.7
    mistakes = e.mistakes()
    assert [m.index for m in mistakes] == [9, 2, 6, 3]  # 0.99, 0.8, 0.65, 0.55
    assert (mistakes[0].true, mistakes[0].predicted) == (2, 1)
    assert e.mistakes(2) == mistakes[:2]


def test_classes_without_images_or_predictions_have_no_precision_or_recall():
    e = Evaluation(["a", "b", "c"], [[3, 0, 0], [2, 0, 0], [0, 0, 0]], None)
    a, b, c = e.per_class()
    assert (a.precision, a.recall) == (pytest.approx(3 / 5), 1.0)
    assert (b.precision, b.recall, b.f1) == (None, 0.0, 0.0)  # never predicted: wrong on all its images
    assert (c.precision, c.recall, c.f1, c.support) == (None, None, None, 0)
    assert e.macro_f1() == pytest.approx((0.75 + 0.0) / 2)
    assert not e.has_images and e.mistakes() == []
    with pytest.raises(ValueError):
        e.cell(0, 0)


def test_to_dict_holds_everything_as_plain_values():
    d = hand_made().to_dict(mistakes=1)
    assert json.loads(json.dumps(d)) == d
    assert d["matrix"] == [[2, 1, 1], [1, 2, 0], [0, 1, 2]] and d["accuracy"] == 0.6 and d["top_k"] == 3
    assert [c["support"] for c in d["classes"]] == [4, 3, 3]
    assert d["mistakes"] == [{"index": 9, "true": "fox", "predicted": "dog", "probability": 0.99}]


def test_the_engine_reports_logs_and_stores_each_epochs_evaluation(tmp_path):
    data = stripes_dataset()
    events = run_all(Trainer(TrainConfig(epochs=1, input_size=64, batch_size=16, seed=3), run_dir=tmp_path,
                             dataset=data, report_interval=0))
    end = of(events, EpochEnd)[0]
    predictions = of(events, EpochPredictions)[0]
    assert events.index(predictions) == events.index(end) + 1
    matrix = np.array(end.confusion)
    assert matrix.shape == (2, 2) and matrix.sum() == 32
    assert np.trace(matrix) / 32 == pytest.approx(end.val_accuracy)
    assert end.val_top5 == 1.0  # two classes: top-2 always holds the answer
    assert predictions.epoch == 1 and predictions.labels == data.val.labels.tolist()
    assert all(0.5 <= p <= 1 for p in predictions.probability)  # the top-1 of two classes
    rebuilt = Evaluation(["h", "v"], None, None, None, predictions.labels, predictions.predicted,
                         predictions.probability)
    assert rebuilt.matrix.tolist() == end.confusion

    record = [json.loads(line) for line in (tmp_path / "metrics.jsonl").read_text().splitlines()
              if '"epoch"' in line and json.loads(line)["event"] == "epoch"][0]
    assert record["confusion"] == end.confusion and record["val_top5"] == 1.0
    assert "predicted" not in record  # the per-image answers are reported, never stored
    assert load_checkpoint(tmp_path / "last.pt").history[0].confusion == end.confusion


def test_without_keeping_predictions_an_epoch_has_loss_and_accuracy_only():
    events = run_all(Trainer(TrainConfig(epochs=1, input_size=64, batch_size=16, seed=3), dataset=stripes_dataset(),
                             report_interval=0, keep_predictions=False))
    end = of(events, EpochEnd)[0]
    assert end.val_accuracy is not None and end.confusion is None and end.val_top5 is None
    assert not of(events, EpochPredictions)


def _with_history(tmp_path, *confusions) -> Checkpoint:
    history = [EpochEnd(i + 1, 0.5, 0.8, 0.6, 0.7, 1.0, 1e-3, 4 * (i + 1), 1.0, c) for i, c in enumerate(confusions)]
    state = {k: v.clone() for k, v in GoogLeNet(ModelConfig(1, 2)).state_dict().items()}
    return Checkpoint(ModelConfig(1, 2), state, ["a", "b"], Preprocess(1, 64, 28), None,
                      Position(len(history), 0, 4), history)


def test_stored_matrices_are_read_back(tmp_path):
    path = save_checkpoint(_with_history(tmp_path, [[3, 1], [0, 4]], [[4, 0], [1, 3]]), tmp_path / "c.pt")
    assert [h.confusion for h in load_checkpoint(path).history] == [[[3, 1], [0, 4]], [[4, 0], [1, 3]]]


@pytest.mark.parametrize("confusion, why", [
    ([[1, 2, 3], [4, 5, 6], [7, 8, 9]], "not 2 x 2"),
    ([[1, 2], [3]], "not square"),
    ([[1, -2], [3, 4]], "other than counts"),
    ([[1, True], [3, 4]], "other than counts"),
    ([[1, 2.5], [3, 4]], "other than counts"),
    ([[1, "2"], [3, 4]], "other than counts"),
    ([1, 2], "not a list"),
    ("[[1, 2], [3, 4]]", "not a list"),
    ([[0] * 101] * 101, "not a list of 2 to 100 rows"),
])
def test_a_damaged_matrix_is_refused(tmp_path, confusion, why):
    checkpoint = _with_history(tmp_path, [[1, 0], [0, 1]])
    payload = checkpoint.to_payload()
    payload["history"][0]["confusion"] = confusion
    torch.save(payload, tmp_path / "bad.pt")
    with pytest.raises(CheckpointError, match=why):
        load_checkpoint(tmp_path / "bad.pt")


def test_a_matrix_that_repeats_one_list_is_refused_before_it_is_walked(tmp_path):
    """Pickle's shared references let a small file name one list thousands of times; each list
    of a matrix must be read once."""
    row = [1, 2]
    plain = save_checkpoint(_with_history(tmp_path, [[1, 0], [0, 1]]), tmp_path / "plain.pt").stat().st_size
    big = [list(range(100)) for _ in range(100)]  # 10,000 counts: 2,000 copies would take 40 MB
    for history in ([[row, row]], [big] * 2000):
        payload = _with_history(tmp_path, [[1, 0], [0, 1]]).to_payload()
        payload["history"] = [{**payload["history"][0], "epoch": i + 1, "step": 4 * (i + 1), "confusion": c}
                              for i, c in enumerate(history)]
        payload["position"]["epochs_done"] = len(history)  # as many epochs done as the history holds: allowed
        torch.save(payload, tmp_path / "shared.pt")
        assert (tmp_path / "shared.pt").stat().st_size - plain < 1_000_000
        with pytest.raises(CheckpointError, match="repeats a list"):
            load_checkpoint(tmp_path / "shared.pt")


def test_a_checkpoint_that_always_answers_class_2_fills_column_2(tmp_path):
    checkpoint = load_checkpoint(constant_checkpoint(tmp_path / "two.pt", answer=2, limit_val=60))
    data = evaluation_dataset(checkpoint)
    assert len(data.val) == 60
    seen = []
    evaluation = evaluate_checkpoint(checkpoint, data, progress=lambda *p: seen.append(p), batch_size=25)
    matrix = evaluation.matrix
    assert matrix.sum() == 60
    assert (np.delete(matrix, 2, axis=1) == 0).all()
    assert matrix[:, 2].tolist() == np.bincount(data.val.labels.numpy(), minlength=10).tolist()
    assert seen == [(25, 60, "evaluating"), (50, 60, "evaluating"), (60, 60, "evaluating")]
    assert evaluation.predicted.tolist() == [2] * 60 and (evaluation.probability > 0.99).all()
    pullover = evaluation.per_class()[2]
    assert pullover.recall == 1.0 and pullover.precision == pytest.approx(pullover.support / 60)


def test_evaluating_a_checkpoint_uses_the_runs_validation_set_and_can_be_cancelled(tmp_path):
    checkpoint = load_checkpoint(constant_checkpoint(tmp_path / "two.pt", limit_val=60))
    data = evaluation_dataset(checkpoint)
    engine_view = load_dataset("sample").limited(None, 60, 0)  # what Trainer gives _Run
    assert torch.equal(data.val.images, engine_view.val.images) and torch.equal(data.val.labels, engine_view.val.labels)
    assert len(evaluation_dataset(checkpoint, dataset="sample").val) == 60  # naming its own dataset: the same
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        evaluate_checkpoint(checkpoint, data, cancel=cancel)


def test_a_checkpoint_is_refused_on_data_with_other_classes(tmp_path):
    checkpoint = load_checkpoint(constant_checkpoint(tmp_path / "two.pt"))
    with pytest.raises(DataError, match="classes"):
        evaluate_checkpoint(checkpoint, stripes_dataset())
    weights_only = Checkpoint(checkpoint.model_config, checkpoint.model_state, checkpoint.class_names,
                              checkpoint.preprocess)
    with pytest.raises(DataError, match="name one"):
        evaluation_dataset(weights_only)


def test_an_image_folder_can_have_its_own_test_folder(tmp_path):
    root = tmp_path / "shapes"
    counts = {"train": 6, "val": 3, "test": 5}
    for split, n in counts.items():
        for label, vertical in (("horizontal", False), ("vertical", True)):
            (root / split / label).mkdir(parents=True)
            for i in range(n):
                write_stripe_image(root / split / label / f"{i}.png", vertical, size=32)
    write_stripe_image(root / "test" / "vertical" / "colour.png", True, size=32, mode="RGB")
    data = load_dataset("folder", root, 64, include_test=True)
    assert data.channels == 1 and len(data.split("val")) == 6 and len(data.split("test")) == 11
    assert data.split("test").images.shape[1] == 1  # a colour image in a grayscale set is made gray
    plain = load_dataset("folder", root, 64)
    assert plain.test is None and plain.split("test") is plain.val
    with pytest.raises(DataError, match="unknown split"):
        plain.split("train")


def test_safe_file_names_from_class_names():
    assert safe_file_name("T-shirt/top", "x") == "T-shirt-top"
    assert safe_file_name("Ankle boot", "x") == "Ankle-boot"
    assert safe_file_name("../../etc/passwd", "x") == "etc-passwd"
    assert safe_file_name("a\nb\x1b[31m", "x") == "a-nb-x1b-31m"
    assert safe_file_name("...", "class3") == "class3" and safe_file_name("", "class0") == "class0"
    assert safe_file_name("Ünïcödé 猫", "x") == "Ünïcödé-猫"
    assert len(safe_file_name("n" * 500, "x")) == 60
