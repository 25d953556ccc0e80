"""The summary figures of one table: derived totals, rates, unallocated money and its reason."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from helpers import make_table, trd
from mtqg_cli.figures.summary import summarise
from mtqg_cli.model.rates import percent
from mtqg_cli.model.report import SummaryEntry


def _by_project(entries: list[SummaryEntry]) -> dict[str, SummaryEntry]:
    return {e.project: e for e in entries}


def test_summary_lists_project_lines_in_sheet_order_then_total() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(300), "disbursed.total": trd(150)}),
        (6, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": trd(100), "disbursed.total": trd(50)}),
        (7, "4", "Dự án 4: Đầu tư cơ sở hạ tầng", {"plan.total": trd(200), "disbursed.total": trd(100)}),
    ])  # fmt: skip
    entries = summarise(table)
    assert [(e.project, e.row) for e in entries] == [("DA1", 6), ("DA4", 7), ("TOTAL", 5)]
    total = entries[-1]
    assert total.name == "TỔNG CỘNG"
    assert (total.plan.total, total.disbursed.total, total.rate.total) == (trd(300), trd(150), 50.0)


def test_missing_total_is_investment_plus_recurrent_and_rates_per_capital_type() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {}),
        (6, "4", "Dự án 4: Đầu tư cơ sở hạ tầng",
         {"plan.dtpt": trd(300), "plan.sn": trd(100), "carried_over.dtpt": trd(100),
          "disbursed.dtpt": trd(150), "disbursed.sn": 0}),
    ])  # fmt: skip
    entry = _by_project(summarise(table))["DA4"]
    assert entry.plan.model_dump() == {"dtpt": trd(300), "sn": trd(100), "total": trd(400)}
    assert entry.disbursed.total == trd(150)
    # ĐTPT: 150 of 300 + 100 carried over; SN: 0 of 100; total: 150 of 400 + 100 carried over
    # (the carried-over total too is ĐTPT + SN).
    assert entry.rate.model_dump() == {"dtpt": 37.5, "sn": 0.0, "total": 30.0}
    total = _by_project(summarise(table))["TOTAL"]
    assert total.plan.total == trd(400)  # the blank TOTAL line adds up its children


def test_rate_is_null_where_the_base_is_zero_or_missing() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": 0, "disbursed.total": trd(5)}),
        (6, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"disbursed.total": trd(5)}),
    ])  # fmt: skip
    entries = _by_project(summarise(table))
    assert entries["TOTAL"].rate.total is None
    assert entries["DA1"].rate.total is None


def test_unallocated_reason_comes_from_the_children_when_the_line_gives_none() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(100), "allocated.total": trd(70), "unallocated.total": trd(30)}),
        (6, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": trd(100), "allocated.total": trd(70), "unallocated.total": trd(30)}),
        (7, "1.1", "Tiểu dự án con", {"plan.total": trd(40), "allocated.total": trd(10), "unallocated.total": trd(30)}, None, "Chưa có quỹ đất"),
        (8, "1.2", "Tiểu dự án khác", {"plan.total": trd(60), "allocated.total": trd(60), "unallocated.total": 0}, None, "Không dùng"),
    ])  # fmt: skip
    entry = _by_project(summarise(table))["DA1"]
    assert entry.unallocated == trd(30)
    assert entry.unallocated_reason is not None
    assert "Chưa có quỹ đất" in entry.unallocated_reason
    assert "Không dùng" not in entry.unallocated_reason  # that child leaves nothing unallocated


def test_summary_entries_are_valid_models() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": trd("1234.567"), "disbursed.total": trd("1.5")}),
    ])  # fmt: skip
    for entry in summarise(table):
        assert SummaryEntry.model_validate(entry.model_dump()) == entry
        assert set(entry.model_fields_set) == set(SummaryEntry.model_fields)


@given(
    st.integers(min_value=0, max_value=10**17),
    st.integers(min_value=1, max_value=10**17),
)
def test_percent_rounds_as_numpy_does(part: int, base: int) -> None:
    expected = float(np.round(np.float64(part * 100) / np.float64(base), 2))
    assert percent(part, base) == expected
