"""Export: ONNX and TorchScript files give the checkpoint's answers, and say how to prepare images."""
import json
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.cli import main
from googlenet_gui.core.inference import export as export_module
from googlenet_gui.core.runs.config import TrainConfig
from googlenet_gui.core.data.sources import load_sample
from googlenet_gui.core.training.engine import Trainer
from googlenet_gui.core.runs.events import Finished
from googlenet_gui.core.inference.export import ExportError, export_checkpoint, missing_packages
from googlenet_gui.core.inference.predict import Predictor
from googlenet_gui.core.data.transforms import to_model_input
from helpers import run_all

IMAGES = 20


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory) -> Path:
    """best.pt of a short real run (its answers differ from image to image)."""
    folder = tmp_path_factory.mktemp("run")
    # 16 steps: enough for BatchNorm's running statistics to describe the data
    config = TrainConfig(epochs=1, input_size=64, batch_size=16, limit_train=256, limit_val=16, lr=2e-3,
                         precision="fp32", num_threads=2)
    events = run_all(Trainer(config, run_dir=folder))
    assert isinstance(events[-1], Finished), events[-1]
    return folder / "best.pt"


@pytest.fixture(scope="module")
def images(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("images")
    sample = load_sample()
    paths = []
    for i in range(IMAGES):
        paths.append(folder / f"{i}.png")
        Image.fromarray(sample.val.images[i, 0].numpy()).resize((40 + i, 40 + i)).save(paths[-1])
    return paths


@pytest.fixture(scope="module")
def expected(checkpoint, images):
    """What the app itself answers: every class's probability, per image, and the prepared inputs."""
    predictor = Predictor.from_file(checkpoint)
    prepared = torch.stack([predictor.prepare_file(p)[0] for p in images])
    tops = predictor.classify_tensors(prepared, k=len(predictor.class_names)).tops
    index = {name: i for i, name in enumerate(predictor.class_names)}
    probs = np.zeros((len(images), len(index)))
    for row, top in enumerate(tops):
        for name, p in top:
            probs[row, index[name]] = p
    assert np.ptp(probs, axis=0).max() > 0.03  # the answers differ from image to image: a comparison that can fail
    return prepared, probs


def prepare(prepared: torch.Tensor, preprocess: dict) -> np.ndarray:
    """The deployment's own preparation from the stored images, with the values the file gives."""
    return to_model_input(prepared, int(preprocess["input_size"]), channels_last=False,
                          mean=float(preprocess["mean"]), std=float(preprocess["std"])).numpy()


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def check_same_answers(probs: np.ndarray, expected_probs: np.ndarray) -> None:
    assert np.abs(probs - expected_probs).max() < 1e-4
    assert (probs.argmax(1) == expected_probs.argmax(1)).all()


def test_onnx_gives_the_checkpoint_s_answers_for_any_batch_size(checkpoint, expected, tmp_path):
    import onnx  # the test extra installs the export extra
    import onnxruntime as ort

    out = export_checkpoint(checkpoint, "onnx", tmp_path / "model.onnx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.onnx"]  # one file, no temporary left
    meta = {p.key: p.value for p in onnx.load(str(out)).metadata_props}
    assert json.loads(meta["class_names"]) == load_sample().class_names
    assert (meta["channels"], meta["input_size"], meta["stored_size"]) == ("1", "64", "28")
    assert float(meta["mean"]) == 0.5 and float(meta["std"]) == 0.5
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    assert session.get_inputs()[0].shape[0] == "batch"
    prepared, expected_probs = expected
    x = prepare(prepared, meta)
    all_at_once = softmax(session.run(None, {"input": x})[0])
    one_by_one = np.concatenate([softmax(session.run(None, {"input": x[i:i + 1]})[0]) for i in range(len(x))])
    check_same_answers(all_at_once, expected_probs)
    check_same_answers(one_by_one, expected_probs)


def test_torchscript_gives_the_checkpoint_s_answers(checkpoint, expected, tmp_path):
    out = export_checkpoint(checkpoint, "torchscript", tmp_path / "model.pt")
    files = dict.fromkeys(export_module.TORCHSCRIPT_FILES, "")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit is deprecated, and still what deployments load
        module = torch.jit.load(str(out), _extra_files=files)
    preprocess = json.loads(files["preprocess.json"])
    assert json.loads(files["class_names.json"]) == load_sample().class_names
    assert preprocess["input_size"] == 64 and preprocess["channels"] == 1 and preprocess["stored_size"] == 28
    prepared, expected_probs = expected
    x = torch.from_numpy(prepare(prepared, preprocess))
    with torch.no_grad():
        check_same_answers(torch.softmax(module(x), 1).numpy(), expected_probs)
        check_same_answers(torch.softmax(module(x[:3]), 1).numpy(), expected_probs[:3])


def test_the_cli_exports_and_refuses_clearly(checkpoint, tmp_path, capsys):
    assert main(["export", "--checkpoint", str(checkpoint), "--format", "torchscript",
                 "--out", str(tmp_path / "m.pt")]) == 0
    assert "wrote" in capsys.readouterr().out and (tmp_path / "m.pt").is_file()
    not_a_checkpoint = tmp_path / "notes.txt"
    not_a_checkpoint.write_text("hello")
    assert main(["export", "--checkpoint", str(not_a_checkpoint), "--format", "onnx",
                 "--out", str(tmp_path / "x.onnx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: notes.txt") and err.count("\n") == 1
    assert main(["export", "--checkpoint", str(checkpoint), "--format", "torchscript",
                 "--out", str(tmp_path / "no-such-folder" / "m.pt")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_a_missing_package_names_the_extra_to_install(checkpoint, tmp_path, monkeypatch, capsys):
    real = export_module.importlib.util.find_spec
    monkeypatch.setattr(export_module.importlib.util, "find_spec",
                        lambda name, *a: None if name == "onnxscript" else real(name, *a))
    problem = missing_packages("onnx")
    assert "onnxscript" in problem and 'pip install "googlenet-studio[export]"' in problem
    assert missing_packages("torchscript") is None
    with pytest.raises(ExportError, match=r"\[export\]"):
        export_checkpoint(checkpoint, "onnx", tmp_path / "m.onnx")
    assert main(["export", "--checkpoint", str(checkpoint), "--format", "onnx", "--out", str(tmp_path / "m.onnx")]) == 2
    assert "googlenet-studio[export]" in capsys.readouterr().err
    assert not (tmp_path / "m.onnx").exists()
