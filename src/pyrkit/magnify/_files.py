"""``magnify_video``: a video file or folder of frames in, the magnified video out, streaming."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .._checks import check_int
from .._progress import progress
from ..errors import ParameterError
from ..io import VideoWriter, is_video_path, read_video, video_info
from ._pipeline import magnify

__all__ = ["magnify_video"]


def magnify_video(src: str | os.PathLike, dst: str | os.PathLike, *, alpha: float, low: float,
                  high: float, fs: float | None = None, crf: int = 18, lossless: bool = False,
                  preset: str = "medium",
                  force: bool = False, show_progress: bool | None = None,
                  **options: Any) -> Path:
    """Magnify the motion in a video file (or folder of frames) and write the result.

    Frames are read, processed and written one at a time (``filter='iir'`` or ``'butter'``) or
    in bounded memory (``filter='fir'``, see ``max_memory``).  The output keeps the input's
    frame rate and audio (video files) or bit depth (folders of PNG/TIFF frames), and appears
    under ``dst`` only when complete.

    Parameters
    ----------
    src, dst : path
        Video file (anything FFmpeg reads) or folder of 8-/16-bit PNG or TIFF frames; ``dst`` is
        a video file when its suffix is a video suffix (``.mp4``, ``.mkv``, ...), else a folder.
    alpha, low, high
        See :func:`pyrkit.magnify.magnify`.
    fs : float, optional
        Capture rate in Hz for the temporal filter; default the container's frame rate
        (required for a folder of frames).  High-speed footage often plays back at a lower
        container rate than it was captured at: give the capture rate here.
    crf, lossless, preset
        Video encoding (H.264 CRF, or exact RGB; x264 speed preset).
    force : bool
        Replace an existing ``dst``.  ``dst`` may never be ``src``.
    show_progress : bool, optional
        Progress bar with frames per second (default: on a terminal).
    **options
        Passed to :func:`pyrkit.magnify.magnify` (method, pyramid, filter, sigma, ...).

    Returns
    -------
    Path
        ``dst``.
    """
    info = video_info(src)
    check_int(crf, name="crf", low=0, high=51)
    if fs is None:
        if info.fps is None:
            raise ParameterError("fs must be given for a folder of frames (it has no frame rate)")
        fs = info.fps
    rate = info.fps if info.fps is not None else fs
    writer = VideoWriter(dst, rate, crf=crf, lossless=lossless, preset=preset,
                         bit_depth=info.bit_depth,
                         audio_from=src if info.audio and is_video_path(dst) else None,
                         force=force, inputs=(src,))
    disable = None if show_progress is None else not show_progress
    frames = read_video(src)
    if options.get("filter") == "fir":  # a first pass reads the whole clip before any output
        frames = progress(frames, total=info.frames, desc="analyse", unit="frame",
                          disable=disable)
    out = magnify(frames, fs, alpha, low, high, **options)
    with writer:
        bar = progress(out, total=info.frames, desc="magnify", unit="frame", disable=disable)
        for frame in bar:
            writer.write(frame)
    return Path(dst)
