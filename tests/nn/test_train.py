"""Training: optimiser, schedules, determinism and the classic demos (mirrors
``pyrkit/nn/_train.py``, ``_optim.py`` and ``_demos.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import nn
from pyrkit.errors import ParameterError

from conftest import DATA


def test_training_is_reproducible_from_a_seed():
    a, b = nn.train_xor(seed=5, epochs=50), nn.train_xor(seed=5, epochs=50)
    for k, v in a.model.params().items():
        np.testing.assert_array_equal(v, b.model.params()[k])


def test_xor_is_solved_from_a_fixed_seed():
    result = nn.train_xor(seed=0)
    assert result.test_accuracy == 1.0
    out = result.info["outputs"]
    assert out[[1, 2]].min() > 0.9 and out[[0, 3]].max() < 0.1


def test_any_batch_size_from_one_to_the_whole_set():
    g = np.random.default_rng(0)
    x = g.standard_normal((12, 3))
    t = x @ np.array([[1.0], [-2.0], [0.5]])
    for batch in (1, 5, 12):
        model = nn.Linear(3, 1, rng=0)
        h = nn.fit(model, nn.EuclideanLoss("mean"), nn.SGD(model, lr=0.05), x, t, epochs=200,
                   batch_size=batch, rng=0, show_progress=False)
        assert h.loss[-1] < 1e-3 * h.loss[0]
    with pytest.raises(ParameterError, match="batch_size"):
        nn.fit(model, nn.EuclideanLoss(), nn.SGD(model), x, t, epochs=1, batch_size=13)


def test_schedules():
    step = nn.step_lr(0.1, step=10, gamma=0.5)
    assert step(9) == 0.1 and step(10) == 0.05
    cos = nn.cosine_lr(0.1, epochs=10, final=0.01)
    assert cos(0) == pytest.approx(0.1) and cos(10) == pytest.approx(0.01)
    assert cos(5) == pytest.approx(0.055)


def test_bishop_curves_are_fitted():
    fits = nn.fit_curves(epochs=1500)
    losses = {f.name: f.loss for f in fits}
    assert losses["x^2"] < 0.01 and losses["sin(pi x)"] < 0.05
    assert all(f.hidden.shape == (201, 3) for f in fits)


def test_digits_mlp_reaches_97_percent():
    result = nn.train_digits(seed=0, show_progress=False)
    assert result.test_accuracy >= 0.97


def test_lenet5_learns_mnist_in_a_short_run(data_dir):
    result = nn.train_lenet5(DATA / "mnist", epochs=3, n_train=2500, augment=False,
                             show_progress=False)
    assert "last 2000 test" in result.info["data"]
    assert result.test_accuracy > 0.90
