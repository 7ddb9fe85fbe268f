"""pyrkit: multi-scale image representations and learned feedforward visual processing.

Pyramids
    GaussianPyramid, LaplacianPyramid, SteerablePyramid, RieszPyramid, Pyramid (the container
    every kind returns); steerable banks in :mod:`pyrkit.pyramids`
Linear operators (each with an exact adjoint)
    blur_downsample, upsample_blur, correlate_separable (see :mod:`pyrkit.linops`)
Steerable filters
    Gaussian derivatives, steering, G2/H2 oriented energy (see :mod:`pyrkit.steer`)
Video motion magnification
    pyrkit.magnify.magnify (phase, Riesz, linear), pyrkit.magnify.magnify_video
Files
    read_image, write_image (see :mod:`pyrkit.io`)
Errors
    PyrkitError and its subclasses (see :mod:`pyrkit.errors`)
"""

from importlib.metadata import PackageNotFoundError, version

from . import errors, filters, io, linops, magnify, matrices, pyramids, steer
from .errors import PyrkitError
from .io import read_image, write_image
from .linops import blur_downsample, correlate_separable, upsample_blur
from .pyramids import GaussianPyramid, LaplacianPyramid, Pyramid, RieszPyramid, SteerablePyramid

try:
    __version__ = version("pyrkit")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "GaussianPyramid",
    "LaplacianPyramid",
    "Pyramid",
    "RieszPyramid",
    "SteerablePyramid",
    "PyrkitError",
    "blur_downsample",
    "correlate_separable",
    "upsample_blur",
    "read_image",
    "write_image",
    "errors",
    "filters",
    "io",
    "linops",
    "magnify",
    "matrices",
    "pyramids",
    "steer",
]
