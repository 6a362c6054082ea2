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


def compare(actual: dict, expected: dict) -> dict[str, tuple[Score, list, list]]:
    """Per type: (score, missing keys, extra keys); multiset comparison of record keys."""
    out = {}
    for kind, key in KEYS.items():
        a = [key(x) for x in actual.get(kind, [])]
        e = [key(x) for x in expected.get(kind, [])]
        rest = list(a)
        missing = []
        for k in e:
            if k in rest:
                rest.remove(k)
            else:
                missing.append(k)
        s = Score(tp=len(e) - len(missing), fp=len(rest), fn=len(missing))
        out[kind] = (s, missing, rest)
    return out


def main(argv: list[str]) -> int:
    """`python -m vedtak.eval.compare PDF_DIR EXPECTED_DIR [-v]`: scores over a folder of samples."""
    from vedtak.extract import extract_file

    pdf_dir, exp_dir = Path(argv[0]), Path(argv[1])
    verbose = "-v" in argv
    totals: dict[str, Score] = {k: Score() for k in KEYS}
    for exp_path in sorted(exp_dir.glob("*.json")):
        pdf = pdf_dir / (exp_path.stem + ".pdf")
        expected = json.loads(exp_path.read_text())
        actual = extract_file(pdf)
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
