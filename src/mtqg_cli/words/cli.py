"""Help and usage errors in Vietnamese: the options' help, the commands' descriptions and the
command-line parser's own words, English only under `--lang en` or an English locale."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

HELP: dict[str, str] = {
    "Đối soát biểu giải ngân CTMTQG DTTS&MN (QĐ 1719/QĐ-TTg). Reconcile disbursement "
    "spreadsheets of the national target programme.": "Đối soát biểu giải ngân CTMTQG DTTS&MN "
    "(QĐ 1719/QĐ-TTg): tìm mọi sai lệch kèm ô, giải thích bằng tiếng Việt, số liệu cho cuộc họp.",
    "mtqg: đối soát biểu giải ngân vốn CTMTQG DTTS&MN.": "mtqg: đối soát biểu giải ngân vốn "
    "CTMTQG DTTS&MN. Gõ «mtqg TỆP.xlsx» để kiểm tra một tệp.",
    "Table width in characters.": "Độ rộng bảng, tính bằng ký tự.",
    "Show tracebacks of failures.": "Hiện chi tiết kỹ thuật khi có lỗi.",
    "How .xlsx/.xlsm are read. openpyxl: the slow reference reader, for a file the fast reader "
    "gets wrong.": "Cách đọc tệp .xlsx/.xlsm. openpyxl: bộ đọc chậm nhưng chuẩn, dùng khi bộ "
    "đọc nhanh đọc sai một tệp.",
    "Print the version.": "In số phiên bản.",
    "Workbooks, or folders of workbooks.": "Tệp bảng tính, hoặc thư mục chứa tệp bảng tính.",
    "Output format.": "Dạng kết quả.",
    "Write the report to this file.": "Ghi báo cáo vào tệp này.",
    "Lowest severity that makes the exit code 1 [default: error].": "Mức độ thấp nhất làm mã "
    "thoát là 1 [mặc định: error].",
    "Unit of the sheet's amounts, overriding its unit line.": "Đơn vị số tiền của biểu, thay "
    "cho dòng đơn vị ghi trên biểu.",
    "Language of messages.": "Ngôn ngữ của thông báo.",
    "Read only this sheet.": "Chỉ đọc trang tính này (không phân biệt hoa thường, có dấu hay "
    "không).",
    "Amount tolerance in đồng, written as the tables do [default: 1.000].": "Sai số cho phép, "
    "tính bằng đồng, viết như trên bảng: 1.000 hoặc 1.000.000 [mặc định: 1.000].",
    "How numbers stored as text are written.": "Cách viết số lưu dạng chữ trong biểu.",
    "Look into sub-folders too.": "Xem cả thư mục con.",
    "Leave files with errors out of the consolidation.": "Không cộng các tệp có lỗi vào số "
    "tổng hợp.",
    "Count both files of a unit's resubmission.": "Cộng cả hai tệp khi một đơn vị nộp lại "
    "báo cáo cùng kỳ.",
    "Compare even two files of different units.": "Vẫn so sánh dù hai tệp của hai đơn vị "
    "khác nhau.",
    "Processes (default: all cores).": "Số tiến trình (mặc định: mọi nhân của máy).",
    "Write copies of the files with faulty cells marked here.": "Ghi vào thư mục này bản sao "
    "các tệp, đánh dấu ô sai.",
    "Largest uncompressed input, in MB.": "Dung lượng lớn nhất của tệp khi giải nén, tính bằng MB.",
    "Most rows a sheet may span.": "Số dòng nhiều nhất của một trang tính.",
    "Most columns a sheet may span.": "Số cột nhiều nhất của một trang tính.",
    "Most cells (rows x columns) of a sheet.": "Số ô nhiều nhất (dòng × cột) của một trang tính.",
    "Most characters in one cell.": "Số ký tự nhiều nhất trong một ô.",
    "Another source (the Treasury's) to match the lines with.": "Nguồn khác (của Kho bạc) để "
    "đối chiếu từng dòng.",
    "Which figures --against compares.": "Số liệu nào được --against đối chiếu.",
    "TOML [against.mapping]: the source's codes → ours.": "Tệp TOML [against.mapping]: mã "
    "của nguồn kia → mã của mtqg.",
    "Record the run in this history (SQLite file or URL).": "Ghi lần chạy vào lịch sử này "
    "(tệp SQLite hoặc địa chỉ cơ sở dữ liệu).",
    "Do not record the run in the history.": "Không ghi lần chạy vào lịch sử.",
    "No progress bar.": "Không hiện thanh tiến độ.",
    "TOML file whose [layout] pins header rows, columns, unit.": "Tệp TOML có phần [layout] "
    "ghim dòng tiêu đề, cột, đơn vị.",
    "mtqg.toml or pyproject.toml to use (default: found).": "Tệp mtqg.toml hoặc "
    "pyproject.toml cần dùng (mặc định: tự tìm).",
    "Waivers file (default: mtqg-waivers.toml, found).": "Tệp miễn trừ (mặc định: tự tìm "
    "mtqg-waivers.toml).",
    "Earlier JSON report: fail only on new findings.": "Báo cáo JSON lần trước: chỉ báo lỗi "
    "với sai lệch mới.",
    "Write this run's findings as the baseline.": "Ghi các sai lệch lần này làm mốc so sánh.",
    "Rate tolerance in percentage points, e.g. 0,5.": "Sai số cho phép của tỷ lệ, tính bằng "
    "điểm phần trăm, ví dụ 0,5.",
    "A workbook.": "Một tệp bảng tính.",
    "table or json.": "table hoặc json.",
    "Only this sheet.": "Chỉ trang tính này.",
    "Unit of the amounts, overriding the sheet.": "Đơn vị số tiền, thay cho đơn vị ghi trên biểu.",
    "Language.": "Ngôn ngữ.",
    "Configuration file (default: mtqg.toml found upwards).": "Tệp cấu hình (mặc định: tự tìm "
    "mtqg.toml ở thư mục này và các thư mục cha).",
    "The earlier report, or folder.": "Báo cáo kỳ trước, hoặc thư mục.",
    "The later report, or folder.": "Báo cáo kỳ sau, hoặc thư mục.",
    "Write to this file.": "Ghi vào tệp này.",
    "Lowest severity that makes the exit code 1.": "Mức độ thấp nhất làm mã thoát là 1.",
    "Amount tolerance in đồng, e.g. 1.000.": "Sai số cho phép, tính bằng đồng, ví dụ 1.000.",
    "The history (SQLite file or database URL).": "Lịch sử (tệp SQLite hoặc địa chỉ cơ sở dữ "
    "liệu).",
    "Only units whose name has this.": "Chỉ các đơn vị có tên chứa chữ này.",
    "Only this project code.": "Chỉ mã dự án này.",
    "Capital type of the rate.": "Loại vốn của tỷ lệ.",
    "table, json or xlsx.": "table, json hoặc xlsx.",
    "Only the figures of the last N runs.": "Chỉ số liệu của N lần chạy gần nhất.",
    "Every run recorded, not only the last ones.": "Mọi lần chạy đã ghi, không chỉ những lần "
    "gần nhất.",
    "The .xlsx form to write.": "Tệp biểu mẫu .xlsx cần ghi.",
    "Unit of the amounts.": "Đơn vị số tiền.",
    "Plan year [default: this year].": "Năm kế hoạch [mặc định: năm nay].",
    "Overwrite an existing file.": "Ghi đè tệp đã có.",
    "Copy the sample forms into this folder instead.": "Chép các biểu mẫu vào thư mục này "
    "(thay vì kiểm tra).",
    "Check disbursement workbooks and report every discrepancy with its cell.": "Kiểm tra biểu "
    "giải ngân và báo mọi sai lệch kèm ô.",
    "Show how each sheet was understood: table, header, columns, unit, tree of lines.": "Cho "
    "thấy mtqg hiểu từng trang tính thế nào: bảng, tiêu đề, cột, đơn vị, cây các dòng.",
    "Compare two periods of the same unit (two files, or two folders matched by unit).": "So "
    "sánh hai kỳ báo cáo của cùng đơn vị (hai tệp, hoặc hai thư mục ghép theo đơn vị).",
    "Show each unit's disbursement rate per project, quarter by quarter, from the history.": ""
    "Tỷ lệ giải ngân từng dự án của mỗi đơn vị, theo từng quý, lấy từ lịch sử.",
    "Write the standard reporting form (.xlsx) for units to fill in.": "Ghi biểu mẫu báo cáo "
    "chuẩn (.xlsx) để đơn vị điền.",
    "Print the JSON schema of the report (`--format json`).": "In lược đồ JSON của báo cáo "
    "(`--format json`).",
    "Check a sample form shipped with mtqg, whose discrepancies are planted on purpose.": ""
    "Kiểm tra biểu mẫu kèm theo mtqg, có sai lệch cố ý để minh họa.",
    "Show this message and exit.": "In trợ giúp này rồi thoát.",
    "Date waivers expire by.": "Ngày dùng để xét miễn trừ đã hết hạn chưa.",
    "Write a corrected copy: certain mistakes put right, sums and rates as formulas.": "Ghi "
    "bản sửa của một biểu: sửa các lỗi có nguyên nhân chắc chắn, ghi tổng và tỷ lệ thành công "
    "thức.",
    "The workbook to correct (.xlsx, .xlsm).": "Tệp bảng tính cần sửa (.xlsx, .xlsm).",
    "The corrected copy to write (never the input).": "Tệp bản sửa cần ghi (không bao giờ là "
    "tệp đầu vào).",
    "Overwrite an existing copy.": "Ghi đè bản sửa đã có.",
}
"""The options' and commands' help as written in cli/ (English) → Vietnamese."""

WORDS: dict[str, str] = {
    "Usage: ": "Cách dùng: ",
    "Arguments": "Tham số",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tùy lúc chạy)",
    "Aborted!": "Đã dừng.",
    "Missing command.": "Thiếu lệnh (ví dụ: mtqg reconcile TỆP.xlsx).",
    "No such command {name!r}.": "Không có lệnh «{name}».",
}
"""The parser's own words (typer's `_`)."""

HELP_HINT = "Gõ «{command} {option}» để xem trợ giúp.\n"
"""Under a usage error: how to see the command's help."""
ERROR_PREFIX = "Lỗi: "
"""Before a usage error's message."""
ERRORS: tuple[tuple[str, str], ...] = (
    (r"^No such command '(.+)'\.", r"Không có lệnh «\1»."),
    (r"Did you mean '(.+)'\?", r"Có phải ý bạn là «\1»?"),
    (r"Did you mean one of (.+)\?", r"Có phải ý bạn là một trong \1?"),
    (r"^Missing argument '(.+)'\.", r"Thiếu tham số «\1»."),
    (r"^Missing option '(.+)'\.", r"Thiếu tùy chọn «\1»."),
    (r"^Missing parameter '(.+)'\.", r"Thiếu tham số «\1»."),
    (r"^No such option: (\S+)", r"Không có tùy chọn \1"),
    (r"^Option '(.+)' requires an argument\.", r"Tùy chọn «\1» cần một giá trị."),
    (r"^Option '(.+)' requires (\d+) arguments\.", r"Tùy chọn «\1» cần \2 giá trị."),
    (r"^Invalid value for (.+?): (Value error, )?", r"Giá trị không hợp lệ cho \1: "),
    (r"'([^']*)' is not one of (.+)\.", r"«\1» không phải một trong: \2."),
    (r"'([^']*)' is not a valid integer( range)?\.", r"«\1» không phải là số nguyên."),
    (r"'([^']*)' is not a valid float( range)?\.", r"«\1» không phải là số."),
    (r"(-?[\d.]+) is not in the range (.+)\.", r"\1 nằm ngoài khoảng cho phép \2."),
    (r"'(.*)' does not match the format '(.+)'\.", r"«\1» không đúng dạng «\2»."),
    (r"'(.*)' does not match the formats? (.+)\.", r"«\1» không đúng dạng \2."),
    (r"^Got unexpected extra arguments? \((.+)\)", r"Thừa tham số: \1"),
    (r"^Missing command\.", "Thiếu lệnh."),
    (r"Input should be greater than or equal to (\S+)", r"phải lớn hơn hoặc bằng \1"),
    (r"Input should be less than or equal to (\S+)", r"phải nhỏ hơn hoặc bằng \1"),
    (r"Input should be a valid integer.*", "phải là số nguyên"),
    (r"Input should be a valid number.*", "phải là một số"),
    (r"Input should be a valid (date|datetime).*", "phải là ngày dạng NNNN-TT-NN"),
)
"""Usage errors of the parser → Vietnamese (patterns over its English message)."""


def wanted_lang(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """'en' under `--lang en` or an English locale (LC_ALL, LC_MESSAGES, LANG), else 'vi'."""
    for index, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in ("vi", "en"):
            return value
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = env.get(name, "")
        if locale:
            return "en" if locale.lower().startswith("en") else "vi"
    return "vi"


def help_text(text: str) -> str:
    """An option's or command's help in Vietnamese (the English kept for an unknown text); a
    command's short help cut with '...' is matched by its beginning."""
    if text in HELP:
        return HELP[text]
    if text.endswith("..."):
        start = text[:-3]
        found = next((vi for en, vi in HELP.items() if en.startswith(start)), None)
        if found is not None:
            return found
    for en, vi in HELP.items():  # help followed by typer's "[default: …]"
        if text.startswith(en):
            return vi + text[len(en) :]
    return text


def usage_error(message: str) -> str:
    """The parser's usage error in Vietnamese."""
    for pattern, replacement in ERRORS:
        message = re.sub(pattern, replacement, message, flags=re.M)
    return message
