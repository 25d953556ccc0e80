"""Teach the command-line parser Vietnamese: its headings, the options' help and its usage
errors (the words are in words/cli.py). Installed by `main()` unless English is wanted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from mtqg_cli.words.cli import ERROR_PREFIX, HELP_HINT, WORDS, help_text, usage_error

_INSTALLED: list[bool] = []


def install_vietnamese() -> None:
    """Patch typer's parser so that help and usage errors read in Vietnamese (once)."""
    if _INSTALLED:
        return
    _INSTALLED.append(True)
    import typer.core
    from typer._click import exceptions, formatting
    from typer._click.utils import echo

    setattr(typer.core, "_", lambda text: WORDS.get(text, text))  # noqa: B010
    formatter = formatting.HelpFormatter
    write_usage, write_dl, write_text = (
        formatter.write_usage,
        formatter.write_dl,
        formatter.write_text,
    )

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, WORDS["Usage: "] if prefix is None else prefix)

    def definitions(self: Any, rows: Sequence[tuple[str, str]], *more: Any, **named: Any) -> None:
        write_dl(self, [(term, help_text(text)) for term, text in rows], *more, **named)

    def text(self: Any, body: str) -> None:
        write_text(self, help_text(body.strip()))

    def show_usage_error(self: Any, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = HELP_HINT.format(command=ctx.command_path, option=ctx.help_option_names[0])
            echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None, color=ctx.color)
        echo(f"{ERROR_PREFIX}{usage_error(self.format_message())}", file=file, err=file is None)

    def show_error(self: Any, file: IO[Any] | None = None) -> None:
        echo(f"{ERROR_PREFIX}{usage_error(self.format_message())}", file=file, err=file is None)

    for owner, name, function in (
        (formatter, "write_usage", usage),
        (formatter, "write_dl", definitions),
        (formatter, "write_text", text),
        (exceptions.UsageError, "show", show_usage_error),
        (exceptions.ClickException, "show", show_error),
    ):
        setattr(owner, name, function)
