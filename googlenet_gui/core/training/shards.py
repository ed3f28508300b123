"""The images a training process holds on its device: the whole dataset, or under torchrun its shard.

Every process loads the whole dataset into host memory (the host copy); what goes to the training
device depends on the number of processes:
- One process keeps the whole training and validation sets on its device for the whole run and
  indexes each batch out of them with the epoch's shuffle.
- Under torchrun each rank holds only what it trains and validates on. At the start of an epoch
  (and on a resume, from the stored shuffle) it picks from the host copy its part of every batch
  of that epoch, in order, and moves just those images to its device, so each batch is a
  contiguous slice of the shard; its part of the validation set is moved once. The shuffle is
  the run's one seeded permutation, so the global batches are the same at any scale. On CPUs
  (gloo) the device is the host: a rank's shard is then a copy of about 1/N of the training set
  beside the host copy, and its validation part is a view of the host copy.
"""
from __future__ import annotations

from typing import NamedTuple

import torch

from ..data.sources import Dataset, ImageSet
from .distributed import Distributed


class ShardBatch(NamedTuple):
    """One step's data on this process: its part of the global batch."""

    images: torch.Tensor  # uint8 [part, C, h, w] on the device
    labels: torch.Tensor  # int64 [part] on the device
    size: int  # the global batch's size
    part: slice  # where this process's images lie in the global batch


class TrainingShard:
    """This process's training images on its device, and where each batch of an epoch lies in them."""

    def __init__(self, train: ImageSet, batch_size: int, steps_per_epoch: int, device: torch.device,
                 distributed: Distributed):
        self.host = train
        self.batch_size = batch_size
        self.steps_per_epoch = steps_per_epoch
        self.device = device
        self.distributed = distributed
        self.images: torch.Tensor | None = None
        self.labels: torch.Tensor | None = None
        self._order: torch.Tensor | None = None  # one process: the epoch's shuffle, on the device
        # under torchrun: each batch's global size and where its part starts in the shard, from `_first` on
        self._sizes: list[int] = []
        self._starts: list[int] = []
        self._first = 0
        if not distributed.enabled:
            # One process: its shard would be the whole set again, copied every epoch (to a GPU: the
            # whole set over the bus) with nothing saved; so the set goes to the device once, as
            # uint8, and each batch is indexed out of it (on the CPU `.to` copies nothing).
            self.images = train.images.to(device)
            self.labels = train.labels.to(device)

    def _batch_indices(self, permutation: torch.Tensor, b: int) -> torch.Tensor:
        return permutation[b * self.batch_size: (b + 1) * self.batch_size]

    def start_epoch(self, permutation: torch.Tensor, first_batch: int = 0) -> None:
        """Get ready to train the batches from `first_batch` on of the epoch shuffled by `permutation`
        (a CPU tensor: the order of the host copy's images)."""
        if not self.distributed.enabled:
            self._order = permutation.to(self.device)
            return
        batches = [self._batch_indices(permutation, b) for b in range(first_batch, self.steps_per_epoch)]
        picks = [indices[self.distributed.part(len(indices))] for indices in batches]
        self._first = first_batch
        self._sizes = [len(indices) for indices in batches]
        self._starts = [0]
        for mine in picks:
            self._starts.append(self._starts[-1] + len(mine))
        index = torch.cat(picks) if picks else torch.zeros(0, dtype=torch.long)
        self.images = self.labels = None  # the last epoch's shard goes before this one arrives
        self.images = self.host.images[index].to(self.device)
        self.labels = self.host.labels[index].to(self.device)

    def batch(self, b: int) -> ShardBatch:
        """Batch `b` of the epoch (counted from 0): this process's part of it, on the device."""
        if not self.distributed.enabled:
            indices = self._batch_indices(self._order, b)
            return ShardBatch(self.images[indices], self.labels[indices], len(indices), slice(0, len(indices)))
        i = b - self._first
        size, where = self._sizes[i], slice(self._starts[i], self._starts[i + 1])
        return ShardBatch(self.images[where], self.labels[where], size, self.distributed.part(size))


def validation_shard(val: ImageSet, device: torch.device, distributed: Distributed) -> torch.Tensor:
    """This process's contiguous part of the validation images, on its device (all of them for one process)."""
    return val.images[distributed.part(len(val))].to(device)


def device_bytes(dataset: Dataset, distributed: Distributed) -> int:
    """About how many bytes of images a process holds on its device: the whole sets, or its shards."""
    def held(split: ImageSet) -> int:
        per_image = split.images[:1].numel()
        return per_image * max(distributed.sizes(len(split)))

    return held(dataset.train) + held(dataset.val)
