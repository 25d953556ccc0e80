"""--help and usage errors are Vietnamese, English under --lang en or an English locale (issue 20)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer.main
from hypothesis import given
from hypothesis import strategies as st

from mtqg_cli.cli import app
from mtqg_cli.words.cli import help_text, wanted_lang


def mtqg(*args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env["LANG"] = lang
    code = "from mtqg_cli.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def every_help() -> list[str]:
    group = typer.main.get_command(app)
    texts = [group.help or ""]
    for command in group.commands.values():  # type: ignore[attr-defined]
        texts.append(command.help or "")
        texts += [p.help for p in command.params if getattr(p, "help", None)]
    return [t for t in texts if t]


def test_every_option_and_command_has_vietnamese_help() -> None:
    untranslated = [t for t in every_help() if help_text(t) == t]
    assert not untranslated


def test_help_is_vietnamese_by_default() -> None:
    result = mtqg("--help")
    assert result.returncode == 0
    for words in ("Cách dùng: mtqg", "Tùy chọn:", "Lệnh:", "In trợ giúp này rồi thoát."):
        assert words in result.stdout
    assert "Usage:" not in result.stdout and "Show this message" not in result.stdout
    options = mtqg("reconcile", "--help").stdout
    assert "Tệp bảng tính, hoặc thư mục chứa tệp bảng tính." in options
    assert "[mặc định: table]" in options and "Sai số cho phép" in options


@pytest.mark.parametrize(("args", "lang"), [(["--lang", "en"], "C.UTF-8"), ([], "en_US.UTF-8")])
def test_help_in_english_when_asked(args: list[str], lang: str) -> None:
    result = mtqg("reconcile", *args, "--help", lang=lang)
    assert "Usage: mtqg reconcile" in result.stdout and "Options:" in result.stdout
    assert "Write the report to this file." in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["reconcil", "x"], "Lỗi: Không có lệnh «reconcil». Có phải ý bạn là «reconcile»?"),
        (["reconcile", "x.xlsx", "--format", "pdf"], "«pdf» không phải một trong:"),
        (["reconcile", "x.xlsx", "--bogus"], "Lỗi: Không có tùy chọn --bogus"),
        (["reconcile"], "Lỗi: Thiếu tham số «paths»."),
        (["reconcile", "x.xlsx", "--workers", "0"], "phải lớn hơn hoặc bằng 1"),
        (["template", "t.xlsx", "--year", "abc"], "Giá trị không hợp lệ cho '--year'"),
    ],
)
def test_usage_errors_are_vietnamese(args: list[str], words: str) -> None:
    result = mtqg(*args)
    assert result.returncode == 2
    assert words in result.stderr, result.stderr
    assert "Error:" not in result.stderr and "Try '" not in result.stderr
    assert "Gõ «mtqg" in result.stderr


def test_usage_errors_in_english_with_lang_en() -> None:
    result = mtqg("reconcile", "x.xlsx", "--bogus", "--lang", "en")
    assert result.returncode == 2 and "Error: No such option: --bogus" in result.stderr


@given(
    locale=st.sampled_from(["en_US.UTF-8", "en_GB", "vi_VN.UTF-8", "C.UTF-8", ""]),
    flag=st.sampled_from([[], ["--lang", "vi"], ["--lang", "en"], ["--lang=en"]]),
)
def test_the_language_follows_the_flag_then_the_locale(locale: str, flag: list[str]) -> None:
    chosen = wanted_lang(["reconcile", "x.xlsx", *flag], {"LANG": locale})
    if flag:
        assert chosen == flag[-1].removeprefix("--lang=")
    else:
        assert chosen == ("en" if locale.startswith("en") else "vi")
