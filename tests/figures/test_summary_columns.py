"""The summary worked out on the line frame's columns is, to the byte, the summary worked out line
by line: each group from the line's figures, a missing total ĐTPT + SN, `disbursement_rate` per
capital type (its half-even rounding, a rate of 0 never -0.0, figures beyond int64), and the
capital types of sections and of a table of one type."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import make_table, trd
from mtqg_cli.figures.summary import _reason, summarise
from mtqg_cli.form.hierarchy import walk
from mtqg_cli.form.line_figures import effective
from mtqg_cli.model.rates import disbursement_rate
from mtqg_cli.model.report import SummaryEntry, Triple
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import GROUPS, KINDS, MONEY_GROUPS, assemble

FIGURE = st.one_of(
    st.none(),
    st.integers(-(10**9), 10**12),
    st.sampled_from([0, -1, 1, 3, 7, 10**17, 10**18, -(10**18)]),
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A TOTAL, projects and their contents, every group per capital type, figures blank, zero,
    negative or as large as a sheet can state."""
    rows: list[tuple[int, str, str, dict[str, int | None]]] = [(5, "", "TỔNG CỘNG", {})]
    row = 6
    for project in range(draw(st.integers(1, 5))):
        rows.append((row, str(project + 1), f"Dự án {project + 1}", _amounts(draw)))
        row += 1
        for content in range(draw(st.integers(0, 3))):
            rows.append(
                (row, f"{content + 1}.{project + 1}", f"Nội dung {content + 1}", _amounts(draw))
            )
            row += 1
    return make_table(rows, fields=[f"{g}.{k}" for g in GROUPS for k in KINDS])


def _amounts(draw: st.DrawFn) -> dict[str, int | None]:
    fields = draw(
        st.lists(st.sampled_from([f"{g}.{k}" for g in GROUPS for k in KINDS]), max_size=10)
    )
    return {name: draw(FIGURE) for name in fields}


def plain_entry(sheet: str, line: Line, project: str, unit: str | None) -> SummaryEntry:
    """An entry the plain way, a line at a time."""
    groups: dict[str, dict[str, int | None]] = {}
    for group in GROUPS:
        total, dtpt, sn = (effective(line, f"{group}.{k}") for k in KINDS)
        if total is None and (dtpt is not None or sn is not None):
            total = (dtpt or 0) + (sn or 0)
        groups[group] = {"dtpt": dtpt, "sn": sn, "total": total}
    rates = {
        k: disbursement_rate(groups["disbursed"][k], groups["plan"][k], groups["carried_over"][k])
        for k in KINDS
    }
    unallocated = groups.pop("unallocated")["total"]
    return assemble(SummaryEntry, {
        "project": project, "name": line.name or "Tổng cộng", "sheet": sheet,
        "row": line.row or None, "unit": unit,
        **{g: assemble(Triple, groups[g]) for g in MONEY_GROUPS},
        "rate": assemble(Triple, rates), "unallocated": unallocated,
        "unallocated_reason": _reason(line) if unallocated else None,
    })  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(tables())
def test_summary_on_columns_is_the_summary_line_by_line(table: Table) -> None:
    lines = [*(line for line in walk(table.root) if line.code), table.root]
    entries = summarise(table)
    assert [e.project for e in entries] == [*(line.code for line in lines[:-1]), "TOTAL"]
    for entry, line in zip(entries, lines, strict=True):
        unit = line.section_unit if line is not table.root else None
        plain = plain_entry(table.sheet, line, entry.project, unit)
        assert entry.model_dump_json() == plain.model_dump_json()


def test_a_rate_of_nothing_spent_on_a_negative_base_is_zero_not_minus_zero() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": -trd(5), "disbursed.total": 0}),
        (6, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": -7, "disbursed.total": 2}),
    ])  # fmt: skip
    total, project = summarise(table)[::-1]
    assert total.rate.total == 0.0 and math.copysign(1, total.rate.total) == 1.0
    assert project.rate.total == disbursement_rate(2, -7, None) == -28.57
    assert '"rate":{"total":0.0,"dtpt":null,"sn":null}' in total.model_dump_json()


def test_rates_of_figures_beyond_int64_s_hundredfold_are_the_plain_ones() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": 3 * 10**17, "disbursed.total": 10**18}),
        (6, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": 3, "disbursed.total": 1}),
    ])  # fmt: skip
    project, total = summarise(table)
    assert total.rate.total == disbursement_rate(10**18, 3 * 10**17, None) == 333.33
    assert project.rate.total == 33.33


def test_sections_give_their_lines_a_capital_type_and_the_total_adds_them_up() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": None, "carried_over.total": None, "disbursed.total": None}),
        (6, "A", "Vốn đầu tư phát triển", {"plan.total": trd(300), "carried_over.total": trd(100), "disbursed.total": trd(200)}),
        (7, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": trd(300), "carried_over.total": trd(100), "disbursed.total": trd(200)}),
        (8, "B", "Vốn sự nghiệp", {"plan.total": None, "carried_over.total": trd(50), "disbursed.total": trd(25)}),
        (9, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": None, "carried_over.total": trd(50), "disbursed.total": trd(25)}),
    ])  # fmt: skip
    entries = summarise(table)
    investment, recurrent, total = (e for e in entries if e.project in ("DA1", "TOTAL"))
    assert investment.plan.model_dump() == {"dtpt": trd(300), "sn": None, "total": trd(300)}
    assert investment.rate.model_dump() == {"dtpt": 50.0, "sn": None, "total": 50.0}
    assert recurrent.carried_over.model_dump() == {"dtpt": None, "sn": trd(50), "total": trd(50)}
    assert recurrent.rate.model_dump() == {"dtpt": None, "sn": None, "total": None}
    assert total.plan.model_dump() == {"dtpt": trd(300), "sn": None, "total": trd(300)}
    assert total.disbursed.model_dump() == {"dtpt": trd(200), "sn": trd(25), "total": trd(225)}
    # the TOTAL's SN has no plan: its carried-over money is the base (25 of 50)
    assert total.rate.model_dump() == {"dtpt": 50.0, "sn": 50.0, "total": 50.0}


def test_a_table_of_one_capital_type_has_its_totals_as_that_type() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(100), "disbursed.total": trd(40)}),
        (6, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": trd(100), "disbursed.total": trd(40)}),
    ])  # fmt: skip
    table.capital = "sn"
    for entry in summarise(table):
        assert entry.plan.model_dump() == {"dtpt": None, "sn": trd(100), "total": trd(100)}
        assert entry.rate.model_dump() == {"dtpt": None, "sn": 40.0, "total": 40.0}
