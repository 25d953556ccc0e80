"""The parsed sheet structures the rules read: lines, stated rates, tree choices, tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from mtqg_cli.model.report import SheetInfo
from mtqg_cli.model.vocabulary import Unit


@dataclass
class StatedRate:
    """A rate as the form states it: percent value and the decimals it is shown with."""

    percent: float
    decimals: int

    def agrees(self, computed: float) -> bool:
        """Whether `computed` is this rate within the rounding it is shown with (what
        RATE_MISMATCH allows before its tolerance)."""
        return abs(self.percent - computed) <= 0.5 * 10.0**-self.decimals + 1e-9


@dataclass(slots=True)
class Line:
    """One data row of a table, placed in the STT hierarchy."""

    row: int
    stt: str
    name: str
    amounts: dict[str, int | None] = field(default_factory=dict)
    rates: dict[str, StatedRate | None] = field(default_factory=dict)
    reason: str = ""
    level: int = 0
    kind: str = "item"  # total | section | unit | project | subproject | content | item | breakdown
    code: str | None = None
    unknown_code: str | None = None
    parent: Line | None = field(default=None, repr=False)
    children: list[Line] = field(default_factory=list, repr=False)
    section_unit: str | None = None
    derived: dict[str, int | None] = field(default_factory=dict, repr=False, compare=False)
    """Figures worked out from the children where the line's own cell is blank (a cache)."""
    stated_at: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    """Sheet row of each figure written on another row than the line's own (a capital-type
    split row "- Vốn SN" under the line): findings on that figure point there."""

    @property
    def has_figures(self) -> bool:
        """Whether any amount is stated (a plain loop: asked of every leaf line of a sheet, it
        is several times cheaper than `any` over a generator)."""
        for value in self.amounts.values():  # noqa: SIM110
            if value is not None:
                return True
        return False

    @property
    def summed_children(self) -> list[Line]:
        """Children that add up to this line ("Trong đó" breakdowns do not)."""
        return [c for c in self.children if c.kind != "breakdown"]


@dataclass
class TreeChoice:
    """Which reading of a sheet's rows was kept for its tree, and why: how many parents and
    totals agree and disagree under each reading the sheet allows."""

    chosen: str
    scores: dict[str, tuple[int, int]] = field(default_factory=dict)
    """reading -> (figures that agree, figures that disagree)"""
    rows: list[int] = field(default_factory=list)
    """The rows the readings differ on."""
    ambiguous: bool = False
    """No reading is clearly best: the rows are in doubt (LAYOUT_AMBIGUOUS)."""


@dataclass
class Table:
    """A sheet's table as read: its lines, column map and unit, ready for the rules."""

    sheet: str
    unit: Unit
    unit_assumed: bool
    columns: dict[str, int]
    root: Line
    lines: list[Line]
    info: SheetInfo
    capital: str | None = None
    """'dtpt' or 'sn' when the whole table is of one capital type (its caption, its sheet)."""
    readings: list[TreeChoice] = field(default_factory=list)
    """The readings of rows in doubt the tree was built from, where the sheet allows several."""
    number_style: str = "vi"
    """How the table's numbers stored as text were read: "vi", or "en" when written so."""
    number_style_in_doubt: bool = False
    """Read as Vietnamese, though some text numbers can only be English (too few to decide)."""
    number_style_scores: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where the arithmetic chose the style: style -> (disagreements of the arithmetic, text
    figures with more decimals than the unit is written with) when read so."""

    def has(self, name: str) -> bool:
        return name in self.columns
