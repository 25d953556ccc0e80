"""User-facing words in Vietnamese and English: units, field labels, file errors, notes."""

from __future__ import annotations

UNIT_NAMES: dict[str, dict[str, str]] = {
    # keyed by the value of `Unit` (a str Enum, so the unit itself looks its name up)
    "vi": {
        "dong": "đồng",
        "nghin_dong": "nghìn đồng",
        "trieu_dong": "triệu đồng",
        "ty_dong": "tỷ đồng",
    },
    "en": {
        "dong": "VND",
        "nghin_dong": "thousand VND",
        "trieu_dong": "million VND",
        "ty_dong": "billion VND",
    },
}

GROUP_NAMES: dict[str, dict[str, str]] = {
    "vi": {
        "plan": "Kế hoạch vốn",
        "carried_over": "Vốn năm trước chuyển sang",
        "allocated": "Đã phân bổ",
        "unallocated": "Chưa phân bổ",
        "disbursed": "Giải ngân",
        "rate": "Tỷ lệ giải ngân",
    },
    "en": {
        "plan": "Plan",
        "carried_over": "Carried over",
        "allocated": "Allocated",
        "unallocated": "Unallocated",
        "disbursed": "Disbursed",
        "rate": "Disbursement rate",
    },
}

KIND_NAMES: dict[str, dict[str, str]] = {
    "vi": {"total": "tổng số", "dtpt": "vốn ĐTPT", "sn": "vốn SN"},
    "en": {"total": "total", "dtpt": "investment (ĐTPT)", "sn": "recurrent (SN)"},
}

NUMBER_ISSUES: dict[str, dict[str, str]] = {
    "vi": {
        "english_style": "số viết kiểu tiếng Anh",
        "malformed": "số sai định dạng",
        "not_a_number": "không phải là số",
        "date": "ngày tháng ở cột số tiền",
        "not_finite": "giá trị không hữu hạn",
    },
    "en": {
        "english_style": "English-style number",
        "malformed": "malformed number",
        "not_a_number": "not a number",
        "date": "a date in an amount column",
        "not_finite": "not a finite number",
    },
}

FILE_ERRORS: dict[str, dict[str, str]] = {
    "vi": {
        "missing_file": "Không tìm thấy tệp: {path}",
        "is_directory": "{path} là thư mục, không phải tệp bảng tính",
        "not_regular": "{path} không phải là tệp thường (là ống dẫn, thiết bị hoặc socket), không đọc",
        "unreadable": "Không đọc được tệp {path}: {reason}",
        "empty_file": "Tệp {path} rỗng (0 byte)",
        "not_a_workbook": "Tệp {path} không phải là bảng tính Excel/ODS/CSV hợp lệ",
        "encrypted": "Tệp {path} được đặt mật khẩu hoặc mã hóa; hãy gỡ mật khẩu rồi gửi lại",
        "corrupt": "Tệp {path} bị hỏng, không mở được ({reason})",
        "corrupt_zip": "Tệp {path} bị hỏng: tệp .xlsx không trọn vẹn (có thể bị cắt ngắn khi gửi)",
        "store_default_skipped": "Cảnh báo: không ghi được lịch sử mặc định ở {store} ({reason}); lần chạy này không được lưu (chọn nơi khác bằng --store, hoặc --no-store)",
        "annotate_failed": "Không tạo được bản đánh dấu của {path}: {reason}",
        "stopped_none": "Đã dừng theo yêu cầu: chưa ghi tệp nào, không có tệp nào bị ghi dở",
        "stopped_some": "Đã dừng theo yêu cầu: đã ghi xong {paths}; không có tệp nào bị ghi dở",
        "reader_crashed": "Tệp {path} bị hỏng: trình đọc bảng tính dừng đột ngột khi mở tệp ({reason}); các tệp khác vẫn được kiểm tra",
        "no_table": "Không tìm thấy bảng số liệu giải ngân nào trong tệp {path}",
        "unsupported": "Định dạng tệp {path} chưa được hỗ trợ (cần .xlsx, .xlsm, .xls, .ods, .csv)",
        "no_sheet": "Không có trang tính «{sheet}» trong tệp {path}; các trang có: {sheets}",
        "no_inputs": "Không có tệp bảng tính nào trong: {path}",
        "needs_output": "Định dạng {format} cần có --output TỆP",
        "sample_exists": "Đã có tệp {path} khác với biểu mẫu; không ghi đè, hãy chọn thư mục khác",
        "config_missing": "Không tìm thấy tệp cấu hình {path}",
        "config_unreadable": "Không đọc được tệp cấu hình {path}: {reason}",
        "config_syntax": "Tệp cấu hình {path} sai cú pháp TOML ở dòng {line}: {reason}",
        "config_invalid": "Tệp cấu hình {path} không hợp lệ — {details}",
        "config_no_section": "Tệp {path} không có phần [tool.mtqg]",
        "waivers_missing": "Không tìm thấy tệp miễn trừ {path}",
        "baseline_missing": "Không tìm thấy tệp baseline {path} (tạo bằng --write-baseline)",
        "baseline_invalid": "Tệp baseline {path} không phải là báo cáo JSON của mtqg: {reason}",
        "overwrite_input": "Không ghi đè lên tệp đầu vào {path}; hãy chọn tệp khác cho --output",
        "against_one_file": "--against đối chiếu một tệp báo cáo (đã cho {count} tệp)",
        "bad_mapping": "Bảng ánh xạ mã trong {path} không hợp lệ: {reason}",
        "store_failed": "Không ghi/đọc được lịch sử ở {store}: {reason}",
        "store_missing": "Không có lịch sử ở {store}: tệp chưa có (lịch sử được tạo khi mtqg reconcile ghi lần chạy đầu tiên)",
        "store_newer": "Lịch sử ở {store} có lược đồ phiên bản {found}, mới hơn bản mtqg này ({known}); hãy cập nhật mtqg",
        "compare_mixed": "Hãy so sánh hai tệp hoặc hai thư mục, không trộn một tệp với một thư mục",
        "compare_units": "Hai tệp của hai đơn vị khác nhau: {earlier} ({earlier_path}) và {later} ({later_path}); so sánh hai kỳ chỉ có nghĩa với cùng một đơn vị (thêm --force nếu vẫn muốn so sánh)",
        "format_not_supported": "mtqg {command} không hỗ trợ --format {format}",
        "bad_layout": "Phần [layout] trong {path} không hợp lệ: {reason}",
        "inspect_format": "mtqg inspect chỉ in dạng table hoặc json (không phải {format})",
        "template_exists": "Tệp {path} đã có; dùng --force để ghi đè",
        "template_suffix": "Biểu mẫu phải là tệp .xlsx (không phải {path})",
        "unexpected": "Lỗi không mong đợi khi xử lý {path}: {reason} (chạy lại với --debug để xem chi tiết)",
        "too_large": "Tệp {path} quá lớn: {size} MB khi giải nén, vượt giới hạn {limit} MB (nâng bằng --max-size)",
        "too_many_rows": "Tệp {path} ({sheet}) có {count} dòng, vượt giới hạn {limit} dòng (nâng bằng --max-rows)",
        "too_many_columns": "Tệp {path} ({sheet}) có {count} cột, vượt giới hạn {limit} cột (nâng bằng --max-columns)",
        "too_many_cells": "Tệp {path} ({sheet}) trải trên {rows} dòng × {columns} cột, vượt giới hạn {limit} ô (nâng bằng --max-cells)",
        "cell_too_long": "Tệp {path} có ô chứa hơn {limit} ký tự (nâng bằng --max-cell-length)",
        "zip_unsafe": "Tệp {path} có cấu trúc nén bất thường (có thể là bom nén), không mở để an toàn ({reason})",
        "output_symlink": "Không ghi {path}: đường dẫn là liên kết tượng trưng trỏ ra ngoài thư mục đầu ra",
        "bad_amount": "Không đọc được {option} {value}: hãy viết số đồng như trên bảng, ví dụ 1.000 hoặc 1.000.000",
        "bad_rate": "Không đọc được {option} {value}: hãy viết số điểm phần trăm từ 0 đến 100, ví dụ 0,5",
    },
    "en": {
        "missing_file": "File not found: {path}",
        "is_directory": "{path} is a folder, not a spreadsheet file",
        "not_regular": "{path} is not a regular file (a pipe, a device or a socket) and is not read",
        "unreadable": "Cannot read {path}: {reason}",
        "empty_file": "{path} is empty (0 bytes)",
        "not_a_workbook": "{path} is not a valid Excel/ODS/CSV spreadsheet",
        "encrypted": "{path} is password-protected or encrypted; remove the password and resend it",
        "corrupt": "{path} is damaged and cannot be opened ({reason})",
        "corrupt_zip": "{path} is damaged: the .xlsx archive is incomplete (perhaps cut short)",
        "store_default_skipped": "Warning: cannot write the default history at {store} ({reason}); this run is not recorded (choose another with --store, or --no-store)",
        "annotate_failed": "Could not make the marked copy of {path}: {reason}",
        "stopped_none": "Stopped on request: no file was written, none is left half-written",
        "stopped_some": "Stopped on request: written in full {paths}; none is left half-written",
        "reader_crashed": "{path} is damaged: the spreadsheet reader stopped abruptly while opening it ({reason}); the other files are still checked",
        "no_table": "No disbursement table found in {path}",
        "unsupported": "The file type of {path} is not supported (.xlsx, .xlsm, .xls, .ods, .csv)",
        "no_sheet": "No sheet named «{sheet}» in {path}; its sheets: {sheets}",
        "no_inputs": "No spreadsheet files in: {path}",
        "needs_output": "Format {format} needs --output FILE",
        "sample_exists": "{path} exists and differs from the sample; not overwritten, choose another folder",
        "config_missing": "Configuration file not found: {path}",
        "config_unreadable": "Cannot read the configuration file {path}: {reason}",
        "config_syntax": "The configuration file {path} is not valid TOML at line {line}: {reason}",
        "config_invalid": "The configuration file {path} is invalid — {details}",
        "config_no_section": "{path} has no [tool.mtqg] section",
        "waivers_missing": "Waivers file not found: {path}",
        "baseline_missing": "Baseline file not found: {path} (create it with --write-baseline)",
        "baseline_invalid": "The baseline {path} is not an mtqg JSON report: {reason}",
        "overwrite_input": "Refusing to overwrite the input file {path}; choose another --output",
        "against_one_file": "--against checks one report file ({count} given)",
        "bad_mapping": "The code mapping in {path} is invalid: {reason}",
        "store_failed": "Cannot write or read the history at {store}: {reason}",
        "store_missing": "No history at {store}: the file does not exist (mtqg reconcile creates it when it records a first run)",
        "store_newer": "The history at {store} has schema version {found}, newer than this mtqg knows ({known}); update mtqg",
        "compare_mixed": "Compare two files or two folders, not a file with a folder",
        "compare_units": "The two files are of different units: {earlier} ({earlier_path}) and {later} ({later_path}); comparing two periods only makes sense for one unit (add --force to compare anyway)",
        "format_not_supported": "mtqg {command} does not support --format {format}",
        "bad_layout": "The [layout] section of {path} is invalid: {reason}",
        "inspect_format": "mtqg inspect prints table or json only (not {format})",
        "template_exists": "{path} already exists; use --force to overwrite it",
        "template_suffix": "The form must be an .xlsx file (not {path})",
        "unexpected": "Unexpected error while processing {path}: {reason} (rerun with --debug)",
        "too_large": "{path} is too large: {size} MB uncompressed, beyond the limit of {limit} MB (raise it with --max-size)",
        "too_many_rows": "{path} ({sheet}) has {count} rows, beyond the limit of {limit} (raise it with --max-rows)",
        "too_many_columns": "{path} ({sheet}) has {count} columns, beyond the limit of {limit} (raise it with --max-columns)",
        "too_many_cells": "{path} ({sheet}) spans {rows} rows × {columns} columns, beyond the limit of {limit} cells (raise it with --max-cells)",
        "cell_too_long": "{path} has a cell of more than {limit} characters (raise it with --max-cell-length)",
        "zip_unsafe": "{path} has an abnormal compressed structure (perhaps a zip bomb) and is not opened ({reason})",
        "output_symlink": "Not writing {path}: it is a symbolic link pointing out of the output folder",
        "bad_amount": "Cannot read {option} {value}: write whole đồng as the tables do, e.g. 1.000 or 1.000.000",
        "bad_rate": "Cannot read {option} {value}: write percentage points from 0 to 100, e.g. 0,5",
    },
}


DONE: dict[str, dict[str, str]] = {
    "vi": {
        "written": "Đã ghi {path}",
        "copies": "Đã ghi {n} bản sao có đánh dấu vào {folder}:",
        "no_copies": "Không ghi bản sao nào vào {folder}: không tệp .xlsx/.xlsm nào có sai lệch ở một ô",
    },
    "en": {
        "written": "Wrote {path}",
        "copies": "Wrote {n} annotated copies into {folder}:",
        "no_copies": "No copy written into {folder}: no .xlsx/.xlsm file has a finding at a cell",
    },
}

BATCH_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "left_out": "chỉ tệp {kept} được cộng vào số liệu tổng hợp",
        "both_kept": "cả hai tệp đều được cộng vào số liệu tổng hợp (--keep-duplicates)",
        "no_period": "không rõ",
        "stated_plan": "dòng TỔNG CỘNG của biểu ghi kế hoạch {amount}",
        "stated_disbursed": "dòng TỔNG CỘNG của biểu ghi giải ngân {amount}",
        "sum_rule": "số ở đây là tổng các dòng dự án, đúng số được cộng vào toàn tỉnh",
        "corrected": "{n} số nhập nhầm đơn vị được chia lại trước khi cộng (UNIT_SUSPECT)",
        "not_counted": "không cộng vào toàn tỉnh: đã có bản nộp lại {kept}",
        "excluded": "không cộng vào toàn tỉnh: tệp còn lỗi (--exclude-errors)",
        "left_out_line": "Không cộng {file} ({unit}): đã có bản nộp lại {kept} (DUPLICATE_UNIT)",
        "correction_line": "Đã sửa trước khi cộng: {field} của {project} ({unit}, {file}) ghi "
        "{typed}, cộng {entered} (chia {factor})",
        "mark_corrected": "* có số nhập nhầm đơn vị, đã chia lại trước khi cộng",
        "mark_note": "* {file}: {notes}",
    },
    "en": {
        "left_out": "only {kept} enters the consolidated figures",
        "both_kept": "both files enter the consolidated figures (--keep-duplicates)",
        "no_period": "unknown",
        "stated_plan": "the form's TỔNG CỘNG line states a plan of {amount}",
        "stated_disbursed": "the form's TỔNG CỘNG line states {amount} disbursed",
        "sum_rule": "the figure here is its project lines added up, as the province total counts it",
        "corrected": "{n} figures typed in the wrong unit divided back before adding (UNIT_SUSPECT)",
        "not_counted": "not in the province total: {kept} is its resubmission",
        "excluded": "not in the province total: the file has errors (--exclude-errors)",
        "left_out_line": "Not counted {file} ({unit}): {kept} is its resubmission (DUPLICATE_UNIT)",
        "correction_line": "Corrected before adding: {field} of {project} ({unit}, {file}) typed "
        "{typed}, counted {entered} (divided by {factor})",
        "mark_corrected": "* has a figure typed in the wrong unit, divided back before adding",
        "mark_note": "* {file}: {notes}",
    },
}


def batch_words(key: str, lang: str, **params: object) -> str:
    """Words about a batch's files: which of two resubmitted files is counted."""
    return BATCH_WORDS[_lang(lang)][key].format(**params)


def done(key: str, lang: str, **params: object) -> str:
    """What a run wrote, in words."""
    return DONE[_lang(lang)][key].format(**params)


def unit_name(unit: str, lang: str) -> str:
    """The unit's name in the language ('triệu đồng' / 'million VND'); `unit` is a `Unit`."""
    return UNIT_NAMES[_lang(lang)][unit]


def field_label(field: str, lang: str) -> str:
    """A field path in words: 'plan.sn' → 'Kế hoạch vốn (vốn SN)'."""
    group, _, kind = field.partition(".")
    name = GROUP_NAMES[_lang(lang)].get(group, group)
    return f"{name} ({KIND_NAMES[_lang(lang)][kind]})" if kind else name


def file_error(key: str, lang: str, **params: object) -> str:
    """The message of a file that could not be processed."""
    template = FILE_ERRORS[_lang(lang)].get(key, key)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _lang(lang: str) -> str:
    return lang if lang in UNIT_NAMES else "vi"
