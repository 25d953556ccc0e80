"""The words and number texts of a form: names in every style, headers, titles, figures as text."""

from __future__ import annotations

import random
import re
import unicodedata
from decimal import Decimal

from forms.dimensions import Shape
from forms.model import UNIT_SIZE, LineModel

UNIT_WORDS = {
    "trieu": (
        "Đơn vị tính: Triệu đồng",
        "ĐVT: triệu đồng",
        "Đơn vị: Tr.đồng",
        "ĐVT: 1.000.000 đồng",
        "Đơn vị tính: triệu VNĐ",
        "ĐVT: Tr.đ",
    ),
    "nghin": (
        "Đơn vị tính: Nghìn đồng",
        "ĐVT: 1.000 đồng",
        "Đơn vị tính: ngàn đồng",
        "ĐVT: 1.000đ",
        "Đơn vị tính: nghìn VNĐ",
    ),
    "dong": ("Đơn vị tính: Đồng", "ĐVT: đồng", "Đơn vị tính: VNĐ"),
    "ty": ("Đơn vị tính: Tỷ đồng", "ĐVT: tỷ đồng", "Đơn vị tính: tỷ"),
}
ISSUERS = {
    "huyen": ("UBND HUYỆN BẠCH THÔNG", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"),
    "xa": ("UBND HUYỆN NA RÌ", "UBND XÃ CƯ LỄ"),
    "so": ("UBND TỈNH BẮC KẠN", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"),
    "ban_dan_toc": ("UBND TỈNH BẮC KẠN", "BAN DÂN TỘC"),
}
TITLE = (
    "BÁO CÁO TÌNH HÌNH PHÂN BỔ, GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG PHÁT TRIỂN KINH TẾ - XÃ HỘI "
    "VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ VÀ MIỀN NÚI NĂM 2023"
)
PERIOD = "(Số liệu đến ngày 30/6/2023)"
GROUP_WORDS = {
    "plan": ("Kế hoạch vốn năm 2023", "KH vốn năm 2023", "Vốn giao năm 2023", "Dự toán giao"),
    "carried_over": ("Vốn năm trước chuyển sang", "Vốn kéo dài"),
    "allocated": ("Đã phân bổ", "Vốn đã phân bổ cho đơn vị"),
    "unallocated": ("Chưa phân bổ", "Còn lại chưa phân bổ"),
    "disbursed": ("Giải ngân đến 30/6/2023", "Lũy kế giải ngân", "Kết quả giải ngân"),
    "rate": ("Tỷ lệ giải ngân (%)", "Tỷ lệ giải ngân so với KH (%)"),
}
KIND_WORDS = {
    "total": ("Tổng số", "Tổng cộng"),
    "dtpt": ("Vốn ĐTPT", "Vốn đầu tư phát triển", "Vốn đầu tư"),
    "sn": ("Vốn SN", "Vốn sự nghiệp", "Kinh phí sự nghiệp"),
}
BREAKDOWN_WORDS = {
    "dtpt": ("- Vốn đầu tư phát triển", "- Vốn ĐTPT", "+ Vốn ĐTPT", "Trong đó: vốn đầu tư", "VĐT"),
    "sn": ("- Vốn sự nghiệp", "- Vốn SN", "+ Vốn SN", "Vốn sự nghiệp", "VSN"),
}
TOTAL_NAMES = ("TỔNG CỘNG", "Tổng số", "Tổng cộng")
LAST_TOTAL_NAMES = ("Cộng", "TỔNG CỘNG", "Tổng cộng")
REASON_HEADERS = ("Lý do chưa phân bổ", "Nguyên nhân chưa phân bổ")
FOOTERS = ("NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ")
NOTES = ("Ghi chú: Số liệu tổng hợp từ báo cáo của các xã.", "Bạch Thông, ngày 10 tháng 7 năm 2023")


def spelled(text: str, shape: Shape) -> str:
    """The text in the form's Unicode style: composed, decomposed, or without diacritics."""
    style = shape["diacritics"]
    if style == "nfd":
        return unicodedata.normalize("NFD", text)
    if style == "none":
        bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(ch for ch in bare if not unicodedata.combining(ch))
    return text


_LEAD = re.compile(r"^(Dự án|Tiểu dự án|Nội dung)\s+(\d+)(?:\s*:\s*|\s+của\s+.*$|$)")
SHORT = {"Dự án": "Dự án", "Tiểu dự án": "Tiểu dự án", "Nội dung": "Nội dung số"}
ABBREVIATED = {"Dự án": "DA", "Tiểu dự án": "TDA", "Nội dung": "ND"}


def line_name(line: LineModel, shape: Shape, rng: random.Random) -> str:
    """A line's name as this form writes it."""
    if line.kind in ("total", "section", "unit") or line.code is None:
        return line.name
    if shape["list_style"] == "flat_compound" and line.kind != "unknown":
        return compound_name(line.code, rng)
    match = _LEAD.match(line.name)
    assert match, line.name
    word, number, rest = match.group(1), match.group(2), line.name[match.end() :]
    style = shape["names"]
    if style == "short":
        return f"{SHORT[word]} {number}"
    if style == "abbreviated":
        return f"{ABBREVIATED[word]}{number}"
    if style == "misspelt_tieu" and word == "Tiểu dự án":
        return f"Tiêu dự án {number}: {rest}".rstrip(": ")
    if style == "numbered" and line.stt:
        mark = line.stt if line.stt in ("-", "+") else f"{line.stt}."
        return f"{mark} {line.name}"
    return line.name


def compound_name(code: str, rng: random.Random) -> str:
    """A line named by its whole path, as Treasury statements and flat lists do."""
    parts = code.split(".")
    project = parts[0][2:]
    sub = next((p[3:] for p in parts if p.startswith("TDA")), None)
    content = next((p[2:] for p in parts if p.startswith("ND")), None)
    style = rng.randrange(3)
    words = [f"Dự án {project}"] if style != 1 else [f"DA{project}"]
    if sub:
        words.append(f"Tiểu dự án {sub}" if style != 1 else f"TDA{sub}")
    if content:
        words.append(f"Nội dung số {content}" if style != 1 else f"ND{content}")
    joined = ", ".join(words) if style == 2 else " - ".join(words)
    item_name = _LEAD.sub("", _catalog_name(code))
    return f"{joined}: {item_name}" if style == 0 and item_name else joined


def _catalog_name(code: str) -> str:
    from forms.model import catalog_name

    return catalog_name(code)


# ------------------------------------------------------------------ numbers as text


def as_unit(dong: int, unit: str) -> Decimal:
    return Decimal(dong) / UNIT_SIZE[unit]


def number_text(value: Decimal, style: str) -> str:
    """A figure as a clerk types it: Vietnamese (3.379,979), English (3,379.979), spaced."""
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    sep, mark = {"vi_text": (".", ","), "en_text": (",", "."), "spaced_text": (" ", ",")}[style]
    grouped = f"{int(whole):,}".replace(",", sep)
    return f"{sign}{grouped}{mark + decimals if decimals else ''}"


def rate_text(percent: float, rng: random.Random) -> str:
    shown = f"{percent:.2f}".replace(".", ",")
    return shown + rng.choice(("%", "", "%"))
