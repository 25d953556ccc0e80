"""What the user chose for a run (the command line, completed by the configuration): the one
options object every stage reads, from opening a workbook to writing its report."""

from __future__ import annotations

from dataclasses import dataclass

from mtqg_cli.form.pinning import LayoutPin
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.limit_values import DEFAULT_LIMITS, Limits

UNIT_CHOICES = {
    "trieu": Unit.trieu_dong,
    "nghin": Unit.nghin_dong,
    "dong": Unit.dong,
    "ty": Unit.ty_dong,
}


@dataclass(frozen=True)
class Options:
    """What the user chose on the command line."""

    unit: Unit | None = None
    lang: str = "vi"
    sheet: str | None = None
    tolerance: int = 1_000
    number_style: str = "vi"
    debug: bool = False
    recursive: bool = False
    exclude_errors: bool = False
    workers: int | None = None
    start_method: str | None = None
    """How worker processes start ("spawn", "fork", "forkserver"); None: the platform's default
    (spawn on Windows and macOS, where each worker imports mtqg afresh)."""
    limits: Limits = DEFAULT_LIMITS
    """Size, rows, columns, cells and text length an input may have (checked before loading)."""
    default_unit: Unit | None = None
    """The unit of a sheet with no unit line (from the configuration); else triệu đồng."""
    sheets: tuple[str, ...] = ()
    """Names or glob patterns of the sheets to read (from the configuration); empty: all."""
    rate_tolerance: float = 0.0
    """Percentage points a stated rate may differ by, beyond the rounding it is shown with."""
    rule_settings: tuple[tuple[str, str], ...] = ()
    """(rule code, "off" or a severity) pairs from the configuration."""
    layout: LayoutPin | None = None
    """Header rows, columns, unit pinned by the user (`[layout]`, `--layout FILE.toml`)."""
    reader: str = "calamine"
    """How an .xlsx/.xlsm is read: "calamine" (fast) or "openpyxl" (slow, the reference)."""
    keep_duplicates: bool = False
    """Count both files of a unit's resubmission in the consolidation (still reported)."""
