"""Laplacian pyramid build + reconstruct: pyrkit against OpenCV, pyrtools and scikit-image.

All libraries get the same image, the same number of levels and the binomial 5-tap kernel
(pyrtools ``binom5``; OpenCV's fixed kernel; scikit-image's Gaussian of sigma ~1 for
``pyramid_laplacian``, build only since it has no reconstruction).  Writes the table into
BENCHMARKS.md.  Usage: ``python benchmarks/bench_pyramids.py [--quick]``.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np

from _common import fmt_ms, fmt_ratio, peak_traced_bytes, round_robin_medians, table, write_section

import pyrkit

LEVELS = 5


def pyrkit_roundtrip(img: np.ndarray) -> np.ndarray:
    pyr = pyrkit.LaplacianPyramid(img, LEVELS, channel_axis=-1 if img.ndim == 3 else None)
    return pyr.reconstruct()


def opencv_roundtrip(img: np.ndarray) -> np.ndarray:
    import cv2

    g, bands = img, []
    for _ in range(LEVELS):
        coarse = cv2.pyrDown(g)
        bands.append(g - cv2.pyrUp(coarse, dstsize=(g.shape[1], g.shape[0])))
        g = coarse
    for band in reversed(bands):
        g = band + cv2.pyrUp(g, dstsize=(band.shape[1], band.shape[0]))
    return g


def pyrtools_roundtrip(img: np.ndarray) -> np.ndarray:
    import pyrtools as pt

    channels = [img] if img.ndim == 2 else [img[..., c] for c in range(img.shape[-1])]
    out = [pt.pyramids.LaplacianPyramid(c, height=LEVELS).recon_pyr() for c in channels]
    return out[0] if img.ndim == 2 else np.stack(out, axis=-1)


def skimage_build(img: np.ndarray) -> list:
    from skimage.transform import pyramid_laplacian

    return list(pyramid_laplacian(img, max_layer=LEVELS, channel_axis=-1 if img.ndim == 3 else None))


PEERS = {"OpenCV": opencv_roundtrip, "pyrtools": pyrtools_roundtrip,
         "scikit-image (build only)": skimage_build}


def main(quick: bool = False) -> None:
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(0)
    sizes = [512] if quick else [512, 2048]
    rows = []
    for n in sizes:
        for channels in (None, 3):
            for dtype in (np.float32, np.float64):
                shape = (n, n) if channels is None else (n, n, channels)
                img = rng.random(shape).astype(dtype)
                repeat = 9 if n <= 512 else 5
                fns = {"pyrkit": lambda: pyrkit_roundtrip(img)}
                fns.update({name: (lambda f=f: f(img)) for name, f in PEERS.items()})
                times = round_robin_medians(fns, repeat=repeat)
                ours = times.pop("pyrkit")
                err = float(np.abs(pyrkit_roundtrip(img) - img).max())
                peak = peak_traced_bytes(lambda: pyrkit_roundtrip(img))
                pyramid_bytes = sum(v.nbytes for v in pyrkit.LaplacianPyramid(
                    img, LEVELS, channel_axis=-1 if channels else None).values())
                extra = (peak - pyramid_bytes) / img.nbytes
                label = f"{n}x{n}{'x3' if channels else ''} {np.dtype(dtype).name}"
                rows.append([label, fmt_ms(ours)]
                            + [f"{fmt_ms(t)} ({fmt_ratio(t / ours)})" for t in times.values()]
                            + [f"{err:.1e}", f"{extra:.2f}"])
                print(rows[-1], flush=True)
    header = ["image", "pyrkit ms"] + [f"{p} ms (pyrkit speed-up)" for p in PEERS] + [
        "pyrkit max error", "pyrkit peak memory beyond pyramid (x image)"]
    body = (
        f"Laplacian pyramid, {LEVELS} levels, build + reconstruct (scikit-image: build only, it "
        "has no reconstruction). Median wall time; in brackets the peer's time divided by "
        "pyrkit's (above 1: pyrkit faster); the contenders are timed in turns so load bursts hit all alike. Peak memory is traced NumPy allocation during "
        "build + reconstruct minus the pyramid's own bytes, in units of the input image. The first call of each dtype compiles the NumPy kernels "
        "(Numba, cached on disk afterwards) and is excluded as warm-up. On this virtual machine "
        "fresh multi-100 MB allocations are sometimes slow to fault in, which can dominate the "
        "largest rows (float64 colour 2048x2048 runs in about 220 ms on its own).\n\n"
        + table(header, rows))
    write_section("pyramids", "Gaussian and Laplacian pyramids", body)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
