"""The heat colour map of activation maps and Grad-CAM (matplotlib's inferno, from nine of its
colours): black for nothing, through purple and orange, to pale yellow for the most. Dark to
light, so it also reads in grey, and readable with the common kinds of colour blindness.

numpy only: the window's panels use it before PyTorch has loaded.
"""
from __future__ import annotations

import numpy as np

_ANCHORS = np.array([
    (0, 0, 4), (31, 12, 72), (85, 15, 109), (136, 34, 106), (186, 54, 85),
    (227, 89, 51), (249, 140, 10), (249, 201, 50), (252, 255, 164),
], dtype=np.float64)


def _lut() -> np.ndarray:
    at = np.linspace(0.0, 1.0, len(_ANCHORS))
    levels = np.linspace(0.0, 1.0, 256)
    return np.stack([np.interp(levels, at, _ANCHORS[:, c]) for c in range(3)], axis=1).round().astype(np.uint8)


HEAT = _lut()  # [256, 3] uint8: the colour of each level 0..255


def heat_colors(values: np.ndarray) -> np.ndarray:
    """Values in 0..1 (any shape) -> uint8 RGB colours [..., 3]; values outside are clipped."""
    levels = np.clip(np.nan_to_num(np.asarray(values, dtype=np.float32)) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return HEAT[levels]
