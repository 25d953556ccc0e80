"""The one guard every command runs in: failures become one sentence and exit 2 (a traceback
under --debug), a closed pipe ends quietly, and nothing a person reads names an internal file
or exception."""

from __future__ import annotations

import errno
import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer

from mtqg_cli.model.errors import MtqgError

F = TypeVar("F", bound=Callable[..., Any])

BROKEN_PIPE_EXIT = 141
"""What a shell reports for a program stopped by a closed pipe (128 + SIGPIPE)."""
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[^.]+\.tmp$")
"""The atomic writer's temporary file beside its target: .NAME.RANDOM.tmp."""

WORDS: dict[str, dict[str, str]] = {
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
REASONS = {
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EISDIR: "is_directory",
    errno.ENOTDIR: "not_directory",
    errno.EEXIST: "exists",
    errno.ENOSPC: "no_space",
    errno.EROFS: "read_only",
    errno.ENOENT: "missing",
    errno.ENAMETOOLONG: "too_long",
}


def guarded(command: F) -> F:
    """Run a command so that every failure is one sentence on stderr and exit code 2."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        lang = _value(kwargs.get("lang")) or "vi"
        width = kwargs.get("width")
        try:
            result = command(*args, **kwargs)
            flush_stdout()
            return result
        except (typer.Exit, SystemExit):
            flush_stdout()
            raise
        except (typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            quiet_pipe()
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                quiet_pipe()
            if kwargs.get("debug"):
                raise
            stop(os_failure(exc, lang))
        except MtqgError as exc:
            from mtqg_cli.words.messages import file_error

            stop(file_error(exc.key, lang, **exc.params), width)
        except Exception as exc:
            if kwargs.get("debug"):
                raise
            stop(unexpected(exc, lang), width)

    return run  # type: ignore[return-value]


def os_failure(exc: OSError, lang: str) -> str:
    """One sentence: which file could not be read or written, and the likely reason."""
    words = WORDS.get(lang, WORDS["vi"])
    path = shown_path(exc)
    reading = _is_read(exc, path)
    key = REASONS.get(exc.errno or 0, "other")
    if key == "denied":
        key = "denied_read" if reading else "denied_write"
    reason = words[key].format(reason=exc.strerror or exc.__class__.__name__)
    return words["read" if reading else "write"].format(path=path or "?", reason=reason)


def shown_path(exc: OSError) -> str:
    """The path the person named: the target of a rename, a temporary file's target."""
    raw = exc.filename2 if exc.filename2 is not None else exc.filename
    if raw is None:
        return ""
    path = Path(os.fsdecode(raw))
    match = _TEMPORARY.match(path.name)
    return str(path.with_name(match["name"])) if match else str(path)


def _is_read(exc: OSError, path: str) -> bool:
    if not path or exc.errno in (errno.ENOSPC, errno.EROFS, errno.EEXIST):
        return False
    target = Path(path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return target.is_file() and not os.access(target, os.R_OK)
    return exc.errno == errno.ENOENT and exc.filename2 is None and not _TEMPORARY.match(target.name)


def flush_stdout() -> None:
    """Push out what is still buffered, so that a closed pipe is noticed here, not at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_pipe()
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            quiet_pipe()
        raise


def unexpected(exc: Exception, lang: str) -> str:
    """One sentence for a failure nobody foresaw: its kind and its words."""
    from mtqg_cli.words.messages import file_error

    return file_error("unexpected", lang, path="", reason=f"{type(exc).__name__}: {exc}")


def stop(message: str, width: int | None = None) -> NoReturn:
    """Print one sentence on stderr (`width`: the command's --width) and end with exit code 2."""
    from mtqg_cli.render import make_console, render_error

    render_error(message, make_console(width=width, file=sys.stderr))
    raise typer.Exit(2)


def quiet_pipe() -> NoReturn:
    """The reader of our output went away (`| head`): stop writing, say nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    raise typer.Exit(BROKEN_PIPE_EXIT)


def _value(option: object) -> str | None:
    value = getattr(option, "value", option)
    return value if isinstance(value, str) else None
