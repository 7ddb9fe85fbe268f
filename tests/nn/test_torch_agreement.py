"""Forward and backward of every layer type and loss against PyTorch autograd, same weights."""

from __future__ import annotations

import numpy as np
import pytest

from pyrkit import nn

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _t(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64, requires_grad=True)


def _pair(g):
    """(pyrkit layer, torch function of (x, params), input shape) for every layer type."""
    conv = nn.Conv2d(2, 3, 3, stride=2, padding=1, rng=g)
    lin = nn.Linear(4, 3, rng=g)
    prelu = nn.PReLU(3, init=0.2)
    return [
        ("Linear", lin, lambda x, p: x @ p["weight"] + p["bias"], (5, 4)),
        ("Conv2d", conv, lambda x, p: F.conv2d(x, p["weight"], p["bias"], stride=2, padding=1),
         (2, 2, 7, 6)),
        ("AvgPool2d", nn.AvgPool2d(2), lambda x, p: F.avg_pool2d(x, 2), (2, 3, 6, 7)),
        ("AvgPool2d-3-2", nn.AvgPool2d(3, 2), lambda x, p: F.avg_pool2d(x, 3, 2), (1, 2, 7, 8)),
        ("MaxPool2d", nn.MaxPool2d(2), lambda x, p: F.max_pool2d(x, 2), (2, 3, 6, 7)),
        ("MaxPool2d-3-2", nn.MaxPool2d(3, 2), lambda x, p: F.max_pool2d(x, 3, 2), (1, 2, 7, 8)),
        ("Flatten", nn.Flatten(), lambda x, p: x.flatten(1), (2, 3, 2, 2)),
        ("Sigmoid", nn.Sigmoid(), lambda x, p: torch.sigmoid(x), (3, 5)),
        ("Tanh", nn.Tanh(), lambda x, p: torch.tanh(x), (3, 5)),
        ("ReLU", nn.ReLU(), lambda x, p: F.relu(x), (3, 5)),
        ("LeakyReLU", nn.LeakyReLU(0.2), lambda x, p: F.leaky_relu(x, 0.2), (3, 5)),
        ("PReLU", prelu, lambda x, p: F.prelu(x, p["weight"]), (2, 3, 2, 2)),
    ]


CASES = _pair(np.random.default_rng(0))


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_layer_matches_torch_autograd(case):
    _, layer, fn, shape = case
    g = np.random.default_rng(1)
    x = g.standard_normal(shape)
    layer.zero_grad()
    y = layer.forward(x)
    df = g.standard_normal(y.shape)
    dx = layer.backward(df)
    xt = _t(x)
    params = {k: _t(v) for k, v in layer.params().items()}
    if "weight" in params and isinstance(layer, nn.Conv2d):
        pass  # same (O, C, KH, KW) layout
    yt = fn(xt, params)
    yt.backward(torch.tensor(df))
    np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-12, atol=1e-12)
    for k, p in params.items():
        np.testing.assert_allclose(layer.grads()[k], p.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_losses_match_torch():
    g = np.random.default_rng(2)
    z, labels, t = g.standard_normal((6, 4)), g.integers(0, 4, 6), g.standard_normal((6, 4))
    ce = nn.SoftmaxCrossEntropy()
    zt = _t(z)
    ref = F.cross_entropy(zt, torch.tensor(labels))
    ref.backward()
    assert ce.forward(z, labels) == pytest.approx(ref.item(), rel=1e-13)
    np.testing.assert_allclose(ce.backward(), zt.grad.numpy(), rtol=1e-12, atol=1e-15)
    eu = nn.EuclideanLoss()
    zt = _t(z)
    ref = 0.5 * F.mse_loss(zt, torch.tensor(t), reduction="sum")
    ref.backward()
    assert eu.forward(z, t) == pytest.approx(ref.item(), rel=1e-13)
    np.testing.assert_allclose(eu.backward(), zt.grad.numpy(), rtol=1e-12)


def test_sgd_with_momentum_and_weight_decay_follows_torch():
    g = np.random.default_rng(3)
    layer = nn.Linear(3, 2, rng=g)
    w = torch.tensor(layer.weight.copy(), requires_grad=True)
    b = torch.tensor(layer.bias.copy(), requires_grad=True)
    opt = nn.SGD(layer, lr=0.1, momentum=0.9, weight_decay=0.01)
    topt = torch.optim.SGD([w, b], lr=0.1, momentum=0.9, weight_decay=0.01)
    loss = nn.EuclideanLoss()
    for _ in range(5):
        x, t = g.standard_normal((4, 3)), g.standard_normal((4, 2))
        loss.forward(layer.forward(x), t)
        layer.backward(loss.backward())
        opt.step()
        opt.zero_grad()
        topt.zero_grad()
        (0.5 * ((torch.tensor(x) @ w + b - torch.tensor(t)) ** 2).sum()).backward()
        topt.step()
    np.testing.assert_allclose(layer.weight, w.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(layer.bias, b.detach().numpy(), rtol=1e-12)


def test_lenet5_matches_torch_float32():
    model = nn.lenet5(rng=0, dtype=np.float32)
    tm = torch.nn.Sequential(
        torch.nn.Conv2d(1, 6, 5), torch.nn.Tanh(), torch.nn.AvgPool2d(2),
        torch.nn.Conv2d(6, 16, 5), torch.nn.Tanh(), torch.nn.AvgPool2d(2),
        torch.nn.Conv2d(16, 120, 5), torch.nn.Tanh(), torch.nn.Flatten(),
        torch.nn.Linear(120, 84), torch.nn.Tanh(), torch.nn.Linear(84, 10))
    with torch.no_grad():
        for i, j in [(0, 0), (3, 3), (6, 6), (9, 9), (11, 11)]:
            w = model[i].weight
            tm[j].weight.copy_(torch.from_numpy(w.T.copy() if w.ndim == 2 else w))
            tm[j].bias.copy_(torch.from_numpy(model[i].bias))
    x = np.random.default_rng(4).standard_normal((3, 1, 32, 32)).astype(np.float32)
    y = model.forward(x)
    assert y.dtype == np.float32
    np.testing.assert_allclose(y, tm(torch.from_numpy(x)).detach().numpy(), rtol=1e-4,
                               atol=1e-5)
