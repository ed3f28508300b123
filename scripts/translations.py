"""Refresh the translations from the code, with Qt's own tools (shipped in PySide6-Essentials):

    python scripts/translations.py            # lupdate every .ts from the code, fill English plurals, lrelease

- `pyside6-lupdate` collects every tr() / QCoreApplication.translate() string of googlenet_gui/ui,
  and every template the core marks with QT_TRANSLATE_NOOP("Core", ...) in googlenet_gui/core (its
  sentences: errors, problems, notes; see core/common/messages.py), into
  resources/i18n/googlenet_studio_<language>.ts (Qt Linguist's format: open them with
  `pyside6-linguist` to translate);
- the English file needs only its plural forms ("%n epoch(s)" -> "1 epoch" / "%n epochs"), which
  this script writes from the source text;
- pyqtgraph ships no translations, but words its plots' menus and export dialog through
  QCoreApplication.translate: the strings of the modules that build what the window shows
  (PYQTGRAPH_MODULES, read from the installed pyqtgraph) and of googlenet_gui/ui/plot_menus.py go
  into resources/i18n/pyqtgraph_<language>.ts, for every language but English;
- `pyside6-lrelease` compiles each .ts to the .qm the app loads (shipped in the package).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("en", "zh_CN")
PLOT_MENUS = Path("googlenet_gui") / "ui" / "plot_menus.py"  # its strings are pyqtgraph's, not the app's
# pyqtgraph's modules that word what the window shows of it: the ViewBox menu and its axis controls,
# the scene's Export... and the export dialog with its formats' options (not Plot Options: ui/plot_menus.app_menu)
PYQTGRAPH_MODULES = ("graphicsItems/ViewBox/ViewBoxMenu.py", "graphicsItems/ViewBox/axisCtrlTemplate_generic.py",
                     "GraphicsScene/GraphicsScene.py", "GraphicsScene/exportDialogTemplate_generic.py",
                     "exporters/CSVExporter.py", "exporters/HDF5Exporter.py", "exporters/ImageExporter.py",
                     "exporters/SVGExporter.py")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} not found: install PySide6-Essentials (pip install -e .)")
    return found


def sources() -> list[str]:
    """The window's code (ui/) and the core, whose sentences the window says in its language."""
    package = ROOT / "googlenet_gui"
    files = (p.relative_to(ROOT) for folder in ("ui", "core") for p in (package / folder).rglob("*.py"))
    return sorted(str(p) for p in files if p != PLOT_MENUS)


def pyqtgraph_sources(folder: Path) -> list[str]:
    """Copies of PYQTGRAPH_MODULES in `folder`, readable by lupdate: the templates pyuic generated call
    QCoreApplication.translate through a `_translate` alias, which lupdate does not know."""
    import pyqtgraph

    package = Path(pyqtgraph.__file__).parent
    copies = []
    for module in PYQTGRAPH_MODULES:
        copy = folder / module.replace("/", "_")
        copy.write_text(re.sub(r"\b_translate\(", "translate(", (package / module).read_text(encoding="utf-8")),
                        encoding="utf-8")
        copies.append(str(copy))
    return copies


def lupdate(files: list[str], language: str, ts: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none",
                    "-target-language", language, "-ts", str(ts)], check=True, cwd=ROOT)


def lrelease(ts: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=ROOT)


def english_plural(text: str, count: str) -> str:
    """'%n epoch(s)' -> '1 epoch' (count '1') or '%n epochs'; '(es)' likewise."""
    words = re.sub(r"\((e?s)\)", "" if count == "1" else r"\1", text)
    return words.replace("%n", "1") if count == "1" else words


def fill_english(ts: Path) -> int:
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = translation.findall("numerusform")
        forms[0].text, forms[1].text = english_plural(source, "1"), english_plural(source, "n")
        translation.attrib.pop("type", None)
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def main() -> int:
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = I18N / f"googlenet_studio_{language}.ts"
        lupdate(sources(), language, ts)
        if language == "en":
            print(f"{ts.name}: {fill_english(ts)} plural forms written")
        lrelease(ts)
    with tempfile.TemporaryDirectory() as folder:
        pyqtgraph_files = [*pyqtgraph_sources(Path(folder)), str(PLOT_MENUS)]
        for language in LANGUAGES:
            if language != "en":  # pyqtgraph's own words are English
                ts = I18N / f"pyqtgraph_{language}.ts"
                lupdate(pyqtgraph_files, language, ts)
                lrelease(ts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
