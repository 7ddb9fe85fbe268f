"""Video files and frame folders, the ``pyrkit magnify`` command, and the guitar clip."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import DATA
from pyrkit.cli import cli
from pyrkit.errors import FileFormatError, OutputExistsError, ParameterError
from pyrkit.io import VideoWriter, read_video, video_info
from pyrkit.magnify import magnify, magnify_video, rgb_to_yiq, synthetic_clip

GUITAR = DATA / "videos" / "guitar1sec.mp4"
BABY = DATA / "videos" / "baby.mp4"


def _clip_rgb(frames=12):
    c = synthetic_clip((48, 64), frames=frames, fs=12.0, motions=[(0.3, 12.0 / frames)],
                       color=True)
    return c


def _write_with_audio(path, frames, fps=12):
    import av

    with av.open(str(path), "w") as out:
        v = out.add_stream("libx264", rate=fps)
        v.width, v.height, v.pix_fmt = frames.shape[2], frames.shape[1], "yuv420p"
        a = out.add_stream("aac", rate=8000)
        for f in frames:
            for p in v.encode(av.VideoFrame.from_ndarray(f, format="rgb24")):
                out.mux(p)
        t = np.arange(8000 * len(frames) // fps) / 8000
        tone = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
        for i in range(0, tone.size, 1024):
            af = av.AudioFrame.from_ndarray(tone[None, i:i + 1024], format="fltp", layout="mono")
            af.sample_rate = 8000
            for p in a.encode(af):
                out.mux(p)
        for s in (v, a):
            for p in s.encode(None):
                out.mux(p)


def test_video_round_trip_keeps_rate_and_audio(tmp_path):
    frames = np.round(_clip_rgb().frames * 255).astype(np.uint8)
    src = tmp_path / "in.mp4"
    _write_with_audio(src, frames)
    info = video_info(src)
    assert (info.width, info.height, info.audio) == (64, 48, True)
    dst = magnify_video(src, tmp_path / "out.mp4", alpha=0.0, low=1.0, high=3.0,
                        method="riesz", show_progress=False)
    out_info = video_info(dst)
    assert out_info.audio and out_info.fps == pytest.approx(info.fps)
    a = np.stack(list(read_video(src))).astype(float)
    b = np.stack(list(read_video(dst))).astype(float)
    # alpha = 0: the input, up to the codec
    assert a.shape == b.shape and np.abs(a - b).mean() < 2.0


def test_lossless_video_is_exact(tmp_path):
    frames = np.round(_clip_rgb(4).frames * 255).astype(np.uint8)
    with VideoWriter(tmp_path / "x.mkv", 25, lossless=True) as w:
        for f in frames:
            w.write(f)
    np.testing.assert_array_equal(np.stack(list(read_video(tmp_path / "x.mkv"))), frames)


@pytest.mark.parametrize("bits, suffix", [(8, "png"), (16, "tif"), (16, "png")])
def test_frame_folder_in_and_out_keeps_bit_depth(tmp_path, bits, suffix):
    import av
    import imageio.v3 as iio

    c = _clip_rgb(8)
    top = 255 if bits == 8 else 65535
    ints = np.round(c.frames * top).astype(np.uint8 if bits == 8 else np.uint16)
    src = tmp_path / "frames"
    src.mkdir()
    for i, f in enumerate(ints):
        path = src / f"f{i:03d}.{suffix}"
        if bits == 16 and suffix == "png":  # 16-bit colour PNG, written through FFmpeg
            with av.open(str(path), "w", format="image2") as out:
                s = out.add_stream("png", rate=1)
                s.width, s.height, s.pix_fmt = f.shape[1], f.shape[0], "rgb48be"
                for p in s.encode(av.VideoFrame.from_ndarray(f, format="rgb48le")):
                    out.mux(p)
                for p in s.encode(None):
                    out.mux(p)
        else:
            iio.imwrite(path, f)
    assert np.array_equal(next(iter(read_video(src))), ints[0])
    dst = tmp_path / "out"
    magnify_video(src, dst, alpha=0.0, low=1.0, high=3.0, fs=12.0, method="phase",
                  show_progress=False)
    back = np.stack(list(read_video(dst)))
    assert back.dtype == ints.dtype
    assert np.abs(back.astype(int) - ints).max() <= 1
    with pytest.raises(ParameterError, match="fs must be given"):
        magnify_video(src, tmp_path / "x", alpha=1.0, low=1.0, high=3.0)


def test_not_a_video_and_truncated_file(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all" * 100)
    with pytest.raises(FileFormatError, match="as a video"):
        video_info(bad)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(GUITAR.read_bytes()[: GUITAR.stat().st_size // 2])
    with pytest.raises(FileFormatError):
        list(read_video(cut))


def test_output_rules(tmp_path):
    frames = np.round(_clip_rgb(4).frames * 255).astype(np.uint8)
    src = tmp_path / "in.mkv"
    with VideoWriter(src, 12, lossless=True) as w:
        for f in frames:
            w.write(f)
    with pytest.raises(OutputExistsError, match="also an input"):
        magnify_video(src, src, alpha=1.0, low=1.0, high=3.0, force=True)
    (tmp_path / "o.mp4").write_bytes(b"keep")
    with pytest.raises(OutputExistsError, match="exists"):
        magnify_video(src, tmp_path / "o.mp4", alpha=1.0, low=1.0, high=3.0)
    assert (tmp_path / "o.mp4").read_bytes() == b"keep"
    # a failure mid-way leaves nothing behind
    with pytest.raises(RuntimeError), VideoWriter(tmp_path / "p.mp4", 12) as w:
        w.write(frames[0])
        raise RuntimeError("interrupted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.mkv", "o.mp4"]


def test_cli_magnify(tmp_path):
    frames = np.round(_clip_rgb(8).frames * 255).astype(np.uint8)
    src = tmp_path / "in.mkv"
    with VideoWriter(src, Fraction(12), lossless=True) as w:
        for f in frames:
            w.write(f)
    out = tmp_path / "out.mp4"
    args = ["magnify", str(src), "-o", str(out), "--alpha", "3", "--low", "1", "--high", "3",
            "--method", "riesz", "--filter", "butter", "--sigma", "1", "--preset", "veryfast"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert video_info(out).frames == 8
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "exists" in result.output
    result = CliRunner().invoke(cli, [*args[:-4], "--high", "7", "--force"])
    assert result.exit_code == 2 and "Nyquist" in result.output
    result = CliRunner().invoke(cli, ["magnify", str(tmp_path / "none.mp4"), "-o",
                                      str(tmp_path / "y.mp4"), "--alpha", "1", "--low", "1",
                                      "--high", "2"])
    assert result.exit_code == 2 and "not found" in result.output


def test_cli_linear_options_reach_the_method(tmp_path):
    """--lambda-c, --chroma-attenuation and --levels are the library's options: the CLI output
    equals ``magnify`` with them (lossless folders of frames, so nothing is lost to a codec)."""
    frames = np.round(_clip_rgb(8).frames * 255).astype(np.uint8)
    src = tmp_path / "in"
    with VideoWriter(src, 12) as w:
        for f in frames:
            w.write(f)
    opts = dict(lambda_c=8.0, chroma_attenuation=0.5, levels=3)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["magnify", str(src), "-o", str(out), "--fs", "12",
                                      "--alpha", "4", "--low", "1", "--high", "3", "--method",
                                      "linear", "--lambda-c", "8", "--chroma-attenuation", "0.5",
                                      "--levels", "3"])
    assert result.exit_code == 0, result.output
    got = np.stack(list(read_video(out))).astype(int)
    want = magnify(frames, 12.0, 4.0, 1.0, 3.0, method="linear", **opts)
    assert np.abs(got - np.round(np.clip(want, 0, 1) * 255)).max() <= 1
    default = magnify(frames, 12.0, 4.0, 1.0, 3.0, method="linear")
    assert np.abs(got - np.round(np.clip(default, 0, 1) * 255)).max() > 2


def _band_amplitudes(luma, fs, low, high):
    spec = np.abs(np.fft.rfft(luma - luma.mean(axis=0), axis=0))
    f = np.fft.rfftfreq(luma.shape[0], 1 / fs)
    inside = (f >= low) & (f <= high)
    return spec, inside, (f > 0) & ~inside


def _moving_pixel_gains(frames, out, fs, low, high, measure=None):
    """In-band and out-of-band amplitude gains of the luminance at the 1 % of pixels with the most
    in-band energy in ``frames`` (the gains over ``measure`` = (lo, hi) Hz inside the band)."""
    y_in, y_out = rgb_to_yiq(frames)[..., 0], rgb_to_yiq(np.clip(out, 0, 1))[..., 0]
    s_in, inside, outside = _band_amplitudes(y_in, fs, low, high)
    s_out = _band_amplitudes(y_out, fs, low, high)[0]
    if measure:
        inside = _band_amplitudes(y_in, fs, *measure)[1]
    energy = s_in[inside].sum(axis=0)
    moving = energy >= np.quantile(energy, 0.99)
    return tuple(s_out[m][:, moving].mean() / s_in[m][:, moving].mean()
                 for m in (inside, outside))


def test_guitar_string_spectrum_grows_in_band_only():
    """Paper parameters (half-octave, 72-92 Hz, alpha 25, sigma 2, ideal filter) on the guitar,
    downscaled by 2: at the pixels that move, the in-band temporal amplitude grows several-fold
    and the rest of the spectrum stays within 25 %."""
    if not GUITAR.is_file():
        pytest.fail(f"missing test video {GUITAR}")
    frames = np.stack(list(read_video(GUITAR)))[:, ::2, ::2].astype(np.float32) / 255
    out = magnify(frames, 600.0, 25.0, 72.0, 92.0, method="phase", pyramid="half-octave",
                  filter="fir", sigma=2.0)
    gain_in, gain_out = _moving_pixel_gains(frames, out, 600.0, 72.0, 92.0)
    assert gain_in > 3.0, gain_in
    assert abs(gain_out - 1) < 0.25, gain_out
    still = magnify(frames, 600.0, 0.0, 72.0, 92.0, method="phase", pyramid="half-octave",
                    filter="fir", sigma=2.0)
    assert np.abs(still - frames).max() < 1e-5


def test_baby_breathing_grows_in_band_and_stays_out_of_band_while_motion_is_small():
    """The baby (30 Hz, breathing), downscaled by 4, with the papers' filter and smoothing
    (difference of IIR low-passes over 0.2-2.5 Hz, sigma 5).  At alpha 20 the breathing grows
    several-fold; the rest of the spectrum stays within 25 % while the magnified motion stays
    small (alpha 3, about 1 px at the edges that move most): beyond that even a perfect
    magnification adds intensity harmonics (see BENCHMARKS.md, real video)."""
    if not BABY.is_file():
        pytest.fail(f"missing test video {BABY}")
    frames = np.stack([f[::4, ::4] for f, _ in zip(read_video(BABY), range(150))])
    frames = frames.astype(np.float32) / 255
    opts = dict(filter="iir", sigma=5.0)
    big = magnify(frames, 30.0, 20.0, 0.2, 2.5, method="riesz", **opts)
    assert _moving_pixel_gains(frames, big, 30.0, 0.2, 2.5, measure=(0.4, 2.5))[0] > 3.0
    small = magnify(frames, 30.0, 3.0, 0.2, 2.5, method="phase", pyramid="quarter-octave", **opts)
    gain_in, gain_out = _moving_pixel_gains(frames, small, 30.0, 0.2, 2.5, measure=(0.4, 2.5))
    assert gain_in > 1.6 and abs(gain_out - 1) < 0.25, (gain_in, gain_out)
    still = magnify(frames[:30], 30.0, 0.0, 0.2, 2.5, method="phase", pyramid="quarter-octave",
                    **opts)
    assert np.abs(still - frames[:30]).max() < 1e-5
