"""Pictures of pyramids and filters.

Arrays
    display_band        map a band to [0, 1] for display (signed bands centred on grey)
    montage             every band at its own size in one canvas, finest level largest
    full_resolution     every band expanded to the image's size by band-selective synthesis
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
