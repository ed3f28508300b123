"""GoogLeNet's ImageNet weights: torchvision's layout in the reference network, its state dict
converted, found, downloaded (from 127.0.0.1) or picked as a file, and classifying as
torchvision does. No real ImageNet weights are used: the tests save torchvision's
`googlenet(weights=None)` and check that this app computes what torchvision computes with them."""
from __future__ import annotations

import json
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
import torchvision
from PIL import Image

from googlenet_gui.cli import main
from helpers import save_state_dict, torchvision_googlenet
from googlenet_gui.core.data.download import Cancelled, DownloadError
from googlenet_gui.core.inference import imagenet

from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.shapes import inspect_shapes, smallest_input
from googlenet_gui.core.network.torchvision_weights import WeightsFormatError, convert_state


@pytest.mark.parametrize("size", [224, 97])
def test_converted_torchvision_weights_compute_the_same_logits(size):
    reference = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True).eval()
    config, state = convert_state(reference.state_dict())
    assert (config.in_channels, config.num_classes, config.layout) == (3, 1000, "torchvision")
    ours = GoogLeNet(config).eval()
    ours.load_state_dict(state)  # strict: every tensor has its place, none is left over
    x = torch.randn(3, 3, size, size, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        torch.testing.assert_close(ours(x), reference(x), atol=1e-4, rtol=0)
    # the same with weights that make every layer count (logits of a few units, not hundredths)
    reference = torchvision_googlenet(seed=2)
    ours.load_state_dict(convert_state(reference.state_dict())[1])
    with torch.no_grad():
        expected = reference(x)
        assert expected.abs().max() > 1.0
        torch.testing.assert_close(ours(x), expected, atol=1e-4, rtol=0)


def test_conversion_leaves_out_the_auxiliary_heads_and_refuses_foreign_weights():
    full = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True).state_dict()
    assert any(k.startswith("aux1.") for k in full)
    config, state = convert_state(full)
    assert not any(k.startswith("aux") for k in state)
    assert sum(v.numel() for k, v in state.items() if "running" not in k and "num_batches" not in k) == 6_624_904
    with pytest.raises(WeightsFormatError, match="not torchvision's GoogLeNet"):
        convert_state(torchvision.models.resnet18(weights=None).state_dict())
    broken = dict(full)
    broken["inception4a.branch3.1.conv.weight"] = torch.zeros(48, 16, 5, 5)
    with pytest.raises(WeightsFormatError, match="size mismatch for inception4a.branch3.1.conv.weight"):
        convert_state(broken)
    del broken["inception4a.branch3.1.conv.weight"]
    with pytest.raises(WeightsFormatError, match="without block4.0.branch3.1.0.weight"):
        convert_state(broken)


def test_the_shape_table_knows_the_torchvision_layout():
    report = inspect_shapes(3, 224, 224, 1000, "torchvision")
    assert report.layout == "torchvision" and report.to_dict()["layout"] == "torchvision"
    # torchvision's own figures for these weights: 6,624,904 parameters, 1.498 G multiply-adds
    assert report.total_params == 6_624_904
    assert round(report.total_macs / 1e9, 3) == 1.498
    outputs = {b.name: b.output for b in report.blocks}
    assert outputs["block1"] == (64, 56, 56) and outputs["block4"] == (832, 7, 7)
    branch3 = report.blocks[2].children[0].children[2]
    assert "3x3" in branch3.kind and "5x5" in branch3.kind  # the '5x5' branch with its 3x3 kernel
    assert smallest_input(3, "torchvision") == 15  # torchvision's meta: min_size (15, 15)
    assert inspect_shapes(3, 96, 96, 10).layout == "tutorial"
    with pytest.raises(ValueError, match="unknown network layout"):
        inspect_shapes(3, 96, 96, 10, "resnet")


def test_shapes_command_says_the_layout(capsys):
    import json

    from googlenet_gui.cli import main

    assert main(["shapes", "--layout", "torchvision", "--in-channels", "3", "--num-classes", "1000",
                 "--input-size", "224"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("Layout: torchvision") and "Total params: 6,624,904" in out
    assert main(["shapes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["layout"] == "tutorial"


# ---------------------------------------------------------------- the weights as a source


def reference(path: Path) -> torch.nn.Module:
    """torchvision's model of these weights as googlenet(weights=...) builds it: transform_input on."""
    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False, transform_input=True)
    model.load_state_dict(torch.load(path, weights_only=True))
    return model.eval()


def picture(path: Path, width: int = 300, height: int = 200, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width]
    pixels = np.stack([(xx * 0.8) % 256, (yy * 1.2) % 256, ((xx + yy) * 0.5) % 256], -1)
    pixels = pixels + rng.integers(0, 40, (height, width, 3))
    Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).save(path)
    return path


def torchvision_top5(model: torch.nn.Module, image: Path) -> list[tuple[str, float]]:
    """What torchvision answers: its weights' own transforms on the decoded image, then the model."""
    weights = torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1
    x = weights.transforms()(Image.open(image).convert("RGB"))[None]
    with torch.no_grad():
        values, indices = model(x).softmax(1).topk(5)
    names = weights.meta["categories"]
    return [(names[i], float(v)) for v, i in zip(values[0].tolist(), indices[0].tolist())]


@pytest.mark.parametrize("size", [(300, 200), (181, 402), (256, 256)])
def test_classify_with_torchvisions_file_gives_torchvisions_top5(tmp_path, capsys, size):
    weights = save_state_dict(tmp_path / "googlenet-1378be20.pth")
    image = picture(tmp_path / "photo.png", *size)
    expected = torchvision_top5(reference(weights), image)
    assert expected[0][1] > 0.02  # answers with some weight to compare, not all near zero
    assert main(["classify", "--checkpoint", str(weights), str(image), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    got = [(row["class"], row["probability"]) for row in answer["top"]]
    assert [name for name, _ in got] == [name for name, _ in expected]
    assert np.abs(np.array([p for _, p in got]) - np.array([p for _, p in expected])).max() < 1e-4
    assert answer["flag"] == "none" and answer["unlikeness"] is None  # no model of ImageNet's images: no flag


def test_resize_and_crop_is_torchvisions_and_bounded_for_long_images():
    from googlenet_gui.core.data.images import resize_and_crop

    weights = torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1
    rng = np.random.default_rng(1)
    for width, height in ((640, 480), (300, 1000), (225, 224), (3000, 250)):
        img = Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8))
        torchvision_side = torchvision.transforms.CenterCrop(224)(torchvision.transforms.Resize(256)(img))
        ours = resize_and_crop(img, 256, 224)
        difference = np.abs(np.asarray(ours, dtype=int) - np.asarray(torchvision_side, dtype=int)).max()
        # exact, except for very long images, resampled only where the crop is (Pillow's box): the same
        # sample positions, at most a rounding step apart
        assert difference <= (1 if width / height > 8 else 0), (width, height)
    assert weights.transforms().resize_size == [256] and weights.transforms().crop_size == [224]


def test_imagenet_weights_are_found_downloaded_with_progress_and_checked(hub, tmp_path):
    server, weights = hub
    assert imagenet.cache_path() == tmp_path / "torch-home" / "hub" / "checkpoints" / "googlenet-1378be20.pth"
    assert not imagenet.cached_weights().ready
    with pytest.raises(imagenet.ImageNetError, match="not downloaded yet"):
        imagenet.load_imagenet()

    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        imagenet.download_weights(cancel=cancel, url=f"{server.url}/{imagenet.FILE_NAME}")
    folder = imagenet.cache_path().parent
    assert list(folder.iterdir()) == []  # nothing half-made is left
    with pytest.raises(DownloadError, match="not torchvision's"):
        imagenet.download_weights(url=f"{server.url}/other.pth")
    assert list(folder.iterdir()) == []
    with pytest.raises(DownloadError, match="404"):
        imagenet.download_weights(url=f"{server.url}/missing.pth")

    seen = []
    path = imagenet.download_weights(lambda done, total, message: seen.append((done, total)),
                                     url=f"{server.url}/{imagenet.FILE_NAME}")
    assert path == imagenet.cache_path() and path.read_bytes() == weights.read_bytes()
    assert seen[-1] == (weights.stat().st_size, weights.stat().st_size) and len(seen) > 1
    assert imagenet.cached_weights().ready and sorted(p.name for p in folder.iterdir()) == [imagenet.FILE_NAME]

    checkpoint = imagenet.load_imagenet()
    assert checkpoint.class_names == torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.meta["categories"]
    assert checkpoint.model_config.layout == "torchvision" and checkpoint.model_config.num_classes == 1000
    assert (checkpoint.preprocess.input_size, checkpoint.preprocess.stored_size, checkpoint.preprocess.resize) == (224, 224, 256)
    assert checkpoint.origin.source == "imagenet" and checkpoint.outliers is None and imagenet.is_imagenet(checkpoint)

    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")  # damaged in the cache
    state = imagenet.cached_weights()
    assert not state.ready and "damaged" in state.problem


def test_checkpoint_imagenet_downloads_then_classifies(hub, tmp_path, monkeypatch, capsys):
    server, weights = hub
    monkeypatch.setenv(imagenet.URL_VARIABLE, f"{server.url}/{imagenet.FILE_NAME}")
    image = picture(tmp_path / "photo.png")
    assert main(["classify", "--checkpoint", "imagenet", str(image), "--json"]) == 0
    captured = capsys.readouterr()
    assert "downloading GoogLeNet's ImageNet weights" in captured.err
    got = json.loads(captured.out)["top"]
    expected = torchvision_top5(reference(weights), image)
    assert [row["class"] for row in got] == [name for name, _ in expected]
    assert imagenet.cached_weights().ready
    monkeypatch.setenv(imagenet.URL_VARIABLE, f"{server.url}/missing.pth")  # cached now: no second download
    assert main(["classify", "--checkpoint", "imagenet", str(image)]) == 0
    captured = capsys.readouterr()
    assert "downloading" not in captured.err and expected[0][0] in captured.out
    # no "unlike the training images" flag comes with them, and the command says so, once
    assert captured.err.count("note: no \"unlike the training images\" flag: these weights come without a model") == 1


def test_a_file_that_is_not_googlenets_is_refused_in_one_line(tmp_path, capsys):
    torch.save(torchvision.models.resnet18(weights=None).state_dict(), tmp_path / "resnet.pth")
    assert main(["classify", "--checkpoint", str(tmp_path / "resnet.pth"), str(picture(tmp_path / "p.png"))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: resnet.pth:") and err.count("\n") == 1
    small = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True, num_classes=10)
    torch.save(small.state_dict(), tmp_path / "ten.pth")
    assert main(["classify", "--checkpoint", str(tmp_path / "ten.pth"), str(tmp_path / "p.png")]) == 2
    assert "10 classes" in capsys.readouterr().err


def imagenet_folder(root: Path, classes: tuple[str, ...], per_class: int = 3) -> Path:
    for split, count in (("train", 2), ("val", per_class)):
        for c, name in enumerate(classes):
            (root / split / name).mkdir(parents=True, exist_ok=True)
            for i in range(count):
                picture(root / split / name / f"{i}.png", 240 + 10 * i, 200, seed=100 * c + i)
    return root


def test_evaluate_imagenet_weights_on_a_folder_of_imagenet_classes(tmp_path, capsys):
    weights = save_state_dict(tmp_path / "googlenet.pth")
    folder = imagenet_folder(tmp_path / "pets", ("tabby", "goldfish"))
    assert main(["evaluate", "--checkpoint", str(weights), "--data-dir", str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["images"] == 6 and report["top_k"] == 5
    names = torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.meta["categories"]
    shown = [names[i] for i in report["class_indices"]]
    assert "tabby" in shown and "goldfish" in shown and len(report["classes"]) == len(shown) < 1000
    support = {c["name"]: c["support"] for c in report["classes"]}
    assert support["tabby"] == 3 and support["goldfish"] == 3

    # each image's answer is the one classify gives it
    files = sorted((folder / "val").glob("*/*.png"))
    assert main(["classify", "--checkpoint", str(weights), *map(str, files), "--json"]) == 0
    classified = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    from googlenet_gui.core.inference.evaluation import evaluate_checkpoint, evaluation_dataset

    checkpoint, name = imagenet.load_weights(weights)
    evaluation = evaluate_checkpoint(checkpoint, evaluation_dataset(checkpoint, "folder", str(folder)), name=name)
    order = sorted(range(len(files)), key=lambda i: (files[i].parent.name != "goldfish", files[i].name))  # folder order
    for row, i in enumerate(order):
        top = classified[i]["top"][0]
        assert names[evaluation.predicted[row]] == top["class"]
        assert abs(float(evaluation.probability[row]) - top["probability"]) < 1e-5

    wrong = imagenet_folder(tmp_path / "mine", ("cats", "goldfish"))
    assert main(["evaluate", "--checkpoint", str(weights), "--data-dir", str(wrong)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "'cats' is not one of its 1000 classes" in errors[0] and "tench" in errors[0]


def test_inspect_and_export_with_imagenet_weights(tmp_path, capsys):
    weights = save_state_dict(tmp_path / "googlenet.pth")
    image = picture(tmp_path / "photo.png")
    assert main(["inspect", "--checkpoint", str(weights), str(image), "--block", "block5", "--json",
                 "--gradcam", str(tmp_path / "cam.png")]) == 0
    inside = json.loads(capsys.readouterr().out)
    expected = torchvision_top5(reference(weights), image)
    assert [row["class"] for row in inside["top"]] == [name for name, _ in expected]
    assert inside["gradcam"]["layer"] == "inception5b"  # torchvision's layout keeps 7 x 7 maps there at 224
    assert Image.open(tmp_path / "cam.png").size[0] >= 224

    out = tmp_path / "googlenet-imagenet.pt"
    assert main(["export", "--checkpoint", str(weights), "--format", "torchscript", "--out", str(out)]) == 0
    capsys.readouterr()
    files = {name: "" for name in ("class_names.json", "preprocess.json")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit is deprecated, and still what deployments load
        scripted = torch.jit.load(str(out), _extra_files=files)
    preprocess = json.loads(files["preprocess.json"])
    assert (preprocess["resize"], preprocess["stored_size"], preprocess["input_size"]) == (256, 224, 224)
    assert preprocess["layout"] == "torchvision" and preprocess["origin"]["source"] == "imagenet"
    assert len(json.loads(files["class_names.json"])) == 1000
    x = torch.randn(2, 3, 224, 224)
    with torch.no_grad():  # the export's input is (pixel / 255 - 0.5) / 0.5: torchvision's model takes ImageNet's normalisation
        mean, std = torch.tensor([0.485, 0.456, 0.406])[:, None, None], torch.tensor([0.229, 0.224, 0.225])[:, None, None]
        torch.testing.assert_close(scripted(x), reference(weights)((x * 0.5 + 0.5 - mean) / std), atol=1e-4, rtol=0)
