"""The training loop: mini-batch SGD over epochs, evaluation and prediction."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._checks import check_int
from .._layer import Layer
from .._progress import progress
from ..errors import ShapeError
from ._core import Sequential
from ._init import as_rng
from ._losses import Loss
from ._optim import SGD

__all__ = ["History", "fit", "predict", "evaluate", "accuracy", "model_dtype", "random_shift"]

Array = Any


@dataclass
class History:
    """Per-epoch record of a training run (accuracies are fractions; ``nan`` when not measured)."""

    loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)
    lr: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def model_dtype(model: Layer) -> np.dtype:
    """The dtype of the model's parameters (float64 for a model without any)."""
    for p in model.params().values():
        return p.dtype
    return np.dtype(np.float64)


def predict(model: Layer, x: Array, *, batch_size: int = 500) -> Array:
    """Model outputs for ``x`` in evaluation mode, ``batch_size`` samples at a time.

    Examples
    --------
    >>> from pyrkit.nn import Linear
    >>> predict(Linear(2, 1, init="zeros"), np.ones((3, 2))).ravel()
    array([0., 0., 0.])
    """
    batch_size = check_int(batch_size, name="batch_size", low=1)
    was_training = model.training
    model.eval()
    x = np.asarray(x, dtype=model_dtype(model))
    try:
        return np.concatenate([model.forward(x[i:i + batch_size])
                               for i in range(0, len(x), batch_size)])
    finally:
        model.train(was_training)


def accuracy(scores: Array, labels: Array) -> float:
    """Fraction of rows whose largest score is at the label (one output: threshold 0.5).

    Examples
    --------
    >>> accuracy(np.array([[0.1, 0.9], [0.8, 0.2]]), np.array([1, 1]))
    0.5
    """
    scores, labels = np.asarray(scores), np.asarray(labels)
    if scores.ndim == 2 and scores.shape[1] == 1:
        guess = (scores[:, 0] > 0.5).astype(int)
        labels = labels.reshape(-1)
    else:
        guess = scores.argmax(axis=1)
    return float(np.mean(guess == labels))


def evaluate(model: Layer, x: Array, labels: Array, *, batch_size: int = 500) -> float:
    """Classification accuracy of ``model`` on ``(x, labels)``."""
    return accuracy(predict(model, x, batch_size=batch_size), labels)


def random_shift(batch: Array, rng: np.random.Generator, max_shift: int = 2) -> Array:
    """Translate each ``(C, H, W)`` image of ``batch`` by a random integer offset in
    ``[-max_shift, max_shift]`` per axis, filling with zeros (data augmentation).

    Examples
    --------
    >>> x = np.zeros((1, 1, 3, 3)); x[0, 0, 1, 1] = 1
    >>> float(random_shift(x, np.random.default_rng(0), 1).sum())
    1.0
    """
    n, _, h, w = batch.shape
    s = max_shift
    padded = np.pad(batch, ((0, 0), (0, 0), (s, s), (s, s)))
    dy, dx = rng.integers(0, 2 * s + 1, size=(2, n))
    rows = dy[:, None] + np.arange(h)[None, :]
    cols = dx[:, None] + np.arange(w)[None, :]
    out = padded[np.arange(n)[:, None, None], :, rows[:, :, None], cols[:, None, :]]
    return np.ascontiguousarray(out.transpose(0, 3, 1, 2))


def _is_labels(y: Array) -> bool:
    return np.issubdtype(np.asarray(y).dtype, np.integer)


def fit(model: Layer, loss: Loss, optimizer: SGD, x: Array, y: Array, *, epochs: int,
        batch_size: int = 32, rng: Any = None, schedule: Callable[[int], float] | None = None,
        x_test: Array = None, y_test: Array = None,
        augment: Callable[[Array, np.random.Generator], Array] | None = None,
        desc: str = "train", show_progress: bool | None = None) -> History:
    """Train ``model`` by mini-batch SGD.

    Each epoch shuffles the samples (with ``rng``), and for each batch runs
    ``loss.forward(model.forward(xb), yb)``, ``model.backward(loss.backward())``,
    ``optimizer.step()`` and ``optimizer.zero_grad()``.

    Parameters
    ----------
    model, loss, optimizer
        The network, its cost and an :class:`SGD` bound to ``model``.
    x, y : arrays
        Inputs (cast to the model's dtype) and targets (labels or arrays).
    epochs : int
    batch_size : int
        From 1 (stochastic) to ``len(x)`` (full batch).
    rng : Generator or int
        Shuffling and augmentation randomness.
    schedule : callable, optional
        ``epoch -> learning rate`` (e.g. :func:`cosine_lr`), applied at the start of each epoch.
    x_test, y_test : arrays, optional
        Held-out set evaluated after every epoch (classification).
    augment : callable, optional
        ``(batch, rng) -> batch`` applied to each training batch.
    desc : str
        Progress-bar label.

    Returns
    -------
    History
    """
    epochs = check_int(epochs, name="epochs", low=1)
    x = np.asarray(x, dtype=model_dtype(model))
    y = np.asarray(y)
    if len(x) != len(y):
        raise ShapeError(f"x and y must have the same number of samples; got {len(x)} and "
                         f"{len(y)}")
    batch_size = check_int(batch_size, name="batch_size", low=1, high=len(x))
    g = as_rng(rng)
    n_batches = -(-len(x) // batch_size)
    history = History()
    model.train()
    bar = progress(total=epochs * n_batches, desc=desc, unit="batch", disable=show_progress
                   if show_progress is None else not show_progress)
    skip = model.no_input_grad() if isinstance(model, Sequential) else contextlib.nullcontext()
    with bar, skip:
        for epoch in range(epochs):
            if schedule is not None:
                optimizer.lr = float(schedule(epoch))
            start, total, correct = time.perf_counter(), 0.0, 0
            order = g.permutation(len(x))
            for b in range(n_batches):
                idx = order[b * batch_size:(b + 1) * batch_size]
                xb, yb = x[idx], y[idx]
                if augment is not None:
                    xb = augment(xb, g)
                out = model.forward(xb)
                total += loss.forward(out, yb) * len(idx)
                if _is_labels(y):
                    correct += accuracy(out, yb) * len(idx)
                model.backward(loss.backward())
                optimizer.step()
                optimizer.zero_grad()
                bar.update()
            history.seconds.append(time.perf_counter() - start)
            history.loss.append(total / len(x))
            history.lr.append(optimizer.lr)
            history.train_accuracy.append(correct / len(x) if _is_labels(y) else float("nan"))
            test = (evaluate(model, x_test, y_test) if x_test is not None and y_test is not None
                    else float("nan"))
            history.test_accuracy.append(test)
            post = {"loss": f"{history.loss[-1]:.4g}"}
            if not np.isnan(test):
                post["test"] = f"{100 * test:.2f}%"
            bar.set_postfix(post)
    model.eval()
    return history
