"""Findings in cascade order: each root followed by what it explains; roots counted apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mtqg_cli.model.report import Finding
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.report.finding_order import cascade_counts, cascade_order, has_causes


def _finding(
    id: str, caused_by: str | None = None, severity: Severity = Severity.error, **more: object
) -> Finding:
    return Finding(rule="SUM_MISMATCH", severity=severity, id=id, caused_by=caused_by, **more)


def test_consequences_follow_their_root_indented() -> None:
    findings = [
        _finding("F1", "F3"),
        _finding("F2"),
        _finding("F3", severity=Severity.warning),
        _finding("F4", "F3"),
        _finding("F5", "F4"),
    ]
    placed = cascade_order(findings)
    assert [(p.finding.id, p.depth) for p in placed] == [
        ("F3", 0), ("F1", 1), ("F4", 1), ("F5", 2), ("F2", 0),
    ]  # fmt: skip
    assert [p.cause.id if p.cause else None for p in placed] == [None, "F3", "F3", "F4", None]


def test_a_cause_that_is_missing_or_loops_counts_as_a_root() -> None:
    findings = [_finding("F1", "F9"), _finding("F2", "F2"), _finding("F3", "F4"),
                _finding("F4", "F3")]  # fmt: skip
    placed = cascade_order(findings)
    assert [(p.finding.id, p.depth) for p in placed] == [(f.id, 0) for f in findings]
    assert not has_causes(findings)


def test_counts_split_the_errors_that_count() -> None:
    findings = [
        _finding("F1", severity=Severity.warning),  # UNIT_SUSPECT: a warning root
        _finding("F2", "F1"),
        _finding("F3", "F1"),
        _finding("F4"),
        _finding("F5", "F4", waived=True),  # accepted: not counted
        _finding("F6", "F4", severity=Severity.info),
    ]
    assert cascade_counts(findings).roots == 1
    assert cascade_counts(findings).consequences == 2
    assert has_causes(findings)


@st.composite
def _cascades(draw: st.DrawFn) -> list[Finding]:
    size = draw(st.integers(0, 14))
    findings = []
    for n in range(1, size + 1):
        cause = draw(st.one_of(st.none(), st.integers(1, size + 2).map(lambda k: f"F{k}")))
        severity = draw(st.sampled_from(list(Severity)))
        accepted = draw(st.booleans())
        findings.append(_finding(f"F{n}", cause, severity, in_baseline=accepted))
    return draw(st.permutations(findings))


@given(_cascades())
def test_every_finding_once_each_consequence_after_its_root(findings: list[Finding]) -> None:
    placed = cascade_order(findings)
    assert sorted(p.finding.id or "" for p in placed) == sorted(f.id or "" for f in findings)
    position = {p.finding.id: i for i, p in enumerate(placed)}
    for index, item in enumerate(placed):
        if item.cause is None:
            assert item.depth == 0
            continue
        assert item.finding.caused_by == item.cause.id
        assert position[item.cause.id] < index
        assert item.depth == placed[position[item.cause.id]].depth + 1
        between = placed[position[item.cause.id] + 1 : index]
        assert all(p.depth > placed[position[item.cause.id]].depth for p in between)


@given(_cascades())
def test_counts_add_up_to_the_errors_that_count(findings: list[Finding]) -> None:
    counts = cascade_counts(findings)
    errors = [f for f in findings if f.severity == Severity.error and not f.accepted]
    assert counts.roots + counts.consequences == len(errors)
    explained = {p.finding.id for p in cascade_order(findings) if p.cause is not None}
    assert counts.consequences == sum(1 for f in errors if f.id in explained)
