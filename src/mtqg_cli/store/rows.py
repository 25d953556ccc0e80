"""A run's rows in the history store, and the one way they are written: through a `RowSink`.

A file is one run row and one line row per summary entry, its figures as columns and its names
(unit, project code, line name, sheet, reason) as ids into `mtqg_names`, each text stored once.
The rows are built here once; each engine only says how names get their ids and how a row goes
in — `history_sqlite.SqliteRows` with the standard library's `sqlite3`, `alchemy.SqlAlchemyRows`
for PostgreSQL and stores SQLAlchemy creates or migrates — inside the write transaction its engine
takes. Imports no SQLAlchemy.

A rate is stored as a whole number of hundredths of a percent (`rate_bp_*`, 85.21 % → 8521) when
that gives it back exactly, else as it is (`rate_float_*`); `read_rate` undoes it. Amounts are
integer đồng, stored as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from math import isfinite
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
AMOUNT_GROUPS = ("plan", "carried_over", "allocated", "disbursed")
"""The amounts of a line, each stored per capital type (`plan_total`, `plan_dtpt`, ...)."""
LINE_COLUMNS = (
    "run_id", "line", "unit_id", "project_id", "name_id", "sheet_id", "row",
    *(f"{group}_{kind}" for group in AMOUNT_GROUPS for kind in KINDS),
    *(f"rate_bp_{kind}" for kind in KINDS),
    *(f"rate_float_{kind}" for kind in KINDS),
    "unallocated", "reason_id",
)  # fmt: skip
"""The values of a line row, in the order `line_rows` builds them."""

_WHOLE = 2**50
"""Rates below this many percent have exact hundredths in a float and a 64-bit integer."""

_NO_RATE: tuple[None, None] = (None, None)

Value = str | int | float | None
Row = tuple[Value, ...]
"""A row's values, in RUN_COLUMNS or LINE_COLUMNS order."""


class RowSink(Protocol):
    """How one engine inserts rows, inside a write transaction it has taken."""

    def name_ids(self, texts: Sequence[str]) -> dict[str, int]:
        """The id of each text in `mtqg_names`, adding the ones not there yet."""
        ...

    def insert_run(self, row: Row) -> int:
        """Insert a run row; the id it got."""
        ...

    def insert_lines(self, rows: list[Row]) -> None:
        """Insert a run's line rows (possibly none)."""
        ...


Write = Callable[[RowSink], list[int]]
"""What an engine runs in its transaction: write the rows through its sink, return the run ids."""


def write_runs(sink: RowSink, files: Sequence[FileReport], stamp: str) -> list[int]:
    """Each file's run row and line rows, through `sink`; the ids of the runs, in order."""
    ids = sink.name_ids(sorted(set(names_of(files)))) if any(f.summary for f in files) else {}
    runs: list[int] = []
    for file in files:
        run_id = sink.insert_run(run_row(file, stamp))
        sink.insert_lines(line_rows(file, run_id, ids))
        runs.append(run_id)
    return runs


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


def names_of(files: Iterable[FileReport]) -> Iterable[str]:
    """Every text the files' line rows name (with repeats)."""
    for file in files:
        if file.summary:
            yield file.reporting_name
        for entry in file.summary:
            yield entry.project
            yield entry.name
            if entry.unit:
                yield entry.unit
            if entry.sheet is not None:
                yield entry.sheet
            if entry.unallocated_reason is not None:
                yield entry.unallocated_reason


def line_rows(file: FileReport, run_id: int, ids: dict[str, int]) -> list[Row]:
    """A file's line rows, one per summary entry in its order, values in LINE_COLUMNS order."""
    unit = ids[file.reporting_name] if file.summary else None
    rows: list[Row] = []
    append = rows.append
    stored: dict[float, tuple[int | None, float | None]] = {}  # rates repeat: each worked out once
    for line, entry in enumerate(file.summary):
        plan, carried, allocated, spent, rate = (
            entry.plan,
            entry.carried_over,
            entry.allocated,
            entry.disbursed,
            entry.rate,
        )
        rates: list[tuple[int | None, float | None]] = []
        for value in (rate.total, rate.dtpt, rate.sn):
            if value is None:
                rates.append(_NO_RATE)
            elif (known := stored.get(value)) is not None:
                rates.append(known)
            else:
                rates.append(stored.setdefault(value, stored_rate(value)))
        (bp_total, float_total), (bp_dtpt, float_dtpt), (bp_sn, float_sn) = rates
        reason, sheet = entry.unallocated_reason, entry.sheet
        append((
            run_id, line, ids[entry.unit] if entry.unit else unit, ids[entry.project],
            ids[entry.name], None if sheet is None else ids[sheet], entry.row,
            plan.total, plan.dtpt, plan.sn, carried.total, carried.dtpt, carried.sn,
            allocated.total, allocated.dtpt, allocated.sn, spent.total, spent.dtpt, spent.sn,
            bp_total, bp_dtpt, bp_sn, float_total, float_dtpt, float_sn,
            entry.unallocated, None if reason is None else ids[reason],
        ))  # fmt: skip
    return rows


def stored_rate(rate: float | None) -> tuple[int | None, float | None]:
    """(hundredths of a percent, None) when they give `rate` back exactly; else (None, rate)."""
    if rate is None:
        return None, None
    hundredths = _hundredths(rate)
    return (hundredths, None) if hundredths is not None else (None, float(rate))


def _hundredths(rate: float) -> int | None:
    """`rate` in whole hundredths of a percent, if that is exactly what it is; else None."""
    if isfinite(rate) and abs(rate) < _WHOLE:
        hundredths = round(rate * 100)
        if hundredths / 100 == rate:
            return hundredths
    return None


def read_rate(hundredths: int | None, exact: float | None) -> float | None:
    """The rate `stored_rate` stored: a float, as the figures of versions 1-2 read back."""
    if exact is not None:
        return float(exact)
    return None if hundredths is None else hundredths / 100


def chunks(texts: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    """`texts` in slices of `size`: as many as one `IN (...)` of every SQLite takes."""
    for start in range(0, len(texts), size):
        yield texts[start : start + size]
