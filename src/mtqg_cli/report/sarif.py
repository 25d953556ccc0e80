"""SARIF 2.1.0: one rule per rule code with its description, one result per finding.

A result's location is the file, its region the cell (row as `startLine`, column as
`startColumn`), its logical location `Sheet!Cell`. Waived findings carry an accepted external
suppression with the waiver's reason; with `--baseline`, each result says whether it is new or
unchanged. Unreadable files and stale waivers are tool execution notifications.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mtqg_cli import __version__
from mtqg_cli.config.baseline import finding_key
from mtqg_cli.config.waivers import stale_notes
from mtqg_cli.model.report import FileReport, Finding, Report
from mtqg_cli.model.text import words as text_words
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.report.ci import place
from mtqg_cli.report.finding_order import causes_of, explains_any
from mtqg_cli.words.ci import words as ci_words

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"
LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def to_sarif(
    report: Report,
    *,
    lang: str = "vi",
    root: Path | None = None,
    rule_settings: Mapping[str, str] | None = None,
) -> str:
    """The report as a SARIF 2.1.0 log (JSON text)."""
    from mtqg_cli.check.rules import REGISTRY

    root = (root or Path.cwd()).resolve()
    codes = list(REGISTRY)
    codes += sorted({f.rule for file in report.files for f in file.findings} - set(codes))
    index = {code: i for i, code in enumerate(codes)}
    artifacts, artifact_index = _artifacts(report, root)
    results = [
        result
        for file in report.files
        for result in _file_results(
            file, root, index, artifact_index[file.path], report.baseline is not None, lang
        )
    ]
    run: dict[str, Any] = {
        "tool": {"driver": _driver(codes, lang, REGISTRY)},
        "invocations": [_invocation(report, root, index, rule_settings or {}, lang)],
        "originalUriBaseIds": {ROOT_ID: {"uri": root.as_uri() + "/"}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "language": "en-US" if lang == "en" else "vi-VN",
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    text = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?"


def _driver(codes: list[str], lang: str, registry: dict[str, Any]) -> dict[str, Any]:
    rules = []
    for code in codes:
        rule = registry.get(code)
        level = LEVELS[Severity(rule.severity)] if rule is not None else "warning"
        doc = rule.doc(lang) if rule is not None else code
        rules.append(
            {
                "id": code,
                "name": "".join(w.capitalize() for w in text_words(code.replace("_", " "))),
                "shortDescription": {"text": doc},
                "fullDescription": {"text": doc},
                "defaultConfiguration": {"level": level},
                "properties": {"tags": ["ctmtqg", "reconciliation"]},
            }
        )
    return {
        "name": "mtqg",
        "fullName": "mtqg — đối soát biểu giải ngân CTMTQG DTTS&MN",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": rules,
    }


def _location(path: str, root: Path) -> dict[str, Any]:
    """A file as an artifact location: relative to the root when inside it, else a file URI."""
    candidate = Path(path)
    absolute = candidate if candidate.is_absolute() else Path.cwd() / candidate
    try:
        relative = absolute.resolve().relative_to(root)
    except (ValueError, OSError):
        return {"uri": absolute.resolve().as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": ROOT_ID}


def _artifacts(report: Report, root: Path) -> tuple[list[dict[str, Any]], dict[str, int]]:
    artifacts: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for file in report.files:
        if file.path in index:
            continue
        index[file.path] = len(artifacts)
        artifacts.append({"location": _location(file.path, root), "roles": ["analysisTarget"]})
    return artifacts, index


def _file_results(
    file: FileReport,
    root: Path,
    rule_index: dict[str, int],
    artifact: int,
    with_baseline: bool,
    lang: str,
) -> list[dict[str, Any]]:
    """A file's results; where findings explain one another or carry hints, each result also
    says its id, what explains it (a related location) and its hint."""
    results = [
        _result(f, file.path, root, rule_index, artifact, with_baseline) for f in file.findings
    ]
    if not explains_any(file.findings):
        return results
    for result, finding, cause in zip(
        results, file.findings, causes_of(file.findings), strict=True
    ):
        where = None if cause is None else _cell_location(cause, file.path, root, artifact)
        _explain(result, finding, cause, where, lang)
    return results


def _explain(
    result: dict[str, Any],
    finding: Finding,
    cause: Finding | None,
    cause_location: dict[str, Any] | None,
    lang: str,
) -> None:
    """Add the finding's id, cause and hint to its result: properties, a related location
    pointing at the finding that explains it, the hint after the message."""
    say = ci_words(lang)
    extra = finding.model_dump(mode="json", include={"id", "caused_by", "hint"}, exclude_none=True)
    result["properties"] |= extra
    if cause is not None and cause_location is not None:
        text = say["root"].format(id=cause.id, rule=cause.rule)
        result["relatedLocations"] = [{"id": 1, **cause_location, "message": {"text": text}}]
    if finding.hint is not None and finding.hint.message:
        hint = say["hint"].format(message=finding.hint.message)
        result["message"]["text"] += f"\n{hint}"


def _cell_location(finding: Finding, path: str, root: Path, artifact: int) -> dict[str, Any]:
    """Where a finding is: the file, its row and column, and `Sheet!Cell`."""
    physical: dict[str, Any] = {"artifactLocation": {**_location(path, root), "index": artifact}}
    column = _column_number(finding.cell)
    if finding.row:
        region: dict[str, Any] = {"startLine": finding.row}
        if column:
            region |= {"startColumn": column, "endColumn": column + 1}
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.sheet:
        logical = {"name": finding.cell or finding.sheet, "fullyQualifiedName": place(finding)}
        location["logicalLocations"] = [{**logical, "kind": "cell" if finding.cell else "sheet"}]
    return location


def _result(
    finding: Finding,
    path: str,
    root: Path,
    rule_index: dict[str, int],
    artifact: int,
    with_baseline: bool,
) -> dict[str, Any]:
    location = _cell_location(finding, path, root, artifact)
    key = "\x1f".join(finding_key(path, finding))
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": LEVELS[Severity(finding.severity)],
        "message": {"text": finding.message or finding.rule},
        "locations": [location],
        "partialFingerprints": {"mtqgFinding/v1": hashlib.sha256(key.encode()).hexdigest()},
        "properties": finding.model_dump(
            mode="json",
            include={"sheet", "cell", "row", "column", "project", "unit", "severity"}
            | {"expected", "actual", "difference"},
            exclude_none=True,
        ),
    }
    if finding.waived:
        suppression: dict[str, Any] = {
            "kind": "external",
            "status": "accepted",
            "justification": finding.waiver_reason or "",
            "properties": {
                "accepted_by": finding.waived_by,
                "expires": finding.waiver_expires.isoformat() if finding.waiver_expires else None,
                "source": finding.waiver_source,
            },
        }
        result["suppressions"] = [suppression]
    if with_baseline:
        result["baselineState"] = "unchanged" if finding.in_baseline else "new"
    return result


def _column_number(cell: str | None) -> int | None:
    """E17 → 5; None when there is no cell."""
    if not cell:
        return None
    number = 0
    for ch in cell:
        if not ch.isalpha():
            break
        number = number * 26 + (ord(ch.upper()) - ord("A") + 1)
    return number or None


def _invocation(
    report: Report, root: Path, rule_index: dict[str, int], settings: Mapping[str, str], lang: str
) -> dict[str, Any]:
    notifications: list[dict[str, Any]] = []
    for file in report.files:
        if file.status == "error":
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": file.error or file.path},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": _location(file.path, root)}}
                    ],
                }
            )
    notifications.extend(
        {"level": "warning", "message": {"text": note}} for note in stale_notes(report, lang)
    )
    overrides = [
        {
            "descriptor": {"id": code, "index": rule_index[code]},
            "configuration": (
                {"enabled": False} if setting == "off" else {"level": LEVELS[Severity(setting)]}
            ),
        }
        for code, setting in settings.items()
        if code in rule_index
    ]
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(f.status == "error" for f in report.files),
        "toolExecutionNotifications": notifications,
    }
    if overrides:
        invocation["ruleConfigurationOverrides"] = overrides
    return invocation
