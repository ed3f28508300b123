"""GoogLeNet's ImageNet weights in the window: downloaded with progress when they are not there (from a
server on 127.0.0.1 holding a state dict the test made), then answering photos with ImageNet's classes
in every view; and a dataset made in the app trains from them, the last layer only."""
from __future__ import annotations

from helpers import use_folder

from googlenet_gui import resources_dir
from googlenet_gui.core.inference import imagenet
from googlenet_gui.core.runs.events import Finished


def test_the_imagenet_weights_download_with_progress_and_answer_photos(window, qtbot, hub, monkeypatch):
    server, _ = hub
    monkeypatch.setenv(imagenet.URL_VARIABLE, f"{server.url}/{imagenet.FILE_NAME}")
    window.imagenet.core_ready()  # looks in the (empty) cache again, now that TORCH_HOME is the test's
    qtbot.waitUntil(lambda: not window.imagenet.look_job.running, timeout=30_000)
    assert not window.imagenet.ready
    monkeypatch.setattr(window.imagenet, "ask_how", lambda: "download")
    window.classify_panel.imagenet_button.click()
    qtbot.waitUntil(lambda: window.weights.kind == "imagenet", timeout=60_000)
    assert window.imagenet.ready and imagenet.cached_weights().ready
    assert window.weights_label.text() == "Weights: GoogLeNet, ImageNet (1000 classes)"
    panel = window.classify_panel
    qtbot.waitUntil(lambda: "know 1000 classes" in panel.classes_label.text(), timeout=60_000)
    cat = resources_dir() / "examples" / "cat.jpg"
    window.classify.classify_paths([str(cat)])
    qtbot.waitUntil(lambda: panel.row_count() == 1 and panel.pending_count() == 0, timeout=60_000)
    names = set(imagenet.class_names())
    assert set(panel.rows()[0].class_labels) <= names and len(panel.rows()[0].class_labels) == 5
    flag_line = panel.rows()[0].flag_label  # no flag, and the row says why
    assert flag_line.isVisibleTo(window) and "come without a model of the images they learned from" in flag_line.text()
    assert window.export.current_checkpoint() == "imagenet"  # File > Export Model writes these weights


def test_a_dataset_made_in_the_app_trains_from_the_imagenet_weights_last_layer_only(window, qtbot, hub, stripes_folder,
                                                                                     monkeypatch):
    server, _ = hub
    monkeypatch.setenv(imagenet.URL_VARIABLE, f"{server.url}/{imagenet.FILE_NAME}")
    imagenet.download_weights()  # in the cache already, as after an earlier session's download
    window.imagenet.core_ready()
    qtbot.waitUntil(lambda: window.imagenet.ready, timeout=60_000)
    use_folder(window, stripes_folder, epochs=1)
    started, ended = [], []
    window.training.run_started.connect(lambda event, trainer: started.append(event))
    window.training.run_ended.connect(ended.append)
    window.training.train_on_folder(str(stripes_folder))  # the dataset editor's "Train on This Dataset"
    qtbot.waitUntil(lambda: bool(ended), timeout=180_000)
    event = started[0]
    assert event.config["init"] == "imagenet" and event.config["train_layers"] == "head"
    assert event.class_names == ["horizontal", "vertical"] and event.origin is not None
    assert isinstance(ended[0], Finished)
    assert "know 2 classes" in window.classify_panel.classes_label.text()
