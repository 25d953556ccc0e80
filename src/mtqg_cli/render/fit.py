"""Tables whose figures are never cut: text columns wrap first, else each row is a block."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Column
from rich.text import Text

from mtqg_cli.render.findings_view import findings_frame

TEXT_FLOOR = 10
"""Narrowest a wrapping text column may be before the rows are printed as blocks."""


@dataclass
class FigureTable:
    """Rows of text columns then figure columns; `figures` marks which columns hold figures."""

    title: str
    headers: list[str]
    figures: frozenset[int]
    caption: str | None = None
    keep: frozenset[int] = frozenset()
    """Text columns narrowed only once the others are at TEXT_FLOOR (a file's name)."""
    rows: list[list[Text]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)

    def add_row(self, *cells: str | Text, style: str = "") -> None:
        self.rows.append([c if isinstance(c, Text) else Text(c) for c in cells])
        self.styles.append(style)

    def renderable(self, width: int) -> RenderableType:
        """A table when the figures fit `width` whole, else one block per row."""
        for roomy in (True, False):  # headers of figures on one line if the width allows
            natural = [
                _natural(h, [r[i] for r in self.rows], roomy and i in self.figures)
                for i, h in enumerate(self.headers)
            ]
            text_widths = _share(natural, self.figures, self.keep, width)
            if text_widths is not None:
                break
        else:
            return self._blocks()
        columns = []
        for index, header in enumerate(self.headers):
            if index in self.figures:
                columns.append(Column(header, justify="right", width=natural[index]))
            else:
                columns.append(Column(header, width=text_widths[index], overflow="fold"))
        table = findings_frame(self.title, columns)
        table.caption = self.caption
        for row, style in zip(self.rows, self.styles, strict=True):
            table.add_row(*row, style=style)
        return table

    def _blocks(self) -> Group:
        parts: list[RenderableType] = [Text(self.title, style="bold")]
        label_width = max((cell_len(h) for h in self.headers), default=0) + 1
        for row, style in zip(self.rows, self.styles, strict=True):
            title = " — ".join(c.plain for i, c in enumerate(row) if i not in self.figures and c)
            lines = [Text(title, style=f"bold {style}".strip())]
            for index in sorted(self.figures):
                if row[index].plain:
                    label = f"{self.headers[index] + ':':<{label_width}}"
                    lines.append(Text(f"  {label} {row[index].plain}"))
            parts.append(Padding(Group(*lines), (1, 0, 0, 0)))
        if self.caption:
            parts.append(Text(self.caption, style="dim"))
        return Group(*parts)


def _natural(header: str, cells: Sequence[Text], whole_header: bool) -> int:
    lines = [cell_len(line) for cell in cells for line in cell.plain.split("\n")]
    heads = [header] if whole_header else header.split()
    return max([*(cell_len(word) for word in heads), *lines, 1])


def _share(
    natural: list[int], figures: frozenset[int], keep: frozenset[int], width: int
) -> dict[int, int] | None:
    """Widths of the text columns once the figure columns have theirs, or None if too narrow."""
    texts = [i for i in range(len(natural)) if i not in figures]
    left = width - sum(w + 3 for i, w in enumerate(natural) if i in figures) - 1
    left -= 3 * len(texts)
    if texts and left < TEXT_FLOOR * len(texts):
        return None
    widths = {i: natural[i] for i in texts}
    while sum(widths.values()) > left:  # narrow the widest text column, one character at a time
        others = [i for i in widths if i not in keep and widths[i] > TEXT_FLOOR]
        widest = max(others or widths, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths
