"""Cascades: each finding another one explains points at the root (`caused_by`), on small
tables and on generated workbooks; ids stay valid and no link loops."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.cause_checks import explained, only, reconciled, spec
from tests.cause_forms import (
    FIELDS,
    cell,
    generate,
    plant_parent_sum,
    plant_sign,
    plant_transposition,
    plant_unit_slip,
)
from tests.helpers import rate, trd

from mtqg_cli.model.report import Finding

P, D, S = "plan.total", "plan.dtpt", "plan.sn"
SPENT, SPENT_SN = "disbursed.total", "disbursed.sn"
SEEDS = st.integers(min_value=0, max_value=2**32)


def assert_links_valid(findings: list[Finding]) -> None:
    """Ids unique; every caused_by names another finding of the file, and that one is a root."""
    ids = [f.id for f in findings]
    assert None not in ids and len(set(ids)) == len(ids)
    by_id = {f.id: f for f in findings}
    for finding in findings:
        if finding.caused_by is not None:
            assert finding.caused_by != finding.id
            assert by_id[finding.caused_by].caused_by is None, "caused_by names a root"


class TestSmallTables:
    def test_a_rate_wrong_only_because_its_plan_is(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(1000), SPENT: trd(250)}, {"rate.total": rate(25.0)}),
            (6, "1", "Dự án 1", {P: trd(400), SPENT: trd(100)}, {"rate.total": rate(25.0)}),
            (7, "2", "Dự án 3", {P: trd(600), SPENT: trd(150)}, {"rate.total": rate(25.0)}),
        ])  # fmt: skip
        # the total's plan 1.000 is right: no mismatch. Now the same with it typed 1.100:
        assert all(f.caused_by is None for f in found)
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(1100), SPENT: trd(250)}, {"rate.total": rate(25.0)}),
            (6, "1", "Dự án 1", {P: trd(400), SPENT: trd(100)}, {"rate.total": rate(25.0)}),
            (7, "2", "Dự án 3", {P: trd(600), SPENT: trd(150)}, {"rate.total": rate(25.0)}),
        ])  # fmt: skip
        mismatch, wrong_rate = (
            only(found, "SUM_MISMATCH", 5),
            only(found, "RATE_MISMATCH", 5, "rate.total"),
        )
        assert wrong_rate.caused_by == mismatch.id and mismatch.caused_by is None
        assert mismatch.hint is None  # 1.100 is no slip the arithmetic can name

    def test_a_rate_wrong_because_plan_and_disbursed_both_left_a_line_out(self) -> None:
        """Dự án 1 typed without its last line in plan and disbursed, its rate from the true
        figures: the rate is right once both corrections are made."""
        found = explained([
            (5, "1", "Dự án 1", {P: trd(520), SPENT: trd(150)}, {"rate.total": rate(29.03)}),
            (6, "1.1", "Nội dung số 02", {P: trd(400), SPENT: trd(150)}),
            (7, "1.2", "Nội dung số 04", {P: trd(120), SPENT: 0}),
            (8, "1.3", "Nội dung số 05", {P: trd(100), SPENT: trd(30)}),
        ])  # fmt: skip
        plan, spent = only(found, "SUM_MISMATCH", 5), only(found, "SUM_MISMATCH", 5, SPENT)
        assert spec(plan.hint) == ("omitted_line", [8], ["C5"], trd(620))
        assert spec(spent.hint) == ("omitted_line", [8], ["D5"], trd(180))
        assert only(found, "RATE_MISMATCH", 5, "rate.total").caused_by in {plan.id, spent.id}
        assert plan.caused_by is None and spent.caused_by is None

    def test_a_rate_that_is_wrong_on_its_own_stays_a_root(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(1100), SPENT: trd(250)}, {"rate.total": rate(30.0)}),
            (6, "1", "Dự án 1", {P: trd(400), SPENT: trd(100)}),
            (7, "2", "Dự án 3", {P: trd(600), SPENT: trd(150)}),
        ])  # fmt: skip
        assert only(found, "RATE_MISMATCH", 5, "rate.total").caused_by is None

    def test_over_disbursed_because_of_a_swapped_plan(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(1540), D: trd(1000), S: trd(540), SPENT_SN: trd(500)}),
            (6, "1", "Dự án 4", {P: trd(1540), D: trd(1000), S: trd(450), SPENT_SN: trd(500)}),
        ])  # fmt: skip
        root = only(found, "TOTAL_MISMATCH", 6)
        assert spec(root.hint) == ("transposed_digits", [6], ["E6"], trd(540))
        assert only(found, "OVER_DISBURSED", 6, SPENT_SN).caused_by == root.id
        assert only(found, "SUM_MISMATCH", 5, S).caused_by == root.id

    def test_a_total_row_that_repeats_a_child_mistake(self) -> None:
        """TỔNG CỘNG adds the typed total of Dự án 6 (205 for 250): its own row does not
        cross-foot, only because of the child."""
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(305), D: trd(50), S: trd(300)}),
            (6, "1", "Dự án 1", {P: trd(100), D: trd(50), S: trd(50)}),
            (7, "2", "Dự án 6", {P: trd(205), D: 0, S: trd(250)}),
        ])  # fmt: skip
        root = only(found, "TOTAL_MISMATCH", 7)
        assert spec(root.hint) == ("transposed_digits", [7], ["C7"], trd(250))
        total = only(found, "TOTAL_MISMATCH", 5)
        assert total.caused_by == root.id and spec(total.hint) == spec(root.hint)

    def test_a_grandparent_that_only_repeats_its_child_mismatch(self) -> None:
        """Dự án 1 typed 130 over lines of 100: TỔNG CỘNG, typed from the lines, disagrees
        with the typed 130 alone."""
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd(300)}),
            (6, "I", "Dự án 1", {P: trd(130)}),
            (7, "1", "Nội dung số 02", {P: trd(60)}),
            (8, "2", "Nội dung số 04", {P: trd(40)}),
            (9, "II", "Dự án 3", {P: trd(200)}),
        ])  # fmt: skip
        child, top = only(found, "SUM_MISMATCH", 6), only(found, "SUM_MISMATCH", 5)
        assert child.caused_by is None and top.caused_by == child.id
        assert_links_valid(found)

    def test_findings_nothing_explains_keep_no_link(self) -> None:
        found = explained([
            (5, "", "TỔNG CỘNG", {P: trd("300.007")}),
            (6, "1", "Dự án 1", {P: trd(100)}),
            (7, "2", "Dự án 3", {P: trd(200)}),
        ])  # fmt: skip
        assert [(f.rule, f.caused_by, f.hint) for f in found] == [("SUM_MISMATCH", None, None)]


WORKBOOKS = settings(max_examples=10, deadline=None)


class TestWorkbooks:
    @WORKBOOKS
    @given(SEEDS)
    def test_a_unit_slip_two_levels_down(self, seed: int) -> None:
        """A content line's SN typed in đồng, the sub-project and project above it adding it
        up as formulas do, TỔNG CỘNG typed right: both mismatches of TỔNG CỘNG, and every unit
        suspicion of the sums between, point at the line's UNIT_SUSPECT."""
        rng = random.Random(seed)
        form = generate(rng)
        node = plant_unit_slip(form, rng, formulas=True)
        findings = reconciled(form)
        assert_links_valid(findings)
        root = only(findings, "UNIT_SUSPECT", node.row, S)
        assert root.caused_by is None
        slip = ("unit_slip", [node.row], [cell(node, S)], node.figures[S])
        assert spec(root.hint) == slip
        top = form.total.row
        for column in (S, P):
            mismatch = only(findings, "SUM_MISMATCH", top, column)
            assert mismatch.caused_by == root.id, column
        line = node.parent
        while line is not None and line.parent is not None:
            for finding in findings:
                if finding.rule == "UNIT_SUSPECT" and finding.row == line.row:
                    assert finding.caused_by == root.id, (finding.cell, finding.hint)
            line = line.parent
        roots = {f.id for f in findings if f.caused_by is None and f.rule != "NEGATIVE_AMOUNT"}
        assert root.id in roots

    @WORKBOOKS
    @given(SEEDS)
    def test_a_parent_without_its_last_line_explains_the_line_above(self, seed: int) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        planted = plant_parent_sum(form, rng, "omitted_line")
        findings = reconciled(form)
        assert_links_valid(findings)
        for expected in planted:
            mismatch = only(findings, "SUM_MISMATCH", expected.row, expected.column)
            assert mismatch.caused_by is None
            parent = next(n for n in form.nodes() if n.row == expected.row).parent
            if parent is not None and parent.row:
                above = only(findings, "SUM_MISMATCH", parent.row, expected.column)
                assert above.caused_by == mismatch.id

    @WORKBOOKS
    @given(SEEDS, st.sampled_from(["transposition", "double", "sign", "slip"]))
    def test_links_are_valid_whatever_the_mistake(self, seed: int, mistake: str) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        if mistake == "transposition":
            plant_transposition(form, rng)
        elif mistake == "double":
            plant_parent_sum(form, rng, "double_counted")
        elif mistake == "sign":
            plant_sign(form, rng)
        else:
            plant_unit_slip(form, rng)
        findings = reconciled(form)
        assert_links_valid(findings)
        assert all(f.column in (*FIELDS, "rate.total", None) for f in findings)
