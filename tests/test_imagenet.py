"""GoogLeNet's ImageNet weights: torchvision's layout in the reference network, its state dict
converted, found, downloaded (from 127.0.0.1) or picked as a file, and classifying as
torchvision does. No real ImageNet weights are used: the tests save torchvision's
`googlenet(weights=None)` and check that this app computes what torchvision computes with them."""
from __future__ import annotations

import pytest
import torch
import torchvision

from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.shapes import inspect_shapes, smallest_input
from googlenet_gui.core.network.torchvision_weights import WeightsFormatError, convert_state


def torchvision_googlenet(seed: int = 0, aux_logits: bool = False, transform_input: bool = False) -> torch.nn.Module:
    """torchvision's GoogLeNet with weights that make every layer matter: convolutions at a
    variance-keeping scale, BatchNorm statistics and affine parameters away from 0 and 1."""
    torch.manual_seed(seed)
    model = torchvision.models.googlenet(weights=None, aux_logits=aux_logits, init_weights=True,
                                         transform_input=transform_input)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.Conv2d):
                torch.nn.init.kaiming_normal_(module.weight)
            elif isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 2.0)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
            elif isinstance(module, torch.nn.Linear):
                torch.nn.init.normal_(module.weight, std=0.05)
    return model.eval()


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
