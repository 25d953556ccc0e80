"""One file's report on the terminal: how sheets were read, findings, summary, verdict."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

from mtqg_cli.form.blank import has_no_figures, shown_status
from mtqg_cli.model.report import FileReport, Report, SheetInfo, SummaryEntry
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.render.batch_view import render_units
from mtqg_cli.render.findings_view import (
    figure_column,
    findings_frame,
    render_findings,
)
from mtqg_cli.render.view_parts import STATUS_STYLE, View, shorten, verdict
from mtqg_cli.words.language import for_language
from mtqg_cli.words.terminal import LABELS

NAME_MIN, NAME_WIDTH, REASON_MIN = 24, 40, 16
"""Summary widths: the name column's least and greatest, the reason column's least."""
NAME_MAX = 80
"""Project names longer than this are shortened with an ellipsis in the summary."""
COMPACT_NAME_MIN = 10
"""Narrowest the code-and-name column may be before the optional figure columns go."""
SPLIT_KEYS = frozenset({"col.plan_dtpt", "col.plan_sn"})
"""Summary columns left out when the console is too narrow for every column."""


# --------------------------------------------------------------------------- report
def render_report(
    report: Report, console: Console, *, lang: str = "vi", display_unit: Unit | None = None
) -> None:
    """Print every file of the report: header, sheets read, findings, summary and verdict."""
    labels = for_language(LABELS, lang)
    lang = lang if lang in LABELS else "vi"
    for index, file in enumerate(report.files):
        if index:
            console.print()
        _render_file(file, console, View(labels, lang, _display_unit(file, display_unit)))
    if report.consolidated is not None and len(report.files) == 1:
        render_units(report.consolidated, console, lang=lang)


def _display_unit(file: FileReport, display_unit: Unit | None) -> Unit:
    if display_unit is not None:
        return display_unit
    try:
        return Unit(file.unit)
    except ValueError:
        return Unit.trieu_dong


def _render_file(file: FileReport, console: Console, view: View) -> None:
    console.print(_header(file, view))
    if file.status == "error":
        console.print(Text(file.error or view.labels["status.error"], style="red"))
        return
    for info in file.sheet_info:
        console.print(_sheet_grid(info, view))
    if file.findings:
        render_findings(file, view, console)
    if file.summary:
        table, hidden = _summary_table(file.summary, view, console.width)
        console.print(table)
        if hidden:
            names = ", ".join(view.labels[s.key] for s in hidden)
            note = view.labels["columns_hidden"].format(columns=names)
            console.print(Text(note, style="dim"), justify="right")
    console.print(verdict(file.findings, view))
    if has_no_figures(file):
        console.print(Text(view.labels["blank_note"], style="bold yellow"))


def _header(file: FileReport, view: View) -> Text:
    shown = shown_status(file)
    status = view.labels.get(f"status.{shown}", shown)
    text = Text(f"{view.labels['file']}: ", style="bold")
    text.append(file.path, style="bold")
    text.append(" — ")
    text.append(status, style=STATUS_STYLE.get(file.status, ""))
    return text


# --------------------------------------------------------------------------- sheet info
def _sheet_grid(info: SheetInfo, view: View) -> Padding:
    lab = view.labels
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    named = info.caption or info.title
    title = f"«{info.name}»" + (f" — {named}" if named else "")
    grid.add_row(Text(lab["sheet"]), Text(title))
    grid.add_row(Text(lab["unit"]), Text(_unit_part(info, view)))
    grid.add_row(Text(lab["table"]), Text("; ".join(_table_parts(info, lab))))
    if info.columns:
        grid.add_row(Text(lab["columns"]), Text(_column_map(info.columns, lab), style="dim"))
    return Padding(grid, (0, 0, 0, 2), expand=False)


def _unit_part(info: SheetInfo, view: View) -> str:
    lab = view.labels
    if info.unit_source is None:
        return f"{lab['assumed']} {view.unit_name(info.unit)}"
    return f"{view.unit_name(info.unit)} ({lab['cell']} {info.unit_source})"


def _table_parts(info: SheetInfo, lab: dict[str, str]) -> list[str]:
    parts = []
    if info.first_row is not None or info.last_row is not None:
        parts.append(f"{lab['rows']} {_span(info.first_row, info.last_row)}")
    if info.header_rows:
        parts.append(f"{lab['header_rows']} {_rows(info.header_rows)}")
    parts.append(lab["lines"].format(lines=info.lines, projects=info.project_lines))
    return parts


def _span(first: int | None, last: int | None) -> str:
    return f"{'?' if first is None else first}–{'?' if last is None else last}"


def _rows(rows: list[int]) -> str:
    ordered = sorted(rows)
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return _span(ordered[0], ordered[-1])
    return ", ".join(str(r) for r in ordered)


def _column_map(columns: dict[str, str], lab: dict[str, str]) -> str:
    """Each column read, in sheet order, with the field it holds in short words: "C: KH tổng"."""

    def order(item: tuple[str, str]) -> tuple[int, str]:
        return (len(item[1]), item[1])

    return ", ".join(
        f"{letter}: {_field_words(name, lab)}"
        for name, letter in sorted(columns.items(), key=order)
    )


def _field_words(name: str, lab: dict[str, str]) -> str:
    group, _, kind = name.partition(".")
    words = lab.get(f"field.{group}", group)
    return f"{words} {lab.get(f'kind.{kind}', kind)}" if kind else words


# --------------------------------------------------------------------------- summary
@dataclass(frozen=True)
class _AmountSpec:
    """One numeric column of the summary: its label key and how to read an entry."""

    key: str
    get: Callable[[SummaryEntry], int | float | None]
    rate: bool = False
    optional: bool = True


SUMMARY_AMOUNTS: tuple[_AmountSpec, ...] = (
    _AmountSpec("col.plan_dtpt", lambda e: e.plan.dtpt),
    _AmountSpec("col.plan_sn", lambda e: e.plan.sn),
    _AmountSpec("col.plan_total", lambda e: e.plan.total, optional=False),
    _AmountSpec("col.disbursed", lambda e: e.disbursed.total, optional=False),
    _AmountSpec("col.rate", lambda e: e.rate.total, rate=True, optional=False),
    _AmountSpec("col.unallocated", lambda e: e.unallocated),
)


def _summary_table(
    entries: list[SummaryEntry], view: View, width: int
) -> tuple[Table, list[_AmountSpec]]:
    """The summary table, and the columns left out for want of width."""
    specs = [s for s in SUMMARY_AMOUNTS if not s.optional or _any(entries, s.get)]
    reasons = any(e.unallocated_reason for e in entries)
    for roomy in (True, False):  # headers of figures on one line if the width allows
        needed = _summary_width(entries, specs, view, roomy)
        wide = needed + (REASON_MIN + 3) * reasons <= width
        shown = specs if wide else [s for s in specs if s.key not in SPLIT_KEYS]
        compact = _summary_width(entries, shown, view, roomy) > width
        name_width = _compact_name_width(entries, shown, view, width, roomy)
        if not compact or name_width >= COMPACT_NAME_MIN:
            break
    if compact and name_width < COMPACT_NAME_MIN:
        shown = [s for s in shown if not s.optional]
        name_width = _compact_name_width(entries, shown, view, width, roomy)
    columns = _summary_columns(entries, shown, view, roomy, reason_column=reasons and wide)
    if compact:
        name = Column(view.labels["col.name"], width=max(name_width, 1), overflow="fold")
        columns = [name, *columns[2:]]
    table = findings_frame(view.labels["summary"], columns)
    table.caption = view.labels["caption"].format(unit=view.unit_name(view.unit))
    for entry, section in _with_sections(entries):
        if section is not None:
            _add_section_row(table, section, len(columns))
        elif _is_total(entry) and table.row_count:
            table.add_section()
        cells = _summary_cells(entry, shown, view, reason_column=reasons and wide)
        if compact:
            cells = [_code_and_name(cells[0], cells[1], entry), *cells[2:]]
        table.add_row(*cells, style="bold" if _is_total(entry) else "")
    return table, [s for s in specs if s not in shown]


def _compact_name_width(
    entries: list[SummaryEntry], specs: list[_AmountSpec], view: View, width: int, roomy: bool
) -> int:
    """What is left for the code-and-name column once every figure column has its width."""
    values = [[Text(_spec_value(s, e, view)) for e in entries] for s in specs]
    figures = sum(_width(view.labels[s.key], v, roomy) for s, v in zip(specs, values, strict=True))
    return min(width - figures - 1 - 3, NAME_WIDTH)


def _summary_columns(
    entries: list[SummaryEntry],
    specs: list[_AmountSpec],
    view: View,
    roomy: bool,
    *,
    reason_column: bool,
) -> list[Column]:
    lab = view.labels
    columns = [Column(lab["col.code"], no_wrap=True), Column(lab["col.name"], max_width=NAME_WIDTH)]
    for spec in specs:
        values = [_spec_value(spec, e, view) for e in entries]
        columns.append(figure_column(lab[spec.key], values, roomy))
    if reason_column:
        columns.append(Column(lab["col.reason"], max_width=NAME_WIDTH, min_width=REASON_MIN))
    return columns


def _summary_width(
    entries: list[SummaryEntry], specs: list[_AmountSpec], view: View, roomy: bool
) -> int:
    """Width the summary needs with every column shown and the name at its minimum."""
    lab = view.labels
    width = _width(lab["col.code"], [_code(e, view) for e in entries]) + NAME_MIN + 4
    values = [[Text(_spec_value(s, e, view)) for e in entries] for s in specs]
    return width + sum(_width(lab[s.key], v, roomy) for s, v in zip(specs, values, strict=True))


def _spec_value(spec: _AmountSpec, entry: SummaryEntry, view: View) -> str:
    value = spec.get(entry)
    return view.rate(value) if spec.rate else view.amount(value)


def _any(entries: Iterable[SummaryEntry], get: Callable[[SummaryEntry], object]) -> bool:
    return any(get(e) is not None for e in entries)


def _with_sections(entries: list[SummaryEntry]) -> Iterable[tuple[SummaryEntry, str | None]]:
    """Each entry with the unit name to announce before it when a new unit section starts."""
    current: str | None = None
    for entry in entries:
        starts = entry.unit is not None and entry.unit != current
        current = entry.unit
        yield entry, entry.unit if starts else None


def _add_section_row(table: Table, unit: str, width: int) -> None:
    if table.row_count:
        table.add_section()
    table.add_row(Text(""), Text(unit, style="bold underline"), *[Text("")] * (width - 2))


def _is_total(entry: SummaryEntry) -> bool:
    return entry.project.upper() == "TOTAL"


def _code(entry: SummaryEntry, view: View) -> Text:
    if _is_total(entry):
        return Text(view.labels["total"])
    return Text("  " * entry.project.count(".") + entry.project)


def _summary_cells(
    entry: SummaryEntry, specs: list[_AmountSpec], view: View, *, reason_column: bool
) -> list[Text]:
    name = Text(shorten(entry.name, NAME_MAX))
    if entry.unallocated_reason and not reason_column:
        name.append(f"\n{view.labels['col.reason']}: {entry.unallocated_reason}", style="italic")
    cells = [_code(entry, view), name]
    cells += [Text(_spec_value(s, entry, view), justify="right") for s in specs]
    if reason_column:
        cells.append(Text(entry.unallocated_reason or ""))
    return cells


def _code_and_name(code: Text, name: Text, entry: SummaryEntry) -> Text:
    """Narrow consoles: the code in bold above the name, in one column."""
    if _is_total(entry):
        return Text(code.plain.strip(), style="bold")
    merged = Text(code.plain.strip(), style="bold")
    merged.append(" ")
    merged.append_text(name)
    return merged


# --------------------------------------------------------------------------- shared pieces
def _width(header: str, cells: Iterable[Text], whole_header: bool = False) -> int:
    """Width a column takes in a table: its widest line or header (word), padding and divider."""
    lines = [cell_len(line) for cell in cells for line in cell.plain.split("\n")]
    heads = [header] if whole_header else header.split()
    return max([*(cell_len(word) for word in heads), *lines, 1]) + 3
