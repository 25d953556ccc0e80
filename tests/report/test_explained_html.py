"""The HTML report nests each finding under the one that explains it, shows hints and counts."""

from __future__ import annotations

import base64
import hashlib
import html
import re

import pytest

from explained_reports import HINT_EN, HINT_VI, explained_report, plain_report
from mtqg_cli.report.html.explained import STYLE
from mtqg_cli.report.html.page import render_html

ROW = re.compile(r"<tr (data-sev=[^>]*)>(.*?)</tr>", re.S)


def _rows(page: str) -> list[tuple[str, str]]:
    """The findings table's rows: their attributes and their markup."""
    table = page.split('id="bang-sai-lech"', 1)[1].split("</table>", 1)[0]
    return ROW.findall(table)


def _cell_of(row: str) -> str:
    match = re.search(r'<span class="cell">([A-Z]+\d+)</span>', row)
    assert match is not None
    return match.group(1)


def test_consequences_are_listed_under_their_root_indented() -> None:
    rows = _rows(render_html(explained_report()))
    assert [_cell_of(r) for _, r in rows] == ["C9", "E9", "H9", "L9", "H25", "M20", "L21"]
    depth = {_cell_of(r): re.search(r'class="rule d(\d)"', r) for _, r in rows}
    assert {c: int(m.group(1)) for c, m in depth.items() if m} == {
        "E9": 1, "H9": 1, "L9": 2, "H25": 1,
    }  # fmt: skip
    consequences = {_cell_of(r) for attrs, r in rows if 'class="consequence"' in attrs}
    assert consequences == {"E9", "H9", "L9", "H25"}
    explained = {_cell_of(r): r for _, r in rows}
    assert "Kéo theo từ sai lệch UNALLOCATED_MISMATCH ở BC giải ngân!H9" in explained["L9"]
    assert "Kéo theo từ" not in explained["C9"] + explained["M20"]


@pytest.mark.parametrize(
    ("lang", "hint"), [("vi", f"Gợi ý: {HINT_VI}"), ("en", f"Hint: {HINT_EN}")]
)
def test_the_hint_is_shown_under_the_root_message(lang: str, hint: str) -> None:
    rows = _rows(render_html(explained_report(lang), lang))
    with_hint = [_cell_of(r) for _, r in rows if f'<div class="cause-hint">{hint}</div>' in r]
    assert with_hint == ["C9"]


@pytest.mark.parametrize(
    ("lang", "verdict"),
    [
        ("vi", "Kết luận: 7 lỗi, 0 cảnh báo, 0 thông tin; 3 lỗi gốc, 4 lỗi kéo theo"),
        ("en", "Verdict: 7 errors, 0 warnings, 0 info; 3 root errors, 4 consequences"),
    ],
)
def test_the_verdict_counts_roots_and_consequences(lang: str, verdict: str) -> None:
    assert f'<p class="verdict">{verdict}</p>' in render_html(explained_report(lang), lang)


def test_the_added_style_is_allowed_by_the_page_policy() -> None:
    page = render_html(explained_report())
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    policy = re.search(r"style-src ([^;]*);", html.unescape(page.split("<style>", 1)[0]))
    assert len(styles) == 1 and policy is not None  # one style sheet, the added rules at its end
    assert styles[0].endswith(STYLE)
    digests = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in styles
    ]
    assert policy.group(1).split() == digests


def test_a_page_without_causes_has_one_style_and_no_arrows() -> None:
    page = render_html(plain_report())
    assert page.count("<style>") == 1
    assert "↳" not in page and "cause-hint" not in page and "consequence" not in page
