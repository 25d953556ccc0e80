"""mtqg.toml and [tool.mtqg]: found upwards, every setting applied, the command line winning,
and a bad key or value reported with its file and line (exit code 2)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from mtqg_cli.cli import app
from mtqg_cli.config.settings import discover, load_config

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
CLEAN = SAMPLES / "bach-thong-6-thang-2023.xlsx"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"
NO_UNIT = FIXTURES / "no-unit-line.xlsx"
MULTI = FIXTURES / "multi-sheet-with-prose.xlsx"

runner = CliRunner()


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs in an empty folder, so no configuration is found but its own."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["reconcile", *(str(a) for a in args)])
    return result.exit_code, result.stdout, result.stderr


def report(*args: str | Path) -> tuple[int, dict]:
    code, out, err = run(*args, "--format", "json")
    assert out, err
    return code, json.loads(out)


def findings(data: dict) -> list[dict]:
    return data["files"][0]["findings"]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rate_off_by(tmp_path: Path, rate: float) -> Path:
    """The clean sample with the stated rate of row 17 (DA1.ND4, 2,39%) replaced."""
    book = openpyxl.load_workbook(CLEAN, data_only=True)
    book.active["K17"] = rate
    target = tmp_path / "xa-ty-le.xlsx"
    book.save(target)
    return target


# --------------------------------------------------------------------------- finding the file
def test_mtqg_toml_is_found_from_a_sub_folder(tmp_path: Path) -> None:
    config = write(tmp_path / "mtqg.toml", "tolerance = 5\n")
    sub = tmp_path / "nop-bao-cao" / "quy-3"
    sub.mkdir(parents=True)
    assert discover(sub) == (config, tmp_path)
    loaded = load_config(cwd=sub)
    assert loaded.path == config and loaded.settings.tolerance == 5


def test_pyproject_counts_only_with_a_tool_mtqg_section(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.mtqg]\nfail_on = "warning"\n')
    inner = tmp_path / "inner"
    write(inner / "pyproject.toml", '[project]\nname = "x"\n')
    found, _ = discover(inner)
    assert found == tmp_path / "pyproject.toml"
    assert load_config(cwd=inner).settings.fail_on == "warning"


def test_no_configuration_anywhere_is_fine(tmp_path: Path) -> None:
    loaded = load_config(cwd=tmp_path)
    assert loaded.path is None and loaded.waivers == []
    code, data = report(CLEAN)
    assert code == 0 and data["config"] is None


def test_config_option_names_the_file(tmp_path: Path) -> None:
    config = write(tmp_path / "conf" / "ci.toml", '[rules]\nSUM_MISMATCH = "off"\n')
    code, data = report(FAULTY, "--config", config)
    assert data["config"] == str(config)
    assert not [f for f in findings(data) if f["rule"] == "SUM_MISMATCH"]
    code, _, err = run(FAULTY, "--config", tmp_path / "missing.toml")
    assert code == 2 and "missing.toml" in err


# --------------------------------------------------------------------------- settings
def test_tolerance_from_config_and_command_line_wins(tmp_path: Path) -> None:
    _, plain = report(FAULTY)
    assert ("SUM_MISMATCH", "C12") in {(f["rule"], f["cell"]) for f in findings(plain)}
    write(tmp_path / "mtqg.toml", "tolerance = 3_000_000_000  # 3 tỷ đồng\n")
    _, loose = report(FAULTY)
    cells = {(f["rule"], f["cell"]) for f in findings(loose)}
    assert ("SUM_MISMATCH", "C12") not in cells  # 2.576.799.456 đồng apart
    _, strict = report(FAULTY, "--tolerance", "1000")
    assert findings(strict) == findings(plain)


def test_rules_switched_off_or_changed_in_severity(tmp_path: Path) -> None:
    write(
        tmp_path / "mtqg.toml",
        '[rules]\nNUMBER_FORMAT = "off"\nSUM_MISMATCH = "warning"\n'
        'rate_mismatch = "info"\nUNIT_SUSPECT = "off"\n',
    )
    code, data = report(FAULTY)
    rules = {(f["rule"], f["severity"]) for f in findings(data)}
    assert rules == {("SUM_MISMATCH", "warning"), ("RATE_MISMATCH", "info")}
    assert code == 0 and data["files"][0]["status"] == "ok"
    code, _ = report(FAULTY, "--fail-on", "warning")
    assert code == 1


def test_fail_on_from_config(tmp_path: Path) -> None:
    write(tmp_path / "mtqg.toml", 'fail_on = "never"\n')
    assert run(FAULTY)[0] == 0
    assert run(FAULTY, "--fail-on", "error")[0] == 1


def test_rate_tolerance_widens_the_rounding_of_stated_rates(tmp_path: Path) -> None:
    workbook = rate_off_by(tmp_path, 3.2)  # recomputed: 18 / 753 = 2,39 %
    code, data = report(workbook)
    assert code == 1
    assert [(f["rule"], f["cell"]) for f in findings(data)] == [("RATE_MISMATCH", "K17")]
    write(tmp_path / "mtqg.toml", "rate_tolerance = 1.0\n")
    code, data = report(workbook)
    assert code == 0 and findings(data) == []
    code, data = report(workbook, "--rate-tolerance", "0.5")
    assert code == 1 and findings(data)[0]["cell"] == "K17"


def test_sheets_to_read(tmp_path: Path) -> None:
    table_sheet = report(MULTI)[1]["files"][0]["sheets"][0]
    write(tmp_path / "mtqg.toml", f'sheets = ["{table_sheet[:3]}*"]\n')
    _, data = report(MULTI)
    assert data["files"][0]["sheets"] == [table_sheet]
    assert not [f for f in findings(data) if f["rule"] == "SHEET_SKIPPED"]
    write(tmp_path / "mtqg.toml", 'sheets = "Không có*"\n')
    code, data = report(MULTI)
    assert code == 2 and "Không có*" in data["files"][0]["error"]


def test_default_unit_and_unit(tmp_path: Path) -> None:
    _, assumed = report(NO_UNIT)
    assert "UNIT_ASSUMED" in {f["rule"] for f in findings(assumed)}
    total = assumed["files"][0]["summary"][-1]["plan"]["total"]
    write(tmp_path / "mtqg.toml", 'default_unit = "nghin"\n')
    _, data = report(NO_UNIT)
    assert data["files"][0]["unit"] == "nghin_dong"
    assert "UNIT_ASSUMED" not in {f["rule"] for f in findings(data)}
    assert data["files"][0]["summary"][-1]["plan"]["total"] * 1000 == total
    _, declared = report(CLEAN)
    assert declared["files"][0]["unit"] == "trieu_dong"  # a unit line beats default_unit
    write(tmp_path / "mtqg.toml", 'unit = "nghin"\n')
    _, forced = report(CLEAN)
    assert forced["files"][0]["unit"] == "nghin_dong"  # unit overrides, like --unit
    _, cli = report(CLEAN, "--unit", "trieu")
    assert cli["files"][0]["unit"] == "trieu_dong"


def test_layout_section_is_handed_to_the_pinned_layout(tmp_path: Path) -> None:
    write(tmp_path / "mtqg.toml", '[layout]\nunit = "dong"\n')
    _, data = report(NO_UNIT)
    assert data["files"][0]["unit"] == "dong"


def test_the_mapping_for_against_may_live_in_the_configuration(tmp_path: Path) -> None:
    write(tmp_path / "mtqg.toml", 'fail_on = "error"\n\n[against.mapping]\n"1.1" = "DA1"\n')
    assert load_config(cwd=tmp_path).settings.against == {"mapping": {"1.1": "DA1"}}
    assert run(CLEAN)[0] == 0


# --------------------------------------------------------------------------- errors
def test_unknown_key_is_reported_with_its_line(tmp_path: Path) -> None:
    write(tmp_path / "mtqg.toml", '# cấu hình\nfail_on = "error"\ntolerence = 5\n')
    code, out, err = run(CLEAN)
    assert code == 2 and out == ""
    assert "mtqg.toml" in err and "dòng 3" in err and "«tolerence»" in err
    assert "tolerance" in err  # the valid keys are listed
    code, _, err = run(CLEAN, "--lang", "en")
    assert code == 2 and "line 3" in err and "`tolerence` is not a valid key" in err


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('unit = "trieu"\ntolerance = "1,5"\n', 2, "không đọc được thành số đồng"),
        ("tolerance = -1\n", 1, "lớn hơn hoặc bằng 0"),
        ('fail_on = "sometimes"\n', 1, "chọn một trong: 'error', 'warning', 'never'"),
        ('\n[rules]\nSUM_MISMATCH = "off"\nSUM_MISMACH = "off"\n', 4, "«SUM_MISMACH» không phải"),
        ('[rules]\nDUPLICATE_LINE = "loud"\n', 2, '«DUPLICATE_LINE» = "loud"'),
        ('sheets = ["Biểu 01", 3]\n', 1, "phải là chuỗi văn bản"),
        ("tolerance = 1000\ntolerance = 2000\n", 2, "sai cú pháp TOML ở dòng 2"),
        ("rate_tolerance = [\n  1,\n]\nunit = 5\n", 4, "«unit» = 5"),
    ],
)
def test_bad_values_name_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    write(tmp_path / "mtqg.toml", text)
    code, _, err = run(CLEAN)
    err = " ".join(err.split())
    assert code == 2, err
    assert f"dòng {line}" in err and words in err


def test_error_in_pyproject_gives_the_line_in_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "bao-cao"\n\n[tool.mtqg]\nfail_on = "warning"\nunits = "dong"\n',
    )
    code, _, err = run(CLEAN)
    assert code == 2 and "pyproject.toml" in err and "dòng 6" in err and "«units»" in err


def test_waiver_without_reason_is_refused_at_its_line(tmp_path: Path) -> None:
    write(
        tmp_path / "mtqg.toml",
        'fail_on = "error"\n\n[[waivers]]\nfile = "*.xlsx"\nrule = "SUM_MISMATCH"\n'
        'reason = "ok"\naccepted_by = "A"\n\n[[waivers]]\nfile = "*.xlsx"\n'
        'rule = "RATE_MISMATCH"\naccepted_by = "B"\nexpires = 2025-02-30\n',
    )
    code, _, err = run(CLEAN)
    assert code == 2 and "sai cú pháp TOML ở dòng 13" in err  # 30 February
    write(
        tmp_path / "mtqg.toml",
        '[[waivers]]\nfile = "*.xlsx"\nrule = "SUM_MISMATCH"\nreason = "ok"\naccepted_by = "A"\n'
        '\n[[waivers]]\nfile = "*.xlsx"\nrule = "RATE_MISMATCH"\naccepted_by = "B"\n'
        'expires = "31/12/2025"\ncolumn = "plan.SN"\n',
    )
    code, _, err = run(CLEAN)
    err = " ".join(err.split())
    assert code == 2
    assert "dòng 7: thiếu khóa bắt buộc «reason»" in err
    assert "dòng 11: «expires» phải là ngày" in err
    assert "dòng 12" not in err  # plan.SN is plan.sn in another case


def test_unknown_column_and_rule_in_waivers_file(tmp_path: Path) -> None:
    write(
        tmp_path / "mtqg-waivers.toml",
        '[[waivers]]\nfile = "*.xlsx"\nrule = "SUM_MISMATCH"\ncolumn = "plan.tong"\n'
        'reason = "ok"\naccepted_by = "A"\n\n[[waivers]]\nfile = "*.xlsx"\nrule = "SUMS"\n'
        'reason = "ok"\naccepted_by = "A"\n',
    )
    code, _, err = run(CLEAN, "--lang", "en")
    err = " ".join(err.split())
    assert code == 2 and "mtqg-waivers.toml" in err
    assert "line 4: `plan.tong` is not an mtqg column" in err
    assert "line 10: `SUMS` is not an mtqg rule code" in err
