"""``pyrkit magnify``: magnify small motions in a video."""

from __future__ import annotations

from pathlib import Path

import click

from .._video import X264_PRESETS
from ..magnify import FILTERS, METHODS, PYRAMIDS, REFERENCES, magnify_video


@click.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output video file (.mp4, .mkv, ...) or folder of frames.")
@click.option("--alpha", type=float, required=True,
              help="Magnification: in-band motion becomes (1 + alpha) times larger.")
@click.option("--low", type=float, required=True, help="Low end of the pass-band (Hz).")
@click.option("--high", type=float, required=True, help="High end of the pass-band (Hz).")
@click.option("--fs", type=float, default=None,
              help="Capture rate in Hz [default: the container's frame rate].")
@click.option("--method", type=click.Choice(METHODS), default="phase",
              help="phase (steerable pyramid), riesz (fast), linear (Eulerian).")
@click.option("--pyramid", type=click.Choice(PYRAMIDS), default="octave",
              help="Steerable bank of the phase method.")
@click.option("--filter", "filter_", type=click.Choice(FILTERS), default="iir",
              help="Temporal filter: iir/butter stream; fir sees the whole clip.")
@click.option("--sigma", type=float, default=0.0,
              help="Amplitude-weighted smoothing of the phase (pixels; 0 = off).")
@click.option("--attenuate-other", is_flag=True, help="Remove motion outside the band.")
@click.option("--reference", type=click.Choice(REFERENCES), default="first",
              help="Phase reference: the first frame, or accumulated frame to frame.")
@click.option("--levels", type=int, default=None,
              help="Pyramid levels [default: down to a coarsest level of 8 pixels].")
@click.option("--lambda-c", type=float, default=16.0, show_default=True,
              help="Linear method: cut-off wavelength (pixels); alpha is reduced on finer levels "
                   "so that (1 + alpha) delta < lambda / 8.")
@click.option("--chroma-attenuation", type=float, default=0.1, show_default=True,
              help="Linear method: factor on the magnification of the colour (I, Q) channels.")
@click.option("--crf", type=int, default=18, help="H.264 quality (0 best, 51 worst).")
@click.option("--lossless", is_flag=True, help="Exact RGB video (libx264rgb, CRF 0).")
@click.option("--preset", type=click.Choice(X264_PRESETS), default="medium",
              help="x264 speed preset (faster: quicker encoding, larger file).")
@click.option("--max-memory", type=float, default=2048.0,
              help="Working memory in MB for --filter fir.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def magnify(input: Path, output: Path, alpha: float, low: float, high: float, fs: float | None,
            method: str, pyramid: str, filter_: str, sigma: float, attenuate_other: bool,
            reference: str, levels: int | None, lambda_c: float, chroma_attenuation: float,
            crf: int, lossless: bool, preset: str, max_memory: float, force: bool) -> None:
    """Magnify the motion between LOW and HIGH Hz in INPUT (a video or a folder of frames)."""
    magnify_video(input, output, alpha=alpha, low=low, high=high, fs=fs, crf=crf,
                  lossless=lossless, preset=preset, force=force, method=method, pyramid=pyramid,
                  filter=filter_, sigma=sigma, attenuate_other=attenuate_other,
                  reference=reference, levels=levels, lambda_c=lambda_c,
                  chroma_attenuation=chroma_attenuation, max_memory=max_memory)
    click.echo(f"wrote {output}")
