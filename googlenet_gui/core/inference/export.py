"""Export a checkpoint's network for deployment: ONNX (ONNX Runtime and friends) or TorchScript.

Both take the normalised input the network trains on, float32 [N, C, S, S] with any batch size N,
and give the logits [N, classes] (softmax gives the probabilities). What a deployment needs to
prepare images and name the answers travels inside the file: ONNX metadata properties, or
TorchScript extra files. Preparing an image as the app does: decode, convert to `channels`,
resize the short side to `stored_size` and centre-crop it square (or, where `resize` is given,
as for ImageNet's weights: resize the short side to `resize` and centre-crop a `stored_size`
square out of it, as torchvision's Resize + CenterCrop), resize to `input_size` (bilinear),
then x / 255 -> (x - mean) / std. `layout` names the network's layout (the tutorial's, or
torchvision's for ImageNet's weights and runs started from them); `origin`, where a run's first
weights came from.
"""
from __future__ import annotations

import importlib.util
import json
import os
import secrets
import warnings
from pathlib import Path
from typing import Any

from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..common.text import error_line

FORMATS = ("onnx", "torchscript")
SUFFIXES = {"onnx": ".onnx", "torchscript": ".pt"}
# The optional packages each format needs, and the extra that installs them.
NEEDS = {"onnx": ("onnx", "onnxscript"), "torchscript": ()}
EXTRA = "export"
INPUT_NAME, OUTPUT_NAME = "input", "logits"
TORCHSCRIPT_FILES = ("class_names.json", "preprocess.json", "producer.txt")


class ExportError(RuntimeError):
    """An export that cannot be done, with a one-line message."""


def missing_packages(fmt: str) -> str | None:
    """One line naming the extra to install when `fmt` needs packages that are not installed."""
    missing = [name for name in NEEDS.get(fmt, ()) if importlib.util.find_spec(name) is None]
    if not missing:
        return None
    return Message(QT_TRANSLATE_NOOP("Core", "{format} export needs {packages}: {command}"),
                   format=fmt.upper() if fmt == "onnx" else fmt, packages=", ".join(missing),
                   command=f'pip install "googlenet-studio[{EXTRA}]"')


def description(checkpoint: Any, source: str) -> dict[str, Any]:
    """What a deployment needs besides the weights: the class names and the preprocessing."""
    p = checkpoint.preprocess
    return {
        "producer": "GoogLeNet Studio",
        "source": str(source),  # a file's metadata: the English of a Message
        "class_names": list(checkpoint.class_names),
        "channels": p.channels,
        "input_size": p.input_size,
        "stored_size": p.stored_size,
        "mean": float(p.mean),
        "std": float(p.std),
        "resize": p.resize,
        "layout": checkpoint.model_config.layout,
        "origin": None if getattr(checkpoint, "origin", None) is None else checkpoint.origin.to_dict(),
        "input": f"{INPUT_NAME}: float32 [N, {p.channels}, {p.input_size}, {p.input_size}], (pixel / 255 - mean) / std",
        "output": f"{OUTPUT_NAME}: float32 [N, {len(checkpoint.class_names)}]; softmax gives the probabilities",
    }


def export_checkpoint(checkpoint_path: str | os.PathLike, fmt: str, out: str | os.PathLike) -> Path:
    """Read a checkpoint (checked by core.runs.checkpoint) and write its network as `fmt` to `out`."""
    from ..runs.checkpoint import load_checkpoint
    from ..common.text import display_name

    if fmt not in FORMATS:
        raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "unknown export format {format!r}: use {choices}"), format=fmt,
                                  choices=" or ".join(FORMATS)))
    problem = missing_packages(fmt)
    if problem:
        raise ExportError(problem)
    checkpoint = load_checkpoint(checkpoint_path)
    return export_model(checkpoint, fmt, Path(out), checkpoint.describe(display_name(checkpoint_path)))


def export_model(checkpoint: Any, fmt: str, out: Path, source: str = "") -> Path:
    """Write a core Checkpoint's network as `fmt` to `out`: to a temporary file in the same folder,
    renamed over `out` only once it is whole."""
    import torch

    from .predict import Predictor

    out = Path(out)
    if out.is_dir():
        raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "{file}: is a folder; give a file name"), file=out.name))
    if not out.parent.is_dir():
        raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: no such folder"), folder=out.parent))
    model = Predictor.from_checkpoint(checkpoint, source or "checkpoint").model.float().eval()
    p = checkpoint.preprocess
    example = torch.zeros(2, p.channels, p.input_size, p.input_size)
    about = description(checkpoint, source)
    tmp = out.parent / f".{out.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        open(tmp, "xb").close()  # made by open(), so the export gets the user's usual permissions
    except OSError as exc:
        raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "cannot write in {folder}: {reason}"), folder=out.parent,
                                  reason=exc.strerror or error_line(exc))) from None
    try:
        with warnings.catch_warnings():  # torch's notes on deprecations and tracing are not the user's business
            warnings.simplefilter("ignore")
            if fmt == "onnx":
                _write_onnx(model, example, about, tmp)
            else:
                _write_torchscript(model, example, about, tmp)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "cannot write {file}: {reason}"), file=out.name,
                                  reason=exc.strerror or error_line(exc))) from None
    except Exception as exc:  # noqa: BLE001 - an exporter's own failure, reported as one line
        tmp.unlink(missing_ok=True)
        raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "{format} export failed: {kind}: {reason}"), format=fmt,
                                  kind=type(exc).__name__, reason=error_line(exc, 200))) from None
    return out


def _write_onnx(model: Any, example: Any, about: dict[str, Any], path: Path) -> None:
    import torch

    batch = torch.export.Dim("batch", min=1)
    program = torch.onnx.export(model, (example,), input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
                                dynamic_shapes=({0: batch},), dynamo=True, verbose=False)
    # metadata properties are text: lists and numbers as JSON
    program.model.metadata_props.update({k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                                         for k, v in about.items()})
    program.save(path, external_data=False)  # one self-contained file (the weights are ~24 MB)


def _write_torchscript(model: Any, example: Any, about: dict[str, Any], path: Path) -> None:
    import torch

    traced = torch.jit.trace(model, example)  # the network has no data-dependent control flow
    preprocess = {k: v for k, v in about.items() if k not in ("class_names", "producer", "source")}
    extra = {"class_names.json": json.dumps(about["class_names"], ensure_ascii=False),
             "preprocess.json": json.dumps(preprocess),
             "producer.txt": f"{about['producer']}: {about['source']}"}
    torch.jit.save(traced, str(path), _extra_files=extra)
