"""Making and editing a folder dataset on disk (core/data/folder.py), checked against the
training loader that reads it."""
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.core.data.sources import load_folder
from googlenet_gui.core.data.facts import inspect_file
from googlenet_gui.core.data.folder import (REMOVED_FOLDER, ClassNameError, DatasetError, DatasetFolder,
                                               check_class_name)


def photo(path: Path, seed: int = 0, size: tuple[int, int] = (40, 30), fmt: str | None = None) -> Path:
    """A small image of random colour blocks: every seed a different picture."""
    rng = np.random.default_rng(seed)
    blocks = rng.integers(0, 256, (3, 4, 3), dtype=np.uint8)
    img = Image.fromarray(blocks).resize(size, Image.NEAREST)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, fmt)
    return path


def tree(root: Path) -> dict[str, list[str]]:
    """Every file under root, by folder relative to root, hidden ones included."""
    found = {}
    for dirpath, _, files in os.walk(root):
        if files:
            found[Path(dirpath).relative_to(root).as_posix()] = sorted(files)
    return found


def test_create_makes_an_empty_folder_and_refuses_one_in_use(tmp_path):
    ds = DatasetFolder.create(tmp_path / "new" / "pets")
    assert ds.root.is_dir() and ds.listing().classes == []
    (tmp_path / "empty").mkdir()
    assert DatasetFolder.create(tmp_path / "empty").root == tmp_path / "empty"
    photo(tmp_path / "used" / "a.png")
    with pytest.raises(DatasetError, match="not empty"):
        DatasetFolder.create(tmp_path / "used")
    (tmp_path / "file").write_text("x")
    with pytest.raises(DatasetError, match="a file of that name exists"):
        DatasetFolder.create(tmp_path / "file")
    with pytest.raises(DatasetError, match="folder not found"):
        DatasetFolder.open(tmp_path / "nope")


def test_add_rename_and_remove_classes(tmp_path):
    ds = DatasetFolder.create(tmp_path / "pets")
    assert ds.add_class("  cat ") == "cat"  # stored without the surrounding spaces
    ds.add_class("dog")
    ds.add_class("bird")
    assert ds.listing().class_names() == ["bird", "cat", "dog"]
    photo(ds.root / "dog" / "rex.png")
    assert ds.rename_class("dog", "hound") == "hound"
    assert (ds.root / "hound" / "rex.png").is_file() and not (ds.root / "dog").exists()
    assert ds.rename_class("cat", "Cat") == "Cat"  # a change of case alone is a rename, not a clash
    ds.remove_class("hound")
    assert ds.listing().class_names() == ["Cat", "bird"]
    assert (ds.root / REMOVED_FOLDER / "hound" / "rex.png").is_file()  # moved aside, not deleted
    with pytest.raises(ClassNameError) as taken:
        ds.rename_class("bird", "CAT")
    assert taken.value.code == "taken"
    with pytest.raises(DatasetError, match="no class 'fish'"):
        ds.rename_class("fish", "shark")


@pytest.mark.parametrize("name, code", [
    ("", "empty"), ("   ", "empty"), ("a/b", "separator"), ("a\\b", "separator"), (".cache", "hidden"),
    ("..", "hidden"), ("train", "reserved"), ("Test", "reserved"), ("val", "reserved"), ("con", "reserved"),
    ("tab\there", "control"), ("line\nbreak", "control"), ("dots.", "ends"), ("x" * 101, "long"),
])
def test_class_names_that_cannot_be_a_class_folder(name, code):
    with pytest.raises(ClassNameError) as refused:
        check_class_name(name, [])
    assert refused.value.code == code and str(refused.value)


def test_class_name_clash_ignores_case_and_allows_unicode():
    assert check_class_name("Ünïcødé 猫", ["dog"]) == "Ünïcødé 猫"
    with pytest.raises(ClassNameError):
        check_class_name("DOG", ["dog"])
    assert check_class_name("DOG", ["dog"], renaming="dog") == "DOG"


def test_import_copies_readable_images_and_says_why_others_are_skipped(tmp_path):
    src = tmp_path / "src"
    a = photo(src / "a.png", 1)
    photo(src / "nested" / "deeper" / "b.jpg", 2)
    photo(src / "nested" / ".hidden.png", 3)  # hidden files in a folder are left out
    photo(src / ".git" / "c.png", 4)  # and hidden folders
    photo(src / "no_extension", 5, fmt="PNG")
    photo(src / "icon.ico", 6, fmt="ICO")
    (src / "notes.txt").write_text("not an image")
    whole = (src / "a.png").read_bytes()
    (src / "truncated.png").write_bytes(whole[: len(whole) // 2])
    before = (a.stat().st_mtime_ns, whole)

    ds = DatasetFolder.create(tmp_path / "pets")
    ds.add_class("cat")
    report = ds.import_files("cat", [src, a])  # a.png twice: copied once
    copied = sorted(Path(f.path).name for f in report.added)
    assert copied == ["a.png", "b.jpg", "no_extension.png"]  # a readable file without extension gets its format's
    skipped = {Path(path).name: why for path, why in report.skipped}
    assert set(skipped) == {"icon.ico", "notes.txt", "truncated.png"}
    assert "ICO images are not read by training" in skipped["icon.ico"]
    assert "not an image format" in skipped["notes.txt"]
    assert "truncated" in skipped["truncated.png"]
    assert tree(ds.root) == {"cat": ["a.png", "b.jpg", "no_extension.png"]}
    assert (ds.root / "cat" / "a.png").read_bytes() == whole  # a copy, byte for byte
    assert (ds.root / "cat" / "a.png").stat().st_mtime_ns == a.stat().st_mtime_ns  # with its date
    assert (a.stat().st_mtime_ns, a.read_bytes()) == before  # the original is untouched
    by_name = {Path(f.path).name: f for f in report.added}
    assert by_name["a.png"] == inspect_file(str(ds.root / "cat" / "a.png"))  # the import's one read = a check's


def test_import_never_overwrites_and_refuses_files_of_the_dataset(tmp_path):
    ds = DatasetFolder.create(tmp_path / "pets")
    ds.add_class("cat")
    ds.add_class("dog")
    first = photo(tmp_path / "one" / "x.png", 1)
    second = photo(tmp_path / "two" / "x.png", 2)
    third = photo(tmp_path / "three" / "x.png", 3)
    ds.import_files("cat", [first])
    report = ds.import_files("cat", [second, third])
    assert sorted(Path(f.path).name for f in report.added) == ["x-2.png", "x-3.png"], report.skipped
    assert (ds.root / "cat" / "x.png").read_bytes() == first.read_bytes()
    assert {(ds.root / "cat" / n).read_bytes() for n in ("x-2.png", "x-3.png")} == {second.read_bytes(),
                                                                                    third.read_bytes()}
    inside = ds.import_files("dog", [ds.root / "cat"])
    assert not inside.added and all("already in this dataset" in why for _, why in inside.skipped)
    with pytest.raises(DatasetError, match="no class 'fish'"):
        ds.import_files("fish", [first])


def test_the_loader_reads_what_the_editor_lists(tmp_path):
    ds = DatasetFolder.create(tmp_path / "pets")
    for name in ("cat", "dog"):
        ds.add_class(name)
    ds.import_files("cat", [photo(tmp_path / "s" / f"c{i}.png", i) for i in range(4)])
    ds.import_files("dog", [photo(tmp_path / "s" / f"d{i}.jpg", 10 + i) for i in range(3)])
    listing = ds.listing()
    gone = listing.classes[0].files[0]
    assert ds.remove_files([gone]) == [gone]
    assert (ds.root / REMOVED_FOLDER / "cat" / Path(gone).name).is_file()
    listing = ds.listing()
    assert [(c.name, len(c.files)) for c in listing.classes] == [("cat", 3), ("dog", 3)]
    loaded = load_folder(ds.root, 16, val_fraction=0.0)  # .removed/ is not a class
    assert loaded.class_names == ["cat", "dog"] and loaded.train.labels.tolist() == [0, 0, 0, 1, 1, 1]
    with pytest.raises(DatasetError, match="not an image of this dataset"):
        ds.remove_files([str(tmp_path / "s" / "c0.png")])


def test_train_and_val_folders_are_edited_together(tmp_path):
    root = tmp_path / "split"
    photo(root / "train" / "cat" / "a.png", 1)
    photo(root / "val" / "cat" / "b.png", 2)
    photo(root / "val" / "dog" / "c.png", 3)
    ds = DatasetFolder.open(root)
    listing = ds.listing()
    assert listing.split and listing.class_names() == ["cat", "dog"]
    assert [(len(c.files), len(c.val_files)) for c in listing.classes] == [(1, 1), (0, 1)]
    ds.add_class("bird")
    assert (root / "train" / "bird").is_dir() and (root / "val" / "bird").is_dir()
    ds.rename_class("cat", "kitten")
    assert (root / "train" / "kitten" / "a.png").is_file() and (root / "val" / "kitten" / "b.png").is_file()
    report = ds.import_files("dog", [photo(tmp_path / "d.png", 4)])
    assert Path(report.added[0].path).parent == root / "train" / "dog"  # new images are for training
    ds.remove_class("kitten")
    assert (root / REMOVED_FOLDER / "train" / "kitten").is_dir() and (root / REMOVED_FOLDER / "val" / "kitten").is_dir()


def test_cancelled_import_keeps_whole_copies_only(tmp_path):
    sources = [photo(tmp_path / "s" / f"{i}.png", i, size=(300, 200)) for i in range(40)]
    ds = DatasetFolder.create(tmp_path / "pets")
    ds.add_class("cat")
    cancel = threading.Event()
    report = ds.import_files("cat", sources, progress=lambda done, total, message: cancel.set(), cancel=cancel,
                             workers=2)
    assert report.cancelled and 0 < len(report.added) < 40
    copies = sorted((ds.root / "cat").iterdir())
    assert [p.name for p in copies] == sorted(Path(f.path).name for f in report.added)  # no .part left behind
    for copy in copies:
        assert copy.read_bytes() == (tmp_path / "s" / copy.name).read_bytes()

    cancel_first = threading.Event()
    cancel_first.set()
    assert DatasetFolder(ds.root).import_files("cat", sources, cancel=cancel_first).cancelled


def test_pasted_image_data_is_saved_as_a_new_png(tmp_path):
    ds = DatasetFolder.create(tmp_path / "pets")
    ds.add_class("cat")
    image = Image.new("RGB", (20, 10), (200, 30, 30))
    first = ds.save_image("cat", image)
    second = ds.save_image("cat", image)
    assert [Path(first.path).name, Path(second.path).name] == ["pasted.png", "pasted-2.png"]
    assert first.readable and (first.width, first.height) == (20, 10) and first.sha256 == second.sha256
    assert np.asarray(Image.open(first.path)).tolist() == np.asarray(image).tolist()


def test_a_linked_folder_is_read_but_links_inside_folders_are_not_followed(tmp_path):
    real = tmp_path / "real"
    photo(real / "a.png", 1)
    (real / "loop").symlink_to(real)  # a link back up would never end
    outside = tmp_path / "outside"
    photo(outside / "b.png", 2)
    (real / "elsewhere").symlink_to(outside)
    (tmp_path / "link").symlink_to(real)
    ds = DatasetFolder.create(tmp_path / "pets")
    ds.add_class("cat")
    report = ds.import_files("cat", [tmp_path / "link"])
    assert [Path(f.path).name for f in report.added] == ["a.png"]


def test_many_files_of_one_name_imported_at_once_are_all_kept(tmp_path):
    ds = DatasetFolder.create(tmp_path / "pets")
    ds.add_class("cat")
    sources = [photo(tmp_path / f"from{i}" / "x.png", i) for i in range(24)]
    report = ds.import_files("cat", sources, workers=8)  # eight threads race for x.png, x-2.png, ...
    assert not report.skipped and len(report.added) == 24
    names = sorted(p.name for p in (ds.root / "cat").iterdir())
    assert names == sorted(["x.png", *(f"x-{n}.png" for n in range(2, 25))])  # no temporary file left
    assert {(ds.root / "cat" / n).read_bytes() for n in names} == {s.read_bytes() for s in sources}
