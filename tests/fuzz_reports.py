"""Fuzz the reports: fuzzed text in every text field of a report, through every output format,
each output checked well-formed.

    python tests/fuzz_reports.py [--seconds N] [--seed S]

The text mixes what inputs can carry: escape sequences, C0 and C1 controls, CR and LF, bidi
overrides, lone surrogates (a file name that is not UTF-8), formula starts, Markdown and HTML
syntax, GitHub workflow-command syntax, XML specials and Vietnamese letters. Each format must
give: JSON and SARIF that parse; CSV with one row per finding; Markdown whose table rows keep
their cells; JUnit XML that parses; GitHub annotations one per line; HTML whose only scripts
are the report's own; an xlsx that opens; a table (of a report neutralised as a run makes it)
without an escape character.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIECES = (
    "\x1b[2J", "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x00", "\x07", "\x08", "\x0b",
    "\x7f", "\x85", "\x9b", "\r", "\n", "\r\n", "\t", "\u202e", "\u2066", "\ufffe", "\udcff",
    "\ud800", "=", "+", "-", "@", "|", "[x](javascript:alert(1))", "<script>alert(1)</script>",
    "</td>", "&amp;", "&", "<", ">", '"', "'", "`", "*", "_", "::error::", "%", "%0A", ",", ":",
    "Dự án 1", "TỔNG CỘNG", "đồng", "Ư", "\u0301", " ", "",
)  # fmt: skip
FORMATS = ("json", "csv", "markdown", "junit", "sarif", "github", "html", "xlsx", "table")


class ReportFailure(Exception):
    """An output that is not well-formed; `kind` names the format."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def fuzzed_text(rng: random.Random, path: bool = False) -> str:
    """A text of a few hostile pieces and random code points (a path has no NUL: no file name
    can)."""
    out = []
    for _ in range(rng.randint(0, 6)):
        if rng.random() < 0.8:
            out.append(rng.choice(PIECES))
        else:
            out.append(chr(rng.choice([rng.randrange(0x20), rng.randrange(0x80, 0xA0),
                                       rng.randrange(0x100, 0x2FFF)])))  # fmt: skip
    text = "".join(out)
    return text.replace("\x00", "") if path else text


def without_surrogates(report: object) -> object:
    """A copy of the report with its lone surrogates (only a file name's bytes that are not
    UTF-8 make them, and a run shows those as escapes) made U+FFFD: what reaches a format raw."""
    from pydantic import BaseModel

    assert isinstance(report, BaseModel)
    copy = report.model_copy(deep=True)
    _replace(copy)
    return copy


def _replace(model: object) -> None:
    from pydantic import BaseModel

    for name, value in vars(model).items():
        if isinstance(value, str):
            setattr(model, name, re.sub("[\ud800-\udfff]", "\ufffd", value))
        elif isinstance(value, BaseModel):
            _replace(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _replace(item)
            if value and isinstance(value[0], str):
                setattr(model, name, [re.sub("[\ud800-\udfff]", "\ufffd", v) for v in value])


def fuzzed_report(rng: random.Random) -> object:
    """A report of two files (one unreadable) whose text fields are fuzzed."""
    from mtqg_cli.model.report import FileReport, Finding, Report
    from mtqg_cli.model.vocabulary import Severity

    def finding() -> Finding:
        return Finding(
            rule=rng.choice(["SUM_MISMATCH", "OVER_DISBURSED", "NUMBER_AS_TEXT"]),
            severity=rng.choice(list(Severity)), sheet=fuzzed_text(rng), cell="B7", row=7,
            column=fuzzed_text(rng), project=fuzzed_text(rng), expected=1.0, actual=2.0,
            difference=1.0, message=fuzzed_text(rng),
        )  # fmt: skip

    good = FileReport(
        path=fuzzed_text(rng, path=True) + ".xlsx", status="findings", unit="trieu_dong",
        reporting_unit=fuzzed_text(rng), sheets=[fuzzed_text(rng)],
        findings=[finding() for _ in range(rng.randint(1, 4))],
    )  # fmt: skip
    bad = FileReport(path=fuzzed_text(rng, True) + ".xls", status="error", error=fuzzed_text(rng))
    return Report(version="fuzz", files=[good, bad])


def check_report(report: object, folder: Path) -> None:
    """Render `report` in every format, as it is (surrogates aside) and as a run neutralises it;
    raise ReportFailure for an output that is not well-formed."""
    from mtqg_cli.model.neutral import neutralise
    from mtqg_cli.model.report import Report

    assert isinstance(report, Report)
    raw = without_surrogates(report)
    for file in report.files:
        neutralise(file)
    for fmt in FORMATS:
        for shown in (raw, report):
            _check_one(fmt, shown, folder)


def _check_one(fmt: str, report: object, folder: Path) -> None:
    try:
        _check(fmt, report, folder)
    except ReportFailure:
        raise
    except Exception as exc:  # a format that fails on this text
        raise ReportFailure(fmt, f"{type(exc).__name__}: {exc}"[:300]) from exc


def _check(fmt: str, report: object, folder: Path) -> None:
    from mtqg_cli.model.report import Report
    from mtqg_cli.report import encoding, text_reports

    assert isinstance(report, Report)
    findings = sum(len(f.findings) for f in report.files)
    if fmt == "json":
        json.loads(encoding.json_bytes(report))
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text_reports.to_csv(report).lstrip("\ufeff"))))
        _expect(len(rows) == 1 + findings + 1, fmt, f"{len(rows)} rows")
    elif fmt == "markdown":
        _check_markdown(text_reports.to_markdown(report))
    elif fmt in ("junit", "github", "sarif"):
        _check_ci(fmt, report)
    elif fmt == "html":
        from mtqg_cli.report.html.page import render_html

        html = render_html(report, "vi")
        _expect(
            html.count("<script") == _HTML_SCRIPTS.get("n", html.count("<script")), fmt, "a script"
        )
        _HTML_SCRIPTS.setdefault("n", html.count("<script"))
    elif fmt == "xlsx":
        _check_xlsx(report, folder)
    else:
        _check_table(report)


_HTML_SCRIPTS: dict[str, int] = {}


def _expect(condition: bool, kind: str, detail: str) -> None:
    if not condition:
        raise ReportFailure(kind, detail)


def _check_markdown(text: str) -> None:
    """No control character, no link, and every row of a table as many cells as its header."""
    _expect(not re.search("[\x00-\x08\x0b-\x1f\x7f]", text), "markdown", "a control character")
    width = 0  # cells of the current table's header; 0 outside a table
    for line in text.splitlines():
        cells = re.sub(r"\\.", "", line).count("|") - 1
        if not line.startswith("|"):
            width = 0
        elif not width:
            width = cells
        elif not line.startswith("|---"):
            _expect(cells == width, "markdown", f"a row of {cells} cells: {line[:120]!r}")
        _expect("](" not in re.sub(r"\\.", "", line), "markdown", f"a link: {line[:120]!r}")


def _check_ci(fmt: str, report: object) -> None:
    from mtqg_cli.report.ci import to_github, to_junit
    from mtqg_cli.report.sarif import to_sarif

    if fmt == "junit":
        ET.fromstring(to_junit(report).encode("utf-8"))  # type: ignore[arg-type]
    elif fmt == "sarif":
        json.loads(to_sarif(report).encode("utf-8"))  # type: ignore[arg-type]
    else:
        text = to_github(report)  # type: ignore[arg-type]
        text.encode("utf-8")
        for line in text.splitlines():
            _expect(line.startswith(("::", "mtqg:")), fmt, f"a line {line[:80]!r}")
            _expect("\x1b" not in line, fmt, "an escape character")


def _check_xlsx(report: object, folder: Path) -> None:
    import openpyxl

    from mtqg_cli.report.xlsx import write_xlsx_report

    target = folder / "report.xlsx"
    write_xlsx_report(report, target, inputs=[])  # type: ignore[arg-type]
    openpyxl.load_workbook(target).close()


def _check_table(report: object) -> None:
    from mtqg_cli.model.neutral import neutralise
    from mtqg_cli.model.report import Report
    from mtqg_cli.render.batch_view import render_batch
    from mtqg_cli.render.console import make_console

    assert isinstance(report, Report)
    for file in report.files:
        neutralise(file)  # the terminal gets reports as every run makes them (pipeline.py)
    buffer = io.StringIO()
    render_batch(report, make_console(width=120, file=buffer, color=False), lang="vi")
    _expect("\x1b" not in buffer.getvalue(), "table", "an escape character")


def run(seconds: float, seed: int, max_cases: int = 0) -> list[str]:
    """Fuzz for `seconds` (or `max_cases` reports); return the failures found."""
    rng = random.Random(seed)
    failures: list[str] = []
    cases, end = 0, time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="mtqg-fuzz-reports-") as folder:
        while time.monotonic() < end and (not max_cases or cases < max_cases):
            cases += 1
            report = fuzzed_report(rng)
            try:
                check_report(report, Path(folder))
            except ReportFailure as exc:
                failures.append(str(exc))
                print(f"FAIL case {cases} (seed {seed}): {exc}", flush=True)
    print(f"fuzz reports (seed {seed}): {cases} reports in {seconds:g} s, {len(failures)} failures")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1719)
    args = parser.parse_args()
    return 1 if run(args.seconds, args.seed) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
