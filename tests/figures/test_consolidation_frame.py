"""Consolidation on columns at its edges: sums beyond int64, fractions, signs, every rate exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.figures.test_consolidate import entry, reference, report

from mtqg_cli.figures.consolidation import consolidate
from mtqg_cli.model.report import FileReport, SummaryEntry, Triple

HUGE = 2**63  # beyond int64


def test_sums_beyond_int64_stay_exact_and_so_do_their_rates() -> None:
    files = [report(f"{n}.xlsx", entry("DA1", HUGE - 1, HUGE // 3)) for n in range(3)]
    files.append(report("big.xlsx", entry("DA1", 10**30 + 7, 1)))
    result = consolidate(files)
    line = result.lines[0]
    assert line.plan.total == 3 * (HUGE - 1) + 10**30 + 7
    assert line.disbursed.total == 3 * (HUGE // 3) + 1
    assert [u.plan for u in line.units] == [HUGE - 1] * 3 + [10**30 + 7]
    assert [u.rate for u in line.units] == [33.33] * 3 + [0.0]
    assert result.files[3].plan == 10**30 + 7


def test_a_column_of_small_figures_beside_a_huge_one_keeps_both_exact() -> None:
    files = [
        report("a.xlsx", entry("DA1", 3, 1, unallocated=HUGE)),
        report("b.xlsx", entry("DA1", 5, 2, unallocated=HUGE)),
    ]
    line = consolidate(files).lines[0]
    assert (line.plan.total, line.disbursed.total, line.unallocated) == (8, 3, 2 * HUGE)
    assert line.rate.total == 37.5


def test_a_negative_rate_that_rounds_to_zero_is_zero_not_minus_zero() -> None:
    files = [report("a.xlsx", entry("DA1", 10**6, -1)), report("b.xlsx", entry("DA2", 10, 5))]
    line = consolidate(files).lines[0]
    assert [repr(u.rate) for u in line.units] == ["0.0"]
    assert repr(line.rate.total) == "0.0"


def test_one_fractional_line_keeps_its_rate_as_read_two_are_cut_to_dong() -> None:
    files = [
        report("a.xlsx", entry("DA1", 3.9, 1.9)),
        report("b.xlsx", entry("DA1", 3.9, 1.9), entry("DA1", 0, 0.5)),
    ]
    units = consolidate(files).lines[0].units
    assert [(u.plan, u.disbursed, u.rate) for u in units] == [
        (3, 1, round(1.9 * 100 / 3.9, 2)),
        (3, 1, 33.33),
    ]


WIDE = st.one_of(
    st.none(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.integers(min_value=-100, max_value=100),
    st.floats(min_value=-1e20, max_value=1e20, allow_nan=False),
)


@st.composite
def wide_files(draw: st.DrawFn) -> FileReport:
    triples = st.builds(Triple, dtpt=WIDE, sn=WIDE, total=WIDE)
    entries = st.builds(
        SummaryEntry,
        project=st.sampled_from(["DA1", "DA1.ND1", "DA2", "TOTAL", "X1"]),
        name=st.just("dự án"),
        unit=st.sampled_from([None, "Xã A", "Xã B"]),
        plan=triples,
        carried_over=triples,
        disbursed=triples,
        unallocated=st.one_of(st.none(), st.integers(min_value=0, max_value=2**66)),
    )
    return FileReport(
        path=draw(st.sampled_from(["a.xlsx", "b.xlsx", "c.xlsx"])),
        status=draw(st.sampled_from(["ok", "findings"])),
        summary=draw(st.lists(entries, max_size=6)),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(wide_files(), max_size=5))
def test_wide_figures_match_the_plain_computation(files: list[FileReport]) -> None:
    """Figures up to 2**70 and 1e20, ints and floats: the same values of the same types."""
    assert repr(consolidate(files).model_dump()) == repr(reference(files, False))
