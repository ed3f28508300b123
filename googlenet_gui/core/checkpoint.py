"""Checkpoints: written atomically, read safely (weights only), enough for an exact resume.

A checkpoint is a dict of tensors and plain Python values (no classes), so it loads with
`torch.load(weights_only=True)`: a file that needs arbitrary unpickling is refused, never run.
"""
from __future__ import annotations

import errno
import glob
import os
import pickle
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any, BinaryIO, Callable

import torch

FORMAT = "googlenet-studio-checkpoint"
FORMAT_VERSION = 1


class CheckpointError(RuntimeError):
    """A checkpoint that cannot be written or used, with a one-line message."""


def save_checkpoint(payload: dict[str, Any], path: str | os.PathLike) -> Path:
    """Write to a temporary file in the same folder, fsync, then rename over `path`.

    A crash or a full disk at any moment leaves either the old file or the new one, never
    a mix; on failure the temporary file is removed and the old checkpoint is untouched.
    """
    payload = {"format": FORMAT, "format_version": FORMAT_VERSION, **payload}
    return _atomic_write(Path(path), lambda f: torch.save(payload, f))


def copy_checkpoint(src: str | os.PathLike, dst: str | os.PathLike) -> Path:
    """Copy a checkpoint file with the same atomic write (e.g. last.pt -> best.pt)."""
    def copy(out: BinaryIO) -> None:
        with open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, 1 << 20)

    return _atomic_write(Path(dst), copy)


def _atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # The process id in the name lets a later save recognise what a killed process left behind.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            out = _WriteErrors(f)
            try:
                write(out)
            except Exception:
                if out.error is None:
                    raise
                raise out.error from None  # the real cause (a full disk), not torch's "unexpected pos"
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a checkpoint is an ordinary file
        os.replace(tmp, path)
        _fsync_dir(path.parent)
        _remove_orphans(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise CheckpointError(
                f"disk full while saving {path.name} in {path.parent}; the previous checkpoint is kept") from None
        raise CheckpointError(f"cannot save {path.name}: {exc.strerror or exc}; the previous checkpoint is kept") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _remove_orphans(path: Path) -> None:
    """Delete temporary files of `path` left by saves whose process died (a kill or a power cut
    mid-save); those of live processes, which may still be writing, are left alone."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


class _WriteErrors:
    """A write-only file that remembers the OSError its writes raised.

    torch.save swallows the OSError of a failed write (ENOSPC on a full disk) and fails later
    with an unrelated RuntimeError ("unexpected pos ..."); this keeps the real cause.
    """

    def __init__(self, f: BinaryIO):
        self._f = f
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            return self._f.write(data)
        except OSError as exc:
            self.error = self.error or exc
            raise

    def flush(self) -> None:
        self._f.flush()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def load_checkpoint(path: str | os.PathLike) -> dict[str, Any]:
    """Load and validate a checkpoint. Raises CheckpointError with a one-line reason."""
    path = Path(path)
    name = path.name
    if path.is_dir():
        raise CheckpointError(f"{name}: is a folder, not a checkpoint")
    if not path.is_file():
        raise CheckpointError(f"{name}: file not found")
    if path.stat().st_size == 0:
        raise CheckpointError(f"{name}: the file is empty")
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic != b"PK\x03\x04" and not magic.startswith(b"\x80"):  # torch's zip format, or a bare pickle
        raise CheckpointError(f"{name}: not a checkpoint (unknown file format)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # torch's note about pickle protocols in foreign files
            data = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        text = str(exc)
        if "weights only load failed" in text.lower():
            raise CheckpointError(
                f"{name}: refused: not a plain checkpoint; loading it would need Python's unsafe pickle loader, "
                "which can run code") from None
        raise CheckpointError(f"{name}: damaged, truncated or not a checkpoint ({_first_line(text)})") from None
    except (RuntimeError, EOFError, zipfile.BadZipFile, ValueError, OSError, KeyError, IndexError, TypeError,
            AttributeError, UnicodeDecodeError, MemoryError) as exc:
        raise CheckpointError(f"{name}: damaged, truncated or not a checkpoint ({_first_line(str(exc)) or type(exc).__name__})") from None
    return validate(data, name)


def _first_line(text: str) -> str:
    return text.splitlines()[0][:100] if text else ""


def validate(data: Any, name: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CheckpointError(f"{name}: not a GoogLeNet Studio checkpoint")
    if data.get("format") != FORMAT:
        if data and all(isinstance(v, torch.Tensor) for v in data.values()):
            raise CheckpointError(f"{name}: a bare state_dict, not a GoogLeNet Studio checkpoint (no classes or settings)")
        raise CheckpointError(f"{name}: not a GoogLeNet Studio checkpoint")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise CheckpointError(
            f"{name}: made by a newer version of the app (format {version}); this one reads format {FORMAT_VERSION}"
        )
    for key in ("model_config", "model_state", "class_names", "preprocess"):
        if key not in data:
            raise CheckpointError(f"{name}: incomplete checkpoint (no {key})")
    return data


def state_dict_problem(exc: BaseException) -> str:
    """The first useful line of a failed load_state_dict ("size mismatch for classifier.1.weight: ..."),
    not its header line "Error(s) in loading state_dict for GoogLeNet:"."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Error(s) in loading state_dict"):
        lines = lines[1:]
    return lines[0][:200] if lines else type(exc).__name__
