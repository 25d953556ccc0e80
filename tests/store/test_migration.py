"""Version 3 of the history store: a store written by mtqg 1.0.0 (schema version 2) is migrated
without losing a run or a figure, and `mtqg history` prints from it what 1.0.0 printed.

`data/v2-history.sqlite` and the outputs in `data/v2-history.expected.json` were made by 1.0.0
(`data/make_v2_store.py`); PostgreSQL too when MTQG_TEST_POSTGRES_URL names a reachable server.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ci_needs import empty_postgres
from mtqg_cli.cli import app
from mtqg_cli.model.vocabulary import KINDS
from mtqg_cli.store.history import SCHEMA_VERSION, StoreError, open_store, schema_version
from mtqg_cli.store.migrations import regrouped
from mtqg_cli.store.rows import read_rate

DATA = Path(__file__).parent / "data"
OLD = DATA / "v2-history.sqlite"
EXPECTED: dict[str, str] = json.loads((DATA / "v2-history.expected.json").read_text("utf-8"))
FIGURES = "run_id, unit, project, name, kind, plan, carried_over, allocated, disbursed, rate"
Typed = tuple[tuple[Any, type], ...]


def _typed(rows: list[Any]) -> list[Typed]:
    return [tuple((value, type(value)) for value in row) for row in rows]


def _old_rows(path: Path) -> tuple[list[Typed], list[Typed]]:
    """The runs and figures of a version 2 store, as 1.0.0 wrote them (in that order)."""
    with sqlite3.connect(path) as db:
        runs = db.execute("SELECT * FROM mtqg_runs ORDER BY id").fetchall()
        figures = db.execute(f"SELECT {FIGURES} FROM mtqg_figures ORDER BY rowid").fetchall()
    return _typed(runs), _typed(figures)


def _figures_now(sql: Callable[[str], Any]) -> list[Typed]:
    """The figures of a version 3 store as version 2 held them: one row per line and capital
    type that has a figure, the rate read back as the history reads it."""
    names = dict(sql("SELECT id, text FROM mtqg_names").fetchall())
    columns = ["run_id", "unit_id", "project_id", "name_id"]
    for kind in KINDS:
        columns += [f"{g}_{kind}" for g in ("plan", "carried_over", "allocated", "disbursed")]
        columns += [f"rate_bp_{kind}", f"rate_float_{kind}"]
    query = f"SELECT {', '.join(columns)} FROM mtqg_lines ORDER BY run_id, line"
    rows = []
    for run_id, unit, project, name, *values in sql(query).fetchall():
        for i, kind in enumerate(KINDS):
            *amounts, bp, exact = values[6 * i : 6 * i + 6]
            figures = (*amounts, read_rate(bp, exact))
            if any(value is not None for value in figures):
                rows.append((run_id, names[unit], names[project], names[name], kind, *figures))
    return _typed(rows)


def _history_outputs(store: str) -> dict[str, str]:
    runner = CliRunner()
    outputs = {}
    for args in EXPECTED:
        result = runner.invoke(app, ["history", "--store", store, *args.split(" ")])
        assert result.exit_code == 0, result.output
        outputs[args] = result.output
    return outputs


def test_a_store_of_version_2_is_migrated_losing_no_run_nor_figure(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    shutil.copy(OLD, path)
    runs, figures = _old_rows(path)
    assert len(runs) == 9 and len(figures) > 300
    opened = open_store(str(path))
    assert opened.lite is None  # an older store: SQLAlchemy migrates it
    assert schema_version(opened) == SCHEMA_VERSION == 3
    opened.close()
    with sqlite3.connect(path) as db:
        assert _typed(db.execute("SELECT * FROM mtqg_runs ORDER BY id").fetchall()) == runs
        assert _figures_now(db.execute) == figures  # every figure, its type and its order
        tables = {t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        (lines,) = db.execute("SELECT COUNT(*) FROM mtqg_lines").fetchone()
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA freelist_count").fetchone() == (0,)  # vacuumed: room given back
    assert "mtqg_figures" not in tables
    assert path.stat().st_size < OLD.stat().st_size
    assert lines < len(figures) / 2  # regrouped: a line per entry, not per capital type


def test_history_prints_from_a_migrated_store_what_version_2_printed(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    shutil.copy(OLD, path)
    assert _history_outputs(str(path)) == EXPECTED  # the first reading migrates
    assert _history_outputs(str(path)) == EXPECTED  # and the store is now version 3


def test_a_migration_that_fails_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    shutil.copy(OLD, path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE mtqg_figures SET kind = 'ngan' WHERE rowid = 100")
    before = _old_rows(path)
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert "unknown kind 'ngan'" in caught.value.params["reason"]
    assert _old_rows(path) == before
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM mtqg_meta").fetchone() == ("2",)
        assert (
            db.execute("SELECT name FROM sqlite_master WHERE name = 'mtqg_lines'").fetchall() == []
        )


def test_figures_are_regrouped_into_the_lines_they_were_written_from() -> None:
    """An entry's figures follow each other in KINDS order: a capital type already seen (or a
    later one) starts the next line, so a line repeated in a file stays two lines."""
    ids = {"X": 1, "DA1": 2, "Dự án 1": 3, "DA2": 4}
    figures = [
        ("X", "DA1", "Dự án 1", "total", 10, None, None, 1, 10.0),
        ("X", "DA1", "Dự án 1", "sn", 4, None, None, 1, 25.0),
        ("X", "DA1", "Dự án 1", "dtpt", 6, None, None, 0, 0.0),  # dtpt after sn: next line
        ("X", "DA1", "Dự án 1", "sn", 1, None, None, None, None),  # after dtpt: the same line
        ("X", "DA2", "Dự án 1", "sn", 2, None, None, None, 1 / 3),  # another project
    ]
    rows = regrouped(7, figures, ids)
    assert [row[:5] for row in rows] == [(7, 0, 1, 2, 3), (7, 1, 1, 2, 3), (7, 2, 1, 4, 3)]
    assert rows[0][7:10] == (10, None, 4)  # plan total, dtpt, sn
    assert rows[0][19:22] == (1000, None, 2500)  # rates in hundredths
    assert rows[1][7:10] == (None, 6, 1)
    assert rows[2][22:25] == (None, None, 1 / 3)  # no whole hundredths: as it is
    with pytest.raises(ValueError, match="unknown kind"):
        regrouped(7, [("X", "DA1", "Dự án 1", "all", 1, None, None, None, None)], ids)


def test_a_postgresql_store_of_version_2_is_migrated() -> None:
    """The same store on PostgreSQL: version 2's tables, 1.0.0's rows, then the migration."""
    import sqlalchemy as sa

    postgres = empty_postgres()
    open_store(postgres, migrate_to=2).close()
    with sqlite3.connect(OLD) as db:
        runs = db.execute("SELECT * FROM mtqg_runs ORDER BY id").fetchall()
        run_columns = [c[1] for c in db.execute("PRAGMA table_info(mtqg_runs)")]
        figures = db.execute(f"SELECT {FIGURES} FROM mtqg_figures ORDER BY rowid").fetchall()
    engine = sa.create_engine(postgres)
    with engine.begin() as conn:
        marks = ", ".join(f":{c}" for c in run_columns)
        insert = f"INSERT INTO mtqg_runs ({', '.join(run_columns)}) VALUES ({marks})"
        conn.execute(sa.text(insert), [dict(zip(run_columns, row, strict=True)) for row in runs])
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('mtqg_runs', 'id'), {len(runs)})"
        )
        names = FIGURES.split(", ")
        insert = (
            f"INSERT INTO mtqg_figures ({FIGURES}) VALUES ({', '.join(':' + n for n in names)})"
        )
        conn.execute(sa.text(insert), [dict(zip(names, row, strict=True)) for row in figures])
    opened = open_store(postgres)
    assert schema_version(opened) == SCHEMA_VERSION
    opened.close()
    with engine.begin() as conn:
        now = _figures_now(conn.exec_driver_sql)
    engine.dispose()
    # PostgreSQL's BIGINT holds no fractional đồng (1.0.0 rounded 12.5 there too), and its rows
    # have no order of writing (ctid, the order they are read in, mostly is): the same figures
    rounded = [
        tuple((round(v), int) if t is float and i in (5, 6, 7, 8) else (v, t) for i, (v, t) in enumerate(row))
        for row in _typed(figures)
    ]  # fmt: skip
    assert sorted(now, key=repr) == sorted(rounded, key=repr)
    outputs = _history_outputs(postgres)
    # PostgreSQL's lower() folds "Đ" where SQLite's folds ASCII only, in 1.0.0 as now
    folded = json.loads(outputs.pop("--all -f json --unit đôn"))
    assert {row["unit"] for row in folded["rows"]} == {"Xã Đôn Phong"}
    assert outputs == {key: text for key, text in EXPECTED.items() if key in outputs}
