"""Training recipes for the classic demos: XOR, Bishop's curve fitting, digits, LeNet-5, and a
pyramid kernel learned from images.  ``pyrkit train`` and the gallery call these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .._checks import check_float, check_int
from .._layer import Layer
from ..errors import NonFiniteError
from ..filters import binomial_kernel
from ._data import (load_digits, load_mnist, pad_images, resize_images, standardize,
                    train_test_split)
from ._init import as_rng
from ._losses import EuclideanLoss, SoftmaxCrossEntropy
from ._optim import SGD, cosine_lr
from ._pyramid import LaplacianBand
from ._train import History, evaluate, fit, predict, random_shift
from ._zoo import curve_net, digits_mlp, lenet5, xor_net

__all__ = ["TrainResult", "CurveFit", "KernelResult", "XOR_X", "XOR_Y", "train_xor",
           "xor_convergence", "CURVES", "fit_curves", "train_digits", "lenet5_data",
           "train_lenet5", "learn_pyramid_kernel", "kernel_constraints"]


@dataclass
class TrainResult:
    """A trained classifier, its per-epoch history and its held-out accuracy (a fraction)."""

    name: str
    model: Layer
    history: History
    test_accuracy: float
    info: dict[str, Any] = field(default_factory=dict)


XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def train_xor(*, seed: int = 0, epochs: int = 1000, lr: float = 0.5,
              show_progress: bool | None = False) -> TrainResult:
    """Fit XOR with the 2-2-1 network (tanh hidden, sigmoid output, Euclidean loss), full-batch
    SGD with momentum 0.9.  ``test_accuracy`` is the accuracy on the four points.

    Examples
    --------
    >>> train_xor(seed=0).test_accuracy
    1.0
    """
    model = xor_net(rng=np.random.default_rng(seed))
    history = fit(model, EuclideanLoss(), SGD(model, lr=lr, momentum=0.9), XOR_X, XOR_Y,
                  epochs=epochs, batch_size=4, rng=seed, desc="xor", show_progress=show_progress)
    acc = float(np.mean((predict(model, XOR_X) > 0.5) == (XOR_Y > 0.5)))
    return TrainResult("xor", model, history, acc, {"outputs": predict(model, XOR_X).ravel()})


def xor_convergence(n_seeds: int = 100, *, epochs: int = 1000, lr: float = 0.5) -> list[bool]:
    """For seeds ``0 .. n_seeds - 1``, whether :func:`train_xor` classifies all four points."""
    n_seeds = check_int(n_seeds, name="n_seeds", low=1)
    return [train_xor(seed=s, epochs=epochs, lr=lr).test_accuracy == 1.0 for s in range(n_seeds)]


#: Bishop's four targets (Fig. 5.3 of Pattern Recognition and Machine Learning).
CURVES = {
    "x^2": lambda x: x ** 2,
    "sin(pi x)": lambda x: np.sin(np.pi * x),
    "|x|": np.abs,
    "step": lambda x: (x > 0).astype(float),
}


@dataclass
class CurveFit:
    """One panel of Fig. 5.3: data, the network's fit on a grid and its hidden units there."""

    name: str
    x: np.ndarray
    t: np.ndarray
    grid: np.ndarray
    fit: np.ndarray
    hidden: np.ndarray  # (len(grid), hidden units)
    loss: float


def fit_curves(*, seed: int = 0, n_points: int = 50, epochs: int = 4000, lr: float = 0.02,
               show_progress: bool | None = False) -> list[CurveFit]:
    """Bishop's Fig. 5.3: a 1-3-1 tanh network fitted to ``n_points`` samples of each curve.

    ``x`` is uniform on (-1, 1); training is full-batch SGD with momentum 0.9 on the mean squared
    error, with a cosine-decayed learning rate.
    """
    g = as_rng(seed)
    out = []
    for name, f in CURVES.items():
        x = np.sort(g.uniform(-1, 1, n_points))[:, None]
        t = f(x)
        model = curve_net(3, rng=g)
        history = fit(model, EuclideanLoss("mean"), SGD(model, lr=lr, momentum=0.9), x, t,
                      epochs=epochs, batch_size=n_points, rng=g,
                      schedule=cosine_lr(lr, epochs=epochs, final=lr / 10), desc=name,
                      show_progress=show_progress)
        grid = np.linspace(-1, 1, 201)[:, None]
        pred = predict(model, grid)
        hidden = model[1].forward(model[0].forward(grid))
        out.append(CurveFit(name, x[:, 0], t[:, 0], grid[:, 0], pred[:, 0], hidden,
                            history.loss[-1]))
    return out


def train_digits(*, seed: int = 0, epochs: int = 40, batch_size: int = 32, lr: float = 0.05,
                 show_progress: bool | None = None) -> TrainResult:
    """An MLP (64-128-64-10, ReLU) on scikit-learn's 8x8 digits, seeded 80/20 split.

    Inputs are standardised with the training statistics; SGD with momentum 0.9, weight decay
    1e-4 and a cosine schedule minimise softmax cross-entropy.
    """
    images, labels = load_digits()
    xtr, ytr, xte, yte = train_test_split(images.reshape(len(images), -1), labels, rng=seed)
    xtr, xte = standardize(xtr, xte)
    model = digits_mlp(rng=np.random.default_rng(seed))
    history = fit(model, SoftmaxCrossEntropy(), SGD(model, lr=lr, momentum=0.9,
                                                    weight_decay=1e-4), xtr, ytr,
                  epochs=epochs, batch_size=batch_size, rng=seed, x_test=xte, y_test=yte,
                  schedule=cosine_lr(lr, epochs=epochs), desc="digits",
                  show_progress=show_progress)
    return TrainResult("digits", model, history, evaluate(model, xte, yte),
                       {"train": len(xtr), "test": len(xte)})


def lenet5_data(data: str | Path | None = None, *, seed: int = 0, n_train: int = 8000,
                n_test: int = 2000) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, str]:
    """LeNet-5 inputs ``(N, 1, 32, 32)``, standardised, and a description.

    With ``data`` (a folder holding MNIST's ``t10k`` IDX files): the first ``n_train`` images
    train and the last ``n_test`` test, padded 28 -> 32 as in LeNet.  Without: scikit-learn's digits
    resized to 24 x 24 and padded to 32 x 32, seeded 80/20 split (runs on a fresh machine).
    """
    if data is not None:
        images, labels = load_mnist(data)
        n_test = check_int(n_test, name="n_test", low=1, high=len(images) - 1)
        n_train = check_int(n_train, name="n_train", low=1, high=len(images) - n_test)
        images = pad_images(images, 32)
        xtr, ytr = images[:n_train], labels[:n_train]
        xte, yte = images[-n_test:], labels[-n_test:]
        what = f"MNIST t10k: first {n_train} train, last {n_test} test"
    else:
        images, labels = load_digits()
        images = pad_images(resize_images(images, 24), 32)
        xtr, ytr, xte, yte = train_test_split(images, labels, rng=seed)
        what = f"scikit-learn digits at 32x32: {len(xtr)} train, {len(xte)} test"
    xtr, xte = standardize(xtr, xte)
    return xtr[:, None], ytr, xte[:, None], yte, what


def train_lenet5(data: str | Path | None = None, *, seed: int = 0, epochs: int = 30,
                 batch_size: int = 64, lr: float = 0.05, activation: str = "tanh",
                 pool: str = "avg", augment: bool = True, n_train: int = 8000,
                 n_test: int = 2000, show_progress: bool | None = None) -> TrainResult:
    """Train LeNet-5 (see :func:`lenet5_data` for the data) with softmax cross-entropy, SGD
    (momentum 0.9, weight decay 5e-4, cosine schedule) and, with ``augment``, random
    translations of up to 2 pixels."""
    xtr, ytr, xte, yte, what = lenet5_data(data, seed=seed, n_train=n_train, n_test=n_test)
    model = lenet5(activation=activation, pool=pool, rng=np.random.default_rng(seed))
    history = fit(model, SoftmaxCrossEntropy(), SGD(model, lr=lr, momentum=0.9,
                                                    weight_decay=5e-4), xtr, ytr,
                  epochs=epochs, batch_size=batch_size, rng=seed, x_test=xte, y_test=yte,
                  schedule=cosine_lr(lr, epochs=epochs), desc="lenet5",
                  augment=random_shift if augment else None, show_progress=show_progress)
    return TrainResult("lenet5", model, history, evaluate(model, xte, yte),
                       {"data": what, "activation": activation, "pool": pool,
                        "augment": augment})


# ---------------------------------------------------------------------------------------------
# Learning the pyramid kernel
# ---------------------------------------------------------------------------------------------


def kernel_constraints(size: int, *, equal_contribution: bool = True
                       ) -> tuple[np.ndarray, np.ndarray]:
    """The affine set of admissible generating kernels, as ``(P, c)``: every kernel ``c + P v``
    is symmetric with taps summing to one, and with ``equal_contribution`` its even and odd taps
    each sum to 1/2 (Burt & Adelson's conditions: then ``F`` maps constants to constants).  ``P``
    is the orthogonal projector onto the constraint directions.

    For five taps with equal contribution the set is Burt & Adelson's one-parameter family
    ``[1/4 - a/2, 1/4, a, 1/4, 1/4 - a/2]`` (the binomial is ``a = 3/8``).

    Examples
    --------
    >>> P, c = kernel_constraints(5)
    >>> c.tolist(), int(round(np.trace(P)))
    ([0.16666666666666666, 0.25, 0.16666666666666666, 0.25, 0.16666666666666666], 1)
    >>> P, c = kernel_constraints(3, equal_contribution=False)
    >>> (P @ np.array([0.2, 0.5, 0.3])).round(3).tolist()
    [-0.083, 0.167, -0.083]
    """
    size = check_int(size, name="size", low=3)
    rows = [np.eye(size)[k] - np.eye(size)[size - 1 - k] for k in range(size // 2)]
    r = size // 2
    phase = np.array([(k - r) % 2 for k in range(size)])
    if equal_contribution:
        rows += [(phase == 0).astype(float), (phase == 1).astype(float)]
        c = np.where(phase == 0, 0.5 / np.sum(phase == 0), 0.5 / np.sum(phase == 1))
    else:
        rows.append(np.ones(size))
        c = np.full(size, 1.0 / size)
    a = np.array(rows)
    return np.eye(size) - np.linalg.pinv(a) @ a, c


@dataclass
class KernelResult:
    """The learned generating kernel, where it started, and the objective along the way."""

    kernel: np.ndarray
    initial: np.ndarray
    binomial: np.ndarray
    objective: list[float]
    distance: float  # Euclidean distance between the learned and the binomial kernel


def _patches(size: int, count: int, rng: np.random.Generator) -> np.ndarray:
    from skimage import data

    from .._checks import as_float

    images = [as_float(getattr(data, n)()) for n in ("camera", "moon", "coins", "text", "page")]
    out = np.empty((count, size, size))
    for i in range(count):
        img = images[rng.integers(len(images))]
        r, c = rng.integers(0, img.shape[0] - size), rng.integers(0, img.shape[1] - size)
        out[i] = img[r:r + size, c:c + size]
    return out


def learn_pyramid_kernel(*, size: int = 5, steps: int = 300, patch: int = 32,
                         batch: int = 32, threshold: float = 0.02, sparsity: float = 0.1,
                         lr: float = 0.05, equal_contribution: bool = True,
                         seed: int = 0) -> KernelResult:
    """Learn the generating kernel ``w`` of one Laplacian level from natural-image patches.

    The band ``L = x - F_w G_w x`` is coded by soft-thresholding, ``S_t(L) = sign(L)
    max(|L| - t, 0)``, and the image is rebuilt from the coded band, ``x_hat = F_w G_w x +
    S_t(L)``.  The cost per pixel is the reconstruction error plus an L1 penalty on the coded
    band::

        C(w) = 1/2 |x - x_hat|^2 + lambda |S_t(L)|_1 = sum 1/2 min(|L|, t)^2 + lambda max(|L| - t, 0)

    (exact synthesis without coding, ``x = F G x + L``, would cost nothing for every kernel).
    ``w`` starts from noise inside the admissible set of :func:`kernel_constraints` (symmetric,
    taps summing to one, and with ``equal_contribution`` even and odd taps summing to 1/2 each)
    and stays there: projected SGD with momentum, the gradient coming from
    :class:`LaplacianBand`'s backward pass.  Patches are drawn from five :mod:`skimage.data`
    images.

    Returns
    -------
    KernelResult
    """
    size = check_int(size, name="size", low=3)
    threshold = check_float(threshold, name="threshold", low=0.0, low_open=True)
    g = as_rng(seed)
    proj, centre = kernel_constraints(size, equal_contribution=equal_contribution)
    w0 = centre + proj @ g.uniform(-0.5, 0.5, size)  # noise inside the admissible set
    pool = _patches(patch, 20 * batch, g)
    layer = LaplacianBand(kernel=w0, learnable=True, boundary="reflect101")
    velocity, history = np.zeros(size), []
    for _ in range(steps):
        x = pool[g.integers(len(pool), size=batch)]
        band = layer.forward(x)
        small = np.abs(band) <= threshold
        cost = np.where(small, 0.5 * band ** 2,
                        0.5 * threshold ** 2 + sparsity * (np.abs(band) - threshold))
        n_pix = band.size
        history.append(float(cost.sum() / n_pix))
        grad = np.where(small, band, sparsity * np.sign(band)) / n_pix
        layer.zero_grad()
        layer.backward(grad)
        step = proj @ layer.grad_kernel
        velocity = 0.9 * velocity + step
        layer.kernel -= lr / threshold * velocity
        if not np.all(np.isfinite(layer.kernel)):
            raise NonFiniteError(f"kernel learning diverged; lower lr (got {lr})")
    binom = binomial_kernel(size)
    w = layer.kernel.copy()
    return KernelResult(w, w0, binom, history, float(np.linalg.norm(w - binom)))
