"""Issue 30's levers for a short run, paired in one run so seed noise cancels: the run's own weights
against exponential moving averages of them (torch.optim.swa_utils), each also answering with the
test image averaged with its mirror (a test-time flip). Every network's BatchNorm statistics are
recomputed from the same 2,048 training images before it is evaluated, as the engine does.

    python benchmarks/weight_average.py [--epochs 3] [--seed 0] [--decays 0.999,0.9998] [--flip-train] [--limit N]

Fashion-MNIST, full sets (Debian's files), input 64, batch 128, Adam 3e-3 with a one-cycle
schedule over the run, bf16 autocast, channels_last: the engine's step for the settings of row 8's
10-minute figure, in a plain loop (the evaluation is in bf16 too: the figures are for comparing
the networks with one another, not for the table).
"""
from __future__ import annotations

import argparse
import time

import torch
import torch.nn.functional as F
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn

from common import report

BATCH, SIZE = 128, 64


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--decays", default="0.999,0.9998")
    ap.add_argument("--flip-train", action="store_true", help="train with random horizontal flips")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N images only (a quick check)")
    args = ap.parse_args()

    from googlenet_gui.core.data.sources import DEBIAN_FASHION_DIR, load_idx
    from googlenet_gui.core.data.transforms import to_model_input
    from googlenet_gui.core.network.batchnorm import batches_of, refresh_batchnorm
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig

    data = load_idx("fashion-mnist", DEBIAN_FASHION_DIR)
    train, test = data.train, data.val
    if args.limit:
        train = type(train)(train.images[:args.limit], train.labels[:args.limit])
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    model = GoogLeNet(ModelConfig(1, 10)).to(memory_format=torch.channels_last)
    steps = len(train.labels) // BATCH
    optimizer = torch.optim.Adam(model.parameters(), args.lr, fused=True)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, total_steps=args.epochs * steps,
                                                   pct_start=0.25)
    decays = [float(d) for d in args.decays.split(",") if d]
    averages = {d: AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(d), use_buffers=False) for d in decays}
    refresh = torch.randperm(len(train.labels), generator=torch.Generator().manual_seed(args.seed))[:2048].sort().values

    @torch.no_grad()
    def accuracy(network: torch.nn.Module) -> tuple[float, float]:
        """(plain, with the mirror image averaged in), in percent."""
        refresh_batchnorm(network, (to_model_input(b, SIZE) for b in batches_of(train.images[refresh], BATCH)))
        network.eval()
        plain = flipped = 0
        with torch.autocast("cpu", torch.bfloat16):
            for start in range(0, len(test.labels), 512):
                x, y = to_model_input(test.images[start:start + 512], SIZE), test.labels[start:start + 512]
                p = network(x).float().softmax(1)
                q = network(x.flip(3)).float().softmax(1)
                plain += (p.argmax(1) == y).sum().item()
                flipped += ((p + q).argmax(1) == y).sum().item()
        network.train()
        return 100 * plain / len(test.labels), 100 * flipped / len(test.labels)

    epochs = []
    began = time.perf_counter()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train.labels), generator=generator)
        model.train()
        for step in range(steps):
            index = order[step * BATCH:(step + 1) * BATCH]
            images = train.images[index]
            if args.flip_train:
                mirror = torch.rand(len(index), generator=generator) < 0.5
                images = torch.where(mirror[:, None, None, None], images.flip(3), images)
            with torch.autocast("cpu", torch.bfloat16):
                loss = F.cross_entropy(model(to_model_input(images, SIZE)).float(), train.labels[index])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            schedule.step()
            for average in averages.values():
                average.update_parameters(model)
        row = {"epoch": epoch + 1, "seconds": round(time.perf_counter() - began), "weights": accuracy(model)}
        row.update({f"average {d}": accuracy(a.module) for d, a in averages.items()})
        epochs.append(row)
        print(row, flush=True)
    last = epochs[-1]
    report("weight_average", {"epochs": epochs, "seed": args.seed, "flip_train": args.flip_train},
           "; ".join(f"{name} {value[0]:.2f}% (flip {value[1]:.2f}%)" for name, value in last.items()
                     if isinstance(value, tuple)) + f" after {args.epochs} epochs")


if __name__ == "__main__":
    main()
