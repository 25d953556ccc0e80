"""Pieces of the HTML report's view: the page's words and unit, badges, number cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtqg_cli.model.report import FileReport
from mtqg_cli.model.vocabulary import STATUSES, Severity, Unit
from mtqg_cli.report.html.view import Badge, Cell
from mtqg_cli.words.messages import unit_name
from mtqg_cli.words.numbers import format_amount, format_rate

SEVERITIES = ("error", "warning", "info")


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


def status_badge(page: Page, status: str) -> Badge:
    return Badge(f"st-{status}", page.status(status))


def severity_badge(page: Page, severity: str) -> Badge:
    return Badge(f"sev-{severity}", page.severity(severity))


def severity_rank(severity: str) -> int:
    try:
        return Severity(severity).rank
    except ValueError:
        return 0


def num_cell(text: str, value: int | float | None, cls: str = "") -> Cell:
    """A right-aligned number cell that sorts by `value` (blank cells sort last)."""
    return Cell(text, f"num {cls}" if cls else "num", sort=value)


def rate_cell(page: Page, rate: int | float | None) -> Cell:
    """A rate cell coloured by band: below 30 % low, below 60 % mid, else high."""
    if rate is None:
        return num_cell("", None)
    value = float(rate)
    kind = "low" if value < 30 else "mid" if value < 60 else "high"
    return num_cell(page.rate(value), value, f"rate rate-{kind}")
