"""What `mtqg fix` wrote: the copy and each cell it changed, as the person reads them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FixChange(BaseModel):
    """One cell whose value the copy changes, as the person reads it."""

    sheet: str
    cell: str
    before: str
    after: str
    why: str
    corrected: bool = Field(description="Put right from a certain cause (a hint)")


class FixResult(BaseModel):
    """What `mtqg fix` wrote."""

    path: str
    output: str
    corrected: int = Field(description="Cells corrected from certain causes")
    formulas: int = Field(description="Formulas written (sums, totals, rates)")
    changes: list[FixChange] = Field(default_factory=list)
