"""Compiled per-pixel steps of motion magnification (Numba), one fused pass each.

Each computes what a chain of NumPy operations computes, without its full-size temporaries:
on the per-frame signals of a steerable bank (millions of values) the chain is bound by memory
traffic, one pass per operation.  The callers use these when :data:`pyrkit._kernels.AVAILABLE`
and keep the NumPy code as the reference.  Arrays are 1-D, contiguous and of one float dtype.
Steps whose time goes to ``atan2``, ``sin`` and ``cos`` stay in NumPy, which evaluates them with
SIMD.
"""

from __future__ import annotations

import math

from numba import njit, prange

__all__ = ["orientation_terms", "project", "iir_step"]

_EPS = 1e-20


@njit(parallel=True, cache=True, nogil=True)
def orientation_terms(i, r1, r2, vc, vs, out):
    """``out = A (vc, vs, n1 n1, n1 n2, n2 n2)`` with ``A`` the amplitude and ``n = R / |R|``:
    the weighted terms of the least-squares phase fit (see ``_smooth_phase``)."""
    for k in prange(i.size):
        amp = math.sqrt(i[k] * i[k] + r1[k] * r1[k] + r2[k] * r2[k])
        norm = math.sqrt(r1[k] * r1[k] + r2[k] * r2[k]) + _EPS
        n1, n2 = r1[k] / norm, r2[k] / norm
        out[0, k] = amp * vc[k]
        out[1, k] = amp * vs[k]
        out[2, k] = amp * n1 * n1
        out[3, k] = amp * n1 * n2
        out[4, k] = amp * n2 * n2


@njit(cache=True, nogil=True, inline="always")
def _solve(sums, k, tiny):
    """``u`` from the smoothed terms at pixel ``k`` (regularised 2x2 solve)."""
    bc, bs, t11, t12, t22 = sums[0, k], sums[1, k], sums[2, k], sums[3, k], sums[4, k]
    reg = 1e-3 * (t11 + t22)
    t11 += reg
    t22 += reg
    det = max(t11 * t22 - t12 * t12, tiny)
    return (t22 * bc - t12 * bs) / det, (t11 * bs - t12 * bc) / det


@njit(parallel=True, cache=True, nogil=True)
def project(sums, i, r1, r2, oriented, tiny, pc, ps):
    """Solve the 2x2 system of the smoothed terms for ``u`` and write ``(n . u) n``; where the
    pixel's Riesz pair vanishes (``|R| <= oriented A``), ``n`` is the window's dominant
    orientation.  Two loops, so that the first (every pixel) has no branch and vectorises."""
    for k in prange(r1.size):
        u1, u2 = _solve(sums, k, tiny)
        norm = math.sqrt(r1[k] * r1[k] + r2[k] * r2[k]) + _EPS
        n1, n2 = r1[k] / norm, r2[k] / norm
        p = n1 * u1 + n2 * u2
        pc[k] = p * n1
        ps[k] = p * n2
    for k in prange(r1.size):
        odd2 = r1[k] * r1[k] + r2[k] * r2[k]
        if odd2 <= oriented * oriented * (i[k] * i[k] + odd2):
            u1, u2 = _solve(sums, k, tiny)
            theta = 0.5 * math.atan2(2 * sums[3, k], sums[2, k] - sums[4, k])
            n1, n2 = math.cos(theta), math.sin(theta)
            p = n1 * u1 + n2 * u2
            pc[k] = p * n1
            ps[k] = p * n2


@njit(parallel=True, cache=True, nogil=True)
def iir_step(x, l1, l2, r_high, r_low, gain, out):
    """``l1 += r_high (x - l1)``, ``l2 += r_low (x - l2)``, ``out = gain (l1 - l2)``."""
    for k in prange(x.size):
        a = l1[k] + r_high * (x[k] - l1[k])
        b = l2[k] + r_low * (x[k] - l2[k])
        l1[k] = a
        l2[k] = b
        out[k] = gain * (a - b)
