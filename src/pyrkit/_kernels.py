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
    def _accumulate(dst, src, c, first):
        """``dst = c * src`` or ``dst += c * src`` (contiguous, so the loop is vectorised)."""
        if first:
            for p in range(dst.size):
                dst[p] = c * src[p]
        else:
            for p in range(dst.size):
                dst[p] += c * src[p]

    @njit(cache=True, nogil=True)
    def _last_lines(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, r0, r1):
        """Lines ``r0 .. r1 - 1`` of a last-axis pass.

        Outputs whose taps all fall inside the line skip the boundary table and are computed tap
        by tap over contiguous slices: of the line itself (``step`` 1) or of its even and odd
        samples (``step`` 2, copied once per line).  Strided output goes through a buffer.
        """
        n = x.shape[1]
        first, last = offs.min(), offs.max()
        p0, p1 = 0, count
        while p0 < count and start + step * p0 + first < 0:
            p0 += 1
        while p1 > p0 and start + step * (p1 - 1) + last >= n:
            p1 -= 1
        m = p1 - p0
        half = (n + 1) // 2
        even, odd = np.empty(half, x.dtype), np.empty(half, x.dtype)
        buf = np.empty(m, x.dtype)
        for r in range(r0, r1):
            line, dst = x[r], out[r]
            for p in range(p0):  # left edge
                b = start + step * p
                dst[out_start + out_step * p] = _last_edge(line, src, offs, ws, lo, b)
            for p in range(p1, count):  # right edge
                b = start + step * p
                dst[out_start + out_step * p] = _last_edge(line, src, offs, ws, lo, b)
            if m == 0:
                continue
            acc = dst[out_start + p0:out_start + p1] if out_step == 1 else buf
            if step == 1:
                for k in range(offs.size):
                    e = start + p0 + offs[k]
                    _accumulate(acc, line[e:e + m], ws[k], k == 0)
            else:
                for i in range(n // 2):
                    even[i] = line[2 * i]
                    odd[i] = line[2 * i + 1]
                if n % 2:
                    even[half - 1] = line[n - 1]
                for k in range(offs.size):
                    e = start + 2 * p0 + offs[k]
                    phase = odd if e % 2 else even
                    _accumulate(acc, phase[e // 2:e // 2 + m], ws[k], k == 0)
            if out_step != 1:
                for p in range(m):
                    dst[out_start + out_step * (p0 + p)] = buf[p]

    @njit(parallel=True, cache=True, nogil=True)
    def _middle_parallel(x, out, src, offs, ws, lo, start, step, out_start, out_step, count):
        for t in prange(x.shape[0] * count):
            _middle_row(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, t)

    @njit(cache=True, nogil=True)
    def _middle_serial(x, out, src, offs, ws, lo, start, step, out_start, out_step, count):
        for t in range(x.shape[0] * count):
            _middle_row(x, out, src, offs, ws, lo, start, step, out_start, out_step, count, t)

    #: Lines per task of the parallel last-axis pass (its scratch buffers are per task).
    _LINES_PER_TASK = 16

    @njit(parallel=True, cache=True, nogil=True)
    def _last_parallel(x, out, src, offs, ws, lo, start, step, out_start, out_step, count):
        rows, chunk = x.shape[0], _LINES_PER_TASK
        for c in prange(-(-rows // chunk)):
            _last_lines(x, out, src, offs, ws, lo, start, step, out_start, out_step, count,
                        c * chunk, min(rows, (c + 1) * chunk))

    @njit(cache=True, nogil=True)
    def _last_serial(x, out, src, offs, ws, lo, start, step, out_start, out_step, count):
        _last_lines(x, out, src, offs, ws, lo, start, step, out_start, out_step, count,
                    0, x.shape[0])


def fir_rows(x: np.ndarray, out: np.ndarray, src: np.ndarray, offs: np.ndarray, ws: np.ndarray,
             lo: int, start: int, step: int, out_start: int, out_step: int, count: int) -> None:
    """Filter ``x`` (B, n, W) along axis 1 into ``out`` (B, n_out, W); see the module docstring.

    ``ws`` must have ``x``'s dtype."""
    kernel = _middle_parallel if x.size >= PARALLEL_MIN_SIZE else _middle_serial
    kernel(x, out, src, offs, ws, lo, start, step, out_start, out_step, count)


def fir_cols(x: np.ndarray, out: np.ndarray, src: np.ndarray, offs: np.ndarray, ws: np.ndarray,
             lo: int, start: int, step: int, out_start: int, out_step: int, count: int) -> None:
    """Filter ``x`` (R, n) along axis 1 into ``out`` (R, n_out); see the module docstring.

    ``step`` must be 1 or 2 and ``ws`` must have ``x``'s dtype."""
    kernel = _last_parallel if x.size >= PARALLEL_MIN_SIZE else _last_serial
    kernel(x, out, src, offs, ws, lo, start, step, out_start, out_step, count)
