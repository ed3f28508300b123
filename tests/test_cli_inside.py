"""The inspect and visualize commands, on a checkpoint made by the test."""
import json

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.cli import main
from googlenet_gui.core.understanding.inside import layer_names
from helpers import constant_checkpoint, write_stripe_image


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return constant_checkpoint(tmp_path_factory.mktemp("ckpt") / "const.pt", answer=2)


def test_inspect_prints_every_layers_statistics_and_writes_grad_cam(checkpoint, tmp_path, capsys):
    image = write_stripe_image(tmp_path / "stripes.png", vertical=True)
    cam = tmp_path / "cam.png"
    assert main(["inspect", "--checkpoint", str(checkpoint), str(image), "--gradcam", str(cam)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{image} with const.pt"
    assert out[1].startswith("  Pullover 100.0%")  # the checkpoint always answers class 2
    table = {line.split()[0]: line for line in out[3:] if line.strip() and not line.startswith(("-", "Layer"))}
    assert set(layer_names()) <= set(table)
    assert table["inception4a"].split()[1:4] == ["512", "x", "3"]  # 512 x 3 x 3 at input 64
    # the classifier last: its ten logits, the strongest classes first (the checkpoint's bias of 10 for class 2)
    assert table["classifier"].split()[2] == "10" and "Pullover (10.00)" in table["classifier"]
    assert out[-1] == f"Grad-CAM for Pullover at inception3b (no evidence for it anywhere: the heatmap is empty): wrote {cam}"
    picture = Image.open(cam)
    assert picture.size == (256, 256) and picture.mode == "RGB"


def test_inspect_json_for_one_block_and_a_chosen_class(checkpoint, tmp_path, capsys):
    image = write_stripe_image(tmp_path / "stripes.png", vertical=False)
    assert main(["inspect", "--checkpoint", str(checkpoint), str(image), "--block", "inception4a", "--json",
                 "--gradcam-block", "block2", "--class", "Bag"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [layer["name"] for layer in report["layers"]] == ["inception4a"] + [f"inception4a.branch{i}" for i in range(1, 5)]
    first = report["layers"][0]
    assert first["shape"] == [512, 3, 3] and 0 <= first["active"] <= 1 and len(first["strongest"]) == 5
    means = [c["mean"] for c in first["strongest"]]
    assert means == sorted(means, reverse=True)
    assert report["gradcam"] == {"layer": "block2", "class": "Bag", "peak": 0.0}
    assert report["top"][0]["class"] == "Pullover"


def test_inspect_block_holds_its_modules(checkpoint, tmp_path, capsys):
    image = write_stripe_image(tmp_path / "stripes.png", vertical=False)
    assert main(["inspect", "--checkpoint", str(checkpoint), str(image), "--block", "block3", "--json"]) == 0
    names = [layer["name"] for layer in json.loads(capsys.readouterr().out)["layers"]]
    assert names[0] == "block3" and "inception3b.branch4" in names and "block3.2" in names
    assert not any(n.startswith(("inception4", "block2")) for n in names)


@pytest.mark.parametrize("args, message", [
    (["--block", "block9"], "no layer named 'block9'"),
    (["--class", "Giraffe"], "no class 'Giraffe'; the classes are T-shirt/top, Trouser"),
    (["--opacity", "2"], "--opacity must be between 0 and 1"),
])
def test_inspect_refuses_what_does_not_exist(checkpoint, tmp_path, capsys, args, message):
    image = write_stripe_image(tmp_path / "stripes.png", vertical=False)
    assert main(["inspect", "--checkpoint", str(checkpoint), str(image), *args]) == 2
    assert message in capsys.readouterr().err


def test_inspect_says_in_one_line_when_the_image_cannot_be_read(checkpoint, tmp_path, capsys):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    assert main(["inspect", "--checkpoint", str(checkpoint), str(broken)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: broken.png:")


def test_visualize_writes_the_image_at_the_networks_input_size(checkpoint, tmp_path, capsys):
    out = tmp_path / "channel.png"
    assert main(["visualize", "--checkpoint", str(checkpoint), "--block", "block2.1", "--channel", "7",
                 "--out", str(out), "--steps", "3"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("block2.1 channel 7: mean activation ") and line.endswith(f"after 3 steps; wrote {out}")
    pixels = np.asarray(Image.open(out))
    assert pixels.shape == (64, 64) and pixels.dtype == np.uint8  # a grayscale network: a grayscale image
    assert main(["visualize", "--checkpoint", str(checkpoint), "--block", "block2.1", "--channel", "192",
                 "--out", str(out)]) == 2
    assert "block2.1 has channels 0 to 191" in capsys.readouterr().err
