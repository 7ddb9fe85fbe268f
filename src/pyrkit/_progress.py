"""The one progress-bar helper (tqdm), so every long loop looks and behaves the same."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from tqdm.auto import tqdm

__all__ = ["progress"]


class _Bar(tqdm):
    """A bar whose ``total`` may be an estimate (a container's frame count, which can be off by
    one): when the iterable runs out, the total becomes the count actually seen, so a finished
    bar reads 31/31, not 31/32."""

    def __init__(self, iterable: Iterable[Any] | None = None, **kwargs: Any) -> None:
        self._exhausted = False
        if iterable is not None and kwargs.get("total") is None and hasattr(iterable, "__len__"):
            kwargs["total"] = len(iterable)
        super().__init__(None if iterable is None else self._watch(iterable), **kwargs)

    def _watch(self, iterable: Iterable[Any]) -> Iterator[Any]:
        yield from iterable
        self._exhausted = True

    def close(self) -> None:
        if self._exhausted and self.total is not None and self.n != self.total:
            self.total = self.n
        super().close()


def progress(iterable: Iterable[Any] | None = None, *, total: int | None = None,
             desc: str | None = None, unit: str = "it", disable: bool | None = None,
             leave: bool = True) -> tqdm:
    """Wrap ``iterable`` in a progress bar on stderr.

    By default the bar is shown only on a terminal; ``PYRKIT_PROGRESS=0`` hides it and
    ``PYRKIT_PROGRESS=1`` forces it.  ``total`` may be an estimate: a bar whose iterable runs
    out ends at the count it saw.
    """
    env = os.environ.get("PYRKIT_PROGRESS")
    if disable is None and env is not None:
        disable = env == "0"
    return _Bar(iterable, total=total, desc=desc, unit=unit, disable=disable, leave=leave,
                dynamic_ncols=True)
