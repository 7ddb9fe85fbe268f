"""Synthetic clips with exact sub-pixel motion, and measuring the motion in a clip.

A seeded band-limited texture is translated by ``delta(t) = sum_k A_k sin(2 pi f_k t / fs)``
along one direction with an exact Fourier shift, so every frame is the same periodic texture,
and the ground truth of a magnification is the texture translated by the magnified motion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._checks import check_float, check_int
from ..errors import ParameterError, ShapeError
from ._color import rgb_to_yiq

__all__ = ["SyntheticClip", "synthetic_clip"]


def _shift_phase(shape: tuple[int, int], d: np.ndarray) -> np.ndarray:
    """``exp(-2 pi i (fy dy + fx dx))`` for displacements ``d`` of shape (T, 2) -> (T, H, W)."""
    fy = np.fft.fftfreq(shape[0])[:, None]
    fx = np.fft.fftfreq(shape[1])[None, :]
    arg = d[:, 0, None, None] * fy + d[:, 1, None, None] * fx
    return np.exp(-2j * np.pi * arg)


@dataclass
class SyntheticClip:
    """A texture moving by known sub-pixel displacements (see :func:`synthetic_clip`).

    Attributes
    ----------
    frames : ndarray, shape (T, H, W) or (T, H, W, 3)
        The clip, noise included.
    fs : float
        Frame rate (Hz).
    motions : tuple of (amplitude, frequency)
        The sinusoidal motions (pixels, Hz) along ``direction``.
    direction : float
        Angle of the motion in radians (0 = along x, to the right; pi/2 = along y, down).
    spectrum : ndarray, shape (H, W) or (3, H, W)
        2-D FFT of the texture at rest.
    """

    frames: np.ndarray
    fs: float
    motions: tuple[tuple[float, float], ...]
    direction: float
    spectrum: np.ndarray = field(repr=False)

    @property
    def times(self) -> np.ndarray:
        return np.arange(self.frames.shape[0]) / self.fs

    @property
    def unit(self) -> np.ndarray:
        """Unit vector (dy, dx) of the motion."""
        return np.array([np.sin(self.direction), np.cos(self.direction)])

    def motion_signals(self) -> np.ndarray:
        """Displacement of each motion along the direction, shape (n_motions, T)."""
        t = self.times
        signals = [a * np.sin(2 * np.pi * f * t) for a, f in self.motions]
        return np.array(signals).reshape(-1, t.size)

    def displacement(self, gains: Sequence[float] | None = None) -> np.ndarray:
        """Displacement (dy, dx) per frame, shape (T, 2), motion ``k`` scaled by ``gains[k]``."""
        sig = self.motion_signals()
        g = np.ones(len(sig)) if gains is None else np.asarray(gains, dtype=float)
        return (g @ sig)[:, None] * self.unit[None, :]

    def render(self, displacement: np.ndarray) -> np.ndarray:
        """The texture translated by ``displacement`` (T, 2), noiseless, in the clip's dtype."""
        shift = _shift_phase(self.spectrum.shape[-2:], np.asarray(displacement, float))
        if self.spectrum.ndim == 3:
            out = np.fft.ifft2(self.spectrum[None] * shift[:, None]).real
            out = np.moveaxis(out, 1, -1)
        else:
            out = np.fft.ifft2(self.spectrum[None] * shift).real
        return out.astype(self.frames.dtype)

    def gains(self, alpha: float, low: float, high: float) -> np.ndarray:
        """``1 + alpha`` for motions with ``low <= f <= high``, 1 for the others."""
        return np.array([1.0 + alpha if low <= f <= high else 1.0 for _, f in self.motions])

    def truth(self, alpha: float, low: float, high: float, *,
              attenuate_other: bool = False) -> np.ndarray:
        """What a perfect magnification gives: in-band motions times ``1 + alpha``.

        With ``attenuate_other`` the motions outside the band are removed (gain 0).
        """
        g = self.gains(alpha, low, high)
        if attenuate_other:
            g = np.where(g == 1.0, 0.0, g) if alpha != 0 else g * np.array(
                [1.0 if low <= f <= high else 0.0 for _, f in self.motions])
        return self.render(self.displacement(g))

    def _luma(self, frames: np.ndarray) -> np.ndarray:
        frames = np.asarray(frames, dtype=float)
        if frames.ndim == 4:
            return rgb_to_yiq(frames)[..., 0]
        return frames

    def fit_displacement(self, frames: Any, *, border: int | None = None,
                         search: float = 6.0, iterations: int = 6) -> np.ndarray:
        """Least-squares displacement (dy, dx) of each frame against the texture, shape (T, 2).

        Each frame ``y`` is matched to ``texture(x - d)`` on a central crop (``border`` pixels
        trimmed on each side, default 1/8 of the size) by a search along the motion direction
        over ``[-search, search]`` pixels, refined in 2-D by Gauss-Newton with exact Fourier
        shifts.  Luminance is used for colour clips.
        """
        y = self._luma(frames)
        if y.ndim != 3 or y.shape[1:] != self.spectrum.shape[-2:]:
            raise ShapeError(f"frames must have shape (T, {self.spectrum.shape[-2]}, "
                             f"{self.spectrum.shape[-1]}[, 3]); got {np.shape(frames)}")
        spec = self.spectrum if self.spectrum.ndim == 2 else np.fft.fft2(
            rgb_to_yiq(np.moveaxis(np.fft.ifft2(self.spectrum).real, 0, -1))[..., 0])
        h, w = spec.shape
        b = max(h, w) // 8 if border is None else border
        crop = (slice(b, h - b), slice(b, w - b))
        fy = np.fft.fftfreq(h)[:, None]
        fx = np.fft.fftfreq(w)[None, :]

        def model(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            s = spec[None] * _shift_phase((h, w), d)
            m = np.fft.ifft2(s).real[:, crop[0], crop[1]]
            gy = np.fft.ifft2(s * (2j * np.pi * fy)).real[:, crop[0], crop[1]]
            gx = np.fft.ifft2(s * (2j * np.pi * fx)).real[:, crop[0], crop[1]]
            return m, gy, gx

        target = y[:, crop[0], crop[1]]
        cand = np.arange(-search, search + 1e-9, 0.25)
        m, _, _ = model(cand[:, None] * self.unit[None, :])
        err = ((target[:, None] - m[None]) ** 2).sum(axis=(2, 3))
        d = cand[np.argmin(err, axis=1)][:, None] * self.unit[None, :]
        for _ in range(iterations):
            m, gy, gx = model(d)
            r = (target - m).reshape(len(d), -1)
            jac = -np.stack([gy.reshape(len(d), -1), gx.reshape(len(d), -1)], axis=2)
            jtj = np.einsum("tpi,tpj->tij", jac, jac)
            jtr = np.einsum("tpi,tp->ti", jac, r)
            d = d + np.linalg.solve(jtj, jtr[..., None])[..., 0]
        return d

    def motion_gains(self, frames: Any, **fit: Any) -> np.ndarray:
        """Measured gain of each motion in ``frames``: the least-squares factor of its sinusoid
        in the fitted displacement along the motion direction (1 = unchanged, 1 + alpha =
        magnified as asked)."""
        d = self.fit_displacement(frames, **fit) @ self.unit
        sig = self.motion_signals()
        return np.array([float(d @ s / (s @ s)) if s @ s > 0 else np.nan for s in sig])


def synthetic_clip(shape: tuple[int, int] = (64, 64), frames: int = 32, fs: float = 32.0, *,
                   motions: Sequence[tuple[float, float]] = ((0.25, 2.0),),
                   direction: float = 0.0, wavelength: tuple[float, float] = (8.0, 32.0),
                   orientation: tuple[float, float] | None = None, noise: float = 0.0,
                   color: bool = False, seed: int = 0,
                   dtype: Any = np.float64) -> SyntheticClip:
    """A seeded band-limited texture moving by ``delta(t) = sum_k A_k sin(2 pi f_k t / fs)``.

    Parameters
    ----------
    shape : (H, W)
        Frame size; the texture is periodic on it, so shifts are exact.
    frames : int
        Number of frames ``T``.
    fs : float
        Frame rate in Hz.
    motions : sequence of (amplitude, frequency)
        Sinusoidal motions, amplitude in pixels and frequency in Hz.  Each must complete a whole
        number of cycles in the clip (``f T / fs`` an integer), so the clip is periodic in time.
    direction : float
        Angle of the motion in radians (0 = to the right, pi/2 = down).
    wavelength : (float, float)
        Shortest and longest wavelength in the texture, in pixels (flat spectrum between).
    orientation : (float, float), optional
        ``(angle, half_width)`` in radians: keep only the wave vectors within ``half_width`` of
        ``angle`` (modulo pi), a texture with one orientation at every pixel.  Default: all
        orientations (isotropic).
    noise : float
        Standard deviation of white Gaussian noise added to every frame (0 = none).
    color : bool
        A colour clip (T, H, W, 3): a common luminance texture plus a weaker texture per channel.
    seed : int
        Seed of the texture and the noise.

    Returns
    -------
    SyntheticClip
        ``clip.frames``, and ``clip.truth(alpha, low, high)``, ``clip.motion_gains(frames)`` to
        score a magnification.

    Examples
    --------
    >>> clip = synthetic_clip((32, 32), frames=8, fs=8.0, motions=[(0.5, 1.0)])
    >>> clip.frames.shape, clip.frames.dtype
    ((8, 32, 32), dtype('float64'))
    >>> clip.motion_gains(clip.frames).round(6)
    array([1.])
    """
    h = check_int(shape[0], name="shape[0]", low=8)
    w = check_int(shape[1], name="shape[1]", low=8)
    n = check_int(frames, name="frames", low=2)
    fs = check_float(fs, name="fs", low=0.0, low_open=True)
    lo = check_float(wavelength[0], name="wavelength[0]", low=2.0)
    hi = check_float(wavelength[1], name="wavelength[1]", low=lo)
    check_float(noise, name="noise", low=0.0)
    if orientation is not None:
        angle = check_float(orientation[0], name="orientation[0]")
        half = check_float(orientation[1], name="orientation[1]", low=0.0, low_open=True)
    motions = tuple((check_float(a, name="motion amplitude"), check_float(f, name="motion "
                     "frequency", low=0.0)) for a, f in motions)
    for _, f in motions:
        cycles = f * n / fs
        if abs(cycles - round(cycles)) > 1e-9:
            raise ParameterError(f"motion frequency must give whole cycles over the clip "
                                 f"(f * frames / fs integer); got {f:g} Hz -> {cycles:g} cycles")
    rng = np.random.default_rng(seed)

    def texture(level: float) -> np.ndarray:
        fy = np.fft.fftfreq(h)[:, None]
        fx = np.fft.fftfreq(w)[None, :]
        radius = np.hypot(fy, fx)
        band = (radius >= 1.0 / hi) & (radius <= 1.0 / lo)
        if orientation is not None:  # distance of the wave vector's angle to ``angle``, mod pi
            band &= np.abs(np.angle(np.exp(2j * (np.arctan2(fy, fx) - angle)))) < 2 * half
        spec = np.fft.fft2(rng.standard_normal((h, w))) * band
        img = np.fft.ifft2(spec).real
        img *= level / max(img.std(), 1e-12)
        return np.fft.fft2(img)

    base = texture(0.12)
    base[0, 0] = 0.5 * h * w
    spectrum = np.stack([base + texture(0.04) for _ in range(3)]) if color else base
    clip = SyntheticClip(np.zeros((n, h, w, 3) if color else (n, h, w), dtype=dtype), fs,
                         motions, float(direction), spectrum)
    clip.frames = clip.render(clip.displacement())
    if noise:
        clip.frames += rng.normal(0.0, noise, clip.frames.shape).astype(dtype)
    return clip
