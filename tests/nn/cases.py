"""The registry of layer and loss cases every generic test runs over.

Each case is ``(id, factory, input_shape)``; a factory takes a Generator and returns a float64
layer.  Add every new layer here: the finite-difference, adjoint, Jacobian and PyTorch tests
pick it up.
"""

from __future__ import annotations

import numpy as np

from pyrkit import nn

F64 = np.float64

LAYER_CASES = [
    ("Linear", lambda g: nn.Linear(4, 3, rng=g), (5, 4)),
    ("Linear-nobias", lambda g: nn.Linear(4, 3, bias=False, rng=g), (2, 4)),
    ("Conv2d", lambda g: nn.Conv2d(2, 3, 3, rng=g), (2, 2, 6, 5)),
    ("Conv2d-stride-pad", lambda g: nn.Conv2d(2, 2, (3, 3), stride=2, padding=1, rng=g),
     (2, 2, 7, 6)),
    ("Conv2d-5x5-nobias", lambda g: nn.Conv2d(1, 2, 5, bias=False, rng=g), (1, 1, 7, 7)),
    ("AvgPool2d", lambda g: nn.AvgPool2d(2), (2, 2, 4, 5)),
    ("AvgPool2d-overlap", lambda g: nn.AvgPool2d(3, stride=2), (1, 2, 7, 6)),
    ("MaxPool2d", lambda g: nn.MaxPool2d(2), (2, 2, 4, 6)),
    ("MaxPool2d-overlap", lambda g: nn.MaxPool2d(3, stride=2), (1, 2, 7, 5)),
    ("Flatten", lambda g: nn.Flatten(), (2, 3, 2, 2)),
    ("Sigmoid", lambda g: nn.Sigmoid(), (3, 4)),
    ("Tanh", lambda g: nn.Tanh(), (3, 4)),
    ("ReLU", lambda g: nn.ReLU(), (3, 4)),
    ("LeakyReLU", lambda g: nn.LeakyReLU(0.1), (3, 4)),
    ("PReLU", lambda g: nn.PReLU(), (3, 4)),
    ("PReLU-channels", lambda g: nn.PReLU(3, init=0.1), (2, 3, 2, 2)),
    ("BlurDownsample", lambda g: nn.BlurDownsample(), (2, 7, 6)),
    ("BlurDownsample-learnable", lambda g: nn.BlurDownsample(
        kernel=g.uniform(0, 1, 5), learnable=True), (2, 7, 6)),
    ("BlurDownsample-learnable-periodic", lambda g: nn.BlurDownsample(
        kernel=g.uniform(0, 1, 3), boundary="periodic", learnable=True), (6, 5)),
    ("UpsampleBlur", lambda g: nn.UpsampleBlur((7, 6)), (2, 4, 3)),
    ("UpsampleBlur-learnable", lambda g: nn.UpsampleBlur(
        (7, 6), kernel=g.uniform(0, 1, 5), learnable=True), (2, 4, 3)),
    ("UpsampleBlur-learnable-zero", lambda g: nn.UpsampleBlur(
        (6, 5), kernel=g.uniform(0, 1, 5), boundary="zero", learnable=True), (3, 3)),
    ("LaplacianBand-learnable", lambda g: nn.LaplacianBand(
        kernel=g.uniform(0, 1, 5), learnable=True), (2, 7, 6)),
    ("LaplacianBand-symmetric", lambda g: nn.LaplacianBand(
        kernel=g.uniform(0, 1, 5), boundary="symmetric", learnable=True), (5, 8)),
    ("SteerableBands", lambda g: nn.SteerableBands(levels=1, order=2), (2, 9, 8)),
    ("Sequential-lenet-like", lambda g: nn.Sequential(
        nn.Conv2d(1, 2, 3, rng=g), nn.Tanh(), nn.AvgPool2d(2), nn.Conv2d(2, 2, 2, rng=g),
        nn.ReLU(), nn.Flatten(), nn.Linear(2, 3, rng=g), nn.PReLU()), (2, 1, 6, 6)),
]

#: Layers that are linear in their input: their backward must be their adjoint.
LINEAR_IDS = {"Linear-nobias", "Conv2d-5x5-nobias", "AvgPool2d", "Flatten", "BlurDownsample",
              "BlurDownsample-learnable", "BlurDownsample-learnable-periodic", "UpsampleBlur",
              "UpsampleBlur-learnable", "UpsampleBlur-learnable-zero",
              "LaplacianBand-learnable", "LaplacianBand-symmetric", "SteerableBands"}

LOSS_CASES = [
    ("EuclideanLoss-sum", lambda: nn.EuclideanLoss(), (4, 3),
     lambda g: g.standard_normal((4, 3))),
    ("EuclideanLoss-mean", lambda: nn.EuclideanLoss("mean"), (4, 3),
     lambda g: g.standard_normal((4, 3))),
    ("SoftmaxCrossEntropy-labels", lambda: nn.SoftmaxCrossEntropy(), (5, 4),
     lambda g: g.integers(0, 4, 5)),
    ("SoftmaxCrossEntropy-probs-sum", lambda: nn.SoftmaxCrossEntropy("sum"), (3, 4),
     lambda g: g.dirichlet(np.ones(4), 3)),
]


def make_input(shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape)
