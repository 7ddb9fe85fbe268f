"""``magnify``: the whole method on a clip, streaming or over the whole clip in bounded memory."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .._checks import as_float, check_choice, check_float
from ..errors import ParameterError, ShapeError
from ._color import YIQ_FROM_RGB
from ._engine import Engine
from ._temporal import FILTERS, TemporalFilter, temporal_filter

__all__ = ["magnify", "make_engine", "METHODS", "PYRAMIDS", "REFERENCES"]

Array = Any

METHODS = ("phase", "riesz", "linear")
PYRAMIDS = ("octave", "half-octave", "quarter-octave")
REFERENCES = ("first", "previous")

_RGB_FROM_YIQ = np.linalg.inv(YIQ_FROM_RGB)


class _Frames:
    """Converts frames between the caller's layout and the core ``(C, H, W)`` YIQ layout."""

    def __init__(self, first: Any, dtype: Any) -> None:
        first = np.asarray(first)
        if first.ndim not in (2, 3) or (first.ndim == 3 and first.shape[-1] not in (1, 3)):
            raise ShapeError(f"frames must be (H, W) grey or (H, W, 3) colour; got a frame of "
                             f"shape {first.shape}")
        self.frame_shape = first.shape
        self.shape = first.shape[:2]
        if min(self.shape) < 8:
            raise ShapeError(f"frames must be at least 8 x 8 pixels; got {first.shape[:2]}")
        if dtype is None:
            dtype = np.float64 if first.dtype == np.float64 else np.float32
        self.dtype = np.dtype(dtype)
        self.colour = first.ndim == 3 and first.shape[-1] == 3
        self.channels = 3 if self.colour else 1
        self._fwd = YIQ_FROM_RGB.astype(self.dtype)
        self._inv = _RGB_FROM_YIQ.astype(self.dtype)

    def to_core(self, frame: Any, index: int) -> np.ndarray:
        frame = np.asarray(frame)
        if frame.shape != self.frame_shape:
            raise ShapeError(f"every frame must have the shape of the first, {self.frame_shape}; "
                             f"frame {index} has shape {frame.shape}")
        scale = 1.0
        if frame.dtype.kind in "ui":  # integers: scale to [0, 1] inside the colour matrix
            scale = 1.0 / float(np.iinfo(frame.dtype).max)
            x = frame.astype(self.dtype)
        else:
            x = as_float(frame, name=f"frame {index}")
            x = x if x.dtype == self.dtype else x.astype(self.dtype)
        if self.colour:  # one (3, 3) x (3, H W) product gives contiguous Y, I, Q planes
            flat = x.reshape(-1, 3).T
            return ((self._fwd * self.dtype.type(scale)) @ flat).reshape((3, *self.shape))
        out = x.reshape((1, *self.shape))  # may view the caller's frame: engines never write
        if scale != 1.0:                   # into it (x is a fresh copy for integer frames)
            out *= self.dtype.type(scale)
        return out

    def from_core(self, core: np.ndarray) -> np.ndarray:
        if self.colour:
            rgb = (self._inv @ core.reshape(3, -1)).reshape(core.shape)
            return np.moveaxis(rgb, 0, -1)  # a view: (H, W, 3)
        return core.reshape(self.frame_shape)


def make_engine(method: str, shape: tuple[int, int], *, channels: int = 1, alpha: float,
                pyramid: str = "octave", sigma: float = 0.0, attenuate_other: bool = False,
                reference: str = "first", levels: int | None = None, lambda_c: float = 16.0,
                chroma_attenuation: float = 0.1, dtype: Any = np.float32) -> Engine:
    """The per-frame engine of ``method`` (``'phase'``, ``'riesz'`` or ``'linear'``).

    See :func:`magnify` for the parameters.  The engine has ``analyze(frame)``,
    ``signal(coeffs)`` and ``synthesize(coeffs, filtered)`` for frames in ``(C, H, W)`` YIQ.
    """
    common = dict(alpha=alpha, sigma=sigma, attenuate_other=attenuate_other,
                  reference=reference, levels=levels, dtype=dtype)
    if method == "riesz":
        from ._riesz import RieszEngine

        return RieszEngine(shape, **common)
    if method == "linear":
        from ._linear import LinearEngine

        return LinearEngine(shape, channels=channels, lambda_c=lambda_c,
                            chroma_attenuation=chroma_attenuation, **common)
    from ._phase import PhaseEngine

    return PhaseEngine(shape, pyramid=pyramid, **common)


class _Spool:
    """Rows of one shape appended one at a time; in memory up to ``budget`` bytes, then on disk."""

    def __init__(self, folder: Path, name: str, budget: int) -> None:
        self.path, self.budget = folder / name, budget
        self.rows: list[np.ndarray] = []
        self.file = None
        self.count = self.nbytes = 0
        self.shape: tuple[int, ...] = ()
        self.dtype: Any = None

    def append(self, row: Any) -> None:
        row = np.ascontiguousarray(row)
        if self.count == 0:
            self.shape, self.dtype = row.shape, row.dtype
        if self.file is None and self.nbytes + row.nbytes > self.budget:
            self.file = open(self.path, "wb")  # noqa: SIM115 - closed in finish()
            for r in self.rows:
                self.file.write(r.tobytes())
            self.rows = []
        if self.file is not None:
            self.file.write(row.tobytes())
        else:
            self.rows.append(row.copy())
        self.count += 1
        self.nbytes += row.nbytes

    def finish(self) -> Any:
        """All rows: an ``(count, *shape)`` array in memory, or :class:`_DiskRows` if spilled."""
        if self.file is not None:
            self.file.close()
            return _DiskRows(self.path, self.dtype, (self.count, *self.shape))
        out = np.empty((self.count, *self.shape), dtype=self.dtype)
        for i in range(self.count):
            out[i], self.rows[i] = self.rows[i], None
        self.rows = []
        return out


class _DiskRows:
    """Rows stored in a raw file, read one at a time (``rows[t]``) without mapping the file, so
    the resident memory stays bounded whatever the clip's length."""

    def __init__(self, path: Path, dtype: Any, shape: tuple[int, ...]) -> None:
        self.path, self.dtype, self.shape = path, np.dtype(dtype), shape
        self.row_bytes = int(np.prod(shape[1:], dtype=np.int64)) * self.dtype.itemsize
        self._fd = os.open(path, os.O_RDWR)

    def __getitem__(self, t: int) -> np.ndarray:
        data = os.pread(self._fd, self.row_bytes, t * self.row_bytes)
        return np.frombuffer(data, dtype=self.dtype).reshape(self.shape[1:])

    def columns(self, start: int, stop: int) -> np.ndarray:
        """Columns ``start:stop`` of every row as a (T, stop - start) array (rows are 1-D)."""
        width = stop - start
        out = np.empty((self.shape[0], width), dtype=self.dtype)
        size = self.dtype.itemsize
        for t in range(self.shape[0]):
            data = os.pread(self._fd, width * size, t * self.row_bytes + start * size)
            out[t] = np.frombuffer(data, dtype=self.dtype)
        return out

    def set_columns(self, start: int, block: np.ndarray) -> None:
        size = self.dtype.itemsize
        block = np.ascontiguousarray(block, dtype=self.dtype)
        for t in range(self.shape[0]):
            os.pwrite(self._fd, block[t].tobytes(), t * self.row_bytes + start * size)

    def close(self) -> None:
        os.close(self._fd)


def _start(frames: Iterable[Any], conv_args: dict, engine_args: dict) -> tuple | None:
    """``(iterator, first frame, frame converter, engine)``, or None for an empty clip."""
    it = iter(frames)
    first = next(it, None)
    if first is None:
        return None
    conv = _Frames(first, conv_args["dtype"])
    engine = make_engine(shape=conv.shape, channels=conv.channels, dtype=conv.dtype,
                         **engine_args)
    return it, first, conv, engine


def _streaming(frames: Iterable[Any], conv_args: dict, engine_args: dict,
               filt: TemporalFilter) -> Iterator[np.ndarray]:
    started = _start(frames, conv_args, engine_args)
    if started is None:
        return
    it, first, conv, engine = started
    filt.reset()
    t, frame = 0, first
    while True:
        coeffs = engine.analyze(conv.to_core(frame, t))
        yield conv.from_core(engine.synthesize(coeffs, filt.step(engine.signal(coeffs))))
        frame = next(it, None)
        if frame is None:
            break
        t += 1


def _whole_clip(frames: Iterable[Any], conv_args: dict, engine_args: dict,
                filt: TemporalFilter, budget: int, indexable: bool) -> Iterator[np.ndarray]:
    started = _start(frames, conv_args, engine_args)
    if started is None:
        return
    it, first, conv, engine = started
    with tempfile.TemporaryDirectory(prefix="pyrkit-magnify-", dir=conv_args["tmp_dir"]) as tmp:
        folder = Path(tmp)
        signals = _Spool(folder, "signal.f32", budget // 2)
        stored = None if indexable else _Spool(folder, "frames.raw", budget // 4)
        t, frame = 0, first
        while frame is not None:
            signals.append(engine.signal(engine.analyze(conv.to_core(frame, t))))
            if stored is not None:
                stored.append(np.asarray(frame))
            frame, t = next(it, None), t + 1
        cube = signals.finish()
        clip = frames if indexable else stored.finish()
        try:
            _filter_in_chunks(cube, filt, budget)
            for t in range(cube.shape[0]):
                coeffs = engine.analyze(conv.to_core(clip[t], t))
                yield conv.from_core(engine.synthesize(coeffs, np.asarray(cube[t])))
        finally:
            for rows in (cube, clip):
                if isinstance(rows, _DiskRows):
                    rows.close()


def _filter_in_chunks(cube: Any, filt: TemporalFilter, budget: int) -> None:
    """Filter ``cube`` (T, N) along time in place, a block of columns at a time (each block
    costs about 24 bytes per sample: the block, its spectrum and the result)."""
    n_frames, size = cube.shape
    step = max(64, budget // (24 * n_frames))
    for start in range(0, size, step):
        stop = min(size, start + step)
        if isinstance(cube, _DiskRows):
            cube.set_columns(start, filt.apply(cube.columns(start, stop), axis=0))
        else:
            cube[:, start:stop] = filt.apply(cube[:, start:stop], axis=0)


def magnify(frames: Any, fs: float, alpha: float, low: float, high: float, *,
            method: str = "phase", pyramid: str = "octave", filter: str = "iir",
            sigma: float = 0.0, attenuate_other: bool = False, reference: str = "first",
            levels: int | None = None, lambda_c: float = 16.0, chroma_attenuation: float = 0.1,
            max_memory: float = 2048.0, dtype: Any = None,
            tmp_dir: str | os.PathLike | None = None) -> Any:
    """Magnify the motion (or colour change) in a frequency band of a video.

    Parameters
    ----------
    frames : array (T, H, W) or (T, H, W, 3), or an iterable of (H, W) / (H, W, 3) frames
        Grey or RGB frames; integers are scaled to [0, 1].  An array gives an array back; any
        other iterable gives a generator of output frames (streaming).
    fs : float
        Capture rate in frames per second (the temporal sampling rate; ``fs / 2`` is Nyquist).
    alpha : float
        Magnification: motion inside the pass-band becomes ``(1 + alpha) delta(t)``.  ``alpha = 0``
        returns the input; ``-1 <= alpha < 0`` attenuates the motion.
    low, high : float
        Pass-band in Hz.
    method : {'phase', 'riesz', 'linear'}
        ``'phase'``: local phase of a complex steerable pyramid (Wadhwa et al. 2013).
        ``'riesz'``: quaternionic phase of a Riesz pyramid, one orientation per pixel, compact
        filters (Wadhwa et al. 2014): much faster; on edges and oriented texture as accurate
        as the octave phase method, but where waves of several orientations overlap
        (isotropic texture) it magnifies 10-15 % less unless the phase is smoothed (``sigma``
        of 2 brings it within 5 %).  ``'linear'``: temporal band-pass of Laplacian
        intensities (Wu et al. 2012), with the ``lambda_c`` bound and chroma attenuation.
    pyramid : {'octave', 'half-octave', 'quarter-octave'}
        Steerable bank of the phase method (4, 8 and 8 orientations).
    filter : {'iir', 'butter', 'fir'}
        ``'iir'``: difference of two first-order low-passes; ``'butter'``: first-order
        Butterworth band-pass.  Both causal and streamed frame by frame with state carried over.
        ``'fir'``: ideal band-pass over the whole clip (non-causal), computed in bounded memory.
    sigma : float
        Width (pixels, per level) of the amplitude-weighted Gaussian smoothing of the filtered
        phase; 0 turns it off.  For the Riesz method the smoothing is a weighted least-squares
        fit over the window that respects the local orientation.  Not used by the linear method.
    attenuate_other : bool
        Remove the motion outside the pass-band (each coefficient takes the reference frame's
        phase plus ``(1 + alpha)`` times the filtered phase) instead of leaving it alone.
    reference : {'first', 'previous'}
        Phases are measured against the first frame, or accumulated from frame-to-frame
        differences (for long clips whose motion drifts by more than half a wavelength).
    levels : int, optional
        Pyramid levels (default: coarsest level at least 8 pixels).
    lambda_c : float
        Linear method: cut-off wavelength in pixels.
    chroma_attenuation : float
        Linear method: factor on the amplification of the chrominance (I, Q).
    max_memory : float
        Working memory in MB for ``filter='fir'``: above it the per-frame signals (and frames,
        for an iterable) go to a temporary file and are filtered in blocks of columns.
    dtype : dtype, optional
        Working float type; default float64 for float64 frames, float32 otherwise.
    tmp_dir : path, optional
        Folder for the temporary files of ``filter='fir'`` (default: the system's).

    Returns
    -------
    array or generator
        Output frames in the input's layout, float, not clipped.

    Notes
    -----
    Convention: the output motion is ``(1 + alpha) delta(t)`` for motion inside the pass-band,
    where the temporal filters all have unit gain at the centre of the band.  The phase methods
    amplify the luminance (Y of YIQ) and put the chrominance back; the highpass and lowpass
    residuals are kept.  The phase methods are limited by the wavelength: octave phase
    magnification holds up to about ``alpha delta < lambda / 4``, the linear method up to
    ``(1 + alpha) delta < lambda / 8``.

    References
    ----------
    .. [1] N. Wadhwa, M. Rubinstein, F. Durand and W. T. Freeman, "Phase-based video motion
       processing", ACM Trans. Graph. 32(4), SIGGRAPH 2013.
    .. [2] N. Wadhwa, M. Rubinstein, F. Durand and W. T. Freeman, "Riesz pyramids for fast
       phase-based video magnification", ICCP 2014.
    .. [3] H.-Y. Wu, M. Rubinstein, E. Shih, J. Guttag, F. Durand and W. T. Freeman, "Eulerian
       video magnification for revealing subtle changes in the world", SIGGRAPH 2012.

    Examples
    --------
    >>> from pyrkit.magnify import synthetic_clip
    >>> clip = synthetic_clip((64, 64), frames=32, fs=32.0, motions=[(0.2, 4.0)],
    ...                       wavelength=(8, 16))
    >>> out = magnify(clip.frames, 32.0, 4.0, 3.0, 5.0, filter="fir")  # 0.2 px -> 1 px
    >>> out.shape, out.dtype
    ((32, 64, 64), dtype('float64'))
    >>> round(float(clip.motion_gains(out)[0]), 2)  # measured factor; 1 + alpha = 5
    4.71
    """
    method = check_choice(method, name="method", choices=METHODS)
    check_choice(pyramid, name="pyramid", choices=PYRAMIDS)
    check_choice(filter, name="filter", choices=FILTERS)
    check_choice(reference, name="reference", choices=REFERENCES)
    alpha = check_float(alpha, name="alpha", low=-1.0)
    sigma = check_float(sigma, name="sigma", low=0.0)
    lambda_c = check_float(lambda_c, name="lambda_c", low=0.0, low_open=True)
    chroma_attenuation = check_float(chroma_attenuation, name="chroma_attenuation", low=0.0)
    budget = int(check_float(max_memory, name="max_memory", low=1.0) * 2**20)
    filt = temporal_filter(filter, low, high, fs)
    engine_args = dict(method=method, alpha=alpha, pyramid=pyramid, sigma=sigma,
                       attenuate_other=bool(attenuate_other), reference=reference,
                       levels=levels, lambda_c=lambda_c, chroma_attenuation=chroma_attenuation)
    conv_args = dict(dtype=dtype, tmp_dir=tmp_dir)
    if isinstance(frames, np.ndarray) or hasattr(frames, "__array_namespace__"):
        clip = np.asarray(frames)
        if clip.ndim not in (3, 4):
            raise ShapeError(f"frames must be (T, H, W) or (T, H, W, 3); got shape {clip.shape}")
        if filt.causal:
            gen = _streaming(clip, conv_args, engine_args, filt)
        else:
            gen = _whole_clip(clip, conv_args, engine_args, filt, budget, indexable=True)
        first = next(gen)
        out = np.empty((clip.shape[0], *first.shape), dtype=first.dtype)
        out[0] = first
        for t, frame in enumerate(gen, start=1):
            out[t] = frame
        return out
    if not isinstance(frames, Iterable):
        raise ParameterError(f"frames must be an array or an iterable of frames; got "
                             f"{type(frames).__name__}")
    if filt.causal:
        return _streaming(frames, conv_args, engine_args, filt)
    return _whole_clip(frames, conv_args, engine_args, filt, budget, indexable=False)
