"""Header labels to fields, and unit lines to units.

Labels are given as `layout` builds them: each header row's text folded (ASCII, lower case),
top to bottom, joined with ' | '.
"""

from __future__ import annotations

import unicodedata

import pytest

from mtqg_cli.form.header_fields import field_of
from mtqg_cli.form.unit_title import unit_from_text
from mtqg_cli.model.text import clean, fold
from mtqg_cli.model.vocabulary import Unit


@pytest.mark.parametrize(
    ("label", "field"),
    [
        # identity columns
        ("stt", "stt"),
        ("tt", "stt"),
        ("so tt", "stt"),
        ("noi dung", "name"),
        ("ten du an", "name"),
        # plan
        ("ke hoach von nam 2023 | tong so", "plan.total"),
        ("ke hoach von nam 2023 | trong do | dtpt", "plan.dtpt"),
        ("ke hoach von nam 2023 | trong do | von su nghiep", "plan.sn"),
        ("kh von giao | vsn", "plan.sn"),
        ("ke hoach von | von dtpt", "plan.dtpt"),
        ("du toan giao | trong do | su nghiep", "plan.sn"),
        ("ke hoach von duoc giao nam 2023 | tong so", "plan.total"),  # "được" giao
        ("ke hoach von duoc giao nam 2023 | von dau tu phat trien", "plan.dtpt"),
        # carried over
        ("von nam 2022 chuyen sang", "carried_over.total"),
        ("von nam truoc chuyen sang", "carried_over.total"),  # "trước"
        ("ke hoach von nam 2023 | von nam truoc chuyen sang | tong so", "carried_over.total"),
        ("von keo dai | dtpt", "carried_over.dtpt"),
        # allocation
        ("da phan bo chi tiet", "allocated.total"),
        ("da phan bo chi tiet | von su nghiep", "allocated.sn"),
        ("chua phan bo", "unallocated.total"),
        ("con lai chua phan bo | vdt", "unallocated.dtpt"),
        # disbursed
        ("giai ngan den 30/6/2023 | von dau tu", "disbursed.dtpt"),
        ("giai ngan den 30/6/2023 | tong so", "disbursed.total"),
        ("luy ke giai ngan", "disbursed.total"),
        ("luy ke giai ngan | kinh phi su nghiep", "disbursed.sn"),
        ("giai ngan | tong cong", "disbursed.total"),
        # rates
        ("ty le giai ngan (%)", "rate.total"),
        ("ty le giai ngan (%) | von su nghiep", "rate.sn"),
        ("ty le giai ngan (%) | dtpt", "rate.dtpt"),
        # reasons
        ("ly do chua phan bo", "reason"),
        ("nguyen nhan", "reason"),
        ("ghi chu", "reason"),
    ],
)
def test_field_of(label: str, field: str) -> None:
    assert field_of(label) == field


@pytest.mark.parametrize(
    "label",
    [
        "uoc thuc hien den 31/12/2023 | tong so",  # an estimate, not a figure to check
        "ke hoach von nam 2023 | nstw",  # a source split, not a capital type
        "ke hoach von nam 2023 | trong do | nsdp",
        "ke hoach von nam 2023 - trong do: nstw",  # the same split written in one header cell
        "luy ke giai ngan (trong do nsdp)",
        "giai ngan | von doi ung",
        "don vi thuc hien",
        "",
    ],
)
def test_field_of_ignores(label: str) -> None:
    assert field_of(label) is None


def test_a_source_named_in_the_group_is_still_the_figure() -> None:
    """ "Kế hoạch vốn NSTW" is the plan (all of it central money), not a part of it."""
    assert field_of("ke hoach von nstw nam 2023 | tong so") == "plan.total"


def test_field_of_reads_labels_folded_from_vietnamese() -> None:
    parts = ["Kế hoạch vốn năm 2023", "Trong đó:", "Vốn ĐTPT"]
    label = " | ".join(fold(clean(unicodedata.normalize("NFD", p))) for p in parts)
    assert field_of(label) == "plan.dtpt"


# --------------------------------------------------------------------------- unit lines
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Đơn vị tính: Triệu đồng", Unit.trieu_dong),
        ("ĐƠN VỊ TÍNH: TRIỆU ĐỒNG", Unit.trieu_dong),
        ("(Đơn vị tính: triệu đồng)", Unit.trieu_dong),
        ("ĐVT: trđ", Unit.trieu_dong),
        ("ĐVT: tr.đ", Unit.trieu_dong),
        ("ĐVT: Tr.đồng", Unit.trieu_dong),
        ("Đơn vị tính: nghìn đồng", Unit.nghin_dong),
        ("ĐVT: ngàn đồng", Unit.nghin_dong),
        ("ĐVT: 1.000 đồng", Unit.nghin_dong),
        ("Đơn vị: đồng", Unit.dong),
        ("ĐVT: VNĐ", Unit.dong),
        ("ĐVT: đ", Unit.dong),
        ("Đơn vị tính: Tỷ đồng", Unit.ty_dong),
        (unicodedata.normalize("NFD", "Đơn vị tính: Triệu đồng"), Unit.trieu_dong),
        (unicodedata.normalize("NFD", "ĐVT: nghìn đồng"), Unit.nghin_dong),
        ("Don vi tinh: trieu dong", Unit.trieu_dong),
        ("Đơn vị tính:\nTriệu đồng", Unit.trieu_dong),
        ("Đơn vị tính: 1.000.000 đồng", Unit.trieu_dong),
        ("ĐVT: triệu", Unit.trieu_dong),
        ("ĐVT: Triệu VNĐ", Unit.trieu_dong),
        ("ĐVT: Tr. đồng", Unit.trieu_dong),
        ("ĐVT: Tr.đ", Unit.trieu_dong),
        ("ĐVT: 1000đ", Unit.nghin_dong),
        ("ĐVT: 1.000đ", Unit.nghin_dong),
        ("Đơn vị tính: nghìn VNĐ", Unit.nghin_dong),
        ("ĐVT: ngàn", Unit.nghin_dong),
        ("Đơn vị tính: tỷ", Unit.ty_dong),
        ("Đơn vị tính: 1.000.000.000 đồng", Unit.ty_dong),
    ],
)
def test_unit_line(text: str, unit: Unit) -> None:
    assert unit_from_text(text, need_prefix=True) is unit


@pytest.mark.parametrize(
    "text",
    [
        "Triệu đồng",  # no "Đơn vị tính" before it
        "Báo cáo của các đơn vị vùng đồng bào DTTS&MN",  # "đơn vị … đồng bào" is no unit line
        "Thủ trưởng đơn vị",
        "Đơn vị tính: người",
        "Đơn vị: Tr. THCS Cư Lễ",  # "Tr." for "Trường" is a school, not triệu
        "Đơn vị: Đảng ủy xã",
        "Đơn vị báo cáo: Huyện Bạch Thông",
    ],
)
def test_not_a_unit_line(text: str) -> None:
    assert unit_from_text(text, need_prefix=True) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [("Kế hoạch vốn (triệu đồng)", Unit.trieu_dong), ("Giải ngân (đồng)", Unit.dong),
     ("Kế hoạch vốn (nghìn đồng)", Unit.nghin_dong), ("Kế hoạch vốn triệu đồng", None),
     ("Tỷ lệ (%)", None)],
)  # fmt: skip
def test_unit_in_a_header_label(text: str, unit: Unit | None) -> None:
    assert unit_from_text(text, need_prefix=False) is unit
