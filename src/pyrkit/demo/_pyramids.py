"""Gaussian and Laplacian pyramids (Burt & Adelson 1983). The Gaussian pyramid blurs and
decimates; each Laplacian level keeps what the next coarser Gaussian level cannot predict, so the
Laplacian pyramid is a band-pass decomposition that collapses back to the image exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .. import matrices, viz
from ..pyramids import GaussianPyramid, LaplacianPyramid
from ._gallery import Section, demo_image


def run(out: Path) -> Section:
    grey = demo_image("camera")
    colour = demo_image("astronaut", size=384)
    gauss, lap = GaussianPyramid(grey, 5), LaplacianPyramid(grey, 5)
    viz.save_montage(gauss, out / "pyramids_gaussian.png")
    viz.save_montage(lap, out / "pyramids_laplacian.png")
    viz.save_full_resolution([gauss, lap], out / "pyramids_full_res.png")
    lap_rgb = LaplacianPyramid(colour, 4, channel_axis=-1)
    viz.save_montage(lap_rgb, out / "pyramids_laplacian_rgb.png")

    _save_matrices(out / "pyramids_matrices.png")
    err64 = float(np.abs(lap.reconstruct() - grey).max())
    g32 = grey.astype(np.float32)
    err32 = float(np.abs(LaplacianPyramid(g32, 5).reconstruct() - g32).max())
    odd = np.random.default_rng(0).random((37, 61))
    err_odd = float(np.abs(LaplacianPyramid(odd).reconstruct() - odd).max())
    sizes = " → ".join(f"{b.shape[0]}×{b.shape[1]}" for b in gauss.values())
    return Section(
        title="Gaussian and Laplacian pyramids",
        caption="",
        figures=[
            ("pyramids_gaussian.png", "Gaussian pyramid of 'camera': each level is the previous "
             "one blurred with [1 4 6 4 1]/16 and decimated by two."),
            ("pyramids_laplacian.png", "Laplacian pyramid: band-pass levels (grey is zero) and "
             "the lowpass residual."),
            ("pyramids_full_res.png", "Every level expanded to full resolution: Gaussian above, "
             "Laplacian below. The Laplacian levels sum to the image."),
            ("pyramids_laplacian_rgb.png", "A colour Laplacian pyramid; channels never mix."),
            ("pyramids_matrices.png", "The same operators as matrices for a 16-sample signal: "
             "G (blur, keep even samples), F (insert zeros, blur), the Laplacian analysis "
             "matrix A (band-pass rows, then the lowpass) and its synthesis S, with S A = I."),
        ],
        numbers=[
            ("level sizes", sizes),
            ("max reconstruction error, float64 (512×512)", f"{err64:.2e}"),
            ("max reconstruction error, float32 (512×512)", f"{err32:.2e}"),
            ("max reconstruction error, float64 (37×61, odd)", f"{err_odd:.2e}"),
        ],
    )


def _save_matrices(path: Path, n: int = 16, levels: int = 2) -> None:
    a = matrices.laplacian_analysis_matrix(n, levels)
    s = matrices.laplacian_synthesis_matrix(n, levels)
    panels = [("G", matrices.downsample_matrix(n)), ("F", matrices.upsample_matrix(n)),
              ("analysis A", a), ("synthesis S", s), ("S A", s @ a)]
    fig = viz.new_figure(13, 3.4)
    for ax, (title, m) in zip(fig.subplots(1, len(panels)), panels):
        lim = float(np.abs(m).max())
        ax.imshow(m, cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="nearest")
        ax.set_title(f"{title} {m.shape[0]}×{m.shape[1]}", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    viz.save_figure(fig, path)
