"""The configuration (`mtqg.toml`, or `[tool.mtqg]` in `pyproject.toml`) and the waivers file.

Found from the working folder upwards, or named with `--config`; validated with pydantic, a bad
key or value being a `UsageError` that names the file and the line (exit code 2). Every setting
is the default of a command-line option: the command line always wins.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from mtqg_cli.config.errors import describe_errors, syntax_line
from mtqg_cli.files import protect
from mtqg_cli.model.errors import UsageError
from mtqg_cli.model.patterns import has_glob
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, RATE_FIELDS, TEXT_FIELDS

CONFIG_NAME = "mtqg.toml"
PYPROJECT = "pyproject.toml"
WAIVERS_NAME = "mtqg-waivers.toml"
BASELINE_NAME = "mtqg-baseline.json"

UnitName = Literal["trieu", "nghin", "dong", "ty"]
RuleSetting = Literal["off", "error", "warning", "info"]
KNOWN_COLUMNS = frozenset((*AMOUNT_FIELDS, *RATE_FIELDS, *TEXT_FIELDS))
_M = TypeVar("_M", bound=BaseModel)


def _rule_codes() -> dict[str, object]:
    from mtqg_cli.check.rules import REGISTRY

    return dict(REGISTRY)


def _known_rule(code: str) -> str:
    upper = code.strip().upper()
    if upper not in _rule_codes():
        raise PydanticCustomError("unknown_rule", "unknown rule code {code}", {"code": code})
    return upper


class Waiver(BaseModel):
    """One accepted discrepancy: which findings it covers, why, who accepted it, until when."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    file: str = Field(min_length=1, description="Glob of the files (`**` crosses folders)")
    rule: str = Field(description="Rule code, e.g. SUM_MISMATCH")
    project: str | None = Field(default=None, description="Project code or glob, e.g. DA5.TDA*")
    column: str | None = Field(default=None, description="Field or glob, e.g. plan.sn or plan.*")
    sheet: str | None = Field(default=None, description="Sheet name or glob")
    unit: str | None = Field(default=None, description="Section (unit) of a consolidated sheet")
    reason: str = Field(min_length=1)
    accepted_by: str = Field(min_length=1)
    expires: date | None = Field(default=None, description="Last day the waiver holds")

    @field_validator("rule")
    @classmethod
    def _rule(cls, value: str) -> str:
        return _known_rule(value)

    @field_validator("column")
    @classmethod
    def _column(cls, value: str | None) -> str | None:
        if value is None or has_glob(value) or value.lower() in KNOWN_COLUMNS:
            return value.lower() if value else value
        raise PydanticCustomError("unknown_column", "unknown column {column}", {"column": value})


class Config(BaseModel):
    """What `mtqg.toml` (or `[tool.mtqg]`) may say."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    unit: UnitName | None = Field(default=None, description="Like --unit: overrides unit lines")
    default_unit: UnitName | None = Field(
        default=None, description="Unit of a sheet with no unit line (instead of triệu đồng)"
    )
    tolerance: Annotated[StrictInt, Field(ge=0)] | None = None
    rate_tolerance: Annotated[float, Field(ge=0, le=100)] | None = None
    fail_on: Literal["error", "warning", "never"] | None = None
    sheets: list[str] | None = Field(default=None, description="Names or globs of sheets to read")
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    waivers: list[Waiver] = Field(default_factory=list)
    waivers_file: str | None = None
    baseline: str | None = None
    layout: dict[str, Any] | None = Field(
        default=None, description="Pinned layout, as in a --layout file (checked by pinning.py)"
    )
    against: dict[str, Any] | None = Field(
        default=None, description="[against.mapping], read by `--mapping mtqg.toml`"
    )

    @field_validator("rules")
    @classmethod
    def _rules(cls, value: dict[str, str]) -> dict[str, str]:
        return {_known_rule(code): setting for code, setting in value.items()}

    @field_validator("tolerance", mode="before")
    @classmethod
    def _tolerance(cls, value: object) -> object:
        return _typed(value, "tolerance", amount=True)

    @field_validator("rate_tolerance", mode="before")
    @classmethod
    def _rate_tolerance(cls, value: object) -> object:
        return _typed(value, "rate_tolerance", amount=False)

    @field_validator("sheets", mode="before")
    @classmethod
    def _sheets(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


def _typed(value: object, key: str, *, amount: bool) -> object:
    """A tolerance written as text ("1.000", "0,5") read the way the tables show figures."""
    if not isinstance(value, str):
        return value
    from mtqg_cli.config.option_values import read_dong, read_percent
    from mtqg_cli.model.errors import UsageError

    try:
        return read_dong(value, key) if amount else read_percent(value, key)
    except UsageError:
        kind = "amount_text" if amount else "rate_text"
        raise PydanticCustomError(kind, "cannot read {value}", {"value": value}) from None


class WaiversFile(BaseModel):
    """What `mtqg-waivers.toml` may say: a list of `[[waivers]]`."""

    model_config = ConfigDict(extra="forbid")

    waivers: list[Waiver] = Field(default_factory=list)


@dataclass(frozen=True)
class PlacedWaiver:
    """A waiver with where it is written (for reports) and the folder its file globs start from."""

    waiver: Waiver
    path: Path
    line: int | None
    root: Path

    @property
    def source(self) -> str:
        return f"{_shown(self.path)}:{self.line}" if self.line else _shown(self.path)


@dataclass(frozen=True)
class LoadedConfig:
    """The configuration in force: its file (if any), its settings and every waiver read."""

    path: Path | None
    settings: Config
    root: Path
    waivers: list[PlacedWaiver] = field(default_factory=list)

    def baseline_path(self) -> Path | None:
        """The baseline the configuration names, relative to its folder."""
        return self.root / self.settings.baseline if self.settings.baseline else None


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def load_config(
    config: Path | None = None,
    waivers: Path | None = None,
    *,
    cwd: Path | None = None,
    lang: str = "vi",
) -> LoadedConfig:
    """The configuration named (or found from `cwd` upwards) and its waivers, validated."""
    cwd = cwd or Path.cwd()
    found_dir: Path | None = None
    if config is not None:
        if not config.is_file():
            raise UsageError("config_missing", path=str(config))
        path: Path | None = config
    else:
        path, found_dir = discover(cwd)
    settings, inline = (Config(), []) if path is None else _read_config(path, lang)
    root = path.resolve().parent if path is not None else (found_dir or cwd).resolve()
    placed = [PlacedWaiver(w, path, line, root) for w, line in inline] if path else []
    waivers_path = _waivers_path(waivers, settings, root)
    if waivers_path is not None:
        placed.extend(
            PlacedWaiver(w, waivers_path, line, waivers_path.resolve().parent)
            for w, line in read_waivers(waivers_path, lang)
        )
    return LoadedConfig(path, settings, root, placed)


def discover(start: Path) -> tuple[Path | None, Path | None]:
    """The nearest configuration from `start` upwards, and the folder it was found in (a folder
    holding only a waivers file counts too: its config is then None)."""
    for folder in [start.resolve(), *start.resolve().parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate, folder
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject, folder
        if (folder / WAIVERS_NAME).is_file():
            return None, folder
    return None, None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "tool.mtqg" in text


def _waivers_path(explicit: Path | None, settings: Config, root: Path) -> Path | None:
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError("waivers_missing", path=str(explicit))
        return explicit
    if settings.waivers_file:
        named = root / settings.waivers_file
        if not named.is_file():
            raise UsageError("waivers_missing", path=str(named))
        return named
    default = root / WAIVERS_NAME
    return default if default.is_file() else None


def _parse(path: Path, lang: str) -> tuple[str, dict[str, Any]]:
    protect(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("config_unreadable", path=_shown(path), reason=str(exc)) from exc
    try:
        return text, tomllib.loads(text)
    except RecursionError:  # tables or arrays nested thousands deep
        raise UsageError(
            "config_syntax", path=_shown(path), line="?", reason="nested too deep"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        line, reason = syntax_line(exc)
        raise UsageError("config_syntax", path=_shown(path), line=line, reason=reason) from exc


def _read_config(path: Path, lang: str) -> tuple[Config, list[tuple[Waiver, int | None]]]:
    text, document = _parse(path, lang)
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        prefix = ("tool", "mtqg")
        section = document.get("tool", {}).get("mtqg")
        if not isinstance(section, dict):
            raise UsageError("config_no_section", path=_shown(path))
        document = section
    settings = _validate(Config, document, text, path, prefix, lang)
    return settings, _with_lines(settings.waivers, text, (*prefix, "waivers"))


def read_waivers(path: Path, lang: str = "vi") -> list[tuple[Waiver, int | None]]:
    """The waivers of a waivers file, each with the line its `[[waivers]]` starts on."""
    text, document = _parse(path, lang)
    parsed = _validate(WaiversFile, document, text, path, (), lang)
    return _with_lines(parsed.waivers, text, ("waivers",))


def _validate(
    model: type[_M],
    document: dict[str, Any],
    text: str,
    path: Path,
    prefix: tuple[str, ...],
    lang: str,
) -> _M:
    try:
        return model.model_validate(document)
    except ValidationError as exc:

        def keys_of(table: tuple[str | int, ...]) -> list[str]:
            fields = Waiver.model_fields if "waivers" in table else model.model_fields
            return list(fields)

        details = describe_errors(exc, text, prefix, lang, keys_of)
        raise UsageError("config_invalid", path=_shown(path), details=details) from exc


def _with_lines(
    waivers: list[Waiver], text: str, table: tuple[str, ...]
) -> list[tuple[Waiver, int | None]]:
    from mtqg_cli.config.errors import key_lines

    lines = key_lines(text)
    return [(w, lines.get((*table, index))) for index, w in enumerate(waivers)]
