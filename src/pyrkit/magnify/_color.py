"""RGB <-> YIQ (NTSC), the colour space the magnification papers work in."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["rgb_to_yiq", "yiq_to_rgb", "YIQ_FROM_RGB"]

#: The NTSC 1953 matrix: rows Y, I, Q.
YIQ_FROM_RGB = np.array([[0.299, 0.587, 0.114],
                         [0.595716, -0.274453, -0.321263],
                         [0.211456, -0.522591, 0.311135]])
_RGB_FROM_YIQ = np.linalg.inv(YIQ_FROM_RGB)


def _convert(x: Any, matrix: np.ndarray, axis: int) -> np.ndarray:
    x = np.asarray(x)
    m = matrix.astype(x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64)
    moved = np.moveaxis(x, axis, -1)
    return np.moveaxis(moved @ m.T, -1, axis)


def rgb_to_yiq(rgb: Any, *, channel_axis: int = -1) -> np.ndarray:
    """Convert RGB to YIQ along ``channel_axis``; Y is the luminance.

    Examples
    --------
    >>> rgb_to_yiq(np.array([1.0, 1.0, 1.0])).round(6) + 0.0
    array([1., 0., 0.])
    """
    return _convert(rgb, YIQ_FROM_RGB, channel_axis)


def yiq_to_rgb(yiq: Any, *, channel_axis: int = -1) -> np.ndarray:
    """Inverse of :func:`rgb_to_yiq`.

    Examples
    --------
    >>> x = np.array([0.2, 0.5, 0.9])
    >>> bool(np.allclose(yiq_to_rgb(rgb_to_yiq(x)), x))
    True
    """
    return _convert(yiq, _RGB_FROM_YIQ, channel_axis)
