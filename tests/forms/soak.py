"""`make soak`: thousands of generated forms over the whole space of shapes, in parallel, with
recall and false errors per dimension of shape; failures kept as regression workbooks.

    python tests/forms/soak.py --forms 20000 --workers 2 [--supported] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forms.check import Outcome, check_form
from forms.dimensions import SPACE, SUPPORTED, draw_shape
from forms.files import convert_many
from forms.generate import GeneratedForm, generate

CHUNK = 50


@dataclass
class Record:
    """What one form gave: its shape, planted and found, false errors, and why it failed."""

    seed: int
    shape: dict[str, str]
    planted: int
    found: int
    false_errors: int
    failed: bool
    explanation: str
    kept: str | None = None
    rules: tuple[tuple[str, int, int], ...] = ()
    """(rule, planted, found) of each rule planted on the form."""


def run_chunk(
    seeds: list[int],
    supported_only: bool,
    keep: str | None,
    overrides: dict[str, str] | None = None,
) -> list[Record]:
    """Generate, convert (.xls/.ods in one LibreOffice run each), check; one temporary folder."""
    records = []
    with tempfile.TemporaryDirectory() as folder:
        forms = [generate(seed, Path(folder), supported_only, overrides) for seed in seeds]
        for target in ("xls", "ods"):
            todo = [f for f in forms if f.shape["file_type"] == target]
            try:
                converted = convert_many([f.path for f in todo], target)
            except Exception as exc:  # LibreOffice missing or failing: those forms fail
                converted = {}
                print(f"conversion to {target} failed: {exc}", file=sys.stderr)
            for form in todo:
                form.path = converted.get(form.path, form.path.with_suffix(f".{target}"))
        for form in forms:
            records.append(_record(form, keep))
    return records


def _record(form: GeneratedForm, keep: str | None) -> Record:
    try:
        outcome = check_form(form) if form.path.exists() else None
    except Exception as exc:  # a crash is a failure of that form, not of the soak
        outcome = None
        why = f"seed {form.seed}: mtqg raised {type(exc).__name__}: {exc}"
    else:
        why = outcome.explain() if outcome else f"seed {form.seed}: no file made"
    if outcome is None:
        return Record(form.seed, form.shape.as_dict(), len(form.planted), 0, 0, True, why)
    found = len(form.planted) - len(outcome.missed_plants)
    rules = sorted({rule for rule, _, _ in form.planted})
    per_rule = tuple(
        (rule, sum(p[0] == rule for p in form.planted),
         sum(p[0] == rule for p in form.planted if p not in outcome.missed_plants))
        for rule in rules
    )  # fmt: skip
    record = Record(
        form.seed, form.shape.as_dict(), len(form.planted), found,
        len(outcome.false_errors), not outcome.ok, outcome.explain(), rules=per_rule,
    )  # fmt: skip
    if record.failed and keep:
        record.kept = keep_form(form, outcome, Path(keep))
    return record


def keep_form(form: GeneratedForm, outcome: Outcome, folder: Path) -> str:
    """The failing form and what it must give, side by side, for tests/regressions/forms/."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"form-{form.seed}{form.path.suffix}"
    shutil.copyfile(form.path, target)
    expectations = {
        "seed": form.seed,
        "shape": form.shape.as_dict(),
        "planted": sorted(form.planted),
        "expected": sorted(form.expected),
        "summary": form.summary,
        "codes": sorted(form.codes),
        "failure": outcome.explain(),
    }
    target.with_suffix(".json").write_text(
        json.dumps(expectations, ensure_ascii=False, indent=1), "utf-8"
    )
    return target.name


def table(records: list[Record]) -> str:
    """dimension=value → forms, planted, found, recall %, false errors, forms failing."""
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for record in records:
        for key in [("ALL", "ALL"), *record.shape.items()]:
            row = rows[key]
            row[0] += 1
            row[1] += record.planted
            row[2] += record.found
            row[3] += record.false_errors
            row[4] += record.failed
        for rule, planted, found in record.rules:
            row = rows[("planted", rule)]
            row[0] += 1
            row[1] += planted
            row[2] += found
            row[3] += record.false_errors
            row[4] += record.failed
    lines = [
        f"{'dimension=value':42} {'forms':>6} {'planted':>7} {'found':>6} {'recall %':>8} "
        f"{'false err':>9} {'failing':>7}"
    ]
    for (dimension, value), (forms, planted, found, false, failing) in sorted(rows.items()):
        recall = f"{100 * found / planted:.1f}" if planted else "-"
        label = "ALL" if dimension == "ALL" else f"{dimension}={value}"
        lines.append(
            f"{label:42} {forms:6d} {planted:7d} {found:6d} {recall:>8} {false:9d} {failing:7d}"
        )
    return "\n".join(lines)


def isolate(forms: int, workers: int, first_seed: int) -> int:
    """Each value outside SUPPORTED alone, on otherwise supported forms: what it breaks, and
    one failure of each in full (the value to blame is then the only unsupported one)."""
    seeds = list(range(first_seed, first_seed + forms))
    values = [(d, v) for d, vs in SPACE.items() for v in vs if v not in SUPPORTED[d]]
    print(f"{'value (alone, on supported forms)':42} {'forms':>6} {'planted':>7} {'found':>6} "
          f"{'false err':>9} {'failing':>7}")  # fmt: skip
    examples = []
    with ProcessPoolExecutor(workers) as pool:
        jobs = {(d, v): pool.submit(run_chunk, seeds, True, None, {d: v}) for d, v in values}
        for (dimension, value), job in jobs.items():
            records = [r for r in job.result() if r.shape[dimension] == value]
            failing = [r for r in records if r.failed]
            planted, found = sum(r.planted for r in records), sum(r.found for r in records)
            false = sum(r.false_errors for r in records)
            print(f"{dimension + '=' + value:42} {len(records):6d} {planted:7d} {found:6d} "
                  f"{false:9d} {len(failing):7d}", flush=True)  # fmt: skip
            if failing:
                examples.append(f"{dimension}={value}: {failing[0].explanation}")
    print("\n" + "\n\n".join(examples))
    return 0


def only_seeds(seeds: list[int], supported_only: bool, wanted: list[str]) -> list[int]:
    """The seeds whose drawn shape has one of the `dimension=value` pairs: the same forms the
    whole run would make, without making the others (a failure of a 20,000 run found again)."""
    pairs = {tuple(item.split("=", 1)) for item in wanted}
    return [
        seed
        for seed in seeds
        if pairs & set(draw_shape(random.Random(seed), supported_only).values)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=int(os.environ.get("SOAK_FORMS", 20000)))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--supported", action="store_true", help="draw only SUPPORTED values")
    parser.add_argument("--keep", help="folder to write each failing form and its expectations")
    parser.add_argument("--examples", type=int, default=0, help="failures to print in full")
    parser.add_argument(
        "--isolate", action="store_true", help="each unsupported value alone on supported forms"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="DIMENSION=VALUE",
        help="of the seeds, only those whose shape has this value (repeat: any of them)",
    )
    args = parser.parse_args(argv)
    if args.isolate:
        return isolate(args.forms, args.workers, args.first_seed)
    seeds = list(range(args.first_seed, args.first_seed + args.forms))
    if args.only:
        seeds = only_seeds(seeds, args.supported, args.only)
    chunks = [seeds[i : i + CHUNK] for i in range(0, len(seeds), CHUNK)]
    start = time.monotonic()
    records: list[Record] = []
    with ProcessPoolExecutor(args.workers) as pool:
        jobs = [pool.submit(run_chunk, c, args.supported, args.keep) for c in chunks]
        for done, job in enumerate(jobs, start=1):
            records += job.result()
            print(f"\r{done * CHUNK}/{len(seeds)} forms", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(table(records))
    failing = [r for r in records if r.failed]
    for record in failing[: args.examples]:
        print("\n" + record.explanation)
    planted = sum(r.planted for r in records)
    found = sum(r.found for r in records)
    false = sum(r.false_errors for r in records)
    print(
        f"\n{len(records)} forms in {time.monotonic() - start:.0f} s: recall "
        f"{100 * found / max(planted, 1):.2f} % ({found}/{planted}), {false} false errors, "
        f"{len(failing)} forms failing"
    )
    return 0 if not failing else 1


if __name__ == "__main__":
    sys.exit(main())
