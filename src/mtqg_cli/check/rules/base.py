"""The rule registry: each rule's code, severity, message templates, documentation and check."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mtqg_cli.model.report import Finding
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.text import column_letter
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, Severity
from mtqg_cli.words.messages import field_label, unit_name
from mtqg_cli.words.numbers import format_amount, format_rate

if TYPE_CHECKING:
    from mtqg_cli.check.rules.columns import LineColumns
    from mtqg_cli.form.line_frame import LineArrays

Check = Callable[["RuleContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One rule of the contract: what it is called, how serious it is, what it says (`vi`, `en`:
    the templates of its findings' messages) and what it checks, in a sentence (`doc_vi`,
    `doc_en`: SARIF rule descriptions and CI summaries)."""

    code: str
    severity: Severity
    vi: str
    en: str
    doc_vi: str = ""
    doc_en: str = ""
    check: Check | None = None  # None: raised while reading, not by a check over the tree

    def template(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def doc(self, lang: str) -> str:
        """What the rule checks, in the language (the code itself for a rule not described)."""
        return (self.doc_en if lang == "en" else self.doc_vi) or self.code


REGISTRY: dict[str, Rule] = {}


def register(
    code: str, severity: Severity, vi: str, en: str, *, doc_vi: str = "", doc_en: str = ""
) -> Callable[[Check], Check]:
    """Decorator that adds a check function to the registry under its rule code."""

    def wrap(check: Check) -> Check:
        add_rule(Rule(code, severity, vi, en, doc_vi, doc_en, check))
        return check

    return wrap


def add_rule(rule: Rule) -> None:
    if rule.code in REGISTRY:
        raise ValueError(f"duplicate rule code {rule.code}")
    REGISTRY[rule.code] = rule


@dataclass
class RuleContext:
    """What a check reads: the table, the amount tolerance in đồng and the language.

    `rate_tolerance` (percentage points) widens the rounding a stated rate is compared with.
    `arrays` are the table's line frame's arrays (`form.line_frame.line_arrays`) where the caller
    built them for the summary's frame too; the amount rules read them in sheet order
    (`columns`), built on first use.
    """

    table: Table
    tolerance: int = 1_000
    lang: str = "vi"
    amount_fields: list[str] = field(default_factory=list)
    rate_tolerance: float = 0.0
    arrays: LineArrays | None = field(default=None, repr=False)
    in_order: LineColumns | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.amount_fields = [f for f in AMOUNT_FIELDS if self.table.has(f)]

    def columns(self) -> LineColumns:
        """The table's figures as arrays, lines in sheet order: built once per context (the
        frame's module is imported here, not by the registry: `mtqg schema` loads no pandas)."""
        if self.in_order is None:
            from mtqg_cli.check.rules.columns import LineColumns

            self.in_order = LineColumns(self.table, self.arrays)
        return self.in_order

    def lines(self) -> Iterator[Line]:
        """Every line of the table, the total line included, in sheet order."""
        return iter(self.table.lines)

    def money(self, value: int | float | None) -> str:
        unit = self.table.unit
        return f"{format_amount(value, unit, self.lang)} {unit_name(unit, self.lang)}"

    def rate(self, value: float | None) -> str:
        return f"{format_rate(value, self.lang)}%"

    def label(self, name: str) -> str:
        return field_label(name, self.lang)

    def finding(
        self,
        code: str,
        line: Line | None,
        column: str | None = None,
        expected: int | float | None = None,
        actual: int | float | None = None,
        **params: object,
    ) -> Finding:
        """A finding of rule `code` at the line's cell in `column`, its message filled in."""
        rule = REGISTRY[code]
        difference: int | float | None = None
        if expected is not None and actual is not None:
            difference = actual - expected
            if isinstance(difference, float):
                difference = round(difference, 2)
        values = {
            "name": _short_name(line.name) if line else "",
            "field": self.label(column) if column else "",
            "sheet": self.table.sheet,
            **params,
        }
        return Finding(
            rule=code,
            severity=rule.severity,
            sheet=self.table.sheet,
            cell=self.cell(line, column),
            row=self.row(line, column),
            column=column,
            project=line.code if line else None,
            expected=expected,
            actual=actual,
            difference=difference,
            message=rule.template(self.lang).format(**values),
            unit=line.section_unit if line else None,
        )

    def row(self, line: Line | None, column: str | None) -> int | None:
        """The sheet row of the line's figure in `column` (a split row's, where it has one)."""
        if line is None or not line.row:
            return None
        return line.stated_at.get(column, line.row) if column else line.row

    def cell(self, line: Line | None, column: str | None) -> str | None:
        row = self.row(line, column)
        if row is None:
            return None
        index = self.table.columns.get(column or "name", self.table.columns.get("name", 0))
        return f"{column_letter(index)}{row}"


def _short_name(name: str, limit: int = 60) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
