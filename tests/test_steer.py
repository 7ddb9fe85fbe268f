"""Steerable filters: the steering theorem, the G2/H2 pair, oriented energy, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import ndimage

from pyrkit import steer
from pyrkit.errors import NonFiniteError, ParameterError, ShapeError

ANGLES = np.linspace(0, 2 * np.pi, 13)


@pytest.mark.parametrize("order", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("sigma", [0.8, 1.5])
def test_steered_kernel_equals_directly_sampled(order, sigma):
    basis = [np.outer(ky, kx) for ky, kx in steer.basis_kernels(order, sigma)]
    for theta in ANGLES:
        steered = sum(k * b for k, b in zip(steer.steering_weights(order, theta), basis))
        direct = steer.directional_kernel(order, theta, sigma)
        assert np.abs(steered - direct).max() < 1e-12 * np.abs(direct).max()


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_steered_response_equals_direct_filter_response(order):
    image = np.random.default_rng(order).random((30, 27))
    responses = steer.basis_responses(image, order, 1.2)
    for theta in ANGLES[:7]:
        direct = ndimage.convolve(image, steer.directional_kernel(order, theta, 1.2),
                                  mode="mirror")  # mirror == reflect101
        steered = steer.steer(responses, theta)
        assert np.abs(steered - direct).max() < 1e-10
        assert np.abs(steer.directional_derivative(image, order, theta, 1.2) - steered).max() \
            == 0


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_rotated_copies_steer_with_angle_weights(order):
    sigma = 1.0
    thetas = [j * np.pi / (order + 1) for j in range(order + 1)]
    copies = [steer.directional_kernel(order, t, sigma) for t in thetas]
    for theta in ANGLES:
        k = steer.angle_steering_weights(order, theta)
        steered = sum(w * c for w, c in zip(k, copies))
        assert np.abs(steered - steer.directional_kernel(order, theta, sigma)).max() < 1e-12


def test_kernels_are_gaussian_derivatives():
    x = np.linspace(-3, 3, 7)
    g = np.exp(-x**2 / 2) / np.sqrt(2 * np.pi)
    k1 = steer.gaussian_derivative_kernel(1, 1.0, radius=3)
    k2 = steer.gaussian_derivative_kernel(2, 1.0, radius=3)
    assert np.allclose(k1, -x * g) and np.allclose(k2, (x**2 - 1) * g)
    # the sampled first derivative of a ramp is its slope (to sampling accuracy)
    ramp = np.tile(np.arange(40.0), (40, 1)) * 0.5
    d = steer.directional_derivative(ramp, 1, 0.0, sigma=2.0)
    assert abs(d[20, 20] - 0.5) < 1e-4


def test_per_pixel_angles():
    image = np.random.default_rng(1).random((20, 20))
    theta = np.random.default_rng(2).uniform(0, np.pi, (20, 20))
    got = steer.directional_derivative(image, 2, theta)
    responses = steer.basis_responses(image, 2)
    for idx in [(3, 4), (10, 15), (19, 0)]:
        assert got[idx] == pytest.approx(steer.steer(responses, theta[idx])[idx], abs=1e-14)


def test_quadrature_pair_steers_exactly():
    sigma = 1.3
    g2, h2 = steer.quadrature_kernels(sigma)
    r = len(g2[0][0]) // 2
    y, x = np.mgrid[-r:r + 1, -r:r + 1] / (np.sqrt(2) * sigma)
    for theta in ANGLES:
        u = x * np.cos(theta) + y * np.sin(theta)
        e = np.exp(-(x**2 + y**2)) / (np.sqrt(2) * sigma)
        g_direct = 0.9213 * (2 * u**2 - 1) * e
        h_direct = 0.9780 * (u**3 - 2.254 * u) * e
        gb = [np.outer(ky, kx) for ky, kx in g2]
        hb = [np.outer(ky, kx) for ky, kx in h2]
        g_t, h_t = steer.steer_quadrature(gb, hb, theta)
        assert np.abs(g_t - g_direct).max() < 1e-12
        assert np.abs(h_t - h_direct).max() < 1e-12


def test_oriented_energy_is_phase_invariant_and_tuned():
    y, x = np.mgrid[:48, :48]
    freq, theta, sigma = 0.7, 0.4, 2.0  # near the pair's peak frequency sqrt(2) / sigma
    energies, g2_only = [], []
    for phase in np.linspace(0, np.pi, 7):
        stripes = np.cos(freq * (x * np.cos(theta) + y * np.sin(theta)) + phase)
        g2, h2 = steer.quadrature_responses(stripes, sigma)
        g, h = steer.steer_quadrature(g2, h2, theta)
        g2_only.append(g[24, 24] ** 2)
        energies.append(steer.oriented_energy(stripes, theta, sigma)[24, 24])
        assert energies[-1] == pytest.approx(g[24, 24] ** 2 + h[24, 24] ** 2)
        across = steer.oriented_energy(stripes, theta + np.pi / 2, sigma)[24, 24]
        assert across < 0.01 * energies[-1]
    # G2^2 alone swings through zero with the phase; with H2 (Freeman & Adelson's polynomial fit
    # to the Hilbert transform, amplitude within about 7%) the energy stays within ~15%
    assert np.ptp(g2_only) > 0.9 * np.max(g2_only)
    assert np.ptp(energies) < 0.2 * np.mean(energies)


@pytest.mark.parametrize("theta", [-1.2, -0.3, 0.0, 0.7, 1.5])
def test_dominant_orientation_recovers_stripe_angle(theta):
    y, x = np.mgrid[:40, :40]
    stripes = np.cos(0.6 * (x * np.cos(theta) + y * np.sin(theta)))
    angle, strength = steer.dominant_orientation(stripes)
    diff = (angle[20, 20] - theta + np.pi / 2) % np.pi - np.pi / 2
    assert abs(diff) < 1e-3
    flat_angle, flat_strength = steer.dominant_orientation(np.ones((40, 40)))
    assert strength[20, 20] > 1e6 * (abs(flat_strength[20, 20]) + 1e-30) or \
        flat_strength[20, 20] < 1e-12


@pytest.mark.parametrize("channel_axis", [0, -1])
def test_channel_axis_never_mixes_channels(channel_axis):
    rng = np.random.default_rng(3)
    x = rng.random((2, 18, 21))
    xc = np.moveaxis(x, 0, channel_axis)
    got = steer.directional_derivative(xc, 2, 0.3, channel_axis=channel_axis)
    for c in range(2):
        one = steer.directional_derivative(x[c], 2, 0.3)
        assert np.abs(np.moveaxis(got, channel_axis, 0)[c] - one).max() < 1e-15


def test_dtypes_and_torch():
    x = np.random.default_rng(4).random((16, 16))
    assert steer.directional_derivative(x.astype(np.float32), 1, 0.2).dtype == np.float32
    assert steer.directional_derivative((x * 255).astype(np.uint8), 1).dtype == np.float64
    torch = pytest.importorskip("torch")
    got = steer.directional_derivative(torch.from_numpy(x), 3, 0.9)
    assert isinstance(got, torch.Tensor)
    assert np.abs(got.numpy() - steer.directional_derivative(x, 3, 0.9)).max() < 1e-12
    a_t, s_t = steer.dominant_orientation(torch.from_numpy(x))
    a_n, s_n = steer.dominant_orientation(x)
    assert np.abs(s_t.numpy() - s_n).max() < 1e-12
    # per-pixel steering with torch angles stays in torch
    along = steer.directional_derivative(torch.from_numpy(x), 2, a_t)
    assert isinstance(along, torch.Tensor)
    assert np.abs(along.numpy() - steer.directional_derivative(x, 2, a_n)).max() < 1e-12


def test_bad_input():
    x = np.zeros((20, 20))
    with pytest.raises(ParameterError, match="order"):
        steer.directional_derivative(x, -1)
    with pytest.raises(ParameterError, match="sigma"):
        steer.directional_derivative(x, 1, sigma=0)
    with pytest.raises(ShapeError, match="larger than the filter radius"):
        steer.directional_derivative(np.zeros((4, 40)), 2, sigma=1.0)
    with pytest.raises(ShapeError):
        steer.dominant_orientation(np.zeros((5, 5)))
    bad = x.copy()
    bad[0, 0] = np.inf
    with pytest.raises(NonFiniteError):
        steer.oriented_energy(bad, 0.0)
    with pytest.raises(ParameterError, match="boundary"):
        steer.directional_derivative(x, 1, boundary="nope")
    assert math.isclose(steer.kernel_radius(2, 1.0), 5)


# -- command line -------------------------------------------------------------------------------


def _image_file(tmp_path, colour=False):
    from pyrkit.io import write_image

    y, x = np.mgrid[:40, :48]
    img = 0.5 + 0.4 * np.cos(0.5 * (x * np.cos(0.6) + y * np.sin(0.6)))
    if colour:
        img = np.stack([img, img[::-1], 1 - img], axis=-1)
    return write_image(tmp_path / ("in_rgb.png" if colour else "in.png"), img)


def test_cli_steer(tmp_path):
    from click.testing import CliRunner

    from pyrkit.cli import cli
    from pyrkit.io import read_image

    src = _image_file(tmp_path)
    runner = CliRunner()
    out = tmp_path / "d.png"
    res = runner.invoke(cli, ["steer", str(src), "-o", str(out), "--order", "2", "--angle", "30"])
    assert res.exit_code == 0, res.output
    assert read_image(out).shape == (40, 48)
    # no clobbering without --force, then replaced with it
    res = runner.invoke(cli, ["steer", str(src), "-o", str(out)])
    assert res.exit_code == 2 and "exists" in res.output
    res = runner.invoke(cli, ["steer", str(src), "-o", str(out), "--orientation-map", "--force"])
    assert res.exit_code == 0, res.output
    assert read_image(out).shape == (40, 48, 3)
    rgb = _image_file(tmp_path, colour=True)
    res = runner.invoke(cli, ["steer", str(rgb), "-o", str(tmp_path / "c.png"), "--sigma", "1.5"])
    assert res.exit_code == 0 and read_image(tmp_path / "c.png").shape == (40, 48, 3)


@pytest.mark.parametrize("args,message", [
    (["--order", "-1"], "order"),
    (["--sigma", "0"], "sigma"),
    (["--sigma", "30"], "filter radius"),
    (["--angle", "10", "--orientation-map"], "not both"),
])
def test_cli_steer_bad_input(tmp_path, args, message):
    from click.testing import CliRunner

    from pyrkit.cli import cli

    src = _image_file(tmp_path)
    out = tmp_path / "o.png"
    res = CliRunner().invoke(cli, ["steer", str(src), "-o", str(out), *args])
    assert res.exit_code == 2, res.output
    assert message in res.output
    assert not out.exists()


def test_cli_steer_missing_input(tmp_path):
    from click.testing import CliRunner

    from pyrkit.cli import cli

    res = CliRunner().invoke(cli, ["steer", str(tmp_path / "nope.png"), "-o",
                                   str(tmp_path / "o.png")])
    assert res.exit_code == 2
