"""Pictures of steerable pyramids and filters."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import viz
from pyrkit.errors import OutputExistsError, ShapeError
from pyrkit.io import read_image
from pyrkit.pyramids import SteerablePyramid, steerable_bank


def test_orientation_picture_hue_and_brightness():
    angle = np.array([[0.0, np.pi / 3, np.pi, 2 * np.pi / 3]])
    strength = np.array([[1.0, 1.0, 1.0, 0.0]])
    rgb = viz.orientation_picture(angle, strength, percentile=100)
    assert rgb.shape == (1, 4, 3)
    assert np.allclose(rgb[0, 0], [1, 0, 0]) and np.allclose(rgb[0, 2], rgb[0, 0])  # mod pi
    assert np.allclose(rgb[0, 1], [0, 1, 0]) and np.allclose(rgb[0, 3], 0)
    with pytest.raises(ShapeError):
        viz.orientation_picture(np.zeros((2, 2)), np.zeros((2, 3)))


@pytest.mark.parametrize("complex_,part", [(False, "real"), (True, "abs")])
def test_save_subband_grid(tmp_path, complex_, part):
    x = np.random.default_rng(0).random((40, 50))
    pyr = SteerablePyramid(x, 3, order=2, complex=complex_)
    out = viz.save_subband_grid(pyr, tmp_path / "grid.png", part=part)
    assert read_image(out).shape[0] > 100
    with pytest.raises(OutputExistsError):
        viz.save_subband_grid(pyr, out)


def test_save_filters_and_energy_maps(tmp_path):
    bank = steerable_bank((48, 48), "half-octave", levels=2)
    assert read_image(viz.save_filters(bank, tmp_path / "f.png", level=1)).ndim == 3
    y, x = np.mgrid[:40, :40]
    img = np.cos(0.6 * x)
    assert read_image(viz.save_energy_maps(img, tmp_path / "e.png")).ndim == 3
    with pytest.raises(ShapeError):
        viz.save_energy_maps(np.zeros((3, 20, 20)), tmp_path / "e3.png")


def test_montage_of_a_colour_complex_pyramid():
    x = np.random.default_rng(1).random((30, 36, 3))
    pyr = SteerablePyramid(x, 2, order=1, complex=True, channel_axis=-1)
    canvas = viz.montage(pyr)
    assert canvas.ndim == 3 and canvas.shape[-1] == 3
    assert 0 <= canvas.min() and canvas.max() <= 1
