"""Generated consolidated forms of several units (tests/forms/units.py) are read per unit."""

from __future__ import annotations

import random
from pathlib import Path

from forms.build import build_tables, evaluate, state_rates
from forms.check import check_form
from forms.dimensions import draw_shape
from forms.files import write_form
from forms.generate import generate
from forms.oracle import expected_errors
from forms.render import render
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.form.options import Options

PLAIN = {
    "file_type": "xlsx", "capital": "columns", "formulas": "none", "total_position": "first",
    "total_stt": "none", "prose_sheet": "none", "repeated_header": "none", "diacritics": "nfc",
    "hidden_rows": "none", "of_which_rows": "none", "unit": "trieu", "unit_line": "above_right",
    "allocation": "no", "carried_over": "no", "rates": "none", "extra_columns": "none",
}  # fmt: skip


def test_units_are_sections_holding_the_sum_of_their_projects() -> None:
    shape = draw_shape(random.Random(3), True, {**PLAIN, "units": "sections"})
    (table,) = build_tables(random.Random(4), shape)
    units = table.root.children
    assert len(units) >= 2 and {u.kind for u in units} == {"unit"}
    for name in table.fields:
        for unit in units:
            assert unit.values[name] == sum(c.values[name] or 0 for c in unit.children)
        assert table.root.values[name] == sum(u.values[name] or 0 for u in units)


def test_a_unit_line_typed_by_hand_is_a_sum_mismatch_at_its_row(tmp_path: Path) -> None:
    """The unit's plan typed 7 billion too high, the grand total the sum of the units."""
    shape = draw_shape(
        random.Random(3), True, {**PLAIN, "units": "sections", "capital": "total_only"}
    )
    tables = build_tables(random.Random(4), shape)
    root = tables[0].root
    unit = root.children[1]
    for line in (unit, root):
        line.values["plan.total"] = (line.values["plan.total"] or 0) + 7_000_000_000
    for table in tables:
        evaluate(table)
        state_rates(table, {})
    path = write_form(render(tables, shape, random.Random(5)), "xlsx", tmp_path / "f", False)
    assert [(rule, line) for rule, line, _ in expected_errors(tables[0])] == [
        ("SUM_MISMATCH", unit)
    ]
    report = reconcile_file(path, Options())
    found = {(f.rule, f.row) for f in report.findings if f.severity == "error"}
    assert found == {("SUM_MISMATCH", unit.rows[""])}
    units = {e.unit for e in report.summary if e.project != "TOTAL"}
    assert units == {u.name for u in tables[0].root.children}


def test_consolidated_forms_are_read_per_unit(tmp_path: Path) -> None:
    """Sections and sheets of units (after a summary sheet or not), with discrepancies planted
    on any line: every one found at its row, a summary sheet's figures that differ from the sum
    of the units' sheets too, and each unit's figures per project to the đồng."""
    across = 0
    for units in ("sections", "sheets", "sheets_summary"):
        checked = 0
        for seed in range(200):  # a CSV has one sheet: its draws of sheets become sections
            if checked >= 25:
                break
            form = generate(seed, tmp_path / units, overrides={"units": units})
            if form.shape["units"] != units:
                continue
            outcome = check_form(form)
            assert outcome.ok, outcome.explain()
            checked += 1
            if units != "sections":
                assert any(" | " in key for key in form.summary)  # per unit, not summed up
            across += any(rule == "CROSS_SHEET_MISMATCH" for rule, _, _ in form.expected)
        assert checked >= 20, units
    assert across >= 5
