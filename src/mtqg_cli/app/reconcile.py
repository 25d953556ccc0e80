"""Reconcile: the files checked into a Report, matched with another source, reviewed against
the waivers and the baseline, then recorded in the history. Returns models, prints nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mtqg_cli.app import run as pipeline
from mtqg_cli.collector import resume_after_start_up
from mtqg_cli.config.review import review
from mtqg_cli.config.settings import LoadedConfig
from mtqg_cli.form.options import Options
from mtqg_cli.model.errors import MtqgError
from mtqg_cli.model.report import FileReport, Report
from mtqg_cli.read.prefetch import Prefetch

Tick = Callable[[FileReport], None]
"""Called once per file checked (the progress bar's step)."""
Progress = Callable[[int], AbstractContextManager[Tick | None]]
"""Given the number of files, the progress shown while they are checked (or none)."""


def no_progress(total: int) -> AbstractContextManager[Tick | None]:
    """No progress shown."""
    return nullcontext()


@dataclass(frozen=True)
class Against:
    """`--against`: another source (the Treasury's) to match the lines with."""

    source: Path
    compare: str = "disbursed"
    mapping: Path | None = None


@dataclass(frozen=True)
class Request:
    """What a reconcile run is asked to do."""

    paths: list[Path]
    options: Options
    config: LoadedConfig
    against: Against | None = None
    baseline: Path | None = None
    write_baseline: bool = False
    today: date | None = None


@dataclass
class Reconciled:
    """The run's report and the notes for the person running it (waivers, baseline)."""

    report: Report
    notes: list[str] = field(default_factory=list)


def reconcile(
    request: Request, prefetch: Prefetch | None = None, progress: Progress = no_progress
) -> Reconciled:
    """Check the files named (`prefetch`: a worker already reading the one file), match the
    report with another source if asked, then apply the waivers and the baseline."""
    options = request.options
    files = pipeline.collect_inputs(request.paths, options)
    resume_after_start_up()  # what checks is loaded: the collector on for the run itself
    with progress(len(files)) as tick:
        report = pipeline.reconcile_files(files, options, tick, prefetch)
    if request.against is not None:
        match_against(report, request.against, options)
    with pipeline.collector_paused():  # a big sheet's history rows alone are 50,000 tuples
        notes = review(report, request.config, baseline=request.baseline,
                       write_baseline=request.write_baseline, today=request.today,
                       lang=options.lang)  # fmt: skip
    return Reconciled(report, notes)


def match_against(report: Report, against: Against, options: Options) -> None:
    """Add the comparison with the other source to the report (read with the run's options)."""
    from mtqg_cli.compare.against import load_mapping, reconcile_against

    table = load_mapping(against.mapping) if against.mapping is not None else {}
    reconcile_against(
        report, against.source, compare=against.compare, mapping=table,
        tolerance=options.tolerance, lang=options.lang, options=options,
    )  # fmt: skip


def store_run(report: Report, store: str | None, no_store: bool, lang: str = "vi") -> str | None:
    """Record the run in the history: `store`, else $MTQG_STORE, else the user's data folder.
    A failure of the default folder does not fail the run: its note is returned instead."""
    from mtqg_cli.store import place as store_place

    target = None if no_store else store or store_place.default_store()
    if target is None:
        return None
    from mtqg_cli.store.history import open_store, record_report  # only when recording

    try:
        opened = open_store(target)
        try:
            record_report(opened, report)
        finally:
            opened.close()
    except MtqgError as exc:
        if store is not None or os.environ.get(store_place.ENV_STORE) is not None:
            raise  # a history the user named: a failed run
        from mtqg_cli.words.messages import file_error  # the default folder: the run stands

        reason = exc.params.get("reason", exc.key)
        return file_error("store_default_skipped", lang, store=target, reason=reason)
    return None
