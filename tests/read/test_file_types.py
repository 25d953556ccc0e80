"""The same figures saved as .xlsx, .xlsm, .xls, .ods and .csv give the same findings and summary.

.xls and .ods are made from the samples with LibreOffice (`soffice --headless --convert-to`);
those cases are skipped where it is not installed. CSVs are written as Excel writes them: in the
Vietnamese locale (semicolons, decimal commas) as UTF-8, UTF-8 with BOM or Windows-1258, and in
the English locale (commas, decimal points) by LibreOffice.
"""

from __future__ import annotations

import csv
import json
import shutil
import struct
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from ci_needs import missing
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.form.options import Options
from mtqg_cli.read.readers import read_workbook

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx",
    ROOT / "data" / "samples" / "bach-thong-6-thang-2023.xlsx",
    ROOT / "tests" / "fixtures" / "capital-sections.xlsx",
]
TONES = "\u0300\u0301\u0303\u0309\u0323"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(source: Path, target: str, folder: Path) -> Path:
    """Convert with LibreOffice in its own profile (safe beside other runs)."""
    if SOFFICE is None:
        missing("LibreOffice (soffice)")
    profile = folder / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    made = folder / f"{source.stem}.{target.split(':')[0]}"
    assert made.exists(), f"LibreOffice made no {made.name}"
    return made


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: base letters with their marks, tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tone = next(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", parts.replace(tone, ""))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def vi_csv(source: Path, target: Path, encoding: str) -> Path:
    """The first sheet as a Vietnamese-locale Excel CSV: ';' between cells, ',' before decimals."""
    sheet = CalamineWorkbook.from_path(str(source)).get_sheet_by_index(0)
    rows = sheet.to_python(skip_empty_area=False)

    def cell(value: object) -> str:
        if isinstance(value, float):
            return (str(int(value)) if value.is_integer() else repr(value)).replace(".", ",")
        return "" if value is None else str(value)

    lines = []
    for row in rows:
        buffer = _Line()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow([cell(v) for v in row])
        lines.append(buffer.text)
    text = "".join(lines)
    if encoding == "cp1258":
        target.write_bytes(to_cp1258(text))
    else:
        target.write_text(text, encoding=encoding, newline="")
    return target


class _Line:
    text = ""

    def write(self, value: str) -> None:
        self.text += value


def outcome(path: Path) -> tuple[str, list[tuple], list[dict]]:
    report = reconcile_file(path, Options())
    assert report.status != "error", report.error
    findings = [
        (f.rule, f.severity, f.cell, f.column, f.project, f.expected, f.actual)
        for f in report.findings
    ]
    summary = [e.model_dump(exclude={"sheet"}) for e in report.summary]
    return report.status, findings, summary


@pytest.fixture(scope="module", params=SOURCES, ids=lambda p: p.name)
def source(request: pytest.FixtureRequest) -> tuple[Path, tuple[str, list[tuple], list[dict]]]:
    path: Path = request.param
    return path, outcome(path)


def test_xlsm_copy_reads_alike(source: tuple, tmp_path: Path) -> None:
    path, expected = source
    copy = tmp_path / f"{path.stem}.xlsm"
    shutil.copyfile(path, copy)
    assert outcome(copy) == expected


@pytest.mark.parametrize("target", ["xls", "ods"])
def test_libreoffice_formats_read_alike(source: tuple, tmp_path: Path, target: str) -> None:
    path, expected = source
    converted = soffice_convert(path, target, tmp_path)
    assert outcome(converted) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_vietnamese_csv_reads_alike(source: tuple, tmp_path: Path, encoding: str) -> None:
    path, expected = source
    made = vi_csv(path, tmp_path / f"{path.stem}.csv", encoding)
    if encoding == "cp1258":
        with pytest.raises(UnicodeDecodeError):
            made.read_bytes().decode("utf-8")
    assert outcome(made) == expected


def test_english_locale_csv_of_the_clean_sample(tmp_path: Path) -> None:
    """LibreOffice's CSV (commas, decimal points, values not as shown) of a sample whose
    amounts are all numbers: the same findings and figures."""
    path = SOURCES[1]
    made = soffice_convert(
        path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", tmp_path
    )
    assert outcome(made) == outcome(path)


def test_csv_cells_are_typed_like_the_workbook(tmp_path: Path) -> None:
    made = vi_csv(SOURCES[0], tmp_path / "f.csv", "utf-8-sig")
    rows = read_workbook(made).sheets[0].rows
    assert rows[11][2] == pytest.approx(73673.385459)  # a number cell
    assert rows[11][4] == "46.929,385,459"  # text stays text, read (and reported) as text
    assert rows[12][0] == "I" and rows[13][0] == "a"


def test_ole_container_named_xlsx_is_reported_as_encrypted(tmp_path: Path) -> None:
    """Excel saves a password-protected .xlsx as an OLE container, not a zip."""
    fake = tmp_path / "mat-khau.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    report = reconcile_file(fake, Options())
    assert report.status == "error" and report.error and "mật khẩu" in report.error


def test_password_protected_ods_is_reported_as_encrypted(tmp_path: Path) -> None:
    """LibreOffice lists the parts it encrypted with a password in the manifest."""
    path = tmp_path / "mat-khau.ods"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:'
        'xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"/></manifest:file-entry>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", b"\x8f\x13 encrypted bytes")
    report = reconcile_file(path, Options())
    assert report.status == "error" and report.error and "mật khẩu" in report.error
    english = reconcile_file(path, Options(lang="en"))
    assert english.error and "password" in english.error


def encrypted_copy(source: Path, target: Path) -> Path:
    """The workbook saved with a password, as Excel does: an OLE container (ECMA-376 agile
    encryption) holding EncryptionInfo and EncryptedPackage."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    with source.open("rb") as plain, target.open("wb") as out:
        ooxml.OOXMLFile(plain).encrypt("matkhau", out)
    return target


def test_password_protected_xlsx_exits_2_asking_to_remove_the_password(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mtqg_cli.cli import app

    path = encrypted_copy(SOURCES[1], tmp_path / "mat-khau.xlsx")
    assert path.read_bytes().startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    result = CliRunner().invoke(app, ["reconcile", str(path), "-f", "json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["files"][0]["error"]
    assert "đặt mật khẩu" in error and "mat-khau.xlsx" in error
    english = CliRunner().invoke(app, ["reconcile", str(path), "--lang", "en", "-f", "json"])
    assert english.exit_code == 2 and "password" in json.loads(english.stdout)["files"][0]["error"]


def test_encrypted_workbook_named_xls_is_encrypted_not_damaged(tmp_path: Path) -> None:
    path = encrypted_copy(SOURCES[1], tmp_path / "mat-khau.xls")
    report = reconcile_file(path, Options())
    assert report.status == "error" and report.error and "đặt mật khẩu" in report.error


def test_xls_with_a_filepass_record_is_encrypted_not_damaged(tmp_path: Path) -> None:
    """Old Excel saves a password-protected .xls with a FILEPASS record (0x002F) right after the
    BOF of the workbook stream; the rest of the stream is then enciphered."""
    olefile = pytest.importorskip("olefile")
    path = soffice_convert(SOURCES[1], "xls", tmp_path)
    assert reconcile_file(path, Options()).status != "error"
    ole = olefile.OleFileIO(str(path), write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    bof_type, bof_size = struct.unpack_from("<HH", stream, 0)
    assert bof_type == 0x0809
    struct.pack_into("<H", stream, 4 + bof_size, 0x002F)
    ole.write_stream("Workbook", bytes(stream))
    ole.close()
    report = reconcile_file(path, Options(lang="en"))
    assert report.status == "error" and report.error and "password" in report.error


@pytest.mark.parametrize(("encoding", "shown"), [("tcvn3", "TCVN3"), ("vni", "VNI")])
def test_csv_typed_in_a_legacy_encoding_reads_like_its_unicode_twin(
    tmp_path: Path, encoding: str, shown: str
) -> None:
    """A CSV saved from a sheet typed with .VnTime or VNI-Times fonts: one byte per code."""
    from mtqg_cli.read.legacy import to_tcvn3, to_vni

    twin = vi_csv(SOURCES[0], tmp_path / "unicode.csv", "utf-8")
    convert = to_tcvn3 if encoding == "tcvn3" else to_vni
    legacy = tmp_path / f"{encoding}.csv"
    legacy.write_bytes(convert(twin.read_text("utf-8")).encode("latin-1"))
    with pytest.raises(UnicodeDecodeError):
        legacy.read_bytes().decode("utf-8")
    report = reconcile_file(legacy, Options())
    note = report.findings[0]
    assert (note.rule, note.severity, note.cell) == ("LEGACY_ENCODING", "info", "A1")
    assert shown in note.message
    status, findings, summary = outcome(legacy)
    expected_status, expected_findings, expected_summary = outcome(twin)
    assert status == expected_status
    assert findings[1:] == expected_findings
    # TCVN3 has no toned capitals without a capital font: figures and codes, not names, agree
    assert [{**e, "name": None} for e in summary] == [{**e, "name": None} for e in expected_summary]
    assert len(summary) > 30 and any(e["project"].startswith("DA10.") for e in summary)
