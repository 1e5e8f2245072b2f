"""What the import commands share: `--map` pairs, a progress bar on a terminal, rich tables."""

import io
from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

WIDTH = 100


def mapping_option(pairs: list[str], *, example: str) -> dict[str, str] | None:
    """`--map FIELD=COLUMN` pairs as a mapping; None when there are none."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, equals, column = pair.partition("=")
        if not equals or not field.strip() or not column.strip():
            raise CommandError(f"--map takes FIELD=COLUMN ({example}), not {pair!r}.")
        mapping[field.strip()] = column.strip()
    return mapping or None


def progress_bar() -> Progress:
    """A progress bar on standard error, shown only on a terminal and gone once done."""
    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def progress_reporter(progress: Progress) -> Callable[[str, int, int], None]:
    """A service's progress callback (stage, done, total) drawing one bar per stage."""
    tasks: dict[str, Any] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total)
        progress.update(tasks[stage], completed=done, total=total)

    return report


def rendered(*renderables: Any) -> str:
    """Rich tables and text as plain text WIDTH columns wide, for a command's stdout."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDTH, highlight=False, soft_wrap=True)
    for renderable in renderables:
        console.print(renderable)
    return buffer.getvalue()
