"""Build tests/fixtures/known-causes.xlsx and its golden: a form whose mistakes have known causes.

Run `python tests/build_cause_workbooks.py`; output is deterministic. Four projects, every figure
typed (rates from the typed figures), TỔNG CỘNG adding up the projects as typed. Planted:
- Dự án 1, Nội dung số 02: two digits of its plan SN swapped (its plan total typed right);
- Dự án 3: typed without its last line (Tiểu dự án 2), in every column;
- Dự án 5: Tiểu dự án 3 counted twice, in every column;
- Dự án 10, Tiểu dự án 1, Nội dung số 01: plan SN typed in đồng; its plan total and Tiểu dự án
  1's plan SN and total add it up (formulas), their rates typed from the true figures.
The golden lists every finding an independent oracle (below) finds from the typed cells, and
under "causes" what each mismatch's hint and caused_by must be, from the plants alone.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.cause_forms import (
    FIELDS,
    MILLION,
    CauseForm,
    Node,
    cell,
)
from tests.cause_forms import generate as generate_form

from mtqg_cli.check.cause_digits import transpositions
from mtqg_cli.model.vocabulary import Unit

ROOT = Path(__file__).resolve().parents[1]
NAME = "known-causes"
SHEET = "Biểu 01"
TOLERANCE = 1_000
PLAUSIBLE_MAX = 50_000 * 10**9
SN, TOTAL = "plan.sn", "plan.total"


def node_of(form: CauseForm, code: str) -> Node:
    return next(n for n in form.nodes() if n.code == code)


def build() -> tuple[CauseForm, list[dict]]:
    """The form with its four mistakes, and what each mismatch's cause must be."""
    form = generate_form(random.Random(1719), ["DA1", "DA3", "DA5", "DA10"])
    causes: list[dict] = []
    swapped = node_of(form, "DA1.ND2")
    true = swapped.figures[SN]
    form.written[swapped.row, SN] = transpositions(true, Unit.trieu_dong)[1]
    transposed = _hint("transposed_digits", [swapped.row], [cell(swapped, SN)], true)
    root = _at("TOTAL_MISMATCH", swapped.row, TOTAL)
    causes.append({**root, "hint": transposed, "caused_by": None})
    causes.append({**_at("SUM_MISMATCH", node_of(form, "DA1").row, SN), "hint": transposed,
                   "caused_by": root})  # fmt: skip
    causes += _parent_sum(form, "DA3", "DA3.TDA2", -1, "omitted_line")
    causes += _parent_sum(form, "DA5", "DA5.TDA3", 1, "double_counted")
    causes += _unit_slip(form)
    _typed_rates_and_total(form)
    return form, causes


def _at(rule: str, row: int, column: str) -> dict:
    return {"rule": rule, "row": row, "column": column}


def _hint(kind: str, rows: list[int], cells: list[str], suggested: int) -> dict:
    return {"kind": kind, "rows": rows, "cells": cells, "suggested": suggested}


def _parent_sum(form: CauseForm, code: str, child_code: str, sign: int, kind: str) -> list[dict]:
    parent, child = node_of(form, code), node_of(form, child_code)
    causes = []
    for name in FIELDS:
        form.written[parent.row, name] = parent.figures[name] + sign * child.figures[name]
        if child.figures[name]:
            hint = _hint(kind, [child.row], [cell(parent, name)], parent.figures[name])
            causes.append({**_at("SUM_MISMATCH", parent.row, name), "hint": hint,
                           "caused_by": None})  # fmt: skip
    return causes


def _unit_slip(form: CauseForm) -> list[dict]:
    slipped, between = node_of(form, "DA10.TDA1.ND1"), node_of(form, "DA10.TDA1")
    true = slipped.figures[SN]
    extra = true * (MILLION - 1)
    for line in (slipped, between):
        form.written[line.row, SN] += extra
        form.written[line.row, TOTAL] += extra
        form.rates[line.row] = round(line.figures["disbursed.total"] * 100 / line.figures[TOTAL], 2)
    root = _at("UNIT_SUSPECT", slipped.row, SN)
    hint = _hint("unit_slip", [slipped.row], [cell(slipped, SN)], true)
    project = node_of(form, "DA10").row
    return [
        {**root, "hint": hint, "caused_by": None},
        {**_at("SUM_MISMATCH", project, SN), "hint": hint, "caused_by": root},
        {**_at("SUM_MISMATCH", project, TOTAL), "hint": hint, "caused_by": root},
        {**_at("RATE_MISMATCH", slipped.row, "rate.total"), "hint": None, "caused_by": root},
        {**_at("RATE_MISMATCH", between.row, "rate.total"), "hint": None, "caused_by": root},
        {**_at("UNIT_SUSPECT", between.row, SN), "hint": hint, "caused_by": root},
    ]


def _typed_rates_and_total(form: CauseForm) -> None:
    """TỔNG CỘNG adds up the projects as typed; rates are worked out from the typed figures."""
    for name in FIELDS:
        form.written[form.total.row, name] = sum(
            form.written[p.row, name] for p in form.total.children
        )
    for node in form.nodes():
        if node.row not in form.rates:
            plan, spent = form.written[node.row, TOTAL], form.written[node.row, "disbursed.total"]
            if plan:
                form.rates[node.row] = round(spent * 100 / plan, 2)


# --------------------------------------------------------------------------- the oracle
def oracle(form: CauseForm) -> list[dict]:
    """Every finding the typed cells call for, worked out from them alone."""
    found: set[tuple[str, int, str]] = set()
    w = form.written
    for node in form.nodes():
        row = node.row
        for name in FIELDS:
            if (
                node.children
                and abs(w[row, name] - sum(w[c.row, name] for c in node.children)) > TOLERANCE
            ):
                found.add(("SUM_MISMATCH", row, name))
            parent = w[node.parent.row, name] if node.parent is not None else None
            value = w[row, name]
            if value > PLAUSIBLE_MAX or (parent and parent > 0 and value > parent * 100):
                found.add(("UNIT_SUSPECT", row, name))
        for group in ("plan", "disbursed"):
            if (
                abs(w[row, f"{group}.total"] - w[row, f"{group}.dtpt"] - w[row, f"{group}.sn"])
                > TOLERANCE
            ):
                found.add(("TOTAL_MISMATCH", row, f"{group}.total"))
        for kind in ("total", "dtpt", "sn"):
            if w[row, f"disbursed.{kind}"] - w[row, f"plan.{kind}"] > TOLERANCE:
                found.add(("OVER_DISBURSED", row, f"disbursed.{kind}"))
        stated = form.rate(node)
        if stated is not None and w[row, TOTAL]:
            computed = w[row, "disbursed.total"] * 100 / w[row, TOTAL]
            if abs(computed - stated) > 0.005 + 1e-9:
                found.add(("RATE_MISMATCH", row, "rate.total"))
    return [
        {"rule": r, "sheet": SHEET, "row": row, "column": c}
        for r, row, c in sorted(found, key=lambda f: (f[1], f[0], f[2]))
    ]


def main() -> None:
    form, causes = build()
    folder = ROOT / "tests" / "fixtures"
    form.save(folder / f"{NAME}.xlsx")
    golden = {
        "description": __doc__.split("\n\n", 1)[1].strip(),
        "sheet": SHEET,
        "unit": "trieu_dong",
        "findings": oracle(form),
        "causes": causes,
    }
    text = json.dumps(golden, ensure_ascii=False, indent=2) + "\n"
    (folder / f"{NAME}.expected.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
    print(f"built tests/fixtures/{NAME}.xlsx")
