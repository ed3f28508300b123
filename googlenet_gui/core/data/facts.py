"""What one read of an image file says about it (FileFacts): its hash, size, whether it decodes,
grayscale or colour, and a 16x16 miniature. The dataset check works from these, and an import
fills them as it copies, so each file is decoded once."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

import numpy as np

from ..common.messages import QT_TRANSLATE_NOOP, Message, message_of
from ..common.text import display_name, error_line
from .images import NO_MEMORY, DecodedImage, ImageLoadError, convert, is_grayscale, read_image

MINIATURE_SIDE = 16  # the fingerprint: a 16x16 colour miniature
# Imports and checks decode a JPEG at 1/8 scale when that is still this big: enough for a
# difference hash and for telling grayscale from colour, and far cheaper than the full image.
CHECK_SIDE = 64


@dataclass
class FileFacts:
    """What one read of a file says about it."""

    path: str
    size: int  # bytes
    mtime_ns: int
    sha256: str = ""
    error: str = ""  # why it cannot be decoded ("" when it can)
    width: int = 0  # the file's own size in pixels
    height: int = 0
    grayscale: bool = False
    miniature: bytes = b""  # MINIATURE_SIDE x MINIATURE_SIDE x RGB, uint8

    @property
    def readable(self) -> bool:
        return not self.error

    def unchanged(self, st: os.stat_result) -> bool:
        return st.st_size == self.size and st.st_mtime_ns == self.mtime_ns


def inspect_file(path: str) -> FileFacts:
    """Read a file once: its hash, and whether and how it decodes."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return FileFacts(path, 0, 0, error=f"{os.path.basename(path)}: {getattr(exc, 'strerror', None) or exc}")
    digest = _sha256(path)
    try:
        decoded = read_image(path, target_size=CHECK_SIDE)
    except ImageLoadError as exc:
        return FileFacts(path, st.st_size, st.st_mtime_ns, digest, error=message_of(exc))
    try:
        facts = inspect_decoded(path, decoded, digest)
    except ImageLoadError as exc:
        return FileFacts(path, st.st_size, st.st_mtime_ns, digest, error=message_of(exc))
    facts.size, facts.mtime_ns = st.st_size, st.st_mtime_ns
    return facts


def inspect_decoded(path: str | os.PathLike, decoded: DecodedImage, sha256: str) -> FileFacts:
    """The facts of a file already decoded (an import decodes each file once). ImageLoadError when
    its pixels cannot be made 8-bit (out of memory, a conversion Pillow refuses)."""
    try:
        gray, small = is_grayscale(decoded.image), miniature(decoded.image)
    except MemoryError:
        raise ImageLoadError(Message(NO_MEMORY, name=display_name(path))) from None
    except Exception as exc:  # noqa: BLE001 - one odd image must not stop a check or an import
        raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: cannot convert this image ({reason})"),
                                     name=display_name(path), reason=error_line(exc, 120))) from None
    st = os.stat(path)
    return FileFacts(str(path), st.st_size, st.st_mtime_ns, sha256, "", decoded.width, decoded.height, gray, small)


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def miniature(img) -> bytes:
    """The picture at 16x16 RGB: what stays the same when a photo is resized, re-encoded or
    made a little brighter, and differs between two different pictures."""
    from PIL import Image

    side = MINIATURE_SIDE
    return np.asarray(convert(img, 3).resize((side, side), Image.BILINEAR, reducing_gap=2.0), dtype=np.uint8).tobytes()
