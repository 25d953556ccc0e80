"""One generated form from one seed: the file, its planted discrepancies, every error it must
give (rule, sheet, row), and its own summary figures in đồng per project code and TOTAL."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from forms.build import build_tables, evaluate, state_rates
from forms.dimensions import Shape, draw_shape
from forms.files import write_form
from forms.model import KINDS, LineModel, TableModel
from forms.oracle import effective, expected_errors
from forms.plant import plant_some
from forms.render import render
from forms.unit_summary import cross_sheet_errors, in_file_total
from forms.units import summary_key, unit_of

Located = tuple[str, str, int]
"""(rule, sheet, row) of a finding."""
Figures = dict[str, int | None]
"""Summary figures of one code: "plan.total", "disbursed.sn", "unallocated" … in đồng."""


@dataclass
class GeneratedForm:
    """A form and what reading it right must give."""

    seed: int
    shape: Shape
    path: Path
    planted: list[Located]
    expected: set[Located]
    summary: dict[str, Figures]
    """Figures per code (and "TOTAL") of the lines no expected error touches; on a form of
    several units, per unit and code ("Xã Vi Hương | DA1", see units.summary_key)."""
    codes: set[str] = field(default_factory=set)
    """Every catalog code the form has a line for."""
    describe: list[str] = field(default_factory=list)


def generate(
    seed: int,
    folder: Path,
    supported_only: bool = True,
    overrides: dict[str, str] | None = None,
) -> GeneratedForm:
    """The form of `seed`, written into `folder` (.xls/.ods still as .xlsx: see files.py);
    `overrides` pins dimensions (a failure narrowed down to the value that causes it)."""
    rng = random.Random(seed)
    shape = draw_shape(rng, supported_only, overrides)
    tables = build_tables(rng, shape)
    plants, wrong_rates = plant_some(rng, shape, tables)
    for table in tables:
        evaluate(table)
        state_rates(table, wrong_rates)
        if shape["zeros"] == "blank":
            _blank_zeros(table)
    sheets = render(tables, shape, rng)
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"form-{seed}"
    path = write_form(sheets, shape["file_type"], base, shape["formulas"] == "unsaved")
    sheet_of = (
        (lambda t: path.stem) if shape["file_type"].startswith("csv") else (lambda t: t.sheet)
    )
    expected = {
        (rule, sheet_of(table), line.row_of(name))
        for table in tables
        for rule, line, name in expected_errors(table)
    }
    across = cross_sheet_errors(tables, shape)
    expected |= {(rule, sheet_of(t), line.row_of(name)) for rule, t, line, name in across}
    planted = [(p.rule, sheet_of(tables[p.table]), p.line.row_of(p.field)) for p in plants]
    planted = [p for p in planted if p in expected]
    touched = {id(line) for table in tables for _, line, _ in expected_errors(table)}
    touched |= {id(line) for _, _, line, _ in across}
    return GeneratedForm(
        seed, shape, path, planted, expected, _summary(tables, shape, touched),
        codes={ln.code for t in tables for ln in t.root.walk() if ln.code and ln.kind != "unknown"},
    )  # fmt: skip


def _blank_zeros(table: TableModel) -> None:
    """Zero figures typed as blank cells read as 'not stated': the oracle must see them so."""
    for line in table.root.walk():
        for name in table.fields:
            if line.values.get(name) == 0 and name not in line.formulas:
                line.values[name] = None


GROUPS = ("plan", "disbursed")


def _summary(tables: list[TableModel], shape: Shape, touched: set[int]) -> dict[str, Figures]:
    """Figures per code of the lines whose figures no error touches, and the file's TOTAL."""
    out: dict[str, Figures] = {}
    for table in tables:
        for line in table.root.walk():
            code = "TOTAL" if line is table.root else line.code
            if code is None or line.kind == "unknown" or line.kind == "section":
                continue
            if code == "TOTAL" and not in_file_total(tables, table, shape):
                continue  # the summary sheet's total is the file's
            figures = out.setdefault(summary_key(unit_of(table, line, shape), code), {})
            if id(line) in touched:
                figures["touched"] = 1
            for group in GROUPS + (("unallocated",) if table.reason else ()):
                for kind in KINDS:
                    name = f"{group}.{kind}"
                    if name not in table.fields:
                        continue
                    value = effective_of(table, line, name)
                    target = name if table.capital is None else f"{group}.{table.capital}"
                    if group == "unallocated":
                        target = "unallocated" if kind == "total" else ""
                    if target:
                        figures[target] = (figures.get(target) or 0) + (value or 0)
                    if table.capital is not None and kind == "total" and group != "unallocated":
                        figures[f"{group}.total"] = (figures.get(f"{group}.total") or 0) + (
                            value or 0
                        )
    return {code: figs for code, figs in out.items() if "touched" not in figs}


def effective_of(table: TableModel, line: LineModel, name: str) -> int | None:
    return effective(table, line, name)
