"""FORMULA_ERROR: a figure whose formula gives #VALUE!, #REF!, #DIV/0! … is named, never read
as a silent blank; saved so by Excel, or computed so by mtqg for a formula saved without value."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from formula_forms import (
    FormulaForm,
    Node,
    _drop_recalculation,
    cells,
    make_form,
    write,
    write_cells,
)
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.read.readers import read_workbook

ERROR = "#DIV/0!"


def _form() -> tuple[FormulaForm, Node]:
    form = make_form([("DA1", 2), ("DA3", 2)], [1_234, 5_000, 700, 20])
    return form, form.total.children[0].children[0]


def _dependents(form: FormulaForm, leaf: Node) -> set[str]:
    """The cells an error of the leaf's disbursed ĐTPT (G) reaches: G of its ancestors, the
    disbursed total (F = G + H) of each, and each one's rate (I = F / C)."""
    chain = [leaf, *(n for n in form.total.walk() if leaf in n.walk() and n is not leaf)]
    return {f"{col}{n.row}" for n in chain for col in "GFI"}


def _write_saved(
    form: FormulaForm, path: Path, errors: set[str], leaf: Node | None, recalculate: bool = False
) -> None:
    """As Excel saves the form once the leaf's formula is =1/0: every cell in `errors` saved
    as the error, the others with their values, no recalculation asked (or, `recalculate`,
    as software saves it: stale values, recalculation asked)."""
    data: dict[str, tuple[object, float | str | None]] = dict(cells(form))
    if leaf is not None:
        data[f"G{leaf.row}"] = ("=1/0", 0.0)
    for where in errors:
        data[where] = (data[where][0], ERROR)
    write_cells(path, data)
    if not recalculate:
        _drop_recalculation(path)


def _errors(report: FileReport) -> dict[str, str]:
    return {f.cell or "": f.rule for f in report.findings if f.severity == Severity.error.value}


def test_a_saved_error_and_every_cell_it_reaches_are_named(tmp_path: Path) -> None:
    form, leaf = _form()
    reached = _dependents(form, leaf)
    path = tmp_path / "saved.xlsx"
    _write_saved(form, path, reached, leaf)
    assert read_workbook(path).sheets[0].errors[(leaf.row - 1, 6)] == ERROR
    report = reconcile_file(path, Options())
    assert _errors(report) == {cell: "FORMULA_ERROR" for cell in reached}
    first = next(f for f in report.findings if f.cell == f"G{leaf.row}")
    assert first.row == leaf.row and first.column == "disbursed.dtpt"
    assert "=1/0" in first.message and ERROR in first.message
    assert report.status == "findings"


@pytest.mark.parametrize("saved", ["none", "stale"])
def test_an_error_mtqg_computes_is_named_and_passed_up_as_excel_does(
    tmp_path: Path, saved: str
) -> None:
    """A formula saved with no value, or with a stale one and recalculation asked: mtqg
    computes it, gets the error, and every formula reading it gets the error too (blank, not
    the stale value), as Excel shows them."""
    form, leaf = _form()
    path = tmp_path / f"{saved}.xlsx"
    if saved == "none":
        write(form, path, "openpyxl")
        book = openpyxl.load_workbook(path)
        book.active[f"G{leaf.row}"] = "=1/0"  # type: ignore[index]
        book.save(path)
    else:
        _write_saved(form, path, set(), leaf, recalculate=True)
    report = reconcile_file(path, Options())
    assert _errors(report) == {cell: "FORMULA_ERROR" for cell in _dependents(form, leaf)}
    computed = [f for f in report.findings if f.rule == "FORMULA_NOT_CALCULATED"]
    assert all(f"G{leaf.row}" not in f.message for f in computed)


def test_an_error_outside_the_figures_read_is_not_a_finding(tmp_path: Path) -> None:
    form, _leaf = _form()
    path = tmp_path / "scratch.xlsx"
    _write_saved(form, path, set(), None)
    book = openpyxl.load_workbook(path)
    book.active["L3"] = "=1/0"  # type: ignore[index]  # a scratch cell right of the table
    book.save(path)
    report = reconcile_file(path, Options())
    assert [f.rule for f in report.findings if f.severity == Severity.error.value] == []
    assert read_workbook(path).sheets[0].errors == {(2, 11): ERROR}


@pytest.mark.parametrize("target", ["ods", "xls"])
def test_an_error_saved_in_an_ods_or_xls_is_named_too(tmp_path: Path, target: str) -> None:
    """LibreOffice keeps the errors when it converts: calcext:value-type="error" in an .ods, a
    FORMULA record whose value is an error code in an .xls."""
    from tests.read.test_file_types import soffice_convert

    form, leaf = _form()
    reached = _dependents(form, leaf)
    source = tmp_path / "saved.xlsx"
    _write_saved(form, source, reached, leaf)
    report = reconcile_file(soffice_convert(source, target, tmp_path), Options())
    assert _errors(report) == {cell: "FORMULA_ERROR" for cell in reached}
    assert all(ERROR in f.message for f in report.findings if f.rule == "FORMULA_ERROR")


def test_an_xls_error_value_is_read_by_its_code() -> None:
    from mtqg_cli.read.xls_formulas import error_value

    def record(value: bytes) -> bytes:
        return b"\x00" * 6 + value + b"\x00" * 8

    assert error_value(record(b"\x02\x00\x07\x00\x00\x00\xff\xff")) == "#DIV/0!"
    assert error_value(record(b"\x02\x00\x17\x00\x00\x00\xff\xff")) == "#REF!"
    assert error_value(record(b"\x00\x00\x00\x00\x00\x00\xff\xff")) is None  # a text result
    assert error_value(record(b"\x00\x00\x00\x00\x00\x00\x24\x40")) is None  # the number 10
