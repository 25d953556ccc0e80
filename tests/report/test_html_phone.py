"""The HTML report as a person sees it in Chromium (issue 20): at phone width every figure is on
the screen and whole, chart labels are never clipped, two files of one unit are told apart by a
file column, and the printed page keeps the table with its file column."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ci_needs import missing
from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import Report
from mtqg_cli.report.html.page import render_html

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"
MEASURE = """<script>
window.addEventListener('load', () => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  for (const td of document.querySelectorAll(SELECTOR)) {
    if (td.offsetParent === null || !td.textContent.trim()) continue;
    const box = td.getBoundingClientRect();
    if (td.scrollWidth > td.clientWidth + 1 || box.right > width + 1 || box.left < -1)
      bad.push(td.textContent.trim());
  }
  for (const text of document.querySelectorAll('svg text.label')) {
    const box = text.getBBox();
    if (box.x < -0.5) bad.push('label:' + text.textContent);
  }
  const overflow = document.documentElement.scrollWidth > width + 1;
  document.documentElement.setAttribute('data-check', JSON.stringify({width, bad, overflow}));
});
</script>"""


def chromium() -> str:
    found = next(
        (shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None
    )
    if found is None:
        missing("headless Chromium")
    return found


def run_chromium(page: Path, *args: str, profile: Path) -> str:
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
        f"--user-data-dir={profile}", *args, page.as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def resubmitted(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A district's report sent twice (two files of one unit) and a commune's."""
    folder = tmp_path_factory.mktemp("nop")
    for name in ("bach-thong-lan-1.xlsx", "bach-thong-lan-2-sua-lai.xlsx"):
        shutil.copy(FAULTY, folder / name)
    shutil.copy(SAMPLES / "xa-mau-nghin-dong.xlsx", folder)
    return reconcile_paths([folder], Options())


def measured(report: Report, folder: Path, width: int) -> dict[str, object]:
    """What the measuring script found: figures cut or off-screen, labels clipped. Below 900 px
    every table is a stack of cards; wider, the overview and the findings must fit the screen
    (the summary, with a column per capital type, may scroll sideways)."""
    html = render_html(report)
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page = folder / f"bao-cao-{width}.html"
    selector = "td.num" if width <= 900 else "#bang-tong-quan td.num, #bang-sai-lech td.num"
    script = MEASURE.replace("SELECTOR", repr(selector))
    page.write_text(html.replace("</body>", script + "</body>"), "utf-8")
    dom = run_chromium(page, f"--window-size={width},3000", "--dump-dom", profile=folder / "p")
    found = re.search(r'data-check="([^"]*)"', dom)
    assert found is not None, "the measuring script did not run"
    return dict(json.loads(found.group(1).replace("&quot;", '"')))


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_every_figure_is_whole_and_on_screen(
    resubmitted: Report, tmp_path: Path, width: int
) -> None:
    check = measured(resubmitted, tmp_path, width)
    assert check["bad"] == [], check
    assert check["overflow"] is False, f"the page is wider than {width} px"


def test_chart_labels_are_not_clipped(tmp_path: Path) -> None:
    report = reconcile_paths([FAULTY], Options())
    check = measured(report, tmp_path, 1280)
    assert not [b for b in check["bad"] if str(b).startswith("label:")], check  # type: ignore[union-attr]


def test_findings_name_the_file(resubmitted: Report) -> None:
    html = render_html(resubmitted)
    head = re.search(r'<table id="bang-sai-lech".*?</thead>', html, re.S)
    assert head is not None and ">Đơn vị / tệp<" in head.group(0)
    # every finding of both files, and the DUPLICATE_UNIT of the one the other resubmits
    assert html.count('data-label="Đơn vị / tệp"') == 33
    names = re.findall(r'<div class="sub file">([^<]*)</div>', html)
    assert sorted(set(names)) == ["bach-thong-lan-1.xlsx", "bach-thong-lan-2-sua-lai.xlsx"]


def test_a_phone_screenshot_and_the_printed_page(resubmitted: Report, tmp_path: Path) -> None:
    page = tmp_path / "bao-cao.html"
    page.write_text(render_html(resubmitted), "utf-8")
    shot = tmp_path / "dien-thoai.png"
    run_chromium(page, "--window-size=390,2400", f"--screenshot={shot}", profile=tmp_path / "p1")
    assert shot.stat().st_size > 30_000
    pdf = tmp_path / "bao-cao.pdf"
    run_chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", profile=tmp_path / "p2")
    if shutil.which("pdftotext") is None:
        missing("pdftotext (poppler-utils)")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "bach-thong-lan-2-sua-lai.xlsx" in text and "345.244.000,000" in text
    assert "TỔNG CỘNG" in text
    row = next(line for line in text.splitlines() if "SUM_MISMATCH" in line)
    assert re.search(r"SUM_MISMATCH\s+\S.*\s\d", row), row  # printed as a table row, not a card
