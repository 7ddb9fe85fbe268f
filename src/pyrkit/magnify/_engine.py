"""The per-frame contract every magnification method implements.

A method turns one frame (``(C, H, W)`` in YIQ, or ``(1, H, W)`` grey) into coefficients
(:meth:`Engine.analyze`), extracts from them the real signal to be filtered in time as one flat
vector (:meth:`Engine.signal`: local phases for the phase and Riesz methods, intensities for the
linear method), and rebuilds the frame from the coefficients and the temporally filtered signal
(:meth:`Engine.synthesize`).  The pipeline (:mod:`._pipeline`) runs the temporal filter between
the two, streaming one frame at a time or over the whole clip in chunks.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..filters import as_kernel
from ..linops import _down2d, _up2d
from ..pyramids._base import check_levels

__all__ = ["Engine", "laplacian_split", "laplacian_collapse"]

Array = Any
_KERNEL = as_kernel(None)
_BOUNDARY = "reflect101"


def laplacian_split(x: Array, levels: int) -> tuple[list[Array], Array]:
    """Laplacian levels (finest first) and lowpass of ``x`` (..., H, W), as in LaplacianPyramid."""
    bands = []
    for _ in range(levels):
        coarse = _down2d(x, _KERNEL, _BOUNDARY)
        bands.append(x - _up2d(coarse, tuple(x.shape[-2:]), _KERNEL, _BOUNDARY))
        x = coarse
    return bands, x


def laplacian_collapse(bands: list[Array], lowpass: Array) -> Array:
    """Exact inverse of :func:`laplacian_split`."""
    g = lowpass
    for band in reversed(bands):
        g = _up2d(g, tuple(band.shape[-2:]), _KERNEL, _BOUNDARY)
        g += band
    return g


class Engine:
    """Base class of a magnification method working frame by frame.

    Parameters common to every method are set here; subclasses add theirs and set
    :attr:`size`, the length of the signal vector of one frame.
    """

    #: Which frame channels the method decomposes: ``"luma"`` (Y only) or ``"all"``.
    channels = "luma"

    def __init__(self, shape: tuple[int, int], *, alpha: float, sigma: float = 0.0,
                 attenuate_other: bool = False, reference: str = "first",
                 levels: int | None = None, dtype: Any = np.float32) -> None:
        self.shape = tuple(shape)
        self.alpha = float(alpha)
        self.sigma = float(sigma)
        self.attenuate_other = bool(attenuate_other)
        self.reference = reference
        self.levels = check_levels(levels, self.shape)
        self.dtype = np.dtype(dtype)
        self.size = 0

    def reset(self) -> None:
        """Forget the reference frame (start a new clip)."""

    def analyze(self, frame: Array) -> Any:
        raise NotImplementedError

    def signal(self, coeffs: Any) -> Array:
        raise NotImplementedError

    def synthesize(self, coeffs: Any, filtered: Array) -> Array:
        raise NotImplementedError

    @property
    def gain(self) -> float:
        """Factor applied to the filtered signal: ``alpha``, or ``1 + alpha`` when the
        out-of-band motion is replaced by the reference (``attenuate_other``)."""
        return self.alpha + 1.0 if self.attenuate_other else self.alpha
