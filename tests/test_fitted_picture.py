"""FittedPicture: a picture drawn at its own size where there is room and smaller, in its shape,
where there is not."""
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from googlenet_gui.ui.fitted_picture import FittedPicture


def _pixmap(width: int, height: int) -> QPixmap:
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("red"))
    return pixmap


def test_a_picture_is_drawn_at_its_own_size_where_there_is_room_and_smaller_in_its_shape_where_not(qtbot):
    picture = FittedPicture(320, 128)
    qtbot.addWidget(picture)
    assert picture.sizeHint() == QSize(320, 320) and picture.minimumSizeHint() == QSize(128, 128)
    assert picture.shown_rect() == QRect()  # nothing to show
    picture.setPixmap(_pixmap(320, 160))
    picture.resize(320, 320)
    assert picture.shown_rect() == QRect(0, 0, 320, 160)
    picture.resize(200, 320)  # narrow: scaled to the width, half as high
    assert picture.shown_rect() == QRect(0, 0, 200, 100)
    picture.resize(320, 130)  # short: scaled to the height, twice as wide
    assert picture.shown_rect() == QRect(0, 0, 260, 130)
    picture.setPixmap(_pixmap(100, 100))  # a small picture is never blown up
    assert picture.shown_rect() == QRect(0, 0, 100, 100)
    assert picture.pixmap().size() == QSize(100, 100)  # what it holds is the picture at its own size
    picture.show()
    qtbot.waitExposed(picture)
    assert picture.grab().toImage().pixelColor(50, 50) == QColor("red")  # and it is painted
    picture.clear()
    assert picture.pixmap().isNull() and picture.shown_rect() == QRect()


def test_in_a_short_row_the_picture_takes_no_more_width_than_height(qtbot):
    """What stands beside it in a row stays beside the picture, not a gap away."""
    row = QWidget()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    picture, caption = FittedPicture(320, 128), QLabel("caption")
    picture.setPixmap(_pixmap(320, 320))
    layout.addWidget(picture)
    layout.addWidget(caption, 1)
    row.resize(800, 400)  # room: its own size
    row.show()
    qtbot.waitExposed(row)
    qtbot.waitUntil(lambda: picture.width() == 320)
    row.resize(800, 200)
    qtbot.waitUntil(lambda: picture.width() == 200 and caption.x() == 200 + layout.spacing())
    assert picture.shown_rect() == QRect(0, 0, 200, 200)
    row.resize(800, 100)  # below its least size it keeps that
    qtbot.waitUntil(lambda: picture.width() == 128)
