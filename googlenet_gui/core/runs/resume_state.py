"""What a checkpoint's tensors and resume state may hold, checked before anything uses them.

The resume state is PyTorch's own: the optimizer's state and parameter groups, the schedule's,
the gradient scaler's, the random number generators'. A crafted one reaches PyTorch's fused
kernels (moments of the wrong shape crash the process) and its schedulers (tracebacks) unless it
is checked first: here against the network's parameters (each tensor's shape, dtype, device and
storage; each parameter listed once) and the run's settings (which optimizer and schedule).
Values are inspected by type before use: a nested container where a number belongs is refused,
never walked (a crafted file's shared references can make a small file an endless structure).

`_Reader` in checkpoint.py calls these; StateError carries the one-line reason.
"""
from __future__ import annotations

import math
from typing import Any

import torch

from ..common.messages import QT_TRANSLATE_NOOP, Message

# What each optimizer keeps per parameter (optim.make_optimizer: Adam or AdamW, or SGD).
PARAMETER_STATE = {"adam": ("step", "exp_avg", "exp_avg_sq"), "sgd": ("momentum_buffer",)}
MAX_STEP = 10**12  # steps a run can take
MAX_GROUPS = 64
MAX_KEYS = 64  # settings in one parameter group or schedule state
MAX_TEXT = 64
# The numbers a parameter group may hold, with their ranges (the scheduler adds the *_lr and *_momentum ones).
GROUP_NUMBERS = {"lr": (0.0, 1e6), "initial_lr": (0.0, 1e6), "max_lr": (0.0, 1e6), "min_lr": (0.0, 1e6),
                 "eps": (0.0, 1.0), "weight_decay": (0.0, 1e6), "momentum": (0.0, 1.0), "dampening": (0.0, 1.0),
                 "max_momentum": (0.0, 1.0), "base_momentum": (0.0, 1.0)}
GROUP_FLAGS = ("amsgrad", "maximize", "capturable", "differentiable", "nesterov", "decoupled_weight_decay")
GROUP_OPTIONAL_FLAGS = ("fused", "foreach")  # None: PyTorch chooses
FLOATS = (torch.float32, torch.float16, torch.bfloat16, torch.float64)

A_TABLE = QT_TRANSLATE_NOOP("Core", "a table")
A_LIST = QT_TRANSLATE_NOOP("Core", "a list")
A_TENSOR = QT_TRANSLATE_NOOP("Core", "a tensor")
A_WHOLE_NUMBER = QT_TRANSLATE_NOOP("Core", "a whole number")
A_NUMBER = QT_TRANSLATE_NOOP("Core", "a finite number")
A_FLAG = QT_TRANSLATE_NOOP("Core", "true or false")
A_PLAIN_VALUE = QT_TRANSLATE_NOOP("Core", "a number, a flag or a short text")


class StateError(ValueError):
    """A tensor or resume state that cannot be used, with a one-line reason."""


def _not(what: Any, kind: str) -> StateError:
    return StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} is not {kind}"), what=what, kind=Message(kind)))


# ---------------------------------------------------------------- tensors


def check_tensor(value: Any, what: Any, shape: tuple[int, ...] | None = None, dtypes: tuple[torch.dtype, ...] | None = None,
                 finite: bool = False) -> torch.Tensor:
    """A plain tensor on the CPU whose storage holds every value its shape claims, with `shape`
    and one of `dtypes` where given (and only finite values with `finite`)."""
    if not isinstance(value, torch.Tensor):
        raise _not(what, A_TENSOR)
    if value.layout != torch.strided or value.is_quantized:
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} is not a plain (dense) tensor"), what=what))
    if value.device.type != "cpu":  # what torch.load(map_location="cpu") leaves elsewhere: the meta device, which holds no values
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} is on the {device} device, which holds no values"),
                                 what=what, device=value.device.type))
    if shape is not None and tuple(value.shape) != tuple(shape):
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} has shape {got}, not {shape}"), what=what,
                                 got=tuple(value.shape), shape=tuple(shape)))
    if dtypes is not None and value.dtype not in dtypes:
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} holds {dtype} values, not {expected}"), what=what,
                                 dtype=str(value.dtype).replace("torch.", ""),
                                 expected=" or ".join(str(d).replace("torch.", "") for d in dtypes)))
    if not _fits_its_storage(value):
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} claims {count:,} values that its stored bytes do not "
                                                           "hold"), what=what, count=value.numel()))
    if finite and not all_finite(value):
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} holds NaN or infinite values"), what=what))
    return value


def all_finite(t: torch.Tensor) -> bool:
    """Whether a tensor holds no NaN or infinity: its smallest and largest values are finite (NaN
    propagates through both). One pass, and no tensor of flags as large as the weights."""
    if not t.is_floating_point() or t.numel() == 0:
        return True
    low, high = torch.aminmax(t.detach())
    return bool(torch.isfinite(low) & torch.isfinite(high))


def _fits_its_storage(t: torch.Tensor) -> bool:
    """Whether each value the shape claims is a value of its own in the stored bytes: no stride of
    0 or overlap (which let a few bytes claim millions of values), nothing beyond the storage."""
    if t.numel() == 0:
        return True
    dims = sorted((stride, size) for size, stride in zip(t.shape, t.stride()) if size > 1)
    needed = 1
    for stride, size in dims:
        if stride < needed:
            return False
        needed = stride * size
    extent = t.storage_offset() + sum((size - 1) * stride for stride, size in dims) + 1
    return extent * t.element_size() <= t.untyped_storage().nbytes()


# ---------------------------------------------------------------- plain values


def _whole(value: Any, what: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _not(what, A_WHOLE_NUMBER)
    if not low <= value <= high:
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} is {value}, outside {low}..{high}"), what=what, value=value,
                                 low=low, high=high))
    return value


def _number(value: Any, what: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _not(what, A_NUMBER)
    if not low <= value <= high:
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} is outside {low:g}..{high:g}"), what=what, low=low,
                                 high=high))
    return float(value)


def _flag(value: Any, what: Any, optional: bool = False) -> None:
    if not (isinstance(value, bool) or optional and value is None):
        raise _not(what, A_FLAG)


def _table(value: Any, what: Any, most: int = MAX_KEYS) -> dict[Any, Any]:
    if not isinstance(value, dict) or len(value) > most:
        raise _not(what, A_TABLE)
    return value


def _plain(value: Any, what: Any) -> None:
    """A value that cannot hide anything: None, a flag, a whole number, a finite number, a short text."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int) and abs(value) <= MAX_STEP:
        return
    if isinstance(value, float) and math.isfinite(value):
        return
    if isinstance(value, str) and len(value) <= MAX_TEXT:
        return
    raise _not(what, A_PLAIN_VALUE)


def _numbers(value: Any, what: Any, count: int, low: float, high: float) -> list[float]:
    if not isinstance(value, (list, tuple)) or len(value) != count:
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} is not a list of {count} numbers"), what=what, count=count))
    return [_number(v, what, low, high) for v in value]


def _setting(table: str, key: Any) -> Message:
    return Message(QT_TRANSLATE_NOOP("Core", "the {table}'s {key}"), table=Message(table), key=str(key)[:MAX_TEXT])


def _keys(table: dict[Any, Any], what: Any) -> None:
    for key in table:
        if not isinstance(key, str) or len(key) > MAX_TEXT:
            raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} has a setting whose name is not a short text"), what=what))


# ---------------------------------------------------------------- the optimizer


OPTIMIZER = QT_TRANSLATE_NOOP("Core", "optimizer state")
SCHEDULE = QT_TRANSLATE_NOOP("Core", "schedule state")
SCALER = QT_TRANSLATE_NOOP("Core", "gradient scaler state")


def check_optimizer(value: Any, shapes: list[tuple[int, ...]], kind: str | None) -> dict[str, Any]:
    """An optimizer's state_dict for a network whose parameters have `shapes` (in order), made
    by optimizer `kind` ("adam", "sgd"; None: either)."""
    state_dict = _table(value, Message(OPTIMIZER))
    if set(state_dict) != {"state", "param_groups"}:
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "the optimizer state is not a table of exactly {keys}"),
                                 keys="state, param_groups"))
    check_param_groups(state_dict["param_groups"], len(shapes))
    state = _table(state_dict["state"], Message(QT_TRANSLATE_NOOP("Core", "the optimizer's per-parameter state")), len(shapes))
    kinds = [kind] if kind in PARAMETER_STATE else list(PARAMETER_STATE)
    for index, entry in state.items():
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(shapes):
            raise StateError(Message(QT_TRANSLATE_NOOP("Core", "the optimizer state names a parameter the network does not "
                                                               "have")))
        where = Message(QT_TRANSLATE_NOOP("Core", "the optimizer state of parameter {index}"), index=index)
        entry = _table(entry, where)
        _keys(entry, where)
        if not any(set(entry) == set(PARAMETER_STATE[k]) or k == "sgd" and not entry for k in kinds):
            raise StateError(Message(QT_TRANSLATE_NOOP("Core", "{what} holds {keys}, not what the run's optimizer keeps ({expected})"),
                                     what=where, keys=", ".join(sorted(entry))[:200] or "-",
                                     expected=" or ".join(", ".join(PARAMETER_STATE[k]) for k in kinds)))
        for key, item in entry.items():
            what = Message(QT_TRANSLATE_NOOP("Core", "{what} ({key})"), what=where, key=key)
            if key == "step":
                if isinstance(item, torch.Tensor):
                    item = float(check_tensor(item, what, (), (torch.float32, torch.float64), finite=True))
                _number(item, what, 0, MAX_STEP)
            elif key == "momentum_buffer" and item is None:
                continue
            else:
                check_tensor(item, what, shapes[index], (torch.float32,), finite=True)
    return state_dict


def check_param_groups(value: Any, count: int) -> None:
    """The optimizer's parameter groups: their settings plain and in range, and together they list
    each of the `count` parameters once."""
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_GROUPS:
        raise StateError(Message(QT_TRANSLATE_NOOP("Core", "the optimizer's parameter groups are not a list of 1 to {most} "
                                                           "groups"), most=MAX_GROUPS))
    listed: list[int] = []
    for group in value:
        group = _table(group, Message(QT_TRANSLATE_NOOP("Core", "an optimizer parameter group")))
        _keys(group, Message(QT_TRANSLATE_NOOP("Core", "an optimizer parameter group")))
        params = group.get("params")
        if not isinstance(params, list) or len(listed) + len(params) > count:
            raise _groups_problem(count)
        if not all(isinstance(p, int) and not isinstance(p, bool) for p in params):
            raise _not(_setting(QT_TRANSLATE_NOOP("Core", "optimizer"), "params"), A_LIST)
        listed.extend(params)
        for key, item in group.items():
            what = _setting(QT_TRANSLATE_NOOP("Core", "optimizer"), key)
            if key == "params":
                continue
            if key in GROUP_NUMBERS:
                _number(item, what, *GROUP_NUMBERS[key])
            elif key == "betas":
                _numbers(item, what, 2, 0.0, 1.0)
            elif key in GROUP_FLAGS or key in GROUP_OPTIONAL_FLAGS:
                _flag(item, what, optional=key in GROUP_OPTIONAL_FLAGS)
            elif key == "param_names":
                if not isinstance(item, list) or len(item) != len(params) or not all(
                        isinstance(n, str) and len(n) <= 200 for n in item):
                    raise _not(what, A_LIST)
            else:
                _plain(item, what)
    if len(listed) != count or sorted(listed) != list(range(count)):
        raise _groups_problem(count)


def _groups_problem(count: int) -> StateError:
    return StateError(Message(QT_TRANSLATE_NOOP("Core", "the optimizer's parameter groups do not list each of the "
                                                        "network's {count} parameters once"), count=count))


# ---------------------------------------------------------------- the schedule


SCHEDULE_KEYS = {"cosine": ("T_max",), "onecycle": ("total_steps", "_schedule_phases")}


def check_scheduler(value: Any, schedule: str | None, groups: int, step: int) -> dict[str, Any] | None:
    """A learning-rate scheduler's state_dict for `schedule` ("cosine", "onecycle"; "none" or
    None: any table of plain values, unused), stepped `step` times, over `groups` parameter groups."""
    if value is None:
        return None
    what = Message(SCHEDULE)
    state = _table(value, what)
    _keys(state, what)
    if schedule not in SCHEDULE_KEYS:
        for key, item in state.items():
            if not isinstance(item, (list, dict)):
                _plain(item, _setting(SCHEDULE, key))
        return state
    for key in ("last_epoch", "base_lrs", *SCHEDULE_KEYS[schedule]):
        if key not in state:
            raise StateError(Message(QT_TRANSLATE_NOOP("Core", "the schedule state has no {key}"), key=key))
    for key, item in state.items():
        setting = _setting(SCHEDULE, key)
        if key == "optimizer":  # what a scheduler's state_dict leaves out: loading it would replace the optimizer
            raise StateError(Message(QT_TRANSLATE_NOOP("Core", "the schedule state holds an optimizer of its own")))
        if key == "last_epoch":
            if _whole(item, setting, -1, MAX_STEP) != step:
                raise StateError(Message(QT_TRANSLATE_NOOP("Core", "the schedule state is at step {got}, the checkpoint at "
                                                                   "step {step}"), got=item, step=step))
        elif key in ("_step_count", "T_max", "total_steps"):
            _whole(item, setting, 0 if key == "_step_count" else 1, MAX_STEP + 1)
        elif key in ("base_lrs", "_last_lr"):
            _numbers(item, setting, groups, 0.0, 1e6)
        elif key == "eta_min":
            _number(item, setting, 0.0, 1e6)
        elif key in ("_is_initial", "_get_lr_called_within_step", "verbose", "cycle_momentum", "use_beta1"):
            _flag(item, setting)
        elif key == "_anneal_func_type":
            if item not in ("cos", "linear"):
                raise _not(setting, A_PLAIN_VALUE)
        elif key == "_schedule_phases":
            _check_phases(item, setting)
        else:
            _plain(item, setting)
    return state


def _check_phases(value: Any, what: Any) -> None:
    """OneCycleLR's phases: two or three tables of an end step and the names of the group settings they move between."""
    if not isinstance(value, list) or not 2 <= len(value) <= 3:
        raise _not(what, A_LIST)
    for phase in value:
        phase = _table(phase, what)
        if set(phase) != {"end_step", "start_lr", "end_lr", "start_momentum", "end_momentum"}:
            raise _not(what, A_LIST)
        _number(phase["end_step"], what, -1.0, MAX_STEP)
        for key in ("start_lr", "end_lr", "start_momentum", "end_momentum"):
            if not isinstance(phase[key], str) or phase[key] not in GROUP_NUMBERS:
                raise _not(what, A_LIST)


# ---------------------------------------------------------------- the scaler and the random generators


def check_scaler(value: Any) -> dict[str, Any] | None:
    """A GradScaler's state_dict: plain numbers (its scale positive and finite)."""
    if value is None:
        return None
    state = _table(value, Message(SCALER))
    _keys(state, Message(SCALER))
    for key, item in state.items():
        setting = _setting(SCALER, key)
        if key in ("scale", "growth_factor", "backoff_factor"):
            _number(item, setting, 1e-30 if key == "scale" else 0.0, 1e30)
        elif key in ("growth_interval", "_growth_tracker"):
            _whole(item, setting, 0, MAX_STEP)
        else:
            _plain(item, setting)
    return state


def check_rng(value: Any) -> dict[str, Any]:
    """The random number states: the data generator's and the global one (CPU generators' byte
    states), and one per CUDA device, if any."""
    rng = _table(value, Message(QT_TRANSLATE_NOOP("Core", "random number state")))
    size = torch.get_rng_state().numel()
    for key in ("data", "torch"):
        check_tensor(rng.get(key), Message(QT_TRANSLATE_NOOP("Core", "the random number state {key!r}"), key=key), (size,),
                     (torch.uint8,))
    cuda = rng.get("cuda")
    if cuda is not None:
        if not isinstance(cuda, list) or len(cuda) > MAX_GROUPS:
            raise _not(Message(QT_TRANSLATE_NOOP("Core", "the random number state {key!r}"), key="cuda"), A_LIST)
        for state in cuda:
            check_tensor(state, Message(QT_TRANSLATE_NOOP("Core", "the random number state {key!r}"), key="cuda"), None,
                         (torch.uint8,))
    return rng
