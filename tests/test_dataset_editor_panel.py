"""The dataset editor's panel on its own, without a window or a controller: it shows what it is
given, says what the user asked for, and asks for thumbnails only of the rows it shows."""
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from googlenet_gui.ui.panels.dataset_editor_panel import FILES_SHOWN, ClassRow, DatasetEditorPanel, FindingRow


@pytest.fixture
def panel(qtbot):
    p = DatasetEditorPanel()
    qtbot.addWidget(p)
    p.show()
    return p


def test_classes_show_their_counts_and_names_stay_plain_text(panel):
    hostile = "<b>bold</b>\u202e"
    panel.show_classes([ClassRow("cat", ["/d/cat/a.png", "/d/cat/b.png"]), ClassRow(hostile, []),
                        ClassRow("dog", ["/d/train/dog/x.png", "/d/val/dog/y.png"], val_count=1)])
    tree = panel.class_tree
    rows = [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1)) for i in range(tree.topLevelItemCount())]
    assert rows == [("cat", "2"), (hostile, "0"), ("dog", "1 + 1 val")]
    assert "&lt;b&gt;bold" in tree.topLevelItem(1).toolTip(0)  # shown as typed, not as markup
    assert panel.selected_class() == "cat" and panel.model.files == ["/d/cat/a.png", "/d/cat/b.png"]
    assert panel.class_title.textFormat() == Qt.PlainText and panel.folder_label.textFormat() == Qt.PlainText
    panel.select_class(hostile)
    assert panel.model.files == [] and not panel.remove_images_button.isEnabled()


def test_a_drop_on_a_class_names_it_and_image_data_comes_as_an_image(panel, qtbot):
    panel.show_classes([ClassRow("cat", []), ClassRow("dog", [])])
    tree = panel.class_tree
    dog = tree.visualItemRect(tree.topLevelItem(1)).center()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/somewhere/rex.jpg")])
    with qtbot.waitSignal(panel.dropped) as dropped:
        for event in (QDragEnterEvent(dog, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier),
                      QDragMoveEvent(dog, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier),
                      QDropEvent(QPointF(dog), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)):
            QApplication.sendEvent(tree.viewport(), event)
    name, urls, image = dropped.args
    assert name == "dog" and [u.toLocalFile() for u in urls] == ["/somewhere/rex.jpg"] and image is None

    picture = QImage(8, 8, QImage.Format_RGB32)
    picture.fill(QColor("red"))
    data = QMimeData()
    data.setImageData(picture)
    panel.select_class("cat")
    grid = panel.thumbnails.viewport()
    centre = grid.rect().center()
    with qtbot.waitSignal(panel.dropped) as dropped:
        QApplication.sendEvent(grid, QDragEnterEvent(centre, Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier))
        QApplication.sendEvent(grid, QDropEvent(QPointF(centre), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier))
    assert dropped.args[0] == "cat" and dropped.args[1] == [] and dropped.args[2].pixelColor(1, 1) == QColor("red")


def test_adding_and_renaming_say_what_was_asked(panel, qtbot):
    panel.show_classes([ClassRow("cat", [])])
    with qtbot.waitSignal(panel.add_class_requested) as added:
        qtbot.keyClicks(panel.new_class_edit, "dog")
        qtbot.keyClick(panel.new_class_edit, Qt.Key_Return)
    assert added.args == ["dog"] and panel.new_class_edit.text() == ""
    item = panel.class_tree.topLevelItem(0)
    with qtbot.waitSignal(panel.rename_class_requested) as renamed:
        item.setText(0, "kitten")
    assert renamed.args == ["cat", "kitten"]
    assert item.text(0) == "cat"  # shown as it is on disk until the rename is done


def test_a_finding_lists_its_first_files_and_says_how_many_more(panel, qtbot):
    files = [f"/d/cat/{i}.png" for i in range(FILES_SHOWN + 20)]
    items = [(f"cat / {i}.png", f, "cat") for i, f in enumerate(files[:FILES_SHOWN])]
    panel.show_findings("1 problem", [FindingRow("error", "520 file(s) cannot be read", "Skip them.", items,
                                                 "Skip These Files", key="the finding", total=len(files))])
    top = panel.findings_tree.topLevelItem(0)
    assert top.childCount() == FILES_SHOWN + 1 and top.child(FILES_SHOWN).text(0) == "… and 20 more"
    assert panel.advice_label.text() == "Skip them." and panel.fix_button.text() == "Skip These Files"
    with qtbot.waitSignal(panel.fix_requested) as fix:
        panel.fix_button.click()
    assert fix.args == ["the finding"]
    top.child(3).setSelected(True)
    top.child(4).setSelected(True)
    assert panel.selected_finding_files() == files[3:5] and panel.remove_listed_button.isEnabled()


def test_thumbnails_are_asked_for_once_when_shown_and_kept(panel, qtbot):
    files = [f"/d/cat/{i:04d}.png" for i in range(2000)]
    panel.resize(900, 500)
    asked = []
    panel.thumbnails_wanted.connect(asked.extend)
    panel.show_classes([ClassRow("cat", files)])
    qtbot.waitUntil(lambda: len(asked) > 0)
    first = list(asked)
    assert files[0] in first and len(first) < 100  # the rows on screen (and the last, for the layout), not 2,000
    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(QColor("blue"))
    panel.set_thumbnail(files[0], image)
    panel.set_thumbnail(files[1], None, "1.png: truncated")
    assert panel.model.has_thumbnail(files[0]) and not panel.model.has_thumbnail(files[1])
    assert "truncated" in panel.model.data(panel.model.index(1), Qt.ToolTipRole)
    panel.thumbnails.viewport().update()
    qtbot.wait(50)
    assert asked == first  # nothing asked twice
    panel.thumbnails.scrollToBottom()
    qtbot.waitUntil(lambda: files[-1] in asked)
