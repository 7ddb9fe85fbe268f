"""Fully connected layer, flattening and the sequential container."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from .._checks import check_int
from .._layer import Layer
from ..errors import ParameterError, ShapeError
from ._init import as_dtype, init_weight

__all__ = ["Linear", "Flatten", "Sequential", "WeightBiasLayer", "check_forward_called",
           "n_params"]

Array = Any


def check_forward_called(layer: Layer, cache: Any) -> None:
    """Raise a clear error when ``backward`` runs before ``forward``."""
    if cache is None:
        raise RuntimeError(f"{type(layer).__name__}.backward called before forward")


class WeightBiasLayer(Layer):
    """A layer whose parameters are ``weight`` and an optional ``bias`` (None when absent),
    with gradients ``grad_weight`` and ``grad_bias``."""

    weight: Array
    bias: Array | None
    grad_weight: Array
    grad_bias: Array | None

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


class Linear(WeightBiasLayer):
    """Fully connected layer ``y = x W + b`` on ``(N, in_features)`` batches.

    Parameters
    ----------
    in_features, out_features : int
    bias : bool
        Learn an additive bias (initialised to zero).
    init : {'xavier', 'he', 'zeros'}
        Weight initialisation (see :func:`pyrkit.nn.init_weight`).
    rng : numpy.random.Generator or int, optional
        Source of the initial weights.
    dtype : float32 or float64
        Parameter dtype.

    Notes
    -----
    ``weight`` has shape ``(in_features, out_features)`` (the transpose of PyTorch's).
    Backward: ``dC/dW += x^T g``, ``dC/db += sum_n g_n``, ``dC/dx = g W^T``.

    Examples
    --------
    >>> layer = Linear(2, 1, init="zeros")
    >>> layer.weight[:] = [[1.0], [2.0]]; layer.bias[:] = 0.5
    >>> layer.forward(np.array([[1.0, 1.0]]))
    array([[3.5]])
    >>> layer.backward(np.array([[1.0]]))
    array([[1., 2.]])
    """

    def __init__(self, in_features: int, out_features: int, *, bias: bool = True,
                 init: str = "xavier", rng: Any = None, dtype: Any = np.float64) -> None:
        super().__init__()
        self.in_features = check_int(in_features, name="in_features", low=1)
        self.out_features = check_int(out_features, name="out_features", low=1)
        self.dtype = as_dtype(dtype)
        self.init = init
        self.weight = init_weight((self.in_features, self.out_features), self.in_features,
                                  self.out_features, init=init, rng=rng, dtype=self.dtype)
        self.bias = np.zeros(self.out_features, self.dtype) if bias else None
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = None if self.bias is None else np.zeros_like(self.bias)
        self._x: Array = None
        #: False skips the input gradient (``backward`` returns ``None``), for a first layer.
        self.requires_input_grad = True

    def forward(self, x: Array) -> Array:
        if x.ndim != 2 or x.shape[1] != self.in_features:
            raise ShapeError(f"Linear input must have shape (N, {self.in_features}); "
                             f"got {tuple(x.shape)}")
        self._x = x
        y = x @ self.weight
        if self.bias is not None:
            y += self.bias
        return y

    def backward(self, grad_out: Array) -> Array | None:
        check_forward_called(self, self._x)
        self.grad_weight += self._x.T @ grad_out
        if self.grad_bias is not None:
            self.grad_bias += grad_out.sum(axis=0)
        return grad_out @ self.weight.T if self.requires_input_grad else None

    def config(self) -> dict[str, Any]:
        return {"in_features": self.in_features, "out_features": self.out_features,
                "bias": self.bias is not None, "init": self.init, "dtype": self.dtype.name}


class Flatten(Layer):
    """Reshape ``(N, ...)`` to ``(N, prod(...))``; backward restores the shape.

    Examples
    --------
    >>> Flatten().forward(np.zeros((2, 3, 4, 5))).shape
    (2, 60)
    """

    def __init__(self) -> None:
        super().__init__()
        self._shape: tuple[int, ...] | None = None

    def forward(self, x: Array) -> Array:
        self._shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._shape)
        return grad_out.reshape(self._shape)


class Sequential(Layer):
    """A composition ``x_i = F_i(x_(i-1), w_i)``; backward applies the chain rule layer by layer.

    ``backward(g)`` runs ``g <- layer.backward(g)`` from the last layer to the first, so each
    layer receives ``dC/dx_i`` and returns ``dC/dx_(i-1) = dC/dx_i . dF_i/dx_(i-1)`` while adding
    ``dC/dx_i . dF_i/dw_i`` to its own parameter gradients.  Parameters are named
    ``"<index>.<name>"``.

    Examples
    --------
    >>> net = Sequential(Linear(3, 2, rng=0), Flatten())
    >>> sorted(net.params())
    ['0.bias', '0.weight']
    >>> len(net), type(net[0]).__name__
    (2, 'Linear')
    """

    def __init__(self, *layers: Layer) -> None:
        super().__init__()
        if len(layers) == 1 and isinstance(layers[0], (list, tuple)):
            layers = tuple(layers[0])
        for i, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise ParameterError(f"layers must be Layer instances; got "
                                     f"{type(layer).__name__} at position {i}")
        self.layers: list[Layer] = list(layers)

    def forward(self, x: Array) -> Array:
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad_out: Array) -> Array:
        for layer in reversed(self.layers):
            grad_out = layer.backward(grad_out)
        return grad_out

    @contextlib.contextmanager
    def no_input_grad(self) -> Iterator[Sequential]:
        """Within this block the first layer skips its input gradient (if it can), so
        ``backward`` may return ``None``: training never needs ``dC/dx_0``."""
        first = self.layers[0] if self.layers else None
        old = getattr(first, "requires_input_grad", None)
        if old is not None:
            first.requires_input_grad = False
        try:
            yield self
        finally:
            if old is not None:
                first.requires_input_grad = old

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index: int) -> Layer:
        return self.layers[index]

    def __iter__(self) -> Iterator[Layer]:
        return iter(self.layers)

    def _named(self, which: str) -> dict[str, Array]:
        out = {}
        for i, layer in enumerate(self.layers):
            for name, value in getattr(layer, which)().items():
                out[f"{i}.{name}"] = value
        return out

    def params(self) -> dict[str, Array]:
        return self._named("params")

    def grads(self) -> dict[str, Array]:
        return self._named("grads")

    def train(self, mode: bool = True) -> Sequential:
        super().train(mode)
        for layer in self.layers:
            layer.train(mode)
        return self

    def config(self) -> dict[str, Any]:
        return {"layers": [{"type": type(layer).__name__, "config": layer.config()}
                           for layer in self.layers]}

    def __repr__(self) -> str:
        body = "".join(f"\n  ({i}): {layer!r}" for i, layer in enumerate(self.layers))
        return f"Sequential({body}\n)" if self.layers else "Sequential()"


def n_params(layer: Layer, *, only: Iterable[str] | None = None) -> int:
    """Total number of learnable scalars of ``layer``."""
    return int(sum(np.size(v) for k, v in layer.params().items() if only is None or k in only))
