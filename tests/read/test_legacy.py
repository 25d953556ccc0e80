"""Legacy encodings: every letter with every tone, detection, and TCVN3/VNI twins of a sample."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from legacy_twins import twin
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.rules.workbook import legacy_encoding
from mtqg_cli.form.options import Options
from mtqg_cli.read.legacy import (
    TCVN3,
    VNI,
    VOWELS,
    detect,
    from_tcvn3,
    from_vni,
    letter,
    to_tcvn3,
    to_vni,
    xlsx_fonts,
)

ROOT = Path(__file__).resolve().parents[2]
FAULTY = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"
LETTERS = [letter(v, t) for v in VOWELS for t in range(6)] + ["đ"]
CAPITALS = [ch.upper() for ch in LETTERS]


@pytest.mark.parametrize("ch", LETTERS + CAPITALS)
def test_vni_round_trips_every_letter_with_every_tone(ch: str) -> None:
    assert from_vni(to_vni(ch)) == ch
    assert from_vni(to_vni(f"x{ch}y")) == f"x{ch}y"


@pytest.mark.parametrize("ch", LETTERS)
def test_tcvn3_round_trips_every_letter_with_every_tone(ch: str) -> None:
    code = to_tcvn3(ch)
    assert len(code) == 1 and from_tcvn3(code) == ch
    assert from_tcvn3(to_tcvn3(ch.upper()), capitals=True) == ch.upper()


def test_tcvn3_codes_are_distinct_and_capitals_have_their_own() -> None:
    codes = [to_tcvn3(ch) for ch in LETTERS]
    assert len(set(codes)) == len(codes)
    assert {to_tcvn3(c) for c in "ĂÂÊÔƠƯĐ"} == set("¡¢£¤¥¦§")
    assert to_tcvn3("A") == "A" and to_tcvn3("Tổng") == "Tæng"


@pytest.mark.parametrize(
    ("legacy", "encoding", "unicode"),
    [
        ("Dù ¸n", TCVN3, "Dự án"),  # domain.md's own example
        ("B¶o Th¾ng", TCVN3, "Bảo Thắng"),
        ("M\xadêng Kh\xad¬ng", TCVN3, "Mường Khương"),
        ("§¬n vÞ tÝnh: TriÖu ®ång", TCVN3, "Đơn vị tính: Triệu đồng"),
        ("Döï aùn", VNI, "Dự án"),
        ("Xin chaøo caùc baïn", VNI, "Xin chào các bạn"),
        ("TOÅNG COÄNG", VNI, "TỔNG CỘNG"),
        ("Ñôn vò tính: Trieäu ñoàng", VNI, "Đơn vị tính: Triệu đồng"),
        ("Tieåu döï aùn 2: Giaûm thieåu tình traïng taûo hoân", VNI,
         "Tiểu dự án 2: Giảm thiểu tình trạng tảo hôn"),
    ],
)  # fmt: skip
def test_known_legacy_texts(legacy: str, encoding: str, unicode: str) -> None:
    converted = from_tcvn3(legacy) if encoding == TCVN3 else from_vni(legacy)
    assert converted == unicode and unicodedata.is_normalized("NFC", converted)
    assert detect([legacy, legacy]) == encoding


UNICODE_TEXTS = [
    "Xã",
    "Cộng",
    "Xã Cẩm Giàng",
    "TỔNG CỘNG",
    "Cộng",
    "Ủy ban nhân dân xã",
    "Tỷ lệ giải ngân (%)",
    "Thanh Hoà",
    "Xã Nà Phặc",
    "Số liệu đến ngày 31/5/2023",
]


def test_plain_unicode_is_never_legacy() -> None:
    assert detect(UNICODE_TEXTS) is None
    assert detect(["Xã", "Xã", "Xã", "Cộng"]) is None
    decomposed = [unicodedata.normalize("NFD", t) for t in UNICODE_TEXTS]
    assert detect(decomposed) is None
    assert detect(["STT", "Noi dung", "Ke hoach von", "Giai ngan"]) is None
    assert detect(UNICODE_TEXTS, fonts=[".VnTime"]) is None


def test_font_name_decides_a_close_call() -> None:
    assert detect(["Dù ¸n"]) is None  # one cell is not enough evidence alone
    assert detect(["Dù ¸n"], fonts=["Calibri", ".VnTime"]) == TCVN3
    assert detect(["Döï aùn"], fonts=["VNI-Times"]) == VNI


def _outcome(path: Path) -> tuple[list[tuple], list[tuple]]:
    report = reconcile_file(path, Options())
    assert report.status != "error", report.error
    findings = [
        (f.rule, f.cell, f.project, f.expected, f.actual)
        for f in report.findings
        if f.rule != "LEGACY_ENCODING"
    ]
    summary = [(e.project, e.plan.total, e.disbursed.total, e.rate.total) for e in report.summary]
    return findings, summary


@pytest.mark.parametrize(
    ("encoding", "encode", "font"), [(TCVN3, to_tcvn3, ".VnTime"), (VNI, to_vni, "VNI-Times")]
)
def test_legacy_twin_reads_like_its_unicode_twin(
    tmp_path: Path, encoding: str, encode: object, font: str
) -> None:
    unicode = twin(FAULTY, tmp_path / "unicode.xlsx", lambda s: s, "Times New Roman")
    legacy = twin(FAULTY, tmp_path / f"{encoding}.xlsx", encode, font)
    assert font in xlsx_fonts(legacy)
    assert _outcome(legacy) == _outcome(unicode)
    report = reconcile_file(legacy, Options())
    notes = [f for f in report.findings if f.rule == "LEGACY_ENCODING"]
    assert len(notes) == 1 and notes[0].severity == "info" and notes[0].cell == "A1"
    assert report.findings[0].rule == "LEGACY_ENCODING"
    assert not [
        f for f in reconcile_file(unicode, Options()).findings if f.rule == "LEGACY_ENCODING"
    ]
    # capitals come back too (VNI has them; TCVN3 through the .VnTimeH font of those cells),
    # so names, and the messages that quote them, are the Unicode twin's exactly
    plain = reconcile_file(unicode, Options())
    assert [f.message for f in report.findings[1:]] == [f.message for f in plain.findings]


def test_legacy_finding_in_both_languages() -> None:
    vi = legacy_encoding(TCVN3, 120, "Biểu 01", "B5", "vi")
    en = legacy_encoding(TCVN3, 120, "Biểu 01", "B5", "en")
    assert vi.rule == en.rule == "LEGACY_ENCODING" and vi.row == 5
    assert "TCVN3" in vi.message and "bảng mã cũ" in vi.message and "legacy" in en.message
