"""`mtqg fix`: a corrected copy of one workbook, the unit can check and send back."""

from __future__ import annotations

import os
from pathlib import Path

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.rules import arithmetic
from mtqg_cli.check.rules.base import RuleContext
from mtqg_cli.check.rules.lines import rate_base
from mtqg_cli.figures.fix_plan import Correction, Edit, plan_table
from mtqg_cli.files import protect
from mtqg_cli.form.options import Options
from mtqg_cli.form.workbook import open_book, read_book
from mtqg_cli.model.errors import MtqgError
from mtqg_cli.model.fix import FixChange, FixResult
from mtqg_cli.model.report import FileReport
from mtqg_cli.model.text import column_letter
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.raw import RawSheet
from mtqg_cli.read.readers import read_workbook
from mtqg_cli.report.fix_copy import Cached, shown, write_copy
from mtqg_cli.words.fix import fix_word
from mtqg_cli.words.messages import file_error

FIXABLE = (".xlsx", ".xlsm")
CERTAIN = frozenset({"transposed_digits", "unit_slip", "sign_flip"})
"""Causes whose suggested figure is corrected; the others (a line left out, a line counted
twice) say which line is wrong, not what it should hold: the parent's SUM formula settles them."""


class FixRefused(MtqgError):
    """The copy cannot be written: its words are in `fix_words` (or `messages`)."""


def fix_file(path: Path, output: Path, options: Options, *, force: bool = False) -> FixResult:
    """Reconcile `path`, plan its corrections and write the copy to `output`."""
    check_paths(path, output, force=force)
    protect(path)
    report = reconcile_file(path, options)
    if report.status == "error":
        raise FixRefused("fix_unreadable", message=report.error or "")
    edits, saved = plan_edits(path, report, options)
    write_copy(path, output, edits, saved, lang=options.lang, unit=Unit.named(report.unit))
    lang = options.lang
    changes = [
        FixChange(sheet=e.sheet, cell=e.ref, before=shown(e.before, e, lang),
                  after=shown(e.after, e, lang), why="; ".join(e.why), corrected=e.corrected)
        for e in edits
        if e.changed
    ]  # fmt: skip
    return FixResult(
        path=str(path),
        output=str(output),  # as the person named it
        corrected=sum(e.corrected for e in edits),
        formulas=sum(e.formula is not None for e in edits),
        changes=changes,
    )


def check_paths(path: Path, output: Path, *, force: bool) -> None:
    """Refuse what would not make a copy: a missing or non-.xlsx input, an output of another
    kind, the input itself (by any spelling or link), an existing file without --force."""
    if not path.exists():
        raise FixRefused("missing_file", path=str(path))
    if path.is_dir():
        raise FixRefused("is_directory", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in FIXABLE:
        raise FixRefused("fix_input_type", path=str(path))
    if output.suffix.lower() != suffix:
        raise FixRefused("fix_output_type", path=str(output), suffix=suffix)
    if _same_file(path, output):
        raise FixRefused("fix_same_file", path=str(output))
    if output.exists() and not force:
        raise FixRefused("fix_exists", path=str(output))


def _same_file(path: Path, output: Path) -> bool:
    if path.resolve() == output.resolve():
        return True
    try:
        return os.path.samefile(path, output)
    except OSError:
        return False


def refusal(exc: MtqgError, lang: str) -> str:
    """The sentence telling why the copy was not written."""
    if exc.key == "fix_unreadable":
        return str(exc.params.get("message", ""))
    try:
        return fix_word(exc.key, lang, **exc.params)
    except KeyError:
        return file_error(exc.key, lang, **exc.params)


def plan_edits(path: Path, report: FileReport, options: Options) -> tuple[list[Edit], Cached]:
    """Every edit of every table of the workbook, from the report's certain causes, and the
    values of the workbook's own formulas as mtqg read them (which the copy saves again)."""
    corrections = certain_corrections(report, options.lang)
    why = {key: fix_word(key, options.lang) for key in ("sum", "total", "rate")}
    opened = open_book(path, options)
    edits: list[Edit] = []
    for sheet, readings in read_book(opened.sheets, opened.options, arithmetic):
        for reading in readings:
            table = reading.table
            context = RuleContext(table, options.tolerance, options.lang,
                                  rate_tolerance=options.rate_tolerance)  # fmt: skip
            plan_only = rate_base(context).plan_only
            found = corrections.get(table.sheet, {})
            edits.extend(plan_table(table, sheet.rows, found, why, plan_only, sheet.errors))
    whole = opened.sheets
    if options.sheet is not None or options.sheets:  # the other sheets' formulas too
        whole = read_workbook(path, options.limits, options.reader).sheets
    return edits, formula_values(whole)


def formula_values(sheets: list[RawSheet]) -> Cached:
    """{sheet: {cell: value}} of every formula cell as read: its value, or its Excel error."""
    found: Cached = {}
    for sheet in sheets:
        values: dict[str, object] = {}
        for row, col in sheet.formulas:
            cells = sheet.rows[row] if row < len(sheet.rows) else []
            value = cells[col] if col < len(cells) else None
            if value is None or value == "":
                value = sheet.errors.get((row, col))
            if value is not None:
                values[f"{column_letter(col)}{row + 1}"] = value
        if values:
            found[sheet.name] = values
    return found


def certain_corrections(report: FileReport, lang: str) -> dict[str, dict[str, Correction]]:
    """{sheet: {cell: correction}} from the hints of certain kinds with a suggested figure (a
    cell two hints disagree on is left as it is), then from each UNIT_SUSPECT the hints left
    alone: its expected figure is the one typed, divided by the unit's factor."""
    found: dict[str, dict[str, Correction]] = {}
    doubtful: set[tuple[str, str]] = set()
    for sheet_name, cell, suggested, why in _certain_hints(report, lang):
        sheet = found.setdefault(sheet_name, {})
        known = sheet.get(cell)
        if known is not None and known.suggested != suggested:
            doubtful.add((sheet_name, cell))
        sheet.setdefault(cell, Correction(suggested, why))
    for sheet_name, cell in doubtful:
        found[sheet_name].pop(cell, None)
    for finding in report.findings:
        if finding.rule != "UNIT_SUSPECT" or finding.hint is not None or not finding.sheet:
            continue
        if isinstance(finding.expected, int) and finding.cell:
            cell = finding.cell.replace("$", "").upper()
            if (finding.sheet, cell) not in doubtful:
                why = fix_word("unit_slip", lang)
                found.setdefault(finding.sheet, {}).setdefault(
                    cell, Correction(finding.expected, why)
                )
    return found


def _certain_hints(report: FileReport, lang: str) -> list[tuple[str, str, int, str]]:
    """(sheet, cell, suggested đồng, why) of each hint of a certain kind naming one cell."""
    found = []
    for finding in report.findings:
        hint = finding.hint
        if hint is None or hint.kind not in CERTAIN or hint.suggested is None:
            continue
        if len(hint.cells) != 1 or not finding.sheet:
            continue
        cell = hint.cells[0].replace("$", "").upper()
        found.append(
            (finding.sheet, cell, hint.suggested, hint.message or fix_word(hint.kind, lang))
        )
    return found
