"""Data shapes: the report's pydantic schema and the parsed sheet structures the rules read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import PurePath
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

# --------------------------------------------------------------------------- fields
GROUPS: tuple[str, ...] = ("plan", "carried_over", "allocated", "unallocated", "disbursed")
"""Amount groups of a form, in the order they usually appear."""

KINDS: tuple[str, ...] = ("total", "dtpt", "sn")
"""Capital types of an amount group: total, investment (ĐTPT), recurrent (SN)."""

AMOUNT_FIELDS: tuple[str, ...] = tuple(f"{g}.{k}" for g in GROUPS for k in KINDS)
RATE_FIELDS: tuple[str, ...] = tuple(f"rate.{k}" for k in KINDS)
TEXT_FIELDS: tuple[str, ...] = ("stt", "name", "reason")


class Severity(str, Enum):
    """How serious a finding is; ordered error > warning > info."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


_UNIT_SIZES = {"dong": 1, "nghin_dong": 1_000, "trieu_dong": 1_000_000, "ty_dong": 10**9}


class Unit(str, Enum):
    """Units amounts may be declared in, with their size in đồng."""

    dong = "dong"
    nghin_dong = "nghin_dong"
    trieu_dong = "trieu_dong"
    ty_dong = "ty_dong"

    @property
    def size(self) -> int:
        """How many đồng one unit is."""
        return _UNIT_SIZES[self.value]

    @classmethod
    def named(cls, name: str | None) -> Unit:
        """The unit a report names (`FileReport.unit`); triệu đồng where it names none it knows."""
        try:
            return cls(name) if name else cls.trieu_dong
        except ValueError:
            return cls.trieu_dong


UNIT_FACTORS: tuple[int, ...] = (1_000_000, 1_000)
"""How much too large a figure typed in đồng (or nghìn đồng) is in a triệu-đồng sheet."""


def slip_factor(typed: int, right: int | float) -> int:
    """The factor a figure typed in the wrong unit is off by: the one nearest typed / right."""
    return min(UNIT_FACTORS, key=lambda factor: abs(typed / right - factor))


ModelT = TypeVar("ModelT", bound=BaseModel)
_new = object.__new__
_SET_DICT, _SET_FIELDS, _SET_EXTRA, _SET_PRIVATE = (
    BaseModel.__dict__[name].__set__
    for name in (
        "__dict__",
        "__pydantic_fields_set__",
        "__pydantic_extra__",
        "__pydantic_private__",
    )
)
"""The setters of a model's four slots (`__dict__`, the fields set, extra and private values),
looked up once rather than by name on every `object.__setattr__` of `assemble`."""


def assemble(cls: type[ModelT], values: dict[str, Any]) -> ModelT:
    """A model from values already checked, every field given: what `model_construct` does,
    without its per-field loop (the summary of a big sheet builds about 100,000 of them)."""
    model = _new(cls)
    _SET_DICT(model, values)
    _SET_FIELDS(model, _ALL_FIELDS.get(cls) or _all_fields(cls))
    _SET_EXTRA(model, None)
    _SET_PRIVATE(model, None)
    return model


_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


def _all_fields(cls: type[BaseModel]) -> set[str]:
    """Every field of a model, shared by all its assembled instances: setting a field adds a
    name already there, so the set never changes."""
    return _ALL_FIELDS.setdefault(cls, set(cls.model_fields))


# --------------------------------------------------------------------------- report (public)
class RelatedCell(BaseModel):
    """A cell a finding is about besides its own (a detail sheet's figure of CROSS_SHEET_MISMATCH)."""

    sheet: str
    cell: str | None = None
    value: int | float | None = Field(default=None, description="Its figure, in đồng")


class Hint(BaseModel):
    """The likely cause of a mismatch, given only where the arithmetic supports it."""

    kind: str = Field(
        description="transposed_digits, omitted_line, double_counted, unit_slip, sign_flip, …"
    )
    rows: list[int] = Field(default_factory=list, description="Rows of the line(s) at fault")
    cells: list[str] = Field(default_factory=list, description="Cells at fault (A1)")
    suggested: int | None = Field(
        default=None, description="The amount (đồng) the cell at fault likely should hold"
    )
    message: str = ""


class Finding(BaseModel):
    """One discrepancy or observation, located at a cell."""

    model_config = ConfigDict(use_enum_values=True)

    rule: str
    severity: Severity
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    project: str | None = None
    expected: int | float | None = None
    actual: int | float | None = None
    difference: int | float | None = None
    message: str = ""
    unit: str | None = Field(default=None, description="Section (unit) of a consolidated sheet")
    waived: bool = Field(
        default=False, description="Accepted by a waiver: still reported, not counted by --fail-on"
    )
    waiver_reason: str | None = None
    waived_by: str | None = Field(default=None, description="Who accepted the waiver")
    waiver_expires: date | None = None
    waiver_source: str | None = Field(default=None, description="The waiver's file and line")
    in_baseline: bool = Field(
        default=False, description="Already in the --baseline report: not counted by --fail-on"
    )
    related: list[RelatedCell] | None = Field(
        default=None, description="The other cells the finding is about, with their figures"
    )
    id: str | None = Field(default=None, description="Unique within its file")
    caused_by: str | None = Field(
        default=None, description="The id of the finding that explains this one (its root)"
    )
    hint: Hint | None = Field(
        default=None, description="The likely cause, where the arithmetic supports one"
    )

    @property
    def accepted(self) -> bool:
        """Waived or already known from the baseline: shown, but it fails nothing."""
        return self.waived or self.in_baseline


class Triple(BaseModel):
    """An amount (integer đồng) or rate (percent) per capital type."""

    dtpt: int | float | None = None
    sn: int | float | None = None
    total: int | float | None = None


class SummaryEntry(BaseModel):
    """Reconciliation figures of one project line, or of the whole file (project TOTAL)."""

    project: str
    name: str
    sheet: str | None = None
    row: int | None = None
    unit: str | None = None
    plan: Triple = Field(default_factory=Triple)
    carried_over: Triple = Field(default_factory=Triple)
    allocated: Triple = Field(default_factory=Triple)
    disbursed: Triple = Field(default_factory=Triple)
    rate: Triple = Field(default_factory=Triple)
    unallocated: int | None = None
    unallocated_reason: str | None = None


class SheetInfo(BaseModel):
    """How a sheet was understood: where its table is and what its columns mean."""

    name: str
    title: str | None = None
    caption: str | None = Field(
        default=None, description="A sheet with several tables: the words above this one's header"
    )
    reporting_unit: str | None = Field(default=None, description="Who reports, from the title")
    unit: str
    unit_source: str | None = Field(default=None, description="Cell the unit was read from")
    header_rows: list[int] = Field(default_factory=list)
    first_row: int | None = None
    last_row: int | None = None
    lines: int = 0
    project_lines: int = 0
    columns: dict[str, str] = Field(default_factory=dict, description="field -> column letter")
    ignored_columns: list[str] = Field(default_factory=list)


class FileReport(BaseModel):
    """Everything found in one input file."""

    path: str
    status: Literal["ok", "findings", "error"]
    error: str | None = None
    unit: str | None = None
    reporting_unit: str | None = None
    unit_assumed: bool = False
    sheets: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    summary: list[SummaryEntry] = Field(default_factory=list)
    sheet_info: list[SheetInfo] = Field(default_factory=list)
    as_of: str | None = Field(
        default=None, description="Day the figures run to (ISO), from the title lines"
    )
    period: str | None = Field(default=None, description="The period as the title names it")

    @property
    def reporting_name(self) -> str:
        """Who the file reports for: the unit named in its title, else the file's name."""
        return self.reporting_unit or PurePath(self.path).stem


class UnitFigures(BaseModel):
    """One unit's figures for one project in a consolidation, beside the province's."""

    unit: str
    path: str
    status: Literal["ok", "findings", "error"]
    plan: int | None = None
    disbursed: int | None = None
    rate: float | None = None
    corrected: bool = Field(
        default=False, description="A figure of it entered divided by a unit slip's factor"
    )


class ConsolidatedLine(BaseModel):
    """A project's figures added up over every unit included, with each unit's own."""

    project: str
    name: str
    plan: Triple = Field(default_factory=Triple)
    carried_over: Triple = Field(default_factory=Triple)
    disbursed: Triple = Field(default_factory=Triple)
    rate: Triple = Field(default_factory=Triple)
    unallocated: int | None = None
    units: list[UnitFigures] = Field(default_factory=list)
    corrected: bool = Field(
        default=False, description="Some unit's figure entered corrected for a unit slip"
    )


class LeftOut(BaseModel):
    """A readable file of a batch kept out of the consolidation: a resubmission's other copy."""

    path: str
    unit: str
    reason: Literal["duplicate_unit"] = "duplicate_unit"
    kept: str = Field(description="The file of the same unit and period counted instead")
    finding: str | None = Field(default=None, description="Id of its DUPLICATE_UNIT finding")


class Correction(BaseModel):
    """A figure flagged UNIT_SUSPECT (or a sum that added it in) entered divided by the factor."""

    path: str
    unit: str
    sheet: str | None = None
    row: int | None = None
    project: str = Field(description="The line's project code (TOTAL: the form's total)")
    field: str = Field(description="The amount field, e.g. plan.total")
    typed: int = Field(description="The figure as typed, in đồng")
    entered: int = Field(description="The figure entered into the consolidation, in đồng")
    factor: int = Field(description="1000 or 1000000")
    kind: Literal["slip", "sum"] = Field(
        default="slip", description="slip: the figure flagged; sum: a line that added it in"
    )
    finding: str | None = Field(default=None, description="Id of the UNIT_SUSPECT finding")


class FileFigures(BaseModel):
    """A file's figures as every table of a batch shows them: its project lines added up,
    unit slips corrected; where they differ from its stated total, that total beside them."""

    path: str
    unit: str
    plan: int | None = None
    disbursed: int | None = None
    rate: float | None = None
    counted: bool = Field(default=True, description="Whether they enter the province total")
    stated_plan: int | None = Field(
        default=None, description="The form's own TỔNG CỘNG plan, where it differs"
    )
    stated_disbursed: int | None = Field(
        default=None, description="The form's own TỔNG CỘNG disbursed, where it differs"
    )
    corrected: int = Field(default=0, description="How many of its figures were corrected")


class Consolidation(BaseModel):
    """The figures of all readable files (or sections) added up per project code."""

    units_included: int = 0
    excluded: list[str] = Field(
        default_factory=list, description="Paths left out: unreadable, or with errors when asked"
    )
    lines: list[ConsolidatedLine] = Field(default_factory=list)
    left_out: list[LeftOut] = Field(
        default_factory=list, description="Resubmitted files counted once: the copies left out"
    )
    corrections: list[Correction] = Field(
        default_factory=list, description="Figures entered corrected for a unit slip"
    )
    files: list[FileFigures] = Field(
        default_factory=list, description="Each readable file's figure, the same in every table"
    )


class AgainstLine(BaseModel):
    """One project line and capital type on both sides of `--against`, with the difference."""

    project: str
    name: str
    unit: str | None = None
    kind: str = Field(description="Capital type: total, dtpt or sn")
    report: int | None = None
    source: int | None = None
    difference: int | None = Field(default=None, description="report - source")
    status: Literal["match", "mismatch", "only_in_report", "only_in_source"]


class AgainstResult(BaseModel):
    """The report's figures beside another source's (the Treasury's), matched by project code."""

    path: str = Field(description="The other source")
    report_path: str
    compare: Literal["disbursed", "plan"]
    lines: list[AgainstLine] = Field(default_factory=list)


class Report(BaseModel):
    """The whole run: one entry per input file. Amounts are integer đồng."""

    tool: str = "mtqg"
    version: str
    amount_unit: str = "dong"
    files: list[FileReport] = Field(default_factory=list)
    consolidated: Consolidation | None = None
    against: AgainstResult | None = Field(
        default=None, description="The comparison with another source (`--against`)"
    )
    config: str | None = Field(default=None, description="The configuration file used, if any")
    waivers: list[WaiverStatus] = Field(
        default_factory=list, description="Every waiver read, and what became of it"
    )
    baseline: BaselineInfo | None = None


class WaiverStatus(BaseModel):
    """A waiver as written, and whether it accepted anything in this run."""

    source: str = Field(description="File and line of the waiver")
    file: str
    rule: str
    project: str | None = None
    column: str | None = None
    sheet: str | None = None
    unit: str | None = None
    reason: str
    accepted_by: str
    expires: date | None = None
    status: Literal["active", "expired", "unused", "not_checked"] = Field(
        description="active: accepted findings; expired: past its date (what it matched fails "
        "again); unused: its files were checked and nothing matched; not_checked: none of its "
        "files was in this run"
    )
    matches: int = Field(default=0, description="Findings it matched (or would have, if expired)")


class BaselineInfo(BaseModel):
    """The earlier report compared with: findings known, new, and gone since."""

    path: str
    known: int = 0
    new: int = 0
    fixed: int = 0


# --------------------------------------------------------------------------- parsed sheet (internal)
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
