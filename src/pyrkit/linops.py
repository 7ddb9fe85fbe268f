"""Separable linear operators on images and their exact adjoints.

Build
    correlate_separable        same-size separable correlation with a boundary mode
    blur_downsample  (``G``)    blur, then keep every other sample (only kept samples are computed)
    upsample_blur    (``F``)    insert zeros, then blur with twice the kernel per axis
Adjoints
    correlate_separable_adjoint, blur_downsample_adjoint, upsample_blur_adjoint
Layers
    PyrDown, PyrUp             the same operators as layers whose backward is the adjoint

All operators act on the last two axes of an ``(..., H, W)`` array; leading axes are a batch.
Boundary modes, for a signal ``a b c d``:

============ ====================== =========================
mode         extension              also known as
============ ====================== =========================
reflect101   ``d c b | a b c d | c b a`` OpenCV BORDER_REFLECT_101, NumPy ``reflect``
symmetric    ``c b a | a b c d | d c b`` NumPy ``symmetric``, SciPy ``reflect``
periodic     ``b c d | a b c d | a b c`` NumPy ``wrap``
zero         ``0 0 0 | a b c d | 0 0 0`` NumPy ``constant``
edge         ``a a a | a b c d | d d d`` NumPy ``edge``
============ ====================== =========================

Every operator ``A`` here has an adjoint ``A^T`` with ``<A x, y> = <x, A^T y>`` to rounding error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import _array
from ._checks import as_image, check_choice
from ._layer import Layer
from .errors import ShapeError
from .filters import as_kernel

__all__ = [
    "BOUNDARY_MODES",
    "pad_indices",
    "correlate1d",
    "correlate1d_adjoint",
    "correlate_separable",
    "correlate_separable_adjoint",
    "blur_downsample",
    "blur_downsample_adjoint",
    "upsample_blur",
    "upsample_blur_adjoint",
    "coarse_shape",
    "PyrDown",
    "PyrUp",
]

Array = Any
Kernel = tuple[float, ...]

BOUNDARY_MODES = ("reflect101", "symmetric", "periodic", "zero", "edge")


# ---------------------------------------------------------------------------------------------
# Boundary extension and its adjoint (the fold)
# ---------------------------------------------------------------------------------------------


def pad_indices(n: int, left: int, right: int, mode: str) -> np.ndarray:
    """Source index of every sample of an ``n``-sample axis extended by ``left`` and ``right``.

    Not defined for ``mode="zero"`` (the extension is not a copy of any sample).

    Examples
    --------
    >>> pad_indices(4, 3, 3, "reflect101").tolist()
    [3, 2, 1, 0, 1, 2, 3, 2, 1, 0]
    >>> pad_indices(4, 2, 2, "symmetric").tolist()
    [1, 0, 0, 1, 2, 3, 3, 2]
    """
    j = np.arange(-left, n + right)
    if mode == "periodic":
        return j % n
    if mode == "edge":
        return np.clip(j, 0, n - 1)
    if mode == "symmetric":
        j = j % (2 * n)
        return np.where(j >= n, 2 * n - 1 - j, j)
    if mode == "reflect101":
        if n == 1:
            return np.zeros_like(j)
        j = j % (2 * n - 2)
        return np.where(j >= n, 2 * n - 2 - j, j)
    raise ValueError(f"no index map for mode {mode!r}")


def _index(ndim: int, axis: int, item: slice | int) -> tuple:
    """Index tuple selecting ``item`` along ``axis`` (negative) of an ``ndim``-array."""
    return (slice(None),) * (ndim + axis) + (item,)


def _pad(x: Array, left: int, right: int, axis: int, mode: str) -> Array:
    """Extend ``x`` along ``axis`` by ``left`` and ``right`` samples."""
    if left == 0 and right == 0:
        return x
    xp = _array.namespace(x)
    n = x.shape[axis]
    if mode == "zero":
        shape = list(x.shape)
        parts = []
        for count in (left, right):
            shape[axis] = count
            parts.append(xp.zeros(tuple(shape), dtype=x.dtype, device=_array.device(x)))
        return xp.concat([parts[0], x, parts[1]], axis=axis)
    idx = xp.asarray(pad_indices(n, left, right, mode), device=_array.device(x))
    return xp.take(x, idx, axis=axis)


def _pad_adjoint(y: Array, left: int, right: int, n: int, axis: int, mode: str) -> Array:
    """Adjoint of :func:`_pad`: add every extension sample back onto the sample it copies."""
    if left == 0 and right == 0:
        return y
    xp = _array.namespace(y)
    out = xp.asarray(y[_index(y.ndim, axis, slice(left, left + n))], copy=True)
    if mode == "zero":
        return out
    idx = pad_indices(n, left, right, mode)
    for j in [*range(left), *range(left + n, left + n + right)]:
        out[_index(y.ndim, axis, int(idx[j]))] += y[_index(y.ndim, axis, j)]
    return out


# ---------------------------------------------------------------------------------------------
# Weighted sums of shifted slices
# ---------------------------------------------------------------------------------------------


def _weighted_sum(tap: Callable[[int], Array], weights: Sequence[float]) -> Array:
    """``sum_k weights[k] * tap(k)``, pairing symmetric taps to halve the multiplications."""
    size = len(weights)
    symmetric = all(weights[k] == weights[size - 1 - k] for k in range(size // 2))
    out = None

    def add(term: Array) -> None:
        nonlocal out
        if out is None:
            out = term
        else:
            out += term

    if symmetric:
        for k in range(size // 2):
            if weights[k] != 0.0:
                add(weights[k] * (tap(k) + tap(size - 1 - k)))
        if size % 2 and weights[size // 2] != 0.0:
            add(weights[size // 2] * tap(size // 2))
    else:
        for k, w in enumerate(weights):
            if w != 0.0:
                add(w * tap(k))
    if out is None:  # all-zero kernel
        out = 0.0 * tap(0)
    return out


def _scatter_taps(out: Array, axis: int, starts: Sequence[int], step: int, count: int,
                  weights: Sequence[float], y: Array) -> Array:
    """Adjoint of :func:`_weighted_sum`: ``out[start_k + step*p] += weights[k] * y[p]``."""
    for start, w in zip(starts, weights):
        if w != 0.0:
            stop = start + step * (count - 1) + 1
            out[_index(out.ndim, axis, slice(start, stop, step))] += w * y
    return out


def _zeros_like_axis(y: Array, axis: int, length: int) -> Array:
    xp = _array.namespace(y)
    shape = list(y.shape)
    shape[axis] = length
    return xp.zeros(tuple(shape), dtype=y.dtype, device=_array.device(y))


# ---------------------------------------------------------------------------------------------
# 1-D operators along one axis (private: inputs are trusted)
# ---------------------------------------------------------------------------------------------


def _corr1d(x: Array, w: Kernel, axis: int, mode: str, step: int = 1) -> Array:
    """Correlate along ``axis`` with a centred odd kernel, keeping samples ``0, step, 2 step...``.

    ``out[p] = sum_k w[k] * x_ext[step * p + k]`` where ``x_ext`` is ``x`` extended by ``r =
    len(w) // 2`` samples on each side; the output has ``ceil(n / step)`` samples.
    """
    n, r = x.shape[axis], len(w) // 2
    m = -(-n // step)
    xe = _pad(x, r, r, axis, mode)
    span = step * (m - 1) + 1
    return _weighted_sum(lambda k: xe[_index(x.ndim, axis, slice(k, k + span, step))], w)


def _corr1d_adjoint(y: Array, n: int, w: Kernel, axis: int, mode: str, step: int = 1) -> Array:
    """Adjoint of :func:`_corr1d` for an input axis of ``n`` samples."""
    r, m = len(w) // 2, y.shape[axis]
    z = _zeros_like_axis(y, axis, n + 2 * r)
    _scatter_taps(z, axis, range(len(w)), step, m, w, y)
    return _pad_adjoint(z, r, r, n, axis, mode)


def _up_phases(w: Kernel) -> tuple[list[tuple[int, float]], list[tuple[int, float]], int, int]:
    """Polyphase split of upsample-then-correlate with ``2 w``.

    Returns the (coarse offset, weight) taps of the even and odd output phases and how many coarse
    samples each phase needs before the first and after the last: output ``2p`` is
    ``sum 2 w[k] x[p + (k - r) / 2]`` over even ``k - r``, output ``2p + 1`` is
    ``sum 2 w[k] x[p + (k - r + 1) / 2]`` over odd ``k - r``.
    """
    r = len(w) // 2
    even = [((k - r) // 2, 2.0 * w[k]) for k in range(len(w)) if (k - r) % 2 == 0]
    odd = [((k - r + 1) // 2, 2.0 * w[k]) for k in range(len(w)) if (k - r) % 2 == 1]
    offsets = [o for o, _ in even + odd]
    return even, odd, max(0, -min(offsets)), max(0, max(offsets))


def _up1d(x: Array, n: int, w: Kernel, axis: int, mode: str) -> Array:
    """Upsample ``x`` (``ceil(n/2)`` samples) to ``n`` samples along ``axis`` and blur with ``2w``.

    Zeros are inserted at odd positions; only the non-zero products are computed (two polyphase
    filters).  The boundary is extended on the coarse grid, so a constant stays constant for every
    mode but ``zero`` when the kernel's even and odd taps each sum to 1/2.
    """
    m = x.shape[axis]
    even, odd, left, right = _up_phases(w)
    xe = _pad(x, left, right, axis, mode)
    out = _zeros_like_axis(x, axis, n)
    for phase, taps, count in ((0, even, m), (1, odd, n // 2)):
        if count == 0:
            continue
        ws = [t for _, t in taps]
        part = _weighted_sum(
            lambda k: xe[_index(x.ndim, axis, slice(taps[k][0] + left, taps[k][0] + left + count))],
            ws,
        )
        out[_index(x.ndim, axis, slice(phase, n, 2))] = part
    return out


def _up1d_adjoint(y: Array, m: int, w: Kernel, axis: int, mode: str) -> Array:
    """Adjoint of :func:`_up1d` for a coarse axis of ``m`` samples."""
    n = y.shape[axis]
    even, odd, left, right = _up_phases(w)
    z = _zeros_like_axis(y, axis, m + left + right)
    for phase, taps, count in ((0, even, m), (1, odd, n // 2)):
        if count == 0:
            continue
        yp = y[_index(y.ndim, axis, slice(phase, n, 2))]
        _scatter_taps(z, axis, [o + left for o, _ in taps], 1, count, [t for _, t in taps], yp)
    return _pad_adjoint(z, left, right, m, axis, mode)


# ---------------------------------------------------------------------------------------------
# 2-D operators (private versions used in inner loops, public versions validate)
# ---------------------------------------------------------------------------------------------


def coarse_shape(shape: Sequence[int]) -> tuple[int, int]:
    """Spatial shape one level coarser: ``(ceil(H/2), ceil(W/2))``.

    Examples
    --------
    >>> coarse_shape((5, 7))
    (3, 4)
    """
    h, w = shape[-2:]
    return (h + 1) // 2, (w + 1) // 2


def _down2d(x: Array, w: Kernel, mode: str) -> Array:
    return _corr1d(_corr1d(x, w, -2, mode, step=2), w, -1, mode, step=2)


def _down2d_adjoint(y: Array, shape: tuple[int, int], w: Kernel, mode: str) -> Array:
    z = _corr1d_adjoint(y, shape[1], w, -1, mode, step=2)
    return _corr1d_adjoint(z, shape[0], w, -2, mode, step=2)


def _up2d(x: Array, shape: tuple[int, int], w: Kernel, mode: str) -> Array:
    return _up1d(_up1d(x, shape[0], w, -2, mode), shape[1], w, -1, mode)


def _up2d_adjoint(y: Array, w: Kernel, mode: str) -> Array:
    m = coarse_shape(y.shape)
    return _up1d_adjoint(_up1d_adjoint(y, m[1], w, -1, mode), m[0], w, -2, mode)


def _validate(x: Any, kernel: Any, boundary: str, name: str = "x") -> tuple[Array, Kernel]:
    check_choice(boundary, name="boundary", choices=BOUNDARY_MODES)
    return as_image(x, name=name), as_kernel(kernel)


def _check_fine_shape(shape: Sequence[int], coarse: Sequence[int]) -> tuple[int, int]:
    shape = (int(shape[-2]), int(shape[-1]))
    if coarse_shape(shape) != tuple(coarse[-2:]):
        raise ShapeError(
            f"shape must be a fine shape whose coarser level is {tuple(coarse[-2:])}; got {shape}"
        )
    return shape


_BOUNDARY_DOC = """boundary : {'reflect101', 'symmetric', 'periodic', 'zero', 'edge'}, optional
        How the image is extended past its edges (see the module docstring).
        Default ``'reflect101'``."""


def correlate1d(x: Array, kernel: Any, *, axis: int = -1, boundary: str = "reflect101") -> Array:
    """Correlate along one axis with a centred odd-length kernel; the output has the input's size.

    Parameters
    ----------
    x : array, shape (..., H, W)
    kernel : sequence of float, odd length
    axis : {-1, -2}
    boundary : str
        See :mod:`pyrkit.linops`.

    Examples
    --------
    >>> correlate1d(np.array([[0., 0., 1., 0., 0.]]), [1, 2, 3])
    array([[0., 3., 2., 1., 0.]])
    """
    x, w = _validate(x, kernel, boundary)
    return _corr1d(x, w, axis, boundary)


def correlate1d_adjoint(y: Array, kernel: Any, *, axis: int = -1,
                        boundary: str = "reflect101") -> Array:
    """Adjoint of :func:`correlate1d` (same parameters)."""
    y, w = _validate(y, kernel, boundary, "y")
    return _corr1d_adjoint(y, y.shape[axis], w, axis, boundary)


def correlate_separable(x: Array, kernel: Any, kernel_x: Any = None, *,
                        boundary: str = "reflect101") -> Array:
    """Separable correlation over the last two axes: ``kernel`` down the columns (axis -2), then
    ``kernel_x`` (default: the same) along the rows (axis -1).

    Examples
    --------
    >>> x = np.zeros((3, 3)); x[1, 1] = 1
    >>> correlate_separable(x, [1, 2, 1], boundary="zero") / 16
    array([[0.0625, 0.125 , 0.0625],
           [0.125 , 0.25  , 0.125 ],
           [0.0625, 0.125 , 0.0625]])
    """
    x, wy = _validate(x, kernel, boundary)
    wx = wy if kernel_x is None else as_kernel(kernel_x, name="kernel_x")
    return _corr1d(_corr1d(x, wy, -2, boundary), wx, -1, boundary)


def correlate_separable_adjoint(y: Array, kernel: Any, kernel_x: Any = None, *,
                                boundary: str = "reflect101") -> Array:
    """Adjoint of :func:`correlate_separable` (same parameters)."""
    y, wy = _validate(y, kernel, boundary, "y")
    wx = wy if kernel_x is None else as_kernel(kernel_x, name="kernel_x")
    z = _corr1d_adjoint(y, y.shape[-1], wx, -1, boundary)
    return _corr1d_adjoint(z, y.shape[-2], wy, -2, boundary)


def blur_downsample(x: Array, *, kernel: Any = None, boundary: str = "reflect101") -> Array:
    """The Gaussian-pyramid reduction ``G``: blur with ``kernel`` on both axes, keep even samples.

    Only the kept samples are computed.  An ``n``-sample axis becomes ``ceil(n/2)`` samples.

    Parameters
    ----------
    x : array, shape (..., H, W)
        Float32 or float64 (integers are scaled to [0, 1] in float64).
    kernel : sequence of float, odd length, optional
        Default the binomial ``[1 4 6 4 1]/16``.
    boundary : str
        See :mod:`pyrkit.linops`.

    Returns
    -------
    array, shape (..., ceil(H/2), ceil(W/2))

    See Also
    --------
    upsample_blur, blur_downsample_adjoint

    Notes
    -----
    Convention: the coarse level of an ``n``-sample axis has ``ceil(n/2)`` samples (OpenCV's
    ``pyrDown`` agrees; kornia floors).  ``y[p] = sum_k w[k] x[2p + k - r]``.

    Examples
    --------
    >>> blur_downsample(np.ones((5, 7))).shape
    (3, 4)
    >>> x = np.zeros((1, 8)); x[0, 4] = 16
    >>> blur_downsample(x)[0] * 16
    array([ 0., 16., 96., 16.])
    """
    x, w = _validate(x, kernel, boundary)
    return _down2d(x, w, boundary)


def blur_downsample_adjoint(y: Array, shape: Sequence[int], *, kernel: Any = None,
                            boundary: str = "reflect101") -> Array:
    """Adjoint ``G^T`` of :func:`blur_downsample` onto a fine grid of spatial ``shape``."""
    y, w = _validate(y, kernel, boundary, "y")
    return _down2d_adjoint(y, _check_fine_shape(shape, y.shape), w, boundary)


def upsample_blur(x: Array, shape: Sequence[int] | None = None, *, kernel: Any = None,
                  boundary: str = "reflect101") -> Array:
    """The Laplacian-pyramid expansion ``F``: insert zeros, blur with ``2 * kernel`` per axis.

    Parameters
    ----------
    x : array, shape (..., h, w)
    shape : (H, W), optional
        Output spatial shape, with ``ceil(H/2) == h`` and ``ceil(W/2) == w``. Default
        ``(2h, 2w)``.
    kernel, boundary
        As in :func:`blur_downsample`.

    Notes
    -----
    The boundary is extended on the coarse grid, so ``F`` maps a constant to the same constant.

    Examples
    --------
    >>> upsample_blur(np.ones((3, 4)), (5, 7))
    array([[1., 1., 1., 1., 1., 1., 1.],
           [1., 1., 1., 1., 1., 1., 1.],
           [1., 1., 1., 1., 1., 1., 1.],
           [1., 1., 1., 1., 1., 1., 1.],
           [1., 1., 1., 1., 1., 1., 1.]])
    """
    x, w = _validate(x, kernel, boundary)
    if shape is None:
        shape = (2 * x.shape[-2], 2 * x.shape[-1])
    return _up2d(x, _check_fine_shape(shape, x.shape), w, boundary)


def upsample_blur_adjoint(y: Array, *, kernel: Any = None, boundary: str = "reflect101") -> Array:
    """Adjoint ``F^T`` of :func:`upsample_blur`; the output has ``ceil(n/2)`` samples per axis."""
    y, w = _validate(y, kernel, boundary, "y")
    return _up2d_adjoint(y, w, boundary)


# ---------------------------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------------------------


class PyrDown(Layer):
    """:func:`blur_downsample` as a layer; ``backward`` is its adjoint."""

    def __init__(self, *, kernel: Any = None, boundary: str = "reflect101") -> None:
        super().__init__()
        check_choice(boundary, name="boundary", choices=BOUNDARY_MODES)
        self.kernel = as_kernel(kernel)
        self.boundary = boundary
        self._shape: tuple[int, int] | None = None

    def forward(self, x: Array) -> Array:
        self._shape = (x.shape[-2], x.shape[-1])
        return blur_downsample(x, kernel=self.kernel, boundary=self.boundary)

    def backward(self, grad_out: Array) -> Array:
        if self._shape is None:
            raise RuntimeError("PyrDown.backward called before forward")
        return blur_downsample_adjoint(grad_out, self._shape, kernel=self.kernel,
                                       boundary=self.boundary)

    def config(self) -> dict[str, Any]:
        return {"kernel": self.kernel, "boundary": self.boundary}


class PyrUp(Layer):
    """:func:`upsample_blur` as a layer; ``backward`` is its adjoint.

    ``shape`` fixes the output's spatial size; by default each axis doubles.
    """

    def __init__(self, shape: Sequence[int] | None = None, *, kernel: Any = None,
                 boundary: str = "reflect101") -> None:
        super().__init__()
        check_choice(boundary, name="boundary", choices=BOUNDARY_MODES)
        self.shape = None if shape is None else (int(shape[-2]), int(shape[-1]))
        self.kernel = as_kernel(kernel)
        self.boundary = boundary

    def forward(self, x: Array) -> Array:
        return upsample_blur(x, self.shape, kernel=self.kernel, boundary=self.boundary)

    def backward(self, grad_out: Array) -> Array:
        return upsample_blur_adjoint(grad_out, kernel=self.kernel, boundary=self.boundary)

    def config(self) -> dict[str, Any]:
        return {"shape": self.shape, "kernel": self.kernel, "boundary": self.boundary}
