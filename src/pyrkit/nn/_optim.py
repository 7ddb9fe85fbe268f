"""Stochastic gradient descent with momentum and weight decay, and learning-rate schedules."""

from __future__ import annotations

import math
from typing import Any


from .._checks import check_float, check_int
from .._layer import Layer

__all__ = ["SGD", "constant_lr", "step_lr", "cosine_lr"]

Array = Any


class SGD:
    """Mini-batch SGD: ``v <- mu v + (g + lambda w)``, ``w <- w - lr v``.

    Parameters
    ----------
    model : Layer
        Its ``params()`` are updated in place from its accumulated ``grads()``.
    lr : float
        Learning rate.
    momentum : float
        Heavy-ball coefficient ``mu`` in [0, 1) (0: plain SGD).
    weight_decay : float
        L2 coefficient ``lambda``: adds ``lambda w`` to each gradient (``lambda/2 |w|^2`` to the
        cost).  Biases are decayed too unless ``decay_bias=False``.
    decay_bias : bool

    Notes
    -----
    This is the form PyTorch's ``torch.optim.SGD`` uses (dampening 0), so the same
    hyper-parameters give the same trajectory.  The batch size is the caller's choice: one sample
    (stochastic), a mini-batch, or the whole set (batch gradient descent).

    Examples
    --------
    >>> from pyrkit.nn import Linear
    >>> layer = Linear(1, 1, init="zeros")
    >>> layer.grad_weight[:] = 2.0
    >>> SGD(layer, lr=0.1).step(); layer.weight
    array([[-0.2]])
    """

    def __init__(self, model: Layer, *, lr: float = 0.01, momentum: float = 0.0,
                 weight_decay: float = 0.0, decay_bias: bool = True) -> None:
        self.model = model
        self.lr = check_float(lr, name="lr", low=0.0, low_open=True)
        self.momentum = check_float(momentum, name="momentum", low=0.0, high=0.999999)
        self.weight_decay = check_float(weight_decay, name="weight_decay", low=0.0)
        self.decay_bias = bool(decay_bias)
        self._velocity: dict[str, Array] = {}

    def step(self) -> None:
        """Update every parameter from its accumulated gradient (then call ``zero_grad``)."""
        params, grads = self.model.params(), self.model.grads()
        for name, w in params.items():
            g = grads[name]
            if self.weight_decay and (self.decay_bias or not name.endswith("bias")):
                g = g + w.dtype.type(self.weight_decay) * w
            if self.momentum:
                v = self._velocity.get(name)
                if v is None:
                    v = self._velocity[name] = g.copy()
                else:
                    v *= w.dtype.type(self.momentum)
                    v += g
                g = v
            w -= w.dtype.type(self.lr) * g

    def zero_grad(self) -> None:
        """Reset the model's accumulated gradients."""
        self.model.zero_grad()

    def __repr__(self) -> str:
        return (f"SGD(lr={self.lr!r}, momentum={self.momentum!r}, "
                f"weight_decay={self.weight_decay!r})")


def constant_lr(lr: float) -> Any:
    """Schedule ``epoch -> lr``."""
    lr = check_float(lr, name="lr", low=0.0, low_open=True)
    return lambda epoch: lr


def step_lr(lr: float, *, step: int, gamma: float = 0.1) -> Any:
    """Schedule ``epoch -> lr * gamma ** (epoch // step)``.

    Examples
    --------
    >>> s = step_lr(1.0, step=2, gamma=0.5); [s(e) for e in range(5)]
    [1.0, 1.0, 0.5, 0.5, 0.25]
    """
    lr = check_float(lr, name="lr", low=0.0, low_open=True)
    step = check_int(step, name="step", low=1)
    gamma = check_float(gamma, name="gamma", low=0.0, low_open=True)
    return lambda epoch: lr * gamma ** (epoch // step)


def cosine_lr(lr: float, *, epochs: int, final: float = 0.0, warmup: int = 0) -> Any:
    """Cosine annealing (Loshchilov & Hutter 2017) from ``lr`` to ``final`` over ``epochs``,
    after ``warmup`` epochs of linear increase.

    ``lr_e = final + (lr - final) (1 + cos(pi e / epochs)) / 2``.

    Examples
    --------
    >>> s = cosine_lr(1.0, epochs=4); [round(s(e), 3) for e in range(5)]
    [1.0, 0.854, 0.5, 0.146, 0.0]
    """
    lr = check_float(lr, name="lr", low=0.0, low_open=True)
    epochs = check_int(epochs, name="epochs", low=1)
    final = check_float(final, name="final", low=0.0)
    warmup = check_int(warmup, name="warmup", low=0)

    def schedule(epoch: int) -> float:
        if epoch < warmup:
            return lr * (epoch + 1) / (warmup + 1)
        t = min(epoch - warmup, epochs - warmup) / max(epochs - warmup, 1)
        return final + (lr - final) * 0.5 * (1.0 + math.cos(math.pi * t))

    return schedule


