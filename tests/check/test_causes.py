"""Causes of a mismatch on small tables: the one correction that closes the gap, named with its
cell and figure, and no hint where two explanations tie or none fits; and the known-causes
fixture, every mismatch of which names its cause."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

from tests.cause_checks import D, P, S, explained, hint_of, only, spec
from tests.helpers import trd

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.cause_digits import transpositions
from mtqg_cli.form.options import Options
from mtqg_cli.model.vocabulary import Unit


class TestDigits:
    def test_swaps_adjacent_digits_as_the_sheet_shows_them(self) -> None:
        swapped = transpositions(trd("12704.962"), Unit.trieu_dong)
        assert trd("12740.962") in swapped and trd("21704.962") in swapped
        assert trd("12704.692") in swapped
        assert all(v % 1_000 == 0 for v in swapped)  # digits of 12.704,962, not of đồng

    def test_no_leading_zero_and_no_swap_of_equal_digits(self) -> None:
        # 10,500: 01,500 would start with a zero; 0 and 0 are no swap
        assert transpositions(trd("10.5"), Unit.trieu_dong) == [trd(15), trd("10.05")]
        assert transpositions(trd("111"), Unit.trieu_dong) == [trd("110.1")]

    def test_a_negative_figure_keeps_its_sign(self) -> None:
        assert transpositions(-trd("1.2"), Unit.trieu_dong) == [-trd("2.1"), -trd("1.02")]

    def test_figures_finer_than_the_unit_are_swapped_in_dong(self) -> None:
        assert transpositions(12, Unit.trieu_dong) == [21]


class TestTransposedDigits:
    def test_a_child_figure_whose_digits_swapped_is_named(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("16161.751")}),
            (6, "1", "Dự án 1", {P: trd("3456.789")}),
            (7, "2", "Dự án 3", {P: trd("12740.962")}),
        ])  # fmt: skip
        hint = hint_of(found, "SUM_MISMATCH", 5)
        assert spec(hint) == ("transposed_digits", [7], ["C7"], trd("12704.962"))
        assert hint is not None
        assert hint.message == "Có lẽ hai chữ số của C7 bị đảo: 12.740,962 → 12.704,962"

    def test_in_english(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("16161.751")}),
            (6, "1", "Dự án 1", {P: trd("3456.789")}),
            (7, "2", "Dự án 3", {P: trd("12740.962")}),
        ], lang="en")  # fmt: skip
        hint = hint_of(found, "SUM_MISMATCH", 5)
        assert hint is not None
        assert hint.message == "Two digits of C7 were probably swapped: 12,740.962 → 12,704.962"

    def test_the_parent_own_figure_when_it_and_a_child_tie(self) -> None:
        """A single child: swapping the parent's digits or the child's both close the gap; the
        sum is the figure typed from the other, so it is named (as in the seeds)."""
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("12704.962")}),
            (6, "1", "Dự án 3", {P: trd("12740.962")}),
        ])  # fmt: skip
        hint = hint_of(found, "SUM_MISMATCH", 5)
        assert spec(hint) == ("transposed_digits", [5], ["C5"], trd("12740.962"))

    def test_the_row_check_it_repairs_picks_the_child(self) -> None:
        """The child's SN has its digits swapped and its total was typed right: correcting the
        child repairs two checks, correcting the parent one."""
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(1540), D: trd(1000), S: trd(540)}),
            (6, "1", "Dự án 4", {P: trd(1540), D: trd(1000), S: trd(450)}),
        ])  # fmt: skip
        for rule, row, column in (("SUM_MISMATCH", 5, S), ("TOTAL_MISMATCH", 6, P)):
            hint = hint_of(found, rule, row, column)
            assert spec(hint) == ("transposed_digits", [6], ["E6"], trd(540)), (rule, row)
        root = only(found, "TOTAL_MISMATCH", 6)
        assert only(found, "SUM_MISMATCH", 5, S).caused_by == root.id
        assert root.caused_by is None

    def test_two_children_equally_transposed_give_no_hint(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(55)}),
            (6, "1", "Dự án 1", {P: trd(12)}),
            (7, "2", "Dự án 3", {P: trd(34)}),
        ])  # fmt: skip
        # 12 → 21 and 34 → 43 both close the gap of 9; nothing tells which
        assert only(found, "SUM_MISMATCH", 5).hint is None

    def test_no_hint_where_nothing_fits(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("300.007")}),
            (6, "1", "Dự án 1", {P: trd(100)}),
            (7, "2", "Dự án 3", {P: trd(200)}),
        ])  # fmt: skip
        assert only(found, "SUM_MISMATCH", 5).hint is None


class TestParentSums:
    def test_a_parent_typed_without_its_last_child(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("300.5")}),
            (6, "1", "Dự án 1", {P: trd(100)}),
            (7, "2", "Dự án 3", {P: trd("200.5")}),
            (8, "3", "Dự án 4", {P: trd("47.25")}),
        ])  # fmt: skip
        hint = hint_of(found, "SUM_MISMATCH", 5)
        assert spec(hint) == ("omitted_line", [8], ["C5"], trd("347.75"))
        assert hint is not None
        assert hint.message == (
            "Có lẽ C5 được cộng thiếu dòng 8 (Dự án 4: 47,250); đúng ra là 347,750"
        )

    def test_a_child_counted_twice(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("347.75") + trd("200.5")}),
            (6, "1", "Dự án 1", {P: trd(100)}),
            (7, "2", "Dự án 3", {P: trd("200.5")}),
            (8, "3", "Dự án 4", {P: trd("47.25")}),
        ])  # fmt: skip
        hint = hint_of(found, "SUM_MISMATCH", 5)
        assert spec(hint) == ("double_counted", [7], ["C5"], trd("347.75"))

    def test_two_children_of_the_same_figure_left_out_tie(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(150)}),
            (6, "1", "Dự án 1", {P: trd(100)}),
            (7, "2", "Dự án 3", {P: trd(50)}),
            (8, "3", "Dự án 4", {P: trd(50)}),
        ])  # fmt: skip
        assert only(found, "SUM_MISMATCH", 5).hint is None


class TestUnitSlip:
    ROWS: ClassVar[list[tuple]] = [
        (5, "", "TỔNG CỘNG", {P: trd("645.488")}),
        (6, "1", "Dự án 1", {P: trd(300)}),
        (7, "2", "Dự án 9", {P: trd("345.488") * 1_000_000}),  # 345.488.000 typed in đồng
    ]

    def test_the_unit_suspect_names_its_figure_in_the_right_unit(self) -> None:
        found = explained(self.ROWS)
        suspect = only(found, "UNIT_SUSPECT", 7)
        assert spec(suspect.hint) == ("unit_slip", [7], ["C7"], trd("345.488"))
        assert suspect.hint is not None
        assert suspect.hint.message == (
            "Có lẽ C7 được nhập theo đồng (lớn gấp 1.000.000 lần): 345.488.000,000 → 345,488"
        )

    def test_the_parent_mismatch_is_caused_by_the_unit_suspect(self) -> None:
        found = explained(self.ROWS)
        suspect, parent = only(found, "UNIT_SUSPECT", 7), only(found, "SUM_MISMATCH", 5)
        assert spec(parent.hint) == ("unit_slip", [7], ["C7"], trd("345.488"))
        assert parent.caused_by == suspect.id and suspect.caused_by is None

    def test_typed_in_thousands(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("645.488")}),
            (6, "1", "Dự án 1", {P: trd(300)}),
            (7, "2", "Dự án 9", {P: trd("345.488") * 1_000}),
        ], lang="en")  # fmt: skip
        hint = hint_of(found, "SUM_MISMATCH", 5)
        assert spec(hint) == ("unit_slip", [7], ["C7"], trd("345.488"))
        assert hint is not None and "thousand VND (1,000 times too large)" in hint.message


class TestSignFlip:
    def test_a_child_typed_negative(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("312.5")}),
            (6, "1", "Dự án 1", {P: trd(300)}),
            (7, "2", "Dự án 3", {P: -trd("12.5")}),
        ])  # fmt: skip
        hint = hint_of(found, "SUM_MISMATCH", 5)
        assert spec(hint) == ("sign_flip", [7], ["C7"], trd("12.5"))
        assert hint is not None and hint.message == "Có lẽ C7 bị nhập sai dấu: -12,500 → 12,500"

    def test_a_parent_that_took_a_child_away(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("287.5")}),
            (6, "1", "Dự án 1", {P: trd(300)}),
            (7, "2", "Dự án 3", {P: trd("12.5")}),
        ])  # fmt: skip
        hint = hint_of(found, "SUM_MISMATCH", 5)
        assert spec(hint) == ("sign_flip", [7], ["C5"], trd("312.5"))
        assert hint is not None and "đã trừ dòng 7" in hint.message


class TestTotalMismatch:
    def test_the_total_whose_digits_swapped(self) -> None:
        """The offset fixture's case: 205 for 0 + 250, and the column sums confirm neither."""
        found = explained([
            (5, "1", "Dự án 6", {P: trd(205), D: 0, S: trd(250)}),
        ])  # fmt: skip
        hint = hint_of(found, "TOTAL_MISMATCH", 5)
        assert spec(hint) == ("transposed_digits", [5], ["C5"], trd(250))

    def test_a_part_its_children_confirm_is_not_blamed(self) -> None:
        found = explained([
            (5, "1", "Dự án 4", {P: trd(1540), D: trd(1000), S: trd(450)}),
            (6, "1.1", "Tiểu dự án 1", {P: trd(1000), D: trd(1000), S: 0}),
            (7, "1.2", "Tiểu dự án 2", {P: trd(450), D: 0, S: trd(450)}),
        ])  # fmt: skip
        # SN 450 → 540 would close the row, but SN adds up: the total 1.540 is at fault
        hint = hint_of(found, "TOTAL_MISMATCH", 5)
        assert spec(hint) == ("transposed_digits", [5], ["C5"], trd(1450))

    def test_a_total_that_is_the_neighbour_row(self) -> None:
        found = explained([
            (5, "1", "Dự án 1", {P: trd(130), D: trd(100), S: trd(30)}),
            (6, "2", "Dự án 3", {P: trd(130), D: trd(70), S: trd("21.5")}),
            (7, "3", "Dự án 4", {P: trd(80), D: trd(50), S: trd(30)}),
        ])  # fmt: skip
        hint = hint_of(found, "TOTAL_MISMATCH", 6)
        assert spec(hint) == ("neighbour_row", [5], ["C6"], trd("91.5"))
        assert hint is not None and "dòng 5" in hint.message

    def test_no_hint_when_nothing_closes_the_row(self) -> None:
        found = explained([(5, "1", "Dự án 1", {P: trd(130), D: trd(100), S: trd("31.7")})])
        assert only(found, "TOTAL_MISMATCH", 5).hint is None


# --------------------------------------------------------------------------- the fixture
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_every_mismatch_of_the_known_causes_form_names_its_cause() -> None:
    """A transposition, a parent without its last line, a line counted twice, a figure typed in
    đồng: every SUM_MISMATCH has the hint its plant calls for, and the mismatches above the
    slip point at its UNIT_SUSPECT (see tests/build_cause_workbooks.py)."""
    path = FIXTURES / "known-causes.xlsx"
    golden = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    findings = reconcile_file(path, Options()).findings
    for cause in golden["causes"]:
        found = only(findings, cause["rule"], cause["row"], cause["column"])
        hint = cause["hint"]
        want = (
            None if hint is None else (hint["kind"], hint["rows"], hint["cells"], hint["suggested"])
        )
        assert spec(found.hint) == want, cause
        root = cause["caused_by"]
        if root is None:
            assert found.caused_by is None, cause
        else:
            assert found.caused_by == only(findings, root["rule"], root["row"], root["column"]).id
    mismatches = {(f.row, f.column) for f in findings if f.rule == "SUM_MISMATCH"}
    named = {(c["row"], c["column"]) for c in golden["causes"] if c["rule"] == "SUM_MISMATCH"}
    assert mismatches == named
    assert all(f.hint is not None for f in findings if f.rule == "SUM_MISMATCH")
