"""Exception types raised by pyrkit.

Every error pyrkit raises on bad input subclasses :class:`PyrkitError`, which is itself a
:class:`ValueError`, so ``except ValueError`` keeps working for callers that do not know pyrkit.
Messages name the argument, what was expected and what was received.
"""

from __future__ import annotations

__all__ = [
    "PyrkitError",
    "ShapeError",
    "DTypeError",
    "NonFiniteError",
    "ParameterError",
    "FileFormatError",
    "OutputExistsError",
]


class PyrkitError(ValueError):
    """Base class of every error pyrkit raises on bad input."""


class ShapeError(PyrkitError):
    """An array has the wrong number of dimensions, is empty, or is too small."""


class DTypeError(PyrkitError):
    """An array has a data type pyrkit cannot work in (complex, object, strings)."""


class NonFiniteError(PyrkitError):
    """An array holds NaN or infinite values."""


class ParameterError(PyrkitError):
    """A parameter is out of its valid range (levels, kernel, boundary mode, ...)."""


class FileFormatError(PyrkitError):
    """A file is missing, unreadable, truncated, or not of the expected kind."""


class OutputExistsError(PyrkitError):
    """An output path exists (and ``force`` was not given) or would overwrite an input."""
