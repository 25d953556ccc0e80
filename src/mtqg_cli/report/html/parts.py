"""Pieces of the HTML report: escaping, number cells, sortable tables, the page's words and unit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from mtqg_cli.form.numbers import format_amount, format_rate
from mtqg_cli.model.report import FileReport
from mtqg_cli.model.vocabulary import Severity, Unit
from mtqg_cli.words.messages import unit_name

STATUSES = ("ok", "findings", "error")
SEVERITIES = ("error", "warning", "info")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

NUM_HEAD = ' class="num"'
Column = tuple[str, str]
"""A column heading and its kind: "text", "num" (sorted by number) or "rank"."""


def esc(value: object) -> str:
    """Text from anywhere (a submission included) made safe for HTML, in text or an attribute:
    markup characters and quotes escaped, control characters replaced."""
    text = "" if value is None else str(value)
    return escape(_CONTROL.sub("\ufffd", text), quote=True)


@dataclass(frozen=True)
class Page:
    """What every part of the page needs: its words, language and the unit amounts are shown in."""

    words: dict[str, str]
    lang: str
    unit: Unit

    def list(self, key: str) -> list[str]:
        return self.words[key].split("|")

    def amount(self, dong: int | float | None) -> str:
        return format_amount(dong, self.unit, self.lang)

    def rate(self, percent: int | float | None) -> str:
        return format_rate(None if percent is None else float(percent), self.lang)

    def unit_name(self, unit: Unit | str | None = None) -> str:
        try:
            return unit_name(Unit(unit) if unit else self.unit, self.lang)
        except ValueError:
            return str(unit)

    def status(self, status: str) -> str:
        words = dict(zip(STATUSES, self.list("status"), strict=True))
        return words.get(status, self.words.get(f"status.{status}", status))

    def severity(self, severity: str) -> str:
        return dict(zip(SEVERITIES, self.list("severity"), strict=True)).get(severity, severity)


def display_unit(files: Sequence[FileReport]) -> Unit:
    """The unit every readable file declares, else triệu đồng (the meeting's unit)."""
    units = {f.unit for f in files if f.status != "error" and f.unit}
    if len(units) == 1:
        try:
            return Unit(units.pop())
        except ValueError:
            pass
    return Unit.trieu_dong


def badge(kind: str, text: str) -> str:
    return f'<span class="badge {esc(kind)}">{esc(text)}</span>'


def status_badge(page: Page, status: str) -> str:
    return badge(f"st-{status}", page.status(status))


def severity_badge(page: Page, severity: str) -> str:
    return badge(f"sev-{severity}", page.severity(severity))


def severity_rank(severity: str) -> int:
    try:
        return Severity(severity).rank
    except ValueError:
        return 0


def text_cell(text: object, cls: str = "", *, raw: bool = False, title: str = "") -> str:
    """A cell of text (escaped unless `raw`), with a class and a tooltip if given."""
    attrs = (f' class="{esc(cls)}"' if cls else "") + (f' title="{esc(title)}"' if title else "")
    return f"<td{attrs}>{text if raw else esc(text)}</td>"


def num_cell(text: str, value: int | float | None, cls: str = "") -> str:
    """A right-aligned number cell that sorts by `value` (blank cells sort last)."""
    sort = "" if value is None else f' data-v="{value}"'
    return f'<td class="num{" " + esc(cls) if cls else ""}"{sort}>{esc(text)}</td>'


def rate_cell(page: Page, rate: int | float | None) -> str:
    """A rate cell coloured by band: below 30 % low, below 60 % mid, else high."""
    if rate is None:
        return num_cell("", None)
    value = float(rate)
    kind = "low" if value < 30 else "mid" if value < 60 else "high"
    return num_cell(page.rate(value), value, f"rate rate-{kind}")


_CELL = re.compile(r"<td(?=[\s>])")


def labelled(row: str, labels: Sequence[str]) -> str:
    """A `<tr>` whose cells carry their column's heading (`data-label`): on a phone each row is
    a card of «heading: value» lines (see report.css)."""
    cells = iter(labels)

    def add(_: re.Match[str]) -> str:
        return f'<td data-label="{esc(next(cells, ""))}"'

    return _CELL.sub(add, row)


def table(
    columns: Sequence[Column],
    rows: Sequence[str],
    *,
    table_id: str,
    caption: str = "",
    cls: str = "",
) -> str:
    """A table whose headings sort it (with the page's script); rows are `<tr>` markup."""
    heads = "".join(
        f'<th scope="col" data-type="{esc(kind)}"{NUM_HEAD if kind == "num" else ""}>'
        f'<span class="label">{esc(label)}</span>'
        f'<button type="button" class="sort" aria-label="{esc(label)}"></button></th>'
        for label, kind in columns
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    labels = [label for label, _ in columns]
    body = "".join(labelled(row, labels) for row in rows)
    return (
        f'<div class="scroll"><table id="{esc(table_id)}" class="sortable {esc(cls)}">{cap}'
        f"<thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table></div>"
    )
