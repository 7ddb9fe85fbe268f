"""The one progress-bar helper (tqdm), so every long loop looks and behaves the same."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from tqdm.auto import tqdm

__all__ = ["progress"]


def progress(iterable: Iterable[Any] | None = None, *, total: int | None = None,
             desc: str | None = None, unit: str = "it", disable: bool | None = None,
             leave: bool = True) -> tqdm:
    """Wrap ``iterable`` in a progress bar on stderr.

    By default the bar is shown only on a terminal; ``PYRKIT_PROGRESS=0`` hides it and
    ``PYRKIT_PROGRESS=1`` forces it.
    """
    env = os.environ.get("PYRKIT_PROGRESS")
    if disable is None and env is not None:
        disable = env == "0"
    return tqdm(iterable, total=total, desc=desc, unit=unit, disable=disable, leave=leave,
                dynamic_ncols=True)
