"""The design's rules, checked: core never imports Qt, pyqtgraph or the ui package."""
import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "googlenet_gui" / "core"
FORBIDDEN = ("PySide6", "pyqtgraph", "googlenet_gui.ui", "shiboken6", "superqt")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from ..ui import x
                base = ".".join(path.relative_to(CORE.parent.parent).with_suffix("").parts[:-node.level])
                names.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.add(node.module)
    return names


def test_core_sources_never_import_qt():
    files = sorted(CORE.glob("*.py"))
    assert len(files) >= 8
    for path in files:
        bad = [m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
        assert not bad, f"{path.name} imports {bad}"


def test_importing_the_whole_core_loads_no_qt():
    code = ("import sys, googlenet_gui.core.engine, googlenet_gui.core.predict, googlenet_gui.core.data, "
            "googlenet_gui.cli; print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', "
            "'googlenet_gui.ui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
