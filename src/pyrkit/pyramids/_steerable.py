"""Frequency-domain steerable pyramids and sub-octave complex filter banks.

One implementation serves the real and the complex steerable pyramid (Simoncelli & Freeman 1995)
and the octave, half-octave and quarter-octave complex banks of phase-based motion processing
(Wadhwa et al. 2013): a :class:`SteerableBank` is the cached plan (masks, crops, transform
sizes) for one image shape and one set of parameters, and :class:`SteerablePyramid` is the
:class:`~pyrkit.pyramids.Pyramid` its analysis returns.

Frequency layout
    Frequencies are normalised per axis so that Nyquist is 1: ``u_y = 2 k_y / H`` (rows) and
    ``u_x = 2 k_x / W`` (columns), with integer frequencies ``k`` in :func:`numpy.fft.fftfreq`
    order, symmetric about DC for odd sizes.  ``r = hypot(u_x, u_y)`` and the orientation is
    ``theta = atan2(u_y, u_x)``, measured from the column axis towards increasing row index.

Radial windows
    A split at log-radius ``s`` with width ``w`` is the pair ``hi(t) = cos(pi/2 (s - t) / w)``,
    ``lo(t) = sin(pi/2 (s - t) / w)`` on ``s - w < t < s`` (``t = log2 r``), with ``hi = 1, lo = 0``
    above and ``hi = 0, lo = 1`` below, so ``hi^2 + lo^2 = 1``.  With ``p`` filters per octave
    the splits sit at ``s_j = -j / p`` with width ``twidth / p``; the highpass is ``hi_0``, radial
    band ``j`` is ``lo_0 ... lo_j hi_(j+1)`` and the lowpass ``lo_0 ... lo_J``.  The squares
    telescope to 1 at every frequency: the bank is a tight frame.

Angular windows
    ``K`` orientations at ``theta_b = pi b / K`` use ``cos^n(theta - theta_b)`` with ``n = K - 1``,
    scaled by ``sqrt(c)``, ``c = 2^(2n) n!^2 / (K (2n)!)``, so the squares sum to 1 over ``b``.
    A real band's mask is ``(-i)^n`` times that (a real filter for every ``n``); a complex band
    keeps the half plane ``cos(theta - theta_b) > 0`` with an extra ``sqrt(2)``: it is the analytic
    signal of the real band divided by ``sqrt(2)``, so ``real(complex band) = real band / sqrt(2)``
    and ``abs``/``angle`` give the local amplitude and phase.

Cropping
    A band whose support is ``r < R`` is stored at ``ceil(H R) x ceil(W R)`` samples: octave level
    ``i`` at ``ceil(H / 2^i) x ceil(W / 2^i)``.  Transforms are unitary (spectra scaled by
    ``sqrt(size_band / size_image)``), so the analysis operator ``A`` satisfies ``A^T A = I``:
    synthesis is the adjoint and the real pyramid preserves energy.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import _array
from .._checks import (as_image, channels_back, channels_first, check_choice, check_float,
                       check_float_dtype, check_int)
from ..errors import DTypeError, ParameterError, ShapeError
from ._base import Pyramid, check_levels

__all__ = ["SteerablePyramid", "SteerableBank", "steerable_bank", "SCALES"]

Array = Any
Key = Any

#: Radial filters per octave for each named scale of :func:`steerable_bank`.
SCALES: dict[str, int] = {"octave": 1, "half-octave": 2, "quarter-octave": 4}
_DEFAULT_ORIENTATIONS = {"octave": 4, "half-octave": 8, "quarter-octave": 8}
_MAX_ORDER = 30
_FLUSH = 1e-13
#: Synthesis transforms the complex bands of one stage together when their stacked copy is at
#: most this many bytes (one batched FFT is faster than one per band); above it, band by band.
_STACK_BYTES = 64 * 2**20


# ---------------------------------------------------------------------------------------------
# Analytic masks
# ---------------------------------------------------------------------------------------------


def _split(t: np.ndarray, s: float, w: float) -> tuple[np.ndarray, np.ndarray]:
    """``(hi, lo)`` of the raised-cosine split at log-radius ``s`` with width ``w``."""
    phase = np.clip((s - t) / w, 0.0, 1.0) * (np.pi / 2)
    return np.cos(phase), np.sin(phase)


def _grid_k(n: int, m: int, half: bool) -> np.ndarray:
    """Integer frequencies of an ``m``-sample crop of an ``n``-sample axis, in FFT order
    (``0 .. m//2`` only when ``half``)."""
    if half:
        return np.arange(m // 2 + 1, dtype=np.float64)
    return np.round(np.fft.fftfreq(m) * m)


class _Geometry:
    """The analytic filters of one bank, evaluated on any grid of integer frequencies."""

    def __init__(self, shape: tuple[int, int], per_octave: int, n_radial: int,
                 orientations: int, order: int, twidth: float) -> None:
        self.shape, self.p, self.n_radial = shape, per_octave, n_radial
        self.K, self.order, self.width = orientations, order, twidth / per_octave
        self.const = (4.0**order * math.factorial(order) ** 2
                      / (orientations * math.factorial(2 * order)))

    def support(self, j: int | str) -> float:
        """Radius ``R`` outside which band ``j`` (or a residual) vanishes."""
        if j == "highpass":
            return math.inf
        return 2.0 ** (-(self.n_radial if j == "lowpass" else j) / self.p)

    def polar(self, ky: np.ndarray, kx: np.ndarray) -> tuple[np.ndarray, ...]:
        h, w = self.shape
        uy, ux = np.meshgrid(2.0 * ky / h, 2.0 * kx / w, indexing="ij")
        r = np.hypot(ux, uy)
        with np.errstate(divide="ignore"):
            t = np.log2(r)
        return uy, ux, r, t

    def radial(self, t: np.ndarray, j: int | str) -> np.ndarray:
        splits = [_split(t, -k / self.p, self.width) for k in range(self.n_radial + 1)]
        if j == "highpass":
            return splits[0][0]
        last = self.n_radial if j == "lowpass" else j
        out = np.ones_like(t)
        for k in range(last + 1):
            out = out * splits[k][1]
        return out if j == "lowpass" else out * splits[j + 1][0]

    def angular(self, uy: np.ndarray, ux: np.ndarray, r: np.ndarray, b: int,
                analytic: bool) -> np.ndarray:
        """``(-i)^n sqrt(c) cos^n(theta - theta_b)``, one half plane times ``sqrt 2`` if
        ``analytic`` (weight ``1/sqrt 2`` on the dividing line so the frame stays tight)."""
        tb = np.pi * b / self.K
        safe = np.where(r > 0, r, 1.0)
        cos = np.where(r > 0, (ux * np.cos(tb) + uy * np.sin(tb)) / safe, 0.0)
        mask = np.sqrt(self.const) * cos**self.order * (-1j) ** self.order
        if analytic:
            side = np.where(cos > 1e-9, 1.0, np.where(cos < -1e-9, 0.0, np.sqrt(0.5)))
            mask = mask * np.sqrt(2.0) * side
        return mask

    def response(self, key: Key, ky: np.ndarray, kx: np.ndarray, analytic: bool) -> np.ndarray:
        """Frequency response of band ``key`` on the grid ``ky x kx`` (complex)."""
        uy, ux, r, t = self.polar(ky, kx)
        if isinstance(key, str):
            mask = self.radial(t, key).astype(np.complex128)
        else:
            mask = self.radial(t, key[0]) * self.angular(uy, ux, r, key[1], analytic)
        # Flush values below 1e-13 (their squares, < 1e-26, are far below rounding error): tiny
        # values such as cos(pi/2)^n make the FFTs run into subnormal numbers, twice as slowly.
        mask[np.abs(mask) < _FLUSH] = 0
        return mask


# ---------------------------------------------------------------------------------------------
# Stages: the bands that share one crop
# ---------------------------------------------------------------------------------------------


class _Stage:
    """Bands sharing one crop of the spectrum: ``masks`` (K, h, w') act on the crop.

    ``analytic`` stages act on the full crop grid and give complex bands; the others act on the
    rfft half grid and give real bands.
    """

    def __init__(self, geom: _Geometry, keys: list[Key], shape: tuple[int, int],
                 analytic: bool) -> None:
        h, w = geom.shape
        self.keys, self.shape, self.analytic = keys, shape, analytic
        ky = _grid_k(h, shape[0], False)
        kx = _grid_k(w, shape[1], not analytic)
        scale = math.sqrt(shape[0] * shape[1] / (h * w))
        self.masks = np.stack([geom.response(k, ky, kx, analytic) for k in keys]) * scale
        self.synthesis = np.conj(self.masks) / scale**2
        self.real_masks = bool(np.all(self.masks.imag == 0))


def _crop_rows(x: Array, n: int, m: int, cols: int) -> Array:
    """Rows of an FFT-ordered spectrum kept by an ``m``-sample crop, first ``cols`` columns."""
    if m == n:
        return x[..., :cols]
    xp = _array.namespace(x)
    a, b = (m + 1) // 2, m // 2
    parts = [x[..., :a, :cols]] + ([x[..., n - b:, :cols]] if b else [])
    return xp.concat(parts, axis=-2)


def _reflect(x: Array, axis: int) -> Array:
    """``x[-k mod m]`` along ``axis`` (frequency negation of an FFT-ordered axis)."""
    xp = _array.namespace(x)
    return xp.roll(xp.flip(x, axis=axis), 1, axis=axis)


def _full_from_half(c: Array, m: int) -> Array:
    """Full FFT-ordered crop (``m`` columns) from the rfft half grid of a real signal."""
    xp = _array.namespace(c)
    a, b = (m + 1) // 2, m // 2
    if b == 0:
        return c[..., :a]
    neg = xp.conj(xp.flip(_reflect(c, -2)[..., 1:b + 1], axis=-1))
    return xp.concat([c[..., :a], neg], axis=-1)


def _hermitian_half(z: Array) -> Array:
    """rfft half grid of the real part's spectrum: ``(z(k) + conj z(-k)) / 2``."""
    xp = _array.namespace(z)
    zr = _reflect(_reflect(z, -2), -1)
    cols = z.shape[-1] // 2 + 1
    return (z[..., :cols] + xp.conj(zr[..., :cols])) * 0.5


def _pad_add(acc: Array, z: Array, n: int, m: int) -> None:
    """Add the cropped half-grid spectrum ``z`` (``m`` rows) into ``acc`` (``n`` rows) in place."""
    cols = z.shape[-1]
    a, b = (m + 1) // 2, m // 2
    if m == n:
        acc[..., :cols] += z
        return
    acc[..., :a, :cols] += z[..., :a, :]
    if b:
        acc[..., n - b:, :cols] += z[..., a:, :]


# ---------------------------------------------------------------------------------------------
# The bank
# ---------------------------------------------------------------------------------------------


class SteerableBank:
    """Cached plan of a steerable filter bank for one image shape: masks, crops, band shapes.

    Build it with :func:`steerable_bank` (cached: the same arguments give the same object) or
    implicitly through :class:`SteerablePyramid`.  The bank is a tight frame: :meth:`synthesize`
    is both the exact inverse and the adjoint of :meth:`analyze`.

    Attributes
    ----------
    shape : tuple of int
        Spatial shape ``(H, W)`` the bank was built for.
    scale : str
        ``"octave"``, ``"half-octave"`` or ``"quarter-octave"``.
    octaves : int
        Octaves spanned by the band-pass filters (the ``levels`` argument).
    scales : int
        Radial band-pass filters, ``octaves * filters per octave``; band keys ``(j, b)`` have
        ``j in range(scales)``, finest first.
    orientations, order : int
        ``K`` orientations at ``pi b / K`` with angular profile ``cos^order``, ``order = K - 1``.
    complex : bool
        Complex (analytic) bands, or real bands.
    keys : tuple
        ``"highpass"``, ``(0, 0) ... (scales - 1, K - 1)``, ``"lowpass"``.
    band_shapes : dict
        Spatial shape of each band (each stored at the smallest size holding its support).

    Notes
    -----
    Complex band ``(j, b)`` is the analytic signal of real band ``(j, b)`` divided by ``sqrt(2)``:
    its spectrum is the real band's on the half plane ``cos(theta - theta_b) > 0``, times
    ``sqrt(2)``, and zero on the other half.  So ``real(c) = r / sqrt(2)``, ``abs(c)`` is the local
    amplitude and ``angle(c)`` the local phase; the residuals are real.  See the module
    docstring of ``pyrkit.pyramids._steerable`` for the masks.
    """

    def __init__(self, shape: tuple[int, int], *, scale: str, orientations: int, order: int,
                 levels: int, complex: bool, twidth: float, dtype: Any) -> None:
        self.shape = shape
        self.scale, self.octaves = scale, levels
        self.orientations, self.order = orientations, order
        self.complex, self.twidth = complex, twidth
        self.dtype = np.dtype(dtype)
        per = SCALES[scale]
        self.scales = levels * per
        self._geom = _Geometry(shape, per, self.scales, orientations, order, twidth)
        self._stages = [_Stage(self._geom, ["highpass"], shape, False)]
        for j in range(self.scales):
            keys = [(j, b) for b in range(orientations)]
            self._stages.append(_Stage(self._geom, keys, self._crop_shape(j), complex))
        self._stages.append(_Stage(self._geom, ["lowpass"], self._crop_shape("lowpass"), False))
        self.keys = tuple(k for s in self._stages for k in s.keys)
        self.band_shapes = {k: s.shape for s in self._stages for k in s.keys}
        self._converted: dict[tuple, list[tuple[Array, Array]]] = {}

    def _crop_shape(self, j: int | str) -> tuple[int, int]:
        r = self._geom.support(j)
        return tuple(min(n, max(1, math.ceil(n * r - 1e-9))) for n in self.shape)

    def __repr__(self) -> str:
        return (f"SteerableBank(shape={self.shape}, scale={self.scale!r}, "
                f"orientations={self.orientations}, levels={self.octaves}, "
                f"complex={self.complex}, twidth={self.twidth:g})")

    # -- geometry -------------------------------------------------------------------------
    def frequency_response(self, key: Key) -> np.ndarray:
        """Frequency response of band ``key`` on the full ``(H, W)`` FFT grid (complex128).

        The band is ``ifft2(response * fft2(image))`` sampled on its crop (and scaled by
        ``sqrt(band size / image size)``); ``numpy.fft.fftshift`` centres it for display.
        """
        if key not in self.band_shapes:
            raise ParameterError(f"key must be one of the bank's keys; got {key!r}")
        h, w = self.shape
        analytic = self.complex and not isinstance(key, str)
        return self._geom.response(key, _grid_k(h, h, False), _grid_k(w, w, False), analytic)

    def fft_sizes(self, direction: str = "analysis") -> list[tuple[int, int, bool]]:
        """The 2-D FFTs one :meth:`analyze` (or :meth:`synthesize`) does: ``(h, w, real)``
        per transform (a batched transform of ``K`` bands counts ``K`` times).  Synthesis does
        the same transforms in the other direction.

        Examples
        --------
        >>> bank = steerable_bank((64, 64), levels=2, complex=False, orientations=2)
        >>> [f"{h}x{w}" for h, w, real in bank.fft_sizes()]
        ['64x64', '64x64', '64x64', '64x64', '32x32', '32x32', '16x16']
        """
        check_choice(direction, name="direction", choices=("analysis", "synthesis"))
        sizes = [(*self.shape, True)]
        for s in self._stages:
            sizes += [(*s.shape, not s.analytic)] * len(s.keys)
        return sizes

    # -- backend-specific masks -----------------------------------------------------------
    def _masks(self, xp: Any, device: Any, real_dtype: Any) -> list[tuple[Array, Array]]:
        name = "float32" if real_dtype == xp.float32 else "float64"
        cache_key = (xp.__name__, str(device), name)
        if cache_key not in self._converted:
            cdtype = np.complex64 if name == "float32" else np.complex128
            rdtype = np.float32 if name == "float32" else np.float64
            out = []
            for s in self._stages:
                pair = []
                for m in (s.masks, s.synthesis):
                    m = m.real.astype(rdtype) if s.real_masks else m.astype(cdtype)
                    pair.append(xp.asarray(m, device=device))
                out.append(tuple(pair))
            self._converted[cache_key] = out
        return self._converted[cache_key]

    def _check_spatial(self, shape: tuple[int, ...], name: str) -> None:
        if tuple(shape[-2:]) != self.shape:
            raise ShapeError(f"{name} must have spatial shape {self.shape} (the bank's); "
                             f"got {tuple(shape[-2:])}")

    # -- analysis -------------------------------------------------------------------------
    def analyze(self, image: Any, *, channel_axis: int | None = None) -> SteerablePyramid:
        """Bands of ``image`` as a :class:`SteerablePyramid`.

        Parameters
        ----------
        image : array, shape (..., H, W)
            Real image or batch (NumPy or torch); with ``channel_axis`` a colour axis anywhere.
        """
        x = as_image(image, channel_axis=channel_axis)
        core = channels_first(x, channel_axis)
        self._check_spatial(tuple(core.shape), "image")
        bands = self._analyze_half(_array.rfft2(core))
        return SteerablePyramid._from_bank(
            self, {k: channels_back(v, channel_axis) for k, v in bands.items()},
            tuple(x.shape), channel_axis)

    def analyze_fft(self, spectrum: Any) -> dict[Key, Array]:
        """Bands from ``fft2(image)`` (full, unnormalised, shape (..., H, W)) of a real image.

        Returns a dict key -> band (core layout), the same bands :meth:`analyze` gives; a caller
        that needs the image's spectrum anyway saves one transform.
        """
        if not _array.is_array(spectrum):
            spectrum = np.asarray(spectrum)
        xp = _array.namespace(spectrum)
        if not xp.isdtype(spectrum.dtype, "complex floating"):
            raise DTypeError(f"spectrum must be a complex array (fft2 of the image); "
                             f"got dtype {spectrum.dtype}")
        if spectrum.ndim < 2:
            raise ShapeError(f"spectrum must be at least 2-D; got shape {tuple(spectrum.shape)}")
        self._check_spatial(tuple(spectrum.shape), "spectrum")
        return self._analyze_half(spectrum[..., : self.shape[1] // 2 + 1])

    def _analyze_half(self, xh: Array) -> dict[Key, Array]:
        """Bands from the rfft half spectrum ``xh`` (..., H, W//2+1)."""
        xp = _array.namespace(xh)
        real_dtype = xp.float32 if xh.dtype == xp.complex64 else xp.float64
        masks = self._masks(xp, _array.device(xh), real_dtype)
        h, w = self.shape
        out: dict[Key, Array] = {}
        for stage, (mask, _) in zip(self._stages, masks):
            mh, mw = stage.shape
            c = _crop_rows(xh, h, mh, mw // 2 + 1)
            # the masked spectra are temporaries: let the transform work in place
            if stage.analytic:
                bands = _array.ifft2(_full_from_half(c, mw)[..., None, :, :] * mask,
                                     overwrite=True)
            else:
                bands = _array.irfft2(c[..., None, :, :] * mask, s=stage.shape, overwrite=True)
            for i, key in enumerate(stage.keys):
                out[key] = bands[..., i, :, :]
        return out

    # -- synthesis ------------------------------------------------------------------------
    def synthesize(self, bands: Mapping[Key, Array] | Pyramid) -> Array:
        """The real image whose analysis gives ``bands`` (exact inverse and adjoint).

        ``bands`` is a :class:`~pyrkit.pyramids.Pyramid` from :meth:`analyze` (its channel
        layout is honoured) or a dict key -> band in core layout ``(..., h, w)``; keys left out
        count as zero.  Complex bands contribute their analytic part (the adjoint of the complex
        analysis); modifying amplitude or phase before synthesis is the intended use.
        """
        if isinstance(bands, Pyramid):
            return bands.reconstruct()
        if not isinstance(bands, Mapping) or not bands:
            raise ParameterError("bands must be a non-empty mapping of the bank's keys to arrays")
        unknown = [k for k in bands if k not in self.band_shapes]
        if unknown:
            raise ParameterError(f"bands must be keys of the bank; got {unknown[:3]!r}")
        for k, v in bands.items():
            if tuple(v.shape[-2:]) != self.band_shapes[k]:
                raise ShapeError(f"band {k!r} must have spatial shape {self.band_shapes[k]}; "
                                 f"got {tuple(v.shape[-2:])}")
        return self._synthesize_core(dict(bands))

    def _synthesize_core(self, bands: dict[Key, Array]) -> Array:
        first = next(iter(bands.values()))
        xp = _array.namespace(first)
        real_dtype = _array.working_dtype(xp.real(first[..., :1, :1]).dtype, xp)
        masks = self._masks(xp, _array.device(first), real_dtype)
        h, w = self.shape
        lead = tuple(first.shape[:-2])
        cdtype = xp.complex64 if real_dtype == xp.float32 else xp.complex128
        acc = xp.zeros((*lead, h, w // 2 + 1), dtype=cdtype, device=_array.device(first))
        for stage, (_, synth) in zip(self._stages, masks):
            itemsize = 8 if cdtype == xp.complex64 else 16
            if (stage.analytic and len(stage.keys) > 1 and all(k in bands for k in stage.keys)
                    and math.prod(lead) * len(stage.keys) * math.prod(stage.shape) * itemsize
                    <= _STACK_BYTES):
                # all bands of the stage in one batched transform
                stack = xp.stack([xp.astype(bands[k], cdtype) for k in stage.keys], axis=-3)
                terms = _array.fft2(stack, overwrite=True)
                terms *= synth
                _pad_add(acc, _hermitian_half(xp.sum(terms, axis=-3)), h, stage.shape[0])
                continue
            spec = None
            for i, key in enumerate(stage.keys):  # one band at a time: no stacked copy
                if key not in bands:
                    continue
                band = bands[key]
                if stage.analytic:
                    if band.dtype != cdtype:
                        band = xp.astype(band, cdtype)
                    term = _array.fft2(band)
                else:
                    term = _array.rfft2(xp.real(band) if xp.isdtype(
                        band.dtype, "complex floating") else band)
                term *= synth[i]  # in place: term is a fresh temporary
                if spec is None:
                    spec = term
                else:
                    spec += term
            if spec is None:
                continue
            if stage.analytic:
                spec = _hermitian_half(spec)
            _pad_add(acc, spec, h, stage.shape[0])
        return _array.irfft2(acc, s=self.shape, overwrite=True)


def _check_scale(scale: Any) -> str:
    return check_choice(scale, name="scale", choices=tuple(SCALES))


@functools.lru_cache(maxsize=32)
def _cached_bank(shape: tuple[int, int], scale: str, orientations: int, order: int, levels: int,
                 complex: bool, twidth: float, dtype: str) -> SteerableBank:
    return SteerableBank(shape, scale=scale, orientations=orientations, order=order,
                         levels=levels, complex=complex, twidth=twidth, dtype=dtype)


def _check_shape(shape: Any) -> tuple[int, int]:
    try:
        dims = tuple(int(n) for n in tuple(shape)[-2:])
        ok = len(dims) == 2 and all(n >= 1 and n == m for n, m in zip(dims, tuple(shape)[-2:]))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ShapeError(f"shape must end with two positive integers (H, W); got {shape!r}")
    return dims


def _check_dtype(dtype: Any) -> str:
    return check_float_dtype(dtype).name


def steerable_bank(shape: Any, scale: str = "octave", orientations: int | None = None,
                   levels: int | None = None, complex: bool = True, twidth: float = 1.0,
                   dtype: Any = np.float64) -> SteerableBank:
    """The steerable filter bank for images of spatial ``shape`` (cached).

    Parameters
    ----------
    shape : tuple of int
        ``(..., H, W)``; only the last two entries are used.
    scale : {'octave', 'half-octave', 'quarter-octave'}
        One, two or four radial filters per octave (cos windows in log-radius, Wadhwa et al.
        2013, appendix).
    orientations : int, optional
        Default 4 for ``'octave'``, 8 otherwise.  The angular profile is
        ``cos^(orientations - 1)``.
    levels : int, optional
        Octaves spanned by the band-pass filters; default: as many as keep the lowpass at least
        8 pixels on its short side.  At most ``ceil(log2(max(H, W)))``.
    complex : bool
        Analytic (complex) bands (default) or real ones.
    twidth : float
        Width of each radial transition, in octaves for ``'octave'`` (scaled by the filters per
        octave otherwise).
    dtype : {float64, float32}
        Precision the bank is meant for (part of the cache key).  Masks are computed in float64
        and converted, once per precision, backend and device, to the precision of each input:
        bands always follow the input's precision.

    Returns
    -------
    SteerableBank
        The same object for the same arguments.

    Raises
    ------
    ParameterError
        Unknown ``scale``, ``orientations < 1``, ``levels`` too large for ``shape``,
        ``twidth <= 0``.

    References
    ----------
    .. [1] N. Wadhwa, M. Rubinstein, F. Durand and W. T. Freeman, "Phase-based video motion
       processing", ACM Trans. Graph. 32(4), 2013 (appendix: sub-octave pyramids).

    Examples
    --------
    >>> import numpy as np
    >>> bank = steerable_bank((16, 16), "half-octave", levels=1)
    >>> bank.keys[:3], bank.band_shapes[(1, 0)]
    (('highpass', (0, 0), (0, 1)), (12, 12))
    >>> x = np.random.default_rng(0).random((16, 16))
    >>> pyr = bank.analyze(x)
    >>> bool(np.abs(bank.synthesize(pyr) - x).max() < 1e-12)
    True
    >>> steerable_bank((16, 16), "half-octave", levels=1) is bank
    True
    """
    dims = _check_shape(shape)
    scale = _check_scale(scale)
    k = _DEFAULT_ORIENTATIONS[scale] if orientations is None else orientations
    k = check_int(k, name="orientations", low=1, high=_MAX_ORDER + 1)
    levels = check_levels(levels, dims)
    twidth = check_float(twidth, name="twidth", low=0.0, low_open=True)
    return _cached_bank(dims, scale, k, k - 1, levels, bool(complex), twidth, _check_dtype(dtype))


# ---------------------------------------------------------------------------------------------
# The pyramid
# ---------------------------------------------------------------------------------------------


class SteerablePyramid(Pyramid):
    """The steerable pyramid, built in the frequency domain (Simoncelli & Freeman 1995).

    Bands ``(level, orientation)`` for ``order + 1`` orientations per level, finest level first,
    plus the real ``"highpass"`` and ``"lowpass"`` residuals.  Level ``i`` is stored at
    ``ceil(H / 2^i) x ceil(W / 2^i)`` samples, the lowpass at ``ceil(H / 2^levels) x ...``.  The
    squared masks sum to one at every frequency (a tight frame), so ``reconstruct()`` is exact,
    synthesis is the adjoint of analysis and, for the real pyramid, the coefficients have the
    image's energy.

    Parameters
    ----------
    image : array, shape (..., H, W) or with a channel axis
        Any size (odd, non-square); leading axes are a batch.  NumPy or torch.  Integers are
        scaled to [0, 1] in float64; float32 stays float32 (bands float32 or complex64).
    levels : int, optional
        Band-pass levels; default: as many as keep the lowpass at least 8 pixels on its short
        side; at most ``ceil(log2(max(H, W)))``.
    order : int
        Angular order ``n``: orientations ``n + 1`` with profile ``cos^n`` (``n``-th derivative).
    complex : bool
        Keep one half plane per band: complex analytic bands (amplitude and local phase).
    twidth : float
        Width of the radial transitions in octaves (default 1).
    channel_axis : int, optional
        Axis of ``image`` holding colour channels; channels never mix.
    height : int, optional
        pyrtools' name for ``levels`` (give one or the other).

    Notes
    -----
    Complex band = analytic signal of the real band divided by ``sqrt(2)``:
    ``real(complex band) == real band / sqrt(2)`` (see :class:`SteerableBank`).

    Correspondence with ``pyrtools.pyramids.SteerablePyramidFreq(image, height, order, twidth,
    is_complex)`` on even-sized square images: keys ``(i, b)`` are the same (orientation ``b`` at
    angle ``pi b / (order + 1)`` from the column axis towards increasing row index, the same
    ``(-i)^order`` phase); ``'residual_highpass'`` is ``"highpass"`` and ``'residual_lowpass'`` is
    ``"lowpass"``.  pyrtools' bands are not unitary: ``pyrkit = pyrtools * sqrt(h_i w_i / (H W))``
    (``= pyrtools / 2**i`` at level ``i``, ``/ 2**levels`` for the lowpass), and pyrtools' complex
    bands carry ``2`` on the half plane where pyrkit has ``sqrt(2)``: a further ``1 / sqrt(2)``.
    Both normalise each axis to Nyquist 1 (so on non-square images the filters are elliptical in
    cycles per pixel, as in pyrtools and plenoptic); pyrtools shifts its grid by half a sample on
    odd sizes, pyrkit's grid is symmetric about DC, so odd sizes reconstruct exactly too.
    Agreement on even sizes is to pyrtools' look-up-table accuracy (measured ~1e-5 relative).

    References
    ----------
    .. [1] E. P. Simoncelli and W. T. Freeman, "The steerable pyramid: a flexible architecture
       for multi-scale derivative computation", ICIP 1995.
    .. [2] J. Portilla and E. P. Simoncelli, "A parametric texture model based on joint
       statistics of complex wavelet coefficients", IJCV 40(1), 2000.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.random.default_rng(0).random((9, 12))
    >>> pyr = SteerablePyramid(x, levels=2, order=1)
    >>> [(k, pyr[k].shape) for k in pyr][:3]
    [('highpass', (9, 12)), ((0, 0), (9, 12)), ((0, 1), (9, 12))]
    >>> pyr["lowpass"].shape
    (3, 3)
    >>> bool(abs(pyr.reconstruct() - x).max() < 1e-12)
    True
    >>> energy = sum(float((b ** 2).sum()) for b in pyr.values())
    >>> round(energy - float((x ** 2).sum()), 10)
    0.0
    """

    kind = "steerable"

    def __init__(self, image: Any, levels: int | None = None, order: int = 3,
                 complex: bool = False, twidth: float = 1.0, *,
                 channel_axis: int | None = None, height: int | None = None) -> None:
        if height is not None and levels is not None:
            raise ParameterError(f"give levels or height, not both; got levels={levels!r}, "
                                 f"height={height!r}")
        levels = height if levels is None else levels
        order = check_int(order, name="order", low=0, high=_MAX_ORDER)
        twidth = check_float(twidth, name="twidth", low=0.0, low_open=True)
        x = as_image(image, channel_axis=channel_axis)
        core = channels_first(x, channel_axis)
        dims = tuple(int(n) for n in core.shape[-2:])
        levels = check_levels(levels, dims)
        dtype = "float32" if core.dtype == _array.namespace(core).float32 else "float64"
        bank = _cached_bank(dims, "octave", order + 1, order, levels, bool(complex), twidth,
                            dtype)
        bands = bank._analyze_half(_array.rfft2(core))
        self._init_from(bank, {k: channels_back(v, channel_axis) for k, v in bands.items()},
                        tuple(x.shape), channel_axis)

    def _init_from(self, bank: SteerableBank, bands: dict, image_shape: tuple[int, ...],
                   channel_axis: int | None) -> None:
        Pyramid.__init__(self, bands, image_shape=image_shape, channel_axis=channel_axis,
                         bank=bank, order=bank.order, complex=bank.complex, twidth=bank.twidth,
                         scale=bank.scale)

    @classmethod
    def _from_bank(cls, bank: SteerableBank, bands: dict, image_shape: tuple[int, ...],
                   channel_axis: int | None) -> SteerablePyramid:
        pyr = object.__new__(cls)
        pyr._init_from(bank, bands, image_shape, channel_axis)
        return pyr

    @property
    def bank(self) -> SteerableBank:
        """The :class:`SteerableBank` (masks, crops) this pyramid was built with."""
        return self.params["bank"]

    @property
    def is_complex(self) -> bool:
        return self.params["complex"]

    def reconstruct(self, levels: Any = None, bands: Any = None) -> Array:
        """Synthesise the image from the chosen bands (all by default); see
        :meth:`Pyramid.reconstruct`.  Bands left out are skipped, not transformed as zeros."""
        chosen = self.select(levels, bands)
        core = {k: channels_first(v, self.channel_axis) for k, v in self.items() if k in chosen}
        if not core:
            first = next(iter(self.values()))
            xp = _array.namespace(first)
            dtype = _array.working_dtype(xp.real(first[..., :1, :1]).dtype, xp)
            return xp.zeros(self.image_shape, dtype=dtype, device=_array.device(first))
        return channels_back(self._synthesize(core), self.channel_axis)

    def _synthesize(self, bands: dict[Key, Array]) -> Array:
        return self.bank._synthesize_core(bands)

