"""Copies of the submissions with each cell at fault filled in colour and explained in a comment."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from mtqg_cli.files import write_file_atomically
from mtqg_cli.model.errors import MtqgError
from mtqg_cli.model.neutral import visible
from mtqg_cli.model.report import FileReport, Report
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.report.annotate_sheet import add_findings_sheet, explained_message
from mtqg_cli.report.finding_order import Placed, cascade_order
from mtqg_cli.words.language import for_language
from mtqg_cli.words.messages import file_error
from mtqg_cli.words.severity import SEVERITY_WORDS

SUFFIXES = (".xlsx", ".xlsm")
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}  # light red, yellow, blue
AUTHOR = "mtqg"
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$")


Spots = dict[tuple[str, str], list[Placed]]


def annotate_copies(
    report: Report, out_dir: Path, *, lang: str = "vi", failed: list[str] | None = None
) -> list[Path]:
    """Copy every .xlsx/.xlsm with findings at cells into `out_dir`, marking those cells;
    the inputs are only read. Returns the files written; a copy that cannot be made is told
    in `failed` (one line each) and the others are still made."""
    out_dir.mkdir(parents=True, exist_ok=True)
    inputs = {Path(f.path).resolve() for f in report.files}
    root = _common_folder(inputs)
    written: list[Path] = []
    words = for_language(SEVERITY_WORDS, lang)
    for file in report.files:
        source = Path(file.path)
        spots = _spots(file)
        if source.suffix.lower() not in SUFFIXES or not spots:
            continue
        try:
            if not source.is_file():
                raise FileNotFoundError(str(source))
            folder = out_dir / source.resolve().parent.relative_to(root)
            target = _target(source, folder, inputs | {p.resolve() for p in written})
            _annotate(source, target, spots, words, inputs, file, lang)
        except MtqgError as exc:
            _failed(failed, file.path, file_error(exc.key, lang, **exc.params), lang)
        except Exception as exc:  # one copy that cannot be made never stops the others
            _failed(failed, file.path, f"{type(exc).__name__}: {exc}"[:200], lang)
        else:
            written.append(target)
    return written


def _common_folder(inputs: set[Path]) -> Path:
    """The deepest folder holding every input: copies mirror the sub-folders below it."""
    folders = [str(p.parent) for p in inputs]
    return Path(os.path.commonpath(folders)) if folders else Path()


def _failed(failed: list[str] | None, path: str, reason: str, lang: str) -> None:
    line = file_error("annotate_failed", lang, path=visible(path), reason=visible(reason))
    if failed is None:
        sys.stderr.write(line + "\n")
    else:
        failed.append(line)


def _spots(file: FileReport) -> Spots:
    """The file's findings grouped by (sheet, cell), for those that name a valid cell."""
    spots: Spots = defaultdict(list)
    for placed in cascade_order(file.findings):
        cell = (placed.finding.cell or "").strip().upper()
        if placed.finding.sheet and _CELL.match(cell):
            spots[placed.finding.sheet, cell.replace("$", "")].append(placed)
    return spots


def _target(source: Path, out_dir: Path, taken: set[Path]) -> Path:
    """`out_dir/<name>`, or `<stem>.annotated<suffix>` (then -2, -3…) where that would be an
    input file (out_dir is the input's folder) or a copy already written in this run."""
    suffix = source.suffix.lower()
    candidates = [source.name, f"{source.stem}.annotated{suffix}"]
    for name in candidates + [f"{source.stem}.annotated-{n}{suffix}" for n in range(2, 10_000)]:
        target = out_dir / name
        if target.resolve() not in taken:
            return target
    raise FileExistsError(str(out_dir / candidates[1]))  # pragma: no cover - 10,000 namesakes


def _annotate(
    source: Path,
    target: Path,
    spots: Spots,
    words: dict[str, str],
    inputs: set[Path],
    file: FileReport,
    lang: str,
) -> None:
    """Load the source, fill and comment each spot, list the findings in a sheet of their own,
    save the copy atomically (never over an input, never through a link out of the folder)."""
    vba = source.suffix.lower() == ".xlsm"
    book = openpyxl.load_workbook(source, keep_vba=vba)
    sheets = {_nfc(name): name for name in book.sheetnames}
    for (sheet_name, ref), findings in spots.items():
        name = sheets.get(_nfc(sheet_name))
        if name is None:
            continue
        sheet = book[name]
        if not isinstance(sheet, Worksheet):
            continue
        _mark(sheet, _anchor(sheet, ref), findings, words, lang)
    add_findings_sheet(book, file, words, lang)
    if book.calculation is not None:  # openpyxl keeps formulas but not their last values
        book.calculation.fullCalcOnLoad = True
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_file_atomically(target, lambda tmp: book.save(tmp), inputs=inputs)
    finally:
        book.close()


def _mark(
    sheet: Worksheet, ref: str, findings: list[Placed], words: dict[str, str], lang: str
) -> None:
    """Fill the cell by its worst finding and list every finding in one comment, each with
    what explains it and its hint."""
    cell = sheet[ref]
    worst = max((Severity(p.finding.severity) for p in findings), key=lambda s: s.rank)
    cell.fill = PatternFill(fill_type="solid", start_color=FILLS[worst.value])
    notes = [
        f"[{words[Severity(p.finding.severity).value]}] {p.finding.rule}: "
        + explained_message(p, lang)
        for p in findings
    ]
    text = "\n\n".join(notes)
    if cell.comment is not None:  # keep what the sender wrote
        text = f"{cell.comment.text}\n\n{text}"
    lines = sum(len(note) // 48 + 1 for note in text.split("\n"))
    cell.comment = Comment(text, AUTHOR, height=min(20 + 15 * lines, 600), width=340)


def _anchor(sheet: Worksheet, ref: str) -> str:
    """The cell itself, or the top-left cell of the merged range it is part of."""
    for merged in sheet.merged_cells.ranges:
        if ref in merged:
            return str(merged.start_cell.coordinate)
    return ref


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
