"""A one-file run's read started in its worker before the checking modules are imported.

Every input is read in a worker process (isolation.py). A run of several files hides each read
behind the checks of the file before it; a run of one file has nothing to overlap its read
with but this process's own start: the worker is started, and the file sent to it, before the
command imports what checks it. The readers are imported first, so that the forked worker
starts reading at once while this process imports the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mtqg_cli.isolation import WorkerPool
from mtqg_cli.limit_values import Limits

if TYPE_CHECKING:
    from mtqg_cli.readers import RawWorkbook


def read_ahead(path: Path, limits: Limits, reader: str) -> RawWorkbook:
    """`read_workbook`, the percent formats of its cells read too: the rates of nearly every
    form ask for them, and the worker reads them while this process does its own work."""
    from mtqg_cli.cell_formats import preload
    from mtqg_cli.readers import read_workbook

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
    """The read of the one file a command line names, started in a worker; None for a folder,
    several paths, or anything but a regular file (those take the ordinary way)."""
    if len(paths) != 1:
        return None
    path = paths[0]
    try:
        if not path.is_file() or path.is_symlink():
            return None
    except (OSError, ValueError):
        return None
    import mtqg_cli.cell_formats
    import mtqg_cli.readers  # noqa: F401  (imported once here, the worker forked with them)

    pool = WorkerPool(1, None, quiet=quiet)
    try:
        pool.submit(read_ahead, path, limits, reader)
    except BaseException:
        pool.close()
        raise
    return Prefetch(pool, path, limits, reader)
