"""Training on a busy CPU: the engine's throughput when other programs keep every core busy, with
PyTorch's defaults and with the levers that may help, each in its own process (OpenMP reads its
settings when PyTorch starts), alternating, so drifts hit every variant alike.

    python benchmarks/busy_cpu.py [--steps 20] [--repeats 2] [--batch 64] [--input-size 64]

"Busy" is one CPU-bound process per core (a busy loop, as a compile or a browser tab would be),
started before the variant and stopped after it. The variants:
- the engine as it is: on PyTorch's default thread count it follows the load (core/common/cpu_load.py:
  one thread fewer for each core other programs hold, looked at every 2 s);
- every core's thread, whatever the load (the engine before it followed the load; --threads N);
- one training thread: no thread ever waits for another;
- OMP_WAIT_POLICY=PASSIVE with every core's thread: a thread that waits for the others sleeps at
  once instead of spinning.
Each is measured quiet too: a lever must not make the quiet machine slower.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from common import median, report

HERE = Path(__file__).resolve().parent


def _burn() -> None:
    while True:
        pass


def child(args: argparse.Namespace) -> None:
    from train_throughput import engine_images_per_sec

    from googlenet_gui.core.common.devices import DEFAULT_THREADS

    overrides = {"num_threads": DEFAULT_THREADS if args.threads < 0 else args.threads} if args.threads else {}
    print(json.dumps({"images_per_sec": engine_images_per_sec("cpu", args.batch, args.steps, args.input_size,
                                                               **overrides)}))


def run_variant(args: argparse.Namespace, env: dict[str, str], threads: int, busy: bool) -> float:
    burners = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(os.cpu_count() or 1)] if busy else []
    for burner in burners:
        burner.start()
    try:
        command = [sys.executable, str(HERE / "busy_cpu.py"), "--child", "--batch", str(args.batch),
                   "--steps", str(args.steps), "--input-size", str(args.input_size), "--threads", str(threads)]
        done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, cwd=HERE)
    finally:
        for burner in burners:
            burner.terminate()
            burner.join()
    if done.returncode:
        raise SystemExit(f"{env} threads={threads}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])["images_per_sec"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--input-size", type=int, default=64)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--threads", type=int, default=0, help=argparse.SUPPRESS)  # 0: the engine's choice, -1: every core's
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    passive = {"OMP_WAIT_POLICY": "PASSIVE"}
    variants = {  # name: (environment, training threads (0: the engine's choice, -1: one a core), busy)
        "quiet": ({}, 0, False), "quiet_every_core": ({}, -1, False), "quiet_one_thread": ({}, 1, False),
        "quiet_passive": (passive, -1, False),
        "busy": ({}, 0, True), "busy_every_core": ({}, -1, True), "busy_one_thread": ({}, 1, True),
        "busy_passive": (passive, -1, True),
    }
    speeds: dict[str, list[float]] = {name: [] for name in variants}
    for repeat in range(args.repeats):
        order = list(variants) if repeat % 2 == 0 else list(reversed(variants))
        for name in order:
            env, threads, busy = variants[name]
            speeds[name].append(run_variant(args, env, threads, busy))
    m = {name: median(values) for name, values in speeds.items()}
    ratios = {name: m[name] / m["quiet"] for name in variants}
    busy_gain, quiet_cost = m["busy"] / m["busy_every_core"], m["quiet"] / m["quiet_every_core"]
    report("busy_cpu", {"batch": args.batch, "input_size": args.input_size, "cores": os.cpu_count(),
                        "images_per_sec": speeds, "ratio_to_quiet": ratios,
                        "engine / every core's thread": {"busy": busy_gain, "quiet": quiet_cost}},
           f"busy: the engine x{busy_gain:.2f} of every core's thread ({m['busy']:.0f} / {m['busy_every_core']:.0f} img/s); "
           f"quiet: x{quiet_cost:.2f}; " + "; ".join(f"{name} {m[name]:.0f} img/s (x{ratios[name]:.2f} of quiet)"
                                                       for name in variants))


if __name__ == "__main__":
    main()
