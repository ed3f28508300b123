"""The dataset check (core/data/check.py): each kind of finding on a folder made to have it,
and none on a folder made clean."""
import io
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from googlenet_gui.core.data import check as dataset_check
from googlenet_gui.core.data.check import (DUPLICATE_ACROSS, DUPLICATES_WITHIN, EMPTY_CLASSES, ERROR, IMBALANCE,
                                              KEEP_ONE, MIXED_COLOUR, NEAR_DUPLICATES, NO_TRAINING, NO_VALIDATION,
                                              SKIP, SMALL_CLASSES, SMALL_IMAGES, TOO_FEW_CLASSES, UNREADABLE,
                                              check_dataset)
from googlenet_gui.core.data.folder import DatasetFolder
from googlenet_gui.core.data.images import read_image


def picture(seed: int, size: tuple[int, int] = (120, 90), gray: bool = False) -> Image.Image:
    """A smooth random picture (blobs of colour, like a blurred photo): every seed a different one."""
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (4, 5, 3), dtype=np.uint8)
    img = Image.fromarray(small).resize(size, Image.BICUBIC)
    return img.convert("L") if gray else img


def save(path: Path, img: Image.Image, **kwargs) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, **kwargs)
    return str(path)


def folder(tmp_path: Path, counts: dict[str, int], seed: int = 0) -> Path:
    """A clean dataset: `counts` different pictures per class."""
    root = tmp_path / "data"
    for c, (name, n) in enumerate(counts.items()):
        (root / name).mkdir(parents=True, exist_ok=True)
        for i in range(n):
            save(root / name / f"{i}.png", picture(seed + 1000 * c + i))
    return root


def check(root: Path, **kwargs):
    return check_dataset(DatasetFolder.open(root).listing(), **kwargs)


def kinds(report) -> list[str]:
    return [f.kind for f in report.findings]


def only(report, kind: str):
    found = [f for f in report.findings if f.kind == kind]
    assert len(found) == 1, kinds(report)
    return found[0]


def test_a_clean_dataset_has_no_findings(tmp_path):
    report = check(folder(tmp_path, {"cat": 12, "dog": 12, "fish": 10}))
    assert report.complete and report.findings == []
    assert report.files == 34 and report.readable == 34


def test_unreadable_files_are_named_with_why_and_can_be_skipped(tmp_path):
    root = folder(tmp_path, {"cat": 10, "dog": 10})
    whole = (root / "cat" / "0.png").read_bytes()
    jpeg = io.BytesIO()
    picture(7).save(jpeg, "JPEG")
    (root / "cat" / "cut.jpg").write_bytes(jpeg.getvalue()[:600])
    (root / "dog" / "junk.png").write_bytes(b"not a picture")
    (root / "dog" / "empty.jpg").write_bytes(b"")
    report = check(root)
    finding = only(report, UNREADABLE)
    assert finding.severity == ERROR and finding.fix == SKIP
    names = {Path(f).name: why for f, why in finding.details.items()}
    assert set(names) == {"cut.jpg", "junk.png", "empty.jpg"} and set(finding.fix_files) == set(finding.files)
    assert "truncated" in names["cut.jpg"] and "not an image format" in names["junk.png"]
    assert "empty file" in names["empty.jpg"]
    assert finding.classes == ["cat", "dog"] and report.readable == 20
    assert (root / "cat" / "0.png").read_bytes() == whole  # a check reads, never writes


def test_exact_duplicates_within_a_class_offer_keep_one_and_across_classes_do_not(tmp_path):
    root = folder(tmp_path, {"cat": 10, "dog": 10})
    cat0 = (root / "cat" / "0.png").read_bytes()
    (root / "cat" / "0 copy.png").write_bytes(cat0)
    (root / "cat" / "sub").mkdir()
    (root / "cat" / "sub" / "again.png").write_bytes(cat0)
    (root / "dog" / "from-cat.png").write_bytes((root / "cat" / "5.png").read_bytes())
    report = check(root)
    within = only(report, DUPLICATES_WITHIN)
    assert within.fix == KEEP_ONE and within.counts == {"cat": 2}
    assert sorted(Path(f).name for f in within.fix_files) == ["0 copy.png", "again.png"]  # the shortest name stays
    assert str(root / "cat" / "0.png") in within.files and str(root / "cat" / "0.png") not in within.fix_files
    across = only(report, DUPLICATE_ACROSS)
    assert across.severity == ERROR and across.fix is None and across.classes == ["cat", "dog"]
    assert sorted(Path(f).name for f in across.files) == ["5.png", "from-cat.png"]
    assert NEAR_DUPLICATES not in kinds(report)  # exact copies are not counted twice


def test_a_resized_reencoded_brighter_copy_in_another_class_is_flagged_as_a_near_duplicate(tmp_path):
    root = folder(tmp_path, {"cat": 10, "dog": 10})
    original = Image.open(root / "cat" / "3.png")
    look_alike = ImageEnhance.Brightness(original.resize((240, 180), Image.BICUBIC)).enhance(1.1)
    save(root / "dog" / "look-alike.jpg", look_alike, quality=70)
    save(root / "cat" / "same-class.jpg", original.resize((60, 45)), quality=80)  # alike in its own class: fine
    report = check(root)
    finding = only(report, NEAR_DUPLICATES)
    assert finding.fix is None and finding.classes == ["cat", "dog"]
    assert {Path(f).name for f in finding.files} == {"3.png", "look-alike.jpg", "same-class.jpg"}
    assert finding.details[str(root / "dog" / "look-alike.jpg")] == "dog"


def test_small_classes_and_empty_classes(tmp_path):
    root = folder(tmp_path, {"big": 12, "few": 4, "one": 1})
    (root / "empty").mkdir()
    report = check(root)
    assert only(report, NO_VALIDATION).counts == {"one": 1}  # a class of one cannot give a validation image
    assert only(report, SMALL_CLASSES).counts == {"few": 4}  # validation holds one image of it
    assert only(report, EMPTY_CLASSES).classes == ["empty"]
    assert TOO_FEW_CLASSES not in kinds(report)
    assert kinds(report).index(NO_VALIDATION) < kinds(report).index(SMALL_CLASSES)  # errors first
    assert only(check(root, val_fraction=0.2), SMALL_CLASSES).counts == {"few": 4}  # 5 needed for 20% to be one
    assert SMALL_CLASSES not in kinds(check(root, val_fraction=0.25))


def test_fewer_than_two_classes_with_images(tmp_path):
    root = folder(tmp_path, {"only": 12})
    (root / "other").mkdir()
    (root / "other" / "junk.png").write_bytes(b"junk")
    report = check(root)
    assert only(report, TOO_FEW_CLASSES).counts == {"only": 12, "other": 0}


def test_split_folders_need_training_and_validation_images_per_class(tmp_path):
    root = tmp_path / "split"
    for i in range(3):
        save(root / "train" / "cat" / f"{i}.png", picture(i))
        save(root / "train" / "dog" / f"{i}.png", picture(10 + i))
    save(root / "val" / "cat" / "v.png", picture(20))
    save(root / "val" / "bird" / "v.png", picture(21))
    report = check(root)
    assert only(report, NO_VALIDATION).counts == {"dog": 3}
    assert only(report, NO_TRAINING).counts == {"bird": 1}
    assert SMALL_CLASSES not in kinds(report)


def test_strong_imbalance(tmp_path):
    report = check(folder(tmp_path, {"many": 50, "some": 20, "few": 10}))
    finding = only(report, IMBALANCE)
    assert finding.classes == ["few", "many"] and finding.counts == {"many": 50, "some": 20, "few": 10}
    assert IMBALANCE not in kinds(check(folder(tmp_path / "b", {"a": 40, "b": 10})))  # 4x is not flagged


def test_images_much_smaller_than_the_input_size(tmp_path):
    root = folder(tmp_path, {"cat": 10, "dog": 10})
    save(root / "cat" / "tiny.png", picture(50, (30, 20)))
    save(root / "dog" / "half.png", picture(51, (48, 200)))  # exactly half of 96 on the short side: fine
    report = check(root, input_size=96)
    finding = only(report, SMALL_IMAGES)
    assert finding.details == {str(root / "cat" / "tiny.png"): "30x20"} and finding.counts == {"cat": 1}
    assert finding.fix is None
    assert SMALL_IMAGES not in kinds(check(root, input_size=40))
    big = only(check(root, input_size=224), SMALL_IMAGES)
    assert len(big.files) == 22  # 120x90 pictures are under half of 224 too


def test_mixed_grayscale_and_colour(tmp_path):
    root = folder(tmp_path, {"cat": 10, "dog": 10})
    save(root / "dog" / "gray1.png", picture(60, gray=True))
    save(root / "dog" / "gray2.jpg", picture(61, gray=True))
    finding = only(check(root), MIXED_COLOUR)
    assert finding.numbers == {"grayscale": 2, "colour": 20}
    assert finding.counts == {"cat": 0, "dog": 2}
    assert sorted(Path(f).name for f in finding.files) == ["gray1.png", "gray2.jpg"]  # the odd ones out


def test_a_second_check_reads_only_new_or_changed_files(tmp_path, monkeypatch):
    root = folder(tmp_path, {"cat": 10, "dog": 10})
    first = check(root)
    read = []
    real = dataset_check.inspect_file
    monkeypatch.setattr(dataset_check, "inspect_file", lambda path: read.append(Path(path).name) or real(path))
    save(root / "cat" / "new.png", picture(99))
    (root / "dog" / "0.png").write_bytes((root / "cat" / "1.png").read_bytes())  # changed: now a copy
    again = check(root, known=first.facts)
    assert sorted(read) == ["0.png", "new.png"]
    assert only(again, DUPLICATE_ACROSS).classes == ["cat", "dog"]
    assert set(again.facts) == {str(p) for p in root.rglob("*.png")}


def test_cancel_returns_the_facts_so_far_and_no_findings(tmp_path):
    root = folder(tmp_path, {"cat": 30, "dog": 30})
    cancel = threading.Event()
    report = check(root, progress=lambda done, total, message: done > 0 and cancel.set(), cancel=cancel, workers=2)
    assert not report.complete and report.findings == []
    assert 0 < len(report.facts) < 60
    finished = check(root, known=report.facts)
    assert finished.complete and len(finished.facts) == 60


def test_big_jpegs_are_decoded_at_a_reduced_scale(tmp_path):
    path = save(tmp_path / "big.jpg", picture(1, (2000, 1500)), quality=90)
    decoded = read_image(path, target_size=64)
    assert (decoded.width, decoded.height, decoded.format) == (2000, 1500, "JPEG")  # the file's own size
    assert decoded.image.size == (250, 188)  # decoded at 1/8 scale
    facts = dataset_check.inspect_file(path)
    assert (facts.width, facts.height) == (2000, 1500) and len(facts.miniature) == 16 * 16 * 3


@pytest.mark.parametrize("size", [(1, 1), (1, 300)])
def test_degenerate_images_do_not_break_the_check(tmp_path, size):
    root = folder(tmp_path, {"cat": 10, "dog": 10})
    save(root / "cat" / "odd.png", Image.new("RGB", size, (10, 20, 30)))
    save(root / "dog" / "odd.png", Image.new("RGB", size, (10, 20, 32)))  # one colour, all but the same
    save(root / "cat" / "flat.png", Image.new("L", size, 90))
    save(root / "dog" / "flat.png", Image.new("L", size, 91))  # one gray: no picture to compare, matches nothing
    report = check(root)
    assert only(report, NEAR_DUPLICATES).details == {str(root / "cat" / "odd.png"): "cat",
                                                     str(root / "dog" / "odd.png"): "dog"}
    assert len(only(report, SMALL_IMAGES).files) == 4
