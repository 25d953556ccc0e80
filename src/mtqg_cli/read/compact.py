"""A worker's answer pickled compactly: each pydantic model as its class and field values, rebuilt without __setstate__.

A batch's worker sends back one file's report (a FileReport of some 200 models: a summary
entry holds five Triples). pydantic pickles each model as a state of four slots (its values,
the set of the fields given, extra and private values) rebuilt by `BaseModel.__setstate__`:
unpickling the reports was the parent's largest cost per file. Here a model whose extra and
private values are empty (the report's all are) is pickled as its class and values only, the
fields given as well when they are not all of them, and rebuilt by setting its slots directly
with `model.vocabulary.assemble`, as the summary's models are built. Anything else is pickled as
usual.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from pydantic import BaseModel

from mtqg_cli.model.vocabulary import assemble

_FIELDS: dict[type, set[str] | None] = {}
"""Every field of each model class met (None for a class that is not a model)."""


def _fields(cls: type) -> set[str] | None:
    fields = set(cls.__pydantic_fields__) if issubclass(cls, BaseModel) else None
    return _FIELDS.setdefault(cls, fields)


class CompactPickler(pickle.Pickler):
    """A pickler writing models as `assemble` calls (their fields given, where not all)."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        fields = _FIELDS[cls] if cls in _FIELDS else _fields(cls)
        if fields is None or obj.__pydantic_extra__ is not None:
            return NotImplemented
        if obj.__pydantic_private__ is not None:
            return NotImplemented
        given = obj.__pydantic_fields_set__
        if given == fields:
            return assemble, (cls, obj.__dict__)
        return assemble, (cls, obj.__dict__, tuple(sorted(given)))


def dumps(answer: Any) -> bytes:
    """`answer` pickled, its models compactly (`pickle.loads` reads it back)."""
    buffer = io.BytesIO()
    CompactPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(answer)
    return buffer.getvalue()
