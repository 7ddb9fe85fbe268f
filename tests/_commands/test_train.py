"""``pyrkit train`` (mirrors ``pyrkit/_commands/train.py``)."""

from __future__ import annotations

from click.testing import CliRunner

from pyrkit import nn
from pyrkit.cli import cli


def test_train_xor_writes_plots_and_model(tmp_path):
    out = tmp_path / "xor"
    result = CliRunner().invoke(cli, ["train", "xor", "-o", str(out), "--epochs", "200"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "test accuracy: 100.00%"
    assert "seeds 0-99 that solve XOR" in result.output
    assert {p.name for p in out.iterdir()} == {"xor.png", "loss.png", "model.npz"}
    assert nn.load_model(out / "model.npz").forward(nn._demos.XOR_X).shape == (4, 1)


def test_existing_output_needs_force_and_bad_input_exits_2(tmp_path):
    out = tmp_path / "c"
    out.mkdir()
    result = CliRunner().invoke(cli, ["train", "curves", "-o", str(out), "--epochs", "5"])
    assert result.exit_code == 2 and "--force" in result.output
    result = CliRunner().invoke(cli, ["train", "curves", "-o", str(out), "--epochs", "5",
                                      "--force"])
    assert result.exit_code == 0 and (out / "curves.png").is_file()
    result = CliRunner().invoke(cli, ["train", "lenet5", "-o", str(tmp_path / "l"), "--data",
                                      str(tmp_path / "missing")])
    assert result.exit_code == 2 and "MNIST folder not found" in result.output
    assert not (tmp_path / "l").exists()
