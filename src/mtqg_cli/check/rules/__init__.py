"""The contract's rules: run every registered check over a table and collect its findings."""

from __future__ import annotations

from typing import Any

from mtqg_cli.check.rules import (  # noqa: F401  (registers the rules)
    amounts,
    formulas,
    lines,
    reading,
    sources,
    tree,
    workbook,
)
from mtqg_cli.check.rules.base import REGISTRY, Rule, RuleContext
from mtqg_cli.check.rules.tree import without_doubtful_sums
from mtqg_cli.model.report import Finding
from mtqg_cli.model.sheet import Table

__all__ = ["REGISTRY", "Rule", "RuleContext", "arithmetic", "run_rules"]


def run_rules(
    table: Table,
    *,
    tolerance: int = 1_000,
    lang: str = "vi",
    rate_tolerance: float = 0.0,
    disabled: frozenset[str] = frozenset(),
    frame: Any = None,
) -> list[Finding]:
    """All findings of all checks on one table, in sheet order (row, then rule).

    Rules in `disabled` (switched off by the configuration) are not run. `frame`: the table's
    line frame, where the caller built it (for the summary); else built once here, if asked.
    """
    ctx = RuleContext(table, tolerance, lang, rate_tolerance=rate_tolerance, frame=frame)
    found: list[Finding] = []
    for rule in REGISTRY.values():
        if rule.check is not None and rule.code not in disabled:
            found.extend(rule.check(ctx))
    return without_doubtful_sums(table, found)


def arithmetic(table: Table, tolerance: int) -> list[Finding]:
    """Every rule's findings on a table at a tolerance, in the default language: how reading a
    form (`form.workbook.read_book`) judges which column or number style makes the sums agree."""
    return run_rules(table, tolerance=tolerance)
