"""The ``pyrkit train`` tasks: train, then write plots and the model into one folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._checks import check_choice, check_int
from ..io import atomic_directory
from ._demos import (fit_curves, train_digits, train_lenet5, train_xor, xor_convergence)
from ._plots import plot_curves, plot_filters, plot_history, plot_xor
from ._serialize import save_model

__all__ = ["TASKS", "DEFAULT_EPOCHS", "run_task"]

#: Epochs each task trains for by default.
DEFAULT_EPOCHS = {"xor": 1000, "curves": 4000, "digits": 40, "lenet5": 30}
TASKS = tuple(DEFAULT_EPOCHS)


def _xor(out: Path, epochs: int, seed: int, data: Any) -> list[str]:
    result = train_xor(seed=seed, epochs=epochs, show_progress=None)
    converged = sum(xor_convergence(100, epochs=epochs))
    plot_xor(result, out / "xor.png", n_converged=converged, n_seeds=100)
    plot_history(result.history, out / "loss.png", title="XOR")
    save_model(result.model, out / "model.npz", metadata={"task": "xor", "seed": seed})
    outputs = ", ".join(f"{v:.3f}" for v in result.info["outputs"])
    return [f"outputs on (0,0) (0,1) (1,0) (1,1): {outputs}",
            f"seeds 0-99 that solve XOR in {epochs} epochs: {converged}/100",
            f"test accuracy: {100 * result.test_accuracy:.2f}%"]


def _curves(out: Path, epochs: int, seed: int, data: Any) -> list[str]:
    fits = fit_curves(seed=seed, epochs=epochs, show_progress=None)
    plot_curves(fits, out / "curves.png")
    return [f"{f.name}: mean squared error {f.loss:.3g}" for f in fits]


def _digits(out: Path, epochs: int, seed: int, data: Any) -> list[str]:
    result = train_digits(seed=seed, epochs=epochs)
    plot_history(result.history, out / "history.png", title="digits MLP")
    save_model(result.model, out / "model.npz",
               metadata={"task": "digits", "seed": seed, "test_accuracy": result.test_accuracy})
    return [f"data: scikit-learn digits, {result.info['train']} train / "
            f"{result.info['test']} test",
            f"test accuracy: {100 * result.test_accuracy:.2f}%"]


def _lenet5(out: Path, epochs: int, seed: int, data: Any) -> list[str]:
    result = train_lenet5(data, seed=seed, epochs=epochs)
    plot_history(result.history, out / "history.png", title="LeNet-5")
    plot_filters(result.model[0].weight, out / "filters.png", title="C1")
    save_model(result.model, out / "model.npz",
               metadata={"task": "lenet5", "seed": seed, "test_accuracy": result.test_accuracy,
                         "data": result.info["data"]})
    seconds = sum(result.history.seconds)
    return [f"data: {result.info['data']}",
            f"training: {epochs} epochs in {seconds:.0f} s",
            f"test accuracy: {100 * result.test_accuracy:.2f}%"]


_RUNNERS: dict[str, Callable[[Path, int, int, Any], list[str]]] = {
    "xor": _xor, "curves": _curves, "digits": _digits, "lenet5": _lenet5}


def run_task(name: str, out_dir: str | Path, *, epochs: int | None = None, seed: int = 0,
             data: str | Path | None = None, force: bool = False) -> list[str]:
    """Run one demo task and write its figures and model into ``out_dir`` (atomically).

    Parameters
    ----------
    name : {'xor', 'curves', 'digits', 'lenet5'}
    out_dir : path
        Created; an existing folder is replaced only with ``force``.
    epochs : int, optional
        Default :data:`DEFAULT_EPOCHS` ``[name]``.
    seed : int
    data : path, optional
        For ``lenet5``: a folder with MNIST's ``t10k`` IDX files (otherwise scikit-learn's
        digits at 32 x 32).

    Returns
    -------
    list of str
        Summary lines; for the classifiers the last is ``test accuracy: NN.NN%``.
    """
    check_choice(name, name="task", choices=TASKS)
    epochs = DEFAULT_EPOCHS[name] if epochs is None else check_int(epochs, name="epochs", low=1)
    seed = check_int(seed, name="seed", low=0)
    if data is not None and name != "lenet5":
        from ..errors import ParameterError

        raise ParameterError(f"data is only used by the lenet5 task; got data for {name!r}")
    with atomic_directory(out_dir, force=force) as tmp:
        lines = _RUNNERS[name](Path(tmp), epochs, seed, data)
    return lines
