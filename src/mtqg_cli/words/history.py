"""The words of the history workbook (`mtqg history --xlsx`), in Vietnamese and English."""

from __future__ import annotations

HISTORY_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "sheet": "Lịch sử",
        "title": "Tỷ lệ giải ngân ({kind}) theo quý, %",
        "unit": "Đơn vị",
        "code": "Mã",
        "name": "Tên",
        "chart": "Biểu đồ",
        "total": "Tổng cộng",
        "kind.total": "tổng số",
        "kind.dtpt": "vốn ĐTPT",
        "kind.sn": "vốn SN",
        "y": "Tỷ lệ giải ngân (%)",
        "x": "Quý",
    },
    "en": {
        "sheet": "History",
        "title": "Disbursement rate ({kind}) per quarter, %",
        "unit": "Unit",
        "code": "Code",
        "name": "Name",
        "chart": "Chart",
        "total": "Total",
        "kind.total": "total",
        "kind.dtpt": "investment",
        "kind.sn": "recurrent",
        "y": "Disbursement rate (%)",
        "x": "Quarter",
    },
}
