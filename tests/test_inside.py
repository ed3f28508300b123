"""Inside the network (core.understanding.inside, core.understanding.featurevis): the walk is the network, its outputs have
the shape inspection's names and shapes, Grad-CAM finds the half of an image that decides a
class, and feature visualization finds the pattern a channel detects."""
import math
import threading

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from googlenet_gui.core.understanding import inside
from googlenet_gui.core.data.download import Cancelled
from googlenet_gui.core.understanding.featurevis import visualize
from googlenet_gui.core.network.model import GoogLeNet, Inception, ModelConfig
from googlenet_gui.core.inference.predict import Predictor
from googlenet_gui.core.network.shapes import inspect_shapes, named_rows
from googlenet_gui.core.data.transforms import Preprocess


def network(channels: int = 3, classes: int = 10, seed: int = 0) -> GoogLeNet:
    torch.manual_seed(seed)
    return GoogLeNet(ModelConfig(channels, classes)).eval()


def test_the_walk_is_the_network():
    model = network()
    x = torch.randn(2, 3, 80, 96)
    with torch.no_grad():
        assert torch.equal(inside.walk(model, x, lambda name, out: out), model(x))


@pytest.mark.parametrize("channels, height, width", [(3, 96, 96), (1, 64, 64), (3, 80, 120), (1, 130, 71)])
def test_every_output_has_the_shape_inspections_name_and_shape(channels, height, width):
    outputs = inside.activations(network(channels), torch.randn(1, channels, height, width))
    expected = {name: row.output for name, row in named_rows(inspect_shapes(channels, height, width))
                if not name.startswith("classifier")}
    assert list(expected) == list(inside.layer_names())  # the outputs come in the order they are computed
    assert {name: tuple(t.shape) for name, t in outputs.items()} == expected
    assert len(expected) == 58  # 5 blocks, 7 layers, 9 Inception modules and their 36 branches
    # an Inception module's output is its four branches, in order
    branches = torch.cat([outputs[f"inception4b.branch{i}"] for i in range(1, 5)])
    assert torch.equal(outputs["inception4b"], branches)


class Half(nn.Module):
    """Lets only one half of the image through."""

    def __init__(self, left: bool):
        super().__init__()
        self.left = left

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mask = torch.zeros_like(x)
        half = x.shape[-1] // 2
        if self.left:
            mask[..., :half] = 1
        else:
            mask[..., half:] = 1
        return x * mask


def channel_zero_path(model: GoogLeNet) -> GoogLeNet:
    """Make channel 0 of every layer up to the last Inception module a copy of channel 0 of the
    layer before (a centre tap of 1 from channel 0, nothing from the others, no bias); every
    other channel keeps its random weights."""
    def copy_channel_zero(conv: nn.Conv2d) -> None:
        with torch.no_grad():
            conv.weight[0].zero_()
            conv.weight[0, 0, conv.kernel_size[0] // 2, conv.kernel_size[1] // 2] = 1.0
            conv.bias[0] = 0.0

    for block in (model.block1, model.block2):
        for layer in block:
            if isinstance(layer, nn.Sequential):
                copy_channel_zero(layer[0])
    for module in model.modules():
        if isinstance(module, Inception):
            copy_channel_zero(module.branch1[0])  # the branch whose channels come first in the module's output
    return model


def half_network(left: bool, chosen: int = 3, seed: int = 0) -> GoogLeNet:
    """A network whose class `chosen` only the left (or right) half of the image can affect:
    the image is masked before the first layer, and the class reads channel 0 alone, which
    carries the masked image through every layer. The other classes read everything."""
    model = channel_zero_path(network(seed=seed))
    with torch.no_grad():
        model.classifier[1].weight[chosen].zero_()
        model.classifier[1].weight[chosen, 0] = 50.0
        model.classifier[1].bias[chosen] = 0.0
    model.block1[0] = nn.Sequential(Half(left), *model.block1[0])
    return model.eval()


@pytest.mark.parametrize("left", [True, False])
def test_grad_cam_puts_the_mass_on_the_half_that_decides_the_class(left):
    torch.manual_seed(1)
    x = torch.rand(1, 3, 128, 128)  # positive, so channel 0 carries the image itself
    model = half_network(left)
    default = inside.default_cam_layer(3, 128, 128)
    assert default == "inception4e"  # inception5b is 3 x 3 at 128: too coarse to say where
    for layer in (default, "inception3a", "block2"):
        cam = inside.grad_cam(model, x, layer, class_index=3)
        heat = cam.heatmap
        assert heat.shape == (128, 128) and cam.peak > 0 and heat.max() == pytest.approx(1.0)
        share = heat[:, :64].sum() / heat.sum()
        assert (share if left else 1 - share) >= 0.8, (layer, share)
    # by default Grad-CAM explains the top-1 class, here the one the half decides
    assert inside.look(model, x, default).gradcam.class_index == 3


def test_grad_cam_of_a_class_a_layer_cannot_affect_is_empty():
    model = network()
    with torch.no_grad():
        model.classifier[1].weight[5].zero_()  # class 5 reads nothing: only its bias
    cam = inside.grad_cam(model, torch.randn(1, 3, 96, 96), "inception4e", class_index=5)
    assert cam.peak == 0 and not cam.heatmap.any()


def test_looking_inside_changes_nothing_in_the_model():
    model = network()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    inside.look(model, torch.randn(1, 3, 96, 96), "inception4a", class_index=2)
    visualize(model, Preprocess(3, 64, 64), "inception3a", [1], steps=2)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert all(p.grad is None for p in model.parameters())
    assert not model.training and torch.is_grad_enabled()


def test_layer_maps_scale_each_channel_to_its_own_range():
    output = torch.zeros(3, 2, 2)
    output[0] = torch.tensor([[0.0, 1.0], [2.0, 4.0]])
    output[1] = 5.0  # flat: no range to show
    output[2] = torch.tensor([[0.0, 0.0], [0.0, 8.0]])
    maps = inside.LayerMaps.of("x", output)
    assert maps.shape == (3, 2, 2)
    assert maps.maps[0].tolist() == [[0, 64], [128, 255]] and not maps.maps[1].any()
    assert maps.strongest() == [1, 2, 0] and maps.strongest(1) == [1]
    assert maps.means.tolist() == [1.75, 5.0, 2.0] and maps.maxs.tolist() == [4.0, 5.0, 8.0]
    assert maps.active == pytest.approx(8 / 12)


def test_inspect_image_answers_as_classification_does():
    predictor = Predictor.untrained(["a", "b", "c"], channels=1, stored_size=28, input_size=64)
    image = Image.fromarray((np.arange(28 * 28).reshape(28, 28) % 251).astype(np.uint8))
    tensor = predictor.prepare_image(image)
    result = inside.inspect_image(predictor, tensor)
    answers = predictor.classify_tensors(tensor[None], k=3)
    tops, views = answers.tops, answers.views
    assert [result.class_names[i] for i in np.argsort(-result.probabilities)] == [name for name, _ in tops[0]]
    assert np.allclose(sorted(result.probabilities, reverse=True), [p for _, p in tops[0]], atol=1e-6)
    assert np.array_equal(result.view, views[0]) and result.view.shape == (64, 64)
    assert set(result.layers) == set(inside.layer_names())
    assert result.gradcam.layer == "inception3b" and result.gradcam.class_index == result.top


def detector_network() -> GoogLeNet:
    """Channel 0 of the first layer detects vertical stripes 6 pixels apart (a zero-mean kernel:
    grey gives nothing), and channel 0 carries that response up to inception4a."""
    model = channel_zero_path(network(channels=1, classes=2))
    stripes = torch.tensor([math.sin(2 * math.pi * i / 6) for i in range(7)])
    with torch.no_grad():
        model.block1[0][0].weight[0, 0] = stripes[None, :].expand(7, 7)
    return model


def orientation(image: np.ndarray) -> float:
    """Power of the image's horizontal frequencies over its vertical ones: >1 for vertical stripes."""
    spectrum = np.abs(np.fft.fft2(image - image.mean())) ** 2
    fy, fx = np.abs(np.fft.fftfreq(image.shape[0]))[:, None], np.abs(np.fft.fftfreq(image.shape[1]))[None, :]
    return float(spectrum[fx > 2 * fy].sum() / spectrum[fy > 2 * fx].sum())


def test_feature_visualization_raises_the_channel_tenfold_and_finds_its_pattern():
    model = detector_network()
    reports = []
    deep = visualize(model, Preprocess(1, 64, 28), "inception4a", [0], steps=32,
                     progress=lambda done, total: reports.append((done, total)))
    assert reports[0] == (1, 32) and reports[-1] == (32, 32)
    assert deep.final[0] >= 10 * deep.start[0] and deep.final[0] > 1, (deep.start, deep.final)
    assert deep.images.shape == (1, 64, 64) and deep.images.dtype == np.uint8
    # at the detector's own layer the image is its pattern: vertical stripes
    own = visualize(model, Preprocess(1, 64, 28), "block1.0", [0], steps=48)
    assert own.final[0] >= 10 * own.start[0]
    assert orientation(own.images[0].astype(np.float32)) > 3


def test_a_grid_of_channels_in_colour_is_one_batch_and_cancel_stops_it():
    model = network(channels=3)
    result = visualize(model, Preprocess(3, 64, 64), "block2", [0, 5, 9], steps=3, seed=4)
    assert result.images.shape == (3, 64, 64, 3) and result.channels == [0, 5, 9] and len(result.final) == 3
    cancel = threading.Event()
    done = []

    def progress(step: int, total: int) -> None:
        done.append(step)
        if step == 2:
            cancel.set()

    with pytest.raises(Cancelled):
        visualize(model, Preprocess(3, 64, 64), "block2", [0], steps=50, progress=progress, cancel=cancel)
    assert done == [1, 2]
    with pytest.raises(ValueError, match="block2 has channels 0 to 191; 192"):
        visualize(model, Preprocess(3, 64, 64), "block2", [192], steps=1)
    with pytest.raises(ValueError, match="no layer named"):
        visualize(model, Preprocess(3, 64, 64), "block9", [0], steps=1)
