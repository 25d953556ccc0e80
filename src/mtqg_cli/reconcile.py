"""Reconciliation figures: per project line and for the file, plan, allocation, disbursement, rates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mtqg_cli.hierarchy import walk
from mtqg_cli.models import GROUPS, KINDS, Line, SummaryEntry, Table, Triple
from mtqg_cli.rules.base import effective
from mtqg_cli.rules.lines import unallocated_of

if TYPE_CHECKING:
    import pandas as pd

MONEY_GROUPS = ("plan", "carried_over", "allocated", "disbursed")


def line_figures(table: Table) -> pd.DataFrame:
    """One row per project line and one TOTAL row: amounts in đồng (Int64) and rates (%)."""
    import pandas as pd

    lines = [line for line in walk(table.root) if line.code]
    records = [_record(table, line, line.code or "") for line in lines]
    records.append(_record(table, table.root, "TOTAL"))
    frame = pd.DataFrame.from_records(records)
    money = [f"{g}.{k}" for g in (*MONEY_GROUPS, "unallocated") for k in KINDS]
    frame[money] = frame[money].astype("Int64")
    for kind in KINDS:
        base = frame[f"plan.{kind}"] + frame[f"carried_over.{kind}"].fillna(0)
        rate = (frame[f"disbursed.{kind}"] * 100 / base.where(base != 0)).astype("Float64")
        frame[f"rate.{kind}"] = rate.round(2)
    return frame


def _record(table: Table, line: Line, code: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "project": code,
        "name": line.name or "Tổng cộng",
        "sheet": table.sheet,
        "row": line.row or None,
        "unit": line.section_unit if code != "TOTAL" else None,
        "reason": _reason(line),
    }
    for group in (*MONEY_GROUPS, "unallocated"):
        record.update(_triple(line, group))
    if record["unallocated.total"] is None:
        record["unallocated.total"] = unallocated_of(line)
    return record


def _triple(line: Line, group: str) -> dict[str, int | None]:
    values = {kind: effective(line, f"{group}.{kind}") for kind in KINDS}
    if values["total"] is None and (values["dtpt"] is not None or values["sn"] is not None):
        values["total"] = (values["dtpt"] or 0) + (values["sn"] or 0)
    return {f"{group}.{kind}": value for kind, value in values.items()}


def _reason(line: Line) -> str | None:
    """The line's reason, or its children's reasons where it gives none."""
    if line.reason:
        return line.reason
    parts = [
        f"{child.code or child.stt}: {child.reason}"
        for child in walk(line)
        if child.reason and (unallocated_of(child) or 0) > 0
    ]
    return "; ".join(parts) or None


def summarise(table: Table) -> list[SummaryEntry]:
    """The summary entries of the contract for one table, in sheet order, TOTAL last."""
    frame = line_figures(table)
    return [_entry({str(k): v for k, v in row.items()}) for row in frame.to_dict("records")]


def _entry(row: dict[str, Any]) -> SummaryEntry:
    def value(name: str) -> Any:
        item = row[name]
        return None if _is_na(item) else (float(item) if name.startswith("rate.") else int(item))

    def triple(group: str) -> Triple:
        return Triple(**{kind: value(f"{group}.{kind}") for kind in KINDS})

    unallocated = value("unallocated.total")
    return SummaryEntry(
        project=row["project"],
        name=row["name"],
        sheet=row["sheet"],
        row=None if _is_na(row["row"]) else int(row["row"]),
        unit=None if _is_na(row["unit"]) else row["unit"],
        plan=triple("plan"),
        carried_over=triple("carried_over"),
        allocated=triple("allocated"),
        disbursed=triple("disbursed"),
        rate=triple("rate"),
        unallocated=unallocated,
        unallocated_reason=None if not unallocated or _is_na(row["reason"]) else row["reason"],
    )


def _is_na(item: Any) -> bool:
    import pandas as pd

    return item is None or bool(pd.isna(item))


__all__ = ["GROUPS", "line_figures", "summarise"]
