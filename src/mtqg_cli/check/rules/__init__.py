"""The contract's rules: run every registered check over a table and collect its findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from mtqg_cli.form.line_frame import LineArrays

__all__ = ["REGISTRY", "Rule", "RuleContext", "arithmetic", "run_rules"]


def run_rules(
    table: Table,
    *,
    tolerance: int = 1_000,
    lang: str = "vi",
    rate_tolerance: float = 0.0,
    disabled: frozenset[str] = frozenset(),
    arrays: LineArrays | None = None,
) -> list[Finding]:
    """All findings of all checks on one table, in sheet order (row, then rule).

    Rules in `disabled` (switched off by the configuration) are not run. `arrays`: the table's
    line frame's arrays, where the caller built them (for the summary's frame); else built once
    here, if a rule asks.
    """
    ctx = RuleContext(table, tolerance, lang, rate_tolerance=rate_tolerance, arrays=arrays)
    found: list[Finding] = []
    for rule in REGISTRY.values():
        if rule.check is not None and rule.code not in disabled:
            found.extend(rule.check(ctx))
    return without_doubtful_sums(table, found)


def arithmetic(table: Table, tolerance: int) -> list[Finding]:
    """Every rule's findings on a table at a tolerance, in the default language: how reading a
    form (`form.workbook.read_book`) judges which column or number style makes the sums agree."""
    return run_rules(table, tolerance=tolerance)
