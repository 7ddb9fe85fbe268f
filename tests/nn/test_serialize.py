"""Saving and loading models (mirrors ``pyrkit/nn/_serialize.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import nn
from pyrkit.errors import FileFormatError, OutputExistsError


def _model():
    g = np.random.default_rng(0)
    return nn.Sequential(nn.Conv2d(1, 2, 3, padding=1, rng=g), nn.PReLU(2), nn.MaxPool2d(2),
                         nn.BlurDownsample(learnable=True), nn.Flatten(),
                         nn.Linear(2, 3, rng=g), nn.Sigmoid())


def test_round_trip_restores_architecture_and_outputs(tmp_path):
    model = _model()
    model[3].kernel += 0.01  # a learned kernel must come back too
    x = np.random.default_rng(1).standard_normal((2, 1, 4, 4))
    path = nn.save_model(model, tmp_path / "m.npz", metadata={"accuracy": 0.5})
    loaded, meta = nn.load_model(path, with_metadata=True)
    assert meta == {"accuracy": 0.5}
    assert repr(loaded) == repr(model)
    np.testing.assert_array_equal(loaded.forward(x), model.forward(x))


def test_save_does_not_clobber_without_force(tmp_path):
    path = nn.save_model(_model(), tmp_path / "m.npz")
    with pytest.raises(OutputExistsError):
        nn.save_model(_model(), path)
    nn.save_model(_model(), path, force=True)


@pytest.mark.parametrize("content", [b"", b"not a zip at all", bytes(range(256)) * 4])
def test_random_bytes_are_a_file_format_error(tmp_path, content):
    path = tmp_path / "bad.npz"
    path.write_bytes(content)
    with pytest.raises(FileFormatError, match="bad.npz"):
        nn.load_model(path)


def test_truncated_file_is_a_file_format_error(tmp_path):
    path = nn.save_model(_model(), tmp_path / "m.npz")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FileFormatError):
        nn.load_model(path)


def test_plain_npz_without_header_is_rejected(tmp_path):
    path = tmp_path / "plain.npz"
    np.savez(path, weight=np.ones(3))
    with pytest.raises(FileFormatError, match="not a pyrkit model"):
        nn.load_model(path)


def test_missing_file_is_a_file_format_error(tmp_path):
    with pytest.raises(FileFormatError, match="not found"):
        nn.load_model(tmp_path / "nope.npz")
