"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to None
on every void Qt call, and the app aborts with 'none_dealloc' after a few thousand paints."""
import sys

from PySide6.QtWidgets import QLabel, QWidget


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    widget = QWidget()
    label = QLabel("x", widget)
    qtbot.addWidget(widget)
    widget.show()
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText(str(i % 10))  # void methods
        widget.update()
        widget.repaint()
    after = sys.getrefcount(None)
    assert before - after < 1_000, f"None lost {before - after} references: a broken PySide6 build"
