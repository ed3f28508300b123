"""How each part of the network learns while it trains: per block, Inception branch and the
classifier, the gradient norm, the update-to-weight ratio and the activations' mean and share
above 0 (core/runs/branchlog.py defines them and keeps them in the run folder), sampled every N steps.

The training loop calls four methods, on its own thread:

    sampling = stats.begin(step)                # before the forward pass: arms the activation hooks
    ... forward, backward ...
    if sampling: stats.before_update(optimizer, scaler)   # gradients, and the weights before the step
    scaler.step(optimizer); scaler.update()
    if sampling: stats.after_update()           # the update; the sample stays on the device
    ...
    yield from stats.drain()                    # where the loop reads its numbers back anyway

Between samples nothing runs: no hooks are registered (each is removed after the forward pass it
measured), no copies are made. A sample's numbers stay on the device until `drain`, which the loop
calls where it already waits for the device (engine._Run._flush), so sampling adds no wait of its
own. benchmarks/branch_stats.py measures what it costs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np
import torch
from torch import nn

from ..network.architecture import BRANCH_NAMES
from ..network.model import GoogLeNet, Inception
from ..network.shapes import inception_name
from ..runs.branchlog import STATISTICS, BranchSample, BranchStatsFile

DEFAULT_EVERY = 25  # steps between samples


@dataclass
class Part:
    """A row of the statistics: the parameters whose learning it follows and the module whose output it measures."""

    name: str
    parameters: list[nn.Parameter]
    output: nn.Module | None  # None: no activations (the classifier's output is logits)


def parts_of(model: GoogLeNet) -> list[Part]:
    """block1, block2, every Inception module's branches (named as the Shapes tab names them), the classifier."""
    parts = []
    for block_name in ("block1", "block2", "block3", "block4", "block5"):
        block = getattr(model, block_name)
        modules = [m for m in block if isinstance(m, Inception)]
        if not modules:  # block1 and block2: their conv-BN-ReLU layers, measured after the last one
            layers = [m for m in block if isinstance(m, nn.Sequential)]
            parts.append(Part(block_name, [p for layer in layers for p in layer.parameters()], layers[-1]))
            continue
        for index, module in enumerate(modules):
            for branch_name in BRANCH_NAMES:
                branch = getattr(module, branch_name)
                parts.append(Part(f"{inception_name(block_name, index)}.{branch_name}", list(branch.parameters()), branch))
    parts.append(Part("classifier", list(model.classifier.parameters()), None))
    return parts


@dataclass
class _Pending:
    """A sample's numbers on the device: per part, per figure, one tensor of per-channel values."""

    step: int
    tensors: dict[str, list[torch.Tensor | None]] = field(default_factory=dict)


class BranchStats:
    """Samples the parts of `model` every `every` steps (0: never) and writes the samples to the run
    folder's branch_stats.jsonl when `run_dir` is given."""

    def __init__(self, model: GoogLeNet, every: int = DEFAULT_EVERY, run_dir: str | Path | None = None):
        self.every = max(0, int(every))
        self.parts = parts_of(model) if self.every else []
        self.names = [part.name for part in self.parts]
        self.file = BranchStatsFile(run_dir) if run_dir is not None and self.every else None
        self._step = 0
        self._activations: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}
        self._handles: list[torch.utils.hooks.RemovableHandle] = []
        self._gradients: dict[str, list[torch.Tensor | None]] = {}
        self._before: list[list[torch.Tensor]] = []
        self._pending: list[_Pending] = []

    # ------------------------------------------------------------ the loop's calls

    def due(self, step: int) -> bool:
        """Sampled steps: the first, then every `every` (steps count from 1)."""
        return bool(self.every) and (step - 1) % self.every == 0

    def begin(self, step: int) -> bool:
        """Before the forward pass of global step `step`: True when this step is sampled (its
        activations are then measured as they pass)."""
        self._remove_hooks()  # a step given up before its backward pass leaves its hooks behind
        if not self.due(step):
            return False
        self._step = step
        self._activations = {}
        for index, part in enumerate(self.parts):
            if part.output is not None:
                self._handles.append(part.output.register_forward_hook(self._hook(index)))
        return True

    @torch.no_grad()
    def before_update(self, optimizer: torch.optim.Optimizer, scaler: torch.amp.GradScaler | None = None) -> None:
        """After the backward pass, before the optimizer's step: the gradients, and a copy of the weights."""
        self._remove_hooks()
        if scaler is not None and scaler.is_enabled():
            scaler.unscale_(optimizer)  # the true gradients; scaler.step then does not unscale again
        self._gradients = {"norm": [], "filters": []}
        self._before = []
        for part in self.parts:
            squares = [p.grad.float().square().sum() for p in part.parameters if p.grad is not None]
            self._gradients["norm"].append(torch.stack(squares).sum().sqrt() if squares else None)
            self._gradients["filters"].append(_per_filter([p.grad if p.grad is not None else torch.zeros_like(p)
                                                           for p in part.parameters if p.dim() >= 2]))
            self._before.append([p.detach().clone() for p in part.parameters])

    @torch.no_grad()
    def after_update(self) -> None:
        """After the optimizer's step: how far each part's weights moved, against their size."""
        if not self._before:
            return
        pending = _Pending(self._step, {name: [] for name in STATISTICS})
        channels = {name: [] for name in STATISTICS}
        device_zero = None
        for index, (part, before) in enumerate(zip(self.parts, self._before)):
            moved = [p.detach() - b for p, b in zip(part.parameters, before)]
            update = torch.stack([m.float().square().sum() for m in moved]).sum().sqrt()
            size = torch.stack([b.float().square().sum() for b in before]).sum().sqrt()
            norm = self._gradients["norm"][index]
            if norm is None:  # no parameter of the part has a gradient: it is frozen
                device_zero = device_zero if device_zero is not None else torch.zeros((), device=update.device)
                norm = device_zero
            pending.tensors["gradient_norm"].append(norm)
            pending.tensors["update_ratio"].append(update / size.clamp_min(1e-12))
            filters = [(m, b) for m, b in zip(moved, before) if m.dim() >= 2]
            channels["gradient_norm"].append(self._gradients["filters"][index])
            moved_filters, size_filters = _per_filter([m for m, _ in filters]), _per_filter([b for _, b in filters])
            channels["update_ratio"].append(None if moved_filters is None else moved_filters / size_filters.clamp_min(1e-12))
            mean, active = self._activations.get(index, (None, None))
            pending.tensors["activation_mean"].append(None if mean is None else mean.mean())
            pending.tensors["active_fraction"].append(None if active is None else active.mean())
            channels["activation_mean"].append(mean)
            channels["active_fraction"].append(active)
        pending.tensors.update({f"channels/{name}": values for name, values in channels.items()})
        self._pending.append(pending)
        self._before, self._gradients, self._activations = [], {}, {}

    def drain(self) -> Iterator[BranchSample]:
        """The samples taken since the last call, read back from the device (one copy) and written to the file."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        samples = [self._read(p) for p in pending]
        if self.file is not None:
            self.file.append(samples)
        yield from samples

    def close(self) -> None:
        """The run ends: hooks off, the last samples written (a full disk has had its say in the run's Failed)."""
        self._remove_hooks()
        try:
            for _ in self.drain():
                pass
        except OSError:
            pass

    # ------------------------------------------------------------ internals

    def _hook(self, index: int):
        def measure(module: nn.Module, inputs: object, output: torch.Tensor) -> None:
            with torch.no_grad():
                out = output.detach().float()
                self._activations[index] = (out.mean((0, 2, 3)), (out > 0).float().mean((0, 2, 3)))
        return measure

    def _remove_hooks(self) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles = []

    def _read(self, pending: _Pending) -> BranchSample:
        tensors = [t for column in pending.tensors.values() for t in column if t is not None]
        flat = torch.cat([t.detach().float().reshape(-1) for t in tensors]).cpu().numpy() if tensors else np.zeros(0)
        values: dict[str, list] = {}
        at = 0
        for name, column in pending.tensors.items():
            values[name] = []
            for t in column:
                if t is None:
                    values[name].append(None)
                    continue
                piece = flat[at:at + t.numel()]
                at += t.numel()
                values[name].append(piece.copy() if name.startswith("channels/") else float(piece[0]))
        channels = {name: [np.zeros(0, np.float32) if v is None else v for v in values[f"channels/{name}"]]
                    for name in STATISTICS}
        return BranchSample(pending.step, list(self.names), *(values[name] for name in STATISTICS), channels=channels)


def _per_filter(weights: list[torch.Tensor]) -> torch.Tensor | None:
    """The L2 norm of each output filter (row) of each weight tensor, concatenated; None for none."""
    if not weights:
        return None
    return torch.cat([w.detach().float().flatten(1).norm(dim=1) for w in weights])
