"""A corpus of hostile and broken inputs, generated at test time (nothing big is committed).

Heavy cases (a zip bomb, a million formatted rows, 16,384 columns, 200 sheets) are written by
streaming the XML parts of the .xlsx straight into a zip, so building the corpus takes seconds.
`build_corpus(folder)` returns {case name: path}; `python tests/build_bad_inputs.py DIR` writes it.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "bach-thong-6-thang-2023.xlsx"
XML = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CT_BOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
LOL = (
    b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)

SheetBody = Callable[[], Iterable[bytes]]


def write_xlsx(
    path: Path, sheets: list[tuple[str, SheetBody]], strings: bytes | None = None
) -> Path:
    """A minimal .xlsx whose sheet XML is streamed from each body's chunks (rows, prologue)."""
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{CT_BOOK}"/>']
    rels, entries = [], []
    for index, (name, _) in enumerate(sheets, 1):
        overrides.append(
            f'<Override PartName="/xl/worksheets/sheet{index}.xml" ContentType="{CT_SHEET}"/>'
        )
        rels.append(
            f'<Relationship Id="rId{index}" Type="{REL}/worksheet" Target="worksheets/sheet{index}.xml"/>'
        )
        entries.append(f'<sheet name="{name}" sheetId="{index}" r:id="rId{index}"/>')
    if strings is not None:
        overrides.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT_SST}"/>')
        rels.append(
            f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types xmlns="{PKG}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{"".join(overrides)}</Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{REL}"><sheets>{"".join(entries)}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}/relationships">{"".join(rels)}</Relationships>',
        )
        if strings is not None:
            archive.writestr("xl/sharedStrings.xml", strings)
        for index, (_, body) in enumerate(sheets, 1):
            with archive.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as part:
                _stream(part, body())
    return path


def _stream(part: object, chunks: Iterable[bytes]) -> None:
    buffer: list[bytes] = []
    size = 0
    write = part.write  # type: ignore[attr-defined]
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size > 1 << 20:
            write(b"".join(buffer))
            buffer, size = [], 0
    write(b"".join(buffer))


def sheet(rows: Iterable[bytes], prologue: bytes = b"", head: bytes = b"") -> Iterator[bytes]:
    yield XML + head + b"<worksheet " + MAIN + b">" + prologue + b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def text_cell(ref: str, text: str) -> bytes:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").encode()
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), escaped)


def num_cell(ref: str, value: str) -> bytes:
    return b'<c r="%s"><v>%s</v></c>' % (ref.encode(), value.encode())


def form_rows(values: list[list[str | None]], first: int = 7) -> list[bytes]:
    """A small disbursement form: title, unit line, header, then the given data rows (STT, name,
    plan, disbursed), each value written as a number when it parses, else as text."""
    head = [
        b'<row r="1">' + text_cell("A1", "BIỂU TỔNG HỢP GIẢI NGÂN VỐN CTMTQG DTTS&MN") + b"</row>",
        b'<row r="3">' + text_cell("D3", "Đơn vị tính: triệu đồng") + b"</row>",
        b'<row r="5">'
        + text_cell("A5", "STT")
        + text_cell("B5", "Nội dung")
        + text_cell("C5", "Kế hoạch vốn năm 2023")
        + text_cell("D5", "Giải ngân đến 30/6/2023")
        + b"</row>",
        b'<row r="6">'
        + b"".join(text_cell(f"{c}6", f"({i})") for i, c in enumerate("ABCD", 1))
        + b"</row>",
    ]
    rows = []
    for offset, row in enumerate(values):
        number = first + offset
        cells = b""
        for col, value in zip("ABCD", row, strict=False):
            if value is None:
                continue
            ref = f"{col}{number}"
            cells += (
                num_cell(ref, value) if _numeric(value) and col in "CD" else text_cell(ref, value)
            )
        rows.append(b'<row r="%d">%s</row>' % (number, cells))
    return head + rows


def _numeric(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


GOOD = [
    ["", "TỔNG CỘNG", "300", "100"],
    ["1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở", "100", "40"],
    ["2", "Dự án 2: Quy hoạch, sắp xếp, bố trí, ổn định dân cư", "200", "60"],
]


def _form(path: Path, values: list[list[str | None]], extra: bytes = b"") -> Path:
    return write_xlsx(path, [("Biểu 01", lambda: sheet(form_rows(values), extra))])


# --------------------------------------------------------------------------- the cases
def truncated(d: Path) -> Path:
    data = SAMPLE.read_bytes()
    return _bytes(d / "truncated.xlsx", data[: len(data) // 2])


def corrupted(d: Path) -> Path:
    data = bytearray(SAMPLE.read_bytes())
    for i in range(len(data) // 3, len(data) // 3 + 400):
        data[i] ^= 0x5A
    return _bytes(d / "corrupted.xlsx", bytes(data))


def zip_bomb(d: Path) -> Path:
    """300 MB of zeros (over the default limit) in a file of a few hundred KB."""
    zeros = b"0" * (1 << 20)
    row = b'<row r="1">' + num_cell("A1", "1") + b"</row>"
    return write_xlsx(d / "zip-bomb.xlsx", [("S", lambda: sheet([row, *([zeros] * 300)]))])


def lying_zip_bomb(d: Path) -> Path:
    """A part whose zip headers claim 1 KB but which inflates to 40 MB."""
    path = write_xlsx(d / "lying-bomb.xlsx", [("S", lambda: sheet([]))])
    big = b"".join(sheet([b"<x/>" * (1 << 18)] * 40))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/styles.xml", big)
        info = archive.getinfo("xl/styles.xml")
    data = bytearray(path.read_bytes())
    old = info.file_size.to_bytes(4, "little")
    start = data.find(old)
    while start >= 0:
        data[start : start + 4] = (1024).to_bytes(4, "little")
        start = data.find(old, start + 4)
    return _bytes(path, bytes(data))


def entity_sheet(d: Path) -> Path:
    rows = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>']
    return write_xlsx(d / "entity-sheet.xlsx", [("S", lambda: sheet(rows, head=LOL))])


def entity_strings(d: Path) -> Path:
    rows = [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>']
    strings = XML + LOL + b"<sst " + MAIN + b"><si><t>&lol9;</t></si></sst>"
    return write_xlsx(d / "entity-strings.xlsx", [("S", lambda: sheet(rows))], strings)


def formatted_rows(d: Path) -> Path:
    """The good form, then a million empty rows that only carry a format."""

    def rows() -> Iterator[bytes]:
        yield from form_rows(GOOD)
        for r in range(20, 1_000_020):
            yield b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/></row>' % (r, r)

    return write_xlsx(d / "million-formatted-rows.xlsx", [("Biểu 01", lambda: sheet(rows()))])


def wide(d: Path) -> Path:
    row = (
        b'<row r="1">' + b"".join(num_cell(_col(c) + "1", "1") for c in range(1, 16385)) + b"</row>"
    )
    return write_xlsx(d / "16384-columns.xlsx", [("S", lambda: sheet([row]))])


def _col(n: int) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def far_cell(d: Path) -> Path:
    """Two cells, A1 and XFD1048576: a dense grid of 17 billion cells for a naive reader."""
    rows = [
        b'<row r="1">' + num_cell("A1", "1") + b"</row>",
        b'<row r="1048576">' + num_cell("XFD1048576", "1") + b"</row>",
    ]
    return write_xlsx(d / "far-cell.xlsx", [("S", lambda: sheet(rows))])


def moved_part(source: Path, target: Path, renames: dict[str, str], edit: bytes = b"") -> Path:
    """A copy of `source` whose parts are renamed (`renames`, old name -> new) and whose
    relationships and content types name the new parts: found only through them."""
    with zipfile.ZipFile(source) as archive:
        parts = [(i.filename, archive.read(i)) for i in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, body in parts:
            for old, new in renames.items():
                body = body.replace(old.split("/", 1)[1].encode(), new.split("/", 1)[1].encode())
            out.writestr(renames.get(name, name), body)
    source.unlink()
    return target


def far_cell_elsewhere(d: Path) -> Path:
    """A far cell (XFD1048576) in a sheet part the workbook's relationships place outside
    xl/worksheets/, named with an upper-case extension, its cell tag followed by a tab: a scan
    by path patterns and `<c r=` misses it, and calamine then asks for 512 GiB and aborts."""
    rows = [
        b'<row r="1">' + num_cell("A1", "1") + b"</row>",
        b'<row r="1048576"><c\tr="XFD1048576"><v>1</v></c></row>',
    ]
    plain = write_xlsx(d / "far-cell-plain.xlsx", [("S", lambda: sheet(rows))])
    return moved_part(
        plain, d / "far-cell-elsewhere.xlsx", {"xl/worksheets/sheet1.xml": "xl/ws/Sheet1.XML"}
    )


def upper_case_part(d: Path) -> Path:
    """The far cell in xl/worksheets/SHEET1.XML: a part found by a path pattern in lower case
    only would not be scanned."""
    rows = [b'<row r="1">' + num_cell("A1", "1") + b"</row>", b'<row r="1048576">'
            + num_cell("XFD1048576", "1") + b"</row>"]  # fmt: skip
    plain = write_xlsx(d / "upper-plain.xlsx", [("S", lambda: sheet(rows))])
    return moved_part(
        plain, d / "upper-case-part.xlsx", {"xl/worksheets/sheet1.xml": "xl/worksheets/SHEET1.XML"}
    )


def entity_reference(d: Path) -> Path:
    """A cell reference written with character references (&#88; is X): only an XML parser
    reads it as XFD1048576."""
    rows = [b'<row r="1">' + num_cell("A1", "1") + b"</row>",
            b'<row r="1048576"><c r="&#88;FD1048576"><v>1</v></c></row>']  # fmt: skip
    return write_xlsx(d / "entity-reference.xlsx", [("S", lambda: sheet(rows))])


def rich_text_runs(d: Path) -> Path:
    """A shared string of 12 rich-text runs of 5,000 characters: each run is short, the text
    is 60,000 characters, beyond Excel's 32,767."""
    runs = b"".join(b"<r><t>" + b"x" * 5_000 + b"</t></r>" for _ in range(12))
    strings = XML + b"<sst " + MAIN + b' count="1" uniqueCount="1"><si>' + runs + b"</si></sst>"
    rows = [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>']
    return write_xlsx(d / "rich-text-runs.xlsx", [("S", lambda: sheet(rows))], strings)


ODS_NS = (
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def write_ods(path: Path, body: bytes) -> Path:
    """A minimal .ods whose spreadsheet body (tables) is given."""
    content = (XML + b"<office:document-content " + ODS_NS + b' office:version="1.2">'
               b"<office:body><office:spreadsheet>" + body
               + b"</office:spreadsheet></office:body></office:document-content>")  # fmt: skip
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        b'"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
        b'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        b'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        b'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def ods_nested_table(d: Path) -> Path:
    """A table inside a cell whose rows repeat a million times: a scan that starts its counts
    anew at each table misses them."""
    inner = (b'<table:table table:name="trong"><table:table-row table:number-rows-repeated='
             b'"1000000"><table:table-cell table:number-columns-repeated="1000" '
             b'office:value-type="float" office:value="1"/></table:table-row></table:table>')  # fmt: skip
    body = (b'<table:table table:name="S"><table:table-row><table:table-cell>' + inner
            + b"</table:table-cell></table:table-row></table:table>")  # fmt: skip
    return write_ods(d / "ods-nested-table.ods", body)


def ods_repeated_spaces(d: Path) -> Path:
    """One cell of <text:s text:c="100000000"/>: a hundred million spaces once expanded."""
    body = (b'<table:table table:name="S"><table:table-row><table:table-cell office:value-type='
            b'"string"><text:p>a<text:s text:c="100000000"/>b</text:p></table:table-cell>'
            b"</table:table-row></table:table>")  # fmt: skip
    return write_ods(d / "ods-spaces.ods", body)


def write_xls(path: Path, records: bytes) -> Path:
    """A compound file (512-byte sectors) holding `records` as its Workbook stream."""
    import struct

    stream = records + b"\0" * max(0, 4096 - len(records))  # a regular (not mini) stream
    stream += b"\0" * (-len(stream) % 512)
    count = len(stream) // 512
    fat = [*range(1, count), 0xFFFFFFFE, 0xFFFFFFFE, 0xFFFFFFFD]
    fat += [0xFFFFFFFF] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\0" * 36
                + struct.pack("<IQ", start, size))  # fmt: skip

    directory = (entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + entry("Workbook", 2, 0xFFFFFFFF, 0,
                 len(records) if len(records) >= 4096 else 4096) + entry("", 0, 0xFFFFFFFF,
                 0, 0) * 2)  # fmt: skip
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIII", 0, 1, count, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
              + struct.pack("<I", 0) + struct.pack("<I", count + 1)
              + struct.pack("<108I", *[0xFFFFFFFF] * 108))  # fmt: skip
    body = header + stream + directory + struct.pack("<128I", *fat)
    return _bytes(path, body)


def _record(kind: int, body: bytes) -> bytes:
    import struct

    return struct.pack("<HH", kind, len(body)) + body


def xls_far_dimensions(d: Path) -> Path:
    """An .xls of a few KB whose sheet declares 1,048,576 rows × 256 columns (DIMENSIONS) and
    holds one cell at row 65,536, column 256: millions of cells for a reader that trusts it."""
    import struct

    bof = struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0)
    records = (_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
               + _record(0x000A, b"") + _record(0x0809, bof)
               + _record(0x0200, struct.pack("<IIHHH", 0, 1_048_576, 0, 256, 0))
               + _record(0x0203, struct.pack("<HHHd", 65_535, 255, 0, 1.0))
               + _record(0x000A, b""))  # fmt: skip
    return write_xls(d / "xls-far-dimensions.xls", records)


def csv_many_lines(d: Path) -> Path:
    """Two million empty lines (2 MB): rows without end for a reader that reads them all."""
    return _bytes(d / "many-lines.csv", b"STT;Noi dung\n" + b"\n" * 2_000_000)


def csv_quoted_rows(d: Path) -> Path:
    """300,000 rows that each hold a quote: rows must be counted as they are parsed."""
    return _bytes(d / "quoted-rows.csv", b'STT;"Noi dung"\n' + b'1;"a"\n' * 300_000)


def lying_strings(d: Path) -> Path:
    rows = [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>']
    strings = XML + b"<sst " + MAIN + b' count="1" uniqueCount="2000000000"><si><t>x</t></si></sst>'
    return write_xlsx(d / "lying-shared-strings.xlsx", [("S", lambda: sheet(rows))], strings)


def megabyte_cell(d: Path) -> Path:
    values = [[*row] for row in GOOD]
    values[1][1] = "Dự án 1 " + "x" * (1 << 20)
    return _form(d / "megabyte-cell.xlsx", values)


def megabyte_shared_string(d: Path) -> Path:
    rows = [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>']
    strings = XML + b"<sst " + MAIN + b"><si><t>" + b"y" * (1 << 20) + b"</t></si></sst>"
    return write_xlsx(d / "megabyte-shared-string.xlsx", [("S", lambda: sheet(rows))], strings)


def no_cached_values(d: Path) -> Path:
    def rows() -> list[bytes]:
        out = form_rows([GOOD[0][:2], *GOOD[1:]])
        out[4] = out[4].replace(
            b"</row>", b'<c r="C7"><f>SUM(C8:C9)</f></c><c r="D7"><f>D8+D9</f></c></row>'
        )
        return out

    return write_xlsx(d / "formulas-no-cache.xlsx", [("Biểu 01", lambda: sheet(rows()))])


def circular_merges(d: Path) -> Path:
    merges = b'<mergeCells count="3"><mergeCell ref="A5:B6"/><mergeCell ref="B6:C7"/><mergeCell ref="C7:A5"/></mergeCells>'

    def body() -> Iterator[bytes]:
        for chunk in sheet(form_rows(GOOD)):
            yield chunk.replace(b"</sheetData>", b"</sheetData>" + merges)

    return write_xlsx(d / "circular-merges.xlsx", [("Biểu 01", body)])


def dates_as_amounts(d: Path) -> Path:
    rows = form_rows(GOOD)
    rows[5] = (
        b'<row r="8">'
        + text_cell("A8", "1")
        + text_cell("B8", "Dự án 1")
        + b'<c r="C8" t="d"><v>2023-06-30T00:00:00</v></c></row>'
    )
    return write_xlsx(d / "dates-as-amounts.xlsx", [("Biểu 01", lambda: sheet(rows))])


def odd_numbers(d: Path) -> Path:
    values = [
        ["", "TỔNG CỘNG", "NaN", "inf"],
        ["1", "Dự án 1", "123456789012345678901234567890", "-0"],
        ["2", "Dự án 2", "-inf", "1e400"],
        ["3", "Dự án 3", "-0.0", "1.2.3,4,5"],
    ]
    rows = form_rows([v[:2] for v in values])
    for offset, value in enumerate(values):
        r = 7 + offset
        rows[4 + offset] = rows[4 + offset].replace(
            b"</row>", text_cell(f"C{r}", value[2]) + num_cell(f"D{r}", "-0") + b"</row>"
        )
    return write_xlsx(d / "nan-inf-30-digits.xlsx", [("Biểu 01", lambda: sheet(rows))])


def header_only(d: Path) -> Path:
    return _form(d / "header-no-data.xlsx", [])


def data_only(d: Path) -> Path:
    rows = form_rows(GOOD)[4:]
    return write_xlsx(d / "data-no-header.xlsx", [("Biểu 01", lambda: sheet(rows))])


def many_sheets(d: Path) -> Path:
    sheets = [(f"Biểu {i:03d}", lambda: sheet(form_rows(GOOD))) for i in range(200)]
    return write_xlsx(d / "200-sheets.xlsx", sheets)


def directory(d: Path) -> Path:
    path = d / "thư mục.xlsx"
    path.mkdir()
    return path


def vietnamese_path(d: Path) -> Path:
    folder = d / "Báo cáo quý 3 (bản sửa)"
    folder.mkdir()
    return _form(folder / "Xã Đồng Tâm – giải ngân 6 tháng.xlsx", GOOD)


def empty_csv(d: Path) -> Path:
    return _bytes(d / "empty.csv", b"")


def long_csv_cell(d: Path) -> Path:
    return _bytes(d / "long-cell.csv", b"STT;Noi dung\n1;" + b"z" * 300_000 + b"\n")


def binary_as_csv(d: Path) -> Path:
    return _bytes(d / "binary.csv", bytes(range(256)) * 64)


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "truncated": truncated,
    "corrupted": corrupted,
    "zip_bomb": zip_bomb,
    "lying_zip_bomb": lying_zip_bomb,
    "entity_sheet": entity_sheet,
    "entity_strings": entity_strings,
    "formatted_rows": formatted_rows,
    "wide": wide,
    "far_cell": far_cell,
    "far_cell_elsewhere": far_cell_elsewhere,
    "upper_case_part": upper_case_part,
    "entity_reference": entity_reference,
    "rich_text_runs": rich_text_runs,
    "ods_nested_table": ods_nested_table,
    "ods_repeated_spaces": ods_repeated_spaces,
    "xls_far_dimensions": xls_far_dimensions,
    "csv_many_lines": csv_many_lines,
    "csv_quoted_rows": csv_quoted_rows,
    "lying_strings": lying_strings,
    "megabyte_cell": megabyte_cell,
    "megabyte_shared_string": megabyte_shared_string,
    "no_cached_values": no_cached_values,
    "circular_merges": circular_merges,
    "dates_as_amounts": dates_as_amounts,
    "odd_numbers": odd_numbers,
    "header_only": header_only,
    "data_only": data_only,
    "many_sheets": many_sheets,
    "directory": directory,
    "vietnamese_path": vietnamese_path,
    "empty_csv": empty_csv,
    "long_csv_cell": long_csv_cell,
    "binary_as_csv": binary_as_csv,
}


def build_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {name: make(folder) for name, make in CASES.items()}


if __name__ == "__main__":
    for name, path in build_corpus(
        Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    ).items():
        print(f"{name:24} {path}")
