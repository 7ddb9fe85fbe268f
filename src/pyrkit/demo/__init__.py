"""The ``pyrkit demo`` gallery: one static HTML page with a section per capability.

Each section is a module ``pyrkit.demo._<name>`` whose docstring is its caption and whose
``run(out_dir)`` writes its pictures into ``out_dir`` and returns a :class:`Section`.  The
gallery runs on images that ship with scikit-image (:mod:`skimage.data`) or that it generates.
"""

from ._gallery import SECTION_NAMES, Section, build_gallery, demo_image

__all__ = ["Section", "build_gallery", "demo_image", "SECTION_NAMES"]
