"""Saving and loading models: one ``.npz`` holding a JSON header and the weights.

The header (stored as the UTF-8 bytes of the array ``__pyrkit_nn__``) records the format name and
version and the architecture as nested ``{"type": class name, "config": constructor arguments}``;
every other array is a parameter, keyed by its name in ``model.params()``.  Files are read with
``allow_pickle=False`` and written atomically.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from .._layer import Layer
from ..errors import FileFormatError, ParameterError
from ..io import atomic_output
from ._activations import LeakyReLU, PReLU, ReLU, Sigmoid, Tanh
from ._conv import AvgPool2d, Conv2d, MaxPool2d
from ._core import Flatten, Linear, Sequential
from ._pyramid import BlurDownsample, LaplacianBand, UpsampleBlur

__all__ = ["save_model", "load_model", "layer_from_spec", "LAYER_TYPES", "FORMAT"]

FORMAT = "pyrkit.nn"
VERSION = 1
HEADER_KEY = "__pyrkit_nn__"

#: Layer classes a saved architecture may name.
LAYER_TYPES: dict[str, type[Layer]] = {cls.__name__: cls for cls in (
    Linear, Conv2d, AvgPool2d, MaxPool2d, Flatten, Sigmoid, Tanh, ReLU, LeakyReLU, PReLU,
    Sequential, BlurDownsample, UpsampleBlur, LaplacianBand)}


def _spec(layer: Layer) -> dict[str, Any]:
    name = type(layer).__name__
    if name not in LAYER_TYPES:
        raise ParameterError(f"cannot save layer type {name}; savable types are "
                             f"{', '.join(sorted(LAYER_TYPES))}")
    if isinstance(layer, Sequential):
        return {"type": name, "layers": [_spec(sub) for sub in layer]}
    return {"type": name, "config": layer.config()}


def layer_from_spec(spec: dict[str, Any]) -> Layer:
    """Build a (freshly initialised) layer from ``{"type": ..., "config": ...}``.

    Examples
    --------
    >>> layer_from_spec({"type": "Linear", "config": {"in_features": 2, "out_features": 3}})
    Linear(in_features=2, out_features=3, bias=True, init='xavier', dtype='float64')
    """
    try:
        cls = LAYER_TYPES[spec["type"]]
        if cls is Sequential:
            return Sequential(*[layer_from_spec(s) for s in spec["layers"]])
        return cls(**spec.get("config", {}))
    except (KeyError, TypeError) as exc:
        raise FileFormatError(f"bad layer description {spec!r}: {exc}") from exc


def save_model(model: Layer, path: str | Path, *, force: bool = False,
               metadata: dict[str, Any] | None = None) -> Path:
    """Write ``model`` (architecture and weights) to ``path`` (``.npz``) atomically.

    Parameters
    ----------
    model : Layer
        A layer or a :class:`Sequential` of the types in :data:`LAYER_TYPES`.
    path : path
        Output file; an existing file is replaced only with ``force``.
    metadata : dict, optional
        JSON-serialisable extras stored in the header (e.g. training accuracy).
    """
    header = {"format": FORMAT, "version": VERSION, "model": _spec(model),
              "metadata": metadata or {}}
    blob = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    arrays = {HEADER_KEY: blob, **{k: np.asarray(v) for k, v in model.params().items()}}
    with atomic_output(path, force=force) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)
    return Path(path)


def _read_header(data: Any, path: Path) -> dict[str, Any]:
    if HEADER_KEY not in data.files:
        raise FileFormatError(f"{str(path)!r} is an .npz file but not a pyrkit model "
                              f"(no {HEADER_KEY} header)")
    try:
        header = json.loads(bytes(data[HEADER_KEY]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise FileFormatError(f"{str(path)!r} has a corrupted model header: {exc}") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise FileFormatError(f"{str(path)!r} header is not a {FORMAT} header")
    if header.get("version") != VERSION:
        raise FileFormatError(f"{str(path)!r} has model format version "
                              f"{header.get('version')!r}; this pyrkit reads version {VERSION}")
    return header


def load_model(path: str | Path, *, with_metadata: bool = False) -> Any:
    """Read a model written by :func:`save_model`.

    Returns the model (or ``(model, metadata)`` with ``with_metadata``).

    Raises
    ------
    FileFormatError
        If the file is missing, not an ``.npz`` archive, truncated, lacks the pyrkit header, or
        its weights do not match the architecture.
    """
    path = Path(path)
    if not path.is_file():
        raise FileFormatError(f"model file not found: {str(path)!r}")
    try:
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as data:
            header = _read_header(data, path)
            model = layer_from_spec(header["model"])
            params = model.params()
            missing = sorted(set(params) - set(data.files))
            if missing:
                raise FileFormatError(f"{str(path)!r} lacks weights {missing}")
            for name, p in params.items():
                value = data[name]
                if value.shape != p.shape:
                    raise FileFormatError(f"{str(path)!r}: weight {name} has shape {value.shape}; "
                                          f"the architecture needs {p.shape}")
                p[...] = value
    except FileFormatError:
        raise
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, KeyError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FileFormatError(f"cannot read {str(path)!r} as a pyrkit model: {reason}") from exc
    return (model, header.get("metadata", {})) if with_metadata else model
