"""Steerable filters (Freeman & Adelson 1991): Gaussian derivatives, steering, oriented energy.

Kernels
    gaussian_derivative_kernel   sampled 1-D ``d^n/dx^n`` of a Gaussian
    basis_kernels                the ``N + 1`` separable basis filters of the N-th derivative
    directional_kernel           the 2-D N-th directional derivative sampled directly at ``theta``
    quadrature_kernels           separable bases of G2 and its Hilbert-pair approximation H2
Steering
    steering_weights             binomial interpolation functions ``k_j(theta)``
    angle_steering_weights       weights for basis filters rotated to ``j pi / (N + 1)``
    steer                        ``sum_j k_j(theta) R_j`` (theta a number or a per-pixel array)
Filtering (separable, through :func:`pyrkit.linops.correlate_separable`'s 1-D passes)
    basis_responses, directional_derivative
Orientation analysis
    quadrature_responses, oriented_energy, dominant_orientation

Conventions
-----------
``x`` runs along columns (axis -1) and ``y`` along rows (axis -2, increasing downwards); an angle
``theta`` is measured from ``+x`` towards ``+y`` (clockwise as an image is displayed).  Filtering
is convolution, so :func:`directional_derivative` is ``(cos t d/dx + sin t d/dy)^N`` of the image
blurred by the Gaussian; boundaries are extended as in :mod:`pyrkit.linops`.

The N-th directional derivative of the isotropic Gaussian ``g(x) g(y)`` is, by the binomial
theorem, ``(cos t d/dx + sin t d/dy)^N g(x) g(y) = sum_j C(N, j) cos^(N-j) t sin^j t
g^(N-j)(x) g^(j)(y)``: ``N + 1`` separable basis filters and interpolation functions ``k_j(t)``
(the steering theorem).  Sampling on the pixel grid preserves the identity exactly.

References
----------
.. [1] W. T. Freeman and E. H. Adelson, "The design and use of steerable filters", IEEE Trans.
   PAMI 13(9):891-906, 1991.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.polynomial import hermite_e

from . import _array
from ._checks import as_image, channels_back, channels_first, check_choice, check_float, check_int
from .errors import ShapeError
from .linops import BOUNDARY_MODES, _corr1d

__all__ = [
    "gaussian_derivative_kernel",
    "kernel_radius",
    "basis_kernels",
    "directional_kernel",
    "steering_weights",
    "angle_steering_weights",
    "steer",
    "basis_responses",
    "directional_derivative",
    "quadrature_kernels",
    "quadrature_responses",
    "steer_quadrature",
    "oriented_energy",
    "dominant_orientation",
]

Array = Any
MAX_ORDER = 10

# Freeman & Adelson 1991, Tables III-VI: G2 = 0.9213 (2x^2 - 1) exp(-(x^2 + y^2)) and its
# third-order polynomial fit to the Hilbert transform, H2 = 0.9780 (x^3 - 2.254 x) exp(...).
# The separable H2 basis uses x^2 - 2.254/3 (their table rounds it to 0.7515), and G2b uses
# 2 * 0.9213 (their 1.843), so that steering is exact rather than exact to four digits.
_G2_C, _H2_C, _H2_A = 0.9213, 0.9780, 2.254


def kernel_radius(order: int, sigma: float) -> int:
    """Half-width of the sampled kernels: ``ceil((4 + order / 2) sigma)``, at least 1.

    Examples
    --------
    >>> kernel_radius(1, 1.0), kernel_radius(4, 2.0)
    (5, 12)
    """
    return max(1, math.ceil((4 + order / 2) * sigma))


def _check(order: Any, sigma: Any) -> tuple[int, float]:
    return (check_int(order, name="order", low=0, high=MAX_ORDER),
            check_float(sigma, name="sigma", low=0.0, low_open=True))


def _gauss_deriv(x: np.ndarray, order: int, sigma: float) -> np.ndarray:
    """``d^n/dx^n`` of the unit-area Gaussian: ``(-1)^n sigma^-n He_n(x / sigma) g(x)``."""
    u = x / sigma
    g = np.exp(-0.5 * u**2) / (math.sqrt(2 * math.pi) * sigma)
    he = hermite_e.hermeval(u, [0] * order + [1])
    return (-1) ** order * sigma**-order * he * g


def gaussian_derivative_kernel(order: int, sigma: float = 1.0,
                               radius: int | None = None) -> np.ndarray:
    """The ``order``-th derivative of a Gaussian of standard deviation ``sigma``, sampled at
    ``-radius .. radius`` (default :func:`kernel_radius`).

    ``g^(n)(x) = (-1)^n sigma^-n He_n(x / sigma) g(x)`` with ``He_n`` the probabilists' Hermite
    polynomials and ``g`` of unit area.

    Examples
    --------
    >>> gaussian_derivative_kernel(1, 1.0, radius=2).round(4) + 0.0
    array([ 0.108,  0.242,  0.   , -0.242, -0.108])
    """
    order, sigma = _check(order, sigma)
    r = kernel_radius(order, sigma) if radius is None else check_int(radius, name="radius", low=0)
    return _gauss_deriv(np.arange(-r, r + 1, dtype=np.float64), order, sigma)


def basis_kernels(order: int, sigma: float = 1.0) -> list[tuple[np.ndarray, np.ndarray]]:
    """The separable basis of the ``order``-th directional derivative: ``(k_y, k_x)`` pairs.

    Basis filter ``j`` is ``g^(N-j)(x) g^(j)(y)`` (``k_y = g^(j)`` down the rows, ``k_x =
    g^(N-j)`` along the columns); its steering weight is ``C(N, j) cos^(N-j) t sin^j t``.
    """
    order, sigma = _check(order, sigma)
    r = kernel_radius(order, sigma)
    g = [gaussian_derivative_kernel(n, sigma, r) for n in range(order + 1)]
    return [(g[j], g[order - j]) for j in range(order + 1)]


def directional_kernel(order: int, theta: float, sigma: float = 1.0) -> np.ndarray:
    """The 2-D ``order``-th derivative of the Gaussian along ``theta``, sampled directly.

    ``g^(N)(u) g(v)`` with ``u = x cos t + y sin t`` and ``v = -x sin t + y cos t`` (rows are
    ``y``), on the same ``(2r + 1) x (2r + 1)`` grid as :func:`basis_kernels`.

    Examples
    --------
    >>> g0, g1 = (gaussian_derivative_kernel(n, 1.0, radius=5) for n in (0, 1))
    >>> bool(np.allclose(directional_kernel(1, 0.0), np.outer(g0, g1)))  # g'(x) g(y)
    True
    >>> bool(np.allclose(directional_kernel(1, np.pi / 2), np.outer(g1, g0)))  # g(x) g'(y)
    True
    """
    order, sigma = _check(order, sigma)
    r = kernel_radius(order, sigma)
    y, x = np.mgrid[-r:r + 1, -r:r + 1].astype(np.float64)
    u = x * math.cos(theta) + y * math.sin(theta)
    v = -x * math.sin(theta) + y * math.cos(theta)
    return _gauss_deriv(u, order, sigma) * _gauss_deriv(v, 0, sigma)


def steering_weights(order: int, theta: Any) -> np.ndarray:
    """Binomial interpolation functions ``k_j(theta) = C(N, j) cos^(N-j) theta sin^j theta``.

    Returns an array of shape ``(N + 1,) + shape(theta)``.

    Examples
    --------
    >>> steering_weights(2, np.pi / 4).round(3)
    array([0.5, 1. , 0.5])
    """
    order = check_int(order, name="order", low=0, high=MAX_ORDER)
    xp, c, s = _trig(theta)
    return xp.stack([math.comb(order, j) * c ** (order - j) * s**j for j in range(order + 1)])


def _trig(theta: Any) -> tuple[Any, Array, Array]:
    """``(namespace, cos theta, sin theta)``, in theta's backend when it is an array."""
    if _array.is_array(theta):
        xp = _array.namespace(theta)
    else:
        xp, theta = np, np.asarray(theta, dtype=np.float64)
    return xp, xp.cos(theta), xp.sin(theta)


def angle_steering_weights(order: int, theta: Any) -> np.ndarray:
    """Weights steering ``N + 1`` copies of a filter rotated to ``theta_j = j pi / (N + 1)``.

    ``k_j(t) = (1 / (N + 1)) (e + 2 sum_m cos(m (t - theta_j)))`` over ``m = N, N - 2, ... > 0``,
    with ``e = 1`` for even ``N`` and 0 for odd ``N`` (Freeman & Adelson 1991, eq. 10): the
    directional response is a trigonometric polynomial of degree ``N`` and parity ``(-1)^N``.

    Examples
    --------
    >>> angle_steering_weights(1, 0.3).round(4)  # cos t, sin t
    array([0.9553, 0.2955])
    >>> angle_steering_weights(2, 0.0).round(4) + 0.0
    array([1., 0., 0.])
    """
    order = check_int(order, name="order", low=0, high=MAX_ORDER)
    theta = np.asarray(theta, dtype=np.float64)
    out = []
    for j in range(order + 1):
        d = theta - j * np.pi / (order + 1)
        k = np.full_like(d, 1.0 if order % 2 == 0 else 0.0)
        for m in range(order, 0, -2):
            k = k + 2 * np.cos(m * d)
        out.append(k / (order + 1))
    return np.stack(out)


def steer(responses: Sequence[Array], theta: Any, weights: Any = None) -> Array:
    """``sum_j k_j(theta) R_j``: the response at ``theta`` from the basis responses ``R_j``.

    Parameters
    ----------
    responses : sequence of N + 1 arrays
        From :func:`basis_responses` (binomial basis, the default weights) or responses to
        rotated copies (pass ``weights=angle_steering_weights(N, theta)``).
    theta : float or array
        One angle, or one per pixel (broadcast against the responses).
    weights : array, optional
        Interpolation functions, shape ``(N + 1,) + shape(theta)``.
    """
    order = len(responses) - 1
    if weights is None:
        weights = steering_weights(order, theta)
    xp = _array.namespace(responses[0])
    out = None
    for k, r in zip(weights, responses):
        if getattr(k, "ndim", 0):  # per-pixel weights: into the responses' backend and dtype
            k = xp.astype(xp.asarray(k, device=_array.device(r)), r.dtype)
        else:
            k = float(k)
        out = k * r if out is None else out + k * r
    return out


def _prepare(image: Any, radius: int, boundary: str, channel_axis: int | None) -> Array:
    check_choice(boundary, name="boundary", choices=BOUNDARY_MODES)
    x = as_image(image, channel_axis=channel_axis)
    core = channels_first(x, channel_axis)
    if min(core.shape[-2:]) <= radius:
        raise ShapeError(f"image must be larger than the filter radius {radius} on both spatial "
                         f"axes (reduce sigma or order); got spatial shape "
                         f"{tuple(core.shape[-2:])}")
    return core


def _convolve(core: Array, ky: np.ndarray, kx: np.ndarray, boundary: str) -> Array:
    """Separable convolution: correlation with the reversed 1-D kernels (two 1-D passes)."""
    wy = tuple(float(v) for v in ky[::-1])
    wx = tuple(float(v) for v in kx[::-1])
    return _corr1d(_corr1d(core, wy, -2, boundary), wx, -1, boundary)


def basis_responses(image: Any, order: int = 1, sigma: float = 1.0, *,
                    boundary: str = "reflect101", channel_axis: int | None = None) -> list[Array]:
    """Responses of ``image`` to the ``order + 1`` separable basis filters (:func:`basis_kernels`).

    Each is two 1-D passes; arrays keep the image's layout and dtype.  Steer them with
    :func:`steer`.
    """
    order, sigma = _check(order, sigma)
    core = _prepare(image, kernel_radius(order, sigma), boundary, channel_axis)
    return [channels_back(_convolve(core, ky, kx, boundary), channel_axis)
            for ky, kx in basis_kernels(order, sigma)]


def directional_derivative(image: Any, order: int = 1, theta: Any = 0.0, sigma: float = 1.0, *,
                           boundary: str = "reflect101",
                           channel_axis: int | None = None) -> Array:
    """The ``order``-th derivative along ``theta`` of the image blurred by a Gaussian.

    Computed by steering ``order + 1`` separable basis responses, so several angles cost one set
    of basis responses (call :func:`basis_responses` and :func:`steer` yourself for that).

    Parameters
    ----------
    image : array, shape (..., H, W) or with a channel axis
    order : int
        Derivative order ``N`` (0 is the Gaussian blur), 0 to 10.
    theta : float or array
        Direction in radians from ``+x`` (columns) towards ``+y`` (rows); an array steers per
        pixel.
    sigma : float
        Gaussian standard deviation in pixels.

    Examples
    --------
    >>> ramp = np.tile(np.arange(12.0), (12, 1))  # intensity grows along x
    >>> d = directional_derivative(ramp, 1, theta=0.0)
    >>> round(float(d[6, 6]), 4), round(float(directional_derivative(ramp, 1, np.pi / 2)[6, 6]), 4)
    (1.0, 0.0)
    """
    responses = basis_responses(image, order, sigma, boundary=boundary, channel_axis=channel_axis)
    return steer(responses, theta)


# ---------------------------------------------------------------------------------------------
# The G2 / H2 quadrature pair
# ---------------------------------------------------------------------------------------------


def quadrature_kernels(sigma: float = 1.0) -> tuple[list[tuple[np.ndarray, np.ndarray]],
                                                    list[tuple[np.ndarray, np.ndarray]]]:
    """Separable bases ``(k_y, k_x)`` of G2 (3 filters) and H2 (4 filters), Freeman & Adelson
    1991, Tables IV and VI, on ``x~ = x / (sqrt(2) sigma)``, scaled to unit energy per pixel.

    G2a = f1(x) f2(y), G2b = f3(x) f3(y), G2c = f2(x) f1(y); H2a = f4(x) f2(y), H2b = f5(x)
    f6(y), H2c = f6(x) f5(y), H2d = f2(x) f4(y), with ``f1 = 0.9213 (2x^2 - 1) e^-x^2``,
    ``f2 = e^-x^2``, ``f3 = sqrt(2 * 0.9213) x e^-x^2``, ``f4 = 0.978 (x^3 - 2.254 x) e^-x^2``,
    ``f5 = 0.978 (x^2 - 2.254 / 3) e^-x^2``, ``f6 = x e^-x^2``.
    """
    sigma = check_float(sigma, name="sigma", low=0.0, low_open=True)
    r = math.ceil(3.5 * math.sqrt(2) * sigma)
    x = np.arange(-r, r + 1, dtype=np.float64) / (math.sqrt(2) * sigma)
    e = np.exp(-x**2)
    norm = 1.0 / (math.sqrt(2) * sigma)  # continuous unit energy -> per-pixel unit energy
    f1 = _G2_C * (2 * x**2 - 1) * e * norm
    f2 = e
    f3 = math.sqrt(2 * _G2_C * norm) * x * e
    f4 = _H2_C * (x**3 - _H2_A * x) * e * norm
    f5 = _H2_C * (x**2 - _H2_A / 3) * e * norm
    f6 = x * e
    return [(f2, f1), (f3, f3), (f1, f2)], [(f2, f4), (f6, f5), (f5, f6), (f4, f2)]


def _quadrature_weights(theta: Any) -> tuple[list[Any], list[Any]]:
    _, c, s = _trig(theta)
    return [c**2, 2 * c * s, s**2], [c**3, 3 * c**2 * s, 3 * c * s**2, s**3]


def quadrature_responses(image: Any, sigma: float = 1.0, *, boundary: str = "reflect101",
                         channel_axis: int | None = None) -> tuple[list[Array], list[Array]]:
    """Responses to the 3 G2 and 4 H2 basis filters (:func:`quadrature_kernels`)."""
    g2, h2 = quadrature_kernels(sigma)
    core = _prepare(image, len(g2[0][0]) // 2, boundary, channel_axis)
    conv = [channels_back(_convolve(core, ky, kx, boundary), channel_axis) for ky, kx in g2 + h2]
    return conv[:3], conv[3:]


def steer_quadrature(g2: Sequence[Array], h2: Sequence[Array], theta: Any) -> tuple[Array, Array]:
    """``(G2_theta, H2_theta)`` from the basis responses.

    ``G2_t = cos^2 t G2a + 2 cos t sin t G2b + sin^2 t G2c`` and ``H2_t = cos^3 t H2a +
    3 cos^2 t sin t H2b + 3 cos t sin^2 t H2c + sin^3 t H2d`` (signs for ``y`` pointing down
    the rows; Freeman & Adelson's tables have ``y`` up).
    """
    kg, kh = _quadrature_weights(theta)
    return steer(g2, theta, kg), steer(h2, theta, kh)


def oriented_energy(image: Any, theta: Any, sigma: float = 1.0, *,
                    boundary: str = "reflect101", channel_axis: int | None = None) -> Array:
    """Oriented energy ``E(theta) = G2_theta^2 + H2_theta^2`` (phase-independent).

    Examples
    --------
    >>> stripes = np.cos(np.arange(24) * 0.8)[None, :].repeat(24, 0)  # varies along x
    >>> e0, e90 = (float(oriented_energy(stripes, t)[12, 12]) for t in (0.0, np.pi / 2))
    >>> e0 > 100 * e90
    True
    """
    g2, h2 = quadrature_responses(image, sigma, boundary=boundary, channel_axis=channel_axis)
    g, h = steer_quadrature(g2, h2, theta)
    return g * g + h * h


def dominant_orientation(image: Any, sigma: float = 1.0, *, boundary: str = "reflect101",
                         channel_axis: int | None = None) -> tuple[Array, Array]:
    """Dominant orientation and orientation strength maps from the G2/H2 oriented energy.

    ``E(t)`` has period ``pi``; with ``z = (1/4) sum_k E(k pi / 8) exp(2 i k pi / 8)``
    (``k = 0 .. 7``, exact because ``E`` has harmonics of ``2t`` up to 3 only), ``E(t) = C1 +
    |z| cos(2t - arg z) + ...``.  The dominant orientation is ``arg(z) / 2`` in ``(-pi/2, pi/2]``
    (the direction of greatest intensity change, across edges and stripes), the strength
    ``|z| = sqrt(C2^2 + C3^2)`` (Freeman & Adelson 1991, section IV).

    Returns
    -------
    angle, strength : arrays in the image's layout

    Examples
    --------
    >>> y, x = np.mgrid[:32, :32]
    >>> stripes = np.cos(0.7 * (x * np.cos(0.5) + y * np.sin(0.5)))
    >>> angle, strength = dominant_orientation(stripes)
    >>> round(float(angle[16, 16]), 3)
    0.5
    """
    g2, h2 = quadrature_responses(image, sigma, boundary=boundary, channel_axis=channel_axis)
    xp = _array.namespace(g2[0])
    re = im = None
    for k in range(8):
        t = k * np.pi / 8
        g, h = steer_quadrature(g2, h2, t)
        e = g * g + h * h
        c, s = math.cos(2 * t) / 4, math.sin(2 * t) / 4
        re = c * e if re is None else re + c * e
        im = s * e if im is None else im + s * e
    return xp.atan2(im, re) / 2, xp.sqrt(re * re + im * im)
