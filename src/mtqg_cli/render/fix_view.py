"""What `mtqg fix` tells the person: where the copy is, what it corrected, each cell changed."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from mtqg_cli.model.fix import FixResult
from mtqg_cli.render.fit import FigureTable
from mtqg_cli.words.fix import fix_heads, fix_word

SHOWN = 30
"""Changes listed on the terminal; the «Sửa đổi» sheet lists them all."""


def render_fix(result: FixResult, console: Console, *, lang: str = "vi") -> None:
    """The summary line, then the cells whose value changed (the first SHOWN of them)."""
    sheet = fix_word("sheet", lang)
    summary = fix_word("summary", lang, path=result.output, corrected=result.corrected,
                       formulas=result.formulas, changed=len(result.changes), sheet=sheet)  # fmt: skip
    console.print(Text(summary, style="bold green"), soft_wrap=False)
    if not result.changes:
        console.print(fix_word("nothing", lang))
        return
    table = FigureTable(fix_word("title", lang), fix_heads(lang), frozenset({2, 3}))
    for change in result.changes[:SHOWN]:
        style = "bold" if change.corrected else ""
        table.add_row(change.sheet, change.cell, change.before, change.after, change.why,
                      style=style)  # fmt: skip
    console.print(table.renderable(console.width))
    rest = len(result.changes) - SHOWN
    if rest > 0:
        console.print(fix_word("more", lang, n=rest, sheet=sheet))
