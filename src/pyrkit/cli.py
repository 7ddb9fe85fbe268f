"""The ``pyrkit`` command.

Each subcommand lives in its own module under ``pyrkit._commands`` and is a thin shim: parse,
validate, one library call, an atomic write.  Exceptions become exit codes here and only here:
bad input (a :class:`~pyrkit.errors.PyrkitError` or an OS error on a path) prints one line and
exits 2; anything else prints one line and exits 1.  ``--debug`` shows the full traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .errors import PyrkitError

__all__ = ["cli", "main"]


class _BadInput(click.ClickException):
    exit_code = 2


class _InternalError(click.ClickException):
    exit_code = 1


class _Group(click.Group):
    """A click group that maps exceptions to exit codes in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except (PyrkitError, FileNotFoundError, PermissionError, IsADirectoryError) as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            raise _BadInput(_one_line(exc)) from exc
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            raise _InternalError(f"internal error: {type(exc).__name__}: {_one_line(exc)}") from exc


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"],
                                            "show_default": True})
@click.version_option(package_name="pyrkit")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """pyrkit: multi-scale image representations and learned feedforward processing."""
    ctx.ensure_object(dict)["debug"] = debug


def _register() -> None:
    from ._commands.demo import demo
    from ._commands.magnify import magnify
    from ._commands.pyramid import pyramid
    from ._commands.steer import steer
    from ._commands.train import train

    for command in (pyramid, steer, magnify, train, demo):
        cli.add_command(command)


_register()


def main(args: list[str] | None = None) -> None:
    """Entry point of the ``pyrkit`` console script."""
    cli.main(args=args if args is not None else sys.argv[1:], prog_name="pyrkit")
