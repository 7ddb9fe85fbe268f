"""Figures for the network demos (matplotlib through :mod:`pyrkit.viz`, written atomically)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .. import viz
from .._checks import check_float, check_int
from ._demos import XOR_X, XOR_Y, CurveFit, KernelResult, TrainResult
from ._train import History, predict

__all__ = ["plot_history", "plot_xor", "plot_curves", "plot_filters", "plot_kernel",
           "gaussian_derivative_filters"]

PathLike = str | Path


def plot_history(history: History, path: PathLike, *, title: str = "",
                 force: bool = False) -> Path:
    """Training loss (left) and train/test accuracy (right) per epoch."""
    fig = viz.new_figure(9, 3.2)
    ax_loss, ax_acc = fig.subplots(1, 2)
    epochs = np.arange(1, len(history.loss) + 1)
    ax_loss.plot(epochs, history.loss, color="C0")
    ax_loss.set_yscale("log")
    ax_loss.set(xlabel="epoch", ylabel="training loss", title=f"{title} loss".strip())
    for values, label in ((history.train_accuracy, "train"), (history.test_accuracy, "test")):
        if not np.all(np.isnan(values)):
            ax_acc.plot(epochs, 100 * np.asarray(values), label=label)
    ax_acc.set(xlabel="epoch", ylabel="accuracy (%)", title=f"{title} accuracy".strip())
    if ax_acc.lines:
        ax_acc.legend()
    return viz.save_figure(fig, path, force=force)


def plot_xor(result: TrainResult, path: PathLike, *, n_converged: int | None = None,
             n_seeds: int | None = None, force: bool = False) -> Path:
    """The 2-2-1 network's output over the unit square, with the four XOR points."""
    fig = viz.new_figure(4.2, 3.8)
    ax = fig.subplots()
    u = np.linspace(-0.25, 1.25, 121)
    grid = np.stack(np.meshgrid(u, u), axis=-1).reshape(-1, 2)
    out = predict(result.model, grid).reshape(len(u), len(u))
    im = ax.imshow(out, origin="lower", extent=(u[0], u[-1], u[0], u[-1]), cmap="RdBu_r",
                   vmin=0, vmax=1)
    ax.contour(u, u, out, levels=[0.5], colors="k", linewidths=1)
    ax.scatter(XOR_X[:, 0], XOR_X[:, 1], c=XOR_Y[:, 0], cmap="RdBu_r", vmin=0, vmax=1,
               edgecolors="k", s=80)
    title = "XOR, 2-2-1 network"
    if n_converged is not None:
        title += f": {n_converged}/{n_seeds} seeds solve it"
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$")
    fig.colorbar(im, ax=ax, shrink=0.8)
    return viz.save_figure(fig, path, force=force)


def plot_curves(fits: Sequence[CurveFit], path: PathLike, *, force: bool = False) -> Path:
    """Bishop's Fig. 5.3: data (dots), network fit (red) and the hidden units (dashed)."""
    fig = viz.new_figure(8, 6.5)
    axes = fig.subplots(2, 2).ravel()
    for ax, f in zip(axes, fits):
        ax.plot(f.x, f.t, "o", color="C0", ms=3, label="data")
        ax.plot(f.grid, f.fit, color="C3", lw=2, label="network")
        for j in range(f.hidden.shape[1]):
            ax.plot(f.grid, f.hidden[:, j], "--", lw=1, label=f"hidden {j + 1}")
        ax.set_title(f"{f.name}  (MSE {f.loss:.2g})")
        ax.set_xlim(-1, 1)
    axes[0].legend(fontsize=7, loc="upper center")
    return viz.save_figure(fig, path, force=force)


def gaussian_derivative_filters(size: int = 5, sigma: float = 1.0) -> tuple[np.ndarray, list[str]]:
    """Steerable Gaussian-derivative filters ``(8, size, size)`` and their names.

    First and second derivatives of a Gaussian of width ``sigma`` at 0, 45, 90 and 135 degrees,
    each steered from its ``N + 1`` separable basis filters (:mod:`pyrkit.steer`, Freeman &
    Adelson 1991) and cropped to ``size x size``: the hand-designed counterpart of a convnet's
    first-layer filters.
    """
    from .. import steer

    size = check_int(size, name="size", low=3)
    sigma = check_float(sigma, name="sigma", low=0.0, low_open=True)
    bank, names = [], []
    for order in (1, 2):
        basis = [np.outer(ky, kx) for ky, kx in steer.basis_kernels(order, sigma)]
        r, h = basis[0].shape[0] // 2, size // 2
        basis = [_crop_centre(b, r, h, size) for b in basis]
        for degrees in (0, 45, 90, 135):
            bank.append(steer.steer(basis, np.deg2rad(degrees)))
            names.append(f"order {order}, {degrees}°")
    return np.stack(bank), names


def _crop_centre(kernel: np.ndarray, r: int, h: int, size: int) -> np.ndarray:
    """The ``size x size`` centre of a ``(2r + 1)``-square kernel (zero-padded if smaller)."""
    out = np.zeros((size, size))
    k = min(r, h)
    out[h - k:h + k + 1, h - k:h + k + 1] = kernel[r - k:r + k + 1, r - k:r + k + 1]
    return out


def _grid(ax_row: Any, filters: np.ndarray, titles: Sequence[str]) -> None:
    for ax, f, t in zip(ax_row, filters, titles):
        s = np.abs(f).max() or 1.0
        ax.imshow(f, cmap="RdBu_r", vmin=-s, vmax=s, interpolation="nearest")
        ax.set_title(t, fontsize=8)
    for ax in ax_row:
        ax.set_axis_off()


def plot_filters(weights: np.ndarray, path: PathLike, *, title: str = "learned first layer",
                 sigma: float = 1.0, force: bool = False) -> Path:
    """First-layer filters ``(O, 1, k, k)`` in a grid (top) above Gaussian-derivative filters of
    the same size (bottom), each shown with a symmetric colour scale (red +, blue -)."""
    w = np.asarray(weights)[:, 0]
    reference, names = gaussian_derivative_filters(w.shape[-1], sigma)
    cols = max(len(w), len(reference))
    fig = viz.new_figure(1.2 * cols, 3.2)
    axes = fig.subplots(2, cols, squeeze=False)
    _grid(axes[0], w, [f"{title} {i + 1}" if i == 0 else str(i + 1) for i in range(len(w))])
    _grid(axes[1], reference, names)
    for ax in list(axes[0][len(w):]) + list(axes[1][len(reference):]):
        ax.set_axis_off()
    return viz.save_figure(fig, path, force=force)


def plot_kernel(result: KernelResult, path: PathLike, *, force: bool = False) -> Path:
    """Learned kernel next to the binomial (taps and frequency responses) and the objective."""
    fig = viz.new_figure(11, 3.2)
    ax_taps, ax_freq, ax_obj = fig.subplots(1, 3)
    k = np.arange(len(result.kernel)) - len(result.kernel) // 2
    for w, label, fmt in ((result.initial, "start (noise)", "C7"),
                          (result.kernel, "learned", "C3"), (result.binomial, "[1 4 6 4 1]/16", "C0")):
        ax_taps.plot(k, w, "o-", color=fmt, label=label)
        freq = np.linspace(0, np.pi, 256)
        response = np.abs(np.sum(w[:, None] * np.cos(np.outer(k, freq)), axis=0))
        ax_freq.plot(freq / np.pi, response, color=fmt, label=label)
    ax_taps.axhline(0, color="k", lw=0.5)
    ax_taps.set(title=f"kernel taps (distance {result.distance:.3f})", xlabel="tap")
    ax_taps.legend(fontsize=7)
    ax_freq.axvline(0.5, color="k", lw=0.5, ls=":")
    ax_freq.set(title="frequency response", xlabel="frequency (x pi rad/sample)")
    ax_obj.plot(result.objective, color="C3")
    ax_obj.set(title="objective per pixel", xlabel="step", yscale="log")
    return viz.save_figure(fig, path, force=force)
