"""The README's and the guide's pictures: each exists and is retaken by scripts/screenshots.py, and
the script really draws one (the dataset editor's: no training, a few seconds)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def linked_pictures() -> list[Path]:
    """Every picture a Markdown page in the README or docs/ shows, as a path."""
    found = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+\.png)\)", page.read_text(encoding="utf-8")):
            found.append((page.parent / target).resolve())
    return found


def test_every_picture_the_docs_show_exists_and_the_script_retakes_it():
    import screenshots

    pictures = linked_pictures()
    assert len(pictures) >= 7  # the main window in two languages, Evaluate, Runs, the editor, Inside, the views
    retaken = {(screenshots.DOCS / shot.file).resolve() for shot in screenshots.SHOTS if shot.file}
    for picture in pictures:
        assert picture.is_file(), f"{picture} is shown but missing"
        assert picture in retaken, f"{picture} is shown but scripts/screenshots.py does not retake it"
        with Image.open(picture) as image:
            assert image.width >= 800 and image.height >= 400, picture
    assert retaken <= set(pictures), "scripts/screenshots.py retakes a picture no page shows"


def test_the_script_draws_the_dataset_editor(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--only", "dataset-editor",
                             "--out-dir", str(tmp_path)], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    picture = tmp_path / "dataset-editor.png"
    assert f"wrote {picture}" in result.stdout
    with Image.open(picture) as image:
        assert image.size == (1180, 720)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is None or len(colours) > 50  # thumbnails and text, not an empty panel
