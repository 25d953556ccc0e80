"""Waivers: discrepancies a finance officer accepted, with a reason, a name and an expiry date.

A waiver matches findings by file pattern, rule, and (when given) project, column, sheet and unit
— never by row, which moves when lines are added. A waived finding stays in the report, marked
`waived` and explained in its message; it no longer counts toward `--fail-on`. After its expiry
date a waiver accepts nothing, and the findings it matched fail again. Waivers that expired, or
whose files were checked without a match, are reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mtqg_cli.config.settings import PlacedWaiver, Waiver
from mtqg_cli.model.patterns import matches, path_matches
from mtqg_cli.model.report import FileReport, Finding, Report, WaiverStatus
from mtqg_cli.words.ci import show_date, words


def waiver_matches(waiver: Waiver, finding: Finding) -> bool:
    """The waiver covers the finding: same rule, and every other field it names matches."""
    if finding.rule != waiver.rule:
        return False
    wanted = (
        (waiver.project, finding.project),
        (waiver.column, finding.column),
        (waiver.sheet, finding.sheet),
        (waiver.unit, finding.unit),
    )
    return all(pattern is None or matches(pattern, value) for pattern, value in wanted)


def covers_file(placed: PlacedWaiver, file: FileReport) -> bool:
    return path_matches(placed.waiver.file, file.path, roots=[placed.root])


def apply_waivers(
    report: Report, waivers: Iterable[PlacedWaiver], *, today: date, lang: str = "vi"
) -> list[WaiverStatus]:
    """Mark the findings each waiver in force accepts; note the ones an expired waiver matched.

    The first waiver in force that matches a finding is the one recorded on it. Returns (and
    stores in `report.waivers`) what became of every waiver.
    """
    placed = list(waivers)
    in_force = [p for p in placed if not _expired(p.waiver, today)]
    expired = [p for p in placed if _expired(p.waiver, today)]
    counts: dict[int, int] = {}
    checked: dict[int, bool] = {}
    for group, active in ((in_force, True), (expired, False)):
        for item in group:
            found = 0
            for file in report.files:
                if not covers_file(item, file):
                    continue
                checked[id(item)] = True
                for finding in file.findings:
                    if waiver_matches(item.waiver, finding):
                        found += 1
                        _mark(finding, item, active=active, lang=lang)
            counts[id(item)] = found
    statuses = [_status(p, counts.get(id(p), 0), checked.get(id(p), False), today) for p in placed]
    report.waivers = statuses
    return statuses


def _expired(waiver: Waiver, today: date) -> bool:
    return waiver.expires is not None and today > waiver.expires


def _mark(finding: Finding, placed: PlacedWaiver, *, active: bool, lang: str) -> None:
    if finding.waived:
        return
    waiver = placed.waiver
    say = words(lang)
    if not active:
        assert waiver.expires is not None
        note = say["expired_note"].format(
            date=show_date(waiver.expires, lang), reason=waiver.reason
        )
        if note not in finding.message:
            finding.message += note
        return
    finding.waived = True
    finding.waiver_reason = waiver.reason
    finding.waived_by = waiver.accepted_by
    finding.waiver_expires = waiver.expires
    finding.waiver_source = placed.source
    until = say["until"].format(date=show_date(waiver.expires, lang)) if waiver.expires else ""
    finding.message += say["waived_note"].format(
        reason=waiver.reason, by=waiver.accepted_by, until=until
    )


def _status(placed: PlacedWaiver, found: int, checked: bool, today: date) -> WaiverStatus:
    waiver = placed.waiver
    if _expired(waiver, today):
        state = "expired"
    elif found:
        state = "active"
    else:
        state = "unused" if checked else "not_checked"
    return WaiverStatus(
        source=placed.source,
        file=waiver.file,
        rule=waiver.rule,
        project=waiver.project,
        column=waiver.column,
        sheet=waiver.sheet,
        unit=waiver.unit,
        reason=waiver.reason,
        accepted_by=waiver.accepted_by,
        expires=waiver.expires,
        status=state,
        matches=found,
    )


def describe(status: WaiverStatus) -> str:
    """What a waiver covers, in a few words: rule, project, column, file."""
    parts = [status.rule, status.project, status.column, status.sheet, status.unit, status.file]
    return " ".join(p for p in parts if p)


def stale_notes(report: Report, lang: str = "vi") -> list[str]:
    """One line for each waiver that expired or no longer matches anything."""
    say = words(lang)
    notes: list[str] = []
    for status in report.waivers:
        if status.status == "expired" and status.expires is not None:
            notes.append(
                say["waiver_expired"].format(
                    source=status.source,
                    what=describe(status),
                    date=show_date(status.expires, lang),
                    n=status.matches,
                )
            )
        elif status.status == "unused":
            notes.append(say["waiver_unused"].format(source=status.source, what=describe(status)))
    return notes
