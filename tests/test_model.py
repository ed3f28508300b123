"""The reference network, checked against numbers derived by hand from the table in docs/ARCHITECTURE.md."""
import subprocess
import sys

import pytest
import torch

from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
from googlenet_gui.core.network.shapes import InputTooSmallError, inspect_shapes, smallest_input

INCEPTIONS = {  # name: (in, c1, c3r, c3, c5r, c5, pool_proj), from the design table
    "inception3a": (192, 64, 96, 128, 16, 32, 32),
    "inception3b": (256, 128, 128, 192, 32, 96, 64),
    "inception4a": (480, 192, 96, 208, 16, 48, 64),
    "inception4b": (512, 160, 112, 224, 24, 64, 64),
    "inception4c": (512, 128, 128, 256, 24, 64, 64),
    "inception4d": (512, 112, 144, 288, 32, 64, 64),
    "inception4e": (528, 256, 160, 320, 32, 128, 128),
    "inception5a": (832, 256, 160, 320, 32, 128, 128),
    "inception5b": (832, 384, 182, 384, 48, 128, 128),
}


def cbr(i: int, o: int, k: int) -> int:
    """conv (weights + bias) + BatchNorm (weight + bias)."""
    return i * o * k * k + o + 2 * o


def inception_params(i, c1, c3r, c3, c5r, c5, pp) -> int:
    return cbr(i, c1, 1) + cbr(i, c3r, 1) + cbr(c3r, c3, 3) + cbr(i, c5r, 1) + cbr(c5r, c5, 5) + cbr(i, pp, 1)


def expected_params(in_channels: int, classes: int) -> dict[str, int]:
    return {
        "block1": cbr(in_channels, 64, 7),
        "block2": cbr(64, 64, 1) + cbr(64, 192, 3),
        "block3": sum(inception_params(*INCEPTIONS[n]) for n in ("inception3a", "inception3b")),
        "block4": sum(inception_params(*INCEPTIONS[f"inception4{c}"]) for c in "abcde"),
        "block5": sum(inception_params(*INCEPTIONS[n]) for n in ("inception5a", "inception5b")),
        "classifier": 1024 * classes + classes,
    }


def pool(n: int) -> int:  # MaxPool 3x3 stride 2, no padding
    return (n - 3) // 2 + 1


def test_per_block_shapes_at_96():
    report = inspect_shapes(3, 96, 96, 10)
    # 96 -> conv 7x7/2 pad 3 -> 48 -> pool -> 23 -> pool -> 11 -> pool -> 5 -> pool -> 2 -> global pool -> 1
    s1 = pool((96 + 6 - 7) // 2 + 1)
    s2, s3 = pool(s1), pool(pool(s1))
    s4 = pool(s3)
    assert (s1, s2, s3, s4) == (23, 11, 5, 2)
    outputs = {b.name: b.output for b in report.blocks}
    assert outputs == {
        "block1": (64, 23, 23), "block2": (192, 11, 11), "block3": (480, 5, 5),
        "block4": (832, 2, 2), "block5": (1024, 1, 1), "classifier": (10,),
    }


def test_inception_channels_and_branches():
    report = inspect_shapes(3, 96, 96, 10)
    modules = {m.name: m for b in report.blocks for m in b.children if m.kind == "Inception"}
    assert set(modules) == set(INCEPTIONS)
    for name, (i, c1, c3r, c3, c5r, c5, pp) in INCEPTIONS.items():
        m = modules[name]
        assert m.output[0] == c1 + c3 + c5 + pp
        assert [br.output[0] for br in m.children] == [c1, c3, c5, pp]
        assert m.params == inception_params(i, c1, c3r, c3, c5r, c5, pp)
        assert sum(br.params for br in m.children) == m.params
        assert sum(br.macs for br in m.children) == m.macs


@pytest.mark.parametrize("in_channels,classes", [(3, 10), (1, 10), (3, 7)])
def test_parameter_counts_by_hand(in_channels, classes):
    expected = expected_params(in_channels, classes)
    report = inspect_shapes(in_channels, 96, 96, classes)
    assert {b.name: b.params for b in report.blocks} == expected
    assert report.total_params == sum(expected.values())
    model = GoogLeNet(ModelConfig(in_channels, classes))
    assert sum(p.numel() for p in model.parameters()) == sum(expected.values())


def test_reference_total_and_macs():
    report = inspect_shapes(3, 96, 96, 10)
    assert report.total_params == 5_955_452
    # first conv: 64 output channels x 48 x 48 positions x (3 x 7 x 7) weights
    assert report.blocks[0].children[0].macs == 64 * 48 * 48 * 3 * 7 * 7
    assert report.blocks[-1].macs == 1024 * 10
    assert report.total_macs == sum(b.macs for b in report.blocks)


def test_real_forward_matches_inspection_at_other_sizes():
    model = GoogLeNet(ModelConfig(1, 5)).eval()
    for h, w in ((96, 96), (61, 80), (128, 64)):
        report = inspect_shapes(1, h, w, 5)
        x = torch.randn(2, 1, h, w)
        with torch.no_grad():
            out = x
            for block in report.blocks:
                out = getattr(model, block.name)(out)
                assert tuple(out.shape[1:]) == block.output


def test_global_pool_equals_tutorial_avgpool_at_96():
    model = GoogLeNet().eval()
    x = torch.randn(2, 3, 96, 96)
    with torch.no_grad():
        features = model.block4(model.block3(model.block2(model.block1(x))))
        before_pool = model.block5[1](model.block5[0](features))
        assert before_pool.shape[-2:] == (2, 2)
        torch.testing.assert_close(model.block5[2](before_pool), torch.nn.AvgPool2d(2)(before_pool))


def test_smallest_input_and_too_small_error():
    assert smallest_input(3) == 61
    inspect_shapes(3, 61, 61)
    with pytest.raises(InputTooSmallError) as info:
        inspect_shapes(3, 60, 96)
    err = info.value
    assert err.block == "block4" and err.layer == "block4.5"
    assert "block4" in str(err) and "61x61" in str(err) and "\n" not in str(err)
    with pytest.raises(InputTooSmallError) as info:
        inspect_shapes(3, 20, 20)
    assert info.value.block == "block3"
    with pytest.raises(InputTooSmallError) as info:
        inspect_shapes(3, 2, 2)
    assert info.value.block == "block1"


def test_inspection_allocates_no_real_memory():
    report = inspect_shapes(3, 4000, 4000, 10)  # on real data this would need many GiB
    assert report.blocks[0].output == (64, 999, 999)


def _meta_rows(in_channels: int, height: int, width: int, classes: int, layout: str = "tutorial"):
    """Every module's output shape, parameters and multiply-adds from a forward pass of the real
    network on the meta device (the way the first release measured them), or the leaf that breaks."""
    import torch.nn as nn

    with torch.device("meta"):
        model = GoogLeNet(ModelConfig(in_channels, classes, layout)).eval()
    outputs, macs, current = {}, {}, []
    for name, module in model.named_modules():
        if not name:
            continue
        leaf = not any(True for _ in module.children())

        def pre(mod, args, name=name, leaf=leaf):
            if leaf:
                current[:] = [name]

        def post(mod, args, out, name=name, leaf=leaf):
            outputs[name] = tuple(out.shape[1:])
            if isinstance(mod, nn.Conv2d):
                macs[name] = out.shape[1] * out.shape[2] * out.shape[3] * mod.weight[0].numel()
            elif isinstance(mod, nn.Linear):
                macs[name] = mod.in_features * mod.out_features

        module.register_forward_pre_hook(pre)
        module.register_forward_hook(post)
    try:
        with torch.no_grad():
            model(torch.empty(1, in_channels, height, width, device="meta"))
    except RuntimeError:
        return None, current[0]

    def row(path: str) -> tuple:
        module = model.get_submodule(path)
        under = sum(v for k, v in macs.items() if k == path or k.startswith(path + "."))
        return outputs[path], sum(p.numel() for p in module.parameters()), under

    return row, None


@pytest.mark.parametrize("layout", ["tutorial", "torchvision"])
@pytest.mark.parametrize("in_channels", [1, 3])
def test_the_layer_table_agrees_with_the_real_network_at_every_size(in_channels, layout):
    """shapes.py does arithmetic on architecture.py's table, without PyTorch; the network itself
    (model.py) must give the same shapes, parameters and multiply-adds, and break at the same layer."""
    import random

    rng = random.Random(in_channels)
    sizes = [(h, w) for h in (1, 2, 20, 60, 61, 62, 63, 64, 95, 96, 97, 224) for w in (61, 96, 223)]
    sizes += [(rng.randint(1, 700), rng.randint(1, 700)) for _ in range(40)]
    for height, width in sizes:
        row, broken = _meta_rows(in_channels, height, width, 7, layout)
        if broken is not None:
            with pytest.raises(InputTooSmallError) as info:
                inspect_shapes(in_channels, height, width, 7, layout)
            assert info.value.layer == broken, (height, width, broken)
            continue
        report = inspect_shapes(in_channels, height, width, 7, layout)
        assert report.layout == layout
        for block in report.blocks:
            assert (block.output, block.params, block.macs) == row(block.name), (height, width, block.name)
            for index, layer in enumerate(block.children):
                path = f"{block.name}.{index}"
                assert (layer.output, layer.params, layer.macs) == row(path), (height, width, path)
                for branch in layer.children:
                    assert (branch.output, branch.params, branch.macs) == row(f"{path}.{branch.name}"), path


def test_shapes_need_no_pytorch():
    code = "import sys, googlenet_gui.core.network.shapes as s; s.inspect_shapes(1, 96, 96, 10); print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
