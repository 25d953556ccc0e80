"""The HTML report's findings that explain one another: order, indent, hints and the counts."""

from __future__ import annotations

from collections.abc import Sequence

from mtqg_cli.model.report import FileReport
from mtqg_cli.report.ci import place
from mtqg_cli.report.finding_order import (
    CascadeCounts,
    Placed,
    cascade_counts,
    cascade_order,
    explains_any,
    has_causes,
)
from mtqg_cli.report.html.parts import Page
from mtqg_cli.report.html.view import Message, RuleCode

STYLE = (
    "@media not screen and (max-width: 900px) { td.rule.d1 { padding-left: 1.4rem; }"
    " td.rule.d2 { padding-left: 2.6rem; } td.rule.d3 { padding-left: 3.8rem; } }"
    " .arrow { color: var(--muted); margin-right: .25rem; }"
    " tr.consequence td { background: #fafbfd; }"
    " .explained { margin-top: .3rem; }"
    " .cause-hint { margin-top: .3rem; padding: .2rem .45rem; border-left: 3px solid var(--info);"
    " background: var(--info-bg); }"
)
"""Added at the end of the page's style sheet only when a finding has a cause or a hint, so other
pages stay as they were."""
DEEPEST = 3
"""Consequences further down are indented as this level."""


def style_needed(files: Sequence[FileReport]) -> bool:
    return any(explains_any(file.findings) for file in files)


def in_order(file: FileReport) -> list[Placed]:
    """The file's findings, each root followed by what it explains."""
    return cascade_order(file.findings)


def rule_code(placed: Placed) -> RuleCode:
    """The rule code, after an arrow when another finding explains it."""
    return RuleCode(placed.finding.rule, bool(placed.depth))


def rule_class(placed: Placed) -> str:
    return f"rule d{min(placed.depth, DEEPEST)}" if placed.depth else ""


def message(placed: Placed, page: Page) -> Message:
    """The message, then what explains the finding, then its hint, each on a line of its own."""
    finding, words = placed.finding, page.words
    cause = None
    if placed.cause is not None:
        cause = words["caused_by"].format(rule=placed.cause.rule, place=place(placed.cause))
    hint = None
    if finding.hint is not None and finding.hint.message:
        hint = words["hint"].format(message=finding.hint.message)
    return Message(finding.message, cause, hint)


def verdict_extra(files: Sequence[FileReport], page: Page) -> str:
    """What follows the verdict ("; 3 lỗi gốc, 5 lỗi kéo theo") when some finding has a cause."""
    if not any(has_causes(file.findings) for file in files):
        return ""
    each = [cascade_counts(file.findings) for file in files]
    counts = CascadeCounts(sum(c.roots for c in each), sum(c.consequences for c in each))
    return page.words["verdict.cascade"].format(
        roots=counts.roots, consequences=counts.consequences
    )
