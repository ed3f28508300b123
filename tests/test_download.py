"""Downloads (googlenet_gui.core.data.download and data.download) against a local HTTP server on 127.0.0.1."""
from __future__ import annotations

import functools
import gzip
import hashlib
import io
import pickle
import socket
import struct
import tarfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from googlenet_gui.core.data import sources as data
from googlenet_gui.core.data.sources import DataError, is_available, load_dataset
from googlenet_gui.core.data.download import (
    Cancelled,
    DownloadError,
    download_file,
    download_from_mirrors,
    extract_tar,
    md5sum,
)

IDX_STEMS = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]


def md5(content: bytes) -> str:
    return hashlib.md5(content).hexdigest()


class _Handler(SimpleHTTPRequestHandler):
    """Static files, plus /cut/<path> (declares the full length, sends half, hangs up) and
    /nolength/<path> (no Content-Length; the end of the body is the end of the connection)."""

    requests: list[str]

    def log_message(self, *args):  # keep test output clean
        pass

    def _file(self, prefix: str) -> bytes | None:
        path = Path(self.directory) / self.path[len(prefix):].lstrip("/")
        return path.read_bytes() if path.is_file() else None

    def do_GET(self):
        self.requests.append(self.path)
        for prefix in ("/cut/", "/nolength/"):
            if self.path.startswith(prefix):
                body = self._file(prefix)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                if prefix == "/cut/":
                    self.send_header("Content-Length", str(len(body)))
                    body = body[: len(body) // 2]
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                self.close_connection = True
                return
        super().do_GET()


class Server:
    def __init__(self, root: Path):
        self.root = root
        self.requests: list[str] = []
        handler = type("H", (_Handler,), {"requests": self.requests})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def put(self, rel: str, content: bytes) -> str:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return f"{self.url}/{rel}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path / "served")
    (tmp_path / "served").mkdir(exist_ok=True)
    yield srv
    srv.close()


@pytest.fixture(autouse=True)
def no_debian_files(monkeypatch, tmp_path):
    monkeypatch.setattr(data, "DEBIAN_FASHION_DIR", tmp_path / "no-such-debian-dir")


def _payload(n: int, seed: int = 0) -> bytes:
    return np.random.default_rng(seed).integers(0, 256, n, dtype=np.uint8).tobytes()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ---------------------------------------------------------------- download_file


def test_complete_download_with_progress(server, tmp_path):
    content = _payload(200_000)
    url = server.put("files/blob.bin", content)
    calls = []
    dest = tmp_path / "out" / "sub" / "blob.bin"
    got = download_file(url, dest, md5(content), progress=lambda d, t, m: calls.append((d, t, m)))
    assert got == dest and dest.read_bytes() == content
    assert _leftovers(dest.parent) == ["blob.bin"]  # no .part
    done = [d for d, _, _ in calls]
    assert len(calls) >= 2 and done == sorted(set(done))  # strictly increasing
    assert done[-1] == len(content)
    assert all(t == len(content) for _, t, _ in calls)
    assert all("blob.bin" in m for _, _, m in calls)
    assert md5sum(dest) == md5(content)


def test_existing_verified_file_is_not_downloaded_again(server, tmp_path):
    content = _payload(1000)
    url = server.put("files/a.bin", content)
    dest = tmp_path / "a.bin"
    dest.write_bytes(content)
    assert download_file(url, dest, md5(content)) == dest
    assert server.requests == []
    # A damaged local copy (wrong checksum) is fetched again.
    dest.write_bytes(b"damaged")
    download_file(url, dest, md5(content))
    assert server.requests == ["/files/a.bin"] and dest.read_bytes() == content


def test_download_without_content_length(server, tmp_path):
    content = _payload(150_000, seed=3)
    server.put("files/n.bin", content)
    calls = []
    dest = download_file(f"{server.url}/nolength/files/n.bin", tmp_path / "n.bin", md5(content),
                         progress=lambda d, t, m: calls.append((d, t)))
    assert dest.read_bytes() == content
    assert calls[-1] == (len(content), 0)  # total unknown


def test_wrong_md5(server, tmp_path):
    url = server.put("files/blob.bin", _payload(5000))
    dest = tmp_path / "dl" / "blob.bin"
    with pytest.raises(DownloadError, match="checksum mismatch"):
        download_file(url, dest, md5(b"something else"))
    assert not dest.exists()
    assert _leftovers(dest.parent) == []


def test_cut_off_download(server, tmp_path):
    content = _payload(300_000, seed=1)
    server.put("files/big.bin", content)
    url = f"{server.url}/cut/files/big.bin"
    dest = tmp_path / "dl" / "big.bin"
    with pytest.raises(DownloadError, match="cut off") as info:
        download_file(url, dest, md5(content))
    assert f"{len(content):,}" in str(info.value) or "more bytes" in str(info.value)
    assert not dest.exists() and _leftovers(dest.parent) == []
    # Without a checksum the length check alone catches it.
    with pytest.raises(DownloadError, match="cut off"):
        download_file(url, dest)
    assert _leftovers(dest.parent) == []

    # An earlier complete file (of another version) is kept, not replaced by the partial one.
    old = b"the earlier complete file"
    dest.write_bytes(old)
    with pytest.raises(DownloadError, match="cut off"):
        download_file(url, dest, md5(content))
    assert dest.read_bytes() == old
    assert _leftovers(dest.parent) == ["big.bin"]


def test_cancel_from_progress_callback(server, tmp_path):
    content = _payload(400_000, seed=2)
    url = server.put("files/big.bin", content)
    cancel = threading.Event()
    calls = []

    def progress(done, total, message):
        calls.append(done)
        cancel.set()

    dest = tmp_path / "dl" / "big.bin"
    with pytest.raises(Cancelled):
        download_file(url, dest, md5(content), progress=progress, cancel=cancel)
    assert len(calls) == 1 and calls[0] < len(content)
    assert not dest.exists() and _leftovers(dest.parent) == []


def test_cancel_before_start(server, tmp_path):
    url = server.put("files/x.bin", _payload(10))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        download_file(url, tmp_path / "x.bin", cancel=cancel)
    assert _leftovers(tmp_path) == ["served"]


def test_http_404(server, tmp_path):
    dest = tmp_path / "dl" / "missing.bin"
    with pytest.raises(DownloadError, match="404") as info:
        download_file(f"{server.url}/files/missing.bin", dest)
    assert "missing.bin" in str(info.value)
    assert _leftovers(dest.parent) == []


def test_connection_refused(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dest = tmp_path / "dl" / "x.bin"
    with pytest.raises(DownloadError, match="download failed") as info:
        download_file(f"http://127.0.0.1:{port}/x.bin", dest, timeout=5)
    assert "x.bin" in str(info.value)
    assert _leftovers(dest.parent) == []


def test_mirrors_first_404_second_works(server, tmp_path):
    content = _payload(3000, seed=4)
    server.put("good/file.bin", content)
    dest = download_from_mirrors([f"{server.url}/bad", f"{server.url}/good/"], "file.bin", tmp_path / "dl",
                                 md5(content))
    assert dest == tmp_path / "dl" / "file.bin" and dest.read_bytes() == content
    assert server.requests == ["/bad/file.bin", "/good/file.bin"]


def test_mirrors_all_fail_reports_last_error(server, tmp_path):
    server.put("one/file.bin", b"wrong content")
    with pytest.raises(DownloadError, match="404"):
        download_from_mirrors([f"{server.url}/one", f"{server.url}/two"], "file.bin", tmp_path, md5(b"right"))
    with pytest.raises(DownloadError, match="checksum mismatch"):
        download_from_mirrors([f"{server.url}/two", f"{server.url}/one"], "file.bin", tmp_path, md5(b"right"))
    with pytest.raises(DownloadError, match="no mirror"):
        download_from_mirrors([], "file.bin", tmp_path, None)
    assert _leftovers(tmp_path) == ["served"]


# ---------------------------------------------------------------- data.download: IDX datasets


def _idx_files(seed: int = 0, n_train: int = 5, n_test: int = 3) -> tuple[dict[str, bytes], dict]:
    rng = np.random.default_rng(seed)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte": (np.arange(n_train) % 10).astype(np.uint8),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": ((np.arange(n_test) + 4) % 10).astype(np.uint8),
    }
    raw = {}
    for stem, arr in arrays.items():
        if arr.ndim == 3:
            raw[stem] = struct.pack(">IIII", 0x803, *arr.shape) + arr.tobytes()
        else:
            raw[stem] = struct.pack(">II", 0x801, len(arr)) + arr.tobytes()
    return raw, arrays


@pytest.mark.parametrize("name,folder", [("fashion-mnist", "FashionMNIST"), ("mnist", "MNIST")])
def test_data_download_idx_then_load(server, tmp_path, name, folder):
    raw, arrays = _idx_files(seed=7)
    sums = {}
    for stem, content in raw.items():
        gz = gzip.compress(content)
        server.put(f"idx/{stem}.gz", gz)
        sums[f"{stem}.gz"] = md5(gz)
    root = tmp_path / "data"
    assert not is_available(name, root)
    messages = []
    data.download(name, root, progress=lambda d, t, m: messages.append(m),
                  mirrors=[f"{server.url}/idx"], checksums=sums)
    raw_dir = root / folder / "raw"
    for stem, content in raw.items():
        assert (raw_dir / stem).read_bytes() == content  # decompressed at download time
    assert not any(p.name.endswith(".part") for p in raw_dir.iterdir())
    assert {m for m in messages} == {f"downloading {stem}.gz" for stem in IDX_STEMS}
    assert is_available(name, root)

    ds = load_dataset(name, root)
    assert tuple(ds.train.images.shape) == (5, 1, 28, 28) and tuple(ds.val.images.shape) == (3, 1, 28, 28)
    assert np.array_equal(ds.train.images[:, 0].numpy(), arrays["train-images-idx3-ubyte"])
    assert ds.val.labels.tolist() == arrays["t10k-labels-idx1-ubyte"].tolist()

    # Files already there are not fetched again.
    before = len(server.requests)
    data.download(name, root, mirrors=[f"{server.url}/idx"], checksums=sums)
    assert len(server.requests) == before


def test_data_download_idx_bad_checksum(server, tmp_path):
    raw, _ = _idx_files()
    sums = {}
    for stem, content in raw.items():
        gz = gzip.compress(content)
        server.put(f"idx/{stem}.gz", gz)
        sums[f"{stem}.gz"] = md5(gz)
    sums["t10k-images-idx3-ubyte.gz"] = md5(b"not it")
    root = tmp_path / "data"
    with pytest.raises(DownloadError, match="t10k-images-idx3-ubyte.gz: checksum mismatch"):
        data.download("fashion-mnist", root, mirrors=[f"{server.url}/idx"], checksums=sums)
    raw_dir = root / "FashionMNIST" / "raw"
    assert not (raw_dir / "t10k-images-idx3-ubyte.gz").exists()
    assert not (raw_dir / "t10k-images-idx3-ubyte.gz.part").exists()
    assert not is_available("fashion-mnist", root)


def test_data_download_nothing_to_download(tmp_path):
    with pytest.raises(DataError, match="nothing to download"):
        data.download("sample", tmp_path)
    with pytest.raises(DataError, match="nothing to download"):
        data.download("folder", tmp_path)


# ---------------------------------------------------------------- data.download: CIFAR-10 archive


def _cifar_files(sizes=(2, 1, 3, 1, 2), test_size=2) -> dict[str, bytes]:
    files = {}
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    for k, (name, n) in enumerate(zip(names, list(sizes) + [test_size])):
        images = np.random.default_rng(k).integers(0, 256, (n, 3072), dtype=np.uint8)
        files[name] = pickle.dumps({"data": images, "labels": [(k + i) % 10 for i in range(n)],
                                    "batch_label": name}, protocol=2)
    return files


def _tar_gz(members: list[tuple[str, bytes | None, str | None]]) -> bytes:
    """members: (name, content, symlink target); content None and target None = directory."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, content, target in members:
            info = tarfile.TarInfo(name)
            if target is not None:
                info.type, info.linkname = tarfile.SYMTYPE, target
                tar.addfile(info)
            elif content is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.size, info.mode = len(content), 0o644
                tar.addfile(info, io.BytesIO(content))
    return buf.getvalue()


def _cifar_archive(extra: list | None = None, first: list | None = None) -> bytes:
    members = list(first or []) + [("cifar-10-batches-py", None, None)]
    members += [(f"cifar-10-batches-py/{n}", c, None) for n, c in _cifar_files().items()]
    members.append(("cifar-10-batches-py/readme.html", b"<html></html>", None))
    return _tar_gz(members + list(extra or []))


def test_data_download_cifar10_then_load(server, tmp_path):
    archive = _cifar_archive()
    server.put("cifar/cifar-10-python.tar.gz", archive)
    root = tmp_path / "data"
    messages = []
    data.download("cifar10", root, progress=lambda d, t, m: messages.append(m),
                  mirrors=[f"{server.url}/cifar"], checksums={"cifar-10-python.tar.gz": md5(archive)})
    assert server.requests == ["/cifar/cifar-10-python.tar.gz"]
    assert not (root / "cifar-10-python.tar.gz").exists()  # archive removed after extraction
    assert not (root / "cifar-10-python.tar.gz.part").exists()
    assert "extracting cifar-10-python.tar.gz" in messages
    assert is_available("cifar10", root)
    ds = load_dataset("cifar10", root)
    assert tuple(ds.train.images.shape) == (9, 3, 32, 32) and tuple(ds.val.images.shape) == (2, 3, 32, 32)
    first = pickle.loads(_cifar_files()["data_batch_1"])
    assert np.array_equal(ds.train.images[:2].numpy().reshape(2, 3072), first["data"])
    assert ds.train.labels[:2].tolist() == first["labels"]


def test_data_download_cifar10_archive_without_batches(server, tmp_path):
    archive = _tar_gz([("something/else.txt", b"hello", None)])
    server.put("cifar/cifar-10-python.tar.gz", archive)
    with pytest.raises(DownloadError, match="does not hold the CIFAR-10 batches"):
        data.download("cifar10", tmp_path / "data", mirrors=[f"{server.url}/cifar"],
                      checksums={"cifar-10-python.tar.gz": md5(archive)})


def test_data_download_cifar10_wrong_checksum(server, tmp_path):
    archive = _cifar_archive()
    server.put("cifar/cifar-10-python.tar.gz", archive)
    root = tmp_path / "data"
    with pytest.raises(DownloadError, match="checksum mismatch"):
        data.download("cifar10", root, mirrors=[f"{server.url}/cifar"],
                      checksums={"cifar-10-python.tar.gz": md5(b"other")})
    assert _leftovers(root) == []


def test_extract_tar_refuses_paths_outside_root(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    archive = tmp_path / "evil.tar.gz"
    archive.write_bytes(_tar_gz([("ok.txt", b"fine", None), ("../evil", b"escaped", None)]))
    with pytest.raises(DownloadError, match="cannot extract"):
        extract_tar(archive, root)
    assert not (tmp_path / "evil").exists()

    archive.write_bytes(_tar_gz([("link", None, str(tmp_path / "outside")), ("link/evil", b"x", None)]))
    (tmp_path / "outside").mkdir()
    with pytest.raises(DownloadError, match="cannot extract"):
        extract_tar(archive, root)
    assert _leftovers(tmp_path / "outside") == []

    archive.write_bytes(b"not a tar archive at all")
    with pytest.raises(DownloadError, match="cannot extract"):
        extract_tar(archive, root)


def test_data_download_cifar10_evil_member_not_extracted_outside_root(server, tmp_path):
    archive = _cifar_archive(extra=[("../evil", b"escaped", None)])
    server.put("cifar/cifar-10-python.tar.gz", archive)
    root = tmp_path / "data"
    with pytest.raises(DownloadError):
        data.download("cifar10", root, mirrors=[f"{server.url}/cifar"],
                      checksums={"cifar-10-python.tar.gz": md5(archive)})
    assert not (tmp_path / "evil").exists()
    assert not any(p.name == "evil" for p in tmp_path.rglob("evil"))
