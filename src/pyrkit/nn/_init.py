"""Weight initialisation (Glorot & Bengio 2010; He et al. 2015) and the dtype/rng arguments.

Every random draw goes through a :class:`numpy.random.Generator` passed in by the caller; nothing
here touches NumPy's global random state.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import check_choice, check_float_dtype

__all__ = ["INITS", "as_rng", "as_dtype", "init_weight"]

#: Initialisation schemes understood by :func:`init_weight`.
INITS = ("xavier", "he", "zeros")


def as_rng(rng: Any) -> np.random.Generator:
    """Return a Generator: ``rng`` itself, ``default_rng(rng)`` for an int, fresh for ``None``.

    Pass a Generator or an int for reproducible weights.

    Examples
    --------
    >>> as_rng(0).integers(10, size=3).tolist() == np.random.default_rng(0).integers(10, size=3).tolist()
    True
    """
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(rng)


def as_dtype(dtype: Any) -> np.dtype:
    """The parameter dtype: float32 or float64 (see :func:`pyrkit._checks.check_float_dtype`)."""
    return check_float_dtype(dtype)


def init_weight(shape: tuple[int, ...], fan_in: int, fan_out: int, *, init: str = "xavier",
                rng: Any = None, dtype: Any = np.float64) -> np.ndarray:
    """Draw a weight array.

    ``"xavier"`` (Glorot uniform): ``U(-a, a)`` with ``a = sqrt(6 / (fan_in + fan_out))``, so the
    activation and gradient variances are preserved through tanh/sigmoid layers.
    ``"he"`` (Kaiming normal): ``N(0, 2 / fan_in)``, the same for ReLU layers, which zero half
    their inputs.  ``"zeros"``: all zero.

    References
    ----------
    .. [1] X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward
       neural networks", AISTATS 2010.
    .. [2] K. He et al., "Delving deep into rectifiers", ICCV 2015.

    Examples
    --------
    >>> w = init_weight((400, 300), 400, 300, init="he", rng=0)
    >>> round(float(w.std() ** 2 * 400), 1)
    2.0
    """
    check_choice(init, name="init", choices=INITS)
    dt, g = as_dtype(dtype), as_rng(rng)
    if init == "xavier":
        a = np.sqrt(6.0 / (fan_in + fan_out))
        w = g.uniform(-a, a, size=shape)
    elif init == "he":
        w = g.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)
    else:
        w = np.zeros(shape)
    return w.astype(dt)
