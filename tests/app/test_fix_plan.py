"""What `mtqg fix` plans for a table, on small tables: which cells become which formulas, with what
value, and which corrections are certain enough to make."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import make_table, rate, trd
from mtqg_cli.app.fix import certain_corrections
from mtqg_cli.figures.fix_plan import Correction, Edit, plan_table
from mtqg_cli.model.report import FileReport, Finding, Hint
from mtqg_cli.model.vocabulary import Severity

WHY = {"sum": "sum", "total": "total", "rate": "rate"}


def plan(
    rows: list[tuple], grid: list[list[object]] | None = None, **corrections: int
) -> dict[str, Edit]:
    table = make_table(rows)
    found = {cell: Correction(value, "hint") for cell, value in corrections.items()}
    edits = plan_table(table, grid or [], found, WHY, plan_only=False)
    return {e.ref: e for e in edits}


def test_parent_sums_its_children_in_ranges() -> None:
    edits = plan([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(99)}),
        (6, "I", "Dự án 1", {"plan.total": trd(30)}),
        (7, "1", "Nội dung 1", {"plan.total": trd(10)}),
        (8, "2", "Nội dung 2", {"plan.total": trd(20)}),
        (9, "II", "Dự án 2", {"plan.total": trd(60)}),
        (10, "III", "Dự án 3", {"plan.total": trd(5)}),
    ])  # fmt: skip
    assert edits["C6"].formula == "SUM(C7:C8)" and not edits["C6"].changed
    total = edits["C5"]
    assert total.formula == "SUM(C6,C9:C10)" and total.after == trd(95) and total.value == 95.0
    assert total.before == trd(99) and total.changed and total.why == ["sum"]
    assert set(edits) == {"C5", "C6"}  # leaves keep their figures


def test_blank_parent_is_added_through() -> None:
    """A sub-line left blank counts as its own sub-lines, as the reader works it out."""
    edits = plan([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(31)}),
        (6, "I", "Dự án 1", {"plan.total": None}),
        (7, "1", "Nội dung 1", {"plan.total": trd(10)}),
        (8, "2", "Nội dung 2", {"plan.total": trd(20)}),
        (9, "II", "Dự án 2", {"plan.total": None}),
    ])  # fmt: skip
    assert edits["C5"].formula == "SUM(C7:C8)" and edits["C5"].after == trd(30)
    assert "C6" not in edits and "C9" not in edits


def test_correction_flows_into_the_parents_and_rates() -> None:
    rows = [
        (5, "", "TỔNG CỘNG", {"plan.dtpt": trd(30), "plan.sn": trd(14), "plan.total": trd(44),
                              "disbursed.total": trd(11)}, {"rate.total": rate(25.0)}),
        (6, "1", "Dự án 1", {"plan.dtpt": trd(10), "plan.sn": trd(5), "plan.total": trd(15),
                             "disbursed.total": trd(5)}, {"rate.total": rate(33.33)}),
        (7, "2", "Dự án 2", {"plan.dtpt": trd(20), "plan.sn": trd(9), "plan.total": trd(29),
                             "disbursed.total": trd(6)}, {"rate.total": rate(20.69)}),
    ]  # fmt: skip
    edits = plan(rows, D6=trd(1))  # the hint: D6 should hold 1 triệu, not 10
    assert edits["D6"].formula is None and edits["D6"].corrected and edits["D6"].value == 1.0
    assert edits["C6"].formula == "SUM(D6,E6)" and edits["C6"].after == trd(6)  # columns C, D, E:
    assert edits["D5"].formula == "SUM(D6:D7)" and edits["D5"].after == trd(21)  # total, ĐTPT, SN
    assert edits["C5"].formula == "SUM(C6:C7)" and edits["C5"].after == trd(35)
    assert edits["G6"].formula == "ROUND(F6/C6*100,2)" and edits["G6"].after == 83.33
    assert edits["G5"].after == round(11 * 100 / 35, 2)
    assert not edits["G7"].changed and edits["G7"].why == ["rate"]


def test_excel_percentage_stays_a_fraction() -> None:
    rows = [(5, "1", "Dự án 1", {"plan.total": trd(8), "disbursed.total": trd(1)},
             {"rate.total": rate(12.5, 2)})]  # fmt: skip
    grid: list[list[object]] = [[] for _ in range(4)] + [["1", "Dự án 1", 8.0, 1.0, 0.125]]
    edit = plan(rows, grid)["E5"]
    assert edit.formula == "ROUND(D5/C5,4)" and edit.value == 0.125 and not edit.changed
    grid[4][4] = "12,50%"
    text = plan(rows, grid)["E5"]
    assert text.formula == "ROUND(D5/C5*100,2)" and text.number_format == "0.00"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=6), st.integers(0, 10**9))
def test_total_is_always_the_sum_of_its_lines(figures: list[int], typed: int) -> None:
    rows = [(5, "", "TỔNG CỘNG", {"plan.total": typed * 1000})] + [
        (6 + i, str(i + 1), f"Dự án {i + 1}", {"plan.total": f * 1000})
        for i, f in enumerate(figures)
    ]
    edit = plan(rows)["C5"]
    assert edit.after == sum(figures) * 1000
    assert edit.changed == (typed != sum(figures))
    assert edit.formula == (f"SUM(C6:C{5 + len(figures)})" if len(figures) > 1 else "SUM(C6)")


def hint(cell: str, kind: str, suggested: int | None, rule: str = "SUM_MISMATCH") -> Finding:
    return Finding(rule=rule, severity=Severity.error, sheet="Biểu 01", cell="C5",
                   hint=Hint(kind=kind, cells=[cell], suggested=suggested, message=f"{kind} {cell}"))  # fmt: skip


def test_only_certain_causes_with_a_figure_are_corrected() -> None:
    findings = [
        hint("D6", "transposed_digits", 1_000),
        hint("D7", "sign_flip", 2_000),
        hint("$D$8", "unit_slip", 3_000),
        hint("D9", "omitted_line", 4_000),  # says which line, not what it should hold
        hint("D10", "transposed_digits", None),
        hint("D11", "transposed_digits", 5_000),  # two transpositions: not unique
        hint("D11", "transposed_digits", 6_000),
        Finding(rule="UNIT_SUSPECT", severity=Severity.warning, sheet="Biểu 01", cell="D12",
                expected=7_000, actual=7_000_000_000),
    ]  # fmt: skip
    found = certain_corrections(
        FileReport(path="x.xlsx", status="findings", findings=findings), "vi"
    )
    assert {cell: c.suggested for cell, c in found["Biểu 01"].items()} == {
        "D6": 1_000, "D7": 2_000, "D8": 3_000, "D12": 7_000,
    }  # fmt: skip
    assert found["Biểu 01"]["D6"].why == "transposed_digits D6"
    assert found["Biểu 01"]["D12"].why == "Số nhập nhầm đơn vị"
