"""The HTML report's templates: found in the installed package, every value escaped by the engine
(hostile text from a submission included), drawn from a view-model that holds the page's figures."""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
import tomllib
from collections import Counter
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Finding, Report
from mtqg_cli.report.html.engine import TEMPLATES, environment, render
from mtqg_cli.report.html.page import page_view, render_html
from mtqg_cli.report.html.view import Cell, Column, Row, Table

ROOT = Path(__file__).resolve().parents[2]
FAULTY = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"
HOSTILE = '"onload="alert(1)" x=\'<script>alert(2)</script>&\x1b[2J'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def template_names() -> list[str]:
    folder = resources.files("mtqg_cli").joinpath(*TEMPLATES)
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".j2"))


def test_the_engine_escapes_text_and_attributes_as_the_page_always_did() -> None:
    out = environment().from_string('<p title="{{ v }}">{{ v }}</p>').render(v=HOSTILE)
    escaped = "&quot;onload=&quot;alert(1)&quot; x=&#x27;&lt;script&gt;alert(2)&lt;/script&gt;&amp;"
    assert out == f'<p title="{escaped}\ufffd[2J">{escaped}\ufffd[2J</p>'
    assert environment().from_string("{{ v }}").render(v=None) == ""


def test_a_hostile_table_cell_arrives_escaped_in_its_text_heading_tooltip_and_sort_key() -> None:
    table = Table(
        HOSTILE,
        [Column(HOSTILE, "num")],
        [Row([Cell(HOSTILE, HOSTILE, title=HOSTILE, sort=HOSTILE)], HOSTILE), Row(section=HOSTILE)],
        caption=HOSTILE,
    )
    out = environment().from_string('{% from "parts.html.j2" import table %}{{ table(t) }}')
    html = out.render(t=table)
    assert "<script>" not in html and "\x1b" not in html
    assert all(not name.startswith("onload") for _, attrs in tags(html) for name in attrs)
    cells = [attrs for tag, attrs in tags(html) if tag == "td"]
    assert cells == [
        {"data-label": HOSTILE[:-4] + "\ufffd[2J", "class": HOSTILE[:-4] + "\ufffd[2J"}
        | {"title": HOSTILE[:-4] + "\ufffd[2J", "data-v": HOSTILE[:-4] + "\ufffd[2J"}
    ]


def test_a_hostile_finding_cannot_add_an_attribute_or_a_script_to_the_page() -> None:
    finding = Finding(
        rule=HOSTILE, severity="error", sheet=HOSTILE, cell=HOSTILE, project=HOSTILE,
        message=HOSTILE, unit=HOSTILE, expected=1, actual=2, difference=1,
    )  # fmt: skip
    files = [
        FileReport(path=f"{HOSTILE}/a.xlsx", status="findings", findings=[finding]),
        FileReport(path=HOSTILE, status="error", error=HOSTILE, reporting_unit=HOSTILE),
    ]
    html = render_html(Report(version="1", files=files), "en")
    assert [tag for tag, _ in tags(html)].count("script") == 1  # the page's own
    assert not [name for _, attrs in tags(html) for name in attrs if name.startswith("on")]
    rows = [attrs for tag, attrs in tags(html) if tag == "tr" and "data-rule" in attrs]
    assert [r["data-rule"] for r in rows] == [HOSTILE.replace("\x1b", "\ufffd")]
    assert "\x1b" not in html and "<script>alert" not in html


def test_the_templates_come_from_the_installed_package_and_ship_in_the_wheel() -> None:
    names = template_names()
    assert {"page.html.j2", "parts.html.j2", "chart.svg.j2"} <= set(names)
    for name in names:  # each one compiles, and what it imports is there
        environment().get_template(name)
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["mtqg_cli"]
    for name in names:
        assert any(fnmatch.fnmatch(f"data/html/{name}", glob) for glob in globs), name
    with pytest.raises(FileNotFoundError):
        render("no-such-template.html.j2")


def test_the_view_model_holds_the_figures_the_page_shows() -> None:
    report = reconcile_paths([FAULTY], Options())
    view = page_view(report)
    html = render_html(report)
    file = report.files[0]
    severities = Counter(str(f.severity) for f in file.findings)
    cards = {card.kind: card.count for card in view.cards}
    assert cards["files"] == 1 and cards["findings"] == 1
    assert (cards["error"], cards["warning"]) == (severities["error"], severities["warning"])
    assert view.findings.table is not None
    assert len(view.findings.table.rows) == len(file.findings)
    assert [r.rule for r in view.findings.table.rows] == re.findall(r'data-rule="([^"]+)"', html)
    total = view.overview.rows[0].cells
    plan = next(e for e in file.summary if e.project == "TOTAL").plan.total
    assert total[6].sort == plan and f'data-v="{plan}">{total[6].text}</td>' in html
    assert view.charts.none is None and view.charts.charts
    for chart in view.charts.charts:
        assert f'id="{chart.id}"' in html
        assert len(chart.bars) == html.split(f'id="{chart.id}"')[1].split("</svg>")[0].count("<g ")


def test_showing_help_does_not_load_the_template_engine() -> None:
    code = (
        "import sys\nfrom mtqg_cli.cli import main\nsys.argv = ['mtqg', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import mtqg_cli.report.html.page\n"
        "print('jinja2' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().endswith("False")
