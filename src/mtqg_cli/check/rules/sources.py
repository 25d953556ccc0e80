"""Rules across files: a report against another source, one period against the next, and
two files of a batch from the same unit.

They have no check over a single table (`check` is None): `against.py`, `compare.py` and
`duplicates.py` raise them, through `cross_finding`, at the cell of the line they are about.
"""

from __future__ import annotations

from mtqg_cli.check.rules.base import REGISTRY, Rule, add_rule
from mtqg_cli.model.report import Finding
from mtqg_cli.model.vocabulary import Severity, Unit
from mtqg_cli.words.messages import field_label, unit_name
from mtqg_cli.words.numbers import format_amount

AGAINST_RULES = ("SOURCE_MISMATCH", "ONLY_IN_REPORT", "ONLY_IN_SOURCE")
PERIOD_RULES = ("CUMULATIVE_DECREASE", "PLAN_CHANGED", "LINE_APPEARED", "LINE_DISAPPEARED")

add_rule(
    Rule(
        "SOURCE_MISMATCH",
        Severity.error,
        "{field} của «{name}» trên báo cáo là {stated}, nhưng {source} ghi {other} "
        "(chênh lệch {difference}).",
        "{field} of «{name}» is {stated} in the report, but {source} gives {other} "
        "(difference {difference}).",
        doc_vi="Số liệu của một dòng khác số liệu của nguồn đối chiếu (ví dụ Kho bạc) quá mức "
        "cho phép.",
        doc_en="A line's figure differs from the other source's (e.g. the Treasury) beyond the "
        "tolerance.",
    )
)
add_rule(
    Rule(
        "ONLY_IN_REPORT",
        Severity.warning,
        "Dòng «{name}» có {field} = {stated} trên báo cáo nhưng không có trong {source}.",
        "«{name}» has {field} = {stated} in the report but is not in {source}.",
        doc_vi="Dòng có trên báo cáo nhưng không có trong nguồn đối chiếu.",
        doc_en="A line is in the report but not in the other source.",
    )
)
add_rule(
    Rule(
        "ONLY_IN_SOURCE",
        Severity.warning,
        "{source} có dòng «{name}» với {field} = {other}, nhưng báo cáo không có dòng này.",
        "{source} has «{name}» with {field} = {other}, but the report has no such line.",
        doc_vi="Dòng có trong nguồn đối chiếu nhưng báo cáo không có.",
        doc_en="A line is in the other source but not in the report.",
    )
)
add_rule(
    Rule(
        "CUMULATIVE_DECREASE",
        Severity.error,
        "{field} lũy kế của «{name}» giảm từ {earlier} ({then}) xuống {later} ({now}).",
        "Cumulative {field} of «{name}» fell from {earlier} ({then}) to {later} ({now}).",
        doc_vi="Số lũy kế giảm so với báo cáo kỳ trước.",
        doc_en="A cumulative figure went down since the earlier report.",
    )
)
add_rule(
    Rule(
        "PLAN_CHANGED",
        Severity.info,
        "{field} của «{name}» đổi từ {earlier} ({then}) thành {later} ({now}).",
        "{field} of «{name}» changed from {earlier} ({then}) to {later} ({now}).",
        doc_vi="Kế hoạch vốn thay đổi so với báo cáo kỳ trước.",
        doc_en="A plan figure changed since the earlier report.",
    )
)
add_rule(
    Rule(
        "LINE_APPEARED",
        Severity.info,
        "Dòng «{name}» có trong báo cáo {now} nhưng không có trong báo cáo {then}.",
        "«{name}» is in the report of {now} but not in the one of {then}.",
        doc_vi="Dòng mới xuất hiện so với báo cáo kỳ trước.",
        doc_en="A line appeared since the earlier report.",
    )
)
add_rule(
    Rule(
        "LINE_DISAPPEARED",
        Severity.warning,
        "Dòng «{name}» có trong báo cáo {then} nhưng không còn trong báo cáo {now}.",
        "«{name}» was in the report of {then} but is gone from the one of {now}.",
        doc_vi="Dòng của báo cáo kỳ trước không còn trong báo cáo kỳ này.",
        doc_en="A line of the earlier report is gone.",
    )
)

add_rule(
    Rule(
        "DUPLICATE_UNIT",
        Severity.warning,
        "Tệp này báo cáo cùng đơn vị «{name}», cùng kỳ {period} với tệp {other} "
        "(có lẽ là bản nộp lại); {outcome}.",
        "This file reports the same unit «{name}» and period {period} as {other} "
        "(probably a resubmission); {outcome}.",
        doc_vi="Hai tệp trong cùng một thư mục báo cáo cùng một đơn vị, cùng một kỳ (bản nộp lại "
        "bên cạnh bản cũ); chỉ tệp mới hơn được cộng vào số liệu tổng hợp.",
        doc_en="Two files of a batch report the same unit and period (a resubmission beside its "
        "original); only the newer enters the consolidation.",
    )
)


def money(value: int | None, unit: Unit, lang: str) -> str:
    """An amount in đồng shown in `unit` with the unit's name ('619,950 triệu đồng')."""
    return f"{format_amount(value, unit, lang)} {unit_name(unit, lang)}"


def cross_finding(
    code: str,
    *,
    lang: str,
    sheet: str | None = None,
    cell: str | None = None,
    row: int | None = None,
    column: str | None = None,
    project: str | None = None,
    unit: str | None = None,
    expected: int | None = None,
    actual: int | None = None,
    **params: object,
) -> Finding:
    """A finding of a cross-file rule, its message filled in the language asked for."""
    rule = REGISTRY[code]
    name = str(params.pop("name", project or ""))
    values = {
        "name": name if len(name) <= 60 else name[:59].rstrip() + "…",
        "field": field_label(column, lang) if column else "",
        **params,
    }
    difference = actual - expected if expected is not None and actual is not None else None
    return Finding(
        rule=code,
        severity=rule.severity,
        sheet=sheet,
        cell=cell,
        row=row,
        column=column,
        project=project,
        expected=expected,
        actual=actual,
        difference=difference,
        message=rule.template(lang).format(**values),
        unit=unit,
    )
