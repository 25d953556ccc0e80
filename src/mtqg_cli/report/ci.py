"""Reports for CI systems: JUnit XML (test results) and GitHub workflow-command annotations.

Both say the same as the JSON report: every finding of every file, waived and known ones marked
as such. JUnit has one test case per file and one `<failure>` per finding that fails the run
(errors, and warnings under `--fail-on warning`, unless waived or in the baseline); the other
findings are listed in the test case's output. Unreadable files are test errors.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from mtqg_cli import __version__
from mtqg_cli.config.waivers import stale_notes
from mtqg_cli.model.neutral import visible
from mtqg_cli.model.report import FileReport, Finding, Report
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.report.finding_order import causes_of
from mtqg_cli.words.ci import words

CSV_SUFFIXES = frozenset({".csv"})


def place(finding: Finding) -> str:
    """Where a finding is: 'Biểu 01!E12', or the sheet alone."""
    if finding.cell:
        return f"{finding.sheet}!{finding.cell}" if finding.sheet else finding.cell
    return finding.sheet or ""


def fails(finding: Finding, fail_on: str) -> bool:
    """The finding makes the run fail: an error (or, under `--fail-on warning`, a warning) that
    no waiver accepted and the baseline does not hold."""
    if finding.accepted:
        return False
    threshold = Severity.error.rank if fail_on == "never" else Severity(fail_on).rank
    return Severity(finding.severity).rank >= min(threshold, Severity.error.rank)


def _mark(finding: Finding, lang: str) -> str:
    say = words(lang)
    if finding.waived:
        return f"[{say['waived']}] "
    if finding.in_baseline:
        return f"[{say['known']}] "
    return ""


def finding_line(finding: Finding, lang: str) -> str:
    """One finding on one line: severity, rule, place, project and column, message."""
    say = words(lang)
    where = " ".join(p for p in (place(finding), finding.project, finding.column) if p)
    head = f"{_mark(finding, lang)}{say['sev.' + str(Severity(finding.severity).value)]} "
    return f"{head}{finding.rule} {where}: {finding.message}"


# --------------------------------------------------------------------------- JUnit
def to_junit(report: Report, *, fail_on: str = "error", lang: str = "vi") -> str:
    """JUnit XML: a test suite of one test case per file."""
    say = words(lang)
    cases = [_testcase(file, fail_on, lang) for file in report.files]
    failures = sum(1 for c in cases if c.find("failure") is not None)
    errors = sum(1 for c in cases if c.find("error") is not None)
    totals = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": "mtqg", **totals, "time": "0"})
    suite = ET.SubElement(
        root, "testsuite", {"name": say["suite"], **totals, "skipped": "0", "time": "0"}
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (("mtqg.version", __version__), ("fail_on", fail_on)):
        ET.SubElement(props, "property", {"name": name, "value": value})
    suite.extend(cases)
    notes = stale_notes(report, lang)
    if notes:
        ET.SubElement(suite, "system-err").text = "\n".join(notes)
    ET.indent(root)
    # characters XML 1.0 forbids (ESC, other C0 controls, lone surrogates) written as escapes
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + visible(ET.tostring(root, "unicode")) + "\n"


def _testcase(file: FileReport, fail_on: str, lang: str) -> ET.Element:
    case = ET.Element(
        "testcase", {"classname": "mtqg.reconcile", "name": file.path, "file": file.path}
    )
    case.set("time", "0")
    if file.status == "error":
        error = ET.SubElement(case, "error", {"type": "unreadable"})
        error.set("message", file.error or words(lang)["unreadable"])
        error.text = file.error or ""
        return case
    others: list[str] = []
    for finding, cause in zip(file.findings, causes_of(file.findings), strict=True):
        if fails(finding, fail_on):
            failure = ET.SubElement(case, "failure", {"type": finding.rule})
            failure.set("message", f"{finding.rule} {place(finding)}: {finding.message}")
            failure.text = _failure_body(finding) + explained(finding, cause, lang, "\n")
        else:
            others.append(finding_line(finding, lang))
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(others)
    return case


def explained(finding: Finding, cause: Finding | None, lang: str, joint: str) -> str:
    """What explains the finding and its hint, each after `joint`; empty when it has neither."""
    say, parts = words(lang), []
    if cause is not None:
        parts.append(say["caused_by"].format(id=cause.id, rule=cause.rule, place=place(cause)))
    if finding.hint is not None and finding.hint.message:
        parts.append(say["hint"].format(message=finding.hint.message))
    return "".join(joint + part for part in parts)


def _failure_body(finding: Finding) -> str:
    fields = (
        "rule", "severity", "sheet", "cell", "row", "column", "project", "unit",
        "expected", "actual", "difference", "message",
    )  # fmt: skip
    values = finding.model_dump(include=set(fields))
    return "\n".join(f"{name}: {values[name]}" for name in fields if values.get(name) is not None)


# --------------------------------------------------------------------------- GitHub
def to_github(report: Report, *, fail_on: str = "error", lang: str = "vi") -> str:
    """GitHub Actions workflow commands: one annotation per finding, on its file.

    Findings that fail the run are `::error`, open warnings `::warning`; information and
    findings waived or already in the baseline are `::notice`.
    """
    out: list[str] = []
    for file in report.files:
        if file.status == "error":
            out.append(_command("error", {"file": file.path, "title": "mtqg"}, file.error or ""))
            continue
        for finding, cause in zip(file.findings, causes_of(file.findings), strict=True):
            out.append(_annotation(file, finding, fail_on, lang, cause))
    for status, note in zip(_stale(report), stale_notes(report, lang), strict=True):
        path, _, line = status.rpartition(":")
        props = {"file": path or status, "title": words(lang)["waiver_title"]}
        if line.isdigit():
            props["line"] = line
        out.append(_command("warning", props, note))
    out.append(_summary(report, fail_on, lang))
    return "\n".join(out) + "\n"


def _stale(report: Report) -> list[str]:
    return [
        w.source
        for w in report.waivers
        if (w.status == "expired" and w.expires is not None) or w.status == "unused"
    ]


def _annotation(
    file: FileReport, finding: Finding, fail_on: str, lang: str, cause: Finding | None
) -> str:
    severity = Severity(finding.severity)
    if finding.accepted or severity is Severity.info:
        level = "notice"
    elif fails(finding, fail_on):
        level = "error"
    else:
        level = "warning"
    title = f"{_mark(finding, lang)}{finding.rule} {place(finding)}".strip()
    props = {"file": file.path, "title": title}
    if finding.row and Path(file.path).suffix.lower() in CSV_SUFFIXES:
        props["line"] = str(finding.row)
    return _command(level, props, finding.message + explained(finding, cause, lang, "\n"))


def _summary(report: Report, fail_on: str, lang: str) -> str:
    findings = [f for file in report.files for f in file.findings]
    open_ = [f for f in findings if not f.accepted]
    return words(lang)["summary"].format(
        files=len(report.files),
        errors=sum(1 for f in open_ if Severity(f.severity) is Severity.error),
        warnings=sum(1 for f in open_ if Severity(f.severity) is Severity.warning),
        accepted=len(findings) - len(open_),
        unreadable=sum(1 for f in report.files if f.status == "error"),
    )


def _command(level: str, props: dict[str, str], message: str) -> str:
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in props.items())
    return f"::{level} {joined}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    text = visible(text)  # no ESC sequence reaches the log a runner shows in a terminal
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
