"""Convolution and pooling specifics (mirrors ``pyrkit/nn/_conv.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import nn
from pyrkit.errors import ShapeError
from pyrkit.nn import _conv


def test_batch_slices_give_the_same_result(monkeypatch):
    g = np.random.default_rng(0)
    x = g.standard_normal((7, 2, 9, 8))
    ref = nn.Conv2d(2, 3, 3, padding=1, stride=2, rng=1)
    y = ref.forward(x)
    df = g.standard_normal(y.shape)
    dx = ref.backward(df)
    monkeypatch.setattr(_conv, "IM2COL_BYTES", 1)  # one image per slice, gathered again
    sliced = nn.Conv2d(2, 3, 3, padding=1, stride=2, rng=1)
    np.testing.assert_allclose(sliced.forward(x), y, rtol=1e-13)
    np.testing.assert_allclose(sliced.backward(df), dx, rtol=1e-13)
    np.testing.assert_allclose(sliced.grad_weight, ref.grad_weight, rtol=1e-13)


def test_convolution_is_cross_correlation_of_a_known_kernel():
    conv = nn.Conv2d(1, 1, 3, bias=False, init="zeros")
    conv.weight[0, 0] = [[0, 0, 0], [0, 0, 1], [0, 0, 0]]  # picks the right neighbour
    x = np.arange(12.0).reshape(1, 1, 3, 4)
    np.testing.assert_array_equal(conv.forward(x)[0, 0], [[6.0, 7.0]])


def test_backward_accumulates_and_zero_grad_resets():
    conv = nn.Conv2d(1, 2, 3, rng=0)
    x = np.ones((1, 1, 4, 4))
    conv.backward(np.ones_like(conv.forward(x)))
    once = conv.grad_weight.copy()
    conv.backward(np.ones((1, 2, 2, 2)))
    np.testing.assert_allclose(conv.grad_weight, 2 * once)
    conv.zero_grad()
    assert not conv.grad_weight.any() and not conv.grad_bias.any()


def test_first_layer_input_gradient_can_be_skipped():
    model = nn.Sequential(nn.Conv2d(1, 2, 3, rng=0), nn.Flatten())
    x = np.ones((1, 1, 4, 4))
    with model.no_input_grad():
        model.forward(x)
        assert model.backward(np.ones((1, 8))) is None
    assert model[0].requires_input_grad
    assert model.backward(np.ones((1, 8))).shape == x.shape


def test_float32_parameters_give_float32_outputs_and_gradients():
    model = nn.Sequential(nn.Conv2d(1, 2, 3, rng=0, dtype=np.float32), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(2, 3, rng=0,
                                                                    dtype=np.float32))
    x = np.ones((2, 1, 4, 4), np.float32)
    y = model.forward(x)
    assert y.dtype == np.float32
    assert model.backward(np.ones_like(y)).dtype == np.float32
    assert all(g.dtype == np.float32 for g in model.grads().values())


@pytest.mark.parametrize("layer", [nn.Conv2d(2, 1, 3, rng=0), nn.MaxPool2d(2)])
def test_wrong_input_shape_is_a_clear_error(layer):
    with pytest.raises(ShapeError, match="must"):
        layer.forward(np.ones((1, 3, 1, 1)))


def test_backward_before_forward_is_a_clear_error():
    with pytest.raises(RuntimeError, match="before forward"):
        nn.Tanh().backward(np.ones(2))


def test_repr_lists_configuration():
    assert repr(nn.Conv2d(1, 6, 5, rng=0)).startswith(
        "Conv2d(in_channels=1, out_channels=6, kernel_size=[5, 5], stride=1, padding=0")
    assert "(0): Linear" in repr(nn.Sequential(nn.Linear(2, 2, rng=0)))
