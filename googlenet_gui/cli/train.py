"""`train`: train headless, printing a progress bar and one line per epoch, writing the run folder.

Under torchrun (`torchrun --nproc-per-node N -m googlenet_gui train ...`) every process runs this
same command: it joins the process group (core/training/distributed.py) and trains its part of each batch;
rank 0 alone prints, writes the run folder and watches its STOP file."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .common import count, error
from .settings import add_setting_flags, config_from_args


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..core.training.distributed import DEFAULT_TIMEOUT_S
    from ..core.training.engine import CHECKPOINT_INTERVAL

    p = sub.add_parser("train", help="train GoogLeNet headless, writing metrics and checkpoints to --out")
    p.add_argument("--download", action="store_true", help="download the dataset if it is not in --data-dir")
    add_setting_flags(p)
    p.add_argument("--checkpoint-minutes", type=float, default=CHECKPOINT_INTERVAL / 60,
                   help="within an epoch, also save last.pt this often (default %(default)g; 0: after every batch)")
    p.add_argument("--resume", type=Path, help="continue from a checkpoint (last.pt or best.pt)")
    p.add_argument("--out", type=Path, required=True, help="run folder: metrics.jsonl, last.pt, best.pt")
    p.add_argument("--tensorboard", action="store_true",
                   help="also write TensorBoard logs into the run folder (tensorboard --logdir <its parent>)")
    p.add_argument("--sync-bn", action="store_true",
                   help="under torchrun on GPUs: BatchNorm statistics over the global batch (SyncBatchNorm)")
    p.add_argument("--dist-timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                   help="under torchrun: a process that waits this long for another ends the run "
                        "(default %(default)g)")
    p.set_defaults(run=run)


def epoch_line(e) -> str:
    """The reference tutorial's per-epoch line (epochs counted from 1)."""
    valid = "n/a" if e.val_loss is None else f"(L={e.val_loss:.4f}, Acc={e.val_accuracy:.4f})"
    return (f"[{e.epoch:2d}] Train:(L={e.train_loss:.4f}, Acc={e.train_accuracy:.4f}), "
            f"Valid:{valid}, Time {e.time:.1f}s")


def _config(args: argparse.Namespace):
    """The settings (cli/settings.py); resuming without --epochs keeps the stored number."""
    config = config_from_args(args)
    if args.resume and args.epochs is None:
        config.epochs = 0  # the stored number
    return config


def _download(args: argparse.Namespace, config) -> int:
    """Fetch the dataset when --download asks and it is not here; 0 when there is nothing to do."""
    from tqdm import tqdm

    from ..core.data import sources as data
    from ..core.data.download import Cancelled, DownloadError

    if not args.download or data.is_available(config.dataset, config.data_dir):
        return 0
    bar = tqdm(total=0, unit="B", unit_scale=True, desc=f"downloading {config.dataset}", file=sys.stderr)

    def progress(done: int, total: int, message: str) -> None:
        bar.total = total or None
        bar.set_description(message)
        bar.n = done
        bar.refresh()

    try:
        data.download(config.dataset, Path(config.data_dir) if config.data_dir else None, progress)
    except (DownloadError, data.DataError) as exc:
        error(str(exc))
        return 1
    except (Cancelled, KeyboardInterrupt):
        error("download cancelled")
        return 130
    finally:
        bar.close()
    return 0


def _download_init(args: argparse.Namespace, ranks) -> int:
    """--init imagenet: the weights downloaded into torchvision's cache when they are not there."""
    from ..core.data.download import Cancelled, DownloadError
    from ..core.inference import imagenet
    from .common import download_imagenet

    if args.resume or (args.init or "").strip().lower() != imagenet.KEYWORD:
        return 0
    cached = imagenet.cached_weights()
    if cached.ready:
        return 0
    if ranks.enabled:
        error("under torchrun the ImageNet weights must be there already: download them first without torchrun")
        return 1
    try:
        download_imagenet(cached)
    except DownloadError as exc:
        error(str(exc))
        return 1
    except (Cancelled, KeyboardInterrupt):
        error("download cancelled")
        return 130
    return 0


def _join(args: argparse.Namespace, device: str):
    """This process's place in a torchrun run (and the device it trains on), or (SINGLE, None)
    when it runs alone; None after printing why it cannot join."""
    from ..core.training import distributed

    if not distributed.launched_by_torchrun():
        if args.sync_bn:
            error("--sync-bn is for runs of several processes: start them with torchrun")
            return None
        return distributed.SINGLE, None
    if args.download:
        error("under torchrun the dataset must be there already: download it first without torchrun")
        return None
    try:
        return distributed.start(device, args.sync_bn, args.dist_timeout)
    except distributed.DistributedError as exc:
        error(str(exc))
        return None


# The longest --dist-timeout: PyTorch keeps it in milliseconds, and no wait for a peer is longer than a month.
MAX_DIST_TIMEOUT_S = 30 * 24 * 3600.0


def run(args: argparse.Namespace) -> int:
    from ..core.runs.config import ConfigError
    from ..core.runs.index import run_files
    from ..core.training import distributed

    if not 0 < args.dist_timeout <= MAX_DIST_TIMEOUT_S:  # NaN too
        error(f"--dist-timeout must be more than 0 and at most {MAX_DIST_TIMEOUT_S:.0f} seconds (30 days)")
        return 1
    held = run_files(args.out) if not args.resume else []
    if held:  # every process refuses, before any joins: a run is never replaced silently
        error(f"{args.out} holds a run already ({', '.join(held)}): choose another --out, or continue it with "
              f"--resume {args.out / 'last.pt'}")
        return 1
    try:
        config = _config(args)
    except ConfigError as exc:
        error(str(exc))
        return 2
    joined = _join(args, config.device)
    if joined is None:
        return 1
    ranks, device = joined
    if device is not None:
        config.device = device  # under torchrun: cuda:LOCAL_RANK, or cpu
    try:
        return _train(args, config, ranks)
    finally:
        if ranks.enabled:
            distributed.finish()


def _train(args: argparse.Namespace, config, ranks) -> int:
    from tqdm import tqdm

    from ..core.training.distributed import StopFile
    from ..core.runs.events import BatchEnd, EpochEnd, Failed, Finished, Note, RunStarted, Status, Stopped

    code = _download(args, config) or _download_init(args, ranks)
    if code:
        return code
    if not ranks.is_main:  # the other ranks train in silence; rank 0 speaks for the run
        return _train_quietly(args, config, ranks)
    tensorboard = None
    if args.tensorboard:
        from ..core.training.tensorboard_log import TensorBoardLog, missing_package

        if missing_package():
            error(missing_package())
            return 2
        tensorboard = TensorBoardLog(args.out)
    trainer = _trainer(args, config, ranks)
    if trainer is None:
        return 1
    # Ctrl+C, a polite kill (SIGTERM) and a STOP file in the run folder all save last.pt and stop
    # within one batch (under torchrun: every rank, whichever one was asked).
    previous = {sig: signal.signal(sig, lambda *_: trainer.request_stop()) for sig in (signal.SIGINT, signal.SIGTERM)}
    stop_file = StopFile(args.out)
    bar = None
    code = 0
    try:
        for event in trainer.run():
            if stop_file.requested():
                trainer.request_stop()
            if tensorboard is not None:
                tensorboard.write(event)
            if isinstance(event, RunStarted):
                resumed = f", resuming {event.position.where()}" if event.position.step else ""
                print(f"training on {event.device} ({event.precision}): {event.train_size} train / "
                      f"{event.val_size} validation images, {len(event.class_names)} classes, "
                      f"{count(event.epochs, 'epoch')}{resumed}", flush=True)
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
            elif isinstance(event, Status) and event.message == "loading data":
                print(f"loading {trainer.config.dataset}...", file=sys.stderr, flush=True)
            elif isinstance(event, Note):
                tqdm.write(f"note: {event.message}", file=sys.stderr)  # above the progress bar
            elif isinstance(event, Finished):
                best = "n/a (no validation set)" if event.best_val_accuracy is None else \
                    f"{event.best_val_accuracy:.4f}"
                print(f"finished {count(event.epochs, 'epoch')} in {event.elapsed:.1f}s; best validation accuracy {best}; "
                      f"checkpoints in {args.out}", flush=True)
            elif isinstance(event, Stopped):
                where = f"; saved {event.checkpoint}" if event.checkpoint else ""
                print(f"stopped at step {event.step}{where}", flush=True)
                code = 0 if ranks.enabled else 130  # torchrun takes any other code for a crash
            elif isinstance(event, Failed):
                error(event.message)
                code = 1
    finally:
        if bar is not None:
            bar.close()
        if tensorboard is not None:
            tensorboard.close()
            if tensorboard.problem:
                print(f"note: {tensorboard.problem}", file=sys.stderr, flush=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


def _trainer(args: argparse.Namespace, config, ranks):
    from ..core.training.engine import Trainer

    if not args.checkpoint_minutes >= 0:
        error("--checkpoint-minutes must be 0 or more")
        return None
    return Trainer(config, run_dir=args.out, resume_from=args.resume,
                   checkpoint_interval=args.checkpoint_minutes * 60, distributed=ranks)


def _train_quietly(args: argparse.Namespace, config, ranks) -> int:
    """A rank other than 0: the same run, printing only its failure."""
    from ..core.runs.events import Failed, Stopped

    trainer = _trainer(args, config, ranks)
    if trainer is None:
        return 1
    previous = {sig: signal.signal(sig, lambda *_: trainer.request_stop()) for sig in (signal.SIGINT, signal.SIGTERM)}
    code = 0
    try:
        for event in trainer.run():
            if isinstance(event, Failed):
                error(f"process {ranks.rank}: {event.message}")
                code = 1
            elif isinstance(event, Stopped):
                code = 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code
