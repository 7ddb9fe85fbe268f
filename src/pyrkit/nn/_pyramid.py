"""Pyramid stages as network layers, with fixed or learnable generating kernels.

``BlurDownsample`` is the Gaussian-pyramid reduction ``G_w`` and ``UpsampleBlur`` the expansion
``F_w`` of :mod:`pyrkit.linops`, and ``LaplacianBand`` is one Laplacian level
``L = (I - F_w G_w) x`` with a single shared kernel.  Their input gradient is the operator's
adjoint (``G^T``, ``F^T``, ``I - G^T F^T``), computed by the same private routines as the
pyramids.  With ``learnable=True`` the 1-D kernel ``w`` is a parameter; its gradient is derived
below.

Kernel gradient
    ``G_w = D_2 C_w D_1 C_w``: a 1-D correlate-and-decimate pass down the columns, ``z = C_w x``,
    then one along the rows, ``y = C_w z``, each ``out[p] = sum_k w[k] ext(in)[2p + k]``.  ``w``
    enters both passes, so with ``g = dC/dy`` and ``g_z = C_w^T g`` (the row pass's adjoint)::

        dC/dw[k] = sum_p g[p] ext_rows(z)[2p + k]  +  sum_p g_z[p] ext_cols(x)[2p + k]

    ``F_w`` is the same with the polyphase upsampling pass ``out[2p + phase] = sum 2 w[k]
    ext(in)[p + o_k]``: ``dC/dw[k] = 2 sum_p g[2p + phase_k] ext(in)[p + o_k]`` per pass, summed
    over the two passes.  A shared kernel (``LaplacianBand``) sums the contributions of ``G`` and
    ``F``.  Every case is checked against finite differences in the tests.

``SteerableBands`` is the real steerable pyramid (:func:`pyrkit.pyramids.steerable_bank`) as a
fixed linear layer: a tight frame, so its adjoint is its synthesis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._checks import check_choice
from .._layer import Layer
from ..errors import ShapeError
from ..filters import as_kernel
from ..linops import (BOUNDARY_MODES, _corr1d, _corr1d_adjoint, _down2d, _down2d_adjoint,
                      _extended, _index, _up1d, _up1d_adjoint, _up2d, _up2d_adjoint, _up_phases,
                      coarse_shape)
from ..pyramids import steerable_bank
from ._core import check_forward_called
from ._init import as_dtype

__all__ = ["BlurDownsample", "UpsampleBlur", "LaplacianBand", "SteerableBands",
           "down_taps_grad", "up_taps_grad"]

Array = Any
Kernel = tuple[float, ...]


def _corr1d_taps_grad(x: Array, g: Array, size: int, axis: int, mode: str, step: int) -> Array:
    """``dC/dw[k] = sum_p g[p] ext(x)[step p + k]`` for ``_corr1d(x, w, axis, mode, step)``."""
    r, m = size // 2, g.shape[axis]
    xe = _extended(x, -r, step * (m - 1) + r, axis, mode)
    span = step * (m - 1) + 1
    return np.array([np.sum(g * xe[_index(x.ndim, axis, slice(k, k + span, step))],
                            dtype=np.float64) for k in range(size)])


def _up1d_taps_grad(x: Array, g: Array, size: int, axis: int, mode: str) -> Array:
    """``dC/dw[k]`` for ``_up1d(x, n, w, axis, mode)`` with ``n = g.shape[axis]``."""
    r, n, m = size // 2, g.shape[axis], x.shape[axis]
    offsets = [o for phase in _up_phases((1.0,) * size) for o, _ in phase]
    left, right = max(0, -min(offsets)), max(0, max(offsets))
    xe = _extended(x, -left, m - 1 + right, axis, mode)
    out = np.zeros(size)
    for k in range(size):
        phase, offset = ((0, (k - r) // 2) if (k - r) % 2 == 0 else (1, (k - r + 1) // 2))
        count = m if phase == 0 else n // 2
        if count:
            gp = g[_index(g.ndim, axis, slice(phase, n, 2))]
            xs = xe[_index(x.ndim, axis, slice(offset + left, offset + left + count))]
            out[k] = 2.0 * np.sum(gp * xs, dtype=np.float64)
    return out


def down_taps_grad(x: Array, grad_out: Array, kernel: Any, *, boundary: str = "reflect101"
                   ) -> tuple[Array, np.ndarray]:
    """Input and kernel gradients of ``y = blur_downsample(x, kernel=w)`` given ``dC/dy``.

    Returns ``(dC/dx, dC/dw)``; ``dC/dx`` is ``blur_downsample_adjoint(grad_out)``.

    Examples
    --------
    On a constant image each of the 4 outputs is ``(sum w)^2``, so ``d sum(y) / dw_k = 8 sum w``:

    >>> _, dw = down_taps_grad(np.ones((4, 4)), np.ones((2, 2)), [0.25, 0.5, 0.25])
    >>> dw
    array([8., 8., 8.])
    """
    w = as_kernel(kernel)
    z = _corr1d(x, w, -2, boundary, step=2)
    dw = _corr1d_taps_grad(z, grad_out, len(w), -1, boundary, 2)
    gz = _corr1d_adjoint(grad_out, z.shape[-1], w, -1, boundary, step=2)
    dw += _corr1d_taps_grad(x, gz, len(w), -2, boundary, 2)
    return _corr1d_adjoint(gz, x.shape[-2], w, -2, boundary, step=2), dw


def up_taps_grad(x: Array, grad_out: Array, kernel: Any, *, boundary: str = "reflect101"
                 ) -> tuple[Array, np.ndarray]:
    """Input and kernel gradients of ``y = upsample_blur(x, grad_out.shape, kernel=w)``.

    Returns ``(dC/dx, dC/dw)``; ``dC/dx`` is ``upsample_blur_adjoint(grad_out)``.
    """
    w = as_kernel(kernel)
    z = _up1d(x, grad_out.shape[-2], w, -2, boundary)
    dw = _up1d_taps_grad(z, grad_out, len(w), -1, boundary)
    gz = _up1d_adjoint(grad_out, x.shape[-1], w, -1, boundary)
    dw += _up1d_taps_grad(x, gz, len(w), -2, boundary)
    return _up1d_adjoint(gz, x.shape[-2], w, -2, boundary), dw


class _KernelLayer(Layer):
    """Holds the kernel (a parameter when ``learnable``) and the boundary mode."""

    def __init__(self, kernel: Any, boundary: str, learnable: bool, dtype: Any) -> None:
        super().__init__()
        self.boundary = check_choice(boundary, name="boundary", choices=BOUNDARY_MODES)
        self.learnable = bool(learnable)
        self.dtype = as_dtype(dtype)
        self.kernel = np.array(as_kernel(kernel), dtype=self.dtype)
        self.grad_kernel = np.zeros_like(self.kernel)
        self._x: Array = None

    @property
    def _w(self) -> Kernel:
        return tuple(float(v) for v in self.kernel)

    def _accumulate(self, dw: np.ndarray) -> None:
        if self.learnable:
            self.grad_kernel += dw.astype(self.dtype)

    def params(self) -> dict[str, Array]:
        return {"kernel": self.kernel} if self.learnable else {}

    def grads(self) -> dict[str, Array]:
        return {"kernel": self.grad_kernel} if self.learnable else {}

    def config(self) -> dict[str, Any]:
        return {"kernel": self.kernel.tolist(), "boundary": self.boundary,
                "learnable": self.learnable, "dtype": self.dtype.name}


class BlurDownsample(_KernelLayer):
    """The reduction ``G_w`` (:func:`pyrkit.linops.blur_downsample`) as a layer on ``(..., H, W)``.

    Parameters
    ----------
    kernel : sequence of float, odd length, optional
        Initial generating kernel; default binomial ``[1 4 6 4 1]/16``.
    boundary : str
        See :mod:`pyrkit.linops`.
    learnable : bool
        Make the kernel a parameter (``params()["kernel"]``).
    dtype : float32 or float64
        Dtype of the kernel parameter.

    Examples
    --------
    >>> layer = BlurDownsample(learnable=True)
    >>> layer.forward(np.ones((1, 4, 6))).shape
    (1, 2, 3)
    >>> _ = layer.backward(np.ones((1, 2, 3))); layer.grad_kernel   # d sum(y)/dw = 2 sum(y)/sum(w)
    array([12., 12., 12., 12., 12.])
    """

    def __init__(self, *, kernel: Any = None, boundary: str = "reflect101",
                 learnable: bool = False, dtype: Any = np.float64) -> None:
        super().__init__(kernel, boundary, learnable, dtype)

    def forward(self, x: Array) -> Array:
        if x.ndim < 2:
            raise ShapeError(f"BlurDownsample input must be (..., H, W); got {tuple(x.shape)}")
        self._x = x
        return _down2d(x, self._w, self.boundary)

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._x)
        if not self.learnable:
            return _down2d_adjoint(grad_out, tuple(self._x.shape[-2:]), self._w, self.boundary)
        dx, dw = down_taps_grad(self._x, grad_out, self._w, boundary=self.boundary)
        self._accumulate(dw)
        return dx


class UpsampleBlur(_KernelLayer):
    """The expansion ``F_w`` (:func:`pyrkit.linops.upsample_blur`) as a layer on ``(..., h, w)``.

    Parameters
    ----------
    shape : (H, W), optional
        Output spatial shape (``ceil(H/2) == h``); default ``(2h, 2w)``.
    kernel, boundary, learnable, dtype
        As in :class:`BlurDownsample`.
    """

    def __init__(self, shape: Sequence[int] | None = None, *, kernel: Any = None,
                 boundary: str = "reflect101", learnable: bool = False,
                 dtype: Any = np.float64) -> None:
        super().__init__(kernel, boundary, learnable, dtype)
        self.shape = None if shape is None else (int(shape[-2]), int(shape[-1]))

    def forward(self, x: Array) -> Array:
        if x.ndim < 2:
            raise ShapeError(f"UpsampleBlur input must be (..., h, w); got {tuple(x.shape)}")
        shape = self.shape or (2 * x.shape[-2], 2 * x.shape[-1])
        if coarse_shape(shape) != tuple(x.shape[-2:]):
            raise ShapeError(f"UpsampleBlur input must be {coarse_shape(shape)} for output "
                             f"{shape}; got {tuple(x.shape[-2:])}")
        self._x = x
        return _up2d(x, shape, self._w, self.boundary)

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._x)
        if not self.learnable:
            return _up2d_adjoint(grad_out, self._w, self.boundary)
        dx, dw = up_taps_grad(self._x, grad_out, self._w, boundary=self.boundary)
        self._accumulate(dw)
        return dx

    def config(self) -> dict[str, Any]:
        return {"shape": None if self.shape is None else list(self.shape), **super().config()}


class LaplacianBand(_KernelLayer):
    """One Laplacian-pyramid level ``L = x - F_w G_w x`` with one shared kernel ``w``.

    The band-pass residual of predicting ``x`` from its blurred, decimated version.  With
    ``learnable=True`` the kernel gradient sums its contributions through ``G`` and ``F``.
    ``last_lowpass`` holds ``G_w x`` from the latest forward pass, so ``x = L + F_w(lowpass)``.

    Examples
    --------
    >>> band = LaplacianBand()
    >>> float(np.abs(band.forward(np.ones((5, 7)))).max())   # constants are predicted exactly
    0.0
    """

    def __init__(self, *, kernel: Any = None, boundary: str = "reflect101",
                 learnable: bool = False, dtype: Any = np.float64) -> None:
        super().__init__(kernel, boundary, learnable, dtype)
        self.last_lowpass: Array = None

    def forward(self, x: Array) -> Array:
        if x.ndim < 2:
            raise ShapeError(f"LaplacianBand input must be (..., H, W); got {tuple(x.shape)}")
        self._x = x
        w, b = self._w, self.boundary
        low = _down2d(x, w, b)
        self.last_lowpass = low
        return x - _up2d(low, tuple(x.shape[-2:]), w, b)

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._x)
        # y = x - F(G x): dC/d(Fout) = -g.
        g_low, dw_f = up_taps_grad(self.last_lowpass, -grad_out, self._w, boundary=self.boundary)
        g_x, dw_g = down_taps_grad(self._x, g_low, self._w, boundary=self.boundary)
        self._accumulate(dw_f + dw_g)
        return grad_out + g_x


class SteerableBands(Layer):
    """The real steerable pyramid's analysis as a fixed linear layer.

    ``forward`` maps ``(..., H, W)`` to ``(..., n_coefficients)``: every band of
    :func:`pyrkit.pyramids.steerable_bank` (``complex=False``), raveled in key order
    (``"highpass"``, ``(0, 0) ...``, ``"lowpass"``).  The bank is a tight frame, so ``backward``
    (the adjoint) is the bank's synthesis applied to the gradient split back into bands.

    Parameters
    ----------
    levels : int, optional
        Octaves of band-pass filters (default: lowpass at least 8 pixels).
    order : int
        Angular order; ``order + 1`` orientations.
    twidth : float
        Radial transition width in octaves.

    Examples
    --------
    >>> layer = SteerableBands(levels=1, order=1)
    >>> y = layer.forward(np.ones((2, 8, 8)))
    >>> y.shape, bool(np.allclose(layer.backward(y), 1.0))
    ((2, 208), True)
    """

    def __init__(self, *, levels: int | None = None, order: int = 3, twidth: float = 1.0) -> None:
        super().__init__()
        self.levels, self.order, self.twidth = levels, int(order), float(twidth)
        self._bank: Any = None
        self._lead: tuple[int, ...] = ()

    def forward(self, x: Array) -> Array:
        if x.ndim < 2:
            raise ShapeError(f"SteerableBands input must be (..., H, W); got {tuple(x.shape)}")
        self._bank = steerable_bank(x.shape, "octave", orientations=self.order + 1,
                                    levels=self.levels, complex=False, twidth=self.twidth)
        self._lead = tuple(x.shape[:-2])
        bands = self._bank.analyze(x)
        return np.concatenate([np.reshape(bands[k], self._lead + (-1,)) for k in self._bank.keys],
                              axis=-1)

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._bank)
        bands, start = {}, 0
        for key in self._bank.keys:
            shape = self._bank.band_shapes[key]
            size = shape[0] * shape[1]
            bands[key] = np.reshape(grad_out[..., start:start + size], self._lead + shape)
            start += size
        return self._bank.synthesize(bands)

    def config(self) -> dict[str, Any]:
        return {"levels": self.levels, "order": self.order, "twidth": self.twidth}
