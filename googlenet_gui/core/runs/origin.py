"""Where a run's first weights came from: GoogLeNet's ImageNet weights or another checkpoint
(TrainConfig.init), described when the run began. A run from random weights has none.

Stored in the run's checkpoints (Checkpoint.origin) and in metrics.jsonl's first record
(RunStarted.origin), so a resume, an evaluation, an export and the runs table can say how the
run began even when the file it started from is gone. Plain Python: no torch.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..common.messages import QT_TRANSLATE_NOOP, Message

IMAGENET = "imagenet"  # GoogLeNet's ImageNet weights (torchvision's GoogLeNet_Weights.IMAGENET1K_V1)
CHECKPOINT = "checkpoint"  # another run's checkpoint (or any weights file the app reads)
SOURCES = (IMAGENET, CHECKPOINT)
MAX_TEXT = 300


@dataclass(frozen=True)
class Origin:
    source: str  # IMAGENET or CHECKPOINT
    name: str  # the weights as they were described then: "ImageNet (torchvision IMAGENET1K_V1)", "best.pt (after epoch 3)"
    classes: int  # how many classes those weights answered
    dataset: str | None = None  # what they were trained on (a checkpoint's dataset); None for ImageNet

    def describe(self) -> Message:
        """'ImageNet weights (1000 classes)' or 'best.pt (after epoch 3), trained on fashion-mnist (10 classes)'."""
        if self.source == IMAGENET:
            return Message(QT_TRANSLATE_NOOP("Core", "ImageNet weights ({classes} classes)"), classes=self.classes)
        if self.dataset:
            return Message(QT_TRANSLATE_NOOP("Core", "{name}, trained on {dataset} ({classes} classes)"), name=self.name,
                           dataset=self.dataset, classes=self.classes)
        return Message(QT_TRANSLATE_NOOP("Core", "{name} ({classes} classes)"), name=self.name, classes=self.classes)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "name": str(self.name), "classes": self.classes, "dataset": self.dataset}

    @classmethod
    def from_dict(cls, d: Any) -> "Origin":
        """From a stored record; ValueError (with a Message) names what is wrong with a damaged one."""
        if not isinstance(d, dict):
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "the run's starting weights are not described by a table")))
        source, name, classes, dataset = d.get("source"), d.get("name"), d.get("classes"), d.get("dataset")
        if source not in SOURCES:
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "the run's starting weights come from an unknown source")))
        if not isinstance(name, str) or not 0 < len(name) <= MAX_TEXT or (
                dataset is not None and (not isinstance(dataset, str) or len(dataset) > MAX_TEXT)):
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "the run's starting weights have no usable name")))
        if isinstance(classes, bool) or not isinstance(classes, int) or not 2 <= classes <= 10**6:
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "the run's starting weights have no usable class count")))
        return cls(source, name, classes, dataset)
