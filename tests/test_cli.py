"""The pyrkit command: outputs, exit codes and one-line errors."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from pyrkit import cli as cli_module
from pyrkit.cli import cli
from pyrkit.io import read_image, write_image


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "in.png"
    write_image(path, np.random.default_rng(0).random((64, 80, 3)))
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("kind", ["gaussian", "laplacian"])
@pytest.mark.parametrize("full_res", [False, True])
def test_pyramid_writes_a_picture(tmp_path, image, kind, full_res):
    out = tmp_path / "out.png"
    result = run("pyramid", image, "-k", kind, "-n", 3, "-o", out, *(["--full-res"] if full_res else []))
    assert result.exit_code == 0, result.output
    picture = read_image(out)
    assert picture.ndim in (2, 3) and picture.shape[0] >= 64
    assert "3 levels" in result.output


def test_bad_input_exits_2_with_one_line(tmp_path, image):
    not_image = tmp_path / "notes.png"
    not_image.write_text("hello")
    cases = [
        (["pyramid", tmp_path / "missing.png", "-o", tmp_path / "o1.png"], "not found"),
        (["pyramid", not_image, "-o", tmp_path / "o2.png"], "cannot read"),
        (["pyramid", image, "-o", image, "--force"], "also an input"),
        (["pyramid", image, "-n", 99, "-o", tmp_path / "o3.png"], "levels must be at most"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.exit_code == 2, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and message in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.png", "notes.png"]


def test_existing_output_needs_force(tmp_path, image):
    out = tmp_path / "out.png"
    assert run("pyramid", image, "-o", out).exit_code == 0
    before = out.read_bytes()
    result = run("pyramid", image, "-o", out, "-k", "gaussian")
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_bytes() == before
    assert run("pyramid", image, "-o", out, "-k", "gaussian", "--force").exit_code == 0
    assert out.read_bytes() != before


def test_internal_error_exits_1(tmp_path, image, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("pyrkit._commands.pyramid.read_image", broken)
    result = run("pyramid", image, "-o", tmp_path / "o.png")
    assert result.exit_code == 1 and "internal error: RuntimeError: boom" in result.output
    with pytest.raises(RuntimeError):
        CliRunner().invoke(cli, ["--debug", "pyramid", str(image), "-o", str(tmp_path / "o.png")],
                           catch_exceptions=False)


def test_help_lists_options_with_defaults():
    top = run("--help")
    assert top.exit_code == 0 and "pyramid" in top.output and "demo" in top.output
    sub = run("pyramid", "--help")
    for option in ("--kind", "--levels", "--output", "--full-res", "--force"):
        assert option in sub.output
    assert "default: laplacian" in sub.output
    assert "pyrkit-" in run("demo", "--help").output.replace("\n", "")


def test_main_entry_point(tmp_path, image):
    with pytest.raises(SystemExit) as info:
        cli_module.main(["pyramid", str(image), "-o", str(tmp_path / "m.png")])
    assert info.value.code == 0 and (tmp_path / "m.png").exists()
