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


def test_the_modules_the_window_needs_before_pytorch_do_not_load_it():
    """text, config, events, weights and the runs modules are imported by the window before PyTorch has loaded."""
    code = ("import sys, googlenet_gui.core.text, googlenet_gui.core.config, googlenet_gui.core.events, "
            "googlenet_gui.core.weights, googlenet_gui.core.runlog, googlenet_gui.core.runs, googlenet_gui.core.follow, "
            "googlenet_gui.core.tensorboard_log, googlenet_gui.core.export; print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_panels_never_import_each_other_or_the_controllers():
    panels = CORE.parent / "ui" / "panels"
    for path in sorted(panels.glob("*_panel.py")):
        names = imported_modules(path)
        bad = [m for m in names if m.startswith("googlenet_gui.ui.panels.") or m.startswith("googlenet_gui.ui.controllers")
               or m == "googlenet_gui.ui.main_window"]
        assert not bad, f"{path.name} imports {bad}"


def test_only_the_checkpoint_module_knows_the_checkpoint_layout():
    """The stored dict's own keys appear in core/checkpoint.py and nowhere else in the package."""
    keys = ('"model_state"', '"model_config"', '"preprocess"', '"format_version"')
    package = CORE.parent
    for path in sorted(package.rglob("*.py")):
        if path.name == "checkpoint.py":
            continue
        text = path.read_text(encoding="utf-8")
        found = [k for k in keys if k in text]
        assert not found, f"{path.relative_to(package)} spells checkpoint keys {found}"
