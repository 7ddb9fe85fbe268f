"""The pyramid operators of :mod:`pyrkit.linops` as explicit 1-D matrices.

These are built from the definitions, entry by entry, for teaching and for verifying the fast
operators: ``G`` (blur and keep even samples), ``F`` (insert zeros and blur with twice the
kernel), and the Laplacian pyramid's analysis and synthesis matrices for a length-``n`` signal.

Examples
--------
>>> downsample_matrix(5) * 16
array([[6., 8., 2., 0., 0.],
       [1., 4., 6., 4., 1.],
       [0., 0., 2., 8., 6.]])
>>> A = laplacian_analysis_matrix(8, 2); S = laplacian_synthesis_matrix(8, 2)
>>> A.shape, bool(np.allclose(S @ A, np.eye(8)))
((14, 8), True)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._checks import check_choice, check_int
from .errors import ParameterError
from .filters import as_kernel
from .linops import BOUNDARY_MODES, pad_indices

__all__ = [
    "blur_matrix",
    "downsample_matrix",
    "upsample_matrix",
    "laplacian_analysis_matrix",
    "laplacian_synthesis_matrix",
]


def _extend(j: int, n: int, mode: str) -> int | None:
    """The sample that position ``j`` of an ``n``-sample signal copies (None: outside, zero)."""
    if 0 <= j < n:
        return j
    if mode == "zero":
        return None
    left = max(0, -j)
    return int(pad_indices(n, left, max(0, j - n + 1), mode)[j + left])


def _setup(n: Any, kernel: Any, boundary: str) -> tuple[int, tuple[float, ...]]:
    check_choice(boundary, name="boundary", choices=BOUNDARY_MODES)
    return check_int(n, name="n", low=1), as_kernel(kernel)


def blur_matrix(n: int, kernel: Any = None, boundary: str = "reflect101") -> np.ndarray:
    """``B[i, j]``: weight of input ``j`` in output ``i`` of ``y[i] = sum_k w[k] x[i + k - r]``."""
    n, w = _setup(n, kernel, boundary)
    r = len(w) // 2
    B = np.zeros((n, n))
    for i in range(n):
        for k, wk in enumerate(w):
            src = _extend(i + k - r, n, boundary)
            if src is not None:
                B[i, src] += wk
    return B


def downsample_matrix(n: int, kernel: Any = None, boundary: str = "reflect101") -> np.ndarray:
    """``G``, shape ``(ceil(n/2), n)``: the even rows of :func:`blur_matrix`."""
    return blur_matrix(n, kernel, boundary)[::2]


def upsample_matrix(n: int, kernel: Any = None, boundary: str = "reflect101") -> np.ndarray:
    """``F``, shape ``(n, ceil(n/2))``: output ``i`` is ``sum_k 2 w[k] u[i + k - r]`` where ``u``
    holds the coarse samples at even positions and zeros at odd ones, and positions past the ends
    copy coarse samples by the boundary rule applied on the coarse grid."""
    n, w = _setup(n, kernel, boundary)
    r, m = len(w) // 2, (n + 1) // 2
    F = np.zeros((n, m))
    for i in range(n):
        for k, wk in enumerate(w):
            j = i + k - r
            if j % 2:
                continue
            src = _extend(j // 2, m, boundary)
            if src is not None:
                F[i, src] += 2 * wk
    return F


def _stages(n: int, levels: int, kernel: Any, boundary: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(G_i, F_i)`` for each level, sizes halving (ceil) from ``n``."""
    n = check_int(n, name="n", low=1)
    levels = check_int(levels, name="levels", low=0)
    stages = []
    for _ in range(levels):
        if n == 1 and levels > 0 and stages and stages[-1][0].shape[1] == 1:
            raise ParameterError(f"levels must leave a signal longer than one sample; got {levels}")
        stages.append((downsample_matrix(n, kernel, boundary), upsample_matrix(n, kernel, boundary)))
        n = (n + 1) // 2
    return stages


def laplacian_analysis_matrix(n: int, levels: int, kernel: Any = None,
                              boundary: str = "reflect101") -> np.ndarray:
    """The Laplacian pyramid of a length-``n`` signal as one matrix.

    Block rows ``(I - F_1 G_1)``, ``(I - F_2 G_2) G_1``, ..., ``G_levels ... G_1``: the band-pass
    levels, finest first, then the lowpass.
    """
    blocks, chain = [], np.eye(check_int(n, name="n", low=1))
    for G, F in _stages(n, levels, kernel, boundary):
        blocks.append((np.eye(G.shape[1]) - F @ G) @ chain)
        chain = G @ chain
    blocks.append(chain)
    return np.vstack(blocks)


def laplacian_synthesis_matrix(n: int, levels: int, kernel: Any = None,
                               boundary: str = "reflect101") -> np.ndarray:
    """Block row ``[I, F_1, F_1 F_2, ..., F_1 ... F_levels]``: the exact inverse of
    :func:`laplacian_analysis_matrix` (``S @ A = I``)."""
    blocks, chain = [], np.eye(check_int(n, name="n", low=1))
    for _, F in _stages(n, levels, kernel, boundary):
        blocks.append(chain)
        chain = chain @ F
    blocks.append(chain)
    return np.hstack(blocks)
