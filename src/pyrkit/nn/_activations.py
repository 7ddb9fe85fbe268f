"""Element-wise non-linearities: Sigmoid, Tanh, ReLU, LeakyReLU and PReLU (learned slope)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import check_float, check_int
from .._layer import Layer
from ..errors import ShapeError
from ._core import check_forward_called
from ._init import as_dtype

__all__ = ["Sigmoid", "Tanh", "ReLU", "LeakyReLU", "PReLU"]

Array = Any


class Sigmoid(Layer):
    """``y = 1 / (1 + exp(-x))``; ``dy/dx = y (1 - y)``.

    Computed without overflow for large ``|x|``.

    Examples
    --------
    >>> Sigmoid().forward(np.array([-800.0, 0.0, 800.0]))
    array([0. , 0.5, 1. ])
    """

    def __init__(self) -> None:
        super().__init__()
        self._y: Array = None

    def forward(self, x: Array) -> Array:
        e = np.exp(-np.abs(x))  # never overflows
        self._y = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(x.dtype, copy=False)
        return self._y

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._y)
        return grad_out * self._y * (1 - self._y)


class Tanh(Layer):
    """``y = tanh(x)``; ``dy/dx = 1 - y^2``.

    Examples
    --------
    >>> t = Tanh(); _ = t.forward(np.array([0.0])); t.backward(np.array([2.0]))
    array([2.])
    """

    def __init__(self) -> None:
        super().__init__()
        self._y: Array = None

    def forward(self, x: Array) -> Array:
        self._y = np.tanh(x)
        return self._y

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._y)
        return grad_out * (1 - self._y * self._y)


class LeakyReLU(Layer):
    """``y = x`` for ``x > 0``, ``negative_slope * x`` otherwise (``ReLU`` is slope 0).

    Examples
    --------
    >>> LeakyReLU(0.1).forward(np.array([-2.0, 3.0]))
    array([-0.2,  3. ])
    """

    def __init__(self, negative_slope: float = 0.01) -> None:
        super().__init__()
        self.negative_slope = check_float(negative_slope, name="negative_slope")
        self._pos: Array = None

    def forward(self, x: Array) -> Array:
        self._pos = x > 0
        if self.negative_slope == 0.0:
            return np.maximum(x, 0, dtype=x.dtype)
        return np.where(self._pos, x, x * x.dtype.type(self.negative_slope))

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._pos)
        if self.negative_slope == 0.0:
            return grad_out * self._pos
        return np.where(self._pos, grad_out, grad_out * grad_out.dtype.type(self.negative_slope))

    def config(self) -> dict[str, Any]:
        return {"negative_slope": self.negative_slope}


class ReLU(LeakyReLU):
    """``y = max(x, 0)``; the derivative at 0 is taken as 0.

    Examples
    --------
    >>> ReLU().forward(np.array([-1.0, 2.0]))
    array([0., 2.])
    """

    def __init__(self) -> None:
        super().__init__(0.0)

    def config(self) -> dict[str, Any]:
        return {}


class PReLU(Layer):
    """Parametric ReLU (He et al. 2015): ``y = x`` for ``x > 0``, ``a x`` otherwise, ``a`` learned.

    Parameters
    ----------
    num_parameters : int
        1 (one slope shared by every unit) or the number of channels (axis 1 of the input).
    init : float
        Initial slope, default 0.25.
    dtype : float32 or float64

    Notes
    -----
    ``dC/da += sum_{x <= 0} g x`` (summed over everything but the channel axis).

    Examples
    --------
    >>> p = PReLU(); y = p.forward(np.array([[-2.0, 1.0]])); y
    array([[-0.5,  1. ]])
    >>> _ = p.backward(np.ones((1, 2))); p.grad_weight
    array([-2.])
    """

    def __init__(self, num_parameters: int = 1, *, init: float = 0.25,
                 dtype: Any = np.float64) -> None:
        super().__init__()
        self.num_parameters = check_int(num_parameters, name="num_parameters", low=1)
        self.init = check_float(init, name="init")
        self.dtype = as_dtype(dtype)
        self.weight = np.full(self.num_parameters, self.init, self.dtype)
        self.grad_weight = np.zeros_like(self.weight)
        self._x: Array = None

    def _slope(self, ndim: int) -> Array:
        if self.num_parameters == 1:
            return self.weight[0]
        return self.weight.reshape((1, -1) + (1,) * (ndim - 2))

    def forward(self, x: Array) -> Array:
        if self.num_parameters > 1 and (x.ndim < 2 or x.shape[1] != self.num_parameters):
            raise ShapeError(f"PReLU input must have {self.num_parameters} channels on axis 1; "
                             f"got shape {tuple(x.shape)}")
        self._x = x
        return np.where(x > 0, x, x * self._slope(x.ndim))

    def backward(self, grad_out: Array) -> Array:
        check_forward_called(self, self._x)
        x = self._x
        neg = np.where(x > 0, 0, grad_out * x)
        if self.num_parameters == 1:
            self.grad_weight += neg.sum()
        else:
            axes = (0,) + tuple(range(2, x.ndim))
            self.grad_weight += neg.sum(axis=axes)
        return np.where(x > 0, grad_out, grad_out * self._slope(x.ndim))

    def params(self) -> dict[str, Array]:
        return {"weight": self.weight}

    def grads(self) -> dict[str, Array]:
        return {"weight": self.grad_weight}

    def config(self) -> dict[str, Any]:
        return {"num_parameters": self.num_parameters, "init": self.init,
                "dtype": self.dtype.name}
