"""What the window shows, as Qt-free models the views observe (napari's habit): the weights that
answer (`weights.AnsweringWeights`), the run the plots and progress show (`run.RunView`), what the app
is busy with and what Start would continue (`activity.Activity`), and the data the settings name
(`data.DataChoice`). Each model changes only through its methods, which emit one psygnal `changed`
(or a few named signals) once the change is whole; views connect to them and never ask who changed
what. Plain Python, no Qt (tests/test_architecture.py checks): the models are tested without a window.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .activity import Activity
from .data import DataChoice
from .run import RunView
from .weights import AnsweringWeights


@dataclass
class AppState:
    """The window's state, one of each model."""

    weights: AnsweringWeights = field(default_factory=AnsweringWeights)
    run: RunView = field(default_factory=RunView)
    activity: Activity = field(default_factory=Activity)
    data: DataChoice = field(default_factory=DataChoice)
