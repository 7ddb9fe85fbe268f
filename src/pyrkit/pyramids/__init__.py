"""Multi-scale pyramids, all returning the one :class:`Pyramid` container.

Build
    GaussianPyramid     blur-and-decimate levels ``g_i`` (Burt & Adelson 1983)
    LaplacianPyramid    band-pass levels ``g_i - F g_(i+1)`` plus a lowpass; exact reconstruction
    RieszPyramid        Laplacian levels with their Riesz transform: local amplitude, phase and
                        orientation (Wadhwa et al. 2014); riesz_transform, local_phase
    SteerablePyramid    oriented bands from frequency-domain masks (real or complex); tight frame
    steerable_bank      cached octave / half-octave / quarter-octave complex banks (SteerableBank)
Reconstruct
    Pyramid.reconstruct    synthesis from all or selected levels / bands
Operate on bands
    Pyramid.map, arithmetic between pyramids, Pyramid.to_vector / from_vector
Level counts
    default_levels, max_levels
"""

from ._base import Pyramid, default_levels, max_levels
from ._laplacian import GaussianPyramid, LaplacianPyramid
from ._riesz import RieszPyramid, local_phase, riesz_transform
from ._steerable import SteerableBank, SteerablePyramid, steerable_bank

__all__ = [
    "Pyramid",
    "GaussianPyramid",
    "LaplacianPyramid",
    "RieszPyramid",
    "riesz_transform",
    "local_phase",
    "SteerablePyramid",
    "SteerableBank",
    "steerable_bank",
    "default_levels",
    "max_levels",
]
