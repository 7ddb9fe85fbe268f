"""Input validation at the public boundary.

Public functions call these helpers once on entry; private helpers trust their inputs.  Every
failure raises a :class:`pyrkit.errors.PyrkitError` subclass whose message names the argument,
what was expected and what was received.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from . import _array
from .errors import DTypeError, NonFiniteError, ParameterError, ShapeError

Array = Any


def as_float(x: Any, *, name: str = "image", finite: bool = True) -> Array:
    """Return ``x`` as a non-empty floating array in pyrkit's working dtype.

    Integer and boolean arrays are scaled to [0, 1] by the largest value of their type (uint8 by
    255, uint16 by 65535); float16 becomes float32; float32 and float64 are returned unchanged.
    Objects that are not arrays of a supported backend are converted with :func:`numpy.asarray`.

    Raises
    ------
    DTypeError
        If the data are complex, strings or objects.
    ShapeError
        If the array is empty.
    NonFiniteError
        If ``finite`` and the array holds NaN or Inf.
    """
    if not _array.is_array(x):
        try:
            x = np.asarray(x)
        except (TypeError, ValueError) as exc:
            raise DTypeError(f"{name} must be a numeric array; got {type(x).__name__}") from exc
    xp = _array.namespace(x)
    dtype = x.dtype
    if xp.isdtype(dtype, "complex floating") or not xp.isdtype(dtype, ("numeric", "bool")):
        raise DTypeError(f"{name} must be a real numeric array; got dtype {dtype}")
    if x.ndim == 0 or any(n == 0 for n in x.shape):
        raise ShapeError(f"{name} must be a non-empty array; got shape {tuple(x.shape)}")
    target = _array.working_dtype(dtype, xp)
    if xp.isdtype(dtype, "bool"):
        x = xp.astype(x, target)
    elif xp.isdtype(dtype, "integral"):
        x = xp.astype(x, target) / float(xp.iinfo(dtype).max)
    elif dtype != target:
        x = xp.astype(x, target)
    if finite and not bool(xp.all(xp.isfinite(x))):
        raise NonFiniteError(f"{name} must hold only finite values; got NaN or Inf")
    return x


def check_ndim(x: Array, *, name: str, ndim: Iterable[int] | None = None, min_ndim: int = 0) -> None:
    """Raise :class:`ShapeError` unless ``x.ndim`` is in ``ndim`` (or at least ``min_ndim``)."""
    allowed = tuple(ndim) if ndim is not None else None
    if (allowed is not None and x.ndim not in allowed) or x.ndim < min_ndim:
        want = " or ".join(f"{n}-D" for n in allowed) if allowed else f"at least {min_ndim}-D"
        raise ShapeError(f"{name} must be {want}; got shape {tuple(x.shape)}")


def as_image(
    x: Any,
    *,
    name: str = "image",
    channel_axis: int | None = None,
    min_ndim: int = 2,
    ndim: Iterable[int] | None = None,
) -> Array:
    """Validate an image or a batch of images and convert it to the working dtype.

    The core convention is ``(..., H, W)``; with ``channel_axis`` the array must also have that
    axis (it is checked here and moved out of the way by :func:`channels_first`).
    """
    x = as_float(x, name=name)
    need = min_ndim + (channel_axis is not None)
    check_ndim(x, name=name, ndim=ndim, min_ndim=need)
    if channel_axis is not None:
        normalize_axis(channel_axis, x.ndim, name="channel_axis")
    return x


def check_float_dtype(dtype: Any, *, name: str = "dtype") -> np.dtype:
    """Return ``dtype`` as a NumPy float32 or float64 dtype, or raise :class:`DTypeError`.

    Examples
    --------
    >>> check_float_dtype("float32")
    dtype('float32')
    """
    try:
        dt = np.dtype(dtype)
    except TypeError as exc:
        raise DTypeError(f"{name} must be float32 or float64; got {dtype!r}") from exc
    if dt not in (np.float32, np.float64):
        raise DTypeError(f"{name} must be float32 or float64; got {dt}")
    return dt


def normalize_axis(axis: int, ndim: int, *, name: str = "axis") -> int:
    """Return ``axis`` in ``range(ndim)``, or raise :class:`ParameterError`."""
    if not isinstance(axis, (int, np.integer)) or not -ndim <= axis < ndim:
        raise ParameterError(f"{name} must be an integer in [{-ndim}, {ndim - 1}]; got {axis!r}")
    return int(axis) % ndim


def channels_first(x: Array, channel_axis: int | None) -> Array:
    """Move ``channel_axis`` to axis 0 so the spatial axes are the last two.

    The result is made contiguous, so the filters that follow run on unit-stride rows.
    """
    if channel_axis is None:
        return x
    xp = _array.namespace(x)
    return _array.ascontiguous(xp.moveaxis(x, normalize_axis(channel_axis, x.ndim), 0))


def channels_back(x: Array, channel_axis: int | None) -> Array:
    """Undo :func:`channels_first` for an array of the same rank."""
    if channel_axis is None:
        return x
    xp = _array.namespace(x)
    return xp.moveaxis(x, 0, normalize_axis(channel_axis, x.ndim))


def check_int(value: Any, *, name: str, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int in ``[low, high]``, or raise :class:`ParameterError`."""
    ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    if ok and (low is None or value >= low) and (high is None or value <= high):
        return int(value)
    lo = "-inf" if low is None else str(low)
    hi = "inf" if high is None else str(high)
    raise ParameterError(f"{name} must be an integer in [{lo}, {hi}]; got {value!r}")


def check_float(
    value: Any, *, name: str, low: float | None = None, high: float | None = None,
    low_open: bool = False,
) -> float:
    """Return ``value`` as a finite float in the given range, or raise :class:`ParameterError`."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = float("nan")
    below = low is not None and (v <= low if low_open else v < low)
    above = high is not None and v > high
    if not np.isfinite(v) or below or above:
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        bracket = "(" if low_open else "["
        raise ParameterError(f"{name} must be a number in {bracket}{lo}, {hi}]; got {value!r}")
    return v


def check_choice(value: Any, *, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``, or raise :class:`ParameterError`."""
    if value not in choices:
        raise ParameterError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value
