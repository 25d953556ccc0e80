"""The fast write path of the history: an existing, current SQLite store written with sqlite3.

It must write exactly the rows the SQLAlchemy path writes, never import SQLAlchemy, hand every
other case (a new store, an older or newer schema, other databases) to SQLAlchemy, and turn
SQLite's failures into a StoreError.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Report, SummaryEntry, Triple
from mtqg_cli.store import history
from mtqg_cli.store.history import (
    SCHEMA_VERSION,
    Store,
    StoreError,
    load_history,
    open_store,
    record_report,
    schema_version,
)
from mtqg_cli.store.sqlite import sqlite_path

FOLDER = Path(__file__).parents[1] / "fixtures" / "periods"
MAY = FOLDER / "bach-thong-2023-05-31.xlsx"
SEPT = FOLDER / "bach-thong-2023-09-30.xlsx"
KBNN = FOLDER / "kbnn-bach-thong-2023-05-31.xlsx"
NOW = datetime(2023, 10, 2, 8, 30, tzinfo=UTC)


def _existing(path: Path) -> str:
    """A store created (through SQLAlchemy) at the current version, with no runs yet."""
    opened = open_store(str(path))
    assert opened.lite is None  # a new store is created by SQLAlchemy
    opened.close()
    return str(path)


def _fast(store: str) -> Store:
    opened = open_store(store)
    assert opened.lite is not None, "expected the sqlite3 fast path"
    return opened


def _rows(path: Path, table: str) -> list[tuple[tuple[Any, type], ...]]:
    """Every row of a table, each value with its Python type (SQLite's storage class)."""
    with sqlite3.connect(path) as db:
        order = "run_id, line" if table == "mtqg_lines" else "rowid"  # no rowid: keyed by line
        found = db.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
    return [tuple((value, type(value)) for value in row) for row in found]


def _mixed_report() -> Report:
    """Real files (one with errors), plus the odd cases: no as-of, no unit, whole-number and
    missing rates, a fractional amount, an unreadable file (not recorded), no figures at all."""
    real = reconcile_paths([MAY, SEPT, KBNN], Options()).files
    entries = [
        SummaryEntry(
            project="DA1",
            name="Dự án 1",
            unit=None,
            plan=Triple(total=1_000_000_000_000, dtpt=600_000_000_000, sn=None),
            carried_over=Triple(total=None, dtpt=None, sn=None),
            allocated=Triple(total=12.5, dtpt=None, sn=None),
            disbursed=Triple(total=0, dtpt=0, sn=None),
            rate=Triple(total=50, dtpt=0, sn=None),
        ),
        SummaryEntry(
            project="DA2",
            name="Dự án 2 — xã Đôn Phong",
            unit="Xã Đôn Phong",
            plan=Triple(total=None, dtpt=None, sn=None),
            carried_over=Triple(total=None, dtpt=None, sn=None),
            allocated=Triple(total=None, dtpt=None, sn=None),
            disbursed=Triple(total=None, dtpt=None, sn=None),
            rate=Triple(total=12.345, dtpt=None, sn=33.33),
        ),
    ]
    odd = [
        FileReport(path="/x/tong-hop.xlsx", status="ok", summary=entries),
        FileReport(path="/x/hong.xlsx", status="error"),
        FileReport(path="/x/trong.xlsx", status="ok", as_of="2023-12-31", period="Năm 2023"),
    ]
    return Report(version="test", files=[*real, *odd])


def test_the_fast_path_writes_the_rows_the_sqlalchemy_path_writes(tmp_path: Path) -> None:
    report = _mixed_report()
    slow_file, fast_file = tmp_path / "slow.sqlite", tmp_path / "fast.sqlite"
    slow = open_store(str(slow_file))  # new: SQLAlchemy creates it and records through it
    assert slow.lite is None
    fast = _fast(_existing(fast_file))
    slow_ids = [record_report(slow, report, now=NOW) for _ in range(2)]
    fast_ids = [record_report(fast, report, now=NOW) for _ in range(2)]
    slow_view = load_history(slow, project="DA8")
    fast_view = load_history(fast, project="DA8")  # the engine, made on demand, reads it back
    slow.close()
    fast.close()

    assert fast_ids == slow_ids == [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]
    runs = _rows(fast_file, "mtqg_runs")
    assert runs == _rows(slow_file, "mtqg_runs")
    assert _rows(fast_file, "mtqg_names") == _rows(slow_file, "mtqg_names")
    assert _rows(fast_file, "mtqg_lines") == _rows(slow_file, "mtqg_lines")
    lines = _rows(fast_file, "mtqg_lines")
    assert len(lines) > 30
    amounts = [value for row in lines for value, _ in row[7:19]]
    assert {type(v) for v in amounts if v is not None} == {int, float}  # the fractional 12.5
    assert {t for row in lines for value, t in row[19:22] if value is not None} == {int}
    assert [value for row in lines for value, _ in row[22:25] if value is not None] == [
        12.345,
        12.345,
    ]  # the rate with no whole hundredths, as it is (the odd file was recorded twice)
    assert runs[0][1] == ("2023-10-02T08:30:00+00:00", str)
    assert runs[3][3:7] == (  # no unit, no as-of: the file's name and the recording day
        ("/x/tong-hop.xlsx", str),
        ("tong-hop", str),
        (None, type(None)),
        ("2023-Q4", str),
    )
    assert runs[3][11] == (None, type(None))  # the period, added by version 2 as the last column
    assert fast_view == slow_view
    assert fast_view.rows[0].rates == {"2023-Q2": 18.34, "2023-Q3": 42.91}


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


IMPORTS = (
    "import atexit, sys; atexit.register(lambda: print('sqlalchemy:', 'sqlalchemy' in "
    "sys.modules, file=sys.stderr)); from mtqg_cli.cli import main; main()"
)


@pytest.mark.parametrize("as_url", [False, True], ids=["path", "sqlite-url"])
def test_an_existing_store_is_recorded_without_importing_sqlalchemy(
    tmp_path: Path, as_url: bool
) -> None:
    path = tmp_path / "lịch sử" / "h.sqlite"
    path.parent.mkdir()
    _existing(path)
    store = f"sqlite:///{path}" if as_url else str(path)
    for source in (MAY, SEPT):
        done = _run(IMPORTS, "reconcile", str(source), "-q", "--store", store)
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == "sqlalchemy: False"

    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM mtqg_runs").fetchone() == (2,)
    shown = CliRunner().invoke(app, ["history", "--store", store, "--project", "DA8"])
    assert shown.exit_code == 0, shown.output
    assert "18,34" in shown.output and "42,91" in shown.output


def test_a_new_store_goes_through_sqlalchemy(tmp_path: Path) -> None:
    store = tmp_path / "moi" / "h.sqlite"
    done = _run(IMPORTS, "reconcile", str(MAY), "-q", "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "sqlalchemy: True"
    opened = _fast(str(store))  # now it exists at the current version
    assert schema_version(opened) == SCHEMA_VERSION
    assert load_history(opened, project="DA8").rows[0].rates == {"2023-Q2": 18.34}
    opened.close()


def test_an_older_schema_goes_through_sqlalchemy_and_is_migrated(tmp_path: Path) -> None:
    store = str(tmp_path / "old.sqlite")
    open_store(store, migrate_to=1).close()
    opened = open_store(store)
    assert opened.lite is None
    assert schema_version(opened) == SCHEMA_VERSION
    opened.close()
    opened = _fast(store)
    (run_id,) = record_report(opened, reconcile_paths([MAY], Options()))
    opened.close()
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT period FROM mtqg_runs WHERE id = ?", (run_id,)).fetchone()


def test_a_store_migrated_by_a_newer_mtqg_after_opening_is_refused(tmp_path: Path) -> None:
    store = _existing(tmp_path / "h.sqlite")
    opened = _fast(store)
    with sqlite3.connect(store) as db:
        db.execute(
            f"UPDATE mtqg_meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'"
        )
    with pytest.raises(StoreError) as caught:
        record_report(opened, reconcile_paths([MAY], Options()))
    opened.close()
    assert caught.value.key == "store_newer"
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*) FROM mtqg_runs").fetchone() == (0,)


@pytest.mark.parametrize("as_url", [False, True], ids=["path", "sqlite-url"])
def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path: Path, as_url: bool) -> None:
    path = tmp_path / "h.sqlite"
    path.write_bytes(b"PK\x03\x04 definitely a spreadsheet, not SQLite " * 100)
    store = f"sqlite:///{path}" if as_url else str(path)
    with pytest.raises(StoreError) as caught:
        open_store(store)
    assert caught.value.params["reason"] == "file is not a database"
    done = _run(IMPORTS, "reconcile", str(MAY), "-q", "--store", store, "--lang", "en")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "file is not a database" in done.stderr
    assert done.stderr.splitlines()[-1] == "sqlalchemy: False"


def test_a_store_whose_version_is_no_number_gives_a_store_error(tmp_path: Path) -> None:
    store = _existing(tmp_path / "h.sqlite")
    with sqlite3.connect(store) as db:
        db.execute("UPDATE mtqg_meta SET value = 'hai' WHERE key = 'schema_version'")
    with pytest.raises(StoreError) as caught:
        open_store(store)
    assert caught.value.key == "store_failed"
    assert caught.value.params["reason"] == "schema_version 'hai' is not a number"
    done = _run(IMPORTS, "reconcile", str(MAY), "-q", "--store", store)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "Không ghi/đọc được lịch sử" in done.stderr


def test_a_corrupt_store_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    _existing(path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xa5" * (len(data) - page)  # every table's pages; the header stays
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert caught.value.key == "store_failed"
    assert "malformed" in caught.value.params["reason"]


def test_a_store_locked_past_the_timeout_gives_a_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _existing(tmp_path / "h.sqlite")
    monkeypatch.setattr(history, "BUSY_TIMEOUT_S", 0.2)
    opened = _fast(store)
    other = sqlite3.connect(store, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another run is writing, and does not finish in time
    try:
        with pytest.raises(StoreError) as caught:
            record_report(opened, reconcile_paths([MAY], Options()))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.params["reason"] == "database is locked"
    (run_id,) = record_report(opened, reconcile_paths([MAY], Options()))  # free again: written
    opened.close()
    assert run_id == 1


def test_a_full_disk_gives_a_store_error_and_writes_nothing(tmp_path: Path) -> None:
    store = _existing(tmp_path / "h.sqlite")
    opened = _fast(store)
    assert opened.lite is not None
    (pages,) = opened.lite.execute("PRAGMA page_count").fetchone()
    opened.lite.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk fills up
    with pytest.raises(StoreError) as caught:
        record_report(opened, reconcile_paths([MAY, SEPT, KBNN], Options()))
    opened.close()
    assert caught.value.params["reason"] == "database or disk is full"
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*) FROM mtqg_runs").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM mtqg_lines").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM mtqg_names").fetchone() == (0,)


@pytest.mark.parametrize(
    ("store", "expected"),
    [
        ("h.sqlite", Path("h.sqlite")),
        ("/srv/mtqg/lịch sử.sqlite", Path("/srv/mtqg/lịch sử.sqlite")),
        ("~/h.sqlite", Path("~/h.sqlite").expanduser()),
        ("sqlite:///h.sqlite", Path("h.sqlite")),
        ("sqlite:////srv/h.sqlite", Path("/srv/h.sqlite")),
        ("sqlite+pysqlite:////srv/h.sqlite", Path("/srv/h.sqlite")),
        ("sqlite://", None),  # in memory
        ("sqlite:///:memory:", None),
        ("sqlite:////srv/h.sqlite?mode=ro", None),  # options: SQLAlchemy's to read
        ("sqlite:////srv/h%20x.sqlite", None),  # escapes: likewise
        ("postgresql://mtqg@db/mtqg", None),
        ("postgresql+psycopg://mtqg@db/mtqg", None),
    ],
)
def test_only_sqlite_files_take_the_fast_path(store: str, expected: Path | None) -> None:
    assert sqlite_path(store) == expected


def test_both_engines_set_up_their_connections_the_same_way(tmp_path: Path) -> None:
    """One `prepare` for the sqlite3 path and SQLAlchemy's SQLite connections: same settings."""
    store = _existing(tmp_path / "h.sqlite")
    opened = _fast(store)
    assert opened.lite is not None
    pragmas = ("busy_timeout", "foreign_keys")
    fast = [opened.lite.execute(f"PRAGMA {name}").fetchone()[0] for name in pragmas]
    with opened.transaction() as conn:  # the engine, made on demand
        slow = [conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in pragmas]
        dbapi = conn.connection.driver_connection
        assert dbapi is not None and dbapi.isolation_level is None  # BEGIN is SQLAlchemy's
    opened.close()
    assert fast == slow == [history.BUSY_TIMEOUT_S * 1000, 1]
