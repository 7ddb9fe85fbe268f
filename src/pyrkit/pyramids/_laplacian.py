"""Gaussian and Laplacian pyramids (Burt & Adelson 1983)."""

from __future__ import annotations

from typing import Any

from .._checks import as_image, channels_back, channels_first, check_choice
from ..errors import ParameterError
from ..filters import as_kernel
from ..linops import BOUNDARY_MODES, _down2d, _up2d
from ._base import Pyramid, check_levels

__all__ = ["GaussianPyramid", "LaplacianPyramid"]

Array = Any

_PARAMS_DOC = """
    Parameters
    ----------
    image : array, shape (..., H, W) or with a channel axis
        Any size (odd, non-square, 1 x 1 up); leading axes are a batch.  Integers are scaled to
        [0, 1] in float64; float32 and float64 are kept.
    levels : int, optional
        Number of reductions (band-pass levels).  Default: as many as keep the coarsest level at
        least 8 pixels on its short side.  At most ``ceil(log2(max(H, W)))``.
    kernel : sequence of float, optional
        Odd-length 1-D generating kernel, default binomial ``[1 4 6 4 1] / 16``.
    boundary : str, optional
        Edge extension, one of ``pyrkit.linops.BOUNDARY_MODES``; default ``'reflect101'``.
    channel_axis : int, optional
        Axis of ``image`` holding colour channels, if any.  Channels never mix.
"""


def _prepare(image: Any, levels: Any, kernel: Any, boundary: str,
             channel_axis: int | None) -> tuple[Array, int, tuple[float, ...]]:
    x = as_image(image, channel_axis=channel_axis)
    check_choice(boundary, name="boundary", choices=BOUNDARY_MODES)
    core = channels_first(x, channel_axis)
    return core, check_levels(levels, tuple(core.shape[-2:])), as_kernel(kernel)


class GaussianPyramid(Pyramid):
    __doc__ = f"""The Gaussian pyramid: ``g_0 = image``, ``g_(i+1) = G g_i`` (blur, then decimate).

    Keys ``(0, 0) ... (levels, 0)``; level ``i`` has ``ceil(n / 2**i)`` samples per axis.
    {_PARAMS_DOC}
    Notes
    -----
    ``reconstruct()`` returns level 0 (the image).  ``reconstruct(levels=[i])`` expands level
    ``i`` back to full size, ``F^i g_i``: the image as seen through that level alone.

    References
    ----------
    .. [1] P. J. Burt and E. H. Adelson, "The Laplacian pyramid as a compact image code",
       IEEE Trans. Commun. 31(4):532-540, 1983.

    Examples
    --------
    >>> import numpy as np
    >>> pyr = GaussianPyramid(np.arange(25.0).reshape(5, 5), levels=2)
    >>> [pyr[i].shape for i in range(len(pyr))]
    [(5, 5), (3, 3), (2, 2)]
    >>> pyr[2].round(3)
    array([[10.125, 10.75 ],
           [13.25 , 13.875]])
    """

    kind = "gaussian"

    def __init__(self, image: Any, levels: int | None = None, *, kernel: Any = None,
                 boundary: str = "reflect101", channel_axis: int | None = None) -> None:
        core, levels, w = _prepare(image, levels, kernel, boundary, channel_axis)
        bands = {(0, 0): core}
        for i in range(levels):
            bands[(i + 1, 0)] = _down2d(bands[(i, 0)], w, boundary)
        super().__init__(
            {k: channels_back(v, channel_axis) for k, v in bands.items()},
            image_shape=tuple(image.shape), channel_axis=channel_axis, kernel=w,
            boundary=boundary,
        )

    @property
    def levels(self) -> int:
        """Number of reductions (the pyramid holds ``levels + 1`` images)."""
        return len(self) - 1

    def _level(self, i: int) -> Array:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"level index out of range for {len(self)} levels; got {i}")
        return self[(i, 0)]

    def _synthesize(self, bands: dict) -> Array:
        kept = [k for k, v in bands.items() if bool(_any_nonzero(v))]
        if len(kept) > 1:
            raise ParameterError("a Gaussian pyramid reconstructs from one level at a time")
        level = kept[0][0] if kept else 0
        g = bands[(level, 0)]
        for i in range(level, 0, -1):
            g = _up2d(g, tuple(bands[(i - 1, 0)].shape[-2:]), self.params["kernel"],
                      self.params["boundary"])
        return g

    def reconstruct(self, levels: Any = None, bands: Any = None) -> Array:
        if levels is None and bands is None:
            return self[(0, 0)]
        return super().reconstruct(levels, bands)


def _any_nonzero(v: Array) -> Any:
    from .._array import namespace

    return namespace(v).any(v != 0)


class LaplacianPyramid(Pyramid):
    __doc__ = f"""The Laplacian pyramid: band ``L_i = g_i - F g_(i+1)``, plus the lowpass ``g_levels``.

    Keys ``(0, 0) ... (levels - 1, 0)`` and ``"lowpass"``.  Reconstruction
    ``g_i = L_i + F g_(i+1)`` is exact for any kernel and boundary mode.
    {_PARAMS_DOC}
    References
    ----------
    .. [1] P. J. Burt and E. H. Adelson, "The Laplacian pyramid as a compact image code",
       IEEE Trans. Commun. 31(4):532-540, 1983.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(20.0).reshape(4, 5)
    >>> pyr = LaplacianPyramid(x, levels=2)
    >>> list(pyr.keys())
    [(0, 0), (1, 0), 'lowpass']
    >>> pyr["lowpass"].round(3)
    array([[8.25 , 8.875]])
    >>> bool(abs(pyr.reconstruct() - x).max() < 1e-12)
    True
    """

    kind = "laplacian"

    def __init__(self, image: Any, levels: int | None = None, *, kernel: Any = None,
                 boundary: str = "reflect101", channel_axis: int | None = None) -> None:
        g, levels, w = _prepare(image, levels, kernel, boundary, channel_axis)
        bands = {}
        for i in range(levels):
            coarse = _down2d(g, w, boundary)
            bands[(i, 0)] = g - _up2d(coarse, tuple(g.shape[-2:]), w, boundary)
            g = coarse
        bands["lowpass"] = g
        super().__init__(
            {k: channels_back(v, channel_axis) for k, v in bands.items()},
            image_shape=tuple(image.shape), channel_axis=channel_axis, kernel=w,
            boundary=boundary,
        )

    def _synthesize(self, bands: dict) -> Array:
        g = bands["lowpass"]
        for i in range(self.levels - 1, -1, -1):
            band = bands[(i, 0)]
            g = band + _up2d(g, tuple(band.shape[-2:]), self.params["kernel"],
                             self.params["boundary"])
        return g
