"""The words of the form `mtqg template` writes (in Vietnamese, the language of the form), its
instructions, and what the command says it wrote."""

from __future__ import annotations

FORM: dict[str, str] = {
    "authority": "ỦY BAN NHÂN DÂN ……………",
    "number": "Biểu số 01",
    "title": "BIỂU TỔNG HỢP TÌNH HÌNH PHÂN BỔ, GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG PHÁT TRIỂN KINH TẾ - "
    "XÃ HỘI VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ VÀ MIỀN NÚI NĂM {year}",
    "as_of": "(Số liệu đến ngày …/…/{year})",
    "unit": "Đơn vị tính: {unit}",
    "page_footer": "&CTrang &P/&N",
    "stt": "STT",
    "name": "Nội dung",
    "code": "Mã",
    "plan": "Kế hoạch vốn năm {year}",
    "allocated": "Đã phân bổ",
    "unallocated": "Chưa phân bổ",
    "disbursed": "Giải ngân",
    "rate": "Tỷ lệ giải ngân (%)",
    "reason": "Lý do chưa phân bổ",
    "total": "Tổng số",
    "of_which": "Trong đó",
    "dtpt": "Vốn ĐTPT",
    "sn": "Vốn SN",
    "total_line": "TỔNG CỘNG",
    "invalid_title": "Số liệu không hợp lệ",
    "invalid_message": "Chỉ nhập số không âm, theo đơn vị tính ghi ở đầu biểu.",
    "place_date": "……, ngày … tháng … năm {year}",
    "maker": "NGƯỜI LẬP BIỂU",
    "head": "THỦ TRƯỞNG ĐƠN VỊ",
    "instructions": "Hướng dẫn",
}
"""The form's own words; `{year}` is the plan's year."""

FORM_UNIT_NAMES: dict[str, str] = {
    # keyed by the value of `Unit`, as on the form's unit line
    "trieu_dong": "Triệu đồng",
    "nghin_dong": "Nghìn đồng",
    "dong": "Đồng",
    "ty_dong": "Tỷ đồng",
}

INSTRUCTIONS = (
    "HƯỚNG DẪN ĐIỀN BIỂU",
    "",
    "1. Chỉ nhập số liệu vào các ô nền trắng của dòng chi tiết (dòng không có dòng con): "
    "Kế hoạch vốn ĐTPT, Kế hoạch vốn SN, Đã phân bổ, Giải ngân vốn ĐTPT, Giải ngân vốn SN "
    "và Lý do chưa phân bổ.",
    "2. Các ô nền xám là công thức (tổng số, dòng cha, dòng TỔNG CỘNG, chưa phân bổ, tỷ lệ "
    "giải ngân): không nhập, không sửa; trang tính được khóa để công thức không bị ghi đè.",
    "3. Số tiền nhập theo đơn vị tính ghi ở đầu biểu, là số (không nhập chữ, không nhập số âm); "
    "dòng không có số liệu để trống.",
    "4. Nếu còn vốn chưa phân bổ (cột 8 lớn hơn 0) thì bắt buộc ghi lý do ở cột 13.",
    "5. Không thêm, bớt hay đổi thứ tự cột; không đổi tên dự án, tiểu dự án, nội dung; cột «Mã» "
    "dùng để đối chiếu, không sửa.",
    "6. Ghi ngày số liệu ở dòng «(Số liệu đến ngày …)» và tên đơn vị báo cáo ở đầu biểu.",
    "7. Trước khi gửi, có thể tự kiểm tra bằng lệnh: mtqg reconcile <tệp đã điền>.",
)

WRITTEN = {
    "vi": "Đã ghi biểu mẫu vào {path} (trang «Biểu 01» để điền, trang «Hướng dẫn» để đọc)",
    "en": "Form written to {path} (sheet «Biểu 01» to fill in, «Hướng dẫn» for instructions)",
}
