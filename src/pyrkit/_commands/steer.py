"""``pyrkit steer``: a steered Gaussian-derivative response or an orientation map of an image."""

from __future__ import annotations

import math
from pathlib import Path

import click

from .. import steer as _steer
from .. import viz
from ..errors import ParameterError
from ..io import check_output, read_image, write_image


@click.command()
@click.argument("image", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output picture (.png).")
@click.option("--order", type=int, default=1, help="Derivative order N (N + 1 basis filters).")
@click.option("--angle", type=float, default=None,
              help="Direction in degrees from +x towards +y (down the rows) [default: 0].")
@click.option("--orientation-map", is_flag=True,
              help="Save the G2/H2 dominant orientation (hue) and strength instead.")
@click.option("--sigma", type=float, default=1.0, help="Gaussian scale in pixels.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def steer(image: Path, output: Path, order: int, angle: float | None, orientation_map: bool,
          sigma: float, force: bool) -> None:
    """Filter IMAGE with a steered Gaussian derivative (or map its orientations) into OUTPUT."""
    if orientation_map and angle is not None:
        raise ParameterError("give --angle or --orientation-map, not both")
    check_output(output, force=force, inputs=[image])
    img = read_image(image)
    if orientation_map:
        grey = img.mean(axis=-1) if img.ndim == 3 else img
        picture = viz.orientation_picture(*_steer.dominant_orientation(grey, sigma))
        what = "orientation map (G2/H2)"
    else:
        theta = math.radians(0.0 if angle is None else angle)
        response = _steer.directional_derivative(img, order, theta, sigma,
                                                 channel_axis=-1 if img.ndim == 3 else None)
        picture = viz.display_band(response, signed=True)
        what = f"order {order} at {math.degrees(theta):g} deg"
    write_image(output, picture, force=force, inputs=[image])
    click.echo(f"wrote {output} ({what}, sigma {sigma:g})")
