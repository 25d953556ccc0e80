"""The contract's rules, one class per rule code: where each fires, and where it must not.

Figures come from the seeds where they can (Dự án 8: plan 3.379,979 trđ, disbursed 619,950 trđ,
18,34%; a line of 345,244 trđ) and from the example form (Dự án 1 typed as 3.054.500 nghìn đồng
where its contents add up to 3.045.500).
"""

from __future__ import annotations

import pytest

from helpers import (
    SHEET,
    check,
    letter,
    line_at,
    located,
    make_table,
    rate,
    run_all,
    trd,
)
from mtqg_cli.check.rules import RuleContext
from mtqg_cli.check.rules.reading import number_format, sheet_skipped, unit_assumed
from mtqg_cli.form.cell_numbers import parse_number
from mtqg_cli.form.hierarchy import derive_blanks
from mtqg_cli.model.sheet import Table
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, Severity, Unit

DISBURSEMENT_FIELDS = [
    "plan.total", "plan.dtpt", "plan.sn",
    "disbursed.total", "disbursed.dtpt", "disbursed.sn",
    "rate.total",
]  # fmt: skip
ALLOCATION_FIELDS = [
    "plan.total", "carried_over.total", "allocated.total", "unallocated.total",
    "disbursed.total", "rate.total",
]  # fmt: skip


def nd(value: int) -> int:
    """Nghìn đồng to đồng."""
    return value * 1_000


def figures(plan: tuple[str, str, str], disbursed: tuple[str, str, str]) -> dict[str, int]:
    """Plan and disbursed (total, ĐTPT, SN) in triệu đồng."""
    keys = ("total", "dtpt", "sn")
    return {
        **{f"plan.{k}": trd(v) for k, v in zip(keys, plan, strict=True)},
        **{f"disbursed.{k}": trd(v) for k, v in zip(keys, disbursed, strict=True)},
    }


def disbursement_table() -> Table:
    """A consistent half-year report in triệu đồng: every rule must stay silent on it."""
    total = figures(("5725.223", "2000", "3725.223"), ("1119.950", "500", "619.950"))
    da4 = figures(("2000", "2000", "0"), ("500", "500", "0"))
    da8 = figures(("3379.979", "0", "3379.979"), ("619.950", "0", "619.950"))
    da6 = figures(("345.244", "0", "345.244"), ("0", "0", "0"))
    return make_table(
        [
            (5, "", "TỔNG CỘNG", total, {"rate.total": (19.56, 2)}),
            (6, "1", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu", da4, {"rate.total": (25.0, 2)}),
            (7, "1.1", "Tiểu dự án 1: Hạ tầng thiết yếu", dict(da4), {"rate.total": (25.0, 2)}),
            (8, "2", "Dự án 8: Thực hiện bình đẳng giới", da8, {"rate.total": (18.34, 2)}),
            (9, "3", "Dự án 6: Bảo tồn, phát huy giá trị văn hóa", da6, {"rate.total": (0.0, 0)}),
        ],
        fields=DISBURSEMENT_FIELDS,
    )


def allocation_table(**changes: dict[str, object]) -> Table:
    """A consistent report in nghìn đồng with carried-over, allocated and unallocated money.

    `changes` maps "r<row>" to what to change on that row (fields, or "reason").
    """
    rows: dict[int, tuple[str, str, dict[str, int | None], str]] = {
        5: ("", "Cộng toàn huyện", {}, ""),
        6: ("1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở", {}, ""),
        7: ("-", "Hỗ trợ nhà ở", {}, ""),
        8: ("-", "Hỗ trợ nước sinh hoạt", {}, "Chưa có danh sách hộ được phê duyệt"),
    }
    amounts = {
        # plan, carried over, allocated, unallocated, disbursed (nghìn đồng), rate
        5: (3_045_500, 200_000, 2_045_500, 1_200_000, 1_298_200, 40.0),
        6: (3_045_500, 200_000, 2_045_500, 1_200_000, 1_298_200, 40.0),
        7: (1_500_000, 200_000, 1_700_000, 0, 680_000, 40.0),
        8: (1_545_500, 0, 345_500, 1_200_000, 618_200, 40.0),
    }
    built = []
    for row, (stt, name, _, reason) in rows.items():
        *money, percent = amounts[row]
        values: dict[str, int | None] = {
            f: nd(v) for f, v in zip(ALLOCATION_FIELDS[:5], money, strict=True)
        }
        change = dict(changes.get(f"r{row}", {}))
        reason = str(change.pop("reason", reason))
        values.update(change)  # type: ignore[arg-type]
        built.append((row, stt, name, values, {"rate.total": (percent, 2)}, reason))
    # the total is last, as in the example form
    built = built[1:] + built[:1]
    return make_table(built, fields=ALLOCATION_FIELDS, unit=Unit.nghin_dong)


def test_consistent_tables_raise_nothing() -> None:
    assert run_all(disbursement_table()) == []
    assert run_all(allocation_table()) == []
    assert run_all(disbursement_table(), lang="en") == []


def test_allocation_table_shape() -> None:
    table = allocation_table()
    assert table.root is line_at(table, 5)
    assert [c.row for c in table.root.children] == [6]
    assert [line_at(table, r).code for r in (6, 7, 8)] == ["DA1", "DA1.ND2", "DA1.ND4"]


# =========================================================================== SUM_MISMATCH
class TestSumMismatch:
    def test_parent_typed_by_hand(self) -> None:
        # Example form, row 9: Dự án 1's SN typed as 3.054.500 while its contents add to 3.045.500.
        table = make_table(
            [
                (8, "", "TỔNG SỐ", {"plan.sn": nd(3_054_500)}),
                (9, "1", "Dự án 1", {"plan.sn": nd(3_054_500)}),
                (10, "-", "Hỗ trợ nhà ở", {"plan.sn": nd(1_500_000)}),
                (11, "-", "Hỗ trợ nước sinh hoạt", {"plan.sn": nd(1_545_500)}),
            ],
            unit=Unit.nghin_dong,
        )
        [finding] = check(table, "SUM_MISMATCH")
        assert (finding.rule, finding.severity) == ("SUM_MISMATCH", Severity.error)
        assert (finding.row, finding.column, finding.cell) == (9, "plan.sn", "C9")
        assert (finding.sheet, finding.project) == (SHEET, "DA1")
        assert finding.expected == 3_045_500_000
        assert finding.actual == 3_054_500_000
        assert finding.difference == 9_000_000
        assert finding.message == (
            "Kế hoạch vốn (vốn SN) của dòng «Dự án 1» ghi 3.054.500 nghìn đồng, "
            "nhưng cộng 2 dòng con được 3.045.500 nghìn đồng."
        )

    def test_grand_total_and_each_column(self) -> None:
        table = disbursement_table()
        line_at(table, 5).amounts["plan.sn"] = trd("3625.223")  # 100 trđ short
        line_at(table, 5).amounts["disbursed.dtpt"] = trd("600")
        found = check(table, "SUM_MISMATCH")
        assert located(found) == {
            ("SUM_MISMATCH", 5, "plan.sn"), ("SUM_MISMATCH", 5, "disbursed.dtpt")
        }  # fmt: skip
        by_column = {f.column: f for f in found}
        assert by_column["plan.sn"].expected == 3_725_223_000
        assert by_column["plan.sn"].difference == -100_000_000
        assert by_column["plan.sn"].cell == f"{letter(table, 'plan.sn')}5"
        assert by_column["disbursed.dtpt"].difference == 100_000_000
        assert by_column["plan.sn"].project is None

    def test_consistent_table(self) -> None:
        assert check(disbursement_table(), "SUM_MISMATCH") == []
        assert check(allocation_table(), "SUM_MISMATCH") == []

    def test_blank_parent_cell_is_not_compared(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": None}),
            (6, "1", "Dự án 4", {"plan.total": trd(100)}),
            (7, "2", "Dự án 5", {"plan.total": trd(200)}),
        ])  # fmt: skip
        assert check(table, "SUM_MISMATCH") == []

    def test_all_children_blank_is_not_compared(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(300)}),
            (6, "1", "Dự án 4", {"plan.total": None}),
            (7, "2", "Dự án 5", {"plan.total": None}),
        ])  # fmt: skip
        assert check(table, "SUM_MISMATCH") == []

    @pytest.mark.parametrize(("off", "fires"), [(1_000, False), (1_001, True), (-1_001, True)])
    def test_tolerance_is_one_thousand_dong(self, off: int, fires: bool) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd("300.5") + off}),
            (6, "1", "Dự án 4", {"plan.total": trd(100)}),
            (7, "2", "Dự án 5", {"plan.total": trd("200.5")}),
        ])  # fmt: skip
        found = check(table, "SUM_MISMATCH")
        if fires:
            [finding] = found
            assert (finding.row, finding.difference) == (5, off)
        else:
            assert found == []

    def test_tolerance_option(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(300) + 1}),
            (6, "1", "Dự án 4", {"plan.total": trd(300)}),
        ])  # fmt: skip
        assert check(table, "SUM_MISMATCH") == []
        assert len(check(table, "SUM_MISMATCH", tolerance=0)) == 1

    def test_of_which_child_is_not_summed(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(100)}),
            (6, "1", "Dự án 4", {"plan.total": trd(100)}),
            (7, "", "Trong đó: vốn NSTW", {"plan.total": trd(90)}),
            (8, "1.1", "Tiểu dự án 1", {"plan.total": trd(60)}),
            (9, "1.2", "Tiểu dự án 2", {"plan.total": trd(40)}),
        ])  # fmt: skip
        assert line_at(table, 7).kind == "breakdown"
        assert check(table, "SUM_MISMATCH") == []

    def test_of_which_block_is_not_summed(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(100)}),
            (6, "", "Trong đó:"),
            (7, "-", "Vốn NSTW", {"plan.total": trd(90)}),
            (8, "-", "Vốn NSĐP", {"plan.total": trd(10)}),
            (9, "1", "Dự án 4", {"plan.total": trd(60)}),
            (10, "2", "Dự án 5", {"plan.total": trd(40)}),
        ])  # fmt: skip
        assert check(table, "SUM_MISMATCH") == []
        line_at(table, 10).amounts["plan.total"] = trd(50)
        [finding] = check(table, "SUM_MISMATCH")
        assert (finding.row, finding.expected, finding.actual) == (5, trd(110), trd(100))

    def test_blank_parent_between_total_and_leaves_uses_its_children(self) -> None:
        rows = [
            (5, "", "TỔNG CỘNG", {"plan.total": trd(300)}),
            (6, "1", "Dự án 3", {"plan.total": None}),
            (7, "1.1", "Tiểu dự án 1", {"plan.total": trd(100)}),
            (8, "1.2", "Tiểu dự án 2", {"plan.total": trd(150)}),
            (9, "2", "Dự án 4", {"plan.total": trd(50)}),
        ]
        assert check(make_table(rows), "SUM_MISMATCH") == []
        rows[3] = (8, "1.2", "Tiểu dự án 2", {"plan.total": trd(160)})
        [finding] = check(make_table(rows), "SUM_MISMATCH")
        assert (finding.row, finding.column) == (5, "plan.total")
        assert (finding.expected, finding.actual, finding.difference) == (
            trd(310), trd(300), -trd(10)
        )  # fmt: skip

    def test_consolidated_finding_carries_the_unit(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(300)}),
            (6, "I", "Xã Vi Hương", {"plan.total": trd(100)}),
            (7, "1", "Dự án 1", {"plan.total": trd(100)}),
            (8, "II", "Xã Quân Hà", {"plan.total": trd(200)}),
            (9, "1", "Dự án 1", {"plan.total": trd(150)}),
            (10, "2", "Dự án 8", {"plan.total": trd(40)}),
        ])  # fmt: skip
        [finding] = check(table, "SUM_MISMATCH")
        assert (finding.row, finding.unit) == (8, "Xã Quân Hà")
        assert finding.difference == trd(10)

    def test_english_message(self) -> None:
        table = disbursement_table()
        line_at(table, 6).amounts["plan.total"] = trd(2100)
        line_at(table, 6).amounts["plan.dtpt"] = trd(2100)
        found = {(f.row, f.column): f for f in check(table, "SUM_MISMATCH", lang="en")}
        assert set(found) == {(r, c) for r in (5, 6) for c in ("plan.total", "plan.dtpt")}
        assert found[6, "plan.total"].message == (
            "Plan (total) of «Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu» is 2,100.000 million VND, "
            "but its 1 sub-lines add up to 2,000.000 million VND."
        )


# =========================================================================== TOTAL_MISMATCH
class TestTotalMismatch:
    def test_plan_total_not_dtpt_plus_sn(self) -> None:
        table = disbursement_table()
        line_at(table, 8).amounts["plan.total"] = trd("3397.979")  # digits transposed
        [finding] = [f for f in check(table, "TOTAL_MISMATCH") if f.row == 8]
        assert (finding.rule, finding.severity) == ("TOTAL_MISMATCH", Severity.error)
        assert (finding.column, finding.cell, finding.project) == ("plan.total", "C8", "DA8")
        assert (finding.expected, finding.actual) == (3_379_979_000, 3_397_979_000)
        assert finding.difference == 18_000_000
        assert "3.397,979 triệu đồng" in finding.message
        assert "3.379,979 triệu đồng" in finding.message

    def test_disbursed_total(self) -> None:
        table = disbursement_table()
        line_at(table, 7).amounts["disbursed.sn"] = trd(20)
        found = check(table, "TOTAL_MISMATCH")
        assert located(found) == {("TOTAL_MISMATCH", 7, "disbursed.total")}
        assert (found[0].expected, found[0].actual) == (trd(520), trd(500))
        assert found[0].difference == -trd(20)

    def test_consistent_table(self) -> None:
        assert check(disbursement_table(), "TOTAL_MISMATCH") == []

    def test_blank_part_counts_as_zero(self) -> None:
        table = make_table([(6, "1", "Dự án 6", {"plan.total": trd(10), "plan.dtpt": trd(10),
                                                  "plan.sn": None})])  # fmt: skip
        assert check(table, "TOTAL_MISMATCH") == []

    def test_not_without_both_part_columns(self) -> None:
        table = make_table([(6, "1", "Dự án 6", {"plan.total": trd(10), "plan.dtpt": trd(3)})])
        assert check(table, "TOTAL_MISMATCH") == []

    def test_not_when_parts_blank(self) -> None:
        table = make_table([(6, "1", "Dự án 6", {"plan.total": trd(10), "plan.dtpt": None,
                                                  "plan.sn": None})])  # fmt: skip
        assert check(table, "TOTAL_MISMATCH") == []

    @pytest.mark.parametrize(("off", "count"), [(1_000, 0), (1_001, 1)])
    def test_tolerance(self, off: int, count: int) -> None:
        amounts = {"plan.total": trd(10) + off, "plan.dtpt": trd(4), "plan.sn": trd(6)}
        table = make_table([(6, "1", "Dự án 6", amounts)])
        assert len(check(table, "TOTAL_MISMATCH")) == count


# =========================================================================== RATE_MISMATCH
class TestRateMismatch:
    def test_seed_dự_án_8(self) -> None:
        # Seed 001: "giải ngân 619,950trđ/3.379,979trđ, đạt 18,14% KH" — it is 18,34%.
        table = disbursement_table()
        line_at(table, 8).rates["rate.total"] = rate(18.14, 2)
        [finding] = check(table, "RATE_MISMATCH")
        assert (finding.rule, finding.severity) == ("RATE_MISMATCH", Severity.error)
        assert (finding.row, finding.column, finding.project) == (8, "rate.total", "DA8")
        assert finding.cell == f"{letter(table, 'rate.total')}8"
        assert finding.expected == 18.34
        assert finding.actual == 18.14
        assert finding.difference == pytest.approx(-0.2)
        assert "18,14%" in finding.message and "18,34%" in finding.message
        assert "619,950 triệu đồng" in finding.message

    def test_consistent_table(self) -> None:
        assert check(disbursement_table(), "RATE_MISMATCH") == []
        assert check(allocation_table(), "RATE_MISMATCH") == []

    @pytest.mark.parametrize(
        ("disbursed", "fires"), [("30.4", False), ("29.6", False), ("30.6", True), ("29.4", True)]
    )
    def test_whole_percent_tolerates_its_rounding(self, disbursed: str, fires: bool) -> None:
        table = make_table([(6, "1", "Dự án 6", {"plan.total": trd(100),
                                                  "disbursed.total": trd(disbursed)},
                             {"rate.total": (30.0, 0)})])  # fmt: skip
        found = check(table, "RATE_MISMATCH")
        assert len(found) == int(fires)
        if fires:
            assert found[0].expected == float(disbursed)
            assert found[0].actual == 30.0

    @pytest.mark.parametrize(("stated", "fires"), [(18.34, False), (18.35, True), (18.3, True)])
    def test_two_decimals(self, stated: float, fires: bool) -> None:
        table = make_table([(6, "1", "Dự án 8", {"plan.total": trd("3379.979"),
                                                  "disbursed.total": trd("619.950")},
                             {"rate.total": (stated, 2)})])  # fmt: skip
        assert len(check(table, "RATE_MISMATCH")) == int(fires)

    def test_base_includes_carried_over(self) -> None:
        rows = [
            (
                6,
                "1",
                "Dự án 6",
                {"plan.total": trd(80), "carried_over.total": trd(20), "disbursed.total": trd(50)},
                {"rate.total": (50.0, 2)},
            )
        ]
        assert check(make_table(rows), "RATE_MISMATCH") == []
        rows = [
            (
                6,
                "1",
                "Dự án 6",
                {"plan.total": trd(80), "carried_over.total": trd(20), "disbursed.total": trd(50)},
                {"rate.total": (70.0, 2)},
            )
        ]
        [finding] = check(make_table(rows), "RATE_MISMATCH")
        assert (finding.expected, finding.actual) == (50.0, 70.0)

    def test_rates_of_the_plan_alone_are_read_so_when_most_agree(self) -> None:
        def line(row: int, plan: int, carried: int, disbursed: int, stated: float) -> tuple:
            amounts = {"plan.total": trd(plan), "carried_over.total": trd(carried),
                       "disbursed.total": trd(disbursed)}  # fmt: skip
            return (row, str(row - 5), f"Dự án {row - 5}", amounts, {"rate.total": (stated, 2)})

        rows = [line(6, 80, 20, 40, 50.0), line(7, 50, 50, 10, 20.0), line(8, 200, 10, 50, 25.0)]
        assert check(make_table(rows), "RATE_MISMATCH") == []
        assert check(make_table(rows[1:]), "RATE_MISMATCH") == []
        rows[2] = line(8, 200, 10, 50, 30.0)  # one rate wrong under either reading
        [finding] = check(make_table(rows), "RATE_MISMATCH")
        assert (finding.row, finding.expected, finding.actual) == (8, 25.0, 30.0)
        assert "200,000 triệu đồng" in finding.message  # divided by the plan alone

    def test_carried_over_rate_from_example_form(self) -> None:
        table = allocation_table()
        line_at(table, 6).rates["rate.total"] = rate(36.0, 0)
        [finding] = check(table, "RATE_MISMATCH")
        assert (finding.row, finding.expected, finding.actual) == (6, 40.0, 36.0)

    def test_capital_type_rates(self) -> None:
        table = make_table([(6, "1", "Dự án 4", {"plan.dtpt": trd(200), "disbursed.dtpt": trd(50),
                                                  "plan.sn": trd(100), "disbursed.sn": trd(10)},
                             {"rate.dtpt": (25.0, 2), "rate.sn": (1.0, 2)})])  # fmt: skip
        assert located(check(table, "RATE_MISMATCH")) == {("RATE_MISMATCH", 6, "rate.sn")}

    def test_zero_base_is_not_checked(self) -> None:
        table = make_table([(6, "1", "Dự án 6", {"plan.total": 0, "disbursed.total": 0},
                             {"rate.total": (100.0, 0)})])  # fmt: skip
        assert check(table, "RATE_MISMATCH") == []

    def test_blank_parent_rate_uses_children(self) -> None:
        table = make_table([
            (6, "1", "Dự án 3", {"plan.total": None, "disbursed.total": None},
             {"rate.total": (10.0, 2)}),
            (7, "1.1", "Tiểu dự án 1", {"plan.total": trd(100), "disbursed.total": trd(50)}),
            (8, "1.2", "Tiểu dự án 2", {"plan.total": trd(100), "disbursed.total": trd(10)}),
        ])  # fmt: skip
        [finding] = check(table, "RATE_MISMATCH")
        assert (finding.row, finding.expected) == (6, 30.0)


# =========================================================================== OVER_DISBURSED
class TestOverDisbursed:
    def test_disbursed_more_than_plan(self) -> None:
        table = disbursement_table()
        line_at(table, 9).amounts["disbursed.sn"] = trd("400")
        line_at(table, 9).amounts["disbursed.total"] = trd("400")
        found = check(table, "OVER_DISBURSED")
        assert located(found) == {
            ("OVER_DISBURSED", 9, "disbursed.total"), ("OVER_DISBURSED", 9, "disbursed.sn")
        }  # fmt: skip
        finding = next(f for f in found if f.column == "disbursed.total")
        assert finding.severity == Severity.error
        assert (finding.expected, finding.actual) == (345_244_000, 400_000_000)
        assert finding.difference == 54_756_000
        assert finding.project == "DA6"
        assert "400,000 triệu đồng" in finding.message
        assert "345,244 triệu đồng" in finding.message

    def test_consistent_table(self) -> None:
        assert check(disbursement_table(), "OVER_DISBURSED") == []
        assert check(allocation_table(), "OVER_DISBURSED") == []

    @pytest.mark.parametrize(("carried", "fires"), [(30, False), (20, False), (10, True)])
    def test_carried_over_money_may_be_spent(self, carried: int, fires: bool) -> None:
        table = make_table([(6, "1", "Dự án 6", {"plan.total": trd(100),
                                                  "carried_over.total": trd(carried),
                                                  "disbursed.total": trd(120)})])  # fmt: skip
        found = check(table, "OVER_DISBURSED")
        assert len(found) == int(fires)
        if fires:
            assert (found[0].expected, found[0].difference) == (trd(110), trd(10))
            assert "kể cả vốn năm trước chuyển sang" in found[0].message

    @pytest.mark.parametrize(("over", "count"), [(1_000, 0), (1_001, 1)])
    def test_tolerance(self, over: int, count: int) -> None:
        amounts = {"plan.total": trd(100), "disbursed.total": trd(100) + over}
        table = make_table([(6, "1", "Dự án 6", amounts)])
        assert len(check(table, "OVER_DISBURSED")) == count

    def test_not_without_a_plan(self) -> None:
        table = make_table([(6, "1", "Dự án 6", {"plan.total": None, "disbursed.total": trd(5)})])
        assert check(table, "OVER_DISBURSED") == []


# =========================================================================== UNALLOCATED_MISMATCH
class TestUnallocatedMismatch:
    def test_allocated_plus_unallocated_short_of_plan(self) -> None:
        table = allocation_table(r8={"unallocated.total": nd(1_100_000)})
        found = [f for f in check(table, "UNALLOCATED_MISMATCH") if f.row == 8]
        [finding] = found
        assert (finding.rule, finding.severity) == ("UNALLOCATED_MISMATCH", Severity.error)
        assert (finding.column, finding.project) == ("unallocated.total", "DA1.ND4")
        assert finding.cell == f"{letter(table, 'unallocated.total')}8"
        assert (finding.expected, finding.actual) == (nd(1_545_500), nd(1_445_500))
        assert finding.difference == -nd(100_000)
        assert "345.500 nghìn đồng" in finding.message
        assert "1.100.000 nghìn đồng" in finding.message

    def test_consistent_table(self) -> None:
        assert check(allocation_table(), "UNALLOCATED_MISMATCH") == []

    def test_base_includes_carried_over(self) -> None:
        # Row 7: 1.700.000 allocated = 1.500.000 plan + 200.000 carried over.
        table = allocation_table(r7={"carried_over.total": 0})
        found = check(table, "UNALLOCATED_MISMATCH")
        assert (7, nd(1_500_000), nd(1_700_000)) in {(f.row, f.expected, f.actual) for f in found}

    def test_blank_allocation_is_not_checked(self) -> None:
        table = allocation_table(r7={"allocated.total": None, "unallocated.total": None})
        assert [f.row for f in check(table, "UNALLOCATED_MISMATCH")] == []

    def test_not_without_both_columns(self) -> None:
        table = make_table([(6, "1", "Dự án 6", {"plan.total": trd(100),
                                                  "allocated.total": trd(10)})])  # fmt: skip
        assert check(table, "UNALLOCATED_MISMATCH") == []


# =========================================================================== UNALLOCATED_NO_REASON
class TestUnallocatedNoReason:
    def test_unallocated_without_reason(self) -> None:
        # Example form, row 20: Dự án 6 leaves 1.200.000 unallocated with no reason.
        table = make_table(
            [(20, "6", "Dự án 6", {"plan.total": nd(1_200_000), "allocated.total": 0,
                                   "unallocated.total": nd(1_200_000)})],
            unit=Unit.nghin_dong,
        )  # fmt: skip
        [finding] = check(table, "UNALLOCATED_NO_REASON")
        assert (finding.rule, finding.severity) == ("UNALLOCATED_NO_REASON", Severity.error)
        assert (finding.row, finding.column, finding.project) == (20, "reason", "DA6")
        assert finding.cell == f"{letter(table, 'reason')}20"
        assert (finding.expected, finding.actual) == (None, 1_200_000_000)
        assert finding.message == (
            "Dòng «Dự án 6» còn 1.200.000 nghìn đồng chưa phân bổ nhưng không ghi lý do."
        )

    def test_consistent_table(self) -> None:
        assert check(allocation_table(), "UNALLOCATED_NO_REASON") == []

    def test_a_reason_answers(self) -> None:
        table = allocation_table(r8={"reason": ""})
        [finding] = check(table, "UNALLOCATED_NO_REASON")
        assert finding.row == 8
        assert finding.actual == nd(1_200_000)

    def test_excused_when_a_child_carries_unallocated_money(self) -> None:
        # Rows 5 (total) and 6 (Dự án 1) leave 1.200.000 unallocated with no reason of their own:
        # row 8 carries it, with its reason.
        table = allocation_table()
        assert line_at(table, 6).reason == "" and line_at(table, 5).reason == ""
        assert check(table, "UNALLOCATED_NO_REASON") == []

    def test_parent_whose_children_carry_nothing(self) -> None:
        table = make_table([
            (6, "1", "Dự án 4", {"unallocated.total": trd(50)}),
            (7, "1.1", "Tiểu dự án 1", {"unallocated.total": 0}),
            (8, "1.2", "Tiểu dự án 2", {"unallocated.total": None}),
        ])  # fmt: skip
        assert located(check(table, "UNALLOCATED_NO_REASON")) == {
            ("UNALLOCATED_NO_REASON", 6, "reason")
        }  # fmt: skip

    def test_parent_with_capital_type_columns_only(self) -> None:
        table = make_table([
            (6, "1", "Dự án 4", {"unallocated.dtpt": 0, "unallocated.sn": trd(50)}),
            (7, "1.1", "Tiểu dự án 1", {"unallocated.dtpt": 0, "unallocated.sn": 0}),
            (8, "1.2", "Tiểu dự án 2", {"unallocated.dtpt": 0, "unallocated.sn": 0}),
        ])  # fmt: skip
        [finding] = check(table, "UNALLOCATED_NO_REASON")
        assert (finding.row, finding.actual) == (6, trd(50))

    def test_leaf_with_capital_type_columns_only(self) -> None:
        table = make_table([(6, "1", "Dự án 6", {"unallocated.dtpt": trd(3),
                                                  "unallocated.sn": trd(4)})])  # fmt: skip
        [finding] = check(table, "UNALLOCATED_NO_REASON")
        assert finding.actual == trd(7)

    @pytest.mark.parametrize(("amount", "count"), [(0, 0), (1_000, 0), (1_001, 1)])
    def test_tolerance(self, amount: int, count: int) -> None:
        table = make_table([(6, "1", "Dự án 6", {"unallocated.total": amount})])
        assert len(check(table, "UNALLOCATED_NO_REASON")) == count

    def test_without_reason_column_points_at_the_name(self) -> None:
        table = make_table([(6, "1", "Dự án 6", {"unallocated.total": trd(5)})],
                           reason_column=False)  # fmt: skip
        [finding] = check(table, "UNALLOCATED_NO_REASON")
        assert (finding.column, finding.cell) == (None, "B6")


# =========================================================================== UNIT_SUSPECT
class TestUnitSuspect:
    def test_figure_typed_in_dong(self) -> None:
        # 345,244 trđ typed as 345.244.000 (its value in đồng) inside a triệu-đồng table.
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd("345.244")}),
            (6, "1", "Dự án 9", {"plan.total": trd(345_244_000)}),
        ])  # fmt: skip
        [finding] = check(table, "UNIT_SUSPECT")
        assert (finding.rule, finding.severity) == ("UNIT_SUSPECT", Severity.error)
        assert (finding.row, finding.column, finding.project) == (6, "plan.total", "DA9")
        assert finding.actual == 345_244_000_000_000
        assert finding.expected == 345_244_000
        assert finding.difference == 345_244_000_000_000 - 345_244_000
        assert "1.000.000 lần" in finding.message
        assert "theo đồng" in finding.message
        assert "345,244 triệu đồng" in finding.message

    def test_child_a_thousand_times_its_parent(self) -> None:
        # 345,244 trđ typed as 345.244 (its value in nghìn đồng).
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd("345.244")}),
            (6, "1", "Dự án 9", {"plan.total": trd(345_244)}),
        ])  # fmt: skip
        [finding] = check(table, "UNIT_SUSPECT")
        assert (finding.row, finding.column) == (6, "plan.total")
        assert finding.actual == 345_244_000_000
        assert finding.expected == 345_244_000
        assert "1.000 lần" in finding.message
        assert "nghìn đồng" in finding.message

    def test_english_message(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd("345.244")}),
            (6, "1", "Dự án 9", {"plan.total": trd(345_244_000)}),
        ])  # fmt: skip
        [finding] = check(table, "UNIT_SUSPECT", lang="en")
        assert "1,000,000 times" in finding.message
        assert "typed in VND" in finding.message

    def test_ordinary_small_child(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(5100)}),
            (6, "1", "Dự án 4", {"plan.total": trd(5000)}),
            (7, "2", "Dự án 6", {"plan.total": trd(100)}),  # 50× smaller than its sibling
        ])  # fmt: skip
        assert check(table, "UNIT_SUSPECT") == []

    def test_consistent_table(self) -> None:
        assert check(disbursement_table(), "UNIT_SUSPECT") == []
        assert check(allocation_table(), "UNIT_SUSPECT") == []

    def test_beyond_any_plausible_size(self) -> None:
        # 60.000.000 trđ = 60.000 tỷ đồng: more than the whole programme on one line; read as
        # the commonest slip, a figure typed in đồng (60 trđ).
        table = make_table([(6, "1", "Dự án 4", {"plan.total": trd(60_000_000)})])
        [finding] = check(table, "UNIT_SUSPECT")
        assert (finding.row, finding.actual, finding.expected) == (6, trd(60_000_000), trd(60))

    def test_plausible_top_level_figure(self) -> None:
        table = make_table([(6, "1", "Dự án 4", {"plan.total": trd(40_000_000)})])
        assert check(table, "UNIT_SUSPECT") == []


# =========================================================================== UNKNOWN_PROJECT
class TestUnknownProject:
    def test_project_11(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(10)}),
            (6, "1", "Dự án 11: Hỗ trợ khác", {"plan.total": trd(10)}),
        ])  # fmt: skip
        [finding] = check(table, "UNKNOWN_PROJECT")
        assert (finding.rule, finding.severity) == ("UNKNOWN_PROJECT", Severity.error)
        assert (finding.row, finding.column, finding.cell) == (6, "name", "B6")
        assert finding.project is None
        assert (finding.expected, finding.actual, finding.difference) == (None, None, None)
        assert "DA11" in finding.message
        assert "QĐ 1719/QĐ-TTg" in finding.message

    def test_subproject_the_project_does_not_have(self) -> None:
        table = make_table([
            (6, "1", "Dự án 3", {"plan.total": trd(10)}),
            (7, "1.5", "Tiểu dự án 5", {"plan.total": trd(10)}),
        ])  # fmt: skip
        [finding] = check(table, "UNKNOWN_PROJECT")
        assert finding.row == 7
        assert "DA3.TDA5" in finding.message

    def test_consistent_table(self) -> None:
        assert check(disbursement_table(), "UNKNOWN_PROJECT") == []


# =========================================================================== NEGATIVE_AMOUNT
class TestNegativeAmount:
    def test_negative_figure(self) -> None:
        table = disbursement_table()
        line_at(table, 9).amounts["disbursed.sn"] = -trd(5)
        [finding] = check(table, "NEGATIVE_AMOUNT")
        assert (finding.rule, finding.severity) == ("NEGATIVE_AMOUNT", Severity.error)
        assert (finding.row, finding.column, finding.project) == (9, "disbursed.sn", "DA6")
        assert finding.cell == f"{letter(table, 'disbursed.sn')}9"
        assert (finding.expected, finding.actual, finding.difference) == (None, -trd(5), None)
        assert "-5,000 triệu đồng" in finding.message

    def test_consistent_table_with_zeros(self) -> None:
        assert check(disbursement_table(), "NEGATIVE_AMOUNT") == []


# =========================================================================== DUPLICATE_LINE
class TestDuplicateLine:
    def test_same_project_twice_under_the_total(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(300)}),
            (6, "1", "Dự án 4", {"plan.total": trd(100)}),
            (7, "2", "Dự án 5", {"plan.total": trd(100)}),
            (8, "3", "Dự án 4", {"plan.total": trd(100)}),
        ])  # fmt: skip
        found = check(table, "DUPLICATE_LINE")
        assert located(found) == {("DUPLICATE_LINE", 8, "name")}
        assert len(found) == 1
        assert found[0].severity == Severity.warning
        assert found[0].project == "DA4"
        assert "dòng 6" in found[0].message

    def test_two_digit_project_reported_once(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(200)}),
            (6, "1", "Dự án 10", {"plan.total": trd(100)}),
            (7, "2", "Dự án 10", {"plan.total": trd(100)}),
        ])  # fmt: skip
        found = check(table, "DUPLICATE_LINE")
        assert [(f.row, f.column) for f in found] == [(7, "name")]

    def test_same_item_name_under_a_project(self) -> None:
        table = make_table([
            (6, "1", "Dự án 4", {"plan.total": trd(30)}),
            (7, "-", "Đường giao thông thôn Nà Làng", {"plan.total": trd(10)}),
            (8, "-", "Đường giao thông thôn Nà Làng", {"plan.total": trd(10)}),
            (9, "-", "Nhà văn hóa thôn Khuổi Khỉ", {"plan.total": trd(10)}),
        ])  # fmt: skip
        assert [f.row for f in check(table, "DUPLICATE_LINE")] == [8]

    def test_same_project_in_different_units(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(300)}),
            (6, "I", "Xã Vi Hương", {"plan.total": trd(100)}),
            (7, "1", "Dự án 1", {"plan.total": trd(100)}),
            (8, "II", "Xã Quân Hà", {"plan.total": trd(200)}),
            (9, "1", "Dự án 1", {"plan.total": trd(200)}),
        ])  # fmt: skip
        assert check(table, "DUPLICATE_LINE") == []

    def test_consistent_table(self) -> None:
        assert check(disbursement_table(), "DUPLICATE_LINE") == []
        assert check(allocation_table(), "DUPLICATE_LINE") == []


# =========================================================================== MISSING_VALUE
class TestMissingValue:
    def test_line_without_figures_among_siblings_with_them(self) -> None:
        table = disbursement_table()
        line = line_at(table, 9)
        line.amounts = dict.fromkeys(line.amounts)
        [finding] = check(table, "MISSING_VALUE")
        assert (finding.rule, finding.severity) == ("MISSING_VALUE", Severity.warning)
        assert (finding.row, finding.column, finding.cell, finding.project) == (
            9, "name", "B9", "DA6"
        )  # fmt: skip
        assert "Dự án 6" in finding.message

    def test_consistent_table(self) -> None:
        assert check(disbursement_table(), "MISSING_VALUE") == []
        assert check(allocation_table(), "MISSING_VALUE") == []

    def test_not_when_no_sibling_has_figures(self) -> None:
        table = make_table([
            (6, "1", "Dự án 4", {"plan.total": None}),
            (7, "2", "Dự án 5", {"plan.total": None}),
        ])  # fmt: skip
        assert check(table, "MISSING_VALUE") == []

    def test_not_for_of_which_heading_or_blank_parent(self) -> None:
        table = make_table([
            (5, "", "TỔNG CỘNG", {"plan.total": trd(100)}),
            (6, "", "Trong đó:"),
            (7, "1", "Dự án 3", {"plan.total": None}),
            (8, "1.1", "Tiểu dự án 1", {"plan.total": trd(100)}),
            (9, "2", "Dự án 4", {"plan.total": trd(0)}),
        ])  # fmt: skip
        assert check(table, "MISSING_VALUE") == []


# =========================================================================== read-time rules
def _ctx(table: Table, lang: str = "vi") -> RuleContext:
    return RuleContext(table, 1_000, lang)


class TestNumberFormat:
    @pytest.mark.parametrize(
        ("text", "amount", "vi_words", "en_words"),
        [
            ("7,383.915", 7_383_915_000, ("số viết kiểu tiếng Anh", "đã đọc là 7.383,915"),
             ("English-style number", "read as 7,383.915")),
            ("46.929,385,459", 46_929_385_459, ("số sai định dạng", "đã đọc là 46.929,385459"),
             ("malformed number", "read as 46,929.385459")),
            ("chưa có", None, ("không phải là số", "ô trống"), ("not a number", "blank")),
        ],
    )  # fmt: skip
    def test_number_stored_as_text(
        self, text: str, amount: int | None, vi_words: tuple[str, ...], en_words: tuple[str, ...]
    ) -> None:
        table = make_table([(12, "", "Tổng cộng", {"plan.sn": 0})])
        read = parse_number(text)
        for lang, phrases in (("vi", vi_words), ("en", en_words)):
            finding = number_format(_ctx(table, lang), line_at(table, 12), "plan.sn", read)
            assert (finding.rule, finding.severity) == ("NUMBER_FORMAT", Severity.warning)
            assert (finding.row, finding.column, finding.cell) == (12, "plan.sn", "C12")
            assert (finding.expected, finding.actual) == (None, amount)
            assert f"«{text}»" in finding.message
            assert "C12" in finding.message
            for phrase in phrases:
                assert phrase in finding.message

    def test_unit_of_the_table_applies(self) -> None:
        table = make_table([(12, "", "Tổng cộng", {"plan.sn": 0})], unit=Unit.nghin_dong)
        finding = number_format(_ctx(table), line_at(table, 12), "plan.sn", parse_number("5013.06"))
        assert finding.actual == 5_013_060


class TestUnitAssumed:
    def test_unit_assumed(self) -> None:
        table = make_table([(6, "1", "Dự án 1", {"plan.total": trd(1)})], unit_assumed=True)
        finding = unit_assumed(_ctx(table))
        assert (finding.rule, finding.severity) == ("UNIT_ASSUMED", Severity.info)
        assert (finding.sheet, finding.row, finding.cell, finding.column) == (
            SHEET, None, None, None
        )  # fmt: skip
        assert finding.message == (
            f"Không thấy dòng đơn vị tính trên trang «{SHEET}»; coi số liệu tính bằng triệu đồng."
        )
        assert "million VND" in unit_assumed(_ctx(table, "en")).message


class TestSheetSkipped:
    def test_sheet_skipped(self) -> None:
        finding = sheet_skipped("Thuyết minh", "vi")
        assert (finding.rule, finding.severity) == ("SHEET_SKIPPED", Severity.info)
        assert (finding.sheet, finding.row, finding.cell) == ("Thuyết minh", None, None)
        assert finding.message == (
            "Trang tính «Thuyết minh» không có bảng số liệu nhận dạng được; đã bỏ qua."
        )
        assert sheet_skipped("Thuyết minh", "en").message == (
            "Sheet «Thuyết minh» holds no recognisable table; skipped."
        )


# =========================================================================== languages
VIETNAMESE_MARKS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def test_messages_are_vietnamese_by_default_and_english_on_request() -> None:
    table = disbursement_table()
    line_at(table, 5).amounts["plan.sn"] = trd("3725")
    vi = run_all(table)
    en = run_all(table, lang="en")
    assert {f.rule for f in vi} == {f.rule for f in en} == {"SUM_MISMATCH", "TOTAL_MISMATCH"}
    for finding in vi:
        assert set(finding.message.lower()) & VIETNAMESE_MARKS, finding.message
    for finding in en:
        assert "triệu đồng" not in finding.message
        assert "million VND" in finding.message
    assert [f.rule for f in vi] == [f.rule for f in en]


# =========================================================================== derived figures
def blank_parents_table() -> Table:
    """Parents that leave plan, carried-over or disbursed money blank, over children that slip:
    each amount rule has to read a blank parent's figure from its children."""
    return make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": None, "disbursed.total": None},
         {"rate.total": (90.0, 2)}),
        (6, "1", "Dự án 4", {"plan.total": None, "carried_over.total": None,
                             "disbursed.total": trd(130)}, {"rate.total": (100.0, 0)}),
        (7, "1.1", "Tiểu dự án 1", {"plan.total": trd(100), "carried_over.total": trd(10),
                                    "disbursed.total": trd(125)}, {"rate.total": (113.64, 2)}),
        (8, "1.2", "Tiểu dự án 2", {"plan.total": trd(10), "disbursed.total": trd(5)}),
        (9, "2", "Dự án 6", {"plan.total": None, "carried_over.total": trd(5),
                             "disbursed.total": -trd(1)}),
        (10, "2.1", "Hỗ trợ sản xuất", {"plan.total": trd(40),
                                         "disbursed.total": trd(60_000_000)}),
        (11, "2.2", "Hỗ trợ đào tạo", {}),
    ])  # fmt: skip


def test_rules_find_the_same_with_blanks_derived_beforehand() -> None:
    """A table read from a sheet has its blank figures derived beforehand (`derive_blanks`); one
    built by hand has them summed when a rule asks. Both must give the same findings."""
    summed = blank_parents_table()
    derived = blank_parents_table()
    derive_blanks(derived.root, [f for f in AMOUNT_FIELDS if derived.has(f)])
    assert not summed.root.derived
    found = run_all(summed)
    assert run_all(derived) == found
    assert {(f.rule, f.row) for f in found} >= {
        ("OVER_DISBURSED", 6), ("OVER_DISBURSED", 7), ("RATE_MISMATCH", 5),
        ("RATE_MISMATCH", 6), ("NEGATIVE_AMOUNT", 9), ("UNIT_SUSPECT", 10),
        ("MISSING_VALUE", 11),
    }  # fmt: skip
