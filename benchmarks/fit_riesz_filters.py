"""Fit the 7x7 Riesz pair (``pyrkit.pyramids._riesz.RIESZ_7X7``) and compare the compact pairs.

    python benchmarks/fit_riesz_filters.py

A 7x7 correlation kernel for ``R1``, odd in x and even in y (12 free coefficients), is fitted by
least squares to the exact (FFT) Riesz transform of Laplacian levels 0-3 of nine grey images that
ship with scikit-image, ``R2`` being the same kernel transposed; its two leading singular terms
``v_k(y) h_k(x)`` are the pair pyrkit uses (four separable passes per component).  Prints the
coefficients and the relative RMS error (8 px from the border) of the 3-tap pair, the rank-1 and
rank-2 terms and the full kernel, on the fitting images and on a held-out one.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import correlate
from skimage import color, data

from pyrkit.magnify._engine import laplacian_split
from pyrkit.pyramids._riesz import RIESZ_7X7, RIESZ_TAPS, _riesz_fft

RADIUS, LEVELS, BORDER = 3, 4, 8


def _grey(img: np.ndarray) -> np.ndarray:
    img = color.rgb2gray(img) if img.ndim == 3 else img.astype(float)
    return img / img.max()


def _bands(images: list[np.ndarray]) -> list[np.ndarray]:
    return [b for img in images for b in laplacian_split(_grey(img), LEVELS)[0]]


def _kernel(coef: np.ndarray) -> np.ndarray:
    """The 7x7 kernel, odd in x and even in y, from its free coefficients (dx = 1..3, dy = 0..3)."""
    k = np.zeros((2 * RADIUS + 1, 2 * RADIUS + 1))
    for idx, (dx, dy) in enumerate((dx, dy) for dx in range(1, RADIUS + 1)
                                   for dy in range(RADIUS + 1)):
        for y in {RADIUS - dy, RADIUS + dy}:
            k[y, RADIUS - dx] += coef[idx]
            k[y, RADIUS + dx] -= coef[idx]
    return k


def _pairs(bands: list[np.ndarray]):
    """(band, exact component) for R1, and for R2 as R1 of the transposed band."""
    for b in bands:
        r1, r2 = _riesz_fft(b)
        yield b, r1
        yield b.T, r2.T


def _inner(a: np.ndarray) -> np.ndarray:
    return a[BORDER:-BORDER, BORDER:-BORDER].ravel()


def fit(bands: list[np.ndarray]) -> np.ndarray:
    n = RADIUS * (RADIUS + 1)
    rows, target = [], []
    for b, exact in _pairs(bands):
        rows.append(np.stack([_inner(correlate(b, _kernel(np.eye(n)[i]), mode="mirror"))
                              for i in range(n)], axis=1))
        target.append(_inner(exact))
    coef = np.linalg.lstsq(np.concatenate(rows), np.concatenate(target), rcond=None)[0]
    return _kernel(coef)


def error(bands: list[np.ndarray], kernel: np.ndarray) -> float:
    num = den = 0.0
    for b, exact in _pairs(bands):
        num += ((_inner(correlate(b, kernel, mode="mirror")) - _inner(exact)) ** 2).sum()
        den += (_inner(exact) ** 2).sum()
    return float(np.sqrt(num / den))


def separable_terms(kernel: np.ndarray, rank: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Leading singular terms ``(v, h)``, symmetrised (``v`` even, ``h`` odd), ``v`` centre > 0."""
    u, s, vt = np.linalg.svd(kernel)
    terms = []
    for i in range(rank):
        v, h = u[:, i] * np.sqrt(s[i]), vt[i] * np.sqrt(s[i])
        if v[RADIUS] < 0:
            v, h = -v, -h
        terms.append(((v + v[::-1]) / 2, (h - h[::-1]) / 2))
    return terms


def main() -> None:
    fitting = [data.camera(), data.astronaut(), data.coffee(), data.brick(), data.grass(),
               data.gravel(), data.chelsea(), data.moon(), data.rocket()]
    held_out = [data.cat()]
    bands, test = _bands(fitting), _bands(held_out)
    full = fit(bands)
    three = np.zeros_like(full)
    three[RADIUS, RADIUS - 1:RADIUS + 2] = RIESZ_TAPS
    shipped = sum(np.outer(v, h) for v, h in RIESZ_7X7)
    print("relative RMS error against the exact transform (fitting images / held-out cat):")
    for name, k in [("3-tap", three)] + [
            (f"rank {r}", sum(np.outer(v, h) for v, h in separable_terms(full, r)))
            for r in (1, 2)] + [("full 7x7", full), ("shipped RIESZ_7X7", shipped)]:
        print(f"  {name:18s} {error(bands, k):.3f} / {error(test, k):.3f}")
    print("rank-2 terms (v: y offsets 0..3, h: x offsets -3..-1):")
    for v, h in separable_terms(full, 2):
        print("  v", np.round(v[RADIUS:], 6).tolist(), " h", np.round(h[:RADIUS], 6).tolist())


if __name__ == "__main__":
    main()
