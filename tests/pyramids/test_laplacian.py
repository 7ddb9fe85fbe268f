"""Gaussian and Laplacian pyramids: exact reconstruction, geometry, layout, dtypes, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyrkit import linops, matrices
from pyrkit.errors import NonFiniteError, ParameterError, ShapeError
from pyrkit.pyramids import GaussianPyramid, LaplacianPyramid, Pyramid, default_levels, max_levels


@settings(max_examples=80, deadline=None)
@given(h=st.integers(1, 48), w=st.integers(1, 48), data=st.data(),
       dtype=st.sampled_from([np.float32, np.float64]),
       mode=st.sampled_from(linops.BOUNDARY_MODES), seed=st.integers(0, 2**32 - 1))
def test_exact_reconstruction(h, w, data, dtype, mode, seed):
    levels = data.draw(st.integers(0, max_levels((h, w))))
    x = np.random.default_rng(seed).standard_normal((h, w)).astype(dtype)
    pyr = LaplacianPyramid(x, levels, boundary=mode)
    rec = pyr.reconstruct()
    assert rec.dtype == dtype and rec.shape == x.shape
    tol = 1e-12 if dtype == np.float64 else 1e-5 * max(1.0, float(np.abs(x).max()))
    assert np.abs(rec - x).max() <= tol * (4 if dtype == np.float32 else 1)


def test_float32_relative_error_on_an_image():
    x = np.random.default_rng(0).random((257, 300)).astype(np.float32)
    rec = LaplacianPyramid(x).reconstruct()
    assert np.abs(rec - x).max() / np.abs(x).max() < 1e-5


@pytest.mark.parametrize("shape", [(512, 512), (300, 451), (8, 100), (7, 100), (1, 1)])
def test_default_levels_keep_coarsest_at_least_8(shape):
    levels = default_levels(shape)
    pyr = GaussianPyramid(np.zeros(shape))
    assert pyr.levels == levels
    short = min(pyr[levels].shape)
    assert short >= 8 or levels == 0
    assert -(-short // 2) < 8  # one more level would fall below 8


def test_too_many_levels_is_a_clear_error():
    with pytest.raises(ParameterError, match="levels must be at most 3"):
        LaplacianPyramid(np.zeros((5, 7)), 4)
    with pytest.raises(ParameterError, match="levels"):
        LaplacianPyramid(np.zeros((5, 7)), -1)


def test_convention_ceil_on_odd_size():
    pyr = GaussianPyramid(np.zeros((5, 7)), 3)
    assert [pyr[i].shape for i in range(4)] == [(5, 7), (3, 4), (2, 2), (1, 1)]


@pytest.mark.parametrize("channel_axis", [0, 1, -1])
def test_channels_never_mix(channel_axis):
    rng = np.random.default_rng(1)
    img = rng.random((2, 21, 30))  # channels first
    moved = np.moveaxis(img, 0, channel_axis)
    pyr = LaplacianPyramid(moved, 3, channel_axis=channel_axis)
    for c in range(2):
        single = LaplacianPyramid(img[c], 3)
        for key in single:
            np.testing.assert_allclose(np.take(pyr[key], c, axis=channel_axis), single[key],
                                       atol=1e-15)
    assert np.abs(pyr.reconstruct() - moved).max() < 1e-12


def test_batches_equal_single_images():
    rng = np.random.default_rng(2)
    batch = rng.random((2, 3, 17, 12))
    pyr = LaplacianPyramid(batch, 2)
    single = LaplacianPyramid(batch[1, 2], 2)
    for key in single:
        np.testing.assert_allclose(pyr[key][1, 2], single[key], atol=1e-15)


@pytest.mark.parametrize("dtype, expected", [(np.uint8, np.float64), (np.uint16, np.float64),
                                             (np.float16, np.float32), (np.float32, np.float32),
                                             (np.float64, np.float64), (bool, np.float64)])
@pytest.mark.parametrize("kind", [GaussianPyramid, LaplacianPyramid])
def test_dtype_policy(kind, dtype, expected):
    x = (np.arange(30 * 20).reshape(30, 20) % 5).astype(dtype)
    pyr = kind(x, 2)
    assert all(band.dtype == expected for band in pyr.values())
    if np.issubdtype(dtype, np.integer):
        assert pyr.reconstruct().max() <= 1.0 + 1e-12


def test_gaussian_levels_expand_like_the_matrices():
    x = np.random.default_rng(3).standard_normal((1, 13))
    pyr = GaussianPyramid(x, 2)
    f1, f2 = matrices.upsample_matrix(13), matrices.upsample_matrix(7)
    np.testing.assert_allclose(pyr.reconstruct(levels=[2])[0], f1 @ f2 @ pyr[2][0], atol=1e-13)
    np.testing.assert_array_equal(pyr.reconstruct(), x)
    with pytest.raises(ParameterError, match="one level"):
        pyr.reconstruct(levels=[0, 1])


def test_band_selective_reconstruction_is_linear():
    x = np.random.default_rng(4).standard_normal((40, 33))
    pyr = LaplacianPyramid(x, 3)
    parts = [pyr.reconstruct(bands=[k]) for k in pyr]
    np.testing.assert_allclose(sum(parts), x, atol=1e-12)
    np.testing.assert_allclose(pyr.reconstruct(levels=[0, 1]) + pyr.reconstruct(levels=[2, "lowpass"]),
                               x, atol=1e-12)
    assert np.abs(pyr.reconstruct(levels=["lowpass"]) - x).max() > 0.1  # detail really removed


def test_flat_image_has_empty_bands():
    pyr = LaplacianPyramid(np.full((37, 41), 0.25), 4)
    for level in range(4):
        assert np.abs(pyr[level]).max() < 1e-15
    np.testing.assert_allclose(pyr["lowpass"], 0.25)


def test_container_indexing_and_operations():
    x = np.random.default_rng(5).standard_normal((16, 20))
    pyr = LaplacianPyramid(x, 2)
    assert isinstance(pyr, Pyramid) and len(pyr) == 3
    assert list(pyr) == [(0, 0), (1, 0), "lowpass"]
    assert pyr[2] is pyr["lowpass"] and pyr[-1] is pyr["lowpass"] and pyr[0] is pyr[(0, 0)]
    with pytest.raises(IndexError):
        pyr[3]
    doubled = pyr * 2
    np.testing.assert_allclose(doubled.reconstruct(), 2 * x, atol=1e-12)
    np.testing.assert_allclose((pyr + pyr - pyr).reconstruct(), x, atol=1e-12)
    np.testing.assert_allclose((-pyr).reconstruct(), -x, atol=1e-12)
    np.testing.assert_allclose((pyr / 4).reconstruct(), x / 4, atol=1e-12)
    shrunk = pyr.map(np.zeros_like, keys=[(0, 0)])
    np.testing.assert_allclose(shrunk.reconstruct(), pyr.reconstruct(levels=[1, "lowpass"]))
    v = pyr.to_vector()
    assert v.shape == (sum(b.size for b in pyr.values()),)
    np.testing.assert_allclose(pyr.from_vector(v).reconstruct(), x, atol=1e-12)
    with pytest.raises(ShapeError):
        pyr.from_vector(v[:-1])
    with pytest.raises(ShapeError, match="same kind"):
        pyr + LaplacianPyramid(x, 1)
    with pytest.raises(ParameterError, match="keys"):
        pyr.reconstruct(bands=[(5, 0)])
    assert "levels=2" in repr(pyr)


def test_bad_input():
    with pytest.raises(NonFiniteError):
        LaplacianPyramid(np.array([[0.0, np.inf], [1.0, 2.0]]))
    with pytest.raises(ShapeError, match="2-D"):
        LaplacianPyramid(np.zeros(7))
    with pytest.raises(ShapeError):
        LaplacianPyramid(np.zeros((0, 3)))
    with pytest.raises(ParameterError, match="boundary"):
        GaussianPyramid(np.zeros((4, 4)), boundary="wrap")
    with pytest.raises(ShapeError, match="3-D"):
        LaplacianPyramid(np.zeros((4, 4)), channel_axis=-1)


def test_torch_backend_matches_numpy():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(6).standard_normal((2, 37, 50))
    ref = LaplacianPyramid(x, 4)
    pyr = LaplacianPyramid(torch.from_numpy(x), 4)
    for key in ref:
        assert isinstance(pyr[key], torch.Tensor)
        np.testing.assert_allclose(pyr[key].numpy(), ref[key], atol=1e-12)
    np.testing.assert_allclose(pyr.reconstruct().numpy(), x, atol=1e-12)
    g32 = GaussianPyramid(torch.rand(30, 40, dtype=torch.float32), 2)
    assert all(b.dtype == torch.float32 for b in g32.values())
