import os
from pathlib import Path

# Qt must be headless before anything imports it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Never read or write the user's own dataset cache from a test."""
    monkeypatch.setenv("GOOGLENET_DATA_DIR", str(tmp_path_factory.mktemp("datasets")))


@pytest.fixture(autouse=True)
def _steady_threads(request, monkeypatch):
    """Training threads follow other programs' CPU load (core/common/cpu_load.py). A test machine's
    load comes and goes, and a thread count changed mid-run rounds sums differently: every test
    but those marked cpu_load trains on PyTorch's default count, as on a quiet machine."""
    if request.node.get_closest_marker("cpu_load") is None:
        from googlenet_gui.core.common import cpu_load

        monkeypatch.setattr(cpu_load.CpuLoad, "others", lambda self: None)


@pytest.fixture(autouse=True)
def _gc_on_the_gui_thread(request):
    """As in the app: cycles are collected on the GUI thread only (see ui.threads)."""
    if "qtbot" in request.fixturenames or "qapp" in request.fixturenames:
        request.getfixturevalue("qapp")
        from googlenet_gui.ui.threads import collect_garbage_on_gui_thread

        collect_garbage_on_gui_thread()
    yield
    import gc

    if not gc.isenabled():  # the young generations, on this (the GUI) thread: cheap, and memory stays bounded
        gc.collect(1)


@pytest.fixture(autouse=True)
def _no_thread_left_running(request):
    """Like napari's fixture: a test that leaves one of the app's QThreads running fails."""
    yield
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from googlenet_gui.ui.jobs import wait_for_jobs
    from googlenet_gui.ui.threads import running_threads

    wait_for_jobs(10_000)
    left = running_threads()
    for thread in left:  # do not let one test's leak break the next: stop it, then fail
        thread.quit()
        thread.wait(10_000)
    assert not left, f"test left QThreads running: {[t.objectName() for t in left]}"


@pytest.fixture
def settings_dir(tmp_path, monkeypatch):
    """A throw-away QSettings location, so tests never read or write the user's settings."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    return tmp_path / "settings"


@pytest.fixture
def stripes_folder(tmp_path) -> Path:
    """A tiny image-folder dataset in the real on-disk layout: one sub-folder per class, 24 images each,
    of a few sizes, grayscale and colour."""
    from helpers import write_stripe_image

    root = tmp_path / "stripes"
    for label, vertical in (("horizontal", False), ("vertical", True)):
        (root / label).mkdir(parents=True)
        for i in range(24):
            write_stripe_image(root / label / f"{i}.png", vertical, size=32 + i % 3, mode="RGB" if i % 2 else "L")
    return root


@pytest.fixture
def window(qtbot, settings_dir, tmp_path):
    """The real main window at its default size, with a throw-away runs folder and settings, PyTorch loaded.
    Whatever a test left running is stopped after it."""
    from googlenet_gui.ui import i18n
    from googlenet_gui.ui.main_window import MainWindow

    i18n.install("en")
    win = MainWindow(runs_dir=tmp_path / "runs")
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.load_core()
    qtbot.waitUntil(lambda: win.core_ready, timeout=60_000)
    yield win
    win.dataset_editor.stop()
    win.follow.stop()
    win.launch.close(10_000)
    if win.training.running:
        win.training.thread.shutdown()
    i18n.install("en")  # the next test's window starts in English


@pytest.fixture
def hub(tmp_path, monkeypatch):
    """torch.hub's folder in the test's own place, and a server with a state dict on it; the
    hash prefix torchvision checks is that of the test's file (the real file's cannot be made)."""
    import hashlib

    import torch
    from helpers import Server, save_state_dict

    from googlenet_gui.core.inference import imagenet

    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch-home"))
    monkeypatch.setattr(torch.hub, "_hub_dir", None)  # torch.hub.get_dir() follows TORCH_HOME
    served = tmp_path / "served"
    served.mkdir()
    weights = save_state_dict(served / imagenet.FILE_NAME)
    monkeypatch.setattr(imagenet, "HASH_PREFIX", hashlib.sha256(weights.read_bytes()).hexdigest()[:8])
    (served / "other.pth").write_bytes(b"not the weights" * 1000)
    server = Server(served)
    yield server, weights
    server.close()
