"""Temporal band-pass filters for motion magnification.

Every filter acts element-wise on a signal of any shape sampled once per frame.  The causal ones
(:class:`IIRBandpass`, :class:`ButterBandpass`) stream: :meth:`step` takes one frame's samples and
returns the filtered samples, carrying state from frame to frame.  :class:`IdealBandpass` is
non-causal and needs the whole clip.  All three have :meth:`apply` for a whole clip along axis 0,
and all are normalised to unit gain at the centre of their pass-band, so that ``alpha`` means the
same thing whichever filter is used.

Frequencies are in hertz with ``fs`` the capture rate; ``fs / 2`` is the Nyquist frequency.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _kernels
from .._checks import check_choice, check_float, check_int
from ..errors import ParameterError

if _kernels.AVAILABLE:
    from . import _jit

__all__ = [
    "TemporalFilter",
    "IdealBandpass",
    "IIRBandpass",
    "ButterBandpass",
    "temporal_filter",
    "FILTERS",
    "lowpass_coefficient",
]

Array = Any

#: Names accepted by :func:`temporal_filter` (and ``magnify(filter=...)``).
FILTERS = ("fir", "iir", "butter")


def _check_band(low: Any, high: Any, fs: Any, *, allow_zero: bool) -> tuple[float, float, float]:
    fs = check_float(fs, name="fs", low=0.0, low_open=True)
    nyq = fs / 2
    low = check_float(low, name="low", low=0.0, low_open=not allow_zero)
    high = check_float(high, name="high", low=0.0, low_open=True)
    if not low < high:
        raise ParameterError(f"low must be below high; got low={low:g} Hz, high={high:g} Hz")
    if high > nyq or (high == nyq and not allow_zero):
        raise ParameterError(
            f"high must be below the Nyquist frequency fs/2 = {nyq:g} Hz; got {high:g} Hz")
    return low, high, fs


def lowpass_coefficient(cutoff: float, fs: float) -> float:
    """The ``r`` of ``y[n] = y[n-1] + r (x[n] - y[n-1])`` whose -3 dB point is ``cutoff`` Hz.

    Solves ``|H(e^{iw})|^2 = 1/2`` with ``H(z) = r / (1 - (1 - r) z^-1)`` and
    ``w = 2 pi cutoff / fs``: ``1 - r = (2 - cos w) - sqrt((2 - cos w)^2 - 1)``.

    Examples
    --------
    >>> round(lowpass_coefficient(2.5, 30.0), 3), round(lowpass_coefficient(0.2, 30.0), 4)
    (0.401, 0.041)
    """
    c = 2.0 - math.cos(2.0 * math.pi * cutoff / fs)
    return 1.0 - (c - math.sqrt(c * c - 1.0))


class TemporalFilter:
    """Base class: an element-wise temporal filter with a streaming and a whole-clip interface."""

    causal = True

    def __init__(self, low: float, high: float, fs: float) -> None:
        self.low, self.high, self.fs = low, high, fs

    def reset(self) -> None:
        """Forget the state (the next :meth:`step` starts a new clip)."""

    def step(self, x: Array) -> Array:
        """Filter one frame's samples ``x`` (any shape), updating the state."""
        raise NotImplementedError

    def apply(self, clip: Array, axis: int = 0) -> Array:
        """Filter a whole clip along ``axis`` (from a fresh state; the filter is left reset)."""
        clip = np.moveaxis(np.asarray(clip), axis, 0)
        self.reset()
        out = np.empty_like(clip)
        for t in range(clip.shape[0]):
            out[t] = self.step(clip[t])
        self.reset()
        return np.moveaxis(out, 0, axis)

    def response(self, freqs: Array) -> np.ndarray:
        """Complex frequency response at ``freqs`` (Hz)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(low={self.low:g}, high={self.high:g}, "
                f"fs={self.fs:g})")


class IdealBandpass(TemporalFilter):
    """Ideal band-pass over the whole clip: keep the DFT bins with ``low <= |f| <= high``.

    Non-causal (``filter="fir"``): it sees the whole clip, has no phase delay, and is exact for
    periodic clips.  :meth:`step` is not available; use :meth:`apply`.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.arange(32) / 32.0
    >>> clip = np.sin(2 * np.pi * 4 * t) + np.sin(2 * np.pi * 10 * t)
    >>> out = IdealBandpass(3, 5, fs=32).apply(clip)
    >>> float(abs(out - np.sin(2 * np.pi * 4 * t)).max()) < 1e-12
    True
    """

    causal = False

    def __init__(self, low: float, high: float, fs: float) -> None:
        super().__init__(*_check_band(low, high, fs, allow_zero=True))

    def step(self, x: Array) -> Array:
        raise ParameterError("the ideal (fir) filter needs the whole clip: use apply(), or a "
                             "causal filter ('iir' or 'butter') to stream")

    def mask(self, n: int) -> np.ndarray:
        """Boolean mask over the ``n // 2 + 1`` bins of an ``n``-frame real FFT."""
        f = np.fft.rfftfreq(n, d=1.0 / self.fs)
        return (f >= self.low) & (f <= self.high)

    def apply(self, clip: Array, axis: int = 0) -> Array:
        import scipy.fft

        from .._array import fft_workers

        clip = np.asarray(clip)
        n = clip.shape[axis]
        spec = scipy.fft.rfft(clip, axis=axis, workers=fft_workers())
        keep = self.mask(n).reshape([-1 if a == axis % clip.ndim else 1 for a in range(clip.ndim)])
        spec *= keep
        return scipy.fft.irfft(spec, n=n, axis=axis, workers=fft_workers()).astype(clip.dtype,
                                                                                    copy=False)

    def response(self, freqs: Array) -> np.ndarray:
        f = np.abs(np.asarray(freqs, dtype=float))
        return ((f >= self.low) & (f <= self.high)).astype(complex)


class IIRBandpass(TemporalFilter):
    """Difference of two first-order IIR low-passes (Wadhwa et al. 2013, 2014).

    ``l1 += r_high (x - l1)``, ``l2 += r_low (x - l2)``, output ``g (l1 - l2)``, where ``r`` is
    :func:`lowpass_coefficient` of each cut-off and ``g`` normalises the peak gain to 1.  Both
    low-passes start at the first frame, so a static clip gives exactly zero.  Causal: state is
    two arrays the shape of one frame's signal.

    Examples
    --------
    >>> f = IIRBandpass(0.5, 3.0, fs=30)
    >>> [round(float(abs(f.response(x))), 3) for x in (0.0, 1.2, 15.0)]
    [0.0, 1.0, 0.345]
    """

    def __init__(self, low: float, high: float, fs: float) -> None:
        super().__init__(*_check_band(low, high, fs, allow_zero=False))
        self.r_low = lowpass_coefficient(self.low, self.fs)
        self.r_high = lowpass_coefficient(self.high, self.fs)
        grid = np.geomspace(self.low / 4, self.fs / 2, 4096)
        self.gain = 1.0 / float(np.abs(self._raw_response(grid)).max())
        self.reset()

    def reset(self) -> None:
        self._l1 = self._l2 = None

    def _raw_response(self, freqs: Array) -> np.ndarray:
        z1 = np.exp(-2j * np.pi * np.asarray(freqs, dtype=float) / self.fs)
        return (self.r_high / (1 - (1 - self.r_high) * z1)
                - self.r_low / (1 - (1 - self.r_low) * z1))

    def response(self, freqs: Array) -> np.ndarray:
        return self.gain * self._raw_response(freqs)

    def step(self, x: Array) -> Array:
        if self._l1 is None:
            self._l1, self._l2 = np.array(x, copy=True), np.array(x, copy=True)
            return np.zeros_like(self._l1)
        l1, l2 = self._l1, self._l2
        out = np.empty_like(l1)  # one new array per frame; the state is updated in place
        if (_kernels.AVAILABLE and isinstance(x, np.ndarray) and x.dtype == l1.dtype
                and x.shape == l1.shape and l1.dtype.kind == "f" and x.flags.c_contiguous
                and l1.flags.c_contiguous and l2.flags.c_contiguous):
            _jit.iir_step(x.reshape(-1), l1.reshape(-1), l2.reshape(-1), self.r_high, self.r_low,
                          self.gain, out.reshape(-1))
            return out
        np.subtract(x, l1, out=out)
        out *= self.r_high
        l1 += out
        np.subtract(x, l2, out=out)
        out *= self.r_low
        l2 += out
        np.subtract(l1, l2, out=out)
        out *= self.gain
        return out


class ButterBandpass(TemporalFilter):
    """Butterworth band-pass (``scipy.signal.butter``, default first order), streamed.

    The cut-offs are given in hertz with ``fs`` passed to :func:`scipy.signal.butter`, so they are
    normalised by the Nyquist frequency ``fs / 2`` correctly.  The gain is 1 at the centre of the
    band.  The state (transposed direct form II) starts at the steady state of the first frame,
    so a static clip gives exactly zero.

    Examples
    --------
    >>> f = ButterBandpass(72, 92, fs=600)
    >>> [round(float(abs(f.response(x))), 3) for x in (0.0, 81.4, 72.0, 92.0)]
    [0.0, 1.0, 0.707, 0.707]
    """

    def __init__(self, low: float, high: float, fs: float, *, order: int = 1) -> None:
        from scipy.signal import butter, lfilter_zi

        super().__init__(*_check_band(low, high, fs, allow_zero=False))
        self.order = check_int(order, name="order", low=1, high=4)
        self.b, self.a = butter(self.order, [self.low, self.high], btype="bandpass", fs=self.fs)
        self._zi = lfilter_zi(self.b, self.a)
        # Python floats, so that float32 signals stay float32 (NEP 50)
        self._bs, self._as = [float(v) for v in self.b], [float(v) for v in self.a]
        self.reset()

    def reset(self) -> None:
        self._z = None

    def response(self, freqs: Array) -> np.ndarray:
        from scipy.signal import freqz

        f = np.asarray(freqs, dtype=float)
        return freqz(self.b, self.a, worN=np.atleast_1d(f).ravel(), fs=self.fs)[1].reshape(f.shape)

    def step(self, x: Array) -> Array:
        b, a = self._bs, self._as
        if self._z is None:
            self._z = [np.asarray(zi * x, dtype=np.asarray(x).dtype) for zi in self._zi]
        z = self._z
        y = b[0] * x + z[0]
        for k in range(len(z) - 1):
            z[k] = b[k + 1] * x - a[k + 1] * y + z[k + 1]
        z[-1] = b[-1] * x - a[-1] * y
        return y

    def apply(self, clip: Array, axis: int = 0) -> Array:
        from scipy.signal import lfilter

        clip = np.asarray(clip)
        x0 = np.take(clip, [0], axis=axis)
        zi = self._zi.reshape([-1 if a == axis % clip.ndim else 1 for a in range(clip.ndim)]) * x0
        return lfilter(self.b, self.a, clip, axis=axis, zi=zi)[0].astype(clip.dtype, copy=False)

    def __repr__(self) -> str:
        return super().__repr__()[:-1] + f", order={self.order})"


def temporal_filter(name: str, low: float, high: float, fs: float) -> TemporalFilter:
    """The filter called ``name`` (``'fir'``, ``'iir'`` or ``'butter'``) for band [low, high] Hz.

    Examples
    --------
    >>> temporal_filter("butter", 0.4, 3.0, fs=30)
    ButterBandpass(low=0.4, high=3, fs=30, order=1)
    """
    check_choice(name, name="filter", choices=FILTERS)
    cls = {"fir": IdealBandpass, "iir": IIRBandpass, "butter": ButterBandpass}[name]
    return cls(low, high, fs)
