"""The commands' choices and options, declared once: every command spells an option the same.

The enums are the command line's own words (`--unit trieu`, `--fail-on never`), not the
models' (`Unit.trieu_dong`, `Severity`): importing the models would load pydantic before
`mtqg --help` can answer.
"""

# No `from __future__ import annotations`: typer reads these annotations at definition.
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"
    junit = "junit"
    sarif = "sarif"
    github = "github"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


class UnitChoice(str, Enum):
    trieu = "trieu"
    nghin = "nghin"
    dong = "dong"
    ty = "ty"


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class NumberStyle(str, Enum):
    vi = "vi"
    en = "en"


class CompareWhat(str, Enum):
    disbursed = "disbursed"
    plan = "plan"


class Kind(str, Enum):
    total = "total"
    dtpt = "dtpt"
    sn = "sn"


class ReaderChoice(str, Enum):
    calamine = "calamine"
    openpyxl = "openpyxl"


WidthOption = Annotated[
    int | None, typer.Option("--width", min=60, help="Table width in characters.")
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks of failures.")]
ReaderOption = Annotated[
    ReaderChoice,
    typer.Option(
        "--reader",
        help="How .xlsx/.xlsm are read. openpyxl: the slow reference reader, "
        "for a file the fast reader gets wrong.",
    ),
]
SheetOption = Annotated[str | None, typer.Option("--sheet", help="Read only this sheet.")]
OnlySheetOption = Annotated[str | None, typer.Option("--sheet", help="Only this sheet.")]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of messages.")]
ShortLangOption = Annotated[Lang, typer.Option("--lang", help="Language.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
TableOrJsonOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="table or json.")]
ReportOutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")]
UnitOverrideOption = Annotated[
    UnitChoice | None, typer.Option("--unit", help="Unit of the amounts, overriding the sheet.")
]
LayoutOption = Annotated[
    Path | None,
    typer.Option("--layout", help="TOML file whose [layout] pins header rows, columns, unit."),
]
