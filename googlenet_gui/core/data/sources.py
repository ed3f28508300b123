"""Dataset sources. Each gives uint8 images [N, C, h, w], int64 labels and class names.

Sources: the embedded `sample` (a Fashion-MNIST subset under resources/), `cifar10`,
`fashion-mnist`, `mnist` (local files or a download) and `folder` (one sub-folder per class).
Everything is decoded once into memory; batches are built on the training device with
the batched ops in transforms.py.

One piece: every source ends in the same decoded form, and their guards (sizes, counts, names) are shared.
"""
from __future__ import annotations

import gzip
import os
import pickle
import shutil
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import torch

from ... import resources_dir
from .catalog import SOURCES, SPLITS
from .folder import class_folders, image_files, split_roots
from .download import Cancelled, DownloadError, ProgressFn, download_from_mirrors, extract_tar
from .images import ImageLoadError, is_grayscale, open_image, prepare
from ..common.files import atomic_write
from ..common.messages import QT_TRANSLATE_NOOP, Message

FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
MNIST_CLASSES = [str(i) for i in range(10)]
CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
DEBIAN_FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
SAMPLE_FILE = "sample/fashion-mnist-sample.npz"


class DataError(RuntimeError):
    """Missing, empty or corrupt data, with a one-line message for the user."""


NOT_FOUND = QT_TRANSLATE_NOOP("Core", "{name}: {file} not found under {root} (download it, or pick the folder that "
                                      "holds it)")
NO_FOLDER_CHOSEN = Message(QT_TRANSLATE_NOOP("Core", "folder: choose the folder that holds one sub-folder per class"))


@dataclass
class ImageSet:
    images: torch.Tensor  # uint8 [N, C, h, w]
    labels: torch.Tensor  # int64 [N]

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def subset(self, indices: torch.Tensor) -> "ImageSet":
        return ImageSet(self.images[indices], self.labels[indices])


@dataclass
class Dataset:
    name: str
    train: ImageSet
    val: ImageSet
    class_names: list[str]
    flip_ok: bool  # whether a horizontal flip keeps an image's class (not for digits)
    skipped: int = 0  # unreadable files left out (image folders)
    notes: list[str] = field(default_factory=list)
    # an image folder's own test/ folder beside its val/ one, read only when asked for; None: the
    # held-out split (val) is also the test split, as for the built-in datasets
    test: ImageSet | None = None

    @property
    def channels(self) -> int:
        return int(self.train.images.shape[1])

    @property
    def stored_size(self) -> int:
        return int(self.train.images.shape[-1])

    def limited(self, max_train: int | None, max_val: int | None, seed: int) -> "Dataset":
        """At most this many images per split, a seeded random choice so classes stay mixed."""
        def cut(split: ImageSet, limit: int | None, offset: int) -> ImageSet:
            if not limit or limit >= len(split):
                return split
            g = torch.Generator().manual_seed(seed + offset)
            return split.subset(torch.randperm(len(split), generator=g)[:limit].sort().values)

        return Dataset(self.name, cut(self.train, max_train, 0), cut(self.val, max_val, 1), self.class_names,
                       self.flip_ok, self.skipped, list(self.notes), self.test)

    def split(self, name: str) -> ImageSet:
        """"val" (the held-out split the engine validates on) or "test" (the same, unless the
        folder has its own test/ folder beside val/)."""
        if name not in SPLITS:
            raise DataError(Message(QT_TRANSLATE_NOOP("Core", "unknown split {name!r}; choose one of: {choices}"), name=name,
                                    choices=", ".join(SPLITS)))
        return self.test if name == "test" and self.test is not None else self.val


def default_data_dir() -> Path:
    base = os.environ.get("GOOGLENET_DATA_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / ("" if os.environ.get("GOOGLENET_DATA_DIR") else "googlenet-studio/datasets")


# ---------------------------------------------------------------- sample


def load_sample() -> Dataset:
    path = resources_dir() / SAMPLE_FILE
    try:
        with np.load(path, allow_pickle=False) as z:
            train = ImageSet(torch.from_numpy(z["train_images"]).unsqueeze(1), torch.from_numpy(z["train_labels"]).long())
            val = ImageSet(torch.from_numpy(z["test_images"]).unsqueeze(1), torch.from_numpy(z["test_labels"]).long())
            names = [str(n) for n in z["class_names"]]
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "the built-in sample dataset cannot be read ({reason})"),
                                reason=str(exc))) from None
    return Dataset("sample", train, val, names, flip_ok=True)


# ---------------------------------------------------------------- MNIST and Fashion-MNIST (IDX files)

IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def _idx_folder(name: str) -> str:
    return {"fashion-mnist": "FashionMNIST", "mnist": "MNIST"}[name]


def _torchvision_class(name: str):
    from torchvision.datasets import MNIST, FashionMNIST

    return {"fashion-mnist": FashionMNIST, "mnist": MNIST}[name]


def _find_idx_file(name: str, root: Path, stem: str) -> Path | None:
    """The raw IDX file, decompressing a .gz (ours or Debian's) into <root>/<Folder>/raw/ once."""
    raw = root / _idx_folder(name) / "raw"
    for gz in _idx_candidates(name, root, stem):
        if gz.is_file() and gz.suffix != ".gz":
            return gz
        if gz.is_file():
            raw.mkdir(parents=True, exist_ok=True)

            def gunzip(dst: BinaryIO, gz: Path = gz) -> None:
                with gzip.open(gz, "rb") as src:
                    shutil.copyfileobj(src, dst, 1 << 20)

            try:
                atomic_write(raw / stem, gunzip, (gz,))
            except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
                raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{file}: cannot decompress ({reason})"), file=gz,
                                        reason=str(exc))) from None
            return raw / stem
    return None


def _idx_candidates(name: str, root: Path, stem: str) -> list[Path]:
    """Where an IDX file may be, in order: our raw folder, the data folder, Debian's package."""
    raw = root / _idx_folder(name) / "raw"
    places = [raw / stem, raw / f"{stem}.gz", root / f"{stem}.gz", root / stem]
    if name == "fashion-mnist":
        places.append(DEBIAN_FASHION_DIR / f"{stem}.gz")
    return places


def idx_available(name: str, root: Path) -> bool:
    return all(any(p.is_file() for p in _idx_candidates(name, root, s)) for s in IDX_FILES.values())


def load_idx(name: str, root: Path) -> Dataset:
    from torchvision.datasets.mnist import read_image_file, read_label_file

    arrays = {}
    for key, stem in IDX_FILES.items():
        path = _find_idx_file(name, root, stem)
        if path is None:
            raise DataError(Message(NOT_FOUND, name=name, file=stem, root=root))
        try:
            arrays[key] = read_image_file(str(path)) if "images" in key else read_label_file(str(path))
        except (AssertionError, RuntimeError, ValueError, IndexError, OSError, TypeError, KeyError) as exc:
            raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{file}: not a valid IDX file ({kind})"), file=path.name,
                                        kind=type(exc).__name__)) from None
    for split in ("train", "test"):
        if arrays[f"{split}_images"].shape[0] != arrays[f"{split}_labels"].shape[0]:
            raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: {split} images and labels differ in count"), name=name, split=split))
    classes = FASHION_CLASSES if name == "fashion-mnist" else MNIST_CLASSES
    train = ImageSet(arrays["train_images"].unsqueeze(1).contiguous(), arrays["train_labels"].long())
    val = ImageSet(arrays["test_images"].unsqueeze(1).contiguous(), arrays["test_labels"].long())
    _check_labels(name, [train, val], len(classes))
    return Dataset(name, train, val, classes, flip_ok=(name == "fashion-mnist"))


def _check_labels(name: str, splits: list[ImageSet], num_classes: int) -> None:
    for split in splits:
        if len(split) and (int(split.labels.min()) < 0 or int(split.labels.max()) >= num_classes):
            raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: labels outside 0..{last}; the files are corrupt"), name=name,
                                    last=num_classes - 1))


# ---------------------------------------------------------------- CIFAR-10 (python pickles)

CIFAR_FOLDER = "cifar-10-batches-py"
CIFAR_TRAIN = [f"data_batch_{i}" for i in range(1, 6)]
CIFAR_TEST = ["test_batch"]


class _SafeUnpickler(pickle.Unpickler):
    """CIFAR batches are pickled dicts of numpy arrays; nothing else may be constructed."""

    ALLOWED = {
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.multiarray", "scalar"),
        ("numpy._core.multiarray", "scalar"),
        ("_codecs", "encode"),
    }

    def find_class(self, module: str, name: str):
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}")


def _read_cifar_batch(path: Path) -> tuple[np.ndarray, np.ndarray]:
    try:
        with open(path, "rb") as f:
            entry = _SafeUnpickler(f, encoding="latin1").load()
        data = np.asarray(entry["data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
        labels = np.asarray(entry.get("labels", entry.get("fine_labels")), dtype=np.int64)
    except (pickle.UnpicklingError, KeyError, ValueError, TypeError, EOFError, AttributeError, OSError) as exc:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{file}: not a valid CIFAR-10 batch ({reason})"), file=path.name,
                                reason=str(exc)[:80])) from None
    if len(data) != len(labels):
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{file}: images and labels differ in count"), file=path.name))
    return data, labels


def _cifar_dir(root: Path) -> Path:
    return root / CIFAR_FOLDER if (root / CIFAR_FOLDER).is_dir() else root


def cifar_available(root: Path) -> bool:
    folder = _cifar_dir(root)
    return all((folder / f).is_file() for f in CIFAR_TRAIN + CIFAR_TEST)


def load_cifar10(root: Path) -> Dataset:
    folder = _cifar_dir(root)
    missing = [f for f in CIFAR_TRAIN + CIFAR_TEST if not (folder / f).is_file()]
    if missing:
        raise DataError(Message(NOT_FOUND, name="cifar10", file=missing[0], root=root))

    def read(files: list[str]) -> ImageSet:
        parts = [_read_cifar_batch(folder / f) for f in files]
        return ImageSet(torch.from_numpy(np.concatenate([p[0] for p in parts])),
                        torch.from_numpy(np.concatenate([p[1] for p in parts])))

    train, val = read(CIFAR_TRAIN), read(CIFAR_TEST)
    _check_labels("cifar10", [train, val], 10)
    return Dataset("cifar10", train, val, list(CIFAR10_CLASSES), flip_ok=True)


# ---------------------------------------------------------------- image folders

def _list_images(root: Path, classes: list[str]) -> list[tuple[Path, int]]:
    items = []
    for idx, cls in enumerate(classes):
        if (root / cls).is_dir():
            items.extend((path, idx) for path in image_files(root / cls))
    return items


def load_folder(
    root: Path,
    size: int,
    val_fraction: float = 0.1,
    seed: int = 0,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    include_test: bool = False,
    resize: int | None = None,
) -> Dataset:
    """Images in <root>/<class>/..., or <root>/train/<class>/ with <root>/val/<class>/.

    Every image is decoded once, resized and centre-cropped to `size` (with `resize`, ImageNet's
    way: images.prepare); unreadable files are skipped and counted. Without a separate validation folder, `val_fraction` of each class
    is held out (seeded). `include_test`: also read <root>/test/<class>/ when it is there
    beside a validation folder of another name (Dataset.test).
    """
    root = Path(root)
    if not root.is_dir():
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: folder not found"), folder=root))
    train_root, val_root = split_roots(root)
    classes = [p.name for p in class_folders(train_root)]
    if len(classes) < 2:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: needs at least two class sub-folders with images (found {found})"),
                                folder=train_root, found=len(classes)))
    train_items = _list_images(train_root, classes)
    val_items = _list_images(val_root, classes) if val_root else []
    if not train_items:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: no image files in its class folders"), folder=train_root))

    decoded, gray = _decode_all(train_items + val_items, size, progress, cancel, resize)
    channels = 1 if gray else 3
    skipped = sum(t is None for t in decoded)

    def gather(items: list[tuple[Path, int]], tensors: list[torch.Tensor | None]) -> ImageSet:
        kept = [(t[:channels], label) for t, (_, label) in zip(tensors, items) if t is not None]
        if not kept:
            return ImageSet(torch.zeros(0, channels, size, size, dtype=torch.uint8), torch.zeros(0, dtype=torch.long))
        return ImageSet(torch.stack([t for t, _ in kept]), torch.tensor([label for _, label in kept]))

    train = gather(train_items, decoded[: len(train_items)])
    if len(train) == 0:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: none of the {count} image files could be read"), folder=root,
                                count=skipped))
    present = torch.unique(train.labels).numel()
    if present < 2:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: needs readable images in at least two classes (found {found})"),
                                folder=train_root, found=present))
    if val_root is not None:
        val = gather(val_items, decoded[len(train_items):])
    else:
        train, val = _split_per_class(train, val_fraction, seed)
    notes = [Message(QT_TRANSLATE_NOOP("Core", "{count} unreadable image file skipped"), count=skipped) if skipped == 1
             else Message(QT_TRANSLATE_NOOP("Core", "{count} unreadable image files skipped"), count=skipped)] if skipped else []
    test = None
    test_root = root / "test"
    if include_test and val_root is not None and val_root.name != "test" and test_root.is_dir():
        test_items = _list_images(test_root, classes)
        test_decoded, _ = _decode_all(test_items, size, progress, cancel, resize)
        test = gather(test_items, [None if t is None else _luma(t) if channels == 1 else t for t in test_decoded])
    return Dataset(f"folder:{root.name}", train, val, classes, flip_ok=True, skipped=skipped, notes=notes, test=test)


def _luma(rgb: torch.Tensor) -> torch.Tensor:
    """An RGB uint8 [3, h, w] image as grayscale [1, h, w] with Pillow's "L" weights (a colour
    image in the test folder of a grayscale dataset)."""
    weights = torch.tensor([299, 587, 114], dtype=torch.int32)[:, None, None]
    return ((rgb.int() * weights).sum(0, keepdim=True) + 500).div(1000, rounding_mode="floor").to(torch.uint8)


def _decode_one(path: Path, size: int, resize: int | None = None) -> tuple[torch.Tensor | None, bool]:
    try:
        img = open_image(path, target_size=None if resize else size)  # whole, as torchvision, for ImageNet's way
        gray = is_grayscale(img)
        return prepare(img, 3, size, resize), gray
    except (ImageLoadError, OSError, ValueError):
        return None, True


def _decode_all(
    items: list[tuple[Path, int]], size: int, progress: ProgressFn | None, cancel: threading.Event | None,
    resize: int | None = None,
) -> tuple[list[torch.Tensor | None], bool]:
    """Decode in a thread pool (Pillow releases the GIL while decoding). Returns one tensor per
    item (None where unreadable) and whether every readable image was grayscale."""
    results: list[torch.Tensor | None] = []
    all_gray = True
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        for i, (tensor, gray) in enumerate(pool.map(lambda item: _decode_one(item[0], size, resize), items)):
            if cancel is not None and cancel.is_set():
                pool.shutdown(wait=False, cancel_futures=True)
                raise Cancelled()
            results.append(tensor)
            all_gray = all_gray and gray
            if progress and (i % 64 == 0 or i + 1 == len(items)):
                progress(i + 1, len(items), "reading images")
    return results, all_gray


def _split_per_class(data: ImageSet, val_fraction: float, seed: int) -> tuple[ImageSet, ImageSet]:
    """Hold out val_fraction of each class (at least one image where a class has two or more)."""
    g = torch.Generator().manual_seed(seed)
    train_idx, val_idx = [], []
    for label in torch.unique(data.labels).tolist():
        idx = torch.nonzero(data.labels == label).flatten()
        idx = idx[torch.randperm(len(idx), generator=g)]
        n_val = 0 if val_fraction <= 0 or len(idx) < 2 else max(1, round(len(idx) * val_fraction))
        val_idx.append(idx[:n_val])
        train_idx.append(idx[n_val:])
    return data.subset(torch.cat(train_idx).sort().values), data.subset(torch.cat(val_idx).sort().values)


# ---------------------------------------------------------------- one entry point


def describe(name: str, data_dir: Path | None, input_size: int) -> tuple[list[str], int, int]:
    """Class names, channels and stored image side of a source, without reading its images
    (for an untrained network before the first run)."""
    if name in ("sample", "fashion-mnist"):
        return list(FASHION_CLASSES), SOURCES[name].channels, 28
    if name == "mnist":
        return list(MNIST_CLASSES), SOURCES[name].channels, 28
    if name == "cifar10":
        return list(CIFAR10_CLASSES), SOURCES[name].channels, 32
    if name == "folder":
        if not data_dir or not Path(data_dir).is_dir():
            raise DataError(NO_FOLDER_CHOSEN)
        root = Path(data_dir)
        train_root = root / "train" if (root / "train").is_dir() else root
        classes = [p.name for p in class_folders(train_root)]
        if len(classes) < 2:
            raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: needs at least two class sub-folders (found {found})"),
                                    folder=train_root, found=len(classes)))
        return classes, SOURCES[name].channels, input_size
    raise DataError(Message(QT_TRANSLATE_NOOP("Core", "unknown dataset {name!r}"), name=name))


def found_in(name: str, data_dir: Path | None = None) -> Path | None:
    """The folder a downloadable dataset's files were found in (None when they are not here)."""
    root = Path(data_dir) if data_dir else default_data_dir()
    if name == "cifar10":
        return _cifar_dir(root) if cifar_available(root) else None
    if name in ("fashion-mnist", "mnist") and idx_available(name, root):
        first = next(p for p in _idx_candidates(name, root, IDX_FILES["train_images"]) if p.is_file())
        return first.parent
    return None


def mirrors_from_environment() -> list[str] | None:
    """GOOGLENET_DATASET_MIRRORS: space-separated base URLs to download from instead of the usual
    ones (a local mirror; tests)."""
    value = os.environ.get("GOOGLENET_DATASET_MIRRORS", "").split()
    return value or None


def is_available(name: str, data_dir: Path | None = None) -> bool:
    """Whether `name` can be loaded without a download."""
    root = Path(data_dir) if data_dir else default_data_dir()
    if name == "cifar10":
        return cifar_available(root)
    if name in ("fashion-mnist", "mnist"):
        return idx_available(name, root)
    return name in SOURCES


def download(
    name: str,
    data_dir: Path | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    mirrors: list[str] | None = None,
    checksums: dict[str, str] | None = None,
) -> None:
    """Fetch a downloadable dataset into data_dir. `mirrors` and `checksums` (file name -> MD5)
    default to torchvision's own lists."""
    root = Path(data_dir) if data_dir else default_data_dir()
    mirrors = mirrors or mirrors_from_environment()
    if name == "cifar10":
        from torchvision.datasets import CIFAR10

        base, filename = CIFAR10.url.rsplit("/", 1)
        md5 = (checksums or {CIFAR10.filename: CIFAR10.tgz_md5}).get(filename)
        archive = download_from_mirrors(mirrors or [base], filename, root, md5, progress, cancel)
        if progress:
            progress(0, 0, Message(QT_TRANSLATE_NOOP("Core", "extracting {file}"), file=filename))
        extract_tar(archive, root)
        if not cifar_available(root):
            raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: the archive does not hold the CIFAR-10 batches"), file=filename))
        archive.unlink(missing_ok=True)
    elif name in ("fashion-mnist", "mnist"):
        cls = _torchvision_class(name)
        raw = root / _idx_folder(name) / "raw"
        sums = checksums or dict(cls.resources)
        for stem in IDX_FILES.values():
            if (raw / stem).is_file():
                continue
            download_from_mirrors(mirrors or list(cls.mirrors), f"{stem}.gz", raw, sums.get(f"{stem}.gz"), progress, cancel)
            _find_idx_file(name, root, stem)  # decompress now: a bad archive fails here, not later
    else:
        raise DataError(Message(QT_TRANSLATE_NOOP("Core", "{name}: nothing to download"), name=name))


def load_dataset(
    name: str,
    data_dir: Path | None = None,
    input_size: int = 96,
    val_fraction: float = 0.1,
    seed: int = 0,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    include_test: bool = False,
    resize: int | None = None,
) -> Dataset:
    """Load a dataset by source name. For `folder`, data_dir is the image folder itself;
    `include_test` also reads its own test/ folder and `resize` prepares its images ImageNet's
    way (see load_folder)."""
    if name == "sample":
        return load_sample()
    if name == "folder":
        if not data_dir:
            raise DataError(NO_FOLDER_CHOSEN)
        return load_folder(Path(data_dir), input_size, val_fraction, seed, progress, cancel, include_test, resize)
    root = Path(data_dir) if data_dir else default_data_dir()
    if name == "cifar10":
        return load_cifar10(root)
    if name in ("fashion-mnist", "mnist"):
        return load_idx(name, root)
    raise DataError(Message(QT_TRANSLATE_NOOP("Core", "unknown dataset {name!r}; choose one of: {choices}"), name=name,
                            choices=", ".join(SOURCES)))
