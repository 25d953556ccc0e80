"""JUnit, SARIF and GitHub output: each says what the JSON report says, finding for finding."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from typer.testing import CliRunner

from mtqg_cli.check.rules import REGISTRY
from mtqg_cli.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
WORKBOOKS = sorted([*SAMPLES.glob("*.xlsx"), *FIXTURES.glob("*.xlsx")])
UNREADABLE = {
    p.name
    for p in WORKBOOKS
    if json.loads(p.with_suffix(".expected.json").read_text("utf-8")).get("error")
}
CONTRACT = (
    "SUM_MISMATCH", "TOTAL_MISMATCH", "RATE_MISMATCH", "OVER_DISBURSED", "UNALLOCATED_MISMATCH",
    "UNALLOCATED_NO_REASON", "UNIT_SUSPECT", "UNKNOWN_PROJECT", "NEGATIVE_AMOUNT",
    "DUPLICATE_LINE", "NUMBER_FORMAT", "MISSING_VALUE", "UNIT_ASSUMED", "SHEET_SKIPPED",
)  # fmt: skip

runner = CliRunner()

# (path, rule, cell, message, accepted, fails) — what every format must agree on
Item = tuple[str, str, str | None, str, bool, bool]


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["reconcile", *(str(a) for a in args)])
    return result.exit_code, result.stdout, result.stderr


def _abs(path: str) -> str:
    return str(Path(path).resolve())


# --------------------------------------------------------------------------- readers of each format
def from_json(text: str) -> tuple[Counter[Item], set[str]]:
    report = json.loads(text)
    items: Counter[Item] = Counter()
    for file in report["files"]:
        for f in file["findings"]:
            accepted = f["waived"] or f["in_baseline"]
            fails = f["severity"] == "error" and not accepted
            items[(_abs(file["path"]), f["rule"], f["cell"], f["message"], accepted, fails)] += 1
    return items, {_abs(f["path"]) for f in report["files"] if f["status"] == "error"}


SEVERITIES = "lỗi|cảnh báo|thông tin|error|warning|info"
LINE = re.compile(
    rf"^(?:\[(?P<mark>[^\]]+)\] )?(?P<sev>{SEVERITIES}) (?P<rule>[A-Z_]+) (?P<where>[^:]*): "
)


def from_junit(text: str) -> tuple[Counter[Item], set[str]]:
    root = ET.fromstring(text)
    items: Counter[Item] = Counter()
    unreadable: set[str] = set()
    for case in root.iter("testcase"):
        path = _abs(case.get("name", ""))
        if case.find("error") is not None:
            unreadable.add(path)
        for failure in case.findall("failure"):
            body = dict(
                line.split(": ", 1) for line in (failure.text or "").splitlines() if ": " in line
            )
            rule = failure.get("type", "")
            assert failure.get("message", "").startswith(rule)
            items[(path, rule, body.get("cell"), body["message"], False, True)] += 1
        out = case.find("system-out")
        for line in (out.text or "").splitlines() if out is not None else []:
            found = LINE.match(line)
            assert found, line
            cell = re.search(r"!([A-Z]+\d+)", found["where"])
            message = line[found.end() :]
            accepted = found["mark"] is not None
            items[(path, found["rule"], cell[1] if cell else None, message, accepted, False)] += 1
    return items, unreadable


def from_sarif(text: str) -> tuple[Counter[Item], set[str]]:
    log = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(log)
    run_ = log["runs"][0]
    base = urlparse(run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]).path

    def path_of(location: dict) -> str:
        uri = location["uri"]
        if location.get("uriBaseId"):
            return _abs(unquote(base) + unquote(uri))
        return _abs(unquote(urlparse(uri).path))

    items: Counter[Item] = Counter()
    for result in run_["results"]:
        physical = result["locations"][0]["physicalLocation"]
        accepted = bool(result.get("suppressions")) or result.get("baselineState") == "unchanged"
        item = (
            path_of(physical["artifactLocation"]),
            result["ruleId"],
            result["properties"].get("cell"),
            first_line(result["message"]["text"]),
            accepted,
            result["level"] == "error" and not accepted,
        )
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        items[item] += 1
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    unreadable = {
        path_of(n["locations"][0]["physicalLocation"]["artifactLocation"])
        for n in notes
        if n["level"] == "error"
    }
    return items, unreadable


def first_line(text: str) -> str:
    """A finding's message without the lines after it (its cause, its hint: tested apart)."""
    return text.split("\n", 1)[0]


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def from_github(text: str) -> tuple[Counter[Item], set[str]]:
    items: Counter[Item] = Counter()
    unreadable: set[str] = set()
    for line in text.splitlines():
        found = re.match(r"^::(error|warning|notice) ([^:]*)::(.*)$", line)
        if not found:
            assert line.startswith("mtqg: "), line
            continue
        level, props_text, message = found.groups()
        props = dict(p.split("=", 1) for p in props_text.split(","))
        props = {k: _unescape(v) for k, v in props.items()}
        title = props["title"]
        if title in ("mtqg", "mtqg: miễn trừ", "mtqg: waiver"):
            if title == "mtqg":
                unreadable.add(_abs(props["file"]))
            continue
        accepted = title.startswith("[")
        title = title.split("] ", 1)[1] if accepted else title
        rule, _, where = title.partition(" ")
        cell = re.search(r"!([A-Z]+\d+)$", where)
        item = (
            _abs(props["file"]),
            rule,
            cell[1] if cell else None,
            first_line(_unescape(message)),
        )
        items[(*item, accepted, level == "error")] += 1
    return items, unreadable


READERS = {"junit": from_junit, "sarif": from_sarif, "github": from_github}


def outputs(*args: str | Path) -> dict[str, tuple[int, str]]:
    """The same run in every format: exit code and text."""
    out = {}
    for fmt in ("json", *READERS):
        code, text, _ = run(*args, "--format", fmt, "--workers", "1")
        out[fmt] = (code, text)
    return out


def assert_agree(results: dict[str, tuple[int, str]]) -> Counter[Item]:
    codes = {fmt: code for fmt, (code, _) in results.items()}
    assert len(set(codes.values())) == 1, codes
    expected, unreadable = from_json(results["json"][1])
    for fmt, reader in READERS.items():
        found, bad = reader(results[fmt][1])
        assert found == expected, f"{fmt}: {found - expected} missing {expected - found}"
        assert bad == unreadable, fmt
    return expected


# --------------------------------------------------------------------------- agreement
@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_format_agrees_with_json_on_each_workbook(path: Path) -> None:
    results = outputs(path)
    items = assert_agree(results)
    if path.name in UNREADABLE:
        assert results["json"][0] == 2 and not items
    code, text = results["json"]
    findings = json.loads(text)["files"][0]["findings"]
    assert len(findings) == sum(items.values())
    assert code == (1 if any(f["severity"] == "error" for f in findings) else code)


def test_every_format_agrees_on_a_batch_with_unreadable_files() -> None:
    results = outputs(*WORKBOOKS)
    items = assert_agree(results)
    assert results["json"][0] == 2
    _, unreadable = from_json(results["json"][1])
    assert {Path(p).name for p in unreadable} == UNREADABLE
    rules = {item[1] for item in items}
    assert {"SUM_MISMATCH", "RATE_MISMATCH", "UNIT_SUSPECT", "NUMBER_FORMAT"} <= rules


def test_formats_agree_on_waived_findings(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.toml"
    waivers.write_text(
        '[[waivers]]\nfile = "*sai-lech.xlsx"\nrule = "SUM_MISMATCH"\nproject = "DA9"\n'
        'reason = "Đã giải trình"\naccepted_by = "Phòng Tài chính"\n',
        encoding="utf-8",
    )
    results = outputs(FAULTY, "--waivers", waivers)
    items = assert_agree(results)
    accepted = [i for i in items if i[4]]
    assert sorted(i[2] for i in accepted) == ["C39", "E39", "F39"]
    assert all(not i[5] for i in accepted)
    assert all("Đã chấp nhận: Đã giải trình — Phòng Tài chính" in i[3] for i in accepted)


# --------------------------------------------------------------------------- each format
def test_junit_has_one_case_per_file_and_one_failure_per_error() -> None:
    code, text, _ = run(FAULTY, SAMPLES / "bach-thong-6-thang-2023.xlsx", "--format", "junit")
    assert code == 1
    root = ET.fromstring(text)
    cases = list(root.iter("testcase"))
    assert [Path(c.get("name", "")).name for c in cases] == [
        FAULTY.name,
        "bach-thong-6-thang-2023.xlsx",
    ]
    faulty, clean = cases
    assert len(faulty.findall("failure")) == 13
    assert {f.get("type") for f in faulty.findall("failure")} == {
        "SUM_MISMATCH",
        "RATE_MISMATCH",
        "UNIT_SUSPECT",
    }
    assert faulty.find("system-out") is not None
    assert "NUMBER_FORMAT" in (faulty.find("system-out").text or "")
    assert not clean.findall("failure")
    assert root.get("tests") == "2" and root.get("failures") == "1" and root.get("errors") == "0"


def test_junit_warnings_fail_under_fail_on_warning() -> None:
    code, text, _ = run(FAULTY, "--format", "junit", "--fail-on", "warning")
    assert code == 1
    failures = ET.fromstring(text).find(".//testcase").findall("failure")
    assert len(failures) == 16
    assert sum(1 for f in failures if f.get("type") == "NUMBER_FORMAT") == 3


def test_sarif_is_valid_and_describes_every_rule() -> None:
    code, text, _ = run(FAULTY, "--format", "sarif", "--lang", "en")
    assert code == 1
    log = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][: len(REGISTRY)] == list(REGISTRY)
    assert all(r["shortDescription"]["text"] != r["id"] for r in rules if r["id"] in CONTRACT)
    by_id = {r["id"]: r for r in rules}
    assert by_id["DUPLICATE_LINE"]["defaultConfiguration"]["level"] == "warning"
    assert "sub-lines" in log["runs"][0]["results"][0]["message"]["text"]
    result = next(r for r in log["runs"][0]["results"] if r["properties"]["cell"] == "K38")
    assert result["ruleId"] == "RATE_MISMATCH" and result["level"] == "error"
    location = result["locations"][0]
    assert location["physicalLocation"]["region"] == {
        "startLine": 38,
        "startColumn": 11,
        "endColumn": 12,
    }
    assert location["physicalLocation"]["artifactLocation"]["uri"] == (
        "data/samples/bach-thong-6-thang-2023-sai-lech.xlsx"
    )
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "Biểu 01!K38"
    assert result["properties"]["project"] == "DA8"


def test_sarif_schema_rejects_a_broken_log() -> None:
    """The shipped schema really checks: a result with an unknown level is refused."""
    _, text, _ = run(FAULTY, "--format", "sarif")
    log = json.loads(text)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(log)


def test_github_annotations_name_the_file_and_cell() -> None:
    code, text, _ = run(FAULTY, "--format", "github")
    assert code == 1
    lines = text.splitlines()
    errors = [ln for ln in lines if ln.startswith("::error ")]
    warnings = [ln for ln in lines if ln.startswith("::warning ")]
    assert len(errors) == 13 and len(warnings) == 3
    assert any("title=RATE_MISMATCH Biểu 01!K38::Tỷ lệ giải ngân" in ln for ln in errors)
    assert all(f"file={FAULTY}," in ln for ln in errors)
    assert lines[-1].startswith("mtqg: 1 tệp; 13 lỗi, 3 cảnh báo")


def test_github_escapes_commas_colons_and_newlines() -> None:
    from mtqg_cli.report.ci import _command

    line = _command("error", {"file": "a,b:c.xlsx", "title": "x"}, "50%\nnext")
    assert line == "::error file=a%2Cb%3Ac.xlsx,title=x::50%25%0Anext"


def test_csv_inputs_get_a_line_number(tmp_path: Path) -> None:
    from mtqg_cli.model.report import FileReport, Finding, Report
    from mtqg_cli.report.ci import to_github

    finding = Finding(rule="SUM_MISMATCH", severity="error", sheet="x", cell="C5", row=5)
    report = Report(
        version="1",
        files=[
            FileReport(path="a.csv", status="findings", findings=[finding]),
            FileReport(path="a.xlsx", status="findings", findings=[finding]),
        ],
    )
    lines = to_github(report).splitlines()
    assert lines[0].startswith("::error file=a.csv,title=SUM_MISMATCH x!C5,line=5::")
    assert "line=" not in lines[1]


def test_ci_formats_write_to_output_files(tmp_path: Path) -> None:
    for fmt, check in (("junit", ET.fromstring), ("sarif", json.loads)):
        target = tmp_path / f"out.{fmt}"
        code, out, _ = run(FAULTY, "--format", fmt, "--output", target)
        assert code == 1 and out == ""
        check(target.read_text("utf-8"))


def test_formats_agree_on_findings_known_from_a_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    monkeypatch.chdir(tmp_path)
    openpyxl.load_workbook(FAULTY, data_only=True).save(tmp_path / "bao-cao.xlsx")
    assert run("bao-cao.xlsx", "--write-baseline")[0] == 0
    book = openpyxl.load_workbook(tmp_path / "bao-cao.xlsx")
    book.active["K17"] = 5.0  # a new RATE_MISMATCH on DA1.ND4
    book.save(tmp_path / "bao-cao.xlsx")
    results = outputs("bao-cao.xlsx", "--baseline", "mtqg-baseline.json")
    items = assert_agree(results)
    assert results["json"][0] == 1
    assert [(i[1], i[2]) for i in items if i[5]] == [("RATE_MISMATCH", "K17")]
    assert sum(n for i, n in items.items() if i[4]) == 16
    sarif = json.loads(results["sarif"][1])["runs"][0]["results"]
    assert sorted(r["baselineState"] for r in sarif).count("new") == 1
