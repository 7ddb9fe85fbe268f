"""Temporal filters: frequency response, streaming equals whole-clip, dtype, errors."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit.errors import ParameterError
from pyrkit.magnify import ButterBandpass, IdealBandpass, IIRBandpass, temporal_filter


def _sine_gain(filt, f, fs=100.0, n=2000):
    t = np.arange(n) / fs
    y = filt.apply(np.sin(2 * np.pi * f * t))
    tail = slice(n // 2, None)  # past the start-up transient
    return np.sqrt(2 * np.mean(y[tail] ** 2))


@pytest.mark.parametrize("cls", [IIRBandpass, ButterBandpass])
def test_causal_filter_gain_matches_its_response(cls):
    filt = cls(5.0, 12.0, fs=100.0)
    for f in (1.0, 8.0, 30.0):
        assert abs(_sine_gain(filt, f) - abs(filt.response(f))) < 0.02


def test_unit_gain_at_band_centre_and_butter_cutoffs_at_minus_3db():
    b = ButterBandpass(72, 92, fs=600)
    centre = np.sqrt(np.tan(np.pi * 72 / 600) * np.tan(np.pi * 92 / 600))
    f0 = np.arctan(centre) * 600 / np.pi  # bilinear-warped geometric centre
    np.testing.assert_allclose(abs(b.response(f0)), 1.0, atol=1e-9)
    np.testing.assert_allclose(abs(b.response(np.array([72.0, 92.0]))), 1 / np.sqrt(2), atol=1e-9)
    i = IIRBandpass(0.4, 3.0, fs=30)
    grid = np.linspace(0.01, 15, 3000)
    assert abs(np.abs(i.response(grid)).max() - 1.0) < 1e-3


@pytest.mark.parametrize("name", ["iir", "butter"])
def test_step_equals_apply_and_keeps_float32(name):
    rng = np.random.default_rng(0)
    clip = rng.standard_normal((40, 3, 5)).astype(np.float32)
    filt = temporal_filter(name, 2.0, 6.0, fs=30.0)
    whole = filt.apply(clip)
    filt.reset()
    streamed = np.stack([filt.step(frame) for frame in clip])
    assert streamed.dtype == np.float32 and whole.dtype == np.float32
    np.testing.assert_allclose(streamed, whole, atol=1e-5)


@pytest.mark.parametrize("name", ["iir", "butter", "fir"])
def test_static_clip_gives_zero(name):
    clip = np.full((20, 4), 0.7)
    np.testing.assert_allclose(temporal_filter(name, 1.0, 3.0, 20.0).apply(clip), 0.0, atol=1e-12)


def test_ideal_filter_keeps_in_band_and_removes_the_rest_exactly():
    t = np.arange(64) / 64.0
    inside, outside = np.sin(2 * np.pi * 5 * t), np.cos(2 * np.pi * 20 * t)
    out = IdealBandpass(4, 6, fs=64).apply(np.stack([inside + outside] * 3, axis=1), axis=0)
    np.testing.assert_allclose(out, np.stack([inside] * 3, axis=1), atol=1e-12)
    with pytest.raises(ParameterError, match="whole clip"):
        IdealBandpass(4, 6, fs=64).step(np.zeros(3))


@pytest.mark.parametrize("low, high, fs, match", [
    (5, 3, 30, "below high"), (1, 20, 30, "Nyquist"), (0, 3, 30, "low"), (1, 3, -1, "fs"),
])
def test_band_errors(low, high, fs, match):
    with pytest.raises(ParameterError, match=match):
        temporal_filter("butter", low, high, fs)


def test_unknown_filter():
    with pytest.raises(ParameterError, match="filter"):
        temporal_filter("fft", 1, 2, 10)


def test_iir_compiled_step_equals_numpy_step(monkeypatch):
    from pyrkit import _kernels

    rng = np.random.default_rng(4)
    clip = rng.standard_normal((12, 6, 7)).astype(np.float32)
    outs = []
    for compiled in (True, False):
        monkeypatch.setattr(_kernels, "AVAILABLE", compiled and _kernels.AVAILABLE)
        filt = IIRBandpass(2.0, 6.0, fs=30.0)
        # C-contiguous frames, then Fortran-ordered ones (not C-contiguous: the NumPy path)
        outs.append(np.stack([filt.step(f) for f in clip]
                             + [filt.step(np.asfortranarray(f)) for f in clip]))
    assert outs[0].dtype == outs[1].dtype == np.float32
    np.testing.assert_allclose(outs[0], outs[1], rtol=1e-6, atol=1e-6)
    assert np.abs(outs[0]).max() > 0.1
