"""``pyrkit train``: the classic network demos (XOR, Bishop's curves, digits, LeNet-5)."""

from __future__ import annotations

from pathlib import Path

import click

from ..nn import DEFAULT_EPOCHS, run_task


@click.command()
@click.argument("task", type=click.Choice(list(DEFAULT_EPOCHS)))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Folder for plots and the model [default: pyrkit-train-TASK].")
@click.option("--epochs", type=int, default=None,
              help="Training epochs [default: xor 1000, curves 4000, digits 40, lenet5 30].")
@click.option("--seed", type=int, default=0, help="Random seed (weights, shuffling, split).")
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="lenet5: folder with MNIST t10k IDX files (default: scikit-learn digits).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def train(task: str, output: Path | None, epochs: int | None, seed: int, data: Path | None,
          force: bool) -> None:
    """Train TASK's network, write its plots and model to OUTPUT, print the results."""
    output = output or Path(f"pyrkit-train-{task}")
    for line in run_task(task, output, epochs=epochs, seed=seed, data=data, force=force):
        click.echo(line)
