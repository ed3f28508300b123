"""The window's "All N GPUs (torchrun)": faked GPUs, and a 2-process gloo torchrun on the CPU in place
of the GPU command, launched, followed live, stopped through the STOP file; a failing child's error
line in the status bar."""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from googlenet_gui.core.training import distributed
from googlenet_gui.core.runs.checkpoint import load_checkpoint
from googlenet_gui.core.common.devices import DeviceInfo
from googlenet_gui.ui.main_window import MainWindow
from googlenet_gui.ui.panels.training_panel import PROCESSES_ROLE

FAKE_DEVICES = [DeviceInfo("cpu", "test CPU", None), DeviceInfo("cuda:0", "fake GPU", 2**34),
                DeviceInfo("cuda:1", "fake GPU", 2**34)]


@pytest.fixture
def window(window, monkeypatch):
    """conftest's window, on a machine with two CUDA GPUs (as far as its device list knows), whose torchrun
    child imports this copy of the app."""
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parent.parent))
    window.training_panel.set_devices(FAKE_DEVICES)
    return window


def torchrun_entry(panel) -> int:
    """The device list's "All N GPUs (torchrun)" entry, or -1."""
    combo = panel.device_combo
    return next((i for i in range(combo.count()) if combo.itemData(i, PROCESSES_ROLE)), -1)


def choose_torchrun(win: MainWindow) -> None:
    panel = win.training_panel
    index = torchrun_entry(panel)
    assert index >= 0 and panel.device_combo.itemText(index) == "All 2 GPUs (torchrun)"
    panel.device_combo.setCurrentIndex(index)
    panel.field("input_size").setValue(64)
    panel.field("batch_size").setValue(16)
    panel.field("epochs").setValue(50)


def test_one_gpu_offers_no_torchrun_entry(window):
    window.training_panel.set_devices(FAKE_DEVICES[:2])
    assert torchrun_entry(window.training_panel) == -1


def test_start_launches_torchrun_follows_it_and_stop_ends_every_rank(window, qtbot, monkeypatch):
    launched = []
    real = distributed.prepare_launch

    def on_cpu(config, processes, run_dir, resume=None, tensorboard=False):
        assert processes == 2 and config.device == "cuda"  # torchrun is a launch choice, not a device
        small = dataclasses.replace(config, limit_train=48, limit_val=30, num_threads=1, precision="fp32", device="cpu")
        launched.append(run_dir)
        return real(small, 2, run_dir, resume)  # 2 gloo processes

    monkeypatch.setattr(distributed, "prepare_launch", on_cpu)
    choose_torchrun(window)
    window.training_panel.start_button.click()
    assert window.launch.running and window.follow.following
    assert not window.training_panel.start_button.isEnabled() and not window.menus.pause_action.isEnabled()
    run = launched[0]
    assert run.parent == window.runs_dir
    # followed live: the curves and the progress come from the log rank 0 writes
    qtbot.waitUntil(lambda: window.plots_panel.has_data() and window.follow.run_state == "running", timeout=90_000)
    with qtbot.waitSignal(window.launch.ended, timeout=60_000) as ended:
        window.training_panel.stop_button.click()
    assert ended.args == [0]
    assert window.training_panel.start_button.isEnabled()
    last = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()][-1]
    assert last["event"] == "stopped"
    assert load_checkpoint(run / "last.pt").position.step >= 1
    qtbot.waitUntil(lambda: window.follow.run_state == "stopped", timeout=10_000)


def test_a_failing_child_s_error_line_reaches_the_status_bar(window, qtbot, monkeypatch):
    fail = [sys.executable, "-c", "import sys; print('loading...', file=sys.stderr); "
            "print('error: no CUDA GPUs are visible to torchrun', file=sys.stderr); "
            "print('torch.distributed.elastic.multiprocessing.errors.ChildFailedError', file=sys.stderr); "
            "sys.exit(1)"]
    monkeypatch.setattr(distributed, "prepare_launch", lambda *args, **kwargs: fail)
    choose_torchrun(window)
    with qtbot.waitSignal(window.launch.ended, timeout=30_000) as ended:
        window.training_panel.start_button.click()
    assert ended.args == [1]
    message = window.statusBar().currentMessage()
    assert message == "Training with torchrun failed: no CUDA GPUs are visible to torchrun"
    assert window.training_panel.error_label.text() == message
    assert window.training_panel.start_button.isEnabled()
