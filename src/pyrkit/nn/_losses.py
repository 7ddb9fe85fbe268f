"""Costs: the Euclidean (sum-of-squares) loss and softmax cross-entropy.

A loss has ``forward(pred, target) -> float`` and ``backward() -> dC/dpred``; it caches what
``backward`` needs, like a layer.  Training starts backprop with ``model.backward(loss.backward())``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import check_choice
from ..errors import ShapeError
from ._core import check_forward_called

__all__ = ["Loss", "EuclideanLoss", "SoftmaxCrossEntropy", "log_softmax", "softmax"]

Array = Any


class Loss:
    """Base class of costs: a scalar ``forward(pred, target)`` and its gradient ``backward()``."""

    def forward(self, pred: Array, target: Array) -> float:
        raise NotImplementedError

    def backward(self) -> Array:
        raise NotImplementedError

    def __call__(self, pred: Array, target: Array) -> float:
        return self.forward(pred, target)

    def config(self) -> dict[str, Any]:
        return {}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items())
        return f"{type(self).__name__}({args})"


class EuclideanLoss(Loss):
    """``C = 1/2 sum (y - t)^2``; ``dC/dy = y - t``.

    Parameters
    ----------
    reduction : {'sum', 'mean'}
        ``'sum'`` is the cost as written above (the lecture's); ``'mean'`` divides by the batch
        size ``N`` (the first axis), which keeps the learning rate independent of the batch size.

    Examples
    --------
    >>> loss = EuclideanLoss()
    >>> loss.forward(np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]]))
    2.5
    >>> loss.backward()
    array([[1., 2.]])
    """

    def __init__(self, reduction: str = "sum") -> None:
        self.reduction = check_choice(reduction, name="reduction", choices=("sum", "mean"))
        self._diff: Array = None

    def forward(self, pred: Array, target: Array) -> float:
        target = np.asarray(target, dtype=pred.dtype)
        if target.shape != pred.shape:
            raise ShapeError(f"target must have the prediction's shape {tuple(pred.shape)}; "
                             f"got {tuple(target.shape)}")
        self._diff = pred - target
        scale = 1.0 if self.reduction == "sum" else 1.0 / pred.shape[0]
        self._scale = scale
        return float(0.5 * scale * np.sum(self._diff * self._diff))

    def backward(self) -> Array:
        check_forward_called(self, self._diff)  # type: ignore[arg-type]
        return self._diff * self._diff.dtype.type(self._scale)

    def config(self) -> dict[str, Any]:
        return {"reduction": self.reduction}


def log_softmax(z: Array, axis: int = -1) -> Array:
    """``z - logsumexp(z)`` computed stably (the maximum is subtracted first).

    Examples
    --------
    >>> np.exp(log_softmax(np.array([1000.0, 1000.0])))
    array([0.5, 0.5])
    """
    m = z.max(axis=axis, keepdims=True)
    s = z - m
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


def softmax(z: Array, axis: int = -1) -> Array:
    """``exp(z) / sum exp(z)``, stable for large ``z``."""
    return np.exp(log_softmax(z, axis))


class SoftmaxCrossEntropy(Loss):
    """Softmax followed by cross-entropy, fused for stability.

    ``C = -(1/N) sum_n sum_k t_nk log softmax(z_n)_k`` with ``log softmax`` from log-sum-exp;
    ``dC/dz = (softmax(z) sum_k t_k - t) / N`` (``softmax(z) - t`` when ``t`` sums to one).  ``target`` is either integer class labels ``(N,)`` or
    class probabilities ``(N, K)`` (one-hot or soft).

    Parameters
    ----------
    reduction : {'mean', 'sum'}
        Average (default) or sum over the batch.

    Examples
    --------
    >>> loss = SoftmaxCrossEntropy()
    >>> round(loss.forward(np.array([[0.0, 0.0]]), np.array([1])), 6)
    0.693147
    >>> loss.backward()
    array([[ 0.5, -0.5]])
    """

    def __init__(self, reduction: str = "mean") -> None:
        self.reduction = check_choice(reduction, name="reduction", choices=("mean", "sum"))
        self._p: Array = None

    def _target(self, pred: Array, target: Array) -> Array:
        target = np.asarray(target)
        n, k = pred.shape
        if target.shape == (n,) and np.issubdtype(target.dtype, np.integer):
            if target.min() < 0 or target.max() >= k:
                raise ShapeError(f"target labels must be in [0, {k - 1}]; got values in "
                                 f"[{target.min()}, {target.max()}]")
            onehot = np.zeros_like(pred)
            onehot[np.arange(n), target] = 1
            return onehot
        if target.shape == (n, k):
            return target.astype(pred.dtype, copy=False)
        raise ShapeError(f"target must be integer labels of shape ({n},) or probabilities of "
                         f"shape ({n}, {k}); got {target.dtype} {tuple(target.shape)}")

    def forward(self, pred: Array, target: Array) -> float:
        if pred.ndim != 2:
            raise ShapeError(f"pred must be (N, K) scores; got shape {tuple(pred.shape)}")
        t = self._target(pred, target)
        logp = log_softmax(pred)
        self._p, self._t = np.exp(logp), t
        self._scale = 1.0 / pred.shape[0] if self.reduction == "mean" else 1.0
        return float(-self._scale * np.sum(t * logp))

    def backward(self) -> Array:
        check_forward_called(self, self._p)  # type: ignore[arg-type]
        mass = self._t.sum(axis=1, keepdims=True)  # 1 for labels and probabilities
        return (self._p * mass - self._t) * self._p.dtype.type(self._scale)

    def config(self) -> dict[str, Any]:
        return {"reduction": self.reduction}
