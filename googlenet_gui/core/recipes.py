"""Recipes: named sets of training settings, and what each has been measured to reach.

- "tutorial": exactly the reference notebook's settings (input 96, batch 64, Adam at 1e-3 without
  a schedule, 20 epochs, no augmentation, float32), to reproduce it.
- "fast": the best time-to-accuracy settings measured on this project's machines so far
  (BENCHMARKS.md, "Row 8" and "Recipes"): the smallest input near the network's minimum, a large
  batch, Adam with a one-cycle schedule over few epochs, bf16 autocast where the CPU has it.
- "thorough": Fast's settings over more epochs with augmentation (random crops and flips), for
  the best accuracy within about half an hour on a 2-core CPU.

A recipe fills settings, which stay editable. Its promises are measurements, copied from
BENCHMARKS.md (a test checks the two agree); where nothing was measured nothing is promised.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .config import TrainConfig

# The settings a recipe chooses; the dataset, device, seed and limits stay the user's.
RECIPE_FIELDS = ("input_size", "epochs", "batch_size", "optimizer", "lr", "momentum", "weight_decay", "schedule",
                 "augment", "precision")


@dataclass(frozen=True)
class Promise:
    """A measured result: `accuracy` on the test set `seconds` after Start, where and how measured."""

    accuracy: float
    seconds: float
    cores: int  # CPU cores of the machine it was measured on
    cpu: str  # what kind of CPU, e.g. "Xeon, Sapphire Rapids class, bf16"
    source: str  # the BENCHMARKS.md section that records it

    def text(self) -> str:
        minutes = self.seconds / 60
        when = f"{minutes:.0f} min" if minutes >= 1 else f"{self.seconds:.0f} s"
        return f"{self.accuracy:.1%} in {when} on {self.cores} CPU cores ({self.cpu})"


@dataclass(frozen=True)
class Recipe:
    key: str
    title: str
    summary: str
    settings: dict
    # (dataset, device kind "cpu" or "cuda") -> what was measured
    promises: dict = dataclasses.field(default_factory=dict)

    def apply(self, config: TrainConfig) -> TrainConfig:
        """`config` with this recipe's settings (everything else kept)."""
        return dataclasses.replace(config, **self.settings)

    def matches(self, config: TrainConfig) -> bool:
        """Whether `config` still has every setting of this recipe (not edited since)."""
        return all(getattr(config, name) == value for name, value in self.settings.items())

    def promise(self, dataset: str, device: str) -> Promise | None:
        kind = "cuda" if device.startswith("cuda") else device.split(":")[0]
        return self.promises.get((dataset, kind))


TUTORIAL = Recipe(
    "tutorial", "Tutorial",
    "the reference notebook's settings exactly: input 96, batch 64, Adam 1e-3, no schedule, 20 epochs, float32",
    {"input_size": 96, "epochs": 20, "batch_size": 64, "optimizer": "adam", "lr": 1e-3, "momentum": 0.9,
     "weight_decay": 0.0, "schedule": "none", "augment": False, "precision": "fp32"},
)

FAST = Recipe(
    "fast", "Fast",
    "input 64, batch 256, Adam 2e-3 with a one-cycle schedule over 4 epochs, bf16 where the CPU has it",
    {"input_size": 64, "epochs": 4, "batch_size": 256, "optimizer": "adam", "lr": 2e-3, "momentum": 0.9,
     "weight_decay": 0.0, "schedule": "onecycle", "augment": False, "precision": "auto"},
    {("fashion-mnist", "cpu"): Promise(0.9273, 480, 2, "Xeon, Sapphire Rapids class, bf16",
                                       "BENCHMARKS.md, Row 8")},
)

THOROUGH = Recipe(
    "thorough", "Thorough",
    "Fast's settings over 10 epochs with random crops and flips, for the best accuracy in about half an hour on 2 "
    "CPU cores",
    {"input_size": 64, "epochs": 10, "batch_size": 256, "optimizer": "adam", "lr": 2e-3, "momentum": 0.9,
     "weight_decay": 0.0, "schedule": "onecycle", "augment": True, "precision": "auto"},
)

RECIPES = {recipe.key: recipe for recipe in (TUTORIAL, FAST, THOROUGH)}


def recipe_of(config: TrainConfig) -> Recipe | None:
    """The recipe whose settings `config` has, if any."""
    return next((recipe for recipe in RECIPES.values() if recipe.matches(config)), None)
