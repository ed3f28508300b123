"""Where a training step's time goes: PyTorch's profiler over the engine's step (the recipes' input
64, batch 128, bf16 autocast where the CPU has it, channels_last, random crops and flips, label
smoothing, fused AdamW), each operator's own CPU time summed by kind.

    python benchmarks/step_profile.py [--steps 5] [--batch 128] [--input-size 64] [--precision auto]

A lever for the step must shrink one of these shares; a share spread over many small operators
(no one kind of layer dominating) leaves no single kernel to replace.

It also prints the convolutions' own arithmetic rate (their multiply-adds from core.network.shapes,
forward and backward, over their profiled time) as a share of the dense matrix multiply's rate
(torch.mm, same dtype and threads) measured in the same run: near 100% means the convolutions
run at the machine's limit, and the step's only slack is in the other operators.
"""
from __future__ import annotations

import argparse
import time

from common import report
from limit import matmul_gflops

# PyTorch operator -> the kind of work it does; the self time of every other operator is "other"
KINDS = {
    "convolution_backward": "convolution backward",
    "mkldnn_convolution": "convolution forward",
    "native_batch_norm": "batch norm", "native_batch_norm_backward": "batch norm",
    "max_pool2d_with_indices": "max pooling", "max_pool2d_with_indices_backward": "max pooling",
    "clamp_min_": "ReLU", "threshold_backward": "ReLU",
    "cat": "joining the Inception branches",
    "_fused_adamw_": "optimizer (fused AdamW)",
    "copy_": "copies and casts", "_to_copy": "copies and casts",
    "upsample_bilinear2d": "input (crop, flip, resize)", "reflection_pad2d": "input (crop, flip, resize)",
    "index": "input (crop, flip, resize)", "flip": "input (crop, flip, resize)",
}


def kind_of(name: str) -> str:
    return KINDS.get(name.removeprefix("aten::"), "other")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--input-size", type=int, default=64)
    ap.add_argument("--precision", default="auto")
    a = ap.parse_args()

    import torch
    import torch.nn.functional as F
    from torch.profiler import ProfilerActivity, profile

    from googlenet_gui.core.data.sources import load_sample
    from googlenet_gui.core.common.devices import AUTOCAST_DTYPES, precision_for
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
    from googlenet_gui.core.data.transforms import augment, to_model_input

    torch.manual_seed(0)
    sample = load_sample()
    precision = precision_for(torch.device("cpu"), a.precision)
    dtype = AUTOCAST_DTYPES.get(precision)
    model = GoogLeNet(ModelConfig(1, 10)).to(memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.05, fused=True)
    generator = torch.Generator().manual_seed(0)

    def step(i: int) -> None:
        start = (i * a.batch) % (len(sample.train) - a.batch)
        x = augment(sample.train.images[start:start + a.batch], generator, 4, True)
        x = to_model_input(x, a.input_size, True)
        y = sample.train.labels[start:start + a.batch]
        with torch.autocast("cpu", dtype=dtype or torch.float32, enabled=dtype is not None):
            loss = F.cross_entropy(model(x).float(), y, label_smoothing=0.1)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()

    for i in range(3):  # warm-up: oneDNN picks and caches its kernels
        step(i)
    began = time.perf_counter()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for i in range(a.steps):
            step(i)
    seconds = time.perf_counter() - began
    shares: dict[str, float] = {}
    for event in prof.key_averages():
        shares[kind_of(event.key)] = shares.get(kind_of(event.key), 0.0) + event.self_cpu_time_total
    total = sum(shares.values())
    ordered = sorted(((k, v / total) for k, v in shares.items()), key=lambda kv: -kv[1])
    conv_gflops = convolution_gflop_per_step(a.batch, a.input_size) * a.steps / (
        (shares["convolution forward"] + shares["convolution backward"]) / 1e6)
    matmul = matmul_gflops(precision if precision in ("bf16", "fp32") else "fp32", 2048)
    report("step_profile", {"batch": a.batch, "input_size": a.input_size, "precision": precision,
                            "ms_per_step_profiled": 1000 * seconds / a.steps, "shares": dict(ordered),
                            "convolution_gflops": conv_gflops, "matmul_gflops": matmul},
           f"a step (batch {a.batch}, input {a.input_size}, {precision}): "
           + ", ".join(f"{k} {100 * v:.0f}%" for k, v in ordered)
           + f"; the convolutions {conv_gflops:.0f} GFLOP/s = {conv_gflops / matmul:.0%} of torch.mm's {matmul:.0f}")


def convolution_gflop_per_step(batch: int, input_size: int) -> float:
    """The convolutions' arithmetic in one training step: forward, and backward (the gradients of
    the weights and of the input, except the first layer's input, the image, which needs none)."""
    from googlenet_gui.core.network.shapes import inspect_shapes

    blocks = inspect_shapes(1, input_size, input_size, 10).blocks
    convolutions = sum(b.macs for b in blocks if b.name != "classifier")
    first = blocks[0].children[0].macs
    return 2 * (3 * convolutions - first) * batch / 1e9


if __name__ == "__main__":
    main()
