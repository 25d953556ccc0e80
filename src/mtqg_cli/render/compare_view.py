"""Two sides on the terminal: a report beside another source, two periods, the history by quarter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from mtqg_cli.model.report import AgainstResult, FileReport, Report
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.render.findings_view import render_findings
from mtqg_cli.render.fit import FigureTable
from mtqg_cli.render.view_parts import View, verdict
from mtqg_cli.words.compare import COMPARE_WORDS
from mtqg_cli.words.terminal import LABELS

if TYPE_CHECKING:
    from mtqg_cli.compare.periods import Comparison, PeriodPair
    from mtqg_cli.store.history import History

STATUS_STYLE = {"match": "green", "mismatch": "bold red", "only_in_report": "yellow"}


def _view(lang: str, unit: Unit) -> View:
    lang = lang if lang in LABELS else "vi"
    return View({**LABELS[lang], **COMPARE_WORDS[lang]}, lang, unit)


# --------------------------------------------------------------------------- --against
def render_against(report: Report, console: Console, *, lang: str = "vi") -> None:
    """The report's figures and the other source's side by side, with the difference."""
    result: AgainstResult | None = report.against
    if result is None:
        return
    file = next((f for f in report.files if f.path == result.report_path), None)
    view = _view(lang, Unit.named(file.unit if file else None))
    lab = view.labels
    headers = [lab[k] for k in ("col.code", "col.name", "col.kind", "col.report", "col.source")]
    headers += [lab["col.diff"], lab["col.status"]]
    what = lab[f"what.{result.compare}"]
    title = lab["against"].format(what=what, source=Path(result.path).name)
    table = FigureTable(title, headers, frozenset({3, 4, 5}))
    table.caption = lab["caption"].format(unit=view.unit_name(view.unit))
    for line in result.lines:
        if line.status == "match" and (line.kind != "total" or not (line.report or line.source)):
            continue
        code = lab["total"] if line.project == "TOTAL" else line.project
        name = f"{line.unit}: {line.name}" if line.unit else line.name
        table.add_row(
            code,
            name,
            lab[f"kind.{line.kind}"],
            view.amount(line.report),
            view.amount(line.source),
            view.amount(line.difference) if line.difference else "",
            Text(lab[f"st.{line.status}"], style=STATUS_STYLE.get(line.status, "yellow")),
        )
    console.print(table.renderable(console.width))


# --------------------------------------------------------------------------- compare
def render_comparison(comparison: Comparison, console: Console, *, lang: str = "vi") -> None:
    """Each pair of periods: its findings, then each project's progress; files left unpaired."""
    for index, pair in enumerate(comparison.pairs):
        if index:
            console.print()
        _render_pair(pair, console, _view(lang, Unit.named(pair.amount_unit)))
    lab = _view(lang, Unit.trieu_dong).labels
    for key, files in (
        ("only_earlier", comparison.only_earlier),
        ("only_later", comparison.only_later),
        ("unreadable", comparison.unreadable),
    ):
        if files:
            console.print(Text(lab[key].format(files=", ".join(files)), style="yellow"))


def _render_pair(pair: PeriodPair, console: Console, view: View) -> None:
    lab = view.labels
    then = pair.earlier_period or Path(pair.earlier).name
    now = pair.later_period or Path(pair.later).name
    if pair.earlier_as_of and pair.later_as_of:
        then, now = f"{then} ({pair.earlier_as_of})", f"{now} ({pair.later_as_of})"
    console.print(Text(lab["pair"].format(unit=pair.unit, then=then, now=now), style="bold"))
    if pair.findings:
        holder = FileReport(path=pair.later, status="ok", findings=pair.findings)
        console.print(Text(lab["pair_findings"], style="bold"))
        render_findings(holder, view, console)
    else:
        console.print(lab["no_change"])
    keys = ("col.code", "col.name", "col.plan_now", "col.rate_then", "col.rate_now", "col.between")
    table = FigureTable(lab["progress"], [lab[k] for k in keys], frozenset({2, 3, 4, 5}))
    table.caption = lab["caption"].format(unit=view.unit_name(view.unit))
    for item in pair.progress:
        table.add_row(
            lab["total"] if item.project == "TOTAL" else item.project,
            f"{item.unit}: {item.name}" if item.unit else item.name,
            view.amount(item.plan_now),
            view.rate(item.rate_then),
            view.rate(item.rate_now),
            view.amount(item.disbursed_between),
        )
    console.print(table.renderable(console.width))
    console.print(verdict(pair.findings, view))


# --------------------------------------------------------------------------- history
def render_history(history: History, console: Console, *, lang: str = "vi") -> None:
    """Per unit and project, the disbursement rate of each quarter."""
    view = _view(lang, Unit.trieu_dong)
    lab = view.labels
    if not history.rows:
        console.print(lab["history_empty"])
        return
    headers = [lab["col.unit"], lab["col.code"], lab["col.name"], *history.quarters]
    title = lab["history"].format(kind=lab[f"kind.{history.kind}"])
    table = FigureTable(title, headers, frozenset(range(3, len(headers))))
    for row in history.rows:
        table.add_row(
            row.unit,
            lab["total"] if row.project == "TOTAL" else row.project,
            row.name,
            *(view.rate(row.rates[q]) if q in row.rates else "" for q in history.quarters),
        )
    console.print(table.renderable(console.width))
