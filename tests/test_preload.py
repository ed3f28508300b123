"""core.common.preload maps PyTorch's libraries before `import torch`, and torch then works as usual.
(The point of it, a window that keeps painting meanwhile, is measured by benchmarks/startup.py.)"""
from __future__ import annotations

import subprocess
import sys

import pytest

from googlenet_gui.core.common import preload

CHILD = r"""
import sys
from googlenet_gui.core.common.preload import preload_torch_libraries
mapped = preload_torch_libraries()
maps = open("/proc/self/maps").read()
assert "torch" not in sys.modules, "preloading imported torch"
print("MAPPED", ",".join(mapped))
print("IN_MAPS", "libtorch_cpu.so" in maps, "libtorch_python.so" in maps)
import torch
print("SUM", float(torch.ones(3).sum()))
print("AGAIN", preload_torch_libraries())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload maps Linux shared libraries")
def test_torch_s_libraries_are_mapped_before_its_import_and_torch_then_works():
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["MAPPED"] == "libtorch_global_deps.so,libtorch_python.so"
    assert lines["IN_MAPS"] == "True True"  # libtorch_cpu came with the binding, before any import
    assert lines["SUM"] == "3.0"
    assert lines["AGAIN"] == "[]"  # once torch is imported there is nothing left to do


def test_a_missing_pytorch_is_left_to_the_import_to_report(monkeypatch, tmp_path):
    monkeypatch.delitem(sys.modules, "torch", raising=False)  # as before torch is imported
    monkeypatch.setattr(preload, "torch_library_dir", lambda: tmp_path / "nowhere")
    assert preload.preload_torch_libraries() == []
