"""timeline.jsonl (core.understanding.timeline): written as points come, read back checked, cut back on
resume; and the probabilities it stores are the ones classification gives."""
import json

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.core.runs.events import Position
from googlenet_gui.core.inference.predict import Predictor
from googlenet_gui.core.understanding.timeline import TIMELINE_FILE, TimelineFile, pinned_probabilities


def test_points_are_read_back_per_image_in_step_order(tmp_path):
    file = TimelineFile(tmp_path)
    assert file.read().images == {}  # no file yet: an empty timeline
    names = ["cat", "dog"]
    file.append(names, [("a.png", Position(1, 0, 10), [0.25, 0.75]), ("b.png", Position(1, 0, 10), [0.5, 0.5])])
    file.append(names, [("a.png", Position(0, 5, 10), [0.125, 0.875])])
    file.append(names, [("a.png", Position(1, 0, 10), [0.3, 0.7])])  # the same step again: the later wins
    timeline = TimelineFile(tmp_path).read()
    assert timeline.class_names == names and timeline.skipped == 0
    assert [(p.step, p.probabilities) for p in timeline.images["a.png"]] == [(5, (0.125, 0.875)), (10, (0.3, 0.7))]
    assert [(p.epochs_done, p.batches_done) for p in timeline.images["a.png"]] == [(0, 5), (1, 0)]
    lines = (tmp_path / TIMELINE_FILE).read_text().splitlines()
    assert sum("classes" in line for line in lines) == 1  # one header while the classes stay the same


def test_damaged_lines_are_left_out_and_counted(tmp_path):
    file = TimelineFile(tmp_path)
    file.append(["x", "y"], [("a.png", Position(0, 1, 4), [0.5, 0.5])])
    bad = [
        "not json",
        json.dumps(["a", "list"]),
        json.dumps({"image": "a.png", "step": -1, "epochs_done": 0, "batches_done": 0, "probabilities": [0.5, 0.5]}),
        json.dumps({"image": "a.png", "step": 2, "epochs_done": 0, "batches_done": 2, "probabilities": [0.5]}),
        json.dumps({"image": "a.png", "step": 3, "epochs_done": 0, "batches_done": 3, "probabilities": [1.5, -0.5]}),
        json.dumps({"image": "a.png", "step": True, "epochs_done": 0, "batches_done": 3, "probabilities": [1, 0]}),
        json.dumps({"image": "", "step": 3, "epochs_done": 0, "batches_done": 3, "probabilities": [1, 0]}),
        '{"image": "a.png", "step": 4, "epochs_done": 0, "batches_done": 4, "probabilities": [NaN, 0.5]}',
        json.dumps({"version": 99, "classes": ["x", "y"]}),
        json.dumps({"image": "a.png", "step": 3, "epochs_done": 0, "batches_done": 3, "probabilities": [1, 0]}),
    ]
    with open(tmp_path / TIMELINE_FILE, "a") as f:
        f.write("\n".join(bad) + "\n")
    timeline = TimelineFile(tmp_path).read()
    assert timeline.skipped == 9
    assert [p.step for p in timeline.images["a.png"]] == [1, 3]


def test_a_point_before_any_header_is_not_trusted(tmp_path):
    point = {"image": "a.png", "step": 1, "epochs_done": 0, "batches_done": 1, "probabilities": [1.0]}
    (tmp_path / TIMELINE_FILE).write_text(json.dumps(point) + "\n")
    timeline = TimelineFile(tmp_path).read()
    assert timeline.images == {} and timeline.skipped == 1


def test_a_resumed_run_drops_the_points_beyond_where_it_resumes(tmp_path):
    file = TimelineFile(tmp_path)
    for step in (0, 4, 8, 12):
        file.append(["x", "y"], [("a.png", Position(step // 4, 0, 4), [0.5, 0.5])])
    file.keep_up_to(Position(2, 0, 4))  # resumed after epoch 2 (step 8): steps 12 are a killed run's
    file.append(["x", "y"], [("a.png", Position(3, 0, 4), [0.9, 0.1])])
    timeline = TimelineFile(tmp_path).read()
    assert [(p.step, p.probabilities) for p in timeline.images["a.png"]] == [
        (0, (0.5, 0.5)), (4, (0.5, 0.5)), (8, (0.5, 0.5)), (12, (0.9, 0.1))]


def test_other_classes_start_a_new_header(tmp_path):
    file = TimelineFile(tmp_path)
    file.append(["x", "y"], [("a.png", Position(0, 1, 4), [0.5, 0.5])])
    file.append(["x", "y", "z"], [("a.png", Position(0, 2, 4), [0.2, 0.3, 0.5])])
    timeline = TimelineFile(tmp_path).read()
    assert timeline.class_names == ["x", "y", "z"]
    with pytest.raises(ValueError, match="2 probabilities for 3 classes"):
        file.append(["x", "y", "z"], [("a.png", Position(0, 3, 4), [0.5, 0.5])])


def test_the_stored_probabilities_are_classifications(tmp_path):
    predictor = Predictor.untrained(["a", "b", "c"], channels=1, stored_size=28, input_size=64)
    images = {name: Image.fromarray(np.random.default_rng(i).integers(0, 255, (40, 30), dtype=np.uint8))
              for i, name in enumerate(["one.png", "two.png"])}
    probabilities = pinned_probabilities(predictor, images)
    for name, image in images.items():
        expected = dict(predictor.classify_image(image, k=3).top)
        assert probabilities[name] == pytest.approx([expected[c] for c in "abc"], abs=1e-6)
    assert pinned_probabilities(predictor, {}) == {}
