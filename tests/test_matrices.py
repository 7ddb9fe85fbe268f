"""Explicit matrices: exact inverse, and agreement with the fast operators."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import linops, matrices
from pyrkit.filters import as_kernel
from pyrkit.pyramids import LaplacianPyramid

MODES = linops.BOUNDARY_MODES


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 8, 11, 16])
def test_matrices_equal_fast_operators_on_identity(mode, n):
    w = as_kernel(None)
    fast_g = linops._corr1d(np.eye(n), w, -1, mode, step=2).T
    np.testing.assert_allclose(matrices.downsample_matrix(n, boundary=mode), fast_g, atol=1e-15)
    m = (n + 1) // 2
    fast_f = linops._up1d(np.eye(m), n, w, -1, mode).T
    np.testing.assert_allclose(matrices.upsample_matrix(n, boundary=mode), fast_f, atol=1e-15)
    np.testing.assert_allclose(matrices.blur_matrix(n, boundary=mode),
                               linops.correlate1d(np.eye(n), w, boundary=mode).T, atol=1e-15)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("n, levels", [(1, 0), (2, 1), (7, 2), (8, 3), (13, 3), (32, 5)])
def test_synthesis_inverts_analysis(mode, n, levels):
    a = matrices.laplacian_analysis_matrix(n, levels, boundary=mode)
    s = matrices.laplacian_synthesis_matrix(n, levels, boundary=mode)
    assert a.shape[1] == n and s.shape == (n, a.shape[0])
    np.testing.assert_allclose(s @ a, np.eye(n), atol=1e-13)


def test_analysis_matrix_matches_laplacian_pyramid():
    """Rows of a (1, n) image: the pyramid's bands, stacked, equal the analysis matrix times x."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal(19)
    pyr = LaplacianPyramid(x[None, :], 3)
    stacked = np.concatenate([b[0] for b in pyr.values()])
    np.testing.assert_allclose(matrices.laplacian_analysis_matrix(19, 3) @ x, stacked, atol=1e-13)


def test_binomial_rows():
    g = matrices.downsample_matrix(9)
    np.testing.assert_allclose(g[2, 2:7] * 16, [1, 4, 6, 4, 1])
    np.testing.assert_allclose(g.sum(axis=1), 1.0)
