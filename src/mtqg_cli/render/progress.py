"""A progress bar on stderr while a batch is checked (only on a terminal)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from mtqg_cli.model.report import FileReport
from mtqg_cli.words.batch import BATCH_LABELS
from mtqg_cli.words.language import for_language


@contextmanager
def batch_progress(
    total: int, *, enabled: bool, lang: str = "vi"
) -> Iterator[Callable[[FileReport], None]]:
    """A callback that advances a bar per checked file; a no-op when not enabled."""
    if not enabled:
        yield lambda _report: None
        return
    label = for_language(BATCH_LABELS, lang)["progress"]
    console = Console(stderr=True)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda _report: bar.advance(task)
