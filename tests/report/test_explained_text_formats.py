"""CSV, Markdown, GitHub annotations, JUnit and SARIF say what explains a finding and its hint."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from explained_reports import CAUSES, HINT_EN, HINT_VI, explained_report
from mtqg_cli.report.ci import to_github, to_junit
from mtqg_cli.report.sarif import to_sarif
from mtqg_cli.report.text_reports import to_csv, to_markdown

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text())
SHEET = "BC giải ngân"


def _ids() -> dict[str, str]:
    """Each finding's cell with its id."""
    return {f.cell or "": f.id or "" for f in explained_report().files[0].findings}


@pytest.mark.parametrize(
    ("lang", "columns"),
    [
        ("vi", ["Mã sai lệch", "Do sai lệch", "Loại nguyên nhân", "Gợi ý"]),
        ("en", ["id", "caused_by", "hint_kind", "hint_message"]),
    ],
)
def test_csv_gives_id_cause_and_hint_columns(lang: str, columns: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(explained_report(lang), lang).lstrip("\ufeff"))))
    assert rows[0][-4:] == columns
    assert {len(row) for row in rows} == {len(rows[0])}
    by_cell = {row[3]: row[-4:] for row in rows[1:]}
    ids = _ids()
    hint = HINT_EN if lang == "en" else HINT_VI
    assert by_cell["C9"] == [ids["C9"], "", "transposed_digits", hint]
    for cell, cause in CAUSES.items():
        assert by_cell[cell] == [ids[cell], ids[cause], "", ""]
    assert by_cell["M20"] == [ids["M20"], "", "", ""]


def test_markdown_puts_consequences_under_their_root() -> None:
    text = to_markdown(explained_report())
    rows = [line for line in text.splitlines() if line.startswith("| lỗi |")]
    cells = [row.split(" | ")[2] for row in rows]
    assert cells == [f"{SHEET}!{c}" for c in ("C9", "E9", "H9", "L9", "H25", "M20", "L21")]
    rules = [row.split(" | ")[1] for row in rows]
    assert rules[:5] == [
        "SUM_MISMATCH", "↳ SUM_MISMATCH", "↳ UNALLOCATED_MISMATCH", "↳↳ RATE_MISMATCH",
        "↳ UNALLOCATED_MISMATCH",
    ]  # fmt: skip
    assert f"Gợi ý: {HINT_VI}" in rows[0]
    assert rows[1].endswith(f"(do sai lệch ở {SHEET}!C9) |")
    assert rows[3].endswith(f"(do sai lệch ở {SHEET}!H9) |")


def test_github_annotations_say_the_cause_and_the_hint() -> None:
    lines = to_github(explained_report("en"), lang="en").splitlines()
    root = next(line for line in lines if f"{SHEET}!C9::" in line)
    assert root.endswith(f"%0AHint: {HINT_EN}")
    rate = next(line for line in lines if f"{SHEET}!L9::" in line)
    ids = _ids()
    assert rate.endswith(f"%0AFollows from finding {ids['H9']}: UNALLOCATED_MISMATCH at {SHEET}!H9")
    plain = next(line for line in lines if f"{SHEET}!M20::" in line)
    assert "%0A" not in plain


def test_junit_failures_say_the_cause_and_the_hint() -> None:
    suite = ET.fromstring(to_junit(explained_report()))
    bodies = {(f.get("message") or "").split(":")[0]: f.text or "" for f in suite.iter("failure")}
    assert bodies[f"SUM_MISMATCH {SHEET}!C9"].endswith(f"\nGợi ý: {HINT_VI}")
    ids = _ids()
    assert bodies[f"SUM_MISMATCH {SHEET}!E9"].endswith(
        f"\nKéo theo từ sai lệch {ids['C9']}: SUM_MISMATCH ở {SHEET}!C9"
    )
    assert bodies[f"RATE_MISMATCH {SHEET}!L21"].endswith("= 40,00%.")


def test_sarif_relates_each_consequence_to_its_root() -> None:
    log = json.loads(to_sarif(explained_report("en"), lang="en"))
    jsonschema.Draft202012Validator(SCHEMA).validate(log)
    results = {r["properties"]["cell"]: r for r in log["runs"][0]["results"]}
    ids = _ids()
    for cell, cause in CAUSES.items():
        result = results[cell]
        assert result["properties"]["id"] == ids[cell]
        assert result["properties"]["caused_by"] == ids[cause]
        (related,) = result["relatedLocations"]
        assert related["logicalLocations"][0]["fullyQualifiedName"] == f"{SHEET}!{cause}"
        assert related["physicalLocation"]["region"]["startLine"] == int(cause[1:])
        assert related["message"]["text"].startswith(f"Root finding {ids[cause]}: ")
    root = results["C9"]
    assert "relatedLocations" not in root and "caused_by" not in root["properties"]
    assert root["properties"]["hint"]["suggested"] == 3_806_500_000
    assert root["message"]["text"].endswith(f"\nHint: {HINT_EN}")
    assert results["M20"]["properties"]["id"] == ids["M20"]
