"""Words of the meeting workbook (sheet names, titles, headings, labels), Vietnamese and English."""

from __future__ import annotations

XLSX_WORDS: dict[str, dict[str, str]] = {  # lists are "|"-separated
    "vi": {
        "sheets": "Tổng quan|Sai lệch|Tổng hợp|Theo đơn vị|Biểu đồ",
        "titles": "KẾT QUẢ ĐỐI SOÁT BIỂU GIẢI NGÂN CTMTQG DTTS&MN|CÁC SAI LỆCH PHÁT HIỆN"
        "|TỔNG HỢP GIẢI NGÂN THEO DỰ ÁN|TỶ LỆ GIẢI NGÂN CỦA TỪNG ĐƠN VỊ|TỶ LỆ GIẢI NGÂN (%)",
        "made": "Ngày lập: {date} · Số tiền: {unit} · Tỷ lệ: %",
        "counts": "{n} tệp: {ok} đạt, {findings} có sai lệch, {error} lỗi đọc tệp",
        "status": "Đạt|Có sai lệch|Lỗi đọc tệp",
        "blank": "Chưa có số liệu",
        "severity": "lỗi|cảnh báo|thông tin",
        "overview": "Tệp|Đơn vị báo cáo|Tình trạng|Lỗi|Cảnh báo|Thông tin|KH vốn (tổng số)"
        "|Giải ngân (tổng số)|Tỷ lệ GN %|Ghi chú (lý do không đọc được)",
        "findings": "Tệp|Đơn vị báo cáo|Trang tính|Ô|Quy tắc|Mức độ|Dự án|Giải thích|Dự kiến"
        "|Ghi trên biểu|Chênh lệch",
        "findings.causes": "Mã sai lệch|Do lỗi|Gợi ý",
        "cascade": "{roots} lỗi gốc, {consequences} lỗi kéo theo",
        "consolidated": "Mã|Dự án|KH vốn ĐTPT|KH vốn SN|KH vốn tổng số|Năm trước chuyển sang"
        "|Giải ngân tổng số|Tỷ lệ GN %|Chưa phân bổ",
        "by_unit": "Mã|Dự án|Đơn vị|Tệp|Tình trạng|KH vốn (tổng số)|Giải ngân (tổng số)"
        "|Tỷ lệ GN %|Tỷ lệ chung %|Chênh lệch (điểm %)",
        "total": "TỔNG CỘNG",
        "stated": "Tổng cộng ghi trên biểu",
        "units": "Tổng hợp {n} đơn vị",
        "excluded": "Không tính vào tổng hợp: {files}",
        "charts": "Tỷ lệ giải ngân theo dự án (%)|Tỷ lệ giải ngân theo đơn vị (%)"
        "|{n} đơn vị có tỷ lệ thấp nhất (%)|Dự án|Đơn vị|Tỷ lệ GN %",
    },
    "en": {
        "sheets": "Overview|Findings|Consolidated|By unit|Charts",
        "titles": "CTMTQG DTTS&MN DISBURSEMENT REPORTS: RECONCILIATION|FINDINGS"
        "|DISBURSEMENT BY PROJECT|DISBURSEMENT RATE OF EACH UNIT|DISBURSEMENT RATES (%)",
        "made": "Made on {date} · Amounts in {unit} · Rates in %",
        "counts": "{n} files: {ok} clean, {findings} with discrepancies, {error} unreadable",
        "status": "Clean|Discrepancies|Unreadable",
        "blank": "No figures yet",
        "severity": "error|warning|info",
        "overview": "File|Reporting unit|Status|Errors|Warnings|Info|Plan (total)"
        "|Disbursed (total)|Rate %|Notes (why it could not be read)",
        "findings": "File|Reporting unit|Sheet|Cell|Rule|Severity|Project|Explanation|Expected"
        "|Stated|Difference",
        "findings.causes": "Finding id|Caused by|Hint",
        "cascade": "{roots} root errors, {consequences} consequences",
        "consolidated": "Code|Project|Plan ĐTPT|Plan SN|Plan total|Carried over"
        "|Disbursed total|Rate %|Unallocated",
        "by_unit": "Code|Project|Unit|File|Status|Plan (total)|Disbursed (total)|Rate %"
        "|Overall rate %|Gap (points)",
        "total": "TOTAL",
        "stated": "Total as stated in the form",
        "units": "{n} units consolidated",
        "excluded": "Left out of the consolidation: {files}",
        "charts": "Disbursement rate by project (%)|Disbursement rate by unit (%)"
        "|The {n} units with the lowest rates (%)|Project|Unit|Rate %",
    },
}
