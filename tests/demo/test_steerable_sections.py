"""The steerable gallery sections build their pictures and report exact numbers."""

from __future__ import annotations

import pytest

from pyrkit.demo import SECTION_NAMES


@pytest.mark.parametrize("name", ["steerable_filters", "steerable_pyramid"])
def test_section_builds(tmp_path, name):
    import importlib

    assert name in SECTION_NAMES
    section = importlib.import_module(f"pyrkit.demo._{name}").run(tmp_path)
    for file, caption in section.figures:
        assert (tmp_path / file).stat().st_size > 1000 and caption
    errors = [float(v) for k, v in section.numbers if "error" in k and "float32" not in k]
    assert errors and max(errors) < 1e-10
