"""A small neural-network engine with explicit, layer-by-layer backpropagation.

A network is a composition ``x_i = F_i(x_(i-1), w_i)``; every layer is a
:class:`pyrkit._layer.Layer` with ``forward`` and ``backward``, exactly like the pyramid stages,
and training is SGD on gradients from the chain rule::

    dC/dx_(i-1) = dC/dx_i . dF_i/dx_(i-1)        dC/dw_i = dC/dx_i . dF_i/dw_i

No automatic differentiation is used: each ``backward`` is written out.  NumPy arrays only.

Layers
    Linear, Conv2d, AvgPool2d, MaxPool2d, Flatten, Sequential
    Sigmoid, Tanh, ReLU, LeakyReLU, PReLU
    BlurDownsample, UpsampleBlur, LaplacianBand   pyramid stages, fixed or with learnable kernels
    SteerableBands                                the steerable pyramid as a fixed layer
Costs
    EuclideanLoss (1/2 sum of squares), SoftmaxCrossEntropy
Training
    SGD (momentum, weight decay), constant_lr, step_lr, cosine_lr, fit, evaluate, predict,
    init_weight (Xavier/Glorot, He)
Verification
    jacobian, gradcheck, relative_error
Models, data and demos
    save_model, load_model; xor_net, curve_net, digits_mlp, lenet5;
    read_idx, load_mnist, load_digits, train_test_split;
    train_xor, xor_convergence, fit_curves, train_digits, train_lenet5, learn_pyramid_kernel;
    plot_history, plot_filters, plot_kernel; run_task (what ``pyrkit train`` runs)

"""

from ._activations import LeakyReLU, PReLU, ReLU, Sigmoid, Tanh
from ._conv import AvgPool2d, Conv2d, MaxPool2d, conv_output_size
from ._core import Flatten, Linear, Sequential, n_params
from ._gradcheck import gradcheck, jacobian, relative_error
from ._init import init_weight
from ._losses import EuclideanLoss, Loss, SoftmaxCrossEntropy, log_softmax, softmax
from ._optim import SGD, constant_lr, cosine_lr, step_lr
from ._pyramid import BlurDownsample, LaplacianBand, SteerableBands, UpsampleBlur
from ._serialize import load_model, save_model
from ._data import load_digits, load_mnist, read_idx, train_test_split
from ._demos import (TrainResult, fit_curves, kernel_constraints, learn_pyramid_kernel,
                     train_digits, train_lenet5, train_xor, xor_convergence)
from ._plots import gaussian_derivative_filters, plot_filters, plot_history, plot_kernel
from ._tasks import DEFAULT_EPOCHS, TASKS, run_task
from ._train import History, accuracy, evaluate, fit, predict, random_shift
from ._zoo import curve_net, digits_mlp, lenet5, xor_net

__all__ = [
    "Linear", "Conv2d", "AvgPool2d", "MaxPool2d", "Flatten", "Sequential",
    "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "PReLU",
    "BlurDownsample", "UpsampleBlur", "LaplacianBand", "SteerableBands",
    "EuclideanLoss", "SoftmaxCrossEntropy", "Loss", "log_softmax", "softmax",
    "SGD", "constant_lr", "step_lr", "cosine_lr", "init_weight",
    "jacobian", "gradcheck", "relative_error",
    "save_model", "load_model", "conv_output_size", "n_params",
    "fit", "evaluate", "predict", "accuracy", "History", "random_shift",
    "xor_net", "curve_net", "digits_mlp", "lenet5",
    "read_idx", "load_mnist", "load_digits", "train_test_split",
    "TrainResult", "train_xor", "xor_convergence", "fit_curves", "train_digits", "train_lenet5",
    "learn_pyramid_kernel", "kernel_constraints",
    "plot_history", "plot_filters", "plot_kernel", "gaussian_derivative_filters",
    "run_task", "TASKS", "DEFAULT_EPOCHS",
]
