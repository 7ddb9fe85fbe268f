"""Pictures of pyramids and filters.

Arrays
    display_band        map a band to [0, 1] for display (signed bands centred on grey)
    montage             every band at its own size in one canvas, finest level largest
    full_resolution     every band expanded to the image's size by band-selective synthesis
Steerable pyramids and filters
    orientation_picture     dominant orientation as hue, strength as brightness
    save_subband_grid       levels x orientations grid, residuals aside
    save_filters            a bank's filters in space and in frequency
    save_energy_maps        oriented energy at a few angles and the orientation map
Files
    save_montage, save_full_resolution, save_figure (matplotlib, atomically)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ._array import to_numpy
from .errors import ShapeError
from .io import atomic_output, write_image
from .pyramids import GaussianPyramid, Pyramid

__all__ = [
    "display_band",
    "montage",
    "full_resolution",
    "save_montage",
    "save_full_resolution",
    "save_figure",
    "new_figure",
    "orientation_picture",
    "save_subband_grid",
    "save_filters",
    "save_energy_maps",
]


def display_band(band: Any, *, signed: bool | None = None, percentile: float = 99.5) -> np.ndarray:
    """Map a band to [0, 1] for display.

    Signed bands (band-pass, default when the band has negative values) are shown as
    ``0.5 + band / (2 s)`` with ``s`` the ``percentile`` of ``|band|``, so zero is mid-grey.
    Unsigned bands are clipped to [0, 1].  Complex bands are shown by their real part.

    Examples
    --------
    >>> display_band(np.array([[-1.0, 0.0, 1.0]]), percentile=100)
    array([[0. , 0.5, 1. ]])
    """
    x = to_numpy(band)
    if np.iscomplexobj(x):
        x = x.real
    x = np.asarray(x, dtype=np.float64)
    if signed is None:
        signed = bool(x.min() < 0)
    if not signed:
        return np.clip(x, 0.0, 1.0)
    scale = np.percentile(np.abs(x), percentile)
    return np.clip(0.5 + x / (2 * scale), 0.0, 1.0) if scale > 0 else np.full_like(x, 0.5)


def _spatial(band: Any, pyr: Pyramid) -> np.ndarray:
    """A band as ``(h, w)`` or ``(h, w, C)`` (channels last), rejecting batches."""
    x = to_numpy(band)
    if pyr.channel_axis is not None:
        x = np.moveaxis(x, pyr.channel_axis, -1)
        if x.ndim != 3:
            raise ShapeError(f"pictures need one image, not a batch; got band shape {x.shape}")
    elif x.ndim != 2:
        raise ShapeError(f"pictures need one image, not a batch; got band shape {x.shape}")
    return x


def _rows(pyr: Pyramid) -> list[list[np.ndarray]]:
    """Display-ready bands, one row per level (orientations side by side), residuals last."""
    signed = not isinstance(pyr, GaussianPyramid)
    rows = []
    if "highpass" in pyr:
        rows.append([display_band(_spatial(pyr["highpass"], pyr), signed=True)])
    for level in range(pyr.levels + isinstance(pyr, GaussianPyramid)):
        keys = [k for k in pyr if isinstance(k, tuple) and k[0] == level]
        rows.append([display_band(_spatial(pyr[k], pyr), signed=signed) for k in keys])
    if "lowpass" in pyr:
        low = _spatial(pyr["lowpass"], pyr)
        rows.append([display_band(low, signed=bool(np.min(low) < 0))])
    return rows


def montage(pyr: Pyramid, *, gap: int = 2, background: float = 1.0) -> np.ndarray:
    """All bands at their own sizes in one canvas: the first row of bands on the left, each
    coarser level stacked to its right, top to bottom.

    Returns a float image in [0, 1], ``(H, W)`` or ``(H, W, C)``.
    """
    rows = _rows(pyr)
    first, rest = rows[0], rows[1:]
    row_w = [sum(b.shape[1] for b in r) + gap * (len(r) - 1) for r in rows]
    height = max(max(b.shape[0] for b in first), sum(max(b.shape[0] for b in r) + gap for r in rest))
    width = row_w[0] + (gap + max(row_w[1:]) if rest else 0)
    canvas = np.full((height, width, *first[0].shape[2:]), background)

    def paste(row: list[np.ndarray], top: int, left: int) -> None:
        for b in row:
            canvas[top:top + b.shape[0], left:left + b.shape[1]] = b
            left += b.shape[1] + gap

    paste(first, 0, 0)
    top = 0
    for r in rest:
        paste(r, top, row_w[0] + gap)
        top += max(b.shape[0] for b in r) + gap
    return canvas


def full_resolution(pyr: Pyramid) -> list[tuple[str, np.ndarray]]:
    """Each band expanded to the image's size by band-selective reconstruction.

    Returns ``(label, image)`` pairs, finest first; a Gaussian pyramid gives ``F^i g_i``.
    """
    out = []
    for key in pyr:
        if isinstance(pyr, GaussianPyramid):
            img = pyr.reconstruct(levels=[key[0]])
        else:
            img = pyr.reconstruct(bands=[key])
        label = f"level {key[0]}" if isinstance(key, tuple) else key
        if isinstance(key, tuple) and pyr.orientations > 1:
            label += f", orientation {key[1]}"
        out.append((label, _spatial(img, pyr)))
    return out


def new_figure(width: float, height: float) -> Any:
    """A matplotlib :class:`~matplotlib.figure.Figure` not tied to any GUI backend."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def save_figure(fig: Any, path: str | Path, *, force: bool = False,
                inputs: Iterable[str | Path] = (), dpi: int = 100) -> Path:
    """Save a matplotlib figure atomically."""
    with atomic_output(path, force=force, inputs=inputs) as tmp:
        fig.savefig(tmp, dpi=dpi, format=Path(path).suffix.lstrip(".") or "png")
    return Path(path)


def save_montage(pyr: Pyramid, path: str | Path, *, force: bool = False,
                 inputs: Iterable[str | Path] = ()) -> Path:
    """Write :func:`montage` of ``pyr`` as an image file."""
    return write_image(path, montage(pyr), force=force, inputs=inputs)


def save_full_resolution(pyramids: Pyramid | Sequence[Pyramid], path: str | Path, *,
                         force: bool = False, inputs: Iterable[str | Path] = (),
                         titles: Sequence[str] | None = None, panel: float = 2.2) -> Path:
    """One row per pyramid of its bands at full resolution (e.g. Gaussian above Laplacian)."""
    pyrs = [pyramids] if isinstance(pyramids, Pyramid) else list(pyramids)
    rows = [full_resolution(p) for p in pyrs]
    cols = max(len(r) for r in rows)
    fig = new_figure(panel * cols, panel * len(rows) + 0.3)
    axes = fig.subplots(len(rows), cols, squeeze=False)
    for i, (row, pyr) in enumerate(zip(rows, pyrs)):
        signed = not isinstance(pyr, GaussianPyramid)
        for j in range(cols):
            ax = axes[i, j]
            ax.set_axis_off()
            if j < len(row):
                label, img = row[j]
                shown = display_band(img, signed=signed and label != "lowpass")
                ax.imshow(shown, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
                name = titles[i] if titles else type(pyr).__name__.replace("Pyramid", "")
                ax.set_title(f"{name}: {label}", fontsize=8)
    return save_figure(fig, path, force=force, inputs=inputs)


# ---------------------------------------------------------------------------------------------
# Steerable pyramids and filters
# ---------------------------------------------------------------------------------------------


def orientation_picture(angle: Any, strength: Any, *, percentile: float = 99.0) -> np.ndarray:
    """RGB picture of an orientation field: hue = ``angle`` modulo pi, brightness = ``strength``
    (scaled by its ``percentile``), full saturation.

    Examples
    --------
    >>> orientation_picture(np.array([[0.0, np.pi / 2]]), np.array([[1.0, 0.0]]), percentile=100)
    array([[[1., 0., 0.],
            [0., 0., 0.]]])
    """
    from matplotlib.colors import hsv_to_rgb

    a = np.asarray(to_numpy(angle), dtype=np.float64)
    st = np.asarray(to_numpy(strength), dtype=np.float64)
    if a.shape != st.shape or a.ndim != 2:
        raise ShapeError(f"angle and strength must be 2-D of one shape; got {a.shape}, {st.shape}")
    scale = np.percentile(st, percentile)
    value = np.clip(st / scale, 0.0, 1.0) if scale > 0 else np.zeros_like(st)
    hsv = np.stack([(a % np.pi) / np.pi, np.ones_like(a), value], axis=-1)
    return hsv_to_rgb(hsv)


def _band_picture(band: Any, pyr: Pyramid, part: str) -> np.ndarray:
    x = _spatial(band, pyr)
    if np.iscomplexobj(x) and part == "abs":
        a = np.abs(x)
        scale = np.percentile(a, 99.5)
        return np.clip(a / scale, 0.0, 1.0) if scale > 0 else np.zeros_like(a)
    return display_band(x, signed=True)  # complex: the real part


def save_subband_grid(pyr: Pyramid, path: str | Path, *, part: str = "real", force: bool = False,
                      inputs: Iterable[str | Path] = (), panel: float = 1.8) -> Path:
    """A grid of a pyramid's oriented bands: one row per level, one column per orientation, the
    highpass and lowpass residuals in an extra column.  Each band is shown at its own
    resolution (scaled to the panel); complex bands by their real part or ``part="abs"``."""
    from ._checks import check_choice

    check_choice(part, name="part", choices=("real", "abs"))
    levels, k = pyr.levels, pyr.orientations
    fig = new_figure(panel * (k + 1), panel * max(levels, 2) + 0.2)
    axes = fig.subplots(max(levels, 2), k + 1, squeeze=False)
    for ax in axes.ravel():
        ax.set_axis_off()
    for (level, b), band in ((key, v) for key, v in pyr.items() if isinstance(key, tuple)):
        ax = axes[level, b]
        ax.imshow(_band_picture(band, pyr, part), cmap="gray", vmin=0, vmax=1,
                  interpolation="nearest")
        ax.set_title(f"level {level}, orientation {b}", fontsize=7)
    for row, name in enumerate(("highpass", "lowpass")):
        if name in pyr:
            low = _spatial(pyr[name], pyr)
            shown = display_band(low, signed=name == "highpass" or bool(np.min(low) < 0))
            axes[row, k].imshow(shown, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
            axes[row, k].set_title(name, fontsize=7)
    return save_figure(fig, path, force=force, inputs=inputs)


def save_filters(bank: Any, path: str | Path, *, level: int = 0, window: int = 32,
                 force: bool = False, panel: float = 1.8) -> Path:
    """A :class:`~pyrkit.pyramids.SteerableBank`'s filters at one radial ``level``: the impulse
    responses in space (real part, central ``window`` pixels; imaginary part too for complex
    banks) above their frequency responses ``|H|`` (DC at the centre), residuals last."""
    keys = [(level, b) for b in range(bank.orientations)] + ["highpass", "lowpass"]
    rows = 3 if bank.complex else 2
    fig = new_figure(panel * len(keys), panel * rows + 0.2)
    axes = fig.subplots(rows, len(keys), squeeze=False)
    h, w = bank.shape
    for j, key in enumerate(keys):
        resp = bank.frequency_response(key)
        space = np.fft.fftshift(np.fft.ifft2(resp))
        cy, cx, r = h // 2, w // 2, window // 2
        crop = space[max(0, cy - r):cy + r, max(0, cx - r):cx + r]
        analytic = bank.complex and isinstance(key, tuple)  # residuals are real filters
        parts = [("real", crop.real)] + ([("imag", crop.imag)] if analytic else [])
        for i, (name, img) in enumerate(parts):
            axes[i, j].imshow(display_band(img, signed=True, percentile=100), cmap="gray",
                              vmin=0, vmax=1, interpolation="nearest")
            axes[i, j].set_title(f"{key}: {name}" if isinstance(key, tuple) else f"{key}",
                                 fontsize=7)
        axes[-1, j].imshow(np.fft.fftshift(np.abs(resp)), cmap="viridis", vmin=0,
                           interpolation="nearest")
        axes[-1, j].set_title("|H|, DC centred", fontsize=7)
    for ax in axes.ravel():
        ax.set_axis_off()
    return save_figure(fig, path, force=force)


def save_energy_maps(image: Any, path: str | Path, *, angles: Sequence[float] = (0.0, 45.0, 90.0,
                     135.0), sigma: float = 1.0, force: bool = False,
                     inputs: Iterable[str | Path] = (), panel: float = 2.4) -> Path:
    """G2/H2 oriented energy of a grey image at ``angles`` (degrees), and the orientation map
    (:func:`orientation_picture` of :func:`pyrkit.steer.dominant_orientation`)."""
    from . import steer

    img = np.asarray(to_numpy(image), dtype=np.float64)
    if img.ndim != 2:
        raise ShapeError(f"image must be 2-D (grey); got shape {img.shape}")
    g2, h2 = steer.quadrature_responses(img, sigma)
    fig = new_figure(panel * (len(angles) + 2), panel + 0.3)
    axes = fig.subplots(1, len(angles) + 2, squeeze=False)[0]
    axes[0].imshow(img, cmap="gray", interpolation="nearest")
    axes[0].set_title("image", fontsize=8)
    for ax, deg in zip(axes[1:], angles):
        g, h = steer.steer_quadrature(g2, h2, np.deg2rad(deg))
        e = np.sqrt(g * g + h * h)
        ax.imshow(display_band(e / max(np.percentile(e, 99.5), 1e-300), signed=False),
                  cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        ax.set_title(f"sqrt E({deg:g} deg)", fontsize=8)
    angle, strength = steer.dominant_orientation(img, sigma)
    axes[-1].imshow(orientation_picture(angle, np.sqrt(strength)), interpolation="nearest")
    axes[-1].set_title("orientation (hue), strength", fontsize=8)
    for ax in axes:
        ax.set_axis_off()
    return save_figure(fig, path, force=force, inputs=inputs)
