"""Array-backend helpers: the only module that knows which array library is in use.

Algorithms call :func:`namespace` to get an array-API namespace (NumPy, PyTorch, ...) and write
backend-neutral code against it.  The few operations where a backend has a much faster native
routine (FFTs on NumPy through :mod:`scipy.fft`) are dispatched here.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from array_api_compat import array_namespace, device, is_numpy_array, is_torch_array

__all__ = [
    "namespace",
    "device",
    "is_numpy_array",
    "is_torch_array",
    "is_array",
    "working_dtype",
    "to_numpy",
    "ascontiguous",
    "fft_workers",
    "fft2",
    "ifft2",
    "rfft2",
    "irfft2",
]

Array = Any


def namespace(*arrays: Array) -> Any:
    """Return the array-API namespace shared by ``arrays`` (``array_api_compat.numpy`` for NumPy)."""
    return array_namespace(*arrays)


def working_dtype(dtype: Any, xp: Any = None) -> Any:
    """Return the floating dtype pyrkit computes in for input ``dtype``.

    float32 stays float32 and float64 stays float64; float16 is promoted to float32; integers and
    booleans go to float64 (after scaling to [0, 1], see :func:`pyrkit._checks.as_float`).

    Examples
    --------
    >>> import numpy as np
    >>> working_dtype(np.dtype("uint8")) is np.float64, working_dtype(np.dtype("float16"))
    (True, <class 'numpy.float32'>)
    """
    xp = np if xp is None else xp
    if dtype == xp.float64:
        return xp.float64
    if dtype in (xp.float32, xp.float16) or str(dtype).endswith("bfloat16"):
        return xp.float32
    return xp.float64


def is_array(x: Any) -> bool:
    """Whether ``x`` is an array of a supported backend (NumPy or PyTorch)."""
    return bool(is_numpy_array(x) or is_torch_array(x))


def ascontiguous(x: Array) -> Array:
    """``x`` with a C-contiguous memory layout (a copy only when needed)."""
    if is_numpy_array(x):
        return np.ascontiguousarray(x)
    if is_torch_array(x):
        return x.contiguous()
    return x


def to_numpy(x: Array) -> np.ndarray:
    """Return ``x`` as a NumPy array (copying from the GPU when needed)."""
    if is_numpy_array(x):
        return x
    if is_torch_array(x):
        return x.detach().cpu().numpy()
    return np.asarray(x)


def fft_workers() -> int:
    """Threads used by :mod:`scipy.fft` (``PYRKIT_FFT_WORKERS`` or all cores)."""
    return int(os.environ.get("PYRKIT_FFT_WORKERS", os.cpu_count() or 1))


def _fft_call(name: str, x: Array, overwrite: bool = False, **kwargs: Any) -> Array:
    if is_numpy_array(x):
        import scipy.fft

        return getattr(scipy.fft, name)(x, axes=(-2, -1), workers=fft_workers(),
                                        overwrite_x=overwrite, **kwargs)
    # The array API names only the n-dimensional transforms; they take ``axes``.
    xp = namespace(x)
    return getattr(xp.fft, name.replace("2", "n"))(x, axes=(-2, -1), **kwargs)


def fft2(x: Array, *, overwrite: bool = False) -> Array:
    """2-D FFT over the last two axes (``overwrite``: ``x`` may be destroyed, saving a copy)."""
    return _fft_call("fft2", x, overwrite)


def ifft2(x: Array, *, overwrite: bool = False) -> Array:
    """2-D inverse FFT over the last two axes."""
    return _fft_call("ifft2", x, overwrite)


def rfft2(x: Array, *, overwrite: bool = False) -> Array:
    """2-D real FFT over the last two axes."""
    return _fft_call("rfft2", x, overwrite)


def irfft2(x: Array, s: tuple[int, int], *, overwrite: bool = False) -> Array:
    """Inverse of :func:`rfft2` for a real signal of spatial shape ``s``."""
    return _fft_call("irfft2", x, overwrite, s=s)
