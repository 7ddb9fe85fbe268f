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

import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import _array, _kernels
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


def _extended(x: Array, lo: int, hi: int, axis: int, mode: str) -> Array:
    """Samples ``lo .. hi`` (inclusive, may lie outside ``[0, n)``) of ``x`` extended by
    ``mode``."""
    xp = _array.namespace(x)
    n = x.shape[axis]
    j = np.arange(lo, hi + 1)
    if mode == "zero":
        inside = (j >= 0) & (j < n)
        block = xp.take(x, xp.asarray(np.clip(j, 0, n - 1), device=_array.device(x)), axis=axis)
        shape = [1] * x.ndim
        shape[axis] = j.size
        mask = xp.asarray(inside.reshape(shape), dtype=x.dtype, device=_array.device(x))
        return block * mask
    idx = pad_indices(n, max(0, -lo), max(0, hi - n + 1), mode)[j - min(lo, 0)]
    return xp.take(x, xp.asarray(idx, device=_array.device(x)), axis=axis)


def _fold_extended(z: Array, block: Array, lo: int, axis: int, mode: str) -> None:
    """Adjoint of :func:`_extended`: add ``block`` (samples ``lo ..``) onto the samples of ``z``
    they were copied from."""
    n, size = z.shape[axis], block.shape[axis]
    j = np.arange(lo, lo + size)
    if mode == "zero":
        src = np.where((j >= 0) & (j < n), j, -1)
    else:
        src = pad_indices(n, max(0, -lo), max(0, lo + size - n), mode)[j - min(lo, 0)]
    for i, s in enumerate(src):
        if s >= 0:
            z[_index(z.ndim, axis, int(s))] += block[_index(block.ndim, axis, i)]


# ---------------------------------------------------------------------------------------------
# Strided FIR filtering along one axis: out[p] = sum_j c_j x_ext[start + step p + o_j]
# ---------------------------------------------------------------------------------------------

Taps = Sequence[tuple[int, float]]


def _interior(n: int, count: int, taps: Taps, start: int, step: int) -> tuple[int, int]:
    """Output range ``[p0, p1)`` whose taps all fall inside ``[0, n)``."""
    lo = min(o for o, _ in taps)
    hi = max(o for o, _ in taps)
    p0 = min(count, max(0, -(-(-start - lo) // step)))
    p1 = min(count, (n - 1 - start - hi) // step + 1)
    return p0, max(p0, p1)


def _edge_blocks(n: int, count: int, taps: Taps, start: int, step: int) -> list[tuple[int, int]]:
    p0, p1 = _interior(n, count, taps, start, step)
    return [(a, b) for a, b in ((0, p0), (p1, count)) if b > a]


def _tap_sum_into(dst: Array, tap: Callable[[int], Array], weights: Sequence[float]) -> None:
    """``dst[...] = sum_j weights[j] * tap(j)``, pairing symmetric taps to save multiplications."""
    size = len(weights)
    symmetric = all(weights[k] == weights[size - 1 - k] for k in range(size // 2))
    if symmetric:
        terms = [(weights[k], (k, size - 1 - k)) for k in range(size // 2)]
        if size % 2:
            terms.append((weights[size // 2], (size // 2,)))
    else:
        terms = [(w, (k,)) for k, w in enumerate(weights)]
    first = True
    for w, ks in terms:
        if w == 0.0:
            continue
        term = tap(ks[0]) + tap(ks[1]) if len(ks) == 2 else tap(ks[0]) * 1.0
        term *= w
        if first:
            dst[...] = term
            first = False
        else:
            dst += term
    if first:
        dst[...] = 0.0


def _filter_into(dst: Array, x: Array, axis: int, mode: str, taps: Taps, start: int,
                 step: int) -> None:
    """Write ``out[p] = sum_j c_j x_ext[start + step p + o_j]`` into ``dst`` along ``axis``.

    Interior outputs read slices of ``x`` directly; only the few outputs near the ends gather an
    extended block, so no padded copy of the whole signal is made.
    """
    n, count, nd = x.shape[axis], dst.shape[axis], x.ndim
    weights = [c for _, c in taps]
    p0, p1 = _interior(n, count, taps, start, step)
    if p1 > p0:
        def tap(j: int) -> Array:
            a = start + step * p0 + taps[j][0]
            return x[_index(nd, axis, slice(a, a + step * (p1 - p0 - 1) + 1, step))]
        _tap_sum_into(dst[_index(nd, axis, slice(p0, p1))], tap, weights)
    for a, b in _edge_blocks(n, count, taps, start, step):
        lo = start + step * a + min(o for o, _ in taps)
        hi = start + step * (b - 1) + max(o for o, _ in taps)
        block = _extended(x, lo, hi, axis, mode)

        def edge_tap(j: int, block: Array = block, a: int = a, b: int = b, lo: int = lo) -> Array:
            s = start + step * a + taps[j][0] - lo
            return block[_index(nd, axis, slice(s, s + step * (b - a - 1) + 1, step))]
        _tap_sum_into(dst[_index(nd, axis, slice(a, b))], edge_tap, weights)


def _filter_adjoint_into(z: Array, y: Array, axis: int, mode: str, taps: Taps, start: int,
                         step: int) -> None:
    """Adjoint of :func:`_filter_into`: add the adjoint of ``y`` onto ``z`` (length ``n``)."""
    n, count, nd = z.shape[axis], y.shape[axis], z.ndim
    p0, p1 = _interior(n, count, taps, start, step)
    if p1 > p0:
        yi = y[_index(nd, axis, slice(p0, p1))]
        for o, c in taps:
            if c != 0.0:
                a = start + step * p0 + o
                z[_index(nd, axis, slice(a, a + step * (p1 - p0 - 1) + 1, step))] += c * yi
    for a, b in _edge_blocks(n, count, taps, start, step):
        lo = start + step * a + min(o for o, _ in taps)
        hi = start + step * (b - 1) + max(o for o, _ in taps)
        block = _zeros_like_axis(y, axis, hi - lo + 1)
        yb = y[_index(nd, axis, slice(a, b))]
        for o, c in taps:
            if c != 0.0:
                s = start + step * a + o - lo
                block[_index(nd, axis, slice(s, s + step * (b - a - 1) + 1, step))] += c * yb
        _fold_extended(z, block, lo, axis, mode)


def _source_table(n: int, lo: int, hi: int, mode: str) -> np.ndarray:
    """Sample index of every extended position ``lo .. hi`` (``-1`` for a zero sample)."""
    j = np.arange(lo, hi + 1)
    if mode == "zero":
        return np.where((j >= 0) & (j < n), j, -1)
    return pad_indices(n, max(0, -lo), max(0, hi - n + 1), mode)[j - min(lo, 0)]


@functools.lru_cache(maxsize=512)
def _kernel_plan(n: int, taps: tuple[tuple[int, float], ...], step: int, count: int, mode: str,
                 dtype: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Boundary table, tap offsets, tap weights (in ``dtype``) and first extended position for
    the compiled kernels; cached, since a pyramid asks for the same few plans over and over."""
    offs = np.array([o for o, _ in taps], dtype=np.int64)
    ws = np.array([c for _, c in taps], dtype=dtype)
    lo, hi = int(offs.min()), step * (count - 1) + int(offs.max())
    return _source_table(n, lo, hi, mode).astype(np.int64), offs, ws, lo


def _fir(x: Array, out: Array, axis: int, mode: str, taps: Taps, step: int, out_start: int,
         out_step: int, count: int) -> None:
    """``out[out_start + out_step p] = sum_j c_j x_ext[step p + o_j]`` for ``p < count``.

    NumPy float arrays take the compiled single-pass kernel of :mod:`pyrkit._kernels` when Numba
    is installed; every other array takes the array-API code in :func:`_filter_into`.
    """
    if (_kernels.AVAILABLE and _array.is_numpy_array(x) and x.dtype in (np.float32, np.float64)
            and step in (1, 2)):
        n = x.shape[axis]
        src, offs, ws, lo = _kernel_plan(n, tuple(taps), step, count, mode, x.dtype.char)
        x = np.ascontiguousarray(x)
        if axis == -2:
            kernel = _kernels.fir_rows
            x3, o3 = x.reshape(-1, n, x.shape[-1]), out.reshape(-1, out.shape[-2], out.shape[-1])
        else:
            kernel = _kernels.fir_cols
            x3, o3 = x.reshape(-1, n), out.reshape(-1, out.shape[-1])
        kernel(x3, o3, src, offs, ws, lo, 0, step, out_start, out_step, count)
        return
    dst = out[_index(out.ndim, axis, slice(out_start, out_start + out_step * (count - 1) + 1,
                                           out_step))]
    _filter_into(dst, x, axis, mode, taps, 0, step)


def _empty_like_axis(x: Array, axis: int, length: int) -> Array:
    xp = _array.namespace(x)
    shape = list(x.shape)
    shape[axis] = length
    return xp.empty(tuple(shape), dtype=x.dtype, device=_array.device(x))


def _zeros_like_axis(y: Array, axis: int, length: int) -> Array:
    xp = _array.namespace(y)
    shape = list(y.shape)
    shape[axis] = length
    return xp.zeros(tuple(shape), dtype=y.dtype, device=_array.device(y))


# ---------------------------------------------------------------------------------------------
# 1-D operators along one axis (private: inputs are trusted)
# ---------------------------------------------------------------------------------------------


def _corr_taps(w: Kernel) -> list[tuple[int, float]]:
    r = len(w) // 2
    return [(k - r, c) for k, c in enumerate(w)]


def _corr1d(x: Array, w: Kernel, axis: int, mode: str, step: int = 1) -> Array:
    """Correlate along ``axis`` with a centred odd kernel, keeping samples ``0, step, 2 step...``.

    ``out[p] = sum_k w[k] * x_ext[step * p + k - r]`` with ``r = len(w) // 2`` and ``x_ext`` the
    signal extended by the boundary rule; the output has ``ceil(n / step)`` samples.
    """
    count = -(-x.shape[axis] // step)
    out = _empty_like_axis(x, axis, count)
    _fir(x, out, axis, mode, _corr_taps(w), step, 0, 1, count)
    return out


def _corr1d_adjoint(y: Array, n: int, w: Kernel, axis: int, mode: str, step: int = 1) -> Array:
    """Adjoint of :func:`_corr1d` for an input axis of ``n`` samples."""
    z = _zeros_like_axis(y, axis, n)
    _filter_adjoint_into(z, y, axis, mode, _corr_taps(w), 0, step)
    return z


def _up_phases(w: Kernel) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """Polyphase split of "insert zeros, then correlate with ``2 w``".

    Output ``2p`` is ``sum 2 w[k] x[p + (k - r) / 2]`` over even ``k - r``; output ``2p + 1`` is
    ``sum 2 w[k] x[p + (k - r + 1) / 2]`` over odd ``k - r``.
    """
    r = len(w) // 2
    even = [((k - r) // 2, 2.0 * w[k]) for k in range(len(w)) if (k - r) % 2 == 0]
    odd = [((k - r + 1) // 2, 2.0 * w[k]) for k in range(len(w)) if (k - r) % 2 == 1]
    return even, odd


def _up1d(x: Array, n: int, w: Kernel, axis: int, mode: str) -> Array:
    """Upsample ``x`` (``ceil(n/2)`` samples) to ``n`` samples along ``axis`` and blur with ``2w``.

    Zeros are inserted at odd positions; only the non-zero products are computed (two polyphase
    filters written straight into the even and odd outputs).  The boundary is extended on the
    coarse grid, so a constant stays constant for every mode but ``zero`` when the kernel's even
    and odd taps each sum to 1/2.
    """
    out = _empty_like_axis(x, axis, n)
    for phase, taps in enumerate(_up_phases(w)):
        count = (n - phase + 1) // 2
        if count > 0 and taps:
            _fir(x, out, axis, mode, taps, 1, phase, 2, count)
        elif count > 0:
            out[_index(x.ndim, axis, slice(phase, n, 2))] = 0.0
    return out


def _up1d_adjoint(y: Array, m: int, w: Kernel, axis: int, mode: str) -> Array:
    """Adjoint of :func:`_up1d` for a coarse axis of ``m`` samples."""
    n = y.shape[axis]
    z = _zeros_like_axis(y, axis, m)
    for phase, taps in enumerate(_up_phases(w)):
        if taps and n > phase:
            yp = y[_index(y.ndim, axis, slice(phase, n, 2))]
            _filter_adjoint_into(z, yp, axis, mode, taps, 0, 1)
    return z


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
    # Rows first: the pass along the last axis (the costlier one) then runs on half the rows.
    return _up1d(_up1d(x, shape[1], w, -1, mode), shape[0], w, -2, mode)


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
