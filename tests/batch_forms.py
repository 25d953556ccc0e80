"""Small unit reports for batch tests: a unit, a period, projects with sub-projects, figures in
triệu đồng; optionally one sub-project typed in đồng (a unit slip) or a stated total that is off.

A form is written as .xlsx with xlsxwriter; `UnitForm.figures` gives what reading it right
must give, in đồng, for the unit's total (the sum of its project lines, slips corrected)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from hypothesis import strategies as st

HEADER = ["STT", "Nội dung", "Kế hoạch vốn năm 2023", "Giải ngân", "Tỷ lệ giải ngân (%)"]
FIRST_ROW = 7
"""The worksheet row (1-based) of the grand total: title, unit line and header above it."""
MILLION = 1_000_000
PERIODS = {
    "6 tháng đầu năm 2023": "2023-06-30",
    "9 tháng năm 2023": "2023-09-30",
    "năm 2023": "2023-12-31",
}
UNITS = ["Xã Lục Bình", "Xã Cẩm Giàng", "Huyện Na Rì", "Xã Vi Hương"]
SUB_PROJECTS = {3: 2, 4: 2, 5: 4, 9: 2}
"""The programme's projects with sub-projects (Tiểu dự án), and how many each has."""


@dataclass
class UnitForm:
    """One unit's report: per project number, its sub-projects' (plan, disbursed) in triệu đồng."""

    unit: str
    period: str
    projects: dict[int, list[tuple[int, int]]]
    slip: tuple[int, int] | None = None
    """(project, sub-project) whose plan is typed in đồng, 1.000.000 times too large."""
    total_off: int = 0
    """Triệu đồng added to the stated TỔNG CỘNG plan (0: it adds up)."""
    dated: str | None = None
    """A date the title gives beside the period ("15/6/2023"), which the report's as_of is."""
    rows: dict[str, int] = field(default_factory=dict)
    """Worksheet row of each line: "DA1", "DA1.TDA2", …"""

    @property
    def plan(self) -> int:
        """The unit's plan in đồng, as read right: its project lines added up."""
        return sum(p for project in self.projects.values() for p, _ in project) * MILLION

    @property
    def disbursed(self) -> int:
        return sum(d for project in self.projects.values() for _, d in project) * MILLION

    def write(self, path: Path, *, mtime: float | None = None) -> Path:
        """The form as .xlsx at `path`; its modification time set to `mtime` when given."""
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Biểu 01")
        sheet.write(0, 0, f"Đơn vị báo cáo: {self.unit}")
        dated = f" (ĐẾN NGÀY {self.dated})" if self.dated else ""
        title = f"BÁO CÁO KẾT QUẢ GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG {self.period.upper()}{dated}"
        sheet.write(2, 0, title)
        sheet.write(3, 4, "Đơn vị tính: Triệu đồng")
        sheet.write_row(4, 0, HEADER)
        sheet.write_row(5, 0, ["1", "2", "3", "4", "5=4/3"])
        for offset, row in enumerate(self._lines()):
            sheet.write_row(FIRST_ROW - 1 + offset, 0, row)
        book.close()
        if mtime is not None:
            os.utime(path, (mtime, mtime))
        return path

    def _lines(self) -> list[list[object]]:
        plan = self.plan // MILLION + self.total_off
        spent = self.disbursed // MILLION
        lines: list[list[object]] = [["", "TỔNG CỘNG", plan, spent, _rate(plan, spent)]]
        self.rows = {}
        for number, (i, project) in enumerate(sorted(self.projects.items()), start=1):
            p, d = sum(x for x, _ in project), sum(y for _, y in project)
            self.rows[f"DA{i}"] = FIRST_ROW + len(lines)
            lines.append([str(number), f"Dự án {i}", p, d, _rate(p, d)])
            for j, (sp, sd) in enumerate(project, start=1):
                typed = sp * MILLION if self.slip == (i, j) else sp
                self.rows[f"DA{i}.TDA{j}"] = FIRST_ROW + len(lines)
                lines.append(["-", f"Tiểu dự án {j}", typed, sd, _rate(sp, sd)])
        return lines


def _rate(plan: int, spent: int) -> float | str:
    return round(spent * 100 / plan, 2) if plan else ""


FIGURES = st.tuples(st.integers(1, 900), st.integers(0, 100)).map(lambda t: (t[0] + t[1], t[1]))
PROJECTS = st.lists(st.sampled_from(sorted(SUB_PROJECTS)), min_size=1, max_size=3, unique=True)


@st.composite
def unit_forms(draw: st.DrawFn, *, slips: bool = False, offs: bool = False) -> UnitForm:
    """A unit's form; with `slips`, maybe a sub-project's plan typed in đồng; with `offs`,
    maybe a stated total that is not the sum of the projects."""
    projects = {
        i: draw(st.lists(FIGURES, min_size=2, max_size=SUB_PROJECTS[i])) for i in draw(PROJECTS)
    }
    slip = None
    if slips and draw(st.booleans()):
        i = draw(st.sampled_from(sorted(projects)))
        slip = (i, draw(st.integers(1, len(projects[i]))))
    off = draw(st.sampled_from([0, 0, 7, -3])) if offs else 0
    unit, period = draw(st.sampled_from(UNITS)), draw(st.sampled_from(list(PERIODS)))
    return UnitForm(unit, period, projects, slip, off)
