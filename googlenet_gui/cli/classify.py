"""`classify`: top-k classes for image files with a checkpoint's weights."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import CHECKPOINT_HELP, error, load_weights


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help="top-k classes for image files with a checkpoint's weights (or ImageNet's)")
    p.add_argument("--checkpoint", required=True, metavar="FILE|imagenet", help=CHECKPOINT_HELP)
    p.add_argument("images", nargs="+", type=Path)
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--json", action="store_true",
                   help="print one JSON object per image, one per line; its \"flag\" says whether \"unlikeness\" "
                        "(how unlike the training images it is) is known: ready, or none for weights that come "
                        "without a model of their training images (ImageNet's)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.runs.checkpoint import CheckpointError
    from ..core.data.download import DownloadError
    from ..core.inference.predict import Predictor, flag_note
    from ..core.common.text import printable

    try:
        predictor = Predictor.from_checkpoint(*load_weights(args.checkpoint))
    except (CheckpointError, DownloadError) as exc:
        error(str(exc))
        return 2
    code, note = 0, None
    predictions = predictor.classify_files(list(args.images), max(1, args.top_k))
    for prediction in predictions:
        if not prediction.ok:
            error(prediction.error)
            code = 1
            if args.json:
                print(json.dumps({"image": prediction.source, "error": prediction.error}))
            continue
        if args.json:
            print(json.dumps({"image": prediction.source,
                              "top": [{"class": c, "probability": p} for c, p in prediction.top],
                              "unlikeness": prediction.unlikeness, "unlike_training": prediction.unlike_training,
                              # "ready": unlikeness is known; "none": these weights have no model of their images
                              "flag": prediction.flag}))
        else:
            print(printable(prediction.source))  # one line, whatever bytes or newlines the name holds
            names = [printable(c, 60) for c, _ in prediction.top]  # class names from a file: no escapes reach the terminal
            width = max(len(n) for n in names)
            for rank, (name, (_, prob)) in enumerate(zip(names, prediction.top), 1):
                print(f"  {rank}. {name:<{width}}  {prob * 100:6.2f}%")
            if prediction.unlike_training:
                print(f"  unlike the images these weights learned from (score {prediction.unlikeness:.2f}, "
                      "above 1 is unlike): the answer may mean little")
            note = note or flag_note(prediction.flag)
    if note is not None and not args.json:
        print(f"note: {note}", file=sys.stderr)  # once: why no answer above can carry the flag
    return code
