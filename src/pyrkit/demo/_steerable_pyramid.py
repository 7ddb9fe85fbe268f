"""The steerable pyramid (Simoncelli & Freeman 1995), built in the frequency domain: oriented
band-pass filters whose squared frequency responses sum to one everywhere, so the pyramid is a
tight frame: it reconstructs exactly, its synthesis is its own adjoint and the real pyramid keeps
the image's energy. The complex pyramid keeps one half of the frequency plane per band, giving
analytic bands with a local amplitude and phase; the half- and quarter-octave banks used for
phase-based motion processing split each octave further."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .. import viz
from ..pyramids import SteerablePyramid, steerable_bank
from ._gallery import Section, demo_image


def _frame_error(bank) -> float:
    total = np.zeros(bank.shape)
    for key in bank.keys:
        m2 = np.abs(bank.frequency_response(key)) ** 2
        total += 0.5 * (m2 + np.roll(np.flip(m2, (0, 1)), 1, (0, 1)))
    return float(np.abs(total - 1).max())


def run(out: Path) -> Section:
    image = demo_image("camera", size=256)
    real = SteerablePyramid(image, 4, order=3)
    cplx = SteerablePyramid(image, 4, order=3, complex=True)
    viz.save_subband_grid(real, out / "steerable_grid.png")
    viz.save_subband_grid(cplx, out / "steerable_amplitude.png", part="abs")
    viz.save_filters(cplx.bank, out / "steerable_filters.png", level=1)
    half = steerable_bank(image.shape, "half-octave", levels=3)
    viz.save_filters(half, out / "steerable_half_octave.png", level=2, window=48)
    colour = demo_image("astronaut", size=192)
    viz.save_montage(SteerablePyramid(colour, 3, order=1, channel_axis=-1),
                     out / "steerable_rgb_montage.png")

    rng = np.random.default_rng(0)
    odd = rng.standard_normal((67, 93))
    energy = sum(float(np.sum(b**2)) for b in real.values())
    img32 = image.astype(np.float32)
    numbers = [
        ("max reconstruction error, real, float64 (256x256)",
         f"{np.abs(real.reconstruct() - image).max():.1e}"),
        ("max reconstruction error, complex, float64 (256x256)",
         f"{np.abs(cplx.reconstruct() - image).max():.1e}"),
        ("max reconstruction error, float32",
         f"{np.abs(SteerablePyramid(img32, 4).reconstruct() - img32).max():.1e}"),
        ("max reconstruction error, odd 67x93, complex, order 5",
         f"{np.abs(SteerablePyramid(odd, 3, 5, True).reconstruct() - odd).max():.1e}"),
        ("relative energy error, real pyramid", f"{abs(energy / np.sum(image**2) - 1):.1e}"),
        ("tight-frame error max|sum |H|^2 - 1|, complex octave", f"{_frame_error(cplx.bank):.1e}"),
        ("tight-frame error, half-octave bank", f"{_frame_error(half):.1e}"),
        ("tight-frame error, quarter-octave bank",
         f"{_frame_error(steerable_bank(image.shape, 'quarter-octave', levels=2)):.1e}"),
        ("band sizes", ", ".join(f"{k}: {v.shape[0]}x{v.shape[1]}" for k, v in real.items()
                                 if not isinstance(k, tuple) or k[1] == 0)),
    ]
    return Section(
        title="Steerable pyramids",
        caption="",
        figures=[
            ("steerable_grid.png", "Real steerable pyramid, order 3: four orientations per "
             "level (rows: levels, each at its own size), highpass and lowpass on the right."),
            ("steerable_amplitude.png", "Complex steerable pyramid: local amplitude |band|."),
            ("steerable_filters.png", "Level-1 filters of the complex pyramid: real (even) and "
             "imaginary (odd) parts in space, and the one-sided frequency responses."),
            ("steerable_half_octave.png", "Half-octave bank (8 orientations, two filters per "
             "octave), the filters of one radial band."),
            ("steerable_rgb_montage.png", "A colour steerable pyramid (order 1); channels never "
             "mix."),
        ],
        numbers=numbers,
    )
