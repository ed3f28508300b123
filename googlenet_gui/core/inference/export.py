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
import warnings
from pathlib import Path
from typing import Any

from ..common.files import FileRefused, atomic_write, check_target
from ..common.messages import QT_TRANSLATE_NOOP, Message
from ..common.text import display_name, error_line

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
    """Read a checkpoint (checked by core.runs.checkpoint; torchvision's GoogLeNet file, or "imagenet":
    torchvision's cache) and write its network as `fmt` to `out`."""
    from .imagenet import KEYWORD, load_weights

    if fmt not in FORMATS:
        raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "unknown export format {format!r}: use {choices}"), format=fmt,
                                  choices=" or ".join(FORMATS)))
    problem = missing_packages(fmt)
    if problem:
        raise ExportError(problem)
    checkpoint, name = load_weights(checkpoint_path)
    read = () if str(checkpoint_path).strip().lower() == KEYWORD else (Path(checkpoint_path),)
    return export_model(checkpoint, fmt, Path(out), checkpoint.describe(name), read)


def export_model(checkpoint: Any, fmt: str, out: Path, source: str = "", inputs: tuple[Path, ...] = ()) -> Path:
    """Write a core Checkpoint's network as `fmt` to `out` (files.atomic_write: whole or not at all,
    Ctrl+C included). `out` must not be a folder, a pipe or a device, nor one of `inputs` (the
    checkpoint file it was read from)."""
    import torch

    from .predict import Predictor

    out = Path(out)
    try:
        if out.is_dir():
            raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "{file}: is a folder; give a file name"), file=display_name(out)))
        if not out.parent.is_dir():
            raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "{folder}: no such folder"), folder=out.parent))
        check_target(out, inputs)  # before the network is even built
    except FileRefused as exc:
        raise ExportError(exc.strerror) from None
    except OSError as exc:  # a name too long, a loop of links
        raise ExportError(_cannot_write(out, exc)) from None
    model = Predictor.from_checkpoint(checkpoint, source or "checkpoint").model.float().eval()
    p = checkpoint.preprocess
    example = torch.zeros(2, p.channels, p.input_size, p.input_size)
    about = description(checkpoint, source)

    def write(f: Any) -> None:
        with warnings.catch_warnings():  # torch's notes on deprecations and tracing are not the user's business
            warnings.simplefilter("ignore")
            if fmt == "onnx":
                _write_onnx(model, example, about, Path(f.name))  # ONNX writes to a path: the temporary file's
            else:
                _write_torchscript(model, example, about, f)

    try:
        atomic_write(out, write, inputs)
    except FileRefused as exc:
        raise ExportError(exc.strerror) from None
    except OSError as exc:
        raise ExportError(_cannot_write(out, exc)) from None
    except Exception as exc:  # noqa: BLE001 - an exporter's own failure, reported as one line
        raise ExportError(Message(QT_TRANSLATE_NOOP("Core", "{format} export failed: {kind}: {reason}"), format=fmt,
                                  kind=type(exc).__name__, reason=error_line(exc, 200))) from None
    return out


def _cannot_write(out: Path, exc: OSError) -> str:
    return Message(QT_TRANSLATE_NOOP("Core", "cannot write {file}: {reason}"), file=display_name(out),
                   reason=exc.strerror or error_line(exc))


def _write_onnx(model: Any, example: Any, about: dict[str, Any], path: Path) -> None:
    import torch

    batch = torch.export.Dim("batch", min=1)
    program = torch.onnx.export(model, (example,), input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
                                dynamic_shapes=({0: batch},), dynamo=True, verbose=False)
    # metadata properties are text: lists and numbers as JSON
    program.model.metadata_props.update({k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                                         for k, v in about.items()})
    program.save(path, external_data=False)  # one self-contained file (the weights are ~24 MB)


def _write_torchscript(model: Any, example: Any, about: dict[str, Any], path: Any) -> None:
    import torch

    traced = torch.jit.trace(model, example)  # the network has no data-dependent control flow
    preprocess = {k: v for k, v in about.items() if k not in ("class_names", "producer", "source")}
    extra = {"class_names.json": json.dumps(about["class_names"], ensure_ascii=False),
             "preprocess.json": json.dumps(preprocess),
             "producer.txt": f"{about['producer']}: {about['source']}"}
    torch.jit.save(traced, path, _extra_files=extra)
