"""Draw resources/icon.png: four Inception branches joining into one, on a rounded tile.

    QT_QPA_PLATFORM=offscreen python scripts/make_icon.py
"""
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZE = 256
OUT = Path(__file__).resolve().parents[1] / "resources" / "icon.png"


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - fonts and painting need an application
    image = QImage(SIZE, SIZE, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.Antialiasing)
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8, 8, SIZE - 16, SIZE - 16), 44, 44)
    p.fillPath(tile, QColor("#1d2b44"))
    colors = ["#5fa8ff", "#7bd389", "#ffa24a", "#f2c14e"]
    heights = [60, 110, 150, 84]  # the four branches: 1x1, 3x3, 5x5, pool
    x0, width, gap, base = 46, 30, 12, 176
    for i, (color, h) in enumerate(zip(colors, heights)):
        x = x0 + i * (width + gap)
        bar = QPainterPath()
        bar.addRoundedRect(QRectF(x, base - h, width, h), 8, 8)
        p.fillPath(bar, QColor(color))
    pen = QPen(QColor("#e8eef7"), 10, Qt.SolidLine, Qt.RoundCap)
    p.setPen(pen)
    p.drawLine(46, 200, SIZE - 46, 200)  # the concatenation
    p.end()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
