"""Benchmark of `mtqg reconcile` against a bare calamine read of the same files (make bench)."""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

PROJECTS = [
    ("1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt"),
    ("2", "Dự án 2: Quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần thiết"),
    ("3", "Dự án 3: Phát triển sản xuất nông, lâm nghiệp bền vững"),
    ("4", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu"),
    ("5", "Dự án 5: Phát triển giáo dục đào tạo nâng cao chất lượng nguồn nhân lực"),
    ("6", "Dự án 6: Bảo tồn, phát huy giá trị văn hóa truyền thống"),
    ("7", "Dự án 7: Chăm sóc sức khỏe Nhân dân"),
    ("8", "Dự án 8: Thực hiện bình đẳng giới"),
    ("9", "Dự án 9: Đầu tư phát triển nhóm dân tộc thiểu số rất ít người"),
    ("10", "Dự án 10: Truyền thông, tuyên truyền, vận động"),
]
HEADER = ["STT", "Nội dung", "Kế hoạch vốn năm 2023", "", "", "Giải ngân", "Tỷ lệ (%)"]
SUBHEADER = ["", "", "Tổng số", "Vốn ĐTPT", "Vốn SN", "", ""]


def write_form(path: Path, sections: int, rng: random.Random) -> int:
    """A form with `sections` roman-numbered units, each with the ten projects; returns lines."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Biểu 01")
    sheet.write(0, 0, "UBND TỈNH MẪU")
    sheet.write(1, 0, "BÁO CÁO GIẢI NGÂN VỐN CTMTQG DTTS&MN NĂM 2023")
    sheet.write(2, 5, "Đơn vị tính: triệu đồng")
    sheet.write_row(4, 0, HEADER)
    sheet.write_row(5, 0, SUBHEADER)
    row, lines = 6, 0
    for unit in range(sections):
        sheet.write_row(row, 0, [_roman(unit + 1), f"Xã số {unit + 1}"])
        row, lines = row + 1, lines + 1
        for stt, name in PROJECTS:
            dtpt, sn = rng.randint(0, 9000) * 1000, rng.randint(0, 9000) * 1000
            plan, spent = dtpt + sn, rng.randint(0, dtpt + sn)
            rate = round(spent * 100 / plan, 2) if plan else 0
            sheet.write_row(
                row, 0, [stt, name, plan / 1e6, dtpt / 1e6, sn / 1e6, spent / 1e6, rate]
            )
            row, lines = row + 1, lines + 1
    book.close()
    return lines


def _roman(number: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    values += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


def best_of(command: list[str], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rng = random.Random(1719)
    mtqg = str(Path(sys.executable).with_name("mtqg"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "tinh-700-xa.xlsx"
        lines = write_form(big, 700, rng)
        read_only = [sys.executable, "-c", _bare_read(big)]
        rows = [
            ("bare python + pandas + calamine read", best_of(read_only)),
            (f"mtqg reconcile, 1 file, {lines} lines, json", best_of([mtqg, "reconcile", str(big), "-f", "json"])),
            ("mtqg --help", best_of([mtqg, "--help"])),
        ]  # fmt: skip
        batch = folder / "batch"
        batch.mkdir()
        for index in range(200):
            write_form(batch / f"xa-{index:03d}.xlsx", 1, rng)
        for workers in (1, 2):
            command = [mtqg, "reconcile", str(batch), "-f", "json", "-j", str(workers)]
            case = f"mtqg reconcile, 200 files x 11 lines, {workers} worker(s)"
            rows.append((case, best_of(command, 2)))
    print(f"{'case':<50} {'seconds':>8}")
    for name, seconds in rows:
        print(f"{name:<50} {seconds:>8.3f}")
    print(f"ratio mtqg / bare read (big file): {rows[1][1] / rows[0][1]:.2f}")


def _bare_read(path: Path) -> str:
    return (
        "import pandas, python_calamine\n"
        f"pandas.read_excel({str(path)!r}, engine='calamine', header=None)\n"
    )


if __name__ == "__main__":
    main()
