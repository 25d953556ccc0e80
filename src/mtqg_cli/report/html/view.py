"""The HTML report's view-model: what the templates draw, as plain data (no markup in it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

_AFTER_SEPARATOR = re.compile(r"(?<=[/\\])")


def breakable(path: str) -> list[str]:
    """A path in pieces, each ending at a folder separator: the page may wrap between them."""
    return _AFTER_SEPARATOR.split(path)


@dataclass(frozen=True)
class Badge:
    """A coloured label: a file's status (`st-ok`…) or a finding's severity (`sev-error`…)."""

    part: ClassVar[str] = "badge"
    kind: str
    text: str


@dataclass(frozen=True)
class Sub:
    """A smaller line under a cell's main text; `cls` is its class ("sub", "sub err"…)."""

    cls: str
    text: str


@dataclass(frozen=True)
class About:
    """A file in the overview: its path, then a line per sheet, its error and its notes."""

    part: ClassVar[str] = "about"
    path: list[str]
    subs: list[Sub]


@dataclass(frozen=True)
class RuleCode:
    """A finding's rule code, after an arrow when another finding explains it."""

    part: ClassVar[str] = "rule"
    code: str
    arrow: bool


@dataclass(frozen=True)
class Message:
    """A finding's message, what explains it and its hint (each on a line of its own)."""

    part: ClassVar[str] = "message"
    text: str
    cause: str | None
    hint: str | None


@dataclass(frozen=True)
class Who:
    """The unit a finding belongs to and the file's name (a batch tells resubmissions apart)."""

    part: ClassVar[str] = "who"
    unit: str
    name: list[str]


@dataclass(frozen=True)
class Place:
    """The cell of a finding and, under it, its sheet."""

    part: ClassVar[str] = "place"
    cell: str
    sheet: str | None


Content = Badge | About | RuleCode | Message | Who | Place


@dataclass(frozen=True)
class Cell:
    """A table cell: text (or `content` drawn by the template), class, tooltip, sort value."""

    text: object = ""
    cls: str = ""
    title: str = ""
    sort: object | None = None
    content: Content | None = None


@dataclass(frozen=True)
class Column:
    """A column heading and its kind: "text", "num" (sorted by number) or "rank"."""

    label: str
    kind: str


@dataclass(frozen=True)
class Row:
    """A table row: its cells, or a `section` heading across all columns; a finding's row carries
    its severity, rule and file for the page's filters."""

    cells: list[Cell] = field(default_factory=list)
    cls: str = ""
    section: str | None = None
    severity: str | None = None
    rule: str = ""
    file: int = 0


@dataclass(frozen=True)
class Table:
    """A table whose headings sort it (with the page's script)."""

    id: str
    columns: list[Column]
    rows: list[Row]
    caption: str = ""
    cls: str = ""


@dataclass(frozen=True)
class Card:
    kind: str
    count: int
    label: str


@dataclass(frozen=True)
class Header:
    title: str
    made: str
    units: str
    verdict: str
    links: list[tuple[str, str]]
    """Each section's anchor and name."""


@dataclass(frozen=True)
class Select:
    """A drop-down filter of the findings: all, then each value with its count."""

    id: str
    label: str
    all: str
    options: list[tuple[str, str]]


@dataclass(frozen=True)
class Findings:
    """The findings section: a note when there is none, else the filters and the table."""

    heading: str
    none: str | None
    search: str = ""
    selects: list[Select] = field(default_factory=list)
    count_template: str = ""
    count: str = ""
    sort_hint: str = ""
    table: Table | None = None
    empty: str = ""
    noscript: str = ""


@dataclass(frozen=True)
class FileTable:
    """One file's summary lines, under its name (and path) when there are several."""

    name: str
    path: str
    table: Table
    named: bool


@dataclass(frozen=True)
class Summary:
    """The figures: a batch's consolidation (with notes and each file's lines folded away) or
    each file's lines; then each unit's rate when there are several units."""

    heading: str
    batch: str | None
    consolidated: Table | None
    notes: list[str]
    files_label: str
    files: list[FileTable]
    units_heading: str
    units: Table | None


@dataclass(frozen=True)
class Tick:
    x: float
    top: int
    bottom: int
    label_y: int
    value: int


@dataclass(frozen=True)
class BarView:
    """One bar drawn: its colour band, texts and where they go; no `width` when no rate."""

    kind: str
    tooltip: str
    label: str
    strong: bool
    label_x: int
    y: int
    middle: float
    value: str
    value_x: float
    left: int
    width: float | None
    height: int


@dataclass(frozen=True)
class Chart:
    """An SVG bar chart with its caption and legend."""

    id: str
    title: str
    width: int
    height: int
    ticks: list[Tick]
    bars: list[BarView]
    legend: list[tuple[str, str]]


@dataclass(frozen=True)
class Charts:
    heading: str
    none: str | None
    charts: list[Chart]


@dataclass(frozen=True)
class PageView:
    """Everything the page shows, in its order; `style` and `script` are the pinned assets."""

    lang: str
    policy: str
    version: str
    title: str
    style: str
    script: str
    header: Header
    cards: list[Card]
    overview_heading: str
    overview: Table
    findings: Findings
    summary: Summary
    charts: Charts
    footer: str
