"""The Inside tab in the real window: a classified image selected by a click shows maps for
every block, layer, Inception module and branch; the Shapes tab links to a layer's maps and
back; Grad-CAM follows the class chosen; a pinned image's timeline grows while a run trains
and is read back with the run; feature visualization runs with progress and Cancel."""
from pathlib import Path

from PySide6.QtCore import Qt

from googlenet_gui.core.understanding.inside import layer_names
from googlenet_gui.core.understanding.timeline import TimelineFile
from googlenet_gui.ui.main_window import MainWindow
from googlenet_gui.ui.panels.inside_panel import CHANNEL_ROLE, TOOLTIP
from helpers import classify_and_select, use_folder, write_stripe_image








def test_a_selected_image_shows_every_layers_maps_and_grad_cam_follows_the_class(window, qtbot, stripes_folder, tmp_path):
    use_folder(window, stripes_folder, epochs=1)  # the untrained network answers with the folder's classes
    image = write_stripe_image(tmp_path / "shirt.png", vertical=True)
    classify_and_select(window, qtbot, image)
    panel = window.understanding.inside_panel
    assert panel.name_label.text() == "shirt.png" and panel.inside.class_names == ["horizontal", "vertical"]

    # every block, layer, Inception module and branch has its maps, the 16 strongest first
    assert list(panel.inside.layers) == list(layer_names())
    for name in layer_names():
        panel.select_layer(name)
        maps = panel.inside.layers[name]
        shown = panel.shown_channels()
        assert len(shown) == min(16, maps.shape[0]) and shown == maps.strongest(16)
        assert panel.layer_label.text() == f"{name}: output {' x '.join(str(d) for d in maps.shape)}"
    panel.select_layer("inception4a")
    panel.all_check.setChecked(True)  # scrollable to all of them
    assert len(panel.shown_channels()) == 512
    index = panel.maps_model.index(3)
    channel = index.data(CHANNEL_ROLE)
    maps = panel.inside.layers["inception4a"]
    assert index.data(TOOLTIP) == (f"channel {channel}: {maps.mins[channel]:.3g} to {maps.maxs[channel]:.3g}, "
                                   f"mean {maps.means[channel]:.3g}")

    # the Shapes tab links to a layer's maps, and back
    window.tabs.setCurrentWidget(window.shapes_panel)
    window.shapes_panel.select_layer("inception4a.branch2")
    window.shapes_panel.maps_button.click()
    assert window.tabs.currentWidget() is panel and panel.layer == "inception4a.branch2"
    assert panel.tree.currentItem().data(0, Qt.UserRole) == "inception4a.branch2"
    assert panel.back_button.isVisible()
    panel.back_button.click()
    assert window.tabs.currentWidget() is window.shapes_panel

    # Grad-CAM: the top-1 class at the default layer, then the other class
    window.tabs.setCurrentWidget(panel)
    cam = panel.gradcam
    top = panel.inside.top
    assert cam.class_index == top and cam.layer == "inception3b" and cam.heatmap.shape == (64, 64)
    other = 1 - top
    panel.views.setCurrentIndex(1)
    panel.class_combo.setCurrentIndex(panel.class_combo.findData(other))
    panel.class_combo.activated.emit(panel.class_combo.currentIndex())
    qtbot.waitUntil(lambda: panel.gradcam.class_index == other, timeout=30_000)
    assert ["horizontal", "vertical"][other] in panel.cam_caption.text()
    panel.cam_layer_combo.setCurrentIndex(panel.cam_layer_combo.findData("block2"))
    panel.cam_layer_combo.activated.emit(panel.cam_layer_combo.currentIndex())
    qtbot.waitUntil(lambda: panel.gradcam.layer == "block2", timeout=30_000)
    assert panel.gradcam.class_index == other  # the class chosen stays
    before = panel.cam_picture()
    panel.opacity_slider.setValue(0)  # no heatmap: the picture is the image the network sees
    assert panel.cam_picture() != before


def test_a_pinned_images_timeline_grows_during_training_and_comes_back_with_the_run(window, qtbot, stripes_folder,
                                                                                  tmp_path):
    use_folder(window, stripes_folder, epochs=3)
    image = write_stripe_image(tmp_path / "shirt.png", vertical=True)
    classify_and_select(window, qtbot, image)
    panel, timeline = window.understanding.inside_panel, window.understanding.timeline_panel
    panel.pin_button.click()
    assert window.understanding.timeline.pins == {str(image): window.understanding.inside.image}
    assert window.classify_panel.rows()[0].pin_button.isChecked()  # the Classify row says so too
    timeline.interval_spin.setValue(2)
    panel.show_view(timeline)

    counts = []
    window.training_panel.start_button.click()
    qtbot.waitUntil(lambda: timeline.point_count() >= 2, timeout=120_000)
    counts.append(timeline.point_count())
    qtbot.waitUntil(lambda: not window.training.running, timeout=300_000)
    qtbot.waitUntil(lambda: not window.understanding.timeline._busy and not window.understanding.timeline._saved, timeout=60_000)
    counts.append(timeline.point_count())
    assert counts[-1] > counts[0] >= 2  # it grew while the run trained

    run_dir = Path(window.training.last_checkpoint).parent
    stored = TimelineFile(run_dir).read()
    points = stored.images[str(image)]
    steps = [p.step for p in points]
    assert steps == sorted(set(steps)) and steps[0] == 0  # from the untrained weights on, one point a step
    assert {6, 12, 18} <= {p.step for p in points if p.batches_done == 0}  # each epoch's end, from its last.pt
    assert stored.class_names == ["horizontal", "vertical"]
    assert all(abs(sum(p.probabilities) - 1) < 1e-3 for p in points)
    assert timeline.point_count() == len(points)
    assert sorted(timeline.curve_names()) == ["horizontal", "vertical"]

    # a new window opening the run shows the timeline it kept
    window.understanding.timeline.set_pinned(str(image), None, False)
    assert timeline.current_image() == str(image) and not timeline.unpin_button.isEnabled()
    other = MainWindow(runs_dir=tmp_path / "runs")
    qtbot.addWidget(other)
    other.load_core()
    qtbot.waitUntil(lambda: other.core_ready, timeout=60_000)
    other.checkpoints.open(run_dir / "last.pt", resume=True)
    qtbot.waitUntil(lambda: other.understanding.timeline_panel.point_count() == len(points), timeout=60_000)
    assert other.understanding.timeline_panel.current_image() == str(image)


def test_feature_visualization_from_the_maps_with_progress_and_cancel(window, qtbot, stripes_folder, tmp_path):
    use_folder(window, stripes_folder, epochs=1)
    classify_and_select(window, qtbot, write_stripe_image(tmp_path / "shirt.png", vertical=False))
    panel, features = window.understanding.inside_panel, window.understanding.features_panel
    features.steps_spin.setValue(3)
    panel.select_layer("block2.1")
    panel.maps_view.setCurrentIndex(panel.maps_model.index(2))
    chosen = panel.shown_channels()[2]
    panel.visualize_button.click()
    assert panel.views.currentWidget() is features
    qtbot.waitUntil(lambda: features.result_count() == 1 and not features.is_busy(), timeout=60_000)
    assert features.result.layer == "block2.1" and features.result.channels == [chosen]
    assert features.result.images.shape[:3] == (1, 64, 64)  # at the network's input size
    saved = tmp_path / "channel.png"
    window.understanding.features.save(str(saved))
    assert saved.is_file()

    features.steps_spin.setValue(5000)
    features.grid_button.click()
    progress = features.busy_row.progress_bar
    qtbot.waitUntil(lambda: progress.value() >= 1, timeout=60_000)
    assert features.is_busy() and progress.maximum() == 5000
    features.busy_row.cancel_button.click()
    assert not features.is_busy() and features.message_label.text() == "Visualization cancelled."
    assert features.result_count() == 1 and features.result.channels == [chosen]  # the earlier result stays
