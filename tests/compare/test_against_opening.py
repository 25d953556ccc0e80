"""`--against` opens the Treasury's file the one way `reconcile` opens a workbook: a source typed
in a legacy encoding (TCVN3, VNI) reads as its Unicode twin, and one beyond the configured
limits is refused with the very error `reconcile` gives that file."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy_twins import twin
from mtqg_cli.app.run import reconcile_file, reconcile_paths
from mtqg_cli.compare.against import load_mapping, reconcile_against, source_side
from mtqg_cli.form.options import Options
from mtqg_cli.model.errors import InputError
from mtqg_cli.model.report import Report
from mtqg_cli.read.legacy import TCVN3, VNI, to_tcvn3, to_vni
from mtqg_cli.read.limit_values import Limits
from mtqg_cli.words.messages import file_error

PERIODS = Path(__file__).resolve().parents[1] / "fixtures" / "periods"
MAY = PERIODS / "bach-thong-2023-05-31.xlsx"
KBNN = PERIODS / "kbnn-bach-thong-2023-05-31.xlsx"
MAPPING = PERIODS / "kbnn-mapping.toml"


def _against(source: Path, options: Options | None = None) -> Report:
    report = reconcile_paths([MAY], Options())
    reconcile_against(report, source, mapping=load_mapping(MAPPING), options=options)
    return report


@pytest.mark.parametrize(
    ("encoding", "encode", "font"), [(TCVN3, to_tcvn3, ".VnTime"), (VNI, to_vni, "VNI-Times")]
)
def test_a_legacy_source_is_compared_as_its_unicode_twin(
    tmp_path: Path, encoding: str, encode: object, font: str
) -> None:
    unicode = twin(KBNN, tmp_path / "kbnn.xlsx", lambda s: s, "Times New Roman")
    legacy = twin(KBNN, tmp_path / f"kbnn-{encoding}.xlsx", encode, font)
    mapping = load_mapping(MAPPING)
    plain = source_side(unicode, mapping, Options())
    converted = source_side(legacy, mapping, Options())
    # a TCVN3 capital inside a mixed-case name comes back small (its font is the whole cell's)
    assert {k: (v.name.lower(), v.row, v.figures) for k, v in converted.items()} == {
        k: (v.name.lower(), v.row, v.figures) for k, v in plain.items()
    }
    assert any(line.name.startswith("Dự án") for line in converted.values())  # text converted
    ours, theirs = _against(unicode), _against(legacy)
    assert ours.against is not None and theirs.against is not None
    assert [line.model_dump() for line in theirs.against.lines] == [
        line.model_dump() for line in ours.against.lines
    ]
    cross = {"SOURCE_MISMATCH", "ONLY_IN_REPORT", "ONLY_IN_SOURCE"}
    found = [(f.rule, f.project, f.column, f.expected, f.actual) for f in ours.files[0].findings]
    again = [(f.rule, f.project, f.column, f.expected, f.actual) for f in theirs.files[0].findings]
    assert again == found and any(rule in cross for rule, *_ in found)


@pytest.mark.parametrize(
    "limits", [Limits(max_rows=20), Limits(max_columns=5), Limits(max_cell_chars=10)]
)
def test_a_source_beyond_the_configured_limits_is_refused_as_reconcile_refuses_it(
    limits: Limits,
) -> None:
    options = Options(limits=limits)
    refused = reconcile_file(KBNN, options)
    assert refused.status == "error"
    with pytest.raises(InputError) as caught:
        _against(KBNN, options)
    assert refused.error == file_error(caught.value.key, "vi", **caught.value.params)
    assert _against(KBNN).against is not None  # within the default limits it is compared
