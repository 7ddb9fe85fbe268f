"""Gallery assembly: run the sections, write ``index.html`` beside their pictures."""

from __future__ import annotations

import html
import importlib
import inspect
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .._progress import progress
from ..errors import ParameterError
from ..io import atomic_directory

__all__ = ["Section", "build_gallery", "demo_image", "SECTION_NAMES"]

#: Gallery sections in page order; each is the module ``pyrkit.demo._<name>``.
SECTION_NAMES: tuple[str, ...] = ("pyramids", "steerable_filters", "steerable_pyramid", "riesz",
                                  "magnify", "nn")


@dataclass
class Section:
    """What one gallery section shows.

    ``figures`` are ``(file name in the gallery folder, caption)`` pairs and ``numbers`` are
    ``(quantity, value)`` pairs shown as a table.
    """

    title: str
    caption: str
    figures: list[tuple[str, str]] = field(default_factory=list)
    numbers: list[tuple[str, str]] = field(default_factory=list)


def demo_image(name: str = "camera", *, size: int | None = None) -> np.ndarray:
    """A float image in [0, 1] from :mod:`skimage.data` (grey or RGB), optionally downscaled
    so its long side is at most ``size`` pixels."""
    from skimage import data
    from skimage.transform import rescale

    from .._checks import as_float

    img = as_float(getattr(data, name)())
    if size is not None and max(img.shape[:2]) > size:
        img = rescale(img, size / max(img.shape[:2]), anti_aliasing=True,
                      channel_axis=-1 if img.ndim == 3 else None)
    return img


def _section_module(name: str):
    return importlib.import_module(f"pyrkit.demo._{name}")


def _render(sections: Sequence[tuple[str, Section, float]]) -> str:
    toc = "".join(f'<li><a href="#{n}">{html.escape(s.title)}</a></li>' for n, s, _ in sections)
    parts = []
    for name, s, seconds in sections:
        figs = "".join(
            f'<figure><img src="{html.escape(f)}" alt="{html.escape(c)}">'
            f"<figcaption>{html.escape(c)}</figcaption></figure>"
            for f, c in s.figures
        )
        rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                       for k, v in s.numbers)
        table = f"<table>{rows}</table>" if rows else ""
        parts.append(
            f'<section id="{name}"><h2>{html.escape(s.title)}</h2>'
            f"<p>{html.escape(s.caption)}</p>{figs}{table}"
            f'<p class="time">built in {seconds:.1f} s</p></section>'
        )
    return _PAGE.format(toc=toc, body="".join(parts))


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>pyrkit gallery</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1200px; margin: 2em auto; color: #222; }}
figure {{ display: inline-block; margin: 0.5em; vertical-align: top; max-width: 100%; }}
img {{ max-width: 100%; image-rendering: pixelated; border: 1px solid #ddd; }}
figcaption {{ font-size: 0.9em; color: #555; max-width: 560px; }}
table {{ border-collapse: collapse; margin: 0.5em; }}
th, td {{ border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }}
.time {{ font-size: 0.8em; color: #888; }}
</style></head><body>
<h1>pyrkit gallery</h1>
<p>Multi-scale image representations and learned feedforward processing, on images that ship
with scikit-image or that are generated on the spot.</p>
<ul>{toc}</ul>
{body}
</body></html>
"""


def build_gallery(out_dir: str | Path = "pyrkit-gallery", *, only: Sequence[str] | None = None,
                  force: bool = False) -> Path:
    """Run the gallery sections and write ``out_dir/index.html`` with their pictures.

    The folder is built under a temporary name and moved into place when complete.

    Parameters
    ----------
    only : sequence of str, optional
        Section names to build (default all of :data:`SECTION_NAMES`).
    force : bool
        Replace an existing ``out_dir``.
    """
    names = list(SECTION_NAMES if not only else only)
    unknown = [n for n in names if n not in SECTION_NAMES]
    if unknown:
        raise ParameterError(f"section must be one of {', '.join(SECTION_NAMES)}; got {unknown}")
    out_dir = Path(out_dir)
    with atomic_directory(out_dir, force=force) as tmp:
        built = []
        for name in progress(names, desc="gallery", unit="section"):
            module = _section_module(name)
            start = time.perf_counter()
            section = module.run(tmp)
            if not section.caption:
                section.caption = inspect.cleandoc(module.__doc__ or "")
            built.append((name, section, time.perf_counter() - start))
        (tmp / "index.html").write_text(_render(built), encoding="utf-8")
    return out_dir / "index.html"
