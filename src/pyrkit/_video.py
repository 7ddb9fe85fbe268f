"""Streaming video input and output: video files through PyAV (FFmpeg), or folders of frames.

Re-exported by :mod:`pyrkit.io`.  Frames are read one at a time as unsigned integers (uint8, or
uint16 for 16-bit image folders), so a clip of any length streams in constant memory; output is
written to a temporary name beside the target and renamed when complete.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from .errors import FileFormatError, OutputExistsError, ShapeError

__all__ = ["VideoInfo", "video_info", "read_video", "VideoWriter", "VIDEO_SUFFIXES",
           "FRAME_SUFFIXES", "X264_PRESETS", "is_video_path"]

PathLike = str | os.PathLike

#: File suffixes written as video files (anything else is a folder of frames).
VIDEO_SUFFIXES = (".mp4", ".mkv", ".mov", ".avi", ".webm", ".m4v")
#: x264 speed presets, fastest first.
X264_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
                "slower", "veryslow")
#: Image suffixes read from (and written to) a folder of frames.
FRAME_SUFFIXES = (".png", ".tif", ".tiff")


def is_video_path(path: PathLike) -> bool:
    """Whether ``path`` names a video file (by suffix) rather than a folder of frames."""
    return Path(path).suffix.lower() in VIDEO_SUFFIXES


@dataclass(frozen=True)
class VideoInfo:
    """What is known about a video before decoding it.

    ``fps`` is the container's frame rate (None for a folder of frames), ``frames`` the frame
    count (None if the container does not say), ``bit_depth`` 8 or 16, ``audio`` whether there
    is an audio stream to carry over.
    """

    path: Path
    width: int
    height: int
    fps: float | None
    frames: int | None
    bit_depth: int
    channels: int
    audio: bool


def _frame_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FRAME_SUFFIXES)
    if not files:
        raise FileFormatError(f"folder {str(folder)!r} holds no PNG or TIFF frames")
    return files


def _read_png(path: Path) -> np.ndarray:
    """A PNG through FFmpeg, which keeps 16-bit colour (Pillow reduces it to 8 bits)."""
    import av

    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
    name = frame.format.name
    deep = "48" in name or "64" in name or "16" in name
    grey = name.startswith(("gray", "ya"))
    fmt = ("gray16le" if deep else "gray") if grey else ("rgb48le" if deep else "rgb24")
    return frame.to_ndarray(format=fmt)


def _write_png48(path: Path, data: np.ndarray) -> None:
    """Write a uint16 RGB array as a 16-bit PNG through FFmpeg."""
    import av

    with av.open(str(path), "w", format="image2") as out:
        stream = out.add_stream("png", rate=1)
        stream.width, stream.height, stream.pix_fmt = data.shape[1], data.shape[0], "rgb48be"
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(data), format="rgb48le")
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)


def _read_frame_file(path: Path) -> np.ndarray:
    import imageio.v3 as iio

    try:
        if path.suffix.lower() == ".png":
            data = _read_png(path)
        else:
            data = np.asarray(iio.imread(path))
    except Exception as exc:  # imageio and PyAV raise many types for unreadable files
        raise FileFormatError(f"cannot read frame {str(path)!r}: {exc}") from exc
    if data.ndim == 3 and data.shape[-1] == 4:  # drop alpha
        data = data[..., :3]
    if data.dtype not in (np.uint8, np.uint16) or data.ndim not in (2, 3):
        raise FileFormatError(f"frame {str(path)!r} must be an 8- or 16-bit grey or RGB image; "
                              f"got {data.dtype} of shape {data.shape}")
    return data


def _open_input(path: Path) -> Any:
    import av

    if not path.is_file():
        raise FileFormatError(f"video file not found: {str(path)!r}")
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, UnicodeDecodeError) as exc:
        raise FileFormatError(f"cannot read {str(path)!r} as a video: {exc}") from exc
    if not container.streams.video:
        container.close()
        raise FileFormatError(f"{str(path)!r} has no video stream")
    return container


def video_info(path: PathLike) -> VideoInfo:
    """Describe a video file or a folder of frames without decoding it all.

    Raises
    ------
    FileFormatError
        If ``path`` is missing, not a video (or a folder of PNG/TIFF frames), or unreadable.
    """
    path = Path(path)
    if path.is_dir():
        files = _frame_files(path)
        first = _read_frame_file(files[0])
        return VideoInfo(path, first.shape[1], first.shape[0], None, len(files),
                         16 if first.dtype == np.uint16 else 8,
                         1 if first.ndim == 2 else first.shape[2], False)
    container = _open_input(path)
    try:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.guessed_rate
        ctx = stream.codec_context
        return VideoInfo(path, ctx.width, ctx.height, float(rate) if rate else None,
                         stream.frames or None, 8, 3, bool(container.streams.audio))
    finally:
        container.close()


def read_video(path: PathLike) -> Iterator[np.ndarray]:
    """Frames of a video file (uint8 RGB, ``(H, W, 3)``) or a folder of frames (in file-name
    order, uint8 or uint16, grey or RGB), one at a time.

    Raises
    ------
    FileFormatError
        If the file is not a video, or is truncated or corrupted (fewer frames decode than the
        container announces, or decoding fails).
    """
    path = Path(path)
    if path.is_dir():
        return (_read_frame_file(f) for f in _frame_files(path))
    return _decode(path)


def _decode(path: Path) -> Iterator[np.ndarray]:
    import av

    container = _open_input(path)
    try:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        expected, count = stream.frames or 0, 0
        try:
            for frame in container.decode(stream):
                count += 1
                yield frame.to_ndarray(format="rgb24")
        except av.error.FFmpegError as exc:
            raise FileFormatError(f"{str(path)!r} is truncated or corrupted after {count} "
                                  f"frames: {exc}") from exc
        if count == 0 or (expected and count < expected - 1):
            raise FileFormatError(f"{str(path)!r} is truncated or corrupted: decoded {count} of "
                                  f"{expected} frames")
    finally:
        container.close()


class VideoWriter:
    """Write frames to a video file (H.264 through PyAV) or a folder of PNG frames, atomically.

    Use as a context manager; on success the output appears under its name, on error nothing
    is left behind.  ``write(frame)`` takes float frames in [0, 1] (clipped) or integers.

    Parameters
    ----------
    path : path
        A video file (suffix in :data:`VIDEO_SUFFIXES`) or a folder for numbered PNG frames.
    fps : float
        Frame rate written into the container.
    crf : int
        H.264 constant rate factor (0 best, 51 worst; 18 is visually lossless).
    lossless : bool
        Exact RGB (``libx264rgb``, CRF 0) instead of 4:2:0 YUV.
    preset : str
        x264 speed preset (:data:`X264_PRESETS`); faster presets encode faster, larger files.
    bit_depth : {8, 16}
        Bit depth of the frames in a folder (video files are 8-bit).
    audio_from : path, optional
        A video file whose audio stream is copied into the output, unchanged.
    force : bool
        Replace an existing output.
    inputs : paths
        Files the output must not overwrite.
    """

    def __init__(self, path: PathLike, fps: float, *, crf: int = 18, lossless: bool = False,
                 preset: str = "medium", bit_depth: int = 8, audio_from: PathLike | None = None, force: bool = False,
                 inputs: tuple[PathLike, ...] = ()) -> None:
        from .io import check_output

        self.path = Path(path)
        from ._checks import check_choice

        self.fps, self.crf, self.lossless = float(fps), int(crf), bool(lossless)
        self.preset = check_choice(preset, name="preset", choices=X264_PRESETS)
        self.bit_depth = bit_depth
        self.audio_from = None if audio_from is None else Path(audio_from)
        self.force, self.inputs = force, tuple(inputs)
        self.video = is_video_path(self.path)
        if self.video:
            check_output(self.path, force=force, inputs=inputs)
        else:
            for src in inputs:
                if Path(src).resolve() == self.path.resolve():
                    raise OutputExistsError(f"output {str(self.path)!r} is also an input")
            if self.path.exists() and not force:
                raise OutputExistsError(f"output {str(self.path)!r} exists; pass --force "
                                        "(force=True) to replace it")
        self.count = 0
        self._ctx = None

    def __enter__(self) -> VideoWriter:
        from .io import atomic_directory, atomic_output

        if self.video:
            self._ctx = atomic_output(self.path, force=self.force, inputs=self.inputs)
        else:
            self._ctx = atomic_directory(self.path, force=self.force)
        self._tmp = self._ctx.__enter__()
        self._container = self._stream = self._audio = None
        return self

    def _open(self, frame: np.ndarray) -> None:
        import av

        self._container = av.open(str(self._tmp), "w")
        h, w = frame.shape[:2]
        codec = "libx264rgb" if self.lossless else "libx264"
        stream = self._container.add_stream(codec, rate=Fraction(self.fps).limit_denominator(
            1001000))
        stream.width, stream.height = w, h
        odd = h % 2 or w % 2
        stream.pix_fmt = "rgb24" if self.lossless else ("yuv444p" if odd else "yuv420p")
        stream.options = {"crf": "0" if self.lossless else str(self.crf), "preset": self.preset}
        self._stream = stream
        if self.audio_from is not None:
            src = av.open(str(self.audio_from))
            if src.streams.audio:
                self._audio_src = src
                self._audio = self._container.add_stream_from_template(src.streams.audio[0])
            else:
                src.close()

    def write(self, frame: Any) -> None:
        """Append one frame (float in [0, 1] or integers; ``(H, W)`` or ``(H, W, 3)``)."""
        from .io import to_uint

        frame = np.asarray(frame)
        if frame.ndim not in (2, 3):
            raise ShapeError(f"frame must be (H, W) or (H, W, 3); got shape {frame.shape}")
        if self.video:
            data = to_uint(frame, np.uint8)
            if data.ndim == 2:
                data = np.repeat(data[..., None], 3, axis=2)
            if self._container is None:
                self._open(data)
            import av

            vf = av.VideoFrame.from_ndarray(np.ascontiguousarray(data), format="rgb24")
            for packet in self._stream.encode(vf):
                self._container.mux(packet)
        else:
            import imageio.v3 as iio

            deep = self.bit_depth == 16
            data = to_uint(frame, np.uint16 if deep else np.uint8)
            path = self._tmp / f"frame_{self.count:06d}.png"
            if deep and data.ndim == 3:  # Pillow cannot write 16-bit colour PNG; FFmpeg can
                _write_png48(path, data)
            else:
                iio.imwrite(path, data)
        self.count += 1

    def _finish_video(self) -> None:
        for packet in self._stream.encode(None):
            self._container.mux(packet)
        if self._audio is not None:
            src = self._audio_src
            for packet in src.demux(src.streams.audio[0]):
                if packet.dts is None:
                    continue
                packet.stream = self._audio
                self._container.mux(packet)
            src.close()
        self._container.close()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        try:
            if self.video and self._container is not None:
                if exc_type is None:
                    self._finish_video()
                else:
                    self._container.close()
            if exc_type is None and self.count == 0:
                exc_type, exc = FileFormatError, FileFormatError("no frames to write")
                raise exc
        except BaseException as error:
            self._ctx.__exit__(type(error), error, error.__traceback__)
            raise
        return bool(self._ctx.__exit__(exc_type, exc, tb))
