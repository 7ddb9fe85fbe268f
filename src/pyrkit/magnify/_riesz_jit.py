"""Compiled per-pixel steps of the Riesz method's orientation-aware smoothing (Numba).

Each computes in one pass what the NumPy code of ``_smooth_phase`` in :mod:`._riesz` computes
with a dozen full-size temporaries (3-6x faster); :mod:`._riesz` uses them when
:data:`pyrkit._kernels.AVAILABLE`.  Arrays are 1-D, contiguous and of one float dtype.  The
phase difference and the phase shift stay in NumPy: their time goes to ``atan2``, ``sin`` and
``cos``, which NumPy already evaluates with SIMD.
"""

from __future__ import annotations

import math

from numba import njit, prange

__all__ = ["orientation_terms", "project"]

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


@njit(parallel=True, cache=True, nogil=True)
def project(sums, r1, r2, tiny, pc, ps):
    """Solve the 2x2 system of the smoothed terms for ``u`` and write ``(n . u) n``."""
    for k in prange(r1.size):
        bc, bs, t11, t12, t22 = sums[0, k], sums[1, k], sums[2, k], sums[3, k], sums[4, k]
        reg = 1e-3 * (t11 + t22)
        t11 += reg
        t22 += reg
        det = max(t11 * t22 - t12 * t12, tiny)
        u1 = (t22 * bc - t12 * bs) / det
        u2 = (t11 * bs - t12 * bc) / det
        norm = math.sqrt(r1[k] * r1[k] + r2[k] * r2[k]) + _EPS
        n1, n2 = r1[k] / norm, r2[k] / norm
        p = n1 * u1 + n2 * u2
        pc[k] = p * n1
        ps[k] = p * n2
