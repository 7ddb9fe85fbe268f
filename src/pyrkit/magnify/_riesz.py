"""Riesz-pyramid motion magnification (Wadhwa, Rubinstein, Durand & Freeman, ICCP 2014).

Each Laplacian level ``I`` with its Riesz pair ``(R1, R2)`` is a quaternion
``q = I + i R1 + j R2``.  The phase difference to the reference frame is read from
``q conj(q_ref)`` (its real part ``I I' + R1 R1' + R2 R2'`` and its two imaginary parts
``I' R1 - I R1'``, ``I' R2 - I R2'``) as the vector ``dphi (cos theta, sin theta)``, assuming one
dominant orientation per pixel.  Both components are filtered in time, optionally smoothed with
the amplitude as weight, multiplied by ``alpha`` to give ``v``, and the level is phase-shifted:

    I_out = cos|v| I - sin|v| (v . (R1, R2)) / |v|,

the real part of ``exp(v) q``.  Only one real band per level and short separable filters: much
faster than the complex steerable pyramid.

The Riesz pair is the fitted 7x7 one (:data:`pyrkit.pyramids._riesz.RIESZ_7X7`), not the paper's
3-tap differences: the magnification is set by the pair's gain, and the 3-tap gain ``sin(w)`` is
right only at a quarter of the sampling rate, so wide Laplacian bands were magnified 5-10 % less.

Spatial smoothing (``sigma > 0``) departs from the paper's blur of ``v``: it solves for the
phase by amplitude-weighted least squares over the window (:func:`_smooth_phase`), which keeps
the magnification where the local orientation varies (on textures, blurring ``v`` loses about
half of it).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _kernels
from ..pyramids._riesz import _riesz_7x7
from ._engine import Engine, laplacian_collapse, laplacian_split
from ._spatial import _gaussian, _weighted_sums

if _kernels.AVAILABLE:
    from . import _jit

__all__ = ["RieszEngine"]

Array = Any

#: Below this ratio of ``|R|`` to the amplitude a pixel's own orientation is rounding noise (at
#: the image's corners the Riesz pair vanishes by symmetry); the smoothing then uses the window's.
_ORIENTED = 1e-4


class RieszEngine(Engine):
    """Per-frame Riesz magnification; see the module docstring and :class:`.Engine`."""

    def __init__(self, shape: tuple[int, int], **kwargs: Any) -> None:
        super().__init__(shape, **kwargs)
        h, w = self.shape
        sizes, offsets, total = [], [], 0
        for _ in range(self.levels):
            sizes.append((h, w))
            offsets.append(total)
            total += 2 * h * w
            h, w = -(-h // 2), -(-w // 2)
        self._sizes, self._offsets, self.size = sizes, offsets, total
        self._buffer = np.zeros(total, dtype=self.dtype)
        self.reset()

    def reset(self) -> None:
        self._ref = None      # (I, R1, R2) per level of the reference frame
        self._prev = None     # the same for the previous frame ('previous' reference)
        self._buffer[:] = 0   # the cumulative phase ('previous' reference)

    def _views(self, vector: Array, level: int) -> tuple[Array, Array]:
        h, w = self._sizes[level]
        start = self._offsets[level]
        block = vector[start:start + 2 * h * w].reshape(2, h, w)
        return block[0], block[1]

    def analyze(self, frame: Array) -> dict:
        bands, lowpass = laplacian_split(frame[0], self.levels)
        quats = [(b, *_riesz_7x7(b)) for b in bands]
        return {"frame": frame, "quats": quats, "lowpass": lowpass}

    def signal(self, coeffs: dict) -> Array:
        quats = coeffs["quats"]
        if self._ref is None:
            self._ref = self._prev = quats
        other = self._ref if self.reference == "first" else self._prev
        accumulate = self.reference == "previous"
        for level, (q, p) in enumerate(zip(quats, other)):
            c, s = self._views(self._buffer, level)
            dc, ds = _phase_difference(q, p)
            if accumulate:
                c += dc
                s += ds
            else:
                c[...], s[...] = dc, ds
        self._prev = quats
        return self._buffer

    def synthesize(self, coeffs: dict, filtered: Array) -> Array:
        quats = coeffs["quats"]
        out = []
        for level, (i, r1, r2) in enumerate(quats):
            c, s = self._views(filtered, level)
            if self.sigma > 0:
                c, s = _smooth_phase(c, s, i, r1, r2, self.sigma)
            if self.attenuate_other:
                amp = np.sqrt(i * i + r1 * r1 + r2 * r2)
                i0, r10, r20 = self._ref[level]
                amp0 = np.sqrt(i0 * i0 + r10 * r10 + r20 * r20)
                scale = amp / (amp0 + 1e-12)
                i, r1, r2 = i0 * scale, r10 * scale, r20 * scale
            out.append(_phase_shift(i, r1, r2, c, s, self.gain))
        y = laplacian_collapse(out, coeffs["lowpass"])
        frame = coeffs["frame"].copy()
        frame[0] = y
        return frame


def _smooth_phase(vc: Array, vs: Array, i: Array, r1: Array, r2: Array,
                  sigma: float) -> tuple[Array, Array]:
    """Amplitude-weighted smoothing of the phase vector ``v = dphi n`` that respects orientation.

    Blurring ``v`` itself (as in [Wadhwa 2014]) averages vectors of different orientations and
    shrinks the phase where the orientation varies (textures), under-magnifying them.  Instead
    each pixel's phase is read as one constraint ``dphi = n . u`` on a locally constant vector
    ``u`` (``|w| delta`` for a translation ``delta``), solved in the Gaussian window by weighted
    least squares, ``u = (G*(A n n^T))^-1 G*(A v)`` (a structure tensor, as in Lucas-Kanade),
    with ``A`` the amplitude of ``(I, R1, R2)``, and the smoothed phase vector is ``(n . u) n``.
    Where one orientation dominates, only the component of ``u`` along it is determined, and
    only that one is used.
    """
    tiny = np.finfo(vc.dtype).tiny  # no texture at all: u = 0
    if _kernels.AVAILABLE:
        terms = np.empty((5, *vc.shape), dtype=vc.dtype)
        _jit.orientation_terms(*_flat(i, r1, r2, vc, vs), terms.reshape(5, -1))
        sums = _gaussian(terms, sigma)  # G * A cancels in u
        pc, ps = np.empty_like(vc), np.empty_like(vc)
        _jit.project(sums.reshape(5, -1), *_flat(i, r1, r2), _ORIENTED, tiny, *_flat(pc, ps))
        return pc, ps
    odd = np.hypot(r1, r2)
    amp = np.sqrt(i * i + odd * odd)
    n1, n2 = r1 / (odd + 1e-20), r2 / (odd + 1e-20)
    stack = np.stack([vc, vs, n1 * n1, n1 * n2, n2 * n2])
    bc, bs, t11, t12, t22 = _weighted_sums(stack, amp, sigma)
    # where the pixel's own Riesz pair vanishes its orientation is noise: take the window's
    theta = 0.5 * np.arctan2(2 * t12, t11 - t22)
    unoriented = odd <= _ORIENTED * amp
    n1, n2 = np.where(unoriented, np.cos(theta), n1), np.where(unoriented, np.sin(theta), n2)
    reg = 1e-3 * (t11 + t22)
    t11 += reg
    t22 += reg
    det = t11 * t22 - t12 * t12
    np.maximum(det, tiny, out=det)
    u1 = (t22 * bc - t12 * bs) / det
    u2 = (t11 * bs - t12 * bc) / det
    proj = n1 * u1 + n2 * u2
    return proj * n1, proj * n2


def _flat(*arrays: Array) -> tuple[Array, ...]:
    """1-D views of contiguous arrays, for the compiled kernels."""
    return tuple(a.reshape(-1) for a in arrays)


def _phase_difference(q: tuple[Array, Array, Array],
                      p: tuple[Array, Array, Array]) -> tuple[Array, Array]:
    """``dphi cos(theta), dphi sin(theta)`` of ``q conj(p)`` (quaternionic phase difference)."""
    i, r1, r2 = q
    i0, r10, r20 = p
    real = i * i0
    real += r1 * r10
    real += r2 * r20
    x = i0 * r1
    x -= i * r10
    y = i0 * r2
    y -= i * r20
    norm = np.hypot(x, y)
    dphi = np.arctan2(norm, real, out=real)
    norm += 1e-20
    dphi /= norm
    x *= dphi
    y *= dphi
    return x, y


def _phase_shift(i: Array, r1: Array, r2: Array, vc: Array, vs: Array, gain: float) -> Array:
    """Real part of ``exp(v) q`` for ``v = gain (vc, vs)``: ``cos|v| I - sin|v| (v . R) / |v|``."""
    vc, vs = gain * vc, gain * vs
    mag = np.hypot(vc, vs)
    sinc = np.sin(mag)
    sinc /= mag + 1e-20
    odd = vc * r1
    odd += vs * r2
    odd *= sinc
    out = np.cos(mag, out=mag)
    out *= i
    out -= odd
    return out
