"""What a file the system would not read or write is told as, in Vietnamese and English."""

from __future__ import annotations

OS_ERROR_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "write": "Không ghi được {path}: {reason}.",
        "read": "Không đọc được {path}: {reason}.",
        "denied_write": "tệp đang mở trong một chương trình khác (Excel?) hoặc thư mục không cho ghi",
        "denied_read": "không có quyền đọc tệp, hoặc tệp đang bị một chương trình khác khóa",
        "is_directory": "đây là một thư mục, không phải tệp",
        "not_directory": "một phần của đường dẫn là tệp, không phải thư mục",
        "exists": "đã có một tệp cùng tên ở chỗ cần một thư mục",
        "no_space": "ổ đĩa đã đầy",
        "read_only": "ổ đĩa chỉ cho đọc",
        "missing": "không tìm thấy tệp hoặc thư mục",
        "too_long": "đường dẫn quá dài",
        "other": "lỗi của hệ điều hành ({reason})",
    },
    "en": {
        "write": "Cannot write {path}: {reason}.",
        "read": "Cannot read {path}: {reason}.",
        "denied_write": "the file is open in another program (Excel?) or the folder is not writable",
        "denied_read": "no permission to read it, or another program has it locked",
        "is_directory": "it is a folder, not a file",
        "not_directory": "part of the path is a file, not a folder",
        "exists": "a file of that name is where a folder is needed",
        "no_space": "the disk is full",
        "read_only": "the disk is read-only",
        "missing": "no such file or folder",
        "too_long": "the path is too long",
        "other": "an operating-system error ({reason})",
    },
}
