"""WeightsSnapshot: a CPU copy of a run's weights at one step, which the training loop publishes
and the classifiers read (core.inference.predict.Predictor.from_snapshot)."""
from __future__ import annotations

from dataclasses import dataclass

import torch

from ..data.transforms import Preprocess
from ..network import ood
from ..network.model import ModelConfig
from .events import Position
from .origin import Origin


@dataclass(frozen=True)
class WeightsSnapshot:
    """A CPU copy of a run's weights at one step, with what is needed to classify with them."""

    model_config: ModelConfig
    state: dict[str, torch.Tensor]
    class_names: list[str]
    preprocess: Preprocess
    position: Position
    taken_at: float  # time.monotonic() when it was copied
    outliers: ood.OutlierModel | None = None  # a model of "like the training data" fitted for exactly these weights
    outliers_pending: bool = False  # none yet for these weights: the run fits one at the end of the epoch
    origin: Origin | None = None  # where the run's first weights came from (None: random weights)

    @property
    def step(self) -> int:
        return self.position.step
