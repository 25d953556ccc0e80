"""The shared vocabulary: amount fields, severities, units and the fast assembly of models."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel

# --------------------------------------------------------------------------- fields
GROUPS: tuple[str, ...] = ("plan", "carried_over", "allocated", "unallocated", "disbursed")
MONEY_GROUPS: tuple[str, ...] = ("plan", "carried_over", "allocated", "disbursed")
"""The groups a summary entry carries as a triple (unallocated is one figure, worked out)."""

STATUSES: tuple[str, ...] = ("ok", "findings", "error")
"""A file's status in the report: passed, with findings, unreadable."""

TOTAL = "TOTAL"
"""The project code of the grand-total line of a summary, a consolidation or a comparison."""
TOTAL_NAME = "Tổng cộng"
"""The name of that line where the form gives none (data of the report, in every language)."""
"""Amount groups of a form, in the order they usually appear."""

KINDS: tuple[str, ...] = ("total", "dtpt", "sn")
"""Capital types of an amount group: total, investment (ĐTPT), recurrent (SN)."""

AMOUNT_FIELDS: tuple[str, ...] = tuple(f"{g}.{k}" for g in GROUPS for k in KINDS)
RATE_FIELDS: tuple[str, ...] = tuple(f"rate.{k}" for k in KINDS)
TEXT_FIELDS: tuple[str, ...] = ("stt", "name", "reason")


class Severity(str, Enum):
    """How serious a finding is; ordered error > warning > info."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


_UNIT_SIZES = {"dong": 1, "nghin_dong": 1_000, "trieu_dong": 1_000_000, "ty_dong": 10**9}


class Unit(str, Enum):
    """Units amounts may be declared in, with their size in đồng."""

    dong = "dong"
    nghin_dong = "nghin_dong"
    trieu_dong = "trieu_dong"
    ty_dong = "ty_dong"

    @property
    def size(self) -> int:
        """How many đồng one unit is."""
        return _UNIT_SIZES[self.value]

    @property
    def decimals(self) -> int:
        """The decimals an amount in this unit is shown with (a form's precision)."""
        return UNIT_DECIMALS[self]

    @classmethod
    def named(cls, name: str | None) -> Unit:
        """The unit a report names (`FileReport.unit`); triệu đồng where it names none it knows."""
        try:
            return cls(name) if name else cls.trieu_dong
        except ValueError:
            return cls.trieu_dong


UNIT_DECIMALS = {Unit.dong: 0, Unit.nghin_dong: 0, Unit.trieu_dong: 3, Unit.ty_dong: 6}
"""The decimals amounts in each unit are shown with, and the precision a form keeps."""


UNIT_FACTORS: tuple[int, ...] = (1_000_000, 1_000)
"""How much too large a figure typed in đồng (or nghìn đồng) is in a triệu-đồng sheet."""


def slip_factor(typed: int, right: int | float) -> int:
    """The factor a figure typed in the wrong unit is off by: the one nearest typed / right."""
    return min(UNIT_FACTORS, key=lambda factor: abs(typed / right - factor))


ModelT = TypeVar("ModelT", bound=BaseModel)
_new = object.__new__
_SET_DICT, _SET_FIELDS, _SET_EXTRA, _SET_PRIVATE = (
    BaseModel.__dict__[name].__set__
    for name in (
        "__dict__",
        "__pydantic_fields_set__",
        "__pydantic_extra__",
        "__pydantic_private__",
    )
)
"""The setters of a model's four slots (`__dict__`, the fields set, extra and private values),
looked up once rather than by name on every `object.__setattr__` of `assemble`."""


def assemble(
    cls: type[ModelT], values: dict[str, Any], given: tuple[str, ...] | None = None
) -> ModelT:
    """A model from values already checked, every field given (or only those named `given`):
    what `model_construct` does, without its per-field loop (the summary of a big sheet builds
    about 100,000 of them, and a batch's parent unpickles its workers' reports with it)."""
    model = _new(cls)
    _SET_DICT(model, values)
    _SET_FIELDS(model, (_ALL_FIELDS.get(cls) or _all_fields(cls)) if given is None else set(given))
    _SET_EXTRA(model, None)
    _SET_PRIVATE(model, None)
    return model


_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


def _all_fields(cls: type[BaseModel]) -> set[str]:
    """Every field of a model, shared by all its assembled instances: setting a field adds a
    name already there, so the set never changes."""
    return _ALL_FIELDS.setdefault(cls, set(cls.model_fields))
