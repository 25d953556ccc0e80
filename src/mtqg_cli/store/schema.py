"""The history store's tables (schema version 3) as SQLAlchemy sees them.

SQLAlchemy is imported only when `schema()` is first called (recording into an existing SQLite
store never does). `migrations` says how older stores become this.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from mtqg_cli.model.vocabulary import KINDS
from mtqg_cli.store.rows import AMOUNT_GROUPS, LINE_COLUMNS

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection


UNIQUE_TEXT = {
    "sqlite": "CREATE UNIQUE INDEX ux_mtqg_names_text ON mtqg_names (text)",
    "postgresql": "CREATE UNIQUE INDEX ux_mtqg_names_text ON mtqg_names (md5(text))",
}
"""Each name stored once. PostgreSQL keys it by its MD5: an index entry there may not pass 2,704
bytes, and a reason gathered from a province's sub-lines, or a name pasted whole, is longer."""

_AMOUNTS = tuple(f"{group}_{kind}" for group in AMOUNT_GROUPS for kind in KINDS)


@dataclass(frozen=True)
class Schema:
    """The tables as SQLAlchemy sees them, built on first use (that imports SQLAlchemy)."""

    metadata: sa.MetaData
    meta: sa.Table
    runs: sa.Table
    names: sa.Table
    lines: sa.Table


def _index_names(_table: sa.Table, conn: Connection, **_: object) -> None:
    """Each name stored once, by the index its database allows (UNIQUE_TEXT)."""
    conn.exec_driver_sql(UNIQUE_TEXT.get(conn.dialect.name, UNIQUE_TEXT["sqlite"]))


@cache
def schema() -> Schema:
    """The tables, built once."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    meta_table = sa.Table(
        "mtqg_meta",
        metadata,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(255), nullable=False),
    )
    runs = sa.Table(
        "mtqg_runs",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("tool_version", sa.String(32), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("unit", sa.String(255), nullable=False),
        sa.Column("as_of", sa.String(10)),
        sa.Column("quarter", sa.String(8), nullable=False),
        sa.Column("period", sa.String(255)),  # added by schema version 2
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("infos", sa.Integer, nullable=False),
    )
    names = sa.Table(
        "mtqg_names",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    sa.event.listen(names, "after_create", _index_names)
    lines = sa.Table(
        "mtqg_lines",
        metadata,
        sa.Column("run_id", sa.Integer, sa.ForeignKey("mtqg_runs.id"), primary_key=True,
                  autoincrement=False),
        sa.Column("line", sa.Integer, primary_key=True, autoincrement=False),
        # ids into mtqg_names, which only grows: no foreign key to check on every row (SQLite
        # would look each one up, a fifth of the time a line takes to record)
        *(sa.Column(name, sa.Integer, nullable=False)
          for name in ("unit_id", "project_id", "name_id")),
        sa.Column("sheet_id", sa.Integer),
        sa.Column("row", sa.Integer),
        *(sa.Column(name, sa.BigInteger) for name in _AMOUNTS),
        *(sa.Column(f"rate_bp_{kind}", sa.BigInteger) for kind in KINDS),
        *(sa.Column(f"rate_float_{kind}", sa.Float) for kind in KINDS),
        sa.Column("unallocated", sa.BigInteger),
        sa.Column("reason_id", sa.Integer),
        sqlite_with_rowid=False,  # the rows are kept in (run, line) order: no rowid, no index
    )  # fmt: skip
    assert tuple(lines.c.keys()) == LINE_COLUMNS
    return Schema(metadata, meta_table, runs, names, lines)
