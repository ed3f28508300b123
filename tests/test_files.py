"""core.common.files: the one atomic write every writer uses, and reading what a folder holds."""
from __future__ import annotations

import os
import stat

import pytest

from googlenet_gui.core.common.files import FileRefused, atomic_write, bounded_lines, open_regular, read_limited


def test_a_write_replaces_the_file_whole_and_leaves_nothing_beside_it(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    atomic_write(target, lambda f: f.write(b"new"))
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["out.bin"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()  # an ordinary file, not mkstemp's 0600


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), ValueError("the writer's own"),
                                     KeyboardInterrupt()])
def test_any_failure_ctrl_c_included_keeps_the_old_file_and_removes_the_temporary_one(tmp_path, failure):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    def write(f):
        f.write(b"half of it")
        raise failure

    with pytest.raises(type(failure)):
        atomic_write(target, write)
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.bin"]


def test_a_write_error_the_writer_swallowed_is_the_one_raised(tmp_path, monkeypatch):
    """torch.save turns a full disk into "unexpected pos": the OSError of the write is what is said."""
    import googlenet_gui.core.common.files as files

    def full(self, data):
        self.error = OSError(28, "No space left on device")
        raise self.error

    def write(f):
        try:
            f.write(b"x")
        except OSError:
            pass  # as torch.save does
        raise RuntimeError("unexpected pos 64")

    monkeypatch.setattr(files._TemporaryFile, "write", full)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(tmp_path / "out.bin", write)
    assert os.listdir(tmp_path) == []


def test_pipes_folders_and_the_writers_own_input_are_refused_and_left_as_they_are(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    source = tmp_path / "source"
    source.write_bytes(b"input")
    hard = tmp_path / "hard"
    os.link(source, hard)
    for target, words in ((fifo, "not a regular file"), (link, "not a regular file"), (tmp_path, "is a folder"),
                          (source, "is the file being read"), (hard, "is the file being read")):
        with pytest.raises(FileRefused, match=words):
            atomic_write(target, lambda f: f.write(b"x"), inputs=[source])
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and source.read_bytes() == b"input"
    assert sorted(os.listdir(tmp_path)) == ["hard", "link", "pipe", "source"]


def test_a_target_whose_name_is_as_long_as_names_can_be_is_written(tmp_path):
    target = tmp_path / ("n" * 251 + ".bin")
    atomic_write(target, lambda f: f.write(b"x"))
    assert target.read_bytes() == b"x"


def test_a_writer_that_needs_a_path_writes_to_the_temporary_files_name(tmp_path):
    atomic_write(tmp_path / "out.bin", lambda f: open(f.name, "wb").write(b"by path"))
    assert (tmp_path / "out.bin").read_bytes() == b"by path"


def test_reading_refuses_pipes_at_once_and_bounds_sizes_and_lines(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused, match="not a regular file"):
        open_regular(fifo)  # would block for good without O_NONBLOCK
    big = tmp_path / "big"
    big.write_bytes(b"x" * 101)
    assert read_limited(big, 101) == b"x" * 101
    with pytest.raises(FileRefused, match="larger than 100 bytes"):
        read_limited(big, 100)
    lines = tmp_path / "lines"
    lines.write_bytes(b"short\n" + b"y" * 50 + b"\nafter\nlast, unfinished")
    with open_regular(lines) as f:
        assert list(bounded_lines(f, 10)) == [b"short\n", None, b"after\n", None]
    with open_regular(lines) as f:
        assert list(bounded_lines(f, 100))[-1] == b"last, unfinished"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
