"""What the tables of a batch say beside a figure: why a file's figure is not its stated
total, why it is not counted, which figures were corrected for a unit slip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mtqg_cli.model.report import Consolidation, FileFigures, FileReport
from mtqg_cli.words.messages import batch_words, field_label

Amount = Callable[[int | None], str]
"""How an amount in đồng is shown (the table's unit, the language's style)."""


def figures_of(consolidated: Consolidation | None, file: FileReport) -> FileFigures | None:
    """The file's one figure of the batch, None outside a batch (or for an unread file)."""
    if consolidated is None:
        return None
    return next((f for f in consolidated.files if f.path == file.path), None)


def file_notes(
    consolidated: Consolidation, figures: FileFigures, lang: str, amount: Amount
) -> list[str]:
    """Why this file's figure is what it is, where there is something to say."""
    notes = []
    if figures.stated_plan is not None:
        notes.append(batch_words("stated_plan", lang, amount=amount(figures.stated_plan)))
    if figures.stated_disbursed is not None:
        notes.append(batch_words("stated_disbursed", lang, amount=amount(figures.stated_disbursed)))
    if notes:
        notes.append(batch_words("sum_rule", lang))
    if figures.corrected:
        notes.append(batch_words("corrected", lang, n=figures.corrected))
    if not figures.counted:
        left = next((x for x in consolidated.left_out if x.path == figures.path), None)
        if left is not None:
            notes.append(batch_words("not_counted", lang, kept=Path(left.kept).name))
        else:
            notes.append(batch_words("excluded", lang))
    return notes


def left_out_lines(consolidated: Consolidation, lang: str) -> list[str]:
    """One line per file left out as a resubmission's other copy."""
    return [
        batch_words(
            "left_out_line",
            lang,
            file=Path(item.path).name,
            unit=item.unit,
            kept=Path(item.kept).name,
        )
        for item in consolidated.left_out
    ]


def correction_lines(consolidated: Consolidation, lang: str, amount: Amount) -> list[str]:
    """One line per figure flagged UNIT_SUSPECT that entered the consolidation divided."""
    counted = {f.path for f in consolidated.files if f.counted}
    slipped = {(c.path, c.finding) for c in consolidated.corrections if c.kind == "slip"}
    return [
        batch_words(
            "correction_line",
            lang,
            field=field_label(item.field, lang),
            project=item.project,
            unit=item.unit,
            file=Path(item.path).name,
            typed=amount(item.typed),
            entered=amount(item.entered),
            factor=f"{item.factor:,}".replace(",", "," if lang == "en" else "."),
        )
        for item in consolidated.corrections
        if item.path in counted
        and (item.kind == "slip" or (item.path, item.finding) not in slipped)
    ]  # a line with no code of its own: the lines that added it in


def consolidation_notes(consolidated: Consolidation, lang: str, amount: Amount) -> list[str]:
    """Under the consolidated table: files left out as resubmissions, figures entered
    corrected, and what the mark on a corrected figure means."""
    lines = left_out_lines(consolidated, lang) + correction_lines(consolidated, lang, amount)
    if any(line.corrected for line in consolidated.lines):
        lines.append(batch_words("mark_corrected", lang))
    return lines
