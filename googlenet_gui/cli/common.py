"""What every command shares: one line for an error, and output that never crashes on a name."""
from __future__ import annotations

import sys


def error(message: str) -> None:
    from ..core.common.text import printable

    print(f"error: {printable(message)}", file=sys.stderr)


def tolerate_unencodable_output() -> None:
    """A file or class name the terminal's encoding cannot show is escaped, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def count(n: int, noun: str) -> str:
    """'1 epoch', '3 epochs'."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


CHECKPOINT_HELP = ("the weights: a run's checkpoint (last.pt, best.pt, a saved copy), torchvision's GoogLeNet "
                   "state-dict file as it saves it (googlenet-1378be20.pth), or imagenet: GoogLeNet's ImageNet "
                   "weights (1000 classes) from torchvision's cache, downloaded there first if they are not")


def load_weights(spec: str):
    """What --checkpoint names, as (Checkpoint, name): see CHECKPOINT_HELP. ImageNet's weights are
    downloaded into torchvision's cache first when they are not there, with a progress bar.
    Raises the core's CheckpointError or DownloadError (one line each)."""
    from ..core.inference import imagenet

    ensure_imagenet(spec)
    return imagenet.load_weights(spec)


def ensure_imagenet(spec: str) -> None:
    """For --checkpoint imagenet: the weights downloaded into torchvision's cache when they are not there."""
    from ..core.inference import imagenet

    if str(spec).strip().lower() == imagenet.KEYWORD:
        cached = imagenet.cached_weights()
        if not cached.ready:
            download_imagenet(cached)


def download_imagenet(cached) -> None:
    """Download the ImageNet weights into torchvision's cache with a progress bar on stderr."""
    from tqdm import tqdm

    from ..core.inference import imagenet
    from ..core.common.text import printable

    if cached.problem:
        print(f"note: {printable(cached.problem)}", file=sys.stderr, flush=True)
    print(f"downloading GoogLeNet's ImageNet weights to {printable(str(cached.path))}", file=sys.stderr, flush=True)
    bar = tqdm(unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr, leave=False, desc=imagenet.FILE_NAME)
    try:
        def progress(done: int, total: int, _message: str) -> None:
            if total and bar.total != total:
                bar.total = total
            bar.update(done - bar.n)

        imagenet.download_weights(progress)
    finally:
        bar.close()
