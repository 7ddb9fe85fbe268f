"""2-D convolution and pooling on channels-first ``(N, C, H, W)`` batches.

Convolution is im2col on BLAS.  The input is viewed channel-major, ``(C, N, H, W)``, and its
receptive fields are gathered into a tap-major ``(C*KH*KW, N*OH*OW)`` matrix with ``KH*KW`` block
copies (each reading whole rows, unlike a per-position gather); the layer is then one matrix
product forward and two backward, and the input gradient is the adjoint of the gather (col2im),
``KH*KW`` block additions.  As in every deep-learning library, "convolution"
is cross-correlation: ``y[n,o,i,j] = b[o] + sum_{c,u,v} w[o,c,u,v] x[n,c,s i+u-p, s j+v-p]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import check_int
from .._layer import Layer
from ..errors import ShapeError
from ._core import WeightBiasLayer, check_forward_called
from ._init import as_dtype, init_weight

__all__ = ["Conv2d", "AvgPool2d", "MaxPool2d", "conv_output_size", "IM2COL_BYTES"]

Array = Any

#: Largest im2col matrix (bytes) built at once: bigger batches are processed in slices, which
#: bounds memory (the slices are gathered again in ``backward`` instead of being kept).
IM2COL_BYTES = 1 << 23


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


def _taps(oh: int, ow: int, stride: int, u: int, v: int) -> tuple[slice, ...]:
    """Index of the input samples that kernel tap ``(u, v)`` sees, for every output position."""
    return (slice(None), slice(None), slice(u, u + stride * (oh - 1) + 1, stride),
            slice(v, v + stride * (ow - 1) + 1, stride))


def _im2col(xt: Array, kh: int, kw: int, stride: int, oh: int, ow: int) -> Array:
    """Gather ``(C, N, H, W)`` into the tap-major matrix ``(C*KH*KW, N*OH*OW)``.

    Row ``(c, u, v)`` holds the samples that tap ``(u, v)`` of channel ``c`` multiplies, for
    every output position: ``KH*KW`` block copies, each reading contiguous rows.
    """
    c, n = xt.shape[:2]
    cols = np.empty((c, kh, kw, n, oh, ow), dtype=xt.dtype)
    for u in range(kh):
        for v in range(kw):
            cols[:, u, v] = xt[_taps(oh, ow, stride, u, v)]
    return cols.reshape(c * kh * kw, n * oh * ow)


def _col2im(cols: Array, out: Array, kh: int, kw: int, stride: int, oh: int, ow: int) -> Array:
    """Adjoint of :func:`_im2col`: add every tap's row onto the ``(C, N, H, W)`` array ``out``."""
    parts = cols.reshape(out.shape[0], kh, kw, out.shape[1], oh, ow)
    for u in range(kh):
        for v in range(kw):
            out[_taps(oh, ow, stride, u, v)] += parts[:, u, v]
    return out


class Conv2d(WeightBiasLayer):
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
        self._xt: Array = None
        #: Set to False (as :func:`pyrkit.nn.fit` does for a model's first layer) to skip the
        #: input gradient when nothing upstream needs it; ``backward`` then returns ``None``.
        self.requires_input_grad = True

    def _chunks(self, n: int, rows: int, itemsize: int) -> list[slice]:
        """Batch slices whose im2col matrix stays within :data:`IM2COL_BYTES` (in cache)."""
        step = max(1, IM2COL_BYTES // max(rows * itemsize, 1))
        return [slice(i, min(i + step, n)) for i in range(0, n, step)]

    def forward(self, x: Array) -> Array:
        kh, kw = self.kernel_size
        p, s = self.padding, self.stride
        _check_nchw(self, x, self.in_channels, kh, kw, p)
        xt = x.transpose(1, 0, 2, 3)  # channel-major (C, N, H, W): contiguous tap copies
        xt = np.pad(xt, ((0, 0), (0, 0), (p, p), (p, p))) if p else np.ascontiguousarray(xt)
        n, oh, ow = x.shape[0], conv_output_size(x.shape[2], kh, s, p), conv_output_size(
            x.shape[3], kw, s, p)
        self._xt, self._out_hw = xt, (oh, ow)
        w = self.weight.reshape(self.out_channels, -1)
        chunks = self._chunks(n, w.shape[1] * oh * ow, xt.itemsize)
        y = np.empty((self.out_channels, n, oh, ow), dtype=np.result_type(x, w))
        self._cols = None
        for part in chunks:
            cols = _im2col(xt[:, part], kh, kw, s, oh, ow)
            y[:, part] = (w @ cols).reshape(self.out_channels, -1, oh, ow)
        if len(chunks) == 1:
            self._cols = cols  # small enough to keep; larger ones are gathered again
        if self.bias is not None:
            y += self.bias[:, None, None, None]
        return np.ascontiguousarray(y.transpose(1, 0, 2, 3))

    def backward(self, grad_out: Array) -> Array | None:
        check_forward_called(self, self._xt)
        o, (kh, kw), (oh, ow) = self.out_channels, self.kernel_size, self._out_hw
        xt, w = self._xt, self.weight.reshape(o, -1)
        g = np.ascontiguousarray(grad_out.transpose(1, 0, 2, 3))  # (O, N, OH, OW)
        if self.grad_bias is not None:
            self.grad_bias += g.sum(axis=(1, 2, 3))
        dxt = np.zeros(xt.shape, dtype=g.dtype) if self.requires_input_grad else None
        for part in self._chunks(xt.shape[1], w.shape[1] * oh * ow, xt.itemsize):
            cols = (self._cols if self._cols is not None
                    else _im2col(xt[:, part], kh, kw, self.stride, oh, ow))
            gp = g[:, part].reshape(o, -1)
            self.grad_weight += (gp @ cols.T).reshape(self.weight.shape)
            if dxt is not None:
                _col2im(w.T @ gp, dxt[:, part], kh, kw, self.stride, oh, ow)
        if dxt is None:
            return None
        p = self.padding
        if p:
            dxt = dxt[:, :, p:dxt.shape[2] - p, p:dxt.shape[3] - p]
        return np.ascontiguousarray(dxt.transpose(1, 0, 2, 3))

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

    def _tiled(self) -> bool:
        """Non-overlapping windows that tile the input exactly (the reshape fast path)."""
        k = self.kernel_size
        return (self.stride == k and self._in_shape[2] % k == 0
                and self._in_shape[3] % k == 0)

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
        out = x[_taps(oh, ow, self.stride, 0, 0)].copy()
        for q in range(1, k * k):
            out += x[_taps(oh, ow, self.stride, q // k, q % k)]
        out *= x.dtype.type(1.0 / (k * k))
        return out

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._in_shape)
        k = self.kernel_size
        g = grad_out * grad_out.dtype.type(1.0 / (k * k))
        n, c, oh, ow = g.shape
        if self._tiled():
            return np.repeat(np.repeat(g, k, axis=3), k, axis=2)
        dx = np.zeros(self._in_shape, dtype=grad_out.dtype)
        for u in range(k):
            for v in range(k):
                dx[_taps(oh, ow, self.stride, u, v)] += g
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
        best = x[_taps(oh, ow, self.stride, 0, 0)].copy()
        arg = np.zeros(best.shape, dtype=np.int8 if k * k < 128 else np.int32)
        for q in range(1, k * k):
            tap = x[_taps(oh, ow, self.stride, q // k, q % k)]
            better = tap > best  # strict: ties keep the first maximum
            np.copyto(best, tap, where=better)
            arg[better] = q
        self._arg = arg
        return best

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._arg)
        k = self.kernel_size
        oh, ow = grad_out.shape[2:]
        zero = grad_out.dtype.type(0)
        dx = np.zeros(self._in_shape, dtype=grad_out.dtype)
        for q in range(k * k):
            routed = np.where(self._arg == q, grad_out, zero)
            if self.stride >= k:
                dx[_taps(oh, ow, self.stride, q // k, q % k)] = routed
            else:
                dx[_taps(oh, ow, self.stride, q // k, q % k)] += routed
        return dx
