"""Shared benchmark plumbing: timing, peak memory, machine description, BENCHMARKS.md sections.

Each ``bench_*.py`` script times pyrkit and its peers side by side in one run and calls
:func:`write_section` with a Markdown table; the section is replaced in ``BENCHMARKS.md`` between
``<!-- NAME -->`` and ``<!-- /NAME -->`` markers, so scripts never overwrite each other.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"
DATA = ROOT.parent / "shared" / "data"


def _one_run(fn: Callable[[], Any], min_time: float) -> float:
    """Seconds per call of ``fn``, calling it until ``min_time`` has passed (so fast calls are
    not dominated by timer noise)."""
    n, start = 0, time.perf_counter()
    while True:
        fn()
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            return elapsed / n


def median_time(fn: Callable[[], Any], *, repeat: int = 7, min_time: float = 0.05) -> float:
    """Median over ``repeat`` runs of the seconds per call of ``fn``, after one warm-up call."""
    fn()
    return statistics.median(_one_run(fn, min_time) for _ in range(repeat))


def round_robin_medians(fns: dict[str, Callable[[], Any]], *, repeat: int = 7,
                        min_time: float = 0.05) -> dict[str, float]:
    """Median time of each function, timed in turns (A B C, A B C, ...) so that a burst of load
    on a shared machine hits every contender alike rather than one of them."""
    for fn in fns.values():
        fn()  # warm-up (and JIT compilation)
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            times[name].append(_one_run(fn, min_time))
    return {name: statistics.median(t) for name, t in times.items()}


def peak_traced_bytes(fn: Callable[[], Any]) -> int:
    """Peak Python-heap allocation (NumPy arrays included) during ``fn()``, via tracemalloc."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def machine() -> str:
    """One line describing the machine and library versions."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import numpy

    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"NumPy {numpy.__version__}")


def git_revision() -> str:
    try:
        return subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                       text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def write_section(name: str, title: str, body: str) -> None:
    """Replace (or append) section ``name`` of BENCHMARKS.md with ``body`` under ``title``."""
    script = Path(sys.argv[0]).resolve()
    shown = script.relative_to(ROOT).as_posix() if script.is_relative_to(ROOT) else sys.argv[0]
    command = " ".join(["python", shown, *sys.argv[1:]])
    block = (f"<!-- {name} -->\n## {title}\n\n"
             f"Machine: {machine()}. Revision {git_revision()}, "
             f"{time.strftime('%Y-%m-%d')}. Command: `{command}`.\n\n{body.strip()}\n"
             f"<!-- /{name} -->")
    text = BENCHMARKS_MD.read_text() if BENCHMARKS_MD.exists() else (
        "# Benchmarks\n\nSide-by-side timings of pyrkit and its peers, each table from one run "
        "on one machine. The machine is shared and noisy: read the ratios, not the absolute "
        "times.\n")
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    BENCHMARKS_MD.write_text(text)


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f}"


def fmt_ratio(value: float) -> str:
    return f"{value:.2f}x"
