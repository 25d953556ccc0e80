"""A report against another source (the Treasury's statement): lines matched by project code.

The other side is read with the same reader, layout finder and tree builder as any report. Its
lines get their catalog codes as usual, or from a mapping table (TOML) when the source names its
lines by its own budget codes or words. Lines are matched by (project code, unit) and compared
per capital type in the group asked for (disbursed, or plan); the differences beyond the
tolerance are SOURCE_MISMATCH, the lines on one side only ONLY_IN_REPORT / ONLY_IN_SOURCE.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from mtqg_cli.check.finding_ids import number_findings
from mtqg_cli.check.rules import arithmetic
from mtqg_cli.check.rules.sources import cross_finding, money
from mtqg_cli.figures.capital_types import with_file_total
from mtqg_cli.figures.summary import summarise
from mtqg_cli.files import protect
from mtqg_cli.form.hierarchy import walk
from mtqg_cli.form.options import Options
from mtqg_cli.form.workbook import open_book, read_book
from mtqg_cli.model.errors import InputError, UsageError
from mtqg_cli.model.neutral import neutralise
from mtqg_cli.model.report import (
    AgainstLine,
    AgainstResult,
    FileReport,
    Finding,
    Report,
    SummaryEntry,
)
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.text import fold
from mtqg_cli.model.vocabulary import KINDS, TOTAL, Severity, Unit
from mtqg_cli.read.isolation import call_isolated

Key = tuple[str, str]
"""(project code, folded unit name or "")."""


@dataclass
class SideLine:
    """One project line of one side: where it is, and its figures per capital type."""

    project: str
    name: str
    unit: str | None = None
    sheet: str | None = None
    row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)
    figures: dict[str, int | None] = field(default_factory=dict)

    def add(self, other: SideLine) -> None:
        """Fold a second line with the same code (capital-type sections) into this one."""
        for name, value in other.figures.items():
            mine = self.figures.get(name)
            self.figures[name] = value if mine is None else mine + (value or 0)

    def cell(self, name: str) -> str | None:
        letter = self.columns.get(name)
        return f"{letter}{self.row}" if letter and self.row else None


# --------------------------------------------------------------------------- the mapping table
def load_mapping(path: Path) -> dict[str, str]:
    """The mapping of a TOML file: `[against.mapping]` (or `[mapping]`) of "their code" = "DA4"."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError("missing_file", path=str(path)) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError("bad_mapping", path=str(path), reason=str(exc)) from exc
    against = data.get("against", {})
    table = against.get("mapping") if isinstance(against, dict) else None
    table = table if table is not None else data.get("mapping")
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        reason = 'cần bảng [against.mapping] dạng "mã/tên của nguồn" = "DA4.TDA1"'
        raise UsageError("bad_mapping", path=str(path), reason=reason)
    return {fold(str(k)): v.strip().upper() for k, v in table.items()}


def mapped_code(line: Line, mapping: dict[str, str]) -> str | None:
    """The code the mapping gives a line: by its STT, its whole name, or a word of its name."""
    if not mapping:
        return None
    name = fold(line.name)
    for key in (fold(line.stt), name, name.split(" ", 1)[0].strip(" -:.") if name else ""):
        if key and key in mapping:
            return mapping[key]
    tokens = set(re.findall(r"[a-z0-9.]+", name))
    return next((code for key, code in mapping.items() if key in tokens), None)


# --------------------------------------------------------------------------- the two sides
def report_side(file: FileReport) -> dict[Key, SideLine]:
    """The report's project lines (and TOTAL) from its summary, with the cells they sit in."""
    return _side(file.summary, {info.name: info.columns for info in file.sheet_info})


def source_side(path: Path, mapping: dict[str, str], options: Options) -> dict[Key, SideLine]:
    """The other source's project lines, codes from the mapping first: opened as `reconcile`
    opens a workbook (limits, TCVN3/VNI text, every table of every sheet), in its own unit and
    number style, without the submitted form's layout pin or sheet patterns, and summed up as
    the report's own summary is (capital-type tables, a summary sheet, units)."""
    own = replace(options, unit=None, default_unit=None, layout=None, sheets=(), number_style="vi")
    opened = open_book(path, own)
    tables = [
        r.table
        for _, readings in read_book(opened.sheets, opened.options, arithmetic)
        for r in readings
    ]
    if not tables:
        raise InputError("no_table", path=str(path))
    summary: list[SummaryEntry] = []
    for table in tables:
        _map_codes(table, mapping)
        summary.extend(summarise(table))
    return _side(with_file_total(tables, summary), {t.sheet: t.info.columns for t in tables})


def _map_codes(table: Table, mapping: dict[str, str]) -> None:
    """Give the source's lines the codes the mapping says (the Treasury's own numbering)."""
    for line in walk(table.root):
        code = mapped_code(line, mapping)
        if code is not None and line.kind != "total":
            line.code = code


def _side(entries: list[SummaryEntry], columns: dict[str, dict[str, str]]) -> dict[Key, SideLine]:
    """Summary entries as one side's lines, by (code, unit)."""
    side: dict[Key, SideLine] = {}
    for entry in entries:
        figures = {
            f"{group}.{kind}": _int(getattr(getattr(entry, group), kind))
            for group in ("plan", "disbursed")
            for kind in KINDS
        }
        line = SideLine(
            entry.project, entry.name, entry.unit, entry.sheet, entry.row,
            columns.get(entry.sheet or "", {}), figures,
        )  # fmt: skip
        _put(side, line)
    return side


def _put(side: dict[Key, SideLine], line: SideLine) -> None:
    key = (line.project, fold(line.unit or ""))
    if key in side:
        side[key].add(line)
    else:
        side[key] = line


def _int(value: int | float | None) -> int | None:
    return None if value is None else int(value)


# --------------------------------------------------------------------------- matching
def compare_sides(
    report: dict[Key, SideLine],
    source: dict[Key, SideLine],
    *,
    group: str,
    tolerance: int,
    lang: str,
    unit: Unit,
    source_name: str,
) -> tuple[list[AgainstLine], list[Finding]]:
    """Both sides line by line and capital type: the table of the two, and the findings."""
    lines: list[AgainstLine] = []
    findings: list[Finding] = []
    for key, mine in report.items():
        theirs = source.get(key)
        if theirs is None:
            if _family_present(key, source):
                continue
            value = mine.figures.get(f"{group}.total")
            lines.append(_line(mine, "total", value, None, "only_in_report"))
            if abs(value or 0) > tolerance:
                findings.append(cross_finding(
                    "ONLY_IN_REPORT", lang=lang, sheet=mine.sheet,
                    cell=mine.cell(f"{group}.total"), row=mine.row, column=f"{group}.total",
                    project=_project(mine), unit=mine.unit, actual=value, name=mine.name,
                    stated=money(value, unit, lang), source=source_name,
                ))  # fmt: skip
            continue
        for kind in KINDS:
            name = f"{group}.{kind}"
            ours, other = mine.figures.get(name), theirs.figures.get(name)
            if ours is None or other is None:
                continue
            differs = abs(ours - other) > tolerance
            lines.append(_line(mine, kind, ours, other, "mismatch" if differs else "match"))
            if differs:
                findings.append(cross_finding(
                    "SOURCE_MISMATCH", lang=lang, sheet=mine.sheet, cell=mine.cell(name),
                    row=mine.row, column=name, project=_project(mine), unit=mine.unit,
                    expected=other, actual=ours, name=mine.name,
                    stated=money(ours, unit, lang), other=money(other, unit, lang),
                    difference=money(ours - other, unit, lang), source=source_name,
                ))  # fmt: skip
    for key, theirs in source.items():
        if key in report or _family_present(key, report):
            continue
        value = theirs.figures.get(f"{group}.total")
        lines.append(_line(theirs, "total", None, value, "only_in_source"))
        if abs(value or 0) > tolerance:
            findings.append(cross_finding(
                "ONLY_IN_SOURCE", lang=lang, column=f"{group}.total", project=_project(theirs),
                unit=theirs.unit, expected=value, name=theirs.name,
                other=money(value, unit, lang), source=source_name,
            ))  # fmt: skip
    return lines, findings


def _project(line: SideLine) -> str | None:
    return None if line.project == TOTAL else line.project


def _family_present(key: Key, side: dict[Key, SideLine]) -> bool:
    """Whether the other side answers for the line at another grain, so it is compared there.

    It does when it has the line's sub-lines (it reports finer), or when it has one of the
    line's ancestors but none of that ancestor's sub-lines (it reports coarser)."""
    code, unit = key
    if code == TOTAL:
        return False
    others = [c for c, u in side if u == unit and c != TOTAL]
    if any(c.startswith(f"{code}.") for c in others):
        return True
    ancestors = [c for c in others if code.startswith(f"{c}.")]
    return any(not any(o.startswith(f"{a}.") for o in others) for a in ancestors)


def _line(
    side: SideLine, kind: str, ours: int | None, other: int | None, status: str
) -> AgainstLine:
    difference = ours - other if ours is not None and other is not None else None
    return AgainstLine.model_validate(
        {
            "project": side.project, "name": side.name, "unit": side.unit, "kind": kind,
            "report": ours, "source": other, "difference": difference, "status": status,
        }
    )  # fmt: skip


# --------------------------------------------------------------------------- the run
def reconcile_against(
    report: Report,
    source_path: Path,
    *,
    compare: str = "disbursed",
    mapping: dict[str, str] | None = None,
    tolerance: int = 1_000,
    lang: str = "vi",
    options: Options | None = None,
) -> None:
    """Add the comparison with `source_path` to a one-file report: its table and findings;
    the source is read with the run's limits and `--sheet` (`options`)."""
    readable = [f for f in report.files if f.status != "error"]
    if len(report.files) != 1:
        raise UsageError("against_one_file", count=len(report.files))
    if not readable:
        return
    file = readable[0]
    protect(source_path)
    read = options or Options(lang=lang, tolerance=tolerance)
    source = call_isolated(source_side, source_path, mapping or {}, read, path=str(source_path))
    unit = Unit.named(file.unit)
    lines, findings = compare_sides(
        report_side(file), source, group=compare, tolerance=tolerance, lang=lang, unit=unit,
        source_name=source_path.name,
    )  # fmt: skip
    for finding in findings:  # names read from the source, shown as the report's are
        neutralise(finding)
    file.findings.extend(findings)
    number_findings(file.findings)
    if any(f.severity == Severity.error.value for f in findings):
        file.status = "findings"
    report.against = AgainstResult.model_validate(
        {"path": str(source_path), "report_path": file.path, "compare": compare, "lines": lines}
    )
    neutralise(report.against)
