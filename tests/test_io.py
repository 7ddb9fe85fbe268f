"""Image files and atomic, non-clobbering output."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit.errors import FileFormatError, OutputExistsError, ShapeError
from pyrkit.io import atomic_directory, atomic_output, read_image, write_image


def test_roundtrip_8_and_16_bit(tmp_path):
    img = np.random.default_rng(0).random((12, 9, 3))
    write_image(tmp_path / "a.png", img)
    back = read_image(tmp_path / "a.png")
    assert back.dtype == np.float64 and back.shape == img.shape
    assert np.abs(back - img).max() <= 0.5 / 255 + 1e-12
    write_image(tmp_path / "b.png", img[..., 0], bit_depth=16)
    assert np.abs(read_image(tmp_path / "b.png") - img[..., 0]).max() <= 0.5 / 65535 + 1e-12


def test_unreadable_files(tmp_path):
    with pytest.raises(FileFormatError, match="not found"):
        read_image(tmp_path / "missing.png")
    (tmp_path / "text.png").write_text("this is not an image")
    with pytest.raises(FileFormatError, match="cannot read"):
        read_image(tmp_path / "text.png")
    write_image(tmp_path / "good.png", np.zeros((40, 40)))
    data = (tmp_path / "good.png").read_bytes()
    (tmp_path / "truncated.png").write_bytes(data[: len(data) // 2])
    with pytest.raises(FileFormatError):
        read_image(tmp_path / "truncated.png")


def test_no_overwrite_without_force_and_never_the_input(tmp_path):
    out = tmp_path / "out.png"
    write_image(out, np.zeros((4, 4)))
    before = out.read_bytes()
    with pytest.raises(OutputExistsError, match="exists"):
        write_image(out, np.ones((4, 4)))
    assert out.read_bytes() == before
    with pytest.raises(OutputExistsError, match="also an input"):
        write_image(out, np.ones((4, 4)), force=True, inputs=[out])
    assert out.read_bytes() == before
    write_image(out, np.ones((4, 4)), force=True)
    assert read_image(out).min() == 1.0


def test_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "x.txt"
    with pytest.raises(RuntimeError):
        with atomic_output(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ShapeError):
        write_image(tmp_path / "y.png", np.zeros(5))
    assert list(tmp_path.iterdir()) == []


def test_atomic_directory(tmp_path):
    target = tmp_path / "gallery"
    with atomic_directory(target) as tmp:
        (tmp / "index.html").write_text("one")
    assert (target / "index.html").read_text() == "one"
    with pytest.raises(OutputExistsError):
        with atomic_directory(target):
            pass
    with pytest.raises(RuntimeError):
        with atomic_directory(target, force=True) as tmp:
            (tmp / "index.html").write_text("two")
            raise RuntimeError("interrupted")
    assert (target / "index.html").read_text() == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gallery"]
    with atomic_directory(target, force=True) as tmp:
        (tmp / "index.html").write_text("two")
    assert (target / "index.html").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gallery"]
