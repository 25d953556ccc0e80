"""Consolidation pinned on its awkward cases, and checked against a plain reference (hypothesis)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.figures.consolidation import consolidate
from mtqg_cli.form.catalog import load_catalog
from mtqg_cli.model.rates import percent
from mtqg_cli.model.report import FileReport, SummaryEntry, Triple

Amount = int | float | None
GROUPS = ("plan", "carried_over", "disbursed")
KINDS = ("dtpt", "sn", "total")


def entry(
    project: str,
    plan: Amount = None,
    disbursed: Amount = None,
    *,
    carried: Amount = None,
    unit: str | None = None,
    unallocated: int | None = None,
    name: str = "",
) -> SummaryEntry:
    """An entry whose figures are all in `total` but for the plan, also given as investment."""
    return SummaryEntry(
        project=project,
        name=name or project,
        unit=unit,
        plan=Triple(dtpt=plan, total=plan),
        carried_over=Triple(total=carried),
        disbursed=Triple(total=disbursed),
        unallocated=unallocated,
    )


Status = Literal["ok", "findings", "error"]


def report(
    path: str, *entries: SummaryEntry, status: Status = "ok", unit: str | None = None
) -> FileReport:
    return FileReport(path=path, status=status, reporting_unit=unit, summary=list(entries))


# --------------------------------------------------------------------------- awkward cases
def test_figures_all_missing_stay_missing_not_zero() -> None:
    files = [
        report("a.xlsx", entry("DA1"), entry("DA2", 100, None)),
        report("b.xlsx", entry("DA1"), entry("DA2", None, None)),
    ]
    lines = {ln.project: ln for ln in consolidate(files).lines}
    assert lines["DA1"].plan == Triple() and lines["DA1"].rate == Triple()
    assert lines["DA1"].unallocated is None
    assert [(u.plan, u.disbursed, u.rate) for u in lines["DA1"].units] == [(None, None, None)] * 2
    assert lines["DA2"].plan.total == 100 and lines["DA2"].disbursed.total is None
    assert lines["DA2"].plan.sn is None  # no unit gave an SN figure
    assert lines["TOTAL"].plan.total == 100


def test_zero_figures_add_up_to_zero_and_a_zero_base_has_no_rate() -> None:
    files = [report("a.xlsx", entry("DA1", 0, 0)), report("b.xlsx", entry("DA1", None, 5))]
    line = consolidate(files).lines[0]
    assert (line.plan.total, line.disbursed.total, line.rate.total) == (0, 5, None)
    assert [u.rate for u in line.units] == [None, None]


def test_a_unit_without_lines_is_counted_with_empty_figures() -> None:
    files = [report("a.xlsx", entry("DA1", 10, 5)), report("empty.xlsx", unit="Xã Trống")]
    result = consolidate(files)
    assert result.units_included == 2
    total = result.lines[-1]
    assert total.project == "TOTAL" and total.name == "Tổng cộng"
    assert [(u.unit, u.plan, u.rate) for u in total.units] == [
        ("a", 10, 50.0),
        ("Xã Trống", None, None),
    ]
    assert [u.unit for u in result.lines[0].units] == ["a"]  # absent from DA1, not a zero there


def test_total_adds_up_top_lines_and_falls_back_on_the_stated_total() -> None:
    with_lines = report("a.xlsx", entry("DA1", 10), entry("DA1.ND1", 4), entry("TOTAL", 999))
    stated_only = report("b.xlsx", entry("DA1.ND1", 7), entry("TOTAL", 50))
    total = consolidate([with_lines, stated_only]).lines[-1]
    assert [u.plan for u in total.units] == [10, 50]
    assert total.plan.total == 60


def test_same_unit_in_several_files_stays_several_units() -> None:
    files = [
        report("x/a.xlsx", entry("DA2", 10, 1), unit="Xã A"),
        report("y/a.xlsx", entry("DA2", 20, 2), unit="Xã A"),
    ]
    line = consolidate(files).lines[0]
    assert [(u.unit, u.path, u.plan) for u in line.units] == [
        ("Xã A", "x/a.xlsx", 10),
        ("Xã A", "y/a.xlsx", 20),
    ]
    assert line.plan.total == 30


def test_sections_of_a_sheet_are_units_and_repeated_lines_add_up() -> None:
    sheet = report(
        "huyen.xlsx",
        entry("TOTAL", 1000),  # the sheet's own total line, in no section: left out
        entry("DA1", 10, 4, carried=10, unit="Xã A"),
        entry("DA1", 30, 6, carried=None, unit="Xã A"),  # a second DA1 line in the same section
        entry("DA1", 5, None, unit="Xã B"),
        entry("DA1", 1, 1, unit="Xã A"),  # the section comes back further down
    )
    result = consolidate([sheet])
    assert result.units_included == 2
    line = result.lines[0]
    assert [(u.unit, u.plan, u.disbursed, u.rate) for u in line.units] == [
        ("Xã A", 41, 11, round(11 * 100 / 51, 2)),
        ("Xã B", 5, None, None),
    ]
    assert (line.plan.total, line.carried_over.total, line.disbursed.total) == (46, 10, 11)
    assert line.rate.total == round(11 * 100 / 56, 2)
    assert line.rate.dtpt is None  # investment figures planned, none disbursed


def test_error_files_are_always_left_out_and_files_with_findings_when_asked() -> None:
    files = [
        report("ok.xlsx", entry("DA1", 10, 5)),
        report("findings.xlsx", entry("DA1", 20, 5), status="findings"),
        report("broken.xlsx", entry("DA1", 40, 5), status="error"),
    ]
    kept = consolidate(files)
    assert (kept.units_included, kept.excluded) == (2, ["broken.xlsx"])
    assert kept.lines[0].plan.total == 30
    assert [u.status for u in kept.lines[0].units] == ["ok", "findings"]
    strict = consolidate(files, exclude_errors=True)
    assert (strict.units_included, strict.excluded) == (1, ["broken.xlsx", "findings.xlsx"])
    assert strict.lines[0].plan.total == 10


def test_nothing_kept_gives_no_lines() -> None:
    files = [report("broken.xlsx", status="error")]
    assert consolidate(files).model_dump() == {
        "units_included": 0,
        "excluded": ["broken.xlsx"],
        "lines": [],
        "left_out": [],
        "corrections": [],
        "files": [],
    }


def test_a_single_line_keeps_its_figures_as_read_several_add_up_in_dong() -> None:
    """Fractions of a đồng: one line per unit is read as it is (the rate from the raw figures),
    several are each cut to whole đồng before they are added up."""
    files = [
        report("a.xlsx", entry("DA1", 10.9, 5.5)),
        report("b.xlsx", entry("DA1", 2.5), entry("DA1", 2.5)),
    ]
    line = consolidate(files).lines[0]
    assert [(u.plan, u.disbursed, u.rate) for u in line.units] == [
        (10, 5, round(5.5 * 100 / 10.9, 2)),
        (4, None, None),
    ]
    assert line.plan.total == 14 and line.disbursed.total == 5


def test_lines_follow_the_catalog_then_unknown_codes_then_the_total() -> None:
    catalog = list(load_catalog().items)
    files = [
        report("a.xlsx", entry("ZZ9", 1, name="Lạ"), entry(catalog[5], 1), entry(catalog[0], 1))
    ]
    lines = consolidate(files).lines
    assert [ln.project for ln in lines] == [catalog[0], catalog[5], "ZZ9", "TOTAL"]
    assert lines[2].name == "Lạ" and lines[0].name == load_catalog().items[catalog[0]].name


# --------------------------------------------------------------------------- reference
def _sum(values: list[Amount]) -> int | None:
    known = [int(v) for v in values if v is not None]
    return sum(known) if known else None


def _rate(plan: Amount, carried: Amount, spent: Amount) -> float | None:
    if plan is None or spent is None:
        return None
    base = plan + (carried or 0)
    return percent(spent, base) if base else None  # the one rounding rule, tested on its own


def _units(
    files: list[FileReport], left_out: set[str]
) -> list[tuple[str, FileReport, list[SummaryEntry]]]:
    """(unit, file, entries) for every unit kept, in order: a file, or each section of it."""
    units: list[tuple[str, FileReport, list[SummaryEntry]]] = []
    for file in files:
        if file.status == "error" or file.path in left_out:
            continue
        names = list(dict.fromkeys(e.unit for e in file.summary if e.unit))
        if not names:
            units.append((file.reporting_unit or Path(file.path).stem, file, list(file.summary)))
        for name in names:
            units.append((name, file, [e for e in file.summary if e.unit == name]))
    return units


def _of_code(entries: list[SummaryEntry], code: str) -> list[SummaryEntry]:
    if code != "TOTAL":
        return [e for e in entries if e.project == code]
    tops = [e for e in entries if "." not in e.project and e.project != "TOTAL"]
    return tops or [e for e in entries if e.project == "TOTAL"]


def _unit_view(unit: str, file: FileReport, entries: list[SummaryEntry]) -> dict[str, Any]:
    if len(entries) == 1:
        plan, carried, spent = (getattr(entries[0], g).total for g in GROUPS)
    else:
        plan, carried, spent = (_sum([getattr(e, g).total for e in entries]) for g in GROUPS)
    return {
        "unit": unit,
        "path": file.path,
        "status": file.status,
        "plan": None if plan is None else int(plan),
        "disbursed": None if spent is None else int(spent),
        "rate": _rate(plan, carried, spent),
        "corrected": False,
    }


def reference(files: list[FileReport], exclude_errors: bool) -> dict[str, Any]:
    """What consolidation means, computed the plain way."""
    bad = {"error", "findings"} if exclude_errors else {"error"}
    excluded = [f.path for f in files if f.status == "error"]
    excluded += [f.path for f in files if f.status == "findings" and exclude_errors]
    units = _units(files, {f.path for f in files if f.status in bad})
    catalog = list(load_catalog().items)
    seen = {e.project for _, _, es in units for e in es} - {"TOTAL"}
    codes = sorted(seen, key=lambda c: (catalog.index(c) if c in catalog else 10**6, c))
    lines = []
    for code in [*codes, "TOTAL"] if units else []:
        members = [(u, f, _of_code(es, code)) for u, f, es in units]
        members = [m for m in members if m[2] or code == "TOTAL"]
        every = [e for _, _, es in members for e in es]
        sums = {
            g: {k: _sum([getattr(getattr(e, g), k) for e in every]) for k in KINDS} for g in GROUPS
        }
        item = load_catalog().get(code)
        name = item.name if item else ("Tổng cộng" if code == "TOTAL" else members[0][2][0].name)
        rate = {
            k: _rate(sums["plan"][k], sums["carried_over"][k], sums["disbursed"][k]) for k in KINDS
        }
        lines.append(
            {
                "project": code,
                "name": name,
                **sums,
                "rate": rate,
                "unallocated": _sum([e.unallocated for e in every]),
                "units": [_unit_view(*m) for m in members],
                "corrected": False,
            }
        )
    return {
        "units_included": len(units),
        "excluded": excluded,
        "lines": lines,
        "left_out": [],
        "corrections": [],
        "files": [_file_view(f, f.path not in set(excluded)) for f in files if f.status != "error"],
    }


def _file_view(file: FileReport, counted: bool) -> dict[str, Any]:
    """One figure per file: its units' TOTAL lines added up, its stated total where it differs."""
    units = _units([file], set())
    plan, carried, spent = (
        _sum([_sum([getattr(e, g).total for e in _of_code(es, "TOTAL")]) for _, _, es in units])
        for g in GROUPS
    )
    stated = next((e for e in file.summary if e.project == "TOTAL"), None)
    stated_plan = None if stated is None or stated.plan.total is None else int(stated.plan.total)
    stated_spent = stated and stated.disbursed.total
    stated_spent = None if stated_spent is None else int(stated_spent)
    return {
        "path": file.path,
        "unit": file.reporting_unit or Path(file.path).stem,
        "plan": plan,
        "disbursed": spent,
        "rate": _rate(plan, carried, spent),
        "counted": counted,
        "stated_plan": stated_plan if stated_plan != plan else None,
        "stated_disbursed": stated_spent if stated_spent != spent else None,
        "corrected": 0,
    }


# --------------------------------------------------------------------------- property
CODES = st.sampled_from(["DA1", "DA1.ND1", "DA2", "DA3.TDA1", "DA4", "TOTAL", "X1", "X1.2"])
AMOUNTS = st.one_of(
    st.none(),
    st.none(),
    st.integers(min_value=-(10**6), max_value=10**12),
    st.just(0),
    st.floats(min_value=-1e6, max_value=1e12, allow_nan=False),
)
TRIPLES = st.builds(Triple, dtpt=AMOUNTS, sn=AMOUNTS, total=AMOUNTS)


@st.composite
def summary_entries(draw: st.DrawFn, sections: bool) -> SummaryEntry:
    unit = st.sampled_from([None, "Xã A", "Xã B", "Xã C"]) if sections else st.none()
    return SummaryEntry(
        project=draw(CODES),
        name=draw(st.sampled_from(["một", "hai", "ba"])),
        unit=draw(unit),
        plan=draw(TRIPLES),
        carried_over=draw(TRIPLES),
        disbursed=draw(TRIPLES),
        unallocated=draw(st.one_of(st.none(), st.integers(min_value=0, max_value=10**9))),
    )


@st.composite
def file_reports(draw: st.DrawFn) -> FileReport:
    sections = draw(st.booleans())
    return FileReport(
        path=draw(st.sampled_from(["a.xlsx", "b.xlsx", "c/a.xlsx", "d.xlsx", "e.xlsx"])),
        status=draw(st.sampled_from(["ok", "ok", "findings", "error"])),
        reporting_unit=draw(st.sampled_from([None, "Xã A", "Huyện Z"])),
        summary=draw(st.lists(summary_entries(sections), max_size=8)),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(file_reports(), max_size=6), st.booleans())
def test_consolidation_matches_the_plain_computation(files: list[FileReport], strict: bool) -> None:
    """Same values of the same types (repr tells 5 from 5.0), in the same order."""
    assert repr(consolidate(files, exclude_errors=strict).model_dump()) == repr(
        reference(files, strict)
    )
