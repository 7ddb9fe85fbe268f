"""``pyrkit demo``: build the HTML gallery."""

from __future__ import annotations

from pathlib import Path

import click

from ..demo import SECTION_NAMES, build_gallery


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("pyrkit-gallery"),
              help="Folder to write the gallery into.")
@click.option("--only", multiple=True, type=click.Choice(list(SECTION_NAMES)),
              help="Build only this section (repeatable).")
@click.option("--force", is_flag=True, help="Replace the folder if it exists.")
def demo(output: Path, only: tuple[str, ...], force: bool) -> None:
    """Build the gallery (OUTPUT/index.html) on images that ship with scikit-image."""
    index = build_gallery(output, only=only or None, force=force)
    click.echo(f"gallery: {index.resolve()}")
