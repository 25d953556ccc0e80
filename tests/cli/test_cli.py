"""The command line: formats, exit codes, languages, bad input, and inputs left untouched."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqg_cli import __version__
from mtqg_cli.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
CLEAN = SAMPLES / "bach-thong-6-thang-2023.xlsx"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str | Path) -> tuple[int, dict]:
    code, out, _ = run("reconcile", *args, "--format", "json")
    return code, json.loads(out)


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"mtqg {__version__}"
    code, out, _ = run("reconcile", "--help")
    assert code == 0 and "--tolerance" in out


def test_schema_is_the_report_schema() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert set(schema["properties"]) >= {"tool", "version", "amount_unit", "files"}
    finding = schema["$defs"]["Finding"]["properties"]
    assert {"rule", "severity", "cell", "row", "column", "expected", "actual"} <= set(finding)


def test_clean_form_exits_zero_with_no_error_finding() -> None:
    code, report = as_json(CLEAN)
    assert code == 0
    file = report["files"][0]
    assert file["status"] == "ok"
    assert not [f for f in file["findings"] if f["severity"] == "error"]
    assert file["summary"][-1]["project"] == "TOTAL"


def test_faulty_form_exits_one_and_reports_cells() -> None:
    code, report = as_json(FAULTY)
    assert code == 1
    findings = report["files"][0]["findings"]
    rules = {f["rule"] for f in findings}
    assert {"RATE_MISMATCH", "NUMBER_FORMAT", "UNIT_SUSPECT", "SUM_MISMATCH"} <= rules
    for finding in findings:
        if finding["row"] is not None:
            assert finding["cell"].endswith(str(finding["row"]))
        assert isinstance(finding["message"], str) and finding["message"]


def test_amounts_are_integer_dong() -> None:
    _, report = as_json(CLEAN)
    assert report["amount_unit"] == "dong"
    for entry in report["files"][0]["summary"]:
        for group in ("plan", "disbursed"):
            for value in entry[group].values():
                assert value is None or isinstance(value, int)


def test_fail_on_levels() -> None:
    assert as_json(FAULTY, "--fail-on", "never")[0] == 0
    code, report = as_json(CLEAN, "--fail-on", "warning")
    has_warning = any(f["severity"] == "warning" for f in report["files"][0]["findings"])
    assert code == (1 if has_warning else 0)


def test_english_messages_keep_rule_codes() -> None:
    _, vi = as_json(FAULTY)
    _, en = as_json(FAULTY, "--lang", "en")
    vi_findings, en_findings = vi["files"][0]["findings"], en["files"][0]["findings"]
    assert [f["rule"] for f in vi_findings] == [f["rule"] for f in en_findings]
    assert any("ư" in f["message"] or "ạ" in f["message"] for f in vi_findings)
    assert all(f["message"].isascii() or "«" in f["message"] for f in en_findings)


def test_unit_option_overrides_the_sheet() -> None:
    _, as_declared = as_json(CLEAN)
    _, as_thousands = as_json(CLEAN, "--unit", "nghin")
    total = as_declared["files"][0]["summary"][-1]["plan"]["total"]
    assert abs(as_thousands["files"][0]["summary"][-1]["plan"]["total"] * 1000 - total) < 1000
    assert as_thousands["files"][0]["unit"] == "nghin_dong"


def test_table_output_is_vietnamese_and_grouped() -> None:
    code, out, _ = run("reconcile", FAULTY, "--width", "160")
    assert code == 1
    assert out.index("Sai lệch phát hiện") < out.index("RATE_MISMATCH")
    assert out.index("RATE_MISMATCH") < out.index("Tổng hợp theo dự án")
    assert "3.379,979" in out


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("not-a-workbook.xlsx", b"plain text, not a spreadsheet\n"),
        ("empty-bytes.xlsx", b""),
        ("notes.txt", b"hello"),
    ],
)
def test_bad_input_is_one_line_and_exit_two(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run("reconcile", path)
    assert code == 2
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1
    assert str(path) in err


def test_missing_path_exits_two(tmp_path: Path) -> None:
    code, _, err = run("reconcile", tmp_path / "khong-co.xlsx")
    assert code == 2 and "Không tìm thấy" in err


def test_truncated_workbook_exits_two(tmp_path: Path) -> None:
    path = tmp_path / "cat-ngan.xlsx"
    path.write_bytes(CLEAN.read_bytes()[:2000])
    code, report = as_json(path)
    assert code == 2
    assert report["files"][0]["status"] == "error"
    assert "hỏng" in report["files"][0]["error"]


def test_empty_workbook_exits_two(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "rong.xlsx"
    openpyxl.Workbook().save(path)
    code, report = as_json(path)
    assert code == 2 and report["files"][0]["summary"] == []


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "a.xlsx")
    (tmp_path / "b.xlsx").write_bytes(b"broken")
    (tmp_path / ".hidden.xlsx").write_bytes(b"ignored")
    code, report = as_json(tmp_path)
    assert code == 2
    assert [(Path(f["path"]).name, f["status"]) for f in report["files"]] == [
        ("a.xlsx", "ok"),
        ("b.xlsx", "error"),
    ]


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    shutil.copy(FAULTY, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    stat = path.stat().st_mtime_ns
    run("reconcile", path)
    run("reconcile", path, "--format", "json", "--output", tmp_path / "out.json")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mtime_ns == stat


def test_output_file_and_refusal_to_overwrite_an_input(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    shutil.copy(FAULTY, path)
    out = tmp_path / "ket-qua.json"
    code, stdout, _ = run("reconcile", path, "--format", "json", "--output", out)
    assert code == 1 and stdout == ""
    assert json.loads(out.read_text("utf-8"))["files"][0]["path"] == str(path)
    code, _, err = run("reconcile", path, "--format", "json", "--output", path)
    assert code == 2 and "ghi đè" in err
    assert path.read_bytes() == FAULTY.read_bytes()


def test_csv_has_bom_and_neutralised_text(tmp_path: Path) -> None:
    code, out, _ = run("reconcile", FAULTY, "--format", "csv")
    assert code == 1
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0][:6] == ["Tệp", "Tình trạng", "Trang tính", "Ô", "Dòng", "Quy tắc"]
    assert rows[0][9:12] == [
        "Dự kiến (triệu đồng)", "Ghi trên biểu (triệu đồng)", "Chênh lệch (triệu đồng)"
    ]  # fmt: skip
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Tình trạng"] == "có sai lệch" and first["Mức độ"] == "lỗi"
    assert first["Dự kiến (triệu đồng)"] == "76.250,185"  # as the tables show it, not đồng
    assert first["Chênh lệch (triệu đồng)"] == "-2.576,799"
    rate = next(r for r in rows if r[5] == "RATE_MISMATCH")
    assert rate[9:12] == ["18,34%", "18,14%", "-0,20%"]
    assert "NUMBER_FORMAT" in out


def test_csv_in_english_keeps_the_script_headers() -> None:
    code, out, _ = run("reconcile", FAULTY, "--format", "csv", "--lang", "en")
    assert code == 1
    header = out.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("file,status,sheet,cell,row,rule,severity,project,column")
    assert "expected (million VND)" in header


def test_markdown_lists_findings_and_summary() -> None:
    code, out, _ = run("reconcile", FAULTY, "--format", "markdown")
    assert code == 1
    assert "| Mức độ | Quy tắc | Ô | Dự án | Dự kiến | Ghi trên biểu | Chênh lệch |" in out
    assert "## " in out and "— có sai lệch" in out and "### Sai lệch" in out
    assert "| TỔNG CỘNG | 73.673,385 | 7.093,105 | 9,63 | 15.981,209 |" in out
    assert "TOTAL" not in out and "findings" not in out


def test_console_script_answers_version_without_building_the_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mtqg_cli.cli as cli
    from mtqg_cli import launch

    monkeypatch.setattr(sys, "argv", ["mtqg", "--version"])
    monkeypatch.setattr(cli, "app", None)  # the typer app is never reached
    launch.main()
    assert capsys.readouterr().out.strip() == f"mtqg {__version__}"
