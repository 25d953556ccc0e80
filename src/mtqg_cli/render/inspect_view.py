"""The rich view of `mtqg inspect`: each sheet's table, columns, unit, tree and text numbers."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from mtqg_cli.check.rules.tree import reading_name, row_list
from mtqg_cli.words.inspect import CAPITAL, KINDS, WORDS, field_words, unit_words
from mtqg_cli.words.messages import NUMBER_ISSUES


def render_inspection(inspection: Any, console: Console, *, lang: str = "vi") -> None:
    """Print an `Inspection` (see inspection.py) for a person to check against the sheet."""
    w = WORDS["en" if lang == "en" else "vi"]
    console.print(Text(f"{w['file']}: {inspection.path}", style="bold"))
    if inspection.legacy_encoding:
        console.print(f"  {w['legacy']}: {inspection.legacy_encoding.upper()}")
    for sheet in inspection.sheets:
        console.print()
        head = Text(f"{w['sheet']} «{sheet.name}»", style="bold cyan")
        if not sheet.table:
            console.print(head, Text(f"— {w['no_table']}", style="dim"))
            continue
        console.print(head, Text(f"({w['pinned']})", style="yellow") if sheet.pinned else "")
        _overview(sheet, console, w, lang)
        _columns(sheet, console, w, lang)
        _reading(sheet, console, w, lang)
        _tree(sheet, console, w, lang)
        _text_numbers(sheet, console, w, lang)


def _overview(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    info = sheet.info
    unit = unit_words(info.unit, lang)
    header = ", ".join(str(r) for r in info.header_rows)
    rows = w["rows"].format(first=info.first_row, last=info.last_row, header=header)
    console.print(f"  {w['table']:<8} {rows}")
    if info.unit_source:
        where = w["unit_cell"].format(cell=info.unit_source)
        console.print(f"  {w['unit']:<8} {unit} ({where})")
    else:
        console.print(f"  {w['unit']:<8} {unit} — {w['unit_none'].format(unit=unit)}")
    if info.title:
        console.print(f"  {w['title']:<8} {info.title}", overflow="ellipsis", no_wrap=True)
    reporter = info.reporting_unit or Text(w["reporter_none"], style="dim")
    console.print(f"  {w['reporter']}: ", reporter, sep="", overflow="ellipsis", no_wrap=True)
    _table_words(sheet, console, w)


def _table_words(sheet: Any, console: Console, w: dict[str, Any]) -> None:
    """The table's caption and capital type, repeated header rows, columns chosen by arithmetic."""
    if sheet.caption or sheet.capital:
        parts = [sheet.caption or "", w["capital"][sheet.capital] if sheet.capital else ""]
        label = w["caption"] if sheet.caption else w["capital_label"]
        console.print(f"  {label:<8} {' — '.join(p for p in parts if p)}")
    if sheet.skipped_rows:
        rows = ", ".join(str(r) for r in sheet.skipped_rows)
        console.print(Text(f"  {w['repeated'].format(rows=rows)}", style="dim"))
    if sheet.number_style == "en":
        console.print(f"  {w['english_numbers']}")
    for choice in sheet.column_choices:
        counts = ", ".join(f"{col}: {n}" for col, n in choice.candidates.items())
        said = w["choice"].format(field=choice.field, chosen=choice.chosen, counts=counts)
        tie = w["choice_tie"] if choice.ambiguous else ""
        hidden = (
            w["choice_hidden"].format(columns=", ".join(choice.hidden)) if choice.hidden else ""
        )
        console.print(Text(f"  {said}{hidden}{tie}", style="yellow" if choice.ambiguous else ""))


def _columns(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    table = RichTable(title=w["columns"], title_justify="left", show_edge=False)
    table.add_column(w["column"])
    table.add_column(w["header"], overflow="fold")
    table.add_column(w["field"])
    for column in sheet.columns:
        field = field_words(column.field, lang) if column.field else Text(w["ignored"], style="dim")
        table.add_row(column.column, column.header, field)
    console.print(table)


def _reading(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    """Which reading of the rows in doubt was kept, and the figures that chose it."""
    for reading in sheet.readings:
        _one_reading(reading, console, w, lang)
    if sheet.number_style_scores:
        chosen = w["style"].get(sheet.number_style, sheet.number_style)
        console.print(f"  {w['reading']:<8} {w['style_chosen'].format(style=chosen)}:")
        for score in sheet.number_style_scores:
            said = w["style_score"].format(
                style=w["style"].get(score.style, score.style),
                disagreements=score.disagreements,
                decimals=score.too_many_decimals,
            )
            console.print(f"           {said}")
    base = sheet.rate_base
    if base is not None:
        chosen, other = base.agree_with_carried, base.agree_plan_only
        if base.plan_only:
            chosen, other = other, chosen
        console.print(f"  {w['reading']:<8} {w['rate_base'][base.plan_only]},")
        console.print(f"           {w['rate_base_why'].format(chosen=chosen, other=other)}.")


def _one_reading(reading: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    scores = {s.reading: s for s in reading.scores}
    best = scores[reading.chosen]
    others = "; ".join(
        w["reading_other"].format(name=reading_name(s.reading, lang), agree=s.agree,
                                  disagree=s.disagree)
        for s in reading.scores if s.reading != reading.chosen
    )  # fmt: skip
    rows = row_list(reading.rows, lang)
    chosen = reading_name(reading.chosen, lang)
    console.print(f"  {w['reading']:<8} {w['reading_rows'].format(rows=rows, chosen=chosen)},")
    why = w["reading_why"].format(agree=best.agree, disagree=best.disagree, others=others)
    console.print(f"           {why}.")
    if reading.ambiguous:
        console.print(Text(f"           {w['reading_doubt']}.", style="yellow"))


def _tree(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    root = Tree(Text(w["tree"], style="bold"))
    nodes: dict[int, Tree] = {}
    for line in sheet.lines:
        parent = nodes.get(line.parent_row or -1, root)
        nodes[line.row] = parent.add(_label(line, w, lang))
    console.print(root)
    if sheet.unmatched:
        console.print(Text(f"  {w['unmatched'].format(n=len(sheet.unmatched))}", style="yellow"))


def _label(line: Any, w: dict[str, Any], lang: str) -> Text:
    text = Text(f"{line.row:>4}  ")
    if line.stt:
        text.append(f"{line.stt} ", style="bold")
    text.append(line.name[:70] + ("…" if len(line.name) > 70 else ""))
    if line.code:
        text.append(f"  [{line.code}]", style="green")
    elif line.unknown_code:
        text.append(f"  ({w['unknown'].format(code=line.unknown_code)})", style="red")
    elif line.capital:
        text.append(f"  ({w['split'].format(capital=CAPITAL[line.capital], row=line.parent_row)})",
                    style="cyan")  # fmt: skip
    elif line.kind not in ("total", "section", "unit", "breakdown"):
        text.append(f"  ({w['no_code']}: {w['no_code_why']})", style="yellow")
    kinds = KINDS["en" if lang == "en" else "vi"]
    text.append(f"  {kinds.get(line.kind, line.kind)}", style="dim")
    return text


def _text_numbers(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    if not sheet.text_numbers:
        return
    table = RichTable(title=w["text_numbers"], title_justify="left", show_edge=False)
    for key in ("cell", "field", "text", "read", "issue"):
        table.add_column(w.get(key, key))
    for item in sheet.text_numbers:
        issues = NUMBER_ISSUES["en" if lang == "en" else "vi"]
        issue = issues.get(item.issue, item.issue) if item.issue else ""
        table.add_row(item.cell, field_words(item.field, lang), item.text, item.read or "", issue)
    console.print(table)
