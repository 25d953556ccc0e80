"""The amount rules ask the line frame's columns for the rows that break: findings in sheet order
(not the tree's), a line's fields in the rule's order, figures beyond int64 exact, shared arrays."""

from __future__ import annotations

from helpers import check, make_table, run_all, trd
from mtqg_cli.check.rules import run_rules
from mtqg_cli.form.line_frame import line_arrays, line_frame
from mtqg_cli.model.rates import computed_rate

BOTTOM_TOTAL = [
    (5, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở",
     {"plan.total": trd(100), "plan.dtpt": trd(60), "plan.sn": trd(30),
      "disbursed.total": trd(-5)}),
    (6, "2", "Dự án 2: Quy hoạch, sắp xếp, bố trí, ổn định dân cư",
     {"plan.total": trd(50), "plan.dtpt": trd(50), "plan.sn": None, "disbursed.total": trd(70)}),
    (7, "", "TỔNG CỘNG",
     {"plan.total": trd(160), "plan.dtpt": trd(-110), "plan.sn": trd(30),
      "disbursed.total": trd(65)}),
]  # fmt: skip


def test_a_total_row_at_the_bottom_is_reported_last_as_in_the_sheet() -> None:
    table = make_table(BOTTOM_TOTAL)
    assert line_frame(table)["row"].tolist()[0] == 7  # the frame keeps the tree's order, root first
    found = [(f.rule, f.row, f.column) for f in check(table, "SUM_MISMATCH")]
    assert found == [("SUM_MISMATCH", 7, "plan.total"), ("SUM_MISMATCH", 7, "plan.dtpt")]
    negative = check(table, "NEGATIVE_AMOUNT")
    assert [(f.row, f.column, f.actual) for f in negative] == [
        (5, "disbursed.total", trd(-5)),
        (7, "plan.dtpt", trd(-110)),
    ]
    total = check(table, "TOTAL_MISMATCH")
    assert [(f.row, f.column, f.expected, f.actual) for f in total] == [
        (5, "plan.total", trd(90), trd(100)),
        (7, "plan.total", trd(-80), trd(160)),
    ]
    over = check(table, "OVER_DISBURSED")
    assert [(f.row, f.column, f.expected, f.actual) for f in over] == [
        (6, "disbursed.total", trd(50), trd(70)),
    ]


def test_the_children_s_sum_of_a_stated_parent_is_checked_beside_its_blank_fields() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(120), "disbursed.total": None}),
        (6, "1", "Dự án 1", {"plan.total": trd(100), "disbursed.total": trd(10)}),
        (7, "2", "Dự án 2", {"plan.total": None, "disbursed.total": trd(30)}),
    ])  # fmt: skip
    found = check(table, "SUM_MISMATCH")
    assert [(f.row, f.column, f.expected, f.actual) for f in found] == [
        (5, "plan.total", trd(100), trd(120)),  # the blank Dự án 2 adds nothing, not unknown
    ]
    assert "2 dòng con" in found[0].message


def test_figures_beyond_int64_are_checked_exactly() -> None:
    rows = [(5, "", "TỔNG CỘNG", {"plan.total": 10**19 + 5_000, "disbursed.total": None})]
    rows += [
        (6 + i, str(i + 1), f"Dự án {i + 1}", {"plan.total": 10**18, "disbursed.total": 10**18})
        for i in range(10)
    ]
    rows.append((16, "11", "Dự án 11", {"plan.total": 2, "disbursed.total": 2 * 10**18}))
    table = make_table(rows)
    found = check(table, "SUM_MISMATCH")
    assert [(f.row, f.expected, f.actual, f.difference) for f in found] == [
        (5, 10**19 + 2, 10**19 + 5_000, 4_998),
    ]
    assert isinstance(found[0].expected, int)
    over = check(table, "OVER_DISBURSED")
    assert [(f.row, f.expected, f.actual) for f in over] == [(16, 2, 2 * 10**18)]


def test_unallocated_and_unit_checks_read_the_effective_plan_and_parent() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG",
         {"plan.total": None, "allocated.total": trd(90), "unallocated.total": trd(5)}),
        (6, "1", "Dự án 1",
         {"plan.total": trd(100), "allocated.total": None, "unallocated.total": None}),
        (7, "a", "Nội dung a",
         {"plan.total": trd(100_000), "allocated.total": None, "unallocated.total": None}),
    ])  # fmt: skip
    unallocated = check(table, "UNALLOCATED_MISMATCH")
    assert [(f.row, f.column, f.expected, f.actual) for f in unallocated] == [
        (5, "unallocated.total", trd(100), trd(95)),  # the blank TOTAL's plan is its children's
    ]
    unit = check(table, "UNIT_SUSPECT")
    assert [(f.row, f.column, f.expected, f.actual) for f in unit] == [
        (7, "plan.total", trd(100), trd(100_000)),  # a thousandfold its parent's 100
    ]


def test_the_rules_read_the_arrays_they_are_given_as_the_ones_they_build() -> None:
    table = make_table(BOTTOM_TOTAL)
    arrays = line_arrays(table)
    given = run_rules(table, arrays=arrays)
    assert [f.model_dump() for f in given] == [f.model_dump() for f in run_all(table)]
    assert {f.rule for f in given} >= {"SUM_MISMATCH", "NEGATIVE_AMOUNT", "OVER_DISBURSED"}
    off = run_rules(table, arrays=arrays, disabled=frozenset({"SUM_MISMATCH"}))
    assert "SUM_MISMATCH" not in {f.rule for f in off}


def test_rates_of_figures_beyond_float64_s_integers_are_those_python_computes() -> None:
    """disbursed * 100 / base past 2**53 (and past int64): each computed as Python divides."""
    spent, plan = 3 * 10**16 + 1, 7 * 10**16 + 3
    table = make_table([
        (5, "", "TỔNG CỘNG", {}),
        (6, "1", "Dự án 1", {"plan.total": plan, "disbursed.total": spent},
         {"rate.total": (99.0, 2)}),
        (7, "2", "Dự án 2", {"plan.total": 10**19, "disbursed.total": 10**19 // 3},
         {"rate.total": (33.33, 2)}),
    ])  # fmt: skip
    found = check(table, "RATE_MISMATCH")
    assert [(f.row, f.expected, f.actual) for f in found] == [
        (6, round(computed_rate(spent, plan) or 0, 2), 99.0),
    ]
    assert computed_rate(10**19 // 3, 10**19) == 10**19 // 3 * 100 / 10**19
