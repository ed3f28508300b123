"""The data the training settings name: the dataset, its folder, the input size (and the seed the
untrained network is made with), whether the data is on this computer, and whether a download is
under way. The training panel chooses; the dataset controller says whether it is available; the
Shapes tab, the untrained weights and the dataset editor follow.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psygnal import Signal

from ..core.data.catalog import SOURCES


@dataclass(frozen=True)
class DataSpec:
    dataset: str = "sample"
    data_dir: str | None = None
    input_size: int = 96
    seed: int = 0

    @property
    def channels(self) -> int:
        """Input channels, as known before reading any image."""
        return SOURCES[self.dataset].channels if self.dataset in SOURCES else 3


class DataChoice:
    changed = Signal()  # the choice (dataset, folder, input size, seed)
    availability_changed = Signal()  # available or not, its message, downloading

    def __init__(self) -> None:
        self.spec = DataSpec()
        self.available = True  # as far as known: the built-in sample always is
        self.message: Any = ""  # what the availability check said: a core Message, a name, or a function wording it
        self.error = False  # the message says why the data cannot be used
        self.downloading = False

    def choose(self, spec: DataSpec) -> None:
        if spec != self.spec:
            self.spec = spec
            self.changed.emit()

    def set_available(self, available: bool, message: Any = "", error: bool = False) -> None:
        self.available, self.message, self.error = available, message, error
        self.availability_changed.emit()

    def set_downloading(self, downloading: bool) -> None:
        if downloading != self.downloading:
            self.downloading = downloading
            self.availability_changed.emit()

    def smallest_input(self) -> int:
        """The smallest input size the network takes for this data."""
        from ..core.network.shapes import smallest_input  # plain arithmetic on the layer table

        return smallest_input(self.spec.channels)

    @property
    def ready(self) -> bool:
        """Start can train on it: here, not downloading, and an input size the network takes."""
        return self.available and not self.downloading and self.spec.input_size >= self.smallest_input()
