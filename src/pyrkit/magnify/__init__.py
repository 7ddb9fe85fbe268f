"""Video motion magnification: make small motions in a frequency band visible.

Magnify
    magnify             the whole method on a clip (array or iterable of frames; streaming)
    magnify_video       a video file or a folder of frames in, the same out (the ``pyrkit
                        magnify`` command)
Methods (per-frame engines: ``analyze``, ``signal``, ``synthesize``)
    make_engine         phase (complex steerable pyramid), riesz, linear
    PhaseEngine, RieszEngine, LinearEngine, level_alphas
Temporal filters (``step(frame)`` streaming, ``apply(clip)`` whole clip)
    IdealBandpass ('fir'), IIRBandpass ('iir'), ButterBandpass ('butter'), temporal_filter,
    lowpass_coefficient
Spatial and colour steps
    amplitude_weighted_blur, wrap_phase, rgb_to_yiq, yiq_to_rgb
Ground truth
    synthetic_clip, SyntheticClip   a texture with exact sub-pixel motion, and scoring a result
"""

from ._color import rgb_to_yiq, yiq_to_rgb
from ._files import magnify_video
from ._linear import LinearEngine, level_alphas
from ._pipeline import METHODS, PYRAMIDS, REFERENCES, magnify, make_engine
from ._phase import PhaseEngine
from ._riesz import RieszEngine
from ._spatial import amplitude_weighted_blur, wrap_phase
from ._synthetic import SyntheticClip, synthetic_clip
from ._temporal import (
    FILTERS,
    ButterBandpass,
    IdealBandpass,
    IIRBandpass,
    TemporalFilter,
    lowpass_coefficient,
    temporal_filter,
)

__all__ = [
    "magnify",
    "magnify_video",
    "make_engine",
    "METHODS",
    "PYRAMIDS",
    "REFERENCES",
    "FILTERS",
    "PhaseEngine",
    "RieszEngine",
    "LinearEngine",
    "level_alphas",
    "TemporalFilter",
    "IdealBandpass",
    "IIRBandpass",
    "ButterBandpass",
    "temporal_filter",
    "lowpass_coefficient",
    "amplitude_weighted_blur",
    "wrap_phase",
    "rgb_to_yiq",
    "yiq_to_rgb",
    "synthetic_clip",
    "SyntheticClip",
]
