"""What devices this machine has, by the names the user picks them with: cpu, cuda:N, mps."""
from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from functools import lru_cache

import torch

from .messages import QT_TRANSLATE_NOOP, Message


class DeviceError(RuntimeError):
    """A device that is not there, with a one-line message."""


@dataclass(frozen=True)
class DeviceInfo:
    id: str  # "cpu", "cuda:0", "mps"
    name: str
    memory_bytes: int | None

    @property
    def label(self) -> str:
        """e.g. 'cuda:0 NVIDIA H100 80GB HBM3 (79 GiB)'."""
        memory = f" ({self.memory_bytes / 2**30:.0f} GiB)" if self.memory_bytes else ""
        return f"{self.id} {self.name}{memory}"


@lru_cache(maxsize=1)
def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


def _ram_bytes() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def list_devices() -> list[DeviceInfo]:
    """CPU first, then every CUDA device, then Apple's MPS where present."""
    cores = os.cpu_count() or 1
    devices = [DeviceInfo("cpu", f"{_cpu_name()}, {cores} cores", _ram_bytes())]
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(i)
            devices.append(DeviceInfo(f"cuda:{i}", props.name, props.total_memory))
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        devices.append(DeviceInfo("mps", "Apple GPU (Metal)", None))
    return devices


def resolve_device(spec: str) -> torch.device:
    """'cpu', 'cuda', 'cuda:N' or 'mps' -> torch.device, or DeviceError if it is not there."""
    spec = (spec or "cpu").strip().lower()
    available = [d.id for d in list_devices()]
    if spec == "cuda":
        spec = "cuda:0"
    if spec not in available:
        raise DeviceError(Message(QT_TRANSLATE_NOOP("Core", "device {device!r} is not available on this machine; available: "
                                                            "{choices}"), device=spec, choices=", ".join(available)))
    return torch.device(spec)


def cpu_has_fast_bf16() -> bool:
    """True where the CPU has native bf16 arithmetic (AVX512-BF16 or AMX), where bf16 autocast pays."""
    try:
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except (AttributeError, RuntimeError):  # private helpers: absent on some builds and platforms
        return False


def precision_for(device: torch.device, requested: str) -> str:
    """The arithmetic a TrainConfig's precision means on `device`: "auto" is bf16 on CUDA GPUs
    that have it (else fp16) and on CPUs with native bf16, fp32 elsewhere."""
    if requested != "auto":
        return requested
    if device.type == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    if device.type == "cpu" and cpu_has_fast_bf16():
        return "bf16"
    return "fp32"


# PyTorch's own choice of CPU threads, read when this module is first imported (the window does it
# while loading, before anything runs on another thread). It must be read early: a thread's first
# PyTorch call takes the count the last set_num_threads() asked for in ANY thread, so a new
# training thread started after a classification (whose threads run on one) would train on one
# core of two, at half the speed.
DEFAULT_THREADS = torch.get_num_threads()

AUTOCAST_DTYPES = {"bf16": torch.bfloat16, "fp16": torch.float16}
