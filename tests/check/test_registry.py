"""The rule registry against the contract: codes, severities, templates in both languages, tests."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import check, line_at, make_table, trd
from mtqg_cli.check.rules import REGISTRY, RuleContext
from mtqg_cli.check.rules.reading import (
    layout_ambiguous,
    number_format,
    sheet_skipped,
    unit_assumed,
)
from mtqg_cli.form.cell_numbers import parse_number
from mtqg_cli.model.report import Finding
from mtqg_cli.model.sheet import Table, TreeChoice
from mtqg_cli.model.vocabulary import Severity

# The contract's table of rule codes (shared/contract.md), with their severities.
CONTRACT: dict[str, Severity] = {
    "SUM_MISMATCH": Severity.error,
    "TOTAL_MISMATCH": Severity.error,
    "RATE_MISMATCH": Severity.error,
    "OVER_DISBURSED": Severity.error,
    "UNALLOCATED_MISMATCH": Severity.error,
    "UNALLOCATED_NO_REASON": Severity.error,
    "UNIT_SUSPECT": Severity.error,
    "UNKNOWN_PROJECT": Severity.error,
    "NEGATIVE_AMOUNT": Severity.error,
    "DUPLICATE_LINE": Severity.warning,
    "NUMBER_FORMAT": Severity.warning,
    "MISSING_VALUE": Severity.warning,
    "UNIT_ASSUMED": Severity.info,
    "SHEET_SKIPPED": Severity.info,
    "LAYOUT_AMBIGUOUS": Severity.warning,
    # over a whole workbook (issue 6)
    "LEGACY_ENCODING": Severity.info,
    "CROSS_SHEET_MISMATCH": Severity.error,
    # across two files (README, issue 5): --against and compare
    "SOURCE_MISMATCH": Severity.error,
    "ONLY_IN_REPORT": Severity.warning,
    "ONLY_IN_SOURCE": Severity.warning,
    "CUMULATIVE_DECREASE": Severity.error,
    "PLAN_CHANGED": Severity.info,
    "LINE_APPEARED": Severity.info,
    "LINE_DISAPPEARED": Severity.warning,
    # a batch's files (issue 19)
    "DUPLICATE_UNIT": Severity.warning,
    # a sheet's formulas (issue 17)
    "FORMULA_RANGE": Severity.error,
    "FORMULA_NOT_CALCULATED": Severity.info,
    "FORMULA_ERROR": Severity.error,
}
READ_TIME = {"NUMBER_FORMAT", "UNIT_ASSUMED", "SHEET_SKIPPED"}
WORKBOOK = {"LEGACY_ENCODING", "CROSS_SHEET_MISMATCH"}
READ_TIME |= WORKBOOK  # raised over a whole workbook, not by a check over one table
CROSS_FILE = {"SOURCE_MISMATCH", "ONLY_IN_REPORT", "ONLY_IN_SOURCE", "CUMULATIVE_DECREASE",
              "PLAN_CHANGED", "LINE_APPEARED", "LINE_DISAPPEARED"}  # fmt: skip
READ_TIME |= CROSS_FILE  # raised by against.py / compare.py, not by a check over one table
FORMULAS = {"FORMULA_RANGE", "FORMULA_NOT_CALCULATED", "FORMULA_ERROR"}
READ_TIME |= FORMULAS  # raised from a sheet's formulas (rules/formulas.py), not over the tree
BATCH = {"DUPLICATE_UNIT"}
READ_TIME |= BATCH  # raised over a batch of files (duplicates.py), not over the tree
VIETNAMESE_MARKS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
TESTS = Path(__file__).parents[1]


def _row(amounts: dict[str, int | None], name: str = "Dự án 6") -> tuple[object, ...]:
    return (6, "1", name, amounts)


# One small table per checked rule, on which the rule fires.
TRIGGERS: dict[str, Callable[[], Table]] = {
    "SUM_MISMATCH": lambda: make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(10)}),
        (6, "1", "Dự án 4", {"plan.total": trd(11)}),
    ]),
    "TOTAL_MISMATCH": lambda: make_table([
        _row({"plan.total": trd(10), "plan.dtpt": trd(3), "plan.sn": trd(3)}),
    ]),
    "RATE_MISMATCH": lambda: make_table([
        (6, "1", "Dự án 8", {"plan.total": trd("3379.979"), "disbursed.total": trd("619.950")},
         {"rate.total": (18.14, 2)}),
    ]),
    "OVER_DISBURSED": lambda: make_table([
        _row({"plan.total": trd(10), "carried_over.total": trd(1), "disbursed.total": trd(12)}),
    ]),
    "UNALLOCATED_MISMATCH": lambda: make_table([
        _row({"plan.total": trd(10), "allocated.total": trd(5), "unallocated.total": trd(4)}),
    ]),
    "UNALLOCATED_NO_REASON": lambda: make_table([_row({"unallocated.total": trd(4)})]),
    "UNIT_SUSPECT": lambda: make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": trd("345.244")}),
        (6, "1", "Dự án 9", {"plan.total": trd(345_244_000)}),
    ]),
    "UNKNOWN_PROJECT": lambda: make_table([_row({"plan.total": trd(1)}, "Dự án 11")]),
    "NEGATIVE_AMOUNT": lambda: make_table([_row({"plan.total": -trd(1)})]),
    "DUPLICATE_LINE": lambda: make_table([
        (6, "1", "Dự án 10", {"plan.total": trd(1)}),
        (7, "2", "Dự án 10", {"plan.total": trd(1)}),
    ]),
    "MISSING_VALUE": lambda: make_table([
        (6, "1", "Dự án 4", {"plan.total": trd(1)}),
        (7, "2", "Dự án 5", {"plan.total": None}),
    ]),
    "LAYOUT_AMBIGUOUS": lambda: _ambiguous(make_table([
        (6, "1", "Dự án 4", {"plan.total": trd(3)}),
        (7, "", "- Vốn ĐTPT", {"plan.total": trd(1)}),
        (8, "", "- Vốn SN", {"plan.total": trd(1)}),
    ])),
}  # fmt: skip


def _ambiguous(table: Table) -> Table:
    """The table with its capital-type rows in doubt, as `read_tree` leaves a tie."""
    table.readings = [TreeChoice("split", {"split": (0, 1), "sections": (0, 1)}, [7, 8], True)]
    return table


def findings_of(code: str, lang: str) -> list[Finding]:
    """What rule `code` reports on its triggering input, in `lang`."""
    if code in WORKBOOK:
        from tests.check.test_cross_sheet import workbook_findings

        return workbook_findings(code, lang)
    if code in CROSS_FILE:
        from tests.compare.test_periods import cross_file_findings

        return cross_file_findings(code, lang)
    if code in BATCH:
        from tests.check.test_duplicate_unit import duplicate_findings

        return duplicate_findings(lang)
    if code in FORMULAS:
        from tests.read.test_formulas import formula_rule_findings

        return formula_rule_findings(code, lang)
    if code in TRIGGERS:
        return check(TRIGGERS[code](), code, lang=lang)
    table = make_table([(12, "", "Tổng cộng", {"plan.sn": 0})], unit_assumed=True)
    ctx = RuleContext(table, 1_000, lang)
    if code == "NUMBER_FORMAT":
        return [number_format(ctx, line_at(table, 12), "plan.sn", parse_number("7,383.915"))]
    if code == "UNIT_ASSUMED":
        return [unit_assumed(ctx)]
    if code == "SHEET_SKIPPED":
        return [sheet_skipped("Thuyết minh", lang)]
    raise AssertionError(f"no triggering input for {code}")


def test_registry_is_the_contract() -> None:
    assert set(REGISTRY) == set(CONTRACT)
    assert len(REGISTRY) == len(CONTRACT)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_code_and_severity(code: str) -> None:
    rule = REGISTRY[code]
    assert rule.code == code
    assert re.fullmatch(r"[A-Z]+(_[A-Z]+)*", code)
    assert rule.severity == CONTRACT[code]


def test_codes_are_unique() -> None:
    codes = [rule.code for rule in REGISTRY.values()]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_read_time_rules_have_no_check(code: str) -> None:
    assert (REGISTRY[code].check is None) == (code in READ_TIME)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_templates_in_both_languages(code: str) -> None:
    rule = REGISTRY[code]
    assert rule.vi.strip() and rule.en.strip()
    assert rule.vi != rule.en
    assert rule.template("vi") == rule.vi
    assert rule.template("en") == rule.en
    vi_text = _without_fields(rule.vi)
    en_text = _without_fields(rule.en).replace("QĐ", "")
    assert set(vi_text.lower()) & VIETNAMESE_MARKS, rule.vi
    assert not set(en_text.lower()) & VIETNAMESE_MARKS, rule.en
    vi_fields = _fields(rule.vi)
    assert vi_fields == _fields(rule.en), "both languages take the same parameters"


@pytest.mark.parametrize("code", sorted(REGISTRY))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_templates_format_with_what_the_rule_passes(code: str, lang: str) -> None:
    found = findings_of(code, lang)
    assert found, f"{code} did not fire on its triggering input"
    for finding in found:
        assert finding.rule == code
        assert finding.severity == CONTRACT[code]
        assert finding.message
        assert "{" not in finding.message and "}" not in finding.message
    other = findings_of(code, "en" if lang == "vi" else "vi")
    assert [f.message for f in found] != [f.message for f in other]
    assert [(f.rule, f.row, f.column) for f in found] == [(f.rule, f.row, f.column) for f in other]


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_code_is_tested(code: str) -> None:
    sources = [p for p in sorted(TESTS.rglob("*.py")) if p.name != Path(__file__).name]
    assert any(f'"{code}"' in p.read_text(encoding="utf-8") for p in sources), (
        f"no test in tests/ mentions {code}"
    )


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _without_fields(template: str) -> str:
    return "".join(text for text, _, _, _ in string.Formatter().parse(template))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_layout_ambiguous_names_columns_in_doubt(lang: str) -> None:
    """The columns' doubt shares the rule (and its template) with the rows' doubt."""
    table = make_table([(12, "", "Tổng cộng", {"plan.sn": 0})])
    finding = layout_ambiguous(RuleContext(table, 1_000, lang), "plan.total", {2: 4, 3: 4}, 3)
    assert (finding.rule, finding.severity) == ("LAYOUT_AMBIGUOUS", "warning")
    assert "C, D" in finding.message and "C: 4, D: 4" in finding.message
    assert ("đã dùng cột D" if lang == "vi" else "column D was used") in finding.message
    assert "{" not in finding.message
