"""Fast paths of lines, tree, summary and rules give what the plain ways of working them out do.

Each test states the plain way (as the code read before it was made faster) and checks the fast
one against it on random tables: one pass over the stated rates, the summary's entries built
without a model per group, codes remembered from form to form, breakdowns marked in sheet order,
the rows in doubt found in one pass.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import make_table
from mtqg_cli.check.rules import RuleContext
from mtqg_cli.check.rules.lines import rate_base, rate_mismatch
from mtqg_cli.figures.summary import _reason, summarise
from mtqg_cli.form.capital_rows import SPLIT_STYLES, capital_type
from mtqg_cli.form.catalog import Catalog, load_catalog
from mtqg_cli.form.hierarchy import _mark_breakdowns, build_tree, walk
from mtqg_cli.form.line_codes import assign_codes, name_body
from mtqg_cli.form.line_figures import effective, plan_base
from mtqg_cli.form.stt_marks import RANK_NONE, is_total_name, kind_and_rank, stt_style
from mtqg_cli.form.tree_doubts import UNIT_NAME, find_total, rows_in_doubt
from mtqg_cli.model.rates import percent
from mtqg_cli.model.report import SummaryEntry, Triple
from mtqg_cli.model.sheet import Line, StatedRate, Table
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, KINDS, assemble

FIGURE = st.one_of(st.none(), st.integers(0, 10**12))
RATE = st.one_of(
    st.none(),
    st.builds(
        StatedRate, st.floats(0, 200, allow_nan=False).map(lambda v: round(v, 2)), st.integers(0, 3)
    ),
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A total and a few projects with random plans, carried-over money, disbursements and
    stated rates (some blank, some right to the shown decimals: of plan plus carried-over money,
    or of the plan alone)."""
    rows = []
    for index in range(draw(st.integers(1, 8))):
        amounts, rates = {}, {}
        for kind in KINDS:
            for group in ("plan", "carried_over", "disbursed"):
                amounts[f"{group}.{kind}"] = draw(FIGURE)
            rates[f"rate.{kind}"] = draw(RATE)
            base = plan_base_of(amounts, kind) if draw(st.booleans()) else amounts[f"plan.{kind}"]
            spent = amounts[f"disbursed.{kind}"]
            if base and spent is not None and draw(st.booleans()):
                rates[f"rate.{kind}"] = StatedRate(round(spent * 100 / base, 2), 2)
        rows.append((6 + index, str(index + 1), f"Dự án {index + 1}", amounts, rates))
    return make_table([(5, "", "TỔNG CỘNG", {}), *rows])


def plan_base_of(amounts: dict[str, int | None], kind: str) -> int | None:
    plan = amounts[f"plan.{kind}"]
    return None if plan is None else plan + (amounts[f"carried_over.{kind}"] or 0)


def plain_rate_findings(ctx: RuleContext) -> tuple[bool, list[tuple[int, str, float, float]]]:
    """RATE_MISMATCH the plain way: every check listed, the base chosen over the list, then each
    check computed again with that base."""
    checks = []
    for line in ctx.lines():
        for kind in KINDS:
            stated = line.rates.get(f"rate.{kind}")
            disbursed = effective(line, f"disbursed.{kind}")
            if stated is None or disbursed is None:
                continue
            bases = (plan_base(line, kind), plan_base(line, kind, carried=False))
            checks.append((line, f"rate.{kind}", stated, disbursed, *bases))

    def wrong(stated: StatedRate, computed: float) -> bool:
        gap = max(0.5 * 10**-stated.decimals, ctx.rate_tolerance) + 1e-9
        return abs(stated.percent - computed) > gap

    agree = [0, 0]
    for _, _, stated, disbursed, with_carried, plan in checks:
        if with_carried != plan:
            for index, base in enumerate((with_carried, plan)):
                agree[index] += bool(base) and not wrong(stated, disbursed * 100 / base)
    plan_only = agree[1] > agree[0]
    found = []
    for line, name, stated, disbursed, with_carried, plan in checks:
        base = plan if plan_only else with_carried
        if base and wrong(stated, computed := disbursed * 100 / base):
            found.append((line.row, name, round(computed, 2), stated.percent))
    return plan_only, found


@settings(max_examples=300, deadline=None)
@given(tables(), st.sampled_from([0.0, 0.5]))
def test_rates_checked_in_one_pass_as_in_two(table: Table, rate_tolerance: float) -> None:
    ctx = RuleContext(table, rate_tolerance=rate_tolerance)
    found = [(f.row, f.column, f.expected, f.actual) for f in rate_mismatch(ctx)]
    assert (rate_base(ctx).plan_only, found) == plain_rate_findings(ctx)


def figures(line: Line) -> dict[str, int | None]:
    """Every amount field of one line, the plain way: as stated, or what its children add up to."""
    return {name: effective(line, name) for name in AMOUNT_FIELDS}


def plain_entry(sheet: str, line: Line, project: str, unit: str | None) -> SummaryEntry:
    """A summary entry the plain way: each group from the merged figures, a missing total made
    of ĐTPT + SN, each rate of disbursed over plan plus carried-over money, a model each."""
    values = figures(line)
    groups: dict[str, dict[str, int | None]] = {}
    for group in ("plan", "carried_over", "allocated", "disbursed", "unallocated"):
        total, dtpt, sn = (values[f"{group}.{k}"] for k in KINDS)
        if total is None and (dtpt is not None or sn is not None):
            total = (dtpt or 0) + (sn or 0)
        groups[group] = {"dtpt": dtpt, "sn": sn, "total": total}
    rates: dict[str, float | None] = {}
    for kind in KINDS:
        plan, spent = groups["plan"][kind], groups["disbursed"][kind]
        base = None if plan is None else plan + (groups["carried_over"][kind] or 0)
        rates[kind] = None if spent is None or not base else percent(spent, base)
    unallocated = groups.pop("unallocated")["total"]
    return assemble(SummaryEntry, {
        "project": project, "name": line.name or "Tổng cộng", "sheet": sheet,
        "row": line.row or None, "unit": unit,
        **{group: assemble(Triple, values) for group, values in groups.items()},
        "rate": assemble(Triple, rates), "unallocated": unallocated,
        "unallocated_reason": _reason(line) if unallocated else None,
    })  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(tables())
def test_summary_entries_are_the_plain_entries_to_the_byte(table: Table) -> None:
    entries = summarise(table)
    lines = [*(ln for ln in walk(table.root) if ln.code), table.root]
    for entry, line in zip(entries, lines, strict=True):
        plain = plain_entry(table.sheet, line, entry.project, line.section_unit)
        assert entry.model_dump_json() == plain.model_dump_json()
        assert SummaryEntry.model_validate(entry.model_dump()) == entry


@settings(max_examples=200, deadline=None)
@given(FIGURE, FIGURE, st.one_of(FIGURE, st.floats(allow_nan=False)))
def test_assembled_models_are_constructed_models(
    dtpt: int | None, sn: int | None, total: int | float | None
) -> None:
    """`assemble` sets a model's four slots as `model_construct` does, by their setters."""
    assembled = assemble(Triple, {"dtpt": dtpt, "sn": sn, "total": total})
    built = Triple.model_construct(dtpt=dtpt, sn=sn, total=total)
    assert assembled.__dict__ == built.__dict__
    assert assembled.__pydantic_fields_set__ == built.__pydantic_fields_set__
    assert (assembled.__pydantic_extra__, assembled.__pydantic_private__) == (None, None)
    assert (built.__pydantic_extra__, built.__pydantic_private__) == (None, None)
    assert assembled == built
    assert assembled.model_dump_json() == built.model_dump_json()


NAMES = [
    "Dự án 1: Giải quyết tình trạng thiếu đất ở",
    "Tiểu dự án 1: Hạ tầng thiết yếu",
    "Nội dung số 2",
    "Xây dựng nhà văn hóa thôn",
    "Hỗ trợ phát triển sản xuất cộng đồng",
    "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu",
]


def tree_of(rows: list[tuple[str, str]], catalog: Catalog) -> Line:
    lines = [Line(row=6 + i, stt=stt, name=name) for i, (stt, name) in enumerate(rows)]
    return build_tree([Line(row=5, stt="", name="TỔNG CỘNG"), *lines], catalog)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "1.1", "a", "-", "II", ""]),
                          st.sampled_from(NAMES)), min_size=1, max_size=8))  # fmt: skip
def test_codes_remembered_from_form_to_form_are_the_codes_found_afresh(
    rows: list[tuple[str, str]],
) -> None:
    catalog = load_catalog()
    remembered = tree_of(rows, catalog)  # the memo kept since earlier trees
    again = tree_of(rows, catalog)
    for line in walk(again):  # codes found again, with a memo of their own
        line.code, line.unknown_code = None, None
    assign_codes(again, catalog, memo={})
    assert [(ln.code, ln.unknown_code, ln.kind) for ln in walk(remembered)] == [
        (ln.code, ln.unknown_code, ln.kind) for ln in walk(again)
    ]


def test_another_catalog_is_not_answered_from_the_memo_of_the_first() -> None:
    rows = [("1", "Dự án 1: Giải quyết tình trạng thiếu đất ở")]
    assert [ln.code for ln in walk(tree_of(rows, load_catalog()))] == ["DA1"]
    empty = Catalog({})
    assert [ln.code for ln in walk(tree_of(rows, empty))] == [None]
    assert [ln.code for ln in walk(tree_of(rows, load_catalog()))] == ["DA1"]


def mark_plainly(line: Line) -> None:
    """Breakdowns marked the plain way: down the tree, a part's children are parts."""
    for child in line.children:
        if line.kind == "breakdown" and not line.has_figures:
            child.kind = "breakdown"
        mark_plainly(child)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10), st.booleans(), st.booleans()), max_size=12))
def test_breakdowns_marked_in_sheet_order_as_down_the_tree(
    rows: list[tuple[int, bool, bool]],
) -> None:
    def tree() -> tuple[Line, list[Line]]:
        """Lines in sheet order, each under the root or a line before it, some of them parts
        ("Trong đó"), some with figures."""
        root = Line(row=5, stt="", name="", kind="root")
        lines: list[Line] = []
        for index, (above, part, has) in enumerate(rows):
            parent = lines[above] if above < len(lines) else root
            line = Line(row=6 + index, stt="", name="", amounts={"plan.total": 5} if has else {},
                        kind="breakdown" if part else "item", parent=parent)  # fmt: skip
            parent.children.append(line)
            lines.append(line)
        return root, lines

    fast_root, fast_lines = tree()
    _mark_breakdowns([fast_root, *fast_lines])
    plain_root, _ = tree()
    mark_plainly(plain_root)
    assert [ln.kind for ln in walk(fast_root)] == [ln.kind for ln in walk(plain_root)]


def plain_rows_in_doubt(lines: list[Line]) -> tuple[set[int], set[int], set[int]]:
    """The rows in doubt the plain way: three passes, each asking the line's words afresh."""
    capital = {
        id(ln)
        for ln in lines
        if capital_type(ln.name) is not None and stt_style(ln.stt).style in SPLIT_STYLES
    }
    unmarked, previous = set(), None
    for line in lines:
        style = stt_style(line.stt)
        if (
            id(line) not in capital
            and line.name
            and kind_and_rank(line.name, style.style, style.rank) == (None, RANK_NONE)
            and not is_total_name(line.name)
            and (
                previous is None
                or not name_body(previous.name).startswith("trong do")
                or UNIT_NAME.match(name_body(line.name))
            )
        ):
            unmarked.add(id(line))
        previous = line
    total = find_total(lines)
    subtotals = {
        id(ln)
        for ln in lines
        if ln is not total
        and is_total_name(ln.name)
        and stt_style(ln.stt).style not in ("upper", "roman", "integer")
    }
    return capital, unmarked, subtotals


ROW_NAMES = [
    "TỔNG CỘNG", "Cộng", "Tổng số", "Trong đó:", "Trong đó: vốn ĐTPT", "- Vốn ĐTPT", "Vốn sự nghiệp",
    "VSN", "Xã Vi Hương", "UBND huyện Bạch Thông", "Dự án 1: Giải quyết tình trạng thiếu đất ở",
    "Tiểu dự án 2", "Nội dung số 1", "Hạng mục A", "Nhà văn hóa thôn", "", "Vốn đầu tư phát triển",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "1", "1.2", "a", "-", "+", "*", "A", "II", "L"]),
                          st.sampled_from(ROW_NAMES)), max_size=12))  # fmt: skip
@example([("", "Trong đó:"), ("", "Xã Vi Hương"), ("", "Trong đó:"), ("", "Nhà văn hóa thôn")])
def test_rows_in_doubt_found_in_one_pass_as_in_three(rows: list[tuple[str, str]]) -> None:
    lines = [Line(row=5 + i, stt=stt, name=name) for i, (stt, name) in enumerate(rows)]
    doubts = rows_in_doubt(lines)
    assert (set(doubts.capital), set(doubts.unmarked), set(doubts.subtotals)) == (
        plain_rows_in_doubt(lines)
    )
