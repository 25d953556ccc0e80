"""Make `v2-history.sqlite` and `v2-history.expected.json` with mtqg 1.0.0 (main at 739cb01).

A history store at schema version 2, as that version wrote it, and what `mtqg history` printed
from it, for `test_migration.py` to migrate and compare. Run it with that version's sources:
`PYTHONPATH=<checkout of 739cb01>/src python tests/store/data/make_v2_store.py`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Report, SummaryEntry, Triple
from mtqg_cli.store.history import SCHEMA_VERSION, open_store, record_report

HERE = Path(__file__).parent
PERIODS = Path("tests/fixtures/periods")  # as the runs record it, from the repository's root
STORE = HERE / "v2-history.sqlite"
ARGS = [
    ["--all", "-f", "json"],
    ["--all", "-f", "json", "--kind", "dtpt"],
    ["--all", "-f", "json", "--kind", "sn"],
    ["-f", "json", "--last", "2"],
    ["--all", "-f", "json", "--project", "da8"],
    ["--all", "-f", "json", "--unit", "đôn"],
    ["--all", "-f", "json", "--unit", "BẠCH", "--kind", "dtpt"],
    ["--all", "--width", "160"],
    ["--all", "--width", "160", "--kind", "sn", "--lang", "en"],
]


def entry(project: str, name: str, unit: str | None, **figures: Triple) -> SummaryEntry:
    return SummaryEntry(project=project, name=name, unit=unit, **figures)


def odd_report(as_of: str, spent: int) -> Report:
    """The cases a real form rarely gives: no unit, an empty unit, a fractional amount, whole,
    odd and SN-only rates, no figures at all, and the same line twice (whole, and split across
    capital types)."""
    entries = [
        entry("DA1", "Dự án 1", None, plan=Triple(total=1_000_000_000_000, dtpt=600_000_000_000),
              allocated=Triple(total=12.5), disbursed=Triple(total=spent, dtpt=0),
              rate=Triple(total=50, dtpt=0)),
        entry("DA2", "Dự án 2 — xã Đôn Phong", "Xã Đôn Phong", rate=Triple(sn=33.33)),
        entry("DA3", "Dự án 3", "", plan=Triple(total=3, dtpt=2, sn=1),
              carried_over=Triple(total=7, sn=7), disbursed=Triple(total=spent, sn=spent),
              rate=Triple(total=12.345, dtpt=None, sn=0.1)),
        entry("DA4", "Dự án 4", "Xã Đôn Phong"),
        entry("DA5", "Dự án 5", "Xã Đôn Phong", plan=Triple(total=10), rate=Triple(total=1.5)),
        entry("DA5", "Dự án 5", "Xã Đôn Phong", plan=Triple(total=20), rate=Triple(total=2.5)),
        entry("DA6", "Dự án 6", "Xã Đôn Phong", plan=Triple(total=30), rate=Triple(total=3.25)),
        entry("DA6", "Dự án 6", "Xã Đôn Phong", plan=Triple(sn=40), rate=Triple(sn=4.75)),
        entry("DA6", "Dự án 6", "Xã Đôn Phong", plan=Triple(dtpt=50), rate=Triple(dtpt=2 / 3)),
    ]  # fmt: skip
    files = [
        FileReport(path="/x/tong-hop.xlsx", status="ok", as_of=as_of, summary=entries),
        FileReport(path="/x/trong.xlsx", status="ok", as_of=as_of, period="Năm 2023"),
    ]
    return Report(version="test", files=files)


def main() -> None:
    assert SCHEMA_VERSION == 2, "run with the sources of mtqg 1.0.0 (schema version 2)"
    assert PERIODS.is_dir(), "run from the repository's root"
    STORE.unlink(missing_ok=True)
    store = open_store(str(STORE))
    reports = (
        reconcile_paths([PERIODS / "bach-thong-2023-05-31.xlsx"], Options()),
        odd_report("2023-06-30", 5),
        reconcile_paths([PERIODS / "bach-thong-2023-09-30.xlsx"], Options()),
        reconcile_paths([PERIODS / "kbnn-bach-thong-2023-05-31.xlsx"], Options()),
        odd_report("2023-09-30", 9),
        odd_report("2023-09-30", 11),  # the same quarter again: the later run counts
    )
    for day, report in enumerate(reports, start=1):
        record_report(store, report, now=datetime(2023, 10, day, 8, 30, tzinfo=UTC))
    store.close()
    runner = CliRunner()
    expected = {}
    for args in ARGS:
        result = runner.invoke(app, ["history", "--store", str(STORE), *args])
        assert result.exit_code == 0, result.output
        expected[" ".join(args)] = result.output
    text = json.dumps(expected, ensure_ascii=False, indent=1) + "\n"
    (HERE / "v2-history.expected.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
