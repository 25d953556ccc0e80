"""The package's small parts are parsed once per distinct content: the answers stay each file's own."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook

from mtqg_cli.read import xml_limits
from mtqg_cli.read.xml_limits import designated_parts


def _book(path: Path, titles: list[str]) -> Path:
    workbook = Workbook()
    workbook.active.title = titles[0]
    for title in titles[1:]:
        workbook.create_sheet(title)
    workbook.save(path)
    return path


def _designated(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return designated_parts(archive)


def test_files_of_one_template_share_parses_and_keep_their_own_sheet_names(tmp_path: Path) -> None:
    xml_limits._KNOWN_ELEMENTS.clear()
    first = _designated(_book(tmp_path / "a.xlsx", ["Xã A", "Xã B"]))
    parsed = len(xml_limits._KNOWN_ELEMENTS)
    again = _designated(_book(tmp_path / "b.xlsx", ["Xã A", "Xã B"]))
    other = _designated(_book(tmp_path / "c.xlsx", ["Huyện", "Tổng hợp", "Ghi chú"]))
    assert (
        first == again == {"xl/worksheets/sheet1.xml": "Xã A", "xl/worksheets/sheet2.xml": "Xã B"}
    )
    assert len(xml_limits._KNOWN_ELEMENTS) > parsed  # a different workbook part was parsed afresh
    assert other == {
        "xl/worksheets/sheet1.xml": "Huyện",
        "xl/worksheets/sheet2.xml": "Tổng hợp",
        "xl/worksheets/sheet3.xml": "Ghi chú",
    }


def test_a_remembered_part_reads_as_a_fresh_parse_and_a_bad_one_as_none() -> None:
    xml_limits._KNOWN_ELEMENTS.clear()
    good = b'<Types><Override PartName="/x.xml" ContentType="a"/></Types>'
    assert xml_limits._elements(good) == xml_limits._parse_elements(good)
    assert xml_limits._elements(good) is xml_limits._elements(good)
    assert xml_limits._elements(b"<Types><Override") == ()
    big = b"<a>" + b" " * xml_limits.KNOWN_PART_BYTES + b"</a>"
    assert xml_limits._elements(big) == (("a", {}),)
    assert big not in xml_limits._KNOWN_ELEMENTS
