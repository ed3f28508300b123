"""The live training curves: buffers, smoothing, epoch points, restore, exports, hover read-out."""
from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from googlenet_gui.ui import theme
from googlenet_gui.core.runs.events import EpochEnd
from googlenet_gui.ui.panels.plots_panel import (ENVELOPE_ABOVE, SMOOTHING, PeakEnvelope, PlotsPanel,
                                                 ema)



def epoch(number, train_loss, train_accuracy, val_loss, val_accuracy):
    """A finished epoch as the engine reports it (counted from 1)."""
    return EpochEnd(number, train_loss, train_accuracy, val_loss, val_accuracy, 3.0, 1e-3, 0)

def naive_ema(values, weight=SMOOTHING):
    out, state = [], None
    for v in values:
        state = v if state is None else weight * state + (1 - weight) * v
        out.append(state)
    return np.array(out)


def debiased_ema(values, weight=SMOOTHING):
    """TensorBoard's smoothing: a zero-started average divided by 1 - weight^t."""
    out, state = [], 0.0
    for t, v in enumerate(values, start=1):
        state = weight * state + (1 - weight) * v
        out.append(state / (1 - weight ** t))
    return np.array(out)


@pytest.fixture
def panel(qtbot):
    p = PlotsPanel()
    qtbot.addWidget(p)
    return p


def data(panel, metric, kind):
    if kind in ("batch", "smooth"):  # every point, whether the curve draws them or an envelope
        x, y = panel.series(metric, kind)
        return np.array(x), np.array(y)
    x, y = panel.curves[metric][kind].getOriginalDataset()
    return (np.array([]), np.array([])) if x is None else (x, y)


def drawn(panel, metric, kind):
    x, y = panel.curves[metric][kind].getOriginalDataset()
    return (np.array([]), np.array([])) if x is None else (x, y)


def fake_run(n, seed=0):
    rng = np.random.default_rng(seed)
    steps = np.arange(1, n + 1)
    losses = 2.3 * np.exp(-steps / (n / 3)) + 0.2 + rng.normal(0, 0.1, n)
    accuracies = np.clip(0.1 + 0.8 * (1 - np.exp(-steps / (n / 3))) + rng.normal(0, 0.05, n), 0, 1)
    return steps, losses, accuracies


# ------------------------------------------------------------------ smoothing


def test_ema_matches_a_plain_loop_and_continues_incrementally():
    values = np.random.default_rng(1).normal(1.0, 0.3, 5000)
    for weight in (0.0, 0.5, SMOOTHING, 0.999):
        expected = naive_ema(values, weight)
        np.testing.assert_allclose(ema(values, weight), expected, rtol=1e-9, atol=1e-12)
        # continuing from the last smoothed value gives the same as smoothing everything at once
        first = ema(values[:1234], weight)
        rest = ema(values[1234:], weight, previous=first[-1])
        np.testing.assert_allclose(np.concatenate([first, rest]), expected, rtol=1e-9, atol=1e-12)
    assert len(ema(np.array([]), SMOOTHING)) == 0


# ------------------------------------------------------------------ batches and epochs


def test_new_panel_is_empty(panel):
    assert panel.point_counts() == {"batch": 0, "epoch_train": 0, "epoch_val": 0}
    assert not panel.has_data()
    assert panel.plots["loss"].getAxis("bottom").labelText == "epoch"
    assert panel.plots["loss"].getAxis("left").labelText == "loss"
    assert panel.plots["accuracy"].getAxis("left").labelText == "accuracy"
    names = [label.text for _, label in panel.legends["loss"].items]
    assert names == ["train (batch)", "train (smoothed)", "train (epoch)", "validation (epoch)"]


def test_add_batches_places_steps_in_epochs_and_smooths(panel):
    panel.reset(steps_per_epoch=4)
    losses = [2.0, 1.0, 3.0, 0.5, 1.5]
    accuracies = [0.1, 0.4, 0.2, 0.6, 0.3]
    panel.add_batches([1, 2, 3], losses[:3], accuracies[:3])
    panel.add_batches([4, 5], losses[3:], accuracies[3:])

    assert panel.point_counts() == {"batch": 5, "epoch_train": 0, "epoch_val": 0}
    assert panel.has_data()
    for metric, raw in (("loss", losses), ("accuracy", accuracies)):
        x, y = data(panel, metric, "batch")
        np.testing.assert_array_equal(x, [0.25, 0.5, 0.75, 1.0, 1.25])
        np.testing.assert_array_equal(y, raw)
        xs, smooth = data(panel, metric, "smooth")
        np.testing.assert_array_equal(xs, x)
        assert smooth[0] == raw[0]  # starts at the first value, not at 0
        assert np.all(smooth >= min(raw)) and np.all(smooth <= max(raw))
        np.testing.assert_allclose(smooth, debiased_ema(raw), rtol=1e-12)
        assert not np.allclose(smooth, raw)  # it does smooth


def test_add_batches_rejects_mismatched_lengths_and_ignores_empty(panel):
    with pytest.raises(ValueError):
        panel.add_batches([1, 2], [1.0], [0.5, 0.5])
    panel.add_batches([], [], [])
    assert panel.point_counts()["batch"] == 0


def test_epoch_points_sit_at_their_number_and_missing_validation_is_skipped(panel):
    panel.reset(10)
    panel.add_epochs([epoch(1, 1.5, 0.4, 1.7, 0.35)])
    panel.add_epochs([epoch(2, 1.0, 0.6, None, None)])
    panel.add_epochs([epoch(3, 0.8, 0.7, 0.9, 0.65)])

    assert panel.point_counts() == {"batch": 0, "epoch_train": 3, "epoch_val": 2}
    assert panel.has_data()
    x, y = data(panel, "loss", "epoch_train")
    np.testing.assert_array_equal(x, [1, 2, 3])
    np.testing.assert_array_equal(y, [1.5, 1.0, 0.8])
    x, y = data(panel, "accuracy", "epoch_val")
    np.testing.assert_array_equal(x, [1, 3])
    np.testing.assert_array_equal(y, [0.35, 0.65])


def test_reset_clears_everything_and_sets_steps_per_epoch(panel):
    panel.add_batches([1, 2], [1.0, 2.0], [0.1, 0.2])
    panel.add_epochs([epoch(1, 1.0, 0.5, 1.1, 0.4)])
    panel.reset(steps_per_epoch=100)
    assert panel.point_counts() == {"batch": 0, "epoch_train": 0, "epoch_val": 0}
    assert not panel.has_data()
    for metric in ("loss", "accuracy"):
        for kind in ("batch", "smooth", "epoch_train", "epoch_val"):
            assert len(data(panel, metric, kind)[0]) == 0
    panel.add_batches([50], [3.0], [0.2])
    assert data(panel, "loss", "batch")[0].tolist() == [0.5]
    assert data(panel, "loss", "smooth")[1].tolist() == pytest.approx([3.0], rel=1e-12)  # nothing carried over


def test_growing_past_the_initial_capacity_keeps_every_point_in_order(panel):
    steps, losses, accuracies = fake_run(10_000)
    panel.reset(steps_per_epoch=391)
    for start in range(0, len(steps), 37):
        end = start + 37
        panel.add_batches(steps[start:end].tolist(), losses[start:end].tolist(), accuracies[start:end].tolist())

    assert panel.point_counts()["batch"] == 10_000
    x, y = data(panel, "loss", "batch")
    np.testing.assert_array_equal(x, steps / 391)
    np.testing.assert_array_equal(y, losses)
    np.testing.assert_array_equal(data(panel, "accuracy", "batch")[1], accuracies)
    # smoothing done chunk by chunk equals smoothing the whole series at once
    np.testing.assert_allclose(data(panel, "loss", "smooth")[1], debiased_ema(losses), rtol=1e-9)
    np.testing.assert_allclose(data(panel, "accuracy", "smooth")[1], debiased_ema(accuracies), rtol=1e-9)


def test_load_history_restores_a_checkpoint(panel):
    panel.add_batches([1, 2, 3], [9.0, 9.0, 9.0], [0.9, 0.9, 0.9])  # an earlier run, to be replaced
    steps, losses, accuracies = fake_run(60)
    # as a checkpoint gives them back: float64 tensors turned into lists of floats
    batch_history = {"step": [float(s) for s in steps[:50]], "loss": losses[:50].tolist(),
                     "accuracy": accuracies[:50].tolist()}
    history = [epoch(1, 1.2, 0.5, 1.3, 0.45), epoch(2, 0.9, 0.6, None, None)]
    panel.load_history(20, batch_history, history)

    assert panel.point_counts() == {"batch": 50, "epoch_train": 2, "epoch_val": 1}
    x, y = data(panel, "loss", "batch")
    np.testing.assert_allclose(x, steps[:50] / 20)
    np.testing.assert_array_equal(y, losses[:50])
    np.testing.assert_array_equal(data(panel, "accuracy", "epoch_train")[1], [0.5, 0.6])
    np.testing.assert_array_equal(data(panel, "loss", "epoch_val")[0], [1.0])

    # training resumes: the smoothing continues as if the run had never stopped
    panel.add_batches(steps[50:].tolist(), losses[50:].tolist(), accuracies[50:].tolist())
    np.testing.assert_allclose(data(panel, "loss", "smooth")[1], debiased_ema(losses), rtol=1e-12)


def test_load_history_of_a_checkpoint_without_batches(panel):
    panel.load_history(5, {}, [])
    assert panel.point_counts() == {"batch": 0, "epoch_train": 0, "epoch_val": 0}
    assert panel.steps_per_epoch == 5


def test_a_million_points_stay_usable(panel, qtbot):
    n, chunk = 1_000_000, 50_000
    rng = np.random.default_rng(0)
    losses = rng.random(n)
    accuracies = rng.random(n)
    panel.reset(steps_per_epoch=1000)
    panel.resize(800, 300)
    panel.show()
    qtbot.waitExposed(panel)
    for start in range(0, n, chunk):
        steps = np.arange(start + 1, start + chunk + 1)
        panel.add_batches(steps, losses[start:start + chunk], accuracies[start:start + chunk])
    panel.add_batches([n + 1], [0.5], [0.5])
    QApplication.processEvents()
    assert not panel.grab().isNull()  # paints the (downsampled, clipped) curves

    assert panel.point_counts()["batch"] == n + 1
    x, y = data(panel, "loss", "batch")
    assert len(x) == n + 1 and x[-1] == (n + 1) / 1000 and y[-1] == 0.5
    assert np.all(np.diff(x) > 0)


# ------------------------------------------------------------------ exports


def test_export_csv_writes_every_point(panel, tmp_path):
    panel.reset(3)
    panel.add_batches([1, 2, 3], [2.5, 2.0, 1.0 / 3.0], [0.125, 0.25, 0.5])
    panel.add_epochs([epoch(1, 1.6, 0.29, 1.7, 0.2)])
    panel.add_batches([4], [0.9], [0.75])
    panel.add_epochs([epoch(2, 0.9, 0.75, None, None)])
    path = tmp_path / "metrics.csv"
    panel.export_csv(str(path))

    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["kind", "step", "epoch", "loss", "accuracy", "val_loss", "val_accuracy"]
        rows = list(reader)
    batches = [r for r in rows if r["kind"] == "batch"]
    epochs = [r for r in rows if r["kind"] == "epoch"]
    assert len(rows) == 6 and len(batches) == 4 and len(epochs) == 2
    assert [int(r["step"]) for r in batches] == [1, 2, 3, 4]
    assert [float(r["epoch"]) for r in batches] == [1 / 3, 2 / 3, 1.0, 4 / 3]
    assert float(batches[2]["loss"]) == 1.0 / 3.0  # full precision survives the round trip
    assert [float(r["accuracy"]) for r in batches] == [0.125, 0.25, 0.5, 0.75]
    assert all(r["val_loss"] == "" and r["val_accuracy"] == "" for r in batches)
    assert epochs[0]["step"] == "" and float(epochs[0]["epoch"]) == 1.0
    assert (float(epochs[0]["loss"]), float(epochs[0]["accuracy"])) == (1.6, 0.29)
    assert (float(epochs[0]["val_loss"]), float(epochs[0]["val_accuracy"])) == (1.7, 0.2)
    assert float(epochs[1]["epoch"]) == 2.0 and epochs[1]["val_loss"] == "" and epochs[1]["val_accuracy"] == ""


def test_export_image_png_and_svg(panel, qtbot, tmp_path):
    steps, losses, accuracies = fake_run(300)
    panel.reset(100)
    panel.add_batches(steps, losses, accuracies)
    panel.add_epochs([epoch(i + 1, 1.0 - 0.2 * i, 0.5 + 0.1 * i, 1.1 - 0.2 * i, 0.45 + 0.1 * i) for i in range(3)])
    panel.resize(900, 350)
    panel.show()
    qtbot.waitExposed(panel)

    png = tmp_path / "curves.png"
    panel.export_image(str(png))
    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() > 100 and image.height() > 50

    svg = tmp_path / "curves.svg"
    panel.export_image(str(svg))
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    assert text.count("<path") > 4  # both plots' curves and frames, not an empty document

    with pytest.raises(ValueError):
        panel.export_image(str(tmp_path / "curves.jpg"))
    with pytest.raises(ValueError):
        panel.export_image(str(tmp_path / "curves"))


def test_export_image_of_a_panel_never_shown(panel, tmp_path):
    panel.add_batches([1, 2, 3], [1.0, 0.8, 0.9], [0.1, 0.2, 0.3])
    path = tmp_path / "hidden.png"
    panel.export_image(str(path))
    assert QImage(str(path)).width() > 100


# ------------------------------------------------------------------ hover read-out


def _shown_with_data(panel, qtbot):
    panel.reset(steps_per_epoch=10)
    losses = [3.0 - 0.1 * i + (0.3 if i % 2 else -0.3) for i in range(20)]
    accuracies = [0.05 * i for i in range(20)]
    panel.add_batches(list(range(1, 21)), losses, accuracies)
    panel.add_epochs([epoch(1, 2.4321, 0.2345, 2.6789, 0.1987)])
    panel.add_epochs([epoch(2, 1.4321, 0.6543, 1.5678, 0.5987)])
    panel.resize(1000, 400)
    panel.show()
    qtbot.waitExposed(panel)
    vb = panel.plots["loss"].vb
    # the auto range catches up with the data on the next paint
    qtbot.waitUntil(lambda: vb.viewRect().contains(QPointF(0.1, 3.0)) and vb.viewRect().contains(QPointF(2.0, 1.4)))
    return losses, accuracies


def test_hover_shows_the_nearest_values_and_a_cursor(panel, qtbot):
    losses, accuracies = _shown_with_data(panel, qtbot)
    smooth_loss, smooth_accuracy = debiased_ema(losses), debiased_ema(accuracies)
    plot = panel.plots["loss"]

    # over step 7 (x = 0.7): nearest batch is step 7, nearest epoch point is epoch 1 (x = 1)
    pos = plot.vb.mapViewToScene(QPointF(0.71, losses[6]))
    panel._on_mouse_moved(pos)
    text = panel.readout.text()
    assert "step 7" in text
    assert f"{smooth_loss[6]:.4g}" in text
    assert f"{smooth_accuracy[6]:.4f}" in text
    assert "2.432" in text and "2.679" in text  # epoch 1 train and validation loss
    assert "1.432" not in text  # not the farther epoch
    for cursor in panel.cursors.values():
        assert cursor.isVisible()
        assert cursor.value() == pytest.approx(0.71, abs=0.01)

    # over the accuracy plot near x = 1.9: nearest batch step 19, nearest epoch point epoch 2
    acc_plot = panel.plots["accuracy"]
    pos = acc_plot.vb.mapViewToScene(QPointF(1.9, accuracies[18]))
    panel._on_mouse_moved(pos)
    text = panel.readout.text()
    assert "step 19" in text
    assert f"{smooth_accuracy[18]:.4f}" in text
    assert "0.6543" in text and "0.5987" in text

    # off the plots: the cursor goes away
    panel._on_mouse_moved(QPointF(-50, -50))
    assert not any(c.isVisible() for c in panel.cursors.values())
    assert "step" not in panel.readout.text()


def test_hover_is_wired_to_the_scene_mouse_signal(panel, qtbot):
    losses, _ = _shown_with_data(panel, qtbot)
    pos = panel.plots["loss"].vb.mapViewToScene(QPointF(1.2, losses[11]))
    panel.graphics.scene().sigMouseMoved.emit(pos)
    qtbot.waitUntil(lambda: "step 12" in panel.readout.text())


def test_hover_without_data_shows_the_hint(panel, qtbot):
    panel.resize(600, 300)
    panel.show()
    qtbot.waitExposed(panel)
    vb = panel.plots["loss"].vb
    panel._on_mouse_moved(vb.sceneBoundingRect().center())
    assert "Hover" in panel.readout.text()
    assert not any(c.isVisible() for c in panel.cursors.values())


# ------------------------------------------------------------------ colours


def test_follows_a_switch_to_a_dark_palette(panel, qtbot):
    app = QApplication.instance()
    original = app.palette()
    dark = QPalette(original)
    for role, color in ((QPalette.Window, "#202124"), (QPalette.Base, "#17181a"), (QPalette.Text, "#e8eaed")):
        dark.setColor(role, QColor(color))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: panel.graphics.backgroundBrush().color() == QColor("#17181a"))
        pen = panel.curves["loss"]["smooth"].opts["pen"]
        assert pen.color() == theme.train_color()  # the dark theme's lighter blue
        assert theme.is_dark()
    finally:
        app.setPalette(original)
    qtbot.waitUntil(lambda: panel.graphics.backgroundBrush().color() == theme.background())


# ------------------------------------------------------------------ long runs


def test_peak_envelope_matches_the_buckets_of_the_raw_series():
    rng = np.random.default_rng(3)
    y = rng.normal(size=50_000)
    x = np.arange(len(y), dtype=float)
    envelope = PeakEnvelope(max_buckets=500)
    start = 0
    while start < len(y):  # in uneven chunks, as updates arrive
        n = int(rng.integers(1, 2000))
        envelope.extend(x[start:start + n], y[start:start + n])
        start += n
    assert envelope.points == len(y) and envelope.buckets <= 500
    xs, ys = envelope.arrays()
    w = envelope.width
    for b in range(envelope.buckets):
        bucket = y[b * w:(b + 1) * w]
        assert xs[2 * b] == xs[2 * b + 1] == x[b * w]
        assert (ys[2 * b], ys[2 * b + 1]) == (bucket.min(), bucket.max())
    assert (xs[-1], ys[-1]) == (x[-1], y[-1])  # the newest point is always drawn
    mx, my = envelope.means()
    assert len(mx) == envelope.buckets + 1
    for b in (0, envelope.buckets // 2, envelope.buckets - 1):
        assert my[b] == pytest.approx(y[b * w:(b + 1) * w].mean(), rel=1e-9)


def test_a_long_run_draws_an_envelope_and_every_point_when_zoomed(panel, qtbot):
    steps, losses, accuracies = fake_run(ENVELOPE_ABOVE * 3)
    panel.resize(800, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(steps_per_epoch=1000)
    panel.add_batches(steps.tolist(), losses.tolist(), accuracies.tolist())
    x, y = drawn(panel, "loss", "batch")
    assert len(x) <= ENVELOPE_ABOVE + 1  # the whole run: an envelope, not every point
    assert y.min() == losses.min() and y.max() == losses.max()  # peaks survive
    assert x[-1] == steps[-1] / 1000
    panel.plots["loss"].vb.setXRange(2.0, 3.0)  # the user zooms in: every point, pyqtgraph clips
    panel.plots["loss"].vb.sigRangeChangedManually.emit([True, False])
    assert len(drawn(panel, "loss", "batch")[0]) == len(steps)
    panel.plots["loss"].enableAutoRange()  # back to the whole run
    assert len(drawn(panel, "loss", "batch")[0]) <= ENVELOPE_ABOVE + 1


# ---------------------------------------------------------------- axes, legends, smoothing, log scale


def shown_range(panel, qtbot, metric, settled=lambda view: True):
    """The plot's range once shown and once it settles (pyqtgraph applies its automatic range lazily)."""
    panel.resize(900, 400)
    panel.show()
    qtbot.waitExposed(panel)
    plot = panel.plots[metric]
    qtbot.waitUntil(lambda: settled(plot.vb.viewRange()), timeout=3000)
    return plot.vb.viewRange()


def test_axis_ranges_are_sensible_from_the_first_point(panel, qtbot):
    panel.reset(steps_per_epoch=400)
    panel.add_batches([1], [2.381137847900397], [0.09375])
    (x0, x1), (y0, y1) = shown_range(panel, qtbot, "loss", lambda view: view[1][1] > 2.38)
    assert x0 <= 0.0 and 1.0 <= x1 < 1.5  # the first epoch, not -400..400
    assert y0 <= 0.0 and 2.38 < y1 < 3.0  # from 0 to a little over the loss
    (_, _), (a0, a1) = shown_range(panel, qtbot, "accuracy", lambda view: view[1][1] >= 1.0)
    assert a0 <= 0.0 and 1.0 <= a1 < 1.2
    for plot in panel.plots.values():
        bottom = plot.getAxis("bottom")
        assert bottom.autoSIPrefixScale == 1.0 and "x0.001" not in bottom.labelString()
    ticks = panel.plots["loss"].getAxis("left").tickValues(y0, y1, 300)
    assert all(abs(v * 4 - round(v * 4)) < 1e-9 for _, values in ticks for v in values)  # round numbers


def test_an_empty_loss_axis_reads_0_to_1_and_then_follows_the_losses(panel, qtbot):
    (_, _), (y0, y1) = shown_range(panel, qtbot, "loss", lambda view: view[1][1] >= 1.0)
    assert -0.1 < y0 <= 0.0 and 1.0 <= y1 < 1.2  # not -0.5..0.5 before the first loss
    panel.reset(steps_per_epoch=10)
    panel.add_batches([1, 2, 3], [0.3, 0.25, 0.2], [0.9, 0.9, 0.95])
    (_, _), (y0, y1) = shown_range(panel, qtbot, "loss", lambda view: view[1][1] < 0.5)
    assert y0 <= 0.0 and 0.3 <= y1 < 0.5  # from 0 to a little over the largest loss, no longer to 1


def test_the_legends_sit_outside_the_plots(panel, qtbot):
    panel.reset(steps_per_epoch=4)
    panel.add_batches([1, 2, 3, 4], [2.0, 1.5, 1.2, 1.0], [0.2, 0.4, 0.5, 0.6])
    panel.add_epochs([epoch(1, 1.1, 0.55, 1.0, 0.95)])  # the validation marker at the top right corner
    shown_range(panel, qtbot, "accuracy", lambda view: view[1][1] >= 1.0)
    for metric, legend in panel.legends.items():
        assert legend.isVisible() and panel.legend_names(metric)[-1] == "validation (epoch)"
        view = panel.plots[metric].vb.sceneBoundingRect()
        assert not legend.sceneBoundingRect().intersects(view)


def test_the_hover_line_goes_when_the_mouse_leaves(panel, qtbot):
    panel.reset(steps_per_epoch=4)
    panel.add_batches([1, 2, 3, 4], [2.0, 1.5, 1.2, 1.0], [0.2, 0.4, 0.5, 0.6])
    shown_range(panel, qtbot, "loss", lambda view: view[1][1] >= 2.0)
    centre = panel.plots["loss"].vb.sceneBoundingRect().center()
    panel._on_mouse_moved(centre)
    assert panel.cursor_shown() and panel.readout.text().startswith("epoch")
    QApplication.sendEvent(panel.graphics, QEvent(QEvent.Leave))
    assert not panel.cursor_shown() and panel.readout.text() == panel._hint()


def test_smoothing_can_be_changed_and_smooths_the_whole_run_again(panel):
    values = np.linspace(2.0, 0.5, 300) + np.random.default_rng(0).normal(0, 0.2, 300)
    panel.reset(steps_per_epoch=100)
    panel.add_batches(list(range(1, 301)), values.tolist(), [0.5] * 300)
    panel.smoothing_slider.setValue(600)
    assert panel.smoothing == pytest.approx(0.6) and panel.smoothing_spin.value() == pytest.approx(0.6)
    np.testing.assert_allclose(data(panel, "loss", "smooth")[1], debiased_ema(values, 0.6))
    panel.add_batches([301], [1.0], [0.5])  # new batches continue with the new weight
    np.testing.assert_allclose(data(panel, "loss", "smooth")[1], debiased_ema([*values, 1.0], 0.6))
    panel.smoothing_spin.setValue(0.0)
    np.testing.assert_allclose(data(panel, "loss", "smooth")[1], [*values, 1.0])


def test_log_scale_for_the_loss_and_both_settings_remembered(panel, qtbot, tmp_path):
    panel.reset(steps_per_epoch=10)
    panel.add_batches(list(range(1, 11)), [10.0 ** -k for k in range(10)], [0.5] * 10)
    panel.log_check.setChecked(True)
    (_, _), (y0, y1) = shown_range(panel, qtbot, "loss", lambda view: view[1][0] < -8)
    assert panel.plots["loss"].getAxis("left").logMode and -10 < y0 < -8 and 0 < y1 < 1  # log10 of the values
    panel.set_smoothing(0.25)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    panel.save_settings(settings)
    other = PlotsPanel()
    qtbot.addWidget(other)
    other.restore_settings(settings)
    assert other.log_loss() and other.smoothing == pytest.approx(0.25)
