"""Fuzz the reader: mutate sample workbooks and check `reconcile_file` always answers with a report.

    python tests/fuzz_reader.py [--format xlsx|xls|ods|csv] [--seconds N]
                                [--engine atheris|random] [--seed S]

Seeds of each format: the .xlsx samples and fixtures; for .xls and .ods, forms built in
tests/build_bad_inputs.py (a compound file, an ODS zip) and, where LibreOffice is installed,
the samples converted by it; for CSV, the samples' sheets written as CSV. A mutant of a
compound file or CSV has its bytes changed or is cut short (most .xls panics came from
truncation); a zip's XML parts are mutated inside the zip.

Each mutant is either the zip's bytes changed, or one XML part inflated, changed and zipped again
(so the mutation reaches the sheet parser, not only the zip checks). A case passes when
`reconcile_file` returns a FileReport with a status and no "unexpected error" (an exception mtqg
did not turn into a clear message). A failing or hanging input is saved in tests/regressions/ as
`<what-it-hit>-<sha1>.xlsx`; tests/test_regressions.py replays every file there.

Engines: atheris (coverage-guided, Linux, Python < 3.13) when installed, else a seeded random
mutator run in a child process, so that a case that hangs is cut off after `--timeout` seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing
import random
import re
import sys
import tempfile
import time
import zipfile
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted([*ROOT.glob("data/samples/*.xlsx"), *ROOT.glob("tests/fixtures/*.xlsx")])
FORMATS = ("xlsx", "xls", "ods", "csv")
REGRESSIONS = ROOT / "tests" / "regressions"
UNEXPECTED = "Unexpected error while processing"
TOKENS = (
    b"<", b">", b"&", b"&amp;", b"\"", b"0", b"9", b"-", b"E+308", b"NaN", b"1e400", b"\x00",
    b"<c r=\"XFD1048576\">", b"<row r=\"4294967296\">", b"<v>", b"</v>", b"t=\"s\"", b"t=\"e\"",
    b"t=\"inlineStr\"", b"<f>SUM(A1:A2)</f>", b"ref=\"A1:ZZ99\"", b"s=\"999\"", "Ư".encode(), b"\xc3",
)  # fmt: skip


class FuzzFailure(Exception):
    """A case that did not end with a clear report; `kind` names what it hit."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def check_one(data: bytes, suffix: str = ".xlsx") -> object:
    """Run `reconcile_file` on `data` saved as a file; return its report or raise FuzzFailure."""
    from mtqg_cli.app.run import reconcile_file
    from mtqg_cli.form.options import Options
    from mtqg_cli.model.report import FileReport

    with tempfile.TemporaryDirectory(prefix="mtqg-fuzz-") as folder:
        path = Path(folder) / f"case{suffix}"
        path.write_bytes(data)
        try:
            report = reconcile_file(path, Options(lang="en", workers=1))
        except BaseException as exc:  # reconcile_file must never raise
            raise FuzzFailure(f"raised-{type(exc).__name__}", repr(exc)[:300]) from exc
    if not isinstance(report, FileReport) or not report.status:
        raise FuzzFailure("no-report", repr(report)[:300])
    if report.error and report.error.startswith(UNEXPECTED):
        name = re.search(r": (\w+)", report.error.split(str(path), 1)[-1])
        raise FuzzFailure(f"unexpected-{name.group(1) if name else 'error'}", report.error)
    return report


# --------------------------------------------------------------------------- mutations
def mutate(data: bytes, rng: random.Random) -> bytes:
    """A mutant of a workbook: half the time one inflated XML part changed and re-zipped; a
    compound file or a text file cut short a quarter of the time."""
    if not data.startswith(b"PK") and len(data) > 1 and rng.random() < 0.25:
        return data[: rng.randrange(1, len(data))]
    if data.startswith(b"PK") and rng.random() < 0.6:
        rezipped = _mutate_part(data, rng)
        if rezipped is not None:
            return rezipped
    return mutate_bytes(data, rng)


def mutate_bytes(data: bytes, rng: random.Random, rounds: int = 0) -> bytes:
    """Flip, insert, delete, duplicate or overwrite a few spans of bytes."""
    out = bytearray(data)
    for _ in range(rounds or rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        action = rng.randrange(6)
        if action == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif action == 1:
            out[at:at] = rng.choice(TOKENS)
        elif action == 2:
            del out[at : at + rng.randint(1, 64)]
        elif action == 3:
            span = bytes(out[at : at + rng.randint(1, 256)])
            out[at:at] = span * rng.randint(1, 8)
        elif action == 4:
            out[at : at + 4] = rng.randbytes(rng.randint(1, 4))
        else:
            out[at:at] = str(rng.choice([0, -1, 2**31, 2**63, 10**30])).encode()
    return bytes(out)


def _mutate_part(data: bytes, rng: random.Random) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(i, archive.read(i)) for i in archive.infolist()]
    except Exception:
        return None
    xml = [n for n, (i, _) in enumerate(parts) if i.filename.endswith((".xml", ".rels"))]
    if not xml:
        return None
    sheets = [n for n in xml if "worksheets/" in parts[n][0].filename]
    chosen = rng.choice(sheets if sheets and rng.random() < 0.7 else xml)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, (info, body) in enumerate(parts):
            archive.writestr(info.filename, mutate_bytes(body, rng) if n == chosen else body)
    return buffer.getvalue()


# --------------------------------------------------------------------------- seeds
def seeds(fmt: str) -> list[bytes]:
    """The inputs mutants of a format are made from."""
    if fmt == "xlsx":
        return [p.read_bytes() for p in SEEDS]
    with tempfile.TemporaryDirectory(prefix="mtqg-fuzz-seeds-") as folder:
        return _built_seeds(fmt, Path(folder))


def _built_seeds(fmt: str, folder: Path) -> list[bytes]:
    sys.path.insert(0, str(ROOT / "tests"))
    import build_bad_inputs as built

    found = [p.read_bytes() for p in _converted(fmt, folder)]
    if fmt == "csv":
        found.append(_csv_of(built.GOOD))
    elif fmt == "ods":
        rows = b"".join(_ods_row(row) for row in [["BIỂU GIẢI NGÂN"], *_HEADER, *built.GOOD])
        body = '<table:table table:name="Biểu 01">'.encode() + rows + b"</table:table>"
        found.append(built.write_ods(folder / "seed.ods", body).read_bytes())
    else:
        found.append(built.xls_far_dimensions(folder).read_bytes())
    return found


_HEADER = [["STT", "Nội dung", "Kế hoạch vốn năm 2023", "Giải ngân đến 30/6/2023"]]


def _csv_of(rows: list[list[str | None]]) -> bytes:
    lines = ["Đơn vị tính: triệu đồng", *(";".join(r) for r in _HEADER)]
    lines += [";".join(v or "" for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _ods_row(values: list[str | None]) -> bytes:
    cells = b""
    for value in values:
        text = (value or "").encode()
        try:
            number = float(value or "x")
        except ValueError:
            cells += (b'<table:table-cell office:value-type="string"><text:p>' + text
                      + b"</text:p></table:table-cell>")  # fmt: skip
        else:
            cells += b'<table:table-cell office:value-type="float" office:value="%s"/>' % (
                str(number).encode()
            )
    return b"<table:table-row>" + cells + b"</table:table-row>"


def _converted(fmt: str, folder: Path) -> list[Path]:
    """The samples converted by LibreOffice (none when it is not installed)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None or fmt == "csv":
        return []
    sample = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"
    subprocess.run(
        [soffice, "--headless", "--convert-to", fmt, "--outdir", str(folder), str(sample)],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    return sorted(folder.glob(f"*.{fmt}"))


# --------------------------------------------------------------------------- saving
def save_failure(data: bytes, kind: str, suffix: str = ".xlsx") -> Path:
    """Keep a failing input as a regression case named by what it hit."""
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", kind).strip("-")[:60] or "failure"
    path = REGRESSIONS / f"{slug}-{hashlib.sha1(data).hexdigest()[:12]}{suffix}"
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- random engine
def _worker(conn: Connection, suffix: str) -> None:
    import os

    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)  # a caught Rust panic still prints its backtrace: thousands of them
    while True:
        data = conn.recv_bytes()
        try:
            check_one(data, suffix)
            conn.send(None)
        except FuzzFailure as exc:
            conn.send((exc.kind, str(exc)))


class _Child:
    """A process that checks cases one by one, so a hanging case can be killed."""

    def __init__(self, suffix: str = ".xlsx") -> None:
        self.conn, child_end = multiprocessing.Pipe()
        self.proc = multiprocessing.get_context("spawn").Process(
            target=_worker, args=(child_end, suffix), daemon=True
        )
        self.proc.start()

    def check(self, data: bytes, timeout: float) -> tuple[str, str] | None:
        self.conn.send_bytes(data)
        if not self.conn.poll(timeout):
            return ("hang", f"no answer within {timeout:g} s")
        try:
            result: tuple[str, str] | None = self.conn.recv()
        except EOFError:
            return ("died", f"exit code {self.proc.exitcode}")
        return result

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join()


def run_random(
    seconds: float, seed: int, timeout: float, max_cases: int = 0, fmt: str = "xlsx"
) -> list[Path]:
    """Mutate the seeds of `fmt` for `seconds` (or `max_cases` cases); return the failures saved."""
    rng = random.Random(seed)
    found = seeds(fmt)
    suffix = f".{fmt}"
    saved: list[Path] = []
    child, cases, end = _Child(suffix), 0, time.monotonic() + seconds
    try:
        while time.monotonic() < end and (not max_cases or cases < max_cases):
            mutant = mutate(rng.choice(found), rng)
            cases += 1
            failure = child.check(mutant, timeout)
            if failure is None:
                continue
            path = save_failure(mutant, failure[0], suffix)
            saved.append(path)
            print(f"FAIL {path.name}: {failure[1][:200]}", flush=True)
            if failure[0] in ("hang", "died"):
                child.stop()
                child = _Child(suffix)
    finally:
        child.stop()
    print(
        f"fuzz {fmt} (random, seed {seed}): {cases} cases in {seconds:g} s, {len(saved)} failures"
    )
    return saved


# --------------------------------------------------------------------------- atheris engine
def run_atheris(
    seconds: float, seed: int, timeout: float, fmt: str = "xlsx"
) -> None:  # pragma: no cover
    import atheris  # type: ignore[import-not-found]

    with atheris.instrument_imports(include=["mtqg_cli"]):
        import mtqg_cli.app.run  # noqa: F401

    suffix = f".{fmt}"

    def one_input(data: bytes) -> None:
        try:
            check_one(data, suffix)
        except FuzzFailure as exc:
            print(f"FAIL {save_failure(data, exc.kind, suffix).name}: {exc}", flush=True)
            raise

    def custom_mutator(data: bytes, max_size: int, mutation_seed: int) -> bytes:
        rng = random.Random(mutation_seed)
        if rng.random() < 0.7:
            mutant = mutate(data, rng)
            if len(mutant) <= max_size:
                return mutant
        return bytes(atheris.Mutate(data, max_size))

    corpus = Path(tempfile.mkdtemp(prefix="mtqg-fuzz-corpus-"))
    for index, data in enumerate(seeds(fmt)):
        (corpus / f"seed-{index}{suffix}").write_bytes(data)
    artifacts = tempfile.mkdtemp(prefix="mtqg-fuzz-artifacts-")
    argv = [
        sys.argv[0], str(corpus), f"-max_total_time={int(seconds)}", f"-timeout={int(timeout)}",
        f"-seed={seed}", "-max_len=400000", "-rss_limit_mb=3072",
        f"-artifact_prefix={artifacts}/", "-print_final_stats=1",
    ]  # fmt: skip
    print(f"fuzz (atheris): corpus {corpus}, libFuzzer artifacts (hangs, ooms) in {artifacts}")
    atheris.Setup(argv, one_input, custom_mutator=custom_mutator)
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--format", choices=FORMATS, default="xlsx")
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--seed", type=int, default=1719)
    parser.add_argument("--timeout", type=float, default=20, help="seconds one case may take")
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # type: ignore[import-not-found]  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "random"
    if engine == "atheris":
        run_atheris(args.seconds, args.seed, args.timeout, args.format)
        return 0
    return 1 if run_random(args.seconds, args.seed, args.timeout, fmt=args.format) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
