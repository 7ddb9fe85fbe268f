"""Phase-based motion magnification (Wadhwa, Rubinstein, Durand & Freeman, SIGGRAPH 2013).

The luminance of each frame goes through a complex steerable bank (octave, half-octave or
quarter-octave; :func:`pyrkit.pyramids.steerable_bank`), from one FFT of the frame.  For every
complex band ``c`` the local phase relative to the reference frame,
``dphi = angle(c conj(c_ref))`` in ``(-pi, pi]``, is filtered in time, optionally smoothed with
the amplitude ``|c|`` as weight, and the band is rotated:

    c_out = c exp(i alpha dphi_filtered)

(or ``|c| exp(i (phi_ref + (1 + alpha) dphi_filtered))`` with ``attenuate_other``).  The highpass
and lowpass residuals are kept; the bank's synthesis rebuilds the luminance.  A translation by
``delta`` changes the phase of a band of wave vector ``w`` by ``-w . delta``, so multiplying the
in-band phase change by ``1 + alpha`` magnifies the motion to ``(1 + alpha) delta``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..pyramids import steerable_bank
from ._engine import Engine
from ._spatial import _blur

__all__ = ["PhaseEngine"]

Array = Any


class PhaseEngine(Engine):
    """Per-frame phase-based magnification; see the module docstring and :class:`.Engine`.

    Parameters
    ----------
    pyramid : {'octave', 'half-octave', 'quarter-octave'}
        The complex steerable bank (4, 8, 8 orientations).
    """

    def __init__(self, shape: tuple[int, int], *, pyramid: str = "octave", **kwargs: Any) -> None:
        super().__init__(shape, **kwargs)
        self.bank = steerable_bank(shape, pyramid, levels=self.levels, dtype=self.dtype)
        self.band_keys = [k for k in self.bank.keys if isinstance(k, tuple)]
        self._slices, start = {}, 0
        for key in self.band_keys:
            h, w = self.bank.band_shapes[key]
            self._slices[key] = (slice(start, start + h * w), (h, w))
            start += h * w
        self.size = start
        self._buffer = np.zeros(self.size, dtype=self.dtype)
        self.reset()

    def reset(self) -> None:
        self._ref = None    # unit phasors of the reference frame's bands
        self._prev = None   # conjugate unit phasors of the previous frame ('previous')
        self._buffer[:] = 0

    def _view(self, vector: Array, key: Any) -> Array:
        sl, shape = self._slices[key]
        return vector[sl].reshape(shape)

    def analyze(self, frame: Array) -> dict:
        bands = dict(self.bank.analyze(frame[0]))  # one real FFT of the frame for all bands
        return {"frame": frame, "bands": bands}

    def signal(self, coeffs: dict) -> Array:
        bands = coeffs["bands"]
        if self._ref is None:
            self._ref = {k: np.conj(bands[k]) for k in self.band_keys}
            self._prev = self._ref
        other = self._ref if self.reference == "first" else self._prev
        for key in self.band_keys:
            dphi = np.angle(bands[key] * other[key])
            if self.reference == "first":
                self._view(self._buffer, key)[...] = dphi
            else:
                self._view(self._buffer, key)[...] += dphi
        if self.reference == "previous":
            self._prev = {k: np.conj(bands[k]) for k in self.band_keys}
        return self._buffer

    def synthesize(self, coeffs: dict, filtered: Array) -> Array:
        bands = dict(coeffs["bands"])
        for key in self.band_keys:
            c = bands[key]
            phi = self._view(filtered, key)
            amp = np.abs(c)
            if self.sigma > 0:
                phi = _blur(phi, amp, self.sigma)
            if self.attenuate_other:
                ref = np.conj(self._ref[key])
                c = amp * ref / (np.abs(ref) + 1e-20)
            rot = phi * self.gain
            phasor = np.empty(rot.shape, dtype=c.dtype)
            np.cos(rot, out=phasor.real)
            np.sin(rot, out=phasor.imag)
            phasor *= c
            bands[key] = phasor
        frame = coeffs["frame"].copy()
        frame[0] = self.bank.synthesize(bands)
        return frame
