"""Annotated copies and the blank template rendered by LibreOffice: every word of every wrapped
cell is on the page, so no row is too short for its text (issue 20)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from ci_needs import missing
from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.form.options import Options
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.report.annotate import annotate_copies
from mtqg_cli.report.template import write_template

ROOT = Path(__file__).resolve().parents[2]
FAULTY = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"


def pdf_words(source: Path, folder: Path) -> Counter[str]:
    """The words LibreOffice puts on the printed pages of `source`."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        missing("LibreOffice")
    if shutil.which("pdftotext") is None:
        missing("pdftotext (poppler-utils)")
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(source)],
        check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    pdf = folder / f"{source.stem}.pdf"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return Counter(words(text))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("\u00ad", ""))


def test_libreoffice_shows_every_word_of_an_annotated_copy(tmp_path: Path) -> None:
    report = reconcile_paths([FAULTY], Options())
    (copy,) = annotate_copies(report, tmp_path / "out")
    book = openpyxl.load_workbook(copy)
    for name in book.sheetnames[:-1]:  # print only the findings sheet
        del book[name]
    only = tmp_path / "sai-lech.xlsx"
    book.save(only)
    shown = pdf_words(only, tmp_path)
    needed: Counter[str] = Counter()
    for finding in report.files[0].findings:
        needed.update(words(finding.message))
    lost = needed - shown
    assert not lost, f"cut off by rows too short: {sorted(lost)[:20]}"


@pytest.mark.parametrize("unit", [Unit.trieu_dong, Unit.dong])
def test_libreoffice_shows_every_word_of_the_template(tmp_path: Path, unit: Unit) -> None:
    form = tmp_path / "mau.xlsx"
    write_template(form, unit=unit, year=2025)
    book = openpyxl.load_workbook(form)
    needed: Counter[str] = Counter()
    sheet = book["Biểu 01"]
    merged = {r.start_cell.coordinate for r in sheet.merged_cells.ranges}
    for row in sheet.iter_rows(max_row=11):
        for cell in row:
            if isinstance(cell.value, str) and (
                cell.alignment.wrap_text or cell.coordinate in merged
            ):
                needed.update(words(cell.value))
    shown = pdf_words(form, tmp_path)
    lost = needed - shown
    assert not lost, f"cut off by rows too short: {sorted(lost)[:20]}"
