"""Amounts and rates typed on the command line and in mtqg.toml read as the tables write them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtqg_cli.cli import app
from mtqg_cli.config.option_values import read_dong, read_percent
from mtqg_cli.model.errors import UsageError
from mtqg_cli.words.numbers import group_digits

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"


@given(st.integers(min_value=0, max_value=10**15))
def test_whole_dong_written_as_the_tables_write_them(amount: int) -> None:
    shown = group_digits(Decimal(amount), 0)
    assert read_dong(shown, "--tolerance") == amount
    assert read_dong(f"{shown} đồng", "--tolerance") == amount
    assert read_dong(str(amount), "--tolerance") == amount


@given(st.integers(min_value=0, max_value=10_000))
def test_rates_with_a_decimal_comma_or_point(hundredths: int) -> None:
    value = hundredths / 100
    vi = group_digits(value, 2)
    assert read_percent(vi, "--rate-tolerance") == pytest.approx(value)
    assert read_percent(vi + "%", "--rate-tolerance") == pytest.approx(value)
    assert read_percent(f"{value:.2f}", "--rate-tolerance") == pytest.approx(value)


@pytest.mark.parametrize("text", ["1,5", "abc", "-5", "1.000,5", "x", "", "1.00.0"])
def test_what_is_not_whole_dong_is_refused(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        read_dong(text, "--tolerance")
    assert caught.value.key == "bad_amount"


@pytest.mark.parametrize("text", ["150", "x", "-1", "1,2,3"])
def test_what_is_not_a_rate_is_refused(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        read_percent(text, "--rate-tolerance")
    assert caught.value.key == "bad_rate"


def errors(*args: str) -> int:
    result = CliRunner().invoke(app, ["reconcile", str(PLANTED), "-f", "json", "--no-store", *args])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    return sum(1 for f in report["files"][0]["findings"] if f["severity"] == "error")


def test_tolerance_1_000_is_a_thousand_dong() -> None:
    default = errors()
    assert errors("--tolerance", "1.000") == default == errors("--tolerance", "1000")
    assert errors("--tolerance", "1") > default  # one đồng is stricter than the default
    assert errors("--tolerance", "1.000.000") <= default


def test_rate_tolerance_with_a_decimal_comma() -> None:
    assert errors("--rate-tolerance", "0,5") == errors("--rate-tolerance", "0.5") < errors()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--tolerance", "1,5"], "Không đọc được --tolerance 1,5"),
        (["--rate-tolerance", "abc"], "Không đọc được --rate-tolerance abc"),
    ],
)
def test_an_unreadable_option_is_one_vietnamese_sentence(args: list[str], words: str) -> None:
    result = CliRunner().invoke(app, ["reconcile", str(PLANTED), "--no-store", *args])
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output


def test_configuration_reads_tolerances_as_text(tmp_path: Path) -> None:
    config = tmp_path / "mtqg.toml"
    config.write_text('tolerance = "1.000"\nrate_tolerance = "0,5"\n', "utf-8")
    assert errors("--config", str(config)) == errors("--rate-tolerance", "0,5")
    config.write_text('tolerance = "một nghìn"\n', "utf-8")
    result = CliRunner().invoke(app, ["reconcile", str(PLANTED), "--config", str(config)])
    assert result.exit_code == 2
    assert "«tolerance» = " in result.output and "không đọc được thành số đồng" in result.output
