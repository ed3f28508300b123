"""The classify panel shows finished Predictions: rows, thumbnails, the network's view, bars."""
import numpy as np
import pytest
from PIL import Image
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QProgressBar

from googlenet_gui.core.inference.predict import Prediction
from googlenet_gui.ui import theme
from googlenet_gui.ui.panels.classify_panel import MAX_ROWS, ClassifyPanel, array_to_qimage

TOP_A = [("cat", 0.621), ("dog", 0.2), ("frog", 0.1), ("bird", 0.05), ("ship", 0.029)]
TOP_B = [("ship", 0.9), ("truck", 0.05), ("car", 0.03), ("plane", 0.015), ("cat", 0.005)]


@pytest.fixture
def panel(qtbot):
    widget = ClassifyPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def gray_view(size=64):
    return (np.arange(size * size, dtype=np.uint32).reshape(size, size) % 251).astype(np.uint8)


def rgb_view(size=64):
    view = np.zeros((size, size, 3), np.uint8)
    view[..., 0] = 200  # red everywhere, a green square in the top-left corner
    view[:8, :8] = (0, 255, 0)
    return view


@pytest.fixture
def png(tmp_path):
    path = tmp_path / "small.png"
    Image.fromarray(rgb_view(48)).save(path)
    return path


def label_pixmap_size(label: QLabel):
    pixmap = label.pixmap()
    return None if pixmap.isNull() else (pixmap.width(), pixmap.height())


def test_empty_panel_shows_the_hint(panel):
    assert panel.row_count() == 0 and panel.rows() == []
    assert panel.hint_label.isVisible()
    assert panel.hint_label.text() == "Drop image files anywhere on the window"
    assert [b.text() for b in (panel.open_button, panel.paste_button, panel.clear_button)] == [
        "Open images…", "Paste", "Clear"]


def test_the_unlike_warning_never_reads_a_score_of_1_as_above_1(panel):
    panel.show_predictions([Prediction("a.png", TOP_A, gray_view(), unlikeness=1.04),
                            Prediction("b.png", TOP_A, gray_view(), unlikeness=0.97)])
    warned = {row.source: row.warning_label for row in panel.rows()}
    assert "(score 1.04, above 1 is unlike)" in warned["a.png"].text() and not warned["a.png"].isHidden()
    assert warned["b.png"].isHidden()


def test_a_row_says_why_its_answer_carries_no_flag(panel):
    from googlenet_gui.core.network import ood

    panel.show_predictions([Prediction("ready.png", TOP_A, gray_view(), unlikeness=0.5, flag=ood.FLAG_READY),
                            Prediction("live.png", TOP_A, gray_view(), flag=ood.FLAG_AT_EPOCH_END),
                            Prediction("imagenet.png", TOP_A, gray_view(), flag=ood.FLAG_NONE)])
    note = {row.source: row.flag_label for row in panel.rows()}
    assert note["ready.png"].isHidden()
    assert not note["live.png"].isHidden() and "waits for the epoch's end" in note["live.png"].text()
    assert not note["imagenet.png"].isHidden() and "come without a model" in note["imagenet.png"].text()


def test_rows_newest_first_with_labels_probabilities_and_bars(panel, png, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not an image")
    panel.show_predictions([Prediction(str(png), TOP_A, gray_view())])
    panel.show_predictions([
        Prediction("/nowhere/photo.jpg", TOP_B, rgb_view()),
        Prediction(str(bad), error="notes.txt: not an image file"),
    ])
    assert not panel.hint_label.isVisible()
    assert panel.row_count() == 3
    rows = panel.rows()
    # the later call's rows come first, in the order they were given
    assert [r.source for r in rows] == ["/nowhere/photo.jpg", str(bad), str(png)]

    first = rows[2]
    assert first.class_labels == ["cat", "dog", "frog", "bird", "ship"]
    assert first.probabilities == pytest.approx([0.621, 0.2, 0.1, 0.05, 0.029])
    assert first.error_text == ""
    bars = first.findChildren(QProgressBar)
    assert [b.value() for b in bars] == [621, 200, 100, 50, 29]
    assert all(b.maximum() == 1000 for b in bars)
    assert bars[0].text() == "62.1%" and bars[4].text() == "2.9%"
    shown = [lab.text() for lab in first.findChildren(QLabel)]
    assert "small.png" in shown
    for name in first.class_labels:
        assert name in shown

    assert rows[0].class_labels == ["ship", "truck", "car", "plane", "cat"]
    assert [b.value() for b in rows[0].findChildren(QProgressBar)] == [900, 50, 30, 15, 5]


def test_error_row_shows_its_message_and_no_bars(panel, tmp_path, qtbot):
    panel.show_predictions([Prediction(str(tmp_path / "x.doc"), error="x.doc: not an image file")])
    row = panel.rows()[0]
    assert row.error_text == "x.doc: not an image file"
    assert row.class_labels == [] and row.probabilities == []
    assert row.findChildren(QProgressBar) == []
    error_labels = [lab for lab in row.findChildren(QLabel) if lab.text() == row.error_text]
    assert len(error_labels) == 1
    qtbot.waitUntil(error_labels[0].isVisible, timeout=1000)  # rows are shown on the next event loop pass
    assert theme.error_color().name() in error_labels[0].styleSheet()
    # neither the unreadable file nor the missing view crash: placeholders instead
    assert label_pixmap_size(row.thumbnail_label) is None and row.thumbnail_label.text()
    assert label_pixmap_size(row.view_label) is None


def test_thumbnail_and_the_network_view(panel):
    panel.show_predictions([Prediction("small.png", TOP_A, rgb_view(), thumbnail=rgb_view(48))])
    row = panel.rows()[0]
    assert label_pixmap_size(row.thumbnail_label) == (96, 96)  # 48x48 blown up to fit
    thumb = row.thumbnail_label.pixmap().toImage()
    assert QColor(thumb.pixel(90, 90)).red() == 200
    assert QColor(thumb.pixel(2, 2)).green() == 255

    view = row.view_label.pixmap().toImage()
    assert (view.width(), view.height()) == (96, 96)
    # nearest neighbour: the 8x8 green corner becomes exactly 12x12 pure green pixels
    assert QColor(view.pixel(11, 11)).getRgb()[:3] == (0, 255, 0)
    assert QColor(view.pixel(12, 12)).getRgb()[:3] == (200, 0, 0)


def test_the_thumbnail_of_a_big_jpeg_is_made_from_its_one_decode(panel, tmp_path):
    from googlenet_gui.core.network.model import GoogLeNet, ModelConfig
    from googlenet_gui.core.inference.predict import Predictor
    from googlenet_gui.core.data.transforms import Preprocess

    path = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 3000), (30, 90, 200)).save(path, quality=80)
    predictor = Predictor(GoogLeNet(ModelConfig(3, 5)), ["a", "b", "c", "d", "e"], Preprocess(3, 64, 32))
    prediction = predictor.classify_files([path])[0]
    assert prediction.thumbnail.shape == (72, 96, 3)  # aspect kept, never the full 4000x3000
    assert abs(int(prediction.thumbnail[36, 48, 2]) - 200) <= 3
    panel.show_predictions([prediction])
    assert label_pixmap_size(panel.rows()[0].thumbnail_label) == (96, 72)


def test_array_to_qimage_copies_and_minds_row_padding():
    gray = gray_view(5)  # 5-byte rows: QImage would assume 8 without bytesPerLine
    image = array_to_qimage(gray)
    assert (image.width(), image.height(), image.format()) == (5, 5, QImage.Format_Grayscale8)
    assert [QColor(image.pixel(x, 3)).red() for x in range(5)] == list(gray[3])
    rgb = np.ascontiguousarray(rgb_view(64)[::2, ::3])  # odd width, 3 bytes per pixel
    image = array_to_qimage(rgb)
    assert (image.width(), image.height()) == (22, 32)
    assert QColor(image.pixel(21, 31)).getRgb()[:3] == tuple(rgb[31, 21])
    # a strided (non-contiguous) view works too, and the image owns its pixels
    strided = gray_view(64)[::2, ::2]
    image = array_to_qimage(strided)
    expected = strided.copy()
    del strided
    assert [QColor(image.pixel(x, 7)).red() for x in range(32)] == list(expected[7])
    assert array_to_qimage(None).isNull()
    assert array_to_qimage(np.zeros((4, 4), np.float32)).isNull()


def test_untrained_warning_comes_and_goes(panel):
    panel.set_weights("fresh network", trained=False)
    text = panel.weights_label.text()
    assert "not trained" in text.lower() and "random" in text.lower() and "fresh network" in text
    assert theme.error_color().name() in panel.weights_label.styleSheet()
    panel.set_weights("run1.pt (epoch 20)", trained=True)
    assert "run1.pt (epoch 20)" in panel.weights_label.text()
    assert "not trained" not in panel.weights_label.text().lower()
    assert theme.error_color().name() not in panel.weights_label.styleSheet()


def test_messages(panel):
    assert not panel.message_label.isVisible()
    panel.show_message("3 files are not images: a.txt, b.doc, c", error=True)
    assert panel.message_label.isVisible()
    assert panel.message_label.text() == "3 files are not images: a.txt, b.doc, c"
    assert theme.error_color().name() in panel.message_label.styleSheet()
    panel.show_message("Classified 2 images")
    assert theme.error_color().name() not in panel.message_label.styleSheet()
    panel.show_message("")
    assert not panel.message_label.isVisible()


def test_clear_empties_and_the_clear_button_does_too(panel, png):
    panel.show_predictions([Prediction(str(png), TOP_A, gray_view())] * 3)
    panel.show_message("hello")
    panel.clear()
    assert panel.row_count() == 0 and panel.rows() == []
    assert panel.hint_label.isVisible() and not panel.message_label.isVisible()
    panel.show_predictions([Prediction(str(png), TOP_A, gray_view())])
    panel.clear_button.click()
    assert panel.row_count() == 0


def test_rows_are_capped_dropping_the_oldest(panel):
    first = [Prediction(f"/old/{i}.png", TOP_A, gray_view(8)) for i in range(150)]
    second = [Prediction(f"/new/{i}.png", TOP_B, gray_view(8)) for i in range(100)]
    panel.show_predictions(first)
    panel.show_predictions(second)
    assert panel.row_count() == MAX_ROWS == 200
    sources = [r.source for r in panel.rows()]
    assert sources[:100] == [f"/new/{i}.png" for i in range(100)]
    assert sources[100:] == [f"/old/{i}.png" for i in range(100)]  # the last 50 old ones went
    panel.show_predictions([Prediction(f"/huge/{i}.png", TOP_A, gray_view(8)) for i in range(250)])
    assert panel.row_count() == 200
    assert all(r.source.startswith("/huge/") for r in panel.rows())


def test_buttons_emit_their_signals(panel, qtbot):
    with qtbot.waitSignal(panel.open_requested, timeout=1000):
        panel.open_button.click()
    with qtbot.waitSignal(panel.paste_requested, timeout=1000):
        panel.paste_button.click()
