"""Linear operators: exact adjoints, conventions, boundary modes, backends, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyrkit import linops
from pyrkit.errors import NonFiniteError, ParameterError, ShapeError
from pyrkit.filters import binomial_kernel
from pyrkit.linops import (
    BOUNDARY_MODES,
    blur_downsample,
    blur_downsample_adjoint,
    correlate1d,
    correlate1d_adjoint,
    correlate_separable,
    correlate_separable_adjoint,
    upsample_blur,
    upsample_blur_adjoint,
)

KERNELS = [None, [1, 2, 1], [0.1, -0.3, 0.5, 0.2, 0.9, -0.1, 0.3]]
SHAPES = [(1, 1), (1, 9), (9, 1), (2, 3), (5, 7), (8, 8), (13, 6)]
NUMPY_PAD = {"reflect101": "reflect", "symmetric": "symmetric", "periodic": "wrap",
             "zero": "constant", "edge": "edge"}


def adjoint_gap(ax: np.ndarray, y: np.ndarray, x: np.ndarray, aty: np.ndarray) -> float:
    """|<Ax, y> - <x, A^T y>| relative to ||Ax|| ||y|| (the Cauchy-Schwarz bound)."""
    scale = np.linalg.norm(ax) * np.linalg.norm(y) + np.linalg.norm(x) * np.linalg.norm(aty)
    return abs(np.vdot(ax, y) - np.vdot(x, aty)) / scale


@pytest.fixture(params=[True, False], ids=["compiled", "array-api"])
def compiled(request, monkeypatch):
    """Run a test with and without the compiled NumPy kernels."""
    monkeypatch.setattr(linops._kernels, "AVAILABLE", request.param and linops._kernels.AVAILABLE)
    return request.param


@pytest.mark.parametrize("mode", BOUNDARY_MODES)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("kernel", KERNELS, ids=["binomial5", "121", "asym7"])
def test_adjoint_identities(mode, shape, kernel, compiled):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, *shape))
    y = blur_downsample(x, kernel=kernel, boundary=mode)
    g = rng.standard_normal(y.shape)
    aty = blur_downsample_adjoint(g, shape, kernel=kernel, boundary=mode)
    assert adjoint_gap(y, g, x, aty) < 1e-12
    c = rng.standard_normal(y.shape)
    u = upsample_blur(c, shape, kernel=kernel, boundary=mode)
    h = rng.standard_normal(u.shape)
    assert adjoint_gap(u, h, c, upsample_blur_adjoint(h, kernel=kernel, boundary=mode)) < 1e-12
    k = kernel or [1, 4, 6, 4, 1]
    z = rng.standard_normal(x.shape)
    s = correlate_separable(x, k, boundary=mode)
    assert adjoint_gap(s, z, x, correlate_separable_adjoint(z, k, boundary=mode)) < 1e-12
    for axis in (-1, -2):
        r = correlate1d(x, k, axis=axis, boundary=mode)
        assert adjoint_gap(r, z, x, correlate1d_adjoint(z, k, axis=axis, boundary=mode)) < 1e-12


@settings(max_examples=60, deadline=None)
@given(h=st.integers(1, 40), w=st.integers(1, 40), mode=st.sampled_from(BOUNDARY_MODES),
       taps=st.sampled_from([1, 3, 5, 7, 9]), seed=st.integers(0, 2**32 - 1))
def test_adjoint_property(h, w, mode, taps, seed):
    rng = np.random.default_rng(seed)
    kernel = rng.standard_normal(taps)
    x = rng.standard_normal((h, w))
    y = blur_downsample(x, kernel=kernel, boundary=mode)
    g = rng.standard_normal(y.shape)
    aty = blur_downsample_adjoint(g, (h, w), kernel=kernel, boundary=mode)
    assert adjoint_gap(y, g, x, aty) < 1e-12
    u = upsample_blur(g, (h, w), kernel=kernel, boundary=mode)
    assert adjoint_gap(u, x, g, upsample_blur_adjoint(x, kernel=kernel, boundary=mode)) < 1e-12


@pytest.mark.parametrize("mode", BOUNDARY_MODES)
def test_boundary_modes_match_numpy_pad(mode, compiled):
    """Oracle: pad with NumPy, correlate with the full 2-D kernel, keep even samples."""
    rng = np.random.default_rng(1)
    x = rng.standard_normal((9, 11))
    w = binomial_kernel(5)
    padded = np.pad(x, 2, mode=NUMPY_PAD[mode])
    full = sum(w[i] * w[j] * padded[i:i + 9, j:j + 11] for i in range(5) for j in range(5))
    np.testing.assert_allclose(correlate_separable(x, w, boundary=mode), full, atol=1e-14)
    np.testing.assert_allclose(blur_downsample(x, boundary=mode), full[::2, ::2], atol=1e-14)


def test_convention_ceil_on_odd_size():
    assert blur_downsample(np.zeros((5, 7))).shape == (3, 4)
    assert linops.coarse_shape((1, 2)) == (1, 1)
    assert upsample_blur(np.zeros((3, 4))).shape == (6, 8)


@pytest.mark.parametrize("mode", ["reflect101", "symmetric", "periodic", "edge"])
@pytest.mark.parametrize("shape", [(1, 1), (4, 5), (7, 2)])
def test_constants_are_preserved(mode, shape, compiled):
    c = np.full(shape, 0.7)
    np.testing.assert_allclose(blur_downsample(c, boundary=mode), 0.7, rtol=1e-14)
    coarse = np.full(linops.coarse_shape(shape), 0.7)
    np.testing.assert_allclose(upsample_blur(coarse, shape, boundary=mode), 0.7, rtol=1e-14)


@pytest.mark.parametrize("mode", BOUNDARY_MODES)
def test_compiled_and_array_api_paths_agree(mode, monkeypatch):
    rng = np.random.default_rng(2)
    x = rng.standard_normal((3, 17, 10)).astype(np.float32)
    fast = (blur_downsample(x, boundary=mode), upsample_blur(x[:, :9, :5], (17, 10), boundary=mode))
    monkeypatch.setattr(linops._kernels, "AVAILABLE", False)
    slow = (blur_downsample(x, boundary=mode), upsample_blur(x[:, :9, :5], (17, 10), boundary=mode))
    for a, b in zip(fast, slow):
        assert a.dtype == b.dtype == np.float32
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def _both_paths(fn, monkeypatch):
    fast = fn()
    monkeypatch.setattr(linops._kernels, "AVAILABLE", False)
    slow = fn()
    monkeypatch.undo()
    return fast, slow


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 70), taps=st.integers(1, 8), seed=st.integers(0, 2**16),
       mode=st.sampled_from(BOUNDARY_MODES), dtype=st.sampled_from([np.float32, np.float64]))
def test_compiled_last_axis_matches_reference(n, taps, seed, mode, dtype):
    """Every line length against every kernel length: the compiled last-axis pass (interior by
    contiguous slices, edges by the boundary table) equals the array-API code, for plain
    correlation (step 1), decimation (step 2) and polyphase upsampling (strided output)."""
    rng = np.random.default_rng(seed)
    w = list(rng.standard_normal(2 * taps - 1))
    x = rng.standard_normal((3, n)).astype(dtype)
    tol = 1e-5 if dtype == np.float32 else 1e-12
    with pytest.MonkeyPatch.context() as mp:
        for fn in (lambda: correlate1d(x, w, axis=-1, boundary=mode),
                   lambda: blur_downsample(x[None], kernel=w, boundary=mode),
                   lambda: upsample_blur(x, (6, 2 * n - n % 2), kernel=w, boundary=mode)):
            fast, slow = _both_paths(fn, mp)
            assert fast.dtype == slow.dtype == dtype
            np.testing.assert_allclose(fast, slow, rtol=tol, atol=tol)


def test_compiled_parallel_pass_matches_reference(monkeypatch):
    """An array above the threshold for the multi-threaded pass, with a row count that is not a
    multiple of the lines per task."""
    rng = np.random.default_rng(5)
    x = rng.standard_normal((37, 7103)).astype(np.float32)
    assert x.size >= linops._kernels.PARALLEL_MIN_SIZE
    w = [0.05, 0.1, 0.2, 0.3, 0.2, 0.1, 0.05, 0.0, 0.01]
    fast, slow = _both_paths(lambda: (correlate1d(x, w, axis=-1),
                                      blur_downsample(x, kernel=w)), monkeypatch)
    for a, b in zip(fast, slow):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("dtype, expected", [(np.uint8, np.float64), (np.float16, np.float32),
                                             (np.float32, np.float32), (np.float64, np.float64)])
def test_dtype_policy(dtype, expected):
    x = (np.arange(48).reshape(6, 8) % 7).astype(dtype)
    assert blur_downsample(x).dtype == expected
    assert upsample_blur(x).dtype == expected
    if dtype == np.uint8:  # integers are scaled to [0, 1]
        assert blur_downsample(x).max() <= 6 / 255 + 1e-12


def test_layers_equal_functions():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 9, 6))
    down = linops.PyrDown(kernel=[1, 2, 1], boundary="periodic")
    y = down.forward(x)
    np.testing.assert_array_equal(y, blur_downsample(x, kernel=[1, 2, 1], boundary="periodic"))
    np.testing.assert_array_equal(
        down.backward(y), blur_downsample_adjoint(y, (9, 6), kernel=[1, 2, 1], boundary="periodic"))
    up = linops.PyrUp((9, 6), boundary="edge")
    np.testing.assert_array_equal(up.forward(y), upsample_blur(y, (9, 6), boundary="edge"))
    np.testing.assert_array_equal(up.backward(x), upsample_blur_adjoint(x, boundary="edge"))
    assert "periodic" in repr(down) and up.params() == {}


@pytest.mark.parametrize("bad, error", [
    (np.array([[1.0, np.nan]]), NonFiniteError),
    (np.zeros((0, 4)), ShapeError),
    (np.zeros(5), ShapeError),
    (np.zeros((2, 2), dtype=complex), Exception),
    ("not an array", Exception),
])
def test_bad_input(bad, error):
    with pytest.raises(error) as info:
        blur_downsample(bad)
    assert isinstance(info.value, ValueError)


def test_bad_parameters():
    with pytest.raises(ParameterError, match="boundary"):
        blur_downsample(np.zeros((4, 4)), boundary="mirror")
    with pytest.raises(ParameterError, match="odd"):
        blur_downsample(np.zeros((4, 4)), kernel=[1, 1])
    with pytest.raises(ShapeError, match="coarser level"):
        upsample_blur(np.zeros((3, 3)), (8, 8))
    with pytest.raises(ShapeError, match="coarser level"):
        blur_downsample_adjoint(np.zeros((3, 3)), (8, 8))


def test_torch_backend_matches_numpy():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    for mode in BOUNDARY_MODES:
        x = rng.standard_normal((2, 11, 8))
        t = torch.from_numpy(x)
        y = blur_downsample(t, boundary=mode)
        assert isinstance(y, torch.Tensor) and y.dtype == torch.float64
        np.testing.assert_allclose(y.numpy(), blur_downsample(x, boundary=mode), atol=1e-12)
        u = upsample_blur(y, (11, 8), boundary=mode)
        np.testing.assert_allclose(u.numpy(), upsample_blur(y.numpy(), (11, 8), boundary=mode),
                                   atol=1e-12)
        g = torch.from_numpy(rng.standard_normal(tuple(y.shape)))
        assert adjoint_gap(y.numpy(), g.numpy(), x,
                           blur_downsample_adjoint(g, (11, 8), boundary=mode).numpy()) < 1e-12
    f32 = blur_downsample(torch.ones(5, 5, dtype=torch.float32))
    assert f32.dtype == torch.float32
