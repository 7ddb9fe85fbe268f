"""Steerable pyramid and steerable banks: tight frame, exactness, adjointness, peers, backends."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyrkit.errors import DTypeError, NonFiniteError, ParameterError, PyrkitError, ShapeError
from pyrkit.pyramids import SteerableBank, SteerablePyramid, max_levels, steerable_bank

SCALES = ["octave", "half-octave", "quarter-octave"]


def _frame_sum(bank: SteerableBank) -> np.ndarray:
    """Sum over bands of the (Hermitian-symmetrised) squared frequency responses."""
    total = np.zeros(bank.shape)
    for key in bank.keys:
        m2 = np.abs(bank.frequency_response(key)) ** 2
        flipped = np.roll(np.flip(m2, (0, 1)), 1, (0, 1))  # m2(-k)
        total += 0.5 * (m2 + flipped)
    return total


# -- tight frame ------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("complex_", [False, True])
@pytest.mark.parametrize("shape", [(32, 32), (31, 20), (7, 9)])
def test_squared_masks_sum_to_one(scale, complex_, shape):
    bank = steerable_bank(shape, scale, levels=2, complex=complex_)
    assert np.abs(_frame_sum(bank) - 1).max() < 1e-12


@pytest.mark.parametrize("order", [0, 1, 2, 5])
@pytest.mark.parametrize("twidth", [0.5, 1.0, 2.0])
def test_squared_masks_sum_to_one_any_order_and_twidth(order, twidth):
    for complex_ in (False, True):
        pyr = SteerablePyramid(np.zeros((24, 18)), 2, order=order, complex=complex_,
                               twidth=twidth)
        assert np.abs(_frame_sum(pyr.bank) - 1).max() < 1e-12


def test_masks_vanish_outside_the_crop():
    bank = steerable_bank((40, 28), "half-octave", levels=2)
    for key, (h, w) in bank.band_shapes.items():
        m = np.abs(bank.frequency_response(key))
        ky = np.round(np.fft.fftfreq(40) * 40)[:, None]
        kx = np.round(np.fft.fftfreq(28) * 28)[None, :]
        inside = (ky >= -(h // 2)) & (ky <= (h - 1) // 2) & (kx >= -(w // 2)) & (kx <= (w - 1) // 2)
        assert m[~inside].max(initial=0) == 0, key


# -- exact reconstruction and energy ---------------------------------------------------------


@pytest.mark.parametrize("shape", [(64, 64), (33, 47), (5, 8), (1, 1), (2, 3)])
@pytest.mark.parametrize("complex_", [False, True])
def test_exact_reconstruction(shape, complex_):
    x = np.random.default_rng(1).standard_normal(shape)
    pyr = SteerablePyramid(x, min(3, max_levels(shape)), order=3, complex=complex_)
    assert np.abs(pyr.reconstruct() - x).max() < 1e-12


@settings(max_examples=25, deadline=None)
@given(h=st.integers(1, 40), w=st.integers(1, 40), order=st.integers(0, 4),
       complex_=st.booleans(), scale=st.sampled_from(SCALES), seed=st.integers(0, 99))
def test_exact_reconstruction_property(h, w, order, complex_, scale, seed):
    x = np.random.default_rng(seed).standard_normal((h, w))
    levels = min(2, max_levels((h, w)))
    pyr = SteerablePyramid(x, levels, order=order, complex=complex_)
    assert np.abs(pyr.reconstruct() - x).max() < 1e-12
    bank = steerable_bank((h, w), scale, levels=levels, complex=complex_)
    ax = bank.analyze(x)
    assert np.abs(bank.synthesize(ax) - x).max() < 1e-12
    # adjointness <A x, y> = <x, A^T y> with y = the analysis of another random image
    y = bank.analyze(np.random.default_rng(seed + 1).standard_normal((h, w)))
    lhs = sum(float(np.real(np.vdot(ax[k], y[k]))) for k in bank.keys)
    assert lhs == pytest.approx(float(np.vdot(x, bank.synthesize(y))), rel=1e-10, abs=1e-12)


@pytest.mark.parametrize("complex_", [False, True])
def test_energy_preserved(complex_):
    x = np.random.default_rng(2).standard_normal((37, 52))
    pyr = SteerablePyramid(x, 3, order=2, complex=complex_)
    energy = sum(float(np.sum(np.abs(b) ** 2)) for b in pyr.values())
    assert energy == pytest.approx(float(np.sum(x**2)), rel=1e-12)


def test_band_selective_reconstruction_sums_to_image():
    x = np.random.default_rng(3).standard_normal((30, 30))
    pyr = SteerablePyramid(x, 3, order=1)
    parts = [pyr.reconstruct(levels=[i]) for i in range(3)]
    parts += [pyr.reconstruct(levels=["highpass"]), pyr.reconstruct(levels=["lowpass"])]
    assert np.abs(sum(parts) - x).max() < 1e-12
    one = pyr.reconstruct(bands=[(1, 0)])
    only = pyr.map(lambda b: 0 * b, keys=[k for k in pyr if k != (1, 0)]).reconstruct()
    assert np.abs(one - only).max() < 1e-14


# -- adjointness ------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("complex_", [False, True])
def test_synthesis_is_the_adjoint(scale, complex_):
    rng = np.random.default_rng(4)
    bank = steerable_bank((23, 30), scale, levels=2, complex=complex_)
    x = rng.standard_normal((23, 30))
    ax = bank.analyze(x)
    y = {}
    for k, shp in bank.band_shapes.items():
        y[k] = rng.standard_normal(shp)
        if complex_ and not isinstance(k, str):
            y[k] = y[k] + 1j * rng.standard_normal(shp)
    lhs = sum(float(np.real(np.vdot(ax[k], y[k]))) for k in bank.keys)
    rhs = float(np.vdot(x, bank.synthesize(y)))
    assert lhs == pytest.approx(rhs, rel=1e-12)


# -- complex bands -----------------------------------------------------------------------------


def test_complex_band_is_analytic_real_band_over_sqrt2():
    x = np.random.default_rng(5).standard_normal((32, 40))
    real = SteerablePyramid(x, 2, order=3)
    cplx = SteerablePyramid(x, 2, order=3, complex=True)
    for k in real:
        factor = 1 if isinstance(k, str) else np.sqrt(2)
        assert np.abs(np.real(cplx[k]) * factor - real[k]).max() < 1e-12
    # analytic: the spectrum vanishes on the half plane opposite to the orientation
    spec = np.fft.fft2(cplx[(0, 0)])
    kx = np.fft.fftfreq(40)[None, :]
    assert np.abs(spec[:, kx[0] < 0]).max() < 1e-12 * np.abs(spec).max()


def test_bank_octave_is_complex_pyramid_of_order_orientations_minus_one():
    x = np.random.default_rng(6).standard_normal((32, 32))
    bank = steerable_bank(x.shape, "octave", levels=3)
    pyr = SteerablePyramid(x, 3, order=3, complex=True)
    got = bank.analyze(x)
    assert list(got) == list(pyr)
    assert all(np.abs(got[k] - pyr[k]).max() < 1e-14 for k in pyr)


def test_bank_is_cached_and_geometry():
    a = steerable_bank((64, 48), "quarter-octave", levels=2)
    assert steerable_bank((64, 48), "quarter-octave", levels=2) is a
    assert a.orientations == 8 and a.scales == 8 and a.octaves == 2
    assert a.keys[0] == "highpass" and a.keys[-1] == "lowpass"
    assert len(a.keys) == 2 + 8 * 8
    # band j has support r < 2^(-j/4): stored at ceil(n 2^(-j/4)) samples per axis
    assert a.band_shapes[(0, 0)] == (64, 48)
    assert a.band_shapes[(4, 3)] == (32, 24)
    assert a.band_shapes[(1, 0)] == (54, 41)
    assert a.band_shapes["lowpass"] == (16, 12)
    half = steerable_bank((64, 48), "half-octave", levels=3)
    assert half.orientations == 8 and half.scales == 6
    assert half.band_shapes[(2, 0)] == (32, 24)


def test_analyze_fft_matches_analyze():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((2, 27, 31))
    bank = steerable_bank(x.shape, "half-octave", levels=2)
    from_fft = bank.analyze_fft(np.fft.fft2(x))
    direct = bank.analyze(x)
    assert set(from_fft) == set(direct)
    assert all(np.abs(from_fft[k] - direct[k]).max() < 1e-13 for k in direct)
    assert np.abs(bank.synthesize(from_fft) - x).max() < 1e-12


def test_synthesize_missing_keys_count_as_zero():
    x = np.random.default_rng(8).standard_normal((20, 20))
    bank = steerable_bank(x.shape, levels=2)
    pyr = bank.analyze(x)
    only = bank.synthesize({(1, 2): pyr[(1, 2)]})
    assert np.abs(only - pyr.reconstruct(bands=[(1, 2)])).max() < 1e-14


@pytest.mark.parametrize("scale", ["octave", "half-octave"])
def test_batched_and_band_by_band_synthesis_agree(scale, monkeypatch):
    """Stages are transformed in one batch below a memory bound and band by band above it."""
    from pyrkit.pyramids import _steerable

    x = np.random.default_rng(9).standard_normal((2, 24, 30)).astype(np.float32)
    bank = steerable_bank(x.shape[-2:], scale, levels=2, dtype="float32")
    bands = {k: v * (1 + 0.5j) for k, v in bank.analyze(x).items()}  # touch the phases
    batched = bank.synthesize(bands)
    monkeypatch.setattr(_steerable, "_STACK_BYTES", 0)
    one_by_one = bank.synthesize(bands)
    assert batched.dtype == one_by_one.dtype == np.float32
    assert np.abs(batched - one_by_one).max() < 1e-5 * np.abs(one_by_one).max()
    assert np.abs(batched - bank.synthesize(bank.analyze(x))).max() > 1e-3  # the edit counts


# -- pyrtools compatibility ------------------------------------------------------------------


@pytest.mark.parametrize("complex_", [False, True])
@pytest.mark.parametrize("order,shape", [(3, (64, 64)), (1, (32, 48)), (2, (64, 32))])
def test_agrees_with_pyrtools(complex_, order, shape):
    pt = pytest.importorskip("pyrtools")
    x = np.random.default_rng(9).random(shape)
    levels = 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = pt.pyramids.SteerablePyramidFreq(x, height=levels, order=order,
                                               is_complex=complex_)
    pyr = SteerablePyramid(x, levels, order=order, complex=complex_)
    names = {"residual_highpass": "highpass", "residual_lowpass": "lowpass"}
    assert len(ref.pyr_coeffs) == len(pyr)
    for key, band in ref.pyr_coeffs.items():
        ours = pyr[names.get(key, key)]
        assert ours.shape == band.shape
        # documented correspondence: unitary crops, sqrt(2) instead of 2 on the half plane
        factor = np.sqrt(ours.size / x.size)
        if complex_ and key not in names:
            factor /= np.sqrt(2)
        expected = band * factor
        assert np.abs(ours - expected).max() < 1e-4 * np.abs(expected).max(), key


# -- layout, dtype, backends -------------------------------------------------------------------


@pytest.mark.parametrize("channel_axis", [0, 1, -1])
def test_channel_axis_never_mixes_channels(channel_axis):
    rng = np.random.default_rng(10)
    x = rng.standard_normal((2, 21, 26))  # channels first
    xc = np.moveaxis(x, 0, channel_axis)
    pyr = SteerablePyramid(xc, 2, order=2, complex=True, channel_axis=channel_axis)
    for c in range(2):
        single = SteerablePyramid(x[c], 2, order=2, complex=True)
        for k in single:
            band = np.moveaxis(pyr[k], channel_axis, 0)[c]
            assert np.abs(band - single[k]).max() < 1e-14
    assert pyr.reconstruct().shape == xc.shape
    assert np.abs(pyr.reconstruct() - xc).max() < 1e-12


def test_batches():
    x = np.random.default_rng(11).standard_normal((3, 2, 17, 16))
    pyr = SteerablePyramid(x, 2)
    assert pyr[(1, 0)].shape == (3, 2, 9, 8)
    assert np.abs(pyr.reconstruct() - x).max() < 1e-12
    single = SteerablePyramid(x[1, 0], 2)
    assert np.abs(pyr[(1, 2)][1, 0] - single[(1, 2)]).max() < 1e-14


@pytest.mark.parametrize("dtype", ["uint8", "float16", "float32", "float64"])
@pytest.mark.parametrize("complex_", [False, True])
def test_dtype_policy(dtype, complex_):
    x = (np.random.default_rng(12).random((20, 24)) * 200).astype(dtype)
    pyr = SteerablePyramid(x, 2, complex=complex_)
    real = np.float64 if dtype in ("uint8", "float64") else np.float32
    cplx = np.complex128 if real == np.float64 else np.complex64
    for k, v in pyr.items():
        want = cplx if complex_ and not isinstance(k, str) else real
        assert v.dtype == want, (k, v.dtype)
    assert pyr.reconstruct().dtype == real
    ref = x.astype(np.float64) / (255 if dtype == "uint8" else 1)
    tol = 1e-12 if real == np.float64 else 1e-4 * np.abs(ref).max()
    assert np.abs(pyr.reconstruct() - ref).max() < tol


def test_torch_matches_numpy():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(13).standard_normal((2, 26, 19))
    for complex_ in (False, True):
        ref = SteerablePyramid(x, 2, order=3, complex=complex_)
        got = SteerablePyramid(torch.from_numpy(x), 2, order=3, complex=complex_)
        for k in ref:
            assert isinstance(got[k], torch.Tensor)
            assert np.abs(got[k].numpy() - ref[k]).max() < 1e-12
        rec = got.reconstruct()
        assert isinstance(rec, torch.Tensor) and rec.dtype == torch.float64
        assert np.abs(rec.numpy() - x).max() < 1e-12
    bank = steerable_bank(x.shape, "quarter-octave", levels=1)
    tb = bank.analyze(torch.from_numpy(x))
    nb = bank.analyze(x)
    assert max(float(np.abs(tb[k].numpy() - nb[k]).max()) for k in nb) < 1e-12
    t32 = SteerablePyramid(torch.from_numpy(x).float(), 2, complex=True)
    assert t32[(0, 0)].dtype == torch.complex64 and t32.reconstruct().dtype == torch.float32


# -- bad input -------------------------------------------------------------------------------


def test_bad_input():
    x = np.zeros((16, 16))
    with pytest.raises(ParameterError, match="levels must be at most 4"):
        SteerablePyramid(x, 5)
    with pytest.raises(ParameterError, match="order"):
        SteerablePyramid(x, 2, order=-1)
    with pytest.raises(ParameterError, match="twidth"):
        SteerablePyramid(x, 2, twidth=0)
    with pytest.raises(ParameterError, match="levels or height"):
        SteerablePyramid(x, 2, height=2)
    assert SteerablePyramid(x, height=2).levels == 2
    bad = x.copy()
    bad[3, 3] = np.nan
    with pytest.raises(NonFiniteError):
        SteerablePyramid(bad, 2)
    with pytest.raises(ShapeError):
        SteerablePyramid(np.zeros(5), 1)
    with pytest.raises(DTypeError):
        SteerablePyramid(x + 1j, 1)
    with pytest.raises(ParameterError, match="scale must be one of"):
        steerable_bank((16, 16), "third-octave")
    with pytest.raises(ParameterError, match="orientations"):
        steerable_bank((16, 16), orientations=0)
    with pytest.raises(ShapeError, match="shape"):
        steerable_bank((16, 0))
    bank = steerable_bank((16, 16), levels=2)
    with pytest.raises(ShapeError, match=r"spatial shape \(16, 16\)"):
        bank.analyze(np.zeros((16, 15)))
    with pytest.raises(DTypeError):
        bank.analyze_fft(np.zeros((16, 16)))
    with pytest.raises(ParameterError, match="keys"):
        bank.synthesize({(9, 9): np.zeros((2, 2))})
    with pytest.raises(ShapeError, match="band"):
        bank.synthesize({(0, 0): np.zeros((3, 3))})
    with pytest.raises(PyrkitError):
        bank.frequency_response((7, 0))


# -- command line -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["steerable", "complex-steerable"])
def test_cli_pyramid_steerable(tmp_path, kind):
    from click.testing import CliRunner

    from pyrkit.cli import cli
    from pyrkit.io import read_image, write_image

    src = write_image(tmp_path / "in.png", np.random.default_rng(14).random((37, 50, 3)))
    out = tmp_path / "pyr.png"
    res = CliRunner().invoke(cli, ["pyramid", str(src), "-k", kind, "-n", "2", "--order", "1",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "2 levels" in res.output and read_image(out).ndim == 3
    res = CliRunner().invoke(cli, ["pyramid", str(src), "-k", kind, "-n", "2", "--order", "-2",
                                   "-o", str(tmp_path / "bad.png")])
    assert res.exit_code == 2 and "order" in res.output
    assert not (tmp_path / "bad.png").exists()
    res = CliRunner().invoke(cli, ["pyramid", str(src), "-k", "laplacian", "--order", "2",
                                   "-o", str(tmp_path / "lap.png")])
    assert res.exit_code == 2 and "steerable kinds" in res.output
    res = CliRunner().invoke(cli, ["pyramid", str(src), "-k", kind, "-n", "12",
                                   "-o", str(tmp_path / "deep.png")])
    assert res.exit_code == 2 and "levels" in res.output


def test_reconstruct_from_no_band_is_zero():
    x = np.random.default_rng(15).random((2, 12, 10)).astype(np.float32)
    pyr = SteerablePyramid(x, 1, complex=True, channel_axis=0)
    empty = pyr.reconstruct(bands=[])
    assert empty.shape == x.shape and empty.dtype == np.float32 and not empty.any()
