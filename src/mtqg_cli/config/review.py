"""After the checks, before the report: apply the waivers, then write or compare the baseline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mtqg_cli.config.baseline import apply_baseline, baseline_of, baseline_text, load_baseline
from mtqg_cli.config.settings import BASELINE_NAME, LoadedConfig
from mtqg_cli.config.waivers import apply_waivers, stale_notes
from mtqg_cli.model.report import Report
from mtqg_cli.words.ci import words


def review(
    report: Report,
    config: LoadedConfig,
    *,
    baseline: Path | None = None,
    write_baseline: bool = False,
    today: date | None = None,
    lang: str = "vi",
) -> list[str]:
    """Mark waived and known findings in `report`; return the notes for the person running it.

    `baseline` (else the configuration's) is the earlier report compared with; with
    `write_baseline` this run's findings are written there first (to `mtqg-baseline.json` when
    nothing names a file), so that the run compares with itself and only unreadable files fail.
    """
    from mtqg_cli.files import write_atomically

    if config.path is not None:
        report.config = str(config.path)
    apply_waivers(report, config.waivers, today=today or date.today(), lang=lang)
    notes = stale_notes(report, lang)
    target = baseline or config.baseline_path()
    if write_baseline:
        target = target or Path(BASELINE_NAME)
        write_atomically(target, baseline_text(report), inputs=[Path(f.path) for f in report.files])
        count = sum(len(f.findings) for f in baseline_of(report).files)
        notes.append(words(lang)["baseline_written"].format(path=target, n=count))
    if target is not None:
        info = apply_baseline(report, load_baseline(target), path=str(target), lang=lang)
        if not write_baseline:
            notes.append(
                words(lang)["baseline_summary"].format(
                    path=target, new=info.new, known=info.known, fixed=info.fixed
                )
            )
    return notes
