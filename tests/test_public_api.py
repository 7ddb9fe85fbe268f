"""The public face: every importable module is either listed here or private (``_`` prefix)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import pyrkit

PUBLIC_MODULES = {
    "pyrkit",
    "pyrkit.cli",
    "pyrkit.demo",
    "pyrkit.errors",
    "pyrkit.filters",
    "pyrkit.io",
    "pyrkit.linops",
    "pyrkit.magnify",
    "pyrkit.matrices",
    "pyrkit.nn",
    "pyrkit.pyramids",
    "pyrkit.steer",
    "pyrkit.viz",
}


def all_modules():
    names = ["pyrkit"]
    for info in pkgutil.walk_packages(pyrkit.__path__, prefix="pyrkit."):
        names.append(info.name)
    return names


def test_every_module_is_public_by_list_or_private():
    stray = [n for n in all_modules() if "._" not in n and n not in PUBLIC_MODULES]
    assert stray == [], f"modules neither private nor in PUBLIC_MODULES: {stray}"


@pytest.mark.parametrize("name", sorted(PUBLIC_MODULES))
def test_public_modules_declare_all(name):
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list) and module.__all__
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.__all__ names missing {attr}"
        assert getattr(module, attr).__doc__ or not callable(getattr(module, attr))


def test_errors_are_value_errors():
    from pyrkit import errors

    for name in errors.__all__:
        assert issubclass(getattr(errors, name), ValueError)
