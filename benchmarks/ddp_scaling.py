"""Data-parallel scaling: training images per second of 1 process / N processes under torchrun.

Both run the real `train` command on the built-in sample with the same global batch, input size
and number of steps, alternately, `--repeats` times each: 1 process with plain `python -m
googlenet_gui train`, N processes with `torchrun --nproc-per-node N` (gloo on the CPU, NCCL with
one GPU each on CUDA). The speed is rank 0's images per second of the global batch, as the run
logs it in metrics.jsonl, the median over each run's batches after the first `--warmup`.

On the CPU the N processes share the cores (each gets cores / N threads, the single process all
of them), so this measures what splitting one machine's cores costs, not a speed-up: expect a
ratio at or below 1. On a machine with N GPUs it measures GPU scaling.

`--baseline CHECKOUT` also runs the single process from another checkout of the app (e.g. the
main branch), in turn with the others, and prints this checkout's 1-process speed / the baseline's:
a change to the data-parallel path must leave one process as fast as before (expect 1.00).
With `--processes 1` only the single processes run.

    python benchmarks/ddp_scaling.py [--device cpu|cuda] [--processes N] [--steps 30] [--repeats 2]
                                     [--baseline /path/to/other/checkout]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from common import ROOT, median, report, scratch_dir


def images_per_sec(processes: int, args: argparse.Namespace, threads: int, root: Path = ROOT) -> float:
    out = scratch_dir() / f"run-{processes}"
    settings = ["train", "--dataset", "sample", "--epochs", "1", "--batch-size", str(args.batch_size),
                "--limit-train", str(args.batch_size * args.steps), "--limit-val", "1",
                "--input-size", str(args.input_size), "--device", args.device, "--threads", str(threads),
                "--checkpoint-minutes", "1000", "--out", str(out)]
    if processes == 1:
        command = [sys.executable, "-m", "googlenet_gui", *settings]
    else:
        command = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc-per-node={processes}",
                   "-m", "googlenet_gui", *settings]
    env = {**os.environ, "PYTHONPATH": str(root), "OMP_NUM_THREADS": str(threads)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=root)
    if result.returncode != 0:
        sys.exit(f"{processes} process(es) of {root} failed:\n{result.stderr[-3000:]}")
    speeds = [r["images_per_sec"] for r in map(json.loads, (out / "metrics.jsonl").read_text().splitlines())
              if r["event"] == "batch" and r["step"] > args.warmup]
    if not speeds:
        sys.exit("no batches after the warm-up: ask for more --steps")
    return median(speeds)


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    parser.add_argument("--processes", type=int, default=None,
                        help="N (default: 2 on the CPU, every GPU on CUDA)")
    parser.add_argument("--batch-size", type=int, default=64, help="the global batch")
    parser.add_argument("--input-size", type=int, default=96)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5, help="batches left out of each run's median")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout of the app whose single process is measured too, in turn")
    args = parser.parse_args()
    processes = args.processes or (torch.cuda.device_count() if args.device == "cuda" else 2)
    if args.baseline is not None and not (args.baseline / "googlenet_gui" / "__main__.py").is_file():
        sys.exit(f"{args.baseline}: not a checkout of the app (no googlenet_gui/__main__.py)")
    if processes < 2 and args.baseline is None:
        sys.exit("needs at least 2 processes (on CUDA: 2 GPUs), or --baseline")
    cores = os.cpu_count() or 1
    one, many, base = [], [], []
    for _ in range(args.repeats):  # alternately, so a busy moment hurts all
        one.append(images_per_sec(1, args, cores))
        if args.baseline is not None:
            base.append(images_per_sec(1, args, cores, args.baseline.resolve()))
        if processes >= 2:
            many.append(images_per_sec(processes, args, max(1, cores // processes)))
    single = median(one)
    figures = {"device": args.device, "processes": processes, "batch_size": args.batch_size,
               "input_size": args.input_size, "steps": args.steps, "one_process_images_per_sec": single}
    line = f"{args.device}: 1 process {single:.1f} img/s"
    if many:
        parallel = median(many)
        figures.update(n_processes_images_per_sec=parallel, speedup=parallel / single)
        line += f", {processes} processes {parallel:.1f} img/s (x{parallel / single:.2f})"
    if base:
        baseline = median(base)
        figures.update(baseline=str(args.baseline), baseline_one_process_images_per_sec=baseline,
                       one_process_vs_baseline=single / baseline)
        line += f"; the baseline's 1 process {baseline:.1f} img/s (this / baseline x{single / baseline:.2f})"
    report("ddp_scaling", figures, line + f" (global batch {args.batch_size}, input {args.input_size})")


if __name__ == "__main__":
    main()
