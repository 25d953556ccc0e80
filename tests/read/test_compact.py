"""A batch's reports come back from their workers pickled compactly and are the same reports:
the same values, the same JSON, the same fields marked as given, in every model of them."""

from __future__ import annotations

import gc
import pickle
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from mtqg_cli.app import run as pipeline
from mtqg_cli.app.run import reconcile_file, reconcile_files
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Finding, SummaryEntry, Triple
from mtqg_cli.model.vocabulary import Severity, assemble
from mtqg_cli.read.compact import dumps
from mtqg_cli.read.isolation import WorkerPool

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def models(model: BaseModel) -> list[BaseModel]:
    """A model and every model inside it, depth first."""
    found = [model]
    for value in model.__dict__.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                found.extend(models(item))
    return found


def assert_same(back: BaseModel, report: BaseModel) -> None:
    assert back == report
    assert back.model_dump_json() == report.model_dump_json()
    pairs = list(zip(models(back), models(report), strict=True))
    assert [type(b) for b, _ in pairs] == [type(r) for _, r in pairs]
    assert [b.model_fields_set for b, _ in pairs] == [r.model_fields_set for _, r in pairs]


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.xlsx"))[:4])
def test_a_files_report_comes_back_the_same(sample: str) -> None:
    report = reconcile_file(SAMPLES / sample, Options())
    assert report.summary and report.findings is not None
    back = pickle.loads(dumps(report))
    assert_same(back, report)
    assert len(dumps(report)) < len(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))


def test_a_model_with_some_fields_given_keeps_them_and_all_given_share_one_set() -> None:
    finding = Finding(rule="SUM", severity=Severity.error, row=12, expected=5, actual=4)
    whole = Triple(dtpt=1, sn=2, total=3)
    for model in (finding, whole):
        assert_same(pickle.loads(dumps(model)), model)
    one, two = pickle.loads(dumps([whole, Triple(dtpt=4, sn=5, total=9)]))
    assert one.model_fields_set is two.model_fields_set == {"dtpt", "sn", "total"}
    one.dtpt = 7  # a field set again: still all given, the other one unchanged
    assert two.model_fields_set == {"dtpt", "sn", "total"} and two.dtpt == 4
    assert pickle.loads(dumps(finding)).model_fields_set == {
        "rule",
        "severity",
        "row",
        "expected",
        "actual",
    }


class Loose(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str


def test_a_model_with_extra_values_is_pickled_the_ordinary_way() -> None:
    loose = Loose(name="xã", code="X01")  # type: ignore[call-arg]
    back = pickle.loads(dumps(loose))
    assert back == loose and back.__pydantic_extra__ == {"code": "X01"}
    assert b"assemble" not in dumps(loose)
    assert b"assemble" in dumps(Triple())


def test_assemble_makes_models_of_the_values_given() -> None:
    entry = assemble(SummaryEntry, {**SummaryEntry(project="DA1", name="Dự án 1").__dict__})
    assert isinstance(entry, SummaryEntry) and entry.project == "DA1"
    assert entry.model_fields_set == set(SummaryEntry.model_fields)
    partly = assemble(Triple, {"dtpt": 1, "sn": None, "total": None}, ("dtpt",))
    assert partly == Triple(dtpt=1) and partly.model_fields_set == {"dtpt"}


def answer_report(path: Path) -> FileReport:
    return reconcile_file(path, Options())


def test_a_workers_report_arrives_whole() -> None:
    sample = sorted(SAMPLES.glob("*.xlsx"))[0]
    with WorkerPool(1) as pool:
        ((_, back),) = pool.run([(answer_report, (sample,))])
    assert_same(back, reconcile_file(sample, Options()))


def test_a_batch_in_parallel_gathers_its_reports_with_the_collector_off_and_on_again_after(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = []
    for index, sample in enumerate([*sorted(SAMPLES.glob("*.xlsx"))] * 2):
        files.append(tmp_path / f"{index}-{sample.name}")
        shutil.copyfile(sample, files[-1])
    seen: list[bool] = []
    as_report = pipeline._as_report

    def spying(path: Path, result: object, options: Options) -> FileReport:
        seen.append(gc.isenabled())
        return as_report(path, result, options)

    monkeypatch.setattr(pipeline, "_as_report", spying)
    was = gc.isenabled()
    gc.enable()
    try:
        parallel = reconcile_files(files, Options(workers=2))
        assert seen == [False] * len(files) and gc.isenabled()
        one_by_one = reconcile_files(files, Options(workers=1))
    finally:
        if not was:
            gc.disable()
    assert parallel.model_dump_json() == one_by_one.model_dump_json()
