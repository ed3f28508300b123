"""GoogLeNet Studio: train and understand GoogLeNet (Inception v1 with BatchNorm)."""
from pathlib import Path

__version__ = "0.1.0"


def resources_dir() -> Path:
    """The app's resources/: inside the package in an installed wheel (pyproject maps it there),
    beside the package in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "resources"
    return installed if installed.is_dir() else here.parent / "resources"
