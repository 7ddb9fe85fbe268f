"""The one container every pyramid kind returns."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any

from .. import _array
from .._checks import channels_back, channels_first, check_int
from ..errors import ParameterError, ShapeError

__all__ = ["Pyramid", "default_levels", "max_levels"]

Array = Any
Key = Hashable


def max_levels(shape: Iterable[int]) -> int:
    """The most levels an image of spatial ``shape`` can have: halvings until both axes are 1.

    Examples
    --------
    >>> max_levels((5, 7)), max_levels((1, 1)), max_levels((512, 512))
    (3, 0, 9)
    """
    h, w = tuple(shape)[-2:]
    return max(0, math.ceil(math.log2(max(h, w))))


def default_levels(shape: Iterable[int], min_size: int = 8) -> int:
    """Levels that keep the coarsest level at least ``min_size`` pixels on its short side.

    Examples
    --------
    >>> default_levels((512, 512)), default_levels((300, 451)), default_levels((7, 100))
    (6, 5, 0)
    """
    short = min(tuple(shape)[-2:])
    levels = 0
    while -(-short // 2 ** (levels + 1)) >= min_size:
        levels += 1
    return levels


def check_levels(levels: Any, shape: tuple[int, int], *, name: str = "levels") -> int:
    """Return the level count to use for spatial ``shape``, validating ``levels``."""
    if levels is None:
        return default_levels(shape)
    top = max_levels(shape)
    levels = check_int(levels, name=name, low=0)
    if levels > top:
        raise ParameterError(
            f"{name} must be at most {top} for an image of spatial shape {shape}; got {levels}"
        )
    return levels


class Pyramid(Mapping):
    """An ordered mapping of bands plus what is needed to reconstruct the image.

    Keys are ``(level, orientation)`` tuples (orientation 0 for pyramids without orientations),
    finest level first, plus ``"highpass"`` and ``"lowpass"`` residuals where the kind has them.
    ``pyr[i]`` with an integer is level ``i``: one array, or a tuple of the orientation bands;
    the index one past the last band-pass level is the lowpass residual.  Bands keep the layout of
    the input (a colour image's channel axis stays where it was).

    Pyramids of the same geometry support ``+ - * /`` (with each other or a scalar), :meth:`map`
    applies a function to bands, and :meth:`to_vector` / :meth:`from_vector` convert to one flat
    vector and back.  Subclasses build the bands in ``__init__`` and implement :meth:`_synthesize`.
    """

    kind = "pyramid"

    def __init__(self, bands: Mapping[Key, Array], *, image_shape: tuple[int, ...],
                 channel_axis: int | None = None, **params: Any) -> None:
        self._bands: dict[Key, Array] = dict(bands)
        self.image_shape = tuple(image_shape)
        self.channel_axis = channel_axis
        self.params = params

    # -- Mapping ---------------------------------------------------------------------------
    def __getitem__(self, key: Key | int) -> Array:
        if isinstance(key, numbers.Integral) and not isinstance(key, bool):
            return self._level(int(key))
        return self._bands[key]

    def __iter__(self) -> Iterator[Key]:
        return iter(self._bands)

    def __len__(self) -> int:
        return len(self._bands)

    def _level(self, i: int) -> Array | tuple[Array, ...]:
        n = self.levels
        if i < 0:
            i += n + ("lowpass" in self._bands)
        if 0 <= i < n:
            bands = tuple(self._bands[(i, o)] for o in range(self.orientations))
            return bands[0] if len(bands) == 1 else bands
        if i == n and "lowpass" in self._bands:
            return self._bands["lowpass"]
        raise IndexError(f"level index out of range for a pyramid of {n} levels; got {i}")

    # -- geometry --------------------------------------------------------------------------
    @property
    def levels(self) -> int:
        """Number of band-pass levels (residuals not counted)."""
        return len({k[0] for k in self._bands if isinstance(k, tuple)})

    @property
    def orientations(self) -> int:
        """Number of orientation bands per level."""
        return len({k[1] for k in self._bands if isinstance(k, tuple)}) or 1

    @property
    def dtype(self) -> Any:
        return next(iter(self._bands.values())).dtype

    def _with_bands(self, bands: Mapping[Key, Array]) -> Pyramid:
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        new._bands = dict(bands)
        return new

    def same_geometry(self, other: Pyramid) -> bool:
        """Whether ``other`` has the same kind, keys and band shapes."""
        return (
            type(other) is type(self)
            and list(other.keys()) == list(self.keys())
            and all(tuple(other[k].shape) == tuple(v.shape) for k, v in self.items())
        )

    # -- operating on bands ----------------------------------------------------------------
    def map(self, fn: Callable[[Array], Array], keys: Iterable[Key] | None = None) -> Pyramid:
        """A new pyramid with ``fn`` applied to the bands in ``keys`` (default all)."""
        chosen = set(self._bands) if keys is None else set(keys)
        return self._with_bands({k: fn(v) if k in chosen else v for k, v in self.items()})

    def _binary(self, other: Any, op: Callable[[Array, Array], Array]) -> Pyramid:
        if isinstance(other, Pyramid):
            if not self.same_geometry(other):
                raise ShapeError("pyramids must have the same kind, bands and band shapes")
            return self._with_bands({k: op(v, other[k]) for k, v in self.items()})
        if isinstance(other, numbers.Number):
            return self._with_bands({k: op(v, other) for k, v in self.items()})
        return NotImplemented

    def __add__(self, other: Any) -> Pyramid:
        return self._binary(other, lambda a, b: a + b)

    def __sub__(self, other: Any) -> Pyramid:
        return self._binary(other, lambda a, b: a - b)

    def __mul__(self, other: Any) -> Pyramid:
        return self._binary(other, lambda a, b: a * b)

    def __truediv__(self, other: Any) -> Pyramid:
        return self._binary(other, lambda a, b: a / b)

    def __radd__(self, other: Any) -> Pyramid:
        return self._binary(other, lambda a, b: b + a)

    def __rsub__(self, other: Any) -> Pyramid:
        return self._binary(other, lambda a, b: b - a)

    def __rmul__(self, other: Any) -> Pyramid:
        return self._binary(other, lambda a, b: b * a)

    def __neg__(self) -> Pyramid:
        return self.map(lambda a: -a)

    def to_vector(self) -> Array:
        """All bands, raveled in key order, as one 1-D array."""
        xp = _array.namespace(*self.values())
        return xp.concat([xp.reshape(v, (-1,)) for v in self.values()])

    def from_vector(self, vector: Array) -> Pyramid:
        """A pyramid of this geometry whose bands are read from ``vector`` (see :meth:`to_vector`)."""
        xp = _array.namespace(vector)
        sizes = [math.prod(v.shape) for v in self.values()]
        if vector.ndim != 1 or vector.shape[0] != sum(sizes):
            raise ShapeError(f"vector must be 1-D of length {sum(sizes)}; got shape {vector.shape}")
        bands, start = {}, 0
        for (k, v), size in zip(self.items(), sizes):
            bands[k] = xp.reshape(vector[start:start + size], tuple(v.shape))
            start += size
        return self._with_bands(bands)

    # -- reconstruction --------------------------------------------------------------------
    def select(self, levels: Iterable[int | str] | None = None,
               bands: Iterable[Key] | None = None) -> set[Key]:
        """Keys chosen by ``levels`` (level numbers or residual names) and ``bands`` (keys)."""
        if levels is None and bands is None:
            return set(self._bands)
        chosen = set(bands or ())
        for level in levels or ():
            if isinstance(level, str):
                chosen.add(level)
            else:
                chosen.update(k for k in self._bands if isinstance(k, tuple) and k[0] == level)
        unknown = chosen - set(self._bands)
        if unknown:
            raise ParameterError(f"bands must be keys of this pyramid; got {sorted(map(str, unknown))}")
        return chosen

    def reconstruct(self, levels: Iterable[int | str] | None = None,
                    bands: Iterable[Key] | None = None) -> Array:
        """Synthesise the image from the chosen bands (all by default; the others count as zero).

        Parameters
        ----------
        levels : iterable of int or str, optional
            Band-pass levels to keep, and/or the residual names ``"highpass"``, ``"lowpass"``.
        bands : iterable of keys, optional
            Individual bands to keep, e.g. ``[(1, 2), "lowpass"]``.
        """
        chosen = self.select(levels, bands)
        core = {}
        for k, v in self.items():
            v = channels_first(v, self.channel_axis)
            core[k] = v if k in chosen else _array.namespace(v).zeros_like(v)
        return channels_back(self._synthesize(core), self.channel_axis)

    def _synthesize(self, bands: dict[Key, Array]) -> Array:
        """Image (core layout ``(..., H, W)``) from bands in core layout."""
        raise NotImplementedError(f"{type(self).__name__} has no synthesis operator")

    def __repr__(self) -> str:
        shapes = ", ".join(f"{k!r}: {tuple(v.shape)}" for k, v in self.items())
        return f"{type(self).__name__}(levels={self.levels}, bands={{{shapes}}})"
