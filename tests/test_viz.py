"""Pictures: montage geometry and band display."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import viz
from pyrkit.errors import ShapeError
from pyrkit.pyramids import GaussianPyramid, LaplacianPyramid


def test_display_band_centres_zero():
    shown = viz.display_band(np.array([[-2.0, 0.0, 2.0]]), percentile=100)
    np.testing.assert_allclose(shown, [[0.0, 0.5, 1.0]])
    np.testing.assert_allclose(viz.display_band(np.zeros((2, 2)), signed=True), 0.5)


def test_montage_holds_every_level_at_its_size():
    img = np.random.default_rng(0).random((64, 48))
    pyr = GaussianPyramid(img, 3)
    canvas = viz.montage(pyr, gap=2)
    assert canvas.shape == (64, 48 + 2 + 24)
    np.testing.assert_allclose(canvas[:64, :48], np.clip(img, 0, 1))
    np.testing.assert_allclose(canvas[:32, 50:74], pyr[1])
    colour = viz.montage(LaplacianPyramid(np.random.default_rng(1).random((40, 40, 3)), 2,
                                          channel_axis=-1))
    assert colour.ndim == 3 and colour.shape[-1] == 3 and 0 <= colour.min() <= colour.max() <= 1


def test_full_resolution_sums_to_image():
    img = np.random.default_rng(2).random((30, 20))
    parts = viz.full_resolution(LaplacianPyramid(img, 2))
    assert [label for label, _ in parts] == ["level 0", "level 1", "lowpass"]
    np.testing.assert_allclose(sum(p for _, p in parts), img, atol=1e-12)


def test_batches_are_refused():
    with pytest.raises(ShapeError, match="batch"):
        viz.montage(LaplacianPyramid(np.zeros((2, 16, 16)), 1))


def test_save_full_resolution(tmp_path):
    img = np.random.default_rng(3).random((32, 32))
    out = viz.save_full_resolution([GaussianPyramid(img, 2), LaplacianPyramid(img, 2)],
                                   tmp_path / "f.png")
    assert out.stat().st_size > 1000
