"""Networks trained by explicit backpropagation: each layer's backward pass is written out, and a
pyramid stage is a layer like any other. XOR with two hidden units, Bishop's curve fitting with
three, the generating kernel of a Laplacian pyramid learned from image patches, and the first-layer
filters of LeNet-5 trained on scikit-learn's digits next to Gaussian-derivative filters."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..nn import (fit_curves, learn_pyramid_kernel, plot_filters, plot_history, plot_kernel,
                  train_lenet5, train_xor)
from ..nn._plots import plot_curves, plot_xor
from ._gallery import Section


def run(out: Path) -> Section:
    xor = train_xor(seed=0, epochs=1000)
    plot_xor(xor, out / "nn_xor.png")
    fits = fit_curves(seed=0, epochs=4000)
    plot_curves(fits, out / "nn_curves.png")
    kernel = learn_pyramid_kernel(steps=200, seed=0)
    plot_kernel(kernel, out / "nn_kernel.png")
    lenet = train_lenet5(None, epochs=4, seed=0, show_progress=False)
    plot_history(lenet.history, out / "nn_lenet_history.png", title="LeNet-5 on digits")
    plot_filters(lenet.model[0].weight, out / "nn_filters.png", title="C1")
    a = kernel.kernel[len(kernel.kernel) // 2]
    return Section(
        title="Neural networks with explicit backpropagation",
        caption="",
        figures=[
            ("nn_xor.png", "XOR learned by a 2-2-1 tanh/sigmoid network (output over the plane; "
             "the black line is the 0.5 decision boundary)."),
            ("nn_curves.png", "Bishop's Fig. 5.3: a network with three tanh hidden units fitted "
             "to 50 samples of x^2, sin(pi x), |x| and a step; dashed: the hidden units."),
            ("nn_kernel.png", "The 5-tap generating kernel of one Laplacian level learned from "
             "skimage patches (soft-threshold coding of the band plus an L1 penalty), from noise, "
             "next to the binomial [1 4 6 4 1]/16."),
            ("nn_filters.png", "LeNet-5's six first-layer filters after a short training on "
             "digits (top) beside oriented Gaussian-derivative filters (bottom)."),
            ("nn_lenet_history.png", "LeNet-5 training on scikit-learn digits at 32x32."),
        ],
        numbers=[
            ("XOR outputs at (0,0) (0,1) (1,0) (1,1)",
             ", ".join(f"{v:.2f}" for v in xor.info["outputs"])),
            ("curve fits, mean squared error",
             ", ".join(f"{f.name} {f.loss:.2g}" for f in fits)),
            ("learned kernel", np.array2string(kernel.kernel, precision=3)),
            ("Burt-Adelson a of the learned kernel (binomial: 0.375)", f"{a:.3f}"),
            ("distance to [1 4 6 4 1]/16", f"{kernel.distance:.3f}"),
            ("LeNet-5 test accuracy on digits (4 epochs)", f"{100 * lenet.test_accuracy:.2f}%"),
        ],
    )
