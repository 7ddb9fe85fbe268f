"""Model builders for the classic demos."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import check_choice
from ._activations import ReLU, Sigmoid, Tanh
from ._conv import AvgPool2d, Conv2d, MaxPool2d
from ._core import Flatten, Linear, Sequential
from ._init import as_rng

__all__ = ["xor_net", "curve_net", "digits_mlp", "lenet5"]

_ACTIVATIONS = {"tanh": Tanh, "relu": ReLU, "sigmoid": Sigmoid}


def xor_net(*, rng: Any = None, dtype: Any = np.float64) -> Sequential:
    """The 2-2-1 network for XOR: ``Linear(2, 2) - Tanh - Linear(2, 1) - Sigmoid``.

    Examples
    --------
    >>> xor_net(rng=0).forward(np.zeros((1, 2))).shape
    (1, 1)
    """
    g = as_rng(rng)
    return Sequential(Linear(2, 2, rng=g, dtype=dtype), Tanh(),
                      Linear(2, 1, rng=g, dtype=dtype), Sigmoid())


def curve_net(hidden: int = 3, *, rng: Any = None, dtype: Any = np.float64) -> Sequential:
    """Bishop's two-layer regression network: ``Linear(1, hidden) - Tanh - Linear(hidden, 1)``
    (linear output), as in Bishop, *Pattern Recognition and Machine Learning*, Fig. 5.3."""
    g = as_rng(rng)
    return Sequential(Linear(1, hidden, rng=g, dtype=dtype), Tanh(),
                      Linear(hidden, 1, rng=g, dtype=dtype))


def digits_mlp(hidden: tuple[int, ...] = (128, 64), *, in_features: int = 64, classes: int = 10,
               rng: Any = None, dtype: Any = np.float32) -> Sequential:
    """A ReLU multilayer perceptron (He initialisation) for flattened images."""
    g = as_rng(rng)
    layers: list = []
    width = in_features
    for h in hidden:
        layers += [Linear(width, h, init="he", rng=g, dtype=dtype), ReLU()]
        width = h
    layers.append(Linear(width, classes, rng=g, dtype=dtype))
    return Sequential(*layers)


def lenet5(*, activation: str = "tanh", pool: str = "avg", classes: int = 10, rng: Any = None,
           dtype: Any = np.float32) -> Sequential:
    """LeNet-5 (LeCun et al. 1998) on ``(N, 1, 32, 32)`` inputs.

    C1: 6 5x5 convolutions -> 28x28; S2: 2x2 subsampling -> 14x14; C3: 16 5x5 convolutions
    -> 10x10; S4 -> 5x5; C5: 120 5x5 convolutions -> 1x1; F6: 84 units; 10 outputs (scores for a
    softmax cross-entropy; the original used RBF outputs).  C3 is fully connected to S2 (the
    original's sparse connection table was a hardware economy).

    Parameters
    ----------
    activation : {'tanh', 'relu', 'sigmoid'}
    pool : {'avg', 'max'}
        ``'avg'`` is LeNet's subsampling (without its learned gain and bias).

    References
    ----------
    .. [1] Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning applied to
       document recognition", Proc. IEEE 86(11), 1998.

    Examples
    --------
    >>> net = lenet5(rng=0)
    >>> net.forward(np.zeros((2, 1, 32, 32), np.float32)).shape
    (2, 10)
    >>> sum(p.size for p in net.params().values())
    61706
    """
    check_choice(activation, name="activation", choices=tuple(_ACTIVATIONS))
    check_choice(pool, name="pool", choices=("avg", "max"))
    act = _ACTIVATIONS[activation]
    pooling = AvgPool2d if pool == "avg" else MaxPool2d
    init = "he" if activation == "relu" else "xavier"
    g = as_rng(rng)
    kw = {"init": init, "rng": g, "dtype": dtype}
    return Sequential(
        Conv2d(1, 6, 5, **kw), act(), pooling(2),
        Conv2d(6, 16, 5, **kw), act(), pooling(2),
        Conv2d(16, 120, 5, **kw), act(), Flatten(),
        Linear(120, 84, **kw), act(),
        Linear(84, classes, rng=g, dtype=dtype),
    )
