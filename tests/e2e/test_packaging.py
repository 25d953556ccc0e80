"""The release: `python -m build` makes a wheel and an sdist; each installs in a fresh virtual
environment and runs (`mtqg --version`, `mtqg demo` on the sample shipped inside); the guide's
pipx installation works as written. One version everywhere, and a CHANGELOG entry for it.

Marked `packaging` (about a minute: one build per session, three installs side by side);
`pytest -m "not packaging"` leaves it out.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from guide_blocks import GUIDE, first_difference, guide_steps, shows
from mtqg_cli import __version__
from mtqg_cli.app.demo import SAMPLES

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
WHEEL = f"mtqg-{__version__}-py3-none-any.whl"
SDIST = f"mtqg-{__version__}.tar.gz"
VERDICT = "Kết luận: 13 lỗi (9 lỗi gốc, 4 lỗi kéo theo), 3 cảnh báo, 0 thông tin"
BIN = "Scripts" if os.name == "nt" else "bin"
OUTSIDE = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
"""This environment's variables, less those that would let a fresh venv see the source tree."""
QUICK = {**OUTSIDE, "PIP_COMPILE": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
"""pip without byte-compiling what it installs: a third of the time, and nothing else changes."""


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; fail the test with its output when it fails."""
    result = subprocess.run(
        command, cwd=cwd, env=OUTSIDE if env is None else env, capture_output=True, text=True, timeout=900, check=False,
        encoding="utf-8", errors="replace",
    )  # fmt: skip
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def workspace() -> Iterator[Path]:
    """A folder of this session's own (pytest's are pruned by other runs while a long one goes)."""
    folder = Path(tempfile.mkdtemp(prefix="mtqg-packaging-"))
    yield folder
    # a gigabyte of virtual environments: removed in the background, not on the suite's time
    remove = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    subprocess.Popen([sys.executable, "-c", remove, str(folder)], start_new_session=True)


@pytest.fixture(scope="session")
def dist(workspace: Path) -> Path:
    """The wheel and the sdist, built once for the session."""
    out = workspace / "dist"
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=ROOT)
    assert {p.name for p in out.iterdir()} == {SDIST, WHEEL}
    return out


def fresh_venv(folder: Path, package: Path) -> Path:
    """A new virtual environment with `package` and its dependencies installed from the index
    (by this environment's pip, which saves each venv its own copy); returns its bin folder."""
    run([sys.executable, "-m", "venv", "--without-pip", str(folder)], cwd=folder.parent)
    bin_dir = folder / BIN
    install = [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install"]
    run([*install, "--quiet", str(package)], cwd=folder.parent, env=QUICK)
    return bin_dir


def pipx_install(folder: Path, dist: Path) -> str:
    """The guide's installation, command by command, in a home of its own: `py` is the base
    Python (as the Windows launcher would be), pipx's folders and the user base are temporary."""
    home = folder / "home"
    home.mkdir(parents=True)
    pip_cache = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")
    env = {
        **QUICK, "HOME": str(home), "USERPROFILE": str(home), "PIP_CACHE_DIR": pip_cache,
        "PYTHONUSERBASE": str(folder / "userbase"), "PIPX_HOME": str(folder / "pipx"),
        "PIPX_BIN_DIR": str(folder / "bin"), "PIPX_MAN_DIR": str(folder / "man"),
        "PIP_BREAK_SYSTEM_PACKAGES": "1",
    }  # fmt: skip
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join(
        [str(folder / "bin"), str(folder / "userbase" / "bin"), env["PATH"]]
    )
    base = getattr(sys, "_base_executable", sys.executable)
    shown = []
    steps = guide_steps(install=True)
    assert steps, "the guide has no ```console install block"
    for step in steps:
        command, expected = step.command, step.expected
        words = command.split()
        if words[0] == "py":
            words[0] = base
        output = run(words, cwd=dist, env=env)
        shown.append(f"> {command}\n{output}")
        assert shows(output, expected), f"{command}: {first_difference(output, expected)}\n{output}"
    return "\n".join(shown)


@pytest.fixture(scope="session")
def installs(dist: Path, workspace: Path) -> dict[str, Future[object]]:
    """The three installations, side by side: wheel and sdist with pip, wheel with pipx."""
    root = workspace / "installs"
    root.mkdir()
    pool = ThreadPoolExecutor(max_workers=3)
    futures: dict[str, Future[object]] = {
        "wheel": pool.submit(fresh_venv, root / "wheel-venv", dist / WHEEL),
        "sdist": pool.submit(fresh_venv, root / "sdist-venv", dist / SDIST),
        "pipx": pool.submit(pipx_install, root / "pipx", dist),
    }
    pool.shutdown(wait=False)
    return futures


def test_one_version_everywhere(dist: Path) -> None:
    with zipfile.ZipFile(dist / WHEEL) as wheel:
        metadata = wheel.read(f"mtqg-{__version__}.dist-info/METADATA").decode()
    assert f"\nVersion: {__version__}\n" in metadata
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\]", changelog, re.M)  # newest entry first
    assert changelog.index(f"## [{__version__}]") == changelog.index("## [")
    assert WHEEL in GUIDE.read_text("utf-8")  # the guide installs this very file


def test_wheel_and_sdist_hold_what_runs(dist: Path) -> None:
    with zipfile.ZipFile(dist / WHEEL) as wheel:
        names = set(wheel.namelist())
    needed = {
        "mtqg_cli/__main__.py", "mtqg_cli/py.typed", "mtqg_cli/data/catalog.json",
        "mtqg_cli/data/html/report.css", "mtqg_cli/data/html/report.js",
        *(f"mtqg_cli/data/samples/{name}" for name in SAMPLES),
    }  # fmt: skip
    assert needed <= names
    with tarfile.open(dist / SDIST) as sdist:
        members = {m.name.split("/", 1)[1] for m in sdist.getmembers() if "/" in m.name}
    assert {"README.md", "CHANGELOG.md", "docs/huong-dan-su-dung.md", "pyproject.toml"} <= members
    assert {f"src/{name}" for name in needed} <= members
    assert not [m for m in members if m.startswith("tests/")]


def check_installed(bin_dir: Path, tmp_path: Path) -> None:
    """The installed command: its version, the demo (tables and an HTML page), from elsewhere."""
    mtqg = str(bin_dir / "mtqg")
    assert run([mtqg, "--version"], cwd=tmp_path).strip() == f"mtqg {__version__}"
    demo = run([mtqg, "demo", "--width", "100"], cwd=tmp_path)
    assert VERDICT in demo and "bach-thong-6-thang-2023-sai-lech.xlsx" in demo
    run([mtqg, "demo", "--format", "html", "--output", "demo.html"], cwd=tmp_path)
    assert "Biểu đồ tỷ lệ giải ngân" in (tmp_path / "demo.html").read_text("utf-8")
    where = run(
        [str(bin_dir / "python"), "-c", "import mtqg_cli; print(mtqg_cli.__file__)"], tmp_path
    )
    assert Path(where.strip()).is_relative_to(bin_dir.parent)  # the installed copy, not src/


def test_wheel_installs_and_runs_in_a_fresh_venv(
    installs: dict[str, Future[object]], tmp_path: Path
) -> None:
    bin_dir = installs["wheel"].result()
    assert isinstance(bin_dir, Path)
    check_installed(bin_dir, tmp_path)


def test_sdist_installs_and_runs_in_a_fresh_venv(
    installs: dict[str, Future[object]], tmp_path: Path
) -> None:
    bin_dir = installs["sdist"].result()
    assert isinstance(bin_dir, Path)
    check_installed(bin_dir, tmp_path)


def test_the_guides_pipx_installation(installs: dict[str, Future[object]], tmp_path: Path) -> None:
    shown = installs["pipx"].result()
    assert f"mtqg {__version__}" in str(shown)
