"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to None
on every void Qt call, and the app aborts with 'none_dealloc' after a few thousand paints. And the
app's Qt set-up: painting its window starts no thread of Qt's own."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
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


PAINT_A_WINDOW = """
import os, sys
from PySide6.QtWidgets import QApplication, QWidget
if sys.argv[1] == "qt":  # the control: Qt's defaults
    from PySide6.QtGui import QColor, QImage, QPainter
    QApplication(sys.argv)
    window = QWidget()
    image = QImage(1400, 900, QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setBrush(QColor(20, 120, 200, 128))
    painter.drawEllipse(10, 10, 1300, 800)  # a blended shape of 800 rows: Qt splits its fill up
    painter.end()
else:
    import googlenet_gui.app as app
    window = app.create_window()  # PyTorch does not load: no event loop runs
window.resize(1400, 900)
window.show()
for _ in range(3):
    window.grab()
names = [open(f"/proc/self/task/{tid}/comm").read().strip() for tid in os.listdir("/proc/self/task")]
print(sum(name == "Thread (pooled)" for name in names), flush=True)
os._exit(0)  # not the interpreter's teardown of module-level Qt objects: that is not under test
"""


def pooled_threads_after_painting(window: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run([sys.executable, "-c", PAINT_A_WINDOW, window], capture_output=True, text=True, env=env,
                         cwd=Path(__file__).resolve().parents[1], timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return int(out.stdout.strip().splitlines()[-1])


def test_painting_the_window_wakes_no_qt_gui_thread_pool():
    # Qt hands big fills to a pool of its own, whose threads take turns with training's on a busy CPU
    # (the dashboard's cost on a CPU without bf16); the app turns it off before its first paint
    if not Path("/proc/self/task").is_dir():
        pytest.skip("counts threads through Linux's /proc")
    assert pooled_threads_after_painting("qt") > 0  # the control: Qt's default starts them
    assert pooled_threads_after_painting("app") == 0
