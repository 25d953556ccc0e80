"""Findings as CSV and files as Markdown, in the reader's language and the tables' unit."""

from __future__ import annotations

import csv
import io

from mtqg_cli.form.blank import shown_status
from mtqg_cli.model.neutral import visible
from mtqg_cli.model.report import FileReport, Finding, Report
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.report.ci import place
from mtqg_cli.report.encoding import safe_text
from mtqg_cli.report.finding_order import Placed, cascade_order, explains_any
from mtqg_cli.words.language import for_language
from mtqg_cli.words.messages import unit_name
from mtqg_cli.words.numbers import format_amount, format_rate
from mtqg_cli.words.text_reports import TEXT_REPORT_WORDS


def _words(lang: str) -> dict[str, str]:
    return for_language(TEXT_REPORT_WORDS, lang)


def display_unit(report: Report) -> Unit:
    """The unit every amount of a CSV is written in: the first readable file's, as the tables."""
    for file in report.files:
        if file.status != "error" and file.unit:
            try:
                return Unit(file.unit)
            except ValueError:
                continue
    return Unit.trieu_dong


def to_csv(report: Report, lang: str = "vi") -> str:
    """One row per finding (and one per unreadable file), UTF-8 with BOM for Excel; amounts in
    the tables' unit, named in the headers, rates with their % sign."""
    words, unit = _words(lang), display_unit(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    causes = any(explains_any(file.findings) for file in report.files)
    header = words["csv"].format(unit=unit_name(unit, lang)).split("|")
    writer.writerow(header + (words["csv.causes"].split("|") if causes else []))
    for file in report.files:
        status = words[f"status.{shown_status(file)}"]
        if file.status == "error":
            row = [safe_text(file.path), status, *[""] * 10, safe_text(file.error)]
            writer.writerow(row + [""] * 4 * causes)
        for f in file.findings:
            head = [
                file.path, status, f.sheet, f.cell, f.row, f.rule, words[f"sev.{f.severity}"],
                f.project, f.column,
            ]  # fmt: skip
            figures = _figures(f, unit, lang)  # made here, never a submission's text
            row = [*(safe_text(v) for v in head), *figures, safe_text(f.message)]
            writer.writerow(row + (_cause_cells(f) if causes else []))
    return "\ufeff" + buffer.getvalue()


def _cause_cells(finding: Finding) -> list[str]:
    """The finding's id, the id of the finding that explains it, its hint's kind and message."""
    hint = finding.hint
    cells = (finding.id, finding.caused_by, hint and hint.kind, hint and hint.message)
    return [safe_text(v) for v in cells]


def _figures(finding: Finding, unit: Unit, lang: str) -> list[str]:
    values = (finding.expected, finding.actual, finding.difference)
    if finding.column and finding.column.startswith("rate."):
        return [f"{format_rate(v, lang)}%" if v is not None else "" for v in values]
    return [format_amount(v, unit, lang) for v in values]


_MARKDOWN = str.maketrans({"|": "\\|", "\n": " ", "<": "&lt;", ">": "&gt;", "[": "\\[",
                           "]": "\\]", "`": "\\`", "*": "\\*", "_": "\\_"})  # fmt: skip
"""What would end a table cell or make a link, an HTML tag, code or emphasis of a text."""


def _md(value: object) -> str:
    return visible(safe_text(value)).translate(_MARKDOWN)


def to_markdown(report: Report, lang: str = "vi") -> str:
    """Findings and figures of each file as Markdown tables, for minutes and pull requests."""
    words = _words(lang)
    out: list[str] = []
    for file in report.files:
        out.append(f"## {_md(file.path)} — {words[f'status.{shown_status(file)}']}\n")
        if file.error:
            out.append(f"> {_md(file.error)}\n")
            continue
        unit = Unit(file.unit) if file.unit else Unit.trieu_dong
        out.append(words["unit"].format(unit=unit_name(unit, lang)) + "\n")
        out.extend(_markdown_findings(file, unit, lang))
        out.extend(_markdown_summary(file, unit, lang))
    return "\n".join(out) + "\n"


def _markdown_findings(file: FileReport, unit: Unit, lang: str) -> list[str]:
    words = _words(lang)
    rows = [f"### {words['findings']}\n"]
    if not file.findings:
        return [*rows, words["no_findings"] + "\n"]
    rows += [words["findings_head"], "|---|---|---|---|---:|---:|---:|---|"]
    for placed in cascade_order(file.findings):
        f = placed.finding
        cell = f"{f.sheet}!{f.cell}" if f.cell else (f.sheet or "")
        figures = " | ".join(_figures(f, unit, lang))
        rule = "↳" * placed.depth + " " * bool(placed.depth) + f.rule
        rows.append(
            f"| {words[f'sev.{f.severity}']} | {rule} | {_md(cell)} | {_md(f.project or '')} "
            f"| {figures} | {_md(_explanation(placed, words))} |"
        )
    return [*rows, ""]


def _explanation(placed: Placed, words: dict[str, str]) -> str:
    """The message, then what explains the finding, then its hint: one cell of a table."""
    f, parts = placed.finding, [placed.finding.message]
    if placed.cause is not None:
        cause = words["caused_by"].format(place=place(placed.cause))
        parts.append(f"({cause})")
    if f.hint is not None and f.hint.message:
        parts.append(words["hint"].format(message=f.hint.message))
    return " ".join(p for p in parts if p)


def _markdown_summary(file: FileReport, unit: Unit, lang: str) -> list[str]:
    words = _words(lang)
    rows = [f"### {words['summary']}\n", words["summary_head"], "|---|---:|---:|---:|---:|"]
    for e in file.summary:
        code = words["total"] if e.project == "TOTAL" else e.project
        rows.append(
            f"| {_md(code)} | {format_amount(e.plan.total, unit, lang)} | "
            f"{format_amount(e.disbursed.total, unit, lang)} | "
            f"{format_rate(e.rate.total, lang)} | {format_amount(e.unallocated, unit, lang)} |"
        )
    return [*rows, ""]
