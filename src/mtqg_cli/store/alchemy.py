"""The history's rows written through SQLAlchemy: PostgreSQL, and SQLite stores it creates or
migrates (`sqlite.SqliteRows` writes the others with the standard library's `sqlite3`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from hashlib import md5
from typing import TYPE_CHECKING

from mtqg_cli.store.rows import LINE_COLUMNS, RUN_COLUMNS, Row, Value, chunks
from mtqg_cli.store.schema import schema

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection


class SqlAlchemyRows:
    """The `RowSink` of SQLAlchemy: PostgreSQL, and SQLite stores it has created or migrated."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def insert_run(self, row: Row) -> int:
        values = dict(zip(RUN_COLUMNS, row, strict=True))
        key = self.conn.execute(schema().runs.insert().values(values)).inserted_primary_key
        assert key is not None
        return int(key[0])

    def insert_lines(self, rows: list[Row]) -> None:
        insert_many(self.conn, schema().lines, LINE_COLUMNS, rows)

    def name_ids(self, texts: Sequence[str]) -> dict[str, int]:
        ids = self._find(texts)
        missing = [text for text in texts if text not in ids]
        if missing:
            import sqlalchemy as sa

            table = schema().names
            insert = table.insert()
            if self.conn.dialect.name == "postgresql":  # another run may be adding them too
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                insert = pg_insert(table).on_conflict_do_nothing(
                    index_elements=[sa.func.md5(table.c.text)]  # schema.UNIQUE_TEXT
                )
            self.conn.execute(insert, [{"text": text} for text in missing])
            ids.update(self._find(missing))
        return ids

    def _find(self, texts: Sequence[str]) -> dict[str, int]:
        import sqlalchemy as sa

        table = schema().names
        ids: dict[str, int] = {}
        hashed = self.conn.dialect.name == "postgresql"  # looked up by its index (UNIQUE_TEXT)
        for chunk in chunks(texts):
            wanted = set(chunk)
            found = (
                sa.func.md5(table.c.text).in_([md5(text.encode()).hexdigest() for text in chunk])
                if hashed
                else table.c.text.in_(chunk)
            )
            query = sa.select(table.c.text, table.c.id).where(found)
            ids.update((text, key) for text, key in self.conn.execute(query) if text in wanted)
        return ids


def insert_many(conn: Connection, table: sa.Table, columns: Sequence[str], rows: list[Row]) -> None:
    """Insert rows (values in `columns` order) with one DB-API executemany.

    `conn.execute(table.insert(), dicts)` costs SQLAlchemy a parameter dictionary, its
    processing and its reordering per row — ~10 µs, more than SQLite's own insert — so the
    statement is compiled once for the connection's dialect and the rows go straight to the
    driver in its paramstyle (positional or named), through the types' bind processors.
    "insertmanyvalues" does not apply to this INSERT without RETURNING except where the dialect
    says it does (psycopg2, whose executemany is one round trip per row): there the batched
    multi-row VALUES of `conn.execute` are the fast way, so that path is kept.
    """
    if not rows:
        return
    dialect = conn.dialect
    if dialect.use_insertmanyvalues_wo_returning:
        conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    compiled = table.insert().compile(dialect=dialect, column_keys=list(columns))
    processors = [
        (i, process)
        for i, name in enumerate(columns)
        if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    if processors:  # e.g. SQLite's Float → float(); what `conn.execute` would have applied
        rows = [_processed(row, processors) for row in rows]
    params: list[Row] | list[dict[str, Value]]
    if compiled.positional:
        assert compiled.positiontup is not None
        order = [columns.index(name) for name in compiled.positiontup]
        if order != list(range(len(columns))):
            rows = [tuple(row[i] for i in order) for row in rows]
        params = rows
    else:
        names = [compiled.escaped_bind_names.get(name, name) for name in columns]
        params = [dict(zip(names, row, strict=True)) for row in rows]
    conn.exec_driver_sql(compiled.string, params)


def _processed(row: Row, processors: Sequence[tuple[int, Callable[[Value], Value]]]) -> Row:
    values = list(row)
    for i, process in processors:
        values[i] = process(values[i])
    return tuple(values)
