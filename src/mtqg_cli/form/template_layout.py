"""Where things sit on the form `mtqg template` writes: its sheet, rows and columns.

Shared by the writer (`template`) and the reader of a filled form (`pinning.template_pin`), so
reading a form does not depend on the code that writes one.
"""

from __future__ import annotations

(
    STT,
    NAME,
    CODE,
    PLAN,
    PLAN_DTPT,
    PLAN_SN,
    ALLOC,
    UNALLOC,
    DISB,
    DISB_DTPT,
    DISB_SN,
    RATE,
    REASON,
) = range(13)
"""The form's columns, 0-based, left to right."""
INPUTS = ("plan.dtpt", "plan.sn", "allocated.total", "disbursed.dtpt", "disbursed.sn")
"""The fields a unit types (every other amount is a formula)."""
INPUT_COLUMNS = {
    "plan.dtpt": PLAN_DTPT,
    "plan.sn": PLAN_SN,
    "allocated.total": ALLOC,
    "disbursed.dtpt": DISB_DTPT,
    "disbursed.sn": DISB_SN,
}
SHEET_NAME = "Biểu 01"
HEADER_ROW = 6  # 0-based: header rows 7-9, column numbers on row 10, total on row 11
FIRST_LINE = HEADER_ROW + 4
FIELD_OF = {
    PLAN: "plan.total",
    PLAN_DTPT: "plan.dtpt",
    PLAN_SN: "plan.sn",
    ALLOC: "allocated.total",
    UNALLOC: "unallocated.total",
    DISB: "disbursed.total",
    DISB_DTPT: "disbursed.dtpt",
    DISB_SN: "disbursed.sn",
}
"""Amount column -> field: what pinning.template_pin reads a filled form with."""
