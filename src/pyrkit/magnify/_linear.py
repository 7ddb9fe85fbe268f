"""Linear Eulerian video magnification (Wu, Rubinstein, Shih, Guttag, Durand & Freeman, 2012).

Every channel (Y, I, Q) goes through a Laplacian pyramid; the intensities of each band-pass level
are filtered in time and added back amplified.  The first-order Taylor argument behind it holds
while ``(1 + alpha) delta < lambda / 8`` (Wu et al., Eq. 14), so level ``l`` is amplified by

    alpha_l = min(alpha, (1 + alpha) lambda_l / lambda_c - 1),   clipped at 0,

where ``lambda_l = 2**(l + 2)`` pixels is the wavelength at the peak of level ``l`` (4 pixels at
the finest level) and ``lambda_c`` is the cut-off wavelength: levels of wavelength below
``lambda_c`` get a smaller factor, so the approximation does not break down on fine detail.  The
chrominance (I, Q) is amplified ``chroma_attenuation`` times less.  The lowpass residual is kept.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._engine import Engine, laplacian_collapse, laplacian_split

__all__ = ["LinearEngine", "level_alphas"]

Array = Any


def level_alphas(alpha: float, levels: int, lambda_c: float) -> list[float]:
    """The per-level amplification ``alpha_l`` of the linear method (finest level first).

    Examples
    --------
    >>> level_alphas(20.0, 4, 16.0)
    [4.25, 9.5, 20.0, 20.0]
    """
    return [max(0.0, min(alpha, (1.0 + alpha) * 2.0 ** (level + 2) / lambda_c - 1.0))
            for level in range(levels)]


class LinearEngine(Engine):
    """Per-frame linear Eulerian magnification; see the module docstring and :class:`.Engine`.

    ``reference`` does not apply (intensities are filtered directly); with ``attenuate_other``
    each level is replaced by the reference frame's plus ``(1 + alpha_l)`` times the filtered
    signal, which removes the changes outside the band.
    """

    channels = "all"

    def __init__(self, shape: tuple[int, int], *, channels: int = 3, lambda_c: float = 16.0,
                 chroma_attenuation: float = 0.1, **kwargs: Any) -> None:
        super().__init__(shape, **kwargs)
        self.alphas = level_alphas(self.alpha, self.levels, lambda_c)
        self.nchannels = channels
        weights = np.ones((channels, 1, 1), dtype=self.dtype)
        weights[1:] = chroma_attenuation
        self._weights = weights
        h, w = self.shape
        self._slices, start = [], 0
        for _ in range(self.levels):
            self._slices.append((slice(start, start + channels * h * w), (channels, h, w)))
            start += channels * h * w
            h, w = -(-h // 2), -(-w // 2)
        self.size = start
        self._buffer = np.zeros(self.size, dtype=self.dtype)
        self.reset()

    def reset(self) -> None:
        self._ref = None

    def analyze(self, frame: Array) -> dict:
        bands, lowpass = laplacian_split(frame, self.levels)
        return {"bands": bands, "lowpass": lowpass}

    def signal(self, coeffs: dict) -> Array:
        if self._ref is None:
            self._ref = [b.copy() for b in coeffs["bands"]]
        for band, (sl, shape) in zip(coeffs["bands"], self._slices):
            self._buffer[sl].reshape(shape)[...] = band
        return self._buffer

    def synthesize(self, coeffs: dict, filtered: Array) -> Array:
        out = []
        for level, band in enumerate(coeffs["bands"]):
            sl, shape = self._slices[level]
            amp = self.alphas[level] + (1.0 if self.attenuate_other else 0.0)
            base = self._ref[level] if self.attenuate_other else band
            out.append(base + (amp * self._weights[: shape[0]]) * filtered[sl].reshape(shape))
        return laplacian_collapse(out, coeffs["lowpass"])
