"""The programme's catalog of projects, sub-projects and contents, loaded from package data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from mtqg_cli.model.text import clean, fold

SHORT_WORD = 5
"""A one-word keyword shorter than this, typed without diacritics, matches too much to count."""


@dataclass(frozen=True)
class CatalogItem:
    """One project (DA4), sub-project (DA4.TDA1) or content (DA1.ND2) of the programme."""

    code: str
    name: str
    keywords: tuple[str, ...]

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


@dataclass(frozen=True)
class Catalog:
    """All items by code, with lookups the hierarchy needs."""

    items: dict[str, CatalogItem]

    def get(self, code: str) -> CatalogItem | None:
        return self.items.get(code)

    def children(self, code: str) -> list[CatalogItem]:
        return list(self._by_parent.get(code, ()))

    def projects(self) -> list[CatalogItem]:
        return list(self._by_parent.get(None, ()))

    @cached_property
    def _by_parent(self) -> dict[str | None, tuple[CatalogItem, ...]]:
        """Items grouped by parent code, in catalog order: the tree is asked for a line's
        children at every line of every form, so the grouping is done once."""
        groups: dict[str | None, list[CatalogItem]] = {}
        for item in self.items.values():
            groups.setdefault(item.parent_code, []).append(item)
        return {parent: tuple(items) for parent, items in groups.items()}

    def match_keywords(self, parent_code: str, name: str) -> str | None:
        """The child of `parent_code` whose keywords occur in `name`, when exactly one does."""
        hits = [
            child.code
            for child in self.children(parent_code)
            if any(_has_phrase(name, k) for k in child.keywords)
        ]
        return hits[0] if len(hits) == 1 else None


def _has_phrase(name: str, phrase: str) -> bool:
    """Whole-word phrase match; diacritics count unless the name was typed without any."""
    text = clean(name).lower()
    if text.isascii():
        text, phrase = fold(text), fold(phrase)
        if " " not in phrase and len(phrase) < SHORT_WORD:
            return False  # "chợ" without its marks is "cho", a word of every sentence
    return re.search(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", text) is not None


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The catalog shipped in `mtqg_cli/data/catalog.json`."""
    raw = json.loads(resources.files("mtqg_cli").joinpath("data/catalog.json").read_text("utf-8"))
    items = {
        entry["code"]: CatalogItem(entry["code"], entry["name"], tuple(entry.get("keywords", ())))
        for entry in raw["items"]
    }
    return Catalog(items)
