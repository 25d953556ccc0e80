"""The benchmark's generated forms: clean, real-shaped workbooks that mtqg reads as intended.

`make bench` times the normal path of a check; if its generator drifted (a layout mtqg no longer
finds, figures that do not add up) the bench would time error paths instead, and nobody would
notice from the ratios. These tests pin what the generator promises.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bench import costs  # noqa: E402
from bench_forms import Node, project_tree, write_consolidated, write_submission  # noqa: E402

from mtqg_cli.app.run import reconcile_files  # noqa: E402
from mtqg_cli.form.options import Options  # noqa: E402


def _check(path: Path) -> dict[str, object]:
    return reconcile_files([path], Options(workers=1)).model_dump()


def test_a_consolidated_sheet_is_clean_with_one_section_per_commune(tmp_path: Path) -> None:
    path = tmp_path / "tinh-3-xa.xlsx"
    lines = write_consolidated(path, 3, random.Random(1719))
    report = _check(path)
    (file,) = report["files"]  # type: ignore[misc]
    assert file["status"] == "ok" and file["findings"] == []
    assert file["unit"] == "trieu_dong"
    units = {entry["unit"] for entry in file["summary"] if entry["unit"]}
    assert units == {"Xã số 1", "Xã số 2", "Xã số 3"}
    section = 1 + sum(len(node.walk()) for node in project_tree(with_contents=False))
    assert lines == 1 + 3 * section  # TỔNG CỘNG, then each commune's heading and projects
    consolidated = report["consolidated"]
    assert isinstance(consolidated, dict) and consolidated["units_included"] == 3
    first = consolidated["lines"][0]
    assert first["project"] == "DA1"
    assert [u["unit"] for u in first["units"]] == ["Xã số 1", "Xã số 2", "Xã số 3"]
    assert first["plan"]["total"] == sum(u["plan"] for u in first["units"])


def test_a_submission_is_about_thirty_five_clean_lines_whose_total_adds_up(tmp_path: Path) -> None:
    path = tmp_path / "xa-0001.xlsx"
    rng = random.Random(7)
    lines = write_submission(path, 0, rng)
    assert 30 <= lines <= 40
    (file,) = _check(path)["files"]  # type: ignore[misc]
    assert file["status"] == "ok" and file["findings"] == []
    total = file["summary"][-1]
    projects = [
        e for e in file["summary"] if e["project"].count(".") == 0 and e["project"] != "TOTAL"
    ]
    assert total["project"] == "TOTAL" and len(projects) >= 5
    assert total["plan"]["total"] == sum(e["plan"]["total"] for e in projects)


def test_a_node_settles_to_its_childrens_sums_in_thousandths() -> None:
    leaves = [Node("1", "a"), Node("2", "b")]
    parent = Node("", "TỔNG CỘNG", leaves)
    figures = parent.settle(random.Random(3))
    for i in range(4):
        exact = sum(Decimal(repr(leaf.figures[i])) for leaf in leaves)
        assert Decimal(repr(figures[i])) == exact


def test_costs_are_marginal_per_file_and_per_line() -> None:
    seconds = {
        "big: same, --no-store": 1.5,
        "one 35-line form: mtqg reconcile --format json": 0.3,
        "batch 200: mtqg -j 2 --format json": 1.0,
        "batch 1000: mtqg -j 2 --format json": 5.0,
    }
    assert dict(costs(seconds, 12_000, 0.5)) == pytest.approx(
        {
            "ms per further file of a batch, 2 workers": 5.0,
            "µs per further line of a sheet, no history": 100.0,
            "µs per line to record the history": 500_000 / 12_000,
            "s of start-up and one form (fixed per run)": 0.3,
        }
    )
