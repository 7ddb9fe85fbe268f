"""Pyramid stages as layers (mirrors ``pyrkit/nn/_pyramid.py``); their finite-difference and
adjoint checks run from the registry in ``cases.py``."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import linops, nn
from pyrkit.pyramids import LaplacianPyramid


@pytest.mark.parametrize("boundary", ["reflect101", "periodic", "zero"])
def test_layers_equal_the_linops_functions(boundary):
    x = np.random.default_rng(0).standard_normal((2, 9, 7))
    down = nn.BlurDownsample(boundary=boundary, learnable=True)
    np.testing.assert_array_equal(down.forward(x), linops.blur_downsample(x, boundary=boundary))
    up = nn.UpsampleBlur((9, 7), boundary=boundary)
    low = linops.blur_downsample(x, boundary=boundary)
    np.testing.assert_array_equal(up.forward(low),
                                  linops.upsample_blur(low, (9, 7), boundary=boundary))


def test_laplacian_band_is_the_first_laplacian_pyramid_level():
    x = np.random.default_rng(1).standard_normal((17, 12))
    band = nn.LaplacianBand()
    pyr = LaplacianPyramid(x, 1)
    np.testing.assert_allclose(band.forward(x), pyr[(0, 0)], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(band.last_lowpass, pyr["lowpass"], rtol=1e-12)


def test_kernel_gradient_of_fixed_layer_is_not_a_parameter():
    layer = nn.BlurDownsample()
    assert layer.params() == {} and layer.grads() == {}


def test_learned_kernel_stays_admissible_and_moves_towards_its_optimum():
    result = nn.learn_pyramid_kernel(steps=60, batch=8, seed=0)
    w = result.kernel
    np.testing.assert_allclose(w, w[::-1], atol=1e-12)
    assert w[::2].sum() == pytest.approx(0.5) and w[1::2].sum() == pytest.approx(0.5)
    assert np.mean(result.objective[-10:]) < np.mean(result.objective[:10])
    assert 0.45 < w[2] < 0.7  # the Burt-Adelson parameter a, from noise


def test_kernel_constraints_parameterise_burt_adelson_family():
    proj, c = nn.kernel_constraints(5)
    a = 0.375
    binomial = np.array([0.25 - a / 2, 0.25, a, 0.25, 0.25 - a / 2])
    np.testing.assert_allclose(c + proj @ (binomial - c), binomial, atol=1e-12)
