"""The logical form: lines from the programme's catalog, real-looking figures, the tables they fill.

A `TableModel` is one table as the form states it: its lines in sheet order, each with its stated
figures in integer đồng per field ("plan.total", "disbursed.dtpt" …), how each figure is written
(a number, or a formula), and its stated rates. `rendering` lays a table out on a sheet; `oracle`
works out which findings its figures must give.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from forms.dimensions import Shape
from mtqg_cli.form.catalog import load_catalog

KINDS = ("total", "dtpt", "sn")
UNIT_SIZE = {"trieu": 1_000_000, "nghin": 1_000, "dong": 1, "ty": 1_000_000_000}
STEP = {"trieu": 1_000, "nghin": 1_000, "dong": 1, "ty": 1_000_000}
"""The smallest amount a figure of the unit shows (three decimals at most), in đồng."""


@dataclass
class LineModel:
    """One line of a table: the grand total, a section, a project, sub-project or content."""

    kind: str  # total | section | unit | project | subproject | content | unknown
    code: str | None
    name: str
    parent: LineModel | None = None
    children: list[LineModel] = field(default_factory=list)
    values: dict[str, int | None] = field(default_factory=dict)
    formulas: dict[str, str] = field(default_factory=dict)
    """field -> how the cell is a formula: "sum" (of the children), "types" (ĐTPT + SN),
    "sum_short" (a SUM range that leaves out the last child)."""
    rates: dict[str, float | None] = field(default_factory=dict)
    rate_formula: bool = False
    reason: str = ""
    stt: str = ""
    hidden: bool = False
    planted: bool = False
    """A discrepancy is planted on this line (its "Trong đó" row would echo it)."""
    rows: dict[str, int] = field(default_factory=dict)
    """Worksheet row (1-based) of the line's figures per capital type ("" = the line itself)."""

    @property
    def level(self) -> int:
        return 0 if self.parent is None else self.parent.level + 1

    def walk(self) -> list[LineModel]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def row_of(self, field_name: str) -> int:
        kind = field_name.split(".")[-1]
        return self.rows.get(kind, self.rows[""])


@dataclass
class TableModel:
    """One table: its lines (a tree under `root`), its columns, and the capital type it holds."""

    sheet: str
    root: LineModel
    fields: list[str]
    rate_fields: list[str]
    reason: bool
    capital: str | None = None  # None: both types; "dtpt" / "sn": a table of one type
    caption: str = ""
    has_total_line: bool = True
    rate_base: str = "with_carried"
    """What the form's rates divide by: plan + carried over, or the plan alone ("plan_only")."""

    def lines(self) -> list[LineModel]:
        """The table's lines in sheet order (the root too when it is a written total line)."""
        everything = self.root.walk()
        return everything if self.has_total_line else everything[1:]


# ------------------------------------------------------------------ catalog choices


def pick_codes(rng: random.Random, depth: str) -> list[str]:
    """Codes of the lines a unit reports: some projects, and below them some of their items."""
    catalog = load_catalog()
    projects = [p.code for p in catalog.projects()]
    chosen = sorted(rng.sample(projects, rng.randint(2, min(7, len(projects)))), key=_order)
    codes: list[str] = []
    for code in chosen:
        codes.append(code)
        if depth == "projects":
            continue
        subs = [c.code for c in catalog.children(code)]
        if not subs or rng.random() < 0.3:
            continue
        for sub in sorted(rng.sample(subs, rng.randint(1, len(subs))), key=_order):
            codes.append(sub)
            inner = [c.code for c in catalog.children(sub)]
            if depth == "contents" and inner and rng.random() < 0.7:
                picked = rng.sample(inner, rng.randint(1, len(inner)))
                codes.extend(sorted(picked, key=_order))
    return codes


def _order(code: str) -> tuple[int, ...]:
    return tuple(int("".join(ch for ch in part if ch.isdigit())) for part in code.split("."))


def catalog_name(code: str) -> str:
    item = load_catalog().get(code)
    assert item is not None, code
    return item.name


# ------------------------------------------------------------------ figures


@dataclass
class Figures:
    """A leaf's figures per group and capital type (ĐTPT, SN), in đồng."""

    by_kind: dict[str, dict[str, int]]  # group -> {"dtpt": …, "sn": …}

    def get(self, group: str, kind: str) -> int:
        parts = self.by_kind.get(group, {"dtpt": 0, "sn": 0})
        return parts["dtpt"] + parts["sn"] if kind == "total" else parts[kind]


def leaf_figures(rng: random.Random, shape: Shape) -> Figures:
    """Real-looking figures of one leaf: a plan of some hundred million to tens of billions."""
    step = STEP[shape["unit"]]
    by_kind: dict[str, dict[str, int]] = {g: {} for g in GROUPS}
    for kind in ("dtpt", "sn"):
        plan = 0 if rng.random() < 0.2 else _amount(rng, 200_000_000, 30_000_000_000, step)
        carried = 0
        if shape["carried_over"] == "yes" and rng.random() < 0.5:
            carried = _amount(rng, 10_000_000, 3_000_000_000, step)
        available = plan + carried
        unallocated = 0
        if available and rng.random() < 0.3:
            unallocated = _round(available * rng.uniform(0.05, 0.6), step)
        disbursed = _round((available - unallocated) * rng.uniform(0, 0.95), step)
        by_kind["plan"][kind] = plan
        by_kind["carried_over"][kind] = carried
        by_kind["allocated"][kind] = available - unallocated
        by_kind["unallocated"][kind] = unallocated
        by_kind["disbursed"][kind] = disbursed
    return Figures(by_kind)


GROUPS = ("plan", "carried_over", "allocated", "unallocated", "disbursed")


def _amount(rng: random.Random, low: int, high: int, step: int) -> int:
    return _round(10 ** rng.uniform(len(str(low)) - 1, len(str(high)) - 1), step)


def _round(value: float, step: int) -> int:
    return round(value / step) * step


def fields_of(shape: Shape, one_type: bool) -> list[str]:
    """The amount fields the table has, in the models' order."""
    groups = ["plan"]
    if shape["carried_over"] == "yes":
        groups.append("carried_over")
    if shape["allocation"] == "yes":
        groups += ["allocated", "unallocated"]
    groups.append("disbursed")
    kinds = (
        ["total", "dtpt", "sn"] if shape["capital"] in ("columns", "breakdown_rows") else ["total"]
    )
    if one_type:
        kinds = ["total"]
    return [f"{g}.{k}" for g in groups for k in kinds]


def rate_fields_of(shape: Shape) -> list[str]:
    if shape["rates"] == "none":
        return []
    if shape["rates"] == "per_type" and shape["capital"] == "columns":
        return ["rate.total", "rate.dtpt", "rate.sn"]
    return ["rate.total"]


def rate_of(line: LineModel, kind: str, base_kind: str = "with_carried") -> float | None:
    """disbursed / (plan + carried over) × 100 from the stated figures (or disbursed / plan for
    a form whose rates leave the carried-over money out), None on a zero base."""
    disbursed = effective(line, f"disbursed.{kind}")
    plan = effective(line, f"plan.{kind}")
    if disbursed is None or plan is None:
        return None
    carried = 0 if base_kind == "plan_only" else effective(line, f"carried_over.{kind}")
    base = plan + (carried or 0)
    return None if base == 0 else disbursed * 100 / base


def effective(line: LineModel, name: str) -> int | None:
    """As stated, or where blank the sum of the children's (None when none states it)."""
    value = line.values.get(name)
    if value is not None:
        return value
    known = [v for c in line.children if (v := effective(c, name)) is not None]
    return sum(known) if known else None
