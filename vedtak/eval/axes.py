"""Per-field F over a variation set, overall and per value of every variation axis.

`python -m vedtak.eval.axes DIR [--json] [--docs] [--show NAME] [--jobs N] [--actual ADIR] [--save-actual ADIR]` reads
DIR/manifest.json, DIR/pdf/*.pdf and DIR/expected/*.json (written by `python -m samples.generator.variation`),
extracts every PDF (or reads ADIR/<name>.json), and scores each field of `vedtak.eval.compare.FIELDS`
with its `match`. A document whose extraction fails scores as an empty record (everything missed) and
is listed. Overall F is the F of all fields' counts summed (micro); `macro` is the mean of the fields' F.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from vedtak.eval.compare import FIELDS, Score, fields

EMPTY: dict = {"meetings": [], "cases": [], "conflicts": [], "applications": [], "findings": []}


class SetError(RuntimeError):
    """The folder is not a variation set (no manifest, or a document without its PDF or expected record)."""


@dataclass
class Tally:
    """Summed counts per field over a group of documents."""

    docs: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in FIELDS})

    def add(self, per_field: dict[str, Score]) -> None:
        """Add one document's counts."""
        self.docs += 1
        for k, s in per_field.items():
            t = self.scores[k]
            t.tp += s.tp
            t.fp += s.fp
            t.fn += s.fn

    def overall(self) -> Score:
        """All fields' counts summed."""
        return Score(tp=sum(s.tp for s in self.scores.values()), fp=sum(s.fp for s in self.scores.values()),
                     fn=sum(s.fn for s in self.scores.values()))

    def macro(self) -> float:
        """Mean F of the fields that have any item (expected or extracted) in this group."""
        fs = [s.f1 for s in self.scores.values() if s.tp + s.fp + s.fn]
        return sum(fs) / len(fs) if fs else 1.0

    def as_json(self) -> dict:
        """Counts and F per field, with the overall figures."""
        o = self.overall()
        return {"docs": self.docs, "overall_f": round(o.f1, 4), "macro_f": round(self.macro(), 4),
                "fields": {k: {"f": round(s.f1, 4), "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                               "tp": s.tp, "fp": s.fp, "fn": s.fn} for k, s in self.scores.items()}}


def load_set(folder: Path) -> list[dict]:
    """The manifest's documents, each checked to have its PDF and expected record."""
    mf = folder / "manifest.json"
    if not mf.is_file():
        raise SetError(f"{folder}: no manifest.json (write the set with python -m samples.generator.variation)")
    docs = json.loads(mf.read_text(encoding="utf-8"))["documents"]
    for d in docs:
        for p in (folder / "pdf" / f"{d['name']}.pdf", folder / "expected" / f"{d['name']}.json"):
            if not p.is_file():
                raise SetError(f"{folder}: manifest lists {d['name']} but {p} is missing")
    return docs


def _extract(pdf: str) -> tuple[dict | None, str | None]:
    from vedtak.extract import extract_file

    try:
        return extract_file(pdf), None
    except Exception as e:  # noqa: BLE001 - one document's failure is scored as a miss and reported
        return None, f"{type(e).__name__}: {e}"


def score_docs(docs: list[dict], actual: dict[str, dict], expected: dict[str, dict]) -> dict:
    """Tallies: `overall` and `axes[axis][value]`, over documents with an actual record (a missing one
    counts as the empty record)."""
    total = Tally()
    by_axis: dict[str, dict[str, Tally]] = {}
    per_doc = {}
    for d in docs:
        per = {k: s for k, (s, _, _) in fields(actual.get(d["name"]) or EMPTY, expected[d["name"]]).items()}
        per_doc[d["name"]] = per
        total.add(per)
        for axis, value in d["axes"].items():
            by_axis.setdefault(axis, {}).setdefault(str(value), Tally()).add(per)
    return {"overall": total, "axes": by_axis, "docs": per_doc}


def run(folder: Path, jobs: int = 1, actual_dir: Path | None = None, save_actual: Path | None = None,
        only: str | None = None) -> tuple[dict, dict[str, str]]:
    """Extract (or load) and score a set (or only the document `only`); returns (tallies, errors by name)."""
    docs = load_set(folder)
    if only is not None:
        docs = [d for d in docs if d["name"] == only]
        if not docs:
            raise SetError(f"{folder}: no document {only!r} in the manifest")
    expected = {d["name"]: json.loads((folder / "expected" / f"{d['name']}.json").read_text(encoding="utf-8"))
                for d in docs}
    actual: dict[str, dict] = {}
    errors: dict[str, str] = {}
    if actual_dir is not None:
        for d in docs:
            p = actual_dir / f"{d['name']}.json"
            if p.is_file():
                actual[d["name"]] = json.loads(p.read_text(encoding="utf-8"))
            else:
                errors[d["name"]] = f"no actual record {p}"
    else:
        pdfs = [str(folder / "pdf" / f"{d['name']}.pdf") for d in docs]
        results: Iterable
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as ex:
                results = list(ex.map(_extract, pdfs, chunksize=4))
        else:
            results = map(_extract, pdfs)
        for d, (rec, err) in zip(docs, results):
            if err:
                errors[d["name"]] = err
            else:
                actual[d["name"]] = rec
    if save_actual is not None:
        save_actual.mkdir(parents=True, exist_ok=True)
        for name, rec in actual.items():
            (save_actual / f"{name}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1) + "\n",
                                                      encoding="utf-8")
    result = score_docs(docs, actual, expected)
    result["diffs"] = {d["name"]: fields(actual.get(d["name"]) or EMPTY, expected[d["name"]]) for d in docs}
    return result, errors


SHORT = {"kind": "kind", "cases": "cases", "titles": "title", "adopted_decisions": "adopt", "proposed_decisions": "prop",
         "applications": "apps", "conflicts": "confl", "conflict_grounds": "ground", "meetings": "meet",
         "present": "pres", "absent": "abs", "observers": "obs", "findings": "find"}


def _cell(s: Score) -> str:
    return "   - " if s.tp + s.fp + s.fn == 0 else f"{s.f1:5.2f}"


def table(result: dict) -> str:
    """Text table: one row for all documents, then one per axis value; a column per field, then the
    overall (micro) F and the number of documents. `-`: no item of that field in the group."""
    cols = list(FIELDS)
    head = f"{'group':44} " + " ".join(f"{SHORT[c]:>5}" for c in cols) + "  overall  docs"
    lines = [head, "-" * len(head)]

    def row(label: str, t: Tally) -> str:
        return (f"{label[:44]:44} " + " ".join(_cell(t.scores[c]) for c in cols)
                + f"  {t.overall().f1:7.3f}  {t.docs:4d}")

    lines.append(row("ALL", result["overall"]))
    for axis, values in result["axes"].items():
        lines.append("")
        for value, t in sorted(values.items()):
            lines.append(row(f"{axis}={value}".replace("\n", " "), t))
    return "\n".join(lines)


def per_doc(result: dict) -> str:
    """One line per document, worst first: its overall F and the fields below 1."""
    rows = []
    for name, per in result["docs"].items():
        o = Score(tp=sum(s.tp for s in per.values()), fp=sum(s.fp for s in per.values()),
                  fn=sum(s.fn for s in per.values()))
        weak = " ".join(f"{SHORT[k]}={s.f1:.2f}" for k, s in per.items() if s.tp + s.fp + s.fn and s.f1 < 1)
        rows.append((o.f1, name, weak))
    return "\n".join(f"{f:6.3f}  {name:40} {weak}" for f, name, weak in sorted(rows))


def show(result: dict, name: str) -> str:
    """The items of one document that were missed (expected, not extracted) or extra, per field."""
    if name not in result["diffs"]:
        raise SetError(f"no document {name!r} in the set")
    out = []
    for k, (s, missing, extra) in result["diffs"][name].items():
        if missing or extra:
            out.append(f"== {k}: F={s.f1:.2f} (tp {s.tp}, fp {s.fp}, fn {s.fn})")
            out += [f"   MISSING {m}" for m in missing] + [f"   EXTRA   {x}" for x in extra]
    return "\n".join(out) or f"{name}: every field right"


def as_json(result: dict, errors: dict[str, str]) -> dict:
    """The figures as JSON: overall, per axis value, and the documents that failed to extract."""
    return {"overall": result["overall"].as_json(),
            "axes": {a: {v: t.as_json() for v, t in sorted(vs.items())} for a, vs in result["axes"].items()},
            "errors": errors}


def main(argv: list[str] | None = None) -> int:
    """Score a variation set; print the table (or `--json`)."""
    ap = argparse.ArgumentParser(prog="python -m vedtak.eval.axes", description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="a set written by python -m samples.generator.variation")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--docs", action="store_true", help="also list every document's F, worst first")
    ap.add_argument("--show", metavar="NAME", help="print what one document missed and added, per field")
    ap.add_argument("--jobs", type=int, default=1, help="extraction processes (default 1)")
    ap.add_argument("--actual", type=Path, help="read extracted records from this folder instead of extracting")
    ap.add_argument("--save-actual", type=Path, help="write the extracted records to this folder")
    args = ap.parse_args(argv)
    try:
        result, errors = run(args.folder, args.jobs, args.actual, args.save_actual, only=args.show)
        if args.show:
            print(show(result, args.show))
            return 0
    except SetError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.docs and not args.json:
        print(per_doc(result) + "\n")
    if args.json:
        print(json.dumps(as_json(result, errors), ensure_ascii=False, indent=1))
    else:
        print(table(result))
        for name, err in sorted(errors.items()):
            print(f"EXTRACTION FAILED {name}: {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
