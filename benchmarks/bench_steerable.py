"""Steerable pyramid: build + reconstruct, pyrkit against pyrtools and plenoptic, in one run.

Order 3 (4 orientations), 4 levels, real and complex, 512x512 and 2048x2048, float64 and float32.
pyrtools ``SteerablePyramidFreq`` rebuilds its masks on every call (that is its API);
plenoptic's ``SteerablePyramidFreq`` module is built once, outside the timing, and run with 2
torch threads; pyrkit's masks are cached per (shape, parameters), so after the first call a
build is the transforms alone.  The implementations are timed round-robin (one call each per
round) so that load from other processes affects them alike; the table gives medians.

Usage: ``python "$PWD/benchmarks/bench_steerable.py" [--quick]`` (from the repository root)
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fmt_ratio, table, write_section  # noqa: E402

from pyrkit.pyramids import SteerablePyramid  # noqa: E402

LEVELS, ORDER = 4, 3


def round_robin(fns: dict[str, Callable[[], object]], rounds: int,
                x: np.ndarray) -> tuple[dict[str, float], dict[str, float]]:
    """Median seconds per call of each function (one call each per round, after a warm-up
    call whose result gives the reconstruction error)."""
    from pyrkit._array import to_numpy

    errors = {}
    for name, fn in fns.items():
        rec = np.asarray(to_numpy(fn())).reshape(x.shape)
        errors[name] = float(np.abs(rec - x).max())
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}, errors


def peers(x: np.ndarray, complex_: bool) -> dict[str, Callable[[], object]]:
    import plenoptic as po
    import pyrtools as pt
    import torch

    n = x.shape[0]
    tdtype = torch.float64 if x.dtype == np.float64 else torch.float32
    spyr = po.process.SteerablePyramidFreq((n, n), height=LEVELS, order=ORDER,
                                           is_complex=complex_).to(tdtype)
    xt = torch.from_numpy(x)[None, None]

    def plenoptic_run() -> object:
        with torch.no_grad():
            return spyr.recon_pyr(spyr.forward(xt))

    def pyrtools_run() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pt.pyramids.SteerablePyramidFreq(x, LEVELS, ORDER,
                                                    is_complex=complex_).recon_pyr()

    return {"pyrtools": pyrtools_run, "plenoptic": plenoptic_run}


def main(quick: bool = False) -> None:
    import torch

    torch.set_num_threads(2)
    rng = np.random.default_rng(0)
    sizes = [(512, 7), (2048, 3)] if not quick else [(256, 3)]
    rows, errors = [], []
    for n, rounds in sizes:
        for dtype in (np.float64, np.float32):
            x = rng.random((n, n)).astype(dtype)
            for complex_ in (False, True):
                def ours(x=x, complex_=complex_) -> object:
                    return SteerablePyramid(x, LEVELS, ORDER, complex=complex_).reconstruct()

                fns = {"pyrkit": ours}
                fns.update(peers(x, complex_))
                t, errs = round_robin(fns, rounds, x)
                bank = SteerablePyramid(x, LEVELS, ORDER, complex=complex_).bank
                n_fft = 2 * len(bank.fft_sizes())
                full = 2 * sum(h * w for h, w, _ in bank.fft_sizes()) / (n * n)
                best_peer = min(t["pyrtools"], t["plenoptic"])
                rows.append([
                    f"{n}x{n}", np.dtype(dtype).name, "complex" if complex_ else "real",
                    f"{t['pyrkit'] * 1e3:.1f}",
                    f"{t['pyrtools'] * 1e3:.1f}", f"{t['plenoptic'] * 1e3:.1f}",
                    fmt_ratio(best_peer / t["pyrkit"]),
                    f"{n_fft} ({full:.1f})", f"{t['pyrkit'] / full * 1e3:.2f}",
                ])
                errors.append([f"{n}x{n}", np.dtype(dtype).name,
                               "complex" if complex_ else "real",
                               *(f"{errs[k]:.1e}" for k in ("pyrkit", "pyrtools", "plenoptic"))])
                print(" | ".join(rows[-1]), flush=True)
    header = ["size", "dtype", "kind", "pyrkit ms", "pyrtools ms",
              "plenoptic ms", "speed-up vs faster peer",
              "pyrkit FFTs (full-size equiv.)", "pyrkit ms per full-size FFT"]
    body = (
        "Build + reconstruct, order 3 (4 orientations), 4 levels; medians of round-robin "
        "calls (7 rounds at 512, 3 at 2048); pyrkit's FFTs run on scipy.fft (pocketfft, "
        "2 workers), plenoptic's on torch.fft (2 threads). pyrkit's FFT count is per "
        "build + reconstruct: "
        "one batched transform of K bands counts K; the full-size equivalent weights each "
        "transform by its size relative to the image (real and complex alike).\n\n"
        + table(header, rows)
        + "\n\nMax reconstruction error of the same runs (pyrtools' and plenoptic's masks "
        "come from look-up tables or float32 constants):\n\n"
        + table(["size", "dtype", "kind", "pyrkit", "pyrtools", "plenoptic"], errors)
    )
    if not quick:
        write_section("steerable", "Steerable pyramid (build + reconstruct)", body)
    else:
        print(body)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
