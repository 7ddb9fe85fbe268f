"""Named 1-D kernels used by the pyramids.

Examples
--------
>>> binomial_kernel(5) * 16
array([1., 4., 6., 4., 1.])
"""

from __future__ import annotations

from math import comb
from typing import Any

import numpy as np

from ._checks import check_int
from .errors import ParameterError

__all__ = ["binomial_kernel", "burt_adelson_kernel", "as_kernel", "BINOMIAL5"]


def binomial_kernel(size: int = 5) -> np.ndarray:
    """Return the normalised binomial kernel of odd ``size``: ``C(size-1, k) / 2**(size-1)``.

    The 5-tap kernel ``[1 4 6 4 1]/16`` is the classic Gaussian-pyramid filter of Burt & Adelson;
    it is the discrete Gaussian with variance ``(size - 1) / 4``.

    Examples
    --------
    >>> binomial_kernel(3)
    array([0.25, 0.5 , 0.25])
    """
    size = check_int(size, name="size", low=1)
    if size % 2 == 0:
        raise ParameterError(f"size must be odd; got {size}")
    n = size - 1
    return np.array([comb(n, k) for k in range(size)], dtype=np.float64) / 2.0**n


def burt_adelson_kernel(a: float = 0.375) -> np.ndarray:
    """Burt & Adelson's generating kernel ``[1/4 - a/2, 1/4, a, 1/4, 1/4 - a/2]``.

    ``a = 0.375`` gives the binomial ``[1 4 6 4 1]/16``; ``a = 0.4`` is closest to a Gaussian.

    References
    ----------
    .. [1] P. J. Burt and E. H. Adelson, "The Laplacian pyramid as a compact image code",
       IEEE Trans. Commun. 31(4), 1983.

    Examples
    --------
    >>> burt_adelson_kernel(0.4)
    array([0.05, 0.25, 0.4 , 0.25, 0.05])
    """
    return np.array([0.25 - a / 2, 0.25, a, 0.25, 0.25 - a / 2], dtype=np.float64)


BINOMIAL5 = binomial_kernel(5)


def as_kernel(kernel: Any, *, name: str = "kernel") -> tuple[float, ...]:
    """Validate a 1-D odd-length finite kernel and return it as a tuple of Python floats.

    Python floats keep the dtype of the array they multiply (float32 stays float32).
    """
    if kernel is None:
        return tuple(float(v) for v in BINOMIAL5)
    try:
        k = np.asarray(kernel, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"{name} must be a 1-D sequence of numbers; got {kernel!r}") from exc
    if k.ndim != 1 or k.size % 2 == 0:
        raise ParameterError(f"{name} must be 1-D with an odd number of taps; got shape {k.shape}")
    if not np.all(np.isfinite(k)):
        raise ParameterError(f"{name} must hold finite values; got {kernel!r}")
    return tuple(float(v) for v in k)
