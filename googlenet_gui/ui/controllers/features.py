"""Feature visualization from the window: core.understanding.featurevis on the inference pool with the
weights chosen now (a copy: a live run's snapshot), with progress and Cancel. One runs at a
time; a new request cancels the one under way."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from ...core.network.shapes import inspect_shapes, map_rows
from ...state.weights import AnsweringWeights
from ..jobs import JobSlot
from ..panels.features_panel import FeaturesPanel
from ..words import WeightsFacts, say


@dataclass(frozen=True)
class Visualized:
    result: Any  # core.understanding.featurevis.Visualization
    weights: WeightsFacts  # which weights it was made with


class FeaturesController(QObject):
    def __init__(self, panel: FeaturesPanel, weights: AnsweringWeights, status: QStatusBar, dialog_parent: QWidget,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.weights, self.status, self.dialog_parent = panel, weights, status, dialog_parent
        self.job = JobSlot(inference=True)  # one visualization at a time: a new one replaces it
        panel.start_requested.connect(self.start)
        panel.cancel_requested.connect(self.cancel)
        panel.save_requested.connect(self.save_dialog)
        # each layer's channel count (the same whatever the input's size and channels)
        panel.set_layers([(name, row.output[0]) for name, row in map_rows(inspect_shapes())])

    @Slot(str, list)
    def start(self, layer: str, channels: list) -> None:
        self.cancel()
        steps = self.panel.steps()
        get_predictor = self.weights.predictor_getter()
        self.panel.set_request(layer, channels[0])

        def busy() -> str:
            what = self.tr("{0}, channel {1}").format(layer, channels[0]) if len(channels) == 1 else \
                self.tr("{0}, channels {1} to {2}").format(layer, channels[0], channels[-1])
            return self.tr("Visualizing {0}…").format(what)

        self.panel.show_message("")
        self.panel.set_busy(busy, steps)

        def work(report: Any, cancel: Any) -> Visualized:
            from ...core.understanding.featurevis import visualize

            predictor = get_predictor()
            result = visualize(predictor.model, predictor.preprocess, layer, list(channels), steps,
                               progress=lambda done, total: report(done, total, ""), cancel=cancel)
            return Visualized(result, WeightsFacts.of(predictor))

        def finished(visualized: Visualized) -> None:
            self.panel.set_idle()
            self.panel.show_result(visualized.result, visualized.weights.with_age)

        def failed(message: str) -> None:
            self.panel.set_idle()
            self.panel.show_message(lambda: self.tr("Visualization failed: {0}").format(say(message)), error=True)

        self.job.start(work, on_result=finished, on_error=failed,
                       on_progress=lambda done, total, _: self.panel.set_progress(done, total))

    @Slot()
    def cancel(self) -> None:
        """Stop the visualization under way (within a step)."""
        if self.job.cancel():
            self.panel.set_idle()
            self.panel.show_message(lambda: self.tr("Visualization cancelled."))

    @Slot()
    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.dialog_parent, self.tr("Save visualization"),
                                              str(Path.home() / "channels.png"), self.tr("PNG image (*.png)"))
        if path:
            self.save(path if Path(path).suffix else path + ".png")

    def save(self, path: str) -> None:
        try:
            self.panel.export_image(path)
            self.status.showMessage(self.tr("Saved {0}").format(path), 5000)
        except (OSError, ValueError) as exc:
            self.status.showMessage(self.tr("Saving failed: {0}").format(exc), 8000)
