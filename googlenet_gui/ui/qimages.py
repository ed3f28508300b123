"""Pixels made by the core (numpy arrays) as Qt images. A QImage may be made on any thread."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def array_to_qimage(view: np.ndarray | None) -> QImage:
    """uint8 HxW (grayscale) or HxWx3 (RGB) -> a QImage that owns a copy of the pixels."""
    if view is None or view.dtype != np.uint8 or view.ndim not in (2, 3) or view.size == 0:
        return QImage()
    if view.ndim == 3 and view.shape[2] != 3:
        return QImage()
    arr = np.ascontiguousarray(view)
    height, width = arr.shape[:2]
    fmt = QImage.Format_Grayscale8 if arr.ndim == 2 else QImage.Format_RGB888
    # bytesPerLine from the array: rows are not padded to 4 bytes as QImage would assume;
    # copy() so the QImage no longer points into numpy's memory
    return QImage(arr.data, width, height, arr.strides[0], fmt).copy()
