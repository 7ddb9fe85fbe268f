"""The Riesz pyramid (Wadhwa, Rubinstein, Durand & Freeman, ICCP 2014).

A Laplacian pyramid whose every band-pass level ``I`` is paired with its approximate Riesz
transform ``(R1, R2)``, computed with the compact 3-tap filters ``[0.5, 0, -0.5]`` along x and
along y.  The triple ``(I, R1, R2)`` is a quaternion-valued analytic signal: for a band that is
locally ``A cos(w . x + phi0)`` with wave vector ``w`` at angle ``theta``,

    I = A cos(psi),   R1 = A sin(psi) cos(theta),   R2 = A sin(psi) sin(theta),
    psi = w . x + phi0,

so the local amplitude ``A``, the local phase ``psi`` and the local orientation ``theta`` are
read off with :func:`local_phase`.  Reconstruction only needs the Laplacian levels and is exact.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _array
from .._checks import as_float, as_image, channels_back, channels_first, check_choice
from ..errors import ShapeError
from ..linops import _corr1d
from ._base import Key
from ._laplacian import LaplacianPyramid

__all__ = ["RieszPyramid", "riesz_transform", "local_phase", "RIESZ_METHODS"]

Array = Any

#: How the Riesz transform is computed: the paper's compact 3-tap filters, a 7x7 pair fitted to
#: the exact transform, or exactly by FFT.
RIESZ_METHODS = ("3tap", "7x7", "fft")

#: The 3-tap approximation of the Riesz transform (a centred difference), as a correlation kernel.
RIESZ_TAPS = (0.5, 0.0, -0.5)


def _even(*half: float) -> tuple[float, ...]:
    return (*half[:0:-1], *half)


def _odd(*left: float) -> tuple[float, ...]:
    return (*left, 0.0, *(-c for c in left[::-1]))


#: The 7x7 Riesz pair as two separable terms: ``R1`` correlates with ``v_k`` along y and ``h_k``
#: along x, summed over ``k``; ``R2`` is the same with the axes swapped.  Fitted by least squares
#: to the exact (FFT) transform of Laplacian levels 0-3 of nine natural images from scikit-image
#: (a full 7x7 kernel, odd in x and even in y, then its two leading singular terms), by
#: ``benchmarks/fit_riesz_filters.py``: relative error 0.16 on those levels, against 0.33 for the
#: 3-tap pair, whose gain ``sin(w_x)`` is right only near a quarter of the sampling rate.
RIESZ_7X7 = (
    (_even(0.785884, 0.129913, 0.015337, 0.014744), _odd(0.107131, -0.104864, 0.551056)),
    (_even(0.062175, -0.175247, -0.070925, -0.039095), _odd(-0.035121, -0.192563, -0.029816)),
)


def _riesz_3tap(band: Array) -> tuple[Array, Array]:
    """``(R1, R2)``: the 3-tap Riesz pair along x (axis -1) and y (axis -2), reflect101 edges.

    With reflect101 extension the centred difference is exactly 0 on the first and last sample,
    so the interior is two slices and the edges are zeros (no padded copy).
    """
    xp = _array.namespace(band)
    r1, r2 = xp.zeros_like(band), xp.zeros_like(band)
    if band.shape[-1] > 2:
        r1[..., 1:-1] = band[..., :-2] - band[..., 2:]
        r1 *= 0.5
    if band.shape[-2] > 2:
        r2[..., 1:-1, :] = band[..., :-2, :] - band[..., 2:, :]
        r2 *= 0.5
    return r1, r2


def _riesz_7x7(band: Array) -> tuple[Array, Array]:
    """``(R1, R2)`` with the fitted 7x7 pair :data:`RIESZ_7X7`, reflect101 edges."""
    r1 = r2 = None
    for v, h in RIESZ_7X7:
        t1 = _corr1d(_corr1d(band, h, -1, "reflect101"), v, -2, "reflect101")
        t2 = _corr1d(_corr1d(band, h, -2, "reflect101"), v, -1, "reflect101")
        r1 = t1 if r1 is None else r1 + t1
        r2 = t2 if r2 is None else r2 + t2
    return r1, r2


_RIESZ = {"3tap": _riesz_3tap, "7x7": _riesz_7x7}


def _riesz_fft(band: Array) -> tuple[Array, Array]:
    """The exact (periodic) Riesz transform ``R_j <-> -i w_j / |w|``."""
    xp = _array.namespace(band)
    h, w = band.shape[-2:]
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    norm = np.hypot(fx, fy)
    norm[0, 0] = 1.0
    spec = _array.rfft2(band)
    kx = xp.asarray(-1j * fx / norm, dtype=spec.dtype, device=_array.device(band))
    ky = xp.asarray(-1j * fy / norm, dtype=spec.dtype, device=_array.device(band))
    r1 = _array.irfft2(spec * kx, (h, w))
    r2 = _array.irfft2(spec * ky, (h, w))
    return xp.astype(r1, band.dtype), xp.astype(r2, band.dtype)


def riesz_transform(band: Any, *, method: str = "3tap") -> tuple[Array, Array]:
    """The Riesz transform ``(R1, R2)`` of a band-pass image, along x and along y.

    Parameters
    ----------
    band : array, shape (..., H, W)
        A band-pass image (a Laplacian level); leading axes are a batch.
    method : {'3tap', '7x7', 'fft'}
        ``'3tap'`` (default) correlates with ``[0.5, 0, -0.5]`` along each axis, the compact
        approximation of [1]_: exact in phase for every frequency, with gain ``sin(w_j)`` instead
        of ``w_j / |w|`` (1 at a quarter of the sampling rate, where a Laplacian level has most of
        its energy).  ``'7x7'`` uses the pair :data:`RIESZ_7X7` fitted to the exact transform of
        Laplacian levels of natural images (half the error of ``'3tap'``, four separable passes
        per component).  ``'fft'`` is the exact transform ``R_j <-> -i w_j / |w|`` (periodic
        edges).

    Returns
    -------
    r1, r2 : arrays like ``band``
        ``r1`` responds to variation along x (columns, axis -1), ``r2`` along y (rows, axis -2).

    Notes
    -----
    For ``I = cos(w . x)`` with ``w = |w| (cos theta, sin theta)`` the exact transform gives
    ``R1 = sin(w . x) cos theta`` and ``R2 = sin(w . x) sin theta``.

    References
    ----------
    .. [1] N. Wadhwa, M. Rubinstein, F. Durand and W. T. Freeman, "Riesz pyramids for fast
       phase-based video magnification", ICCP 2014.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.cos(np.pi / 2 * np.arange(8.0))[None, :].repeat(3, axis=0)  # period 4 along x
    >>> r1, r2 = riesz_transform(x)
    >>> r1[1].round(3) + 0.0, float(abs(r2).max())
    (array([ 0.,  1.,  0., -1.,  0.,  1.,  0.,  0.]), 0.0)
    """
    x = as_image(band, name="band")
    check_choice(method, name="method", choices=RIESZ_METHODS)
    return _RIESZ.get(method, _riesz_fft)(x)


def local_phase(band: Any, r1: Any, r2: Any) -> tuple[Array, Array, Array]:
    """Local amplitude, phase and orientation of the quaternion ``(band, r1, r2)``.

    ``amplitude = sqrt(I^2 + R1^2 + R2^2)``, ``phase = atan2(sqrt(R1^2 + R2^2), I)`` in
    ``[0, pi]`` and ``orientation = atan2(R2, R1)`` in ``(-pi, pi]``.  The pair
    ``phase * (cos orientation, sin orientation)`` is the signed local phase along the local
    orientation; it is continuous where the phase passes through 0 or pi, unlike ``phase`` alone.

    Examples
    --------
    >>> import numpy as np
    >>> a, p, o = local_phase(np.array([0.0, 1.0]), np.array([1.0, 0.0]), np.array([0.0, 0.0]))
    >>> a, p.round(4), o
    (array([1., 1.]), array([1.5708, 0.    ]), array([0., 0.]))
    """
    i = as_float(band, name="band")
    r1, r2 = as_float(r1, name="r1"), as_float(r2, name="r2")
    if not (i.shape == r1.shape == r2.shape):
        raise ShapeError(f"band, r1 and r2 must have one shape; got {tuple(i.shape)}, "
                         f"{tuple(r1.shape)}, {tuple(r2.shape)}")
    xp = _array.namespace(i, r1, r2)
    odd = xp.sqrt(r1 * r1 + r2 * r2)
    return xp.sqrt(i * i + odd * odd), xp.atan2(odd, i), xp.atan2(r2, r1)


class RieszPyramid(LaplacianPyramid):
    """A Laplacian pyramid with the Riesz transform of each level (Wadhwa et al. 2014).

    The bands are the Laplacian levels ``(i, 0)`` and ``"lowpass"``, so reconstruction is the
    exact Laplacian collapse; :meth:`riesz` gives the Riesz pair of a level and
    :meth:`local_phase` its amplitude, phase and orientation.  Both are computed from the current
    bands, so they stay right after :meth:`map` or arithmetic.

    Parameters
    ----------
    image : array, shape (..., H, W) or with a channel axis
        Any size; integers are scaled to [0, 1] in float64, float32 and float64 are kept.
    levels : int, optional
        Band-pass levels; default keeps the coarsest level at least 8 pixels on its short side.
    method : {'3tap', '7x7', 'fft'}
        Riesz filters, see :func:`riesz_transform`.
    channel_axis : int, optional
        Axis of ``image`` holding colour channels, if any.  Channels never mix.

    See Also
    --------
    riesz_transform : the Riesz filters, with the reference (Wadhwa et al., ICCP 2014).
    LaplacianPyramid : the band-pass levels.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.cos(np.arange(16.0) * np.pi / 2)[None, :].repeat(16, axis=0)
    >>> pyr = RieszPyramid(x, levels=2)
    >>> list(pyr.keys())
    [(0, 0), (1, 0), 'lowpass']
    >>> bool(abs(pyr.reconstruct() - x).max() < 1e-12)
    True
    >>> amplitude, phase, orientation = pyr.local_phase(0)
    >>> float(orientation[8, 5].round(3)), float(phase[8, 5].round(3))  # cos(5 pi / 2) = 0
    (0.0, 1.571)
    """

    kind = "riesz"

    def __init__(self, image: Any, levels: int | None = None, *, method: str = "3tap",
                 channel_axis: int | None = None) -> None:
        check_choice(method, name="method", choices=RIESZ_METHODS)
        super().__init__(image, levels, channel_axis=channel_axis)
        self.params["method"] = method

    def _key(self, level: Key | int) -> Key:
        if isinstance(level, tuple):
            return level
        n = self.levels
        i = int(level) + (n if int(level) < 0 else 0)
        if not 0 <= i < n:
            raise IndexError(f"level must be a band-pass level in [0, {n - 1}]; got {level}")
        return (i, 0)

    def riesz(self, level: Key | int) -> tuple[Array, Array]:
        """The Riesz pair ``(R1, R2)`` of band-pass ``level`` (an index or a key)."""
        band = channels_first(self[self._key(level)], self.channel_axis)
        r1, r2 = _RIESZ.get(self.params["method"], _riesz_fft)(band)
        return channels_back(r1, self.channel_axis), channels_back(r2, self.channel_axis)

    def local_phase(self, level: Key | int) -> tuple[Array, Array, Array]:
        """``(amplitude, phase, orientation)`` of band-pass ``level``, see :func:`local_phase`."""
        r1, r2 = self.riesz(level)
        return local_phase(self[self._key(level)], r1, r2)
