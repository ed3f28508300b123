"""The runs panel and the plots' comparison, alone, without a window."""
import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt

from googlenet_gui.ui import i18n
from googlenet_gui.core.runs.events import EpochEnd
from googlenet_gui.core.runs.runlog import FAILED, FINISHED_STATE, RUNNING, STOPPED_STATE
from googlenet_gui.core.runs.index import RunSummary
from googlenet_gui.ui.panels.plots_panel import ComparedRun, PlotsPanel
from googlenet_gui.ui.panels.runs_panel import BEST, EPOCHS, NAME, STATE, RunsPanel, since_text

NOW = 1_750_000_000.0


def summary(name: str, best: float | None = 0.5, state: str = FINISHED_STATE, **changes) -> RunSummary:
    run = RunSummary(folder=Path("/runs") / name, name=name, note="", started=NOW - 3600, dataset="sample",
                     input_size=64, epochs_done=2, epochs_planned=3, best_val_accuracy=best, training_time=75.0,
                     device="cpu", state=state, last_write=NOW - 10, settings={"lr": 0.001})
    return dataclasses.replace(run, **changes)


def shown_order(panel: RunsPanel) -> list[str]:
    return [panel.proxy.index(row, NAME).data() for row in range(panel.proxy.rowCount())]


def test_rows_sort_by_their_numbers_and_keep_ticks_across_updates(qtbot):
    panel = RunsPanel()
    qtbot.addWidget(panel)
    ticked = []
    panel.ticked_changed.connect(ticked.append)
    panel.set_runs([summary("a", 0.9), summary("b", 0.25), summary("c", None), summary("d", 0.1001)], NOW)
    panel.table.sortByColumn(BEST, Qt.DescendingOrder)
    assert shown_order(panel) == ["a", "b", "d", "c"]  # 90% > 25% > 10.01% > none, not by text
    panel.set_ticked("/runs/b", True)
    assert ticked[-1] == ["/runs/b"]
    box = panel.proxy.index(0, NAME)  # run a: what a click on its box does
    assert panel.proxy.flags(box) & Qt.ItemIsUserCheckable
    panel.proxy.setData(box, Qt.Checked, Qt.CheckStateRole)
    assert ticked[-1] == ["/runs/a", "/runs/b"]  # in the table's order
    panel.proxy.setData(box, Qt.Unchecked, Qt.CheckStateRole)
    assert ticked[-1] == ["/runs/b"]
    panel.select("/runs/a")
    panel.set_runs([summary("a", 0.95, epochs_done=3), summary("b", 0.25), summary("e", 0.5)], NOW)
    assert shown_order(panel) == ["a", "e", "b"]
    assert panel.ticked() == ["/runs/b"] and panel.selected() == "/runs/a"
    assert panel.row_texts("/runs/a")[EPOCHS] == "3 / 3" and panel.row_texts("/runs/a")[BEST] == "95.00%"
    assert panel.row_texts("/runs/c") is None
    i18n.install("en")  # the plural forms come with the English translation file
    panel.set_runs([summary("a", 0.95, epochs_done=3), summary("b", 0.25), summary("e", 0.5)], NOW)
    assert panel.status_label.text() == "3 runs"


def test_states_read_as_a_person_says_them(qtbot):
    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.set_runs([summary("f"), summary("s", state=STOPPED_STATE), summary("r", state=RUNNING),
                    summary("q", state=RUNNING, last_write=NOW - 300), summary("x", state=FAILED, last_write=NOW - 7200)],
                   NOW)
    states = {name: panel.row_texts(f"/runs/{name}")[STATE] for name in "fsrqx"}
    assert states == {"f": "finished", "s": "stopped", "r": "running", "q": "running (last wrote 5 minute(s) ago)",
                      "x": "failed: stopped writing 2 hour(s) ago"}
    assert since_text(59) == "59 second(s) ago" and since_text(86400 * 3) == "3 day(s) ago"


def test_names_and_notes_are_shown_as_plain_text(qtbot):
    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.set_runs([summary("<img src=x>", note="<b>bold?</b>\nline two")], NOW)
    index = panel.model.index(0, NAME)
    assert index.data().startswith("<img src=x>")  # an item view shows text as text
    tip = index.data(Qt.ToolTipRole)  # a tooltip would be read as HTML: escaped
    assert "&lt;b&gt;bold?&lt;/b&gt;\nline two" in tip and "<b>" not in tip and "<img" not in tip


def test_differences_are_listed_only_for_two_or_more_runs(qtbot):
    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.set_differences(["a"], [])
    assert panel.differences.isHidden() and "Tick two" in panel.differences_label.text()
    panel.set_differences(["a", "b"], [("lr", [0.001, 0.003]), ("optimizer", ["adam", "sgd"]), ("augment", [False, True]),
                                       ("limit_train", [None, 500]), ("a_later_setting", ["x", "y"])])
    assert not panel.differences.isHidden()
    # each setting by the training panel's name for it (its key in the tooltip), its values in words
    assert panel.difference_rows() == [["Learning rate", "0.001", "0.003"],
                                       ["Optimizer", "Adam (AdamW with weight decay)", "SGD with momentum"],
                                       ["Augmentation", "no", "yes"], ["Training images used", "–", "500"],
                                       ["a_later_setting", "x", "y"]]
    assert "lr" in panel.differences.verticalHeaderItem(0).toolTip()
    panel.set_differences(["a", "b"], [])
    assert "same settings" in panel.differences_label.text()


def test_compared_runs_are_overlaid_named_and_removed(qtbot):
    plots = PlotsPanel()
    qtbot.addWidget(plots)
    epochs = [EpochEnd(e, 1.0, 0.5, 1.1, 0.4 + e / 10, 1.0, 1e-3, e * 4) for e in (1, 2)]
    runs = [ComparedRun("first", 4, list(range(1, 9)), [1.0] * 8, [0.5] * 8, epochs),
            ComparedRun("<i>second</i>", 2, [1, 2], [2.0, 1.0], [0.1, 0.2], epochs[:1])]
    plots.show_comparison(runs)
    own = ["train (batch)", "train (smoothed)", "train (epoch)", "validation (epoch)"]
    assert plots.legend_names("loss") == ["first", "<i>second</i>"]  # the current run has nothing to name yet
    assert plots.legend_names("accuracy") == ["first", "<i>second</i>"]
    assert "&lt;i&gt;" in plots.legends["loss"].items[-1][1].text  # drawn as text, not as HTML
    plots.add_batches([1, 2], [1.5, 1.4], [0.2, 0.3])
    assert plots.legend_names("loss") == own + ["first", "<i>second</i>"]
    first_train, first_val = plots._compared[:2]
    assert list(first_train.xData) == [s / 4 for s in range(1, 9)]  # x in epochs, whatever the batch count
    assert list(first_val.yData) == [1.1, 1.1] and first_train.opts["pen"].color() != plots._compared[4].opts[
        "pen"].color()
    plots.show_comparison([])
    assert plots.legend_names("loss") == own and plots._compared == []
    assert plots.point_counts() == {"batch": 2, "epoch_train": 0, "epoch_val": 0}  # its own curves untouched
