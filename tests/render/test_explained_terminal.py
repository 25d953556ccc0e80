"""The terminal shows each finding under the one that explains it, hints, and roots counted apart;
a report where nothing explains anything is shown exactly as before."""

from __future__ import annotations

import io
import json

import pytest

from explained_reports import HINT_EN, HINT_VI, explained_file, explained_report
from mtqg_cli.model.report import Report
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.render.batch_view import render_batch
from mtqg_cli.render.console import make_console
from mtqg_cli.render.file_view import render_report
from plain_outputs import GOLDEN, digests


def _shown(report: Report, width: int, lang: str = "vi") -> list[str]:
    out = io.StringIO()
    render_report(report, make_console(width=width, file=out, color=False), lang=lang)
    return out.getvalue().splitlines()


def _index(lines: list[str], *needles: str) -> int:
    return next(i for i, line in enumerate(lines) if all(n in line for n in needles))


@pytest.mark.parametrize("width", [80, 100, 160])
def test_consequences_follow_their_root_with_an_arrow(width: int) -> None:
    lines = _shown(explained_report(), width)
    assert max(len(line) for line in lines) <= width
    order = [_index(lines, cell) for cell in (" C9 ", " E9 ", " H9 ", " L9 ", " H25 ", " M20 ")]
    assert order == sorted(order)
    assert "↳" not in lines[order[0]] and "↳" not in lines[order[-1]]
    for cell in (" E9 ", " H9 ", " L9 ", " H25 "):
        assert "↳" in lines[_index(lines, cell)]
    # the rate at L9 is explained by H9, itself explained by C9: one level further in
    assert lines[order[3]].index("↳") > lines[order[1]].index("↳")


@pytest.mark.parametrize(
    ("lang", "hint", "label"), [("vi", HINT_VI, "Gợi ý:"), ("en", HINT_EN, "Hint:")]
)
@pytest.mark.parametrize("width", [80, 160])
def test_the_hint_is_said_under_the_root_message(
    lang: str, hint: str, label: str, width: int
) -> None:
    lines = _shown(explained_report(lang), width, lang)
    text = " ".join(" ".join(line.split()) for line in lines)
    assert f"{label} {hint.split(':')[0]}" in text
    hint_line = _index(lines, label)
    assert _index(lines, " C9 ") < hint_line < _index(lines, " E9 ")


@pytest.mark.parametrize(
    ("lang", "verdict"),
    [
        ("vi", "Kết luận: 7 lỗi (3 lỗi gốc, 4 lỗi kéo theo), 0 cảnh báo, 0 thông tin"),
        ("en", "Verdict: 7 errors (3 root errors, 4 consequences), 0 warnings, 0 info"),
    ],
)
def test_the_verdict_counts_roots_and_consequences_apart(lang: str, verdict: str) -> None:
    assert _shown(explained_report(lang), 160, lang)[-1] == verdict


def test_a_waived_consequence_is_not_counted() -> None:
    file = explained_file()
    next(f for f in file.findings if f.cell == "H25").waived = True
    lines = _shown(Report(version="0", files=[file]), 160)
    assert lines[-1].startswith("Kết luận: 6 lỗi (3 lỗi gốc, 3 lỗi kéo theo)")


def test_the_batch_verdict_adds_the_files_roots_and_consequences() -> None:
    report = Report(version="0", files=[explained_file(), explained_file()])
    report.files[1].path = "other.xlsx"
    out = io.StringIO()
    render_batch(report, make_console(width=120, file=out, color=False))
    assert out.getvalue().splitlines()[-1].endswith("; 6 lỗi gốc, 8 lỗi kéo theo")


def test_reports_without_causes_are_shown_exactly_as_before() -> None:
    before = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for lang in ("vi", "en"):
        now = digests(lang)
        assert [name for name in now if now[name] != before[lang][name]] == []


def test_a_warning_root_stands_above_its_error_consequences() -> None:
    file = explained_file()
    root = next(f for f in file.findings if f.cell == "C9")
    root.rule, root.severity = "UNIT_SUSPECT", Severity.warning  # as a unit slip is reported
    lines = _shown(Report(version="0", files=[file]), 160)
    order = [_index(lines, cell) for cell in (" C9 ", " E9 ", " H25 ", " M20 ")]
    assert order == sorted(order)
    assert "cảnh báo" in lines[order[0]] and "UNIT_SUSPECT" in lines[order[0]]
    assert lines[-1] == "Kết luận: 6 lỗi (2 lỗi gốc, 4 lỗi kéo theo), 1 cảnh báo, 0 thông tin"
