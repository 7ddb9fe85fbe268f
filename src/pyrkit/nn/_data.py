"""Data for the classic demos: an IDX reader for MNIST files and scikit-learn's digits."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path
from typing import Any

import numpy as np

from .._checks import check_float, check_int
from ..errors import FileFormatError

__all__ = ["read_idx", "load_mnist", "load_digits", "train_test_split", "pad_images",
           "resize_images", "standardize"]

_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise FileFormatError(f"IDX file not found: {str(path)!r}")
    raw = path.read_bytes()
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise FileFormatError(f"{str(path)!r} is a truncated or corrupted gzip file: "
                              f"{exc}") from exc


def read_idx(path: str | Path) -> np.ndarray:
    """Read an IDX file (the MNIST format), optionally gzip-compressed.

    The header is two zero bytes, a type code (0x08 unsigned byte ... 0x0E float64), the number
    of dimensions, then each dimension as a big-endian int32; the data follow in C order.

    Raises
    ------
    FileFormatError
        If the file is missing, not IDX, or shorter or longer than its header says.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.idx"
    >>> _ = p.write_bytes(bytes([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]))
    >>> read_idx(p)
    array([[1, 2, 3],
           [4, 5, 6]], dtype=uint8)
    """
    path = Path(path)
    raw = _read_bytes(path)
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] not in _IDX_TYPES or not 1 <= raw[3] <= 8:
        raise FileFormatError(f"{str(path)!r} is not an IDX file (header {raw[:4].hex()!r})")
    ndim = raw[3]
    if len(raw) < 4 + 4 * ndim:
        raise FileFormatError(f"{str(path)!r} is truncated inside its IDX header")
    dims = struct.unpack(f">{ndim}i", raw[4:4 + 4 * ndim])
    dtype = np.dtype(_IDX_TYPES[raw[2]])
    need = int(np.prod(dims)) * dtype.itemsize
    body = raw[4 + 4 * ndim:]
    if len(body) != need:
        what = "truncated" if len(body) < need else "longer than its header says"
        raise FileFormatError(f"{str(path)!r} is {what}: shape {dims} needs {need} data bytes, "
                              f"found {len(body)}")
    return np.frombuffer(body, dtype=dtype).reshape(dims).astype(dtype.newbyteorder("="))


def load_mnist(folder: str | Path, *, kind: str = "t10k",
               dtype: Any = np.float32) -> tuple[np.ndarray, np.ndarray]:
    """Load ``<kind>-images-idx3-ubyte[.gz]`` and ``<kind>-labels-idx1-ubyte[.gz]``.

    Returns images ``(N, 28, 28)`` scaled to [0, 1] in ``dtype`` and int64 labels ``(N,)``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileFormatError(f"MNIST folder not found: {str(folder)!r}")

    def find(stem: str) -> Path:
        for name in (f"{stem}.gz", stem):
            if (folder / name).is_file():
                return folder / name
        raise FileFormatError(f"{str(folder)!r} has no {stem}.gz (or {stem})")

    images = read_idx(find(f"{kind}-images-idx3-ubyte"))
    labels = read_idx(find(f"{kind}-labels-idx1-ubyte"))
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise FileFormatError(f"MNIST files in {str(folder)!r} disagree: images {images.shape}, "
                              f"labels {labels.shape}")
    if labels.max() > 9:
        raise FileFormatError(f"MNIST labels must be 0-9; found {labels.max()}")
    return (images / np.float64(255)).astype(dtype), labels.astype(np.int64)


def load_digits(*, dtype: Any = np.float32) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 1,797 hand-written digits: images ``(N, 8, 8)`` in [0, 1] and labels."""
    from sklearn.datasets import load_digits as _sk_digits

    d = _sk_digits()
    return (d.images / 16.0).astype(dtype), d.target.astype(np.int64)


def train_test_split(x: np.ndarray, y: np.ndarray, *, test_fraction: float = 0.2,
                     rng: Any = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A seeded random split: ``x_train, y_train, x_test, y_test``.

    Examples
    --------
    >>> xtr, ytr, xte, yte = train_test_split(np.arange(10), np.arange(10), rng=0)
    >>> len(xtr), len(xte), sorted(np.concatenate([ytr, yte]).tolist()) == list(range(10))
    (8, 2, True)
    """
    test_fraction = check_float(test_fraction, name="test_fraction", low=0.0, high=1.0,
                                low_open=True)
    order = np.random.default_rng(rng).permutation(len(x))
    n_test = int(round(test_fraction * len(x)))
    test, train = order[:n_test], order[n_test:]
    return x[train], y[train], x[test], y[test]


def pad_images(images: np.ndarray, size: int) -> np.ndarray:
    """Zero-pad ``(N, H, W)`` images symmetrically to ``size x size`` (LeNet's 28 -> 32).

    Examples
    --------
    >>> pad_images(np.ones((1, 28, 28)), 32).shape
    (1, 32, 32)
    """
    size = check_int(size, name="size", low=max(images.shape[-2:]))
    h, w = images.shape[-2:]
    top, left = (size - h) // 2, (size - w) // 2
    return np.pad(images, ((0, 0), (top, size - h - top), (left, size - w - left)))


def resize_images(images: np.ndarray, size: int) -> np.ndarray:
    """Resize ``(N, H, W)`` images to ``size x size`` (bilinear, anti-aliased when shrinking)."""
    from skimage.transform import resize

    size = check_int(size, name="size", low=1)
    out = resize(np.moveaxis(images, 0, -1), (size, size), order=1, anti_aliasing=False)
    return np.moveaxis(out, -1, 0).astype(images.dtype)


def standardize(train: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    """Subtract the training mean and divide by its standard deviation (all arrays).

    Examples
    --------
    >>> a, b = standardize(np.array([0.0, 2.0]), np.array([1.0]))
    >>> a.tolist(), b.tolist()
    ([-1.0, 1.0], [0.0])
    """
    mean, std = train.mean(), train.std()
    scale = train.dtype.type(1.0 / std) if std > 0 else train.dtype.type(1.0)
    return [((a - mean) * scale).astype(train.dtype) for a in (train, *others)]
