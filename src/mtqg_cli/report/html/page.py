"""The report as one self-contained HTML page (`--format html`): each file's status, the findings
with their cells (sorted and filtered in the page, offline), the figures per project, rate charts.

Nothing is fetched: the style sheet and the script are inline and pinned by a Content Security
Policy, the charts are inline SVG, and every text is escaped.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from datetime import date
from importlib import resources
from pathlib import Path

from mtqg_cli import __version__
from mtqg_cli.figures.notes import figures_of, file_notes
from mtqg_cli.form.blank import shown_status
from mtqg_cli.model.report import Consolidation, FileReport, Finding, Report, SheetInfo
from mtqg_cli.report.finding_order import Placed
from mtqg_cli.report.html import explained
from mtqg_cli.report.html.parts import (
    SEVERITIES,
    STATUSES,
    Column,
    Page,
    display_unit,
    esc,
    num_cell,
    rate_cell,
    severity_badge,
    severity_rank,
    status_badge,
    table,
    text_cell,
)
from mtqg_cli.report.html.summary import charts_section, summary_section
from mtqg_cli.words.html import HTML_WORDS, words_for

SECTIONS = ("tong-quan", "sai-lech", "tong-hop", "bieu-do")


def render_html(report: Report, lang: str = "vi", *, today: date | None = None) -> str:
    """The whole page; `today` is the date it says it was made (default: today)."""
    lang = lang if lang in HTML_WORDS else "vi"
    page = Page(words_for(lang), lang, display_unit(report.files))
    files = sorted(report.files, key=_worst_first)
    css, script = _asset("report.css"), _asset("report.js")
    style = css + explained.STYLE if explained.style_needed(files) else css
    policy = (
        f"default-src 'none'; style-src '{_digest(style)}'; "
        f"script-src '{_digest(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    body = [
        _header(files, page, today or date.today()),
        "<main>",
        _cards(files, page),
        _overview(files, page, report.consolidated),
        _findings(files, page),
        summary_section(report, page),
        charts_section(report, page),
        "</main>",
        f'<footer class="page"><div class="wrap"><p>{esc(page.words["footer"])}</p></div></footer>',
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" class="no-js">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="mtqg {esc(__version__)}">\n'
        f"<title>{esc(_title(files, page))}</title>\n"
        + f"<style>{style}</style>\n"
        + "</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{script}</script>\n</body>\n</html>\n"
    )


def _asset(name: str) -> str:
    return resources.files("mtqg_cli").joinpath("data", "html", name).read_text("utf-8")


def _digest(text: str) -> str:
    """The CSP source that allows exactly this inline style or script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _counts(file: FileReport) -> Counter[str]:
    return Counter(str(f.severity) for f in file.findings)


def _worst_first(file: FileReport) -> tuple[int, int, int, str]:
    counts = _counts(file)
    return (STATUSES[::-1].index(file.status), -counts["error"], -counts["warning"], file.path)


def _title(files: list[FileReport], page: Page) -> str:
    what = (
        files[0].reporting_name
        if len(files) == 1
        else f"{len(files)} {page.list('cards')[0].lower()}"
    )
    return f"{page.words['title']} — {what}"


def _header(files: list[FileReport], page: Page, today: date) -> str:
    words = page.words
    made = words["made"].format(
        date=today.strftime("%d/%m/%Y" if page.lang == "vi" else "%Y-%m-%d"), version=__version__
    )
    units = words["units"].format(unit=page.unit_name())
    totals = Counter[str]()
    for file in files:
        totals.update(_counts(file))
    verdict = words["verdict"].format(**{s: totals[s] for s in SEVERITIES})
    verdict += explained.verdict_extra(files, page)
    links = "".join(
        f'<a href="#{anchor}">{esc(label)}</a>'
        for anchor, label in zip(SECTIONS, page.list("nav"), strict=True)
    )
    return (
        f'<header class="page"><div class="wrap"><h1>{esc(words["title"])}</h1>'
        f'<p class="meta">{esc(made)} · {esc(units)}</p>'
        f'<p class="verdict">{esc(verdict)}</p>'
        f'<nav class="sections">{links}</nav></div></header>'
    )


def _cards(files: list[FileReport], page: Page) -> str:
    status = Counter(f.status for f in files)
    totals = Counter[str]()
    for file in files:
        totals.update(_counts(file))
    labels = page.list("cards")
    values = [
        ("files", len(files)), ("ok", status["ok"]), ("findings", status["findings"]),
        ("unreadable", status["error"]), ("error", totals["error"]),
        ("warning", totals["warning"]), ("info", totals["info"]),
    ]  # fmt: skip
    items = "".join(
        f'<li class="card c-{kind}"><span class="n">{n}</span><span class="l">{esc(label)}</span></li>'
        for (kind, n), label in zip(values, labels, strict=True)
    )
    return f'<ul class="cards">{items}</ul>'


def _overview(files: list[FileReport], page: Page, consolidated: Consolidation | None) -> str:
    heads = page.list("overview.cols")
    columns: list[Column] = [(heads[0], "text"), (heads[1], "text"), (heads[2], "rank")]
    columns += [(head, "num") for head in heads[3:]]
    rows = []
    for file in files:
        total = next((e for e in file.summary if e.project == "TOTAL"), None)
        plan = None if total is None else total.plan.total
        disbursed = None if total is None else total.disbursed.total
        rate = None if total is None else total.rate.total
        counted, notes = figures_of(consolidated, file), []
        if counted is not None and consolidated is not None:  # one figure per file, as counted
            plan, disbursed, rate = counted.plan, counted.disbursed, counted.rate
            notes = file_notes(consolidated, counted, page.lang, page.amount)
        counts = _counts(file)
        about = [f'<div class="path">{_breakable(file.path)}</div>']
        about += [
            f'<div class="sub">{esc(_sheet_line(info, page))}</div>' for info in file.sheet_info
        ]
        if file.error:
            about.append(f'<div class="sub err">{esc(file.error)}</div>')
        if notes:
            about.append(f'<div class="sub note">* {esc("; ".join(notes))}</div>')
        rank = STATUSES.index(file.status) if file.status in STATUSES else 3
        cells = [
            text_cell("".join(about), raw=True),
            text_cell(file.reporting_name),
            f'<td data-v="{rank}">{status_badge(page, shown_status(file))}</td>',
            *(num_cell(str(counts[s]), counts[s]) for s in SEVERITIES),
            num_cell(page.amount(plan) + (" *" if notes else ""), plan),
            num_cell(page.amount(disbursed), disbursed),
            rate_cell(page, rate),
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = page.words["units"].format(unit=page.unit_name())
    return (
        f'<section id="tong-quan"><h2>{esc(page.words["overview"])}</h2>'
        + table(columns, rows, table_id="bang-tong-quan", caption=caption)
        + "</section>"
    )


def _breakable(path: str) -> str:
    """A path, escaped, that may wrap after each folder separator."""
    return esc(path).replace("/", "/<wbr>").replace("\\", "\\<wbr>")


def _sheet_line(info: SheetInfo, page: Page) -> str:
    source = page.words["unit_source"].format(cell=info.unit_source) if info.unit_source else ""
    return page.words["sheet_line"].format(
        sheet=info.name,
        unit=page.unit_name(info.unit),
        source=source,
        first=info.first_row or "",
        last=info.last_row or "",
    )


def _findings(files: list[FileReport], page: Page) -> str:
    words = page.words
    out = [f'<section id="sai-lech"><h2>{esc(words["findings"])}</h2>']
    found = [(i, file, p) for i, file in enumerate(files) for p in explained.in_order(file)]
    if not found:
        out.append(f'<p class="note">{esc(words["findings.none"])}</p></section>')
        return "".join(out)
    many = len(files) > 1
    out.append(_controls(files, [p.finding for _, _, p in found], page, many=many))
    heads = page.list("findings.cols")
    kinds = ["rank", "text", "text", "rank", "text", "text", "num", "num", "num"]
    columns: list[Column] = [
        (h, k) for h, k in zip(heads, kinds, strict=True) if many or h != heads[2]
    ]
    rows = [_finding_row(index, file, placed, page, many=many) for index, file, placed in found]
    caption = words["units"].format(unit=page.unit_name())
    out.append(table(columns, rows, table_id="bang-sai-lech", caption=caption, cls="findings"))
    out.append(f'<p id="f-empty" class="note" hidden>{esc(words["filter.empty"])}</p>')
    out.append(f'<noscript><p class="note">{esc(words["noscript"])}</p></noscript></section>')
    return "".join(out)


def _controls(files: list[FileReport], found: list[Finding], page: Page, *, many: bool) -> str:
    words = page.words
    severities = Counter(str(f.severity) for f in found)
    rules = Counter(f.rule for f in found)
    sev_options = [
        (s, f"{page.severity(s)} ({severities[s]})") for s in SEVERITIES if severities[s]
    ]
    rule_options = [(r, f"{r} ({n})") for r, n in sorted(rules.items())]
    parts = [
        f'<label class="grow"><span>{esc(words["filter.text"])}</span>'
        '<input id="f-text" type="search" autocomplete="off" spellcheck="false"></label>',
        _select("f-sev", words["filter.severity"], sev_options, words["filter.all"]),
        _select("f-rule", words["filter.rule"], rule_options, words["filter.all"]),
    ]
    if many:
        options = [(str(i), f.reporting_name) for i, f in enumerate(files) if f.findings]
        parts.append(_select("f-file", words["filter.file"], options, words["filter.all"]))
    template = words["filter.count"]
    shown = template.format(shown=len(found), total=len(found))
    parts.append(f'<output id="f-count" data-template="{esc(template)}">{esc(shown)}</output>')
    hint = f'<p class="hint">{esc(words["sort"])}</p>'
    return f'<div class="controls" role="search">{"".join(parts)}</div>{hint}'


def _select(select_id: str, label: str, options: list[tuple[str, str]], all_label: str) -> str:
    items = "".join(f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in options)
    return (
        f'<label><span>{esc(label)}</span><select id="{select_id}">'
        f'<option value="">{esc(all_label)}</option>{items}</select></label>'
    )


def _finding_row(index: int, file: FileReport, placed: Placed, page: Page, *, many: bool) -> str:
    f = placed.finding
    severity = str(f.severity)
    is_rate = (f.column or "").startswith("rate.")

    def value(v: int | float | None, *, signed: bool = False) -> str:
        if v is None:
            return num_cell("", None)
        text = f"{page.rate(v)} %" if is_rate else page.amount(v)
        return num_cell(text, v, "neg" if signed and v < 0 else "")

    place = f'<span class="cell">{esc(f.cell or "")}</span>'
    if f.sheet:
        place += f'<div class="sub">{esc(f.sheet)}</div>'
    cells = [
        f'<td data-v="{severity_rank(severity)}">{severity_badge(page, severity)}</td>',
        text_cell(explained.rule_markup(placed), explained.rule_class(placed), raw=True),
    ]
    if many:  # two files of one unit (a resubmission) are told apart by the file's name
        who = f"<div>{esc(f.unit or file.reporting_name)}</div>"
        who += f'<div class="sub file">{_breakable(Path(file.path).name)}</div>'
        cells.append(text_cell(who, "unit", raw=True, title=file.path))
    cells += [
        f'<td class="place" data-v="{_cell_order(f)}">{place}</td>',
        text_cell(f.project or "", "code"),
        text_cell(explained.message_markup(placed, page), "message", raw=True),
        value(f.expected),
        value(f.actual),
        value(f.difference, signed=True),
    ]
    attrs = f'data-sev="{esc(severity)}" data-rule="{esc(f.rule)}" data-file="{index}"'
    attrs += ' class="consequence"' if placed.depth else ""
    return f"<tr {attrs}>{''.join(cells)}</tr>"


def _cell_order(f: Finding) -> int:
    """Sort key of a cell: by row, then by column letters."""
    letters = "".join(c for c in (f.cell or "") if c.isalpha()).upper()
    column = 0
    for char in letters[:3]:
        column = column * 26 + (ord(char) - 64)
    return (f.row or 0) * 20_000 + column
