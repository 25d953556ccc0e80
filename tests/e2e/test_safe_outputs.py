"""Reports are written safely: never through a link out of their folder, never over an input,
atomically, and with text a spreadsheet could run (or a browser could render) neutralised."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.files import safe_target, write_atomically
from mtqg_cli.form.options import Options
from mtqg_cli.model.errors import UsageError
from mtqg_cli.model.report import FileReport, Finding, Report
from mtqg_cli.report.annotate import annotate_copies
from mtqg_cli.report.encoding import json_bytes
from mtqg_cli.report.html.page import render_html
from mtqg_cli.report.text_reports import to_csv, to_markdown
from mtqg_cli.report.xlsx import write_xlsx_report

ROOT = Path(__file__).resolve().parents[2]
FAULTY = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"
SYMLINK_VI = "liên kết tượng trưng trỏ ra ngoài thư mục đầu ra"
EVIL = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An input in `in/`, a file outside the output folder, and `out/` holding a link to it."""
    inputs, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    for folder in (inputs, out, elsewhere):
        folder.mkdir()
    source = inputs / "xa.xlsx"
    shutil.copy(FAULTY, source)
    victim = elsewhere / "victim.txt"
    victim.write_text("do not touch\n", encoding="utf-8")
    return source, out, victim


@pytest.mark.parametrize("fmt", ["csv", "markdown", "json", "html", "xlsx", "table"])
def test_cli_refuses_a_link_out_of_the_output_folder(
    layout: tuple[Path, Path, Path], fmt: str
) -> None:
    source, out, victim = layout
    link = out / f"report.{fmt}"
    link.symlink_to(victim)
    before, before_input = digest(victim), digest(source)
    result = CliRunner().invoke(
        app, ["reconcile", str(source), "--format", fmt, "--output", str(link), "--no-store"]
    )
    assert result.exit_code == 2, result.output
    assert SYMLINK_VI in result.stderr
    assert "Traceback" not in result.output
    assert digest(victim) == before and digest(source) == before_input
    assert link.is_symlink() and sorted(p.name for p in out.iterdir()) == [link.name]


def test_a_link_to_an_input_is_refused_and_the_input_untouched(
    layout: tuple[Path, Path, Path],
) -> None:
    source, out, _ = layout
    link = out / "bao-cao.csv"
    link.symlink_to(source)
    before = digest(source)
    result = CliRunner().invoke(
        app, ["reconcile", str(source), "--format", "csv", "--output", str(link), "--no-store"]
    )
    assert result.exit_code == 2
    assert digest(source) == before


def test_a_link_inside_the_output_folder_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(real)
    assert safe_target(tmp_path / "link.csv", inputs=[]) == real.resolve()
    write_atomically(tmp_path / "link.csv", "new", inputs=[])
    assert real.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "link.csv").is_symlink()


def test_every_writer_refuses_a_link_out(layout: tuple[Path, Path, Path]) -> None:
    source, out, victim = layout
    report = reconcile_paths([source], Options())
    link = out / "r.xlsx"
    link.symlink_to(victim)
    for write in (
        lambda: write_atomically(link, "x", inputs=[source]),
        lambda: write_xlsx_report(report, link, inputs=[source]),
    ):
        with pytest.raises(UsageError) as caught:
            write()
        assert caught.value.key == "output_symlink"
    assert victim.read_text(encoding="utf-8") == "do not touch\n"


def test_annotate_refuses_a_link_out_and_leaves_the_input(layout: tuple[Path, Path, Path]) -> None:
    source, out, victim = layout
    (out / "xa.xlsx").symlink_to(victim)
    report = reconcile_paths([source], Options())
    before = digest(source)
    failed: list[str] = []  # refused for this copy alone: the others would still be made
    assert annotate_copies(report, out, failed=failed) == []
    assert len(failed) == 1 and SYMLINK_VI in failed[0]
    assert victim.read_text(encoding="utf-8") == "do not touch\n"
    assert digest(source) == before
    assert [p.name for p in out.iterdir()] == ["xa.xlsx"]  # no temporary left


def test_annotate_writes_a_marked_copy_beside_the_input_never_over_it(tmp_path: Path) -> None:
    source = tmp_path / "xa.xlsx"
    shutil.copy(FAULTY, source)
    before = digest(source)
    written = annotate_copies(reconcile_paths([source], Options()), tmp_path)
    assert [p.name for p in written] == ["xa.annotated.xlsx"]
    assert digest(source) == before


def hostile() -> Report:
    findings = [
        Finding(rule="SUM_MISMATCH", severity="error", sheet="S", cell="C5", project=e, message=e)
        for e in EVIL
    ]
    findings.append(
        Finding(
            rule="SUM_MISMATCH", severity="error", sheet="S", message="<script>alert(1)</script>"
        )
    )
    return Report(
        version="1", files=[FileReport(path="a.xlsx", status="findings", findings=findings)]
    )


def test_csv_cells_never_start_like_a_formula() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(hostile()).lstrip("\ufeff"))))
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert '\'=HYPERLINK("http://x","y")' in cells


def test_markdown_neutralises_formulas_and_markup() -> None:
    text = to_markdown(hostile())
    assert "| '=HYPERLINK" in text and "| '+1+1" in text and "| '@SUM(1)" in text
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_html_escapes_markup() -> None:
    page = render_html(hostile())
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_xlsx_cells_are_text_not_formulas(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    write_xlsx_report(hostile(), target, inputs=[])
    book = openpyxl.load_workbook(target)
    texts = [
        c.value
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.data_type == "f"
    ]
    assert not [t for t in texts if any(e.strip() in t for e in EVIL)]


def test_json_goes_out_as_the_serializers_bytes_the_same_on_stdout_and_in_a_file(
    tmp_path: Path,
) -> None:
    report = reconcile_paths([FAULTY], Options(workers=1))
    data = json_bytes(report)
    assert data == (report.model_dump_json(indent=2) + "\n").encode("utf-8")
    target = tmp_path / "bao-cao.json"
    write_atomically(target, data, inputs=[FAULTY])
    assert target.read_bytes() == data
    runner = CliRunner()
    written = runner.invoke(app, ["reconcile", str(FAULTY), "-f", "json", "-o", str(tmp_path / "b.json"), "--no-store"])  # fmt: skip
    printed = runner.invoke(app, ["reconcile", str(FAULTY), "-f", "json", "--no-store"])
    assert written.exit_code == printed.exit_code == 1
    assert (tmp_path / "b.json").read_bytes() == printed.stdout_bytes
    assert "Bạch Thông" in printed.stdout
