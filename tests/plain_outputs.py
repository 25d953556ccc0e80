"""Every view of a report none of whose findings has a hint or a cause, as digests to compare.

`python tests/plain_outputs.py` writes the SHA-256 of each view to tests/data/plain-outputs.json;
it was run on the code before findings could explain one another (commit 8b3fa05), so the test
comparing today's views with that file shows that reports without causes are shown exactly as
before: terminal at 80/100/160 columns, CSV, Markdown, GitHub, JUnit, SARIF, HTML, the xlsx
report and the annotated copies (their values and comments), in Vietnamese and English.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import Report
from mtqg_cli.render.console import make_console
from mtqg_cli.render.file_view import render_report
from mtqg_cli.report.annotate import annotate_copies
from mtqg_cli.report.ci import to_github, to_junit
from mtqg_cli.report.html.page import render_html
from mtqg_cli.report.sarif import to_sarif
from mtqg_cli.report.text_reports import to_csv, to_markdown
from mtqg_cli.report.xlsx import write_xlsx_report

FIXTURES = Path(__file__).parent / "fixtures"
FORMS = ("huyen-mau-shape.xlsx", "multi-sheet-with-prose.xlsx", "offset-table.xlsx")
GOLDEN = Path(__file__).parent / "data" / "plain-outputs.json"
DAY = date(2026, 12, 4)


def plain_report(lang: str) -> Report:
    """The forms reconciled, with no finding explaining another and no hint (whatever the
    checks find about causes, this is the report the views showed before)."""
    files = [reconcile_file(FIXTURES / name, Options(lang=lang)) for name in FORMS]
    for finding in (f for file in files for f in file.findings):
        finding.caused_by, finding.hint = None, None
    return Report(version="0.0.0", files=files)


def _terminal(report: Report, width: int, lang: str) -> str:
    """The terminal view, its files named <FIXTURES>/NAME before rendering: a narrow console
    wraps a path by its length, which depends on where the project is checked out."""
    shown = report.model_copy(deep=True)
    for file in shown.files:
        file.path = f"<FIXTURES>/{Path(file.path).name}"
    out = io.StringIO()
    render_report(shown, make_console(width=width, file=out, color=False), lang=lang)
    return out.getvalue()


def _workbook_text(path: Path) -> list[list[Any]]:
    """Every sheet's values, and every comment, of a workbook."""
    book = load_workbook(path)
    seen: list[list[Any]] = []
    for sheet in book.worksheets:
        seen.append([sheet.title])
        for row in sheet.iter_rows():
            seen.append(
                [c.value if not hasattr(c.value, "isoformat") else str(c.value) for c in row]
            )
            seen += [[c.coordinate, c.comment.text] for c in row if c.comment is not None]
    return seen


def _xlsx(report: Report, lang: str) -> list[list[Any]]:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.xlsx"
        write_xlsx_report(report, target, lang=lang, inputs=[])
        return _workbook_text(target)


def _annotated(report: Report, lang: str) -> list[list[Any]]:
    with tempfile.TemporaryDirectory() as folder:
        written = annotate_copies(report, Path(folder), lang=lang)
        return [row for path in sorted(written) for row in _workbook_text(path)]


def digests(lang: str) -> dict[str, str]:
    """The SHA-256 of each view's JSON text."""
    return {
        name: hashlib.sha256(json.dumps(view, ensure_ascii=False).encode()).hexdigest()
        for name, view in views(lang).items()
    }


def views(lang: str) -> dict[str, Any]:
    """Each view of the plain report in `lang`, with the fixtures' folder written as <FIXTURES>."""
    report = plain_report(lang)
    makers: dict[str, Callable[[], Any]] = {
        "terminal-80": lambda: _terminal(report, 80, lang),
        "terminal-100": lambda: _terminal(report, 100, lang),
        "terminal-160": lambda: _terminal(report, 160, lang),
        "csv": lambda: to_csv(report, lang),
        "markdown": lambda: to_markdown(report, lang),
        "github": lambda: to_github(report, lang=lang),
        "junit": lambda: to_junit(report, lang=lang),
        "sarif": lambda: to_sarif(report, lang=lang, root=FIXTURES),
        "html": lambda: render_html(report, lang, today=DAY),
        "xlsx": lambda: _xlsx(report, lang),
        "annotated": lambda: _annotated(report, lang),
    }
    shown = json.dumps({name: make() for name, make in makers.items()}, ensure_ascii=False)
    resolved = str(FIXTURES.resolve())
    wrapped = resolved.replace("/", "/<wbr>")  # the HTML lets a path break after each slash
    for folder in (FIXTURES.resolve().as_uri(), wrapped, resolved, str(FIXTURES)):
        shown = shown.replace(json.dumps(folder)[1:-1], "<FIXTURES>")
    result: dict[str, Any] = json.loads(shown)
    return result


if __name__ == "__main__":
    GOLDEN.write_text(
        json.dumps({lang: digests(lang) for lang in ("vi", "en")}, indent=1) + "\n",
        encoding="utf-8",
    )
    sys.stdout.write(f"written {GOLDEN}\n")
