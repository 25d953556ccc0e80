"""Reconciliation figures with pandas: per project line and for the file, plan to disbursement and rates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mtqg_cli.hierarchy import walk
from mtqg_cli.models import KINDS, Line, SummaryEntry, Table, Triple
from mtqg_cli.rules.base import effective
from mtqg_cli.rules.lines import unallocated_of

if TYPE_CHECKING:
    import pandas as pd

MONEY_GROUPS = ("plan", "carried_over", "allocated", "disbursed")
MONEY = tuple(f"{g}.{k}" for g in MONEY_GROUPS for k in KINDS)


def line_figures(table: Table) -> pd.DataFrame:
    """One row per project line and one TOTAL row: amounts in đồng (Int64) and rates (%)."""
    import pandas as pd

    lines = [line for line in walk(table.root) if line.code]
    codes = [line.code or "" for line in lines] + ["TOTAL"]
    lines.append(table.root)
    frame = pd.DataFrame({name: _column(lines, name) for name in MONEY}, dtype="Int64")
    for group in MONEY_GROUPS:
        missing = frame[f"{group}.total"].isna()
        parts = frame[f"{group}.dtpt"].fillna(0) + frame[f"{group}.sn"].fillna(0)
        known = frame[f"{group}.dtpt"].notna() | frame[f"{group}.sn"].notna()
        frame.loc[missing & known, f"{group}.total"] = parts[missing & known]
    frame["unallocated.total"] = pd.array([unallocated_of(line) for line in lines], dtype="Int64")
    for kind in KINDS:
        base = frame[f"plan.{kind}"] + frame[f"carried_over.{kind}"].fillna(0)
        rate = frame[f"disbursed.{kind}"] * 100 / base.where(base != 0)
        frame[f"rate.{kind}"] = rate.astype("Float64").round(2)
    frame.insert(0, "project", codes)
    frame["row"] = pd.array([line.row or None for line in lines], dtype="Int64")
    frame["name"] = [line.name or "Tổng cộng" for line in lines]
    frame["unit"] = [line.section_unit if line is not table.root else None for line in lines]
    frame["reason"] = [_reason(line) for line in lines]
    return frame


def _column(lines: list[Line], name: str) -> list[int | None]:
    return [effective(line, name) for line in lines]


def _reason(line: Line) -> str | None:
    """The line's reason, or its children's reasons where it gives none."""
    if line.reason:
        return line.reason
    if not line.children:
        return None
    parts = [
        f"{child.code or child.stt}: {child.reason}"
        for child in walk(line)
        if child.reason and (unallocated_of(child) or 0) > 0
    ]
    return "; ".join(parts) or None


def summarise(table: Table) -> list[SummaryEntry]:
    """The summary entries of the contract for one table, in sheet order, TOTAL last."""
    frame = line_figures(table)
    columns = {name: _plain(frame[name]) for name in frame.columns}
    return [_entry(table.sheet, columns, index) for index in range(len(frame))]


def _plain(series: pd.Series) -> list[Any]:
    """A column as Python values, None for missing (no per-cell pandas calls)."""
    return list(series.astype(object).where(series.notna(), None))


def _triple(columns: dict[str, list[Any]], group: str, i: int) -> Triple:
    """A Triple built without validation: the frame's columns already hold checked numbers."""
    cast = float if group == "rate" else int
    dtpt, sn, total = (columns[f"{group}.{k}"][i] for k in ("dtpt", "sn", "total"))
    return Triple.model_construct(
        dtpt=None if dtpt is None else cast(dtpt),
        sn=None if sn is None else cast(sn),
        total=None if total is None else cast(total),
    )


def _entry(sheet: str, columns: dict[str, list[Any]], i: int) -> SummaryEntry:
    def triple(group: str) -> Triple:
        return _triple(columns, group, i)

    unallocated = columns["unallocated.total"][i]
    return SummaryEntry.model_construct(
        project=columns["project"][i],
        name=columns["name"][i],
        sheet=sheet,
        row=None if columns["row"][i] is None else int(columns["row"][i]),
        unit=columns["unit"][i],
        plan=triple("plan"),
        carried_over=triple("carried_over"),
        allocated=triple("allocated"),
        disbursed=triple("disbursed"),
        rate=triple("rate"),
        unallocated=None if unallocated is None else int(unallocated),
        unallocated_reason=columns["reason"][i] if unallocated else None,
    )
