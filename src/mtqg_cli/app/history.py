"""Read the history: each unit's rate per project and quarter, from the store named or the
default one; reading never creates a store."""

from __future__ import annotations

from mtqg_cli.model.errors import UsageError
from mtqg_cli.store.history import History, default_store, load_history, open_store


def read_history(
    store: str | None,
    *,
    unit: str | None = None,
    project: str | None = None,
    kind: str = "total",
    last: int | None = 20,
) -> History:
    """The rows of the history `store` (else the default one), filtered; empty when the
    default store does not exist yet; `last`: the figures of the last N runs (None: all)."""
    target = store or default_store()
    if target is None or store_missing(target, asked=store is not None):
        return History([], [], kind)
    opened = open_store(target)
    try:
        return load_history(opened, unit=unit, project=project, kind=kind, last=last)
    finally:
        opened.close()


def store_missing(target: str, *, asked: bool) -> bool:
    """Whether the history file to read does not exist: reading never creates one. Named on
    the command line, that is an error; the default store is simply empty until the first run."""
    from mtqg_cli.store.sqlite import sqlite_path

    path = sqlite_path(target)
    if path is None or path.exists():
        return False
    if asked:
        raise UsageError("store_missing", store=target)
    return True
