"""docs/ci.md and .pre-commit-hooks.yaml cannot go stale: their TOML is valid configuration,
their YAML parses, and every mtqg command they show runs on a sample as documented."""

from __future__ import annotations

import re
import shlex
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from mtqg_cli.cli import app
from mtqg_cli.config.settings import Config, WaiversFile

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "ci.md").read_text("utf-8")
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
CLEAN = ROOT / "data" / "samples" / "bach-thong-6-thang-2023.xlsx"

runner = CliRunner()


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.DOTALL)


def documented_commands() -> list[str]:
    """Every `mtqg …` command line of the shell and YAML examples, in the order shown."""
    commands = [ln for b in blocks("sh") for ln in b.splitlines() if ln.startswith("mtqg ")]
    for block in blocks("yaml"):
        data = yaml.safe_load(block)
        texts: list[str] = []
        for job in (data.get("jobs") or {}).values():
            texts += [step.get("run", "") for step in job.get("steps", [])]
        for job in data.values():
            if isinstance(job, dict) and "script" in job:
                texts += job["script"]
        commands += [
            ln.strip() for t in texts for ln in t.splitlines() if ln.strip().startswith("mtqg ")
        ]
    return commands


def test_the_toml_examples_are_valid_configuration() -> None:
    toml = blocks("toml")
    assert len(toml) == 2
    config = Config.model_validate(tomllib.loads(toml[0]))
    assert config.rules == {"MISSING_VALUE": "info", "DUPLICATE_LINE": "off"}
    assert config.baseline == "ci/mtqg-baseline.json"
    waivers = WaiversFile.model_validate(tomllib.loads(toml[1])).waivers
    assert [w.rule for w in waivers] == ["RATE_MISMATCH", "UNIT_SUSPECT"]
    assert waivers[0].expires is not None and waivers[1].expires is None


def test_the_documented_commands_run_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a submissions repository laid out as the page says: its mtqg.toml, its waivers."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "submissions").mkdir()
    shutil.copy(CLEAN, tmp_path / "submissions" / "xa-ban-thi.xlsx")
    toml = blocks("toml")
    (tmp_path / "mtqg.toml").write_text(toml[0], encoding="utf-8")
    (tmp_path / "mtqg-waivers.toml").write_text(toml[1], encoding="utf-8")
    commands = documented_commands()
    assert any("--format github" in c for c in commands)
    assert any("--format junit" in c for c in commands)
    assert "mtqg reconcile submissions/ --baseline ci/mtqg-baseline.json" in commands
    first = runner.invoke(app, ["reconcile", "submissions/"])
    assert first.exit_code == 2 and "ci/mtqg-baseline.json" in first.stderr  # none written yet
    ordered = sorted(commands, key=lambda c: "--write-baseline" not in c)
    for command in ordered:
        result = runner.invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stderr)
    for name in ("mtqg.sarif", "mtqg-junit.xml", "ci/mtqg-baseline.json"):
        assert (tmp_path / name).is_file(), name


def test_the_documented_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = next(b for b in blocks("text") if "không hợp lệ" in b).strip()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mtqg.toml").write_text(
        '# cấu hình\nfail_on = "error"\ntolerence = 5\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["reconcile", str(CLEAN)])
    assert result.exit_code == 2
    assert " ".join(result.stderr.split()).startswith(shown.removesuffix("…)"))


def test_the_pre_commit_hook_runs_mtqg_on_spreadsheets() -> None:
    (hook,) = HOOKS
    assert hook["id"] == "mtqg" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["mtqg", "reconcile"]
    pattern = re.compile(hook["files"])
    assert pattern.search("nop-bao-cao/Xa 01.XLSX") and pattern.search("a/b.ods")
    assert not pattern.search("README.md") and not pattern.search("a.xlsx.bak")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["scripts"]["mtqg"] == "mtqg_cli.launch:main"
    result = runner.invoke(app, [*hook["entry"].split()[1:], str(CLEAN)])
    assert result.exit_code == 0


def test_the_local_hook_of_the_page_matches_the_shipped_one() -> None:
    configs = [yaml.safe_load(b) for b in blocks("yaml") if "repos" in b]
    local = next(c for c in configs if c["repos"][0]["repo"] == "local")["repos"][0]["hooks"][0]
    (shipped,) = HOOKS
    assert local["entry"] == shipped["entry"] and local["files"] == shipped["files"]
