"""Causes on whole generated workbooks: random trees and figures, one clerk's mistake planted
(tests/cause_forms.py); the hint names its kind, line, cell and figure, and none is given where
nothing fits or two lines tie."""

from __future__ import annotations

import random

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.cause_checks import P, S, assert_named, only, reconciled, spec
from tests.cause_forms import (
    cell,
    generate,
    plant_neighbour_total,
    plant_parent_sum,
    plant_sign,
    plant_tie,
    plant_total_transposition,
    plant_transposition,
    plant_unexplained,
    plant_unit_slip,
)

SEEDS = st.integers(min_value=0, max_value=2**32)
WORKBOOKS = settings(max_examples=12, deadline=None)


class TestWorkbooks:
    @WORKBOOKS
    @given(SEEDS)
    def test_a_transposed_leaf(self, seed: int) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        expected = plant_transposition(form, rng)
        assume(expected is not None)
        assert expected is not None
        assert_named(reconciled(form), expected)

    @WORKBOOKS
    @given(SEEDS, st.sampled_from(["omitted_line", "double_counted"]))
    def test_a_parent_sum_that_missed_or_doubled_a_line(self, seed: int, kind: str) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        planted = plant_parent_sum(form, rng, kind)
        findings = reconciled(form)
        for expected in planted:
            assert_named(findings, expected)

    @WORKBOOKS
    @given(SEEDS)
    def test_a_figure_typed_in_dong(self, seed: int) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        node = plant_unit_slip(form, rng)
        findings = reconciled(form)
        true = node.figures["plan.sn"]
        suspect = only(findings, "UNIT_SUSPECT", node.row, "plan.sn")
        slip = ("unit_slip", [node.row], [cell(node, "plan.sn")], true)
        assert spec(suspect.hint) == slip and suspect.caused_by is None
        assert node.parent is not None
        parent = only(findings, "SUM_MISMATCH", node.parent.row, "plan.sn")
        assert spec(parent.hint) == slip and parent.caused_by == suspect.id

    @WORKBOOKS
    @given(SEEDS)
    def test_a_minus_sign(self, seed: int) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        expected = plant_sign(form, rng)
        assert_named(reconciled(form), expected)

    @WORKBOOKS
    @given(SEEDS)
    def test_a_clean_form_has_no_hint(self, seed: int) -> None:
        assert reconciled(generate(random.Random(seed))) == []


class TestWorkbookTotals:
    @WORKBOOKS
    @given(SEEDS)
    def test_a_row_total_whose_digits_swapped(self, seed: int) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        expected = plant_total_transposition(form, rng)
        assume(expected is not None)
        assert expected is not None
        findings = reconciled(form)
        root = assert_named(findings, expected)
        node = next(n for n in form.nodes() if n.row == expected.row)
        assert node.parent is not None
        above = only(findings, "SUM_MISMATCH", node.parent.row, P)
        assert above.caused_by == root.id and above.hint == root.hint

    @WORKBOOKS
    @given(SEEDS)
    def test_a_row_total_copied_from_the_row_above(self, seed: int) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        expected = plant_neighbour_total(form, rng)
        assume(expected is not None)
        assert expected is not None
        assert_named(reconciled(form), expected)


class TestWorkbookNoHint:
    @WORKBOOKS
    @given(SEEDS)
    def test_no_hint_where_nothing_fits(self, seed: int) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        parent, name = plant_unexplained(form, rng)
        found = only(reconciled(form), "SUM_MISMATCH", parent.row, name)
        assert found.hint is None and found.caused_by is None

    @WORKBOOKS
    @given(SEEDS)
    def test_no_hint_where_two_lines_tie(self, seed: int) -> None:
        rng = random.Random(seed)
        form = generate(rng)
        parent = plant_tie(form, rng)
        assume(parent is not None)
        assert parent is not None
        assert only(reconciled(form), "SUM_MISMATCH", parent.row, S).hint is None
