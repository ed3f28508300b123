"""Row 1's levers left on the CPU: thread placement, oneDNN's float32 math mode, and compiling only
the model with the compiled artefacts cached across runs. Each variant runs in its own process
(the settings are read when PyTorch starts), alternating, so drifts in machine load hit all alike.

    python benchmarks/cpu_levers.py [--steps 20] [--repeats 2] [--batch 64] [--input-size 96]

- placement: OMP_PROC_BIND=close with OMP_PLACES=cores (one training thread per core, never moved)
  against the default, the engine's own loop (`core.training.engine.Trainer`, bf16 autocast where the CPU has it);
- float32 math: the engine at precision fp32 with ONEDNN_DEFAULT_FPMATH_MODE=BF16 (oneDNN may run
  float32 convolutions in bf16) against plain fp32: what the Tutorial recipe (fp32) could gain;
- compiled model: the engine's step (channels_last, bf16 autocast, fused Adam) on `torch.compile(model)`
  against the same step on the plain model, once with an empty inductor cache (the first run's
  compile time) and once more in a new process on the same cache (what every later run pays).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import median, report

HERE = Path(__file__).resolve().parent


def engine_speed(batch: int, steps: int, input_size: int, precision: str) -> dict:
    from train_throughput import engine_images_per_sec

    return {"images_per_sec": engine_images_per_sec("cpu", batch, steps, input_size, precision=precision)}


def step_speed(batch: int, steps: int, input_size: int, compiled: bool) -> dict:
    """The engine's step on one network, plain or `torch.compile`d: the first step's time (the
    compile, when compiled) and the steady speed after two warm-up steps."""
    import torch
    import torch.nn.functional as F

    from googlenet_gui.core.data.sources import load_sample
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
    from googlenet_gui.core.data.transforms import to_model_input

    torch.manual_seed(0)
    sample = load_sample()
    model = GoogLeNet(ModelConfig(1, 10)).to(memory_format=torch.channels_last)
    run = torch.compile(model) if compiled else model
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, fused=True)
    stamps = [time.perf_counter()]
    for i in range(steps + 3):
        start = (i * batch) % (len(sample.train) - batch)
        x = to_model_input(sample.train.images[start:start + batch], input_size, True)
        y = sample.train.labels[start:start + batch]
        with torch.autocast("cpu", dtype=torch.bfloat16):
            loss = F.cross_entropy(run(x).float(), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        stamps.append(time.perf_counter())
    return {"first_step_s": stamps[1] - stamps[0],
            "images_per_sec": batch * steps / (stamps[-1] - stamps[3])}


def child(args: argparse.Namespace) -> None:
    if args.child.startswith("step"):
        result = step_speed(args.batch, args.steps, args.input_size, compiled=args.child == "step_compiled")
    else:
        result = engine_speed(args.batch, args.steps, args.input_size, args.precision)
    print(json.dumps(result))


def run_child(kind: str, args: argparse.Namespace, env: dict, precision: str = "auto") -> dict:
    command = [sys.executable, str(HERE / "cpu_levers.py"), "--child", kind, "--batch", str(args.batch),
               "--steps", str(args.steps), "--input-size", str(args.input_size), "--precision", precision]
    done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, cwd=HERE)
    if done.returncode:
        raise SystemExit(f"{kind} {env}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--input-size", type=int, default=96)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--precision", default="auto")
    ap.add_argument("--child", default="")
    args = ap.parse_args()
    if args.child:
        return child(args)

    bound = {"OMP_PROC_BIND": "close", "OMP_PLACES": "cores"}
    variants = {"default": ("engine", {}, "auto"), "threads_bound": ("engine", bound, "auto"),
                "fp32": ("engine", {}, "fp32"), "fp32_fpmath_bf16": ("engine", {"ONEDNN_DEFAULT_FPMATH_MODE": "BF16"}, "fp32"),
                "step_plain": ("step_plain", {}, "auto")}
    speeds: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.repeats):
        for name, (kind, env, precision) in variants.items():
            speeds[name].append(run_child(kind, args, env, precision)["images_per_sec"])
    with tempfile.TemporaryDirectory() as cache:  # compiled: a cold cache, then the same cache in a new process
        env = {"TORCHINDUCTOR_CACHE_DIR": cache}
        cold = run_child("step_compiled", args, env)
        warm = run_child("step_compiled", args, env)
    speeds["step_compiled"] = [cold["images_per_sec"], warm["images_per_sec"]]
    m = {name: median(values) for name, values in speeds.items()}
    ratios = {"threads_bound / default": m["threads_bound"] / m["default"],
              "fp32_fpmath_bf16 / fp32": m["fp32_fpmath_bf16"] / m["fp32"],
              "step_compiled / step_plain": m["step_compiled"] / m["step_plain"]}
    report("cpu_levers", {"batch": args.batch, "input_size": args.input_size, "images_per_sec": speeds,
                          "ratios": ratios, "compile_s": {"cold_cache": cold["first_step_s"],
                                                          "warm_cache": warm["first_step_s"]}},
           f"threads bound to cores x{ratios['threads_bound / default']:.2f} ({m['threads_bound']:.0f} / "
           f"{m['default']:.0f} img/s); fp32 with oneDNN's bf16 math x{ratios['fp32_fpmath_bf16 / fp32']:.2f} "
           f"({m['fp32_fpmath_bf16']:.0f} / {m['fp32']:.0f}); compiled model x{ratios['step_compiled / step_plain']:.2f} "
           f"({m['step_compiled']:.0f} / {m['step_plain']:.0f}), first step {cold['first_step_s']:.0f} s with an "
           f"empty cache, {warm['first_step_s']:.0f} s with the cache of the run before")


if __name__ == "__main__":
    main()
