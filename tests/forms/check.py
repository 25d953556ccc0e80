"""Reading a generated form with mtqg and comparing what it says with what the form must give."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from forms.generate import Figures, GeneratedForm, Located
from forms.units import SHEETS, summary_key
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, SummaryEntry
from mtqg_cli.model.text import fold

ISSUER_PLACES = {
    "huyen": ("bach thong", "tai chinh"),
    "xa": ("cu le",),
    "so": ("nong nghiep",),
    "ban_dan_toc": ("ban dan toc",),
}
"""What the reporting unit's name must hold, by the issuing-unit lines the form has."""
TITLE_WORDS = ("xa hoi", "vung dong bao", "kinh te", "thieu so", "mien nui")


@dataclass
class Outcome:
    """What went right and wrong on one form."""

    form: GeneratedForm
    status: str
    error: str | None
    found: set[Located]
    missed_plants: list[Located] = field(default_factory=list)
    missed: set[Located] = field(default_factory=set)
    false_errors: set[Located] = field(default_factory=set)
    summary_diffs: list[str] = field(default_factory=list)
    clean_not_ok: bool = False
    unit_name: str | None = None
    """Why the reporting unit's name is wrong (None: right, or not checked)."""

    @property
    def ok(self) -> bool:
        return not (
            self.error or self.missed_plants or self.missed or self.false_errors
            or self.summary_diffs or self.clean_not_ok or self.unit_name
        )  # fmt: skip

    def explain(self) -> str:
        """One paragraph a developer reads to see what went wrong."""
        parts = [f"seed {self.form.seed} ({self.form.path.name}): status {self.status}"]
        if self.error:
            parts.append(f"read error: {self.error}")
        if self.missed_plants:
            parts.append(f"planted, not found: {sorted(self.missed_plants)}")
        if self.missed:
            parts.append(f"consequences not found: {sorted(self.missed)}")
        if self.false_errors:
            parts.append(f"false errors: {sorted(self.false_errors)[:8]}")
        if self.summary_diffs:
            parts.append("summary: " + "; ".join(self.summary_diffs[:6]))
        if self.clean_not_ok:
            parts.append("a clean form is not reported ok")
        if self.unit_name:
            parts.append(f"reporting unit: {self.unit_name}")
        return "\n  ".join(parts)


def check_form(form: GeneratedForm) -> Outcome:
    """mtqg's report of the form against the form's own expectations."""
    report = reconcile_file(form.path, Options())
    found = {(f.rule, f.sheet or "", f.row or 0) for f in report.findings if f.severity == "error"}
    outcome = Outcome(form, report.status, report.error, found)
    if report.status == "error":
        outcome.missed_plants = list(form.planted)
        return outcome
    outcome.missed_plants = [p for p in form.planted if p not in found]
    outcome.missed = form.expected - found
    outcome.false_errors = found - form.expected
    outcome.clean_not_ok = not form.expected and report.status != "ok"
    outcome.summary_diffs = summary_diffs(form, report)
    if form.shape["unit_name_checked"] == "yes":
        outcome.unit_name = unit_name_wrong(form, report)
    return outcome


def unit_name_wrong(form: GeneratedForm, report: FileReport) -> str | None:
    """The unit comes from the issuing-unit lines, else the file's name; never the title."""
    shown = report.reporting_unit or Path(report.path).stem
    folded = fold(shown)
    places = ISSUER_PLACES.get(form.shape["issuer"])
    if places is None and report.reporting_unit and any(w in folded for w in TITLE_WORDS):
        return f"«{shown}» taken from the title; the form names no issuing unit"
    if places is not None and not any(p in folded for p in places):
        return f"«{shown}», expected the issuing unit ({' / '.join(places)})"
    return None


def actual_summary(report: FileReport, units: str = "one") -> dict[str, Figures]:
    """The report's figures per code, entries of one code (a section, a sheet per capital
    type) added up field by field; per unit and code on a form of several `units` (the unit
    of a sheet per unit is the sheet)."""
    out: dict[str, Figures] = {}
    for entry in report.summary:
        unit = entry.unit if units == "sections" else entry.sheet if units in SHEETS else None
        figures = out.setdefault(summary_key(unit, entry.project), {})
        for name, value in _fields(entry):
            if value is not None:
                figures[name] = (figures.get(name) or 0) + value
    return out


def _fields(entry: SummaryEntry) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = [("unallocated", entry.unallocated)]
    for group in ("plan", "disbursed"):
        triple = getattr(entry, group)
        out += [(f"{group}.{k}", getattr(triple, k)) for k in ("total", "dtpt", "sn")]
    return out


def summary_diffs(form: GeneratedForm, report: FileReport) -> list[str]:
    """Where the report's figures differ from the form's own (a blank is read as zero)."""
    actual = actual_summary(report, form.shape.as_dict().get("units", "one"))
    diffs = []
    for code, figures in form.summary.items():
        got = actual.get(code)
        if got is None:
            diffs.append(f"{code} missing")
            continue
        for name, value in figures.items():
            if (got.get(name) or 0) != (value or 0):
                diffs.append(f"{code} {name}: expected {value}, got {got.get(name)}")
    extra = {c for c in actual if c != "TOTAL" and c.split(" | ")[-1] not in form.codes}
    diffs += [f"{code} reported, not on the form" for code in sorted(extra)]
    return diffs
