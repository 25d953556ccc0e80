"""What the file, batch and comparison views share: the view's words and unit, the verdict line."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from mtqg_cli.model.report import Finding
from mtqg_cli.model.vocabulary import Severity, Unit
from mtqg_cli.render.findings_view import FindingsView, cascade_words
from mtqg_cli.report.finding_order import cascade_counts, has_causes

STATUS_STYLE = {"ok": "green", "findings": "bold red", "error": "bold red", "blank": "bold yellow"}


@dataclass(frozen=True)
class View(FindingsView):
    """What every part of a file's rendering needs: labels, language and display unit."""

    def unit_name(self, unit: str | Unit | None) -> str:
        value = unit.value if isinstance(unit, Unit) else unit
        return self.labels.get(f"unit.{value}", value or "")


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def verdict(findings: list[Finding], view: View) -> Text:
    """The closing line: findings counted by severity (and causes), accepted ones apart."""
    open_findings = [f for f in findings if not f.accepted]
    counts = {s: sum(1 for f in open_findings if Severity(f.severity) is s) for s in Severity}
    parts = [
        view.labels[f"count.{s.value}"].format(n=n, s="" if n == 1 else "s")
        for s, n in counts.items()
    ]
    if has_causes(findings):
        parts[0] += f" ({cascade_words(cascade_counts(findings), view.labels)})"
    accepted = len(findings) - len(open_findings)
    if accepted:
        parts.append(view.labels["count.accepted"].format(n=accepted))
    text = Text(f"{view.labels['verdict']}: ", style="bold")
    style = "red" if counts[Severity.error] else "yellow" if counts[Severity.warning] else "green"
    text.append(", ".join(parts), style=f"bold {style}")
    return text
