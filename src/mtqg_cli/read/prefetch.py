"""A one-file run's read started in its worker before the command line is even parsed.

Every input is read in a worker process (isolation.py). A run of several files hides each read
behind the checks of the file before it; a run of one file has nothing to overlap its read
with but this process's own start. So `mtqg` (launch.py) looks at its arguments before it
imports typer or anything that checks: when they name one regular file to reconcile, the
worker is started, and the file sent to it, at once (`begin_early_read`), while this process
imports the command line and the checks and parses the options. The command then takes that
read (`start_prefetch`) when the options turned out to be the ones it was started with (the
default limits and reader), and drops it otherwise: a guess that was wrong costs a killed
worker, never a different report.
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mtqg_cli.read.isolation import WorkerPool
from mtqg_cli.read.limit_values import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from mtqg_cli.read.raw import RawWorkbook


def read_ahead(path: Path, limits: Limits, reader: str) -> RawWorkbook:
    """`read_workbook`, the percent formats of its cells read too: the rates of nearly every
    form ask for them, and the worker reads them while this process does its own work."""
    from mtqg_cli.read.cell_formats import preload
    from mtqg_cli.read.readers import read_workbook

    book = read_workbook(path, limits, reader)
    if book.sheets:
        preload(book.sheets[0].formats)  # one scan gives every sheet's
    return book


@dataclass
class Prefetch:
    """A worker already reading `path` (with these limits and this reader) for a run."""

    pool: WorkerPool
    path: Path
    limits: Limits
    reader: str
    quiet: bool = True
    """Whether the worker's stderr is silenced (all but --debug runs)."""

    def serves(
        self, files: list[Path], limits: Limits, reader: str, start_method: str | None
    ) -> bool:
        """Whether the run turned out to be this one file, read as it is being read."""
        return (
            files == [self.path]
            and limits == self.limits
            and reader == self.reader
            and start_method is None
        )

    def close(self) -> None:
        """Stop the worker (a read nobody asked for is killed)."""
        self.pool.close()


def start_prefetch(
    paths: list[Path], limits: Limits, reader: str, *, quiet: bool
) -> Prefetch | None:
    """The read of the one file a command line names, started in a worker (or the one
    `begin_early_read` started, when it is that file read that way); None for a folder,
    several paths, or anything but a regular file (those take the ordinary way)."""
    early = take_early_read()
    if early is not None:
        if (early.path, early.limits, early.reader, early.quiet) == (*paths, limits, reader, quiet):
            return early
        early.close()
    path = _one_regular_file(paths)
    if path is None:
        return None
    import mtqg_cli.read.cell_formats
    import mtqg_cli.read.readers  # noqa: F401  (imported once here, the worker forked with them)

    return _submitted(path, limits, reader, quiet)


def _one_regular_file(paths: list[Path]) -> Path | None:
    """The one path named, when it is a regular file (not a link, a folder, a device)."""
    if len(paths) != 1:
        return None
    try:
        if not paths[0].is_file() or paths[0].is_symlink():
            return None
    except (OSError, ValueError):
        return None
    return paths[0]


def _submitted(path: Path, limits: Limits, reader: str, quiet: bool) -> Prefetch:
    """A worker started and sent the read of `path`."""
    pool = WorkerPool(1, None, quiet=quiet)
    try:
        pool.submit(read_ahead, path, limits, reader)
    except BaseException:
        pool.close()
        raise
    return Prefetch(pool, path, limits, reader, quiet)


_EARLY: list[Prefetch] = []
"""The read `begin_early_read` started and no command has taken yet (at most one)."""


def begin_early_read(args: list[str]) -> None:
    """Start reading the one file that `args` (the command line, without the program's name)
    names to reconcile, with the default limits and reader, before anything else is imported;
    nothing when they name no single regular file or may not be a check of one."""
    path = named_file(args)
    if path is None:
        return
    _EARLY.append(_submitted(path, DEFAULT_LIMITS, "calamine", "--debug" not in args))
    atexit.register(_close_early_read)  # a run that ended before its command took it


FILE_OPTIONS = frozenset(
    {"-o", "--output", "--against", "--annotate", "--mapping", "--config", "--waivers",
     "--baseline", "--layout", "--store"}
)  # fmt: skip
"""The options of `reconcile` whose value is a path: never the file checked."""


def named_file(args: list[str]) -> Path | None:
    """The one regular file a `mtqg reconcile …` or `mtqg FILE …` command line names; None when
    it names none or several, asks for help, or is another command. The values of FILE_OPTIONS
    are passed over; another option's value that is a regular file too makes two candidates (no
    early read). A wrong guess costs nothing but the read: `start_prefetch` drops a read the run
    does not ask for."""
    if not args or "--help" in args or "-h" in args:
        return None
    rest = args[1:] if args[0] == "reconcile" else args
    candidates = [
        Path(a)
        for before, a in zip(["", *rest], rest, strict=False)
        if a and not a.startswith("-") and before not in FILE_OPTIONS
    ]
    files = [c for c in candidates if _one_regular_file([c]) is not None]
    if len(files) != 1 or (rest is args and files[0] != Path(args[0])):
        return None
    return files[0]


def take_early_read() -> Prefetch | None:
    """The read `begin_early_read` started, handed over once (None if none)."""
    return _EARLY.pop() if _EARLY else None


def _close_early_read() -> None:
    """Stop a read started early that no command took."""
    while _EARLY:
        _EARLY.pop().close()
