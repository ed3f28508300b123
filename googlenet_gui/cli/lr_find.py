"""`lr-find`: the learning-rate finder (core/training/lr_find.py) for the settings `train` would
use: a short run raising the rate exponentially over about 100 steps, the loss at each rate, and
the suggested rate (where the smoothed loss falls fastest). Nothing is written unless --csv asks."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import error
from .settings import add_setting_flags, config_from_args


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..core.training.lr_find import END_RATE, START_RATE, STEPS

    p = sub.add_parser("lr-find", help="find a learning rate: loss against a rising rate, and the rate it suggests",
                       description="A short run from the start the training settings give (the same network, seed, "
                                   "optimizer and batches), raising the learning rate exponentially from --start to "
                                   "--end; prints the suggested rate (where the smoothed loss falls fastest).")
    add_setting_flags(p)
    p.add_argument("--start", type=float, default=START_RATE, help="the first rate (default %(default)g)")
    p.add_argument("--end", type=float, default=END_RATE, help="the last rate (default %(default)g)")
    p.add_argument("--steps", type=int, default=STEPS, help="steps from --start to --end (default %(default)s)")
    p.add_argument("--csv", type=Path, metavar="F.csv", help="write rate, loss and smoothed loss of every step")
    p.add_argument("--json", action="store_true", help="print one JSON object with the curve and the suggestion")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..core.common.devices import DeviceError
    from ..core.data.download import Cancelled
    from ..core.data.sources import DataError
    from ..core.runs.config import ConfigError
    from ..core.training.lr_find import find_learning_rate

    try:
        config = config_from_args(args)
    except ConfigError as exc:
        error(str(exc))
        return 2
    bar = tqdm(total=args.steps, desc="finding a learning rate", unit="step", file=sys.stderr, leave=False)

    def progress(done: int, total: int, message: str) -> None:
        bar.set_postfix_str(str(message), refresh=False)
        bar.update(done - bar.n)

    try:
        finding = find_learning_rate(config, start=args.start, end=args.end, steps=args.steps, progress=progress)
    except (ConfigError, DataError, DeviceError) as exc:
        error(str(exc))
        return 1
    except (Cancelled, KeyboardInterrupt):
        error("learning-rate finder cancelled")
        return 130
    except RuntimeError as exc:
        if "out of memory" in str(exc).lower():
            error(f"out of memory: try a smaller --batch-size or --input-size than {config.batch_size} / {config.input_size}")
            return 1
        raise
    finally:
        bar.close()
    if args.csv is not None:
        try:
            with open(args.csv, "w", encoding="utf-8") as f:
                f.write("rate,loss,smoothed_loss\n")
                f.writelines(f"{r:.6g},{loss:.6g},{s:.6g}\n" for r, loss, s in
                             zip(finding.rates, finding.losses, finding.smoothed))
        except OSError as exc:
            error(f"cannot write {args.csv}: {exc.strerror or exc}")
            return 1
    if args.json:
        print(json.dumps(finding.to_dict()))
        return 0
    if not finding.rates:
        error(f"the loss was not finite at the first rate ({args.start:g}): try a smaller --start")
        return 1
    print(f"{len(finding.rates)} steps from {finding.rates[0]:.2g} to {finding.rates[-1]:.2g}"
          + (" (stopped: the loss shot up)" if finding.diverged else ""))
    for i in range(0, len(finding.rates), 10):
        print(f"  rate {finding.rates[i]:9.2e}   loss {finding.losses[i]:.4f}   smoothed {finding.smoothed[i]:.4f}")
    if finding.suggestion is None:
        print("no suggestion: the loss never fell; try a larger --end or more --steps")
    else:
        print(f"suggested learning rate: {finding.suggestion:.2e} (lowest loss at {finding.lowest:.2e})")
    if args.csv is not None:
        print(f"wrote {args.csv}")
    return 0
