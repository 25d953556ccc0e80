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
from mtqg_cli.words.language import for_language
from mtqg_cli.words.os_errors import OS_ERROR_WORDS

F = TypeVar("F", bound=Callable[..., Any])

BROKEN_PIPE_EXIT = 141
"""What a shell reports for a program stopped by a closed pipe (128 + SIGPIPE)."""
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[^.]+\.tmp$")
"""The atomic writer's temporary file beside its target: .NAME.RANDOM.tmp."""

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
    words = for_language(OS_ERROR_WORDS, lang)
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
    from mtqg_cli.render.console import make_console, render_error

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
