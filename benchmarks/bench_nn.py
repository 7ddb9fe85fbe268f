"""Training speed of pyrkit.nn against PyTorch (CPU): time per epoch and peak memory.

Same data, model, batch size, optimiser (SGD, momentum 0.9), float32, 2 threads for each library
(threadpoolctl limits NumPy's BLAS; ``torch.set_num_threads(2)``).  Each library trains in its
own subprocess, so the two thread pools (OpenBLAS and OpenMP) never compete for the cores, and
peak memory is that process's growth in resident memory during training.  Both loops are the
same minimal loop: shuffle, then per batch forward, loss, backward, step.

    python benchmarks/bench_nn.py [--epochs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA, ROOT, fmt_ratio, table, write_section  # noqa: E402

THREADS = 2
WORKLOADS = {
    "mlp": "MLP 64-128-64-10 on scikit-learn digits (1,438 images, batch 32)",
    "lenet5": "LeNet-5 on MNIST (8,000 images 32x32, batch 64)",
}


def _load(workload: str):
    sys.path.insert(0, str(ROOT / "src"))
    from pyrkit.nn._data import load_digits, train_test_split
    from pyrkit.nn._demos import lenet5_data

    if workload == "mlp":
        x, y = load_digits()
        xtr, ytr, _, _ = train_test_split(x.reshape(len(x), -1), y, rng=0)
        return xtr, ytr, 32
    xtr, ytr, _, _, _ = lenet5_data(DATA / "mnist")
    return xtr, ytr, 64


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _run_pyrkit(workload: str, epochs: int) -> dict:
    import numpy as np
    from threadpoolctl import threadpool_limits

    from pyrkit import nn

    x, y, batch = _load(workload)
    model = (nn.digits_mlp(rng=0) if workload == "mlp" else nn.lenet5(rng=0))
    loss, opt = nn.SoftmaxCrossEntropy(), nn.SGD(model, lr=0.01, momentum=0.9)
    g = np.random.default_rng(0)
    before = _rss()
    times = []
    with threadpool_limits(THREADS), model.no_input_grad():
        for _ in range(epochs + 1):
            start = time.perf_counter()
            order = g.permutation(len(x))
            for i in range(0, len(x), batch):
                idx = order[i:i + batch]
                loss.forward(model.forward(x[idx]), y[idx])
                model.backward(loss.backward())
                opt.step()
                opt.zero_grad()
            times.append(time.perf_counter() - start)
    return {"epoch": statistics.median(times[1:]), "memory": _peak_rss() - before}


def _run_torch(workload: str, epochs: int) -> dict:
    import numpy as np
    import torch

    torch.set_num_threads(THREADS)
    x, y, batch = _load(workload)
    torch.manual_seed(0)
    nnt = torch.nn
    if workload == "mlp":
        model = nnt.Sequential(nnt.Linear(64, 128), nnt.ReLU(), nnt.Linear(128, 64), nnt.ReLU(),
                               nnt.Linear(64, 10))
    else:
        model = nnt.Sequential(
            nnt.Conv2d(1, 6, 5), nnt.Tanh(), nnt.AvgPool2d(2), nnt.Conv2d(6, 16, 5), nnt.Tanh(),
            nnt.AvgPool2d(2), nnt.Conv2d(16, 120, 5), nnt.Tanh(), nnt.Flatten(),
            nnt.Linear(120, 84), nnt.Tanh(), nnt.Linear(84, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    lossf = nnt.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    g = np.random.default_rng(0)
    before = _rss()
    times = []
    for _ in range(epochs + 1):
        start = time.perf_counter()
        order = torch.from_numpy(g.permutation(len(x)))
        for i in range(0, len(x), batch):
            idx = order[i:i + batch]
            opt.zero_grad()
            lossf(model(xt[idx]), yt[idx]).backward()
            opt.step()
        times.append(time.perf_counter() - start)
    return {"epoch": statistics.median(times[1:]), "memory": _peak_rss() - before}


def _child(library: str, workload: str, epochs: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", library, workload,
                          "--epochs", str(epochs), "--threads", str(THREADS)], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--child", nargs=2, metavar=("LIBRARY", "WORKLOAD"))
    args = parser.parse_args()
    global THREADS
    THREADS = args.threads
    if args.child:
        library, workload = args.child
        run = _run_pyrkit if library == "pyrkit" else _run_torch
        print(json.dumps(run(workload, args.epochs)))
        return
    import os

    load_before = os.getloadavg()[0]
    rows = []
    for workload, label in WORKLOADS.items():
        ours, theirs = _child("pyrkit", workload, args.epochs), _child("torch", workload,
                                                                      args.epochs)
        target = 1.2 if workload == "mlp" else 1.5
        ratio = ours["epoch"] / theirs["epoch"]
        rows.append([label, f"{ours['epoch']:.3f}", f"{theirs['epoch']:.3f}", fmt_ratio(ratio),
                     f"{target:.1f}x", "met" if ratio <= target else "missed",
                     f"{ours['memory'] / 2**20:.0f}", f"{theirs['memory'] / 2**20:.0f}"])
        print(rows[-1], flush=True)
    body = table(["workload", "pyrkit s/epoch", "PyTorch s/epoch", "ratio", "target", "",
                  "pyrkit peak MiB", "PyTorch peak MiB"], rows)
    body += (f"\n\nMedian of {args.epochs} epochs after one warm-up, float32, {THREADS} threads "
             "each, each library in its own process; SGD with momentum 0.9, softmax "
             "cross-entropy. Peak memory: growth of the process's peak resident memory during "
             "training. pyrkit's first layer skips its input gradient, as PyTorch's does for an "
             "input that does not require grad. "
             f"Load average of the (shared) machine: {load_before:.1f} before, "
             f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores; with the cores "
             "oversubscribed, multi-threaded pools (PyTorch's OpenMP above all) slow down "
             "sharply, so compare ratios only from a quiet machine.")
    write_section("nn", "Neural networks: training time per epoch (pyrkit.nn vs PyTorch CPU)",
                  body)


if __name__ == "__main__":
    main()
