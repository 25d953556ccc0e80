"""Build more fixture workbooks (tests/fixtures) with their goldens: shapes build_workbooks.py
does not make — a column offset, columns in another order, amounts typed as text, rates per
capital type, funding-source columns, capital-type sections, a total label merged over two cells.

Run `python tests/build_more_workbooks.py`; output is deterministic. The forms reuse the model of
build_workbooks.py (Form, the tree, evaluate, the independent checker, golden): a form's `columns`
are the fields of the model, `sheet_columns` the columns of the sheet in their order (a model field
may stay off the sheet; `src.*` columns are funding-source splits, which no rule reads). Every
formula is written with the value Excel would compute from the cells it reads, and that value must
equal the model's figure; each workbook is read back and the checker must find exactly the plants.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_workbooks import (
    CREATED,
    NAMES,
    Form,
    Row,
    add,
    as_decimal,
    build_tree,
    check,
    dong,
    evaluate,
    golden,
    nfd,
    read_text,
    write_json,
)

ROOT = Path(__file__).resolve().parent.parent
N = NAMES
Rates = dict[tuple[str, str], tuple[Decimal, int] | None]  # (row key, rate field) -> (%, decimals)


@dataclass
class MoreForm(Form):
    """A Form whose sheet shows `sheet_columns` from column `first_col` (0 = A)."""

    sheet_columns: tuple[str, ...] = ()
    first_col: int = 0
    text_amounts: bool = False  # every amount typed as Vietnamese-style text ("1.250.000.000")
    rate_decimals: int = 2  # decimals the rates are shown with (of the percent)
    sources: dict[str, object] = field(default_factory=dict)  # leaf key -> its NSĐP (src.nsdp)
    merged_total: bool = False  # total label merged across the STT and name cells
    place: str = ""  # place-and-date line under the table


# --------------------------------------------------------------------------- the model
def rate_base(vals: dict[str, Decimal | None], kind: str) -> Decimal:
    """Plan plus carried-over money of one capital type (the total takes the carried total)."""
    return add(vals.get(f"plan.{kind}"), vals.get(f"carried_over.{kind}")) or Decimal(0)


def stated_rates(form: MoreForm, lines: list[Row]) -> Rates:
    """Every rate cell as stated: an override, or disbursed / base rounded as it is shown."""
    rates: Rates = {}
    step = Decimal(1).scaleb(-form.rate_decimals)
    for row in lines:
        for f in (f for f in form.sheet_columns if f.startswith("rate.")):
            kind, raw = f.split(".")[1], form.overrides.get((row.key, f))
            disbursed = row.vals.get(f"disbursed.{kind}")
            if raw is not None:
                scale = 100 if form.rate_style == "excel" and not isinstance(raw, str) else 1
                rates[row.key, f] = (as_decimal(raw) * scale, form.rate_decimals)
            elif disbursed is None:
                rates[row.key, f] = None
            else:
                base = rate_base(row.vals, kind)
                pct = disbursed * 100 / base if base else Decimal(0)
                rates[row.key, f] = (pct.quantize(step, ROUND_HALF_UP), form.rate_decimals)
        row.rate = rates.get((row.key, "rate.total"))  # what check() reads
    return rates


def source_figures(form: MoreForm, lines: list[Row]) -> dict[tuple[str, str], Decimal]:
    """Funding-source splits of the disbursed total: NSĐP as given, NSTW the rest; parents sum."""
    out: dict[tuple[str, str], Decimal] = {}
    if not any(f.startswith("src.") for f in form.sheet_columns):
        return out
    for row in reversed(lines):  # children come after their parent in sheet order
        if row.kind == "total":
            continue
        if row.kids:
            for f in ("src.nstw", "src.nsdp"):
                out[row.key, f] = sum((out[k.key, f] for k in row.kids), Decimal(0))
        else:
            nsdp = as_decimal(form.sources.get(row.key, 0))
            out[row.key, "src.nsdp"] = nsdp
            out[row.key, "src.nstw"] = (row.vals["disbursed.total"] or Decimal(0)) - nsdp
    total = next(r for r in lines if r.kind == "total")
    for f in ("src.nstw", "src.nsdp"):
        out[total.key, f] = sum((out[k.key, f] for k in total.kids), Decimal(0))
    return out


def model(form: MoreForm) -> tuple[list[Row], Rates, dict[tuple[str, str], Decimal]]:
    """The lines with their stated figures (sheet fields only), rates and source splits."""
    total, lines = build_tree(form)
    evaluate(form, total)
    for row in lines:
        row.vals = {f: v for f, v in row.vals.items() if f in form.sheet_columns}
    return lines, stated_rates(form, lines), source_figures(form, lines)


def check_more(form: MoreForm, lines: list[Row], rates: Rates) -> set[tuple]:
    """build_workbooks.check, plus the stated rates per capital type (ĐTPT, SN)."""
    shown = tuple(f for f in form.columns if f in form.sheet_columns)
    out = check(replace(form, columns=shown), lines)
    for row in lines:
        for kind in ("dtpt", "sn"):
            stated = rates.get((row.key, f"rate.{kind}"))
            disbursed = row.vals.get(f"disbursed.{kind}")
            base = rate_base(row.vals, kind)
            if stated is None or disbursed is None or not base:
                continue
            computed = Decimal(dong(disbursed, form.unit)) * 100 / dong(base, form.unit)
            if abs(stated[0] - computed) > Decimal(5) / 10 ** (stated[1] + 1):
                out.add(("RATE_MISMATCH", row.key, f"rate.{kind}"))
    return out


# --------------------------------------------------------------------------- writing
def vn_text(value: Decimal, unit: str) -> str:
    """An amount as a clerk types it as text, Vietnamese style: 1.250.000.000 / 3.379,979."""
    if value == 0:
        return "-"
    places = 3 if unit == "trieu_dong" else 0
    text = f"{value:,.{places}f}".rstrip("0").rstrip(".") if places else f"{value:,.0f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def cell_range(cells: list[tuple[int, int]]) -> str:
    """SUM arguments for 0-based (row, col) cells: one range when they are contiguous."""
    names = [f"{xl_col_to_name(c)}{r + 1}" for r, c in cells]
    rows, cols = [r for r, _ in cells], [c for _, c in cells]
    line = len(set(cols)) == 1 and rows == list(range(rows[0], rows[0] + len(rows)))
    across = len(set(rows)) == 1 and cols == list(range(cols[0], cols[0] + len(cols)))
    if len(cells) > 1 and (line or across):
        return f"{names[0]}:{names[-1]}"
    return ",".join(names)


class Writer:
    """Writes one form's sheet, tracking every cell written so formulas get true cached values."""

    def __init__(self, form: MoreForm, ws, fmt: dict) -> None:
        self.form, self.ws, self.fmt = form, ws, fmt
        self.cells: dict[tuple[str, str], tuple[str, Decimal]] = {}  # (key, field) -> state, value

    def col(self, f: str) -> int | None:
        cols = self.form.sheet_columns
        return self.form.first_col + cols.index(f) if f in cols else None

    def at(self, row: Row, f: str) -> tuple[int, int]:
        col = self.col(f)
        assert col is not None, f
        return row.xrow - 1, col

    def sum_of(self, refs: list[tuple[Row, str]]) -> tuple[str, Decimal] | None:
        """SUM over cells (text "-" and blanks count 0, as in Excel); None if one holds a number
        as text, which Excel would not add."""
        states = [self.cells.get((r.key, f), ("blank", Decimal(0))) for r, f in refs]
        if any(s == "text" for s, _ in states):
            return None
        args = cell_range([self.at(r, f) for r, f in refs])
        return f"SUM({args})", sum((v for _, v in states), Decimal(0))

    def number_of(self, row: Row, f: str) -> tuple[str, Decimal] | None:
        """A cell read by an arithmetic operator: only a number or a blank will do."""
        state, value = self.cells.get((row.key, f), ("blank", Decimal(0)))
        if state not in ("num", "blank"):
            return None
        r, c = self.at(row, f)
        return f"{xl_col_to_name(c)}{r + 1}", value

    def formula(self, row: Row, f: str) -> tuple[str, Decimal] | None:
        """A derived or parent cell as (formula, value Excel computes), if it is one."""
        cols = self.form.sheet_columns
        if f.startswith("rate."):
            kind = f.split(".")[1]
            parts = [p for p in (f"plan.{kind}", f"carried_over.{kind}") if p in cols]
            base = self.sum_of([(row, p) for p in parts])
            disb = self.number_of(row, f"disbursed.{kind}")
            if base is None or disb is None:
                return None
            excel = self.form.rate_style == "excel"
            digits = self.form.rate_decimals + (2 if excel else 0)
            quotient = f"{disb[0]}/{base[0]}" + ("" if excel else "*100")
            text = f"=IF({base[0]}=0,0,ROUND({quotient},{digits}))"
            if not base[1]:
                return text, Decimal(0)
            value = disb[1] / base[1] * (1 if excel else 100)
            return text, value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
        kids = row.kids
        if kids:
            found = self.sum_of([(k, f) for k in kids])
        elif f.endswith(".total") and f.replace("total", "dtpt") in cols:
            found = self.sum_of([(row, f.replace("total", k)) for k in ("dtpt", "sn")])
        elif f == "src.nstw":
            total, nsdp = self.number_of(row, "disbursed.total"), self.number_of(row, "src.nsdp")
            if total is None or nsdp is None:
                return None
            return f"={total[0]}-{nsdp[0]}", total[1] - nsdp[1]
        elif f == "unallocated.total":
            parts = [p for p in ("plan.total", "carried_over.total") if p in cols]
            base = self.sum_of([(row, p) for p in parts])
            alloc = self.number_of(row, "allocated.total")
            if base is None or alloc is None:
                return None
            return f"={base[0]}-{alloc[0]}", base[1] - alloc[1]
        else:
            return None
        return None if found is None else (f"={found[0]}", found[1])

    def amount(self, row: Row, f: str, value: Decimal | None, bold: str) -> None:
        """Write one amount cell: override, text, formula, dash or number, and remember it."""
        form, (r, c) = self.form, self.at(row, f)
        raw = form.overrides.get((row.key, f))
        if value is None:
            self.cells[row.key, f] = ("blank", Decimal(0))
        elif isinstance(raw, str) or form.text_amounts:
            text = raw if isinstance(raw, str) else vn_text(value, form.unit)
            self.ws.write_string(r, c, text, self.fmt["str" + bold])
            self.cells[row.key, f] = ("dash" if text == "-" else "text", Decimal(0))
        elif raw is None and form.formulas and (spec := self.formula(row, f)):
            assert spec[1] == value, (form.name, row.key, f, spec, value)
            self.ws.write_formula(r, c, spec[0], self.fmt["num" + bold], float(value))
            self.cells[row.key, f] = ("num", value)
        elif raw is None and f in form.dash_fields and value == 0 and not row.kids:
            self.ws.write_string(r, c, "-", self.fmt["str" + bold])
            self.cells[row.key, f] = ("dash", Decimal(0))
        else:
            self.ws.write_number(r, c, float(value), self.fmt["num" + bold])
            self.cells[row.key, f] = ("num", value)

    def rate(self, row: Row, f: str, stated: tuple[Decimal, int] | None, bold: str) -> None:
        form, (r, c) = self.form, self.at(row, f)
        if stated is None:
            return
        excel = form.rate_style == "excel"
        cached = stated[0] / 100 if excel else stated[0]
        raw = form.overrides.get((row.key, f))
        spec = self.formula(row, f) if raw is None and form.formulas else None
        if spec:
            assert spec[1] == cached, (form.name, row.key, f, spec, cached)
            self.ws.write_formula(r, c, spec[0], self.fmt["rate" + bold], float(cached))
        else:
            self.ws.write_number(r, c, float(cached), self.fmt["rate" + bold])


ORDER = ("plan.dtpt", "plan.sn", "carried_over.total", "allocated.total", "disbursed.dtpt",
         "disbursed.sn", "plan.total", "disbursed.total", "unallocated.total", "src.nsdp",
         "src.nstw")  # fmt: skip
WIDTHS = {"stt": 6, "name": 48, "reason": 28}


def formats(wb, form: MoreForm) -> dict:
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
    box = {**base, "border": 1}
    num = {"trieu_dong": '#,##0.000;-#,##0.000;"-"'}.get(form.unit, '#,##0;-#,##0;"-"')
    pct = "0." + "0" * form.rate_decimals if form.rate_decimals else "0"
    specs = {
        "title": {**base, "bold": True, "align": "center", "text_wrap": True, "font_size": 13},
        "bold": {**base, "bold": True, "align": "center"},
        "italic": {**base, "italic": True, "align": "center"},
        "unit": {**base, "italic": True, "align": "right"},
        "head": {**box, "bold": True, "align": "center", "text_wrap": True},
        "colno": {**box, "italic": True, "align": "center", "font_size": 10},
        "stt": {**box, "align": "center"}, "text": {**box, "text_wrap": True},
        "num": {**box, "num_format": num}, "str": {**box, "align": "right"},
        "rate": {**box, "num_format": pct + ("%" if form.rate_style == "excel" else "")},
    }  # fmt: skip
    fmt = {k: wb.add_format(v) for k, v in specs.items()}
    return fmt | {k + "_b": wb.add_format({**v, "bold": True}) for k, v in specs.items()}


def write_more(form: MoreForm, path: Path) -> tuple[list[Row], Rates, dict]:
    lines, rates, sources = model(form)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"author": "mtqg tests", "created": CREATED})
    fmt = formats(wb, form)
    ws = wb.add_worksheet(form.sheet)
    ws.set_landscape()
    ws.set_paper(9)
    for i, f in enumerate(form.sheet_columns):
        ws.set_column(form.first_col + i, form.first_col + i, WIDTHS.get(f, 14))
    unit = [(*form.unit_cell, "unit")] if form.unit_cell else []
    for rng, text, style in [*form.titles, *unit, *((r, t, "head") for r, t in form.header)]:
        if ":" in rng:
            ws.merge_range(rng, text, fmt[style])
        else:
            ws.write_string(rng, text, fmt[style])
    for i, label in enumerate(form.numbers_row):
        ws.write_string(form.first_data_row - 2, form.first_col + i, label, fmt["colno"])
    writer = Writer(form, ws, fmt)
    stt_col, name_col = writer.col("stt"), writer.col("name")

    def emit(row: Row) -> None:
        for child in row.children:
            emit(child)
        r, bold = row.xrow - 1, "_b" if row.depth <= 0 else ""
        if row.kind == "total" and form.merged_total:
            ws.merge_range(r, stt_col, r, name_col, row.name, fmt["text_b"])
        else:
            ws.write_string(r, stt_col, row.stt, fmt["stt" + bold])
            ws.write_string(r, name_col, row.name, fmt["text" + bold])
        if row.reason:
            ws.write_string(r, writer.col("reason"), row.reason, fmt["text"])
        for f in (f for f in ORDER if f in form.sheet_columns):
            value = sources[row.key, f] if f.startswith("src.") else row.vals[f]
            writer.amount(row, f, value, bold)
        for f in (f for f in form.sheet_columns if f.startswith("rate.")):
            writer.rate(row, f, rates[row.key, f], bold)

    emit(next(r for r in lines if r.kind == "total"))
    r, first = lines[-1].xrow + 1, form.first_col  # r: one blank row under the table
    last = first + len(form.sheet_columns) - 1
    if form.place:
        ws.merge_range(r, last - 3, r, last, form.place, fmt["italic"])
    left, right, _ = form.signature
    ws.write_string(r + 1, first + 1, left, fmt["bold"])
    ws.merge_range(r + 1, last - 3, r + 1, last, right, fmt["bold"])
    ws.write_string(r + 2, first + 1, "(Ký, ghi rõ họ tên)", fmt["italic"])
    ws.merge_range(r + 2, last - 3, r + 2, last, "(Ký tên, đóng dấu)", fmt["italic"])
    wb.close()
    return lines, rates, sources


def verify_more(form: MoreForm, lines: list[Row], rates: Rates, sources: dict, path: Path) -> None:
    """Read the file back (calamine values, openpyxl formats) and run the checker on the model."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(form.sheet)
    grid = grid.to_python(skip_empty_area=False)
    ws = openpyxl.load_workbook(path)[form.sheet]
    for row in lines:
        got = grid[row.xrow - 1]
        for i, f in enumerate(form.sheet_columns):
            c = form.first_col + i
            cell, where = (got[c] if c < len(got) else ""), (path.name, row.key, f)
            raw = form.overrides.get((row.key, f))
            if f == "name":
                merged = row.kind == "total" and form.merged_total
                assert cell == ("" if merged else row.name), where
            elif f == "stt":
                merged = row.kind == "total" and form.merged_total
                assert cell == (row.name if merged else row.stt), where
            elif f == "reason":
                assert cell == row.reason, where
            elif f.startswith("rate."):
                stated = rates[row.key, f]
                if stated is None:
                    assert cell == "", where
                elif form.rate_style == "excel":
                    fmt = ws.cell(row.xrow, c + 1).number_format
                    assert fmt == f"0.{'0' * form.rate_decimals}%", (*where, fmt)
                    assert cell == float(stated[0] / 100), (*where, cell)
                else:
                    assert cell == float(stated[0]), (*where, cell)
            else:
                value = sources[row.key, f] if f.startswith("src.") else row.vals[f]
                if value is None:
                    assert cell == "", where
                elif isinstance(cell, str):
                    expected = raw if isinstance(raw, str) else vn_text(value, form.unit)
                    assert cell == expected and read_text(cell)[0] == value, (*where, cell)
                else:
                    assert cell == float(value), (*where, cell, value)
    formulas = any(str(c.value).startswith("=") for r in ws.iter_rows() for c in r)
    assert ws.merged_cells.ranges and formulas == form.formulas, path.name
    found = check_more(form, lines, rates)
    assert found == set(form.planted), (path.name, sorted(found ^ set(form.planted), key=str))


def build_more(form: MoreForm, folder: Path) -> None:
    path = folder / f"{form.name}.xlsx"
    lines, rates, sources = write_more(form, path)
    verify_more(form, lines, rates, sources, path)
    write_json(folder / f"{form.name}.expected.json", golden(form, lines))


# --------------------------------------------------------------------------- the forms
# fmt: off
COLS_HUYEN = ("stt", "name", "plan.total", "plan.dtpt", "plan.sn", "carried_over.total",
              "allocated.total", "unallocated.total", "disbursed.total", "disbursed.dtpt",
              "disbursed.sn", "rate.total", "reason")
BASE_HUYEN = ("plan.dtpt", "plan.sn", "carried_over.total", "allocated.total", "disbursed.dtpt",
              "disbursed.sn")
COLS_PLAIN = ("stt", "name", "plan.total", "plan.dtpt", "plan.sn", "disbursed.total",
              "disbursed.dtpt", "disbursed.sn", "rate.total", "reason")
BASE_PLAIN = ("plan.dtpt", "plan.sn", "disbursed.dtpt", "disbursed.sn")

HUYEN = MoreForm(
    name="huyen-mau-shape",
    description=(
        "District half-year report (huyện Thượng Khê, nghìn đồng) in the shape of a real one: "
        "'ĐVT: nghìn đồng' merged K4:M4, three merged header rows 6-8 ('Trong đó' over ĐTPT/SN), "
        "carried-over, 'Đã phân bổ chi tiết', 'Chưa phân bổ' columns, rows 9-24, 'Cộng' last "
        "(row 25, STT blank), signatures under it, STT not following project numbers (STT 7 = "
        "Dự án 8, STT 5.1 = Tiểu dự án 3); rate = giải ngân / (KH + chuyển sang). Planted: row 9 "
        "(Dự án 1) plan SN and total typed 3.815.500 (its two '-' lines: 3.806.500), with its "
        "allocation (SUM of the lines) and rate 36,91 from the true figure, so its allocated + "
        "unallocated and rate disagree with the typed plan; 'Cộng' sums the typed figure, so its "
        "plan adds up but its allocated + unallocated is 9.000 short; row 20 (Dự án 6) 1.500.000 "
        "unallocated, no reason; row 21 (Dự án 8) rate stated 36, computed 40,00."),
    sheet="BC giải ngân", unit="nghin_dong", columns=COLS_HUYEN, base=BASE_HUYEN,
    sheet_columns=COLS_HUYEN,
    titles=[("A1:D1", "UBND HUYỆN THƯỢNG KHÊ", "bold"),
            ("A2:M2", "BÁO CÁO TÌNH HÌNH PHÂN BỔ VÀ GIẢI NGÂN VỐN CTMTQG PHÁT TRIỂN KT-XH VÙNG "
             "ĐỒNG BÀO DTTS&MN 6 THÁNG ĐẦU NĂM 2023", "title")],
    unit_cell=("K4:M4", "ĐVT: nghìn đồng"),
    header=[("A6:A8", "STT"), ("B6:B8", "Nội dung"), ("C6:E6", "Kế hoạch vốn năm 2023"),
            ("F6:F8", "Vốn năm 2022 chuyển sang"), ("G6:G8", "Đã phân bổ chi tiết"),
            ("H6:H8", "Chưa phân bổ"), ("I6:K6", "Giải ngân đến 30/6/2023"),
            ("L6:L8", "Tỷ lệ giải ngân (%)"), ("M6:M8", "Ghi chú"), ("C7:C8", "Tổng số"),
            ("D7:E7", "Trong đó"), ("D8", "ĐTPT"), ("E8", "SN"), ("I7:I8", "Tổng số"),
            ("J7:K7", "Trong đó"), ("J8", "ĐTPT"), ("K8", "SN")],
    first_data_row=9, total=("", "Cộng", "last"),
    rows=[  # nghìn đồng: plan ĐTPT, plan SN, chuyển sang, đã phân bổ, giải ngân ĐTPT, giải ngân SN
        (0, "1", N["DA1"], "DA1", None, ""),
        (1, "-", "Hỗ trợ nhà ở", "DA1.ND2", (0, 2680000, 0, 2680000, 0, 1072000), ""),
        (1, "-", "Hỗ trợ nước sinh hoạt phân tán", "DA1.ND4",
         (0, 1126500, 85000, 1211500, 0, 364300), ""),
        (0, "2", N["DA2"], "DA2", (4200000, 0, 0, 4200000, 1638000, 0), ""),
        (0, "3", N["DA3"], "DA3", None, ""),
        (1, "3.1", N["DA3.TDA1"], "DA3.TDA1", (0, 11456800, 742600, 10873400, 0, 2614500),
         "Chưa có quyết định giao khoán bảo vệ rừng năm 2023"),
        (1, "3.2", N["DA3.TDA2"], "DA3.TDA2", (0, 7935400, 0, 7935400, 0, 486000), ""),
        (0, "4", N["DA4"], "DA4", (28650000, 3125800, 2180000, 33955800, 8412000, 517600), ""),
        (0, "5", N["DA5"], "DA5", None, ""),
        (1, "5.1", N["DA5.TDA3"], "DA5.TDA3", (0, 4860000, 0, 4015000, 0, 1204500),
         "Đang rà soát nhu cầu học nghề của người lao động"),
        (1, "5.2", N["DA5.TDA4"], "DA5.TDA4", (0, 1532000, 0, 1532000, 0, 214480), ""),
        (0, "6", N["DA6"], "DA6", (1500000, 380000, 0, 380000, 0, 95000), ""),
        (0, "7", N["DA8"], "DA8", (0, 1845500, 0, 1845500, 0, 738200), ""),
        (0, "8", N["DA10"], "DA10", None, ""),
        (1, "8.1", N["DA10.TDA1"], "DA10.TDA1", (0, 642000, 0, 642000, 0, 0), ""),
        (1, "8.2", N["DA10.TDA3"], "DA10.TDA3", (0, 318000, 0, 318000, 0, 47700), ""),
    ],
    overrides={("DA1", "plan.total"): 3815500, ("DA1", "plan.sn"): 3815500,
               ("DA1", "rate.total"): 36.91, ("DA8", "rate.total"): 36},
    planted=[("SUM_MISMATCH", "DA1", "plan.total"), ("SUM_MISMATCH", "DA1", "plan.sn"),
             ("RATE_MISMATCH", "DA1", "rate.total"),
             ("UNALLOCATED_MISMATCH", "DA1", "unallocated.total"),
             ("UNALLOCATED_NO_REASON", "DA6", None), ("RATE_MISMATCH", "DA8", "rate.total"),
             ("UNALLOCATED_MISMATCH", "TOTAL", "unallocated.total")],
    signature=("NGƯỜI LẬP BIỂU", "CHỦ TỊCH", ""),
    place="Thượng Khê, ngày 05 tháng 7 năm 2023",
)

SECTIONS = MoreForm(
    name="capital-sections",
    description=(
        "District report (triệu đồng) split by capital type: 'TỔNG SỐ' first, then 'A | VỐN ĐẦU "
        "TƯ PHÁT TRIỂN' and 'B | VỐN SỰ NGHIỆP', each with its projects numbered from 1 (Dự án 1, "
        "4, 5, 6 under both: not duplicates); one column per amount group (Kế hoạch | Giải ngân | "
        "Tỷ lệ), no ĐTPT/SN columns; parents and sections are SUM formulas. CLEAN."),
    sheet="Biểu 02", unit="trieu_dong", columns=COLS_PLAIN, base=BASE_PLAIN,
    sheet_columns=("stt", "name", "plan.total", "disbursed.total", "rate.total", "reason"),
    titles=[("A1:B1", "UBND HUYỆN BẢN MẠCH", "bold"),
            ("A2:F2", "KẾT QUẢ GIẢI NGÂN VỐN CTMTQG PHÁT TRIỂN KT-XH VÙNG ĐỒNG BÀO DTTS&MN NĂM "
             "2023 THEO LOẠI VỐN", "title"),
            ("A3:F3", "(Số liệu đến ngày 30/9/2023)", "italic")],
    unit_cell=("D4:F4", "Đơn vị tính: triệu đồng"),
    header=[("A5", "STT"), ("B5", "Nội dung"), ("C5", "Kế hoạch vốn năm 2023"),
            ("D5", "Giải ngân đến 30/9/2023"), ("E5", "Tỷ lệ giải ngân (%)"), ("F5", "Ghi chú")],
    numbers_row=("(1)", "(2)", "(3)", "(4)", "(5)=(4)/(3)", "(6)"),
    first_data_row=7, total=("", "TỔNG SỐ", "first"),
    rows=[  # triệu đồng: plan ĐTPT, plan SN, giải ngân ĐTPT, giải ngân SN
        (0, "A", "VỐN ĐẦU TƯ PHÁT TRIỂN", None, None, "", "s"),
        (1, "1", N["DA1"], "DA1", ("1850", 0, "612.4", 0), ""),
        (1, "2", N["DA4"], "DA4", None, ""),
        (2, "2.1", N["DA4.TDA1"], "DA4.TDA1", ("18426.5", 0, "7352.118", 0), ""),
        (2, "2.2", N["DA4.TDA2"], "DA4.TDA2", ("2300", 0, 0, 0),
         "Chưa có quyết định phê duyệt dự án"),
        (1, "3", N["DA5"], "DA5", None, ""),
        (2, "3.1", N["DA5.TDA1"], "DA5.TDA1", ("4520", 0, "1265.6", 0), ""),
        (1, "4", N["DA6"], "DA6", ("1200", 0, "336", 0), ""),
        (0, "B", "VỐN SỰ NGHIỆP", None, None, "", "s"),
        (1, "1", N["DA1"], "DA1", None, ""),
        (2, "1.1", N["DA1.ND2"], "DA1.ND2", (0, "1250", 0, "487.5"), ""),
        (2, "1.2", N["DA1.ND4"], "DA1.ND4", (0, "310.8", 0, "98.6"), ""),
        (1, "2", N["DA3"], "DA3", None, ""),
        (2, "2.1", N["DA3.TDA1"], "DA3.TDA1", (0, "8640.25", 0, "1728.05"), ""),
        (2, "2.2", N["DA3.TDA2"], "DA3.TDA2", (0, "5132.7", 0, "615.924"), ""),
        (1, "3", N["DA4"], "DA4", None, ""),
        (2, "3.1", N["DA4.TDA1"], "DA4.TDA1", (0, "1680.4", 0, "420.1"), ""),
        (1, "4", N["DA5"], "DA5", None, ""),
        (2, "4.1", N["DA5.TDA3"], "DA5.TDA3", (0, "2960", 0, "592"), ""),
        (2, "4.2", N["DA5.TDA4"], "DA5.TDA4", (0, "845.6", 0, "126.84"), ""),
        (1, "5", N["DA6"], "DA6", (0, "420", 0, "84"), ""),
        (1, "6", N["DA8"], "DA8", (0, "1365.9", 0, "273.18"), ""),
        (1, "7", N["DA10"], "DA10", None, ""),
        (2, "7.1", N["DA10.TDA1"], "DA10.TDA1", (0, "512.3", 0, "102.46"), ""),
        (2, "7.2", N["DA10.TDA3"], "DA10.TDA3", (0, "268.5", 0, "40.275"), ""),
    ],
    signature=("NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG TÀI CHÍNH - KẾ HOẠCH", ""),
    place="Bản Mạch, ngày 05 tháng 10 năm 2023",
)

OFFSET = MoreForm(
    name="offset-table",
    description=(
        "Commune report (xã Phong Quang, đồng) placed at C10: columns A-B and rows above blank "
        "but a title in C2 and '(Đơn vị tính: đồng)' in H8; header with line breaks, NFD text; "
        "column numbers 'A | B | 1 | 2 | 3=1+2 …' (each total after its ĐTPT and SN); every amount "
        "typed as text ('1.250.000.000'), rates typed; 'Tổng cộng' first, merged across STT and "
        "name (text in the STT cell). Planted: Dự án 6 plan total '205.000.000' for 0 + "
        "250.000.000 (digits swapped), so the total row does not cross-foot either; Dự án 5's "
        "Tiểu dự án 3 entered twice (both counted in Dự án 5)."),
    sheet="GN 9 thang", unit="dong", columns=COLS_PLAIN, base=BASE_PLAIN,
    sheet_columns=("stt", "name", "plan.dtpt", "plan.sn", "plan.total", "disbursed.dtpt",
                   "disbursed.sn", "disbursed.total", "rate.total", "reason"),
    first_col=2, text_amounts=True, formulas=False, merged_total=True,
    titles=[("C2", nfd("BÁO CÁO KẾT QUẢ GIẢI NGÂN VỐN CTMTQG DTTS&MN 9 THÁNG NĂM 2023 - XÃ "
                       "PHONG QUANG"), "bold")],
    unit_cell=("H8", nfd("(Đơn vị tính: đồng)")),
    header=[("C10:C12", "STT"), ("D10:D12", nfd("Nội dung\n(dự án, tiểu dự án)")),
            ("E10:G10", nfd("Kế hoạch vốn\nnăm 2023")), ("H10:J10", nfd("Giải ngân\nđến 30/9/2023")),
            ("K10:K12", nfd("Tỷ lệ\ngiải ngân\n(%)")), ("L10:L12", nfd("Ghi\nchú")),
            ("E11:F11", nfd("Trong đó")), ("G11:G12", nfd("Tổng\nsố")), ("E12", nfd("Vốn\nĐTPT")),
            ("F12", nfd("Vốn\nSN")), ("H11:I11", nfd("Trong đó")), ("J11:J12", nfd("Tổng\nsố")),
            ("H12", nfd("Vốn\nĐTPT")), ("I12", nfd("Vốn\nSN"))],
    numbers_row=("A", "B", "1", "2", "3=1+2", "4", "5", "6=4+5", "7=6/3", "8"),
    first_data_row=14, total=("", "Tổng cộng", "first"),
    rows=[  # đồng: plan ĐTPT, plan SN, giải ngân ĐTPT, giải ngân SN
        (0, "1", nfd(N["DA1"]), "DA1", None, ""),
        (1, "1.1", N["DA1.ND2"], "DA1.ND2", (0, 1250000000, 0, 500000000), ""),
        (1, "1.2", nfd(N["DA1.ND4"]), "DA1.ND4", (0, 384500000, 0, 96125000), ""),
        (0, "2", N["DA3"], "DA3", None, ""),
        (1, "2.1", nfd(N["DA3.TDA1"]), "DA3.TDA1", (0, 2716300000, 0, 815000000), ""),
        (1, "2.2", N["DA3.TDA2"], "DA3.TDA2", (0, 1480000000, 0, 222000000), ""),
        (0, "3", nfd(N["DA4"]), "DA4", (6350000000, 412600000, 2540000000, 103150000), ""),
        (0, "4", N["DA5"], "DA5", None, ""),
        (1, "4.1", nfd(N["DA5.TDA3"]), "DA5.TDA3", (0, 760000000, 0, 190000000), ""),
        (1, "4.2", nfd(N["DA5.TDA3"]), "DA5.TDA3", (0, 760000000, 0, 190000000), ""),
        (1, "4.3", N["DA5.TDA4"], "DA5.TDA4", (0, 126000000, 0, 31500000), ""),
        (0, "5", nfd(N["DA6"]), "DA6", (0, 250000000, 0, 0), "Chờ phê duyệt danh mục"),
        (0, "6", N["DA8"], "DA8", (0, 318400000, 0, 79600000), ""),
        (0, "7", nfd(N["DA10"]), "DA10", None, ""),
        (1, "7.1", N["DA10.TDA1"], "DA10.TDA1", (0, 45000000, 0, 9000000), ""),
        (1, "7.2", nfd(N["DA10.TDA3"]), "DA10.TDA3", (0, 24000000, 0, 3600000), ""),
    ],
    overrides={("DA6", "plan.total"): 205000000},
    planted=[("TOTAL_MISMATCH", "DA6", "plan.total"), ("TOTAL_MISMATCH", "TOTAL", "plan.total"),
             ("DUPLICATE_LINE", "DA5.TDA3#2", None)],
    signature=("NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN XÃ", ""),
    place="Phong Quang, ngày 02 tháng 10 năm 2023",
)

COLS_RATES = ("stt", "name", "plan.total", "plan.dtpt", "plan.sn", "disbursed.total",
              "disbursed.dtpt", "disbursed.sn", "rate.total", "rate.dtpt", "rate.sn", "reason")
RATES = MoreForm(
    name="rates-per-type",
    description=(
        "District report (triệu đồng) with a rate per capital type ('Tỷ lệ giải ngân (%)': Tổng "
        "số / ĐTPT / SN) as Excel percentages shown '0.0%' (ROUND(…,3) formulas); a 'Trong đó: "
        "NSTW' line under Dự án 4 (a leaf), not to be summed. Planted: Dự án 6 SN rate 20,5% "
        "(77,5 / 310 = 25,0%)."),
    sheet="Biểu 03", unit="trieu_dong", columns=COLS_RATES, base=BASE_PLAIN,
    sheet_columns=COLS_RATES, rate_style="excel", rate_decimals=1,
    titles=[("A1:C1", "UBND HUYỆN LŨNG PHÌN", "bold"),
            ("A2:L2", "TỶ LỆ GIẢI NGÂN VỐN CTMTQG PHÁT TRIỂN KT-XH VÙNG ĐỒNG BÀO DTTS&MN THEO "
             "LOẠI VỐN 6 THÁNG ĐẦU NĂM 2023", "title")],
    unit_cell=("J3:L3", "ĐVT: Triệu đồng"),
    header=[("A5:A7", "STT"), ("B5:B7", "Tên dự án, tiểu dự án"),
            ("C5:E5", "Kế hoạch vốn năm 2023"), ("F5:H5", "Lũy kế giải ngân đến 30/6/2023"),
            ("I5:K5", "Tỷ lệ giải ngân (%)"), ("L5:L7", "Ghi chú"), ("C6:C7", "Tổng số"),
            ("D6:E6", "Trong đó"), ("D7", "Vốn ĐTPT"), ("E7", "Vốn SN"), ("F6:F7", "Tổng số"),
            ("G6:H6", "Trong đó"), ("G7", "Vốn ĐTPT"), ("H7", "Vốn SN"), ("I6:I7", "Tổng số"),
            ("J6:J7", "ĐTPT"), ("K6:K7", "SN")],
    first_data_row=8, total=("", "TỔNG CỘNG", "first"),
    rows=[  # triệu đồng: plan ĐTPT, plan SN, giải ngân ĐTPT, giải ngân SN
        (0, "1", N["DA1"], "DA1", None, ""),
        (1, "a", N["DA1.ND2"], "DA1.ND2", (0, "860", 0, "344"), ""),
        (1, "b", N["DA1.ND4"], "DA1.ND4", ("1420", "215.5", "568", "64.65"), ""),
        (0, "2", N["DA3"], "DA3", None, ""),
        (1, "a", N["DA3.TDA1"], "DA3.TDA1", (0, "5218.6", 0, "1043.72"), ""),
        (1, "b", N["DA3.TDA2"], "DA3.TDA2", (0, "3145.25", 0, "471.788"), ""),
        (0, "3", N["DA4"], "DA4", ("15830", "1268.4", "5065.6", "317.1"), ""),
        (1, "", "Trong đó: NSTW", "DA4-NSTW", ("14250", "1150", "4560", "287.5"), "", "b"),
        (0, "4", N["DA5"], "DA5", None, ""),
        (1, "a", N["DA5.TDA1"], "DA5.TDA1", ("3600", "480.2", "1080", "120.05"), ""),
        (1, "b", N["DA5.TDA3"], "DA5.TDA3", (0, "1925", 0, "385"), ""),
        (0, "5", N["DA6"], "DA6", ("950", "310", 0, "77.5"), ""),
        (0, "6", N["DA8"], "DA8", (0, "1136.8", 0, "227.36"), ""),
        (0, "7", N["DA10"], "DA10", None, ""),
        (1, "a", N["DA10.TDA1"], "DA10.TDA1", (0, "385.5", 0, "77.1"), ""),
        (1, "b", N["DA10.TDA3"], "DA10.TDA3", (0, "192", 0, "28.8"), ""),
    ],
    overrides={("DA6", "rate.sn"): 0.205},
    planted=[("RATE_MISMATCH", "DA6", "rate.sn")],
    signature=("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", ""),
    place="Lũng Phìn, ngày 03 tháng 7 năm 2023",
)

NSTW = MoreForm(
    name="nstw-source-columns",
    description=(
        "Commune report (xã Nà Khoang) with 'Đơn vị: triệu đồng'; plan group 'Kế hoạch vốn NSTW "
        "năm 2023' (Tổng số / Vốn ĐTPT / Vốn SN); under 'Giải ngân' besides Tổng số / Vốn ĐTPT / "
        "Vốn SN two funding-source columns 'Trong đó: NSTW' and 'NSĐP' (NSTW + NSĐP = Tổng số) "
        "that are not capital types; ĐTPT zeros as '-'. CLEAN."),
    sheet="Biểu 01", unit="trieu_dong", columns=COLS_PLAIN, base=BASE_PLAIN,
    sheet_columns=("stt", "name", "plan.total", "plan.dtpt", "plan.sn", "disbursed.total",
                   "disbursed.dtpt", "disbursed.sn", "src.nstw", "src.nsdp", "rate.total",
                   "reason"),
    dash_fields=frozenset({"plan.dtpt", "disbursed.dtpt"}),
    titles=[("A1:C1", "UBND XÃ NÀ KHOANG", "bold"),
            ("A2:L2", "KẾT QUẢ GIẢI NGÂN VỐN NGÂN SÁCH TRUNG ƯƠNG THỰC HIỆN CTMTQG DTTS&MN 6 THÁNG "
             "ĐẦU NĂM 2023", "title")],
    unit_cell=("J3:L3", "Đơn vị: triệu đồng"),
    header=[("A4:A5", "STT"), ("B4:B5", "Nội dung"), ("C4:E4", "Kế hoạch vốn NSTW năm 2023"),
            ("F4:J4", "Giải ngân đến 30/6/2023"), ("K4:K5", "Tỷ lệ giải ngân (%)"),
            ("L4:L5", "Ghi chú"), ("C5", "Tổng số"), ("D5", "Vốn ĐTPT"), ("E5", "Vốn SN"),
            ("F5", "Tổng số"), ("G5", "Vốn ĐTPT"), ("H5", "Vốn SN"), ("I5", "Trong đó: NSTW"),
            ("J5", "NSĐP")],
    first_data_row=6, total=("", "Tổng số", "first"),
    rows=[  # triệu đồng: plan ĐTPT, plan SN, giải ngân ĐTPT, giải ngân SN
        (0, "1", N["DA1"], "DA1", None, ""),
        (1, "-", N["DA1.ND2"], "DA1.ND2", (0, "540", 0, "216"), ""),
        (1, "-", N["DA1.ND4"], "DA1.ND4", (0, "128.4", 0, "42.8"), ""),
        (0, "2", N["DA3"], "DA3", None, ""),
        (1, "2.1", N["DA3.TDA1"], "DA3.TDA1", (0, "2465.32", 0, "493.064"), ""),
        (1, "2.2", N["DA3.TDA2"], "DA3.TDA2", (0, "1382.6", 0, "207.39"), ""),
        (0, "3", N["DA4"], "DA4", ("7560", "512.75", "2646", "128.19"), ""),
        (0, "4", N["DA5"], "DA5", None, ""),
        (1, "4.1", N["DA5.TDA3"], "DA5.TDA3", (0, "648", 0, "162"), ""),
        (1, "4.2", N["DA5.TDA4"], "DA5.TDA4", (0, "96.5", 0, "19.3"), ""),
        (0, "5", N["DA8"], "DA8", (0, "286.4", 0, "71.6"), ""),
        (0, "6", N["DA10"], "DA10", None, ""),
        (1, "6.1", N["DA10.TDA1"], "DA10.TDA1", (0, "54", 0, "10.8"), ""),
        (1, "6.2", N["DA10.TDA3"], "DA10.TDA3", (0, "27.6", 0, "5.52"), ""),
    ],
    sources={"DA1.ND4": "4.28", "DA3.TDA2": "18.85", "DA4": "254", "DA8": "6.5"},
    signature=("NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN XÃ", ""),
    place="Nà Khoang, ngày 30 tháng 6 năm 2023",
)
# fmt: on

FORMS = (HUYEN, SECTIONS, OFFSET, RATES, NSTW)


def build_all(fixtures_dir: Path) -> None:
    """Write every form of this module with its golden into `fixtures_dir`, verifying each."""
    fixtures_dir.mkdir(parents=True, exist_ok=True)
    for form in FORMS:
        build_more(form, fixtures_dir)


if __name__ == "__main__":
    build_all(ROOT / "tests" / "fixtures")
    print(f"built {len(FORMS)} more fixtures in tests/fixtures")
