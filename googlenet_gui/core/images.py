"""Reading image files the same way for training folders and for classification.

Every failure a user can cause (not an image, truncated, too big, a folder, gone) becomes
an ImageLoadError with a one-line message; nothing else escapes.
"""
from __future__ import annotations

import os
import stat
import warnings
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import torch
from PIL import Image, ImageOps, UnidentifiedImageError

from .text import display_name, error_line

# Pillow's own guard against decompression bombs: images above this many pixels are refused.
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
# _decode refuses anything above MAX_PIXELS from the header, before decoding, so Pillow's warning
# for the same size says nothing new (and catching it per call is not thread-safe).
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class ImageLoadError(ValueError):
    """A file that cannot be used as an image, with a message fit for the user."""


def open_nonblocking(path: str, flags: int) -> int:
    # A named pipe would block open() until something writes to it; O_NONBLOCK returns at once
    # (and changes nothing for regular files), so the fstat check can refuse it.
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def open_image(path: str | os.PathLike, target_size: int | None = None) -> Image.Image:
    """Open and decode an image file: first frame, EXIF orientation applied.

    With target_size, a big JPEG is decoded at a reduced scale (draft mode) that is still at
    least target_size on its shorter side, which is much faster for large photos.
    """
    return read_image(path, target_size).image


@dataclass
class DecodedImage:
    image: Image.Image  # as open_image returns it (possibly decoded at a reduced scale)
    format: str  # the file's format as Pillow names it: "JPEG", "PNG", ...
    width: int  # the file's own size, before any reduced-scale decode or EXIF rotation
    height: int


def read_image(path: str | os.PathLike, target_size: int | None = None) -> DecodedImage:
    """open_image, also saying what the file is: its format and its full size."""
    name = display_name(path)
    with _open(path, name) as file:
        info = os.fstat(file.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise ImageLoadError(f"{name}: is a folder, not an image")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
            raise ImageLoadError(f"{name}: not a regular file")
        if info.st_size == 0:
            raise ImageLoadError(f"{name}: empty file (0 bytes)")
        return _decode(file, name, target_size)


def _open(path: str | os.PathLike, name: str) -> BinaryIO:
    try:
        return open(path, "rb", opener=open_nonblocking)
    except FileNotFoundError:
        raise ImageLoadError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise ImageLoadError(f"{name}: is a folder, not an image") from None
    except PermissionError:
        if os.path.isdir(path):  # Windows refuses to open a folder this way
            raise ImageLoadError(f"{name}: is a folder, not an image") from None
        raise ImageLoadError(f"{name}: permission denied") from None
    except (OSError, ValueError) as exc:  # a name too long, a loop of links, a NUL in the name
        raise ImageLoadError(f"{name}: cannot open ({_reason(exc)})") from None


def _decode(file: BinaryIO, name: str, target_size: int | None) -> DecodedImage:
    try:
        with Image.open(file) as img:
            # Only the header has been read: refuse a huge declared size before decoding.
            if img.width * img.height > MAX_PIXELS:
                raise ImageLoadError(
                    f"{name}: image too large ({img.width}x{img.height} pixels; the limit is {MAX_PIXELS:,} pixels)"
                )
            width, height, fmt = img.width, img.height, img.format or ""
            if target_size and img.format == "JPEG":
                img.draft("RGB" if img.mode not in ("L", "1") else "L", (target_size, target_size))
            img.load()
            img = ImageOps.exif_transpose(img)  # a new image, independent of the file
            img.load()
            return DecodedImage(img, fmt, width, height)
    except ImageLoadError:
        raise
    except Image.DecompressionBombError:
        raise ImageLoadError(f"{name}: image too large (over {MAX_PIXELS:,} pixels)") from None
    except UnidentifiedImageError:
        raise ImageLoadError(f"{name}: not an image format this app can read") from None
    except MemoryError:
        raise ImageLoadError(f"{name}: not enough memory to decode this image") from None
    except Exception as exc:  # noqa: BLE001 - Pillow's decoders raise many kinds on hostile files
        raise ImageLoadError(f"{name}: truncated or corrupt image ({error_line(exc, 120)})") from None


def _reason(exc: BaseException) -> str:
    """The OS's words for an OSError ('File name too long'), without the path it repeats."""
    return getattr(exc, "strerror", None) or error_line(exc, 120)


def is_grayscale(img: Image.Image) -> bool:
    return img.mode in ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "I;16N", "F") or (
        img.mode == "P" and _palette_is_gray(img)
    )


def _palette_is_gray(img: Image.Image) -> bool:
    palette = img.getpalette() or []
    rgb = np.asarray(palette[: 3 * 256]).reshape(-1, 3) if palette else np.zeros((0, 3))
    return bool(len(rgb)) and bool(np.all(rgb[:, 0] == rgb[:, 1]) and np.all(rgb[:, 1] == rgb[:, 2]))


def convert(img: Image.Image, channels: int) -> Image.Image:
    """To 8-bit 'L' (channels=1) or 'RGB' (channels=3). Transparency is composited on white;
    16-bit and float images are scaled to 8 bits rather than clipped."""
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        arr = np.asarray(img).astype(np.float64)
        top = 65535.0 if img.mode.startswith("I;16") or arr.max(initial=0) > 255 else 255.0
        if img.mode == "F":
            top = max(float(arr.max(initial=0)), 1.0)
        img = Image.fromarray(np.clip(arr / top * 255.0 + 0.5, 0, 255).astype(np.uint8))
    if img.mode == "P" and "transparency" in img.info:
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, rgba)
    return img.convert("L" if channels == 1 else "RGB")


THUMBNAIL_SIDE = 96


def thumbnail(img: Image.Image, side: int = THUMBNAIL_SIDE) -> np.ndarray:
    """What a person sees of an image: at most side x side pixels, aspect kept, transparency on
    white; uint8 [h, w] (grayscale) or [h, w, 3]. Made from the image already decoded, so a file
    is decoded once, by Pillow, behind the guards above."""
    small = convert(img, 1 if is_grayscale(img) else 3)
    small.thumbnail((side, side), Image.BILINEAR, reducing_gap=2.0)
    return np.asarray(small, dtype=np.uint8).copy()


def fit_square(img: Image.Image, size: int) -> Image.Image:
    """Resize the shorter side to `size` and crop the centre square, as Resize + CenterCrop do."""
    w, h = img.size
    if (w, h) == (size, size):
        return img
    scale = size / min(w, h)
    new_w, new_h = max(size, round(w * scale)), max(size, round(h * scale))
    img = img.resize((new_w, new_h), Image.BILINEAR, reducing_gap=3.0)
    left, top = (new_w - size) // 2, (new_h - size) // 2
    return img.crop((left, top, left + size, top + size))


def to_tensor_u8(img: Image.Image) -> torch.Tensor:
    """PIL 'L' or 'RGB' image -> uint8 tensor [C, H, W]."""
    arr = np.asarray(img, dtype=np.uint8)
    if arr.ndim == 2:
        arr = arr[:, :, None]
    return torch.from_numpy(arr.copy()).permute(2, 0, 1).contiguous()
