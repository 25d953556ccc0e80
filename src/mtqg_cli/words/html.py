"""Words of the HTML report in Vietnamese and English; lists are "|"-separated."""

from __future__ import annotations

from mtqg_cli.words.language import for_language

HTML_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Kết quả đối soát biểu giải ngân CTMTQG DTTS&MN",
        "made": "Lập ngày {date} bằng mtqg {version}",
        "units": "Số tiền: {unit} · Tỷ lệ: %",
        "cards": "Tệp đã kiểm tra|Đạt|Có sai lệch|Không đọc được|Lỗi|Cảnh báo|Thông tin",
        "nav": "Tổng quan|Sai lệch|Tổng hợp|Biểu đồ",
        "overview": "Tổng quan các tệp",
        "overview.cols": "Tệp|Đơn vị báo cáo|Tình trạng|Lỗi|Cảnh báo|Thông tin|KH vốn (tổng số)"
        "|Giải ngân (tổng số)|Tỷ lệ GN %",
        "status": "Đạt|Có sai lệch|Không đọc được",
        "status.blank": "Chưa có số liệu",
        "severity": "lỗi|cảnh báo|thông tin",
        "sheet_line": "Trang tính «{sheet}» · {unit}{source} · dòng {first}–{last}",
        "unit_source": " (ô {cell})",
        "unit_assumed": " (giả định: biểu không ghi đơn vị)",
        "findings": "Sai lệch phát hiện",
        "findings.none": "Không phát hiện sai lệch nào.",
        "findings.cols": "Mức độ|Quy tắc|Đơn vị / tệp|Ô|Dự án|Giải thích|Dự kiến|Ghi trên biểu|Chênh lệch",
        "filter.text": "Tìm (gõ có dấu hoặc không dấu)",
        "filter.severity": "Mức độ",
        "filter.rule": "Quy tắc",
        "filter.file": "Đơn vị",
        "filter.all": "Tất cả",
        "filter.count": "Hiển thị {shown}/{total} sai lệch",
        "filter.empty": "Không có sai lệch nào khớp bộ lọc.",
        "sort": "Bấm tiêu đề cột để sắp xếp",
        "summary": "Tổng hợp theo dự án",
        "summary.batch": "Tổng hợp theo dự án ({n} đơn vị)",
        "summary.cols": "Mã|Dự án|KH vốn ĐTPT|KH vốn SN|KH vốn tổng số|Giải ngân|Tỷ lệ GN %"
        "|Chưa phân bổ|Lý do chưa phân bổ",
        "summary.of": "Số liệu từng tệp",
        "carried": "Năm trước chuyển sang",
        "excluded": "Không tính vào tổng hợp: {files}",
        "by_unit": "Tỷ lệ giải ngân của từng đơn vị",
        "by_unit.cols": "Đơn vị|Tệp|Tình trạng|KH vốn (tổng số)|Giải ngân (tổng số)|Tỷ lệ GN %"
        "|So với chung (điểm %)",
        "total": "TỔNG CỘNG",
        "charts": "Biểu đồ tỷ lệ giải ngân",
        "chart.projects": "Tỷ lệ giải ngân theo dự án (%)",
        "chart.units": "Tỷ lệ giải ngân theo đơn vị (%)",
        "chart.lowest": "{n} đơn vị có tỷ lệ giải ngân thấp nhất (%)",
        "chart.none": "Không có số liệu kế hoạch vốn để tính tỷ lệ.",
        "legend": "dưới 30 %|từ 30 đến dưới 60 %|từ 60 %|chung toàn bộ",
        "footer": "Báo cáo do mtqg lập từ các tệp đã nộp; các tệp đó không bị sửa. "
        "Số tiền được làm tròn theo đơn vị hiển thị.",
        "noscript": "Trình duyệt đang tắt JavaScript: bảng vẫn đầy đủ, chỉ không sắp xếp hay lọc được.",
        "verdict": "Kết luận: {error} lỗi, {warning} cảnh báo, {info} thông tin",
        "verdict.cascade": "; {roots} lỗi gốc, {consequences} lỗi kéo theo",
        "caused_by": "Kéo theo từ sai lệch {rule} ở {place}",
        "hint": "Gợi ý: {message}",
    },
    "en": {
        "title": "CTMTQG DTTS&MN disbursement reports: reconciliation",
        "made": "Made on {date} by mtqg {version}",
        "units": "Amounts in {unit} · Rates in %",
        "cards": "Files checked|Clean|With discrepancies|Unreadable|Errors|Warnings|Info",
        "nav": "Overview|Findings|Summary|Charts",
        "overview": "Files",
        "overview.cols": "File|Reporting unit|Status|Errors|Warnings|Info|Plan (total)"
        "|Disbursed (total)|Rate %",
        "status": "Clean|Discrepancies|Unreadable",
        "status.blank": "No figures yet",
        "severity": "error|warning|info",
        "sheet_line": "Sheet «{sheet}» · {unit}{source} · rows {first}–{last}",
        "unit_source": " (cell {cell})",
        "unit_assumed": " (assumed: the form states no unit)",
        "findings": "Findings",
        "findings.none": "No discrepancies found.",
        "findings.cols": "Severity|Rule|Unit / file|Cell|Project|Explanation|Expected|On the form"
        "|Difference",
        "filter.text": "Search",
        "filter.severity": "Severity",
        "filter.rule": "Rule",
        "filter.file": "Unit",
        "filter.all": "All",
        "filter.count": "Showing {shown} of {total} findings",
        "filter.empty": "No finding matches the filters.",
        "sort": "Click a column heading to sort",
        "summary": "Summary by project",
        "summary.batch": "Summary by project ({n} units)",
        "summary.cols": "Code|Project|Plan ĐTPT|Plan SN|Plan total|Disbursed|Rate %"
        "|Unallocated|Why unallocated",
        "summary.of": "Figures of each file",
        "carried": "Carried over",
        "excluded": "Left out of the summary: {files}",
        "by_unit": "Disbursement rate of each unit",
        "by_unit.cols": "Unit|File|Status|Plan (total)|Disbursed (total)|Rate %"
        "|Against the whole (points)",
        "total": "TOTAL",
        "charts": "Disbursement rate charts",
        "chart.projects": "Disbursement rate by project (%)",
        "chart.units": "Disbursement rate by unit (%)",
        "chart.lowest": "The {n} units with the lowest disbursement rates (%)",
        "chart.none": "No planned amounts to compute a rate from.",
        "legend": "below 30 %|30 to below 60 %|60 % and above|overall",
        "footer": "Made by mtqg from the files submitted, which were not changed. Amounts are "
        "rounded to the unit shown.",
        "noscript": "JavaScript is off: the tables are complete but cannot be sorted or filtered.",
        "verdict": "Verdict: {error} errors, {warning} warnings, {info} info",
        "verdict.cascade": "; {roots} root errors, {consequences} consequences",
        "caused_by": "Follows from the {rule} finding at {place}",
        "hint": "Hint: {message}",
    },
}


def words_for(lang: str) -> dict[str, str]:
    """The words of `lang`, Vietnamese when it is not known."""
    return for_language(HTML_WORDS, lang)
