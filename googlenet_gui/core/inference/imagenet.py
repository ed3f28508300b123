"""GoogLeNet's ImageNet weights as a source of weights: found in torchvision's cache, downloaded
(with progress, cancel and torchvision's hash check), or read from a file the user picks.

The weights are torchvision's `GoogLeNet_Weights.IMAGENET1K_V1` (69.78% top-1, 89.53% top-5 on
ImageNet's validation set), the file `googlenet-1378be20.pth` torchvision keeps in
`<torch hub dir>/checkpoints/` and downloads from download.pytorch.org. This module reads that
file as torchvision saves it (a plain state dict), converts it to this app's network in
torchvision's layout (core/network/torchvision_weights.py) and gives a core Checkpoint: the
weights, ImageNet's 1000 class names (from torchvision's weights meta) and ImageNet's
preprocessing (resize 256, centre crop 224; the normalisation folded as the module docstring of
torchvision_weights.py explains), which travel with the weights into runs, checkpoints and
exports. The weights were not fitted with an outlier model: they carry no "unlike" flag.

The window's calls: `cached_weights()` (is the file here and whole? cheap after the first call),
`download_weights(progress, cancel)` on a worker thread, `load_imagenet()` (or `read_weights_file(path)`
for a file the user picked, which predict.Predictor.from_file also reads); the CLI's
`--checkpoint imagenet|FILE` goes through `load_weights`.
"""
from __future__ import annotations

import hashlib
import os
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..common.text import display_name
from ..data.download import DownloadError, ProgressFn, download_file
from ..data.transforms import Preprocess
from ..runs.checkpoint import Checkpoint, CheckpointError, read_payload
from ..runs.origin import IMAGENET, Origin

KEYWORD = "imagenet"  # --checkpoint imagenet
FILE_NAME = "googlenet-1378be20.pth"
URL = "https://download.pytorch.org/models/" + FILE_NAME  # GoogLeNet_Weights.IMAGENET1K_V1.url
HASH_PREFIX = "1378be20"  # torch.hub checks that the file's SHA-256 begins with the hex digits in its name
URL_VARIABLE = "GOOGLENET_IMAGENET_URL"  # another place to download the file from (a local mirror)
# ImageNet's preprocessing, as torchvision's weights.transforms(): resize 256, centre crop 224; its
# mean/std normalisation followed by the model's transform_input is (x - 0.5) / 0.5 on every channel
PREPROCESS = Preprocess(channels=3, input_size=224, stored_size=224, mean=0.5, std=0.5, resize=256)
NAME = QT_TRANSLATE_NOOP("Core", "GoogLeNet, ImageNet (1000 classes)")
WEIGHTS_ID = "torchvision GoogLeNet_Weights.IMAGENET1K_V1"


class ImageNetError(CheckpointError):
    """ImageNet weights that cannot be had (absent, damaged, not downloadable), with one line."""


@dataclass(frozen=True)
class CachedWeights:
    """What torchvision's cache holds: `path` is where the file is or would be."""

    path: Path
    ready: bool  # the file is there and its hash is torchvision's
    problem: str | None = None  # why a file that is there cannot be used (a Message)


def hub_dir() -> Path:
    """torch.hub's folder, as torch.hub.get_dir() finds it ($TORCH_HOME/hub, else
    $XDG_CACHE_HOME/torch/hub, else ~/.cache/torch/hub), without loading PyTorch for it."""
    torch = sys.modules.get("torch")
    if torch is not None:
        return Path(torch.hub.get_dir())
    home = os.getenv("TORCH_HOME", os.path.join(os.getenv("XDG_CACHE_HOME", "~/.cache"), "torch"))
    return Path(os.path.expanduser(home)) / "hub"


def cache_path() -> Path:
    """Where torchvision keeps the file (and where a download puts it)."""
    return hub_dir() / "checkpoints" / FILE_NAME


def cached_weights() -> CachedWeights:
    """Whether the ImageNet weights are in torchvision's cache and whole (SHA-256 checked once
    per file version: a second call for an unchanged file costs a stat)."""
    path = cache_path()
    try:
        info = path.stat()
    except OSError:
        return CachedWeights(path, False)
    if not path.is_file():
        return CachedWeights(path, False, Message(QT_TRANSLATE_NOOP("Core", "{file} is not a file"), file=str(path)))
    if not _hash_ok(str(path), info.st_size, info.st_mtime_ns):
        return CachedWeights(path, False, Message(
            QT_TRANSLATE_NOOP("Core", "{file} is damaged (its SHA-256 does not begin with {prefix}); download it again"),
            file=str(path), prefix=HASH_PREFIX))
    return CachedWeights(path, True)


@lru_cache(maxsize=8)
def _hash_ok(path: str, size: int, mtime_ns: int) -> bool:  # size and time: a rewritten file is hashed again
    return sha256_of(Path(path)).startswith(HASH_PREFIX)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download_weights(progress: ProgressFn | None = None, cancel: threading.Event | None = None,
                     url: str | None = None) -> Path:
    """Download the weights into torchvision's cache (where torchvision itself would put them),
    checking torchvision's hash; returns the path. `progress(bytes_done, bytes_total, message)`;
    setting `cancel` stops it (download.Cancelled) and leaves nothing behind. `url`: another
    place to fetch the same file from (default: $GOOGLENET_IMAGENET_URL, else torchvision's)."""
    url = url or os.environ.get(URL_VARIABLE) or URL
    dest = cache_path()
    # a name of its own while unverified, so neither torchvision nor cached_weights() takes it as whole
    partial = dest.with_name(dest.name + ".download")
    partial.unlink(missing_ok=True)
    download_file(url, partial, None, progress, cancel)  # DownloadError, or Cancelled, leave nothing behind
    try:
        if not sha256_of(partial).startswith(HASH_PREFIX):
            raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: the downloaded file is not torchvision's (its "
                                                                  "SHA-256 does not begin with {prefix})"),
                                        file=FILE_NAME, prefix=HASH_PREFIX))
        os.replace(partial, dest)
    except OSError as exc:
        raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{file}: cannot store the download ({reason})"),
                                    file=FILE_NAME, reason=exc.strerror or str(exc))) from None
    finally:
        partial.unlink(missing_ok=True)
    return dest


# ---------------------------------------------------------------- reading the weights


def class_names() -> list[str]:
    """ImageNet's 1000 class names, in the order of the network's outputs (torchvision's meta)."""
    from torchvision.models import GoogLeNet_Weights

    return list(GoogLeNet_Weights.IMAGENET1K_V1.meta["categories"])


def load_imagenet(path: str | os.PathLike | None = None) -> Checkpoint:
    """The ImageNet weights as a Checkpoint: from `path` (torchvision's file as it saves it), or
    from torchvision's cache (ImageNetError when they are not there or are damaged)."""
    if path is None:
        cached = cached_weights()
        if not cached.ready:
            raise ImageNetError(cached.problem or Message(
                QT_TRANSLATE_NOOP("Core", "the ImageNet weights are not downloaded yet ({file}); download them, or pick "
                                          "the file {name} if you have it"), file=str(cached.path), name=FILE_NAME))
        path = cached.path
    path = Path(path)
    return from_state_dict(read_payload(path), display_name(path))


def from_state_dict(state: Any, name: str) -> Checkpoint:
    """torchvision's GoogLeNet state dict (1000 classes) as a Checkpoint of ImageNet's weights."""
    from ..network.torchvision_weights import WeightsFormatError, convert_state

    try:
        config, converted = convert_state(state)
    except WeightsFormatError as exc:
        raise ImageNetError(Message(QT_TRANSLATE_NOOP("Core", "{name}: {problem}"), name=name, problem=exc.args[0])) from None
    names = class_names()
    if config.num_classes != len(names) or config.in_channels != 3:
        raise ImageNetError(Message(
            QT_TRANSLATE_NOOP("Core", "{name}: torchvision GoogLeNet weights for {classes} classes and {channels} channels, "
                                      "not ImageNet's 1000 and 3: their class names and preprocessing are not in the file"),
            name=name, classes=config.num_classes, channels=config.in_channels))
    # the Checkpoint's own checks (finite values, dense tensors) through its reader, as for any file
    payload = Checkpoint(config, converted, names, PREPROCESS,
                         origin=Origin(IMAGENET, WEIGHTS_ID, len(names))).to_payload()
    return Checkpoint.from_payload(payload, name)


def is_imagenet(checkpoint: Checkpoint) -> bool:
    """Whether these are the ImageNet weights themselves (not a run that started from them)."""
    return (checkpoint.origin is not None and checkpoint.origin.source == IMAGENET and checkpoint.train_config is None
            and checkpoint.model_config.num_classes == len(checkpoint.class_names) == 1000)


def load_weights(spec: str | os.PathLike) -> tuple[Checkpoint, str]:
    """What `--checkpoint` names: "imagenet" (torchvision's cache) or a file (read_weights_file);
    the Checkpoint and the name to call it by."""
    if str(spec).strip().lower() == KEYWORD:
        return load_imagenet(), Message(NAME)
    return read_weights_file(spec)


def read_weights_file(path: str | os.PathLike) -> tuple[Checkpoint, str]:
    """A GoogLeNet Studio checkpoint, or torchvision's GoogLeNet state-dict file as it saves it;
    the Checkpoint and the file's name. CheckpointError (one line) for anything else."""
    from ..network.torchvision_weights import is_torchvision_googlenet

    path = Path(path)
    name = display_name(path)
    payload = read_payload(path)
    if is_torchvision_googlenet(payload):
        return from_state_dict(payload, name), name
    return Checkpoint.from_payload(payload, name), name
