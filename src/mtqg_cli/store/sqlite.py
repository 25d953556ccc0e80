"""The fast write path of the history: an existing, current SQLite store, written with `sqlite3`.

Recording a run through SQLAlchemy costs its import (0.2-0.3 s), an engine and statement
compilation before the first row goes in; for the common case — the default SQLite file, already
created and at the current schema version — none of that is needed. This module opens such a file
with the standard library, sets it up with `prepare` (which SQLAlchemy's SQLite connections get
too), takes the write transaction with `BEGIN_WRITE` (as SQLAlchemy's do) and writes the rows
`rows` builds through `SqliteRows`.

It never imports SQLAlchemy (nor `history`, which would): everything else — creating a store,
migrating one, reading it, other databases — stays in `history`. `None` from `open_current` or
`record` means "not the fast case, use SQLAlchemy"; SQLite's own failures are raised as
`sqlite3.Error` for `history` to turn into a `StoreError`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from mtqg_cli.store.rows import LINE_COLUMNS, RUN_COLUMNS, Row, Write, chunks

BEGIN_WRITE = "BEGIN IMMEDIATE"
"""How every write transaction on an SQLite store starts, on either engine: the write lock is
taken at once, so two runs wait for each other (busy timeout) instead of failing midway."""


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


_INSERT_RUN = _insert("mtqg_runs", RUN_COLUMNS)
_INSERT_LINE = _insert("mtqg_lines", LINE_COLUMNS)
_INSERT_NAME = "INSERT INTO mtqg_names (text) VALUES (?)"
_URL_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")


def prepare(conn: sqlite3.Connection, timeout_s: float) -> None:
    """Set up a connection to a store as both engines do (SQLAlchemy's through its connect hook):
    transactions begun explicitly (`BEGIN_WRITE`), the busy timeout, foreign keys on."""
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")


class SqliteRows:
    """The `RowSink` of the standard library's `sqlite3`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def insert_run(self, row: Row) -> int:
        run_id = self.conn.execute(_INSERT_RUN, row).lastrowid
        assert run_id is not None
        return run_id

    def insert_lines(self, rows: list[Row]) -> None:
        # Values go in as they are: SQLAlchemy's SQLite types bind them unchanged, but for
        # Float's float(), which the REAL affinity of the rate_float columns applies anyway.
        self.conn.executemany(_INSERT_LINE, rows)

    def name_ids(self, texts: Sequence[str]) -> dict[str, int]:
        ids = self._find(texts)
        missing = [text for text in texts if text not in ids]
        if missing:  # the write lock is held: nobody else adds them meanwhile
            self.conn.executemany(_INSERT_NAME, [(text,) for text in missing])
            ids.update(self._find(missing))
        return ids

    def _find(self, texts: Sequence[str]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for chunk in chunks(texts):
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT text, id FROM mtqg_names WHERE text IN ({marks})"
            ids.update(self.conn.execute(query, chunk).fetchall())
        return ids


def sqlite_path(store: str) -> Path | None:
    """The file of a store given as a path or a plain `sqlite:///` URL; None for anything else.

    Whatever SQLAlchemy would read differently from the file system — URL escapes (`%`),
    query options (`?`), `:memory:` — is left to SQLAlchemy, so both paths open the same file.
    """
    if "://" in store:
        prefix = next((p for p in _URL_PREFIXES if store.startswith(p)), None)
        if prefix is None:
            return None
        name = store[len(prefix) :]
        path = Path(name)
    else:
        name = store
        path = Path(store).expanduser()
    if not name or name == ":memory:" or any(c in name for c in "%?#"):
        return None
    return path


def open_current(path: Path, version: int, timeout_s: float) -> sqlite3.Connection | None:
    """A connection to the existing store at `path` if its schema is `version`; else None.

    None when the file does not exist, has no schema yet or another version (SQLAlchemy then
    creates, migrates or refuses it). A file SQLite cannot use (not a database, corrupt, locked
    past the timeout) raises `sqlite3.Error`.
    """
    if not path.is_file():
        return None
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=timeout_s)
    try:
        prepare(conn, timeout_s)
        found = _version(conn)
    except BaseException:
        conn.close()
        raise
    if found != version:
        conn.close()
        return None
    return conn


def record(conn: sqlite3.Connection, version: int, write: Write) -> list[int] | None:
    """Run `write` through this connection in one `BEGIN_WRITE` transaction; the run ids.

    None (nothing written) if the schema is no longer `version` — another process migrated the
    store since it was opened.
    """
    conn.execute(BEGIN_WRITE)
    try:
        if _version(conn) != version:
            conn.execute("ROLLBACK")
            return None
        ids = write(SqliteRows(conn))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # the original failure is the one to report
                conn.execute("ROLLBACK")
        raise
    return ids


def _version(conn: sqlite3.Connection) -> int | None:
    """The schema version in mtqg_meta; None when there is no (readable) version."""
    try:
        row = conn.execute("SELECT value FROM mtqg_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("no such table"):
            return None
        raise
    try:
        return int(row[0]) if row else None
    except (TypeError, ValueError):
        return None
