"""Spatial steps shared by the magnification methods."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import as_float, check_float
from ..errors import ShapeError
from ..linops import _corr1d

__all__ = ["amplitude_weighted_blur", "wrap_phase"]

Array = Any


def wrap_phase(x: Array) -> Array:
    """Wrap angles to ``(-pi, pi]``.

    Examples
    --------
    >>> wrap_phase(np.array([np.pi, -np.pi, 3 * np.pi / 2, 0.5])).round(4)
    array([ 3.1416,  3.1416, -1.5708,  0.5   ])
    """
    x = np.asarray(x)
    out = np.mod(x + np.pi, 2 * np.pi) - np.pi
    out[out == -np.pi] = np.pi
    return out


def _gaussian(x: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian smoothing over the last two axes with the project's separable routine.

    The kernel is the sampled Gaussian truncated at ``3 sigma`` and normalised to sum 1, with
    half-sample symmetric edges (``scipy.ndimage.gaussian_filter(..., mode="reflect",
    truncate=3.0)`` computes the same).
    """
    radius = int(3.0 * sigma + 0.5)
    t = np.arange(-radius, radius + 1, dtype=np.float64)
    w = np.exp(-0.5 * (t / sigma) ** 2)
    kernel = tuple(float(v) for v in w / w.sum())
    return _corr1d(_corr1d(x, kernel, -2, "symmetric"), kernel, -1, "symmetric")


def _weighted_sums(x: np.ndarray, weight: np.ndarray, sigma: float) -> np.ndarray:
    """``G * (w x)`` over the last two axes (unnormalised: for ratios that cancel ``G * w``)."""
    return _gaussian(x * weight, sigma)


def _blur(x: np.ndarray, weight: np.ndarray, sigma: float) -> np.ndarray:
    """Trusted core of :func:`amplitude_weighted_blur` over the last two axes (x may be stacked:
    ``(..., H, W)`` with ``weight`` of shape ``(H, W)``)."""
    if sigma <= 0:
        return x
    num = _gaussian(x * weight, sigma)
    den = _gaussian(weight, sigma)
    den += np.finfo(den.dtype).tiny + 1e-12 * float(den.max(initial=0.0))
    return num / den


def amplitude_weighted_blur(x: Any, weight: Any, sigma: float) -> np.ndarray:
    """Gaussian smoothing of ``x`` weighted by ``weight``: ``G*(w x) / G*w``.

    Used on filtered local phases with the local amplitude as weight (Wadhwa et al. 2013,
    Section 4): phase is unreliable where the amplitude is small, so those pixels borrow the phase
    of their stronger neighbours.  ``sigma = 0`` returns ``x`` unchanged.

    Parameters
    ----------
    x : array, shape (..., H, W)
    weight : array, shape (H, W), non-negative
    sigma : float
        Standard deviation of the Gaussian in pixels.

    Examples
    --------
    >>> x = np.array([[0.0, 1.0, 0.0, 0.0]])
    >>> amplitude_weighted_blur(x, np.array([[1.0, 1.0, 0.0, 0.0]]), 1.0).round(3)
    array([[0.316, 0.577, 0.806, 0.929]])
    """
    x = as_float(x, name="x")
    weight = as_float(weight, name="weight")
    sigma = check_float(sigma, name="sigma", low=0.0)
    if x.ndim < 2 or weight.shape != x.shape[-2:]:
        raise ShapeError(f"weight must have the shape of x's last two axes {x.shape[-2:]}; "
                         f"got {weight.shape}")
    return _blur(x, weight, sigma)
