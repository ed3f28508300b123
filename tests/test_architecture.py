"""The design's rules, checked (docs/ARCHITECTURE.md): core never imports Qt, pyqtgraph or the ui
package; core's stages import only the stages below them; no module imports another's private
names; no import circle."""
import ast
import re
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "googlenet_gui" / "core"
FORBIDDEN = ("PySide6", "pyqtgraph", "googlenet_gui.ui", "shiboken6", "superqt")


PACKAGE = CORE.parent
# core's stages, lowest first: a stage imports only the stages before it (training and understanding
# are both on top: neither imports the other)
STAGES = {"common": 0, "network": 1, "data": 2, "runs": 3, "inference": 4, "training": 5, "understanding": 5}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, names_too: bool = False) -> list[tuple[str, list[str]]]:
    """(module, names taken from it) for every import in `path`, at any depth, except those only
    for type checkers (under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found = []
    package = module_name(path).split(".") if path.name == "__init__.py" else module_name(path).split(".")[:-1]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from ..ui import x
                base = ".".join(package[: len(package) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.append((module, [alias.name for alias in node.names]))
    return found


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports; `from package import module` counts the module."""
    names = set()
    for module, taken in _imports(path):
        names.add(module)
        for name in taken:
            if (PACKAGE.parent / (module.replace(".", "/") + "/" + name + ".py")).is_file():
                names.add(f"{module}.{name}")
    return names


def package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_core_and_the_state_models_never_import_qt():
    files = sorted(CORE.rglob("*.py")) + sorted((PACKAGE / "state").glob("*.py"))
    assert len(files) >= 30
    for path in files:
        bad = [m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
        assert not bad, f"{path.name} imports {bad}"


def test_importing_the_whole_core_loads_no_qt():
    code = ("import sys, googlenet_gui.core.training.engine, googlenet_gui.core.inference.predict, "
            "googlenet_gui.core.data.sources, googlenet_gui.cli, googlenet_gui.state; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'googlenet_gui.ui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_modules_the_window_needs_before_pytorch_do_not_load_it():
    """text, config, events, the state models and the runs modules are imported by the window before PyTorch has loaded."""
    code = ("import sys, googlenet_gui.core.common.text, googlenet_gui.core.runs.config, googlenet_gui.core.runs.events, "
            "googlenet_gui.core.data.catalog, googlenet_gui.state, googlenet_gui.core.runs.runlog, "
            "googlenet_gui.core.runs.index, googlenet_gui.core.runs.follow, googlenet_gui.core.training.tensorboard_log, "
            "googlenet_gui.core.inference.export; print('torch' in sys.modules)")
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
    """The stored dict's own keys appear in core/runs/checkpoint.py and nowhere else in the package."""
    keys = ('"model_state"', '"model_config"', '"preprocess"', '"format_version"')
    package = CORE.parent
    for path in sorted(package.rglob("*.py")):
        if path.name == "checkpoint.py":
            continue
        text = path.read_text(encoding="utf-8")
        found = [k for k in keys if k in text]
        assert not found, f"{path.relative_to(package)} spells checkpoint keys {found}"


def test_core_is_in_stages_that_import_only_the_stages_below():
    stages = sorted(p.name for p in CORE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert stages == sorted(STAGES), "a new stage of core gets its place in STAGES (and in docs/ARCHITECTURE.md)"
    assert [p.name for p in CORE.glob("*.py")] == ["__init__.py"], "core's modules live in its stages"
    for path in sorted(CORE.rglob("*.py")):
        own = module_name(path).split(".")[2] if path.parent != CORE else None
        for module in imported_modules(path):
            parts = module.split(".")
            if parts[:2] != ["googlenet_gui", "core"] or len(parts) < 3 or parts[2] == own:
                continue
            assert STAGES[parts[2]] < STAGES[own], f"{module_name(path)} (stage {own}) imports {module}"


def test_no_module_imports_another_modules_private_names():
    for path in package_files():
        for module, taken in _imports(path):
            if module.startswith("googlenet_gui"):
                private = [name for name in taken if name.startswith("_") and not name.startswith("__")]
                assert not private, f"{module_name(path)} imports {private} from {module}"


def test_no_import_circle():
    """Between the package's modules, counting imports inside functions too (a circle through a
    function-level import is still two modules that need each other)."""
    modules = {module_name(path): path for path in package_files()}
    graph = {name: {m for m in imported_modules(path) if m in modules and m != name} for name, path in modules.items()}
    # a package's __init__ is imported on the way to its modules: only its own imports count
    seen, on_path = set(), []

    def visit(name: str) -> None:
        if name in on_path:
            raise AssertionError("import circle: " + " -> ".join(on_path[on_path.index(name):] + [name]))
        if name in seen:
            return
        on_path.append(name)
        for other in sorted(graph[name]):
            visit(other)
        on_path.pop()
        seen.add(name)

    for name in sorted(graph):
        visit(name)


def test_the_main_window_only_builds_and_lays_out():
    """At most ~300 lines, and no lambda in it holds a decision (an `and`, `or`, `if` or a comparison)."""
    path = PACKAGE / "ui" / "main_window.py"
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 300
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Lambda):
            deciding = [n for n in ast.walk(node.body) if isinstance(n, (ast.BoolOp, ast.IfExp, ast.Compare))]
            assert not deciding, f"main_window.py:{node.lineno}: a lambda that decides: give it to a controller or model"


def test_a_setting_is_spelled_in_at_most_three_source_files():
    """One declaration per setting (core/runs/config.py): the code that uses it and the recipes name it,
    nothing else (the panel, the CLI, the torchrun child and the Runs tab take it from the declaration)."""
    for name in ("label_smoothing", "plain_last_epochs", "limit_train"):  # (weight_decay is also torch's own word)
        files = [p for p in package_files() if name in p.read_text(encoding="utf-8")]
        assert len(files) <= 3, f"{name} is spelled in {[str(p.relative_to(PACKAGE)) for p in files]}"


def test_a_module_over_500_lines_says_why_it_is_one_piece():
    """Small modules with one job: a long one keeps a line near its top ("One piece: ...") saying why."""
    for path in package_files():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 500:
            docstring = ast.get_docstring(ast.parse(source)) or ""
            assert "One piece:" in docstring, f"{path.relative_to(PACKAGE)} is over 500 lines and does not say why"


def test_the_core_writes_files_through_the_atomic_writer():
    """Every file the core replaces is written whole or not at all (core/common/files.atomic_write): no
    write_text, write_bytes or open(..., "w") elsewhere (appending to a log and creating a new file
    exclusively, as the dataset editor does, are not replacing one)."""
    writing = re.compile(r"\.write_text\(|\.write_bytes\(|(?<!fd)open\([^)]*[\"']wb?[\"']")
    for path in sorted(CORE.rglob("*.py")):
        if path.name == "files.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not writing.search(line), f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
