"""Batched tensor preprocessing shared by training, validation and classification.

Images are stored as uint8 [N, C, h, w] (on the training device). Each batch is turned into
the network's input here, as whole-batch tensor ops: no per-image PIL work in the loop.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

# The reference normalisation: mean 0.5 and std 0.5 for every channel, so inputs lie in [-1, 1].
MEAN = 0.5
STD = 0.5


@dataclass(frozen=True)
class Preprocess:
    """How a stored image becomes the network's input; stored in every checkpoint and export.

    channels: 1 or 3; stored_size: the side images are kept at (28 for Fashion-MNIST, 32 for
    CIFAR-10, the input size for image folders); input_size: the side the network sees;
    mean and std: the normalisation, in 0..1 units. resize: None for the app's own way (the
    shorter side resized to stored_size and the centre square cut out), or ImageNet's (the
    shorter side resized to `resize`, 256, and the centre stored_size square, 224, cut out of that,
    exactly as torchvision's Resize + CenterCrop do it).
    """

    channels: int
    input_size: int
    stored_size: int
    mean: float = MEAN
    std: float = STD
    resize: int | None = None

    @property
    def decode_size(self) -> int | None:
        """The side a big JPEG may be decoded at (a reduced scale, much faster), or None: decoded
        whole, as torchvision decodes it, where the preprocessing is ImageNet's."""
        return None if self.resize else self.stored_size


def to_model_input(images: torch.Tensor, input_size: int, channels_last: bool = True,
                   mean: float = MEAN, std: float = STD) -> torch.Tensor:
    """uint8 or float (0..255) batch [N, C, h, w] -> normalised float32 [N, C, S, S]."""
    x = images.float()
    if x.shape[-2:] != (input_size, input_size):
        downsampling = x.shape[-1] > input_size or x.shape[-2] > input_size
        x = F.interpolate(x, size=(input_size, input_size), mode="bilinear", align_corners=False, antialias=downsampling)
    x = x * (1.0 / (255.0 * std)) - mean / std  # out of place: never changes the caller's tensor
    if channels_last:
        x = x.contiguous(memory_format=torch.channels_last)
    return x


def from_model_input(x: torch.Tensor, mean: float = MEAN, std: float = STD) -> torch.Tensor:
    """The inverse of the normalisation: what the network sees, as uint8 [N, C, S, S]."""
    return (x.float() * std + mean).mul(255.0).round_().clamp_(0, 255).to(torch.uint8).contiguous()


def network_views(images: torch.Tensor, input_size: int, side: int | None = None) -> torch.Tensor:
    """What the network sees of uint8 images [N, C, h, w] (to_model_input's resize), as uint8
    [N, C, s, s]: s = input_size, or `side` when that is smaller (thumbnails)."""
    view = from_model_input(to_model_input(images, input_size, channels_last=False))
    if side is not None and side < input_size:
        small = F.interpolate(view.float(), size=(side, side), mode="bilinear", align_corners=False, antialias=True)
        view = small.round_().clamp_(0, 255).to(torch.uint8)
    return view


def augment(images: torch.Tensor, generator: torch.Generator, pad: int, flip: bool,
            part: slice | None = None, batch_size: int | None = None) -> torch.Tensor:
    """Random crop with reflection padding and optional horizontal flip, per image, as batch ops.

    The random numbers come from `generator` (on the CPU) so a seeded run is reproducible on
    any device; the result is float, still in 0..255. `images` may be one `part` of a batch of
    `batch_size` images (a process's part under torchrun): the numbers are drawn for the whole
    batch, so the generator advances the same way at any split and each image gets the crop and
    flip it would get in one process, and only the part's images are cropped and flipped.
    """
    n, _, h, w = images.shape
    if part is None:
        part, batch_size = slice(0, n), n
    x = images.float()
    if pad > 0:
        padded = F.pad(x, (pad, pad, pad, pad), mode="reflect")
        drawn = torch.randint(0, 2 * pad + 1, (2, batch_size), generator=generator)
        offsets = drawn[:, part].to(images.device, non_blocking=True)
        rows = offsets[0][:, None] + torch.arange(h, device=images.device)  # [N, h]
        cols = offsets[1][:, None] + torch.arange(w, device=images.device)  # [N, w]
        batch = torch.arange(n, device=images.device)[:, None, None]
        # Advanced indexing puts the indexed dims first: [N, h, w, C] -> [N, C, h, w]
        x = padded[batch, :, rows[:, :, None], cols[:, None, :]].permute(0, 3, 1, 2)
    if flip:
        mask = (torch.rand(batch_size, generator=generator)[part] < 0.5).to(images.device, non_blocking=True)
        x = torch.where(mask[:, None, None, None], x.flip(-1), x)
    return x


def augment_padding(source_size: int) -> int:
    """4 pixels at CIFAR's 32: one eighth of the stored image side."""
    return max(1, round(source_size / 8))
