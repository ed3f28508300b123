"""Recipes: named sets of training settings, and what each has been measured to reach.

- "tutorial": exactly the reference notebook's settings (input 96, batch 64, Adam at 1e-3 without
  a schedule, 20 epochs, no augmentation, float32), to reproduce it.
- "fast": the best time-to-accuracy settings measured on this project's machines so far
  (BENCHMARKS.md, "Time to accuracy by recipe"): the smallest input near the network's minimum,
  Adam with a one-cycle schedule over 2 epochs, bf16 autocast where the CPU has it.
- "thorough": 12 epochs with augmentation (random crops and flips, the last 2 epochs without them),
  decoupled weight decay and label smoothing, for the highest accuracy measured on a 2-core CPU
  (93.9% on Fashion-MNIST 28.4 minutes after Start; BENCHMARKS.md has how long it took on which day).

A recipe fills settings, which stay editable. Its title, summary and promises are Messages (the window
says them in its language). Its promises are measurements, copied from
BENCHMARKS.md (a test checks the two agree); where nothing was measured nothing is promised.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..common.messages import QT_TRANSLATE_NOOP, Message
from .config import RECIPE_FIELDS, TrainConfig

# A recipe chooses every setting marked `recipe` in core/runs/config.py (the dataset, device, seed and
# limits stay the user's): those it names take its values, the others their defaults.
_DEFAULTS = {name: getattr(TrainConfig(), name) for name in RECIPE_FIELDS}


@dataclass(frozen=True)
class Promise:
    """A measured result: `accuracy` on the test set `seconds` after Start, where and how measured."""

    accuracy: float
    seconds: float
    cores: int  # CPU cores of the machine it was measured on
    cpu: str  # what kind of CPU, e.g. "Xeon, Sapphire Rapids class, bf16" (a Message: the window translates it)
    source: str  # the BENCHMARKS.md section that records it

    def minutes_text(self) -> str:
        """The time in minutes to a tenth, without a trailing .0 ("4.5", "8")."""
        return f"{self.seconds / 60:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Recipe:
    key: str
    title: str  # its name and what it sets: Messages, which the window says in its language
    summary: str
    named: dict  # the settings it names; the other settings a recipe chooses take their defaults
    # (dataset, device kind "cpu" or "cuda") -> what was measured
    promises: dict = dataclasses.field(default_factory=dict)

    @property
    def settings(self) -> dict:
        """Every setting a recipe chooses, with this recipe's value."""
        return {**_DEFAULTS, **self.named}

    def apply(self, config: TrainConfig) -> TrainConfig:
        """`config` with this recipe's settings (everything else kept)."""
        return dataclasses.replace(config, **self.settings)

    def matches(self, config: TrainConfig) -> bool:
        """Whether `config` still has every setting of this recipe (not edited since)."""
        return all(getattr(config, name) == value for name, value in self.settings.items())

    def promise(self, dataset: str, device: str) -> Promise | None:
        kind = "cuda" if device.startswith("cuda") else device.split(":")[0]
        return self.promises.get((dataset, kind))


SAPPHIRE_RAPIDS = Message(QT_TRANSLATE_NOOP("Core", "Xeon, Sapphire Rapids class, bf16"))

TUTORIAL = Recipe(
    "tutorial", Message(QT_TRANSLATE_NOOP("Core", "Tutorial")),
    Message(QT_TRANSLATE_NOOP("Core", "the reference notebook's settings exactly: input 96, batch 64, Adam 1e-3, no "
                                      "schedule, 20 epochs, float32")),
    {"input_size": 96, "epochs": 20, "batch_size": 64, "optimizer": "adam", "lr": 1e-3, "schedule": "none",
     "precision": "fp32"},
)

FAST = Recipe(
    "fast", Message(QT_TRANSLATE_NOOP("Core", "Fast")),
    Message(QT_TRANSLATE_NOOP("Core", "input 64, batch 128, Adam 3e-3 with a one-cycle schedule over 2 epochs, bf16 "
                                      "where the CPU has it")),
    {"input_size": 64, "epochs": 2, "batch_size": 128, "optimizer": "adam", "lr": 3e-3, "schedule": "onecycle",
     "precision": "auto"},
    {("fashion-mnist", "cpu"): Promise(0.9217, 282, 2, SAPPHIRE_RAPIDS,
                                       "BENCHMARKS.md, Time to accuracy by recipe")},
)

THOROUGH = Recipe(
    "thorough", Message(QT_TRANSLATE_NOOP("Core", "Thorough")),
    Message(QT_TRANSLATE_NOOP("Core", "input 64, batch 128, AdamW 2e-3 (weight decay 0.05) with a one-cycle schedule "
                                      "over 12 epochs, random crops and flips except in the last 2, label smoothing 0.1")),
    {"input_size": 64, "epochs": 12, "batch_size": 128, "optimizer": "adam", "lr": 2e-3, "weight_decay": 0.05,
     "schedule": "onecycle", "augment": True, "plain_last_epochs": 2, "label_smoothing": 0.1, "precision": "auto"},
    {("fashion-mnist", "cpu"): Promise(0.9389, 1703, 2, SAPPHIRE_RAPIDS,
                                       "BENCHMARKS.md, Time to accuracy by recipe")},
)

RECIPES = {recipe.key: recipe for recipe in (TUTORIAL, FAST, THOROUGH)}


def recipe_of(config: TrainConfig) -> Recipe | None:
    """The recipe whose settings `config` has, if any."""
    return next((recipe for recipe in RECIPES.values() if recipe.matches(config)), None)
