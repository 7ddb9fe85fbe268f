"""Compiled inner loops for NumPy arrays (Numba), used by :mod:`pyrkit.linops` when available.

The array-API code in :mod:`pyrkit.linops` is the reference and runs on every backend; for NumPy
arrays the same strided FIR filter is also available here as one fused, multi-threaded pass over
the data, which avoids the temporaries of the array expression (the filter is memory-bound).
Set ``PYRKIT_NO_JIT=1`` to use the array-API code everywhere.

Both kernels compute, for every line of the array,

    out[out_start + out_step * p] = sum_j c_j * x[src[start + step * p + o_j - lo]]

where ``src`` maps an extended position to a sample index (``-1`` for a zero sample), so every
boundary mode is one index table.
"""

from __future__ import annotations

import os

import numpy as np

__all__ = ["AVAILABLE", "fir_rows", "fir_cols"]

# OpenMP worker threads that spin while they wait make every parallel region crawl when the
# cores are busy (a test runner with several workers, another process): by default, wait
# passively.  This must be set before Numba starts its OpenMP runtime; a user's choice stands.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

try:
    if os.environ.get("PYRKIT_NO_JIT"):
        raise ImportError
    from numba import njit, prange
except ImportError:  # pragma: no cover - exercised only where Numba is missing
    AVAILABLE = False
else:
    AVAILABLE = True

#: Arrays smaller than this run on one thread: waking the pool costs more than it saves.
PARALLEL_MIN_SIZE = 1 << 18

if AVAILABLE:

    @njit(cache=True, nogil=True)
    def _middle_row(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, t):
        """Output row ``t`` (batch ``t // count``, position ``t % count``) of a middle-axis pass."""
        b, p = t // count, t % count
        dst = out[b, out_start + out_step * p]
        for j in range(x.shape[2]):
            dst[j] = 0.0
        for k in range(offs.size):
            i = src[start + step * p + offs[k] - lo]
            if i >= 0:
                row, c = x[b, i], ws[k]
                for j in range(x.shape[2]):
                    dst[j] += c * row[j]

    @njit(cache=True, nogil=True)
    def _last_edge(line, src, offs, ws, lo, base):
        acc = ws[0] * 0  # accumulate in the data's precision
        for k in range(offs.size):
            i = src[base + offs[k] - lo]
            if i >= 0:
                acc += ws[k] * line[i]
        return acc

    @njit(cache=True, nogil=True)
    def _last_line(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, r):
        """Line ``r`` of a last-axis pass; interior outputs skip the boundary table.

        Five taps (shorter kernels arrive padded with zero weights) are written out, so the
        compiler sees straight-line code; longer kernels loop over their taps.
        """
        n = x.shape[1]
        first, last = offs.min(), offs.max()
        line, dst = x[r], out[r]
        if offs.size == 5:
            o0, o1, o2, o3, o4 = offs[0], offs[1], offs[2], offs[3], offs[4]
            c0, c1, c2, c3, c4 = ws[0], ws[1], ws[2], ws[3], ws[4]
            for p in range(count):
                b = start + step * p
                if b + first >= 0 and b + last < n:
                    dst[out_start + out_step * p] = (c0 * line[b + o0] + c1 * line[b + o1]
                                                     + c2 * line[b + o2] + c3 * line[b + o3]
                                                     + c4 * line[b + o4])
                else:
                    dst[out_start + out_step * p] = _last_edge(line, src, offs, ws, lo, b)
            return
        for p in range(count):
            base = start + step * p
            if base + first >= 0 and base + last < n:
                acc = ws[0] * 0
                for k in range(offs.size):
                    acc += ws[k] * line[base + offs[k]]
                dst[out_start + out_step * p] = acc
            else:
                dst[out_start + out_step * p] = _last_edge(line, src, offs, ws, lo, base)

    @njit(parallel=True, cache=True, nogil=True)
    def _middle_parallel(x, out, src, offs, ws, lo, start, step, out_start, out_step, count):
        for t in prange(x.shape[0] * count):
            _middle_row(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, t)

    @njit(cache=True, nogil=True)
    def _middle_serial(x, out, src, offs, ws, lo, start, step, out_start, out_step, count):
        for t in range(x.shape[0] * count):
            _middle_row(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, t)

    @njit(parallel=True, cache=True, nogil=True)
    def _last_parallel(x, out, src, offs, ws, lo, start, step, out_start, out_step, count):
        for r in prange(x.shape[0]):
            _last_line(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, r)

    @njit(cache=True, nogil=True)
    def _last_serial(x, out, src, offs, ws, lo, start, step, out_start, out_step, count):
        for r in range(x.shape[0]):
            _last_line(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, r)


def fir_rows(x: np.ndarray, out: np.ndarray, src: np.ndarray, offs: np.ndarray, ws: np.ndarray,
             lo: int, start: int, step: int, out_start: int, out_step: int, count: int) -> None:
    """Filter ``x`` (B, n, W) along axis 1 into ``out`` (B, n_out, W); see the module docstring.

    ``ws`` must have ``x``'s dtype."""
    kernel = _middle_parallel if x.size >= PARALLEL_MIN_SIZE else _middle_serial
    kernel(x, out, src, offs, ws, lo, start, step, out_start, out_step, count)


def fir_cols(x: np.ndarray, out: np.ndarray, src: np.ndarray, offs: np.ndarray, ws: np.ndarray,
             lo: int, start: int, step: int, out_start: int, out_step: int, count: int) -> None:
    """Filter ``x`` (R, n) along axis 1 into ``out`` (R, n_out); see the module docstring."""
    kernel = _last_parallel if x.size >= PARALLEL_MIN_SIZE else _last_serial
    kernel(x, out, src, offs, ws, lo, start, step, out_start, out_step, count)
