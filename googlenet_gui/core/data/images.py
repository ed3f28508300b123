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

from ..common.text import display_name, error_line
from ..common.messages import QT_TRANSLATE_NOOP, Message

# Pillow's own guard against decompression bombs: images above this many pixels are refused.
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
# And a bound on the memory the decoded pixels take (a small file can declare a huge 16-bit or
# float image): checked from the header, after a JPEG's reduced-scale decode is chosen.
MAX_DECODED_BYTES = 256 * 2**20
# Only these raster formats are decoded. Pillow can also read PostScript and EPS by running
# Ghostscript, an interpreter with no time limit (an endless loop in a file named .png hangs it);
# those, and every other format, are refused. Each format here is decoded by Pillow's own code in
# time proportional to its pixels, which the two limits above bound.
RASTER_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "DIB", "TIFF", "WEBP", "PPM", "ICO")  # JPEG includes MPO
# _decode refuses anything above MAX_PIXELS from the header, before decoding, so Pillow's warning
# for the same size says nothing new (and catching it per call is not thread-safe).
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class ImageLoadError(ValueError):
    """A file that cannot be used as an image, with a message fit for the user."""


A_FOLDER = QT_TRANSLATE_NOOP("Core", "{name}: is a folder, not an image")
NO_MEMORY = QT_TRANSLATE_NOOP("Core", "{name}: not enough memory to decode this image")


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
            raise ImageLoadError(Message(A_FOLDER, name=name))
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
            raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: not a regular file"), name=name))
        if info.st_size == 0:
            raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: empty file (0 bytes)"), name=name))
        return _decode(file, name, target_size)


def _open(path: str | os.PathLike, name: str) -> BinaryIO:
    try:
        return open(path, "rb", opener=open_nonblocking)
    except FileNotFoundError:
        raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: file not found"), name=name)) from None
    except IsADirectoryError:
        raise ImageLoadError(Message(A_FOLDER, name=name)) from None
    except PermissionError:
        if os.path.isdir(path):  # Windows refuses to open a folder this way
            raise ImageLoadError(Message(A_FOLDER, name=name)) from None
        raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: permission denied"), name=name)) from None
    except (OSError, ValueError) as exc:  # a name too long, a loop of links, a NUL in the name
        raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: cannot open ({reason})"), name=name, reason=_reason(exc))) from None


def _decode(file: BinaryIO, name: str, target_size: int | None) -> DecodedImage:
    try:
        # Not `with`: closing a Pillow image frees its pixels. The caller closes the file.
        img = Image.open(file, formats=RASTER_FORMATS)
        # Only the header has been read: refuse a huge declared size before decoding.
        if img.width * img.height > MAX_PIXELS:
            raise ImageLoadError(Message(
                QT_TRANSLATE_NOOP("Core", "{name}: image too large ({width}x{height} pixels; the limit is {limit:,} pixels)"),
                name=name, width=img.width, height=img.height, limit=MAX_PIXELS))
        width, height, fmt = img.width, img.height, img.format or ""  # before a reduced-scale decode
        if target_size and img.format in ("JPEG", "MPO"):
            img.draft("RGB" if img.mode not in ("L", "1") else "L", (target_size, target_size))
        decoded = img.width * img.height * _bytes_per_pixel(img.mode)
        if decoded > MAX_DECODED_BYTES:
            raise ImageLoadError(Message(
                QT_TRANSLATE_NOOP("Core", "{name}: image too large to decode safely ({width}x{height} {mode} pixels need "
                                          "{needed:,.0f} MiB; the limit is {limit:,.0f} MiB)"),
                name=name, width=img.width, height=img.height, mode=img.mode, needed=decoded / 2**20,
                limit=MAX_DECODED_BYTES / 2**20))
        img.load()
        ImageOps.exif_transpose(img, in_place=True)  # no copy of the pixels unless it must turn them
        return DecodedImage(img, fmt, width, height)
    except ImageLoadError:
        raise
    except Image.DecompressionBombError:
        raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: image too large (over {limit:,} pixels)"), name=name,
                                     limit=MAX_PIXELS)) from None
    except UnidentifiedImageError:
        raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: not an image format this app can read"), name=name)) from None
    except MemoryError:
        raise ImageLoadError(Message(NO_MEMORY, name=name)) from None
    except Exception as exc:  # noqa: BLE001 - Pillow's decoders raise many kinds on hostile files
        raise ImageLoadError(Message(QT_TRANSLATE_NOOP("Core", "{name}: truncated or corrupt image ({reason})"), name=name,
                                     reason=error_line(exc, 120))) from None


def _bytes_per_pixel(mode: str) -> int:
    """What Pillow keeps in memory per pixel of a decoded image in this mode."""
    if mode in ("1", "L", "P"):
        return 1
    if mode.startswith("I;16"):
        return 2
    return 4  # RGB, RGBA, LA, CMYK, I, F: four bytes a pixel in Pillow's memory


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


def flatten(img: Image.Image) -> Image.Image:
    """8-bit 'L' (grayscale sources) or 'RGB', at the image's own size: transparency composited on
    white, 16-bit and float images scaled to 8 bits rather than clipped. An image that is already
    'L' or 'RGB' is returned as it is."""
    if img.mode in ("L", "RGB"):
        return img
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        return _to_8_bit(img)
    if img.mode == "P" and "transparency" in img.info:
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, rgba)
    return img.convert("L" if is_grayscale(img) else "RGB")


def convert(img: Image.Image, channels: int) -> Image.Image:
    """To 8-bit 'L' (channels=1) or 'RGB' (channels=3), as flatten() makes them."""
    return flatten(img).convert("L" if channels == 1 else "RGB")


def prepare(img: Image.Image, channels: int, size: int, resize: int | None = None) -> torch.Tensor:
    """A decoded image as a dataset stores it: uint8 [channels, size, size], the shorter side
    resized to `size` and the centre square cut out; with `resize` (ImageNet's 256), the shorter
    side resized to `resize` and the centre `size` square cut out of that (resize_and_crop). The
    channels are made after resizing, so a big grayscale image is never widened to RGB at full size."""
    flat = flatten(img)
    square = fit_square(flat, size) if resize is None else resize_and_crop(flat, resize, size)
    return to_tensor_u8(square.convert("L" if channels == 1 else "RGB"))


def resize_and_crop(img: Image.Image, resize: int, size: int) -> Image.Image:
    """torchvision's Resize(resize) then CenterCrop(size) on a PIL image, pixel for pixel: the
    shorter side to `resize` (the longer one in proportion, rounded down), bilinear, then the centre
    size x size square (its corner rounded as torchvision rounds it).

    A very long image (more than 8:1) is not resized whole: only the part the crop keeps is
    resampled (Pillow's `box`, the same sample positions), so a 1 x 100,000 image never becomes a
    256 x 25,600,000 one first."""
    w, h = img.size
    if w <= h:
        new_w, new_h = resize, int(resize * h / w)
    else:
        new_w, new_h = int(resize * w / h), resize
    top, left = int(round((new_h - size) / 2.0)), int(round((new_w - size) / 2.0))
    if max(new_w, new_h) <= 8 * resize:
        resized = img if (new_w, new_h) == (w, h) else img.resize((new_w, new_h), Image.BILINEAR)
        return resized.crop((left, top, left + size, top + size))
    sx, sy = w / new_w, h / new_h
    return img.resize((size, size), Image.BILINEAR, box=(left * sx, top * sy, (left + size) * sx, (top + size) * sy))


def _to_8_bit(img: Image.Image) -> Image.Image:
    """A 16-bit, 32-bit or float image scaled to 8 bits ('L'), a band of rows at a time, so the
    extra memory is the 8-bit result and one band, not a float64 copy of the whole image."""
    low, high = img.getextrema()
    if img.mode == "F":
        top = max(float(high), 1.0)
    else:
        top = 65535.0 if img.mode.startswith("I;16") or high > 255 else 255.0
    width, height = img.size
    out = np.empty((height, width), dtype=np.uint8)
    band = max(1, (1 << 22) // max(width, 1))  # about 4 M pixels at a time
    for y in range(0, height, band):
        # a copy: np.asarray of a float image's band is a read-only view of Pillow's pixels
        rows = np.array(img.crop((0, y, width, min(height, y + band))), dtype=np.float32)
        rows *= 255.0 / top
        rows += 0.5
        np.clip(rows, 0, 255, out=rows)
        out[y:y + len(rows)] = rows
    return Image.fromarray(out)


THUMBNAIL_SIDE = 96


def thumbnail(img: Image.Image, side: int = THUMBNAIL_SIDE) -> np.ndarray:
    """What a person sees of an image: at most side x side pixels, aspect kept, transparency on
    white; uint8 [h, w] (grayscale) or [h, w, 3]. Made from the image already decoded, so a file
    is decoded once, by Pillow, behind the guards above."""
    small = flatten(img).copy()
    small.thumbnail((side, side), Image.BILINEAR, reducing_gap=2.0)
    return np.asarray(small, dtype=np.uint8).copy()


def fit_square(img: Image.Image, size: int) -> Image.Image:
    """Resize the shorter side to `size` and crop the centre square, as Resize + CenterCrop do.

    Only the centre square is resampled (Pillow's resize `box`), so a 1x100000 image becomes
    size x size directly, never a size x 22,400,000 image first."""
    w, h = img.size
    if (w, h) == (size, size):
        return img
    side = min(w, h)
    left, top = (w - side) / 2, (h - side) / 2
    return img.resize((size, size), Image.BILINEAR, box=(left, top, left + side, top + side), reducing_gap=3.0)


def to_tensor_u8(img: Image.Image) -> torch.Tensor:
    """PIL 'L' or 'RGB' image -> uint8 tensor [C, H, W]."""
    arr = np.asarray(img, dtype=np.uint8)
    if arr.ndim == 2:
        arr = arr[:, :, None]
    return torch.from_numpy(arr.copy()).permute(2, 0, 1).contiguous()
