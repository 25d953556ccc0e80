"""Compare two periods: both sides checked, refused when they are two units, then paired."""

from __future__ import annotations

from pathlib import Path

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.compare.periods import Comparison, compare_reports, refuse_other_units
from mtqg_cli.form.options import Options
from mtqg_cli.model.errors import UsageError


def compare_periods(earlier: Path, later: Path, options: Options, *, force: bool) -> Comparison:
    """Two files, or two folders matched by unit, compared (`force`: even two units)."""
    if earlier.is_dir() != later.is_dir():
        raise UsageError("compare_mixed")
    before, after = reconcile_paths([earlier], options), reconcile_paths([later], options)
    if not force:
        refuse_other_units(before, after)
    return compare_reports(before, after, tolerance=options.tolerance, lang=options.lang)
