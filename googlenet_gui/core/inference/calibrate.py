"""A live run's weights within an epoch, made to answer and flag as if the run had saved them now.

A snapshot taken between two epoch ends has BatchNorm running statistics that lag its weights
and no outlier model fitted for it (the run fits one at each epoch's end, and at each save).
`calibrated` gives a copy of its Predictor with both: the statistics recomputed from training
images and a model fitted on the validation images, exactly as a save at that step would give.
It costs a forward pass over up to REFRESH_IMAGES training and ood.MAX_FITTED validation
images (seconds on a CPU), so the window does not: between epoch ends it answers with the live
weights without a flag and says why (Prediction.flag). benchmarks/short_run_honesty.py uses it to
measure how far such answers are from what a save at that step would give.
"""
from __future__ import annotations

import threading

import torch

from ..data.download import Cancelled
from ..data.sources import ImageSet
from ..network import ood
from ..network.architecture import training_blocks
from ..network.batchnorm import REFRESH_IMAGES, batches_of, batchnorm_layers, refresh_batchnorm
from .predict import Predictor, model_input

BATCH = 64  # images per forward pass


@torch.no_grad()
def calibrated(predictor: Predictor, train: ImageSet, val: ImageSet, train_layers: str = "all", seed: int = 0,
               cancel: threading.Event | None = None) -> Predictor:
    """A copy of `predictor` whose BatchNorm statistics (of the blocks `train_layers` trains:
    the run's TrainConfig.train_layers) are recomputed from up to REFRESH_IMAGES of `train` (a
    seeded choice) and whose outlier model is fitted on `val` for exactly these weights.
    `predictor` is not changed (other threads may be using it); one that has a model fitted for
    its weights already (an epoch's end, a last-layer-only run) is returned as it is. Setting
    `cancel` raises download.Cancelled between batches."""
    if predictor.outliers is not None:
        return predictor

    def check() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()

    model = predictor.model
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    copy = Predictor.from_state(model.config, state, predictor.class_names, predictor.preprocess, predictor.trained,
                                predictor.description)
    copy.taken_at, copy.position, copy.name, copy.origin = predictor.taken_at, predictor.position, predictor.name, predictor.origin
    p = predictor.preprocess
    layers = batchnorm_layers([getattr(copy.model, name) for name in training_blocks(train_layers)])
    if layers and len(train) >= 2:
        chosen = torch.randperm(len(train), generator=torch.Generator().manual_seed(seed))[:REFRESH_IMAGES].sort().values

        def batches():
            for part in batches_of(train.images[chosen], BATCH):
                check()
                yield model_input(part, p)

        refresh_batchnorm(copy.model, batches(), layers)
    copy.model.eval()
    keep = ood.fitting_subset(len(val))
    index = torch.arange(len(val)) if keep is None else keep
    features: dict[str, list[torch.Tensor]] = {name: [] for name in ood.BLOCKS}
    for start in range(0, len(index), BATCH):
        check()
        _, blocks = copy.model.forward_keeping(model_input(val.images[index[start:start + BATCH]], p), ood.BLOCKS)
        for name, out in blocks.items():
            features[name].append(ood.pooled(out))
    if len(index):
        copy.outliers = ood.fit({name: torch.cat(parts) for name, parts in features.items()}, val.labels[index],
                                len(copy.class_names))
    return copy
