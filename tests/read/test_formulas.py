"""Formulas: read from the sheet XML, computed when saved with no value, their SUM ranges audited.

Forms come from `formula_forms` (openpyxl with no saved values, xlsxwriter with 0 or with the
right values, a file as Excel leaves it) with SUM ranges right, short, long or double-counted.
"""

from __future__ import annotations

import json
import struct
import time
import zipfile
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.read.test_file_types import soffice_convert
from typer.testing import CliRunner

from formula_forms import (
    MODES,
    PLANTS,
    PROJECTS,
    FormulaForm,
    Plant,
    formula_count,
    make_form,
    nonzero_formulas,
    plantable,
    write,
)
from helpers import line_at, make_table, trd
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.rules import RuleContext
from mtqg_cli.check.rules.formulas import formula_findings, places
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Finding
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.read.formula_cells import FormulaCell, read_formulas
from mtqg_cli.read.formula_eval import SheetCells, compute_missing
from mtqg_cli.read.formula_text import UnsupportedFormula, linear_form, parse
from mtqg_cli.read.limits import DEFAULT_LIMITS, open_within_limits
from mtqg_cli.read.ods_formulas import excel_text
from mtqg_cli.read.readers import read_workbook
from mtqg_cli.read.xls_formulas import formula_text, read_xls_formulas

C = 2  # column C, 0-based


# --------------------------------------------------------------------------- reading the text
@pytest.mark.parametrize(
    ("formula", "rows"),
    [
        ("=SUM(C10:C12)", {10: 1, 11: 1, 12: 1}),
        ("=C10+C11+C11", {10: 1, 11: 2}),
        ("=SUM(C10:C13)+C12", {10: 1, 11: 1, 12: 2, 13: 1}),
        ("=SUM(C10:C13)-C12", {10: 1, 11: 1, 13: 1}),
        ("=SUM($C$10:C11, C13)/2*2", {10: 1, 11: 1, 13: 1}),
        ("=-(C10+C11)*-1", {10: 1, 11: 1}),
    ],
)
def test_a_sum_reads_as_how_often_it_adds_each_row(formula: str, rows: dict[int, int]) -> None:
    form = linear_form(parse(formula))
    assert form == {(None, r - 1, C): Fraction(w) for r, w in rows.items()}


@pytest.mark.parametrize("formula", ["=F9/C9*100", "=ROUND(C10,0)", "=SUM(C:C)", "=C10*C11"])
def test_other_arithmetic_is_not_a_sum(formula: str) -> None:
    assert linear_form(parse(formula)) is None


@pytest.mark.parametrize(
    "formula",
    ["=[1]Sheet1!A1", "=Tong_cong+1", "=Table1[Cột]", '="abc', "=SUM(A1", "={1,2}", "=A1 +* 2"],
)
def test_what_is_not_plain_arithmetic_is_refused(formula: str) -> None:
    with pytest.raises(UnsupportedFormula):
        parse(formula)


def test_quoted_sheet_names_and_anchors_are_read() -> None:
    node = parse("='Biểu ''01'''!$D$4+Sheet2!B2:C3")
    refs = [n[1] for n in node[2:]]  # type: ignore[index]
    assert [(r.sheet, r.first_row, r.first_col, r.last_row, r.last_col) for r in refs] == [
        ("Biểu '01'", 3, 3, 3, 3),
        ("Sheet2", 1, 1, 2, 2),
    ]


# --------------------------------------------------------------------------- computing
def _grid(values: dict[tuple[int, int], object], height: int = 12) -> list[list[object]]:
    rows: list[list[object]] = [["" for _ in range(6)] for _ in range(height)]
    for (r, c), value in values.items():
        rows[r][c] = value
    return rows


def _compute(
    rows: list[list[object]], formulas: dict[tuple[int, int], str]
) -> list[tuple[int, int]]:
    from mtqg_cli.read.formula_cells import FormulaCell

    cells = {key: FormulaCell(text, saved=False) for key, text in formulas.items()}
    return compute_missing({"S": SheetCells(rows, cells)}).cells.get("S", [])


def test_sums_rates_and_chains_are_computed_in_dependency_order() -> None:
    rows = _grid({(1, 2): 3.5, (2, 2): 4.25, (1, 3): 1.0, (2, 3): 2.0})
    formulas = {(0, 2): "C5*2", (4, 2): "SUM(C2:C3)", (0, 3): "ROUND(D4/C5*100,2)",
                (3, 3): "D2+D3"}  # fmt: skip
    computed = _compute(rows, formulas)
    assert sorted(computed) == sorted(formulas)
    assert rows[4][2] == 7.75 and rows[0][2] == 15.5
    assert rows[3][3] == 3.0 and rows[0][3] == 38.71


TERMS = st.recursive(
    st.sampled_from(["A1", "A2", "A3", "A4", "2", "0.5", "SUM(A1:A4)", "SUM(A1:A2,A4)"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from("+-*/"), inner).map(lambda t: f"({t[0]}{t[1]}{t[2]})"),
        inner.map(lambda t: f"ROUND({t},2)"),
        inner.map(lambda t: f"-{t}"),
    ),
    max_leaves=6,
)
CELL_VALUES = st.one_of(
    st.integers(-(10**9), 10**9).map(lambda n: n / 1000), st.just(""), st.just("ghi chú")
)


@settings(max_examples=150, deadline=None)
@given(TERMS, st.lists(CELL_VALUES, min_size=4, max_size=4))
def test_plain_arithmetic_is_what_the_engine_computes(formula: str, values: list[object]) -> None:
    """Sums and + - * / ROUND are worked out without the engine, to the engine's result (an
    IF(TRUE, …) around the same formula sends it to the engine)."""
    direct, engine = (_grid({(r, 0): v for r, v in enumerate(values)}) for _ in range(2))
    _compute(direct, {(5, 1): formula})
    _compute(engine, {(5, 1): f"IF(TRUE,{formula})"})
    assert direct[5][1] == engine[5][1]


def test_text_read_as_a_number_and_logic_go_to_the_engine() -> None:
    rows = _grid({(0, 0): "3", (1, 0): 0.0, (2, 0): 4.0})
    _compute(rows, {(0, 1): "A1+1", (1, 1): "IF(A2=0,0,A3/A2*100)", (2, 1): "IFERROR(A3/A2,-1)"})
    assert [rows[r][1] for r in range(3)] == [4.0, 0.0, -1.0]


def test_a_long_chain_needs_no_recursion() -> None:
    rows = _grid({(0, 0): 1.0}, height=6_001)
    formulas = {(r, 0): f"A{r}+1" for r in range(1, 6_001)}
    _compute(rows, formulas)
    assert rows[6_000][0] == 6_001.0


def test_circular_and_refused_formulas_stay_blank() -> None:
    rows = _grid({(5, 0): 2.0})
    formulas = {(0, 0): "B1+1", (0, 1): "A1+1", (1, 0): 'WEBSERVICE("http://example.com")',
                (2, 0): 'INDIRECT("A6")', (3, 0): "[1]Sheet1!A1", (4, 0): "SUM(A6)*2"}  # fmt: skip
    computed = _compute(rows, formulas)
    assert computed == [(4, 0)]
    assert rows[4][0] == 4.0
    assert [rows[r][0] for r in range(4)] == ["", "", "", ""]
    assert rows[0][1] == ""


def test_a_formula_over_a_huge_range_is_bounded() -> None:
    rows = _grid({(0, 0): 1.0})
    formulas = {(r, 1): "SUM(A1:XFD1048576)" for r in range(50)}
    started = time.monotonic()
    _compute(rows, formulas)
    assert time.monotonic() - started < 30


def test_a_whole_column_is_read_to_the_end_of_the_grid() -> None:
    rows = _grid({(r, 0): float(r) for r in range(10)})
    _compute(rows, {(0, 1): "SUM(A:A)"})
    assert rows[0][1] == 45.0


# --------------------------------------------------------------------------- reading the file
def test_formulas_are_read_from_the_xml_only_where_a_sheet_has_any(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Có công thức"
    sheet["C5"], sheet["C6"], sheet["C7"] = "=SUM(C6:C7)", 1, 2
    book.create_sheet("Không")["A1"] = 5
    path = tmp_path / "f.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        found = read_formulas(archive)
    assert list(found) == ["Có công thức"]
    assert {k: (v.text, v.saved) for k, v in found["Có công thức"].items()} == {
        (4, 2): ("SUM(C6:C7)", False)
    }
    read = read_workbook(path)
    assert read.sheets[0].rows[4][2] == 3.0 and read.sheets[0].computed == [(4, 2)]
    assert read.sheets[1].formulas == {} and read.sheets[1].computed == []


def test_the_limits_check_notices_which_sheets_hold_formulas(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first["A1"], first["A2"] = 1, "=A1*2"
    book.create_sheet("Số liệu")["B2"] = 7
    path = tmp_path / "parts.xlsx"
    book.save(path)
    archive = open_within_limits(path, DEFAULT_LIMITS)
    assert archive is not None
    with archive:
        assert archive.formula_parts == {"xl/worksheets/sheet1.xml"}
        assert read_formulas(archive, frozenset()) == {}  # none noticed: nothing more is read
        assert list(read_formulas(archive, archive.formula_parts)) == ["Sheet"]


def test_shared_formulas_are_moved_to_each_cell(tmp_path: Path) -> None:
    path = tmp_path / "shared.xlsx"
    book = openpyxl.Workbook()
    book.save(path)
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><v>3</v></c>'
        '<c r="C1"><f t="shared" ref="C1:C2" si="0">A1*B1</f></c></row>'
        '<row r="2"><c r="A2"><v>4</v></c><c r="B2"><v>5</v></c>'
        '<c r="C2"><f t="shared" si="0"/></c></row></sheetData></worksheet>'
    )
    _replace_part(path, "xl/worksheets/sheet1.xml", xml.encode())
    sheet = read_workbook(path).sheets[0]
    assert sheet.formulas == {(0, 2): "A1*B1", (1, 2): "A2*B2"}
    assert [row[2] for row in sheet.rows] == [6.0, 20.0]


def _replace_part(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)


# --------------------------------------------------------------------------- the audit
def _parent_table() -> object:
    return make_table([
        (9, "I", "Dự án 3", {"plan.total": trd(10)}),
        (10, "1", "Tiểu dự án 1", {"plan.total": trd(1)}),
        (11, "2", "Tiểu dự án 2", {"plan.total": trd(2)}),
        (12, "3", "Tiểu dự án 3", {"plan.total": trd(3)}),
        (13, "4", "Tiểu dự án 4", {"plan.total": trd(4)}),
        (14, "II", "Dự án 4", {"plan.total": trd(5)}),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("formula", "words"),
    [
        ("SUM(C10:C12)", "bỏ sót dòng 13"),
        ("C10+C11+C11+C12+C13", "tính hai lần dòng 11"),
        ("SUM(C10:C13)+C12", "tính hai lần dòng 12"),
        ("SUM(C10:C14)", "cộng cả dòng 14, không phải dòng con của nó"),
    ],
)
def test_a_parent_sum_that_misses_or_repeats_a_child_is_formula_range(
    formula: str, words: str
) -> None:
    table = _parent_table()
    ctx = RuleContext(table, 1_000, "vi")  # type: ignore[arg-type]
    found = formula_findings(ctx, {(8, C): formula}, [])
    assert [(f.rule, f.row, f.cell, f.severity) for f in found] == [
        ("FORMULA_RANGE", 9, "C9", Severity.error.value)
    ]
    assert words in found[0].message and f"={formula}" in found[0].message


@pytest.mark.parametrize(
    "formula", ["SUM(C10:C13)", "C10+C11+C12+C13", "SUM(C10:C11)+SUM(C12:C13)", "F9/C9*100",
                "SUM(D10:D13)", "SUM(C20:C23)"],
)  # fmt: skip
def test_a_right_sum_or_other_arithmetic_is_not_flagged(formula: str) -> None:
    ctx = RuleContext(_parent_table(), 1_000, "vi")  # type: ignore[arg-type]
    assert formula_findings(ctx, {(8, C): formula}, []) == []


def test_a_blank_child_left_out_changes_nothing_and_is_not_flagged() -> None:
    table = _parent_table()
    line_at(table, 13).amounts["plan.total"] = None  # type: ignore[arg-type]
    ctx = RuleContext(table, 1_000, "vi")  # type: ignore[arg-type]
    assert formula_findings(ctx, {(8, C): "SUM(C10:C12)"}, []) == []


def test_the_same_mistake_in_several_columns_is_one_finding() -> None:
    table = make_table([
        (9, "I", "Dự án 3", {"plan.total": trd(3), "disbursed.total": trd(1)}),
        (10, "1", "Tiểu dự án 1", {"plan.total": trd(1), "disbursed.total": trd(0)}),
        (11, "2", "Tiểu dự án 2", {"plan.total": trd(2), "disbursed.total": trd(1)}),
    ])  # fmt: skip
    ctx = RuleContext(table, 1_000, "en")
    found = formula_findings(ctx, {(8, 2): "C10", (8, 3): "D10"}, [])
    assert [(f.rule, f.cell) for f in found] == [("FORMULA_RANGE", "C9")]
    assert "leaves out row 11" in found[0].message and "column D" in found[0].message


def test_places_are_runs_of_rows_per_column() -> None:
    assert places([(8, 2), (9, 2), (10, 2), (14, 2), (8, 3)]) == "C9:C11, C15, D9"
    assert places([(r * 2, 0) for r in range(20)]).endswith(", …")


def formula_rule_findings(code: str, lang: str) -> list[Finding]:
    """What rule `code` reports on its triggering input, in `lang` (for the registry tests)."""
    ctx = RuleContext(_parent_table(), 1_000, lang)  # type: ignore[arg-type]
    formulas = {(8, C): "SUM(C10:C12)", (9, C): "1/0"}
    found = formula_findings(ctx, formulas, [(8, 2), (9, 2)], {(9, C): "#DIV/0!"})
    return [f for f in found if f.rule == code]


# --------------------------------------------------------------------------- whole forms
SHAPES = st.lists(
    st.tuples(st.sampled_from(sorted(PROJECTS)), st.integers(0, 4)),
    min_size=1, max_size=4, unique_by=lambda p: p[0],
)  # fmt: skip
FIGURES = st.lists(st.integers(1_000, 99_999), min_size=4, max_size=12)  # 1 to 100 triệu


@st.composite
def forms(draw: st.DrawFn) -> tuple[FormulaForm, str]:
    projects = draw(SHAPES)
    form = make_form(projects, draw(FIGURES), total_last=draw(st.booleans()))
    kind = draw(st.sampled_from((None, *PLANTS)))
    if kind is not None:
        parents = plantable(form, kind)
        if parents:
            parent = draw(st.sampled_from(parents))
            field = draw(
                st.sampled_from(["plan.dtpt", "plan.sn", "disbursed.dtpt", "disbursed.sn"])
            )
            form.plant = Plant(parent.row, field, kind)
    return form, draw(st.sampled_from(MODES))


def _errors(report: FileReport) -> list[Finding]:
    return [f for f in report.findings if f.severity == Severity.error.value]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_every_formula_form_reads_right(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[FormulaForm, str]
) -> None:
    form, mode = case
    path = tmp_path_factory.mktemp("forms") / f"{mode}.xlsx"
    write(form, path, mode)
    report = reconcile_file(path, Options())
    assert report.status != "error", report.error
    plant = form.plant
    errors = _errors(report)
    if plant is None:
        assert errors == [], [(f.rule, f.row, f.message) for f in errors]
        assert report.status == "ok"
        _assert_summary(report, form)
        _assert_computed(report, form, mode)
        return
    ranges = [f for f in errors if f.rule == "FORMULA_RANGE"]
    assert [f.row for f in ranges] == [plant.row]
    above = {form.total.row} - {plant.row}  # the wrong figure flows up into the total
    assert plant.row in {f.row for f in errors} <= {plant.row} | above
    if mode == "excel_saved":  # the saved values agree: only the formula tells
        assert [f.rule for f in errors] == ["FORMULA_RANGE"]
    else:
        assert "SUM_MISMATCH" in {f.rule for f in errors}


def _assert_summary(report: FileReport, form: FormulaForm) -> None:
    """The summary's figures are the generator's own, to the đồng."""
    entries = {e.project: e for e in report.summary}
    for node in [form.total, *(n for c in form.total.children for n in c.walk())]:
        entry = entries[node.code]
        assert entry.row == node.row
        for group in ("plan", "disbursed"):
            triple = getattr(entry, group)
            for kind in ("total", "dtpt", "sn"):
                assert getattr(triple, kind) == node.figure(f"{group}.{kind}") * 1_000


def _assert_computed(report: FileReport, form: FormulaForm, mode: str) -> None:
    notes = [f for f in report.findings if f.rule == "FORMULA_NOT_CALCULATED"]
    expected = {"openpyxl": formula_count(form), "xlsxwriter_zero": nonzero_formulas(form)}
    if expected.get(mode):
        assert len(notes) == 1 and notes[0].severity == Severity.info.value
        assert f" {expected[mode]} ô công thức" in notes[0].message
    else:
        assert notes == []


def test_the_cli_reports_a_formula_only_form(tmp_path: Path) -> None:
    form = make_form([("DA1", 3), ("DA3", 2)], [1_234, 5_000, 700, 20])
    clean, wrong = tmp_path / "clean.xlsx", tmp_path / "wrong.xlsx"
    write(form, clean, "openpyxl")
    form.plant = Plant(form.total.children[0].row, "plan.sn", "short")
    write(form, wrong, "excel_saved")
    runner = CliRunner()
    result = runner.invoke(app, ["reconcile", str(clean), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rules = [f["rule"] for f in data["files"][0]["findings"]]
    assert rules == ["FORMULA_NOT_CALCULATED"]
    total = next(e for e in data["files"][0]["summary"] if e["project"] == "TOTAL")
    assert total["plan"]["total"] == form.total.figure("plan.total") * 1_000
    result = runner.invoke(app, ["reconcile", str(wrong), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["row"], f["cell"]) for f in found] == [("FORMULA_RANGE", 9, "E9")]
    assert "leaves out row 12" in found[0]["message"]


# --------------------------------------------------------------------------- other places and files
def _split_form(path: Path, dtpt_total: str) -> Path:
    """One set of amount columns, each line's ĐTPT and SN on the two rows under it (6–7 of the
    total, 9–10 and 12–13 of the projects); row 6 sums the projects' ĐTPT rows with `dtpt_total`.
    The ĐTPT of Dự án 3 is 0: a short sum agrees with the children today."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Biểu 01"
    rows: list[tuple[object, ...]] = [
        ("BÁO CÁO TÌNH HÌNH GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ",),
        ("Đơn vị tính: triệu đồng",),
        (),
        ("STT", "Nội dung", "Kế hoạch vốn năm 2023", "Lũy kế giải ngân"),
        ("", "Tổng cộng", "=SUM(C8,C11)", "=SUM(D8,D11)"),
        ("", "- Vốn đầu tư phát triển", dtpt_total, "=SUM(D9,D12)"),
        ("", "- Vốn sự nghiệp", "=SUM(C10,C13)", "=SUM(D10,D13)"),
        ("1", "Dự án 1", 100, 50),
        ("", "- Vốn đầu tư phát triển", 60, 30),
        ("", "- Vốn sự nghiệp", 40, 20),
        ("2", "Dự án 3", 90, 30),
        ("", "- Vốn đầu tư phát triển", 0, 0),
        ("", "- Vốn sự nghiệp", 90, 30),
    ]
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("formula", "found"), [("=SUM(C9)", [("C6", 6)]), ("=SUM(C9,C12)", []), ("=C5-C7", [])]
)
def test_a_capital_type_row_is_audited_against_those_of_the_children(
    tmp_path: Path, formula: str, found: list[tuple[str, int]]
) -> None:
    """The ĐTPT of a line told on the row under it sums the children's ĐTPT rows; one left
    out is FORMULA_RANGE at that row's cell, though the values agree today."""
    report = reconcile_file(_split_form(tmp_path / "split.xlsx", formula), Options())
    assert [(f.cell, f.row) for f in _errors(report)] == found
    assert all(f.rule == "FORMULA_RANGE" for f in _errors(report))
    if found:
        assert "bỏ sót dòng 12" in _errors(report)[0].message


@pytest.mark.parametrize("target", ["ods", "xls"])
def test_the_sums_of_an_ods_or_xls_are_audited(tmp_path: Path, target: str) -> None:
    """LibreOffice saves .ods and .xls with their formulas: a short SUM is found there too."""
    source = _split_form(tmp_path / "split.xlsx", "=SUM(C9)")
    converted = soffice_convert(source, target, tmp_path)
    report = reconcile_file(converted, Options())
    assert [(f.rule, f.cell) for f in _errors(report)] == [("FORMULA_RANGE", "C6")]
    assert "=SUM(C9)" in _errors(report)[0].message


@pytest.mark.parametrize(
    ("written", "excel"),
    [
        ("of:=SUM([.D11];[.D12:.D14])", "SUM(D11,D12:D14)"),
        ("of:=[.$E$9]/[.E10]*100", "$E$9/E10*100"),
        ("of:=[$'Vốn SN'.A1]+[Sheet2.B2:.C3]", "'Vốn SN'!A1+'Sheet2'!B2:C3"),
        ('of:=IF([.A1]="[.x];";1;2)', 'IF(A1="[.x];",1,2)'),
    ],
)
def test_an_ods_formula_reads_as_excel_writes_it(written: str, excel: str) -> None:
    assert excel_text(written) == excel


@pytest.mark.parametrize(
    ("tokens", "place", "text"),
    [
        # ptgArea E11:E12 (relative flags set, absolute in a cell's own formula), tAttrSum
        ("250a000b000440044019100000", (0, 0), "SUM(E11:E12)"),
        # ptgRef E11, ptgRef E26, ptgFuncVar SUM of 2
        ("240a0004c0241900 04c0 42020400", (0, 0), "SUM(E11,E26)"),
        # a shared formula: ptgRefN one row up, ptgRefN same row one column left, ptgAdd
        ("2cffff00c02c0000ffc003", (9, 4), "E9+D10"),
        # ptgRef, ptgInt 100, ptgMul, ptgFunc ROUND of (…, ptgInt 2)
        ("240000 00c01e640005 1e0200 211b00", (0, 0), "ROUND(A1*100,2)"),
    ],
)
def test_an_xls_formula_reads_as_excel_shows_it(
    tokens: str, place: tuple[int, int], text: str
) -> None:
    assert formula_text(bytes.fromhex(tokens.replace(" ", "")), place) == text


def test_an_xls_formula_record_is_read_and_one_cut_short_or_of_excel_95_is_not() -> None:
    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    bof = record(0x0809, struct.pack("<HH", 0x0600, 0x0005))
    sheet = record(0x0085, struct.pack("<I4B", 21, 0, 0, 1, 0) + b"S")  # «S», its BOF at 21
    tokens = bytes.fromhex("250000020002c002c019100000")  # SUM(C1:C3), as an attribute
    formula = struct.pack("<HHH8sHIH", 3, 2, 0, bytes(8), 0, 0, len(tokens)) + tokens
    cut = struct.pack("<HHH", 4, 2, 0)
    stream = bof + sheet + bof + record(0x0006, formula) + record(0x0006, cut)
    assert read_xls_formulas(stream) == {"S": {(3, 2): FormulaCell("SUM(C1:C3)", saved=True)}}
    biff5 = record(0x0809, struct.pack("<HH", 0x0500, 0x0005))
    assert read_xls_formulas(biff5 + sheet + biff5 + record(0x0006, formula)) == {}
