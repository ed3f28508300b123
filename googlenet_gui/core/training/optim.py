"""The optimizer and learning-rate schedule a TrainConfig asks for, and a checkpoint's stored
state of them made fit to load into them on resume."""
from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..runs.config import TrainConfig

# How an optimizer computes its step, chosen for the device it runs on (make_optimizer): on resume
# these are the new optimizer's, whatever the stored state says.
KERNEL_FLAGS = ("fused", "foreach", "capturable", "differentiable", "amsgrad")
# What a schedule's plan is made of: derived from the settings, so a stored one must agree.
SCHEDULE_PLAN = ("total_steps", "T_max", "eta_min", "_schedule_phases", "_anneal_func_type", "cycle_momentum", "use_beta1")


def training_loss(logits: torch.Tensor, labels: torch.Tensor, config: TrainConfig, reduction: str = "mean") -> torch.Tensor:
    """The loss training minimises: cross-entropy in float32, with the settings' label smoothing."""
    return F.cross_entropy(logits.float(), labels, reduction=reduction, label_smoothing=config.label_smoothing)


def make_optimizer(model: torch.nn.Module, config: TrainConfig, device: torch.device,
                   groups: list[dict[str, Any]] | None = None) -> torch.optim.Optimizer:
    """`groups`: parameter groups (a group without "lr" takes config.lr); default: every parameter."""
    params: Any = groups if groups is not None else model.parameters()
    if config.optimizer == "sgd":
        return torch.optim.SGD(params, lr=config.lr, momentum=config.momentum,
                               weight_decay=config.weight_decay, nesterov=config.momentum > 0)
    # One fused kernel for all parameters instead of a dozen ops per tensor (~5% of a CPU step).
    fused = device.type in ("cpu", "cuda")
    if config.weight_decay:
        return torch.optim.AdamW(params, lr=config.lr, weight_decay=config.weight_decay, fused=fused)
    return torch.optim.Adam(params, lr=config.lr, fused=fused)


def make_scheduler(optimizer: torch.optim.Optimizer, config: TrainConfig,
                   total_steps: int) -> torch.optim.lr_scheduler.LRScheduler | None:
    """Stepped once per batch; None for a constant learning rate."""
    if config.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, total_steps))
    if config.schedule == "onecycle":
        steps = max(1, total_steps)
        # OneCycleLR divides by zero when its warm-up ends at step 0 (0.25 of 4 steps): start it a little earlier
        pct_start = 0.25 if steps != 4 else 0.2
        peaks = [group["lr"] for group in optimizer.param_groups]  # each group's own rate is its peak
        return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=peaks if len(peaks) > 1 else config.lr,
                                                   total_steps=steps, pct_start=pct_start)
    return None


def resumed_optimizer_state(stored: dict[str, Any], optimizer: torch.optim.Optimizer) -> dict[str, Any]:
    """A checkpoint's optimizer state (checked by core/runs/resume_state.check_optimizer) fit to load
    into `optimizer`: the same parameter groups, each with the stored settings the new optimizer
    has (lr, betas, ...) and the new optimizer's way of computing its step. ValueError when the
    groups differ."""
    fresh = optimizer.state_dict()["param_groups"]
    groups = stored["param_groups"]
    if len(groups) != len(fresh) or any(g["params"] != f["params"] for g, f in zip(groups, fresh)):
        raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "its optimizer state's parameter groups are not the run's")))
    return {"state": stored["state"],
            "param_groups": [{**f, **{k: g[k] for k in f if k in g and k not in KERNEL_FLAGS}} for g, f in zip(groups, fresh)]}


def resumed_scheduler_state(stored: dict[str, Any], scheduler: torch.optim.lr_scheduler.LRScheduler) -> dict[str, Any]:
    """A checkpoint's schedule state (checked by resume_state.check_scheduler) fit to load into
    `scheduler`, made for the same settings and length: its plan must be the new one's; only what
    the new scheduler's state holds is taken. ValueError when the plans differ."""
    fresh = scheduler.state_dict()
    for key in SCHEDULE_PLAN:
        if key in fresh and key in stored and stored[key] != fresh[key]:
            raise ValueError(Message(QT_TRANSLATE_NOOP("Core", "its schedule state ({key}) does not match its own settings"),
                                     key=key))
    return {**fresh, **{k: stored[k] for k in fresh if k in stored}}

