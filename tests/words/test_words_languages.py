"""words/: every table says the same things in Vietnamese and English, and imports nothing else
of the project."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import Any

import pytest

import mtqg_cli.words

WORDS = Path(mtqg_cli.words.__file__).parent
MODULES = sorted(p.stem for p in WORDS.glob("*.py") if p.stem != "__init__")


def keys(table: Any, path: str = "") -> set[str]:
    """Every key path of a nested table ('rate_base.True')."""
    if not isinstance(table, dict):
        return set()
    found = set()
    for key, value in table.items():
        here = f"{path}.{key}" if path else str(key)
        found |= {here} | keys(value, here)
    return found


def language_tables(module: object) -> dict[str, dict[str, Any]]:
    return {
        name: value
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, dict) and {"vi", "en"} <= set(value)
    }


@pytest.mark.parametrize("name", MODULES)
def test_words_import_nothing_else_of_the_project(name: str) -> None:
    tree = ast.parse((WORDS / f"{name}.py").read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [
        a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
    ]
    outside = [
        m for m in imported if m.startswith("mtqg_cli") and not m.startswith("mtqg_cli.words")
    ]
    assert outside == []


@pytest.mark.parametrize("name", MODULES)
def test_both_languages_have_the_same_keys(name: str) -> None:
    module = importlib.import_module(f"mtqg_cli.words.{name}")
    for table_name, table in language_tables(module).items():
        assert keys(table["vi"]) == keys(table["en"]), f"{name}.{table_name}"


@pytest.mark.parametrize("name", MODULES)
def test_no_word_is_left_empty(name: str) -> None:
    module = importlib.import_module(f"mtqg_cli.words.{name}")
    for table_name, table in language_tables(module).items():
        for lang in ("vi", "en"):
            words = table[lang]
            if isinstance(words, dict):
                assert all(v != "" for v in words.values()), f"{name}.{table_name}.{lang}"


def test_the_moved_tables_have_both_languages() -> None:
    moved = {
        "inspect": "WORDS", "compare": "COMPARE_WORDS", "history": "HISTORY_WORDS",
        "demo": "DEMO_WORDS", "config": "CONFIG_WORDS", "annotate": "SHEET_WORDS",
    }  # fmt: skip
    for name, table in moved.items():
        module = importlib.import_module(f"mtqg_cli.words.{name}")
        assert table in language_tables(module), name
