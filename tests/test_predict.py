"""Prediction: every image mode Pillow reads goes through the training preprocessing."""
import io

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.core.data.images import ImageLoadError, open_image
from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.inference.predict import Predictor, Preprocess
from googlenet_gui.core.data.transforms import to_model_input


def predictor(channels: int = 3, classes: int = 4, stored: int = 32, input_size: int = 64) -> Predictor:
    torch.manual_seed(0)
    names = [f"class{i}" for i in range(classes)]
    return Predictor(GoogLeNet(ModelConfig(channels, classes)), names, Preprocess(channels, input_size, stored))


def gradient(w: int = 40, h: int = 30) -> np.ndarray:
    x = np.linspace(0, 255, w, dtype=np.float64)[None, :].repeat(h, 0)
    y = np.linspace(0, 255, h, dtype=np.float64)[:, None].repeat(w, 1)
    return np.stack([x, y, 255 - x], -1).astype(np.uint8)


def write_modes(tmp_path) -> dict[str, object]:
    rgb = Image.fromarray(gradient())
    files = {}
    files["rgb.png"] = rgb
    files["rgba.png"] = rgb.convert("RGBA")
    files["la.png"] = rgb.convert("LA")
    files["gray.png"] = rgb.convert("L")
    files["bilevel.png"] = rgb.convert("1")
    pal = rgb.convert("P", palette=Image.ADAPTIVE, colors=16)
    pal.info["transparency"] = 0
    files["palette_transparent.png"] = pal
    files["gray16.png"] = Image.fromarray(np.asarray(rgb.convert("L")).astype(np.uint16) * 257)
    files["photo.jpg"] = rgb
    files["cmyk.jpg"] = rgb.convert("CMYK")
    files["image.bmp"] = rgb
    files["image.webp"] = rgb
    files["image.tiff"] = rgb
    paths = {}
    for name, img in files.items():
        path = tmp_path / name
        if name == "palette_transparent.png":
            img.save(path, transparency=0)
        else:
            img.save(path)
        paths[name] = path
    frames = [Image.fromarray(gradient()), Image.fromarray(255 - gradient())]
    frames[0].save(tmp_path / "animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    paths["animated.gif"] = tmp_path / "animated.gif"
    frames[0].save(tmp_path / "pages.tiff", save_all=True, append_images=frames[1:])
    paths["pages.tiff"] = tmp_path / "pages.tiff"
    return paths


@pytest.mark.parametrize("channels", [1, 3])
def test_every_mode_classifies(tmp_path, channels):
    paths = write_modes(tmp_path)
    p = predictor(channels)
    results = p.classify_files(list(paths.values()), k=3)
    for name, result in zip(paths, results):
        assert result.ok, (name, result.error)
        probs = [prob for _, prob in result.top]
        assert len(probs) == 3 and probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1.0001
        assert {c for c, _ in result.top} <= set(p.class_names)
        expected = (64, 64) if channels == 1 else (64, 64, 3)
        assert result.view.shape == expected and result.view.dtype == np.uint8


def test_sixteen_bit_is_scaled_not_clipped(tmp_path):
    arr = np.full((32, 32), 32768, dtype=np.uint16)
    Image.fromarray(arr).save(tmp_path / "mid.png")
    tensor, _ = predictor(1).prepare_file(tmp_path / "mid.png")
    assert int(tensor.float().mean().round()) == 128


def test_transparency_is_composited_on_white(tmp_path):
    Image.new("RGBA", (32, 32), (0, 0, 0, 0)).save(tmp_path / "clear.png")
    tensor, _ = predictor(3).prepare_file(tmp_path / "clear.png")
    assert tensor.min() == 255


def test_exif_rotation_is_applied(tmp_path):
    img = Image.new("RGB", (60, 20), (0, 0, 0))
    img.paste((255, 255, 255), (0, 0, 20, 20))  # white on the left third
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    img.save(tmp_path / "rotated.jpg", exif=exif.tobytes())
    opened = open_image(tmp_path / "rotated.jpg")
    assert opened.size == (20, 60)
    arr = np.asarray(opened.convert("L"))
    assert arr[:15].mean() > 200 and arr[-15:].mean() < 50  # the white part is now on top


def test_file_and_tensor_paths_agree_exactly(tmp_path):
    """A stored training image saved as PNG and dropped gives the same answer as in training."""
    p = predictor(1, stored=28)
    stored = torch.randint(0, 256, (1, 1, 28, 28), dtype=torch.uint8)
    Image.fromarray(stored[0, 0].numpy()).save(tmp_path / "item.png")
    from_file = p.classify_files([tmp_path / "item.png"], k=4)[0]
    answers = p.classify_tensors(stored, k=4)
    tops, view = answers.tops, answers.views
    assert from_file.top == tops[0]
    assert np.array_equal(from_file.view, view[0])
    x = to_model_input(stored, 64, channels_last=False)
    assert np.array_equal(view[0], ((x[0, 0] * 0.5 + 0.5) * 255).round().clamp(0, 255).to(torch.uint8).numpy())


def test_large_jpeg_uses_draft_decoding(tmp_path):
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (3000, 4000, 3), dtype=np.uint8)).save(
        tmp_path / "big.jpg", quality=80)
    img = open_image(tmp_path / "big.jpg", target_size=32)
    assert min(img.size) >= 32 and img.size[0] <= 500  # decoded at 1/8 scale, not 4000x3000
    result = predictor(3).classify_files([tmp_path / "big.jpg"])[0]
    assert result.ok


def test_bad_files_give_one_line_errors_and_others_still_classify(tmp_path):
    good = tmp_path / "good.png"
    Image.fromarray(gradient()).save(good)
    (tmp_path / "text.jpg").write_text("this is not an image")
    (tmp_path / "empty.png").write_bytes(b"")
    data = io.BytesIO()
    Image.fromarray(gradient(200, 200)).save(data, "PNG")
    (tmp_path / "truncated.png").write_bytes(data.getvalue()[:400])
    paths = [tmp_path / "text.jpg", good, tmp_path / "empty.png", tmp_path / "truncated.png", tmp_path / "missing.png",
             tmp_path]
    results = predictor().classify_files(paths)
    assert [r.ok for r in results] == [False, True, False, False, False, False]
    for r in results:
        if not r.ok:
            assert "\n" not in r.error
    assert "not found" in results[4].error and "folder" in results[5].error


def test_decompression_bomb_is_refused(tmp_path, monkeypatch):
    import googlenet_gui.core.data.images as images

    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    Image.new("L", (100, 100)).save(tmp_path / "bomb.png")
    with pytest.raises(ImageLoadError, match="too large"):
        open_image(tmp_path / "bomb.png")
