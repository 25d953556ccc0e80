"""Where the history store is: MTQG_STORE, its off words, the user data folder; no SQLAlchemy."""

from __future__ import annotations

import os

ENV_STORE = "MTQG_STORE"
OFF_WORDS = frozenset({"off", "none", "no", "0", "false"})


def default_store() -> str | None:
    """The store used without --store: $MTQG_STORE, else the user's data folder; None: off."""
    value = os.environ.get(ENV_STORE)
    if value is not None:
        return None if value.strip().lower() in OFF_WORDS or not value.strip() else value
    import platformdirs

    return str(platformdirs.user_data_path("mtqg", appauthor=False) / "history.sqlite")
