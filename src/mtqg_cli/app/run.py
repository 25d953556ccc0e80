"""One run: read each input, find its tables, apply the rules, compute the figures, build the report."""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from functools import partial
from pathlib import Path

from mtqg_cli import __version__
from mtqg_cli.check.causes import explain_findings
from mtqg_cli.check.duplicates import mark_duplicates
from mtqg_cli.check.finding_ids import number_findings
from mtqg_cli.check.rules import REGISTRY, RuleContext, arithmetic, run_rules
from mtqg_cli.check.rules.formulas import formula_findings
from mtqg_cli.check.rules.reading import (
    layout_ambiguous,
    number_format,
    sheet_skipped,
    unit_assumed,
)
from mtqg_cli.check.rules.workbook import workbook_findings
from mtqg_cli.figures.capital_types import with_file_total
from mtqg_cli.figures.consolidation import consolidate
from mtqg_cli.figures.summary import summarise
from mtqg_cli.files import protect
from mtqg_cli.form.line_frame import LineArrays, frame_of, line_arrays
from mtqg_cli.form.options import Options
from mtqg_cli.form.reporting_period import sheet_period
from mtqg_cli.form.workbook import Reader, TableReading, open_book, read_book
from mtqg_cli.model.errors import InputError, MtqgError
from mtqg_cli.model.neutral import neutralise, visible
from mtqg_cli.model.report import FileReport, Finding, LeftOut, Report, SummaryEntry
from mtqg_cli.model.sheet import Table
from mtqg_cli.model.text import fold
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.read.isolation import WorkerDied, WorkerPool
from mtqg_cli.read.limit_values import Limits
from mtqg_cli.read.listing import list_inputs
from mtqg_cli.read.prefetch import Prefetch, read_ahead
from mtqg_cli.read.raw import RawSheet, RawWorkbook
from mtqg_cli.read.readers import read_workbook
from mtqg_cli.words.messages import file_error


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
    parallel = workers > 1 and len(files) >= PARALLEL_FROM
    with pool:
        if not parallel:
            pool.size = 1
            ahead = ReadAhead(pool, files, pending=0 if early else None)
            answers: Iterable[tuple[int, object]] = (
                (i, reconcile_file(p, options, partial(ahead.read, i))) for i, p in enumerate(files)
            )
        else:
            answers = pool.run([(reconcile_file, (path, options)) for path in files], ahead=2)
        # in parallel this process only unpickles reports, which make no cycle: each collection
        # would scan the reports gathered so far and free nothing (a third of their cost)
        with collector_paused() if parallel else nullcontext():
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


def _reconcile(path: Path, options: Options, read: Reader) -> FileReport:
    opened = open_book(path, options, read)
    sheets, legacy, options = opened.sheets, opened.legacy, opened.options
    findings: list[Finding] = []
    tables: list[Table] = []
    summary: list[SummaryEntry] = []
    for sheet, readings in read_book(sheets, options, arithmetic):
        if not readings and not fold(sheet.name).startswith(INSTRUCTIONS):
            # the form's own «Hướng dẫn» (instructions) sheet is not a skipped table
            findings.append(sheet_skipped(sheet.name, options.lang))
        for index, reading in enumerate(readings):
            arrays = line_arrays(reading.table)  # once per table: the rules', the summary's frame
            found = _check_table(reading, options, sheet, first=index == 0, arrays=arrays)
            if index and any(f.rule == "UNIT_ASSUMED" for f in findings if f.sheet == sheet.name):
                found = [f for f in found if f.rule != "UNIT_ASSUMED"]  # said once per sheet
            findings.extend(found)
            tables.append(reading.table)
            summary.extend(summarise(reading.table, frame_of(arrays)))
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


INSTRUCTIONS = ("huong dan", "instructions", "sua doi", "changes")
"""Folded names of a form's instructions sheet, which holds no table by design."""


def _check_table(
    reading: TableReading, options: Options, sheet: RawSheet, first: bool, arrays: LineArrays
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
            arrays=arrays,
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
