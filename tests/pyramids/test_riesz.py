"""Riesz pyramid: exact reconstruction, the Riesz transform of sinusoids, shapes and dtypes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyrkit.errors import ParameterError, ShapeError
from pyrkit.pyramids import LaplacianPyramid, RieszPyramid, local_phase, riesz_transform


def _wrap(x):
    return np.angle(np.exp(1j * x))


def _plane_wave(shape, freq, theta, phi0=0.3):
    """cos(w . x + phi0) with |w| = 2 pi freq along angle theta (x right, y down)."""
    y, x = np.mgrid[: shape[0], : shape[1]].astype(float)
    psi = 2 * np.pi * freq * (np.cos(theta) * x + np.sin(theta) * y) + phi0
    return np.cos(psi), psi


@settings(max_examples=25, deadline=None)
@given(h=st.integers(1, 40), w=st.integers(1, 40), seed=st.integers(0, 2**16))
def test_exact_reconstruction_any_size(h, w, seed):
    x = np.random.default_rng(seed).standard_normal((h, w))
    pyr = RieszPyramid(x)
    assert np.abs(pyr.reconstruct() - x).max() < 1e-12


def test_bands_are_the_laplacian_levels():
    x = np.random.default_rng(0).random((33, 50))
    pyr, lap = RieszPyramid(x, 3), LaplacianPyramid(x, 3)
    assert list(pyr) == list(lap)
    for k in lap:
        np.testing.assert_array_equal(pyr[k], lap[k])


@pytest.mark.parametrize("dtype", [np.uint8, np.float16, np.float32, np.float64])
def test_dtype_policy(dtype):
    x = (np.random.default_rng(1).random((24, 31)) * 200).astype(dtype)
    want = np.float32 if dtype in (np.float16, np.float32) else np.float64
    pyr = RieszPyramid(x, 2)
    for level in range(pyr.levels):
        assert all(a.dtype == want for a in (*pyr.riesz(level), *pyr.local_phase(level)))
    assert pyr.reconstruct().dtype == want


def test_shapes_ceil_on_odd_size_and_channel_axis():
    x = np.random.default_rng(2).random((3, 21, 13))
    pyr = RieszPyramid(x, 2, channel_axis=0)
    assert [pyr[k].shape for k in pyr] == [(3, 21, 13), (3, 11, 7), (3, 6, 4)]
    assert pyr.riesz(1)[0].shape == (3, 11, 7)
    np.testing.assert_allclose(pyr.reconstruct(), x, atol=1e-12)
    # channels never mix
    single = RieszPyramid(x[1], 2)
    np.testing.assert_allclose(pyr.riesz(1)[1][1], single.riesz(1)[1], atol=1e-15)


def test_3tap_is_exact_for_axis_aligned_quarter_rate_sinusoid():
    """[0.5, 0, -0.5] has gain sin(w) = 1 at w = pi / 2: phase and orientation exact."""
    for theta in (0.0, np.pi / 2):
        band, psi = _plane_wave((32, 32), 0.25, theta)
        r1, r2 = riesz_transform(band)
        amp, phase, orient = local_phase(band, r1, r2)
        inner = (slice(2, -2), slice(2, -2))
        np.testing.assert_allclose(amp[inner], 1.0, atol=1e-12)
        signed = phase * np.cos(orient - theta)  # signed phase along the wave vector
        np.testing.assert_allclose(signed[inner], _wrap(psi)[inner], atol=1e-9)


@pytest.mark.parametrize("theta", [0.3, 1.0, 2.2, -0.7])
def test_fft_riesz_recovers_phase_and_orientation_of_oblique_sinusoid(theta):
    # integer cycles along both axes so the periodic transform is exact
    n = 64
    ky, kx = 5, 9
    if np.cos(theta) < 0:
        kx = -kx
    if np.sin(theta) < 0:
        ky = -ky
    theta = np.arctan2(ky, kx)
    y, x = np.mgrid[:n, :n].astype(float)
    psi = 2 * np.pi * (kx * x + ky * y) / n + 0.4
    band = np.cos(psi)
    r1, r2 = riesz_transform(band, method="fft")
    amp, phase, orient = local_phase(band, r1, r2)
    np.testing.assert_allclose(amp, 1.0, atol=1e-9)
    # quaternionic phase: the vector phase * (cos o, sin o) equals wrap(psi) * (cos t, sin t)
    vec = np.stack([phase * np.cos(orient), phase * np.sin(orient)])
    want = np.stack([_wrap(psi) * np.cos(theta), _wrap(psi) * np.sin(theta)])
    far = np.abs(np.abs(_wrap(psi)) - np.pi) > 1e-3  # the sign flips at psi = pi
    np.testing.assert_allclose(vec[:, far], want[:, far], atol=1e-7)


def test_3tap_approximates_the_exact_transform_on_a_pyramid_level():
    """On band-pass content the compact filters track the exact transform (correlation > 0.9)."""
    from scipy.ndimage import gaussian_filter

    img = gaussian_filter(np.random.default_rng(3).random((96, 96)), 1.0, mode="wrap")
    pyr3 = RieszPyramid(img, 3)
    pyrf = RieszPyramid(img, 3, method="fft")
    inner = (slice(6, -6), slice(6, -6))
    for level in range(3):
        for a, b in zip(pyr3.riesz(level), pyrf.riesz(level)):
            corr = np.corrcoef(a[inner].ravel(), b[inner].ravel())[0, 1]
            assert corr > 0.9, (level, corr)


def test_riesz_of_map_uses_current_bands():
    x = np.random.default_rng(4).random((20, 20))
    pyr = RieszPyramid(x, 2)
    doubled = pyr * 2.0
    np.testing.assert_allclose(doubled.riesz(0)[0], 2 * pyr.riesz(0)[0])


def test_errors():
    with pytest.raises(ParameterError, match="method"):
        RieszPyramid(np.zeros((8, 8)), method="5x5")
    with pytest.raises(ShapeError, match="one shape"):
        local_phase(np.zeros(3), np.zeros(3), np.zeros(4))
    with pytest.raises(IndexError):
        RieszPyramid(np.zeros((8, 8)), 2).riesz(5)


def test_3tap_equals_correlation_with_reflect101():
    from pyrkit.linops import correlate1d

    x = np.random.default_rng(5).random((2, 9, 7))
    r1, r2 = riesz_transform(x)
    np.testing.assert_allclose(r1, correlate1d(x, [0.5, 0, -0.5], axis=-1), atol=1e-15)
    np.testing.assert_allclose(r2, correlate1d(x, [0.5, 0, -0.5], axis=-2), atol=1e-15)


def test_7x7_halves_the_error_of_3tap_on_natural_image_levels():
    """The fitted pair against the exact transform on Laplacian levels of a photograph it was
    not fitted on (relative RMS error away from the border)."""
    from skimage.data import cat

    img = cat().mean(axis=-1) / 255.0
    pyr = {m: RieszPyramid(img, 4, method=m) for m in ("3tap", "7x7", "fft")}
    inner = (slice(8, -8), slice(8, -8))
    for level in range(4):
        exact = pyr["fft"].riesz(level)

        def error(method):
            got = pyr[method].riesz(level)
            num = sum(((a - b)[inner] ** 2).sum() for a, b in zip(got, exact))
            return np.sqrt(num / sum((b[inner] ** 2).sum() for b in exact))

        assert error("7x7") < 0.6 * error("3tap"), level


@pytest.mark.parametrize("theta", [0.0, 0.5, np.pi / 4, 2.0])
def test_7x7_pair_is_odd_rotates_with_the_image_and_has_unit_gain_mid_band(theta):
    """R2 is R1 of the transposed image; for a sinusoid of wavelength 4-6 px the pair is the
    exact quadrature ``sin(psi) (cos theta, sin theta)`` within 10 %."""
    x = np.random.default_rng(6).random((24, 30))
    r1, r2 = riesz_transform(x, method="7x7")
    t1, t2 = riesz_transform(x.T, method="7x7")
    np.testing.assert_allclose(r2, t1.T, atol=1e-12)
    np.testing.assert_allclose(r1, t2.T, atol=1e-12)
    for freq in (1 / 4, 1 / 6):
        wave, psi = _plane_wave((48, 48), freq, theta)
        r1, r2 = riesz_transform(wave, method="7x7")
        inner = (slice(8, -8), slice(8, -8))
        for got, comp in ((r1, np.cos(theta)), (r2, np.sin(theta))):
            assert np.abs(got - np.sin(psi) * comp)[inner].max() < 0.1, (freq, theta)


@pytest.mark.parametrize("method", ["3tap", "7x7", "fft"])
def test_torch_tensors_match_numpy(method):
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(7).random((2, 20, 26))
    want = RieszPyramid(x, 2, method=method)
    got = RieszPyramid(torch.from_numpy(x), 2, method=method)
    for level in range(2):
        for a, b in zip(got.riesz(level), want.riesz(level)):
            assert isinstance(a, torch.Tensor)
            np.testing.assert_allclose(a.numpy(), b, atol=1e-12)
