"""Steerable filters (Freeman & Adelson 1991). The N-th derivative of a Gaussian along any
direction is a fixed combination of N + 1 separable basis filters, so a filter can be turned to
any angle, even a different angle at every pixel, after filtering. The G2/H2 quadrature pair
gives a phase-independent oriented energy, whose lowest Fourier term yields the dominant
orientation and its strength."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .. import steer, viz
from ._gallery import Section, demo_image


def _kernel_figure(path: Path) -> None:
    angles = np.deg2rad([0, 30, 60, 90, 120, 150])
    fig = viz.new_figure(1.4 * len(angles), 1.4 * 4 + 0.3)
    axes = fig.subplots(4, len(angles), squeeze=False)
    for i, order in enumerate(range(1, 5)):
        for j, t in enumerate(angles):
            k = steer.directional_kernel(order, t, sigma=2.0)
            axes[i, j].imshow(viz.display_band(k, signed=True, percentile=100), cmap="gray",
                              vmin=0, vmax=1, interpolation="nearest")
            axes[i, j].set_title(f"N={order}, {np.rad2deg(t):.0f} deg", fontsize=7)
            axes[i, j].set_axis_off()
    viz.save_figure(fig, path)


def _steering_error(image: np.ndarray) -> float:
    from scipy import ndimage

    worst = 0.0
    for order in range(1, 5):
        responses = steer.basis_responses(image, order, 1.5)
        for t in np.linspace(0, np.pi, 7):
            direct = ndimage.convolve(image, steer.directional_kernel(order, t, 1.5), mode="mirror")
            worst = max(worst, float(np.abs(steer.steer(responses, t) - direct).max()))
    return worst


def run(out: Path) -> Section:
    image = demo_image("camera", size=256)
    _kernel_figure(out / "steer_kernels.png")
    responses = steer.basis_responses(image, 2, 1.5)
    fig = viz.new_figure(2.4 * 5, 2.7)
    axes = fig.subplots(1, 5)
    for ax, deg in zip(axes, [0, 45, 90, 135, None]):
        if deg is None:  # steer per pixel, perpendicular to the dominant orientation
            angle, _ = steer.dominant_orientation(image, 1.5)
            shown, title = steer.steer(responses, angle + np.pi / 2), "along the edges"
        else:
            shown, title = steer.steer(responses, np.deg2rad(deg)), f"{deg} deg"
        ax.imshow(viz.display_band(shown, signed=True), cmap="gray", vmin=0, vmax=1)
        ax.set_title(f"2nd derivative, {title}", fontsize=8)
        ax.set_axis_off()
    viz.save_figure(fig, out / "steer_responses.png")
    viz.save_energy_maps(image, out / "steer_energy.png", sigma=1.5)
    return Section(
        title="Steerable filters",
        caption="",
        figures=[
            ("steer_kernels.png", "Gaussian derivatives of order 1 to 4 sampled at six angles; "
             "each is a combination of N + 1 separable basis filters."),
            ("steer_responses.png", "Second-derivative responses steered to four angles from "
             "three basis responses, and steered per pixel along the local edge direction."),
            ("steer_energy.png", "G2/H2 oriented energy at four angles and the orientation map "
             "(hue: dominant orientation, brightness: strength)."),
        ],
        numbers=[
            ("steering error max |steered - directly filtered|, orders 1-4, 7 angles",
             f"{_steering_error(image):.1e}"),
            ("separable basis filters for order N", "N + 1 (two 1-D passes each)"),
        ],
    )
