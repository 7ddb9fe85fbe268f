"""The gallery's network section (mirrors ``pyrkit/demo/_nn.py``)."""

from __future__ import annotations

from pyrkit.demo import SECTION_NAMES
from pyrkit.demo import _nn


def test_nn_section_writes_its_figures(tmp_path):
    assert "nn" in SECTION_NAMES
    section = _nn.run(tmp_path)
    for name, _ in section.figures:
        assert (tmp_path / name).stat().st_size > 1000
    numbers = dict(section.numbers)
    assert float(numbers["Burt-Adelson a of the learned kernel (binomial: 0.375)"]) > 0.45
