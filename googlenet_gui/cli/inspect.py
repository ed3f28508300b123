"""`inspect`: inside the network for one image: per block, layer, Inception module and branch,
the output shape and activation statistics (mean, max, the share of active values, the
strongest channels), and with --gradcam a Grad-CAM heatmap over the image."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import CHECKPOINT_HELP, error, load_weights


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inspect", help="per-block activation statistics for an image, and a Grad-CAM heatmap",
                       description="Run one image through a checkpoint's network and print, for every block, "
                                   "layer, Inception module and branch, its output shape and activation "
                                   "statistics.")
    p.add_argument("--checkpoint", required=True, metavar="FILE|imagenet", help=CHECKPOINT_HELP)
    p.add_argument("image", type=Path)
    p.add_argument("--block", metavar="NAME",
                   help="only this block, layer, Inception module or branch, with what it holds "
                        "(block4, inception4a, inception4a.branch2, block2.1)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--gradcam", type=Path, metavar="OUT.png", help="write the Grad-CAM heatmap over the image")
    p.add_argument("--gradcam-block", metavar="NAME",
                   help="where Grad-CAM looks (default: the last Inception module with a map of at least 4 x 4)")
    p.add_argument("--class", dest="class_name", metavar="NAME",
                   help="the class Grad-CAM explains, by name or number (default: the top-1 class)")
    p.add_argument("--opacity", type=float, default=0.5, help="of the heatmap over the image, 0 to 1 (default 0.5)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.common.files import atomic_write
    from ..core.runs.checkpoint import CheckpointError
    from ..core.data.download import DownloadError
    from ..core.data.images import ImageLoadError
    from ..core.understanding.inside import check_layer, gradcam_picture, inspect_image, layer_names
    from ..core.inference.predict import Predictor, WeightsError
    from ..core.common.text import printable

    for name in (args.block, args.gradcam_block):
        if name is not None:
            try:
                check_layer(name)
            except ValueError as exc:
                error(str(exc))
                return 2
    if not 0 <= args.opacity <= 1:
        error("--opacity must be between 0 and 1")
        return 2
    try:
        predictor = Predictor.from_checkpoint(*load_weights(args.checkpoint))
    except (CheckpointError, DownloadError) as exc:
        error(str(exc))
        return 2
    class_index = None
    if args.class_name is not None:
        class_index = _class_index(args.class_name, predictor.class_names)
        if class_index is None:
            error(f"no class {printable(args.class_name, 60)!r}; the classes are "
                  + ", ".join(printable(n, 40) for n in predictor.class_names[:20]))
            return 2
    shown = _shown(args.block, layer_names())
    try:
        image, _ = predictor.prepare_file(args.image)
        inside = inspect_image(predictor, image, args.gradcam_block, class_index, layers=shown)
    except (ImageLoadError, WeightsError) as exc:
        error(str(exc))
        return 1
    cam = inside.gradcam
    if args.gradcam is not None:
        try:
            picture = gradcam_picture(inside.view, cam.heatmap, args.opacity)
            atomic_write(args.gradcam, lambda f: picture.save(f, format="PNG"), (args.image,))  # never into a pipe or the image
        except (OSError, ValueError) as exc:
            error(f"cannot write {args.gradcam}: {getattr(exc, 'strerror', None) or exc}")
            return 1
    names = inside.class_names
    order = inside.probabilities.argsort()[::-1][:5]
    if args.json:
        print(json.dumps({
            "image": str(args.image), "weights": predictor.description,
            "origin": predictor.origin.to_dict() if predictor.origin is not None else None,
            "top": [{"class": names[i], "probability": float(inside.probabilities[i])} for i in order],
            "layers": [maps.to_dict() for maps in inside.layers.values()],
            "classifier": {"logits": [round(float(v), 6) for v in inside.logits]},
            "gradcam": {"layer": cam.layer, "class": names[cam.class_index], "peak": cam.peak,
                        **({"file": str(args.gradcam)} if args.gradcam is not None else {})},
        }))
        return 0
    started = f" (a run started from {predictor.origin.describe()})" if predictor.origin and predictor.position else ""
    print(f"{printable(args.image)} with {printable(predictor.description)}{started}")
    print("  " + ", ".join(f"{printable(names[i], 40)} {inside.probabilities[i]:.1%}" for i in order))
    print()
    print(statistics_table(inside.layers.values(), inside if args.block in (None, "classifier") else None))
    if args.gradcam is not None:
        extra = "" if cam.peak > 0 else " (no evidence for it anywhere: the heatmap is empty)"
        print(f"\nGrad-CAM for {printable(names[cam.class_index], 60)} at {cam.layer}{extra}: wrote {args.gradcam}")
    return 0


def _shown(block: str | None, names: tuple[str, ...]) -> list[str]:
    """`block` and what it holds (a block's layers, Inception modules and their branches, a
    module's branches); every output without."""
    if block is None:
        return list(names)
    prefixes = (block + ".",)
    if block.startswith("block") and "." not in block:
        prefixes += (f"inception{block[-1]}",)  # block4 holds inception4a..inception4e
    return [n for n in names if n == block or n.startswith(prefixes)]


def _class_index(text: str, names: list[str]) -> int | None:
    if text in names:
        return names.index(text)
    if text.isdigit() and int(text) < len(names):
        return int(text)
    return None


def statistics_table(layers, inside=None) -> str:
    """One row per output (its shape, mean, max, share active, strongest channels); with `inside` (a core
    ImageInside), the classifier's last: its logits, the strongest classes."""
    from ..core.common.text import printable

    rows = [("Layer", "Output shape", "Mean", "Max", "Active", "Strongest channels (mean)")]
    for maps in layers:
        depth = maps.name.count(".") + maps.name.startswith("inception")  # block, layer or module, branch
        strongest = ", ".join(f"{c} ({maps.means[c]:.2f})" for c in maps.strongest(3))
        rows.append(("  " * depth + maps.name, " x ".join(str(d) for d in maps.shape), f"{maps.means.mean():.3f}",
                     f"{maps.maxs.max():.2f}", f"{maps.active:.1%}", strongest))
    if inside is not None and inside.logits is not None:
        logits = inside.logits
        top = logits.argsort()[::-1][:3]
        rows.append(("classifier (logits)", str(len(logits)), f"{logits.mean():.3f}", f"{logits.max():.2f}",
                     f"{(logits > 0).mean():.1%}",
                     ", ".join(f"{printable(inside.class_names[i], 30)} ({logits[i]:.2f})" for i in top)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for i, r in enumerate(rows):
        lines.append(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}  "
                     f"{r[4]:>{widths[4]}}  {r[5]}")
        if i == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)
