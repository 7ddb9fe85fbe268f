"""Magnification against ground truth: synthetic textures with exact sub-pixel motion."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

from pyrkit.errors import ParameterError, ShapeError
from pyrkit.magnify import (amplitude_weighted_blur, level_alphas, magnify, rgb_to_yiq,
                            synthetic_clip, wrap_phase, yiq_to_rgb)

FS = 32.0
ALL = [("phase", "octave"), ("phase", "half-octave"), ("phase", "quarter-octave"),
       ("riesz", "octave"), ("linear", "octave")]


@pytest.fixture(scope="module")
def clip():
    """In-band motion at 4 Hz (0.2 px) and out-of-band motion at 12 Hz (0.2 px)."""
    return synthetic_clip((96, 96), frames=32, fs=FS, motions=[(0.2, 4.0), (0.2, 12.0)],
                          direction=0.4, wavelength=(8.0, 24.0), seed=1)


def _crop(x):
    b = x.shape[1] // 8
    return x[:, b:-b, b:-b]


@pytest.mark.parametrize("method, pyramid", ALL)
@pytest.mark.parametrize("filt", ["fir", "iir", "butter"])
def test_alpha_zero_returns_the_input(clip, method, pyramid, filt):
    out = magnify(clip.frames, FS, 0.0, 3.0, 5.0, method=method, pyramid=pyramid, filter=filt,
                  sigma=1.0)
    assert out.dtype == clip.frames.dtype and out.shape == clip.frames.shape
    assert np.abs(out - clip.frames).max() < 1e-6


def test_alpha_zero_float32_within_1e6():
    c = synthetic_clip((48, 48), frames=8, fs=8.0, motions=[(0.3, 1.0)], dtype=np.float32)
    for method in ("phase", "riesz", "linear"):
        out = magnify(c.frames, 8.0, 0.0, 0.5, 2.0, method=method)
        assert out.dtype == np.float32
        assert np.abs(out - c.frames).max() < 1e-6


@pytest.mark.parametrize("pyramid", ["octave", "half-octave", "quarter-octave"])
@pytest.mark.parametrize("amplitude, alpha", [(0.1, 10.0), (0.25, 4.0), (0.5, 1.0)])
def test_phase_fir_magnification_within_10_percent(pyramid, amplitude, alpha):
    """alpha * A up to 1 px on wavelengths >= 8 px: measured gain within 10 % of 1 + alpha."""
    c = synthetic_clip((96, 96), frames=16, fs=16.0, motions=[(amplitude, 2.0), (0.2, 6.0)],
                       direction=1.0, wavelength=(8.0, 24.0), seed=2)
    out = magnify(c.frames, 16.0, alpha, 1.5, 2.5, method="phase", pyramid=pyramid,
                  filter="fir")
    inside, outside = c.motion_gains(out)
    assert abs(inside / (1 + alpha) - 1) < 0.10, inside
    assert abs(outside - 1) < 0.05, outside  # outside the pass-band: unchanged
    truth = c.truth(alpha, 1.5, 2.5)
    assert peak_signal_noise_ratio(_crop(truth), _crop(out), data_range=1.0) > 30


@pytest.mark.parametrize("amplitude, alpha", [(0.1, 10.0), (0.25, 4.0), (0.5, 1.0)])
def test_riesz_fir_within_10_percent(amplitude, alpha):
    """alpha * A up to 1 px on wavelengths >= 8 px.  One orientation per pixel is the Riesz
    method's model: on such a texture it is within 10 % as it is; where orientations overlap
    (isotropic texture) it needs the least-squares smoothing (sigma 2) to get there."""
    kw = dict(frames=16, fs=16.0, motions=[(amplitude, 2.0), (0.2, 6.0)], direction=1.0,
              wavelength=(8.0, 24.0), seed=2)
    gains = {}
    for name, orientation, sigma in (("oriented", (1.0, 0.3), 0.0), ("isotropic", None, 0.0),
                                     ("isotropic, sigma 2", None, 2.0)):
        c = synthetic_clip((96, 96), orientation=orientation, **kw)
        out = magnify(c.frames, 16.0, alpha, 1.5, 2.5, method="riesz", filter="fir",
                      sigma=sigma)
        inside, outside = c.motion_gains(out)
        gains[name] = inside / (1 + alpha)
        assert abs(outside - 1) < 0.05, (name, outside)
    assert abs(gains["oriented"] - 1) < 0.10, gains
    assert abs(gains["isotropic, sigma 2"] - 1) < 0.10, gains
    assert 0.7 < gains["isotropic"] < gains["oriented"], gains


def test_synthetic_orientation_keeps_one_band_of_wave_vectors():
    c = synthetic_clip((64, 64), frames=4, fs=4.0, motions=[(0.1, 1.0)], wavelength=(4.0, 16.0),
                       orientation=(np.pi / 2, 0.2))
    fy, fx = np.meshgrid(np.fft.fftfreq(64), np.fft.fftfreq(64), indexing="ij")
    energy = np.abs(c.spectrum) ** 2
    energy[0, 0] = 0
    vertical = np.abs(fx) <= np.abs(fy) * np.tan(0.2) + 1e-12  # angle within 0.2 of pi/2
    assert energy[~vertical].sum() < 1e-20 * energy[vertical].sum()
    with pytest.raises(ParameterError, match="orientation"):
        synthetic_clip((16, 16), frames=4, fs=4.0, motions=[(0.1, 1.0)], orientation=(0.0, 0.0))


def test_riesz_and_linear_magnify_in_band_only(clip):
    for method, kw, lo in (("riesz", {}, 0.7), ("linear", {"lambda_c": 4.0}, 0.85)):
        out = magnify(clip.frames, FS, 4.0, 3.0, 5.0, method=method, filter="fir", **kw)
        inside, outside = clip.motion_gains(out)
        assert lo * 5.0 < inside < 1.05 * 5.0, (method, inside)
        assert abs(outside - 1) < 0.06, (method, outside)


def test_attenuate_other_removes_out_of_band_motion(clip):
    out = magnify(clip.frames, FS, 3.0, 3.0, 5.0, method="phase", filter="fir",
                  attenuate_other=True)
    inside, outside = clip.motion_gains(out)
    assert abs(inside / 4.0 - 1) < 0.1 and abs(outside) < 0.1
    plain = magnify(clip.frames, FS, 3.0, 3.0, 5.0, method="phase", filter="fir")
    assert abs(clip.motion_gains(plain)[1] - 1) < 0.05


@pytest.mark.parametrize("method", ["phase", "riesz"])
def test_previous_reference_matches_first_for_small_motion(clip, method):
    """Summed frame-to-frame phase differences equal the difference to the first frame while no
    step wraps.  At the corners of a Riesz level the pair vanishes by symmetry, so the phase
    there is 0 or pi and jumps when the band changes sign (here in the 4 x 4 corner block that
    a corner of level 1 covers): the border is left out for that method."""
    a = magnify(clip.frames, FS, 3.0, 3.0, 5.0, method=method, filter="fir")
    b = magnify(clip.frames, FS, 3.0, 3.0, 5.0, method=method, filter="fir", reference="previous")
    inner = (slice(None), slice(4, -4), slice(4, -4)) if method == "riesz" else ...
    assert np.abs(a - b)[inner].max() < 1e-6


@pytest.mark.parametrize("method, tol", [("phase", 0.15), ("riesz", 0.25)])
def test_previous_reference_survives_drift_beyond_half_a_wavelength(method, tol):
    """A slow drift of 6 px (more than half the shortest wavelength) plus a small in-band
    vibration: accumulating frame-to-frame phase still magnifies the vibration."""
    c = synthetic_clip((64, 64), frames=32, fs=32.0, motions=[(6.0, 1.0), (0.15, 8.0)],
                       wavelength=(10.0, 24.0), seed=3)
    out = magnify(c.frames, 32.0, 3.0, 6.0, 10.0, method=method, filter="fir",
                  reference="previous")
    drift, vib = c.motion_gains(out, search=10.0)
    assert abs(vib / 4.0 - 1) < tol and abs(drift - 1) < 0.05


def test_streaming_iterable_equals_array(clip):
    arr = magnify(clip.frames, FS, 4.0, 3.0, 5.0, method="riesz", filter="iir", sigma=1.0)
    gen = magnify(iter(list(clip.frames)), FS, 4.0, 3.0, 5.0, method="riesz", filter="iir",
                  sigma=1.0)
    assert not isinstance(gen, np.ndarray)
    np.testing.assert_allclose(np.stack(list(gen)), arr, atol=1e-12)


def test_fir_spills_to_disk_under_a_small_memory_cap(clip, tmp_path):
    ref = magnify(clip.frames, FS, 4.0, 3.0, 5.0, method="phase", filter="fir")
    capped = magnify(iter(list(clip.frames)), FS, 4.0, 3.0, 5.0, method="phase", filter="fir",
                     max_memory=1.0, tmp_dir=tmp_path)
    np.testing.assert_allclose(np.stack(list(capped)), ref, atol=1e-10)
    assert list(tmp_path.iterdir()) == []  # temporary files removed


@pytest.mark.parametrize("method", ["phase", "riesz", "linear"])
def test_colour_clip_keeps_chrominance_and_magnifies_luminance(method):
    c = synthetic_clip((64, 64), frames=16, fs=16.0, motions=[(0.25, 2.0)], color=True, seed=4)
    out = magnify(c.frames, 16.0, 0.0, 1.5, 2.5, method=method)
    assert out.shape == c.frames.shape
    assert np.abs(out - c.frames).max() < 1e-6
    out = magnify(c.frames, 16.0, 2.0, 1.5, 2.5, method=method, filter="fir",
                  **({"lambda_c": 4.0} if method == "linear" else {}))
    assert c.motion_gains(out)[0] > 2.2
    ssim = structural_similarity(_crop(c.truth(2.0, 1.5, 2.5))[3], _crop(out)[3],
                                 channel_axis=-1, data_range=1.0)
    assert ssim > 0.8


def test_uint8_frames_work_in_float32():
    c = synthetic_clip((48, 48), frames=8, fs=8.0, motions=[(0.3, 1.0)])
    frames = np.round(c.frames * 255).astype(np.uint8)
    out = magnify(frames, 8.0, 0.0, 0.5, 2.0, method="riesz")
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, frames / 255.0, atol=1e-5)


def test_errors(clip):
    with pytest.raises(ParameterError, match="method"):
        magnify(clip.frames, FS, 1.0, 3.0, 5.0, method="lagrangian")
    with pytest.raises(ParameterError, match="alpha"):
        magnify(clip.frames, FS, -2.0, 3.0, 5.0)
    with pytest.raises(ParameterError, match="Nyquist"):
        magnify(clip.frames, FS, 1.0, 3.0, 20.0)
    with pytest.raises(ShapeError, match="frames"):
        magnify(clip.frames[0], FS, 1.0, 3.0, 5.0)
    frames = [clip.frames[0], clip.frames[1][:-1]]
    with pytest.raises(ShapeError, match="frame 1"):
        list(magnify(iter(frames), FS, 1.0, 3.0, 5.0, method="riesz"))


def test_helpers():
    np.testing.assert_allclose(wrap_phase(np.array([3 * np.pi, -np.pi])), [np.pi, np.pi])
    rgb = np.random.default_rng(0).random((4, 5, 3))
    np.testing.assert_allclose(yiq_to_rgb(rgb_to_yiq(rgb)), rgb, atol=1e-12)
    x = np.random.default_rng(1).random((10, 12))
    np.testing.assert_allclose(amplitude_weighted_blur(x, np.ones_like(x), 0.0), x)
    const = amplitude_weighted_blur(np.full((10, 12), 0.3), x, 2.0)
    np.testing.assert_allclose(const, 0.3, rtol=1e-6)  # a constant phase is kept, any weights
    assert level_alphas(10.0, 3, 16.0) == [1.75, 4.5, 10.0]
    assert level_alphas(1.0, 2, 32.0) == [0.0, 0.0]


@settings(max_examples=15, deadline=None)
@given(h=st.integers(8, 40), w=st.integers(8, 40), t=st.integers(2, 6),
       method=st.sampled_from(["phase", "riesz", "linear"]),
       filt=st.sampled_from(["fir", "iir", "butter"]), seed=st.integers(0, 1000))
def test_property_alpha_zero_is_identity_for_any_size(h, w, t, method, filt, seed):
    frames = np.random.default_rng(seed).random((t, h, w))
    out = magnify(frames, 10.0, 0.0, 1.0, 3.0, method=method, filter=filt, sigma=1.0)
    assert out.shape == frames.shape
    assert np.abs(out - frames).max() < 1e-9


def test_riesz_smoothing_does_not_shrink_the_magnification():
    """Blurring the phase vector itself averages orientations and halves the magnification on
    textures; the least-squares smoothing keeps it (and beats no smoothing)."""
    c = synthetic_clip((96, 96), frames=16, fs=16.0, motions=[(0.1, 2.0)], direction=0.6,
                       wavelength=(8.0, 24.0), seed=8)
    plain = c.motion_gains(magnify(c.frames, 16.0, 10.0, 1.5, 2.5, method="riesz",
                                   filter="fir"))[0]
    smooth = c.motion_gains(magnify(c.frames, 16.0, 10.0, 1.5, 2.5, method="riesz",
                                    filter="fir", sigma=2.0))[0]
    assert smooth > 0.85 * 11 and smooth > plain


@pytest.mark.parametrize("sigma", [1.0, 2.5])
def test_riesz_compiled_smoothing_equals_numpy(sigma, monkeypatch):
    """The compiled least-squares smoothing against its NumPy reference on the same inputs: a
    real band (its corners, where the Riesz pair vanishes, included) and random phases."""
    from pyrkit import _kernels
    from pyrkit.magnify._engine import laplacian_split
    from pyrkit.magnify._riesz import _smooth_phase
    from pyrkit.pyramids._riesz import _riesz_7x7

    if not _kernels.AVAILABLE:
        pytest.skip("Numba is not installed: only the NumPy steps exist")
    c = synthetic_clip((64, 80), frames=2, fs=2.0, motions=[(0.1, 1.0)], seed=5)
    band = laplacian_split(c.frames[0].astype(np.float32), 2)[0][0]
    r1, r2 = _riesz_7x7(band)
    rng = np.random.default_rng(6)
    vc, vs = (0.2 * rng.standard_normal((2, *band.shape))).astype(np.float32)
    fast = _smooth_phase(vc, vs, band, r1, r2, sigma)
    monkeypatch.setattr(_kernels, "AVAILABLE", False)
    slow = _smooth_phase(vc, vs, band, r1, r2, sigma)
    for a, b in zip(fast, slow):
        assert a.dtype == b.dtype == np.float32
        np.testing.assert_allclose(a, b, atol=1e-6)
    assert np.abs(slow[0]).max() > 0.05


def _out_of_band_gain(inp, out, fs, low, high):
    """Mean temporal amplitude spectrum outside [low, high] Hz of ``out`` over ``inp``'s, at the
    1 % of pixels with the most in-band energy in ``inp``."""
    f = np.fft.rfftfreq(len(inp), 1 / fs)
    s_in, s_out = (np.abs(np.fft.rfft(x - x.mean(0), axis=0)) for x in (inp, out))
    inside = (f >= low) & (f <= high)
    outside = (f > 0) & ~inside
    energy = s_in[inside].sum(0)
    moving = energy >= np.quantile(energy, 0.99)
    return s_out[outside][:, moving].mean() / s_in[outside][:, moving].mean()


@pytest.mark.parametrize("amplitude, alpha", [(0.02, 5.0), (0.1, 20.0)])
def test_phase_out_of_band_gain_no_more_than_a_perfect_magnification(amplitude, alpha):
    # Sub-pixel motion at 1 and 2 Hz (30 Hz clip), band 0.2-2.5 Hz.  The truth is the exact
    # render of the magnified motion plus the input's own noise.
    clip = synthetic_clip((64, 64), frames=60, fs=30.0,
                          motions=[(amplitude, 1.0), (amplitude / 2, 2.0)],
                          wavelength=(4.0, 32.0), noise=0.004, seed=3)
    noise = clip.frames - clip.render(clip.displacement())
    truth = clip.truth(alpha, 0.2, 2.5) + noise
    out = magnify(clip.frames, 30.0, alpha, 0.2, 2.5, pyramid="quarter-octave", filter="fir",
                  sigma=5.0)
    g_truth = _out_of_band_gain(clip.frames, truth, 30.0, 0.4, 2.5)
    g_out = _out_of_band_gain(clip.frames, out, 30.0, 0.4, 2.5)
    if amplitude * (1 + alpha) < 0.2:  # small magnified motion: out-of-band left alone
        assert g_truth < 1.1 and g_out < 1.25
    else:  # several pixels: intensity harmonics, even for the truth
        assert g_truth > 5.0
    assert g_out <= 1.1 * g_truth


@pytest.mark.parametrize("sigma", [0.7, 2.0, 5.0])
def test_phase_smoothing_gaussian_matches_scipy(sigma):
    """Oracle: the separable Gaussian equals scipy.ndimage.gaussian_filter (reflect, truncate 3)."""
    from scipy.ndimage import gaussian_filter

    from pyrkit.magnify._spatial import _gaussian

    x = np.random.default_rng(3).random((2, 23, 31))
    np.testing.assert_allclose(_gaussian(x, sigma),
                               gaussian_filter(x, (0, sigma, sigma), mode="reflect", truncate=3.0),
                               atol=1e-13)
