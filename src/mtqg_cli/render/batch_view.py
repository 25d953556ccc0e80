"""Many files on the terminal: one line per file, their findings, and the consolidated figures."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, RenderableType
from rich.text import Text

from mtqg_cli.figures.notes import consolidation_notes
from mtqg_cli.figures.overview import STATUS_ORDER, FileLine, file_lines, worst_first
from mtqg_cli.model.report import ConsolidatedLine, Consolidation, FileReport, Report
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.render.findings_view import cascade_words, render_findings
from mtqg_cli.render.fit import FigureTable
from mtqg_cli.render.view_parts import STATUS_STYLE, View, shorten
from mtqg_cli.report.finding_order import CascadeCounts, cascade_counts, has_causes
from mtqg_cli.words.batch import BATCH_LABELS
from mtqg_cli.words.messages import batch_words
from mtqg_cli.words.terminal import LABELS

FIGURES = frozenset({3, 4, 5, 6, 7})
FIGURES_FROM_2 = frozenset({2, 3, 4, 5})
FIGURES_FROM_1 = frozenset({1, 2, 3, 4, 5})
"""Which columns of the files, consolidated and per-unit tables hold figures."""


def render_batch(
    report: Report, console: Console, *, lang: str = "vi", display_unit: Unit | None = None
) -> None:
    """Print a run over many files: the file table, the findings, the consolidated summary."""
    lang = lang if lang in LABELS else "vi"
    view = View({**LABELS[lang], **BATCH_LABELS[lang]}, lang, display_unit or Unit.trieu_dong)
    lines = file_lines(worst_first(report.files), report.consolidated, lang, view.amount)
    files = [line.file for line in lines]
    console.print(_files_table(lines, view, console.width))
    for note in _file_footnotes(lines, view):
        console.print(Text(note, style="dim"))
    for file in files:
        if file.status == "error":
            console.print(Text(f"{Path(file.path).name}: {file.error}", style="red"))
    for file in files:
        if file.findings and file.status != "error":
            title = view.labels["findings_of"].format(unit=file.reporting_name, file=file.path)
            console.print(Text(title, style="bold"))
            render_findings(file, _file_view(file, view), console)
    if report.consolidated is not None and report.consolidated.lines:
        _render_consolidated(report.consolidated, console, view)
    console.print(_batch_verdict(report.files, view))


def _file_view(file: FileReport, view: View) -> View:
    try:
        unit = Unit(file.unit) if file.unit else view.unit
    except ValueError:
        unit = view.unit
    return View({**LABELS[view.lang], **BATCH_LABELS[view.lang]}, view.lang, unit)


def _files_table(lines: list[FileLine], view: View, width: int) -> RenderableType:
    lab = view.labels
    keys = ["col.file", "col.unit", "col.status", "col.errors", "col.warnings"]
    keys += ["col.plan_total", "col.disbursed", "col.rate"]
    table = FigureTable(lab["batch"].format(n=len(lines)), [lab[k] for k in keys], FIGURES)
    table.keep = frozenset({0})
    table.caption = lab["caption"].format(unit=view.unit_name(view.unit))
    rows = [_file_row(line, view) for line in lines]
    if any(row[5].plain.endswith("*") for row in rows):  # a note's mark: keep figures aligned
        for row in rows:
            row[5] = row[5] if row[5].plain.endswith("*") else Text(row[5].plain + " ")
    for row in rows:
        table.add_row(*row)
    return table.renderable(width)


def _file_footnotes(lines: list[FileLine], view: View) -> list[str]:
    """Under the files table: why a file's figure is not its stated total, or not counted."""
    return [
        batch_words(
            "mark_note", view.lang, file=Path(line.file.path).name, notes="; ".join(line.notes)
        )
        for line in lines
        if line.notes
    ]


def _file_row(line: FileLine, view: View) -> list[Text]:
    lab, file, shown = view.labels, line.file, line.status
    counts = list(line.open_counts.values())
    status = Text(lab[f"status.{shown}"], style=STATUS_STYLE.get(shown, ""))
    figures = ["", "", ""]
    if line.figured:
        mark = "*" if line.notes else ""
        figures = [view.amount(line.plan) + mark, view.amount(line.disbursed), view.rate(line.rate)]
    name = Path(file.path).name
    unit = file.reporting_name if file.status != "error" else ""
    return [
        Text(name),
        Text(unit),
        status,
        Text(str(counts[0]) if file.status != "error" else ""),
        Text(str(counts[1]) if file.status != "error" else ""),
        *(Text(v) for v in figures),
    ]


def _render_consolidated(consolidated: Consolidation, console: Console, view: View) -> None:
    lab = view.labels
    keys = ("col.code", "col.name", "col.plan_total", "col.disbursed", "col.rate")
    title = lab["consolidated"].format(n=consolidated.units_included)
    table = FigureTable(title, [lab[k] for k in (*keys, "col.unallocated")], FIGURES_FROM_2)
    table.caption = lab["caption"].format(unit=view.unit_name(view.unit))
    for line in consolidated.lines:
        table.add_row(*_consolidated_row(line, view), style="bold" if _is_total(line) else "")
    console.print(table.renderable(console.width))
    if consolidated.excluded:
        names = ", ".join(Path(p).name for p in consolidated.excluded)
        console.print(Text(lab["excluded"].format(files=names), style="dim"))
    for note in consolidation_notes(consolidated, view.lang, view.amount):
        console.print(Text(note, style="dim"))
    total = next((ln for ln in consolidated.lines if _is_total(ln)), None)
    if total is not None and len(total.units) > 1:
        console.print(_units_table(total, view).renderable(console.width))


def render_units(consolidated: Consolidation, console: Console, *, lang: str = "vi") -> None:
    """A consolidated sheet (one section per unit): each unit's rate beside the whole's."""
    lang = lang if lang in LABELS else "vi"
    view = View({**LABELS[lang], **BATCH_LABELS[lang]}, lang, Unit.trieu_dong)
    total = next((ln for ln in consolidated.lines if _is_total(ln)), None)
    if total is not None and len(total.units) > 1:
        console.print(_units_table(total, view).renderable(console.width))


def _is_total(line: ConsolidatedLine) -> bool:
    return line.project == "TOTAL"


def _consolidated_row(line: ConsolidatedLine, view: View) -> list[Text]:
    code = (
        view.labels["total"] if _is_total(line) else "  " * line.project.count(".") + line.project
    ) + (" *" if line.corrected else "")
    return [
        Text(code),
        Text(shorten(line.name, 70) if not _is_total(line) else ""),
        Text(view.amount(line.plan.total)),
        Text(view.amount(line.disbursed.total)),
        Text(view.rate(line.rate.total)),
        Text(view.amount(line.unallocated)),
    ]


def _units_table(total: ConsolidatedLine, view: View) -> FigureTable:
    """Each unit's rate beside the whole's, lowest first: who is behind."""
    lab = view.labels
    keys = ("col.unit", "col.plan_total", "col.disbursed", "col.rate", "col.province_rate")
    table = FigureTable(lab["per_unit"], [lab[k] for k in (*keys, "col.gap")], FIGURES_FROM_1)
    whole = total.rate.total
    for unit in sorted(total.units, key=lambda u: (u.rate is None, u.rate or 0.0)):
        gap = None if unit.rate is None or whole is None else unit.rate - whole
        style = "red" if gap is not None and gap < 0 else ""
        table.add_row(
            Text(unit.unit + (" *" if unit.corrected else "")),
            Text(view.amount(unit.plan)),
            Text(view.amount(unit.disbursed)),
            Text(view.rate(unit.rate), style=style),
            Text(view.rate(whole)),
            Text(view.rate(gap), style=style),
        )
    return table


def _batch_verdict(files: list[FileReport], view: View) -> Text:
    counts = {s: sum(1 for f in files if f.status == s) for s in STATUS_ORDER}
    style = "bold red" if counts["error"] or counts["findings"] else "bold green"
    text = BATCH_LABELS[view.lang]["verdict"].format(**counts)
    if any(has_causes(file.findings) for file in files):
        each = [cascade_counts(file.findings) for file in files]
        whole = CascadeCounts(sum(c.roots for c in each), sum(c.consequences for c in each))
        text += f"; {cascade_words(whole, view.labels)}"
    return Text(text, style=style)
