"""IDX reading and the demo data sets (mirrors ``pyrkit/nn/_data.py``)."""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from pyrkit import nn
from pyrkit.errors import FileFormatError

from conftest import DATA


def _idx(dims, body, code=8):
    head = bytes([0, 0, code, len(dims)]) + b"".join(d.to_bytes(4, "big") for d in dims)
    return head + body


def test_reads_gzip_and_raw_idx(tmp_path):
    raw = _idx((2, 2), bytes([1, 2, 3, 4]))
    (tmp_path / "a.idx").write_bytes(raw)
    (tmp_path / "a.idx.gz").write_bytes(gzip.compress(raw))
    for name in ("a.idx", "a.idx.gz"):
        np.testing.assert_array_equal(nn.read_idx(tmp_path / name), [[1, 2], [3, 4]])


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n0000", "not an IDX"),
    (_idx((2, 3), bytes(5)), "truncated"),
    (_idx((2,), bytes(3)), "longer"),
    (bytes([0, 0, 8, 3, 0, 0]), "truncated inside"),
])
def test_bad_idx_files_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.idx"
    path.write_bytes(content)
    with pytest.raises(FileFormatError, match=message):
        nn.read_idx(path)


def test_truncated_gzip_is_a_clear_error(tmp_path):
    data = gzip.compress(_idx((100,), bytes(100)))
    path = tmp_path / "t.gz"
    path.write_bytes(data[:-10])
    with pytest.raises(FileFormatError, match="gzip"):
        nn.read_idx(path)


def test_mnist_t10k_loads(data_dir):
    images, labels = nn.load_mnist(DATA / "mnist")
    assert images.shape == (10000, 28, 28) and images.dtype == np.float32
    assert 0.0 <= images.min() and images.max() == 1.0
    assert np.bincount(labels).min() > 800  # every digit is present


def test_sklearn_digits_split_is_seeded():
    x, y = nn.load_digits()
    a = nn.train_test_split(x, y, rng=3)
    b = nn.train_test_split(x, y, rng=3)
    assert len(a[2]) == round(0.2 * len(x))
    np.testing.assert_array_equal(a[3], b[3])
