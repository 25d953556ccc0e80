"""The run itself: the garbage collector paused while a file is checked, and on again after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mtqg_cli import pipeline
from mtqg_cli.models import SummaryEntry, Table
from mtqg_cli.pipeline import Options, collector_paused, reconcile_paths

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_after_an_error() -> None:
    with pytest.raises(ValueError, match="hỏng"), collector_paused():
        raise ValueError("hỏng")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_each_file_is_checked_with_the_collector_off_and_its_cycles_freed_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    summarise = pipeline.summarise

    def spying(table: Table) -> list[SummaryEntry]:
        seen.append(gc.isenabled())
        return summarise(table)

    monkeypatch.setattr(pipeline, "summarise", spying)
    files = sorted(SAMPLES.glob("*.xlsx"))
    gc.collect()
    tables_before = _live_tables()
    report = reconcile_paths(files, Options(workers=1))
    assert [f.status for f in report.files] == ["findings", "ok", "ok"]
    assert seen == [False] * len(files)  # off during every file of a serial batch
    assert gc.isenabled()
    gc.collect()
    assert _live_tables() == tables_before  # the files' trees (parent links) were freed


def _live_tables() -> int:
    return sum(isinstance(o, Table) for o in gc.get_objects())
