"""``pyrkit pyramid``: build a pyramid of an image and save its picture."""

from __future__ import annotations

from pathlib import Path

import click

from .. import viz
from ..errors import ParameterError
from ..io import check_output, read_image
from ..pyramids import GaussianPyramid, LaplacianPyramid, RieszPyramid, SteerablePyramid

KINDS = {"gaussian": GaussianPyramid, "laplacian": LaplacianPyramid,
         "steerable": SteerablePyramid, "complex-steerable": SteerablePyramid,
         "riesz": RieszPyramid}
#: Extra keyword arguments per kind (``--order`` applies to the steerable kinds).
_STEERABLE = {"steerable": {"complex": False}, "complex-steerable": {"complex": True}}


@click.command()
@click.argument("image", type=click.Path(path_type=Path))
@click.option("-k", "--kind", type=click.Choice(list(KINDS)), default="laplacian",
              help="Pyramid kind.")
@click.option("-n", "--levels", type=int, default=None,
              help="Number of levels (default: coarsest level >= 8 px).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output picture (.png).")
@click.option("--order", type=int, default=None,
              help="Steerable kinds: derivative order (order + 1 orientations) [default: 3].")
@click.option("--full-res", is_flag=True,
              help="Show every level expanded to full resolution instead of at its own size.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def pyramid(image: Path, kind: str, levels: int | None, output: Path, order: int | None,
            full_res: bool, force: bool) -> None:
    """Build a pyramid of IMAGE and save a picture of its levels to OUTPUT."""
    extra = dict(_STEERABLE.get(kind, {}))
    if order is not None:
        if kind not in _STEERABLE:
            raise ParameterError(f"--order applies to the steerable kinds only; got kind {kind!r}")
        extra["order"] = order
    check_output(output, force=force, inputs=[image])
    img = read_image(image)
    pyr = KINDS[kind](img, levels, channel_axis=-1 if img.ndim == 3 else None, **extra)
    if full_res:
        viz.save_full_resolution(pyr, output, force=force, inputs=[image])
    else:
        viz.save_montage(pyr, output, force=force, inputs=[image])
    click.echo(f"wrote {output} ({kind}, {pyr.levels} levels)")
