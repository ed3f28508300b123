"""Headless command line over the same core the GUI uses: train, shapes, classify (and gui).

    python -m googlenet_gui train --dataset sample --epochs 1 --out /tmp/run
    python -m googlenet_gui shapes --input-size 96
    python -m googlenet_gui classify --checkpoint /tmp/run/best.pt picture.png
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import Sequence


def _add_train(sub: argparse._SubParsersAction) -> None:
    from .core.config import OPTIMIZERS, PRECISIONS, SCHEDULES

    p = sub.add_parser("train", help="train GoogLeNet headless, writing metrics and checkpoints to --out")
    p.add_argument("--dataset", default="sample", help="sample, cifar10, fashion-mnist, mnist or folder")
    p.add_argument("--data-dir", help="where the dataset lives (for folder: the image folder itself)")
    p.add_argument("--download", action="store_true", help="download the dataset if it is not in --data-dir")
    p.add_argument("--epochs", type=int, default=None, help="number of epochs (default 10; on resume, the stored one)")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--optimizer", choices=OPTIMIZERS, default="adam")
    p.add_argument("--momentum", type=float, default=0.9, help="SGD momentum")
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--schedule", choices=SCHEDULES, default="none")
    p.add_argument("--augment", action="store_true", help="random crops (and flips where they keep the class)")
    p.add_argument("--input-size", type=int, default=96)
    p.add_argument("--device", default="cpu", help="cpu, cuda, cuda:N or mps")
    p.add_argument("--precision", choices=PRECISIONS, default="auto")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=None, help="CPU threads for training")
    p.add_argument("--limit-train", type=int, default=None, help="use at most N training images")
    p.add_argument("--limit-val", type=int, default=None, help="use at most N validation images")
    p.add_argument("--val-fraction", type=float, default=0.1, help="held-out share for image folders")
    p.add_argument("--resume", type=Path, help="continue from a checkpoint (last.pt or best.pt)")
    p.add_argument("--out", type=Path, required=True, help="run folder: metrics.jsonl, last.pt, best.pt")


def _add_shapes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("shapes", help="per-block output shapes, parameters and multiply-adds")
    p.add_argument("--input-size", type=int, default=None, help="square input side (default 96)")
    p.add_argument("--height", type=int, default=None)
    p.add_argument("--width", type=int, default=None)
    p.add_argument("--in-channels", type=int, default=3)
    p.add_argument("--num-classes", type=int, default=10)
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _add_classify(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help="top-k classes for image files with a checkpoint's weights")
    p.add_argument("--checkpoint", type=Path, required=True)
    p.add_argument("images", nargs="+", type=Path)
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--json", action="store_true", help="print one JSON object per image, one per line")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="googlenet", description="GoogLeNet Studio")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("gui", help="open the desktop app (the default)")
    _add_train(sub)
    _add_shapes(sub)
    _add_classify(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _tolerate_unencodable_output()
    if args.command in (None, "gui"):
        from .app import main as gui_main

        return gui_main()
    return {"train": cmd_train, "shapes": cmd_shapes, "classify": cmd_classify}[args.command](args)


def _tolerate_unencodable_output() -> None:
    """A file or class name the terminal's encoding cannot show is escaped, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


# ---------------------------------------------------------------- train


def epoch_line(e) -> str:
    """The reference tutorial's per-epoch line."""
    valid = "n/a" if e.val_loss is None else f"(L={e.val_loss:.4f}, Acc={e.val_accuracy:.4f})"
    return (f"[{e.epoch:2d}] Train:(L={e.train_loss:.4f}, Acc={e.train_accuracy:.4f}), "
            f"Valid:{valid}, Time {e.time:.1f}s")


def cmd_train(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .core import data
    from .core.download import Cancelled, DownloadError
    from .core.engine import BatchEnd, CheckpointSaved, EpochEnd, Failed, Finished, RunStarted, Status, Stopped, \
        TrainConfig, Trainer

    config = TrainConfig(
        dataset=args.dataset, data_dir=str(args.data_dir) if args.data_dir else None, input_size=args.input_size,
        epochs=args.epochs if args.epochs is not None else (0 if args.resume else 10), batch_size=args.batch_size,
        optimizer=args.optimizer, lr=args.lr, momentum=args.momentum, weight_decay=args.weight_decay,
        schedule=args.schedule, augment=args.augment, seed=args.seed, device=args.device, precision=args.precision,
        limit_train=args.limit_train, limit_val=args.limit_val, val_fraction=args.val_fraction,
        num_threads=args.threads)

    if args.download and not data.is_available(args.dataset, args.data_dir):
        bar = tqdm(total=0, unit="B", unit_scale=True, desc=f"downloading {args.dataset}", file=sys.stderr)

        def progress(done: int, total: int, message: str) -> None:
            bar.total = total or None
            bar.set_description(message)
            bar.n = done
            bar.refresh()

        try:
            data.download(args.dataset, Path(args.data_dir) if args.data_dir else None, progress)
        except (DownloadError, data.DataError) as exc:
            bar.close()
            _error(str(exc))
            return 1
        except (Cancelled, KeyboardInterrupt):
            bar.close()
            _error("download cancelled")
            return 130
        bar.close()

    trainer = Trainer(config, run_dir=args.out, resume_from=args.resume)
    previous = signal.signal(signal.SIGINT, lambda *_: trainer.request_stop())  # Ctrl+C saves last.pt and stops
    bar = None
    code = 0
    try:
        for event in trainer.run():
            if isinstance(event, RunStarted):
                print(f"training on {event.device} ({event.precision}): {event.train_size} train / "
                      f"{event.val_size} validation images, {len(event.class_names)} classes, "
                      f"{event.config['epochs']} epochs" + (f", resuming at epoch {event.start_epoch}"
                                                             if event.start_step else ""), flush=True)
                for note in event.notes:
                    print(f"note: {note}", flush=True)
            elif isinstance(event, BatchEnd):
                if bar is None:
                    bar = tqdm(total=event.batches, initial=event.batch - 1, desc=f"epoch {event.epoch}",
                               file=sys.stderr, leave=False, dynamic_ncols=True)
                bar.update(event.batch - bar.n)
                bar.set_postfix(loss=f"{event.loss:.3f}", acc=f"{event.accuracy:.3f}",
                                img_s=f"{event.images_per_sec:.0f}", refresh=False)
            elif isinstance(event, EpochEnd):
                if bar is not None:
                    bar.close()
                    bar = None
                print(epoch_line(event), flush=True)
            elif isinstance(event, CheckpointSaved) and event.kind == "best":
                pass
            elif isinstance(event, Status) and event.message == "loading data":
                print(f"loading {config.dataset}...", file=sys.stderr, flush=True)
            elif isinstance(event, Finished):
                best = "n/a" if event.best_val_accuracy is None else f"{event.best_val_accuracy:.4f}"
                print(f"finished {event.epochs} epochs in {event.elapsed:.1f}s; best validation accuracy {best}; "
                      f"checkpoints in {args.out}", flush=True)
            elif isinstance(event, Stopped):
                where = f"; saved {event.checkpoint}" if event.checkpoint else ""
                print(f"stopped at step {event.step}{where}", flush=True)
                code = 130
            elif isinstance(event, Failed):
                _error(event.message)
                code = 1
    finally:
        if bar is not None:
            bar.close()
        signal.signal(signal.SIGINT, previous)
    return code


# ---------------------------------------------------------------- shapes


def _fmt_shape(shape: Sequence[int]) -> str:
    return " x ".join(str(s) for s in shape)


def shapes_table(report) -> str:
    rows = [("Layer", "Output shape", "Params", "Mult-adds")]
    rows.append(("input", _fmt_shape(report.input), "", ""))
    for block in report.blocks:
        rows.append((block.name, _fmt_shape(block.output), f"{block.params:,}", f"{block.macs:,}"))
        for layer in block.children:
            label = f"  {layer.name}" + ("" if layer.kind == "Inception" else f"  {layer.kind}")
            rows.append((label, _fmt_shape(layer.output), f"{layer.params:,}", f"{layer.macs:,}"))
            for branch in layer.children:
                rows.append((f"    {branch.name}  {branch.kind}", _fmt_shape(branch.output), f"{branch.params:,}",
                             f"{branch.macs:,}"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for i, r in enumerate(rows):
        lines.append(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}")
        if i == 0:
            lines.append("-" * len(lines[0]))
    lines.append("-" * len(lines[0]))
    lines.append(f"Total params: {report.total_params:,}")
    lines.append(f"Total mult-adds per image: {report.total_macs:,} ({report.total_macs / 1e9:.3f} G)")
    return "\n".join(lines)


def cmd_shapes(args: argparse.Namespace) -> int:
    from .core.model import InputTooSmallError, inspect_shapes

    side = args.input_size or 96
    height, width = args.height or side, args.width or side
    try:
        report = inspect_shapes(args.in_channels, height, width, args.num_classes)
    except InputTooSmallError as exc:
        _error(str(exc))
        return 2
    except ValueError as exc:
        _error(str(exc))
        return 2
    print(json.dumps(report.to_dict()) if args.json else shapes_table(report))
    return 0


# ---------------------------------------------------------------- classify


def cmd_classify(args: argparse.Namespace) -> int:
    from .core.checkpoint import CheckpointError
    from .core.images import printable
    from .core.predict import Predictor

    try:
        predictor = Predictor.from_checkpoint(args.checkpoint)
    except CheckpointError as exc:
        _error(str(exc))
        return 2
    code = 0
    for prediction in predictor.classify_files(list(args.images), max(1, args.top_k)):
        if not prediction.ok:
            _error(prediction.error)
            code = 1
            if args.json:
                print(json.dumps({"image": prediction.source, "error": prediction.error}))
            continue
        if args.json:
            print(json.dumps({"image": prediction.source,
                              "top": [{"class": c, "probability": p} for c, p in prediction.top]}))
        else:
            print(printable(prediction.source))  # one line, whatever bytes or newlines the name holds
            width = max(len(c) for c, _ in prediction.top)
            for rank, (name, prob) in enumerate(prediction.top, 1):
                print(f"  {rank}. {name:<{width}}  {prob * 100:6.2f}%")
    return code


if __name__ == "__main__":
    sys.exit(main())
