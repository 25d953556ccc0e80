"""The history of runs: each reconcile run's figures per unit, period and project, kept in SQL.

SQLAlchemy Core, so the store is an SQLite file by default (in the user's data folder) or any
database URL, PostgreSQL included, for an office that shares one. The schema carries its version
in `mtqg_meta` and is migrated step by step when an older store is opened; every write (the
migration included) is one transaction, and SQLite transactions are taken `BEGIN IMMEDIATE` with a
busy timeout, so two runs at once wait for each other instead of failing or losing data.

A run is one row in `mtqg_runs` and one row per summary line in `mtqg_lines`, its figures as
columns and its names (unit, project, line, sheet) ids into `mtqg_names`. The rows are built and
written one way (`rows.write_runs`, through a `RowSink`); the engine only inserts them.
Recording into an existing SQLite file at the current schema version — what nearly every run
does — goes through `history_sqlite` with the standard library's `sqlite3`, its connections set
up and its transactions begun by the same code as SQLAlchemy's SQLite ones: SQLAlchemy's import,
engine and statement compilation cost more than the insert. Other stores (new, older,
PostgreSQL) are written through `alchemy.SqlAlchemyRows`. So this module imports SQLAlchemy only
where it is used; a `Store` opened on the fast path makes its engine (for reading, say) on first
use. The tables are in `schema`, their migrations in `migrations`.

`MTQG_STORE` sets the default store (a path or URL); `MTQG_STORE=off` records nothing by default
(`store_place` decides that, so deciding costs no SQLAlchemy import).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtqg_cli.form.catalog import load_catalog
from mtqg_cli.model.errors import MtqgError
from mtqg_cli.model.report import Report
from mtqg_cli.store import sqlite as history_sqlite
from mtqg_cli.store.alchemy import SqlAlchemyRows
from mtqg_cli.store.migrations import MIGRATIONS
from mtqg_cli.store.place import ENV_STORE as ENV_STORE
from mtqg_cli.store.place import OFF_WORDS as OFF_WORDS
from mtqg_cli.store.place import default_store as default_store
from mtqg_cli.store.rows import AMOUNT_GROUPS, Write, read_rate, write_runs
from mtqg_cli.store.rows import LINE_COLUMNS as LINE_COLUMNS
from mtqg_cli.store.rows import RUN_COLUMNS as RUN_COLUMNS
from mtqg_cli.store.schema import schema

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

SCHEMA_VERSION = 3
BUSY_TIMEOUT_S = 60


class StoreError(MtqgError):
    """The history store cannot be opened, migrated, written or read."""


# --------------------------------------------------------------------------- opening
def store_url(store: str) -> str:
    """A database URL for a path or URL ('history.sqlite' → 'sqlite:///history.sqlite')."""
    if "://" in store:
        return store
    path = Path(store).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


class Store:
    """An opened history store at the current schema version (or the one asked for).

    `lite` is set when it was opened on the fast path (an existing SQLite file already at the
    current version): `record_report` then writes through it with `sqlite3`, and the SQLAlchemy
    engine is only made — checking the schema as `open_store` would — if something asks for it.
    """

    def __init__(
        self, engine: Engine | None, name: str, lite: sqlite3.Connection | None = None
    ) -> None:
        self._engine = engine
        self.name = name
        self.lite = lite

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = _open_engine(self.name, SCHEMA_VERSION)
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with _transaction(self.engine, self.name) as conn:
            yield conn

    def close(self) -> None:
        if self.lite is not None:
            self.lite.close()
            self.lite = None
        if self._engine is not None:
            self._engine.dispose()


def open_store(store: str, *, migrate_to: int = SCHEMA_VERSION) -> Store:
    """Open (creating or migrating) the store at a path or URL.

    An existing SQLite file already at the current version is opened with `sqlite3` alone (see
    `history_sqlite`); anything else — a new file, an older or newer schema, another
    database — through SQLAlchemy, which creates, migrates or refuses it.
    """
    if migrate_to == SCHEMA_VERSION and (path := history_sqlite.sqlite_path(store)):
        try:
            lite = history_sqlite.open_current(path, SCHEMA_VERSION, BUSY_TIMEOUT_S)
        except sqlite3.Error as exc:
            raise StoreError("store_failed", store=store, reason=_reason(exc)) from exc
        if lite is not None:
            return Store(None, store, lite)
    return Store(_open_engine(store, migrate_to), store)


def _open_engine(store: str, migrate_to: int) -> Engine:
    """An engine on the store, its schema created or migrated to `migrate_to`."""
    try:
        import sqlalchemy as sa

        engine = _engine(store_url(store))
    except ImportError as exc:
        raise StoreError("store_failed", store=store, reason=_reason(exc)) from exc
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise StoreError("store_failed", store=store, reason=_reason(exc)) from exc
    try:
        with _transaction(engine, store) as conn:
            found = _migrate(conn, store, migrate_to)
    except BaseException:
        engine.dispose()
        raise
    if engine.dialect.name == "sqlite" and 0 < found < REGROUPED <= migrate_to:
        _give_back_space(engine)
    return engine


REGROUPED = 3
"""The version whose migration rewrites the figures in an eighth of the room."""


def _give_back_space(engine: Engine) -> None:
    """VACUUM an SQLite store the migration has freed most of: the file shrinks to its data.
    Outside any transaction; if it cannot be done now (locked, disk full) the freed pages are
    simply reused by the next runs."""
    raw = engine.raw_connection()
    try:
        with suppress(sqlite3.Error):
            raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
    finally:
        raw.close()


@contextmanager
def _transaction(engine: Engine, store: str) -> Iterator[Connection]:
    import sqlalchemy as sa

    try:
        with engine.begin() as conn:
            yield conn
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError("store_failed", store=store, reason=_reason(exc)) from exc


def _engine(url: str) -> Engine:
    import sqlalchemy as sa

    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        history_sqlite.prepare(dbapi_conn, BUSY_TIMEOUT_S)  # as the sqlite3 path's connections

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(history_sqlite.BEGIN_WRITE)

    return engine


def _migrate(conn: Connection, store: str, target: int) -> int:
    """Bring the schema to `target`, one step at a time, inside the caller's transaction; the
    version it had (0: a new store)."""
    import sqlalchemy as sa

    meta_table = schema().meta
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(1719)"))  # one migrator at a time
    meta_table.create(conn, checkfirst=True)
    row = conn.execute(
        sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
    ).first()
    version = _stored_version(row[0], store) if row else 0
    if version > SCHEMA_VERSION:
        raise StoreError("store_newer", store=store, found=version, known=SCHEMA_VERSION)
    for step in range(version + 1, target + 1):
        try:
            MIGRATIONS[step](conn)
        except ValueError as exc:  # data no version of mtqg wrote
            raise StoreError("store_failed", store=store, reason=str(exc)) from exc
    if target > version:
        values = {"key": "schema_version", "value": str(target)}
        if row:
            conn.execute(meta_table.update().where(meta_table.c.key == "schema_version"), [values])
        else:
            conn.execute(meta_table.insert(), [values])
    return version


def _stored_version(value: object, store: str) -> int:
    """The schema version a store records; a value that is no number is a damaged store."""
    try:
        return int(str(value))
    except ValueError:
        reason = f"schema_version {value!r} is not a number"
        raise StoreError("store_failed", store=store, reason=reason) from None


def schema_version(store: Store) -> int:
    import sqlalchemy as sa

    meta_table = schema().meta
    with store.transaction() as conn:
        row = conn.execute(
            sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
        ).first()
    return _stored_version(row[0], store.name) if row else 0


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


# --------------------------------------------------------------------------- recording
def record_report(store: Store, report: Report, *, now: datetime | None = None) -> list[int]:
    """Record every readable file of a run in one transaction; the ids of the runs written."""
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    files = [file for file in report.files if file.status != "error"]
    write: Write = partial(write_runs, files=files, stamp=stamp)
    if store.lite is not None:
        try:
            ids = history_sqlite.record(store.lite, SCHEMA_VERSION, write)
        except sqlite3.Error as exc:
            raise StoreError("store_failed", store=store.name, reason=_reason(exc)) from exc
        if ids is not None:
            return ids
        # The schema changed since the store was opened: SQLAlchemy migrates or refuses it.
    with store.transaction() as conn:
        return write(SqlAlchemyRows(conn))


# --------------------------------------------------------------------------- reading
@dataclass
class HistoryRow:
    """One unit's project: its rate (and disbursed money) per quarter, latest figure of each."""

    unit: str
    project: str
    name: str
    rates: dict[str, float | None]
    disbursed: dict[str, int | None]


@dataclass
class History:
    """The quarter-by-quarter view: the quarters present and one row per unit and project."""

    quarters: list[str]
    rows: list[HistoryRow]
    kind: str


def load_history(
    store: Store,
    *,
    unit: str | None = None,
    project: str | None = None,
    kind: str = "total",
    last: int | None = None,
) -> History:
    """Each unit's projects with their rate per quarter (the latest as-of date of the quarter);
    with `last`, from the `last` most recent runs only."""
    import sqlalchemy as sa

    runs, lines, names = schema().runs, schema().lines, schema().names
    units, projects, titles = names.alias("unit"), names.alias("project"), names.alias("title")
    figures = [lines.c[f"{group}_{kind}"] for group in AMOUNT_GROUPS] + [
        lines.c[f"rate_bp_{kind}"],
        lines.c[f"rate_float_{kind}"],
    ]
    query = (
        sa.select(
            runs.c.id,
            runs.c.quarter,
            runs.c.as_of,
            runs.c.recorded_at,
            units.c.text.label("unit"),
            projects.c.text.label("project"),
            titles.c.text.label("name"),
            lines.c[f"rate_bp_{kind}"].label("rate_bp"),
            lines.c[f"rate_float_{kind}"].label("rate_float"),
            lines.c[f"disbursed_{kind}"].label("disbursed"),
        )
        .join(lines, lines.c.run_id == runs.c.id)
        .join(units, units.c.id == lines.c.unit_id)
        .join(projects, projects.c.id == lines.c.project_id)
        .join(titles, titles.c.id == lines.c.name_id)
        .where(sa.or_(*(column.is_not(None) for column in figures)))  # the kind has a figure
        .order_by(runs.c.id, lines.c.line)  # as written: the first of equals is kept
    )
    if unit:
        query = query.where(sa.func.lower(units.c.text).contains(unit.lower()))
    if project:
        query = query.where(projects.c.text == project.upper())
    if last is not None:
        recent = sa.select(runs.c.id).order_by(runs.c.recorded_at.desc(), runs.c.id.desc())
        query = query.where(runs.c.id.in_(recent.limit(last).scalar_subquery()))
    with store.transaction() as conn:
        found = conn.execute(query).all()
    latest: dict[tuple[str, str, str], Any] = {}
    for row in found:
        key = (row.unit, row.project, row.quarter)
        order = (row.as_of or "", row.recorded_at, row.id)
        if key not in latest or order > latest[key][0]:
            latest[key] = (order, row)
    quarters = sorted({q for _, _, q in latest})
    table: dict[tuple[str, str], HistoryRow] = {}
    for (unit_name, code, quarter), (_, row) in sorted(latest.items(), key=_row_order):
        item = table.setdefault((unit_name, code), HistoryRow(unit_name, code, row.name, {}, {}))
        item.rates[quarter] = read_rate(row.rate_bp, row.rate_float)
        item.disbursed[quarter] = row.disbursed
    return History(quarters, list(table.values()), kind)


def _row_order(item: tuple[tuple[str, str, str], Any]) -> tuple[str, int, str, str]:
    (unit, code, quarter), _ = item
    order = {c: i for i, c in enumerate(load_catalog().items)}
    return (unit, order.get(code, 10**6), code, quarter)
