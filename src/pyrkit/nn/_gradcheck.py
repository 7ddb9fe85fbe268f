"""Verification tools: dense Jacobians and finite-difference gradient checks.

Both treat a layer as the function ``x -> layer.forward(x)`` at its current parameters (and a
loss as ``pred -> loss.forward(pred, target)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._checks import check_choice, check_float
from .._layer import Layer
from ..errors import DTypeError
from ._losses import Loss

__all__ = ["jacobian", "gradcheck", "relative_error"]

Array = Any


def relative_error(a: Array, b: Array) -> float:
    """``|a - b| / max(|a|, |b|)`` in the Euclidean norm (0 when both are zero).

    Examples
    --------
    >>> relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-9])) < 1e-9
    True
    """
    a, b = np.asarray(a, np.float64).ravel(), np.asarray(b, np.float64).ravel()
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def _saved_grads(layer: Any) -> dict[str, Array]:
    return {k: g.copy() for k, g in layer.grads().items()} if isinstance(layer, Layer) else {}


def _restore_grads(layer: Any, saved: dict[str, Array]) -> None:
    if saved:
        for k, g in layer.grads().items():
            g[...] = saved[k]


def jacobian(layer: Layer, x: Array, *, method: str = "backward", eps: float = 1e-6) -> np.ndarray:
    """The dense Jacobian ``J[i, j] = d y_i / d x_j`` of ``y = layer.forward(x)`` (flattened).

    Parameters
    ----------
    layer : Layer
    x : array
        A small input (the Jacobian has ``y.size * x.size`` entries).
    method : {'backward', 'central'}
        ``'backward'`` (default): row ``i`` is ``layer.backward(e_i)`` for the unit vector
        ``e_i`` on the output, i.e. exactly what backprop computes (``y.size`` backward calls
        after one forward; the layer's accumulated parameter gradients are restored afterwards).
        ``'central'``: column ``j`` is ``(f(x + eps e_j) - f(x - eps e_j)) / (2 eps)``, an
        independent estimate from the forward pass alone (``2 x.size`` forward calls).
    eps : float
        Step of the central differences.

    Returns
    -------
    ndarray, shape (y.size, x.size), float64

    Examples
    --------
    >>> from pyrkit.nn import Tanh
    >>> jacobian(Tanh(), np.zeros(2))
    array([[1., 0.],
           [0., 1.]])
    """
    check_choice(method, name="method", choices=("backward", "central"))
    x = np.asarray(x)
    if method == "central":
        eps = check_float(eps, name="eps", low=0.0, low_open=True)
        xp = np.array(x, dtype=np.float64)
        cols = []
        for j in range(xp.size):
            flat = xp.reshape(-1)
            old = flat[j]
            flat[j] = old + eps
            fp = np.array(layer.forward(xp.astype(x.dtype)), np.float64)
            flat[j] = old - eps
            fm = np.array(layer.forward(xp.astype(x.dtype)), np.float64)
            flat[j] = old
            cols.append(((fp - fm) / (2 * eps)).ravel())
        return np.stack(cols, axis=1)
    saved = _saved_grads(layer)
    y = layer.forward(x)
    rows = np.empty((y.size, x.size))
    for i in range(y.size):
        e = np.zeros(y.size, dtype=y.dtype)
        e[i] = 1
        rows[i] = np.asarray(layer.backward(e.reshape(y.shape))).ravel()
    _restore_grads(layer, saved)
    return rows


def _evaluator(obj: Layer | Loss, target: Array) -> tuple[Callable[[Array], Array],
                                                             Callable[[Array], Array]]:
    if isinstance(obj, Loss):
        return (lambda z: np.asarray(obj.forward(z, target)),
                lambda g: obj.backward() * float(g))
    return obj.forward, obj.backward


def gradcheck(obj: Layer | Loss, x: Array, *, target: Array = None, eps: float = 1e-6,
              rtol: float = 1e-6, rng: Any = 0, raise_on_fail: bool = True) -> dict[str, float]:
    """Compare ``backward`` with central finite differences, for the input and every parameter.

    With a random upstream gradient ``df`` (1 for a loss), the vector-Jacobian product
    ``backward(df)`` must equal ``d/dz sum(f(z) * df)``, estimated per entry ``z_j`` of the input
    and of each parameter as ``sum((f(z + eps e_j) - f(z - eps e_j)) * df) / (2 eps)``
    (CS231n's ``eval_numerical_gradient_array``).

    Parameters
    ----------
    obj : Layer or Loss
        A layer (or a whole model) with float64 parameters, or a loss (then give ``target``).
    x : array
        Input (converted to float64).  Keep it small: the cost is ``2 (x.size + n_params)``
        forward passes.
    target : array, optional
        The loss target.
    eps : float
        Finite-difference step.
    rtol : float
        Largest accepted :func:`relative_error` per quantity.
    rng : Generator or int
        Source of ``df``.
    raise_on_fail : bool
        Raise :class:`AssertionError` naming every quantity over ``rtol``.

    Returns
    -------
    dict
        ``{"input": err, "<param name>": err, ...}``: relative errors.

    Examples
    --------
    >>> from pyrkit.nn import Linear
    >>> errs = gradcheck(Linear(3, 2, rng=0), np.ones((4, 3)))
    >>> sorted(errs), max(errs.values()) < 1e-8
    (['bias', 'input', 'weight'], True)
    """
    eps = check_float(eps, name="eps", low=0.0, low_open=True)
    params = obj.params() if isinstance(obj, Layer) else {}
    for name, p in params.items():
        if p.dtype != np.float64:
            raise DTypeError(f"gradcheck needs float64 parameters; {name} is {p.dtype} "
                             "(build the layer with dtype=np.float64)")
    g = np.random.default_rng(rng)
    x = np.array(x, dtype=np.float64)
    forward, backward = _evaluator(obj, target)
    saved = _saved_grads(obj)
    if isinstance(obj, Layer):
        obj.zero_grad()
    y = np.asarray(forward(x))
    df = g.standard_normal(y.shape) if y.ndim else np.asarray(1.0)
    analytic = {"input": np.array(backward(df))}
    for name, grad in (obj.grads() if isinstance(obj, Layer) else {}).items():
        analytic[name] = grad.copy()
    _restore_grads(obj, saved)

    def numeric(z: Array) -> Array:
        out = np.zeros(z.size)
        flat = z.reshape(-1)
        for j in range(z.size):
            old = flat[j]
            flat[j] = old + eps
            fp = np.sum(np.asarray(forward(x)) * df)
            flat[j] = old - eps
            fm = np.sum(np.asarray(forward(x)) * df)
            flat[j] = old
            out[j] = (fp - fm) / (2 * eps)
        return out.reshape(z.shape)

    errors = {"input": relative_error(analytic["input"], numeric(x))}
    for name, p in params.items():
        errors[name] = relative_error(analytic[name], numeric(p))
    bad = {k: v for k, v in errors.items() if not v < rtol}
    if bad and raise_on_fail:
        raise AssertionError(f"gradcheck of {obj!r} failed (relative error > {rtol:g}): {bad}")
    return errors
