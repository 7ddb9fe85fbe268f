"""Reading and writing images, with atomic, non-clobbering output.

Read
    read_image          any format imageio reads -> float array in [0, 1], (H, W) or (H, W, C)
Write
    write_image         float in [0, 1] (or an integer array) -> 8- or 16-bit file, atomically
    atomic_output       context manager: write to a temporary name, rename when complete
    atomic_directory    the same for a folder of outputs
    check_output        the rules every output obeys (no clobbering, never an input)
Video (streaming; files through PyAV, or folders of PNG/TIFF frames)
    read_video, video_info, VideoWriter, VideoInfo, is_video_path
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ._checks import as_float
from .errors import FileFormatError, OutputExistsError, ShapeError

__all__ = [
    "read_image",
    "write_image",
    "to_uint",
    "atomic_output",
    "atomic_directory",
    "check_output",
    "read_video",
    "video_info",
    "VideoWriter",
    "VideoInfo",
    "is_video_path",
]

PathLike = str | os.PathLike


def check_output(path: PathLike, *, force: bool = False, inputs: Iterable[PathLike] = ()) -> Path:
    """Validate an output path and return it as a :class:`~pathlib.Path`.

    Raises
    ------
    OutputExistsError
        If ``path`` is one of ``inputs`` (even when ``force``), or exists and not ``force``.
    FileFormatError
        If the folder that should hold ``path`` does not exist.
    """
    path = Path(path)
    for src in inputs:
        src = Path(src)
        if path.resolve() == src.resolve() or (
            path.exists() and src.exists() and os.path.samefile(path, src)
        ):
            raise OutputExistsError(f"output {str(path)!r} is also an input; choose another name")
    if path.exists() and not force:
        raise OutputExistsError(f"output {str(path)!r} exists; pass --force (force=True) to replace it")
    if not path.parent.exists():
        raise FileFormatError(f"output folder {str(path.parent)!r} does not exist")
    return path


@contextlib.contextmanager
def atomic_output(path: PathLike, *, force: bool = False,
                  inputs: Iterable[PathLike] = ()) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` only on success.

    The temporary name keeps ``path``'s suffix, so format detection by extension works.  If the
    body raises, the temporary file is removed and ``path`` is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_output(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("done")
    >>> (d / "a.txt").read_text()
    'done'
    """
    path = check_output(path, force=force, inputs=inputs)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".part{path.suffix}",
                                    dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if force is False and path.exists():
            raise OutputExistsError(f"output {str(path)!r} appeared while writing; not replaced")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_directory(path: PathLike, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; move it onto ``path`` only on success.

    With ``force`` an existing ``path`` is replaced, and only once the new folder is complete.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError(f"output {str(path)!r} exists; pass --force (force=True) to replace it")
    if path.exists() and not path.is_dir():
        raise OutputExistsError(f"output {str(path)!r} exists and is not a folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    old = None
    try:
        yield tmp
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.replace(path, old / path.name)
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def read_image(path: PathLike) -> np.ndarray:
    """Read an image file as float in [0, 1]: ``(H, W)`` grey or ``(H, W, C)`` colour.

    8-bit files become float64 divided by 255, 16-bit files divided by 65535.

    Raises
    ------
    FileFormatError
        If the file is missing, not an image, truncated or corrupted.
    """
    import imageio.v3 as iio

    path = Path(path)
    if not path.is_file():
        raise FileFormatError(f"image file not found: {str(path)!r}")
    try:
        data = np.asarray(iio.imread(path))
    except Exception as exc:  # imageio raises many types for unreadable files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FileFormatError(f"cannot read {str(path)!r} as an image: {reason}") from exc
    if data.ndim == 3 and data.shape[0] == 1:  # a one-page multi-image file
        data = data[0]
    if data.ndim not in (2, 3) or data.size == 0:
        raise FileFormatError(f"{str(path)!r} is not a 2-D image; got array shape {data.shape}")
    return as_float(data, name=str(path))


def to_uint(image: Any, dtype: Any = np.uint8) -> np.ndarray:
    """Clip a float image to [0, 1] and quantise it to ``dtype`` (uint8 or uint16), rounding."""
    x = np.asarray(image)
    if np.issubdtype(x.dtype, np.integer):
        return x.astype(dtype) if x.dtype == dtype else x
    top = np.iinfo(dtype).max
    return np.round(np.clip(x, 0.0, 1.0) * top).astype(dtype)


def write_image(path: PathLike, image: Any, *, force: bool = False,
                inputs: Iterable[PathLike] = (), bit_depth: int = 8) -> Path:
    """Write ``image`` (float in [0, 1], ``(H, W)`` or ``(H, W, C)``) atomically.

    Parameters
    ----------
    bit_depth : {8, 16}
        Quantisation of float data (16-bit needs PNG or TIFF).
    """
    import imageio.v3 as iio

    x = np.asarray(image)
    if x.ndim not in (2, 3):
        raise ShapeError(f"image must be (H, W) or (H, W, C); got shape {x.shape}")
    data = to_uint(x, np.uint16 if bit_depth == 16 else np.uint8)
    with atomic_output(path, force=force, inputs=inputs) as tmp:
        iio.imwrite(tmp, data)
    return Path(path)


from ._video import VideoInfo, VideoWriter, is_video_path, read_video, video_info  # noqa: E402
