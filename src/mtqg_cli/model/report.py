"""The report's pydantic schema: findings, sheets, files, consolidation, the whole report."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mtqg_cli.model.vocabulary import Severity


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
