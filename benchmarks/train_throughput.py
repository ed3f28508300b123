"""Row 1: training throughput of our engine / the reference tutorial's loop.

The reference: a DataLoader over PIL images with per-image Resize(96), ToTensor, Normalize,
NCHW float32, and .item() every step (the tutorial's recipe). Ours: core.training.engine.Trainer with its
defaults (data as one uint8 tensor on the device, batched resize/normalise, channels_last,
autocast where it pays). Same network, data (the built-in Fashion-MNIST sample), batch size,
optimizer and device, measured alternately in one run; the ablation shows what each lever gives.

    python benchmarks/train_throughput.py [--device cpu|cuda] [--steps 20] [--repeats 3]
"""
from __future__ import annotations

import argparse
import time

from common import median, report


def reference_images_per_sec(device: str, batch: int, steps: int, input_size: int) -> float:
    import torch
    from PIL import Image
    from torch.utils.data import DataLoader, Dataset
    from torchvision import transforms

    from googlenet_gui.core.data.sources import load_sample
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig

    sample = load_sample()

    class PILDataset(Dataset):
        def __init__(self):
            self.images = sample.train.images[:, 0].numpy()
            self.labels = sample.train.labels.tolist()
            self.transform = transforms.Compose([transforms.Resize(input_size), transforms.ToTensor(),
                                                 transforms.Normalize((0.5,), (0.5,))])

        def __len__(self):
            return len(self.labels)

        def __getitem__(self, i):
            return self.transform(Image.fromarray(self.images[i])), self.labels[i]

    torch.manual_seed(0)
    model = GoogLeNet(ModelConfig(1, 10)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    loader = DataLoader(PILDataset(), batch_size=batch, shuffle=True, num_workers=0)
    model.train()
    times = []
    for step, (x, y) in enumerate(loader):
        if step == steps + 2:
            break
        times.append(time.perf_counter())
        x, y = x.to(device), y.to(device)
        out = model(x)
        loss = loss_fn(out, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss.item()  # the tutorial reads the loss and the accuracy every step
        (out.argmax(1) == y).sum().item()
    times.append(time.perf_counter())
    return batch * steps / (times[-1] - times[2])  # the first two steps warm up


def engine_images_per_sec(device: str, batch: int, steps: int, input_size: int, **overrides) -> float:
    from googlenet_gui.core.runs.config import TrainConfig
    from googlenet_gui.core.training.engine import Trainer
    from googlenet_gui.core.runs.events import BatchEnd, Failed

    config = TrainConfig(dataset="sample", epochs=1, batch_size=batch, input_size=input_size, device=device,
                         limit_train=batch * (steps + 2), limit_val=batch, **overrides)
    stamps = []
    for event in Trainer(config, report_interval=0).run():
        if isinstance(event, BatchEnd):
            stamps.append(time.perf_counter())
        elif isinstance(event, Failed):
            raise SystemExit(event.message)
    # one stamp per batch as it ends; the first two batches warm up
    return batch * (len(stamps) - 2) / (stamps[-1] - stamps[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--input-size", type=int, default=96)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    variants = {
        "engine": {},
        "engine_fp32_channels_last": {"precision": "fp32"},
        "engine_fp32_nchw": {"precision": "fp32", "channels_last": False},
    }
    results: dict[str, list[float]] = {"reference": [], **{k: [] for k in variants}}
    for _ in range(a.repeats):  # alternate, so drifts in machine load hit every variant alike
        results["reference"].append(reference_images_per_sec(a.device, a.batch, a.steps, a.input_size))
        for name, overrides in variants.items():
            results[name].append(engine_images_per_sec(a.device, a.batch, a.steps, a.input_size, **overrides))
    speeds = {k: median(v) for k, v in results.items()}
    ratios = {k: speeds[k] / speeds["reference"] for k in variants}
    report("train_throughput", {"device": a.device, "batch": a.batch, "input_size": a.input_size,
                                "images_per_sec": speeds, "ratio_to_reference": ratios, "runs": results},
           f"row 1: engine {speeds['engine']:.0f} img/s / reference {speeds['reference']:.0f} img/s = "
           f"{ratios['engine']:.2f}x on {a.device} (fp32 channels_last {ratios['engine_fp32_channels_last']:.2f}x, "
           f"fp32 NCHW {ratios['engine_fp32_nchw']:.2f}x)")


if __name__ == "__main__":
    main()
