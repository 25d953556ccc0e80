"""Reports whose findings explain one another: a real reconciled file with causes set by hand.

`huyen-mau-shape.xlsx` has plan SN of Dự án 1 typed 3.815.500 nghìn đồng (its lines add up to
3.806.500): the SUM_MISMATCH at C9 is made the root, with a hint; E9's mismatch, the allocation
mismatch at H9 and the province-total one at H25 are its consequences, and the rate at L9 is a
consequence of H9 (two levels down). The other findings stay roots.
"""

from __future__ import annotations

from pathlib import Path

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Finding, Hint, Report

FIXTURES = Path(__file__).parent / "fixtures"
FORM = FIXTURES / "huyen-mau-shape.xlsx"
HINT_VI = "Có lẽ hai chữ số của C9 bị đảo: 3.815.500 → 3.806.500"
HINT_EN = "Two digits of C9 were likely swapped: 3,815,500 → 3,806,500"
CAUSES = {"E9": "C9", "H9": "C9", "L9": "H9", "H25": "C9"}
"""Each consequence's cell, with the cell of the finding that explains it."""
ROOT_CELLS = ("C9", "M20", "L21")


def by_cell(file: FileReport, cell: str) -> Finding:
    return next(f for f in file.findings if f.cell == cell)


def explained_file(lang: str = "vi", path: Path = FORM) -> FileReport:
    """The reconciled file with the causes above set on its findings."""
    file = reconcile_file(path, Options(lang=lang))
    for finding in file.findings:  # only the causes set here, whatever the checks find
        finding.caused_by, finding.hint = None, None
    root = by_cell(file, "C9")
    message = HINT_EN if lang == "en" else HINT_VI
    root.hint = Hint(
        kind="transposed_digits", rows=[9], cells=["C9"], suggested=3_806_500_000, message=message
    )
    for cell, cause in CAUSES.items():
        by_cell(file, cell).caused_by = by_cell(file, cause).id
    return file


def explained_report(lang: str = "vi") -> Report:
    return Report(version="0.0.0", files=[explained_file(lang)])


def plain_report(lang: str = "vi") -> Report:
    """The same file with no finding explaining another and no hint."""
    file = reconcile_file(FORM, Options(lang=lang))
    for finding in file.findings:
        finding.caused_by, finding.hint = None, None
    return Report(version="0.0.0", files=[file])
