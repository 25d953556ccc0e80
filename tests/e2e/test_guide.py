"""The Vietnamese user guide (docs/huong-dan-su-dung.md): every command in it runs, in order, in a
fresh folder, and shows what the guide shows (see guide_blocks); the installation block runs in
test_packaging. The guide covers every rule code of the contract and the README links to it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from guide_blocks import GUIDE, ROOT, Step, first_difference, guide_steps, shows
from mtqg_cli import __version__
from mtqg_cli.cli import app
from mtqg_cli.cli.vietnamese import install_vietnamese

CONTRACT_RULES = (
    "SUM_MISMATCH", "TOTAL_MISMATCH", "RATE_MISMATCH", "OVER_DISBURSED", "UNALLOCATED_MISMATCH",
    "UNALLOCATED_NO_REASON", "UNIT_SUSPECT", "UNKNOWN_PROJECT", "NEGATIVE_AMOUNT",
    "DUPLICATE_LINE", "NUMBER_FORMAT", "MISSING_VALUE", "UNIT_ASSUMED", "SHEET_SKIPPED",
    "LAYOUT_AMBIGUOUS",
    "FORMULA_RANGE", "FORMULA_NOT_CALCULATED", "FORMULA_ERROR", "DUPLICATE_UNIT",
)  # fmt: skip
COLUMNS = "120"
"""The guide shows what a console 120 columns wide shows (a Windows console's default)."""


def arguments(step: Step) -> list[str]:
    """The command line of a step as mtqg receives it: `mtqg ARGS` or `py -m mtqg_cli ARGS`."""
    words = shlex.split(step.command)
    if words[:3] == ["py", "-m", "mtqg_cli"]:
        return words[3:]
    assert words[0] == "mtqg", f"guide line {step.line}: not an mtqg command: {step.command}"
    return words[1:]


def test_every_command_of_the_guide_shows_what_the_guide_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = guide_steps()
    assert len(steps) >= 12
    monkeypatch.chdir(tmp_path)
    install_vietnamese()  # as `mtqg` (main) does for a Vietnamese user
    runner = CliRunner()
    failures = []
    for step in steps:
        args = arguments(step)
        result = runner.invoke(app, args, env={"COLUMNS": COLUMNS, "TERM": "dumb"})
        output = result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"line {step.line}: {step.command}: {result.exception!r}")
        elif "Lỗi không mong đợi" in output or result.exit_code not in (0, 1, 2):
            failures.append(f"line {step.line}: {step.command} failed:\n{output}")
        elif not shows(output, step.expected):
            hint = first_difference(output, step.expected)
            failures.append(f"line {step.line}: {step.command}: {hint}\n--- output:\n{output}")
        if "--output" in args:
            target = Path(args[args.index("--output") + 1])
            assert target.is_file(), f"line {step.line}: {target} was not written"
        if "--annotate" in args:
            folder = Path(args[args.index("--annotate") + 1])
            assert [p.name for p in folder.iterdir()] == ["bach-thong-6-thang-2023-sai-lech.xlsx"]
    assert not failures, "\n\n".join(failures)


def test_the_guide_explains_every_rule_of_the_contract() -> None:
    text = GUIDE.read_text("utf-8")
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| (lỗi|cảnh báo|thông tin) \|", text, re.M))
    assert set(rows) == set(CONTRACT_RULES)
    from mtqg_cli.check.rules import REGISTRY

    words = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}
    for code, severity in rows.items():
        assert words[REGISTRY[code].severity.value] == severity, code


def test_the_guide_is_current_and_linked() -> None:
    text = GUIDE.read_text("utf-8")
    assert f"mtqg-{__version__}-py3-none-any.whl" in text
    assert re.findall(r"^mtqg (\d[\w.]*)$", text, re.M) == [__version__] * 3
    readme = (ROOT / "README.md").read_text("utf-8")
    head = readme[: readme.index("\n## ")]  # before the first section
    assert "(docs/huong-dan-su-dung.md)" in head
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):  # the table of contents leads somewhere
        titles = re.findall(r"^## (.+)$", text, re.M)
        slugs = {re.sub(r"[^\w\- ]", "", t.lower()).replace(" ", "-") for t in titles}
        assert anchor in slugs, anchor


def test_the_guide_runner_reads_blocks_as_documented() -> None:
    sample = "```console\n$ mtqg a\none\n…\nthree\n$ mtqg b\n```\n```console install\n> py x\n```\n"
    steps = guide_steps(sample)
    assert [(s.command, s.expected) for s in steps] == [
        ("mtqg a", ["one", "…", "three"]),
        ("mtqg b", []),
    ]
    assert [s.command for s in guide_steps(sample, install=True)] == ["py x"]
    assert shows("one\ntwo\n2b\nthree  \n", ["one", "…", "three"])
    assert not shows("one\nthree\nfour\n", ["one", "…", "three"])  # the whole output is shown
    assert shows("Kết luận: 13 lỗi\n", ["Kết luận: … lỗi"])
    assert not shows("one\nthree\n", ["three", "…"])


def test_the_demo_ships_the_project_samples() -> None:
    from mtqg_cli.app.demo import SAMPLES, sample_path

    for name in SAMPLES:
        with sample_path(name) as shipped:
            assert shipped.read_bytes() == (ROOT / "data" / "samples" / name).read_bytes(), (
                f"src/mtqg_cli/data/samples/{name} differs from data/samples: run `make samples`"
            )


def test_demo_formats_and_copies_without_overwriting(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["demo", "--format", "json"])
    assert result.exit_code == 0  # the demo ran; its findings are planted on purpose
    assert '"path": "bach-thong-6-thang-2023-sai-lech.xlsx"' in result.stdout
    assert runner.invoke(app, ["demo", "--format", "xlsx"]).exit_code == 2  # needs --output
    english = runner.invoke(app, ["demo", "--lang", "en"], env={"COLUMNS": COLUMNS})
    assert (
        "Verdict: 13 errors (9 root errors, 4 consequences), 3 warnings, 0 info" in english.stdout
    )
    assert "Check your own file: mtqg reconcile FILE.xlsx" in english.stdout
    folder = tmp_path / "mẫu thử"
    assert runner.invoke(app, ["demo", "--copy-to", str(folder)]).exit_code == 0
    assert runner.invoke(app, ["demo", "--copy-to", str(folder)]).exit_code == 0  # same files
    mine = folder / "xa-mau-nghin-dong.xlsx"
    mine.write_bytes(b"my own work")
    again = runner.invoke(app, ["demo", "--copy-to", str(folder)])
    assert again.exit_code == 2 and "không ghi đè" in again.output
    assert mine.read_bytes() == b"my own work"
