"""The layer abstraction shared by pyramids and networks.

A layer maps an input to an output with :meth:`Layer.forward` and maps the gradient of a cost with
respect to its output back to the gradient with respect to its input with :meth:`Layer.backward`
(the vector-Jacobian product).  For a linear operator ``A`` the backward pass is the adjoint,
``backward(g) = A^T g``, so a hand-designed pyramid stage and a learned convolution are the same
kind of object.
"""

from __future__ import annotations

from typing import Any

Array = Any

__all__ = ["Layer"]


class Layer:
    """Base class: a forward pass, a backward pass, and optional learnable parameters.

    Subclasses cache what ``backward`` needs on ``self`` during ``forward``; ``backward`` takes
    only the upstream gradient, returns the input gradient and *accumulates* (``+=``) parameter
    gradients into :meth:`grads`.
    """

    def __init__(self) -> None:
        self.training = True

    def forward(self, x: Array) -> Array:
        """Return the layer's output for input ``x``."""
        raise NotImplementedError

    def backward(self, grad_out: Array) -> Array:
        """Return dC/dx given dC/dy for the input of the last :meth:`forward` call."""
        raise NotImplementedError

    def __call__(self, x: Array) -> Array:
        return self.forward(x)

    def params(self) -> dict[str, Array]:
        """Learnable parameters by name (empty for a fixed layer)."""
        return {}

    def grads(self) -> dict[str, Array]:
        """Gradients of the cost with respect to :meth:`params`, same names and shapes."""
        return {}

    def zero_grad(self) -> None:
        """Reset every accumulated parameter gradient to zero."""
        for g in self.grads().values():
            g[...] = 0

    def train(self, mode: bool = True) -> Layer:
        """Switch training-mode behaviour on or off; returns ``self``."""
        self.training = mode
        return self

    def eval(self) -> Layer:
        """Equivalent to ``train(False)``."""
        return self.train(False)

    def config(self) -> dict[str, Any]:
        """The constructor arguments that define this layer (used by ``repr`` and saving)."""
        return {}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items())
        return f"{type(self).__name__}({args})"
