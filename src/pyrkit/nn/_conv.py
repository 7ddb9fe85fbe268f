"""2-D convolution and pooling on channels-first ``(N, C, H, W)`` batches.

Convolution is im2col on BLAS: the receptive fields are gathered once with
:func:`numpy.lib.stride_tricks.sliding_window_view` into a ``(N*OH*OW, C*KH*KW)`` matrix, and the
layer is then one matrix product forward and two backward.  The input gradient is the adjoint of
the gather (col2im): ``KH*KW`` strided additions.  As in every deep-learning library, "convolution"
is cross-correlation: ``y[n,o,i,j] = b[o] + sum_{c,u,v} w[o,c,u,v] x[n,c,s i+u-p, s j+v-p]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .._checks import check_int
from .._layer import Layer
from ..errors import ShapeError
from ._core import check_forward_called
from ._init import as_dtype, init_weight

__all__ = ["Conv2d", "AvgPool2d", "MaxPool2d", "conv_output_size"]

Array = Any


def conv_output_size(n: int, kernel: int, stride: int = 1, padding: int = 0) -> int:
    """Output samples along one axis: ``floor((n + 2 padding - kernel) / stride) + 1``.

    Examples
    --------
    >>> conv_output_size(32, 5), conv_output_size(28, 2, 2), conv_output_size(7, 3, 2, 1)
    (28, 14, 4)
    """
    return (n + 2 * padding - kernel) // stride + 1


def _check_nchw(layer: Layer, x: Array, channels: int | None, kh: int, kw: int,
                padding: int) -> None:
    if x.ndim != 4 or (channels is not None and x.shape[1] != channels):
        want = f"(N, {channels}, H, W)" if channels is not None else "(N, C, H, W)"
        raise ShapeError(f"{type(layer).__name__} input must have shape {want}; "
                         f"got {tuple(x.shape)}")
    if x.shape[2] + 2 * padding < kh or x.shape[3] + 2 * padding < kw:
        raise ShapeError(f"{type(layer).__name__} input must be at least {kh}x{kw} after "
                         f"padding; got spatial shape {tuple(x.shape[2:])}")


def _windows(x: Array, kh: int, kw: int, stride: int) -> Array:
    """View ``(N, C, OH, OW, KH, KW)`` of every receptive field (no copy)."""
    win = sliding_window_view(x, (kh, kw), axis=(2, 3))
    return win[:, :, ::stride, ::stride] if stride > 1 else win


def _scatter_windows(parts: Array, shape: tuple[int, ...], stride: int) -> Array:
    """Adjoint of :func:`_windows`: ``parts`` ``(N, C, KH, KW, OH, OW)`` summed into ``shape``."""
    out = np.zeros(shape, dtype=parts.dtype)
    _, _, kh, kw, oh, ow = parts.shape
    for u in range(kh):
        for v in range(kw):
            out[:, :, u:u + stride * (oh - 1) + 1:stride,
                v:v + stride * (ow - 1) + 1:stride] += parts[:, :, u, v]
    return out


class Conv2d(Layer):
    """2-D convolution (cross-correlation) with stride and zero padding, NCHW batches.

    Parameters
    ----------
    in_channels, out_channels : int
    kernel_size : int or (int, int)
    stride, padding : int
    bias : bool
    init : {'xavier', 'he', 'zeros'}
        Fan-in is ``in_channels * KH * KW``, fan-out ``out_channels * KH * KW``.
    rng : numpy.random.Generator or int, optional
    dtype : float32 or float64

    Notes
    -----
    ``weight`` has PyTorch's shape ``(out_channels, in_channels, KH, KW)``.  With ``X`` the im2col
    matrix and ``g`` the upstream gradient as a ``(N*OH*OW, O)`` matrix: ``Y = X W^T + b``,
    ``dC/dW += g^T X``, ``dC/db += sum g``, ``dC/dX = g W`` folded back by col2im.

    Examples
    --------
    >>> conv = Conv2d(1, 1, 3, padding=1, bias=False, init="zeros")
    >>> conv.weight[0, 0, 1, 1] = 2.0
    >>> conv.forward(np.arange(4.0).reshape(1, 1, 2, 2))[0, 0]
    array([[0., 2.],
           [4., 6.]])
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int | tuple[int, int],
                 *, stride: int = 1, padding: int = 0, bias: bool = True, init: str = "xavier",
                 rng: Any = None, dtype: Any = np.float64) -> None:
        super().__init__()
        self.in_channels = check_int(in_channels, name="in_channels", low=1)
        self.out_channels = check_int(out_channels, name="out_channels", low=1)
        ks = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
        self.kernel_size = (check_int(ks[0], name="kernel_size", low=1),
                            check_int(ks[-1], name="kernel_size", low=1))
        self.stride = check_int(stride, name="stride", low=1)
        self.padding = check_int(padding, name="padding", low=0)
        self.init = init
        self.dtype = as_dtype(dtype)
        kh, kw = self.kernel_size
        shape = (self.out_channels, self.in_channels, kh, kw)
        self.weight = init_weight(shape, self.in_channels * kh * kw, self.out_channels * kh * kw,
                                  init=init, rng=rng, dtype=self.dtype)
        self.bias = np.zeros(self.out_channels, self.dtype) if bias else None
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = None if self.bias is None else np.zeros_like(self.bias)
        self._cols: Array = None
        self._in_shape: tuple[int, ...] = ()

    def forward(self, x: Array) -> Array:
        kh, kw = self.kernel_size
        p, s = self.padding, self.stride
        _check_nchw(self, x, self.in_channels, kh, kw, p)
        if p:
            x = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
        self._in_shape = x.shape
        win = _windows(x, kh, kw, s)
        n, _, oh, ow = win.shape[:4]
        # (N, OH, OW, C, KH, KW) in memory order: one copy, then one GEMM.
        self._cols = win.transpose(0, 2, 3, 1, 4, 5).reshape(n * oh * ow, -1)
        y = self._cols @ self.weight.reshape(self.out_channels, -1).T
        if self.bias is not None:
            y += self.bias
        return np.ascontiguousarray(y.reshape(n, oh, ow, -1).transpose(0, 3, 1, 2))

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._cols)
        n, o, oh, ow = grad_out.shape
        g = grad_out.transpose(0, 2, 3, 1).reshape(-1, o)
        self.grad_weight += (g.T @ self._cols).reshape(self.weight.shape)
        if self.grad_bias is not None:
            self.grad_bias += g.sum(axis=0)
        kh, kw = self.kernel_size
        dcols = (g @ self.weight.reshape(o, -1)).reshape(n, oh, ow, self.in_channels, kh, kw)
        dx = _scatter_windows(dcols.transpose(0, 3, 4, 5, 1, 2), self._in_shape, self.stride)
        p = self.padding
        return dx[:, :, p:dx.shape[2] - p, p:dx.shape[3] - p] if p else dx

    def params(self) -> dict[str, Array]:
        p = {"weight": self.weight}
        if self.bias is not None:
            p["bias"] = self.bias
        return p

    def grads(self) -> dict[str, Array]:
        g = {"weight": self.grad_weight}
        if self.grad_bias is not None:
            g["bias"] = self.grad_bias
        return g

    def config(self) -> dict[str, Any]:
        return {"in_channels": self.in_channels, "out_channels": self.out_channels,
                "kernel_size": list(self.kernel_size), "stride": self.stride,
                "padding": self.padding, "bias": self.bias is not None, "init": self.init,
                "dtype": self.dtype.name}


class _Pool2d(Layer):
    def __init__(self, kernel_size: int = 2, stride: int | None = None) -> None:
        super().__init__()
        self.kernel_size = check_int(kernel_size, name="kernel_size", low=1)
        self.stride = self.kernel_size if stride is None else check_int(stride, name="stride",
                                                                        low=1)
        self._in_shape: tuple[int, ...] | None = None

    def _out(self, x: Array) -> tuple[int, int]:
        _check_nchw(self, x, None, self.kernel_size, self.kernel_size, 0)
        k, s = self.kernel_size, self.stride
        return conv_output_size(x.shape[2], k, s), conv_output_size(x.shape[3], k, s)

    def _slice(self, u: int, v: int, oh: int, ow: int) -> tuple[slice, ...]:
        s = self.stride
        return (slice(None), slice(None), slice(u, u + s * (oh - 1) + 1, s),
                slice(v, v + s * (ow - 1) + 1, s))

    def config(self) -> dict[str, Any]:
        return {"kernel_size": self.kernel_size, "stride": self.stride}


class AvgPool2d(_Pool2d):
    """Mean over ``kernel_size`` x ``kernel_size`` windows every ``stride`` samples (default
    ``stride = kernel_size``): LeNet's subsampling.  Trailing rows/columns that do not fill a
    window are dropped (floor), as in PyTorch.

    Examples
    --------
    >>> AvgPool2d(2).forward(np.arange(16.0).reshape(1, 1, 4, 4))[0, 0]
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """

    def forward(self, x: Array) -> Array:
        oh, ow = self._out(x)
        self._in_shape = x.shape
        k = self.kernel_size
        out = None
        for u in range(k):
            for v in range(k):
                part = x[self._slice(u, v, oh, ow)]
                out = part.copy() if out is None else out.__iadd__(part)
        out *= x.dtype.type(1.0 / (k * k))
        return out

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._in_shape)
        k = self.kernel_size
        g = grad_out * grad_out.dtype.type(1.0 / (k * k))
        dx = np.zeros(self._in_shape, dtype=grad_out.dtype)
        oh, ow = grad_out.shape[2:]
        for u in range(k):
            for v in range(k):
                dx[self._slice(u, v, oh, ow)] += g
        return dx


class MaxPool2d(_Pool2d):
    """Maximum over ``kernel_size`` x ``kernel_size`` windows every ``stride`` samples.

    The gradient goes to the first maximum of each window (as in PyTorch).

    Examples
    --------
    >>> m = MaxPool2d(2); m.forward(np.arange(16.0).reshape(1, 1, 4, 4))[0, 0]
    array([[ 5.,  7.],
           [13., 15.]])
    >>> m.backward(np.ones((1, 1, 2, 2)))[0, 0]
    array([[0., 0., 0., 0.],
           [0., 1., 0., 1.],
           [0., 0., 0., 0.],
           [0., 1., 0., 1.]])
    """

    def __init__(self, kernel_size: int = 2, stride: int | None = None) -> None:
        super().__init__(kernel_size, stride)
        self._arg: Array = None

    def forward(self, x: Array) -> Array:
        oh, ow = self._out(x)
        self._in_shape = x.shape
        k = self.kernel_size
        win = _windows(x, k, k, self.stride)[:, :, :oh, :ow]
        flat = win.reshape(win.shape[:4] + (k * k,))
        self._arg = flat.argmax(axis=-1)
        return np.take_along_axis(flat, self._arg[..., None], axis=-1)[..., 0]

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._arg)
        k = self.kernel_size
        dx = np.zeros(self._in_shape, dtype=grad_out.dtype)
        oh, ow = grad_out.shape[2:]
        for u in range(k):
            for v in range(k):
                dx[self._slice(u, v, oh, ow)] += np.where(self._arg == u * k + v, grad_out, 0)
        return dx


