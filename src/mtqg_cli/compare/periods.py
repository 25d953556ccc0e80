"""One period against the next: the same unit's report at two dates, line by line.

Cumulative disbursement cannot go down (CUMULATIVE_DECREASE), a plan that changed is shown with
both figures (PLAN_CHANGED), lines that appeared or disappeared are listed (LINE_APPEARED,
LINE_DISAPPEARED), and each project's progress between the two dates is worked out: its rate
then and now and the money disbursed in between. Two folders are paired file by file by unit.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from mtqg_cli import __version__
from mtqg_cli.check.rules.sources import cross_finding, money
from mtqg_cli.compare.against import Key, SideLine, report_side
from mtqg_cli.model.errors import UsageError
from mtqg_cli.model.report import FileReport, Finding, Report, SummaryEntry
from mtqg_cli.model.text import fold
from mtqg_cli.model.vocabulary import KINDS, TOTAL, Severity, Unit


class Progress(BaseModel):
    """One project's figures at the two dates and what happened in between (amounts in đồng)."""

    project: str
    name: str
    unit: str | None = None
    plan_then: int | None = None
    plan_now: int | None = None
    disbursed_then: int | None = None
    disbursed_now: int | None = None
    disbursed_between: int | None = None
    rate_then: float | None = None
    rate_now: float | None = None


class PeriodPair(BaseModel):
    """Two reports of the same unit: the earlier, the later, findings and progress."""

    unit: str
    earlier: str
    later: str
    earlier_as_of: str | None = None
    later_as_of: str | None = None
    earlier_period: str | None = None
    later_period: str | None = None
    amount_unit: str = Field(default="trieu_dong", description="Unit the later file is shown in")
    findings: list[Finding] = Field(default_factory=list)
    progress: list[Progress] = Field(default_factory=list)


class Comparison(BaseModel):
    """`mtqg compare`: every pair of reports, and the files that had no partner or no table."""

    tool: str = "mtqg"
    version: str = __version__
    amount_unit: str = "dong"
    pairs: list[PeriodPair] = Field(default_factory=list)
    only_earlier: list[str] = Field(default_factory=list)
    only_later: list[str] = Field(default_factory=list)
    unreadable: list[str] = Field(default_factory=list, description="Path: reason")


def unit_key(file: FileReport) -> str:
    """What pairs two files of two folders: the unit named in the title, else the file name."""
    return fold(file.reporting_name)


def refuse_other_units(earlier: Report, later: Report) -> None:
    """Raise when two single files name two different reporting units (two folders are
    paired by unit already; a file naming no unit cannot be told apart)."""
    if len(earlier.files) != 1 or len(later.files) != 1:
        return
    first, second = earlier.files[0], later.files[0]
    if not first.reporting_unit or not second.reporting_unit:
        return
    if fold(first.reporting_unit) != fold(second.reporting_unit):
        raise UsageError(
            "compare_units",
            earlier=first.reporting_unit,
            earlier_path=first.path,
            later=second.reporting_unit,
            later_path=second.path,
        )


def compare_reports(
    earlier: Report, later: Report, *, tolerance: int = 1_000, lang: str = "vi"
) -> Comparison:
    """Pair the files of two runs (one each: together; several: by unit) and compare each pair."""
    result = Comparison()
    result.unreadable = [
        f"{f.path}: {f.error}" for f in (*earlier.files, *later.files) if f.status == "error"
    ]
    before = [f for f in earlier.files if f.status != "error"]
    after = [f for f in later.files if f.status != "error"]
    if len(earlier.files) == 1 and len(later.files) == 1:
        pairs = list(zip(before, after, strict=False))
    else:
        by_unit = {unit_key(f): f for f in before}
        pairs = [(by_unit[unit_key(f)], f) for f in after if unit_key(f) in by_unit]
        paired = {unit_key(f) for f in after}
        result.only_earlier = [f.path for f in before if unit_key(f) not in paired]
        result.only_later = [f.path for f in after if unit_key(f) not in by_unit]
    result.pairs = [compare_pair(a, b, tolerance=tolerance, lang=lang) for a, b in pairs]
    return result


def compare_pair(
    earlier: FileReport, later: FileReport, *, tolerance: int = 1_000, lang: str = "vi"
) -> PeriodPair:
    """The findings and progress of one unit between two reports."""
    unit = Unit.named(later.unit)
    then, now = _when(earlier), _when(later)
    old, new = report_side(earlier), report_side(later)
    findings: list[Finding] = []
    for key, line in new.items():
        before = old.get(key)
        if before is None:
            if key[0] != TOTAL:
                findings.append(_presence("LINE_APPEARED", line, then, now, lang))
            continue
        findings.extend(_changes(before, line, then, now, tolerance, lang, unit))
    findings.extend(
        _presence("LINE_DISAPPEARED", line, then, now, lang)
        for key, line in old.items()
        if key not in new and key[0] != TOTAL
    )
    return PeriodPair(
        unit=later.reporting_name,
        earlier=earlier.path,
        later=later.path,
        earlier_as_of=earlier.as_of,
        later_as_of=later.as_of,
        earlier_period=earlier.period,
        later_period=later.period,
        amount_unit=unit.value,
        findings=sorted(findings, key=lambda f: (f.row or 0, f.rule)),
        progress=_progress(earlier, later),
    )


def _changes(
    before: SideLine, after: SideLine, then: str, now: str, tolerance: int, lang: str, unit: Unit
) -> list[Finding]:
    found: list[Finding] = []
    for kind in KINDS:
        for group, code in (("disbursed", "CUMULATIVE_DECREASE"), ("plan", "PLAN_CHANGED")):
            name = f"{group}.{kind}"
            old, new = before.figures.get(name), after.figures.get(name)
            if old is None or new is None:
                continue
            fell = old - new > tolerance if group == "disbursed" else abs(new - old) > tolerance
            if fell:
                found.append(cross_finding(
                    code, lang=lang, sheet=after.sheet, cell=after.cell(name), row=after.row,
                    column=name, project=_project(after), unit=after.unit, expected=old,
                    actual=new, name=after.name, earlier=money(old, unit, lang),
                    later=money(new, unit, lang), then=then, now=now,
                ))  # fmt: skip
    return found


def _presence(code: str, line: SideLine, then: str, now: str, lang: str) -> Finding:
    return cross_finding(
        code, lang=lang, sheet=line.sheet, cell=line.cell("name"), row=line.row, column="name",
        project=_project(line), unit=line.unit, name=line.name, then=then, now=now,
    )  # fmt: skip


def _project(line: SideLine) -> str | None:
    return None if line.project == TOTAL else line.project


def _when(file: FileReport) -> str:
    """How a message names a report's date: its period, its as-of date, or its file name."""
    if file.as_of:
        year, month, day = file.as_of.split("-")
        return f"{int(day)}/{int(month)}/{year}"
    return file.period or Path(file.path).name


def _entries(file: FileReport) -> dict[Key, SummaryEntry]:
    found: dict[Key, SummaryEntry] = {}
    for entry in file.summary:
        found.setdefault((entry.project, fold(entry.unit or "")), entry)
    return found


def _progress(earlier: FileReport, later: FileReport) -> list[Progress]:
    old = _entries(earlier)
    rows: list[Progress] = []
    for key, entry in _entries(later).items():
        before = old.get(key)
        if before is None:
            continue
        then, now = _int(before.disbursed.total), _int(entry.disbursed.total)
        between = now - then if then is not None and now is not None else None
        rows.append(
            Progress(
                project=entry.project,
                name=entry.name,
                unit=entry.unit,
                plan_then=_int(before.plan.total),
                plan_now=_int(entry.plan.total),
                disbursed_then=then,
                disbursed_now=now,
                disbursed_between=between,
                rate_then=_float(before.rate.total),
                rate_now=_float(entry.rate.total),
            )
        )
    return rows


def _int(value: int | float | None) -> int | None:
    return None if value is None else int(value)


def _float(value: int | float | None) -> float | None:
    return None if value is None else float(value)


def comparison_exit_code(comparison: Comparison, fail_on: str) -> int:
    """0 clean, 1 findings at or above `fail_on`, 2 a file could not be read."""
    if comparison.unreadable:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    found = (f for pair in comparison.pairs for f in pair.findings)
    return 1 if any(Severity(f.severity).rank >= threshold for f in found) else 0
