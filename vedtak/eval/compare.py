"""Compare an extracted record with an expected one: precision/recall/F per record type.

Used by the golden tests, the unseen check and `python -m vedtak.eval.compare`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _c(text: Any) -> Any:
    if isinstance(text, str):
        return re.sub(r"\s+", " ", text).strip()
    return text


def _t(items: Iterable[Any]) -> tuple:
    return tuple(sorted(_c(i) for i in items))


KEYS: dict[str, Callable[[dict], tuple]] = {
    "meetings": lambda m: (m.get("number"), m.get("date"), _c(m.get("place")), _t(m.get("present", [])), m.get("chair"),
                           _t(m.get("absent", [])), _t(m.get("observers", []))),
    "cases": lambda c: (c.get("case_id"), c.get("meeting"), _c(c.get("title")), c.get("case_type"), _c(c.get("proposed_decision")),
                        _c(c.get("decision")), c.get("exempt"), _t(c.get("references", []))),
    "conflicts": lambda c: (c.get("case_id"), c.get("person"), c.get("role"), c.get("scope")),
    "applications": lambda a: (a.get("application_id"), a.get("case_id"), a.get("outcome"), a.get("stage"), a.get("rank"), _c(a.get("title"))),
    "budget_cuts": lambda b: (b.get("application_id"), b.get("case_id"), b.get("amount_nok")),
    "findings": lambda f: (f.get("code"), f.get("case_id"), f.get("application_id")),
    "conflict_declarations": lambda d: (d.get("recorded_in"), d.get("scope"), d.get("stage")),
}


@dataclass
class Score:
    """Counts for one record type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match(actual: list, expected: list) -> tuple[Score, list, list]:
    """Multiset comparison of two lists of keys: (score, expected keys missing, actual keys extra)."""
    rest = list(actual)
    missing = []
    for k in expected:
        if k in rest:
            rest.remove(k)
        else:
            missing.append(k)
    return Score(tp=len(expected) - len(missing), fp=len(rest), fn=len(missing)), missing, rest


def compare(actual: dict, expected: dict) -> dict[str, tuple[Score, list, list]]:
    """Per type: (score, missing keys, extra keys); multiset comparison of record keys."""
    return {kind: match([key(x) for x in actual.get(kind, [])], [key(x) for x in expected.get(kind, [])])
            for kind, key in KEYS.items()}


#: Finding codes the sample generators state in expected records; other codes an extractor reports
#: (self-checks the generators do not model) are not counted against it by `fields`.
EXPECTED_FINDINGS = frozenset({"count_mismatch", "conflicting_outcomes", "missing_case_header"})


def _names(field: str) -> Callable[[dict], list]:
    return lambda rec: [(m.get("number"), _c(n)) for m in rec.get("meetings", []) for n in m.get(field) or []]


def _texts(field: str) -> Callable[[dict], list]:
    return lambda rec: [(c.get("case_id"), _c(c.get(field))) for c in rec.get("cases", []) if c.get(field)]


#: Per-field items of a record, finer than KEYS: the document's kind (`case_papers`, `minutes`, `other`),
#: one item per case id, per title, per decision text, per person present/absent/observing; the record
#: types keep their KEYS. Each field is scored by `match`.
FIELDS: dict[str, Callable[[dict], list]] = {
    "kind": lambda rec: [(k,) for k in [(rec.get("document") or {}).get("kind")] if k],
    "cases": lambda rec: [(c.get("case_id"),) for c in rec.get("cases", [])],
    "titles": _texts("title"),
    "adopted_decisions": _texts("decision"),
    "proposed_decisions": _texts("proposed_decision"),
    "applications": lambda rec: [KEYS["applications"](a) for a in rec.get("applications", [])],
    "conflicts": lambda rec: [KEYS["conflicts"](c) for c in rec.get("conflicts", [])],
    "conflict_grounds": lambda rec: [(c.get("case_id"), c.get("person"), _c(c["ground"]).casefold())
                                     for c in rec.get("conflicts", []) if c.get("ground")],
    "meetings": lambda rec: [(m.get("number"), m.get("date"), m.get("chair")) for m in rec.get("meetings", [])],
    "present": _names("present"),
    "absent": _names("absent"),
    "observers": _names("observers"),
    "findings": lambda rec: [KEYS["findings"](f) for f in rec.get("findings", [])
                             if f.get("code") in EXPECTED_FINDINGS],
}


def fields(actual: dict, expected: dict) -> dict[str, tuple[Score, list, list]]:
    """Per field of FIELDS: (score, missing items, extra items)."""
    return {name: match(items(actual), items(expected)) for name, items in FIELDS.items()}


def main(argv: list[str]) -> int:
    """`python -m vedtak.eval.compare PDF_DIR EXPECTED_DIR [-v]`: scores over a folder of samples, per
    record type (KEYS) and per field (FIELDS, with their overall F)."""
    from vedtak.extract import extract_file

    pdf_dir, exp_dir = Path(argv[0]), Path(argv[1])
    verbose = "-v" in argv
    totals: dict[str, Score] = {k: Score() for k in KEYS}
    per_field: dict[str, Score] = {k: Score() for k in FIELDS}
    for exp_path in sorted(exp_dir.glob("*.json")):
        pdf = pdf_dir / (exp_path.stem + ".pdf")
        expected = json.loads(exp_path.read_text())
        actual = extract_file(pdf)
        for name, (s, _, _) in fields(actual, expected).items():
            t = per_field[name]
            t.tp += s.tp; t.fp += s.fp; t.fn += s.fn
        result = compare(actual, expected)
        line = []
        for kind, (s, missing, extra) in result.items():
            t = totals[kind]
            t.tp += s.tp; t.fp += s.fp; t.fn += s.fn
            if s.fp or s.fn:
                line.append(f"{kind} F={s.f1:.2f} (-{s.fn} +{s.fp})")
                if verbose:
                    for m in missing[:12]:
                        print(f"   MISSING {kind}: {m}")
                    for x in extra[:12]:
                        print(f"   EXTRA   {kind}: {x}")
        print(f"{exp_path.stem}: {'OK' if not line else '; '.join(line)}")
    print("TOTAL " + "  ".join(f"{k}: F={s.f1:.3f}" for k, s in totals.items()))
    used = [s for s in per_field.values() if s.tp + s.fp + s.fn]
    micro = Score(tp=sum(s.tp for s in used), fp=sum(s.fp for s in used), fn=sum(s.fn for s in used))
    print("FIELDS " + "  ".join(f"{k}: F={s.f1:.3f}" for k, s in per_field.items() if s.tp + s.fp + s.fn)
          + f"  overall: F={micro.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
