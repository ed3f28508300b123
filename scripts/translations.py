"""Refresh the translations from the code, with Qt's own tools (shipped in PySide6-Essentials):

    python scripts/translations.py            # lupdate every .ts from the code, fill English plurals, lrelease

- `pyside6-lupdate` collects every tr() / QCoreApplication.translate() string of googlenet_gui/ui
  into resources/i18n/googlenet_studio_<language>.ts (Qt Linguist's format: open them with
  `pyside6-linguist` to translate);
- the English file needs only its plural forms ("%n epoch(s)" -> "1 epoch" / "%n epochs"), which
  this script writes from the source text;
- `pyside6-lrelease` compiles each .ts to the .qm the app loads (shipped in the package).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("en", "zh_CN")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} not found: install PySide6-Essentials (pip install -e .)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "googlenet_gui" / "ui").rglob("*.py"))


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
        subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                        "-target-language", language, "-ts", str(ts)], check=True, cwd=ROOT)
        if language == "en":
            print(f"{ts.name}: {fill_english(ts)} plural forms written")
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
