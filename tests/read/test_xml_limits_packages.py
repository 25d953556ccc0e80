"""A package read before answers again from memory: each file gets its own answer and bytes."""

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


def _designated(path: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    inflated: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as archive:
        return designated_parts(archive, inflated), inflated


def test_a_package_answered_from_memory_is_each_files_own(tmp_path: Path) -> None:
    xml_limits._KNOWN_PACKAGES.clear()
    first, first_parts = _designated(_book(tmp_path / "a.xlsx", ["Xã A", "Xã B"]))
    assert len(xml_limits._KNOWN_PACKAGES) == 1
    first["xl/worksheets/sheet1.xml"] = "changed by its reader"
    again, again_parts = _designated(_book(tmp_path / "b.xlsx", ["Xã A", "Xã B"]))
    assert len(xml_limits._KNOWN_PACKAGES) == 1  # answered from memory
    assert again == {"xl/worksheets/sheet1.xml": "Xã A", "xl/worksheets/sheet2.xml": "Xã B"}
    assert again_parts == first_parts  # the parts read are handed over as when parsed
    assert set(again_parts) >= {"[Content_Types].xml", "xl/workbook.xml"}


def test_another_sheet_name_or_member_is_a_new_package(tmp_path: Path) -> None:
    xml_limits._KNOWN_PACKAGES.clear()
    _designated(_book(tmp_path / "a.xlsx", ["Xã A"]))
    renamed, _ = _designated(_book(tmp_path / "b.xlsx", ["Xã C"]))
    assert renamed == {"xl/worksheets/sheet1.xml": "Xã C"}
    path = _book(tmp_path / "c.xlsx", ["Xã A"])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/worksheets/sheet9.xml", "<worksheet/>")  # named by no one
    extra, _ = _designated(path)
    assert extra == {"xl/worksheets/sheet1.xml": "Xã A"}
    assert len(xml_limits._KNOWN_PACKAGES) == 3
