"""Bad, odd and hostile image files. Each one classifies or gives ONE clear one-line message, in
the core (Predictor.classify_files), the command line and the window; the window stays
responsive and training goes on.

The corpus is written by the tests themselves, with Pillow, numpy and os.
"""
from __future__ import annotations

import builtins
import io
import json
import os
import resource
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_from_bytes

import numpy as np
import pytest
import torch
from PIL import Image, ImageFile
from PySide6.QtCore import QMimeData, QTimer, QUrl

import googlenet_gui.core.inference.predict as predict_module
from helpers import batches, drop, use_folder

from googlenet_gui.cli import main
from googlenet_gui.core.data.sources import Dataset, ImageSet
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.runs.events import Finished, Stopped
from googlenet_gui.core.data.images import MAX_PIXELS, ImageLoadError, open_image
from googlenet_gui.core.network import ood
from googlenet_gui.core.inference.predict import Predictor, flag_note
from googlenet_gui.ui.panels.classify_panel import MAX_ROWS


ROOT = Path(__file__).resolve().parents[1]
FASHION = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"}

# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Path], Path]  # writes the input into a folder and returns its path
    error: str | None  # a phrase its one-line message must hold; None: it classifies

    @property
    def ok(self) -> bool:
        return self.error is None


CASES: list[Case] = []


def case(error: str | None = None):
    def register(make: Callable[[Path], Path]) -> Callable[[Path], Path]:
        CASES.append(Case(make.__name__, make, error))
        return make
    return register


def gradient(w: int = 48, h: int = 40) -> Image.Image:
    x = np.linspace(0, 255, w)[None, :].repeat(h, 0)
    y = np.linspace(0, 255, h)[:, None].repeat(w, 1)
    return Image.fromarray(np.stack([x, y, 255 - x], -1).astype(np.uint8))


def encoded(img: Image.Image, fmt: str, **options) -> bytes:
    data = io.BytesIO()
    img.save(data, fmt, **options)
    return data.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def saved(path: Path, img: Image.Image, **options) -> Path:
    img.save(path, **options)
    return path


def png_declaring(width: int, height: int) -> bytes:
    """A real small PNG whose IHDR chunk (with a correct CRC) claims width x height pixels."""
    data = encoded(gradient(), "PNG")
    assert data[12:16] == b"IHDR"
    ihdr = struct.pack(">II", width, height) + data[24:29]
    return data[:16] + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + data[33:]


# ----- inputs that must classify


@case()
def one_pixel(folder: Path) -> Path:
    return saved(folder / "one.png", Image.new("RGB", (1, 1), (200, 30, 30)))


@case()
def wide_20000x10(folder: Path) -> Path:
    return saved(folder / "wide.png", gradient(20000, 10))


@case()
def png_16_bit(folder: Path) -> Path:
    return saved(folder / "gray16.png", Image.fromarray(np.asarray(gradient().convert("L")).astype(np.uint16) * 257))


@case()
def png_1_bit(folder: Path) -> Path:
    return saved(folder / "bilevel.png", gradient().convert("1"))


@case()
def cmyk_jpeg(folder: Path) -> Path:
    return saved(folder / "cmyk.jpg", gradient().convert("CMYK"))


@case()
def palette_png_with_transparency(folder: Path) -> Path:
    return saved(folder / "palette.png", gradient().convert("P", palette=Image.ADAPTIVE, colors=16), transparency=0)


@case()
def rgba_png(folder: Path) -> Path:
    img = gradient().convert("RGBA")
    img.putalpha(Image.linear_gradient("L").resize(img.size))
    return saved(folder / "rgba.png", img)


@case()
def la_png(folder: Path) -> Path:
    return saved(folder / "la.png", gradient().convert("LA"))


@case()
def animated_gif(folder: Path) -> Path:
    frames = [gradient(), gradient().rotate(90), gradient().rotate(180)]
    return saved(folder / "animated.gif", frames[0], save_all=True, append_images=frames[1:], duration=80, loop=0)


@case()
def single_frame_gif(folder: Path) -> Path:
    return saved(folder / "still.gif", gradient())


@case()
def multi_page_tiff(folder: Path) -> Path:
    return saved(folder / "pages.tiff", gradient(), save_all=True, append_images=[gradient().convert("L").convert("RGB")])


@case()
def exif_rotated_jpeg(folder: Path) -> Path:
    exif = Image.Exif()
    exif[0x0112] = 6  # displayed rotated by 90 degrees
    return saved(folder / "rotated.jpg", gradient(60, 20), exif=exif.tobytes())


@case()
def invalid_exif_orientation_jpeg(folder: Path) -> Path:
    exif = Image.Exif()
    exif[0x0112] = 77  # no such orientation: the picture is used as stored
    return saved(folder / "odd_exif.jpg", gradient(), exif=exif.tobytes())


@case()
def huge_legal_jpeg_4000x3000(folder: Path) -> Path:
    return saved(folder / "photo.jpg", gradient(4000, 3000), quality=85)


@case()
def webp(folder: Path) -> Path:
    return saved(folder / "image.webp", gradient())


@case()
def bmp(folder: Path) -> Path:
    return saved(folder / "image.bmp", gradient())


@case()
def grayscale_jpeg(folder: Path) -> Path:
    return saved(folder / "gray.jpg", gradient().convert("L"))


@case()
def png_named_jpg(folder: Path) -> Path:
    return write(folder / "really_a_png.jpg", encoded(gradient(), "PNG"))


@case()
def symlink_to_image(folder: Path) -> Path:
    target = saved(folder / "link_target.png", gradient())
    link = folder / "link.png"
    link.symlink_to(target)
    return link


@case()
def non_utf8_name(folder: Path) -> Path:
    return saved(folder / os.fsdecode(b"caf\xe9.png"), gradient())


@case()
def name_of_255_bytes(folder: Path) -> Path:
    name = "n" * 251 + ".png"
    assert len(os.fsencode(name)) == 255
    return saved(folder / name, gradient())


@case()
def name_with_spaces_unicode_and_newline(folder: Path) -> Path:
    return saved(folder / "my café 猫\nphoto (1).png", gradient())


# ----- inputs that must give one clear line


@case("empty file")
def zero_bytes(folder: Path) -> Path:
    return write(folder / "empty.png", b"")


@case("truncated or corrupt")
def truncated_jpeg(folder: Path) -> Path:
    return write(folder / "truncated.jpg", encoded(gradient(300, 300), "JPEG")[:600])


@case("truncated or corrupt")
def truncated_png(folder: Path) -> Path:
    return write(folder / "truncated.png", encoded(gradient(300, 300), "PNG")[:600])


@case("truncated or corrupt")
def png_with_corrupt_pixel_data(folder: Path) -> Path:
    data = bytearray(encoded(Image.fromarray(np.random.default_rng(1).integers(0, 255, (64, 64, 3), np.uint8)), "PNG"))
    start = data.index(b"IDAT") + 40
    data[start:start + 64] = bytes(64)
    return write(folder / "corrupt.png", bytes(data))


@case("not an image format")
def text_named_jpg(folder: Path) -> Path:
    return write(folder / "notes.jpg", b"Shopping list:\n- eggs\n- milk\n")


@case("not an image format")
def random_bytes_named_png(folder: Path) -> Path:
    return write(folder / "noise.png", np.random.default_rng(7).bytes(4096))


@case("not an image format")
def svg_drawing(folder: Path) -> Path:
    return write(folder / "drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
                                         b'<circle cx="32" cy="32" r="20"/></svg>\n')


@case("not an image format")
def pdf_document(folder: Path) -> Path:
    return write(folder / "scan.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


@case("not an image format")
def psd_like_header(folder: Path) -> Path:
    return write(folder / "layers.psd", b"8BPS\x00\x01" + bytes(6) + np.random.default_rng(3).bytes(200))


@case("not an image format")
def png_of_zero_width(folder: Path) -> Path:
    return write(folder / "zero_width.png", png_declaring(0, 40))


@case("too large")
def decompression_bomb(folder: Path) -> Path:
    return write(folder / "bomb.png", png_declaring(100_000, 100_000))


@case("too large")
def just_over_the_pixel_limit(folder: Path) -> Path:
    side = int(MAX_PIXELS ** 0.5) + 1  # between Pillow's warning and its error
    return write(folder / "big_header.png", png_declaring(side, side))


@case("folder")
def a_folder(folder: Path) -> Path:
    path = folder / "holiday.png"  # a folder, whatever its name says
    path.mkdir()
    return path


@case("file not found")
def missing_file(folder: Path) -> Path:
    return folder / "gone.png"


@case("file not found")
def dangling_symlink(folder: Path) -> Path:
    link = folder / "dangling.png"
    link.symlink_to(folder / "nowhere.png")
    return link


@case("not a regular file")
def named_pipe(folder: Path) -> Path:
    path = folder / "pipe.png"
    os.mkfifo(path)  # opening it for reading would wait for a writer forever
    return path


@case("too long")
def name_too_long_for_the_file_system(folder: Path) -> Path:
    return folder / ("x" * 300 + ".png")


@case("not an image format")
def postscript_named_png(folder: Path) -> Path:
    """Pillow's EPS plugin would run Ghostscript on this, an endless loop with no time limit."""
    return write(folder / "loop.png", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\n{ } loop\nshowpage\n")


@case("not an image format")
def eps_file(folder: Path) -> Path:
    return write(folder / "figure.eps", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
                                        b"0 0 moveto 10 10 lineto stroke showpage\n")


@case()
def line_1x100000(folder: Path) -> Path:
    """277 bytes; the old resize-then-crop asked for a 224 x 22,400,000 image (15 GB) first."""
    return saved(folder / "line.png", Image.new("L", (1, 100_000), 128))


@case()
def png_16_bit_9400x9400(folder: Path) -> Path:
    """About 170 KB on disk, 177 MB of pixels: classified with bounded extra memory."""
    return saved(folder / "big16.png", Image.new("I;16", (9400, 9400), 40_000))


@case("too large to decode safely")
def float_tiff_too_big_to_decode(folder: Path) -> Path:
    """A small file (it compresses well) declaring 9000 x 9000 float pixels: 309 MiB decoded."""
    return saved(folder / "float.tif", Image.new("F", (9000, 9000), 0.5), compression="tiff_adobe_deflate")


def build_corpus(folder: Path) -> list[tuple[Case, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    return [(c, c.make(folder)) for c in CASES]


def test_the_corpus_is_big_and_mixed():
    assert len(CASES) >= 30 and len({c.id for c in CASES}) == len(CASES)
    assert sum(c.ok for c in CASES) >= 15 and sum(not c.ok for c in CASES) >= 15


def check_one_line(case: Case, message: str) -> None:
    assert message and "\n" not in message and "\r" not in message, (case.id, message)
    assert len(message) < 300, (case.id, message)
    assert case.error in message.lower(), (case.id, message)


# ---------------------------------------------------------------- a small real checkpoint, once


def six_classes(n: int, seed: int) -> ImageSet:
    g = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % 6
    colours = torch.tensor([[220, 30, 30], [30, 220, 30], [30, 30, 220], [220, 220, 30], [30, 220, 220],
                            [220, 30, 220]], dtype=torch.float32)
    images = colours[labels][:, :, None, None].expand(n, 3, 32, 32) + torch.randint(0, 30, (n, 3, 32, 32), generator=g)
    return ImageSet(images.clamp(0, 255).to(torch.uint8), labels)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory) -> Path:
    """One epoch on six colour classes (so a top 5 exists), RGB, input 64."""
    run_dir = tmp_path_factory.mktemp("run")
    dataset = Dataset("colours", six_classes(48, 0), six_classes(12, 1), [f"colour{i}" for i in range(6)],
                      flip_ok=True)
    events = list(Trainer(TrainConfig(epochs=1, input_size=64, batch_size=16, seed=0), run_dir=run_dir,
                          dataset=dataset).run())
    assert isinstance(events[-1], Finished), events[-1]
    return run_dir / "best.pt"


@pytest.fixture(scope="module")
def predictor(checkpoint) -> Predictor:
    return Predictor.from_file(checkpoint)


# ---------------------------------------------------------------- core


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_core_classifies_or_gives_one_line(case, predictor, tmp_path):
    path = case.make(tmp_path)
    [result] = predictor.classify_files([path])
    assert result.source == str(path)
    if case.ok:
        assert result.ok, result.error
        probs = [p for _, p in result.top]
        assert len(result.top) == 5 and probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1.0001
        assert result.view.shape == (64, 64, 3) and result.view.dtype == np.uint8
    else:
        assert not result.ok and not result.top and result.view is None
        check_one_line(case, result.error)


def test_core_takes_the_whole_corpus_at_once_in_order(predictor, tmp_path):
    corpus = build_corpus(tmp_path)
    results = predictor.classify_files([p for _, p in corpus])
    assert [r.source for r in results] == [str(p) for _, p in corpus]
    assert [r.ok for r in results] == [c.ok for c, _ in corpus]


def test_exif_rotation_is_applied_before_classifying(tmp_path):
    img = open_image(exif_rotated_jpeg(tmp_path))
    assert img.size == (20, 60)  # stored 60x20, shown standing up


def test_decompression_bomb_is_refused_from_its_header_without_decoding(tmp_path, monkeypatch):
    bomb = decompression_bomb(tmp_path)
    declared = 100_000 * 100_000
    assert declared > 2 * MAX_PIXELS and bomb.stat().st_size < 10_000  # 30 GB of pixels in a tiny file
    decoded = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self.size) or real_load(self))
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    for path in (bomb, just_over_the_pixel_limit(tmp_path)):
        with pytest.raises(ImageLoadError, match="too large"):
            open_image(path)
    assert decoded == []  # refused on the declared size: no pixel was ever decoded
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 64 * 1024


MEMORY_LIMITED = r"""
import resource, sys
from googlenet_gui.core.network import ood
from googlenet_gui.core.inference.predict import Predictor, flag_note
predictor = Predictor.from_file(sys.argv[1])  # loaded before the limit: PyTorch maps much address space
used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
limit = used + int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
[result] = predictor.classify_files([sys.argv[3]])
extra = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - used
print(result.ok, result.error, extra // 2**20)
"""


@pytest.mark.parametrize("make,budget_mib", [(line_1x100000, 200), (png_16_bit_9400x9400, 400)],
                         ids=["1x100000", "16-bit-9400x9400"])
def test_small_files_that_declare_much_work_classify_in_bounded_memory(tmp_path, make, budget_mib):
    """Under a memory limit, in a child process: the 1x100000 PNG took 15 GB before it was fixed, the
    16-bit 9400x9400 PNG 2.8 GB; a 3-channel input-224 network sees each as 224 x 224."""
    from googlenet_gui.core.runs.checkpoint import Checkpoint, save_checkpoint
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
    from googlenet_gui.core.data.transforms import Preprocess

    network = save_checkpoint(Checkpoint(ModelConfig(3, 5), GoogLeNet(ModelConfig(3, 5)).state_dict(),
                                         list("abcde"), Preprocess(3, 224, 224)), tmp_path / "net.pt")
    script = tmp_path / "limited.py"
    script.write_text(MEMORY_LIMITED)
    result = subprocess.run([sys.executable, str(script), str(network), str(budget_mib << 20), str(make(tmp_path))],
                            capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    ok, error, extra_mib = result.stdout.split(maxsplit=2)[0], result.stdout, int(result.stdout.split()[-1])
    assert ok == "True", error
    assert extra_mib < budget_mib


def test_postscript_never_starts_ghostscript(tmp_path, monkeypatch):
    started = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a) or real_popen(*a, **k))
    for path in (postscript_named_png(tmp_path), eps_file(tmp_path)):
        with pytest.raises(ImageLoadError, match="not an image format"):
            open_image(path)
    assert started == []


def test_unreadable_file_mode_000(predictor, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading (covered by the next test)")
    path = saved(tmp_path / "secret.png", gradient())
    path.chmod(0)
    try:
        [result] = predictor.classify_files([path])
    finally:
        path.chmod(0o644)
    assert result.error == "secret.png: permission denied"


@pytest.fixture
def permission_denied_for(monkeypatch):
    """Make builtins.open refuse one path as a file the user may not read would be refused."""
    refused: list[str] = []
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) in refused:
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    return lambda path: refused.append(os.fspath(path))


def test_permission_denied_in_core_and_cli(predictor, checkpoint, tmp_path, permission_denied_for, capsys):
    path = saved(tmp_path / "secret.png", gradient())
    permission_denied_for(path)
    [result] = predictor.classify_files([path])
    assert result.error == "secret.png: permission denied"
    assert main(["classify", "--checkpoint", str(checkpoint), str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err == "error: secret.png: permission denied\n" and captured.out == ""


def test_many_files_are_classified_in_bounded_batches(predictor, tmp_path, monkeypatch):
    sizes = []
    real = Predictor.classify_tensors
    monkeypatch.setattr(Predictor, "classify_tensors", lambda self, images, k=5: sizes.append(len(images)) or
                        real(self, images, k))
    paths = [saved(tmp_path / f"{i}.png", gradient(20 + i, 20)) for i in range(70)]
    results = predictor.classify_files(paths)
    assert all(r.ok for r in results) and len(results) == 70
    assert sum(sizes) == 70 and max(sizes) <= predict_module.CLASSIFY_BATCH < 70


# ---------------------------------------------------------------- command line


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_cli_prints_top_5_or_one_error_line(case, checkpoint, tmp_path, capsys):
    path = case.make(tmp_path)
    code = main(["classify", "--checkpoint", str(checkpoint), str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if case.ok:
        # two validation images a class are too few for an outlier model: the one note says so, no error
        assert code == 0 and err == f"note: {flag_note(ood.FLAG_NONE)}\n"
        lines = out.splitlines()
        assert len(lines) == 6 and all(line.startswith(f"  {i}. ") for i, line in enumerate(lines[1:], 1)), out
    else:
        assert code == 1 and out == ""
        assert err.startswith("error: ") and err.endswith("\n")
        check_one_line(case, err[:-1])


def test_cli_in_a_real_process_with_the_whole_corpus(checkpoint, tmp_path):
    """A real interpreter, so the real stdout encoding meets the odd names."""
    corpus = build_corpus(tmp_path)
    result = subprocess.run([sys.executable, "-m", "googlenet_gui", "classify", "--checkpoint", str(checkpoint),
                             "--json", *[str(p) for _, p in corpus]],
                            capture_output=True, check=False, cwd=ROOT, timeout=240,
                            env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})  # strict
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1 and "Traceback" not in err, err
    errors = err.splitlines()
    bad = [c for c, _ in corpus if not c.ok]
    assert len(errors) == len(bad) and all(line.startswith("error: ") for line in errors), err
    for c, line in zip(bad, errors):
        check_one_line(c, line)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(rows) == len(corpus)
    for (c, path), row in zip(corpus, rows):
        assert row["image"] == str(path)
        assert ("error" not in row and len(row["top"]) == 5) if c.ok else ("top" not in row), (c.id, row)


# ---------------------------------------------------------------- the window


def file_url(path: Path) -> QUrl:
    """A file:// URL as a file manager sends it: the name's bytes percent-encoded."""
    return QUrl.fromEncoded(b"file://" + quote_from_bytes(os.fsencode(path)).encode("ascii"))


def url_mime(urls: list[QUrl]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(urls)
    return mime


def rows_by_source(panel) -> dict:
    return {row.source: row for row in panel.rows()}


def test_window_gives_every_dropped_file_a_row_and_stays_responsive(window, qtbot, tmp_path):
    corpus = build_corpus(tmp_path / "corpus")
    files = [(c, p) for c, p in corpus if c.id != "a_folder"]
    folder = next(p for c, p in corpus if c.id == "a_folder")
    mime = url_mime([file_url(p) for _, p in corpus] + [QUrl("https://example.com/cat.jpg")])
    panel = window.classify_panel
    assert drop(window, mime) == (True, True)

    rows_when_timer_fired = []
    QTimer.singleShot(0, lambda: rows_when_timer_fired.append(panel.row_count()))
    qtbot.waitUntil(lambda: bool(rows_when_timer_fired), timeout=10_000)
    assert rows_when_timer_fired == [0]  # the event loop ran while the files were still being read

    qtbot.waitUntil(lambda: panel.row_count() == len(files), timeout=180_000)
    rows = rows_by_source(panel)
    assert str(folder) not in rows
    for c, path in files:
        row = rows[str(path)]
        if c.ok:
            assert len(row.class_labels) == 5 and set(row.class_labels) <= FASHION and not row.error_text, c.id
        else:
            assert not row.class_labels
            check_one_line(c, row.error_text)
    non_utf8 = rows[str(next(p for c, p in files if c.id == "non_utf8_name"))]
    assert non_utf8.thumbnail_label.pixmap() is not None and not non_utf8.thumbnail_label.pixmap().isNull()
    message = panel.message_label.text()
    # every dropped item is counted: the files, the folder and the web address
    assert f"{sum(not c.ok for c, _ in files) + 2} of {len(files) + 2} could not be classified" in message
    assert "https://example.com/cat.jpg is not a local file" in message and "holiday.png is a folder" in message

    good = saved(tmp_path / "after.png", gradient())  # and the window still classifies
    drop(window, url_mime([file_url(good)]))
    qtbot.waitUntil(lambda: panel.row_count() == len(files) + 1, timeout=60_000)
    assert panel.rows()[0].source == str(good) and len(panel.rows()[0].class_labels) == 5


def test_web_address_alone_is_refused_with_a_message(window):
    assert drop(window, url_mime([QUrl("http://example.com/cat.jpg")])) == (False, False)
    # Qt sends no drop after a refused drag enter: the status bar says why at once
    assert "http://example.com/cat.jpg is not a local file" in window.statusBar().currentMessage()
    assert window.classify_panel.row_count() == 0


def test_file_deleted_between_drop_and_read(window, qtbot, tmp_path, monkeypatch):
    doomed = saved(tmp_path / "doomed.png", gradient())
    kept = saved(tmp_path / "kept.png", gradient())
    real_open_image = predict_module.open_image

    def delete_first(path, *args, **kwargs):
        if Path(path) == doomed and doomed.exists():
            doomed.unlink()  # gone after the drop, before the job reads it
        return real_open_image(path, *args, **kwargs)

    monkeypatch.setattr(predict_module, "open_image", delete_first)
    assert drop(window, url_mime([file_url(doomed), file_url(kept)])) == (True, True)
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 2, timeout=60_000)
    rows = rows_by_source(panel)
    assert not doomed.exists()
    assert rows[str(doomed)].error_text == "doomed.png: file not found" and not rows[str(doomed)].class_labels
    assert len(rows[str(kept)].class_labels) == 5


def test_permission_denied_in_the_window(window, qtbot, tmp_path, permission_denied_for):
    path = saved(tmp_path / "secret.png", gradient())
    permission_denied_for(path)
    drop(window, url_mime([file_url(path)]))
    qtbot.waitUntil(lambda: window.classify_panel.row_count() == 1, timeout=60_000)
    assert window.classify_panel.rows()[0].error_text == "secret.png: permission denied"


def test_a_hundred_files_dropped_at_once(window, qtbot, tmp_path):
    assert MAX_ROWS == 200  # 100 rows fit under the panel's cap
    bad_makers = [zero_bytes, text_named_jpg, truncated_png, missing_file]
    paths, expect_ok = [], []
    for i in range(100):
        folder = tmp_path / f"{i:03d}"
        folder.mkdir()
        if i % 5 in (1, 3):  # 40 bad ones, spread through the drop
            paths.append(bad_makers[i % 4](folder))
            expect_ok.append(False)
        else:
            paths.append(saved(folder / f"good{i}.png", gradient(30 + i, 30)))
            expect_ok.append(True)
    drop(window, url_mime([file_url(p) for p in paths]))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == 100, timeout=180_000)
    rows = rows_by_source(panel)
    assert [rows[str(p)].error_text == "" for p in paths] == expect_ok
    assert all(len(rows[str(p)].class_labels) == 5 for p, ok in zip(paths, expect_ok) if ok)
    assert [row.source for row in panel.rows()] == [str(p) for p in paths]  # in the order dropped
    assert "40 of 100 could not be classified" in panel.message_label.text()


def test_training_goes_on_while_bad_files_are_dropped(window, qtbot, stripes_folder, tmp_path):
    use_folder(window, stripes_folder, epochs=50)
    window.training_panel.start_button.click()
    qtbot.waitUntil(lambda: batches(window) >= 1, timeout=60_000)
    corpus = [(c, p) for c, p in build_corpus(tmp_path / "corpus") if c.id != "a_folder"]
    drop(window, url_mime([file_url(p) for _, p in corpus]))
    panel = window.classify_panel
    qtbot.waitUntil(lambda: panel.row_count() == len(corpus), timeout=180_000)
    rows = rows_by_source(panel)
    for c, path in corpus:  # live weights of the two-class run
        assert (set(rows[str(path)].class_labels) == {"horizontal", "vertical"}) == c.ok, c.id
    seen = batches(window)
    qtbot.waitUntil(lambda: batches(window) > seen, timeout=60_000)  # still training
    assert window.training.running
    with qtbot.waitSignal(window.training.run_ended, timeout=60_000) as ended:
        window.training_panel.stop_button.click()
    assert isinstance(ended.args[0], Stopped)
