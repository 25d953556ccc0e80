"""What each rule checks, in a sentence, for SARIF rule descriptions and CI summaries."""

from __future__ import annotations

RULE_DOCS: dict[str, dict[str, str]] = {
    "vi": {
        "SUM_MISMATCH": "Số liệu của dòng cha khác tổng các dòng con trực tiếp, ở một cột số tiền.",
        "TOTAL_MISMATCH": "Trong một dòng, Tổng số khác vốn ĐTPT + vốn SN (kế hoạch hoặc giải ngân).",
        "RATE_MISMATCH": "Tỷ lệ giải ngân ghi trên biểu khác tỷ lệ tính lại "
        "(giải ngân / (kế hoạch + vốn chuyển sang)) quá mức làm tròn của nó.",
        "OVER_DISBURSED": "Số giải ngân lớn hơn kế hoạch vốn (kể cả vốn năm trước chuyển sang).",
        "UNALLOCATED_MISMATCH": "Đã phân bổ + chưa phân bổ khác kế hoạch vốn "
        "(kể cả vốn chuyển sang), ở biểu có các cột đó.",
        "UNALLOCATED_NO_REASON": "Còn vốn chưa phân bổ nhưng không ghi lý do "
        "(trừ khi các dòng con đã ghi lý do).",
        "UNIT_SUSPECT": "Một số liệu lớn gấp khoảng 1.000 hoặc 1.000.000 lần mức hợp lý, "
        "như thể nhập theo đơn vị khác.",
        "UNKNOWN_PROJECT": "Dòng nêu dự án, tiểu dự án hoặc nội dung không có trong Chương trình "
        "(QĐ 1719/QĐ-TTg).",
        "NEGATIVE_AMOUNT": "Một số tiền nhỏ hơn 0.",
        "DUPLICATE_LINE": "Cùng một dòng dự án xuất hiện hai lần dưới cùng một mục.",
        "NUMBER_FORMAT": "Số lưu dạng văn bản sai định dạng hoặc không rõ ràng; "
        "thông báo nói đã đọc thế nào.",
        "MISSING_VALUE": "Dòng có tên nhưng không có số liệu trong khi các dòng cùng cấp đều có.",
        "UNIT_ASSUMED": "Không thấy dòng đơn vị tính; coi số liệu tính bằng triệu đồng.",
        "SHEET_SKIPPED": "Trang tính không có bảng số liệu nhận dạng được.",
        "LAYOUT_AMBIGUOUS": "Trang tính cho phép đọc một số dòng hoặc cột theo nhiều cách (ví dụ hai "
        "cột kế hoạch vốn của hai năm) mà số liệu không phân định được; các dòng, cột còn nghi "
        "vấn được nêu tên.",
        "FORMULA_RANGE": "Công thức tổng (SUM) của dòng cha bỏ sót, tính hai lần một dòng con, "
        "hoặc cộng cả dòng không phải con của nó, kể cả khi số liệu hiện tại vẫn khớp.",
        "FORMULA_ERROR": "Một ô số liệu của dòng (số tiền hoặc tỷ lệ) chứa công thức cho kết quả "
        "lỗi (#VALUE!, #REF!, #DIV/0! …): không đọc được số nào, ô được coi là trống.",
        "FORMULA_NOT_CALCULATED": "Ô công thức không lưu giá trị (tệp tạo bằng phần mềm, "
        "chưa mở bằng Excel) đã được mtqg tự tính; thông báo nói bao nhiêu ô và ở đâu.",
        "SOURCE_MISMATCH": "Số liệu của một dòng khác số liệu của nguồn đối chiếu "
        "(ví dụ Kho bạc) quá mức cho phép.",
        "ONLY_IN_REPORT": "Dòng có trên báo cáo nhưng không có trong nguồn đối chiếu.",
        "ONLY_IN_SOURCE": "Dòng có trong nguồn đối chiếu nhưng báo cáo không có.",
        "CUMULATIVE_DECREASE": "Số lũy kế giảm so với báo cáo kỳ trước.",
        "PLAN_CHANGED": "Kế hoạch vốn thay đổi so với báo cáo kỳ trước.",
        "LINE_APPEARED": "Dòng mới xuất hiện so với báo cáo kỳ trước.",
        "LINE_DISAPPEARED": "Dòng của báo cáo kỳ trước không còn trong báo cáo kỳ này.",
        "DUPLICATE_UNIT": "Hai tệp trong cùng một thư mục báo cáo cùng một đơn vị, cùng một kỳ "
        "(bản nộp lại bên cạnh bản cũ); chỉ tệp mới hơn được cộng vào số liệu tổng hợp.",
    },
    "en": {
        "SUM_MISMATCH": "A parent row differs from the sum of its direct children, "
        "in an amount column.",
        "TOTAL_MISMATCH": "Within a row, the total differs from investment (ĐTPT) + "
        "recurrent (SN), plan or disbursed.",
        "RATE_MISMATCH": "The stated disbursement rate differs from disbursed / "
        "(plan + carried over) beyond the rounding it is shown with.",
        "OVER_DISBURSED": "More was disbursed than the plan (plus money carried over).",
        "UNALLOCATED_MISMATCH": "Allocated + unallocated differs from the plan "
        "(plus carried over), where those columns exist.",
        "UNALLOCATED_NO_REASON": "Money is left unallocated with no reason, "
        "unless the line's children give the reasons.",
        "UNIT_SUSPECT": "A figure is about 1,000 or 1,000,000 times what is plausible, "
        "as if typed in another unit.",
        "UNKNOWN_PROJECT": "A row names a project, sub-project or content the programme "
        "(QĐ 1719/QĐ-TTg) does not have.",
        "NEGATIVE_AMOUNT": "An amount is below zero.",
        "DUPLICATE_LINE": "The same project line appears twice under the same parent.",
        "NUMBER_FORMAT": "A number stored as text is malformed or ambiguous; "
        "the message says how it was read.",
        "MISSING_VALUE": "A line has a name but no figures where its siblings have them.",
        "UNIT_ASSUMED": "No unit line was found; amounts are taken to be in million VND.",
        "SHEET_SKIPPED": "A sheet holds no recognisable table.",
        "LAYOUT_AMBIGUOUS": "The sheet allows readings of some rows or columns (say, the plans of "
        "two years) that no arithmetic settles; the rows or columns in doubt are named.",
        "FORMULA_RANGE": "A parent's SUM formula leaves out or counts twice one of its child "
        "rows, or adds a line that is not its child, even when today's values agree.",
        "FORMULA_ERROR": "A figure of a line (an amount or a rate) holds a formula that gives "
        "an error (#VALUE!, #REF!, #DIV/0! …): no figure can be read, the cell is taken as blank.",
        "FORMULA_NOT_CALCULATED": "Formula cells saved with no value (a file made by software, "
        "never opened in Excel) were computed by mtqg; the message says how many and where.",
        "SOURCE_MISMATCH": "A line's figure differs from the other source's "
        "(e.g. the Treasury) beyond the tolerance.",
        "ONLY_IN_REPORT": "A line is in the report but not in the other source.",
        "ONLY_IN_SOURCE": "A line is in the other source but not in the report.",
        "CUMULATIVE_DECREASE": "A cumulative figure went down since the earlier report.",
        "PLAN_CHANGED": "A plan figure changed since the earlier report.",
        "LINE_APPEARED": "A line appeared since the earlier report.",
        "LINE_DISAPPEARED": "A line of the earlier report is gone.",
        "DUPLICATE_UNIT": "Two files of a batch report the same unit and period "
        "(a resubmission beside its original); only the newer enters the consolidation.",
    },
}


def rule_doc(code: str, lang: str) -> str:
    """The rule's description in the language (the code itself for a rule not described)."""
    return RULE_DOCS.get(lang, RULE_DOCS["vi"]).get(code, code)
