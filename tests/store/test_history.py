"""The history store: recording runs, the quarter-by-quarter view, migration, concurrency.

SQLite always; PostgreSQL too when MTQG_TEST_POSTGRES_URL names a reachable server.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ci_needs import empty_postgres
from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Report, SummaryEntry, Triple
from mtqg_cli.store.history import (
    LINE_COLUMNS,
    SCHEMA_VERSION,
    StoreError,
    default_store,
    load_history,
    open_store,
    record_report,
    schema_version,
)

FOLDER = Path(__file__).parents[1] / "fixtures" / "periods"
MAY = FOLDER / "bach-thong-2023-05-31.xlsx"
SEPT = FOLDER / "bach-thong-2023-09-30.xlsx"
KBNN = FOLDER / "kbnn-bach-thong-2023-05-31.xlsx"
UNIT = "Huyện Bạch Thông"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from mtqg_cli.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


def test_tests_never_record_in_the_home_folder() -> None:
    assert os.environ["MTQG_STORE"] == "off"
    assert default_store() is None


def test_default_store_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MTQG_STORE")
    assert default_store().endswith("history.sqlite")  # type: ignore[union-attr]
    monkeypatch.setenv("MTQG_STORE", "/srv/mtqg/lich-su.sqlite")
    assert default_store() == "/srv/mtqg/lich-su.sqlite"


def test_two_quarters_give_the_quarter_by_quarter_table(tmp_path: Path) -> None:
    store = str(tmp_path / "h.sqlite")
    runner = CliRunner()
    for path in (MAY, SEPT):
        result = runner.invoke(app, ["reconcile", str(path), "--store", store, "-q"])
        assert result.exit_code == 0, result.output
    opened = open_store(store)
    history = load_history(opened)
    opened.close()
    assert history.quarters == ["2023-Q2", "2023-Q3"]
    rows = {(r.unit, r.project): r for r in history.rows}
    assert rows[UNIT, "DA8"].rates == {"2023-Q2": 18.34, "2023-Q3": 42.91}
    assert rows[UNIT, "DA8"].disbursed == {"2023-Q2": 619_950_000, "2023-Q3": 1_450_300_000}
    assert history.rows[-1].project == "TOTAL"
    shown = runner.invoke(app, ["history", "--store", store, "--project", "DA8", "--width", "120"])
    assert shown.exit_code == 0, shown.output
    assert "2023-Q2" in shown.output and "2023-Q3" in shown.output
    assert "18,34" in shown.output and "42,91" in shown.output
    data = json.loads(runner.invoke(app, ["history", "--store", store, "-f", "json"]).output)
    assert data["quarters"] == ["2023-Q2", "2023-Q3"]


def test_history_xlsx_has_the_table_and_a_line_chart(tmp_path: Path) -> None:
    import openpyxl

    store = str(tmp_path / "h.sqlite")
    opened = open_store(store)
    for path in (MAY, SEPT):
        record_report(opened, reconcile_paths([path], Options()))
    opened.close()
    target = tmp_path / "lich-su.xlsx"
    result = CliRunner().invoke(app, ["history", "--store", store, "-f", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target)["Lịch sử"]
    assert [c.value for c in sheet[3]][:5] == ["Đơn vị", "Mã", "Tên", "2023-Q2", "2023-Q3"]
    assert len(sheet._charts) == 1
    assert sheet._charts[0].tagname == "lineChart"


def test_runs_record_unit_period_and_counts(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    opened = open_store(str(store))
    report = reconcile_paths([KBNN], Options())
    (run_id,) = record_report(opened, report)
    opened.close()
    with sqlite3.connect(store) as db:
        row = db.execute(
            "SELECT unit, as_of, quarter, period, errors, warnings FROM mtqg_runs WHERE id = ?",
            (run_id,),
        ).fetchone()
        kinds = {
            kind
            for kind in ("total", "dtpt", "sn")
            if db.execute(f"SELECT COUNT(plan_{kind}) FROM mtqg_lines").fetchone()[0]
        }
    errors = sum(1 for f in report.files[0].findings if f.severity == "error")
    assert row == (
        report.files[0].reporting_unit,
        "2023-05-31",
        "2023-Q2",
        "đến 31/5/2023",
        errors,
        0,
    )
    assert kinds == {"total", "dtpt", "sn"}


def test_no_store_records_nothing(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    result = CliRunner().invoke(app, ["reconcile", str(MAY), "--store", str(store), "--no-store"])
    assert result.exit_code == 0
    assert not store.exists()


def test_an_older_schema_is_migrated_and_keeps_its_runs(tmp_path: Path) -> None:
    store = str(tmp_path / "old.sqlite")
    old = open_store(store, migrate_to=1)
    assert schema_version(old) == 1
    with old.transaction() as conn:
        conn.exec_driver_sql(
            "INSERT INTO mtqg_runs (recorded_at, tool_version, path, unit, as_of, quarter, "
            "status, errors, warnings, infos) VALUES ('2023-04-02T00:00:00+00:00', '0.9', "
            "'q1.xlsx', 'Huyện Bạch Thông', '2023-03-31', '2023-Q1', 'ok', 0, 0, 0)"
        )
        conn.exec_driver_sql(
            "INSERT INTO mtqg_figures (run_id, unit, project, name, kind, plan, disbursed, rate) "
            "VALUES (1, 'Huyện Bạch Thông', 'DA8', 'Dự án 8', 'total', 3379979000, 0, 0.0)"
        )
    old.close()
    opened = open_store(store)
    assert schema_version(opened) == SCHEMA_VERSION
    record_report(opened, reconcile_paths([MAY], Options()))
    history = load_history(opened, project="DA8")
    opened.close()
    assert history.quarters == ["2023-Q1", "2023-Q2"]
    assert history.rows[0].rates == {"2023-Q1": 0.0, "2023-Q2": 18.34}


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "new.sqlite"
    open_store(str(store)).close()
    with sqlite3.connect(store) as db:
        db.execute("UPDATE mtqg_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError):
        open_store(str(store))
    result = CliRunner().invoke(app, ["history", "--store", str(store)])
    assert result.exit_code == 2


def test_parallel_runs_lose_nothing(tmp_path: Path) -> None:
    """Two runs into the same store at once, then a third beside another: every run is kept."""
    store = str(tmp_path / "shared.sqlite")
    first = [_start(path, store) for path in (MAY, SEPT)]
    assert [_finish(p) for p in first] == [0, 0]
    second = [_start(path, store) for path in (KBNN, MAY)]
    assert [_finish(p) for p in second] == [0, 0]  # the Treasury statement is clean on its own
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        runs = db.execute("SELECT path FROM mtqg_runs ORDER BY path").fetchall()
        orphans = db.execute(
            "SELECT COUNT(*) FROM mtqg_lines WHERE run_id NOT IN (SELECT id FROM mtqg_runs)"
        ).fetchone()
        per_run = db.execute(
            "SELECT COUNT(DISTINCT n) FROM (SELECT run_id, COUNT(*) AS n FROM mtqg_lines "
            "JOIN mtqg_runs ON mtqg_runs.id = run_id WHERE path LIKE '%/bach-thong-2023-05-31.xlsx' "
            "GROUP BY run_id)"
        ).fetchone()
    assert sorted(Path(p).name for (p,) in runs) == sorted(p.name for p in (MAY, SEPT, KBNN, MAY))
    assert orphans == (0,) and per_run == (1,)  # both May runs wrote all their figures


def _start(path: Path, store: str) -> subprocess.Popen[str]:
    code = "from mtqg_cli.cli import main; main()"
    args = [
        sys.executable,
        "-c",
        code,
        "reconcile",
        str(path),
        "--store",
        store,
        "-q",
        "-f",
        "json",
    ]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen[str]) -> int:
    _, err = process.communicate(timeout=300)
    assert process.returncode in (0, 1), err
    return process.returncode


def _many_entries(count: int) -> list[SummaryEntry]:
    """One project line per commune; odd ones have no recurrent (SN) figures at all."""
    entries = []
    for i in range(count):
        plan = 1_000_000 + 7 * i
        spent = 3 * i
        entries.append(
            SummaryEntry(
                project=f"DA{i % 10 + 1}",
                name=f"Dự án {i % 10 + 1} của xã {i}",
                unit=f"Xã {i:04d}",
                plan=Triple(total=plan, dtpt=plan - 400_000, sn=None if i % 2 else 400_000),
                carried_over=Triple(total=i, dtpt=i, sn=None),
                allocated=Triple(total=plan - i, dtpt=None, sn=None),
                disbursed=Triple(total=spent, dtpt=spent, sn=None if i % 2 else 0),
                rate=Triple(total=round(100 * spent / plan, 2), dtpt=50, sn=None if i % 2 else 0),
            )
        )
    return entries


@pytest.mark.parametrize("batched", [False, True], ids=["executemany", "multi-row-values"])
def test_a_report_with_many_entries_is_recorded_completely(tmp_path: Path, batched: bool) -> None:
    """Every figure of 2,000 lines goes in (one executemany, one row per line) and reads back
    the same.

    `batched` takes the path of dialects whose executemany is slow (psycopg2): SQLAlchemy's
    multi-row INSERT ... VALUES batches ("insertmanyvalues") instead.
    """
    import sqlalchemy as sa

    store = tmp_path / "h.sqlite"
    entries = _many_entries(2_000)
    report = Report(
        version="test",
        files=[
            FileReport(
                path="tong-hop.xlsx",
                status="ok",
                reporting_unit="Tỉnh Bắc Kạn",
                as_of="2023-05-31",
                summary=entries,
            )
        ],
    )
    opened = open_store(str(store))
    opened.engine.dialect.use_insertmanyvalues_wo_returning = batched
    calls: list[int] = []  # the parameters of each INSERT of figures the driver is given

    @sa.event.listens_for(opened.engine, "before_cursor_execute")
    def _count(_conn: object, _cursor: object, sql: str, params: Any, *_: object) -> None:
        if sql.startswith("INSERT INTO mtqg_lines"):
            calls.append(len(params))

    (run_id,) = record_report(opened, report)
    histories = {kind: load_history(opened, kind=kind) for kind in ("total", "dtpt", "sn")}
    opened.close()

    if batched:  # a few multi-row statements, each with the flat values of many rows
        assert len(calls) > 1 and sum(calls) == 2_000 * len(LINE_COLUMNS)
    else:  # one executemany of 2,000 parameter sets: one row per line
        assert calls == [2_000]
    for kind, history in histories.items():
        with_kind = [e for e in entries if getattr(e.plan, kind) is not None]
        assert history.quarters == ["2023-Q2"]
        assert {(r.unit, r.project, r.name) for r in history.rows} == {
            (e.unit, e.project, e.name) for e in with_kind
        }
        got = {(r.unit, r.project): (r.rates, r.disbursed) for r in history.rows}
        for e in with_kind:
            rate, disbursed = getattr(e.rate, kind), getattr(e.disbursed, kind)
            assert got[e.unit, e.project] == ({"2023-Q2": rate}, {"2023-Q2": disbursed})
    groups = ("plan", "carried_over", "allocated", "disbursed")
    amounts = ", ".join(f"l.{g}_{k}" for g in groups for k in ("total", "dtpt", "sn"))
    with sqlite3.connect(store) as db:
        stored = db.execute(
            f"SELECT u.text, p.text, n.text, {amounts}, rate_bp_total, rate_bp_dtpt, rate_bp_sn "
            "FROM mtqg_lines l JOIN mtqg_names u ON u.id = unit_id "
            "JOIN mtqg_names p ON p.id = project_id JOIN mtqg_names n ON n.id = name_id "
            "WHERE run_id = ? ORDER BY line",
            (run_id,),
        ).fetchall()
        rate_types = {
            t
            for kind in ("total", "dtpt", "sn")
            for (t,) in db.execute(f"SELECT DISTINCT typeof(rate_bp_{kind}) FROM mtqg_lines")
        }
        floats = db.execute(
            "SELECT COUNT(*) FROM mtqg_lines WHERE rate_float_total IS NOT NULL "
            "OR rate_float_dtpt IS NOT NULL OR rate_float_sn IS NOT NULL"
        ).fetchone()
        (names,) = db.execute("SELECT COUNT(*) FROM mtqg_names").fetchone()
    expected = [
        (
            e.unit, e.project, e.name,
            *(getattr(getattr(e, g), k) for g in groups for k in ("total", "dtpt", "sn")),
            *(None if r is None else round(r * 100) for r in (e.rate.total, e.rate.dtpt, e.rate.sn)),
        )
        for e in entries
    ]  # fmt: skip
    assert stored == expected  # one row per line, in the report's order
    assert rate_types == {"integer", "null"}  # rates in whole hundredths of a percent
    assert floats == (0,)  # every rate here has whole hundredths: none stored as a float
    assert names == 2_000 + 2_000 + 10 + 1  # communes, line names, project codes, the file's unit


def test_a_run_with_the_store_off_does_not_import_sqlalchemy(tmp_path: Path) -> None:
    """Deciding that nothing is recorded costs no SQLAlchemy import (0.2 s); recording does."""
    code = (
        "import atexit, sys; atexit.register(lambda: print('sqlalchemy:', 'sqlalchemy' in "
        "sys.modules, file=sys.stderr)); from mtqg_cli.cli import main; main()"
    )
    off = _run_code(code, "reconcile", str(MAY), "-q")
    on = _run_code(code, "reconcile", str(MAY), "-q", "--store", str(tmp_path / "h.sqlite"))
    assert (off.returncode, on.returncode) == (0, 0), off.stderr + on.stderr
    assert off.stderr.splitlines()[-1] == "sqlalchemy: False"
    assert on.stderr.splitlines()[-1] == "sqlalchemy: True"


def _run_code(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


def test_postgresql_store() -> None:
    store = empty_postgres()
    first = _run("reconcile", str(MAY), "--store", store, "-q")
    second = _run("reconcile", str(SEPT), "--store", store, "-q")
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    opened = open_store(store)
    assert schema_version(opened) == SCHEMA_VERSION
    history = load_history(opened, project="DA8")
    opened.close()
    assert history.rows[0].rates == {"2023-Q2": 18.34, "2023-Q3": 42.91}


def test_long_names_and_reasons_are_recorded_on_postgresql() -> None:
    """A reason gathered from thousands of sub-lines, or a name pasted whole, is far longer than
    a PostgreSQL index entry may be (2,704 bytes): it is still stored once and read back."""
    import random

    store = empty_postgres()
    words = random.Random(22).choices(["vốn", "chưa", "giải", "ngân", "xã", "thôn", "đợt"], k=4000)
    reason = " ".join(f"{w}{i}" for i, w in enumerate(words))
    name = "Dự án " + reason[:6000]
    entry = SummaryEntry(
        project="DA1",
        name=name,
        unit="Xã Dài",
        plan=Triple(total=1_000_000),
        disbursed=Triple(total=400_000),
        rate=Triple(total=40.0),
        unallocated=600_000,
        unallocated_reason=reason,
    )
    report = Report(
        version="test",
        files=[FileReport(path="dai.xlsx", status="ok", reporting_unit="Xã Dài", summary=[entry])],
    )
    opened = open_store(store)
    try:
        record_report(opened, report)
        record_report(opened, report)  # the same long texts again: found, not added twice
        history = load_history(opened, project="DA1")
    finally:
        opened.close()
    assert [row.name for row in history.rows] == [name]
    assert history.rows[0].disbursed == {next(iter(history.quarters)): 400_000}
    import sqlalchemy as sa

    engine = sa.create_engine(store)
    with engine.connect() as conn:
        texts = [t for (t,) in conn.exec_driver_sql("SELECT text FROM mtqg_names")]
        stored = (
            conn.exec_driver_sql(
                "SELECT n.text FROM mtqg_lines l JOIN mtqg_names n ON n.id = l.reason_id"
            )
            .scalars()
            .all()
        )
    engine.dispose()
    assert texts.count(reason) == 1 and texts.count(name) == 1
    assert stored == [reason, reason]
