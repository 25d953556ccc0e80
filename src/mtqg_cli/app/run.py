"""One run: read each input, find its tables, apply the rules, compute the figures, build the report."""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from mtqg_cli import __version__
from mtqg_cli.check.causes import explain_findings
from mtqg_cli.check.duplicates import mark_duplicates
from mtqg_cli.check.finding_ids import number_findings
from mtqg_cli.check.rules import REGISTRY, RuleContext, run_rules
from mtqg_cli.check.rules.formulas import formula_findings
from mtqg_cli.check.rules.reading import (
    layout_ambiguous,
    number_format,
    sheet_skipped,
    unit_assumed,
)
from mtqg_cli.check.rules.workbook import workbook_findings
from mtqg_cli.figures.capital_types import with_capital_types, with_file_total
from mtqg_cli.figures.consolidation import consolidate
from mtqg_cli.figures.summary import summarise
from mtqg_cli.form.column_choice import ColumnChoice, choose_columns
from mtqg_cli.form.extract import NumberNote, extract_table
from mtqg_cli.form.layout import Layout
from mtqg_cli.form.pinning import LayoutPin, file_pin, pinned_layouts
from mtqg_cli.form.reporting_period import sheet_period
from mtqg_cli.form.text_styles import style_score, table_styles
from mtqg_cli.model.errors import InputError, MtqgError
from mtqg_cli.model.neutral import any_unsafe, neutralise, visible
from mtqg_cli.model.patterns import matches
from mtqg_cli.model.report import FileReport, Finding, LeftOut, Report, SummaryEntry
from mtqg_cli.model.sheet import Table
from mtqg_cli.model.text import fold
from mtqg_cli.model.vocabulary import Severity, Unit
from mtqg_cli.read.isolation import WorkerDied, WorkerPool
from mtqg_cli.read.legacy import LegacyText, convert_workbook
from mtqg_cli.read.limit_values import DEFAULT_LIMITS, Limits
from mtqg_cli.read.listing import list_inputs
from mtqg_cli.read.prefetch import Prefetch, read_ahead
from mtqg_cli.read.raw import RawSheet, RawWorkbook
from mtqg_cli.read.readers import read_workbook
from mtqg_cli.report.writers import protect
from mtqg_cli.words.messages import file_error

Reader = Callable[[Path, Limits, str], RawWorkbook]
"""How a file is read: `read_workbook`, or the same in a worker process."""

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


def collect_inputs(paths: list[Path], options: Options) -> list[Path]:
    """The files a run will check; raise when the paths name none."""
    files = list_inputs(paths, recursive=options.recursive)
    if not files:
        raise InputError("no_inputs", path=", ".join(str(p) for p in paths))
    for file in files:
        protect(file)
    return files


def reconcile_paths(
    paths: list[Path], options: Options, on_done: Callable[[FileReport], None] | None = None
) -> Report:
    """Check every file named or found in the folders named; one bad file never stops the rest."""
    return reconcile_files(collect_inputs(paths, options), options, on_done)


def reconcile_files(
    files: list[Path],
    options: Options,
    on_done: Callable[[FileReport], None] | None = None,
    prefetch: Prefetch | None = None,
) -> Report:
    """Check files (in parallel when there are several) and consolidate their figures;
    `prefetch`, a worker already reading the one file of the run, is used when it serves."""
    reports = list(_check_all(files, options, on_done, prefetch))
    report = Report(version=__version__, files=reports)
    if len(reports) > 1 or any(e.unit for f in reports for e in f.summary):
        with collector_paused():
            left_out = _resubmissions(reports, options)
            report.consolidated = consolidate(
                reports, exclude_errors=options.exclude_errors, left_out=left_out
            )
    return report


def _resubmissions(reports: list[FileReport], options: Options) -> list[LeftOut]:
    """DUPLICATE_UNIT on every file a newer one of its unit and period replaces (settings
    applied, statuses brought up to date); the files left out of the consolidation."""
    left_out = mark_duplicates(reports, lang=options.lang, keep=options.keep_duplicates)
    for file in reports:
        if file.status != "error" and any(f.rule == "DUPLICATE_UNIT" for f in file.findings):
            file.findings = _configured(file.findings, options)
            file.status = _status(file.findings)  # type: ignore[assignment]
    ids = {(f.path, x.id) for f in reports for x in f.findings}
    for item in left_out:  # the rule turned off: still counted once, with no finding to name
        item.finding = item.finding if (item.path, item.finding) in ids else None
    return left_out


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for one step of the run, on again after it.

    A file's check builds hundreds of thousands of objects (lines, their figures, findings,
    summary entries) that all live until its report is made: each collection in between scans
    them and frees nothing, and on a 17,000-line sheet those collections were a sixth of the run.
    Cycles made during the step (a tree's parent links) are collected once it is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


PARALLEL_FROM = 4
"""Fewer files than this are checked one by one: a pool checking whole files costs more than
it saves (their reports are pickled back)."""


def _check_all(
    files: list[Path],
    options: Options,
    on_done: Callable[[FileReport], None] | None,
    prefetch: Prefetch | None = None,
) -> list[FileReport]:
    """Each file read in a worker process (see isolation.py): a reader that crashes, aborts or
    panics costs its own file a "damaged" error, never the run. One by one, a worker only reads
    (a grid pickles back cheaply) and the file is checked here; in parallel, workers check whole
    files."""
    workers = min(options.workers or os.cpu_count() or 1, len(files))
    found: dict[int, FileReport] = {}
    early = prefetch is not None and prefetch.serves(
        files, options.limits, options.reader, options.start_method
    )
    if prefetch is not None and not early:
        prefetch.close()
    pool = (
        prefetch.pool
        if prefetch is not None and early
        else WorkerPool(workers, options.start_method, quiet=not options.debug)
    )
    with pool:
        if workers <= 1 or len(files) < PARALLEL_FROM:
            pool.size = 1
            ahead = ReadAhead(pool, files, pending=0 if early else None)
            answers: Iterable[tuple[int, object]] = (
                (i, reconcile_file(p, options, partial(ahead.read, i))) for i, p in enumerate(files)
            )
        else:
            answers = pool.run([(reconcile_file, (path, options)) for path in files], ahead=2)
        for index, result in answers:
            found[index] = _as_report(files[index], result, options)
            if on_done is not None:
                on_done(found[index])
    return [found[i] for i in range(len(files))]


def read_in_worker(pool: WorkerPool, path: Path, limits: Limits, reader: str) -> RawWorkbook:
    """`read_workbook` in one of the pool's workers: a crash of the reader is the file's error."""
    result: RawWorkbook = pool.call(read_workbook, path, limits, reader, path=str(path))
    return result


class ReadAhead:
    """Files of a run checked one by one, each read in the worker while the one before it is
    checked here: the reader's time is hidden behind the checks (a crash still costs the file
    being read alone, and the reports are the same)."""

    def __init__(self, pool: WorkerPool, files: list[Path], pending: int | None = None) -> None:
        self.pool, self.files = pool, files
        self.pending = pending
        """The index of the file being read ahead, if any (its read already submitted)."""

    def read(self, index: int, path: Path, limits: Limits, reader: str) -> RawWorkbook:
        """The file `index` of the run (`path`) as `read_workbook` gives it; the next file's
        read is started before this one's is returned, or its error raised."""
        if self.pending is not None and self.pending != index:
            with suppress(Exception):  # a file read ahead whose check never asked for it
                self.pool.collect()
            self.pending = None
        if self.pending is None:
            self.pool.submit(read_ahead, path, limits, reader)
        self.pending = None
        try:
            book: RawWorkbook = self.pool.collect(path=str(path))
        finally:
            if index + 1 < len(self.files):
                self.pool.submit(read_ahead, self.files[index + 1], limits, reader)
                self.pending = index + 1
        return book


def _as_report(path: Path, result: object, options: Options) -> FileReport:
    """A worker's answer as the file's report: a crash of the worker is the file's error."""
    if isinstance(result, FileReport):
        return result
    if isinstance(result, WorkerDied):
        return _error_report(path, file_error("reader_crashed", options.lang, path=path,
                                              reason=result.reason))  # fmt: skip
    reason = f"{type(result).__name__}: {result}"[:200]
    return _error_report(path, file_error("unexpected", options.lang, path=path, reason=reason))


def reconcile_file(path: Path, options: Options, read: Reader = read_workbook) -> FileReport:
    """The report of one file: its findings and figures, or the reason it could not be read
    (`read` reads it: in this process, or in a worker)."""
    try:
        with collector_paused():
            return _reconcile(path, options, read)
    except MtqgError as exc:
        return _error_report(path, file_error(exc.key, options.lang, **exc.params))
    except Exception as exc:
        if options.debug:
            traceback.print_exc()
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
        return _error_report(path, file_error("unexpected", options.lang, path=path, reason=reason))
    except BaseException as exc:  # a native reader's panic (pyo3's PanicException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        reason = f"panic: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"[:200]
        return _error_report(path, file_error("corrupt", options.lang, path=path, reason=reason))


def _error_report(path: Path, message: str) -> FileReport:
    return FileReport(path=visible(str(path)), status="error", error=visible(message))


@dataclass(frozen=True)
class OpenedBook:
    """A workbook ready for the checks: legacy text converted, layout pinned, sheets picked."""

    sheets: list[RawSheet]
    legacy: LegacyText | None
    options: Options
    unsafe: bool = False
    """Some text of the file (a cell, a sheet's name, its own name) holds control, escape or
    direction characters: its report is neutralised before any output is made of it."""


def open_book(path: Path, options: Options, read: Reader = read_workbook) -> OpenedBook:
    """Read a file within the limits, convert legacy text, pin its layout and pick the sheets
    asked for: how both `reconcile` and `inspect` open a workbook."""
    book = read(path, options.limits, options.reader)
    legacy = convert_workbook(book)
    options = replace(options, layout=file_pin(book, options.layout))
    sheets = book.sheets
    names = ", ".join(f"«{s.name}»" for s in sheets)
    if options.sheet is not None:
        wanted = options.sheet
        exact = [s for s in sheets if s.name == wanted]
        sheets = exact or [s for s in sheets if fold(s.name) == fold(wanted)]
        if not sheets:
            raise InputError("no_sheet", path=str(path), sheet=wanted, sheets=names)
    elif options.sheets:
        sheets = [s for s in sheets if any(matches(p, s.name) for p in options.sheets)]
        if not sheets:
            raise InputError(
                "no_sheet", path=str(path), sheet=", ".join(options.sheets), sheets=names
            )
    return OpenedBook(sheets, legacy, options, _unsafe(path, book.sheets))


def _unsafe(path: Path, sheets: list[RawSheet]) -> bool:
    texts = [str(path), *(s.name for s in sheets)]
    texts.extend(v for s in sheets for row in s.rows for v in row if type(v) is str)
    return any_unsafe(texts)


def _reconcile(path: Path, options: Options, read: Reader) -> FileReport:
    opened = open_book(path, options, read)
    sheets, legacy, options = opened.sheets, opened.legacy, opened.options
    findings: list[Finding] = []
    tables: list[Table] = []
    summary: list[SummaryEntry] = []
    for sheet, readings in read_book(sheets, options):
        if not readings and not fold(sheet.name).startswith(INSTRUCTIONS):
            # the form's own «Hướng dẫn» (instructions) sheet is not a skipped table
            findings.append(sheet_skipped(sheet.name, options.lang))
        for index, reading in enumerate(readings):
            found = _check_table(reading, options, sheet, first=index == 0)
            if index and any(f.rule == "UNIT_ASSUMED" for f in findings if f.sheet == sheet.name):
                found = [f for f in found if f.rule != "UNIT_ASSUMED"]  # said once per sheet
            findings.extend(found)
            tables.append(reading.table)
            summary.extend(with_capital_types(reading.table, summarise(reading.table)))
    if not tables:
        raise InputError("no_table", path=str(path))
    before, after = workbook_findings(tables, legacy, options.tolerance, options.lang)
    findings = before + findings + after
    findings = _configured(findings, options)
    number_findings(findings)
    explain_findings(findings, tables, lang=options.lang, tolerance=options.tolerance)
    first = tables[0]
    period = sheet_period(
        next(s for s in sheets if s.name == first.sheet).rows, first.info.header_rows
    )
    report = FileReport(
        path=str(path),
        status=_status(findings),
        unit=first.unit.value,
        reporting_unit=first.info.reporting_unit,
        unit_assumed=first.unit_assumed,
        sheets=list(dict.fromkeys(t.sheet for t in tables)),
        findings=findings,
        summary=with_file_total(tables, summary),
        sheet_info=[t.info for t in tables],
        as_of=period.as_of.isoformat() if period else None,
        period=period.label if period else None,
    )
    if opened.unsafe:
        neutralise(report)
    return report


@dataclass(frozen=True)
class TableReading:
    """How one table of a sheet is understood: the same objects for `reconcile` and `inspect`."""

    layout: Layout
    table: Table
    notes: list[NumberNote]
    choices: list[ColumnChoice]
    """Fields two columns could hold, and which column the arithmetic chose."""


def read_book(
    sheets: list[RawSheet], options: Options
) -> list[tuple[RawSheet, list[TableReading]]]:
    """Every table of every sheet, each read in the number style of its own text numbers, or
    where they do not tell, of the whole workbook's (stacked tables, a sheet per capital type
    or per unit: one hand wrote them)."""
    found = [(sheet, pinned_layouts(sheet, options.layout)) for sheet in sheets]
    tables = [(sheet, layout) for sheet, layouts in found for layout in layouts]
    chosen, settled = table_styles(tables, options.number_style)
    styles = iter(chosen)
    return [
        (sheet, _read_tables(sheet, layouts, options, styles, settled)) for sheet, layouts in found
    ]


def read_tables(sheet: RawSheet, options: Options) -> list[TableReading]:
    """Every table of a sheet (none when it holds no recognisable table)."""
    return read_book([sheet], options)[0][1]


def _read_tables(
    sheet: RawSheet,
    layouts: list[Layout],
    options: Options,
    styles: Iterator[str],
    settled: bool = False,
) -> list[TableReading]:
    readings = [
        _read_table(sheet, layout, replace(options, number_style=next(styles)), settled)
        for layout in layouts
    ]
    if len(readings) > 1:  # each table is told apart by its caption
        for reading in readings:
            reading.table.info.caption = reading.layout.caption
    return readings


def read_sheet(
    sheet: RawSheet, options: Options
) -> tuple[Layout | None, Table | None, list[NumberNote]]:
    """The sheet's first table: its layout, its lines and its number notes."""
    readings = read_tables(sheet, options)
    if not readings:
        return None, None, []
    first = readings[0]
    return first.layout, first.table, first.notes


def _read_table(
    sheet: RawSheet, layout: Layout, options: Options, settled: bool = False
) -> TableReading:
    """One table, in the style given; where its text figures read either way and the workbook
    does not settle it (`settled`: its texts lean Vietnamese), in the style the arithmetic
    prefers."""
    unit = options.unit or layout.unit or options.default_unit or Unit.trieu_dong
    assumed = options.unit is None and layout.unit is None and options.default_unit is None

    def read(style: str) -> TableReading:
        def extract(candidate: Layout) -> tuple[Table, list[NumberNote]]:
            return extract_table(sheet, candidate, unit, unit_assumed=assumed, style=style)

        hidden = sheet.hidden_columns() if layout.alternatives else frozenset()
        chosen, choices = choose_columns(layout, extract, options.tolerance, hidden)
        table, notes = extract(chosen)
        return TableReading(chosen, table, notes, choices)

    reading = read(options.number_style)
    if reading.table.number_style_in_doubt and not settled:  # the arithmetic decides
        english = read("en")
        tolerance = options.tolerance
        scores = [style_score(sheet, r.layout, r.table, tolerance) for r in (english, reading)]
        chosen = english if scores[0] < scores[1] else reading
        chosen.table.number_style_scores = {"en": scores[0], reading.table.number_style: scores[1]}
        return chosen
    return reading


INSTRUCTIONS = ("huong dan", "instructions", "sua doi", "changes")
"""Folded names of a form's instructions sheet, which holds no table by design."""


def _check_table(
    reading: TableReading, options: Options, sheet: RawSheet, first: bool
) -> list[Finding]:
    """The findings of one table; the sheet's computed formula cells are told with its first."""
    table = reading.table
    ctx = RuleContext(table, options.tolerance, options.lang)
    findings = [number_format(ctx, n.line, n.field, n.read) for n in reading.notes]
    if table.unit_assumed:
        findings.append(unit_assumed(ctx))
    if sheet.formulas:
        computed = sheet.computed if first else []
        findings.extend(formula_findings(ctx, sheet.formulas, computed, sheet.errors))
    findings.extend(
        layout_ambiguous(ctx, c.field, dict(zip(c.columns, c.disagreements, strict=True)), c.chosen)
        for c in reading.choices
        if c.ambiguous
    )
    findings.extend(
        run_rules(
            table,
            tolerance=options.tolerance,
            lang=options.lang,
            rate_tolerance=options.rate_tolerance,
            disabled=frozenset(c for c, s in options.rule_settings if s == "off"),
        )
    )
    return sorted(findings, key=_finding_order)


_RULE_ORDER = {code: index for index, code in enumerate(REGISTRY)}


def _finding_order(finding: Finding) -> tuple[int, int]:
    return (finding.row or 0, _RULE_ORDER.get(finding.rule, 99))


def _configured(findings: list[Finding], options: Options) -> list[Finding]:
    """Findings with the configuration's rule settings applied: rules off, severities changed."""
    if not options.rule_settings:
        return findings
    settings = dict(options.rule_settings)
    kept = [f for f in findings if settings.get(f.rule) != "off"]
    for finding in kept:
        if finding.rule in settings:
            finding.severity = Severity(settings[finding.rule])
    return kept


def _status(findings: list[Finding]) -> str:
    return "findings" if any(f.severity == Severity.error.value for f in findings) else "ok"


def exit_code(report: Report, fail_on: str) -> int:
    """0 clean, 1 findings at or above `fail_on`, 2 some input could not be read.

    Findings accepted by a waiver or already in the baseline do not count.
    """
    if any(f.status == "error" for f in report.files):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    for file in report.files:
        if any(Severity(f.severity).rank >= threshold for f in file.findings if not f.accepted):
            return 1
    return 0
