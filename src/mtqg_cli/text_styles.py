"""The number style each table of a workbook is read in: its own text numbers', else the whole
workbook's (a table of few or only ambiguous text numbers, "209,861", reads as the others)."""

from __future__ import annotations

from mtqg_cli.extract import amount_texts
from mtqg_cli.layout import Layout
from mtqg_cli.numbers import style_evidence, text_style
from mtqg_cli.readers import RawSheet


def table_styles(tables: list[tuple[RawSheet, Layout]], style: str = "vi") -> list[str]:
    """The style to read each table with: the one asked for when it is not the default; else
    English for the tables whose texts lean no way of their own, when the workbook's do."""
    if style != "vi" or len(tables) < 2:
        return [style] * len(tables)
    texts = [amount_texts(sheet, layout) for sheet, layout in tables]
    if text_style([text for table in texts for text in table], style) == style:
        return [style] * len(tables)
    return [style if _leans_vietnamese(table) else "en" for table in texts]


def _leans_vietnamese(texts: list[str]) -> bool:
    english, vietnamese = style_evidence(texts)
    return vietnamese > english
