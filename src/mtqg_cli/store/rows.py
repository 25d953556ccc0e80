"""A run's rows in the history store, and the one way they are written: through a `RowSink`.

The rows of a file (its run row, then its figure rows with the run's new id) are built here once;
each engine only says how a row goes in — `history_sqlite.SqliteRows` with the standard library's
`sqlite3`, `history.SqlAlchemyRows` for PostgreSQL and stores SQLAlchemy creates or migrates —
inside the write transaction its engine takes. Imports no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from operator import attrgetter
from typing import Protocol

from mtqg_cli import __version__
from mtqg_cli.form.reporting_period import quarter_of
from mtqg_cli.model.report import FileReport
from mtqg_cli.model.vocabulary import KINDS, Severity

RUN_COLUMNS = (
    "recorded_at", "tool_version", "path", "unit", "as_of", "quarter", "period",
    "status", "errors", "warnings", "infos",
)  # fmt: skip
"""The values of a run row, in the order `run_row` builds them."""
FIGURE_COLUMNS = (
    "run_id", "unit", "project", "name", "kind",
    "plan", "carried_over", "allocated", "disbursed", "rate",
)  # fmt: skip
"""The values of a figure row, in the order `figure_rows` builds them."""

Value = str | int | float | None
Row = tuple[Value, ...]
"""A row's values, in RUN_COLUMNS or FIGURE_COLUMNS order."""

_NO_FIGURES = (None,) * 5
_KIND_GETTERS = [(kind, attrgetter(kind)) for kind in KINDS]


class RowSink(Protocol):
    """How one engine inserts rows, inside a write transaction it has taken."""

    def insert_run(self, row: Row) -> int:
        """Insert a run row; the id it got."""
        ...

    def insert_figures(self, rows: list[Row]) -> None:
        """Insert a run's figure rows (possibly none)."""
        ...


Write = Callable[[RowSink], list[int]]
"""What an engine runs in its transaction: write the rows through its sink, return the run ids."""


def write_runs(sink: RowSink, files: Iterable[FileReport], stamp: str) -> list[int]:
    """Each file's run row and figure rows, through `sink`; the ids of the runs, in order."""
    ids: list[int] = []
    for file in files:
        run_id = sink.insert_run(run_row(file, stamp))
        sink.insert_figures(figure_rows(file, run_id))
        ids.append(run_id)
    return ids


def run_row(file: FileReport, stamp: str) -> Row:
    """A file's run row, values in RUN_COLUMNS order."""
    day = date.fromisoformat(file.as_of) if file.as_of else date.fromisoformat(stamp[:10])
    counts = {s.value: sum(1 for f in file.findings if f.severity == s.value) for s in Severity}
    return (
        stamp,
        __version__,
        file.path,
        file.reporting_name,
        file.as_of,
        quarter_of(day),
        file.period,
        file.status,
        counts["error"],
        counts["warning"],
        counts["info"],
    )


def figure_rows(file: FileReport, run_id: int) -> list[Row]:
    """A file's figure rows, values in FIGURE_COLUMNS order; a kind with no figure is skipped."""
    unit = file.reporting_name
    rows: list[Row] = []
    for entry in file.summary:
        groups = (entry.plan, entry.carried_over, entry.allocated, entry.disbursed, entry.rate)
        for kind, get in _KIND_GETTERS:
            values = tuple(map(get, groups))
            if values != _NO_FIGURES:
                rows.append((run_id, entry.unit or unit, entry.project, entry.name, kind, *values))
    return rows
