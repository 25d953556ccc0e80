"""`mtqg demo`: the sample forms shipped inside the package, checked or copied for a first try."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from mtqg_cli.model.errors import UsageError
from mtqg_cli.model.report import Report
from mtqg_cli.words.demo import DEMO_WORDS
from mtqg_cli.words.language import for_language

DEMO = "bach-thong-6-thang-2023-sai-lech.xlsx"
"""The Bạch Thông district's 2023 half-year report, with the inconsistencies the real one had."""
SAMPLES = (DEMO, "bach-thong-6-thang-2023.xlsx", "xa-mau-nghin-dong.xlsx")
"""Every sample shipped: the demo, the same report corrected, a commune's in nghìn đồng."""


@contextmanager
def sample_path(name: str = DEMO) -> Iterator[Path]:
    """A real file path of a shipped sample, for as long as the context lasts."""
    if name not in SAMPLES:
        raise KeyError(name)
    with resources.as_file(resources.files("mtqg_cli").joinpath("data", "samples", name)) as path:
        yield path


def demo_report(lang: str = "vi") -> Report:
    """The demo sample checked as `mtqg reconcile` would, its path shown as the file's name."""
    from mtqg_cli.app.run import reconcile_files
    from mtqg_cli.form.options import Options

    with sample_path(DEMO) as path:
        report = reconcile_files([path], Options(lang=lang, workers=1))
    for file in report.files:
        file.path = DEMO
    return report


def copy_samples(folder: Path, lang: str = "vi") -> str:
    """Copy every sample into `folder` (made if needed); never over a different file.
    Returns what to tell the user: the folder and the files now in it."""
    words = for_language(DEMO_WORDS, lang)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SAMPLES:
        target = folder / name
        with sample_path(name) as source:
            if target.exists() and target.read_bytes() != source.read_bytes():
                raise UsageError("sample_exists", path=str(target))
            shutil.copyfile(source, target)
        written.append(f"  {target}")
    return "\n".join([words["copied"].format(n=len(SAMPLES), folder=folder), *written])


def demo_hint(lang: str = "vi") -> str:
    """What to do next, printed under the demo's tables."""
    return "\n" + for_language(DEMO_WORDS, lang)["hint"]
