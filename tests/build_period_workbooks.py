"""Build the fixtures of `--against`, `compare` and the history: tests/fixtures/periods/.

Run `python tests/build_period_workbooks.py`; output is deterministic. From the Bạch Thông 2023
report (the figures of tests/build_workbooks.py):

- `bach-thong-2023-05-31.xlsx`: the report to 31/5/2023, clean, without the (empty) line
  DA3.TDA2.ND3;
- `bach-thong-2023-09-30.xlsx`: the report to 30/9/2023 ("9 tháng năm 2023"), clean on its own,
  planted against the earlier one: DA5.TDA4's cumulative SN disbursement falls 78,8 → 70,5 trđ,
  DA10.TDA2's SN plan is raised 1.098 → 1.200 trđ, DA7.ND1 (empty) is gone, DA3.TDA2.ND3 appears;
  the other lines disburse more;
- `kbnn-bach-thong-2023-05-31.xlsx`: the Treasury's statement to 31/5/2023 in đồng, planted
  against the report: DA8 paid 600.000.000 đ (report: 619,950 trđ), DA10.TDA3 missing (report:
  21,828 trđ disbursed), DA3.TDA2.ND3 paid 50.000.000 đ (not in the report), DA2 missing (nothing
  disbursed: no finding), DA9.TDA2 named by its budget code "0578" only (mapped in `kbnn-mapping.toml`).

Every workbook is read back and checked by the independent checker of build_workbooks.py: on
its own each is clean, so what `--against` and `compare` find is only what is planted between.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from build_workbooks import (
    BASE10,
    BT,
    BT_ROWS,
    COLS10,
    Form,
    check,
    header10,
    header12,
    verify,
    write_form,
)

ROOT = Path(__file__).resolve().parent
FOLDER = ROOT / "fixtures" / "periods"
MAPPING = '[against.mapping]\n"0578" = "DA9.TDA2"\n'


def _without(rows: list[tuple], *codes: str) -> list[tuple]:
    return [r for r in rows if r[3] not in codes]


def _changed(rows: list[tuple], changes: dict[str, dict[int, object]]) -> list[tuple]:
    """Rows with some figures replaced: {code: {index in the values tuple: new value}}."""
    out = []
    for row in rows:
        depth, stt, name, code, values, reason, *rest = row
        if code in changes and values is not None:
            values = tuple(changes[code].get(i, v) for i, v in enumerate(values))
        out.append((depth, stt, name, code, values, reason, *rest))
    return out


MAY = replace(
    BT,
    name="bach-thong-2023-05-31",
    description="Bạch Thông to 31/5/2023 (clean), without the empty line DA3.TDA2.ND3.",
    rows=_without(BT_ROWS, "DA3.TDA2.ND3"),
)

# values: plan ĐTPT, plan SN, đã phân bổ, giải ngân ĐTPT, giải ngân SN (triệu đồng)
SEPT_CHANGES: dict[str, dict[int, object]] = {
    "DA1.ND4": {4: "412.5"},
    "DA3.TDA2.ND1": {4: "5120.4"},
    "DA4.TDA1": {3: "14230.5"},
    "DA5.TDA3": {4: "905.12"},
    "DA5.TDA4": {4: "70.5"},
    "DA8": {4: "1450.3"},
    "DA10.TDA2": {1: 1200},
    "DA10.TDA3": {4: "150.6"},
}
SEPT = replace(
    BT,
    name="bach-thong-2023-09-30",
    description="Bạch Thông to 30/9/2023: a cumulative fall (DA5.TDA4 SN), a plan raised "
    "(DA10.TDA2 SN), DA7.ND1 gone, DA3.TDA2.ND3 back, more disbursed elsewhere.",
    titles=[
        (
            rng,
            text.replace("6 THÁNG ĐẦU NĂM", "9 THÁNG NĂM").replace("31/5/2023", "30/9/2023"),
            style,
        )
        for rng, text, style in BT.titles
    ],
    header=header12(8, "Kế hoạch vốn năm 2023", "Giải ngân đến 30/9/2023"),
    rows=_changed(_without(BT_ROWS, "DA7.ND1"), SEPT_CHANGES),
    signature=("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Bạch Thông, ngày 05 tháng 10 năm 2023"),
)


def _treasury_rows() -> list[tuple]:
    """The report's lines in đồng, plan and disbursed only, with the Treasury's differences."""
    rows = []
    for depth, stt, name, code, values, _reason, *rest in _without(BT_ROWS, "DA10.TDA3", "DA2"):
        if values is not None:
            plan_dtpt, plan_sn, _allocated, disb_dtpt, disb_sn = values
            values = tuple(
                int(Decimal(str(v)) * 10**6) for v in (plan_dtpt, plan_sn, disb_dtpt, disb_sn)
            )
        if code == "DA8":
            values = (*values[:3], 600_000_000)
        if code == "DA3.TDA2.ND3":
            values = (0, 50_000_000, 0, 50_000_000)
        if code == "DA9.TDA2":
            name = "Mã 0578 - Giảm thiểu tình trạng tảo hôn và hôn nhân cận huyết thống"
        rows.append((depth, stt, name, code, values, "", *rest))
    return rows


KBNN = Form(
    name="kbnn-bach-thong-2023-05-31",
    description="The Treasury (KBNN Bạch Thông) statement to 31/5/2023 in đồng.",
    sheet="Đối chiếu",
    unit="dong",
    columns=COLS10,
    base=BASE10,
    titles=[
        ("A1:C1", "KHO BẠC NHÀ NƯỚC BẠCH THÔNG", "bold"),
        (
            "A3:J3",
            "BẢNG ĐỐI CHIẾU SỐ LIỆU THANH TOÁN VỐN CHƯƠNG TRÌNH MTQG PHÁT TRIỂN KINH TẾ - "
            "XÃ HỘI VÙNG ĐỒNG BÀO DTTS VÀ MIỀN NÚI NĂM 2023",
            "title",
        ),
        ("A4:J4", "(Số liệu đến ngày 31/5/2023)", "italic"),
    ],
    unit_cell=("H5:J5", "Đơn vị tính: đồng"),
    header=header10(6, "Nội dung", "Lũy kế số vốn đã thanh toán"),
    first_data_row=8,
    rows=_treasury_rows(),
    signature=("KẾ TOÁN", "GIÁM ĐỐC", "Bạch Thông, ngày 02 tháng 6 năm 2023"),
)
FORMS = (MAY, SEPT, KBNN)


def build(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for form in FORMS:
        path = folder / f"{form.name}.xlsx"
        lines = write_form(form, path)
        verify(form, lines, path)
        assert check(form, lines) == set(), (form.name, check(form, lines))
    (folder / "kbnn-mapping.toml").write_text(MAPPING, encoding="utf-8")


if __name__ == "__main__":
    build()
    print(f"built {FOLDER.relative_to(ROOT.parent)}")
