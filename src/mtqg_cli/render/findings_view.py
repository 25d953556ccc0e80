"""A file's findings on the terminal: a table whose figures are never cut, or one block each."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

from mtqg_cli.model.report import FileReport, Finding
from mtqg_cli.model.vocabulary import Severity, Unit
from mtqg_cli.report.finding_order import CascadeCounts, cascade_order, has_causes
from mtqg_cli.words.numbers import format_amount, format_rate

SEVERITY_STYLE = {Severity.error: "red", Severity.warning: "yellow", Severity.info: "blue"}
MESSAGE_MIN = 40
"""Explanations get a column of their own only when it can be this wide."""
PROJECT_MAX = 14
CELL_MAX = 12
"""Widest the project and cell columns grow; longer names (a unit, a sheet) wrap."""
TEXT_MIN = 28
"""Narrowest the rule/explanation column may be before findings are printed as blocks."""
NUMBER = re.compile(r"-?\d[\d.,]*\d|\d")
"""A figure inside an explanation: digits with their group and decimal marks."""

Values = tuple[str, str, str]
"""A finding's expected, actual and difference, formatted."""
CONSEQUENCE = "↳ "
"""Put before the rule of a finding another one explains, under that one, per level."""


@dataclass(frozen=True)
class FindingsView:
    """What the findings need: labels, language and the unit amounts are shown in."""

    labels: dict[str, str]
    lang: str
    unit: Unit

    def unit_name(self, unit: Unit) -> str:
        return self.labels.get(f"unit.{unit.value}", unit.value)

    def amount(self, dong: int | float | None) -> str:
        return format_amount(dong, self.unit, self.lang)

    def rate(self, percent: int | float | None) -> str:
        return format_rate(None if percent is None else float(percent), self.lang)


def render_findings(file: FileReport, view: FindingsView, console: Console) -> None:
    """Print the findings as a table when its figures fit the console, else one block each."""
    console.print(findings_renderable(file, view, console.width))


def findings_renderable(file: FileReport, view: FindingsView, width: int) -> RenderableType:
    """The findings table, or the blocks when the width cannot hold the table's figures."""
    findings, depths = _in_cascade_order(sorted_findings(file))
    many_sheets = len({f.sheet for f in findings}) > 1 or len(file.sheets) > 1
    places = [_places(f, many_sheets) for f in findings]
    values = [_values(f, view) for f in findings]
    rows = _Rows(findings, depths, places, values)
    heads = _severity_width(findings, view) + _rule_width(findings, depths)
    for roomy in (True, False):  # headers of figures on one line if the width allows
        wide_text = width - _fixed_width(places, values, view, roomy) - heads - 3
        if wide_text >= MESSAGE_MIN:
            return _table_of(rows, view, roomy, wide_text)
    for roomy in (True, False):
        narrow_text = width - _fixed_width(places, values, view, roomy) - 3
        if narrow_text >= max(TEXT_MIN, _longest_token(findings, depths, view)):
            return _table_of(rows, view, roomy, None, narrow_text)
    return _blocks(rows, view)


@dataclass(frozen=True)
class _Rows:
    """The findings in the order shown, each with its depth under its root, place and figures."""

    findings: list[Finding]
    depths: list[int]
    places: list[tuple[Text, Text]]
    values: list[Values]


def _in_cascade_order(findings: list[Finding]) -> tuple[list[Finding], list[int]]:
    """Each root followed by the findings it explains, with their depth; as given when none
    is explained by another."""
    if not has_causes(findings):
        return findings, [0] * len(findings)
    placed = cascade_order(findings)
    return [p.finding for p in placed], [p.depth for p in placed]


def cascade_words(counts: CascadeCounts, labels: dict[str, str]) -> str:
    """The verdict's "3 lỗi gốc, 5 lỗi kéo theo": the errors that count, roots and consequences apart."""
    return labels["count.cascade"].format(
        roots=counts.roots,
        consequences=counts.consequences,
        rs="" if counts.roots == 1 else "s",
        cs="" if counts.consequences == 1 else "s",
    )


def rule_text(finding: Finding, depth: int) -> Text:
    """The rule code in bold, after an arrow indented per level when another finding explains
    it."""
    return Text.assemble(_arrow(depth), (finding.rule, "bold"))


def _arrow(depth: int) -> Text:
    return Text("  " * (depth - 1) + CONSEQUENCE if depth else "", style="dim")


def explanation(finding: Finding, view: FindingsView) -> str:
    """The finding's message, with its likely cause on a line of its own when it has one."""
    if finding.hint is None or not finding.hint.message:
        return finding.message
    hint = view.labels["hint"].format(message=finding.hint.message)
    return f"{finding.message}\n{hint}" if finding.message else hint


def sorted_findings(file: FileReport) -> list[Finding]:
    """Errors first, then warnings and notes; within a severity by sheet, then row."""
    sheets = {name: i for i, name in enumerate(file.sheets)}

    def key(f: Finding) -> tuple[int, int, int]:
        sheet = sheets.get(f.sheet or "", len(sheets))
        return (-Severity(f.severity).rank, sheet, f.row if f.row is not None else sys.maxsize)

    return sorted(file.findings, key=key)


def _table_of(
    rows: _Rows,
    view: FindingsView,
    roomy: bool,
    message_width: int | None,
    head_width: int | None = None,
) -> Table:
    """The table: severity, rule and explanation in columns of their own (`message_width`), or
    rule and explanation stacked in one column `head_width` wide."""
    lab, wide = view.labels, message_width is not None
    places, values = rows.places, rows.values
    if wide:
        columns = [Column(lab["col.severity"], no_wrap=True), Column(lab["col.rule"], no_wrap=True)]
    else:
        columns = [Column(lab["col.rule_message"], width=head_width, overflow="fold")]
    cell_width = min(_natural(lab["col.cell"], [p[0] for p in places]), CELL_MAX)
    project_width = min(_natural(lab["col.project"], [p[1] for p in places]), PROJECT_MAX)
    columns += [
        Column(lab["col.cell"], width=cell_width, overflow="fold"),
        Column(lab["col.project"], width=project_width, overflow="fold"),
    ]
    keys = ("col.expected", "col.actual", "col.difference")
    columns += [figure_column(lab[k], [v[i] for v in values], roomy) for i, k in enumerate(keys)]
    if wide:
        columns.append(Column(lab["col.message"], width=message_width, overflow="fold"))
    table = findings_frame(lab["findings"], columns)
    table.show_lines = not wide
    table.caption = lab["caption.findings"].format(unit=view.unit_name(view.unit))
    shown = zip(rows.findings, rows.depths, places, values, strict=True)
    for finding, depth, place, value in shown:
        cells = [*_head(finding, depth, view, wide=wide), *place]
        cells += [Text(v, justify="right") for v in value]
        table.add_row(*cells, *([Text(explanation(finding, view))] if wide else []))
    return table


def _blocks(rows: _Rows, view: FindingsView) -> Group:
    """One block per finding: rule and place, the figures one per line, then the explanation."""
    lab = view.labels
    parts: list[RenderableType] = [Text(lab["findings"], style="bold")]
    heads = (lab["col.expected"], lab["col.actual"], lab["col.difference"])
    label_width = max(cell_len(h) for h in heads) + 1
    shown = zip(rows.findings, rows.depths, rows.places, rows.values, strict=True)
    for finding, depth, (cell, project), value in shown:
        title = Text.assemble(_arrow(min(depth, 1)), severity_text(finding, view), " ")
        title.append(finding.rule, style="bold")
        place = " — ".join(p for p in (cell.plain.replace("\n", " "), project.plain) if p)
        if place:
            title.append(f" — {place.replace(chr(10), ' ')}")
        lines = [title]
        for head, figure in zip(heads, value, strict=True):
            if figure:
                lines.append(Text(f"  {head + ':':<{label_width}} {figure}"))
        if finding.message or finding.hint is not None:
            lines.append(Text(explanation(finding, view)))
        parts.append(Padding(Group(*lines), (1, 0, 0, 2 * max(depth - 1, 0))))
    parts.append(Text(lab["caption.findings"].format(unit=view.unit_name(view.unit)), style="dim"))
    return Group(*parts)


def _head(finding: Finding, depth: int, view: FindingsView, *, wide: bool) -> list[Text]:
    """Severity and rule in their own cells, or one cell with the message below them."""
    severity = severity_text(finding, view)
    if wide:
        return [severity, rule_text(finding, depth)]
    head = Text.assemble(_arrow(depth), severity, " ", (finding.rule, "bold"))
    message = explanation(finding, view)
    if message:
        head.append("\n" + message)
    return [head]


def severity_text(finding: Finding, view: FindingsView) -> Text:
    """The finding's severity in words, dimmed with its mark when it is waived or known."""
    severity = Severity(finding.severity)
    label = view.labels[f"sev.{severity.value}"]
    if finding.accepted:
        mark = view.labels["waived" if finding.waived else "in_baseline"]
        return Text(f"{label} ({mark})", style="dim")
    return Text(label, style=SEVERITY_STYLE[severity])


def _places(finding: Finding, many_sheets: bool) -> tuple[Text, Text]:
    sheet = finding.sheet if many_sheets else None
    return _stacked(finding.cell, sheet), _stacked(finding.project, finding.unit)


def _stacked(main: str | None, below: str | None) -> Text:
    text = Text(main or "")
    if below:
        text.append(("\n" if main else "") + below, style="dim")
    return text


def _values(finding: Finding, view: FindingsView) -> Values:
    rate = finding.column.startswith("rate.") if finding.column else finding.rule == "RATE_MISMATCH"
    show: Callable[[int | float | None], str] = view.rate if rate else view.amount
    return show(finding.expected), show(finding.actual), show(finding.difference)


def _fixed_width(
    places: list[tuple[Text, Text]], values: list[Values], view: FindingsView, roomy: bool
) -> int:
    """Width of the cell, project and figure columns, each with its padding and divider, and
    the table's outer edge."""
    lab = view.labels
    width = min(_natural(lab["col.cell"], [p[0] for p in places]), CELL_MAX) + 3
    width += min(_natural(lab["col.project"], [p[1] for p in places]), PROJECT_MAX) + 3
    keys = ("col.expected", "col.actual", "col.difference")
    for i, key in enumerate(keys):
        width += _natural(lab[key], [Text(v[i]) for v in values], header_wraps=not roomy) + 3
    return width + 1


def _severity_width(findings: list[Finding], view: FindingsView) -> int:
    texts = [severity_text(f, view) for f in findings]
    return _natural(view.labels["col.severity"], texts) + 3


def _rule_width(findings: list[Finding], depths: list[int]) -> int:
    rules = (rule_text(f, d) for f, d in zip(findings, depths, strict=True))
    return max((cell_len(r.plain) for r in rules), default=1) + 3


def _longest_token(findings: list[Finding], depths: list[int], view: FindingsView) -> int:
    """The widest word the rule/explanation column must hold whole: a rule code (with its
    arrow) or a figure."""
    widths = [cell_len(rule_text(f, d).plain) for f, d in zip(findings, depths, strict=True)]
    widths += [cell_len(view.labels[f"sev.{f.severity}"]) for f in findings]
    texts = [explanation(f, view) for f in findings]
    widths += [cell_len(n) for text in texts for n in NUMBER.findall(text)]
    return max(widths, default=1) + 1  # a figure may end its sentence with a full stop


def _natural(header: str, cells: Iterable[Text], *, header_wraps: bool = True) -> int:
    """Width a column's content needs: its widest line, and its header's widest word."""
    lines = [cell_len(line) for cell in cells for line in cell.plain.split("\n")]
    heads = header.split() if header_wraps else [header]
    return max([*(cell_len(word) for word in heads), *lines, 1])


def figure_column(header: str, values: list[str], roomy: bool = False) -> Column:
    """A right-aligned column as wide as its widest figure, or its header when `roomy`; the
    header wraps at its spaces otherwise."""
    width = _natural(header, [Text(v) for v in values], header_wraps=not roomy)
    return Column(header, justify="right", width=width, no_wrap=True, overflow="fold")


def findings_frame(title: str, columns: list[Column]) -> Table:
    """A report table: title on the left, heavy rule under the header, no outer frame."""
    return Table(
        *columns,
        title=title,
        title_justify="left",
        title_style="bold",
        caption_justify="right",
        box=box.SIMPLE_HEAVY,
        header_style="bold",
        expand=False,
    )
