"""The Evaluate tab in the real window: a trained run's matrix, a clicked cell's images (from the
run itself, and again from its checkpoint), an image sent to Classify, File > Evaluate
Checkpoint with Cancel, the same table as the CLI's, and the exports."""
import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from googlenet_gui.cli import main
from helpers import constant_checkpoint




def click(qtbot, view, index) -> None:
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())


def test_a_trained_runs_cell_lists_exactly_its_images_live_and_from_its_checkpoint(window, qtbot, stripes_folder):
    tp, panel = window.training_panel, window.evaluate_panel
    tp.dataset_combo.setCurrentIndex(tp.dataset_combo.findData("folder"))
    tp.folder_edit.setText(str(stripes_folder))
    tp.folder_edit.editingFinished.emit()
    tp.field("input_size").setValue(64)
    tp.field("epochs").setValue(1)
    tp.field("batch_size").setValue(8)
    reported = []
    window.training.epoch_predictions.connect(reported.append)
    window.tabs.setCurrentWidget(panel)
    tp.start_button.click()
    qtbot.waitUntil(lambda: not window.training.running, timeout=300_000)
    assert len(reported) == 1 and panel.source_label.text() == "Current run"
    labels, predicted, probability = (np.array(v) for v in (reported[0].labels, reported[0].predicted,
                                                            reported[0].probability))
    assert len(labels) == 4 and panel.evaluation.matrix.sum() == 4  # 10% of each class held out

    fullest = np.unravel_index(panel.evaluation.matrix.argmax(), (2, 2))
    t, p = int(fullest[0]), int(fullest[1])
    expected = sorted(np.flatnonzero((labels == t) & (predicted == p)).tolist(), key=lambda i: -probability[i])
    click(qtbot, panel.matrix_view, panel.matrix_model.index(t, p))
    qtbot.waitUntil(lambda: len(panel.gallery_indices()) == len(expected), timeout=30_000)
    assert panel.gallery_indices() == expected

    rows = window.classify_panel.row_count()
    click(qtbot, panel.gallery_view, panel.gallery_model.index(0))  # goes to Classify, as if dropped
    assert window.tabs.currentWidget() is window.classify_panel
    qtbot.waitUntil(lambda: window.classify_panel.row_count() == rows + 1, timeout=60_000)
    assert window.classify_panel.rows()[0].source.startswith(f"validation image {expected[0]} (true ")

    # File > Open of the run's last.pt: its stored matrix; a cell evaluates it again to list the images
    window.tabs.setCurrentWidget(panel)
    stored = panel.evaluation.matrix.tolist()
    window.checkpoints.open(Path(window.training.last_checkpoint), resume=True)
    qtbot.waitUntil(lambda: panel.source_label.text() == "last.pt (after epoch 1)", timeout=60_000)
    assert panel.evaluation.matrix.tolist() == stored and not panel.evaluation.has_images
    click(qtbot, panel.matrix_view, panel.matrix_model.index(t, p))
    qtbot.waitUntil(lambda: len(panel.gallery_indices()) == len(expected) and not panel.is_busy(), timeout=120_000)
    assert panel.gallery_indices() == expected  # the same answers: same weights, data, batches and arithmetic
    assert panel.evaluation.matrix.tolist() == stored


def test_evaluate_checkpoint_shows_the_clis_table_can_be_cancelled_and_exports(window, qtbot, tmp_path, capsys):
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Evaluate Checkpoint…" in actions and "Export Confusion Matri&x…" in actions
    panel = window.evaluate_panel
    path = constant_checkpoint(tmp_path / "two.pt", answer=2, limit_val=60)

    window.evaluate.evaluate_file(path)
    assert panel.is_busy()
    panel.busy_row.cancel_button.click()
    assert not panel.is_busy() and panel.message_label.text() == "Evaluation cancelled."
    assert panel.evaluation is None

    window.evaluate.evaluate_file(path)
    qtbot.waitUntil(lambda: panel.evaluation is not None, timeout=120_000)
    assert panel.source_label.text() == "two.pt evaluated on sample, validation split"
    assert main(["evaluate", "--checkpoint", str(path), "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert panel.evaluation.matrix.tolist() == cli["matrix"]
    shown = {row[0]: row[1:] for row in panel.class_rows()}

    def fmt(value):
        return "–" if value is None else f"{value:.3f}"

    assert shown == {c["name"]: [fmt(c["precision"]), fmt(c["recall"]), fmt(c["f1"]), f"{c['support']:,}"]
                     for c in cli["classes"]}
    assert panel.class_rows()[0][3] == "0.000"  # the worst class first

    window.evaluate.export(str(tmp_path / "m.csv"))
    window.evaluate.export(str(tmp_path / "m"))  # no suffix: a PNG
    assert (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()[3].startswith("Pullover,0,0,")
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
