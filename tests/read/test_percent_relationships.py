"""The relationships the percent reader remembers by their bytes are the ones it parses."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.read.cell_formats import _parse_relationships, _relationships
from mtqg_cli.read.xml_parts import KnownParts, Parts

NS = "http://schemas.openxmlformats.org/package/2006/relationships"
target = st.sampled_from(["worksheets/sheet1.xml", "/xl/styles.xml", "../x.xml", "a b.xml", ""])
mode = st.sampled_from(["", ' TargetMode="External"'])
relation = st.tuples(st.integers(1, 5), target, mode)


def rels_part(relations: list[tuple[int, str, str]], broken: bool) -> bytes:
    items = "".join(
        f'<Relationship Id="rId{n}" Type="t/{n}" Target="{t}"{m}/>' for n, t, m in relations
    )
    return f'<Relationships xmlns="{NS}">{items}{"" if broken else "</Relationships>"}'.encode()


@settings(max_examples=150, deadline=None)
@given(st.lists(relation, max_size=5), st.booleans(), st.sampled_from(["", "xl/workbook.xml"]))
def test_remembered_relationships_are_the_parsed_ones(
    relations: list[tuple[int, str, str]], broken: bool, source: str
) -> None:
    data = rels_part(relations, broken)
    parts = Parts(Path("x.xlsx"), KnownParts({"r.rels": None}, {"r.rels": data}))

    def outcome(read: object) -> object:
        try:
            return read(parts, "r.rels", source)  # type: ignore[operator]
        except Exception as exc:  # the same error, or the same answer
            return type(exc)

    expected = outcome(_parse_relationships)
    assert outcome(_relationships) == expected
    assert outcome(_relationships) == expected  # remembered the second time
