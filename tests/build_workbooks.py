"""Build the bundled samples (data/samples) and test fixtures (tests/fixtures) with their goldens.

Run `python tests/build_workbooks.py` (or `make samples`); output is deterministic. Each form is
data: a tree of lines with consistent figures, and `overrides` that plant discrepancies or odd cell
styles as a clerk would type them. Parents are SUM formulas with cached values (typed numbers where
a child holds text Excel would not add). Every workbook is read back with python-calamine and
openpyxl, and a small independent re-implementation of the rules must find exactly the planted
findings, so the goldens are right by construction. Bạch Thông figures: its 2023 half-year report.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

ROOT = Path(__file__).resolve().parent.parent
UNIT_DONG = {"trieu_dong": 10**6, "nghin_dong": 1000, "dong": 1}
TOLERANCE = 1000  # đồng
KINDS = ("total", "dtpt", "sn")
CREATED = datetime(2023, 6, 5, 8, 0, 0)

# fmt: off
COLS12 = ("stt", "name", "plan.total", "plan.dtpt", "plan.sn", "allocated.total",
          "unallocated.total", "disbursed.total", "disbursed.dtpt", "disbursed.sn", "rate.total",
          "reason")
COLS10 = ("stt", "name", "plan.total", "plan.dtpt", "plan.sn", "disbursed.total",
          "disbursed.dtpt", "disbursed.sn", "rate.total", "reason")
COLS_XA = ("stt", "name", "plan.total", "plan.dtpt", "plan.sn", "carried_over.total",
           "disbursed.total", "disbursed.dtpt", "disbursed.sn", "rate.total", "reason")
BASE12 = ("plan.dtpt", "plan.sn", "allocated.total", "disbursed.dtpt", "disbursed.sn")
BASE10 = ("plan.dtpt", "plan.sn", "disbursed.dtpt", "disbursed.sn")
BASE_XA = ("plan.dtpt", "plan.sn", "carried_over.total", "disbursed.dtpt", "disbursed.sn")
# Cells are written leaf inputs first, so a derived or parent formula knows what it refers to.
WRITE_ORDER = ("plan.dtpt", "plan.sn", "carried_over.total", "allocated.total", "disbursed.dtpt",
               "disbursed.sn", "plan.total", "disbursed.total", "unallocated.total", "rate.total")
NAMES = {
    "DA1": "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt",
    "DA1.ND1": "Nội dung số 01: Hỗ trợ đất ở",
    "DA1.ND2": "Nội dung số 02: Hỗ trợ nhà ở",
    "DA1.ND3": "Nội dung số 03: Hỗ trợ đất sản xuất, chuyển đổi nghề",
    "DA1.ND4": "Nội dung số 04: Hỗ trợ nước sinh hoạt",
    "DA2": "Dự án 2: Quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần thiết",
    "DA3": "Dự án 3: Phát triển sản xuất nông, lâm nghiệp bền vững, phát huy tiềm năng, thế mạnh "
           "của các vùng miền để sản xuất hàng hóa theo chuỗi giá trị",
    "DA3.TDA1": "Tiểu dự án 1: Phát triển kinh tế nông, lâm nghiệp bền vững gắn với bảo vệ rừng "
                "và nâng cao thu nhập cho người dân",
    "DA3.TDA2": "Tiểu dự án 2: Hỗ trợ phát triển sản xuất theo chuỗi giá trị, vùng trồng dược liệu "
                "quý, thúc đẩy khởi sự kinh doanh, khởi nghiệp và thu hút đầu tư vùng đồng bào "
                "DTTS&MN",
    "DA3.TDA2.ND1": "Nội dung số 01: Hỗ trợ phát triển sản xuất theo chuỗi giá trị",
    "DA3.TDA2.ND2": "Nội dung số 02: Đầu tư, hỗ trợ phát triển vùng trồng dược liệu quý",
    "DA3.TDA2.ND3": "Nội dung số 03: Thúc đẩy khởi sự kinh doanh, khởi nghiệp và thu hút đầu tư "
                    "vùng đồng bào DTTS&MN",
    "DA4": "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất, đời sống trong vùng đồng "
           "bào dân tộc thiểu số và miền núi và các đơn vị sự nghiệp công lập của lĩnh vực dân tộc",
    "DA4.TDA1": "Tiểu dự án 1: Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất, đời sống trong "
                "vùng đồng bào dân tộc thiểu số và miền núi",
    "DA4.TDA2": "Tiểu dự án 2: Đầu tư cơ sở vật chất các đơn vị sự nghiệp công lập của lĩnh vực "
                "công tác dân tộc",
    "DA5": "Dự án 5: Phát triển giáo dục đào tạo nâng cao chất lượng nguồn nhân lực",
    "DA5.TDA1": "Tiểu dự án 1: Đổi mới hoạt động, củng cố phát triển các trường PTDTNT, PTDTBT, "
                "trường phổ thông có học sinh bán trú và xóa mù chữ cho người dân vùng đồng bào "
                "DTTS",
    "DA5.TDA2": "Tiểu dự án 2: Bồi dưỡng kiến thức dân tộc; đào tạo dự bị đại học, đại học và sau "
                "đại học đáp ứng nhu cầu nhân lực cho vùng đồng bào DTTS",
    "DA5.TDA3": "Tiểu dự án 3: Phát triển giáo dục nghề nghiệp và giải quyết việc làm cho người "
                "lao động vùng dân tộc thiểu số và miền núi",
    "DA5.TDA4": "Tiểu dự án 4: Đào tạo nâng cao năng lực cho cộng đồng và cán bộ triển khai Chương "
                "trình ở các cấp",
    "DA6": "Dự án 6: Bảo tồn, phát huy giá trị văn hóa truyền thống tốt đẹp của các dân tộc thiểu "
           "số gắn với phát triển du lịch",
    "DA7": "Dự án 7: Chăm sóc sức khỏe Nhân dân, nâng cao thể trạng, tầm vóc người dân tộc thiểu "
           "số; phòng chống suy dinh dưỡng trẻ em",
    "DA7.ND1": "Nội dung số 01: Xây dựng và phát triển y tế cơ sở vùng đồng bào DTTS&MN",
    "DA7.ND2": "Nội dung số 02: Nâng cao chất lượng dân số vùng đồng bào DTTS&MN",
    "DA7.ND3": "Nội dung số 03: Chăm sóc sức khỏe, dinh dưỡng bà mẹ - trẻ em nhằm giảm tử vong bà "
               "mẹ, tử vong trẻ em, nâng cao tầm vóc, thể lực người dân tộc thiểu số",
    "DA8": "Dự án 8: Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ "
           "và trẻ em",
    "DA9": "Dự án 9: Đầu tư phát triển nhóm dân tộc thiểu số rất ít người và nhóm dân tộc còn "
           "nhiều khó khăn",
    "DA9.TDA1": "Tiểu dự án 1: Đầu tư phát triển kinh tế - xã hội nhóm dân tộc còn gặp nhiều khó "
                "khăn",
    "DA9.TDA2": "Tiểu dự án 2: Giảm thiểu tình trạng tảo hôn và hôn nhân cận huyết thống của các "
                "dân tộc còn gặp nhiều khó khăn",
    "DA10": "Dự án 10: Truyền thông, tuyên truyền, vận động trong vùng đồng bào dân tộc thiểu số "
            "và miền núi. Kiểm tra, giám sát đánh giá việc tổ chức thực hiện Chương trình",
    "DA10.TDA1": "Tiểu dự án 1: Biểu dương, tôn vinh điển hình tiên tiến, phát huy vai trò của "
                 "người có uy tín; phổ biến, giáo dục pháp luật, tuyên truyền, vận động đồng bào",
    "DA10.TDA2": "Tiểu dự án 2: Ứng dụng công nghệ thông tin hỗ trợ phát triển kinh tế - xã hội và "
                 "đảm bảo an ninh trật tự vùng đồng bào DTTS&MN",
    "DA10.TDA3": "Tiểu dự án 3: Kiểm tra, giám sát, đánh giá, đào tạo, tập huấn tổ chức thực hiện "
                 "Chương trình",
    "?DA11": "Dự án 11: Hỗ trợ phát triển kinh tế tập thể, hợp tác xã vùng đồng bào DTTS&MN",
}
# fmt: on


def misspelt(code: str) -> str:
    """The seed's own spelling "Tiêu dự án" for "Tiểu dự án"."""
    return NAMES[code].replace("Tiểu dự án", "Tiêu dự án")


def plain(text: str) -> str:
    """Vietnamese without diacritics, as typed without an input method."""
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --------------------------------------------------------------------------- the model
@dataclass
class Form:
    """One workbook: layout, lines (depth, stt, name, code, values, reason[, flags]), plants."""

    name: str
    description: str
    sheet: str
    unit: str
    columns: tuple[str, ...]
    base: tuple[str, ...]  # order of the figures in a line's `values`
    titles: list[tuple[str, str, str]]  # (range, text, format)
    unit_cell: tuple[str, str] | None
    header: list[tuple[str, str]]  # (range, text)
    first_data_row: int  # 1-based
    rows: list[tuple]  # flags: "s" section, "b" breakdown (Trong đó), "h" hidden
    total: tuple[str, str, str] = ("", "TỔNG CỘNG", "first")  # (stt, name, first|last)
    numbers_row: tuple[str, ...] = ()
    rate_style: str = "pct"  # pct: 18.34 as 0.00 | excel: 0.1834 as 0.00% | text: "18,34%"
    formulas: bool = True
    dash_fields: frozenset[str] = frozenset()  # leaf zeros typed as "-"
    overrides: dict[tuple[str, str], object] = field(default_factory=dict)
    planted: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)  # a "Thuyết minh" sheet before the table
    signature: tuple[str, str, str] = ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "")


@dataclass
class Row:
    key: str  # code, "I/DA3" in a section, "TOTAL", "…#2" for a repeat
    stt: str
    name: str
    code: str | None  # catalog code (None: total, section, breakdown, unknown project)
    depth: int
    values: tuple | None
    reason: str = ""
    kind: str = "line"  # total | section | line | breakdown
    hidden: bool = False
    unknown: bool = False
    parent: Row | None = None
    children: list[Row] = field(default_factory=list)
    vals: dict[str, Decimal | None] = field(default_factory=dict)  # figures as stated
    rate: tuple[Decimal, int] | None = None  # stated percent, decimals shown
    xrow: int = 0

    @property
    def kids(self) -> list[Row]:
        return [c for c in self.children if c.kind != "breakdown"]


def read_text(text: str) -> tuple[Decimal, str | None]:
    """A number stored as text: its value and issue (None, english_style or malformed)."""
    t = text.strip().rstrip("%").strip()
    if t in ("-", ""):
        return Decimal(0), None
    if re.fullmatch(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?", t):
        return Decimal(t.replace(".", "").replace(",", ".")), None
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?|-?\d+\.\d+", t):
        return Decimal(t.replace(",", "")), "english_style"
    whole, _, frac = t.partition(",")  # first comma is the decimal mark, the rest is noise
    digits = frac.replace(",", "").replace(".", "")
    return Decimal(f"{whole.replace('.', '')}.{digits}"), "malformed"


def as_decimal(raw: object) -> Decimal:
    return read_text(raw)[0] if isinstance(raw, str) else Decimal(str(raw))


def add(*xs: Decimal | None) -> Decimal | None:
    return None if all(x is None for x in xs) else sum((x or Decimal(0) for x in xs), Decimal(0))


def dong(value: Decimal, unit: str) -> int:
    return int((value * UNIT_DONG[unit]).quantize(Decimal(1), ROUND_HALF_UP))


def amount_fields(form: Form) -> list[str]:
    return [f for f in form.columns if "." in f and not f.startswith("rate")]


def build_tree(form: Form) -> tuple[Row, list[Row]]:
    """The total row (root of the tree) and all lines in sheet order, with their sheet rows."""
    total = Row("TOTAL", form.total[0], form.total[1], None, -1, None, kind="total")
    stack, lines, seen, section = [total], [], set(), ""
    for depth, stt, name, code, values, reason, *flags in form.rows:
        flag = flags[0] if flags else ""
        kind = "section" if "s" in flag else "breakdown" if "b" in flag else "line"
        section = stt if kind == "section" else section
        key = stt if kind == "section" else f"{section}/{code}" if section else code
        key += "#2" if key in seen else ""
        seen.add(key)
        unknown = kind == "line" and code.startswith("?")
        code = code if kind == "line" and not unknown else None
        row = Row(key, stt, name, code, depth, values, reason, kind, "h" in flag, unknown)
        while stack[-1].depth >= depth:
            stack.pop()
        row.parent = stack[-1]
        stack[-1].children.append(row)
        stack.append(row)
        lines.append(row)
    lines = [total, *lines] if form.total[2] == "first" else [*lines, total]
    for i, row in enumerate(lines):
        row.xrow = form.first_data_row + i
    return total, lines


def evaluate(form: Form, row: Row) -> None:
    """Stated figures, children first: leaf inputs or column sums, derived cells, overrides."""
    for child in row.children:
        evaluate(form, child)
    over = {f: v for (k, f), v in form.overrides.items() if k == row.key}
    row.vals = dict.fromkeys(amount_fields(form))

    def put(f: str, value: Decimal | None) -> None:
        if f in row.vals:
            row.vals[f] = as_decimal(over[f]) if f in over else value

    if row.kids:
        for f in row.vals:
            put(f, add(*(c.vals[f] for c in row.kids)))
    else:
        for f, v in zip(form.base, row.values or [None] * len(form.base), strict=True):
            put(f, None if v is None else Decimal(str(v)))
        for g in ("plan", "disbursed"):
            put(f"{g}.total", add(row.vals[f"{g}.dtpt"], row.vals[f"{g}.sn"]))
        if row.values is not None and "unallocated.total" in row.vals:
            plan = add(row.vals["plan.total"], row.vals.get("carried_over.total"))
            put("unallocated.total", plan - (row.vals["allocated.total"] or 0))
    raw = over.get("rate.total")
    if isinstance(raw, str):
        row.rate = (read_text(raw)[0], len(raw.rstrip("%").partition(",")[2]))
    elif raw is not None:
        row.rate = (Decimal(str(raw)), len(repr(float(raw)).split(".")[1].rstrip("0")))
    elif row.vals["disbursed.total"] is not None:
        base = add(row.vals["plan.total"], row.vals.get("carried_over.total")) or 0
        pct = row.vals["disbursed.total"] * 100 / base if base else Decimal(0)
        row.rate = (pct.quantize(Decimal("0.01"), ROUND_HALF_UP), 2)


# --------------------------------------------------------------------------- independent checker
def check(form: Form, lines: list[Row]) -> set[tuple[str, str | None, str | None]]:
    """The rules as the brief states them, run on the model: must give exactly the plants."""
    out: set[tuple[str, str | None, str | None]] = set()
    if form.unit_cell is None:
        out.add(("UNIT_ASSUMED", None, None))
    if form.prose:
        out.add(("SHEET_SKIPPED", None, None))
    amounts = amount_fields(form)
    for row in lines:
        v = {f: None if x is None else dong(x, form.unit) for f, x in row.vals.items()}
        for (key, f), raw in form.overrides.items():
            if key == row.key and isinstance(raw, str) and f in amounts and read_text(raw)[1]:
                out.add(("NUMBER_FORMAT", key, f))
        out |= {("NEGATIVE_AMOUNT", row.key, f) for f in amounts if (v[f] or 0) < 0}
        for g in ("plan", "carried_over", "allocated", "unallocated", "disbursed"):
            t, d, s = (v.get(f"{g}.{k}") for k in KINDS)
            if None not in (t, d, s) and abs(t - d - s) > TOLERANCE:
                out.add(("TOTAL_MISMATCH", row.key, f"{g}.total"))
        for f in (f for f in amounts if row.kids and v[f] is not None):
            kid_vals = [0 if c.vals[f] is None else dong(c.vals[f], form.unit) for c in row.kids]
            diff = v[f] - sum(kid_vals)
            if abs(diff) > TOLERANCE:
                out.add(("SUM_MISMATCH", row.key, f))
                for child, cv in zip(row.kids, kid_vals, strict=True):
                    meant = cv + diff  # what the child would be if it alone were wrong
                    if meant > 0 and any(abs(cv / meant / r - 1) < 0.01 for r in (1e3, 1e6)):
                        out.add(("UNIT_SUSPECT", child.key, f))
        carried = v.get("carried_over.total") or 0
        base = None if v["plan.total"] is None else v["plan.total"] + carried
        if row.rate and base and v["disbursed.total"] is not None:
            computed = Decimal(v["disbursed.total"]) * 100 / base
            if abs(row.rate[0] - computed) > Decimal(5) / 10 ** (row.rate[1] + 1):
                out.add(("RATE_MISMATCH", row.key, "rate.total"))
        for k in KINDS:  # per capital type too, carried-over counted where it exists
            plan, disb = v.get(f"plan.{k}"), v.get(f"disbursed.{k}")
            extra = v.get(f"carried_over.{k}") or (carried if k == "total" else 0)
            if plan is not None and disb is not None and disb > plan + extra + TOLERANCE:
                out.add(("OVER_DISBURSED", row.key, f"disbursed.{k}"))
        alloc, unalloc = v.get("allocated.total"), v.get("unallocated.total")
        if alloc is not None and unalloc is not None and base is not None:
            if abs(alloc + unalloc - base) > TOLERANCE:
                out.add(("UNALLOCATED_MISMATCH", row.key, "unallocated.total"))
            kids_answer = any((c.vals.get("unallocated.total") or 0) > 0 for c in row.kids)
            if unalloc > TOLERANCE and not row.reason and not kids_answer:
                out.add(("UNALLOCATED_NO_REASON", row.key, None))
        if row.unknown:
            out.add(("UNKNOWN_PROJECT", row.key, None))
        if row.key.endswith("#2"):
            out.add(("DUPLICATE_LINE", row.key, None))
        blank = row.kind == "line" and all(v[f] is None for f in amounts)
        siblings = row.parent.kids if row.parent else []
        if blank and any(s.vals[f] is not None for s in siblings for f in amounts):
            out.add(("MISSING_VALUE", row.key, None))
    return out


# --------------------------------------------------------------------------- writing
def formula(form: Form, row: Row, f: str) -> tuple[str, list[tuple[Row, str]], bool] | None:
    """(formula, cells it reads, whether it is a SUM) for a derived or parent cell."""
    col = {name: xl_col_to_name(i) for i, name in enumerate(form.columns)}
    c, h, r = col["plan.total"], col["disbursed.total"], row.xrow
    if f == "rate.total":
        refs = [(row, "plan.total"), (row, "disbursed.total")]
        if form.rate_style == "pct":
            return f"=IF({c}{r}=0,0,ROUND({h}{r}/{c}{r}*100,2))", refs, False
        if form.rate_style != "excel":
            return None
        base = f"SUM({c}{r},{col['carried_over.total']}{r})"
        refs.append((row, "carried_over.total"))
        return f"=IF({base}=0,0,ROUND({h}{r}/{base},4))", refs, False
    if row.kids:
        xs = [k.xrow for k in row.kids]
        cells = [f"{col[f]}{x}" for x in xs]
        if len(xs) > 1 and xs == list(range(xs[0], xs[0] + len(xs))):
            cells = [f"{cells[0]}:{cells[-1]}"]
        return f"=SUM({','.join(cells)})", [(k, f) for k in row.kids], True
    if f in ("plan.total", "disbursed.total"):
        d, s = f.replace("total", "dtpt"), f.replace("total", "sn")
        return f"=SUM({col[d]}{r}:{col[s]}{r})", [(row, d), (row, s)], True
    if f == "unallocated.total":
        a = col["allocated.total"]
        return f"={c}{r}-{a}{r}", [(row, "plan.total"), (row, "allocated.total")], False
    return None


def write_form(form: Form, path: Path) -> list[Row]:
    total, lines = build_tree(form)
    evaluate(form, total)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"author": "mtqg tests", "created": CREATED})
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
    box = {**base, "border": 1}
    num = '#,##0.000;-#,##0.000;"-"' if form.unit == "trieu_dong" else '#,##0;-#,##0;"-"'
    specs = {
        "title": {**base, "bold": True, "align": "center", "text_wrap": True, "font_size": 13},
        "bold": {**base, "bold": True, "align": "center"},
        "italic": {**base, "italic": True, "align": "center"},
        "unit": {**base, "italic": True, "align": "right"},
        "head": {**box, "bold": True, "align": "center", "text_wrap": True},
        "colno": {**box, "italic": True, "align": "center", "font_size": 10},
        "prose": {**base, "text_wrap": True, "valign": "top"},
        "stt": {**box, "align": "center"}, "text": {**box, "text_wrap": True},
        "num": {**box, "num_format": num}, "str": {**box, "align": "right"},
        "rate": {**box, "num_format": "0.00%" if form.rate_style == "excel" else "0.00"},
    }  # fmt: skip
    fmt = {k: wb.add_format(v) for k, v in specs.items()}
    fmt |= {k + "_b": wb.add_format({**v, "bold": True}) for k, v in specs.items()}
    if form.prose:
        ps = wb.add_worksheet("Thuyết minh")
        ps.set_column(0, 0, 110)
        for i, para in enumerate(form.prose):
            ps.write_string(i * 2, 0, para, fmt["bold" if i == 0 else "prose"])
    ws = wb.add_worksheet(form.sheet)
    ws.set_landscape()
    ws.set_paper(9)
    for i, f in enumerate(form.columns):
        ws.set_column(i, i, {"stt": 6, "name": 50, "reason": 30, "rate.total": 10}.get(f, 14))
    unit = [(*form.unit_cell, "unit")] if form.unit_cell else []
    for rng, text, style in [*form.titles, *unit, *((r, t, "head") for r, t in form.header)]:
        if ":" in rng:
            ws.merge_range(rng, text, fmt[style])
        else:
            ws.write_string(rng, text, fmt[style])
    for i, label in enumerate(form.numbers_row):
        ws.write_string(form.first_data_row - 2, i, label, fmt["colno"])
    state: dict[tuple[str, str], str] = {}  # num | dash | text | blank: may a formula read it?

    def emit(row: Row) -> None:
        for child in row.children:
            emit(child)
        r, b = row.xrow - 1, "_b" if row.depth <= 0 else ""
        if row.hidden:
            ws.set_row(r, None, None, {"hidden": True})
        ws.write_string(r, 0, row.stt, fmt["stt" + b])
        ws.write_string(r, 1, row.name, fmt["text" + b])
        if row.reason:
            ws.write_string(r, form.columns.index("reason"), row.reason, fmt["text"])
        for f in (f for f in WRITE_ORDER if f in form.columns):
            col, raw = form.columns.index(f), form.overrides.get((row.key, f))
            is_rate = f == "rate.total"
            value = (row.rate[0] if row.rate else None) if is_rate else row.vals[f]
            numeric = fmt[("rate" if is_rate else "num") + b]
            spec = formula(form, row, f) if form.formulas and raw is None else None
            readable = {"num", "blank", "dash"} if spec and spec[2] else {"num", "blank"}
            if isinstance(raw, str):
                ws.write_string(r, col, raw, fmt["str" + b])
                state[row.key, f] = "dash" if raw == "-" else "text"
            elif raw is not None:
                ws.write_number(r, col, float(raw), numeric)
                state[row.key, f] = "num"
            elif value is None:
                state[row.key, f] = "blank"
            elif is_rate and form.rate_style == "text":
                text = f"{value:.2f}%".replace(".", ",") if value else "-"
                ws.write_string(r, col, text, fmt["str" + b])
            elif spec and all(state.get((rr.key, ff), "blank") in readable for rr, ff in spec[1]):
                cached = value / 100 if is_rate and form.rate_style == "excel" else value
                ws.write_formula(r, col, spec[0], numeric, float(cached))
                state[row.key, f] = "num"
            elif f in form.dash_fields and value == 0 and not row.kids:
                ws.write_string(r, col, "-", fmt["str" + b])
                state[row.key, f] = "dash"
            else:
                cached = value / 100 if is_rate and form.rate_style == "excel" else value
                ws.write_number(r, col, float(cached), numeric)
                state[row.key, f] = "num"

    emit(total)
    r, last = lines[-1].xrow + 1, len(form.columns) - 1
    left, right, place = form.signature
    if place:
        ws.merge_range(r, last - 3, r, last, place, fmt["italic"])
    ws.write_string(r + 1, 1, left, fmt["bold"])
    ws.merge_range(r + 1, last - 3, r + 1, last, right, fmt["bold"])
    ws.write_string(r + 2, 1, "(Ký, ghi rõ họ tên)", fmt["italic"])
    ws.merge_range(r + 2, last - 3, r + 2, last, "(Ký, họ tên, đóng dấu)", fmt["italic"])
    top = min(int(re.sub(r"\D", " ", rng).split()[0]) for rng, _ in form.header)
    ws.repeat_rows(top - 1, form.first_data_row - 2)
    wb.close()
    return lines


def verify(form: Form, lines: list[Row], path: Path) -> None:
    """Read the file back (calamine values, openpyxl formulas and formats) and run the checker."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(form.sheet)
    grid = sheet.to_python(skip_empty_area=False)
    ws = openpyxl.load_workbook(path)[form.sheet]
    for row in lines:
        got = grid[row.xrow - 1]
        assert got[1] == row.name and ws.row_dimensions[row.xrow].hidden == row.hidden, row.key
        for c, f in ((c, f) for c, f in enumerate(form.columns) if "." in f):
            raw, is_rate = form.overrides.get((row.key, f)), f == "rate.total"
            value = (row.rate[0] if row.rate else None) if is_rate else row.vals[f]
            where = (path.name, row.key, f, got[c], value)
            if isinstance(raw, str) or got[c] == "-":
                assert got[c] == raw if isinstance(raw, str) else value == 0, where
            elif is_rate and form.rate_style == "text":
                assert isinstance(got[c], str) or value is None, where
            elif value is None:
                assert got[c] == "", where
            elif is_rate and form.rate_style == "excel" and raw is None:
                assert ws.cell(row.xrow, c + 1).number_format == "0.00%", where
                assert got[c] == float(value / 100), where
            else:
                assert got[c] == float(value), where
    assert ws.merged_cells.ranges and form.formulas == any(
        str(c.value).startswith("=SUM(") for r in ws.iter_rows() for c in r
    )
    found = check(form, lines)
    assert found == set(form.planted), (path.name, sorted(found ^ set(form.planted), key=str))


def golden(form: Form, lines: list[Row]) -> dict:
    by_key = {row.key: row for row in lines}
    findings = []
    for rule, key, column in form.planted:
        row = by_key[key] if key else None
        sheet = "Thuyết minh" if rule == "SHEET_SKIPPED" else form.sheet
        item = {"rule": rule, "sheet": sheet, "row": row.xrow if row else None}
        item |= {"column": column} if column else {}
        item |= {"project": row.code} if row and row.code else {}
        findings.append(item)
    findings.sort(key=lambda x: (x["row"] or 0, x["rule"], x.get("column", "")))
    total = next(row for row in lines if row.kind == "total")
    totals = {f: dong(v, form.unit) for f, v in total.vals.items() if v is not None}
    return {"description": form.description, "sheet": form.sheet, "unit": form.unit,
            "findings": findings, "totals": totals}  # fmt: skip


# --------------------------------------------------------------------------- the forms
def header12(r: int, plan: str, disb: str) -> list[tuple[str, str]]:
    """Three header rows from row r for COLS12 (allocated and unallocated columns)."""
    a, b, c = r, r + 1, r + 2
    return [(f"A{a}:A{c}", "STT"), (f"B{a}:B{c}", "Nội dung"), (f"C{a}:E{a}", plan),
            (f"F{a}:F{c}", "Đã phân bổ"), (f"G{a}:G{c}", "Chưa phân bổ"), (f"H{a}:J{a}", disb),
            (f"K{a}:K{c}", "Tỷ lệ giải ngân (%)"), (f"L{a}:L{c}", "Lý do chưa phân bổ"),
            (f"C{b}:C{c}", "Tổng số"), (f"D{b}:E{b}", "Trong đó"), (f"H{b}:H{c}", "Tổng số"),
            (f"I{b}:J{b}", "Trong đó"), (f"D{c}", "Vốn ĐTPT"), (f"E{c}", "Vốn SN"),
            (f"I{c}", "Vốn ĐTPT"), (f"J{c}", "Vốn SN")]  # fmt: skip


def header10(r: int, first: str, disb: str) -> list[tuple[str, str]]:
    """Two header rows from row r for COLS10."""
    a, b = r, r + 1
    return [(f"A{a}:A{b}", "STT"), (f"B{a}:B{b}", first), (f"C{a}:E{a}", "Kế hoạch vốn năm 2023"),
            (f"F{a}:H{a}", disb), (f"I{a}:I{b}", "Tỷ lệ giải ngân (%)"), (f"J{a}:J{b}", "Ghi chú"),
            (f"C{b}", "Tổng số"), (f"D{b}", "Vốn ĐTPT"), (f"E{b}", "Vốn SN"), (f"F{b}", "Tổng số"),
            (f"G{b}", "Vốn ĐTPT"), (f"H{b}", "Vốn SN")]  # fmt: skip


# fmt: off
R_THU_HOI = "Nguồn ngân sách địa phương tỉnh thu hồi giao lại"
R_CHUA_HD = "Do chưa có hướng dẫn thực hiện"
N = NAMES
BT_ROWS = [  # triệu đồng: plan ĐTPT, plan SN, đã phân bổ, giải ngân ĐTPT, giải ngân SN
    (0, "I", N["DA1"], "DA1", None, ""),
    (1, "a", N["DA1.ND1"], "DA1.ND1", (0, "128.7", 0, 0, 0), R_THU_HOI),
    (1, "b", N["DA1.ND2"], "DA1.ND2", (0, 1633, 1633, 0, 0), ""),
    (1, "c", N["DA1.ND3"], "DA1.ND3", (0, 0, 0, 0, 0), ""),
    (1, "d", N["DA1.ND4"], "DA1.ND4", (0, 753, 753, 0, 18), ""),
    (0, "II", N["DA2"], "DA2", (0, 0, 0, 0, 0), "Không có nhu cầu thực hiện năm 2023"),
    (0, "III", N["DA3"], "DA3", None, ""),
    (1, "1", N["DA3.TDA1"], "DA3.TDA1", (0, "13912.443", "12582.849", 0, 0),
     "Do diện tích giao khoán rừng không còn"),
    (1, "2", N["DA3.TDA2"], "DA3.TDA2", None, ""),
    (2, "-", N["DA3.TDA2.ND1"], "DA3.TDA2.ND1", (0, "12740.962", "12740.962", 0, "1023.627"), ""),
    (2, "-", N["DA3.TDA2.ND2"], "DA3.TDA2.ND2", (0, 0, 0, 0, 0), ""),
    (2, "-", N["DA3.TDA2.ND3"], "DA3.TDA2.ND3", (0, 0, 0, 0, 0), ""),
    (0, "IV", N["DA4"], "DA4", None, ""),
    (1, "1", N["DA4.TDA1"], "DA4.TDA1", (26744, "3180.383915", "22540.468915", "5013.06", 0),
     R_THU_HOI),
    (1, "2", N["DA4.TDA2"], "DA4.TDA2", (0, 0, 0, 0, 0), ""),
    (0, "V", N["DA5"], "DA5", None, ""),
    (1, "1", N["DA5.TDA1"], "DA5.TDA1", (0, 12, 12, 0, 0), ""),
    (1, "2", N["DA5.TDA2"], "DA5.TDA2", (0, "460.622", "460.622", 0, 0), ""),
    (1, "3", N["DA5.TDA3"], "DA5.TDA3", (0, "7759.995", "1718.995", 0, "317.84"),
     "Do đang rà soát đối tượng thực hiện nên chưa phân bổ"),
    (1, "4", N["DA5.TDA4"], "DA5.TDA4", (0, 2412, 2412, 0, "78.8"), ""),
    (0, "VI", N["DA6"], "DA6", (0, 371, 371, 0, 0), ""),
    (0, "VII", N["DA7"], "DA7", None, ""),
    (1, "a", N["DA7.ND1"], "DA7.ND1", (0, 0, 0, 0, 0), ""),
    (1, "b", N["DA7.ND2"], "DA7.ND2", (0, 0, 0, 0, 0), ""),
    (1, "c", N["DA7.ND3"], "DA7.ND3", (0, 255, 255, 0, 0), ""),
    (0, "VIII", N["DA8"], "DA8", (0, "3379.979", "3379.979", 0, "619.95"), ""),
    (0, "IX", N["DA9"], "DA9", None, ""),
    (1, "1", misspelt("DA9.TDA1"), "DA9.TDA1", (0, 0, 0, 0, 0),
     "Nội dung này do Ngân hàng Chính sách xã hội tỉnh báo cáo"),
    (1, "2", misspelt("DA9.TDA2"), "DA9.TDA2", (0, "345.244", "345.244", 0, 0), ""),
    (0, "X", N["DA10"], "DA10", None, ""),
    (1, "1", misspelt("DA10.TDA1"), "DA10.TDA1", (0, "777.004", "777.004", 0, 0), ""),
    (1, "2", N["DA10.TDA2"], "DA10.TDA2", (0, 1098, 0, 0, 0), R_CHUA_HD),
    (1, "3", N["DA10.TDA3"], "DA10.TDA3", (0, "322.852", "322.852", 0, "21.828"), ""),
]
BT_NUMBERS = ("(1)", "(2)", "(3)=(4)+(5)", "(4)", "(5)", "(6)", "(7)=(3)-(6)", "(8)=(9)+(10)",
              "(9)", "(10)", "(11)=(8)/(3)", "(12)")
BT = Form(
    name="bach-thong-6-thang-2023",
    description=(
        "Bạch Thông district, 6 months of 2023 (to 31/5/2023), triệu đồng, made CLEAN. Where the "
        "seed disagrees with itself: SN plan = sum of lines 49.542,184915 (report 46.929,385,459); "
        "Dự án 1's 128,7 unallocated sits on its Nội dung 1 line; DA8 rate 18,34 (report: 18,14); "
        "DA3 TDA2 12.740,962; DA10 TDA2 = 1.098 SN, all unallocated ('VSN 117' unused); SN "
        "disbursed = sum of lines 2.080,045 (report: 2.080,045,980). Parents are SUM formulas."),
    sheet="Biểu 01", unit="trieu_dong", columns=COLS12, base=BASE12,
    titles=[("A1:C1", "UBND HUYỆN BẠCH THÔNG", "bold"), ("A2:C2", "Biểu số 01", "italic"),
            ("H1:L1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold"),
            ("H2:L2", "Độc lập - Tự do - Hạnh phúc", "bold"),
            ("A4:L4", "BIỂU TỔNG HỢP TÌNH HÌNH PHÂN BỔ, GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG PHÁT TRIỂN "
             "KINH TẾ - XÃ HỘI VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ VÀ MIỀN NÚI 6 THÁNG ĐẦU NĂM 2023",
             "title"),
            ("A5:L5", "(Kèm theo Báo cáo số       /BC-UBND ngày      /6/2023 của UBND huyện Bạch "
             "Thông)", "italic"),
            ("A6:L6", "(Số liệu đến ngày 31/5/2023)", "italic")],
    unit_cell=("J7:L7", "Đơn vị tính: Triệu đồng"),
    header=header12(8, "Kế hoạch vốn năm 2023", "Giải ngân đến 31/5/2023"),
    numbers_row=BT_NUMBERS, first_data_row=12, rows=BT_ROWS,
    signature=("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Bạch Thông, ngày 05 tháng 6 năm 2023"),
)
BT_BAD = replace(
    BT, name="bach-thong-6-thang-2023-sai-lech",
    description=(
        "Bạch Thông 2023 with the seed's inconsistencies: total row typed by hand (plan "
        "73.673,385459, SN plan text '46.929,385,459', allocated to match, SN disbursed text "
        "'2.080,045,980' = 980 đồng off, within tolerance); DA3 TDA2 12.704,962 for 12.740,962; "
        "DA4 TDA1 unallocated '7,383.915'; DA8 rate 18,14; DA9 TDA2 in đồng (345244000) under a "
        "typed DA9 of 345,244; Vietnamese text numbers and rounded text rates that are fine."),
    overrides={
        ("TOTAL", "plan.total"): 73673.385459, ("TOTAL", "plan.sn"): "46.929,385,459",
        ("TOTAL", "allocated.total"): 57692.176459, ("TOTAL", "disbursed.sn"): "2.080,045,980",
        ("DA3.TDA2", "plan.total"): 12704.962, ("DA3.TDA2", "plan.sn"): 12704.962,
        ("DA3.TDA2", "allocated.total"): 12704.962,
        ("DA4.TDA1", "unallocated.total"): "7,383.915",
        ("DA8", "plan.total"): "3.379,979", ("DA8", "plan.sn"): "3.379,979",
        ("DA8", "allocated.total"): "3.379,979", ("DA8", "disbursed.total"): "619,950",
        ("DA8", "disbursed.sn"): "619,950", ("DA8", "rate.total"): 18.14,
        ("DA9", "plan.total"): "345,244", ("DA9", "plan.sn"): "345,244",
        ("DA9", "allocated.total"): "345,244",
        ("DA9.TDA2", "plan.sn"): 345244000, ("DA9.TDA2", "allocated.total"): 345244000,
        ("DA10.TDA1", "plan.total"): "777,004", ("DA10.TDA1", "plan.sn"): "777,004",
        ("DA10.TDA1", "allocated.total"): "777,004",
        ("DA10.TDA2", "plan.total"): "1.098", ("DA10.TDA2", "plan.sn"): "1.098",
        ("DA10.TDA2", "unallocated.total"): "1.098",
        ("DA1.ND4", "rate.total"): "2,4", ("DA3.TDA2.ND1", "rate.total"): "8",
        ("DA5.TDA3", "rate.total"): "4,1", ("DA5.TDA4", "rate.total"): "3,3",
        ("DA10.TDA3", "rate.total"): "6,8",
    },
    planted=[
        ("SUM_MISMATCH", "TOTAL", "plan.total"), ("SUM_MISMATCH", "TOTAL", "plan.sn"),
        ("NUMBER_FORMAT", "TOTAL", "plan.sn"), ("SUM_MISMATCH", "TOTAL", "allocated.total"),
        ("NUMBER_FORMAT", "TOTAL", "disbursed.sn"),
        ("SUM_MISMATCH", "DA3.TDA2", "plan.total"), ("SUM_MISMATCH", "DA3.TDA2", "plan.sn"),
        ("SUM_MISMATCH", "DA3.TDA2", "allocated.total"),
        ("NUMBER_FORMAT", "DA4.TDA1", "unallocated.total"),
        ("RATE_MISMATCH", "DA8", "rate.total"),
        ("SUM_MISMATCH", "DA9", "plan.total"), ("SUM_MISMATCH", "DA9", "plan.sn"),
        ("SUM_MISMATCH", "DA9", "allocated.total"),
        ("UNIT_SUSPECT", "DA9.TDA2", "plan.total"), ("UNIT_SUSPECT", "DA9.TDA2", "plan.sn"),
        ("UNIT_SUSPECT", "DA9.TDA2", "allocated.total"),
    ],
)

XA = Form(
    name="xa-mau-nghin-dong",
    description=(
        "Commune form (xã Lục Bình), nghìn đồng, CLEAN: total last ('Cộng'), carried-over column "
        "(rate = giải ngân / (KH + chuyển sang)), STT not following project numbers, headers 'KH "
        "vốn giao' / 'Vốn ĐT' / 'VSN' / 'Lũy kế giải ngân', ĐT zeros as '-', Excel-% rates."),
    sheet="BC 6 tháng", unit="nghin_dong", columns=COLS_XA, base=BASE_XA,
    titles=[("A1:C1", "UBND XÃ LỤC BÌNH", "bold"),
            ("A2:K2", "KẾT QUẢ THỰC HIỆN VỐN CTMTQG PHÁT TRIỂN KT-XH VÙNG ĐỒNG BÀO DTTS&MN "
             "6 THÁNG ĐẦU NĂM 2023", "title")],
    unit_cell=("I3:K3", "ĐVT: Nghìn đồng"),
    header=[("A4:A6", "STT"), ("B4:B6", "Tên dự án, tiểu dự án, nội dung"),
            ("C4:E4", "KH vốn giao năm 2023"), ("F4:F6", "Vốn năm 2022 chuyển sang"),
            ("G4:I4", "Lũy kế giải ngân đến 30/6/2023"), ("J4:J6", "Tỷ lệ GN (%)"),
            ("K4:K6", "Ghi chú"), ("C5:C6", "Tổng"), ("D5:E5", "Chia ra"), ("D6", "Vốn ĐT"),
            ("E6", "VSN"), ("G5:G6", "Tổng"), ("H5:I5", "Chia ra"), ("H6", "Vốn ĐT"),
            ("I6", "VSN")],
    numbers_row=("A", "B", "1=2+3", "2", "3", "4", "5=6+7", "6", "7", "8=5/(1+4)", "9"),
    first_data_row=8, total=("", "Cộng", "last"), rate_style="excel",
    dash_fields=frozenset({"plan.dtpt", "disbursed.dtpt"}),
    rows=[  # nghìn đồng: plan ĐT, plan SN, chuyển sang, giải ngân ĐT, giải ngân SN
        (0, "1", N["DA1"], "DA1", None, ""),
        (1, "1.1", "Hỗ trợ nhà ở cho hộ nghèo", "DA1.ND2", (0, 440000, 0, 0, 176000), ""),
        (1, "1.2", "Hỗ trợ nước sinh hoạt phân tán", "DA1.ND4", (0, 96000, 12000, 0, 36000), ""),
        (0, "2", N["DA3"], "DA3", None, ""),
        (1, "2.1", N["DA3.TDA1"], "DA3.TDA1", (0, 1254379, 85400, 0, 230062), ""),
        (1, "2.2", N["DA3.TDA2"], "DA3.TDA2", (0, 612500, 0, 0, 0), "Đang thẩm định giá"),
        (0, "3", N["DA4"], "DA4", (3850000, 215700, 420000, 1026500, 52300), ""),
        (0, "4", N["DA5"], "DA5", None, ""),
        (1, "4.1", N["DA5.TDA4"], "DA5.TDA4", (0, 48600, 0, 0, 9720), ""),
        (0, "5", N["DA6"], "DA6", (0, 150000, 0, 0, 0), ""),
        (0, "6", N["DA8"], "DA8", (0, 93800, 0, 0, 17203), ""),
        (0, "7", N["DA10"], "DA10", None, ""),
        (1, "7.1", N["DA10.TDA1"], "DA10.TDA1", (0, 25000, 0, 0, 8000), ""),
        (1, "7.2", N["DA10.TDA3"], "DA10.TDA3", (0, 12000, 0, 0, 3000), ""),
    ],
    signature=("NGƯỜI LẬP BIỂU", "TM. UỶ BAN NHÂN DÂN XÃ", "Lục Bình, ngày 30 tháng 6 năm 2023"),
)

NFD_ROWS = [  # đồng: plan ĐTPT, plan SN, giải ngân ĐTPT, giải ngân SN
    (0, "1", plain(N["DA1"]), "DA1", None, ""),
    (1, "-", "Ho tro nha o", "DA1.ND2", (0, 480000000, 0, 192000000), ""),
    (1, "-", nfd("Hỗ trợ nước sinh hoạt phân tán"), "DA1.ND4", (0, 90000000, 0, 31500000), ""),
    (0, "2", nfd(N["DA3"]), "DA3", None, ""),
    (1, "2.1", nfd(N["DA3.TDA1"]), "DA3.TDA1", (0, 1385600000, 0, 0), ""),
    (1, "2.2", plain(N["DA3.TDA2"]), "DA3.TDA2", (0, 745000000, 0, 0), ""),
    (0, "3", plain(N["DA4"]), "DA4", (4200000000, 286500000, 1150000000, 0), ""),
    (0, "4", nfd(N["DA5"]), "DA5", None, ""),
    (1, "4.1", nfd(N["DA5.TDA3"]), "DA5.TDA3", (0, 520000000, 0, 86400000), ""),
    (1, "4.2", plain(N["DA5.TDA4"]), "DA5.TDA4", (0, 64000000, 0, 12500000), ""),
    (0, "5", plain(N["DA6"]), "DA6", (0, 110000000, 0, 0), ""),
    (0, "6", nfd(N["DA8"]), "DA8", (0, 110000000, 0, 24300000), ""),
    (0, "7", plain(N["DA10"]), "DA10", None, ""),
    (1, "7.1", plain(N["DA10.TDA1"]), "DA10.TDA1", (0, 30000000, 0, 6000000), ""),
    (1, "7.2", nfd(N["DA10.TDA3"]), "DA10.TDA3", (0, 15000000, 0, 2500000), ""),
]
NFD = Form(
    name="nfd-no-diacritics",
    description=(
        "Commune form in đồng, headers and names partly NFD, partly without diacritics, line "
        "breaks in headers, all typed. Planted: DA5 plan 484.000.000 (lines: 584.000.000); DA6 "
        "Tổng 108.000.000 ≠ 0 + 110.000.000, so the total row does not cross-foot either; DA1 ND4 "
        "disbursed 95.000.000 of 90.000.000; DA4 SN disbursed -12.500.000."),
    sheet="Bieu 01", unit="dong", columns=COLS10, base=BASE10,
    titles=[("A1:C1", nfd("UBND XÃ MỸ THANH"), "bold"),
            ("A2:J2", "BAO CAO TINH HINH GIAI NGAN VON CTMTQG PHAT TRIEN KT-XH VUNG DONG BAO "
             "DTTS&MN NAM 2023", "title")],
    unit_cell=("H3:J3", nfd("ĐVT: đồng")),
    header=[("A4:A6", "STT"), ("B4:B6", "Noi dung"), ("C4:E4", "Ke hoach von\nnam 2023"),
            ("F4:H4", nfd("Giải ngân\nđến 30/6/2023")), ("I4:I6", "Ty le\ngiai ngan (%)"),
            ("J4:J6", nfd("Ghi chú")), ("C5:C6", "Tong so"), ("D5:E5", "Trong do"),
            ("F5:F6", nfd("Tổng số")), ("G5:H5", nfd("Trong đó")), ("D6", "Von\nDTPT"),
            ("E6", "Von SN"), ("G6", nfd("Vốn\nĐTPT")), ("H6", nfd("Vốn SN"))],
    first_data_row=7, total=("", "Tong cong", "first"), formulas=False, rows=NFD_ROWS,
    overrides={("DA5", "plan.total"): 484000000, ("DA5", "plan.sn"): 484000000,
               ("DA6", "plan.total"): 108000000, ("DA1.ND4", "disbursed.sn"): 95000000,
               ("DA4", "disbursed.sn"): -12500000},
    planted=[("SUM_MISMATCH", "DA5", "plan.total"), ("SUM_MISMATCH", "DA5", "plan.sn"),
             ("TOTAL_MISMATCH", "DA6", "plan.total"), ("TOTAL_MISMATCH", "TOTAL", "plan.total"),
             ("OVER_DISBURSED", "DA1.ND4", "disbursed.total"),
             ("OVER_DISBURSED", "DA1.ND4", "disbursed.sn"),
             ("NEGATIVE_AMOUNT", "DA4", "disbursed.sn")],
)

COMMUNES = {  # triệu đồng: plan ĐTPT, plan SN, giải ngân ĐTPT, giải ngân SN
    ("I", "Xã Vi Hương"): [
        ("DA1", None), ("DA1.ND2", (0, 200, 0, 80)), ("DA1.ND4", (0, 45, 0, "12.6")),
        ("DA3", None), ("DA3.TDA1", (0, "1512.318", 0, 0)), ("DA3.TDA2", (0, "860.5", 0, "120.45")),
        ("DA4", (1850, "142.6", "402.3", 0)), ("DA5", None), ("DA5.TDA3", (0, "320.4", 0, "45.8")),
        ("DA8", (0, "62.5", 0, "11.25"))],
    ("II", "Xã Quân Hà"): [
        ("DA1", None), ("DA1.ND2", (0, 160, 0, 40)), ("DA1.ND4", (0, 60, 0, "9.75")),
        ("DA3", None), ("DA3.TDA1", (0, "1088.9", 0, 0)), ("DA3.TDA2", (0, "645.2", 0, "96.78")),
        ("DA4", (2150, "98.4", "515.6", 0)), ("DA6", (0, 85, 0, 0)), ("DA10", None),
        ("DA10.TDA1", (0, "18.5", 0, "4.2")), ("DA10.TDA3", (0, "9.6", 0, "2.4"))],
    ("III", "Xã Cẩm Giàng"): [
        ("DA1", None), ("DA1.ND2", (0, 240, 0, 120)), ("DA1.ND4", (0, 30, 0, 0)),
        ("DA3", None), ("DA3.TDA1", (0, "1320.75", 0, 0)), ("DA3.TDA2", (0, "712.4", 0, "64.1")),
        ("DA4", (1620, "130.25", "288.9", "21.4")), ("DA5", None),
        ("DA5.TDA4", (0, "36.2", 0, "7.5")), ("DA8", (0, "71.3", 0, "13.07"))],
}


def commune_rows() -> list[tuple]:
    rows: list[tuple] = []
    for (roman, commune), lines in COMMUNES.items():
        rows.append((0, roman, commune, None, None, "", "s"))
        number = 0
        for code, values in lines:
            number += "." not in code
            stt = str(number) if "." not in code else "-"
            rows.append((1 if "." not in code else 2, stt, N[code], code, values, ""))
    return rows


CONSOLIDATED = Form(
    name="consolidated-communes",
    description=(
        "District consolidation (triệu đồng): TỔNG CỘNG, one roman section per commune. Planted: "
        "Xã Quân Hà's Dự án 3 typed 1.743,1 (lines: 1.734,1); section III disbursed typed 10 "
        "lower than its projects. The grand total sums the stated sections: no further ripple."),
    sheet="Tổng hợp các xã", unit="trieu_dong", columns=COLS10, base=BASE10,
    titles=[("A1:C1", "UBND HUYỆN BẠCH THÔNG", "bold"),
            ("A2:J2", "TỔNG HỢP KẾT QUẢ GIẢI NGÂN VỐN CTMTQG PHÁT TRIỂN KT-XH VÙNG ĐỒNG BÀO "
             "DTTS&MN CÁC XÃ NĂM 2023", "title"),
            ("A3:J3", "(Số liệu đến ngày 30/9/2023)", "italic")],
    unit_cell=("H4:J4", "Đơn vị tính: triệu đồng"),
    header=header10(5, "Đơn vị / Nội dung", "Giải ngân đến 30/9/2023"),
    first_data_row=7, rows=commune_rows(),
    overrides={("II/DA3", "plan.total"): 1743.1, ("II/DA3", "plan.sn"): 1743.1,
               ("III", "disbursed.total"): 504.97, ("III", "disbursed.sn"): 216.07},
    planted=[("SUM_MISMATCH", "II/DA3", "plan.total"), ("SUM_MISMATCH", "II/DA3", "plan.sn"),
             ("SUM_MISMATCH", "III", "disbursed.total"), ("SUM_MISMATCH", "III", "disbursed.sn")],
)

MULTI = Form(
    name="multi-sheet-with-prose",
    description=(
        "Prose sheet 'Thuyết minh', then 'Biểu 01' (triệu đồng, zeros '-', text rates '18,34%', "
        "hidden: DA1 ND4 (counted, as Excel does) and a 'Trong đó' breakdown). Planted: DA3 TDA2 "
        "100 unallocated, no reason; DA6 unallocated 15 for 25 (total row inherits it); DA8 "
        "'18,14%'; 'Dự án 11'; DA10 TDA3 twice (both summed); DA5 TDA4 with no figures."),
    sheet="Biểu 01", unit="trieu_dong", columns=COLS12, base=BASE12,
    titles=[("A1:C1", "UBND XÃ ĐÔN PHONG", "bold"),
            ("A2:L2", "BIỂU TỔNG HỢP PHÂN BỔ, GIẢI NGÂN VỐN CTMTQG DTTS&MN NĂM 2023", "title")],
    unit_cell=("J3:L3", "Đơn vị tính: triệu đồng"),
    header=header12(4, "Kế hoạch vốn năm 2023", "Giải ngân đến 30/6/2023"),
    first_data_row=7, total=("", "Tổng số", "first"), rate_style="text",
    dash_fields=frozenset(BASE12),
    rows=[  # triệu đồng: plan ĐTPT, plan SN, đã phân bổ, giải ngân ĐTPT, giải ngân SN
        (0, "1", N["DA1"], "DA1", None, ""),
        (1, "-", N["DA1.ND2"], "DA1.ND2", (0, 320, 320, 0, 128), ""),
        (1, "-", N["DA1.ND4"], "DA1.ND4", (0, 54, 54, 0, "9.9"), "", "h"),
        (0, "2", N["DA3"], "DA3", None, ""),
        (1, "", "Trong đó: Ngân sách tỉnh", "DA3-NST", (0, 150, 150, 0, 0), "", "bh"),
        (1, "2.1", N["DA3.TDA1"], "DA3.TDA1", (0, "980.25", "980.25", 0, 0), ""),
        (1, "2.2", N["DA3.TDA2"], "DA3.TDA2", (0, "515.8", "415.8", 0, "94.6"), ""),
        (0, "3", N["DA4"], "DA4", (1450, "96.8", "1546.8", "377.2", 0), ""),
        (0, "4", N["DA5"], "DA5", None, ""),
        (1, "4.1", N["DA5.TDA3"], "DA5.TDA3", (0, 410, 410, 0, "52.3"), ""),
        (1, "4.2", N["DA5.TDA4"], "DA5.TDA4", None, ""),
        (0, "5", N["DA6"], "DA6", (0, 120, 95, 0, 0), "Chờ hướng dẫn của cấp trên"),
        (0, "6", N["DA8"], "DA8", (0, "86.4", "86.4", 0, "15.846"), ""),
        (0, "7", N["?DA11"], "?DA11", (0, 0, 0, 0, 0), ""),
        (0, "8", N["DA10"], "DA10", None, ""),
        (1, "8.1", N["DA10.TDA1"], "DA10.TDA1", (0, "28.6", "28.6", 0, "7.15"), ""),
        (1, "8.2", N["DA10.TDA3"], "DA10.TDA3", (0, 24, 24, 0, 6), ""),
        (1, "8.3", N["DA10.TDA3"], "DA10.TDA3", (0, 24, 24, 0, 6), ""),
    ],
    overrides={("DA6", "unallocated.total"): 15, ("DA8", "rate.total"): "18,14%"},
    planted=[("SHEET_SKIPPED", None, None), ("UNALLOCATED_NO_REASON", "DA3.TDA2", None),
             ("UNALLOCATED_MISMATCH", "DA6", "unallocated.total"),
             ("UNALLOCATED_MISMATCH", "TOTAL", "unallocated.total"),
             ("RATE_MISMATCH", "DA8", "rate.total"), ("UNKNOWN_PROJECT", "?DA11", None),
             ("DUPLICATE_LINE", "DA10.TDA3#2", None), ("MISSING_VALUE", "DA5.TDA4", None)],
    prose=[
        "THUYẾT MINH SỐ LIỆU GIẢI NGÂN 6 THÁNG ĐẦU NĂM 2023",
        "Thực hiện Kế hoạch số 88/KH-UBND của UBND huyện về thực hiện Chương trình mục tiêu quốc "
        "gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi năm 2023, UBND "
        "xã Đôn Phong thuyết minh số liệu tại Biểu 01 như sau:",
        "1. Dự án 1: đã hỗ trợ 08 hộ làm nhà ở; các hộ còn lại đang chuẩn bị vật liệu.",
        "2. Dự án 3, Tiểu dự án 2: đang thẩm định giá các dự án liên kết theo chuỗi giá trị.",
        "3. Dự án 6: chưa phân bổ do chờ hướng dẫn của cấp trên.",
        "Số liệu chi tiết theo Biểu 01 kèm theo.",
    ],
    signature=("NGƯỜI LẬP BIỂU", "CHỦ TỊCH UBND XÃ", "Đôn Phong, ngày 30 tháng 6 năm 2023"),
)

NO_UNIT = Form(
    name="no-unit-line",
    description=(
        "Commune form (xã Sỹ Bình) with no unit line anywhere (UNIT_ASSUMED: triệu đồng), two "
        "header rows, total first; otherwise clean."),
    sheet="Sheet1", unit="trieu_dong", columns=COLS10, base=BASE10,
    titles=[("A1:J1", "UBND XÃ SỸ BÌNH - KẾT QUẢ GIẢI NGÂN VỐN CTMTQG DTTS&MN 6 THÁNG ĐẦU NĂM "
             "2023", "title")],
    unit_cell=None, header=header10(3, "Nội dung", "Giải ngân đến 30/6/2023"),
    first_data_row=5, total=("", "Tổng cộng", "first"),
    rows=[
        (0, "1", N["DA1"], "DA1", None, ""),
        (1, "a", N["DA1.ND2"], "DA1.ND2", (0, 120, 0, 48), ""),
        (1, "b", N["DA1.ND4"], "DA1.ND4", (0, 36, 0, "7.2"), ""),
        (0, "2", N["DA3"], "DA3", None, ""),
        (1, "a", N["DA3.TDA1"], "DA3.TDA1", (0, "645.82", 0, 0), ""),
        (1, "b", N["DA3.TDA2"], "DA3.TDA2", (0, "318.5", 0, "41.4"), ""),
        (0, "3", N["DA4"], "DA4", (980, "75.6", "210.5", 0), ""),
        (0, "4", N["DA5"], "DA5", None, ""),
        (1, "a", N["DA5.TDA4"], "DA5.TDA4", (0, "22.4", 0, "3.1"), ""),
        (0, "5", N["DA8"], "DA8", (0, "48.2", 0, "8.84"), ""),
        (0, "6", N["DA10"], "DA10", None, ""),
        (1, "a", N["DA10.TDA1"], "DA10.TDA1", (0, 15, 0, 3), ""),
        (1, "b", N["DA10.TDA3"], "DA10.TDA3", (0, "8.5", 0, "1.2"), ""),
    ],
    planted=[("UNIT_ASSUMED", None, None)],
)
# fmt: on

SAMPLES = (BT, BT_BAD, XA)
FIXTURES = (NFD, CONSOLIDATED, MULTI, NO_UNIT)


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_form(form: Form, folder: Path) -> None:
    path = folder / f"{form.name}.xlsx"
    lines = write_form(form, path)
    verify(form, lines, path)
    write_json(folder / f"{form.name}.expected.json", golden(form, lines))


def build_bad_inputs(folder: Path) -> None:
    """Files the tool must refuse with a clear error: text, a truncated zip, an empty sheet."""
    (folder / "not-a-workbook.xlsx").write_text(
        "Đây không phải tệp Excel: biểu giải ngân gửi nhầm dưới dạng văn bản.\n", encoding="utf-8"
    )
    whole = (folder / f"{NO_UNIT.name}.xlsx").read_bytes()
    (folder / "corrupt.xlsx").write_bytes(whole[: len(whole) // 2])
    wb = xlsxwriter.Workbook(str(folder / "empty.xlsx"))
    wb.set_properties({"created": CREATED})
    wb.add_worksheet("Sheet1")
    wb.close()
    for name, what in (("not-a-workbook", "a text file named .xlsx"),
                       ("corrupt", "a valid xlsx cut to half its bytes"),
                       ("empty", "a workbook with one empty sheet")):  # fmt: skip
        write_json(folder / f"{name}.expected.json", {"description": what, "error": True})


def build_all(samples_dir: Path, fixtures_dir: Path) -> None:
    """Write every sample and fixture workbook with its golden, verifying each one."""
    samples_dir.mkdir(parents=True, exist_ok=True)
    fixtures_dir.mkdir(parents=True, exist_ok=True)
    for form in SAMPLES:
        build_form(form, samples_dir)
    for form in FIXTURES:
        build_form(form, fixtures_dir)
    build_bad_inputs(fixtures_dir)


if __name__ == "__main__":
    build_all(ROOT / "data" / "samples", ROOT / "tests" / "fixtures")
    print("built data/samples and tests/fixtures")
