"""The HTML report: one self-contained page, escaped, in Vietnamese or English; rendered by headless
Chromium (screenshot, PDF, no console error, the text it shows, sorting and filtering)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ci_needs import IN_CI, missing
from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Finding, Report, SheetInfo, SummaryEntry, Triple
from mtqg_cli.report.html.page import render_html

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"
CLEAN = SAMPLES / "bach-thong-6-thang-2023.xlsx"
runner = CliRunner()


class _Page(HTMLParser):
    """Elements, attributes and the text a reader sees (not the style sheet or the script)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.blocks: dict[str, list[str]] = {"style": [], "script": []}
        self._inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.blocks:
            self._inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[self._inside[-1]].append(data)
        else:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def faulty_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The discrepancy sample's report, written by the CLI into a folder with spaces and accents."""
    target = tmp_path_factory.mktemp("html") / "báo cáo quý" / "bao-cao.html"
    result = runner.invoke(
        app, ["reconcile", str(FAULTY), "--format", "html", "--output", str(target)]
    )
    assert result.exit_code == 1, result.output  # errors found, as in the other formats
    return target


@pytest.fixture(scope="module")
def faulty_report() -> Report:
    return reconcile_paths([FAULTY], Options())


# --------------------------------------------------------------------------- the page itself
def test_one_self_contained_page(faulty_page: Path) -> None:
    html = faulty_page.read_text("utf-8")
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="vi"' in html
    names = [tag for tag, _ in page.tags]
    assert names.count("style") == names.count("script") == 1
    assert not {"link", "img", "iframe", "object", "embed", "base", "form"} & set(names)
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert (attrs.get("href") or "#").startswith("#"), attrs
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)  # no inline handlers
    assert not re.search(r"https?://|url\(|@import|//cdn", html, re.IGNORECASE)
    policy = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None and "default-src 'none'" in policy
    for kind, directive in (("style", "style-src"), ("script", "script-src")):
        body = "".join(page.blocks[kind]).encode()
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy  # only this inline block may run


def test_page_shows_files_findings_summary_and_chart(
    faulty_page: Path, faulty_report: Report
) -> None:
    html = faulty_page.read_text("utf-8")
    text = parse(html).plain
    file = faulty_report.files[0]
    assert "Kết quả đối soát biểu giải ngân CTMTQG DTTS&MN" in text
    assert "Kết luận: 13 lỗi, 3 cảnh báo, 0 thông tin" in text
    assert "Tổng quan các tệp" in text and "Huyện Bạch Thông" in text
    assert str(FAULTY) in text.replace("/ ", "/")  # the path may wrap after each "/"
    assert "Trang tính «Biểu 01» · triệu đồng (ô J7) · dòng 12–45" in text
    assert "Hiển thị 16/16 sai lệch" in text
    for finding in file.findings:
        assert finding.cell and finding.cell in text
        assert re.sub(r"\s+", " ", finding.message) in text
    assert text.count("SUM_MISMATCH") >= 9 and "RATE_MISMATCH" in text
    assert "18,34 %" in text and "18,14 %" in text and "-0,20 %" in text  # rates as rates
    assert "-2.576,799" in text  # amounts in the form's unit, grouped the Vietnamese way
    assert "Tổng hợp theo dự án" in text and "DA4.TDA1" in text
    assert "Nguồn ngân sách địa phương tỉnh thu hồi giao lại" in text  # reason unallocated
    assert "TỔNG CỘNG 26.744,000 46.929,385 73.673,385 7.093,105 9,63 15.981,209" in text
    assert "Biểu đồ tỷ lệ giải ngân" in text


def test_chart_has_one_bar_per_project_and_one_for_the_whole(
    faulty_page: Path, faulty_report: Report
) -> None:
    html = faulty_page.read_text("utf-8")
    svg = re.search(r'<svg class="chart" id="bieu-do-du-an".*?</svg>', html, re.S)
    assert svg is not None
    bars = re.findall(r'<g class="bar bar-(\w+)"><title>([^<]*)</title>', svg.group(0))
    projects = [e for e in faulty_report.files[0].summary if "." not in e.project]
    assert len(bars) == len(projects)  # DA1 … DA10 and TOTAL
    assert bars[-1] == ("all", "TỔNG CỘNG")
    assert ("low", "DA4 — " + projects[3].name) in bars
    widths = dict(
        re.findall(r"<text[^>]*>([^<]+)</text><rect [^>]*width=\"([\d.]+)\"", svg.group(0))
    )
    assert float(widths["Dự án 8"]) > float(widths["Dự án 4"]) > float(widths["Dự án 3"])
    assert "16,75 %" in svg.group(0) and "100 %" in svg.group(0)


def test_print_stylesheet_and_readable_sizes(faulty_page: Path) -> None:
    css = "".join(parse(faulty_page.read_text("utf-8")).blocks["style"])
    assert "@media print" in css and "size: A4 landscape" in css
    assert "display: table-header-group" in css  # headings repeat on every printed page
    assert re.search(r"html \{ font-size: 1[6-9]px", css)  # large enough for a projector


def test_english(faulty_report: Report, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = runner.invoke(
        app, ["reconcile", str(FAULTY), "-f", "html", "-o", str(target), "--lang", "en"]
    )
    assert result.exit_code == 1
    html = target.read_text("utf-8")
    text = parse(html).plain
    assert '<html lang="en"' in html
    for words in ("Findings", "Summary by project", "Verdict: 13 errors, 3 warnings, 0 info"):
        assert words in text
    assert "Sai lệch phát hiện" not in text and "Kết luận" not in text
    assert "-2,576.799" in text and "18.34 %" in text  # English number style
    assert "Disbursed" in text and "discrepancies found" not in text


def test_to_stdout_without_output(faulty_report: Report) -> None:
    result = runner.invoke(app, ["reconcile", str(CLEAN), "--format", "html"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "Không phát hiện sai lệch nào." in parse(result.stdout).plain
    assert 'id="f-text"' not in result.stdout  # nothing to filter


def test_never_over_an_input(tmp_path: Path) -> None:
    copy = tmp_path / "bieu.xlsx"
    shutil.copy(FAULTY, copy)
    before = copy.read_bytes()
    result = runner.invoke(app, ["reconcile", str(copy), "-f", "html", "-o", str(copy)])
    assert result.exit_code == 2 and copy.read_bytes() == before


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&</style>\x07'


def hostile_report() -> Report:
    entry = SummaryEntry(
        project="TOTAL", name=HOSTILE, plan=Triple(total=10**9), disbursed=Triple(total=10**8),
        rate=Triple(total=10.0), unallocated=5, unallocated_reason=HOSTILE,
    )  # fmt: skip
    finding = Finding(
        rule="SUM_MISMATCH", severity="error", sheet=HOSTILE, cell="B2", row=2,
        project=HOSTILE, expected=1, actual=2, difference=1, message=HOSTILE,
    )  # fmt: skip
    info = SheetInfo(name=HOSTILE, unit="trieu_dong", unit_source="A1", first_row=1, last_row=2)
    good = FileReport(
        path=f"{HOSTILE}.xlsx", status="findings", unit="trieu_dong", reporting_unit=HOSTILE,
        sheets=[HOSTILE], findings=[finding], summary=[entry], sheet_info=[info],
    )  # fmt: skip
    bad = FileReport(path=HOSTILE, status="error", error=HOSTILE)
    return Report(version="1", files=[good, bad])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_text_is_escaped(lang: str) -> None:
    html = render_html(hostile_report(), lang)
    assert "<script>alert" not in html and "<img" not in html and "\x07" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    page = parse(html)
    assert [tag for tag, _ in page.tags].count("script") == 1
    assert all(not a.startswith("on") for _, attrs in page.tags for a in attrs)
    assert "".join(page.blocks["script"]).count("alert") == 0
    assert HOSTILE.replace("\x07", "\ufffd") in page.plain  # shown as text, letter for letter


def test_a_batch_page(tmp_path: Path) -> None:
    report = reconcile_paths([SAMPLES, FIXTURES], Options())
    html = render_html(report)
    text = parse(html).plain
    assert f"{len(report.files)} Tệp đã kiểm tra" in text
    assert "Không đọc được" in text and "bị hỏng" in text  # unreadable files and why
    assert 'id="f-file"' in html and 'id="bieu-do-don-vi"' in html
    assert "Tỷ lệ giải ngân của từng đơn vị" in text and "Xã Cẩm Giàng" in text
    assert "Không tính vào tổng hợp" in text
    overview = html[html.index('id="bang-tong-quan"') : html.index('id="sai-lech"')]
    statuses = re.findall(r'class="badge st-(\w+)"', overview)
    assert statuses == sorted(statuses, key=["error", "findings", "ok"].index)  # worst first


def test_only_unreadable_files() -> None:
    report = reconcile_paths([FIXTURES / "corrupt.xlsx", FIXTURES / "empty.xlsx"], Options())
    text = parse(render_html(report)).plain
    assert "Không phát hiện sai lệch nào." in text
    assert "Không có số liệu kế hoạch vốn để tính tỷ lệ." in text


# --------------------------------------------------------------------------- in a real browser
def chromium() -> str | None:
    return next(
        (p for n in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(n))),
        None,
    )


needs_browser = pytest.mark.skipif(
    chromium() is None and not IN_CI, reason="headless Chromium not installed"
)


def browse(page: Path, *args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local page with a fresh profile, console messages on stderr."""
    if chromium() is None:
        missing("headless Chromium")
    command = [
        str(chromium()), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
        "--enable-logging=stderr", "--v=0", *args, page.as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert result.returncode == 0 and not console, result.stderr[-2000:]
    return result


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_browser
def test_chromium_shows_the_findings_and_the_chart(faulty_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "bao-cao.png"
    browse(faulty_page, "--window-size=1280,2400", f"--screenshot={shot}", profile=tmp_path / "p1")
    assert png_size(shot) == (1280, 2400) and shot.stat().st_size > 50_000
    dom = browse(faulty_page, "--dump-dom", profile=tmp_path / "p2").stdout
    root = re.search(r"<html[^>]*>", dom)
    assert root is not None and 'data-ready="1"' in root.group(0)  # the script ran to its end
    assert "data-js-error" not in root.group(0) and 'class="js"' in root.group(0)
    text = parse(dom).plain
    assert "Sai lệch phát hiện" in text and "Hiển thị 16/16 sai lệch" in text
    assert "K38" in text and "Tỷ lệ giải ngân (tổng số) ghi 18,14%" in text
    assert "Tỷ lệ giải ngân theo dự án (%)" in text and "Dự án 4" in text and "16,75 %" in text


@needs_browser
def test_chromium_prints_a4_landscape(faulty_page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    browse(faulty_page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", profile=tmp_path / "p")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes and all(round(float(w)) == 842 and round(float(h)) == 595 for w, h in boxes)
    assert len(boxes) >= 3  # overview and findings, summary, chart: several pages
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Sai lệch phát hiện" in text and "TỔNG CỘNG" in text
        assert "Tìm (gõ có dấu" not in text  # the filter controls are not printed


HARNESS = """
(function () {
  var out = {};
  var rows = function () {
    return Array.prototype.filter.call(
      document.querySelectorAll("#bang-sai-lech tbody tr"), function (r) { return !r.hidden; });
  };
  var search = document.getElementById("f-text");
  search.value = "tong cong";  /* typed without diacritics */
  search.dispatchEvent(new Event("input"));
  out.search = rows().length;
  out.count = document.getElementById("f-count").textContent;
  search.value = "";
  search.dispatchEvent(new Event("input"));
  var rule = document.getElementById("f-rule");
  rule.value = "RATE_MISMATCH";
  rule.dispatchEvent(new Event("change"));
  out.rule = rows().map(function (r) { return r.cells[2].textContent; });
  rule.value = "";
  rule.dispatchEvent(new Event("change"));
  var heads = document.querySelectorAll("#bang-sai-lech thead th");
  var last = heads[heads.length - 1];
  var diffs = function () {
    return rows().map(function (r) { return r.cells[r.cells.length - 1].getAttribute("data-v"); });
  };
  last.querySelector("button").click();
  out.ascending = diffs();
  out.sorted = last.getAttribute("aria-sort");
  last.querySelector("button").click();
  out.descending = diffs();
  last.querySelector("button").click();
  out.restored = rows().map(function (r) { return r.cells[2].textContent; });
  var pre = document.createElement("pre");
  pre.id = "test-result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"""


@needs_browser
def test_chromium_sorts_and_filters_offline(faulty_page: Path, tmp_path: Path) -> None:
    html = faulty_page.read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(HARNESS.encode()).digest()).decode()
    html = html.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    html = html.replace("</body>", f"<script>{HARNESS}</script></body>")
    page = tmp_path / "harness.html"
    page.write_text(html, "utf-8")
    dom = browse(page, "--dump-dom", profile=tmp_path / "p").stdout
    found = re.search(r'<pre id="test-result">(.*?)</pre>', dom, re.S)
    assert found is not None, dom[-3000:]
    out = json.loads(found.group(1).replace("&quot;", '"'))
    assert out["search"] == 3 and out["count"] == "Hiển thị 3/16 sai lệch"  # «TỔNG CỘNG» rows
    assert out["rule"] == ["K38Biểu 01"]
    numbers = [float(v) for v in out["ascending"] if v is not None]
    assert numbers == sorted(numbers) and out["sorted"] == "ascending"
    assert out["ascending"][-3:] == [None, None, None]  # blanks last, either way
    assert [float(v) for v in out["descending"] if v is not None] == sorted(numbers, reverse=True)
    first_cells = [c[:3] for c in out["restored"][:3]]
    assert first_cells == ["C12", "E12", "F12"]  # the third click restores the report's order
