"""The training step against the machine's own limit: the engine's and the tutorial loop's
arithmetic per second as a share of what the same threads reach on a plain dense matrix multiply
(torch.mm), bf16 and float32, all measured alternately in one run.

A training step costs 3 x 2 x the network's multiply-adds per image (forward, and a backward pass
of about twice the forward's work; core.network.shapes counts the convolutions and the linear
layer, as fvcore and thop do). The matrix multiply is the best case a CPU's matrix units reach;
the operators between convolutions (BatchNorm, ReLU, pooling, concatenation) move memory and add
little arithmetic, so the share says how much of the step is spent outside the matrix units.

    python benchmarks/limit.py [--repeats 3] [--steps 20] [--batch 64] [--input-size 96] [--size 2048]
        [--precision auto|fp32]

`--precision fp32` measures what a CPU without bf16 does (the engine's `auto` is float32 there),
without the bf16 runs: with oneDNN, ATen and MKL (torch.mm's float32) held to AVX2 it approximates
an AVX2-only CPU,
    MKL_ENABLE_INSTRUCTIONS=AVX2 ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 python benchmarks/limit.py --precision fp32
"""
from __future__ import annotations

import argparse
import time

from common import machine, median, report
from train_throughput import engine_images_per_sec, reference_images_per_sec


def matmul_gflops(dtype_name: str, size: int, seconds: float = 2.0) -> float:
    """torch.mm of two size x size matrices on this process's PyTorch threads, in GFLOP/s."""
    import torch

    dtype = {"bf16": torch.bfloat16, "fp32": torch.float32}[dtype_name]
    a = torch.randn(size, size).to(dtype)
    b = torch.randn(size, size).to(dtype)
    for _ in range(3):  # warm up: oneDNN picks and caches its kernel
        torch.mm(a, b)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        torch.mm(a, b)
        count += 1
    return 2 * size ** 3 * count / (time.perf_counter() - start) / 1e9


def training_gflop_per_image(input_size: int) -> float:
    """3 x 2 x multiply-adds of one 1-channel image (the built-in sample) at `input_size`."""
    from googlenet_gui.core.network.shapes import inspect_shapes

    return 6 * inspect_shapes(1, input_size, input_size, 10).total_macs / 1e9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--input-size", type=int, default=96)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--size", type=int, default=2048, help="of the square matrices")
    ap.add_argument("--precision", choices=("auto", "fp32"), default="auto",
                    help="the engine's precision: auto (this CPU's) or fp32 (a CPU without bf16; no bf16 runs)")
    a = ap.parse_args()
    per_image = training_gflop_per_image(a.input_size)
    about = machine()
    with_bf16 = a.precision == "auto" and about["auto_precision_cpu"] == "bf16"
    runs: dict[str, list[float]] = {"mm_bf16": [], "mm_fp32": [], "engine": [], "engine_fp32": [], "reference": []}
    for _ in range(a.repeats):  # alternate, so drifts in machine load hit every figure alike
        runs["mm_fp32"].append(matmul_gflops("fp32", a.size))
        runs["engine_fp32"].append(engine_images_per_sec("cpu", a.batch, a.steps, a.input_size, precision="fp32"))
        runs["reference"].append(reference_images_per_sec("cpu", a.batch, a.steps, a.input_size))
        if with_bf16:
            runs["mm_bf16"].append(matmul_gflops("bf16", a.size))
            runs["engine"].append(engine_images_per_sec("cpu", a.batch, a.steps, a.input_size))
    m = {k: median(v) for k, v in runs.items() if v}
    if not with_bf16:  # the engine is its float32 run
        m["engine"] = m["engine_fp32"]
    limit_engine = "mm_bf16" if with_bf16 else "mm_fp32"  # the engine's arithmetic
    gflops = {k: m[k] * per_image for k in ("engine", "engine_fp32", "reference")}
    share = {"engine": gflops["engine"] / m[limit_engine], "engine_fp32": gflops["engine_fp32"] / m["mm_fp32"],
             "reference": gflops["reference"] / m["mm_fp32"]}
    report("limit", {"batch": a.batch, "input_size": a.input_size,
                     "training_gflop_per_image": per_image, "matmul_gflops": {"bf16": m.get("mm_bf16"), "fp32": m["mm_fp32"]},
                     "images_per_sec": {k: m[k] for k in ("engine", "engine_fp32", "reference")},
                     "gflops": gflops, "share_of_matmul": share, "engine_limit": limit_engine, "runs": runs},
           f"engine {m['engine']:.0f} img/s = {gflops['engine']:.0f} GFLOP/s = {share['engine']:.0%} of {limit_engine} "
           f"({m[limit_engine]:.0f} GFLOP/s); engine fp32 {share['engine_fp32']:.0%} and the tutorial's loop "
           f"{share['reference']:.0%} of mm_fp32 ({m['mm_fp32']:.0f} GFLOP/s); engine / the tutorial's loop "
           f"{m['engine'] / m['reference']:.2f}x; {per_image:.2f} GFLOP per image")


if __name__ == "__main__":
    main()
