"""Shared test settings: per-dtype tolerances and the shared data folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

#: Relative tolerance for exactness checks, per working dtype.
RTOL = {np.dtype(np.float32): 1e-5, np.dtype(np.float64): 1e-12}

#: Real data for tests (read-only, beside the repository).
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.fail(f"test data folder missing: {DATA}")
    return DATA
