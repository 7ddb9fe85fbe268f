"""A straightforward NumPy implementation of phase-based and Riesz magnification, for comparison.

It follows the papers step by step the way a first implementation does: float64 throughout, the
whole clip in memory (every frame's pyramid kept, phases stacked into (T, ...) cubes per band),
the temporal filter run over the stacked cubes, then every frame rebuilt.  Same algorithm and
same pyramids as pyrkit.magnify, none of its streaming or memory bounds.
"""

from __future__ import annotations

import numpy as np

from pyrkit.magnify import rgb_to_yiq, temporal_filter, yiq_to_rgb
from pyrkit.pyramids import RieszPyramid, riesz_transform, steerable_bank
from pyrkit.pyramids._base import default_levels


def phase_baseline(frames: np.ndarray, fs: float, alpha: float, low: float, high: float, *,
                   pyramid: str = "octave", filter: str = "iir") -> np.ndarray:
    """Whole-clip phase-based magnification of (T, H, W, 3) frames in [0, 1]."""
    yiq = rgb_to_yiq(frames.astype(np.float64))
    luma = yiq[..., 0]
    bank = steerable_bank(luma.shape[1:], pyramid, levels=default_levels(luma.shape[1:]))
    pyrs = [bank.analyze(y) for y in luma]                     # every frame's pyramid
    keys = [k for k in bank.keys if isinstance(k, tuple)]
    filt = temporal_filter(filter, low, high, fs)
    out_bands = [dict(p) for p in pyrs]
    for key in keys:
        cube = np.stack([p[key] for p in pyrs])               # (T, h, w) complex
        phase = np.angle(cube * np.conj(cube[0]))
        filtered = filt.apply(phase, axis=0)
        for t in range(len(pyrs)):
            out_bands[t][key] = cube[t] * np.exp(1j * alpha * filtered[t])
    yiq[..., 0] = np.stack([bank.synthesize(b) for b in out_bands])
    return yiq_to_rgb(yiq)


def riesz_baseline(frames: np.ndarray, fs: float, alpha: float, low: float, high: float, *,
                   filter: str = "iir") -> np.ndarray:
    """Whole-clip Riesz magnification (phase against the first frame) of (T, H, W, 3) frames."""
    yiq = rgb_to_yiq(frames.astype(np.float64))
    pyrs = [RieszPyramid(y) for y in yiq[..., 0]]
    filt = temporal_filter(filter, low, high, fs)
    out = [dict(p) for p in pyrs]
    for level in range(pyrs[0].levels):
        i = np.stack([p[(level, 0)] for p in pyrs])
        r1, r2 = riesz_transform(i)
        real = i * i[0] + r1 * r1[0] + r2 * r2[0]
        x = i[0] * r1 - i * r1[0]
        y = i[0] * r2 - i * r2[0]
        norm = np.sqrt(x ** 2 + y ** 2) + 1e-20
        dphi = np.arctan2(norm, real)
        vc = alpha * filt.apply(dphi * x / norm, axis=0)
        vs = alpha * filt.apply(dphi * y / norm, axis=0)
        mag = np.sqrt(vc ** 2 + vs ** 2) + 1e-20
        shifted = np.cos(mag) * i - np.sin(mag) / mag * (vc * r1 + vs * r2)
        for t in range(len(pyrs)):
            out[t][(level, 0)] = shifted[t]
    yiq[..., 0] = np.stack([p._with_bands(b).reconstruct() for p, b in zip(pyrs, out)])
    return yiq_to_rgb(yiq)
