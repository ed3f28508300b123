"""Dataset sources (googlenet_gui.core.data.sources) and batch transforms (googlenet_gui.core.data.transforms).

Every test writes its own small data in the real on-disk format under tmp_path; nothing reads
the real /usr/share/datasets files (DEBIAN_FASHION_DIR is always monkeypatched).
"""
from __future__ import annotations

import gzip
import os
import pickle
import shlex
import struct
import threading
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.core.data import sources as data
from googlenet_gui.core.data.sources import (
    CIFAR10_CLASSES,
    FASHION_CLASSES,
    MNIST_CLASSES,
    DataError,
    Dataset,
    ImageSet,
    is_available,
    load_dataset,
)
from googlenet_gui.core.data.download import Cancelled
from googlenet_gui.core.data.transforms import augment, from_model_input, to_model_input

IDX_STEMS = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


@pytest.fixture(autouse=True)
def no_debian_files(monkeypatch, tmp_path):
    """The dev machine has the Debian package installed: point its location at nothing by default."""
    monkeypatch.setattr(data, "DEBIAN_FASHION_DIR", tmp_path / "no-such-debian-dir")


# ---------------------------------------------------------------- sample


def test_sample_dataset_shapes_classes_and_balance():
    ds = load_dataset("sample")
    assert ds.name == "sample"
    assert ds.train.images.dtype == torch.uint8 and ds.val.images.dtype == torch.uint8
    assert tuple(ds.train.images.shape) == (3000, 1, 28, 28)
    assert tuple(ds.val.images.shape) == (1000, 1, 28, 28)
    assert ds.train.labels.dtype == torch.int64 and len(ds.train) == 3000 and len(ds.val) == 1000
    assert ds.class_names == FASHION_CLASSES
    assert ds.channels == 1 and ds.stored_size == 28
    assert torch.bincount(ds.train.labels, minlength=10).tolist() == [300] * 10
    assert torch.bincount(ds.val.labels, minlength=10).tolist() == [100] * 10
    assert int(ds.train.images.max()) > 0  # real pictures, not zeros
    assert is_available("sample")


# ---------------------------------------------------------------- CIFAR-10


class _Py2Pickler(pickle._Pickler):
    """Writes pickles the way Python 2 wrote the original CIFAR-10 batches: every str and bytes
    object as a byte string (BINSTRING opcodes), and numpy's old `numpy.core.multiarray` path."""

    dispatch = dict(pickle._Pickler.dispatch)

    def _save_py2_str(self, obj):
        raw = obj.encode("latin1") if isinstance(obj, str) else bytes(obj)
        if len(raw) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(raw)]) + raw)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(raw)) + raw)
        self.memoize(obj)

    dispatch[str] = _save_py2_str
    dispatch[bytes] = _save_py2_str


def _py2_pickle(obj) -> bytes:
    import io

    buf = io.BytesIO()
    _Py2Pickler(buf, protocol=2).dump(obj)
    raw = buf.getvalue()
    # numpy 2 names its reconstructor numpy._core...; the original files say numpy.core...
    return raw.replace(b"cnumpy._core.multiarray\n", b"cnumpy.core.multiarray\n")


def _cifar_batch(n: int, seed: int, label_offset: int = 0) -> tuple[np.ndarray, list[int]]:
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(n, 3072), dtype=np.uint8)
    labels = [(label_offset + i) % 10 for i in range(n)]
    return images, labels


def _write_cifar(root: Path, style: str = "py2", sizes=(3, 2, 4, 1, 2), test_size: int = 3) -> dict:
    """Writes data_batch_1..5 and test_batch; returns {file: (images, labels)}."""
    folder = root / "cifar-10-batches-py"
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    files = [(f"data_batch_{i + 1}", n) for i, n in enumerate(sizes)] + [("test_batch", test_size)]
    for k, (name, n) in enumerate(files):
        images, labels = _cifar_batch(n, seed=k, label_offset=k)
        entry_str = {"batch_label": f"{name} of 6", "labels": labels, "data": images,
                     "filenames": [f"img_{k}_{i}.png" for i in range(n)]}
        if style == "py2":
            raw = _py2_pickle(entry_str)
        elif style == "py3-str":
            raw = pickle.dumps(entry_str, protocol=2)
        elif style == "py3-bytes":
            raw = pickle.dumps({b"batch_label": name.encode(), b"labels": labels, b"data": images}, protocol=2)
        else:
            raise AssertionError(style)
        (folder / name).write_bytes(raw)
        written[name] = (images, labels)
    return written


def test_py2_style_pickle_has_byte_string_keys_that_latin1_reads_as_str():
    # The experiment the loader depends on: the original (Python 2) batches store their keys as
    # byte strings; encoding="latin1" turns them into str keys, numpy's raw data into an array.
    import io

    raw = _py2_pickle({"data": np.arange(6, dtype=np.uint8), "labels": [1, 2]})
    assert b"U\x04data" in raw and b"X\x04\x00\x00\x00data" not in raw  # SHORT_BINSTRING, not unicode
    assert b"cnumpy.core.multiarray\n_reconstruct\n" in raw
    assert set(pickle.loads(raw, encoding="bytes")) == {b"data", b"labels"}
    entry = data._SafeUnpickler(io.BytesIO(raw), encoding="latin1").load()
    assert set(entry) == {"data", "labels"}
    assert entry["data"].tolist() == list(range(6))


@pytest.mark.parametrize("style", ["py2", "py3-str"])
def test_cifar10_loads_shapes_labels_and_pixels(tmp_path, style):
    written = _write_cifar(tmp_path, style)
    assert is_available("cifar10", tmp_path)
    ds = load_dataset("cifar10", tmp_path)
    assert ds.name == "cifar10" and ds.class_names == CIFAR10_CLASSES and ds.flip_ok
    assert tuple(ds.train.images.shape) == (12, 3, 32, 32)
    assert tuple(ds.val.images.shape) == (3, 3, 32, 32)
    assert ds.train.images.dtype == torch.uint8 and ds.train.labels.dtype == torch.int64

    train_files = [f"data_batch_{i}" for i in range(1, 6)]
    expect_train = np.concatenate([written[f][0] for f in train_files])
    expect_labels = sum((written[f][1] for f in train_files), [])
    assert ds.train.labels.tolist() == expect_labels
    assert ds.val.labels.tolist() == written["test_batch"][1]
    # CIFAR layout: a row is 1024 red, then 1024 green, then 1024 blue values, each plane row-major.
    row, ch, y, x = 4, 2, 5, 7
    assert int(ds.train.images[row, ch, y, x]) == int(expect_train[row, ch * 1024 + y * 32 + x])
    assert int(ds.train.images[row, 0, 0, 1]) == int(expect_train[row, 1])
    assert int(ds.train.images[row, 1, 0, 0]) == int(expect_train[row, 1024])
    assert int(ds.train.images[row, 0, 1, 0]) == int(expect_train[row, 32])
    assert np.array_equal(ds.train.images.numpy().reshape(12, 3072), expect_train)
    assert np.array_equal(ds.val.images.numpy().reshape(3, 3072), written["test_batch"][0])


def test_cifar10_batches_directly_in_root(tmp_path):
    _write_cifar(tmp_path / "x")
    flat = tmp_path / "flat"
    (tmp_path / "x" / "cifar-10-batches-py").rename(flat)
    assert is_available("cifar10", flat)
    ds = load_dataset("cifar10", flat)
    assert len(ds.train) == 12 and len(ds.val) == 3


def test_cifar10_python3_bytes_keys_are_refused_cleanly(tmp_path):
    # Python 3 bytes keys stay bytes under encoding="latin1"; the reader wants the original str keys
    # and must say so with a DataError, not a KeyError.
    _write_cifar(tmp_path, "py3-bytes")
    with pytest.raises(DataError, match="data_batch_1: not a valid CIFAR-10 batch"):
        load_dataset("cifar10", tmp_path)


class _Payload:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {shlex.quote(str(self.marker))}",)


def test_cifar10_pickle_with_other_globals_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "payload-ran"
    _write_cifar(tmp_path)
    # Sanity: the payload really does run under an ordinary unpickler.
    probe = tmp_path / "probe-ran"
    pickle.loads(pickle.dumps(_Payload(probe), protocol=2))
    assert probe.exists()

    images, labels = _cifar_batch(2, seed=9)
    evil = pickle.dumps({"data": images, "labels": labels, "x": _Payload(marker)}, protocol=2)
    (tmp_path / "cifar-10-batches-py" / "data_batch_2").write_bytes(evil)
    with pytest.raises(DataError, match="data_batch_2") as info:
        load_dataset("cifar10", tmp_path)
    assert "system" in str(info.value)  # the refused global is named
    assert not marker.exists()


def test_cifar10_other_builtin_global_is_refused(tmp_path):
    marker = tmp_path / "eval-ran"

    class EvalPayload:
        def __reduce__(self):
            return eval, (f"open({str(marker)!r}, 'w').close()",)

    _write_cifar(tmp_path)
    (tmp_path / "cifar-10-batches-py" / "test_batch").write_bytes(pickle.dumps({"data": EvalPayload()}, protocol=2))
    with pytest.raises(DataError, match="test_batch"):
        load_dataset("cifar10", tmp_path)
    assert not marker.exists()


def test_cifar10_missing_file_names_it(tmp_path):
    _write_cifar(tmp_path)
    (tmp_path / "cifar-10-batches-py" / "data_batch_3").unlink()
    assert not is_available("cifar10", tmp_path)
    with pytest.raises(DataError, match="data_batch_3"):
        load_dataset("cifar10", tmp_path)


def test_cifar10_empty_root(tmp_path):
    assert not is_available("cifar10", tmp_path)
    with pytest.raises(DataError, match="data_batch_1 not found"):
        load_dataset("cifar10", tmp_path)


def test_cifar10_truncated_and_inconsistent_batches(tmp_path):
    _write_cifar(tmp_path)
    batch = tmp_path / "cifar-10-batches-py" / "data_batch_1"
    batch.write_bytes(batch.read_bytes()[:100])
    with pytest.raises(DataError, match="data_batch_1"):
        load_dataset("cifar10", tmp_path)

    images, _ = _cifar_batch(3, seed=1)
    batch.write_bytes(_py2_pickle({"data": images, "labels": [0, 1]}))
    with pytest.raises(DataError, match="differ in count"):
        load_dataset("cifar10", tmp_path)

    batch.write_bytes(_py2_pickle({"data": images[:, :1000], "labels": [0, 1, 2]}))  # not 3072 per row
    with pytest.raises(DataError, match="data_batch_1"):
        load_dataset("cifar10", tmp_path)


def test_cifar10_label_out_of_range(tmp_path):
    _write_cifar(tmp_path)
    images, _ = _cifar_batch(2, seed=1)
    (tmp_path / "cifar-10-batches-py" / "test_batch").write_bytes(_py2_pickle({"data": images, "labels": [3, 10]}))
    with pytest.raises(DataError, match="labels outside 0..9"):
        load_dataset("cifar10", tmp_path)


# ---------------------------------------------------------------- MNIST / Fashion-MNIST (IDX)


def _idx_images(images: np.ndarray) -> bytes:
    n, h, w = images.shape
    return struct.pack(">IIII", 0x00000803, n, h, w) + images.astype(np.uint8).tobytes()


def _idx_labels(labels) -> bytes:
    labels = np.asarray(labels, dtype=np.uint8)
    return struct.pack(">II", 0x00000801, len(labels)) + labels.tobytes()


def _idx_arrays(n_train=6, n_test=4, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "train_images": rng.integers(0, 256, size=(n_train, 28, 28), dtype=np.uint8),
        "train_labels": np.arange(n_train) % 10,
        "test_images": rng.integers(0, 256, size=(n_test, 28, 28), dtype=np.uint8),
        "test_labels": (np.arange(n_test) * 3) % 10,
    }


def _idx_bytes(arrays) -> dict[str, bytes]:
    return {IDX_STEMS[k]: (_idx_images(v) if "images" in k else _idx_labels(v)) for k, v in arrays.items()}


def _write_idx(folder: Path, arrays, gz: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, raw in _idx_bytes(arrays).items():
        if gz:
            (folder / f"{stem}.gz").write_bytes(gzip.compress(raw))
        else:
            (folder / stem).write_bytes(raw)


def _check_idx_dataset(ds: Dataset, arrays, name: str) -> None:
    assert ds.name == name
    assert ds.class_names == (FASHION_CLASSES if name == "fashion-mnist" else MNIST_CLASSES)
    assert ds.flip_ok == (name == "fashion-mnist")  # digits must not be flipped
    n_train, n_test = len(arrays["train_labels"]), len(arrays["test_labels"])
    assert tuple(ds.train.images.shape) == (n_train, 1, 28, 28)
    assert tuple(ds.val.images.shape) == (n_test, 1, 28, 28)
    assert ds.train.images.dtype == torch.uint8 and ds.train.labels.dtype == torch.int64
    assert np.array_equal(ds.train.images[:, 0].numpy(), arrays["train_images"])
    assert np.array_equal(ds.val.images[:, 0].numpy(), arrays["test_images"])
    assert ds.train.labels.tolist() == list(arrays["train_labels"])
    assert ds.val.labels.tolist() == list(arrays["test_labels"])


@pytest.mark.parametrize("name,folder", [("fashion-mnist", "FashionMNIST"), ("mnist", "MNIST")])
def test_idx_gz_in_raw_folder_is_decompressed_and_loaded(tmp_path, name, folder):
    arrays = _idx_arrays(seed=1)
    raw = tmp_path / folder / "raw"
    _write_idx(raw, arrays, gz=True)
    assert is_available(name, tmp_path)
    ds = load_dataset(name, tmp_path)
    _check_idx_dataset(ds, arrays, name)
    for stem, content in _idx_bytes(arrays).items():
        assert (raw / stem).read_bytes() == content  # decompressed once, beside the .gz
        assert not (raw / f"{stem}.part").exists()
    # A second load uses the decompressed files, even with the .gz gone.
    for stem in IDX_STEMS.values():
        (raw / f"{stem}.gz").unlink()
    _check_idx_dataset(load_dataset(name, tmp_path), arrays, name)


@pytest.mark.parametrize("name,folder", [("fashion-mnist", "FashionMNIST"), ("mnist", "MNIST")])
def test_idx_uncompressed_in_raw_folder(tmp_path, name, folder):
    arrays = _idx_arrays(seed=2)
    _write_idx(tmp_path / folder / "raw", arrays, gz=False)
    assert is_available(name, tmp_path)
    _check_idx_dataset(load_dataset(name, tmp_path), arrays, name)


def test_idx_files_directly_in_root(tmp_path):
    arrays = _idx_arrays(seed=3)
    _write_idx(tmp_path, arrays, gz=True)
    assert is_available("mnist", tmp_path)
    _check_idx_dataset(load_dataset("mnist", tmp_path), arrays, "mnist")
    assert (tmp_path / "MNIST" / "raw" / IDX_STEMS["train_images"]).is_file()

    other = tmp_path / "plain"
    _write_idx(other, arrays, gz=False)
    _check_idx_dataset(load_dataset("mnist", other), arrays, "mnist")


def test_fashion_mnist_found_in_debian_location(tmp_path, monkeypatch):
    debian = tmp_path / "debian" / "fashion-mnist"
    arrays = _idx_arrays(seed=4)
    _write_idx(debian, arrays, gz=True)
    monkeypatch.setattr(data, "DEBIAN_FASHION_DIR", debian)
    root = tmp_path / "empty"
    root.mkdir()
    assert is_available("fashion-mnist", root)
    assert not is_available("mnist", root)  # the Debian package is Fashion-MNIST only
    ds = load_dataset("fashion-mnist", root)
    _check_idx_dataset(ds, arrays, "fashion-mnist")
    assert (root / "FashionMNIST" / "raw" / IDX_STEMS["test_labels"]).is_file()
    with pytest.raises(DataError, match="not found"):
        load_dataset("mnist", root)


@pytest.mark.parametrize("name", ["fashion-mnist", "mnist"])
def test_idx_missing_files(tmp_path, name):
    arrays = _idx_arrays()
    folder = tmp_path / ("FashionMNIST" if name == "fashion-mnist" else "MNIST") / "raw"
    _write_idx(folder, arrays, gz=True)
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    assert not is_available(name, tmp_path)
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte not found"):
        load_dataset(name, tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not is_available(name, empty)
    with pytest.raises(DataError, match="train-images-idx3-ubyte not found"):
        load_dataset(name, empty)


def test_idx_corrupt_files(tmp_path):
    arrays = _idx_arrays()
    raw = tmp_path / "MNIST" / "raw"
    good = _idx_bytes(arrays)

    def load_with(stem: str, content: bytes):
        _write_idx(raw, arrays, gz=False)
        (raw / stem).write_bytes(content)
        return load_dataset("mnist", tmp_path)

    images_stem, labels_stem = IDX_STEMS["train_images"], IDX_STEMS["train_labels"]
    with pytest.raises(DataError, match=f"{images_stem}: not a valid IDX file"):
        load_with(images_stem, good[images_stem][:-100])  # truncated pixels
    with pytest.raises(DataError, match="not a valid IDX file"):
        load_with(images_stem, good[images_stem] + b"\0" * 28)  # trailing junk
    with pytest.raises(DataError, match="not a valid IDX file"):
        load_with(images_stem, b"")
    with pytest.raises(DataError, match="not a valid IDX file"):
        load_with(images_stem, b"\x12\x34\x56\x78" + good[images_stem][4:])  # wrong magic
    with pytest.raises(DataError, match="not a valid IDX file"):
        load_with(images_stem, good[labels_stem])  # a label file where images belong
    with pytest.raises(DataError, match="differ in count"):
        load_with(labels_stem, _idx_labels([0, 1, 2]))


def test_idx_labels_out_of_range(tmp_path):
    arrays = _idx_arrays()
    arrays["test_labels"] = np.array([0, 1, 10, 2])
    _write_idx(tmp_path / "FashionMNIST" / "raw", arrays, gz=True)
    with pytest.raises(DataError, match="labels outside 0..9"):
        load_dataset("fashion-mnist", tmp_path)


def test_idx_gz_that_is_not_gzip(tmp_path):
    arrays = _idx_arrays()
    raw = tmp_path / "MNIST" / "raw"
    _write_idx(raw, arrays, gz=True)
    (raw / "train-images-idx3-ubyte.gz").write_bytes(b"this is not gzip data at all" * 10)
    with pytest.raises(DataError, match="cannot decompress"):
        load_dataset("mnist", tmp_path)
    assert not (raw / "train-images-idx3-ubyte.part").exists()
    assert not (raw / "train-images-idx3-ubyte").exists()

    full = gzip.compress(_idx_bytes(arrays)["train-images-idx3-ubyte"])
    (raw / "train-images-idx3-ubyte.gz").write_bytes(full[: len(full) // 2])  # truncated archive
    with pytest.raises(DataError, match="cannot decompress"):
        load_dataset("mnist", tmp_path)
    assert not (raw / "train-images-idx3-ubyte.part").exists()


def test_idx_gz_with_damaged_compressed_body(tmp_path):
    # A damaged deflate stream raises zlib.error (not an OSError): it must still be a DataError
    # and leave no .part file behind.
    arrays = _idx_arrays()
    raw = tmp_path / "MNIST" / "raw"
    _write_idx(raw, arrays, gz=True)
    full = gzip.compress(_idx_bytes(arrays)["train-images-idx3-ubyte"], mtime=0)
    damaged = full[:10] + b"\x07" + full[11:]  # valid gzip header; first deflate block of reserved type 3
    (raw / "train-images-idx3-ubyte.gz").write_bytes(damaged)
    with pytest.raises(DataError, match="cannot decompress"):
        load_dataset("mnist", tmp_path)
    assert not (raw / "train-images-idx3-ubyte.part").exists()


@pytest.mark.parametrize("type_code", [0x09, 0x0A, 0x0D])
def test_idx_wrong_element_type_gives_data_error(tmp_path, type_code):
    # torchvision's reader raises TypeError for a non-uint8 IDX file (type codes 0x09 int8, 0x0D
    # float32 ...) and KeyError for the unassigned type code 0x0A: both must become DataError.
    arrays = _idx_arrays()
    raw = tmp_path / "MNIST" / "raw"
    _write_idx(raw, arrays, gz=False)
    width = 4 if type_code == 0x0D else 1
    n = len(arrays["train_labels"])
    content = struct.pack(">IIII", (type_code << 8) | 3, n, 28, 28) + bytes(n * 28 * 28 * width)
    (raw / "train-images-idx3-ubyte").write_bytes(content)
    with pytest.raises(DataError, match="not a valid IDX file"):
        load_dataset("mnist", tmp_path)


# ---------------------------------------------------------------- image folders


def _save(path: Path, img: Image.Image, fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, fmt)
    return path


def test_folder_mixed_modes_formats_and_sizes(tmp_path):
    root = tmp_path / "pets"
    _save(root / "cat" / "a.png", Image.new("RGB", (30, 20), (200, 10, 10)))
    _save(root / "cat" / "b.jpg", Image.new("RGB", (17, 41), (10, 200, 10)))
    _save(root / "cat" / "c.png", Image.new("RGBA", (20, 20), (0, 0, 0, 0)))  # fully transparent
    _save(root / "dog" / "d.jpg", Image.new("L", (25, 40), 90))
    _save(root / "dog" / "e.png", Image.new("L", (64, 16), 30))
    _save(root / "dog" / "f.PNG", Image.new("RGB", (12, 12), (0, 0, 255)))
    (root / "dog" / "broken.png").write_bytes(os.urandom(300))  # image extension, not an image
    (root / "dog" / "notes.txt").write_text("not an image and not counted")
    (root / ".hidden").mkdir()  # hidden folders are not classes

    calls = []
    ds = load_dataset("folder", root, input_size=16, val_fraction=0.0, seed=0,
                      progress=lambda done, total, msg: calls.append((done, total)))
    assert ds.class_names == ["cat", "dog"]
    assert ds.name == "folder:pets"
    assert ds.skipped == 1
    assert ds.notes == ["1 unreadable image file skipped"]
    assert ds.channels == 3 and ds.stored_size == 16
    assert tuple(ds.train.images.shape) == (6, 3, 16, 16) and ds.train.images.dtype == torch.uint8
    assert len(ds.val) == 0 and tuple(ds.val.images.shape[1:]) == (3, 16, 16)
    assert ds.train.labels.tolist() == [0, 0, 0, 1, 1, 1]
    imgs = ds.train.images.int()
    assert imgs[0, :, 8, 8].tolist() == [200, 10, 10]
    assert (imgs[1, :, 8, 8] - torch.tensor([10, 200, 10])).abs().max() <= 6  # JPEG
    assert imgs[2].min() == 255  # transparency composited on white
    assert (imgs[3] - 90).abs().max() <= 3 and imgs[3, 0].equal(imgs[3, 1])  # gray JPEG -> equal channels
    assert imgs[4].eq(30).all()
    assert imgs[5, :, 3, 3].tolist() == [0, 0, 255]
    assert calls and calls[-1] == (7, 7)  # every image file, readable or not


def test_folder_all_grayscale_gives_one_channel(tmp_path):
    root = tmp_path / "digits"
    for cls, value in (("zero", 40), ("one", 220)):
        _save(root / cls / "x.png", Image.new("L", (20, 30), value))
        _save(root / cls / "y.jpg", Image.new("L", (33, 33), value))
    ds = load_dataset("folder", root, input_size=12, val_fraction=0.0)
    assert ds.channels == 1
    assert tuple(ds.train.images.shape) == (4, 1, 12, 12)
    assert ds.class_names == ["one", "zero"]
    for img, label in zip(ds.train.images.int(), ds.train.labels.tolist()):
        expect = 220 if label == 0 else 40
        assert (img - expect).abs().max() <= 3


def test_folder_resizes_shorter_side_and_crops_centre(tmp_path):
    root = tmp_path / "shapes"
    wide = np.zeros((20, 60, 3), np.uint8)
    wide[:, :] = (0, 0, 255)
    wide[:, 20:40] = (255, 0, 0)  # the centre square of a 60x20 image is red
    _save(root / "wide" / "w.png", Image.fromarray(wide))
    tall = np.zeros((90, 30, 3), np.uint8)
    tall[:, :] = (0, 255, 0)
    tall[30:60, :] = (255, 255, 0)  # the centre square of a 30x90 image is yellow
    _save(root / "tall" / "t.png", Image.fromarray(tall))
    small = np.zeros((4, 4, 3), np.uint8)
    small[:, :] = (7, 8, 9)
    _save(root / "tall" / "s.png", Image.fromarray(small))  # upscaled
    ds = load_dataset("folder", root, input_size=10, val_fraction=0.0)
    assert ds.class_names == ["tall", "wide"]
    assert tuple(ds.train.images.shape) == (3, 3, 10, 10)
    by_label = {}
    for img, label in zip(ds.train.images.int(), ds.train.labels.tolist()):
        by_label.setdefault(label, []).append(img)
    wide_img = by_label[1][0]
    inner = wide_img[:, :, 1:-1]  # the outermost columns may blend with the neighbours
    assert (inner - torch.tensor([255, 0, 0])[:, None, None]).abs().max() <= 2
    tall_imgs = by_label[0]
    assert any((t[:, 1:-1, :] - torch.tensor([255, 255, 0])[:, None, None]).abs().max() <= 2 for t in tall_imgs)
    assert any(t.eq(torch.tensor([7, 8, 9])[:, None, None]).all() for t in tall_imgs)


def _numbered_folder(root: Path, counts: dict[str, int]) -> dict[int, int]:
    """Uniform gray PNGs, each with its own value; returns {value: class index}."""
    values = {}
    value = 5
    for idx, (cls, n) in enumerate(sorted(counts.items())):
        for i in range(n):
            _save(root / cls / f"{i:03d}.png", Image.new("L", (9, 9), value))
            values[value] = idx
            value += 3
    return values


def _ids(split: ImageSet) -> list[int]:
    return [int(v) for v in split.images[:, 0, 0, 0]]


def test_folder_val_split_per_class_is_seeded(tmp_path):
    root = tmp_path / "numbered"
    values = _numbered_folder(root, {"a": 10, "b": 5, "c": 1})
    ds = load_dataset("folder", root, input_size=8, val_fraction=0.2, seed=3)
    assert ds.channels == 1
    train_ids, val_ids = _ids(ds.train), _ids(ds.val)
    assert sorted(train_ids + val_ids) == sorted(values)  # every image exactly once
    assert not set(train_ids) & set(val_ids)
    for split, ids in ((ds.train, train_ids), (ds.val, val_ids)):
        assert split.labels.tolist() == [values[v] for v in ids]  # labels travel with their images
    # 20% of 10 = 2, of 5 = 1; a class of one image keeps it for training.
    assert torch.bincount(ds.val.labels, minlength=3).tolist() == [2, 1, 0]
    assert torch.bincount(ds.train.labels, minlength=3).tolist() == [8, 4, 1]

    again = load_dataset("folder", root, input_size=8, val_fraction=0.2, seed=3)
    assert again.val.images.equal(ds.val.images) and again.train.labels.equal(ds.train.labels)
    splits = {tuple(sorted(_ids(load_dataset("folder", root, input_size=8, val_fraction=0.2, seed=s).val)))
              for s in range(5)}
    assert len(splits) > 1  # the seed does choose


def test_folder_train_and_val_subfolders_are_used_as_given(tmp_path):
    root = tmp_path / "split"
    _numbered_folder(root / "train", {"a": 4, "b": 3})
    _save(root / "val" / "a" / "v.png", Image.new("L", (9, 9), 250))
    _save(root / "val" / "b" / "v1.png", Image.new("L", (9, 9), 251))
    _save(root / "val" / "b" / "v2.png", Image.new("L", (9, 9), 252))
    ds = load_dataset("folder", root, input_size=8, val_fraction=0.5, seed=0)
    assert ds.class_names == ["a", "b"]
    assert len(ds.train) == 7 and torch.bincount(ds.train.labels).tolist() == [4, 3]
    assert _ids(ds.val) == [250, 251, 252] and ds.val.labels.tolist() == [0, 1, 1]
    assert max(_ids(ds.train)) < 250


def test_folder_errors(tmp_path):
    with pytest.raises(DataError, match="folder not found"):
        load_dataset("folder", tmp_path / "nope")
    with pytest.raises(DataError, match="choose the folder"):
        load_dataset("folder", None)

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataError, match=r"at least two class sub-folders.*found 0"):
        load_dataset("folder", empty)

    single = tmp_path / "single"
    _save(single / "only" / "a.png", Image.new("RGB", (8, 8)))
    with pytest.raises(DataError, match=r"at least two class sub-folders.*found 1"):
        load_dataset("folder", single)

    no_images = tmp_path / "no_images"
    (no_images / "a").mkdir(parents=True)
    (no_images / "b").mkdir()
    (no_images / "a" / "readme.txt").write_text("hi")
    with pytest.raises(DataError, match="no image files"):
        load_dataset("folder", no_images)

    unreadable = tmp_path / "unreadable"
    for cls in ("a", "b"):
        (unreadable / cls).mkdir(parents=True)
        (unreadable / cls / "x.jpg").write_bytes(b"\xff\xd8\xff garbage")
    with pytest.raises(DataError, match="none of the 2 image files could be read"):
        load_dataset("folder", unreadable)

    one_readable_class = tmp_path / "one_readable"
    _save(one_readable_class / "a" / "x.png", Image.new("RGB", (8, 8)))
    (one_readable_class / "b").mkdir()
    (one_readable_class / "b" / "x.png").write_bytes(b"junk")
    with pytest.raises(DataError, match=r"readable images in at least two classes \(found 1\)"):
        load_dataset("folder", one_readable_class)


def test_folder_cancel(tmp_path):
    root = tmp_path / "c"
    _numbered_folder(root, {"a": 3, "b": 3})
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        load_dataset("folder", root, input_size=8, cancel=cancel)


def test_unknown_dataset_name(tmp_path):
    with pytest.raises(DataError, match="unknown dataset"):
        load_dataset("imagenet", tmp_path)


# ---------------------------------------------------------------- Dataset.limited


def _toy_dataset(n_train=50, n_val=20) -> Dataset:
    train = ImageSet(torch.arange(n_train, dtype=torch.uint8).view(-1, 1, 1, 1).expand(-1, 1, 2, 2).clone(),
                     torch.arange(n_train) % 10)
    val = ImageSet(torch.arange(100, 100 + n_val, dtype=torch.uint8).view(-1, 1, 1, 1).expand(-1, 1, 2, 2).clone(),
                   torch.arange(n_val) % 10)
    return Dataset("toy", train, val, [str(i) for i in range(10)], flip_ok=False, skipped=2, notes=["n"])


def test_limited_picks_requested_counts():
    ds = _toy_dataset()
    small = ds.limited(12, 5, seed=1)
    assert len(small.train) == 12 and len(small.val) == 5
    ids = small.train.images[:, 0, 0, 0].long()
    assert ids.tolist() == sorted(set(ids.tolist()))  # distinct, in the original order
    assert small.train.labels.equal(ids % 10)  # labels stay with their images
    vids = small.val.images[:, 0, 0, 0].long()
    assert len(set(vids.tolist())) == 5 and small.val.labels.equal((vids - 100) % 10)
    assert (small.class_names, small.flip_ok, small.skipped, small.notes) == (ds.class_names, False, 2, ["n"])
    assert ds.limited(12, 5, seed=1).train.images.equal(small.train.images)  # seeded
    assert len({tuple(ds.limited(12, 5, seed=s).train.labels.tolist()) for s in range(5)}) > 1

    whole = ds.limited(None, 1000, seed=0)
    assert len(whole.train) == 50 and len(whole.val) == 20
    assert whole.train.images.equal(ds.train.images)


def test_limited_on_real_sample_keeps_classes_mixed():
    ds = load_dataset("sample").limited(200, 50, seed=0)
    assert len(ds.train) == 200 and len(ds.val) == 50
    assert torch.unique(ds.train.labels).numel() == 10


# ---------------------------------------------------------------- transforms


def test_to_model_input_range_shape_and_layout():
    images = torch.tensor([0, 255, 128], dtype=torch.uint8).view(1, 3, 1, 1).expand(2, 3, 8, 8).contiguous()
    x = to_model_input(images, 8)
    assert x.dtype == torch.float32 and tuple(x.shape) == (2, 3, 8, 8)
    assert x.is_contiguous(memory_format=torch.channels_last)
    assert torch.allclose(x[:, 0], torch.tensor(-1.0)) and torch.allclose(x[:, 1], torch.tensor(1.0))
    assert torch.allclose(x[:, 2], torch.tensor(128 / 127.5 - 1), atol=1e-6)
    assert images[0, 1, 0, 0] == 255  # the input is left alone

    y = to_model_input(images, 20, channels_last=False)
    assert tuple(y.shape) == (2, 3, 20, 20) and y.is_contiguous()
    assert not y.is_contiguous(memory_format=torch.channels_last)
    assert y.min() >= -1 - 1e-6 and y.max() <= 1 + 1e-6
    assert torch.allclose(y[:, 1], torch.tensor(1.0))  # a flat plane stays flat when resized

    rnd = torch.randint(0, 256, (3, 1, 28, 28), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))
    z = to_model_input(rnd, 12)
    assert tuple(z.shape) == (3, 1, 12, 12) and z.min() >= -1 - 1e-6 and z.max() <= 1 + 1e-6


def test_from_model_input_inverts():
    rnd = torch.randint(0, 256, (4, 3, 10, 10), dtype=torch.uint8, generator=torch.Generator().manual_seed(1))
    back = from_model_input(to_model_input(rnd, 10))
    assert back.dtype == torch.uint8 and back.equal(rnd)
    assert from_model_input(torch.tensor([[-5.0, 5.0]])).tolist() == [[0, 255]]  # clamped


def test_to_model_input_does_not_modify_float_input():
    # For a float32 input already at input_size, images.float() is the same tensor: the
    # normalisation must not change the caller's tensor in place.
    images = torch.full((1, 3, 4, 4), 255.0)
    x = to_model_input(images, 4)
    assert torch.allclose(x, torch.tensor(1.0))
    assert images.max() == 255.0


def _bright_pixel_batch(n=64, size=16, r=8, c=6):
    img = torch.zeros(n, 1, size, size, dtype=torch.uint8)
    img[:, :, r, c] = 255
    return img


def test_augment_is_seeded_and_keeps_shape():
    images = torch.randint(0, 256, (8, 3, 12, 12), dtype=torch.uint8, generator=torch.Generator().manual_seed(2))
    a = augment(images, torch.Generator().manual_seed(7), pad=2, flip=True)
    b = augment(images, torch.Generator().manual_seed(7), pad=2, flip=True)
    assert a.dtype == torch.float32 and a.shape == images.shape
    assert a.equal(b)
    assert 0 <= float(a.min()) and float(a.max()) <= 255
    c = augment(images, torch.Generator().manual_seed(8), pad=2, flip=True)
    assert not a.equal(c)


def test_augment_without_pad_or_flip_is_identity_and_flip_only_when_asked():
    g = torch.Generator().manual_seed(0)
    images = _bright_pixel_batch()
    assert augment(images, g, pad=0, flip=False).equal(images.float())
    flipped = augment(images, g, pad=0, flip=True)
    same = (flipped == images.float()).flatten(1).all(1)
    mirrored = (flipped == images.float().flip(-1)).flatten(1).all(1)
    assert (same | mirrored).all()  # each image either untouched or mirrored
    assert same.any() and mirrored.any()
    # With padding but no flip, nothing is ever mirrored: the pixel stays on its side.
    cropped = augment(images, torch.Generator().manual_seed(0), pad=1, flip=False)
    cols = cropped[:, 0].amax(1).argmax(1)
    assert cols.min() >= 5 and cols.max() <= 7


@pytest.mark.parametrize("pad", [1, 3])
def test_augment_crop_shifts_by_at_most_pad(pad):
    r, c = 8, 6
    images = _bright_pixel_batch(r=r, c=c)
    out = augment(images, torch.Generator().manual_seed(5), pad=pad, flip=False)
    shifts = set()
    for img in out[:, 0]:
        where = torch.nonzero(img == 255)
        assert len(where) == 1 and int(img.sum()) == 255  # the one pixel, moved, nothing else
        dr, dc = int(where[0, 0]) - r, int(where[0, 1]) - c
        assert abs(dr) <= pad and abs(dc) <= pad
        shifts.add((dr, dc))
    assert len(shifts) > 1  # the crop does move content
