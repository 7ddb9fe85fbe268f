"""The progress-bar helper."""

from __future__ import annotations

from pyrkit._progress import progress


def _count(n):
    yield from range(n)


def test_estimated_total_becomes_the_count_seen(capsys):
    bar = progress(_count(31), total=32, disable=False)
    assert list(bar) == list(range(31))
    assert bar.n == bar.total == 31
    assert "31/31" in capsys.readouterr().err


def test_interrupted_bar_keeps_its_total(capsys):
    bar = progress(_count(10), total=10, disable=False)
    for i in bar:
        if i == 3:
            break
    bar.close()
    assert bar.total == 10 and bar.n < 10
    assert "/10" in capsys.readouterr().err


def test_sized_iterable_sets_the_total_and_disabled_bar_still_iterates(capsys):
    assert progress([1, 2, 3], disable=False).total == 3
    assert list(progress(_count(4), total=9, disable=True)) == [0, 1, 2, 3]
    capsys.readouterr()
