"""`mtqg template`: the form reads cleanly, filled or not, and a figure changed in it is caught."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from mtqg_cli.app.inspection import inspect_file
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.cli import app
from mtqg_cli.form.layout import find_layout
from mtqg_cli.form.options import Options
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.readers import read_workbook
from mtqg_cli.report.template import form_lines, write_template

runner = CliRunner()
LEAVES = [
    item.code
    for item, _, _ in form_lines()
    if not any(i.parent_code == item.code for i, _, _ in form_lines())
]
ROW = {item.code: 12 + i for i, (item, _, _) in enumerate(form_lines())}  # 1-based sheet rows


def figures() -> dict[str, dict[str, Decimal]]:
    """Leaf figures in triệu đồng: plan ĐTPT/SN, all allocated, part disbursed."""
    filled: dict[str, dict[str, Decimal]] = {}
    for index, code in enumerate(LEAVES):
        dtpt = Decimal(1_000 + 137 * index) + Decimal("0.125")
        sn = Decimal(250 + 41 * index) + Decimal("0.5")
        filled[code] = {
            "plan.dtpt": dtpt,
            "plan.sn": sn,
            "allocated.total": dtpt + sn,
            "disbursed.dtpt": (dtpt * Decimal("0.3")).quantize(Decimal("0.001")),
            "disbursed.sn": (sn / 4).quantize(Decimal("0.001")),
        }
    return filled


def no_findings(report: object) -> None:
    """Nothing to report, not even the form's own «Hướng dẫn» sheet as a skipped table."""
    found = [(f.rule, f.sheet) for f in report.findings]  # type: ignore[attr-defined]
    assert found == []
    assert report.status == "ok"  # type: ignore[attr-defined]


def test_empty_form_is_read_with_nothing_left_to_guess(tmp_path: Path) -> None:
    path = write_template(tmp_path / "bieu-mau.xlsx")
    no_findings(reconcile_file(path, Options()))
    sheet = inspect_file(path, Options()).sheets[0]
    assert sheet.info is not None
    assert sheet.info.header_rows == [7, 8, 9] and sheet.info.first_row == 11
    assert sheet.info.unit == "trieu_dong" and sheet.info.unit_source == "L5"
    assert sheet.info.project_lines == len(form_lines()) == 42
    assert not sheet.unmatched
    assert {c.column: c.field for c in sheet.columns} == {
        "A": "stt", "B": "name", "C": None, "D": "plan.total", "E": "plan.dtpt",
        "F": "plan.sn", "G": "allocated.total", "H": "unallocated.total",
        "I": "disbursed.total", "J": "disbursed.dtpt", "K": "disbursed.sn",
        "L": "rate.total", "M": "reason",
    }  # fmt: skip
    coded = [line.code for line in sheet.lines if line.code]
    assert coded == [item.code for item, _, _ in form_lines()]


def test_filled_form_is_clean_and_adds_up(tmp_path: Path) -> None:
    filled = figures()
    path = write_template(tmp_path / "da-dien.xlsx", figures=filled)
    report = reconcile_file(path, Options())
    no_findings(report)
    total = next(e for e in report.summary if e.project == "TOTAL")
    plan = sum(f["plan.dtpt"] + f["plan.sn"] for f in filled.values())
    assert total.plan.total == int(plan * 1_000_000)
    da4 = next(e for e in report.summary if e.project == "DA4")
    da4_leaves = [c for c in LEAVES if c.startswith("DA4.")]
    assert da4.disbursed.sn == int(sum(filled[c]["disbursed.sn"] for c in da4_leaves) * 1_000_000)


def test_one_figure_changed_is_caught(tmp_path: Path) -> None:
    """A parent typed over its formula, and a rate typed by hand."""
    path = write_template(
        tmp_path / "sua-tay.xlsx",
        figures=figures(),
        typed={("DA4", "plan.dtpt"): 5_000.0, ("DA8", "rate.total"): 18.14},
    )
    report = reconcile_file(path, Options())
    errors = [(f.rule, f.cell, f.project) for f in report.findings if f.severity == "error"]
    assert ("SUM_MISMATCH", f"E{ROW['DA4']}", "DA4") in errors
    assert ("RATE_MISMATCH", f"L{ROW['DA8']}", "DA8") in errors
    assert report.status == "findings"
    # what the typed cell drags along: DA4's total and unallocated money, the file's unallocated
    da4 = ROW["DA4"]
    assert {cell for _, cell, _ in errors} == {
        f"E{da4}",
        f"D{da4}",
        f"H{da4}",
        "H11",
        f"L{ROW['DA8']}",
    }


def test_unallocated_money_needs_a_reason(tmp_path: Path) -> None:
    filled = figures()
    filled["DA6"]["allocated.total"] -= Decimal(100)
    path = write_template(tmp_path / "thieu-ly-do.xlsx", figures=filled)
    report = reconcile_file(path, Options())
    assert [(f.rule, f.project) for f in report.findings if f.severity == "error"] == [
        ("UNALLOCATED_NO_REASON", "DA6")
    ]
    with_reason = write_template(
        tmp_path / "co-ly-do.xlsx", figures=filled, reasons={"DA6": "Chờ phê duyệt dự án"}
    )
    no_findings(reconcile_file(with_reason, Options()))


def test_form_has_formulas_validation_print_setup_and_instructions(tmp_path: Path) -> None:
    path = write_template(tmp_path / "bieu-mau.xlsx", unit=Unit.nghin_dong, year=2024)
    book = openpyxl.load_workbook(path)
    ws = book["Biểu 01"]
    assert ws["L5"].value == "Đơn vị tính: Nghìn đồng"
    assert "NĂM 2024" in ws["A3"].value
    total, da4 = 11, ROW["DA4"]
    assert ws[f"E{total}"].value.startswith("=E12+")  # the total sums the projects
    assert ws[f"E{da4}"].value == f"=E{ROW['DA4.TDA1']}+E{ROW['DA4.TDA2']}"
    assert ws[f"D{da4}"].value == f"=E{da4}+F{da4}"
    assert ws[f"H{da4}"].value == f"=D{da4}-G{da4}"
    assert "ROUND(" in ws[f"L{da4}"].value
    leaf = ROW["DA4.TDA2"]
    assert ws[f"E{leaf}"].protection.locked is False and ws[f"E{da4}"].protection.locked
    assert ws.protection.sheet
    checked = {str(r) for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    assert f"E{leaf}" in checked and f"E{da4}" not in checked
    rule = next(dv for dv in ws.data_validations.dataValidation if f"E{leaf}" in str(dv.sqref))
    assert (rule.type, rule.operator, rule.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$7:$10"
    guide = book["Hướng dẫn"]
    assert "HƯỚNG DẪN" in guide["A1"].value and "mtqg reconcile" in guide["A9"].value


def test_template_command(tmp_path: Path) -> None:
    target = tmp_path / "mau.xlsx"
    result = runner.invoke(app, ["template", str(target), "--unit", "dong"])
    assert result.exit_code == 0 and target.exists() and "mau.xlsx" in result.stdout
    info = inspect_file(target, Options()).sheets[0].info
    assert info is not None and info.unit == "dong"
    again = runner.invoke(app, ["template", str(target)])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert runner.invoke(app, ["template", str(target), "--force"]).exit_code == 0
    wrong = runner.invoke(app, ["template", str(tmp_path / "mau.ods"), "--lang", "en"])
    assert wrong.exit_code == 2 and ".xlsx" in wrong.stderr


@pytest.mark.parametrize("unit", list(Unit))
def test_every_unit_reads_back(tmp_path: Path, unit: Unit) -> None:
    factor = Decimal(1_000_000) / unit.size
    scaled = {c: {f: v * factor for f, v in row.items()} for c, row in figures().items()}
    path = write_template(tmp_path / f"{unit.value}.xlsx", unit=unit, figures=scaled)
    report = reconcile_file(path, Options())
    assert report.unit == unit.value
    assert [f.rule for f in report.findings if f.severity != "info"] == []


CODE_TEXT = re.compile(r"^DA\d+(\.(TDA|ND)\d+)*$")


def scrub_words(path: Path) -> Path:
    """Every text of the workbook but the codes of column «Mã» replaced by a meaningless word:
    no header word, STT mark, line name or unit line is left to guess from."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    count = iter(range(10_000))

    def scrub(match: re.Match[str]) -> str:
        text = match.group(2)
        if not text or CODE_TEXT.match(text):
            return match.group(0)
        return f"{match.group(1)}ô{next(count)}</t>"

    strings = parts["xl/sharedStrings.xml"].decode("utf-8")
    parts["xl/sharedStrings.xml"] = re.sub(r"(<t[^>]*>)([^<]*)</t>", scrub, strings).encode()
    scrubbed = path.with_name("scrubbed-" + path.name)
    with zipfile.ZipFile(scrubbed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return scrubbed


def test_filled_template_is_read_from_its_known_layout_not_guessed(tmp_path: Path) -> None:
    path = scrub_words(write_template(tmp_path / "da-dien.xlsx", figures=figures()))
    book = read_workbook(path)
    assert book.properties["mtqg_template"] == "1"
    assert find_layout(book.sheets[0]) is None  # the guess finds no table in it
    no_findings(reconcile_file(path, Options()))
    sheet = inspect_file(path, Options()).sheets[0]
    assert sheet.pinned and sheet.info is not None
    assert sheet.info.header_rows == [7, 8, 9] and sheet.info.first_row == 11
    assert sheet.info.last_row == 11 + len(form_lines())
    assert sheet.info.unit == "trieu_dong" and sheet.info.unit_source == "L5"
    assert sheet.info.columns == {
        "stt": "A", "name": "B", "plan.total": "D", "plan.dtpt": "E", "plan.sn": "F",
        "allocated.total": "G", "unallocated.total": "H", "disbursed.total": "I",
        "disbursed.dtpt": "J", "disbursed.sn": "K", "rate.total": "L", "reason": "M",
    }  # fmt: skip
    coded = [(line.row, line.code) for line in sheet.lines if line.code]
    assert coded == [(ROW[item.code], item.code) for item, _, _ in form_lines()]
    assert not sheet.unmatched
    report = reconcile_file(path, Options())
    da4 = next(e for e in report.summary if e.project == "DA4")
    da4_leaves = [c for c in LEAVES if c.startswith("DA4.")]
    plan = sum(figures()[c]["plan.dtpt"] for c in da4_leaves)
    assert da4.plan.dtpt == int(plan * 1_000_000) and da4.row == ROW["DA4"]


def test_changed_figure_in_a_scrubbed_template_is_caught_at_its_cell(tmp_path: Path) -> None:
    written = write_template(
        tmp_path / "sua.xlsx",
        unit=Unit.nghin_dong,
        figures={c: {f: v * 1_000 for f, v in row.items()} for c, row in figures().items()},
        typed={("DA4.TDA1", "plan.total"): 12.0},
    )
    report = reconcile_file(scrub_words(written), Options())
    assert report.unit == "nghin_dong"
    errors = [(f.rule, f.cell, f.project) for f in report.findings if f.severity == "error"]
    assert ("SUM_MISMATCH", f"D{ROW['DA4.TDA1']}", "DA4.TDA1") in errors
    assert report.status == "findings"


def test_reading_a_form_does_not_import_its_writer() -> None:
    """`pinning` reads a filled form with the geometry of `template_layout`, not `template`."""
    import subprocess
    import sys

    code = "import sys, mtqg_cli.form.pinning; print('mtqg_cli.report.template' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
