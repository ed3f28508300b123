"""QApplication set-up. The dashboard arrives with the next issue."""
from __future__ import annotations

import sys


def main() -> int:
    print("The desktop app is not built yet; use the train, shapes and classify subcommands.", file=sys.stderr)
    return 1
