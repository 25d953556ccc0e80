"""The report as one self-contained HTML page (`--format html`): each file's status, the findings
with their cells (sorted and filtered in the page, offline), the figures per project, rate charts.

Nothing is fetched: the style sheet and the script are inline and pinned by a Content Security
Policy, the charts are inline SVG. This module prepares the view; the templates in `data/html/`
draw it, and the template engine escapes every text.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from datetime import date
from pathlib import Path

from mtqg_cli import __version__
from mtqg_cli.figures.overview import file_lines, severity_counts, worst_first
from mtqg_cli.model.report import Consolidation, FileReport, Finding, Report, SheetInfo
from mtqg_cli.model.vocabulary import STATUSES
from mtqg_cli.report.finding_order import Placed
from mtqg_cli.report.html import explained
from mtqg_cli.report.html.engine import render, template_text
from mtqg_cli.report.html.parts import (
    SEVERITIES,
    Page,
    display_unit,
    num_cell,
    rate_cell,
    severity_badge,
    severity_rank,
    status_badge,
)
from mtqg_cli.report.html.summary import charts_section, summary_section
from mtqg_cli.report.html.view import (
    About,
    Card,
    Cell,
    Column,
    Findings,
    Header,
    PageView,
    Place,
    Row,
    Select,
    Sub,
    Table,
    Who,
    breakable,
)
from mtqg_cli.words.html import HTML_WORDS, words_for

SECTIONS = ("tong-quan", "sai-lech", "tong-hop", "bieu-do")


def render_html(report: Report, lang: str = "vi", *, today: date | None = None) -> str:
    """The whole page; `today` is the date it says it was made (default: today)."""
    return render("page.html.j2", page=page_view(report, lang, today=today))


def page_view(report: Report, lang: str = "vi", *, today: date | None = None) -> PageView:
    """What the page shows, from the report."""
    lang = lang if lang in HTML_WORDS else "vi"
    page = Page(words_for(lang), lang, display_unit(report.files))
    files = worst_first(report.files)
    css, script = template_text("report.css"), template_text("report.js")
    style = css + explained.STYLE if explained.style_needed(files) else css
    policy = (
        f"default-src 'none'; style-src '{_digest(style)}'; "
        f"script-src '{_digest(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return PageView(
        lang=lang,
        policy=policy,
        version=__version__,
        title=_title(files, page),
        style=style,
        script=script,
        header=_header(files, page, today or date.today()),
        cards=_cards(files, page),
        overview_heading=page.words["overview"],
        overview=_overview(files, page, report.consolidated),
        findings=_findings(files, page),
        summary=summary_section(report, page),
        charts=charts_section(report, page),
        footer=page.words["footer"],
    )


def _digest(text: str) -> str:
    """The CSP source that allows exactly this inline style or script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _title(files: list[FileReport], page: Page) -> str:
    what = (
        files[0].reporting_name
        if len(files) == 1
        else f"{len(files)} {page.list('cards')[0].lower()}"
    )
    return f"{page.words['title']} — {what}"


def _header(files: list[FileReport], page: Page, today: date) -> Header:
    words = page.words
    made = words["made"].format(
        date=today.strftime("%d/%m/%Y" if page.lang == "vi" else "%Y-%m-%d"), version=__version__
    )
    units = words["units"].format(unit=page.unit_name())
    totals = Counter[str]()
    for file in files:
        totals.update(severity_counts(file))
    verdict = words["verdict"].format(**{s: totals[s] for s in SEVERITIES})
    verdict += explained.verdict_extra(files, page)
    links = list(zip(SECTIONS, page.list("nav"), strict=True))
    return Header(words["title"], made, units, verdict, links)


def _cards(files: list[FileReport], page: Page) -> list[Card]:
    status = Counter(f.status for f in files)
    totals = Counter[str]()
    for file in files:
        totals.update(severity_counts(file))
    labels = page.list("cards")
    values = [
        ("files", len(files)), ("ok", status["ok"]), ("findings", status["findings"]),
        ("unreadable", status["error"]), ("error", totals["error"]),
        ("warning", totals["warning"]), ("info", totals["info"]),
    ]  # fmt: skip
    return [Card(kind, n, label) for (kind, n), label in zip(values, labels, strict=True)]


def _overview(files: list[FileReport], page: Page, consolidated: Consolidation | None) -> Table:
    heads = page.list("overview.cols")
    columns = [Column(heads[0], "text"), Column(heads[1], "text"), Column(heads[2], "rank")]
    columns += [Column(head, "num") for head in heads[3:]]
    rows = []
    for line in file_lines(files, consolidated, page.lang, page.amount):
        file, counts, notes = line.file, line.counts, line.notes
        plan, disbursed, rate = line.plan, line.disbursed, line.rate
        subs = [Sub("sub", _sheet_line(info, page)) for info in file.sheet_info]
        if file.error:
            subs.append(Sub("sub err", file.error))
        if notes:
            subs.append(Sub("sub note", "* " + "; ".join(notes)))
        rank = STATUSES.index(file.status) if file.status in STATUSES else 3
        cells = [
            Cell(content=About(breakable(file.path), subs)),
            Cell(file.reporting_name),
            Cell(sort=rank, content=status_badge(page, line.status)),
            *(num_cell(str(counts[s]), counts[s]) for s in SEVERITIES),
            num_cell(page.amount(plan) + (" *" if notes else ""), plan),
            num_cell(page.amount(disbursed), disbursed),
            rate_cell(page, rate),
        ]
        rows.append(Row(cells))
    caption = page.words["units"].format(unit=page.unit_name())
    return Table("bang-tong-quan", columns, rows, caption=caption)


def _sheet_line(info: SheetInfo, page: Page) -> str:
    source = page.words["unit_source"].format(cell=info.unit_source) if info.unit_source else ""
    return page.words["sheet_line"].format(
        sheet=info.name,
        unit=page.unit_name(info.unit),
        source=source,
        first=info.first_row or "",
        last=info.last_row or "",
    )


def _findings(files: list[FileReport], page: Page) -> Findings:
    words = page.words
    found = [(i, file, p) for i, file in enumerate(files) for p in explained.in_order(file)]
    if not found:
        return Findings(words["findings"], words["findings.none"])
    many = len(files) > 1
    findings = [p.finding for _, _, p in found]
    severities = Counter(str(f.severity) for f in findings)
    rules = Counter(f.rule for f in findings)
    sev_options = [
        (s, f"{page.severity(s)} ({severities[s]})") for s in SEVERITIES if severities[s]
    ]
    rule_options = [(r, f"{r} ({n})") for r, n in sorted(rules.items())]
    selects = [
        Select("f-sev", words["filter.severity"], words["filter.all"], sev_options),
        Select("f-rule", words["filter.rule"], words["filter.all"], rule_options),
    ]
    if many:
        options = [(str(i), f.reporting_name) for i, f in enumerate(files) if f.findings]
        selects.append(Select("f-file", words["filter.file"], words["filter.all"], options))
    template = words["filter.count"]
    heads = page.list("findings.cols")
    kinds = ["rank", "text", "text", "rank", "text", "text", "num", "num", "num"]
    columns = [Column(h, k) for h, k in zip(heads, kinds, strict=True) if many or h != heads[2]]
    rows = [_finding_row(index, file, placed, page, many=many) for index, file, placed in found]
    caption = words["units"].format(unit=page.unit_name())
    return Findings(
        words["findings"],
        None,
        search=words["filter.text"],
        selects=selects,
        count_template=template,
        count=template.format(shown=len(found), total=len(found)),
        sort_hint=words["sort"],
        table=Table("bang-sai-lech", columns, rows, caption=caption, cls="findings"),
        empty=words["filter.empty"],
        noscript=words["noscript"],
    )


def _finding_row(index: int, file: FileReport, placed: Placed, page: Page, *, many: bool) -> Row:
    f = placed.finding
    severity = str(f.severity)
    is_rate = (f.column or "").startswith("rate.")

    def value(v: int | float | None, *, signed: bool = False) -> Cell:
        if v is None:
            return num_cell("", None)
        text = f"{page.rate(v)} %" if is_rate else page.amount(v)
        return num_cell(text, v, "neg" if signed and v < 0 else "")

    cells = [
        Cell(sort=severity_rank(severity), content=severity_badge(page, severity)),
        Cell(cls=explained.rule_class(placed), content=explained.rule_code(placed)),
    ]
    if many:  # two files of one unit (a resubmission) are told apart by the file's name
        who = Who(f.unit or file.reporting_name, breakable(Path(file.path).name))
        cells.append(Cell(cls="unit", title=file.path, content=who))
    cells += [
        Cell(cls="place", sort=_cell_order(f), content=Place(f.cell or "", f.sheet)),
        Cell(f.project or "", "code"),
        Cell(cls="message", content=explained.message(placed, page)),
        value(f.expected),
        value(f.actual),
        value(f.difference, signed=True),
    ]
    return Row(cells, "consequence" if placed.depth else "", None, severity, f.rule, index)


def _cell_order(f: Finding) -> int:
    """Sort key of a cell: by row, then by column letters."""
    letters = "".join(c for c in (f.cell or "") if c.isalpha()).upper()
    column = 0
    for char in letters[:3]:
        column = column * 26 + (ord(char) - 64)
    return (f.row or 0) * 20_000 + column
