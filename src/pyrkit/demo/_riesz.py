"""The Riesz pyramid (Wadhwa et al. 2014): each Laplacian level and its Riesz transform, computed
with two 3-tap filters, form a quaternion whose local amplitude, phase and orientation describe
the level like the complex steerable pyramid does, with one band per level instead of many."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .. import viz
from ..pyramids import RieszPyramid
from ._gallery import Section, demo_image


def run(out: Path) -> Section:
    img = demo_image("camera", size=256)
    pyr = RieszPyramid(img, 4)
    level = 1
    band = pyr[(level, 0)]
    r1, r2 = pyr.riesz(level)
    amp, phase, orient = pyr.local_phase(level)
    fig = viz.new_figure(12, 2.9)
    axes = fig.subplots(1, 5)
    panels = [(band, "Laplacian level 1", "gray", None), (r1, "Riesz R1 (x)", "gray", None),
              (amp, "amplitude", "magma", None), (phase, "phase [0, pi]", "twilight", (0, np.pi)),
              (np.where(amp > np.percentile(amp, 50), orient, np.nan), "orientation (strong)",
               "hsv", (-np.pi, np.pi))]
    for ax, (data, title, cmap, lim) in zip(axes, panels):
        kw = {"vmin": lim[0], "vmax": lim[1]} if lim else {}
        ax.imshow(data, cmap=cmap, **kw)
        ax.set_title(title, fontsize=9)
        ax.set_axis_off()
    viz.save_figure(fig, out / "riesz_local_phase.png")
    err = float(np.abs(pyr.reconstruct() - img).max())
    return Section(
        title="Riesz pyramid: local amplitude, phase and orientation",
        caption="",
        figures=[("riesz_local_phase.png", "Level 1 of the Riesz pyramid of 'camera': the "
                  "band, its horizontal Riesz component, and the local amplitude, phase and "
                  "orientation read from the quaternion (band, R1, R2).")],
        numbers=[("max reconstruction error (256x256, float64)", f"{err:.1e}"),
                 ("filters", "[0.5, 0, -0.5] along x and along y")],
    )
