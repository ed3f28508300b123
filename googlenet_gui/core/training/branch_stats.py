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
    """A sample's numbers on the device: each part's gradient norm and update ratio, and per part the
    per-filter (weights) and per-channel (activations) values; None where a part has none."""

    step: int
    tensors: dict[str, list[torch.Tensor | None]] = field(default_factory=dict)
    scaled: bool = False  # fp16's loss scaling: a step whose gradients overflowed was skipped by the scaler


class BranchStats:
    """Samples the parts of `model` every `every` steps (0: never) and writes the samples to the run
    folder's branch_stats.jsonl when `run_dir` is given.

    The norms of all parameters are taken at once (torch._foreach_norm, as clip_grad_norm_ does) and
    summed per part with one index_add, so a sample costs a few hundred small kernels, not thousands."""

    def __init__(self, model: GoogLeNet, every: int = DEFAULT_EVERY, run_dir: str | Path | None = None):
        self.every = max(0, int(every))
        self.parts = parts_of(model) if self.every else []
        self.names = [part.name for part in self.parts]
        self.file = BranchStatsFile(run_dir) if run_dir is not None and self.every else None
        self.parameters = [p for part in self.parts for p in part.parameters]
        owners = [i for i, part in enumerate(self.parts) for _ in part.parameters]
        self._owner = torch.tensor(owners, dtype=torch.int64, device=self.parameters[0].device) if self.every else None
        self._step = 0
        self._activations: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}
        self._handles: list[torch.utils.hooks.RemovableHandle] = []
        self._gradient_norm: torch.Tensor | None = None
        self._scaled = False
        self._gradient_filters: list[torch.Tensor | None] = []
        self._before: list[torch.Tensor] = []
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
        self._scaled = scaler is not None and scaler.is_enabled()
        if self._scaled:
            scaler.unscale_(optimizer)  # the true gradients; scaler.step then does not unscale again
        # a frozen parameter has no gradient: it counts as a zero one
        grads = [p.grad.detach() if p.grad is not None else torch.zeros_like(p) for p in self.parameters]
        self._gradient_norm = self._per_part(torch._foreach_norm(grads))
        self._gradient_filters = self._per_filter(grads)
        self._before = torch._foreach_mul([p.detach() for p in self.parameters], 1.0)  # copies

    @torch.no_grad()
    def after_update(self) -> None:
        """After the optimizer's step: how far each part's weights moved, against their size."""
        if not self._before:
            return
        moved = torch._foreach_sub([p.detach() for p in self.parameters], self._before)
        update = self._per_part(torch._foreach_norm(moved))
        size = self._per_part(torch._foreach_norm(self._before))
        moved_filters, size_filters = self._per_filter(moved), self._per_filter(self._before)
        means = [self._activations.get(i, (None, None))[0] for i in range(len(self.parts))]
        actives = [self._activations.get(i, (None, None))[1] for i in range(len(self.parts))]
        self._pending.append(_Pending(self._step, {
            "gradient_norm": [self._gradient_norm],
            "update_ratio": [update / size.clamp_min(1e-12)],
            "channels/gradient_norm": self._gradient_filters,
            "channels/update_ratio": [None if m is None else m / s.clamp_min(1e-12) for m, s in zip(moved_filters, size_filters)],
            "channels/activation_mean": means,
            "channels/active_fraction": actives,
        }, self._scaled))
        self._before, self._gradient_filters, self._activations = [], [], {}

    def drain(self) -> Iterator[BranchSample]:
        """The samples taken since the last call, read back from the device (one copy) and written to the file."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        samples = [sample for sample in map(self._read, pending) if sample is not None]
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

    def _read(self, pending: _Pending) -> BranchSample | None:
        """One copy from the device for the whole sample, then split into its figures; None for a step
        the fp16 loss scaler skipped (its gradients overflowed while it found its scale: nothing learnt)."""
        tensors = [t for column in pending.tensors.values() for t in column if t is not None]
        flat = torch.cat([t.detach().float().reshape(-1) for t in tensors]).cpu().numpy()
        values: dict[str, list[np.ndarray | None]] = {}
        at = 0
        for name, column in pending.tensors.items():
            values[name] = []
            for t in column:
                values[name].append(None if t is None else flat[at:at + t.numel()].copy())
                at += 0 if t is None else t.numel()
        channels = {name: [np.zeros(0, np.float32) if v is None else v for v in values[f"channels/{name}"]]
                    for name in STATISTICS}
        if pending.scaled and not np.isfinite(values["gradient_norm"][0]).all():
            return None
        figures = {"gradient_norm": [float(v) for v in values["gradient_norm"][0]],
                   "update_ratio": [float(v) for v in values["update_ratio"][0]],
                   # the part's mean over all its outputs: every channel has as many values
                   "activation_mean": [None if v is None else float(v.mean()) for v in values["channels/activation_mean"]],
                   "active_fraction": [None if v is None else float(v.mean()) for v in values["channels/active_fraction"]]}
        return BranchSample(pending.step, list(self.names), **figures, channels=channels)

    def _per_part(self, norms: list[torch.Tensor]) -> torch.Tensor:
        """Each part's norm from its parameters' norms: the square root of the sum of their squares."""
        squares = torch.stack(norms).float().square()
        return torch.zeros(len(self.parts), device=squares.device).index_add_(0, self._owner, squares).sqrt()

    def _per_filter(self, tensors: list[torch.Tensor]) -> list[torch.Tensor | None]:
        """Per part: the L2 norm of each output filter (row) of its weight tensors, concatenated."""
        out: list[torch.Tensor | None] = []
        at = 0
        for part in self.parts:
            mine = tensors[at:at + len(part.parameters)]
            at += len(part.parameters)
            rows = [t.float().flatten(1).norm(dim=1) for t, p in zip(mine, part.parameters) if p.dim() >= 2]
            out.append(torch.cat(rows) if rows else None)
        return out
