"""Generic tests over the registry: finite differences, adjoints and Jacobians (mirrors
``pyrkit/nn/_gradcheck.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import nn
from pyrkit.errors import DTypeError

from .cases import LAYER_CASES, LINEAR_IDS, LOSS_CASES, make_input

IDS = [c[0] for c in LAYER_CASES]


@pytest.mark.parametrize("case", LAYER_CASES, ids=IDS)
def test_backward_matches_finite_differences(case):
    name, factory, shape = case
    layer = factory(np.random.default_rng(1))
    errors = nn.gradcheck(layer, make_input(shape), rtol=1e-6)
    assert set(errors) == {"input", *layer.params()}
    assert max(errors.values()) < 1e-6


@pytest.mark.parametrize("case", LOSS_CASES, ids=[c[0] for c in LOSS_CASES])
def test_loss_backward_matches_finite_differences(case):
    _, factory, shape, target = case
    g = np.random.default_rng(2)
    errors = nn.gradcheck(factory(), make_input(shape), target=target(g))
    assert errors["input"] < 1e-6


@pytest.mark.parametrize("case", [c for c in LAYER_CASES if c[0] in LINEAR_IDS],
                         ids=[c for c in IDS if c in LINEAR_IDS])
def test_linear_layer_backward_is_adjoint(case):
    _, factory, shape = case
    layer = factory(np.random.default_rng(3))
    x = make_input(shape, 4)
    y = layer.forward(x)
    v = make_input(y.shape, 5)
    assert np.vdot(y, v) == pytest.approx(np.vdot(x, layer.backward(v)), rel=1e-12)


@pytest.mark.parametrize("case", LAYER_CASES[:3] + LAYER_CASES[10:12] + LAYER_CASES[16:18],
                         ids=IDS[:3] + IDS[10:12] + IDS[16:18])
def test_jacobian_backward_equals_central_differences(case):
    _, factory, shape = case
    layer = factory(np.random.default_rng(6))
    x = make_input(shape, 7)
    jb = nn.jacobian(layer, x)
    jc = nn.jacobian(layer, x, method="central")
    np.testing.assert_allclose(jb, jc, rtol=1e-6, atol=1e-8)


def test_chain_rule_product_of_layer_jacobians_is_network_jacobian():
    g = np.random.default_rng(8)
    layers = [nn.Conv2d(1, 2, 3, rng=g), nn.Tanh(), nn.MaxPool2d(2), nn.Flatten(),
              nn.Linear(8, 3, rng=g), nn.Sigmoid()]
    x = g.standard_normal((1, 1, 6, 6))
    product, h = np.eye(x.size), x
    for layer in layers:
        product = nn.jacobian(layer, h) @ product
        h = layer.forward(h)
    whole = nn.jacobian(nn.Sequential(*layers), x)
    assert whole.shape == (3, 36)
    np.testing.assert_allclose(whole, product, rtol=1e-12, atol=1e-14)


def test_jacobian_leaves_accumulated_gradients_alone():
    layer = nn.Linear(3, 2, rng=0)
    layer.grad_weight[...] = 7.0
    nn.jacobian(layer, np.ones((1, 3)))
    assert np.all(layer.grad_weight == 7.0)


def test_gradcheck_catches_a_wrong_backward():
    class Wrong(nn.Tanh):
        def backward(self, grad_out):
            return 1.01 * super().backward(grad_out)

    with pytest.raises(AssertionError, match="input"):
        nn.gradcheck(Wrong(), np.ones((2, 2)))


def test_gradcheck_rejects_float32_parameters():
    with pytest.raises(DTypeError, match="float64"):
        nn.gradcheck(nn.Linear(2, 2, dtype=np.float32, rng=0), np.ones((1, 2)))
