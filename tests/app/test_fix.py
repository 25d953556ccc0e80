"""`mtqg fix`: each certain cause corrected, parents and rates as formulas with their values saved,
every change marked and listed, and the copy reconciles with no arithmetic error left."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

import mtqg_cli.app.fix
from fix_forms import CAUSES, COLUMN, FIELDS, MILLION, SHEET, Form, Planted, generate, plant
from mtqg_cli.app.fix import fix_file
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Hint
from mtqg_cli.read.readers import read_workbook
from tree_forms import Form as TreeForm
from tree_forms import Node, Shape
from tree_forms import generate as tree_form
from tree_forms import plant as tree_plant

ARITHMETIC = {"SUM_MISMATCH", "TOTAL_MISMATCH", "RATE_MISMATCH"}
FIXTURES = Path(__file__).parents[1] / "fixtures"
GREEN = "E2EFDA"
HINT_WORDS = {
    "transposed_digits": "Có lẽ hai chữ số của {cell} bị đảo",
    "unit_slip": "Có lẽ {cell} nhập theo đồng",
    "sign_flip": "Có lẽ {cell} ghi sai dấu",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_hints(monkeypatch: pytest.MonkeyPatch, planted: list[Planted]) -> None:
    """Reconcile as the causes' part of issue 19 will: each planted mistake of a certain kind
    named by a hint on a finding at its cell or its parent's row."""
    real = mtqg_cli.app.fix.reconcile_file

    def reconcile(path: Path, options: Options) -> FileReport:
        report = real(path, options)
        for mistake in planted:
            if mistake.cause not in HINT_WORDS:
                continue
            finding = next(f for f in report.findings if f.cell == mistake.cell or
                           (f.rule == "SUM_MISMATCH" and f.row and f.row < mistake.row))  # fmt: skip
            message = HINT_WORDS[mistake.cause].format(cell=mistake.cell)
            finding.hint = Hint(kind=mistake.cause, rows=[mistake.row], cells=[mistake.cell],
                                suggested=mistake.true, message=message)  # fmt: skip
        return report

    monkeypatch.setattr(mtqg_cli.app.fix, "reconcile_file", reconcile)


def without_hints(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reconcile as if no cause were found: every finding's hint cleared."""
    real = mtqg_cli.app.fix.reconcile_file

    def reconcile(path: Path, options: Options) -> FileReport:
        report = real(path, options)
        for finding in report.findings:
            finding.hint = None
        return report

    monkeypatch.setattr(mtqg_cli.app.fix, "reconcile_file", reconcile)


def arithmetic(path: Path) -> list[tuple[str, str | None]]:
    report = reconcile_file(path, Options())
    assert report.status != "error", report.error
    return [(f.rule, f.cell) for f in report.findings if f.rule in ARITHMETIC]


def sheets(path: Path) -> tuple[Worksheet, Worksheet, Worksheet]:
    """The form's sheet with formulas, the same with saved values, and the «Sửa đổi» sheet."""
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    return formulas[SHEET], values[SHEET], formulas["Sửa đổi"]  # type: ignore[return-value]


def assert_true_figures(form: Form, values: Worksheet) -> None:
    """Every amount of the copy is the form's true figure, every rate the true rate."""
    for line in form.lines:
        for name in FIELDS:
            saved = values.cell(line.row, COLUMN[name]).value
            assert isinstance(saved, int | float), (line.row, name, saved)
            expected = (
                line.figures[name] if name.startswith("rate") else line.figures[name] / MILLION
            )
            assert saved == pytest.approx(expected, abs=1e-9), (line.row, name)


@pytest.mark.parametrize("cause", CAUSES)
def test_each_cause_is_put_right(
    cause: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = generate(7)
    mistake = plant(form, cause, random.Random(3))
    source = form.save(tmp_path / "in.xlsx")
    assert arithmetic(source)  # the mistake shows
    before = digest(source)
    with_hints(monkeypatch, [mistake])
    result = fix_file(source, tmp_path / "out.xlsx", Options())
    assert digest(source) == before
    assert result.corrected == (1 if cause in HINT_WORDS else 0)
    formulas, values, changes = sheets(tmp_path / "out.xlsx")
    assert_true_figures(form, values)
    assert arithmetic(tmp_path / "out.xlsx") == []
    cell = formulas[mistake.cell]
    assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith(GREEN)
    assert cell.comment is not None and cell.comment.author == "mtqg"
    listed = {row[1]: row for row in changes.iter_rows(min_row=4, values_only=True)}
    row = listed[mistake.cell]
    assert row[0] == SHEET and row[3] == pytest.approx(mistake.true / MILLION)
    if cause in HINT_WORDS:
        assert cell.data_type == "n"  # the figure itself, in triệu đồng as the sheet writes
        assert HINT_WORDS[cause].format(cell=mistake.cell) in row[4]
        assert HINT_WORDS[cause].format(cell=mistake.cell) in cell.comment.text
    else:  # the parent's SUM formula settles a line left out or counted twice
        column = cell.column_letter
        children = [c.row for c in form.line_at(mistake.row).children]
        assert cell.value == f"=SUM({column}{children[0]}:{column}{children[-1]})"
        assert "SUM" in row[4]


def test_unit_slip_without_hint_is_corrected_from_unit_suspect(tmp_path: Path) -> None:
    form = generate(11)
    mistake = plant(form, "unit_slip", random.Random(1))
    source = form.save(tmp_path / "in.xlsx")
    result = fix_file(source, tmp_path / "out.xlsx", Options())
    assert result.corrected == 1
    assert [c.cell for c in result.changes if c.corrected] == [mistake.cell]
    assert_true_figures(form, sheets(tmp_path / "out.xlsx")[1])
    report = reconcile_file(tmp_path / "out.xlsx", Options())
    assert not [f for f in report.findings if f.rule in ARITHMETIC | {"UNIT_SUSPECT"}]


def test_no_cause_is_guessed_without_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transposition no hint names stays as typed: its parent's sum takes it in instead."""
    form = generate(5)
    mistake = plant(form, "transposed_digits", random.Random(2))
    source = form.save(tmp_path / "in.xlsx")
    without_hints(monkeypatch)
    typed = openpyxl.load_workbook(source)[SHEET][mistake.cell].value
    result = fix_file(source, tmp_path / "out.xlsx", Options())
    assert result.corrected == 0
    formulas = sheets(tmp_path / "out.xlsx")[0]
    assert formulas[mistake.cell].value == typed and formulas[mistake.cell].comment is None
    assert arithmetic(tmp_path / "out.xlsx") == []


def test_formulas_keep_their_values_for_every_reader(tmp_path: Path) -> None:
    form = generate(2, projects=4)
    source = form.save(tmp_path / "in.xlsx")
    result = fix_file(source, tmp_path / "out.xlsx", Options())
    assert result.changes == [] and result.formulas > 0
    formulas, values, _ = sheets(tmp_path / "out.xlsx")
    total = form.total
    projects = ",".join(f"C{p.row}" for p in total.children)
    assert formulas.cell(total.row, 3).value == f"=SUM({projects})"
    leaf = total.children[0].children[0]
    assert formulas.cell(leaf.row, 3).value == f"=SUM(D{leaf.row},E{leaf.row})"
    assert formulas.cell(leaf.row, 9).value == f"=ROUND(F{leaf.row}/C{leaf.row}*100,2)"
    assert formulas.cell(leaf.row, 9).fill.fill_type is None  # same value: not marked
    assert_true_figures(form, values)
    for reader in ("calamine", "openpyxl"):
        grid = read_workbook(tmp_path / "out.xlsx", reader=reader).sheets[0].rows
        assert grid[total.row - 1][2] == pytest.approx(total.figures["plan.total"] / MILLION)
        assert grid[leaf.row - 1][8] == pytest.approx(leaf.figures["rate.total"])
    report = reconcile_file(tmp_path / "out.xlsx", Options())
    assert report.findings == []  # «Sửa đổi» is no skipped sheet, no formula left uncomputed


def test_changes_sheet_and_summary_in_english(tmp_path: Path) -> None:
    form = generate(4)
    mistake = plant(form, "omitted_line", random.Random(4))
    source = form.save(tmp_path / "in.xlsx")
    result = fix_file(source, tmp_path / "out.xlsx", Options(lang="en"))
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == [SHEET, "Changes"]
    changes = book["Changes"]
    assert changes["A3"].value == "Sheet" and changes["E3"].value == "Why"
    assert changes["A1"].value.startswith("The cells mtqg changed")
    assert changes["B4"].value == mistake.cell
    assert changes["B4"].hyperlink.location == f"'{SHEET}'!{mistake.cell}"
    assert [c.cell for c in result.changes] == [mistake.cell]
    assert result.changes[0].why == "The sum of its sub-lines (SUM formula)"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10_000),
    split=st.sampled_from(["none", "all", "some"]),
    mistakes=st.integers(1, 3),
)
def test_copy_of_any_form_reconciles_without_arithmetic_errors(
    tmp_path_factory: pytest.TempPathFactory, seed: int, split: str, mistakes: int
) -> None:
    folder = tmp_path_factory.mktemp("fix")
    form = tree_form(seed, Shape(split=split, stt="plain" if seed % 2 else "roman"))
    rng = random.Random(seed)
    for _ in range(mistakes):
        tree_plant(form, rng)
    source = form.save(folder / "in.xlsx")
    before = digest(source)
    split_rows = {node.row for node in form.nodes() if node.split}
    totals = {
        cell
        for rule, cell in arithmetic(source)
        if rule == "TOTAL_MISMATCH" or (rule == "SUM_MISMATCH" and row_of(cell) in split_rows)
    }  # a total at odds with its parts or, given in parts, with its sub-lines: not guessed
    fix_file(source, folder / "out.xlsx", Options())
    assert digest(source) == before
    left = arithmetic(folder / "out.xlsx")
    assert {rule for rule, _ in left} <= {"TOTAL_MISMATCH"}
    assert {cell for _, cell in left} <= passed_up(form, totals) | in_part(form)
    if split != "some":
        assert left == []


def row_of(cell: str | None) -> int:
    return int("".join(c for c in cell or "0" if c.isdigit()))


def passed_up(form: TreeForm, totals: set[str]) -> set[str]:
    """A total the input already had at odds with its ĐTPT + SN (or, given in parts, with its
    sub-lines), which fix does not settle (it does not guess which figure is wrong), and the same
    cells of the lines above it: once their parts become sums, the one gap shows at their
    totals."""
    found = set(totals)

    def visit(node: Node, above: list[Node]) -> None:
        if any(f"{letter}{node.row}" in totals for letter in "CD"):
            found.update(f"{letter}{up.row}" for up in above for letter in "CD")
        for child in node.children:
            visit(child, [*above, node])

    visit(form.total, [])
    return found


def in_part(form: TreeForm) -> set[str]:
    """The total cells of lines giving ĐTPT / SN that their sub-lines give only in part: there the
    sub-lines' sum and the parts may disagree, and which is right is not known (not guessed)."""

    def known(node: Node) -> bool:
        return node.split or (bool(node.children) and all(known(c) for c in node.children))

    lines = [n for n in form.nodes() if n.split and not all(known(c) for c in n.children)]
    return {f"{letter}{n.row}" for n in lines for letter in "CD"}


@pytest.mark.parametrize("cause", ["transposed_digits", "unit_slip"])
def test_the_causes_found_by_reconcile_are_put_right(cause: str, tmp_path: Path) -> None:
    """No hint injected: the checks' own causes name the cell, and the copy holds its figure."""
    form = generate(7)
    mistake = plant(form, cause, random.Random(3))
    source = form.save(tmp_path / "in.xlsx")
    result = fix_file(source, tmp_path / "out.xlsx", Options())
    assert [c.cell for c in result.changes if c.corrected] == [mistake.cell]
    assert_true_figures(form, sheets(tmp_path / "out.xlsx")[1])
    assert arithmetic(tmp_path / "out.xlsx") == []


def test_the_form_with_known_causes_comes_back_right(tmp_path: Path) -> None:
    """Issue 19's form: a transposition, a parent without its last line, a line counted twice,
    a figure typed in đồng. The copy has no arithmetic error left, the transposed and mistyped
    figures restored, the parents' sums right, and its input untouched."""
    source = tmp_path / "known-causes.xlsx"
    shutil.copy(FIXTURES / "known-causes.xlsx", source)
    before = digest(source)
    result = fix_file(source, tmp_path / "out.xlsx", Options())
    assert digest(source) == before
    corrected = {c.cell: (c.before, c.after) for c in result.changes if c.corrected}
    assert corrected == {
        "E10": ("4.426,122", "4.462,122"),  # the transposition
        "E23": ("1.424.856.000,000", "1.424,856"),  # typed in đồng
    }
    changed = {c.cell: c.after for c in result.changes}
    assert changed["C12"] == "8.688,290"  # the parent now adds its last line
    assert changed["C17"] == "7.716,487"  # and this one counts its line once
    report = reconcile_file(tmp_path / "out.xlsx", Options())
    assert not [f for f in report.findings if f.rule in ARITHMETIC | {"UNIT_SUSPECT"}]
    assert not [f for f in report.findings if f.severity == "error"]
